"""The dashboard's figures and topics as CSV, for a spreadsheet.

UTF-8 with a byte-order mark (Excel then reads Thai correctly); column names are fixed English
keys so that a sheet or script built on one export reads the next; days are ISO dates with the
Buddhist-Era date beside them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from bot.insight.dashboard.view import period_days
from bot.insight.report import Report
from ingestion.thai.dates import thai_date_short

BOM = "\ufeff"


def _csv(rows: Iterable[Iterable[object]]) -> str:
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows(rows)
    return out.getvalue()


def figures_csv(report: Report) -> str:
    """One row per figure: ``section, key, detail, value`` (a day's rows carry its BE date as detail)."""
    rows: list[list[object]] = [["section", "key", "detail", "value"]]
    rows.append(["period", "first_day", "", period_days(report)[0].isoformat()])
    rows.append(["period", "last_day", "", period_days(report)[-1].isoformat()])
    rows.append(["period", "days", "", report.days])
    rows.append(["questions", "total", "", report.questions])
    rows += [["questions_per_channel", channel, "", count] for channel, count in report.per_channel.items()]
    for day in period_days(report):
        for channel, count in sorted(report.per_day.get(day, {}).items()):
            rows.append([f"questions_per_day:{channel}", day.isoformat(), thai_date_short(day), count])
    rows += [["coverage", tier, "", count] for tier, count in report.coverage.items()]
    rows += [["ratings", rating, "", count] for rating, count in report.ratings.items()]
    rows += [["dislike_reasons", reason, "", count] for reason, count in report.reasons.items()]
    stats = report.tickets
    rows.append(["tickets", "total", "", stats.tickets])
    rows += [["tickets_by_status", str(status), "", count] for status, count in stats.by_status.items()]
    for name, durations in (("time_to_claim", stats.time_to_claim), ("time_to_answer", stats.time_to_answer)):
        rows.append([name, "median_minutes", "", _minutes(durations.median_minutes)])
        rows.append([name, "p90_minutes", "", _minutes(durations.p90_minutes)])
    for mentor in report.mentors:
        rows.append(["mentor_claimed", mentor.name, "", mentor.claimed])
        rows.append(["mentor_answered", mentor.name, "", mentor.answered])
        rows.append(["mentor_claim_median_minutes", mentor.name, "", _minutes(mentor.time_to_claim.median_minutes)])
        rows.append(["mentor_answer_median_minutes", mentor.name, "", _minutes(mentor.time_to_answer.median_minutes)])
    rows += [["faq_from_tickets", f.at.date().isoformat(), f.path, f.question] for f in report.faq]
    return _csv(rows)


def topics_csv(report: Report) -> str:
    """One row per example question of each topic, as the user typed it, with the topic's figures."""
    rows: list[list[object]] = [
        ["rank", "label", "questions", "module", "week", "module_title", "not_covered", "partial", "disliked",
         "example"]
    ]  # fmt: skip
    for rank, topic in enumerate(report.topics, start=1):
        for example in topic.examples or [""]:
            rows.append([
                rank, " / ".join(topic.label), topic.questions, _blank(topic.module), _blank(topic.week),
                topic.module_title or "", topic.why.get("not_covered", 0), topic.why.get("partial", 0),
                topic.why.get("disliked", 0), example,
            ])  # fmt: skip
    return _csv(rows)


def _minutes(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _blank(value: int | None) -> str:
    return "" if value is None else str(value)
