"""The hybrid retriever as a LangChain retriever, for people building their own chains on our index."""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever

from knowledge.passages import Passage
from knowledge.retriever import Filters, HybridRetriever


def passage_document(passage: Passage, confidence: float) -> Document:
    """A LangChain document for ``passage``; ``confidence`` is that of the whole result list."""
    chunk = passage.chunk
    metadata: dict[str, Any] = {
        "source": chunk.source,
        "title": chunk.title,
        "page": chunk.page,
        "slide": chunk.slide,
        "module": chunk.module,
        "week": chunk.week,
        "heading": " > ".join(chunk.heading_path),
        "score": passage.score,
        "confidence": confidence,
    }
    return Document(id=chunk.id, page_content=chunk.text, metadata=metadata)


class NZAPRetriever(BaseRetriever):
    """A LangChain ``BaseRetriever`` over a :class:`~knowledge.retriever.HybridRetriever`.

    ``k`` passages per query, restricted by ``filters`` (exact matches on chunk fields such as
    ``{"week": 3}``). Each document's metadata carries its citation fields, its fused ``score``
    and the result list's calibrated ``confidence``.
    """

    retriever: HybridRetriever
    k: int = 5
    filters: Filters | None = None

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        result = self.retriever.retrieve(query, self.k, self.filters)
        return [passage_document(passage, result.confidence) for passage in result.passages]
