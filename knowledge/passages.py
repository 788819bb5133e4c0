"""What retrieval returns."""

from __future__ import annotations

from dataclasses import dataclass, field

from ingestion.documents import Chunk


@dataclass(frozen=True)
class Passage:
    """A chunk with the scores that ranked it.

    ``score`` is the fused score the list is ordered by; ``keyword_score`` is raw BM25 and
    ``dense_score`` the cosine similarity (``None`` when that side was not computed).
    """

    chunk: Chunk
    score: float
    keyword_score: float | None = None
    dense_score: float | None = None


@dataclass(frozen=True)
class RetrievalResult:
    """A ranked list with one calibrated confidence that the top passage answers the query."""

    query: str
    passages: list[Passage]
    confidence: float
    features: dict[str, float] = field(default_factory=dict)
    vector: tuple[float, ...] | None = None
    """The query's vector as the dense side used it (``None`` without one): reused, not recomputed,
    by what judges the question afterwards (``bot.conversation.act_model``)."""
