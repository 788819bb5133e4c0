"""Plain-text loader (.txt): paragraphs kept, long files cut into sections of about 40 lines."""

from __future__ import annotations

from pathlib import Path

from ingestion.documents import LoadedDocument, Section
from ingestion.loaders.common import first_line, make_document, read_text, usable_title

LINES_PER_SECTION = 40
"""A section is closed at the first paragraph break after this many lines."""


def _paragraphs(text: str) -> list[list[str]]:
    paragraphs: list[list[str]] = []
    current: list[str] = []
    for line in text.splitlines():
        if line.strip():
            current.append(line.rstrip())
        elif current:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    return paragraphs


def load_text(path: Path, source: str) -> list[LoadedDocument]:
    """Load a text file as one document; the first line is the title when it is short."""
    text = read_text(path)
    head = first_line(text)
    title = usable_title(head)
    sections: list[Section] = []
    current: list[str] = []
    lines_in_current = 0
    for paragraph in _paragraphs(text):
        # A paragraph longer than a whole section (files with no blank lines at all) is cut
        # into pieces of the section size; otherwise sections end at paragraph breaks.
        for start in range(0, len(paragraph), LINES_PER_SECTION):
            piece = paragraph[start : start + LINES_PER_SECTION]
            if current and lines_in_current + len(piece) > LINES_PER_SECTION:
                sections.append(Section(text="\n\n".join(current)))
                current, lines_in_current = [], 0
            current.append("\n".join(piece))
            lines_in_current += len(piece)
    if current:
        sections.append(Section(text="\n\n".join(current)))
    return [make_document(source, title, sections)]
