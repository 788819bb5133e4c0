"""Plain data passed between loaders, the chunker and the index.

Loaders produce :class:`LoadedDocument` values made of :class:`Section` parts; the chunker
turns those into :class:`Chunk` values that the knowledge base stores. All are frozen so a
value can be shared between threads and cached without defensive copies.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Section:
    """A run of text that shares one location in its document.

    A chunk never spans two sections, so the heading path, page and slide of every chunk
    are exact. Loaders split at headings (Markdown, DOCX, HTML), pages (PDF) or slides (PPTX).
    """

    text: str
    heading_path: tuple[str, ...] = ()
    page: int | None = None
    slide: int | None = None


@dataclass(frozen=True)
class LoadedDocument:
    """One logical document read from a file (a FAQ file yields one per question)."""

    source: str
    """Path of the file relative to the folder given to ``ingest``, with ``/`` separators."""
    title: str
    sections: tuple[Section, ...]
    module: int | None = None
    week: int | None = None
    topics: tuple[str, ...] = ()
    lang: str = "th"
    kind: str = "course"
    """``course``, ``faq``, ``schedule``, ``glossary`` or ``curated``."""


@dataclass(frozen=True)
class Chunk:
    """A passage of a document, sized for the embedder, with where it came from."""

    id: str
    text: str
    source: str
    title: str
    heading_path: tuple[str, ...] = ()
    page: int | None = None
    slide: int | None = None
    module: int | None = None
    week: int | None = None
    lang: str = "th"
    kind: str = "course"
    content_hash: str = ""
    """Hash of the whole source file's bytes: the sync compares it to skip unchanged files."""
    topics: tuple[str, ...] = field(default=())

    def embedding_text(self) -> str:
        """The text given to the embedder: title and heading path first, for context."""
        context = " > ".join((self.title, *self.heading_path))
        return f"{context}\n{self.text}" if context else self.text
