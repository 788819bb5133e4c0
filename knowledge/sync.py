"""Incremental, crash-safe sync of folders into the knowledge index.

Files are hashed; only new or changed files are loaded, chunked and embedded; files that
disappeared from a folder, or that are now skipped (grown past the size cap, corrupt,
unreadable), lose their chunks. All changes land in one new index generation
that becomes live only when complete (see :mod:`knowledge.index`).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ingestion.chunking import ChunkingConfig, chunk_document
from ingestion.documents import Chunk
from ingestion.limits import (
    ZIP_SUFFIXES,
    IngestLimits,
    Truncation,
    cap_documents,
    check_local,
    format_size,
    inside,
    unzip_problem,
)
from ingestion.loaders import EMPTY, SUPPORTED_SUFFIXES, load_file
from ingestion.loaders.base import SkipFile
from ingestion.progress import Progress, ProgressFactory
from knowledge.embedders import Embedder, Vectors, no_vectors
from knowledge.glossary import GlossaryTerm, read_terms
from knowledge.index import IndexWriter, writer_lock
from knowledge.vector_store import ChromaConfig

MAX_FILE_BYTES = IngestLimits.max_file_bytes
"""The default size cap (see :class:`~ingestion.limits.IngestLimits`)."""

OUTSIDE_LINK = "symlink outside the ingested folders"


class StrictModeError(RuntimeError):
    """``--strict`` was given and some files could not be read."""


@dataclass
class SyncReport:
    """What a sync did, for the one-line summary and for tests."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    truncated: list[Truncation] = field(default_factory=list)
    """Files read only in part because of the page or character caps."""
    chunks_embedded: int = 0
    chunks_total: int = 0
    embed_seconds: float = 0.0
    seconds: float = 0.0

    def summary(self) -> str:
        """One line for people."""
        return (
            f"files: {len(self.added)} added, {len(self.changed)} changed, {len(self.unchanged)} unchanged, "
            f"{len(self.removed)} removed, {len(self.skipped)} skipped; chunks: {self.chunks_embedded} embedded, "
            f"{self.chunks_total} in index; {self.seconds:.1f} s"
        )


@dataclass(frozen=True)
class _Candidate:
    path: Path
    source: str
    root: str
    refused: str | None = None
    """Why the file is not read at all (a link out of the folders), if it is not."""


def _walk(paths: Iterable[Path]) -> Iterator[_Candidate]:
    roots = [p.resolve() for p in paths]
    prefix_with_root = len(roots) > 1
    for root in roots:
        if root.is_file():
            yield _Candidate(root, root.name, str(root))
            continue
        if not root.is_dir():
            raise FileNotFoundError(f"no such file or folder: {root}")
        for path in sorted(root.rglob("*")):
            relative = path.relative_to(root)
            if any(part.startswith(".") for part in relative.parts):
                continue
            # A README in a course folder is for the authors (rules, the note convention), not learners.
            if path.stem.lower() == "readme":
                continue
            # A link may point anywhere on the server (/etc, another course's folder): only
            # links that stay inside the given folders are read. Linked folders are not walked
            # (pathlib does not descend into them), and a file below one is checked all the same.
            outside = not inside(path, roots)
            if not outside and not path.is_file():
                continue
            source = relative.as_posix()
            yield _Candidate(
                path,
                f"{root.name}/{source}" if prefix_with_root else source,
                str(root),
                OUTSIDE_LINK if outside else None,
            )


def file_hash(data: bytes) -> str:
    """Content hash that decides whether a file changed."""
    return hashlib.sha256(data).hexdigest()


