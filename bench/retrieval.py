"""Retrieval benchmark on public Thai QA sets (XQuAD-th and iApp Wiki QA).

One run builds the product's index over each corpus with the default embedder, then ranks
every question with: BM25 over whitespace tokens (the naive baseline), BM25 over pythainlp
newmm tokens, dense only, reciprocal-rank fusion, and the product default. Writes
``bench/results/retrieval.json`` and ``retrieval.md``.

    python bench/retrieval.py                 # both datasets
    python bench/retrieval.py --datasets xquad --reuse   # keep the index of the last run
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.app.runtime import configure_process

configure_process()

import numpy as np  # noqa: E402

from bench.common import RESULTS, Dataset, load_iapp, load_xquad, median, percentile, ranks  # noqa: E402
from ingestion.chunking import ChunkingConfig, chunk_document  # noqa: E402
from ingestion.documents import Chunk, LoadedDocument, Section  # noqa: E402
from knowledge.embedders import Embedder, EmbedderConfig, make_embedder  # noqa: E402
from knowledge.index import IndexWriter, KnowledgeIndex, writer_lock  # noqa: E402
from knowledge.keyword import KeywordIndex  # noqa: E402
from knowledge.retriever import HybridRetriever, RetrieverConfig  # noqa: E402


def build_index(dataset: Dataset, index_dir: Path, embedder: Embedder, chunking: ChunkingConfig) -> dict[str, float]:
    started = time.monotonic()
    chunks: dict[str, list[Chunk]] = {}
    for pid, text in dataset.passages.items():
        document = LoadedDocument(source=pid, title="", sections=(Section(text),))
        chunks[pid] = chunk_document(document, pid, chunking, embedder.count_tokens)
    chunk_seconds = time.monotonic() - started
    flat = [c for cs in chunks.values() for c in cs]
    embed_started = time.monotonic()
    vectors = embedder.embed_documents([c.embedding_text() for c in flat])
    embed_seconds = time.monotonic() - embed_started
    with writer_lock(index_dir):
        writer = IndexWriter(index_dir, embedder, chunking=chunking, rebuild=True)
        offset = 0
        for pid, cs in chunks.items():
            writer.put(pid, pid, "bench", cs, vectors[offset : offset + len(cs)])
            offset += len(cs)
        writer.commit(started)
    total = time.monotonic() - started
    return {
        "passages": len(dataset.passages),
        "chunks": len(flat),
        "chunk_seconds": round(chunk_seconds, 2),
        "embed_seconds": round(embed_seconds, 2),
        "index_seconds": round(total, 2),
        "chunks_per_second": round(len(flat) / embed_seconds, 2),
    }


def dedupe(sources: list[str]) -> list[str]:
    return list(dict.fromkeys(sources))


def evaluate(dataset: Dataset, index: KnowledgeIndex, embedder: Embedder) -> dict[str, dict[str, float]]:
    questions = [q for q, _ in dataset.queries]
    gold = [g for _, g in dataset.queries]
    out: dict[str, dict[str, float]] = {}

    whitespace = KeywordIndex.build([c.text for c in index.chunks], tokenizer=lambda t: t.lower().split())
    ranked = []
    for q in questions:
        scores = whitespace.scores(whitespace.query_tokens(q))
        order = np.argsort(-scores)[:40]
        ranked.append(dedupe([index.chunks[i].source for i in order if scores[i] > 0]))
    out["bm25_whitespace"] = ranks(ranked, gold)

    for name, config in {
        "bm25_newmm": RetrieverConfig(fusion="keyword"),
        "dense": RetrieverConfig(fusion="dense"),
        "rrf": RetrieverConfig(fusion="rrf"),
        "default_minmax": RetrieverConfig(),
    }.items():
        retriever = HybridRetriever(index, embedder, config)
        started = time.monotonic()
        results = []
        for start in range(0, len(questions), 64):
            results.extend(retriever.retrieve_many(questions[start : start + 64], k=30))
        seconds = time.monotonic() - started
        ranked = [dedupe([p.chunk.source for p in r.passages]) for r in results]
        out[name] = {**ranks(ranked, gold), "batch_ms_per_query": round(1000 * seconds / len(questions), 2)}

    retriever = HybridRetriever(index, embedder)
    latencies = []
    for q in questions[:300]:
        started = time.perf_counter()
        retriever.retrieve(q, k=5)
        latencies.append(1000 * (time.perf_counter() - started))
    out["default_minmax"]["latency_ms_p50"] = round(median(latencies), 2)
    out["default_minmax"]["latency_ms_p95"] = round(percentile(latencies, 95), 2)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--datasets", default="xquad,iapp")
    parser.add_argument("--work", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "nzap-bench")
    parser.add_argument("--reuse", action="store_true", help="reuse the index built by the last run")
    parser.add_argument("--max-tokens", type=int, default=ChunkingConfig().max_tokens)
    parser.add_argument("--overlap-tokens", type=int, default=ChunkingConfig().overlap_tokens)
    args = parser.parse_args()
    embedder = make_embedder(EmbedderConfig())
    chunking = ChunkingConfig(max_tokens=args.max_tokens, overlap_tokens=args.overlap_tokens)
    loaders = {"xquad": load_xquad, "iapp": load_iapp}
    report: dict[str, object] = {"chunking": chunking.as_dict(), "embedder": embedder.id}
    for name in args.datasets.split(","):
        dataset = loaders[name]()
        index_dir = args.work / f"{name}-{chunking.max_tokens}"
        build = None
        if not (args.reuse and (index_dir / "CURRENT").exists()):
            build = build_index(dataset, index_dir, embedder, chunking)
            print(name, "index", build, flush=True)
        index = KnowledgeIndex.open(index_dir, embedder)
        metrics = evaluate(dataset, index, embedder)
        for method, values in metrics.items():
            print(f"{name:9s} {method:16s} {values}", flush=True)
        report[name] = {"queries": len(dataset.queries), "index": build, "methods": metrics}
    RESULTS.mkdir(parents=True, exist_ok=True)
    suffix = "" if args.datasets == "xquad,iapp" else "-" + args.datasets.replace(",", "-")
    (RESULTS / f"retrieval{suffix}.json").write_text(json.dumps(report, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
