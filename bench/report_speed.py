"""How long the staff report (``nzap report``, the console dashboard) takes over 100,000 stored questions.

The history is :mod:`bench.question_history`'s (the project's question sets answered by the real
engine, asked by 2,000 simulated SMEs over 12 weeks), written with ``--questions`` asks into a
PostgreSQL database of its own, ``nzap_bench_report`` on the server of ``NZAP_TEST_POSTGRES_URL``
(created here and dropped afterwards; nothing else on the server is touched), and into a SQLite
file beside it as the baseline. The report covers the whole 12 weeks (``--days 84``). Timed, with
the embedder and the index already loaded (a process start loads them once; reported apart):

- ``first``: the first report, which embeds every distinct unanswered or disliked question once
  and keeps the vectors (``question_vectors``);
- ``next``: later reports (median of ``--repeat``), which read the kept vectors: what a staff
  member opening the dashboard, or the weekly digest, waits for;
- ``parts``: one later report's time per figure, to see what dominates.

    NZAP_TEST_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test python bench/report_speed.py

Needs the answers cache of ``bench/question_history.py`` (run it once first). Writes
``bench/results/report_speed.json``. The machine is shared: the load average is recorded.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.app.runtime import configure_process

configure_process()

import sqlalchemy as sa  # noqa: E402

from bench.big_index import bench_settings  # noqa: E402
from bench.common import RESULTS  # noqa: E402
from bench.question_history import CACHE, answer_all, load_questions, write_history  # noqa: E402
from bot.app.composition import build_embedder, build_retriever  # noqa: E402
from bot.insight import figures  # noqa: E402
from bot.insight.report import ReportOptions, build_report  # noqa: E402
from bot.insight.topics import group_topics  # noqa: E402
from bot.mentoring.analytics import ticket_stats  # noqa: E402
from bot.storage import Database, open_database  # noqa: E402
from knowledge.embedders import Embedder  # noqa: E402
from knowledge.retriever import HybridRetriever  # noqa: E402

TARGET_SECONDS = 2.0
DATABASE = "nzap_bench_report"
DAYS = 84


@contextmanager
def bench_database(url: str) -> Iterator[str]:
    """A PostgreSQL database of the benchmark's own on the server of ``url``, dropped afterwards."""
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
    with admin.connect() as connection:
        connection.execute(sa.text(f"DROP DATABASE IF EXISTS {DATABASE}"))
        connection.execute(sa.text(f"CREATE DATABASE {DATABASE}"))
    try:
        yield sa.make_url(url).set(database=DATABASE).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f"DROP DATABASE IF EXISTS {DATABASE}"))
        admin.dispose()


def _timed(call: Callable[[], Any], runs: int = 3) -> float:
    """The median of ``runs`` timings of ``call`` (the machine is shared: one timing is noisy)."""
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def parts(database: Database, embedder: Embedder, retriever: HybridRetriever, since: datetime) -> dict[str, float]:
    """Seconds per figure of a report (medians of three; the topics with the kept vectors, then placed)."""
    options = ReportOptions()
    struggled: list[figures.AskedQuestion] = []

    def read_struggled() -> None:
        struggled[:] = figures.struggled_questions(database, since, options.max_questions)

    timings = {
        "questions_per_day": _timed(lambda: figures.questions_per_day(database, since)),
        "coverage": _timed(lambda: figures.coverage_counts(database, since)),
        "feedback": _timed(lambda: figures.feedback_counts(database, since)),
        "struggled_questions": _timed(read_struggled),
        "topics_from_kept_vectors": _timed(
            lambda: group_topics(struggled, embedder, database, None, max_topics=options.max_topics)
        ),
        "topics_placed_by_retrieval": _timed(
            lambda: group_topics(struggled, embedder, database, retriever, max_topics=options.max_topics)
        ),
        "tickets": _timed(lambda: ticket_stats(database, since)),
        "mentors": _timed(lambda: figures.mentor_figures(database, since)),
        "faq": _timed(lambda: figures.faq_from_tickets(database, since)),
    }
    timings["topics_placed_by_retrieval"] -= timings["topics_from_kept_vectors"]
    return {name: round(seconds, 3) for name, seconds in timings.items()}


def measure(
    url: str, answers: list[dict[str, Any]], args: argparse.Namespace, embedder: Embedder, retriever: HybridRetriever
) -> dict[str, Any]:
    """Fill the database at ``url``, then time the first report, ``--repeat`` later ones and the parts."""
    now = datetime.now(UTC)
    with open_database(url) as database:
        started = time.perf_counter()
        counts = write_history(database, answers, args.questions, args.users, now - timedelta(weeks=12))
        fill_seconds = time.perf_counter() - started
        started = time.perf_counter()
        first = build_report(database, embedder, retriever, days=DAYS, now=now)
        first_seconds = time.perf_counter() - started
        timings = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            report = build_report(database, embedder, retriever, days=DAYS, now=now)
            timings.append(time.perf_counter() - started)
        breakdown = parts(database, embedder, retriever, report.since)
    return {
        "written": counts,
        "questions_in_report": report.questions,
        "struggled_in_topics": sum(t.questions for t in report.topics),
        "topics": [{"label": t.label, "questions": t.questions, "module": t.module} for t in report.topics[:5]],
        "fill_s": round(fill_seconds, 1),
        "first_report_s": round(first_seconds, 2),
        "next_report_median_s": round(statistics.median(timings), 3),
        "next_report_runs_s": [round(t, 3) for t in timings],
        "parts_s": breakdown,
        "first_topics": len(first.topics),
    }


def main() -> None:
    """Fill PostgreSQL and SQLite, time the report on each, drop the benchmark database."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--questions", type=int, default=100_000)
    parser.add_argument("--users", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--answers", type=Path, default=CACHE / "answers.json")
    parser.add_argument("--index", type=Path, default=CACHE / "index")
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL only")
    args = parser.parse_args()
    url = os.environ.get("NZAP_TEST_POSTGRES_URL")
    if not url:
        raise SystemExit("set NZAP_TEST_POSTGRES_URL (postgresql+psycopg://...)")
    answers = answer_all(load_questions(), args.answers, args.index, cached_only=True)
    if not answers:
        raise SystemExit(f"no answers cached in {args.answers}: run bench/question_history.py first")
    started = time.perf_counter()
    settings = bench_settings(args.index)
    embedder = build_embedder(settings)
    retriever = build_retriever(settings, embedder)
    load_seconds = time.perf_counter() - started
    load_before = os.getloadavg()
    with bench_database(url) as bench_url:
        postgres = measure(bench_url, answers, args, embedder, retriever)
    sqlite = None
    if not args.no_sqlite:
        with tempfile.TemporaryDirectory(prefix="nzap-report-speed-") as folder:
            sqlite = measure(f"sqlite:///{folder}/history.db", answers, args, embedder, retriever)
    load_after = os.getloadavg()
    result = {
        "questions": args.questions,
        "days": DAYS,
        "distinct_questions": len(answers),
        "load_embedder_and_index_s": round(load_seconds, 2),
        "postgresql": postgres,
        "sqlite": sqlite,
        "target_s": TARGET_SECONDS,
        "meets_target": postgres["next_report_median_s"] < TARGET_SECONDS,
        "load_average_1_5_15_before": [round(x, 2) for x in load_before],
        "load_average_1_5_15_after": [round(x, 2) for x in load_after],
        "cpu_count": os.cpu_count(),
        "note": "2-core machine shared with other sessions' work during the run",
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    text = json.dumps(result, ensure_ascii=False, indent=2)
    (RESULTS / "report_speed.json").write_text(text + "\n", encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
