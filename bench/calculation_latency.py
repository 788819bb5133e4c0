"""Latency of a calculation answer against a plain course answer, in the engine of `nzap ask`.

One process, one engine (offline default: extractive answers, the calculators and the schedule
over the bundled course, indexed into a temporary folder), the same way `nzap ask` builds it.
Plain answers are the answerable questions of ``bench/data/sme_questions.jsonl``; calculation
answers are the informal messages with the user's own figures in
``bench/data/calculation_latency.jsonl`` (written for this benchmark, for timing only). After a
warm-up pass over both, the two kinds are asked interleaved (plain, calculation, plain, ...),
``--rounds`` times, each message from a new user so that no history or follow-up is involved.
Reports p50/p95 of each kind, the p95 difference and the ratio; writes
``bench/results/calculation_latency.json``.

    python bench/calculation_latency.py [--count 30] [--rounds 3] [--index DIR]
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
from bot.conversation.engine import ConversationEngine, Outcome  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.types import IncomingMessage  # noqa: E402
from ingestion import thai  # noqa: E402
from knowledge.sync import sync_folders  # noqa: E402

CALCULATIONS = Path(__file__).resolve().parent / "data" / "calculation_latency.jsonl"
TARGET_MS = 20.0
"""The issue's bound: a calculation answer's p95 within 20 ms of a plain answer's."""


def load_calculations(path: Path = CALCULATIONS) -> list[str]:
    return [str(json.loads(line)["message"]) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def plain_candidates(count: int) -> list[str]:
    """Answerable questions spread over the whole set (every k-th), so every module is in; twice ``count``
    of them, because some carry figures the calculators take up (those are not plain answers)."""
    answerable = [str(q["question"]) for q in load_questions() if q["type"] == "answerable"]
    step = max(1, len(answerable) // (2 * count))
    return answerable[::step]


class Asker:
    """Asks as `nzap ask` does (normalised at the edge, a new user per message) and times ``engine.process``."""

    def __init__(self, engine: ConversationEngine) -> None:
        self.engine = engine
        self.asked = 0

    def __call__(self, text: str) -> tuple[float, Outcome]:
        self.asked += 1
        incoming = IncomingMessage(channel="cli", user_id=f"latency-{self.asked}", text=thai.normalize(text))
        started = time.perf_counter()
        outcome = self.engine.process(incoming)
        return 1000 * (time.perf_counter() - started), outcome


def summary(times: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(median(times), 2),
        "p95_ms": round(percentile(times, 95), 2),
        "mean_ms": round(sum(times) / len(times), 2),
        "max_ms": round(max(times), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=30, help="plain questions per round (calculations: all)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved passes over both sets after warm-up")
    parser.add_argument("--index", type=Path, help="an index of the bundled course to reuse (built when absent)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="nzap-calc-latency-"))
    index = args.index or work / "index"
    settings = Settings(_env_file=None, data_dir=work, index_dir=index)  # type: ignore[call-arg]
    embedder = build_embedder(settings)
    started = time.perf_counter()
    if args.index is None or not index.exists():
        sync_folders([sample_folder()], settings.resolved_index_dir(), embedder)
    index_s = time.perf_counter() - started
    engine = build_engine(settings, embedder, database_url="sqlite://")
    ask = Asker(engine)
    calculations = load_calculations()
    # Warm-up (models loaded, caches filled, code paths run once), which also picks the plain questions:
    # the first --count candidates the engine answers from the course, not with a tool.
    plain: list[str] = []
    taken_by_tools: list[str] = []
    for text in plain_candidates(args.count):
        if len(plain) == args.count:
            break
        _, outcome = ask(text)
        (plain if outcome.kind == "answer" else taken_by_tools).append(text)
    for text in calculations:
        ask(text)

    plain_ms: list[float] = []
    calc_ms: list[float] = []
    kinds: dict[str, dict[str, int]] = {"plain": {}, "calculation": {}}
    computed = clarified = 0
    for _ in range(args.rounds):
        for number in range(max(len(plain), len(calculations))):
            if number < len(plain):
                elapsed, outcome = ask(plain[number])
                plain_ms.append(elapsed)
                kinds["plain"][outcome.kind] = kinds["plain"].get(outcome.kind, 0) + 1
            if number < len(calculations):
                elapsed, outcome = ask(calculations[number])
                calc_ms.append(elapsed)
                kinds["calculation"][outcome.kind] = kinds["calculation"].get(outcome.kind, 0) + 1
                values = outcome.values or {}
                clarified += bool(values.get("clarify"))
                computed += outcome.kind == "calculation" and not values.get("clarify") and not values.get("refused")

    plain_summary, calc_summary = summary(plain_ms), summary(calc_ms)
    difference = round(calc_summary["p95_ms"] - plain_summary["p95_ms"], 2)
    report = {
        "mode": "offline (extractive), the engine of nzap ask",
        "index_seconds": round(index_s, 1),
        "rounds": args.rounds,
        "plain": {"messages": len(plain), "timed": len(plain_ms), **plain_summary},
        "plain_candidates_taken_by_tools": taken_by_tools,
        "calculation": {
            "messages": len(calculations),
            "timed": len(calc_ms),
            "computed": computed,
            "asked_back": clarified,
            **calc_summary,
        },
        "p95_difference_ms": difference,
        "p95_ratio": round(calc_summary["p95_ms"] / plain_summary["p95_ms"], 3),
        "p50_ratio": round(calc_summary["p50_ms"] / plain_summary["p50_ms"], 3),
        "target": f"calculation p95 <= plain p95 + {TARGET_MS:g} ms",
        "target_met": difference <= TARGET_MS,
        "kinds": kinds,
    }
    text = json.dumps(report, indent=2, ensure_ascii=False)
    print(text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "calculation_latency.json").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
