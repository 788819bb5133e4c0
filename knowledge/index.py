"""The on-disk knowledge index: generations of (Chroma collection, BM25 files, chunk table).

Layout of an index folder::

    CURRENT                    name of the live generation, replaced atomically
    chroma/                    Chroma's folder (embedded mode only)
    generations/g000007/       manifest.json, chunks.jsonl, files.json, bm25/

A writer builds a complete new generation next to the live one and only then points
``CURRENT`` at it, so a process killed at any moment leaves the previous generation intact
and searchable. Unchanged chunks keep their vectors: they are copied, never re-embedded.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from ingestion.chunking import ChunkingConfig
from ingestion.documents import Chunk
from knowledge.embedders import Embedder, Vectors, no_vectors
from knowledge.glossary import GlossaryTerm
from knowledge.keyword import KeywordIndex
from knowledge.manifest import SCHEMA_VERSION, TOKENIZER_ID, Manifest
from knowledge.vector_store import ChromaConfig, VectorCollection, create_collection, get_collection, open_client


class KnowledgeIndexError(RuntimeError):
    """Base for index problems that the user can act on; the message says what to do."""


class IndexNotFoundError(KnowledgeIndexError):
    """No complete index in the folder."""


class IndexMismatchError(KnowledgeIndexError):
    """The index was built by another embedder, tokenizer or schema."""


@dataclass(frozen=True)
class FileRecord:
    """What the index holds for one source file."""

    content_hash: str
    chunk_ids: tuple[str, ...]
    root: str = ""
    """The folder given to ``ingest`` that holds the file; a later run over the same folder
    removes the file's chunks when the file is gone."""


def _chunk_from_json(row: dict[str, Any]) -> Chunk:
    row["heading_path"] = tuple(row.get("heading_path", ()))
    row["topics"] = tuple(row.get("topics", ()))
    return Chunk(**row)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_durably(path: Path, text: str) -> None:
    with path.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())


def current_generation(index_dir: Path) -> str | None:
    """Name of the live generation, or ``None`` for an empty folder."""
    pointer = index_dir / "CURRENT"
    if not pointer.exists():
        return None
    name = pointer.read_text(encoding="utf-8").strip()
    return name or None


class KnowledgeIndex:
    """A read-only view of the live generation: chunks, keyword index and vectors."""

    def __init__(
        self,
        index_dir: Path,
        manifest: Manifest,
        chunks: list[Chunk],
        files: dict[str, FileRecord],
        keyword: KeywordIndex,
        vectors: VectorCollection,
        glossary: dict[str, list[GlossaryTerm]] | None = None,
    ) -> None:
        self.index_dir = index_dir
        self.glossary = glossary or {}
        """Glossary terms of the indexed material, by source file, for query expansion."""
        self.manifest = manifest
        self.chunks = chunks
        self.files = files
        self.keyword = keyword
        self.vectors = vectors
        self.position = {chunk.id: i for i, chunk in enumerate(chunks)}

    @classmethod
    def open(cls, index_dir: Path, embedder: Embedder | None, chroma: ChromaConfig = ChromaConfig()) -> KnowledgeIndex:
        """Open the live generation; refuse one built by another embedder than ``embedder``."""
        manifest = check_live_manifest(index_dir, embedder)
        folder = index_dir / "generations" / manifest.generation
        with (folder / "chunks.jsonl").open(encoding="utf-8") as handle:
            chunks = [_chunk_from_json(json.loads(line)) for line in handle if line.strip()]
        files = {
            source: FileRecord(rec["content_hash"], tuple(rec["chunk_ids"]), rec.get("root", ""))
            for source, rec in json.loads((folder / "files.json").read_text(encoding="utf-8")).items()
        }
        keyword = KeywordIndex.load(folder / "bm25")
        keyword.fill_frequencies([c.embedding_text() for c in chunks])
        vectors = get_collection(open_client(chroma, index_dir), manifest.collection)
        return cls(index_dir, manifest, chunks, files, keyword, vectors, _read_glossary(folder))

    def glossary_terms(self) -> list[GlossaryTerm]:
        """All glossary terms of the indexed material."""
        return [term for terms in self.glossary.values() for term in terms]


