"""File loaders: one per format, chosen by the file's lower-cased suffix.

``load_file`` is the only entry point the sync needs. Every loader returns normalised text
(:func:`ingestion.thai.normalize`) and raises :class:`~ingestion.loaders.base.SkipFile`
with a one-line reason for a file it cannot read.
"""

from __future__ import annotations

from pathlib import Path

from ingestion.documents import LoadedDocument
from ingestion.loaders.base import Loader, PagedLoader, SkipFile
from ingestion.loaders.common import detect_lang
from ingestion.loaders.docx import load_docx
from ingestion.loaders.html import load_html
from ingestion.loaders.markdown import load_markdown
from ingestion.loaders.pdf import load_pdf
from ingestion.loaders.pptx import load_pptx
from ingestion.loaders.text import load_text
from ingestion.loaders.yaml_kinds import load_yaml

__all__ = ["EMPTY", "SUPPORTED_SUFFIXES", "Loader", "SkipFile", "detect_lang", "load_file"]

EMPTY = "empty: no text found"

_LOADERS: dict[str, Loader] = {
    ".md": load_markdown,
    ".markdown": load_markdown,
    ".txt": load_text,
    ".html": load_html,
    ".htm": load_html,
    ".pdf": load_pdf,
    ".docx": load_docx,
    ".pptx": load_pptx,
    ".yaml": load_yaml,
    ".yml": load_yaml,
}

_PAGED: dict[str, PagedLoader] = {".pdf": load_pdf, ".pptx": load_pptx}
"""Loaders that can stop after a number of pages or slides."""

SUPPORTED_SUFFIXES: frozenset[str] = frozenset(_LOADERS)
"""Lower-cased suffixes, with the dot, that :func:`load_file` reads."""


def load_file(path: Path, source: str, max_pages: int | None = None) -> list[LoadedDocument]:
    """Read ``path`` into documents with the loader for its suffix.

    ``source`` is the path relative to the ingest root, recorded on every document. With
    ``max_pages``, a PDF or a PPTX is read no further than that page or slide. Raises
    :class:`SkipFile` for an unsupported suffix, an empty file or one with no text, and for
    a file its loader cannot read; any other error while reading a file is turned into a
    ``SkipFile`` too, so that one bad file never stops a sync.
    """
    suffix = path.suffix.lower()
    loader = _LOADERS.get(suffix)
    if loader is None:
        raise SkipFile(f"unsupported file type {suffix or '(none)'}")
    if path.stat().st_size == 0:
        raise SkipFile(EMPTY)
    try:
        if max_pages is not None and suffix in _PAGED:
            documents = _PAGED[suffix](path, source, max_pages=max_pages)
        else:
            documents = loader(path, source)
    except SkipFile:
        raise
    except Exception as error:  # a damaged file can make any parser fail in its own way
        raise SkipFile(f"unreadable {suffix[1:].upper()}: {type(error).__name__}: {error}"[:300]) from error
    documents = [d for d in documents if d.sections]
    if not documents:
        raise SkipFile(EMPTY)
    return documents
