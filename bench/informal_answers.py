"""The offline answer path on informal questions, per kind, as a user would notice it.

For every question of an informal set (``--data``, default the TUNING set): understand, detect an
act, retrieve the top 5, detect an off-topic act with retrieval, then compose the reply with
``Responder.respond_to_question``. Reported per kind:

- answerable: share answered (tier ``answered``), share with an expected fact in the first 300
  characters of the reply, share with it anywhere in the reply;
- near_miss: share not answered (partial with the gap stated, or not covered), and share answered
  (an answer where the material has none: the failure that matters most);
- chitchat / off_topic / injection: share with the right act;
- every kind: median and longest reply, and the whole path's latency (p50, p95).

Writes ``bench/results/informal_answers.json``. Never run it on the held-out test set while tuning.

    python bench/informal_answers.py --data ../main/bench/data/informal_tuning.jsonl [--index DIR] [--show]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import RESULTS, percentile
from bench.coverage_tiers import TUNING, open_retriever, read_jsonl
from bot.app.evaluation import says
from bot.conversation.acts import act_reply
from bot.conversation.respond import Responder

FIRST = 300


def contains(text: str, expected: list[str]) -> bool:
    return any(says(text, e) for e in expected)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--index", type=Path)
    parser.add_argument("--data", type=Path, default=TUNING)
    parser.add_argument("--show", action="store_true", help="print every reply")
    args = parser.parse_args()
    retriever = open_retriever(args.index)
    responder = Responder.over(retriever.index)
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    lengths: dict[str, list[int]] = defaultdict(list)
    latencies: list[float] = []
    for row in read_jsonl(args.data):
        kind, question = str(row["kind"]), str(row["question"])
        expected = [str(e) for e in (row.get("expected") or [])]  # type: ignore[attr-defined]
        started = time.perf_counter()
        understood = responder.understand(question)
        act = responder.act(understood)
        tier, text = "", ""
        if act is None:
            result = retriever.retrieve(understood.query, k=5)
            act = responder.act(understood, result)
            if act is None:
                composed = responder.respond_to_question(understood, result, None, "th")
                tier, text = composed.kind, composed.text
        if act is not None:
            text = act_reply(act, "th")
        latencies.append(1000 * (time.perf_counter() - started))
        c = counts[kind]
        c["n"] += 1
        lengths[kind].append(len(text))
        if kind == "answerable":
            c["answered"] += tier == "answered"
            c["fact_first_300"] += contains(text[:FIRST], expected)
            c["fact_anywhere"] += contains(text, expected)
        elif kind == "near_miss":
            c["not_answered"] += tier in ("partial", "not_covered")
            c["answered"] += tier == "answered"
        else:
            c["right_act"] += (act.value if act else None) == row.get("act")
        if args.show:
            print(f"--- {row['id']} {kind} act={act.value if act else None} tier={tier} | {question}\n{text}\n")
    report: dict[str, object] = {}
    for kind, c in counts.items():
        n = c.pop("n")
        report[kind] = {
            "n": n,
            **{k: round(v / n, 3) for k, v in c.items()},
            "median_reply_chars": statistics.median(lengths[kind]),
            "longest_reply_chars": max(lengths[kind]),
        }
    report["latency_ms"] = {"p50": round(percentile(latencies, 50), 1), "p95": round(percentile(latencies, 95), 1)}
    report["data"] = args.data.name
    print(json.dumps(report, indent=2, ensure_ascii=False))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "informal_answers.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
