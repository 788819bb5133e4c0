"""What `nzap ingest` refuses or cuts short: URLs, large files, links out of the folder, zip bombs, endless decks."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from ingestion.documents import LoadedDocument, Section
from ingestion.limits import MIB, IngestLimits, NotLocalPathError, Truncation, cap_documents, format_size
from knowledge.embedders import Embedder
from knowledge.sync import OUTSIDE_LINK, sync_folders
from tests.conftest import THAI_CREDITS, THAI_MODULE
from tests.ingestion.thai_pdf import make_pdf_fpdf2
from tests.knowledge.test_sync import _docx, _sources

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("url", ["http://example.com/course", "https://drive.example.com/x.pdf", "s3://bucket/course", "file:///etc"])
def test_urls_are_refused_before_anything_is_read(url: str, index_dir: Path, embedder: Embedder) -> None:
    for given in (url, Path(url)):  # argparse hands over a Path, which folds "//" into "/"
        with pytest.raises(NotLocalPathError, match="local files and folders only"):
            sync_folders([given], index_dir, embedder)  # type: ignore[list-item]
    assert not index_dir.exists()


@pytest.mark.slow
def test_the_cli_says_in_thai_that_it_reads_local_paths_only(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO), "NZAP_DATA_DIR": str(tmp_path / "data")}
    result = subprocess.run(
        [sys.executable, "-m", "bot.app.cli", "ingest", "https://example.com/course/week01.pdf"],
        env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 2
    assert "อ่านได้เฉพาะไฟล์และโฟลเดอร์ในเครื่องนี้ ไม่รับ URL" in result.stderr
    assert not (tmp_path / "data" / "index").exists()


def test_a_file_over_the_size_cap_is_skipped_with_its_size(tmp_path: Path, index_dir: Path, embedder: Embedder) -> None:
    folder = tmp_path / "course"
    folder.mkdir()
    (folder / "week03.md").write_text(THAI_MODULE, encoding="utf-8")
    (folder / "scan-dump.txt").write_text("ข้อความ " * 400_000, encoding="utf-8")  # ~8.4 MB
    report = sync_folders([folder], index_dir, embedder, limits=IngestLimits(max_file_bytes=2 * MIB))
    assert report.added == ["week03.md"]
    assert report.skipped == [("scan-dump.txt", "too large: 8 MiB (limit 2 MiB)")]


def test_sizes_in_skip_reasons_are_whole_mib_or_kib() -> None:
    assert [format_size(n) for n in (8 * MIB + 5, MIB, MIB - 1, 16 * 1024, 100)] == [
        "8 MiB", "1 MiB", "1023 KiB", "16 KiB", "0 KiB"
    ]


def test_links_that_leave_the_folder_are_refused_and_links_within_it_are_read(
    tmp_path: Path, index_dir: Path, embedder: Embedder
) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "private-notes.md").write_text("# บันทึกส่วนตัว\n\nเบอร์โทรลูกค้าและข้อมูลภายในบริษัท\n", encoding="utf-8")
    folder = tmp_path / "course"
    (folder / "modules").mkdir(parents=True)
    (folder / "modules" / "week03.md").write_text(THAI_MODULE, encoding="utf-8")
    (folder / "notes.md").symlink_to(outside / "private-notes.md")
    (folder / "linked-folder").symlink_to(outside, target_is_directory=True)
    (folder / "same-week.md").symlink_to(folder / "modules" / "week03.md")
    report = sync_folders([folder], index_dir, embedder)
    assert sorted(report.added) == ["modules/week03.md", "same-week.md"]
    assert sorted(report.skipped) == [("linked-folder", OUTSIDE_LINK), ("notes.md", OUTSIDE_LINK)]
    assert "notes.md" not in _sources(index_dir, embedder, "บันทึกส่วนตัว เบอร์โทรลูกค้า", k=5)


def test_a_link_that_now_leaves_the_folder_loses_its_chunks(tmp_path: Path, index_dir: Path, embedder: Embedder) -> None:
    folder = tmp_path / "course"
    folder.mkdir()
    (folder / "credits.md").write_text(THAI_CREDITS, encoding="utf-8")
    (tmp_path / "other.md").write_text(THAI_MODULE, encoding="utf-8")
    (folder / "week03.md").symlink_to(folder / "credits.md")
    assert "week03.md" in sync_folders([folder], index_dir, embedder).added
    (folder / "week03.md").unlink()
    (folder / "week03.md").symlink_to(tmp_path / "other.md")
    report = sync_folders([folder], index_dir, embedder)
    assert report.removed == ["week03.md"]
    assert "week03.md" not in _sources(index_dir, embedder, "ค่าไฟ 10,000 หน่วย ปล่อยคาร์บอนเท่าไหร่", k=5)


def _zip_bomb(path: Path, megabytes: int) -> Path:
    """A .docx-named zip whose document part unpacks to ``megabytes`` MiB of spaces (a few hundred KB on disk)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with archive.open("word/document.xml", "w") as member:
            block = b" " * MIB
            for _ in range(megabytes):
                member.write(block)
    return path


