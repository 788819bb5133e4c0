"""What the dashboard page shows, from one :class:`~bot.insight.report.Report` (the figures of ``nzap report``).

Thai first with Buddhist-Era dates (``15 ม.ค. 69``); English on the console's toggle. Every day of
the period has a column, also a day without questions, so the chart's gaps are real.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from markupsafe import Markup

from bot.insight.dashboard.charts import Bar, Series, bar_chart, column_chart, paired_bar_chart
from bot.insight.figures import COVERAGE_TIERS, bangkok_day
from bot.insight.report import Report
from bot.insight.topics import Topic
from bot.mentoring.analytics import Durations
from bot.mentoring.console.formatting import label, thai_datetime
from bot.mentoring.console.words import Words
from ingestion.thai.dates import THAI_MONTHS_SHORT, buddhist_year, thai_date_short

CHANNELS = ("line", "telegram", "web", "cli")
PERIODS = (7, 30, 84)
"""The period selector's choices: a week, a month, the 12-week course."""


def day_label(day: date, language: str) -> str:
    """``15 ม.ค. 69`` (Buddhist Era) in Thai, ``15 Jan`` in English."""
    return thai_date_short(day) if language == "th" else day.strftime("%d %b").lstrip("0")


def duration(minutes: float | None, w: Words) -> str:
    """``25 นาที``, ``2.5 ชม.``, or a dash when nothing was measured."""
    if minutes is None:
        return w("dash.no_time")
    if minutes >= 120:
        return w("dash.hours", value=f"{minutes / 60:.1f}")
    return w("dash.minutes", value=f"{minutes:g}")


def _median_p90(durations: Durations, w: Words) -> str:
    return f"{duration(durations.median_minutes, w)} / {duration(durations.p90_minutes, w)}"


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}" if whole else "0"


def period_days(report: Report) -> list[date]:
    """Every Bangkok day of the report's period, first to last."""
    last = bangkok_day(report.until)
    return [last - timedelta(days=offset) for offset in range(report.days - 1, -1, -1)]


def dashboard_view(report: Report, w: Words) -> dict[str, Any]:
    """The template's values: headline figures, the charts as SVG, the topics and the mentors."""
    lang = w.language
    days = period_days(report)
    coverage_total = sum(report.coverage.values())
    stats = report.tickets
    return {
        "days": report.days,
        "periods": PERIODS,
        "period": w("dash.period", first=long_date(days[0], lang), last=long_date(days[-1], lang), days=report.days),
        "kpis": [
            (w("dash.kpi.questions"), f"{report.questions:,}", ""),
            (
                w("dash.kpi.answered"),
                w("dash.percent", value=_share(report.coverage["answered"], coverage_total)),
                w("dash.count", count=f"{report.coverage['answered']:,}"),
            ),
            (
                w("dash.kpi.struggled"),
                w(
                    "dash.percent",
                    value=_share(report.coverage["partial"] + report.coverage["not_covered"], coverage_total),
                ),
                f"{report.coverage['partial']:,} / {report.coverage['not_covered']:,}",
            ),
            (w("dash.kpi.ratings"), f"{report.ratings['up']:,} / {report.ratings['down']:,}", ""),
            (
                w("dash.kpi.tickets"),
                f"{stats.tickets:,}",
                w(
                    "dash.tickets.summary",
                    claim=duration(stats.time_to_claim.median_minutes, w),
                    answer=duration(stats.time_to_answer.median_minutes, w),
                ),
            ),
        ],
        "channels": [(c, label("channel", c, lang)) for c in _channels(report)],
        "per_day_chart": _per_day_chart(report, days, w),
        "per_channel_chart": bar_chart(
            [
                Bar(
                    label("channel", c, lang),
                    n,
                    f"ch-{c}",
                    w("dash.count_share", count=f"{n:,}", share=_share(n, report.questions)),
                )
                for c, n in report.per_channel.items()
            ],
            w("dash.chart.per_channel"),
        ),
        "coverage_chart": bar_chart(
            [
                Bar(
                    w(f"dash.coverage.{tier}"),
                    report.coverage[tier],
                    f"cov-{tier}",
                    w(
                        "dash.count_share",
                        count=f"{report.coverage[tier]:,}",
                        share=_share(report.coverage[tier], coverage_total),
                    ),
                )
                for tier in COVERAGE_TIERS
            ],
            w("dash.chart.coverage"),
        ),
        "feedback_chart": bar_chart(
            [
                Bar(w(f"dash.feedback.{r}"), report.ratings[r], f"fb-{r}", f"{report.ratings[r]:,}")
                for r in ("up", "down")
            ]
            + [Bar(w(f"dash.reason.{r}"), n, "fb-reason", f"{n:,}") for r, n in report.reasons.items()],
            w("dash.chart.feedback"),
        ),
        "tickets_chart": bar_chart(
            [
                Bar(label("status", str(s), lang), n, f"st-{s}", w("dash.tickets.count", count=f"{n:,}"))
                for s, n in stats.by_status.items()
            ],
            w("dash.chart.tickets"),
        ),
        "tickets_summary": w(
            "dash.tickets.summary",
            claim=duration(stats.time_to_claim.median_minutes, w),
            answer=duration(stats.time_to_answer.median_minutes, w),
        ),
        "mentors_chart": paired_bar_chart(
            [(m.name, m.time_to_claim.median_minutes, m.time_to_answer.median_minutes) for m in report.mentors],
            (w("dash.mentors.claim"), w("dash.mentors.answer")),
            w("dash.chart.mentors"),
            lambda minutes: duration(minutes, w),
        )
        if report.mentors
        else None,
        "mentors": [
            {
                "name": m.name,
                "claimed": m.claimed,
                "answered": m.answered,
                "claim": _median_p90(m.time_to_claim, w),
                "answer": _median_p90(m.time_to_answer, w),
            }
            for m in report.mentors
        ],
        "topics": [_topic_view(rank, topic, w) for rank, topic in enumerate(report.topics, start=1)],
        "faq": [{"question": f.question, "when": thai_datetime(f.at, lang)} for f in report.faq[:10]],
    }