def sync_folders(
    paths: Iterable[Path],
    index_dir: Path,
    embedder: Embedder,
    chroma: ChromaConfig = ChromaConfig(),
    chunking: ChunkingConfig = ChunkingConfig(),
    strict: bool = False,
    rebuild: bool = False,
    progress: ProgressFactory | None = None,
    embed_batch: int = 64,
    limits: IngestLimits | None = None,
) -> SyncReport:
    """Bring the index in line with ``paths``; returns what changed.

    Raises :class:`~ingestion.limits.NotLocalPathError` for a URL among ``paths``: only local
    files and folders are read, within ``limits``.
    """
    paths = list(paths)
    for path in paths:
        check_local(path)
    limits = limits or IngestLimits()
    started = time.monotonic()
    report = SyncReport()
    with writer_lock(index_dir):
        writer = IndexWriter(index_dir, embedder, chroma, chunking, rebuild=rebuild)
        candidates = list(_walk(paths))
        pending: list[tuple[_Candidate, str, list[Chunk], list[GlossaryTerm]]] = []
        seen: set[str] = set()
        for candidate in candidates:
            seen.add(candidate.source)
            try:
                outcome = _prepare(candidate, writer, embedder, chunking, report, limits)
            except SkipFile as exc:
                _skip(candidate.source, str(exc), writer, report)
                continue
            if outcome is not None:
                pending.append((candidate, *outcome))
        if strict and report.skipped:
            reasons = "; ".join(f"{s}: {r}" for s, r in report.skipped)
            raise StrictModeError(f"{len(report.skipped)} file(s) could not be read: {reasons}")
        roots = {c.root for c in candidates} | {str(Path(p).resolve()) for p in paths}
        for source in [s for s, r in writer.files.items() if r.root in roots and s not in seen]:
            writer.remove(source)
            report.removed.append(source)

        embed_started = time.monotonic()
        all_chunks = [chunk for _, _, chunks, _ in pending for chunk in chunks]
        vectors = _embed(all_chunks, embedder, embed_batch, progress)
        report.embed_seconds = time.monotonic() - embed_started
        report.chunks_embedded = len(all_chunks)
        offset = 0
        for candidate, content_hash, chunks, glossary in pending:
            writer.put(candidate.source, content_hash, candidate.root, chunks, vectors[offset : offset + len(chunks)])
            if glossary:
                writer.glossary[candidate.source] = glossary
            offset += len(chunks)
        if pending or report.removed or rebuild or writer.record_count_changed():
            manifest = writer.commit(started)
            report.chunks_total = manifest.chunks
        else:
            report.chunks_total = writer.chunk_count()
    report.seconds = time.monotonic() - started
    return report


def _skip(source: str, reason: str, writer: IndexWriter, report: SyncReport) -> None:
    """Report a skipped file; one the index held loses its chunks, which would cite text that is gone."""
    report.skipped.append((source, reason))
    if writer.record(source) is not None:
        writer.remove(source)
        report.removed.append(source)


def _prepare(
    candidate: _Candidate,
    writer: IndexWriter,
    embedder: Embedder,
    chunking: ChunkingConfig,
    report: SyncReport,
    limits: IngestLimits,
) -> tuple[str, list[Chunk], list[GlossaryTerm]] | None:
    """The content hash, chunks and glossary of a new or changed file; ``None`` when unchanged.

    Raises :class:`SkipFile` with the reason for any file that is not to be indexed, whatever
    the reason: the caller reports it and drops the chunks the file had (:func:`_skip`).
    """
    source, path = candidate.source, candidate.path
    previous = writer.record(source)
    if candidate.refused is not None:
        raise SkipFile(candidate.refused)
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise SkipFile(f"unsupported file type {path.suffix or '(none)'}")
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            raise SkipFile(f"too large: {format_size(size)} (limit {format_size(limits.max_file_bytes)})")
        content_hash = file_hash(path.read_bytes())
    except OSError as exc:
        raise SkipFile(f"unreadable: {type(exc).__name__}: {exc.strerror or exc}") from exc
    if previous is not None and previous.content_hash == content_hash:
        writer.keep(source, candidate.root)
        report.unchanged.append(source)
        return None
    problem = unzip_problem(path, limits) if path.suffix.lower() in ZIP_SUFFIXES else None
    if problem is not None:
        raise SkipFile(problem)
    # One page past the cap tells whether the file was longer than the cap.
    documents = load_file(path, source, max_pages=limits.max_pages + 1)
    documents, notes = cap_documents(documents, source, limits)
    report.truncated.extend(notes)
    # The same passage twice at the same place of one file (a repeated FAQ entry) is kept once.
    by_id = {c.id: c for d in documents for c in chunk_document(d, content_hash, chunking, embedder.count_tokens)}
    chunks = list(by_id.values())
    if not chunks:
        raise SkipFile(EMPTY)
    # A glossary is kept with the index so that queries are expanded with the material's own terms.
    glossary = read_terms(path) if any(d.kind == "glossary" for d in documents) else []
    (report.changed if previous is not None else report.added).append(source)
    return content_hash, chunks, glossary


def _embed(chunks: list[Chunk], embedder: Embedder, batch: int, progress: ProgressFactory | None) -> Vectors:
    """Embed in large batches; identical texts (repeated boilerplate) are embedded once."""
    texts = [c.embedding_text() for c in chunks]
    unique = list(dict.fromkeys(texts))
    bar = progress(len(unique)) if progress else Progress()
    parts = []
    for start in range(0, len(unique), batch):
        parts.append(embedder.embed_documents(unique[start : start + batch]))
        bar.update(len(unique[start : start + batch]))
    bar.close()
    if not unique:
        return no_vectors(embedder.dim)
    by_text = dict(zip(unique, np.vstack(parts), strict=True))
    return np.vstack([by_text[t] for t in texts])
