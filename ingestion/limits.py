"""What an ingest agrees to read: local files only, within size, page and text caps.

Course folders come from staff, but a folder copied from a shared drive can hold a link to
somewhere else on the server, a scan of thousands of pages or a crafted archive. Each cap
turns such a file into a skip reason or a note in the report instead of an exhausted machine.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

from ingestion.documents import LoadedDocument, Section

KIB = 1024
MIB = 1024 * KIB

ZIP_SUFFIXES = frozenset({".docx", ".pptx"})
"""Office formats that are zip archives, checked for what they unpack to before a parser opens them."""

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]+:/")
"""``http://``, ``s3://``, ``file://`` (also after ``pathlib`` has folded ``//`` into ``/``)."""


@dataclass(frozen=True)
class IngestLimits:
    """Caps on one ingest; the defaults suit a course of slide decks, handbooks and scans."""

    max_file_bytes: int = 50 * MIB
    max_pages: int = 2000
    """Pages of a PDF or slides of a PPTX read per file."""
    max_chars: int = 5_000_000
    """Characters of text kept per file."""
    max_unzipped_bytes: int = 300 * MIB
    """What a DOCX/PPTX may unpack to, all its parts together."""
    max_zip_entries: int = 10_000


@dataclass(frozen=True)
class Truncation:
    """A file read only in part: ``what`` is ``pages`` (pages or slides) or ``chars``; ``limit`` the cap applied."""

    source: str
    what: str
    limit: int


def format_size(size: int) -> str:
    """``size`` bytes for a skip reason: whole MiB from one MiB up, else whole KiB (``"8 MiB"``, ``"16 KiB"``)."""
    if size >= MIB:
        return f"{size // MIB} MiB"
    return f"{size // KIB} KiB"


class NotLocalPathError(ValueError):
    """An ingest was given a URL; only local files and folders are read."""


def check_local(path: Path | str) -> None:
    """Raise :class:`NotLocalPathError` when ``path`` is a URL rather than a local path."""
    if _URL.match(str(path)):
        raise NotLocalPathError(f"not a local path: {path} (ingest reads local files and folders only)")


def unzip_problem(path: Path, limits: IngestLimits) -> str | None:
    """A skip reason when the archive at ``path`` unpacks to more than the caps allow, else ``None``.

    The sizes are the ones the archive declares. Python's ``zipfile`` never inflates a member
    past its declared size (it stops there and reports a bad CRC), so the declared total bounds
    what a parser can be made to read. A damaged archive is left for the loader to report.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    total = sum(entry.file_size for entry in entries)
    if len(entries) > limits.max_zip_entries:
        return f"unpacks to {len(entries)} parts (limit {limits.max_zip_entries}): possible zip bomb"
    if total > limits.max_unzipped_bytes:
        return f"unpacks to {format_size(total)} (limit {format_size(limits.max_unzipped_bytes)}): possible zip bomb"
    return None


def cap_documents(
    documents: list[LoadedDocument], source: str, limits: IngestLimits
) -> tuple[list[LoadedDocument], list[Truncation]]:
    """The documents within the page and character caps, and what was cut (nothing, usually)."""
    notes: list[Truncation] = []
    capped: list[LoadedDocument] = []
    pages_cut = False
    chars_left = limits.max_chars
    for document in documents:
        sections: list[Section] = []
        for section in document.sections:
            number = section.page if section.page is not None else section.slide
            if number is not None and number > limits.max_pages:
                pages_cut = True
                continue
            if chars_left <= 0:
                break
            if len(section.text) > chars_left:
                section = replace(section, text=_cut(section.text, chars_left))
                chars_left = 0  # the cap is reached, even if the cut fell a mark or two short of it
            else:
                chars_left -= len(section.text)
            if section.text:
                sections.append(section)
        if sections:
            capped.append(replace(document, sections=tuple(sections)))
        if chars_left <= 0:
            break
    if pages_cut:
        notes.append(Truncation(source, "pages", limits.max_pages))
    if sum(len(s.text) for d in documents for s in d.sections) > limits.max_chars:
        notes.append(Truncation(source, "chars", limits.max_chars))
    return capped, notes


def _cut(text: str, size: int) -> str:
    """The first ``size`` characters, moved back so a Thai vowel or tone mark keeps its base character."""
    # Thai above/below vowels and tone marks are non-spacing marks (Mn), whatever their combining class.
    while 0 < size < len(text) and unicodedata.category(text[size]) == "Mn":
        size -= 1
    return text[:size]


def inside(path: Path, roots: list[Path]) -> bool:
    """Whether ``path`` (resolved, so links are followed) lies within one of the resolved ``roots``."""
    resolved = path.resolve()
    return any(resolved == root or resolved.is_relative_to(root) for root in roots)
