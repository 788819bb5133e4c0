"""`nzap ingest` behaviour on a real mixed-format Thai folder: what is indexed, skipped, re-embedded."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document as DocxDocument
from pptx import Presentation

from ingestion.limits import IngestLimits
from knowledge.embedders import Embedder
from knowledge.index import KnowledgeIndex
from knowledge.retriever import HybridRetriever
from knowledge.sync import StrictModeError, sync_folders
from tests.conftest import THAI_MODULE
from tests.ingestion.thai_pdf import make_pdf_fpdf2

REPO = Path(__file__).resolve().parents[2]

HTML = """<!doctype html><html><head><title>ฉลากคาร์บอน CFR</title></head><body>
<nav><a href="/">หน้าแรก</a> | <a href="/menu">เมนูนำทางเว็บไซต์</a></nav>
<main><h1>ฉลากลดโลกร้อน (CFR)</h1>
<p>ผลิตภัณฑ์ที่จะได้ฉลากลดโลกร้อนต้องมีคาร์บอนฟุตพริ้นท์ต่ำกว่าปีฐานอย่างน้อยร้อยละ 2</p></main>
<footer>ลิขสิทธิ์เว็บไซต์ตัวอย่าง</footer></body></html>"""


def _docx(path: Path) -> None:
    doc = DocxDocument()
    doc.core_properties.title = "สินเชื่อสีเขียวสำหรับเอสเอ็มอี"
    doc.add_heading("สินเชื่อสีเขียว", level=1)
    doc.add_heading("ธนาคารพัฒนาวิสาหกิจ", level=2)
    doc.add_paragraph("สินเชื่อ SME Green Productivity คิดดอกเบี้ยคงที่ร้อยละ 3 ต่อปีในสามปีแรก ระยะเวลากู้สูงสุด 10 ปี")
    doc.save(str(path))


def _pptx(path: Path) -> None:
    deck = Presentation()
    deck.core_properties.title = "โซลาร์รูฟท็อปสำหรับโรงงาน"
    for title, body, notes in [
        ("ขนาดระบบ", "ระบบ 1 กิโลวัตต์พีคใช้พื้นที่หลังคาประมาณ 6.5 ตารางเมตร", "อธิบายการวัดพื้นที่หลังคา"),
        ("ระยะเวลาคืนทุน", "ระยะคืนทุนโดยทั่วไปอยู่ที่ 4 ถึง 7 ปี", "ย้ำว่าเป็นช่วงตัวเลขจากผู้ขาย"),
    ]:
        slide = deck.slides.add_slide(deck.slide_layouts[1])
        slide.shapes.title.text = title
        slide.placeholders[1].text = body
        slide.notes_slide.notes_text_frame.text = notes
    deck.save(str(path))


@pytest.fixture
def mixed_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "mixed"
    (folder / "modules").mkdir(parents=True)
    (folder / "modules" / "week03.md").write_text(THAI_MODULE, encoding="utf-8")
    (folder / "cfr.html").write_text(HTML, encoding="utf-8")
    _docx(folder / "green-loans.docx")
    _pptx(folder / "solar.pptx")
    make_pdf_fpdf2(
        folder / "tver.pdf",
        title="คาร์บอนเครดิต",
        pages=[
            ["คาร์บอนเครดิต T-VER", "ผู้พัฒนาโครงการต้องให้หน่วยงานภายนอกตรวจสอบความใช้ได้ก่อนขึ้นทะเบียนโครงการ"],
            ["ตลาดคาร์บอน", "ปัจจุบันการซื้อขายคาร์บอนเครดิตในไทยเป็นแบบนอกตลาดและบันทึกในทะเบียนของ อบก."],
        ],
    )
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj<</Type/Catalog>>\nthis is not a finished pdf")
    (folder / "budget.xlsx").write_bytes(b"PK\x03\x04 spreadsheet bytes")
    return folder


def _sources(index_dir: Path, embedder: Embedder, query: str, k: int = 3) -> list[str]:
    retriever = HybridRetriever(KnowledgeIndex.open(index_dir, embedder), embedder)
    return [p.chunk.source for p in retriever.retrieve(query, k=k).passages]


@pytest.mark.needs_system
def test_mixed_folder_indexes_good_files_and_names_the_bad_ones(
    mixed_folder: Path, index_dir: Path, embedder: Embedder
) -> None:
    report = sync_folders([mixed_folder], index_dir, embedder)
    assert sorted(report.added) == ["cfr.html", "green-loans.docx", "modules/week03.md", "solar.pptx", "tver.pdf"]
    skipped = dict(report.skipped)
    assert set(skipped) == {"broken.pdf", "budget.xlsx"}
    assert "corrupt PDF" in skipped["broken.pdf"]
    assert "unsupported" in skipped["budget.xlsx"]

    assert _sources(index_dir, embedder, "ค่าไฟ 10,000 หน่วย ปล่อยคาร์บอนเท่าไหร่")[0] == "modules/week03.md"
    assert _sources(index_dir, embedder, "ฉลากลดโลกร้อนต้องลดกี่เปอร์เซ็นต์")[0] == "cfr.html"
    assert _sources(index_dir, embedder, "กู้ green productivity ดอกเบี้ยกี่เปอร์เซ็นต์")[0] == "green-loans.docx"
    assert _sources(index_dir, embedder, "โซล่าคืนทุนกี่ปี")[0] == "solar.pptx"
    assert _sources(index_dir, embedder, "ซื้อขายคาร์บอนเครดิตในไทยซื้อที่ไหน")[0] == "tver.pdf"

    index = KnowledgeIndex.open(index_dir, embedder)
    pdf_pages = {c.page for c in index.chunks if c.source == "tver.pdf"}
    assert pdf_pages == {1, 2}
    slides = {c.slide: c for c in index.chunks if c.source == "solar.pptx"}
    assert set(slides) == {1, 2}
    assert "ย้ำว่าเป็นช่วงตัวเลขจากผู้ขาย" in slides[2].text  # speaker notes are searchable
    html_text = " ".join(c.text for c in index.chunks if c.source == "cfr.html")
    assert "เมนูนำทาง" not in html_text and "ลิขสิทธิ์" not in html_text
    docx_chunk = next(c for c in index.chunks if c.source == "green-loans.docx" and "ร้อยละ 3" in c.text)
    # The single top-level heading names the document, so the path starts below it.
    assert docx_chunk.heading_path == ("ธนาคารพัฒนาวิสาหกิจ",)


@pytest.mark.needs_system
def test_unchanged_edited_and_deleted_files(mixed_folder: Path, index_dir: Path, embedder: Embedder) -> None:
    first = sync_folders([mixed_folder], index_dir, embedder)
    assert first.chunks_embedded > 0

    again = sync_folders([mixed_folder], index_dir, embedder)
    assert again.chunks_embedded == 0
    assert again.added == again.changed == again.removed == []
    assert len(again.unchanged) == 5

    html_chunks = len(KnowledgeIndex.open(index_dir, embedder).files["cfr.html"].chunk_ids)
    (mixed_folder / "cfr.html").write_text(HTML.replace("ร้อยละ 2", "ร้อยละ 2 เมื่อเทียบกับปีฐานที่ได้รับรอง"), encoding="utf-8")
    edited = sync_folders([mixed_folder], index_dir, embedder)
    assert edited.changed == ["cfr.html"]
    assert edited.chunks_embedded == html_chunks
    index = KnowledgeIndex.open(index_dir, embedder)
    assert any("ปีฐานที่ได้รับรอง" in c.text for c in index.chunks)

    (mixed_folder / "solar.pptx").unlink()
    deleted = sync_folders([mixed_folder], index_dir, embedder)
    assert deleted.removed == ["solar.pptx"] and deleted.chunks_embedded == 0
    index = KnowledgeIndex.open(index_dir, embedder)
    assert all(c.source != "solar.pptx" for c in index.chunks)
    assert index.vectors.count() == len(index.chunks)
    assert "solar.pptx" not in _sources(index_dir, embedder, "โซล่าคืนทุนกี่ปี", k=5)


def test_a_faq_with_a_repeated_item_is_indexed_once(tmp_path: Path, index_dir: Path, embedder: Embedder) -> None:
    folder = tmp_path / "faq"
    folder.mkdir()
    item = '  - {id: "a", question: "ต้องเก็บบิลค่าไฟกี่เดือน", answer: "อย่างน้อย 12 เดือนย้อนหลัง"}\n'
    (folder / "faq.yaml").write_text("kind: faq\ntitle: คำถามที่พบบ่อย\nitems:\n" + item + item, encoding="utf-8")
    report = sync_folders([folder], index_dir, embedder)
    assert report.added == ["faq.yaml"] and report.chunks_total == 1


@pytest.mark.needs_system
def test_strict_mode_refuses_unreadable_files_and_changes_nothing(
    mixed_folder: Path, index_dir: Path, embedder: Embedder
) -> None:
    with pytest.raises(StrictModeError, match=r"broken\.pdf"):
        sync_folders([mixed_folder], index_dir, embedder, strict=True)
    assert not (index_dir / "CURRENT").exists()


@pytest.mark.slow
@pytest.mark.needs_system
def test_cli_ingest_and_search_json_contract(mixed_folder: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "cli-index"
    env = {**os.environ, "PYTHONPATH": str(REPO), "NZAP_DATA_DIR": str(tmp_path / "data")}
    ingest = subprocess.run(
        [sys.executable, "-m", "bot.app.cli", "ingest", str(mixed_folder), "--index", str(index_dir)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "broken.pdf" in ingest.stderr and "budget.xlsx" in ingest.stderr
    assert "ไฟล์ PDF เสียหรืออ่านไม่ได้" in ingest.stderr and "ไม่รองรับไฟล์ชนิดนี้" in ingest.stderr
    assert "ข้าม 2" in ingest.stdout

    queries = "ค่าไฟ 10,000 หน่วย ปล่อยคาร์บอนเท่าไหร่\nโซล่าคืนทุนกี่ปี\n\nซื้อขายคาร์บอนเครดิตที่ไหน\n"
    search = subprocess.run(
        [sys.executable, "-m", "bot.app.cli", "search", "--json", "-", "--index", str(index_dir), "--k", "3"],
        env=env,
        input=queries,
        capture_output=True,
        text=True,
        check=True,
    )
    rows = [json.loads(line) for line in search.stdout.splitlines()]
    assert [r["query"] for r in rows] == ["ค่าไฟ 10,000 หน่วย ปล่อยคาร์บอนเท่าไหร่", "โซล่าคืนทุนกี่ปี", "ซื้อขายคาร์บอนเครดิตที่ไหน"]
    for row in rows:
        assert 0.0 <= row["confidence"] <= 1.0
        assert [r["rank"] for r in row["results"]] == [1, 2, 3]
        for result in row["results"]:
            assert set(result) >= {"rank", "score", "source", "title", "page", "text"}
            assert isinstance(result["score"], float) and result["text"]
            assert result["page"] is None or isinstance(result["page"], int)
    assert rows[0]["results"][0]["source"] == "modules/week03.md"
    assert rows[2]["results"][0]["source"] == "tver.pdf" and rows[2]["results"][0]["page"] == 2

    single = subprocess.run(
        [sys.executable, "-m", "bot.app.cli", "search", "โซล่าคืนทุนกี่ปี", "--index", str(index_dir), "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(single.stdout)["results"][0]["source"] == "solar.pptx"


@pytest.mark.slow
def test_search_without_an_index_says_what_to_do(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [sys.executable, "-m", "bot.app.cli", "search", "คำถาม", "--index", str(tmp_path / "none")],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "nzap ingest" in result.stderr


@pytest.mark.needs_system
def test_a_file_that_becomes_unreadable_loses_its_chunks(
    mixed_folder: Path, index_dir: Path, embedder: Embedder
) -> None:
    sync_folders([mixed_folder], index_dir, embedder)
    (mixed_folder / "tver.pdf").write_bytes(b"%PDF-1.7\ntruncated by a failed upload")
    report = sync_folders([mixed_folder], index_dir, embedder)
    assert "tver.pdf" in dict(report.skipped) and "tver.pdf" in report.removed
    index = KnowledgeIndex.open(index_dir, embedder)
    assert all(c.source != "tver.pdf" for c in index.chunks)


SAVINGS = "ร้านกาแฟบ้านสวนลดค่าไฟได้ร้อยละ 37 หลังเปลี่ยนเครื่องทำน้ำแข็งเป็นรุ่นประหยัดพลังงานเบอร์ห้า"


def test_a_file_grown_past_the_size_cap_loses_its_old_chunks(
    thai_folder: Path, index_dir: Path, embedder: Embedder
) -> None:
    limits = IngestLimits(max_file_bytes=16 * 1024)
    case = thai_folder / "case-study.md"
    case.write_text(f"# กรณีศึกษาร้านกาแฟ\n\n{SAVINGS}\n", encoding="utf-8")
    assert sync_folders([thai_folder], index_dir, embedder, limits=limits).added == [
        "case-study.md", "credits.txt", "week03.md"
    ]
    question = "ร้านกาแฟบ้านสวนลดค่าไฟได้กี่เปอร์เซ็นต์"
    found = HybridRetriever(KnowledgeIndex.open(index_dir, embedder), embedder).retrieve(question, k=5).passages
    assert found[0].chunk.source == "case-study.md" and SAVINGS in found[0].chunk.text

    # The case study is rewritten with new figures and a long appendix: now over the cap.
    appendix = "ภาคผนวก: บันทึกการใช้ไฟฟ้ารายวันของร้านตลอดปี\n" * 400
    case.write_text(f"# กรณีศึกษาร้านกาแฟ\n\n{SAVINGS.replace('37', '12')}\n\n{appendix}", encoding="utf-8")
    size = case.stat().st_size
    assert size > limits.max_file_bytes
    report = sync_folders([thai_folder], index_dir, embedder, limits=limits)

    assert report.skipped == [("case-study.md", f"too large: {size // 1024} KiB (limit 16 KiB)")]
    assert report.removed == ["case-study.md"]
    index = KnowledgeIndex.open(index_dir, embedder)
    assert "case-study.md" not in index.files
    found = HybridRetriever(index, embedder).retrieve(question, k=5).passages
    assert found and all(p.chunk.source != "case-study.md" for p in found)
    assert all("ร้อยละ 37" not in p.chunk.text for p in found)


def test_a_file_that_can_no_longer_be_opened_is_skipped_and_loses_its_chunks(
    thai_folder: Path, index_dir: Path, embedder: Embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "credits.txt" in sync_folders([thai_folder], index_dir, embedder).added
    # As root, chmod 000 does not stop a read; the refusal is staged at the filesystem call instead.
    real_read_bytes = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "credits.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    report = sync_folders([thai_folder], index_dir, embedder)
    assert report.skipped == [("credits.txt", "unreadable: PermissionError: Permission denied")]
    assert report.removed == ["credits.txt"] and report.unchanged == ["week03.md"]
    assert all(c.source != "credits.txt" for c in KnowledgeIndex.open(index_dir, embedder).chunks)
