"""Retrieval quality on our own Thai SME question set over the bundled sample course.

Ingests the bundled sample into a fresh index, then for every answerable question checks
whether the module that answers it is among the top results (a rendering of that module
in another format counts too), with and without glossary query expansion, and as the product
reads the question before retrieving (``understood``: spellings repaired, spaced, particles
dropped; the figure that says what users get). Also reports how
the confidence separates answerable from unanswerable questions. Writes
``bench/results/sample_eval.json``.

    python bench/sample_eval.py
    python bench/sample_eval.py --course /tmp/main-course --index /tmp/before/index \
        --questions bench/data/gap_questions.jsonl --out sample_eval_gaps_before.json
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.app.runtime import configure_process

configure_process()

from bench.common import RESULTS, median, percentile  # noqa: E402
from bot.app.cli import sample_folder  # noqa: E402
from bot.conversation.lexicon import Lexicon  # noqa: E402
from bot.conversation.understanding import understand  # noqa: E402
from knowledge.embedders import EmbedderConfig, make_embedder  # noqa: E402
from knowledge.glossary import GlossaryExpander  # noqa: E402
from knowledge.index import KnowledgeIndex  # noqa: E402
from knowledge.passages import RetrievalResult  # noqa: E402
from knowledge.retriever import HybridRetriever  # noqa: E402
from knowledge.sync import sync_folders  # noqa: E402

QUESTIONS = Path(__file__).resolve().parent / "data" / "sme_questions.jsonl"


def load_questions(path: Path = QUESTIONS) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _stem(source: str) -> str:
    return Path(source).stem


def auc(positives: list[float], negatives: list[float]) -> float:
    """Probability that a random answerable question gets a higher confidence than an unanswerable one."""
    if not positives or not negatives:
        return 0.0
    wins = sum((p > n) + 0.5 * (p == n) for p in positives for n in negatives)
    return wins / (len(positives) * len(negatives))


def score(results: list[RetrievalResult], questions: list[dict[str, object]]) -> dict[str, float]:
    h1 = h5 = mrr = s5 = 0.0
    for result, q in zip(results, questions, strict=True):
        gold = _stem(str(q["source"]))
        stems = list(dict.fromkeys(_stem(p.chunk.source) for p in result.passages))[:10]
        if gold in stems:
            rank = stems.index(gold) + 1
            h1 += rank == 1
            h5 += rank <= 5
            mrr += 1 / rank
        section = str(q["section"])
        if any(_stem(p.chunk.source) == gold and section in p.chunk.heading_path for p in result.passages[:5]):
            s5 += 1
    n = len(questions)
    return {
        "hit@1": round(h1 / n, 4),
        "hit@5": round(h5 / n, 4),
        "mrr@10": round(mrr / n, 4),
        "section_hit@5": round(s5 / n, 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--index", type=Path, help="use this index folder (default: a fresh temporary one)")
    parser.add_argument("--course", type=Path, help="course folder to index (default: the bundled sample)")
    parser.add_argument("--questions", type=Path, default=QUESTIONS, help="question set (default: sme_questions.jsonl)")
    parser.add_argument("--out", default="sample_eval.json", help="file name under bench/results/")
    args = parser.parse_args()
    embedder = make_embedder(EmbedderConfig())
    index_dir = args.index or Path(tempfile.mkdtemp(prefix="nzap-sample-")) / "index"
    # A before/after comparison indexes two course folders into two index folders; the sync
    # reuses unchanged files, so re-running on the same folder pair is cheap.
    report = sync_folders([args.course or sample_folder()], index_dir, embedder)
    print(report.summary(), flush=True)
    index = KnowledgeIndex.open(index_dir, embedder)
    questions = load_questions(args.questions)
    answerable = [q for q in questions if q["type"] == "answerable"]
    unanswerable = [q for q in questions if q["type"] == "unanswerable"]
    out: dict[str, object] = {
        "index": {
            "files": index.manifest.files,
            "chunks": index.manifest.chunks,
            "skipped": report.skipped,
            "seconds": round(report.seconds, 1),
        },
        "course": str(args.course or "bundled sample"),
        "question_set": args.questions.name,
        "questions": {
            "answerable": len(answerable),
            "unanswerable": len(unanswerable),
            "adversarial": len(questions) - len(answerable) - len(unanswerable),
        },
    }
    plain = HybridRetriever(index, embedder)
    lexicon = Lexicon.build(index.glossary_terms())

    def as_typed(question: str) -> str:
        return question

    def as_understood(question: str) -> str:
        return understand(question, lexicon).query or question

    # (retriever, what it is given): the question as typed, or as the product reads it before
    # retrieving (bot.conversation.questions: spellings repaired, spaced, particles dropped).
    variants = {
        "no_glossary": (plain, as_typed),
        "glossary_expansion": (
            HybridRetriever(index, embedder, expander=GlossaryExpander(index.glossary_terms())),
            as_typed,
        ),
        "understood": (plain, as_understood),
    }
    for name, (retriever, read) in variants.items():
        started = time.perf_counter()
        results = [retriever.retrieve(read(str(q["question"])), k=20) for q in answerable]
        per_query = 1000 * (time.perf_counter() - started) / len(answerable)
        negatives = [retriever.retrieve(read(str(q["question"])), k=5).confidence for q in unanswerable]
        positives = [r.confidence for r in results]
        kinds = Counter(r.passages[0].chunk.kind for r in results if r.passages)
        out[name] = {
            **score(results, answerable),
            "top1_kind": dict(kinds),
            "ms_per_query": round(per_query, 2),
            "confidence_answerable_median": round(median(positives), 3),
            "confidence_unanswerable_median": round(median(negatives), 3),
            "confidence_unanswerable_p90": round(percentile(negatives, 90), 3),
            "confidence_auc": round(auc(positives, negatives), 3),
        }
        print(name, out[name], flush=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / args.out).write_text(json.dumps(out, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