def test_a_zip_bomb_docx_is_skipped_before_a_parser_opens_it(tmp_path: Path, index_dir: Path, embedder: Embedder) -> None:
    folder = tmp_path / "course"
    folder.mkdir()
    _docx(folder / "green-loans.docx")
    bomb = _zip_bomb(folder / "handbook.docx", 400)
    assert bomb.stat().st_size < 2 * MIB  # small on disk, within the size cap
    report = sync_folders([folder], index_dir, embedder)  # the default caps
    assert report.added == ["green-loans.docx"]
    assert report.skipped == [("handbook.docx", "unpacks to 400 MiB (limit 300 MiB): possible zip bomb")]


def test_a_pptx_with_too_many_parts_is_skipped(tmp_path: Path, index_dir: Path, embedder: Embedder) -> None:
    folder = tmp_path / "course"
    folder.mkdir()
    with zipfile.ZipFile(folder / "deck.pptx", "w") as archive:
        for number in range(60):
            archive.writestr(f"ppt/slides/slide{number}.xml", "<p/>")
    report = sync_folders([folder], index_dir, embedder, limits=IngestLimits(max_zip_entries=50))
    assert report.skipped == [("deck.pptx", "unpacks to 60 parts (limit 50): possible zip bomb")]


@pytest.mark.needs_system
def test_only_the_first_pages_of_a_long_pdf_are_read(
    tmp_path: Path, index_dir: Path, embedder: Embedder, thai_font: Path
) -> None:
    folder = tmp_path / "course"
    folder.mkdir()
    pages = [[f"หน้าที่ {n}", f"เนื้อหาเรื่องคาร์บอนหน้า {n} ของคู่มือ"] for n in range(1, 7)]
    make_pdf_fpdf2(folder / "manual.pdf", pages=pages)
    make_pdf_fpdf2(folder / "short.pdf", pages=pages[:3])
    report = sync_folders([folder], index_dir, embedder, limits=IngestLimits(max_pages=3))
    assert sorted(report.added) == ["manual.pdf", "short.pdf"]
    assert report.truncated == [Truncation("manual.pdf", "pages", 3)]  # short.pdf has exactly 3: not cut
    from knowledge.index import KnowledgeIndex

    index = KnowledgeIndex.open(index_dir, embedder)
    pages_read = {c.page for c in index.chunks if c.source == "manual.pdf"}
    assert pages_read == {1, 2, 3}


def test_only_the_first_slides_of_a_long_deck_are_read(tmp_path: Path, index_dir: Path, embedder: Embedder) -> None:
    folder = tmp_path / "course"
    folder.mkdir()
    deck = Presentation()
    for n in range(1, 6):
        slide = deck.slides.add_slide(deck.slide_layouts[1])
        slide.shapes.title.text = f"สไลด์ที่ {n}"
        slide.placeholders[1].text = f"เนื้อหาโซลาร์รูฟท็อปสไลด์ {n}"
    deck.save(str(folder / "solar.pptx"))
    report = sync_folders([folder], index_dir, embedder, limits=IngestLimits(max_pages=2))
    assert report.truncated == [Truncation("solar.pptx", "pages", 2)]
    from knowledge.index import KnowledgeIndex

    assert {c.slide for c in KnowledgeIndex.open(index_dir, embedder).chunks} == {1, 2}


def test_the_text_of_one_file_is_capped_and_the_cut_is_reported(tmp_path: Path, index_dir: Path, embedder: Embedder) -> None:
    folder = tmp_path / "course"
    folder.mkdir()
    (folder / "week03.md").write_text(THAI_MODULE, encoding="utf-8")
    report = sync_folders([folder], index_dir, embedder, limits=IngestLimits(max_chars=300))
    assert report.truncated == [Truncation("week03.md", "chars", 300)]
    from knowledge.index import KnowledgeIndex

    chunks = KnowledgeIndex.open(index_dir, embedder).chunks
    assert "โซลาร์รูฟท็อป" not in " ".join(c.text for c in chunks)  # the last section lies past the cap


def _document(*texts: str, pages: bool = False) -> LoadedDocument:
    sections = tuple(Section(text=t, page=n if pages else None) for n, t in enumerate(texts, 1))
    return LoadedDocument(source="a.md", title="ก", sections=sections)


def test_the_character_cap_never_splits_a_thai_character_from_its_marks() -> None:
    [document], notes = cap_documents([_document("ที่นี่", "น้ำ")], "a.md", IngestLimits(max_chars=5))
    assert [s.text for s in document.sections] == ["ที่นี่"[:3]]  # "ที่" whole; "น" would lose its ี่
    assert notes == [Truncation("a.md", "chars", 5)]


def test_caps_leave_a_small_file_as_it_is() -> None:
    documents = [_document("หน้าหนึ่ง", "หน้าสอง", pages=True)]
    assert cap_documents(documents, "a.md", IngestLimits(max_pages=2, max_chars=100)) == (documents, [])


@pytest.mark.slow
def test_the_cli_reports_a_cut_file_in_thai(tmp_path: Path) -> None:
    folder = tmp_path / "course"
    folder.mkdir()
    (folder / "week03.md").write_text(THAI_MODULE, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO), "NZAP_DATA_DIR": str(tmp_path / "data"), "NZAP_INGEST__MAX_CHARS": "300"}
    result = subprocess.run(
        [sys.executable, "-m", "bot.app.cli", "ingest", str(folder), "--quiet"],
        env=env, capture_output=True, text=True, timeout=300, check=True,
    )
    assert "week03.md: นำเข้าเพียง 300 ตัวอักษรแรก" in result.stderr