def _read_glossary(folder: Path) -> dict[str, list[GlossaryTerm]]:
    path = folder / "glossary.json"
    if not path.exists():
        return {}
    raw = json.loads(path.read_text(encoding="utf-8"))
    return {
        source: [GlossaryTerm(t["term"], t["english"], tuple(t["aliases"])) for t in terms]
        for source, terms in raw.items()
    }


def check_live_manifest(index_dir: Path, embedder: Embedder | None) -> Manifest:
    """The live generation's manifest, checked against ``embedder``; raises what :meth:`KnowledgeIndex.open` would."""
    generation = current_generation(index_dir)
    if generation is None:
        raise IndexNotFoundError(f"no index in {index_dir}: build one with `nzap ingest PATH --index {index_dir}`")
    manifest = Manifest.read(index_dir / "generations" / generation / "manifest.json")
    check_compatible(manifest, embedder, index_dir)
    return manifest


def check_compatible(manifest: Manifest, embedder: Embedder | None, index_dir: Path) -> None:
    """Raise :class:`IndexMismatchError` with advice when the index cannot be used as configured."""
    if manifest.schema_version != SCHEMA_VERSION or manifest.tokenizer != TOKENIZER_ID:
        raise IndexMismatchError(
            f"the index in {index_dir} has format {manifest.schema_version}/{manifest.tokenizer}, this version "
            f"needs {SCHEMA_VERSION}/{TOKENIZER_ID}: rebuild it with `nzap ingest PATH --index {index_dir} --rebuild`"
        )
    if embedder is not None and embedder.id != manifest.embedder_id:
        raise IndexMismatchError(
            f"the index in {index_dir} was built with the embedder {manifest.embedder_id!r} but the configured "
            f"embedder is {embedder.id!r}; its vectors would be meaningless. Either configure the same embedder, "
            f"or rebuild: `nzap ingest PATH --index {index_dir} --rebuild`"
        )