def place(topic: Topic, w: Words) -> str:
    """Where a topic sits in the course: ``โมดูล 5 (สัปดาห์ที่ 5): โซลาร์รูฟท็อป``, or that none was found."""
    if topic.module is not None and topic.week is not None:
        return w("dash.topics.place", module=topic.module, week=topic.week, title=topic.module_title or "")
    if topic.module is not None:
        return w("dash.topics.place_module", module=topic.module, title=topic.module_title or "")
    return topic.module_title or w("dash.topics.unplaced")


def _topic_view(rank: int, topic: Topic, w: Words) -> dict[str, Any]:
    why = {key: topic.why.get(key, 0) for key in ("not_covered", "partial", "disliked")}
    answers = topic.example_answers + [0] * (len(topic.examples) - len(topic.example_answers))
    return {
        "rank": rank,
        "label": " / ".join(topic.label) or "–",
        "place": place(topic, w),
        "module": topic.module,
        "questions": topic.questions,
        "why": w("dash.topics.why", **why),
        "examples": [{"text": text, "answer": answer} for text, answer in zip(topic.examples, answers, strict=True)],
        "topics": ", ".join(topic.label),
    }


def _channels(report: Report) -> list[str]:
    seen = {c for channels in report.per_day.values() for c in channels}
    return [c for c in CHANNELS if c in seen] + sorted(seen - set(CHANNELS))


def _per_day_chart(report: Report, days: list[date], w: Words) -> Markup:
    lang = w.language
    series = [Series(c, label("channel", c, lang), f"ch-{c}") for c in _channels(report)]
    columns = [(day_label(day, lang), report.per_day.get(day, {})) for day in days]
    return column_chart(
        columns,
        series,
        w("dash.chart.per_day"),
        lambda day, channel, count: w("dash.tooltip.day", day=day, channel=channel, count=count),
        label_every=max(1, len(days) // 10),
    )


def long_date(day: date, language: str) -> str:
    """``15 ม.ค. 2569`` (the full Buddhist-Era year) in Thai, ``2026-01-15`` in English."""
    if language != "th":
        return day.isoformat()
    return f"{day.day} {THAI_MONTHS_SHORT[day.month - 1]} {buddhist_year(day)}"
