"""PDF loader (.pdf): one section per page, text extracted by PDFium through pypdfium2.

PDFium was chosen by measurement (``bench/pdf_extractors.py``, results in
``bench/results/pdf_extractors.json``) on Thai PDFs generated with TLWG fonts by fpdf2,
ReportLab and LibreOffice. PDFium makes no error at all on the fpdf2, ReportLab and LibreOffice
exports, because it honours the ``/ActualText`` spans with which office suites map a
decomposed sara am (nikhahit + sara aa glyphs) back to ``ำ``. pypdf ignores them and yields
``นำ้า``; since :func:`ingestion.thai.normalize` repairs that, pypdf also reaches 0% there and
is slightly better on HarfBuzz-shaped fpdf2 output (0.40% against PDFium's 0.40-1.21%, where
fpdf2 writes glyphs without a character mapping). PDFium is kept because it reads office
PDFs right without depending on a repair rule.
pdfminer (pdfplumber) reorders stacked marks by x position; poppler's ``pdftotext`` loses
reading order on justified lines. ``pdftotext`` is kept only as an optional fallback for a
PDF in which PDFium finds no text at all.
"""

from __future__ import annotations

import shutil
import subprocess
import threading
from pathlib import Path

import pypdfium2 as pdfium

from ingestion.documents import LoadedDocument, Section
from ingestion.loaders.base import SkipFile
from ingestion.loaders.common import first_line, make_document, usable_title

DEFAULT_EXTRACTOR = "pypdfium2"
"""Name of the extractor :func:`load_pdf` uses, as it appears in the benchmark."""

# PDFium is not thread-safe and pypdfium2 does not serialise calls into it.
_PDFIUM_LOCK = threading.Lock()
_PASSWORD_ERRORS = frozenset({pdfium.raw.FPDF_ERR_PASSWORD, pdfium.raw.FPDF_ERR_SECURITY})
_HEADER_WINDOW = 1024
"""Readers accept the ``%PDF-`` header anywhere in the first kilobyte."""


def _short_reason(error: pdfium.PdfiumError) -> str:
    message = str(error)
    if "(PDFium: " in message:
        message = message.split("(PDFium: ", 1)[1].rstrip(").")
    return message.strip() or "unreadable"


def extract_pages_pdfium(path: Path, max_pages: int | None = None) -> tuple[str, list[str]]:
    """The metadata title and the text of every page (or of the first ``max_pages``), by PDFium.

    Raises :class:`SkipFile` for an encrypted (password-protected) or unreadable file. A PDF
    encrypted only with an owner password opens without one, as in any viewer, and is read.
    """
    with _PDFIUM_LOCK:
        try:
            document = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError as error:
            if getattr(error, "err_code", None) in _PASSWORD_ERRORS:
                raise SkipFile("encrypted PDF") from error
            raise SkipFile(f"corrupt PDF: {_short_reason(error)}") from error
        try:
            title = str(document.get_metadata_dict(skip_empty=True).get("Title", ""))
            pages: list[str] = []
            count = len(document) if max_pages is None else min(len(document), max_pages)
            for index in range(count):
                page = document[index]
                try:
                    textpage = page.get_textpage()
                    try:
                        pages.append(textpage.get_text_range())
                    finally:
                        textpage.close()
                except pdfium.PdfiumError:
                    pages.append("")  # one damaged page should not cost the rest
                finally:
                    page.close()
        finally:
            document.close()
    return title, pages


def extract_pages_pdftotext(path: Path, max_pages: int | None = None) -> list[str] | None:
    """Page texts (of the first ``max_pages``) by poppler's ``pdftotext``, or ``None`` when it is missing or fails."""
    binary = shutil.which("pdftotext")
    if binary is None:
        return None
    last = ["-l", str(max_pages)] if max_pages is not None else []
    try:
        result = subprocess.run(
            [binary, "-enc", "UTF-8", *last, str(path), "-"], capture_output=True, timeout=120, check=True
        )
    except (subprocess.SubprocessError, OSError):
        return None
    # pdftotext ends every page with a form feed.
    return result.stdout.decode("utf-8", errors="replace").split("\f")[:-1] or None


def load_pdf(path: Path, source: str, *, max_pages: int | None = None) -> list[LoadedDocument]:
    """Load a PDF: a section per page (``page`` is 1-based); title from metadata or page 1."""
    with path.open("rb") as handle:
        head = handle.read(_HEADER_WINDOW)
    if b"%PDF-" not in head:
        raise SkipFile("corrupt PDF: no %PDF header")
    meta_title, pages = extract_pages_pdfium(path, max_pages)
    if not any(text.strip() for text in pages):
        pages = extract_pages_pdftotext(path, max_pages) or pages
    title = usable_title(meta_title) or usable_title(first_line(pages[0]) if pages else "")
    sections = [Section(text=text, page=number) for number, text in enumerate(pages, 1)]
    return [make_document(source, title, sections)]