@contextmanager
def writer_lock(index_dir: Path) -> Iterator[None]:
    """One writer per index folder at a time (readers never block)."""
    index_dir.mkdir(parents=True, exist_ok=True)
    with (index_dir / ".lock").open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise KnowledgeIndexError(f"another ingest is running on {index_dir}") from exc
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class IndexWriter:
    """Builds the next generation from the live one plus changes, then switches to it.

    Use inside :func:`writer_lock`. Nothing the live generation uses is modified until
    :meth:`commit` has made the new generation complete and durable.
    """

    def __init__(
        self,
        index_dir: Path,
        embedder: Embedder,
        chroma: ChromaConfig = ChromaConfig(),
        chunking: ChunkingConfig = ChunkingConfig(),
        rebuild: bool = False,
    ) -> None:
        self.index_dir = index_dir
        self._embedder = embedder
        self._chroma = chroma
        self._chunking = chunking
        self._client = open_client(chroma, index_dir)
        self._previous: KnowledgeIndex | None = None
        live = current_generation(index_dir)
        if live is not None and not rebuild:
            previous = KnowledgeIndex.open(index_dir, embedder, chroma)
            if previous.manifest.chunking == chunking.as_dict():
                self._previous = previous
        self.files: dict[str, FileRecord] = dict(self._previous.files) if self._previous else {}
        self._chunks: dict[str, Chunk] = {c.id: c for c in self._previous.chunks} if self._previous else {}
        self._new_vectors: dict[str, Vectors] = {}
        self.glossary: dict[str, list[GlossaryTerm]] = dict(self._previous.glossary) if self._previous else {}
        self._cleanup_stale(live)

    def _cleanup_stale(self, live: str | None) -> None:
        """Remove generations and collections other than the live one and the one before it.

        Newer ones were left by a writer that was killed; the one before the live one is
        kept so that a reader that opened it a moment ago can finish its query.
        """
        keep = {live, f"g{int(live[1:]) - 1:06d}"} if live else set()
        gens = self.index_dir / "generations"
        if gens.exists():
            for folder in gens.iterdir():
                if folder.name not in keep:
                    shutil.rmtree(folder, ignore_errors=True)
        prefix = f"{self._chroma.collection_prefix}-"
        for collection in self._client.list_collections():
            name = collection.name
            if name.startswith(prefix + "g") and name.removeprefix(prefix) not in keep:
                self._client.delete_collection(name)

    def chunk_count(self) -> int:
        """Chunks the next generation will hold."""
        return len(self._chunks)

    def record_count_changed(self) -> bool:
        """Whether the set of files differs from the live generation (or there is none yet)."""
        if self._previous is None:
            return True
        return set(self.files) != set(self._previous.files) or any(
            self.files[s].root != self._previous.files[s].root for s in self.files
        )

    def record(self, source: str) -> FileRecord | None:
        """What the live generation holds for ``source`` (``None`` if new, or when rebuilding)."""
        return self.files.get(source)

    def remove(self, source: str) -> int:
        """Drop a file's chunks; returns how many."""
        record = self.files.pop(source, None)
        self.glossary.pop(source, None)
        if record is None:
            return 0
        for ident in record.chunk_ids:
            self._chunks.pop(ident, None)
            self._new_vectors.pop(ident, None)
        return len(record.chunk_ids)

    def put(self, source: str, content_hash: str, root: str, chunks: Sequence[Chunk], vectors: Vectors) -> None:
        """Replace a file's chunks with new ones and their vectors."""
        self.remove(source)
        for chunk, vector in zip(chunks, vectors, strict=True):
            self._chunks[chunk.id] = chunk
            self._new_vectors[chunk.id] = vector
        self.files[source] = FileRecord(content_hash, tuple(c.id for c in chunks), root)

    def keep(self, source: str, root: str) -> None:
        """Keep an unchanged file (its root is refreshed in case the folder was given differently)."""
        record = self.files[source]
        self.files[source] = FileRecord(record.content_hash, record.chunk_ids, root)

    def commit(self, started: float) -> Manifest:
        """Write the new generation completely, then make it the live one."""
        live = current_generation(self.index_dir)
        number = int(live[1:]) + 1 if live else 1
        generation = f"g{number:06d}"
        collection_name = f"{self._chroma.collection_prefix}-{generation}"
        ordered = [self._chunks[i] for source in sorted(self.files) for i in self.files[source].chunk_ids]
        carried_ids = [c.id for c in ordered if c.id not in self._new_vectors]
        carried = self._previous.vectors.vectors_for(carried_ids) if (self._previous and carried_ids) else {}
        missing = [i for i in carried_ids if i not in carried]
        if missing:
            raise KnowledgeIndexError(f"{len(missing)} vectors missing from the live index; rebuild with --rebuild")
        merged = {**carried, **self._new_vectors}
        vectors = (
            np.vstack([merged[c.id] for c in ordered])
            if ordered
            else no_vectors(self._embedder.dim)
        )
        collection = create_collection(self._client, collection_name)
        collection.add(ordered, vectors)

        folder = self.index_dir / "generations" / generation
        folder.mkdir(parents=True, exist_ok=True)
        KeywordIndex.build([c.embedding_text() for c in ordered]).save(folder / "bm25")
        _write_durably(
            folder / "chunks.jsonl", "".join(json.dumps(asdict(c), ensure_ascii=False) + "\n" for c in ordered)
        )
        _write_durably(
            folder / "glossary.json",
            json.dumps(
                {s: [asdict(t) for t in terms] for s, terms in self.glossary.items() if s in self.files},
                ensure_ascii=False,
            ),
        )
        _write_durably(
            folder / "files.json", json.dumps({s: asdict(r) for s, r in self.files.items()}, ensure_ascii=False)
        )
        manifest = Manifest(
            generation=generation,
            collection=collection_name,
            embedder_id=self._embedder.id,
            dim=self._embedder.dim,
            chunking=self._chunking.as_dict(),
            files=len(self.files),
            chunks=len(ordered),
            built_at=datetime.now(UTC).isoformat(timespec="seconds"),
            build_seconds=round(time.monotonic() - started, 3),
        )
        manifest.write(folder / "manifest.json")
        for path in folder.rglob("*"):
            if path.is_file():
                with path.open("rb") as handle:
                    os.fsync(handle.fileno())
        _fsync_dir(folder)
        pointer_tmp = self.index_dir / "CURRENT.tmp"
        _write_durably(pointer_tmp, generation)
        os.replace(pointer_tmp, self.index_dir / "CURRENT")
        _fsync_dir(self.index_dir)
        self._cleanup_stale(generation)
        return manifest
