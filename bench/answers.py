"""Answer quality and latency of `nzap ask` (extractive mode) on the SME question set.

For answerable questions: how often the assistant answers rather than escalating, and how
often the answer contains the gold answer (all whitespace removed on both sides). For
unanswerable questions: how often it escalates. Adversarial inputs must never crash and
never yield an answer that quotes nothing. Latency per question with the retrieval share.
Also sweeps the policy threshold to show the trade-off. Writes ``bench/results/answers.json``.

    python bench/answers.py
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.app.runtime import configure_process

configure_process()

from bench.common import RESULTS, median, percentile  # noqa: E402
from bench.sample_eval import load_questions  # noqa: E402
from bot.app.cli import sample_folder  # noqa: E402
from bot.app.composition import build_embedder, build_engine  # noqa: E402
from bot.app.evaluation import says  # noqa: E402
from bot.conversation.engine import Outcome  # noqa: E402
from bot.conversation.policy import Decision  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.types import IncomingMessage  # noqa: E402
from knowledge.sync import sync_folders  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--index", type=Path)
    parser.add_argument("--threshold", type=float, help="override the policy threshold")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="nzap-answers-"))
    settings = Settings(_env_file=None, data_dir=work, index_dir=args.index or work / "index")  # type: ignore[call-arg]
    if args.threshold is not None:
        settings = settings.model_copy(
            update={"policy": settings.policy.model_copy(update={"answer_threshold": args.threshold})}
        )
    embedder = build_embedder(settings)
    if args.index is None:
        sync_folders([sample_folder()], settings.resolved_index_dir(), embedder)
    engine = build_engine(settings, embedder, database_url="sqlite://")
    retriever, answerer = engine.retriever, engine.answerer
    questions = load_questions()
    outcomes: list[tuple[dict[str, object], Outcome, float, float]] = []
    for number, q in enumerate(questions):
        text = str(q["question"])
        started = time.perf_counter()
        retriever.retrieve(text, k=5)
        retrieval_ms = 1000 * (time.perf_counter() - started)
        started = time.perf_counter()
        outcome = engine.process(IncomingMessage(channel="cli", user_id=f"bench-{number}", text=text))
        total_ms = 1000 * (time.perf_counter() - started)
        outcomes.append((q, outcome, total_ms, retrieval_ms))

    answerable = [(q, o) for q, o, _, _ in outcomes if q["type"] == "answerable"]
    unanswerable = [(q, o) for q, o, _, _ in outcomes if q["type"] == "unanswerable"]
    adversarial = [(q, o) for q, o, _, _ in outcomes if q["type"] == "adversarial"]
    answered = [o for _, o in answerable if o.decision is Decision.ANSWER]
    contains = sum(
        1
        for q, o in answerable
        if o.decision is Decision.ANSWER and o.answer and says(o.answer.text, str(q["gold_answer"]))
    )

    def said(o: Outcome) -> str:
        return "\n".join(getattr(r, "text", "") for r in o.replies)

    def answered_from_material(o: Outcome) -> bool:
        return o.coverage == "answered" or o.kind in ("calculation", "schedule")

    kinds: dict[str, dict[str, int]] = {}
    for q, o, _, _ in outcomes:
        by_type = kinds.setdefault(str(q["type"]), {})
        label = f"{o.kind}/{o.coverage}" if o.coverage else o.kind
        by_type[label] = by_type.get(label, 0) + 1
    report = {
        # The fields of the answers issue: coverage tiers, the gold fact read first, the kinds of reply.
        "answerable_answered": round(sum(answered_from_material(o) for _, o in answerable) / len(answerable), 4),
        "answerable_gold_in_reply": round(
            sum(says(said(o), str(q["gold_answer"])) for q, o in answerable) / len(answerable), 4
        ),
        "answerable_gold_in_first_300": round(
            sum(says(said(o)[:300], str(q["gold_answer"])) for q, o in answerable) / len(answerable), 4
        ),
        "unanswerable_not_answered": round(
            sum(not answered_from_material(o) for _, o in unanswerable) / len(unanswerable), 4
        ),
        "reply_chars_p50": round(median([len(said(o)) for _, o, _, _ in outcomes]), 1),
        "kinds": kinds,
        "threshold": settings.policy.answer_threshold,
        "answerable": len(answerable),
        "answerable_not_escalated": round(len(answered) / len(answerable), 4),
        "answerable_contains_gold": round(contains / len(answerable), 4),
        "unanswerable": len(unanswerable),
        "unanswerable_escalated": round(
            sum(o.decision is Decision.ESCALATE for _, o in unanswerable) / len(unanswerable), 4
        ),
        "adversarial": {str(q["id"]): (o.decision.value if o.decision else o.intent.value) for q, o in adversarial},
        "latency_ms_p50": round(median([t for _, _, t, _ in outcomes]), 1),
        "latency_ms_p95": round(percentile([t for _, _, t, _ in outcomes], 95), 1),
        "retrieval_ms_p50": round(median([r for _, _, _, r in outcomes]), 1),
    }
    # The trade-off over thresholds: each question's confidence and the answerer's support.
    signals = {}
    for q, o, _, _ in outcomes:
        if q["type"] == "adversarial" or o.retrieval is None:
            continue
        answer = o.answer or answerer.answer(str(q["question"]), o.retrieval.passages, [])
        signals[str(q["id"])] = (str(q["type"]), o.retrieval.confidence, answer.supported)
    sweep = {}
    for threshold in [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]:
        passes = {i: conf >= threshold and ok for i, (_, conf, ok) in signals.items()}
        good = [passes[i] for i, (kind, _, _) in signals.items() if kind == "answerable"]
        bad = [not passes[i] for i, (kind, _, _) in signals.items() if kind == "unanswerable"]
        sweep[str(threshold)] = {
            "answerable_not_escalated": round(sum(good) / len(good), 3),
            "unanswerable_escalated": round(sum(bad) / len(bad), 3),
        }
    report["threshold_sweep"] = sweep
    print(json.dumps(report, indent=2, ensure_ascii=False))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "answers.json").write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
