"""Before/after retrieval on the SME set, strictly and by "a file that holds the answer".

``bench/sample_eval.py`` counts a hit only when the retrieved file is the one module named as
the question's source. When a course grows, a new file may state the same fact (the topic
guides of issue 16 repeat some weekly figures on purpose), and it then outranks the named
module without the answer getting any worse. This script ranks each answerable question on
two existing indexes and reports both measures:

- ``strict``: the named source file (as ``sample_eval.py``);
- ``answer_file``: the named source, or any file of that course whose text contains the
  question's ``gold_answer`` (spacing ignored).

    python bench/sample_eval_answer_files.py --before /tmp/b/index --before-course /tmp/main-course \\
        --after /tmp/a/index --after-course knowledge/sample/course --out sample_eval_answer_files.json
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.app.runtime import configure_process

configure_process()

from bench.common import RESULTS  # noqa: E402
from bench.sample_eval import QUESTIONS, load_questions  # noqa: E402
from knowledge.embedders import EmbedderConfig, make_embedder  # noqa: E402
from knowledge.index import KnowledgeIndex  # noqa: E402
from knowledge.retriever import HybridRetriever  # noqa: E402

_SPACE = re.compile(r"\s+")


def _texts(course: Path) -> dict[str, str]:
    """Each file's text by stem (the renderings in ``formats/`` share their module's stem)."""
    files = (p for p in course.rglob("*") if p.suffix in (".md", ".yaml"))
    return {p.stem: _SPACE.sub("", p.read_text(encoding="utf-8")) for p in files}


def measure(index_dir: Path, course: Path, questions: list[dict[str, object]]) -> dict[str, object]:
    """hit@1, hit@5 and MRR@10 by both measures, and the rank of each question's first hit."""
    embedder = make_embedder(EmbedderConfig())
    retriever = HybridRetriever(KnowledgeIndex.open(index_dir, embedder), embedder)
    texts = _texts(course)
    sums = {m: {"hit@1": 0.0, "hit@5": 0.0, "mrr@10": 0.0} for m in ("strict", "answer_file")}
    ranks: dict[str, dict[str, int]] = {}
    for q in questions:
        result = retriever.retrieve(str(q["question"]), k=20)
        stems = list(dict.fromkeys(Path(p.chunk.source).stem for p in result.passages))[:10]
        gold = Path(str(q["source"])).stem
        answer = _SPACE.sub("", str(q.get("gold_answer") or ""))
        found = {
            "strict": next((i + 1 for i, s in enumerate(stems) if s == gold), 0),
            "answer_file": next(
                (i + 1 for i, s in enumerate(stems) if s == gold or (answer and answer in texts.get(s, ""))), 0
            ),
        }
        ranks[str(q["id"])] = found
        for measure_name, rank in found.items():
            if rank:
                sums[measure_name]["hit@1"] += rank == 1
                sums[measure_name]["hit@5"] += rank <= 5
                sums[measure_name]["mrr@10"] += 1 / rank
    n = len(questions)
    return {
        "figures": {m: {k: round(v / n, 4) for k, v in s.items()} for m, s in sums.items()},
        "ranks": ranks,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--before", type=Path, required=True)
    parser.add_argument("--before-course", type=Path, required=True)
    parser.add_argument("--after", type=Path, required=True)
    parser.add_argument("--after-course", type=Path, required=True)
    parser.add_argument("--questions", type=Path, default=QUESTIONS)
    parser.add_argument("--out", default="sample_eval_answer_files.json")
    args = parser.parse_args()
    questions = [q for q in load_questions(args.questions) if q["type"] == "answerable"]
    before = measure(args.before, args.before_course, questions)
    after = measure(args.after, args.after_course, questions)
    worse = {
        qid: {"before": before["ranks"][qid], "after": after["ranks"][qid]}  # type: ignore[index]
        for qid in after["ranks"]  # type: ignore[union-attr]
        if after["ranks"][qid]["strict"] != before["ranks"][qid]["strict"]  # type: ignore[index]
    }
    out = {
        "question_set": args.questions.name,
        "answerable": len(questions),
        "before": before["figures"],
        "after": after["figures"],
        "rank_changed": worse,
    }
    print(json.dumps({"before": before["figures"], "after": after["figures"]}, ensure_ascii=False), flush=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / args.out).write_text(json.dumps(out, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
