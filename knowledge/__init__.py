"""The knowledge base: embedders, Chroma and BM25 index, hybrid retriever, bundled sample course."""
