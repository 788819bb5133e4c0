"""The staff report as text for people: the terminal (``nzap report``) and the weekly digest in the mentor groups.

Thai first (English on request), dates in the Buddhist Era (``15 ม.ค. 69``), each topic with
the questions as users typed them, so a coordinator reads what SMEs actually asked.
"""

from __future__ import annotations

from datetime import date, timedelta

from bot.i18n.insight import text
from bot.insight.figures import bangkok_day
from bot.insight.report import Report
from ingestion.thai.dates import thai_date_short

_EXAMPLES = 3


def day_label(day: date, language: str) -> str:
    """A day as the programme writes it: ``15 ม.ค. 69`` (Buddhist Era) in Thai, ``2026-01-15`` in English."""
    return thai_date_short(day) if language == "th" else day.isoformat()


def _duration(minutes: float | None, language: str) -> str:
    if minutes is None:
        return text("no_time", language)
    if minutes >= 120:
        return text("hours", language, value=f"{minutes / 60:.1f}")
    return text("minutes", language, value=f"{minutes:g}")


def render_report(report: Report, language: str = "th", examples: int = _EXAMPLES, digest: bool = False) -> str:
    """The report as plain text; ``digest`` keeps it short enough for a group message (fewer topics, no mentors)."""
    last = bangkok_day(report.until)
    first = last - timedelta(days=report.days - 1)
    lines = [
        text("title", language, first=day_label(first, language), last=day_label(last, language), days=report.days)
    ]
    channels = " · ".join(f"{text(f'channel.{c}', language)} {n}" for c, n in report.per_channel.items())
    lines.append(text("questions", language, count=report.questions) + (f" ({channels})" if channels else ""))
    if report.per_day:
        busiest, counts = max(report.per_day.items(), key=lambda item: sum(item[1].values()))
        lines.append(text("busiest", language, day=day_label(busiest, language), count=sum(counts.values())))
    lines.append(text("coverage", language, **report.coverage))
    lines.append(text("ratings", language, **report.ratings))
    if report.reasons:
        reasons = ", ".join(f"{text(f'reason.{r}', language)} {n}" for r, n in report.reasons.items())
        lines.append(text("reasons", language, reasons=reasons))
    lines.append("")
    topics = report.topics[:5] if digest else report.topics
    lines.append(text("topics", language, count=len(topics)) if topics else text("topics.none", language))
    for rank, topic in enumerate(topics, start=1):
        lines.append(text("topic", language, rank=rank, label=" / ".join(topic.label) or "-", count=topic.questions))
        if topic.module is not None and topic.week is not None:
            lines.append(text("topic.module", language, module=topic.module, week=topic.week, title=topic.module_title))
        elif topic.module is not None:
            lines.append(text("topic.module_only", language, module=topic.module, title=topic.module_title))
        elif topic.module_title:
            lines.append(text("topic.material", language, title=topic.module_title))
        if not digest:
            why = {key: topic.why.get(key, 0) for key in ("not_covered", "partial", "disliked")}
            lines.append(text("topic.why", language, **why))
        lines.extend(f"   • {example}" for example in topic.examples[: (2 if digest else examples)])
    lines.append("")
    stats = report.tickets
    statuses = ", ".join(f"{text(f'status.{s}', language)} {n}" for s, n in stats.by_status.items()) or "-"
    lines.append(text("tickets", language, count=stats.tickets, statuses=statuses))
    if stats.tickets:
        claim = _duration(stats.time_to_claim.median_minutes, language)
        answer = _duration(stats.time_to_answer.median_minutes, language)
        lines.append(text("durations", language, claim=claim, answer=answer))
    if report.mentors and not digest:
        lines.append(text("mentors", language))
        for mentor in report.mentors:
            claim = _duration(mentor.time_to_claim.median_minutes, language)
            answer = _duration(mentor.time_to_answer.median_minutes, language)
            lines.append(
                text("mentor", language, name=mentor.name, answered=mentor.answered, claim=claim, answer=answer)
            )
    if report.faq:
        lines.append(text("faq", language, count=len(report.faq)))
        lines.extend(f"   • {faq.question}" for faq in report.faq[: (3 if digest else 10)])
    if digest:
        lines.extend(["", text("digest.footer", language, days=report.days)])
    return "\n".join(lines)
