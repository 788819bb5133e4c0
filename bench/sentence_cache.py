"""What the sentence cache saves: the offline answerer before and after, and the composer's cost.

For the SME and informal tuning questions, the top 5 passages are retrieved once (not timed).
Then, per question:

- ``split_per_question``: what the extractive answerer did before the cache, crfcut sentences and
  newmm tokens for every passage, every question;
- ``extractive_cold`` / ``extractive_warm``: ``ExtractiveAnswerer.answer`` with a cache, on its
  first pass over the questions and on a second pass;
- ``respond_warm``: the new path after retrieval (understand, acts, rank, coverage, compose);
- the memory one cached chunk takes, and what 10,000 chunks would take.

Writes ``bench/results/sentence_cache.json``. Timings on a shared 2-core machine are noisy; the
ratios are what to read.

    python bench/sentence_cache.py --index DIR [--data ../main/bench/data/informal_tuning.jsonl]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import RESULTS, percentile
from bench.coverage_tiers import TUNING, open_retriever, read_jsonl
from bench.sample_eval import load_questions
from bot.conversation.answerers.extractive import ExtractiveAnswerer
from bot.conversation.answerers.sentences import SentenceCache
from bot.conversation.respond import Responder
from ingestion import thai
from knowledge.passages import Passage
from knowledge.retriever import query_stopwords


def _timings(values: list[float]) -> dict[str, float]:
    return {"p50": round(percentile(values, 50), 2), "p95": round(percentile(values, 95), 2)}


def _split_per_question(passages: list[Passage]) -> None:
    for passage in passages:
        for sentence in thai.sentences(passage.chunk.text):
            thai.tokenize(sentence)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--index", type=Path)
    parser.add_argument("--data", type=Path, default=TUNING)
    args = parser.parse_args()
    retriever = open_retriever(args.index)
    index = retriever.index
    questions = [str(q["question"]) for q in load_questions() if str(q["question"]).strip()]
    if args.data.exists():
        questions += [str(r["question"]) for r in read_jsonl(args.data)]
    results = [(q, retriever.retrieve(q, k=5)) for q in questions]
    report: dict[str, object] = {"questions": len(results), "chunks": len(index.chunks)}

    before = []
    for _, result in results:
        started = time.perf_counter()
        _split_per_question(result.passages)
        before.append(1000 * (time.perf_counter() - started))
    report["split_per_question_ms"] = _timings(before)

    cache = SentenceCache()
    answerer = ExtractiveAnswerer(idf=index.keyword.idf, stopwords=query_stopwords(), cache=cache)
    for name in ("extractive_cold_ms", "extractive_warm_ms"):
        times = []
        for question, result in results:
            started = time.perf_counter()
            answerer.answer(question, result.passages, [])
            times.append(1000 * (time.perf_counter() - started))
        report[name] = _timings(times)
    report["cache_hit_rate_warm_pass"] = round(cache.hits / max(1, cache.hits + cache.misses), 3)

    responder = Responder.over(index, cache=cache)
    times = []
    for question, result in results:
        started = time.perf_counter()
        understood = responder.understand(question)
        if responder.act(understood, result) is None:
            responder.respond_to_question(understood, result, None, "th")
        times.append(1000 * (time.perf_counter() - started))
    report["respond_warm_ms"] = _timings(times)

    tracemalloc.start()
    fresh = SentenceCache(maxsize=len(index.chunks))
    fresh.warm(index.chunks)
    used, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    per_chunk = used / max(1, len(fresh))
    report["cache_bytes_per_chunk"] = round(per_chunk)
    report["cache_mib_at_10000_chunks"] = round(per_chunk * 10_000 / 2**20, 1)
    print(json.dumps(report, indent=2))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "sentence_cache.json").write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
