"""Markdown, plain-text and HTML loaders, and the suffix dispatch of ``load_file``."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingestion.loaders import SUPPORTED_SUFFIXES, load_file
from ingestion.loaders.base import SkipFile
from ingestion.loaders.common import detect_lang
from ingestion.loaders.markdown import strip_inline

MODULE = """---
title: "การคำนวณคาร์บอนจากค่าไฟฟ้า"
module: 3
week: "3"
topics: ["ไฟฟ้า", "emission factor"]
sources:
  - title: "ประกาศ อบก."
    url: "https://example.org/tgo"
---
# การคำนวณคาร์บอนจากค่าไฟฟ้า

บทนี้อธิบายการแปลง**หน่วยไฟฟ้า**เป็นคาร์บอน ดู[ประกาศค่าการปล่อย](https://example.org/ef)ประกอบ

## ค่าการปล่อยของไฟฟ้า

ค่าการปล่อยก๊าซเรือนกระจกของไฟฟ้าคือ 0.4750 kgCO2e ต่อหน่วย

| แหล่ง | ค่า |
|---|---|
| ไฟฟ้าจากระบบ | 0.4750 |

### ตัวอย่างการคำนวณ

- ใช้ไฟเดือนละ 10,000 หน่วย
- ปล่อย 10,000 × 0.4750 = 4,750 กิโลกรัม

## น้ำมันดีเซล

น้ำมันดีเซล 1 ลิตรปล่อยประมาณ 2.74 กิโลกรัม
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_markdown_front_matter_title_and_heading_paths(tmp_path: Path) -> None:
    [doc] = load_file(_write(tmp_path, "week03.md", MODULE), "modules/week03.md")
    assert doc.source == "modules/week03.md"
    assert doc.title == "การคำนวณคาร์บอนจากค่าไฟฟ้า"
    assert (doc.module, doc.week, doc.topics) == (3, 3, ("ไฟฟ้า", "emission factor"))
    assert (doc.lang, doc.kind) == ("th", "course")
    paths = [s.heading_path for s in doc.sections]
    assert paths == [
        (),
        ("ค่าการปล่อยของไฟฟ้า",),
        ("ค่าการปล่อยของไฟฟ้า", "ตัวอย่างการคำนวณ"),
        ("น้ำมันดีเซล",),
    ]
    intro, table, example, _ = (s.text for s in doc.sections)
    assert intro == "บทนี้อธิบายการแปลงหน่วยไฟฟ้าเป็นคาร์บอน ดูประกาศค่าการปล่อยประกอบ"
    assert "แหล่ง | ค่า\nไฟฟ้าจากระบบ | 0.4750" in table
    assert "|---" not in table
    assert example == "- ใช้ไฟเดือนละ 10,000 หน่วย\n- ปล่อย 10,000 × 0.4750 = 4,750 กิโลกรัม"
    everything = "\n".join(s.text for s in doc.sections)
    assert "example.org" not in everything and "sources" not in everything and "**" not in everything


def test_markdown_title_falls_back_to_heading_then_stem(tmp_path: Path) -> None:
    text = "# โซลาร์รูฟท็อป\n\nแผงหนึ่งกิโลวัตต์พีคผลิตไฟได้ราว 1,300 หน่วยต่อปี\n"
    [doc] = load_file(_write(tmp_path, "a.md", text), "a.md")
    assert doc.title == "โซลาร์รูฟท็อป"
    assert doc.sections[0].heading_path == ()
    [doc] = load_file(_write(tmp_path, "note-ev.markdown", "ไม่มีหัวข้อ มีแต่ข้อความ\n"), "note-ev.markdown")
    assert doc.title == "note-ev"


def test_markdown_top_heading_that_differs_from_title_stays_searchable(tmp_path: Path) -> None:
    text = '---\ntitle: "พลังงานทดแทน"\n---\n# สัปดาห์ที่ 5: พลังงานทดแทน\n\nบทนำ\n\n## แสงอาทิตย์\n\nรายละเอียด\n'
    [doc] = load_file(_write(tmp_path, "w5.md", text), "w5.md")
    assert [s.heading_path for s in doc.sections] == [(), ("แสงอาทิตย์",)]
    assert doc.sections[0].text == "สัปดาห์ที่ 5: พลังงานทดแทน\nบทนำ"


def test_markdown_with_several_top_headings_keeps_them_in_paths(tmp_path: Path) -> None:
    text = "# ไฟฟ้า\n\nค่าไฟ\n\n# น้ำมัน\n\nค่าน้ำมัน\n"
    [doc] = load_file(_write(tmp_path, "x.md", text), "x.md")
    assert doc.title == "ไฟฟ้า"
    assert [s.heading_path for s in doc.sections] == [(), ("น้ำมัน",)]


def test_markdown_invalid_front_matter_is_skipped_with_reason(tmp_path: Path) -> None:
    with pytest.raises(SkipFile, match="invalid YAML front matter"):
        load_file(_write(tmp_path, "bad.md", '---\ntitle: "ไม่ปิด\nweek: [\n---\nข้อความ\n'), "bad.md")


def test_strip_inline_keeps_text_and_escapes() -> None:
    assert strip_inline("**ตัวหนา** _เอียง_ `code` [ลิงก์](https://x.y) ![ภาพ](a.png) 5 \\* 3") == (
        "ตัวหนา เอียง code ลิงก์ ภาพ 5 * 3"
    )
    assert strip_inline("snake_case_name") == "snake_case_name"


def test_text_title_paragraphs_and_long_files(tmp_path: Path) -> None:
    short = "คาร์บอนเครดิต\n\nโครงการ T-VER ดำเนินการโดย อบก.\nมีหน่วยเป็นตัน\n\nซื้อขายนอกตลาด\n"
    [doc] = load_file(_write(tmp_path, "credits.txt", short), "credits.txt")
    assert doc.title == "คาร์บอนเครดิต"
    assert len(doc.sections) == 1
    assert doc.sections[0].text == "คาร์บอนเครดิต\n\nโครงการ T-VER ดำเนินการโดย อบก.\nมีหน่วยเป็นตัน\n\nซื้อขายนอกตลาด"

    long_line = "ก" * 150
    [doc] = load_file(_write(tmp_path, "long.txt", long_line + "\n"), "long.txt")
    assert doc.title == "long"

    paragraphs = "\n\n".join(f"ย่อหน้าที่ {i}\nบรรทัดที่สองของย่อหน้า {i}" for i in range(60))
    [doc] = load_file(_write(tmp_path, "many.txt", paragraphs), "many.txt")
    assert len(doc.sections) == 3
    assert all(len(s.text.splitlines()) <= 40 + 20 for s in doc.sections)  # lines plus blank separators
    joined = "\n\n".join(s.text for s in doc.sections)
    assert "ย่อหน้าที่ 0" in joined and "ย่อหน้าที่ 59" in joined


def test_text_without_blank_lines_is_still_cut(tmp_path: Path) -> None:
    lines = "\n".join(f"ประโยคที่ {i}" for i in range(100))
    [doc] = load_file(_write(tmp_path, "lines.txt", lines), "lines.txt")
    assert [len(s.text.splitlines()) for s in doc.sections] == [40, 40, 20]


def test_text_in_windows_thai_encoding(tmp_path: Path) -> None:
    path = tmp_path / "cp874.txt"
    path.write_bytes("ประหยัดพลังงาน\n\nปิดไฟเมื่อไม่ใช้งาน\n".encode("cp874"))
    [doc] = load_file(path, "cp874.txt")
    assert doc.title == "ประหยัดพลังงาน"


HTML = """<!doctype html>
<html><head><meta charset="utf-8"><title>ฉลากคาร์บอน</title><style>p {color: red}</style></head>
<body>
<header><a href="/">โลโก้เว็บไซต์</a></header>
<nav><a href="/">หน้าแรก</a> <a href="/menu">เมนูนำทาง</a></nav>
<div role="navigation">ลิงก์ด่วน</div>
<p>ข้อความนอกเนื้อหาหลัก</p>
<main>
  <h1>ฉลากคาร์บอน</h1>
  <p>ฉลากคาร์บอน<b>ช่วย</b>ให้ผู้บริโภคเลือกสินค้า</p>
  <h2>ฉลากลดโลกร้อน</h2>
  <p>ต้องลดลงอย่างน้อย<br>ร้อยละ 2</p>
  <ul><li>ลดจากปีฐาน</li><li>ตรวจโดยผู้ทวนสอบ</li></ul>
  <h3>ตัวอย่าง</h3>
  <table><tr><th>สินค้า</th><th>ลดลง</th></tr><tr><td>ปูนซีเมนต์</td><td>5%</td></tr></table>
  <aside>บทความที่เกี่ยวข้อง</aside>
  <form><input name="q"><button>ค้นหา</button></form>
  <script>var tracking = 1;</script>
  <h2>ฉลากคาร์บอนฟุตพริ้นท์</h2>
  <p>แสดงปริมาณก๊าซตลอดวัฏจักรชีวิต</p>
</main>
<footer>ลิขสิทธิ์ 2569</footer>
</body></html>"""


def test_html_main_text_only_with_heading_paths(tmp_path: Path) -> None:
    [doc] = load_file(_write(tmp_path, "cfr.htm", HTML), "web/cfr.htm")
    assert doc.title == "ฉลากคาร์บอน"
    assert [s.heading_path for s in doc.sections] == [
        (),
        ("ฉลากลดโลกร้อน",),
        ("ฉลากลดโลกร้อน", "ตัวอย่าง"),
        ("ฉลากคาร์บอนฟุตพริ้นท์",),
    ]
    assert doc.sections[0].text == "ฉลากคาร์บอนช่วยให้ผู้บริโภคเลือกสินค้า"
    assert doc.sections[1].text == "ต้องลดลงอย่างน้อย\nร้อยละ 2\n- ลดจากปีฐาน\n- ตรวจโดยผู้ทวนสอบ"
    assert doc.sections[2].text == "สินค้า | ลดลง\nปูนซีเมนต์ | 5%"
    everything = "\n".join(s.text for s in doc.sections)
    for furniture in ("โลโก้", "เมนูนำทาง", "ลิงก์ด่วน", "นอกเนื้อหาหลัก", "เกี่ยวข้อง", "ค้นหา", "tracking", "ลิขสิทธิ์", "color"):
        assert furniture not in everything


def test_html_without_main_uses_article_and_h1_title(tmp_path: Path) -> None:
    html = """<html><body><nav>เมนู</nav><article><header><h1>การปลูกป่า</h1></header>
    <p>ต้นไม้ดูดซับคาร์บอน</p></article><footer>ท้าย</footer></body></html>"""
    [doc] = load_file(_write(tmp_path, "forest.html", html), "forest.html")
    assert doc.title == "การปลูกป่า"
    assert [(s.heading_path, s.text) for s in doc.sections] == [((), "ต้นไม้ดูดซับคาร์บอน")]


def test_html_in_tis620_charset(tmp_path: Path) -> None:
    html = '<html><head><meta charset="tis-620"><title>พลังงาน</title></head><body><p>ประหยัดไฟ</p></body></html>'
    path = tmp_path / "old.html"
    path.write_bytes(html.encode("tis-620"))
    [doc] = load_file(path, "old.html")
    assert (doc.title, doc.sections[0].text) == ("พลังงาน", "ประหยัดไฟ")


def test_dispatch_by_lower_cased_suffix(tmp_path: Path) -> None:
    assert {".md", ".markdown", ".txt", ".html", ".htm", ".pdf", ".docx", ".pptx", ".yaml", ".yml"} == (
        SUPPORTED_SUFFIXES
    )
    [doc] = load_file(_write(tmp_path, "UPPER.MD", "# หัวเรื่อง\n\nเนื้อหา\n"), "UPPER.MD")
    assert doc.title == "หัวเรื่อง"


def test_unsupported_and_empty_files_are_skipped(tmp_path: Path) -> None:
    with pytest.raises(SkipFile, match=r"^unsupported file type \.xlsx$"):
        load_file(_write(tmp_path, "budget.xlsx", "PK"), "budget.xlsx")
    for name in ("empty.md", "empty.txt", "empty.pdf", "empty.docx", "empty.yaml"):
        with pytest.raises(SkipFile, match=r"^empty: no text found$"):
            load_file(_write(tmp_path, name, ""), name)
    for name, text in (
        ("blank.txt", "\n \n\t\n"),
        ("meta-only.md", "---\ntitle: x\n---\n"),
        ("no-body.html", "<html><body><nav>เมนู</nav></body></html>"),
    ):
        with pytest.raises(SkipFile, match=r"^empty: no text found$"):
            load_file(_write(tmp_path, name, text), name)


def test_lang_is_th_unless_mostly_latin(tmp_path: Path) -> None:
    assert detect_lang("การคำนวณ Scope 2 ตามมาตรฐาน ISO 14064-1 และ GHG Protocol") == "th"
    assert detect_lang("Carbon Border Adjustment Mechanism applies to imports into the EU") == "en"
    assert detect_lang("") == "th"
    english = "# CBAM\n\nThe EU charges a carbon price on imports.\n"
    [doc] = load_file(_write(tmp_path, "en.md", english), "en.md")
    assert doc.lang == "en"


def test_text_is_normalized(tmp_path: Path) -> None:
    # A tone mark typed before its vowel and a split sara am, as old documents carry them.
    [doc] = load_file(_write(tmp_path, "n.txt", "ท\u0e48\u0e35นี\u0e49 น\u0e49\u0e4d\u0e32\n"), "n.txt")
    assert doc.sections[0].text == "ที่นี้ น้ำ"
