"""The composition root for the knowledge base: settings in, ready objects out."""

from __future__ import annotations

from bot.settings import Settings
from ingestion.chunking import ChunkingConfig
from knowledge.embedders import Embedder, EmbedderConfig, make_embedder
from knowledge.glossary import GlossaryExpander
from knowledge.index import KnowledgeIndex
from knowledge.retriever import HybridRetriever, RetrieverConfig
from knowledge.vector_store import ChromaConfig


def build_embedder(settings: Settings) -> Embedder:
    """The configured embedder (models load lazily on first use)."""
    s = settings.embedder
    return make_embedder(
        EmbedderConfig(
            backend=s.backend,
            model=s.model,
            base_url=s.base_url,
            api_key=s.api_key.get_secret_value() if s.api_key else None,
            dim=s.dim,
            query_prefix=s.query_prefix,
            passage_prefix=s.passage_prefix,
            batch_size=s.batch_size,
        )
    )


def chroma_config(settings: Settings) -> ChromaConfig:
    """Where the vectors are."""
    c = settings.chroma
    return ChromaConfig(mode=c.mode, host=c.host, port=c.port, ssl=c.ssl, collection_prefix=c.collection_prefix)


def chunking_config(settings: Settings) -> ChunkingConfig:
    """How documents are cut."""
    r = settings.retrieval
    return ChunkingConfig(max_tokens=r.chunk_max_tokens, overlap_tokens=r.chunk_overlap_tokens)


def build_retriever(settings: Settings, embedder: Embedder) -> HybridRetriever:
    """Open the live index and put the retriever over it."""
    index = KnowledgeIndex.open(settings.resolved_index_dir(), embedder, chroma_config(settings))
    r = settings.retrieval
    terms = index.glossary_terms() if r.glossary_expansion else []
    return HybridRetriever(
        index,
        embedder,
        RetrieverConfig(fusion=r.fusion, keyword_weight=r.keyword_weight, candidates=r.candidates),
        expander=GlossaryExpander(terms) if terms else None,
    )
