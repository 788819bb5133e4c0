"""Helpers shared by the loaders: decoding, language, heading-path sections, documents.

Loaders collect raw strings; :func:`make_document` is the one place that normalises them,
so every title, heading and section text goes through :func:`ingestion.thai.normalize`
exactly once.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from ingestion.documents import LoadedDocument, Section
from ingestion.loaders.base import SkipFile
from ingestion.thai import normalize

_Package = TypeVar("_Package")

_THAI_LETTER = re.compile("[\u0e01-\u0e4e]")
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")
# Share of Latin among Thai + Latin letters above which a text counts as English. Thai
# course text quotes many English terms (CBAM, Scope 2, tCO2e), so a plain majority would
# misfile a Thai page that lists standards; "mostly Latin" means clearly more.
_LATIN_SHARE_FOR_EN = 0.7

# Titles that authoring tools write by default; they name no document.
_PLACEHOLDER_TITLES = frozenset({"untitled", "powerpoint presentation", "presentation", "document"})
_TOOL_TITLE_PREFIX = re.compile(r"^microsoft (word|powerpoint|excel) - ", re.IGNORECASE)

SHORT_TITLE = 120
"""A first line shorter than this can serve as a title."""


def detect_lang(text: str) -> str:
    """``"en"`` when the letters of ``text`` are mostly Latin, else ``"th"``."""
    thai = len(_THAI_LETTER.findall(text))
    latin = len(_LATIN_LETTER.findall(text))
    if latin and latin / (thai + latin) > _LATIN_SHARE_FOR_EN:
        return "en"
    return "th"


def read_text(path: Path) -> str:
    """Decode a text file: UTF-8 (with or without BOM), else Windows Thai (cp874), else lossy UTF-8."""
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "cp874"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def open_package(opener: Callable[[str], _Package], path: Path, kind: str, *errors: type[Exception]) -> _Package:
    """``opener(path)`` for an Office file (a zip package); a damaged one is a ``"corrupt <kind>: ..."`` skip.

    ``errors`` are the opener library's own exceptions for a package it cannot find its parts in.
    """
    damaged: tuple[type[Exception], ...] = (zipfile.BadZipFile, KeyError, SyntaxError, *errors)
    try:
        return opener(str(path))
    except damaged as error:
        raise SkipFile(f"corrupt {kind}: {error}".split("\n")[0][:200]) from error


def usable_title(candidate: object) -> str:
    """``candidate`` as a title, or ``""`` when it is empty, too long or a tool's default."""
    if not isinstance(candidate, str):
        return ""
    title = first_line(candidate)
    # "Microsoft Word - week03.docx" names the file, not the document.
    if _TOOL_TITLE_PREFIX.match(title):
        return ""
    if not title or len(title) >= SHORT_TITLE or title.lower() in _PLACEHOLDER_TITLES:
        return ""
    return title


def first_line(text: str) -> str:
    """The first non-empty line of ``text``, stripped."""
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""


def as_int(value: object) -> int | None:
    """An integer from YAML or front matter (``3``, ``"3"``), else ``None``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def as_strings(value: object) -> tuple[str, ...]:
    """A tuple of non-empty strings from a YAML list or a comma-separated string."""
    if value is None:
        return ()
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list | tuple):
        items = [items]
    return tuple(str(item).strip() for item in items if item is not None and str(item).strip())


class HeadingSections:
    """Collects lines under a stack of headings and cuts a section at every heading.

    A level-``n`` heading closes the headings of level ``n`` and deeper. The document's own
    top heading (``# <title>``, a Title-style paragraph, the page's ``<h1>``) names the whole
    document, so it is left out of every heading path; when its wording differs from the
    title it is kept as a line of the first section so that its words stay searchable.
    """

    def __init__(self, title: str = "", top_heading: str = "") -> None:
        self._title = normalize(title)
        self._top = normalize(top_heading)
        self._top_seen = False
        self._stack: list[tuple[int, str]] = []
        self._lines: list[str] = []
        self._sections: list[Section] = []

    def heading(self, level: int, text: str) -> None:
        """Start a section under a heading of ``level`` (0 for a Title style, 1 for ``#``)."""
        text = " ".join(text.split())
        if not text:
            return
        key = normalize(text)
        if not self._top_seen and not self._stack and level <= 1 and key in (self._title, self._top):
            self._top_seen = True
            if key != self._title:
                self._lines.append(text)
            return
        self._flush()
        while self._stack and self._stack[-1][0] >= level:
            self._stack.pop()
        self._stack.append((level, text))

    def line(self, text: str) -> None:
        """Add one line of body text to the current section."""
        self._lines.append(text)

    def sections(self) -> list[Section]:
        """The sections collected so far, in document order."""
        self._flush()
        return list(self._sections)

    def _flush(self) -> None:
        text = "\n".join(self._lines).strip()
        self._lines = []
        if text:
            path = tuple(heading for _, heading in self._stack)
            self._sections.append(Section(text=text, heading_path=path))


def top_heading(levels_and_texts: Iterable[tuple[int, str]]) -> str:
    """The document's top heading: the first heading, when it is the only one at its level or above.

    ``levels_and_texts`` lists every heading in order. A file with several ``#`` headings uses
    them as sections, so none of them is the top heading.
    """
    headings = [(level, text) for level, text in levels_and_texts if text.strip()]
    if not headings:
        return ""
    level, text = headings[0]
    if level > 1 or any(other <= level for other, _ in headings[1:]):
        return ""
    return text


def make_document(
    source: str,
    title: str,
    sections: Iterable[Section],
    *,
    module: int | None = None,
    week: int | None = None,
    topics: Iterable[str] = (),
    kind: str = "course",
) -> LoadedDocument:
    """Normalise raw loader output into a :class:`LoadedDocument`; empty sections are dropped.

    An empty ``title`` falls back to the file's name without its suffix, for every loader alike.
    """
    kept: list[Section] = []
    for section in sections:
        text = normalize(section.text)
        if not text:
            continue
        path = tuple(h for h in (normalize(h) for h in section.heading_path) if h)
        kept.append(Section(text=text, heading_path=path, page=section.page, slide=section.slide))
    sample = "\n".join(s.text for s in kept[:20])
    return LoadedDocument(
        source=source,
        title=normalize(title) or Path(source).stem,
        sections=tuple(kept),
        module=module,
        week=week,
        topics=tuple(normalize(t) for t in topics if t),
        lang=detect_lang(sample),
        kind=kind,
    )
