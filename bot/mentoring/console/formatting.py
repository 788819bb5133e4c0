"""How the console writes times, ages and excerpts: Thai time (UTC+7), Buddhist-Era years."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

from bot.mentoring.console.words import MESSAGES, text
from ingestion.thai.dates import THAI_MONTHS_SHORT, buddhist_year

_PLACE_TAG = re.compile(r"^(module|week):(\d+)$")
"""Routing tags the engine derives from passages: ``module:5``, ``week:3``; the rest are topics."""

THAI_TIME = timezone(timedelta(hours=7), "ICT")
"""Thailand keeps UTC+7 all year (no daylight saving), so a fixed offset needs no tz database."""


def as_utc(moment: datetime) -> datetime:
    """``moment`` as an aware UTC time; naive values (SQLite returns them) are taken as UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def thai_datetime(moment: datetime | None, language: str = "th") -> str:
    """``26 พ.ย. 2569 07:15`` in Thai time; English gets ``2026-11-26 07:15 (UTC+7)``; ``-`` for no time."""
    if moment is None:
        return "-"
    local = as_utc(moment).astimezone(THAI_TIME)
    if language == "en":
        return local.strftime("%Y-%m-%d %H:%M") + " (UTC+7)"
    return f"{local.day} {THAI_MONTHS_SHORT[local.month - 1]} {buddhist_year(local.date())} {local:%H:%M}"


def age(since: datetime, now: datetime, language: str = "th") -> str:
    """How long ago ``since`` was, coarsely: ``12 นาที``, ``3 ชม. 5 นาที``, ``2 วัน 4 ชม.``."""
    minutes = max(0, int((as_utc(now) - as_utc(since)).total_seconds() // 60))
    if minutes < 1:
        return text("age.just_now", language)
    if minutes < 60:
        return text("age.minutes", language, n=minutes)
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return text("age.hours", language, n=hours, m=minutes)
    days, hours = divmod(hours, 24)
    return text("age.days", language, n=days, h=hours)


def excerpt(value: str, limit: int = 90) -> str:
    """The first ``limit`` characters of ``value`` on one line, with an ellipsis when cut."""
    flat = " ".join(value.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def label(prefix: str, value: str, language: str = "th") -> str:
    """The catalogue label ``prefix.value`` (a status, channel or event), or ``value`` itself when unknown."""
    key = f"{prefix}.{value}"
    return text(key, language) if key in MESSAGES else value


def place_tag(tag: str) -> tuple[str, int] | None:
    """``("module", 5)`` for ``module:5``, ``("week", 3)`` for ``week:3``, ``None`` for a topic."""
    match = _PLACE_TAG.match(tag)
    return (match.group(1), int(match.group(2))) if match else None


def tag_label(tag: str, language: str = "th") -> str:
    """A routing tag as people read it: ``module:5`` -> ``โมดูล 5``, ``week:3`` -> ``สัปดาห์ที่ 3``, topics as they are."""
    place = place_tag(tag)
    return text(f"tag.{place[0]}", language, n=place[1]) if place else tag
