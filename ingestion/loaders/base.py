"""The loader contract: one callable per file format, a clear reason when a file is skipped."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from ingestion.documents import LoadedDocument


class SkipFile(Exception):
    """Raised by a loader for a file it cannot read.

    The message is a one-line reason for operators, for example
    ``"corrupt PDF: EOF marker not found"`` or ``"encrypted PDF"``.
    """


class Loader(Protocol):
    """Reads one file into documents; ``source`` is its path relative to the ingest root."""

    def __call__(self, path: Path, source: str) -> list[LoadedDocument]:
        """Documents read from ``path``; raises :class:`SkipFile` when the file cannot be read."""
        ...


class PagedLoader(Protocol):
    """A loader that can stop after ``max_pages`` pages or slides (a cap on what one file may cost)."""

    def __call__(self, path: Path, source: str, *, max_pages: int | None = None) -> list[LoadedDocument]:
        """Documents read from at most the first ``max_pages`` pages of ``path``."""
        ...
