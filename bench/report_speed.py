"""How long `nzap report` takes over 100,000 stored questions on PostgreSQL.

The history is :mod:`bench.question_history`'s (the project's question sets answered by the real
engine, asked by 2,000 simulated SMEs over 12 weeks), written with ``--questions`` asks into a
schema of its own on ``NZAP_TEST_POSTGRES_URL`` (dropped afterwards). The report covers the whole
12 weeks (``--days 84``). Timed, with the embedder and the index already loaded (a process start
loads them once; reported apart):

- ``first``: the first report, which embeds every distinct unanswered or disliked question once
  and keeps the vectors;
- ``next``: later reports (median of ``--repeat``), which read the kept vectors: what a staff
  member or the weekly digest waits for once the history has been reported on before (only
  questions asked since the last report are embedded).

    NZAP_TEST_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test python bench/report_speed.py

Writes ``bench/results/report_speed.json``. The machine is shared: compare within a run.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.app.runtime import configure_process

configure_process()

import sqlalchemy as sa  # noqa: E402

from bench.big_index import bench_settings  # noqa: E402
from bench.common import RESULTS  # noqa: E402
from bench.question_history import CACHE, answer_all, load_questions, write_history  # noqa: E402
from bot.app.composition import build_embedder, build_retriever  # noqa: E402
from bot.insight.report import build_report  # noqa: E402
from bot.storage import open_database  # noqa: E402

TARGET_SECONDS = 2.0
SCHEMA = "h17_report_speed"


def main() -> None:
    """Fill a PostgreSQL schema, time the report, drop the schema."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--questions", type=int, default=100_000)
    parser.add_argument("--users", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--answers", type=Path, default=CACHE / "answers.json")
    parser.add_argument("--index", type=Path, default=CACHE / "index")
    args = parser.parse_args()
    url = os.environ.get("NZAP_TEST_POSTGRES_URL")
    if not url:
        raise SystemExit("set NZAP_TEST_POSTGRES_URL (postgresql+psycopg://...)")
    answers = answer_all(load_questions(), args.answers, args.index, cached_only=True)
    admin = sa.create_engine(url)
    with admin.begin() as connection:
        connection.execute(sa.text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        connection.execute(sa.text(f"CREATE SCHEMA {SCHEMA}"))
    scoped = f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{SCHEMA}"
    started = time.perf_counter()
    settings = bench_settings(args.index)
    embedder = build_embedder(settings)
    retriever = build_retriever(settings, embedder)
    load_seconds = time.perf_counter() - started
    now = datetime.now(UTC)
    try:
        with open_database(scoped) as database:
            started = time.perf_counter()
            counts = write_history(database, answers, args.questions, args.users, now - timedelta(weeks=12))
            fill_seconds = time.perf_counter() - started
            started = time.perf_counter()
            first = build_report(database, embedder, retriever, days=84, now=now)
            first_seconds = time.perf_counter() - started
            timings = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                report = build_report(database, embedder, retriever, days=84, now=now)
                timings.append(time.perf_counter() - started)
    finally:
        with admin.begin() as connection:
            connection.execute(sa.text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        admin.dispose()
    result = {
        "database": "postgresql",
        "written": counts,
        "questions_in_report": report.questions,
        "distinct_questions": len(answers),
        "topics": [{"label": t.label, "questions": t.questions, "module": t.module} for t in report.topics],
        "load_embedder_and_index_s": round(load_seconds, 2),
        "fill_s": round(fill_seconds, 1),
        "first_report_s": round(first_seconds, 2),
        "next_report_median_s": round(statistics.median(timings), 3),
        "next_report_max_s": round(max(timings), 3),
        "target_s": TARGET_SECONDS,
        "meets_target": statistics.median(timings) < TARGET_SECONDS,
        "first_topics": len(first.topics),
        "load_average": os.getloadavg()[0],
        "note": "2-core machine shared with other sessions' work during the run",
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "report_speed.json").write_text(
        json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
