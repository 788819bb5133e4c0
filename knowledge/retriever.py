"""The hybrid retriever: Thai BM25 and dense vectors, fused, with a calibrated confidence."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt

from ingestion import thai
from ingestion.documents import Chunk
from knowledge.confidence import ConfidenceModel
from knowledge.embedders import Embedder, Vectors
from knowledge.index import KnowledgeIndex
from knowledge.passages import Passage, RetrievalResult

Filters = dict[str, str | int]
RECENT_QUERIES = 64
"""Single-query vectors kept, so a message judged before retrieval is not embedded twice."""
QueryExpander = Callable[[str], str]


@dataclass(frozen=True)
class RetrieverConfig:
    """How the two sides are combined.

    ``fusion``: ``minmax`` (weighted sum of min-max normalised scores over the candidates;
    the keyword side as the square root of BM25),
    ``rrf`` (reciprocal-rank fusion), or ``keyword`` / ``dense`` alone.
    """

    fusion: str = "minmax"
    keyword_weight: float = 0.5
    candidates: int = 40
    rrf_k: int = 60


def _minmax(values: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    low, high = float(values.min()), float(values.max())
    if high - low < 1e-12:
        return np.zeros_like(values)
    return (values - low) / (high - low)


def _where(filters: Filters | None) -> dict[str, Any] | None:
    if not filters:
        return None
    clauses = [{key: value} for key, value in filters.items()]
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


class HybridRetriever:
    """``retrieve(query, k, filters) -> RetrievalResult`` over one :class:`KnowledgeIndex`."""

    def __init__(
        self,
        index: KnowledgeIndex,
        embedder: Embedder,
        config: RetrieverConfig = RetrieverConfig(),
        confidence: ConfidenceModel | None = None,
        expander: QueryExpander | None = None,
    ) -> None:
        self._index = index
        self._embedder = embedder
        self._config = config
        self._confidence = confidence or ConfidenceModel.bundled()
        self._expand = expander
        self._recent: OrderedDict[str, Vectors] = OrderedDict()
        self._recent_lock = threading.Lock()

    @property
    def index(self) -> KnowledgeIndex:
        """The index searched."""
        return self._index

    def retrieve(self, query: str, k: int = 5, filters: Filters | None = None) -> RetrievalResult:
        """The ``k`` best passages for ``query``; ``filters`` match chunk fields exactly."""
        return self.retrieve_many([query], k, filters)[0]

    def retrieve_many(
        self, queries: Sequence[str], k: int = 5, filters: Filters | None = None, vectors: Vectors | None = None
    ) -> list[RetrievalResult]:
        """Like :meth:`retrieve` for a batch; query vectors are computed in one call.

        ``vectors``: the queries' vectors when the caller has them already (this embedder's
        ``embed_queries``, e.g. kept by the staff report), so they are not computed again.
        """
        normalised = [thai.normalize(q) for q in queries]
        expanded = [self._expand(q) if self._expand else q for q in normalised]
        needs_dense = self._config.fusion != "keyword" and len(self._index.chunks) > 0
        if not needs_dense:
            vectors = None
        elif vectors is None or len(vectors) != len(queries):
            vectors = self._vectors(normalised)
        return [
            self._one(query, keyword_query, None if vectors is None else vectors[i], k, filters)
            for i, (query, keyword_query) in enumerate(zip(normalised, expanded, strict=True))
        ]

    def query_vector(self, query: str) -> tuple[float, ...] | None:
        """The vector the dense side would search with for ``query`` (``None`` when it would not search).

        Kept for the next call with the same text: the engine asks for it to judge a message
        (``bot.conversation.act_model``) before it decides to retrieve, and retrieval then reuses it.
        """
        if self._config.fusion == "keyword" or not self._index.chunks:
            return None
        return tuple(float(x) for x in self._vectors([thai.normalize(query)])[0])

    def _vectors(self, normalised: list[str]) -> Vectors:
        """Query vectors, from the small cache for a single recent query (see :meth:`query_vector`)."""
        if len(normalised) != 1:
            return self._embedder.embed_queries(normalised)
        with self._recent_lock:
            cached = self._recent.get(normalised[0])
            if cached is not None:
                self._recent.move_to_end(normalised[0])
                return cached
        vectors = self._embedder.embed_queries(normalised)
        with self._recent_lock:
            self._recent[normalised[0]] = vectors
            while len(self._recent) > RECENT_QUERIES:
                self._recent.popitem(last=False)
        return vectors

    def _allowed(self, filters: Filters | None) -> npt.NDArray[np.bool_]:
        chunks = self._index.chunks
        mask = np.ones(len(chunks), dtype=bool)
        for key, value in (filters or {}).items():
            mask &= np.array([getattr(c, key, None) == value for c in chunks], dtype=bool)
        return mask

    def _one(
        self, query: str, keyword_query: str, vector: Vectors | None, k: int, filters: Filters | None
    ) -> RetrievalResult:
        index, config = self._index, self._config
        if not index.chunks or not query.strip():
            return RetrievalResult(query=query, passages=[], confidence=0.0)
        tokens = index.keyword.query_tokens(keyword_query)
        keyword = index.keyword.scores(tokens).astype(np.float64)
        allowed = self._allowed(filters)
        keyword[~allowed] = 0.0
        n = max(config.candidates, k)

        dense: dict[int, float] = {}
        if vector is not None:
            for ident, similarity in index.vectors.query(vector, n, _where(filters)):
                position = index.position.get(ident)
                if position is not None:
                    dense[position] = similarity
        keyword_top = [int(i) for i in np.argsort(-keyword)[:n] if keyword[i] > 0]
        if config.fusion == "keyword":
            candidates = keyword_top
        elif config.fusion == "dense":
            candidates = list(dense)
        else:
            candidates = list(dict.fromkeys([*keyword_top, *dense]))
        if not candidates:
            kept = None if vector is None else tuple(float(x) for x in vector)
            return RetrievalResult(query=query, passages=[], confidence=0.0, vector=kept)
        if vector is not None:
            self._fill_dense(candidates, dense, vector)

        kw = np.array([keyword[i] for i in candidates])
        dn = np.array([dense.get(i, 0.0) for i in candidates])
        fused = self._fuse(kw, dn)
        order = np.argsort(-fused, kind="stable")
        passages = [
            Passage(
                index.chunks[candidates[j]], float(fused[j]), float(kw[j]), float(dn[j]) if vector is not None else None
            )
            for j in order[:k]
        ]
        features = self._features(tokens, kw, dn, fused, order, passages[0].chunk, vector is not None)
        return RetrievalResult(
            query=query,
            passages=passages,
            confidence=self._confidence(features),
            features=features,
            vector=None if vector is None else tuple(float(x) for x in vector),
        )

    def _fill_dense(self, candidates: list[int], dense: dict[int, float], vector: Vectors) -> None:
        """Exact cosine for keyword candidates that the vector search did not return."""
        missing = [self._index.chunks[i].id for i in candidates if i not in dense]
        if not missing:
            return
        for ident, stored in self._index.vectors.vectors_for(missing).items():
            dense[self._index.position[ident]] = float(np.dot(stored, vector))

    def _fuse(self, kw: npt.NDArray[np.float64], dn: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        config = self._config
        if config.fusion == "keyword":
            return kw
        if config.fusion == "dense":
            return dn
        if config.fusion == "rrf":
            kw_rank = np.empty(len(kw))
            kw_rank[np.argsort(-kw, kind="stable")] = np.arange(1, len(kw) + 1)
            dn_rank = np.empty(len(dn))
            dn_rank[np.argsort(-dn, kind="stable")] = np.arange(1, len(dn) + 1)
            return 1.0 / (config.rrf_k + kw_rank) + 1.0 / (config.rrf_k + dn_rank)
        w = config.keyword_weight
        # BM25 is unbounded: one passage that repeats the query's rarest word (a glossary entry
        # naming the term, a section whose heading is the term) can score several times the
        # rest, and min-max then squeezes every other keyword score towards 0, so that the
        # order below the top is decided by vectors alone. The square root keeps the keyword
        # order but narrows that gap (sample course: MRR 0.694 -> 0.701 on the SME set and
        # 0.682 -> 0.696 on the gap set, README "Course v2").
        # bm25s's default (Lucene) idf is never negative; the floor keeps a NaN out if that changes.
        return w * _minmax(np.sqrt(np.maximum(kw, 0.0))) + (1.0 - w) * _minmax(dn)

    def _features(
        self,
        tokens: list[str],
        kw: npt.NDArray[np.float64],
        dn: npt.NDArray[np.float64],
        fused: npt.NDArray[np.float64],
        order: npt.NDArray[np.intp],
        top_chunk: Chunk,
        has_dense: bool,
    ) -> dict[str, float]:
        """Signals of whether the top passage answers the query (weighted in confidence.py).

        Content words exclude Thai particles and question words (ครับ, อะไร, เท่าไหร่), which say
        nothing about the topic. A content word the material never uses at all is the clearest
        sign of a question the course does not cover.
        """
        keyword = self._index.keyword
        top = int(order[0])
        second = float(fused[order[1]]) if len(order) > 1 else 0.0
        spread = float(fused.max() - fused.min()) or 1.0
        content = [t for t in dict.fromkeys(tokens) if t not in query_stopwords()]
        present = set(keyword.query_tokens(top_chunk.embedding_text()))
        weights = {t: keyword.idf(t) for t in content}
        total = sum(weights.values())
        covered = sum(w for t, w in weights.items() if t in present)
        unknown = sum(1 for t in content if keyword.document_frequency(t) == 0)
        return {
            "dense_top": float(dn[top]) if has_dense else 0.0,
            "idf_coverage": covered / total if total else 0.0,
            "unknown_share": unknown / len(content) if content else 1.0,
            "fused_margin": (float(fused[top]) - second) / spread,
            "agreement": float(has_dense and int(np.argmax(kw)) == int(np.argmax(dn))),
        }


@lru_cache(maxsize=1)
def query_stopwords() -> frozenset[str]:
    """Thai stop words (pythainlp's bundled list, offline) plus English ones typed in Thai chats."""
    from pythainlp.corpus import thai_stopwords

    return frozenset(thai_stopwords()) | {"what", "how", "is", "the", "a", "of", "to", "and", "or", "for", "in", "do"}
