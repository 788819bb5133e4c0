"""Lines of a schedule answer, each a function of the language: catalogue messages, dates, days from today.

A line is built once from the facts and written in Thai or English on demand, so the two
texts of an answer always say the same thing. Thai dates use the Buddhist Era.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta

from bot.i18n import message_from
from bot.i18n.schedule import MESSAGES
from ingestion.thai.dates import thai_date, thai_date_short

Text = Callable[[str], str]
"""A line of the answer, written in the language given (``th`` or ``en``)."""

MAX_CHARS = 400
"""Longest answer: a chat reply that leads with the fact, not a page of the timetable."""

_EN_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December")  # fmt: skip


def msg(key: str, **values: object) -> Text:
    """A catalogue message whose values may themselves be lines (written in the same language)."""
    return lambda lang: message_from(
        MESSAGES, key, lang, **{k: v(lang) if callable(v) else v for k, v in values.items()}
    )


def plain(value: str) -> Text:
    """A value shown as it is in every language (a venue or topic from the schedule file)."""
    return lambda _lang: value


def long_date(day: date) -> Text:
    """``วันพฤหัสบดีที่ 10 ธันวาคม 2569`` / ``Thursday 10 December 2026``."""
    return lambda lang: (
        f"{_EN_DAYS[day.weekday()]} {day.day} {_EN_MONTHS[day.month - 1]} {day.year}"
        if lang == "en"
        else thai_date(day)
    )


def short_date(day: date) -> Text:
    """``10 ธ.ค. 69`` / ``10 Dec 2026``."""
    return lambda lang: (
        f"{day.day} {_EN_MONTHS[day.month - 1][:3]} {day.year}" if lang == "en" else thai_date_short(day)
    )


def relative(day: date, today: date) -> Text:
    """``day`` seen from ``today``: วันนี้, พรุ่งนี้, เมื่อวาน, อีก 3 วัน, สัปดาห์หน้า อีก 7 วัน, ผ่านไปแล้ว 2 วัน."""
    delta = (day - today).days
    simple = {0: "rel.today", 1: "rel.tomorrow", -1: "rel.yesterday"}
    if delta in simple:
        return msg(simple[delta])
    if delta < 0:
        return msg("rel.ago", days=-delta)
    # "Next week" is the next Monday-to-Sunday week, as people mean it, not "within 7 days".
    monday = today - timedelta(days=today.weekday())
    next_week = monday + timedelta(weeks=1) <= day < monday + timedelta(weeks=2)
    return msg("rel.next_week" if next_week else "rel.in_days", days=delta)


def fit(lang: str, head: Sequence[Text], optional: Sequence[Text], tail: Sequence[Text], note: Sequence[Text]) -> str:
    """The lines joined in ``lang``, dropping ``optional`` ones from the end until the text fits ``MAX_CHARS``."""

    def join(lines: Sequence[Text]) -> str:
        written = (line(lang) for line in lines)
        # English lines may open with a lower-case reference ("next week (week 6)"): capitalise them.
        return "\n".join(w[:1].upper() + w[1:] if lang == "en" else w for w in written)

    kept = list(optional)
    text = join([*head, *kept, *tail, *note])
    while len(text) > MAX_CHARS and kept:
        kept.pop()
        text = join([*head, *kept, *tail, *note])
    if len(text) <= MAX_CHARS:
        return text
    # Still too long (a very long homework): cut the answer at a space and keep the note whole.
    ending = ("\n" + join(note)) if note else ""
    body = join([*head, *tail])[: MAX_CHARS - len(ending) - 1]
    return body.rsplit(" ", 1)[0] + "…" + ending
