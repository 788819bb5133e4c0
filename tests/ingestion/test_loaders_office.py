"""DOCX and PPTX loaders on real files built with python-docx and python-pptx."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from pptx import Presentation
from pptx.util import Inches

from ingestion.loaders import load_file
from ingestion.loaders.base import SkipFile
from ingestion.loaders.pptx import NOTES_PREFIX


def _docx(path: Path, *, core_title: str = "", with_title_style: bool = True) -> Path:
    doc = Document()
    doc.core_properties.title = core_title
    if with_title_style:
        doc.add_heading("สินเชื่อสีเขียวสำหรับ SME", level=0)
    doc.add_paragraph("เอกสารนี้สรุปแหล่งเงินทุนสำหรับการลดคาร์บอน")
    doc.add_heading("ธนาคารพัฒนาวิสาหกิจ", level=1)
    doc.add_paragraph("ดอกเบี้ยคงที่ร้อยละ 3 ต่อปีในสามปีแรก")
    doc.add_paragraph("กู้ได้สูงสุด 10 ปี", style="List Bullet")
    doc.add_heading("เงื่อนไข", level=2)
    table = doc.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "รายการ", (0, 1): "ค่า", (1, 0): "วงเงิน", (1, 1): "5 ล้านบาท"}.items():
        table.cell(r, c).text = text
    doc.add_heading("กองทุนอนุรักษ์พลังงาน", level=1)
    doc.add_paragraph("เงินกู้ดอกเบี้ยต่ำสำหรับเปลี่ยนอุปกรณ์ประหยัดพลังงาน")
    doc.save(str(path))
    return path


def test_docx_heading_paths_tables_and_title_style(tmp_path: Path) -> None:
    [doc] = load_file(_docx(tmp_path / "loans.docx"), "loans.docx")
    assert doc.title == "สินเชื่อสีเขียวสำหรับ SME"
    assert [(s.heading_path, s.text) for s in doc.sections] == [
        ((), "เอกสารนี้สรุปแหล่งเงินทุนสำหรับการลดคาร์บอน"),
        (("ธนาคารพัฒนาวิสาหกิจ",), "ดอกเบี้ยคงที่ร้อยละ 3 ต่อปีในสามปีแรก\n- กู้ได้สูงสุด 10 ปี"),
        (("ธนาคารพัฒนาวิสาหกิจ", "เงื่อนไข"), "รายการ | ค่า\nวงเงิน | 5 ล้านบาท"),
        (("กองทุนอนุรักษ์พลังงาน",), "เงินกู้ดอกเบี้ยต่ำสำหรับเปลี่ยนอุปกรณ์ประหยัดพลังงาน"),
    ]
    assert (doc.lang, doc.kind) == ("th", "course")


def test_docx_title_precedence(tmp_path: Path) -> None:
    [doc] = load_file(_docx(tmp_path / "a.docx", core_title="คู่มือเงินทุนสีเขียว"), "a.docx")
    assert doc.title == "คู่มือเงินทุนสีเขียว"
    # The Title-style paragraph differs from the title: it is kept as text, not as a path.
    assert doc.sections[0].heading_path == ()
    assert doc.sections[0].text.startswith("สินเชื่อสีเขียวสำหรับ SME\n")
    [doc] = load_file(_docx(tmp_path / "b.docx", with_title_style=False), "b.docx")
    assert doc.title == "ธนาคารพัฒนาวิสาหกิจ"  # first heading
    empty = Document()
    empty.add_paragraph("มีแต่ย่อหน้าธรรมดา")
    empty.save(str(tmp_path / "plain-notes.docx"))
    [doc] = load_file(tmp_path / "plain-notes.docx", "plain-notes.docx")
    assert doc.title == "plain-notes"


def test_docx_corrupt_zip_is_skipped(tmp_path: Path) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(_docx(tmp_path / "ok.docx").read_bytes()[:300])
    with pytest.raises(SkipFile, match=r"^corrupt DOCX"):
        load_file(broken, "broken.docx")
    (tmp_path / "text.docx").write_text("ไม่ใช่ไฟล์เวิร์ด", encoding="utf-8")
    with pytest.raises(SkipFile, match=r"^corrupt DOCX"):
        load_file(tmp_path / "text.docx", "text.docx")


def _deck(path: Path, core_title: str = "") -> Path:
    deck = Presentation()
    deck.core_properties.title = core_title
    cover = deck.slides.add_slide(deck.slide_layouts[0])
    cover.shapes.title.text = "โซลาร์รูฟท็อปสำหรับโรงงาน"
    cover.placeholders[1].text = "สัปดาห์ที่ 5"

    sizing = deck.slides.add_slide(deck.slide_layouts[1])
    sizing.shapes.title.text = "ขนาดระบบ"
    body = sizing.placeholders[1].text_frame
    body.text = "ระบบ 1 กิโลวัตต์พีคใช้หลังคาประมาณ 6.5 ตารางเมตร"
    sub = body.add_paragraph()
    sub.text = "ตรวจความแข็งแรงของหลังคาก่อน"
    sub.level = 1
    sizing.notes_slide.notes_text_frame.text = "อธิบายการวัดพื้นที่หลังคา"

    costs = deck.slides.add_slide(deck.slide_layouts[5])  # title only
    costs.shapes.title.text = "ต้นทุนและระยะคืนทุน"
    table = costs.shapes.add_table(2, 2, Inches(1), Inches(2), Inches(6), Inches(1)).table
    for (r, c), text in {(0, 0): "ขนาด", (0, 1): "ราคา", (1, 0): "50 kWp", (1, 1): "1.5 ล้านบาท"}.items():
        table.cell(r, c).text = text
    group = costs.shapes.add_group_shape()
    box = group.shapes.add_textbox(Inches(1), Inches(4), Inches(6), Inches(1))
    box.text_frame.text = "ระยะคืนทุน 4 ถึง 7 ปี"
    costs.notes_slide.notes_text_frame.text = "ย้ำว่าเป็นตัวเลขจากผู้ขาย"

    blank = deck.slides.add_slide(deck.slide_layouts[6])
    blank.shapes.add_textbox(Inches(1), Inches(1), Inches(6), Inches(1)).text_frame.text = "คำถามท้ายบท"
    deck.save(str(path))
    return path


def test_pptx_one_section_per_slide_with_tables_groups_and_notes(tmp_path: Path) -> None:
    [doc] = load_file(_deck(tmp_path / "solar.pptx"), "solar.pptx")
    assert doc.title == "โซลาร์รูฟท็อปสำหรับโรงงาน"  # first slide's title
    assert [s.slide for s in doc.sections] == [1, 2, 3, 4]
    assert [s.heading_path for s in doc.sections] == [
        ("โซลาร์รูฟท็อปสำหรับโรงงาน",),
        ("ขนาดระบบ",),
        ("ต้นทุนและระยะคืนทุน",),
        (),
    ]
    cover, sizing, costs, blank = (s.text for s in doc.sections)
    assert cover == "สัปดาห์ที่ 5"
    assert sizing == (
        f"ระบบ 1 กิโลวัตต์พีคใช้หลังคาประมาณ 6.5 ตารางเมตร\nตรวจความแข็งแรงของหลังคาก่อน\n{NOTES_PREFIX}อธิบายการวัดพื้นที่หลังคา"
    )
    assert costs == f"ขนาด | ราคา\n50 kWp | 1.5 ล้านบาท\nระยะคืนทุน 4 ถึง 7 ปี\n{NOTES_PREFIX}ย้ำว่าเป็นตัวเลขจากผู้ขาย"
    assert "ขนาดระบบ" not in sizing  # the title is the path, not repeated as text
    assert blank == "คำถามท้ายบท"
    assert all(s.page is None for s in doc.sections)


def test_pptx_core_title_wins_and_stem_is_last(tmp_path: Path) -> None:
    [doc] = load_file(_deck(tmp_path / "a.pptx", core_title="พลังงานแสงอาทิตย์"), "a.pptx")
    assert doc.title == "พลังงานแสงอาทิตย์"
    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    slide.shapes.add_textbox(Inches(1), Inches(1), Inches(5), Inches(1)).text_frame.text = "ไม่มีชื่อสไลด์"
    deck.save(str(tmp_path / "untitled-deck.pptx"))
    [doc] = load_file(tmp_path / "untitled-deck.pptx", "untitled-deck.pptx")
    assert doc.title == "untitled-deck"


def test_pptx_corrupt_is_skipped(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pptx"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(SkipFile, match=r"^corrupt PPTX"):
        load_file(broken, "broken.pptx")
