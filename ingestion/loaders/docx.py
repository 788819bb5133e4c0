"""Word loader (.docx): Heading and Title styles give the heading path; tables become lines."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.table import Table
from docx.text.paragraph import Paragraph

from ingestion.documents import LoadedDocument
from ingestion.loaders.common import HeadingSections, make_document, open_package, top_heading, usable_title

_HEADING_STYLE = re.compile(r"^heading ([1-9])$", re.IGNORECASE)


def heading_level(paragraph: Paragraph) -> int | None:
    """0 for the Title style, 1-9 for Heading 1-9 (or a style based on one), else ``None``."""
    style = paragraph.style
    for _ in range(10):  # a based-on chain is short; the bound guards against a cycle
        if style is None:
            return None
        name = (style.name or "").strip()
        if name.lower() == "title":
            return 0
        match = _HEADING_STYLE.match(name)
        if match:
            return int(match.group(1))
        style = style.base_style
    return None


def _is_list_item(paragraph: Paragraph) -> bool:
    properties = paragraph._p.pPr
    if properties is not None and properties.numPr is not None:
        return True
    name = paragraph.style.name if paragraph.style is not None else ""
    return (name or "").lower().startswith("list")


def _blocks(document: DocxDocument) -> Iterator[Paragraph | Table]:
    """Body paragraphs and tables in document order, including those inside content controls."""

    def children(parent: BaseOxmlElement) -> Iterator[Paragraph | Table]:
        for child in parent.iterchildren():
            if child.tag == qn("w:p"):
                yield Paragraph(child, document)
            elif child.tag == qn("w:tbl"):
                yield Table(child, document)
            elif child.tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    yield from children(content)

    yield from children(document.element.body)


def _table_lines(table: Table) -> list[str]:
    lines: list[str] = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            # A merged cell is reported once per grid column it spans.
            if text and (not cells or cells[-1] != text):
                cells.append(text)
        if cells:
            lines.append(" | ".join(cells))
    return lines


def load_docx(path: Path, source: str) -> list[LoadedDocument]:
    """Load a Word document: sections at headings, table rows as ``a | b`` lines."""
    document = open_package(docx.Document, path, "DOCX", PackageNotFoundError)
    blocks = list(_blocks(document))
    headings = [
        (level, block.text)
        for block in blocks
        if isinstance(block, Paragraph) and (level := heading_level(block)) is not None
    ]
    title = usable_title(document.core_properties.title)
    if not title:
        title = next((usable_title(text) for level, text in headings if level == 0), "")
    if not title:
        title = next((usable_title(text) for _, text in headings if usable_title(text)), "")
    builder = HeadingSections(title, top_heading(headings))
    for block in blocks:
        if isinstance(block, Table):
            for line in _table_lines(block):
                builder.line(line)
            continue
        level = heading_level(block)
        if level is not None:
            builder.heading(level, block.text)
        elif block.text.strip():
            builder.line(("- " if _is_list_item(block) else "") + block.text)
    return [make_document(source, title, builder.sections())]
