"""sentence-transformers backend: any local model directory or hub name (install extra ``st``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from knowledge.embedders.base import EmbedderConfig, EmbedderUnavailableError, PrefixedEmbedder, Vectors, unit_rows


class SentenceTransformerEmbedder(PrefixedEmbedder):
    """A sentence-transformers model, loaded lazily, offline when given a local directory."""

    def __init__(
        self,
        model: str,
        query_prefix: str = "",
        passage_prefix: str = "",
        batch_size: int = 32,
        device: str = "cpu",
    ) -> None:
        super().__init__(query_prefix, passage_prefix)
        self._name = model
        self._batch_size = batch_size
        self._device = device
        self._model: Any = None

    def _load(self) -> Any:
        if self._model is None:
            try:
                from sentence_transformers import SentenceTransformer
            except ImportError as exc:
                raise EmbedderUnavailableError(
                    "the sentence-transformers embedder needs the 'st' extra: pip install 'nzap-assistant[st]'"
                ) from exc
            self._model = SentenceTransformer(self._name, device=self._device)
        return self._model

    @property
    def id(self) -> str:
        """The model name as given, with its dimension."""
        return f"sentence-transformers/{self._name}/{self.dim}"

    @property
    def dim(self) -> int:
        """The model's output dimension."""
        model = self._load()
        getter = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        return int(getter())

    def _encode(self, texts: Sequence[str]) -> Vectors:
        vectors = self._load().encode(list(texts), batch_size=self._batch_size, convert_to_numpy=True)
        return unit_rows(vectors)

    def count_tokens(self, text: str) -> int:
        """Tokens from the model's own tokenizer."""
        return len(self._load().tokenizer(self.passage_prefix + text)["input_ids"])


def from_config(config: EmbedderConfig) -> SentenceTransformerEmbedder:
    """The backend ``sentence-transformers``: ``model`` is a hub name or a local directory."""
    if not config.model:
        raise ValueError("the sentence-transformers embedder needs a model name or local directory")
    return SentenceTransformerEmbedder(
        config.model, config.query_prefix, config.passage_prefix, batch_size=config.batch_size
    )
