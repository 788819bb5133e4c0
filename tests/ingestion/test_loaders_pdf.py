"""PDF loader on Thai PDFs generated here with TLWG fonts, and the extractor's measured accuracy."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from ingestion.loaders import load_file
from ingestion.loaders import pdf as pdf_loader
from ingestion.loaders.base import SkipFile
from ingestion.loaders.pdf import DEFAULT_EXTRACTOR
from tests.ingestion.conftest import require_tlwg_font
from tests.ingestion.thai_pdf import (
    THAI_PARAGRAPHS,
    cer,
    extractors,
    levenshtein,
    make_pdf_fpdf2,
    make_pdf_libreoffice,
    soffice,
)

PAGES = [
    ["คาร์บอนเครดิต T-VER", "ผู้พัฒนาโครงการต้องให้หน่วยงานภายนอกตรวจสอบก่อนขึ้นทะเบียน"],
    ["ตลาดคาร์บอน", "การซื้อขายคาร์บอนเครดิตในไทยเป็นแบบนอกตลาด น้ำหนักของคำนี้สำคัญ"],
    ["ค่าการปล่อยของไฟฟ้า 0.4750 kgCO2e ต่อหน่วย ที่นี่มีสื่อการสอน"],
]


@pytest.mark.needs_system
def test_pdf_one_section_per_page_and_metadata_title(tmp_path: Path, thai_font: Path) -> None:
    path = make_pdf_fpdf2(tmp_path / "tver.pdf", title="คาร์บอนเครดิตและ T-VER", pages=PAGES)
    [doc] = load_file(path, "docs/tver.pdf")
    assert doc.title == "คาร์บอนเครดิตและ T-VER"
    assert [s.page for s in doc.sections] == [1, 2, 3]
    assert all(s.heading_path == () and s.slide is None for s in doc.sections)
    assert "ตรวจสอบก่อนขึ้นทะเบียน" in doc.sections[0].text
    assert "น้ำหนักของคำนี้สำคัญ" in doc.sections[1].text
    assert "0.4750 kgCO2e" in doc.sections[2].text and "ที่นี่มีสื่อการสอน" in doc.sections[2].text
    assert (doc.lang, doc.kind) == ("th", "course")


@pytest.mark.needs_system
def test_pdf_title_falls_back_to_first_line_then_stem(tmp_path: Path, thai_font: Path) -> None:
    [doc] = load_file(make_pdf_fpdf2(tmp_path / "a.pdf", pages=PAGES), "a.pdf")
    assert doc.title == "คาร์บอนเครดิต T-VER"
    [doc] = load_file(make_pdf_fpdf2(tmp_path / "cover-blank.pdf", pages=[[], ["หน้าสอง"]]), "cover-blank.pdf")
    assert doc.title == "cover-blank"


@pytest.mark.needs_system
def test_pdf_blank_pages_are_dropped_and_all_blank_is_empty(tmp_path: Path, thai_font: Path) -> None:
    path = make_pdf_fpdf2(tmp_path / "gaps.pdf", pages=[["หน้าแรก"], [], ["หน้าที่สาม"]])
    [doc] = load_file(path, "gaps.pdf")
    assert [s.page for s in doc.sections] == [1, 3]
    blank = make_pdf_fpdf2(tmp_path / "scan.pdf", pages=[[], []])
    with pytest.raises(SkipFile, match=r"^empty: no text found$"):
        load_file(blank, "scan.pdf")


@pytest.mark.needs_system
def test_corrupt_pdf_is_skipped_with_reason(tmp_path: Path, thai_font: Path) -> None:
    good = make_pdf_fpdf2(tmp_path / "good.pdf", pages=PAGES).read_bytes()
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(good[: len(good) // 3])
    with pytest.raises(SkipFile, match=r"^corrupt PDF: "):
        load_file(truncated, "truncated.pdf")
    not_pdf = tmp_path / "renamed.pdf"
    not_pdf.write_text("นี่ไม่ใช่ PDF", encoding="utf-8")
    with pytest.raises(SkipFile, match=r"^corrupt PDF: no %PDF header$"):
        load_file(not_pdf, "renamed.pdf")


def _encrypt(source: Path, target: Path, user: str, owner: str) -> Path:
    writer = PdfWriter(clone_from=PdfReader(str(source)))
    writer.encrypt(user_password=user, owner_password=owner, algorithm="AES-128")
    with target.open("wb") as handle:
        writer.write(handle)
    return target


@pytest.mark.needs_system
def test_password_protected_pdf_is_skipped(tmp_path: Path, thai_font: Path) -> None:
    plain = make_pdf_fpdf2(tmp_path / "plain.pdf", pages=PAGES)
    locked = _encrypt(plain, tmp_path / "locked.pdf", user="รหัสลับ", owner="owner")
    with pytest.raises(SkipFile, match=r"^encrypted PDF$"):
        load_file(locked, "locked.pdf")


@pytest.mark.needs_system
def test_pdf_with_only_an_owner_password_is_read(tmp_path: Path, thai_font: Path) -> None:
    # Opens without a password in any viewer: only printing or copying is restricted.
    plain = make_pdf_fpdf2(tmp_path / "plain.pdf", pages=PAGES)
    restricted = _encrypt(plain, tmp_path / "restricted.pdf", user="", owner="owner")
    [doc] = load_file(restricted, "restricted.pdf")
    assert [s.page for s in doc.sections] == [1, 2, 3]


def test_levenshtein_and_cer() -> None:
    assert levenshtein("กิน", "กิน") == 0
    assert levenshtein("kitten", "sitting") == 3
    assert cer("น้ำ ทำ", "น้ำทำ") == 0.0  # whitespace is ignored
    assert cer("น้ำ", "นํ้า") == 0.0  # judged after normalize, which repairs the split sara am
    assert cer("abcd", "abce") == 0.25


GENERATORS = ["fpdf2-Garuda", "fpdf2-Norasi", "fpdf2-Loma", "libreoffice-Norasi", "libreoffice-Garuda"]


@pytest.mark.needs_system
@pytest.mark.parametrize("generator", GENERATORS)
def test_chosen_extractor_reads_generated_thai_pdfs_with_cer_below_one_percent(tmp_path: Path, generator: str) -> None:
    tool, font = generator.split("-")
    require_tlwg_font(font)
    path = tmp_path / f"{generator}.pdf"
    if tool == "libreoffice":
        if soffice() is None:
            pytest.skip("LibreOffice (libreoffice-writer-nogui) is optional and not installed")
        make_pdf_libreoffice(path, font=font)
    else:
        make_pdf_fpdf2(path, font=font)
    reference = "\n".join(THAI_PARAGRAPHS)
    loaded = "\n".join(s.text for d in load_file(path, path.name) for s in d.sections)
    assert cer(reference, loaded) < 0.01
    # The loader and the benchmark's extractor of the same name agree.
    assert cer(reference, extractors()[DEFAULT_EXTRACTOR](path)) == pytest.approx(cer(reference, loaded))


@pytest.mark.needs_system
def test_pdftotext_is_only_a_fallback_when_pdfium_finds_no_text(
    tmp_path: Path, thai_font: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) is optional and not installed")
    path = make_pdf_fpdf2(tmp_path / "fallback.pdf", pages=PAGES)
    monkeypatch.setattr(pdf_loader, "extract_pages_pdfium", lambda *_: ("", ["", "", ""]))
    [doc] = load_file(path, "fallback.pdf")
    assert [s.page for s in doc.sections] == [1, 2, 3]
    assert "ตรวจสอบก่อนขึ้นทะเบียน" in doc.sections[0].text
