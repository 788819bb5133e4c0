"""Chroma as the vector store: embedded (a folder) or client-server (``chroma run``).

We always pass vectors ourselves and create collections with ``embedding_function=None``,
so Chroma never loads (or tries to download) its default embedding model.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ingestion.documents import Chunk
from knowledge.embedders import Vectors


@dataclass(frozen=True)
class ChromaConfig:
    """Where vectors live. ``mode`` is ``embedded`` (a folder inside the index) or ``http``."""

    mode: str = "embedded"
    host: str = "127.0.0.1"
    port: int = 8000
    ssl: bool = False
    collection_prefix: str = "nzap"
    """Collections are named ``<prefix>-<generation>``; give each index on a shared server its own."""


def open_client(config: ChromaConfig, index_dir: Path) -> Any:
    """A Chroma client with telemetry off."""
    import chromadb
    from chromadb.config import Settings

    settings = Settings(anonymized_telemetry=False, allow_reset=False)
    if config.mode == "embedded":
        return chromadb.PersistentClient(path=str(index_dir / "chroma"), settings=settings)
    if config.mode == "http":
        return chromadb.HttpClient(host=config.host, port=config.port, ssl=config.ssl, settings=settings)
    raise ValueError(f"unknown Chroma mode {config.mode!r}: use embedded or http")


def chunk_metadata(chunk: Chunk) -> dict[str, str | int]:
    """The fields stored with each vector, for filtering (Chroma rejects ``None`` values)."""
    meta: dict[str, str | int] = {"source": chunk.source, "title": chunk.title, "kind": chunk.kind}
    for key in ("module", "week", "page", "slide"):
        value = getattr(chunk, key)
        if value is not None:
            meta[key] = value
    return meta


class VectorStoreError(RuntimeError):
    """The vectors could not be read: a damaged or deleted Chroma folder, or an unreachable Chroma server.

    Chroma raises many kinds of errors for these (its ``InternalError``, SQLite and OS errors,
    errors of its Rust bindings, HTTP errors), none of which callers can tell apart usefully;
    they get this one, with the original as its cause, and the server answers 503.
    """


class VectorCollection:
    """One generation's collection: add, copy, query."""

    def __init__(self, collection: Any) -> None:
        self._collection = collection

    def add(self, chunks: Sequence[Chunk], vectors: Vectors, batch: int = 1000) -> None:
        """Store vectors with their chunk ids, text and filterable metadata."""
        for start in range(0, len(chunks), batch):
            part = chunks[start : start + batch]
            self._collection.add(
                ids=[c.id for c in part],
                embeddings=vectors[start : start + batch],
                documents=[c.text for c in part],
                metadatas=[chunk_metadata(c) for c in part],
            )

    def vectors_for(self, ids: Sequence[str], batch: int = 1000) -> dict[str, Vectors]:
        """Stored vectors by chunk id (used to carry unchanged chunks into a new generation)."""
        found: dict[str, Vectors] = {}
        for start in range(0, len(ids), batch):
            try:
                got = self._collection.get(ids=list(ids[start : start + batch]), include=["embeddings"])
            except Exception as error:  # whatever Chroma raised: see VectorStoreError
                raise VectorStoreError("the vector store could not be read") from error
            for ident, vector in zip(got["ids"], got["embeddings"], strict=True):
                found[ident] = np.asarray(vector, dtype=np.float32)
        return found

    def query(self, vector: Vectors, n: int, where: dict[str, Any] | None = None) -> Iterator[tuple[str, float]]:
        """Nearest chunks as ``(id, cosine similarity)``, best first."""
        if n <= 0:
            return
        try:
            result = self._collection.query(
                query_embeddings=[vector.tolist()], n_results=n, where=where or None, include=["distances"]
            )
        except Exception as error:  # whatever Chroma raised: see VectorStoreError
            raise VectorStoreError("the vector store could not be queried") from error
        for ident, distance in zip(result["ids"][0], result["distances"][0], strict=True):
            yield ident, 1.0 - float(distance)

    def count(self) -> int:
        """Number of vectors stored."""
        return int(self._collection.count())


def create_collection(client: Any, name: str) -> VectorCollection:
    """A new, empty cosine-space collection (replacing a stale one of the same name)."""
    if name in {c.name for c in client.list_collections()}:
        client.delete_collection(name)
    return VectorCollection(client.create_collection(name, embedding_function=None, metadata={"hnsw:space": "cosine"}))


def get_collection(client: Any, name: str) -> VectorCollection:
    """An existing collection, without any embedding function attached."""
    return VectorCollection(client.get_collection(name, embedding_function=None))
