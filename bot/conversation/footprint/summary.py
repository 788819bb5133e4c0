"""A kept footprint added up: tonnes per scope, the yearly total and the largest source; and its text.

Pure: the same entries always give the same summary and the same lines. Every entry is already
per year (the book keeps only activities with a period), so totals never mix a month and a year.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.conversation.tools.calculator_texts import number
from bot.i18n.calculators import MESSAGES as UNIT_MESSAGES
from bot.i18n.calculators import text as unit_text
from bot.i18n.footprint import text
from bot.storage import KeptActivity


@dataclass(frozen=True)
class ScopeTotal:
    """One scope's tonnes per year and its activities, largest first."""

    scope: int
    tco2e_per_year: float
    activities: tuple[KeptActivity, ...]


@dataclass(frozen=True)
class FootprintSummary:
    """The footprint per scope (ascending), its yearly total, and the largest source with its share."""

    scopes: tuple[ScopeTotal, ...]
    total_tco2e_per_year: float
    largest: KeptActivity
    largest_share: float


def summarise(activities: Sequence[KeptActivity]) -> FootprintSummary | None:
    """The summary of ``activities``, or ``None`` when there are none."""
    if not activities:
        return None
    scopes = []
    for scope in sorted({a.scope for a in activities}):
        members = sorted((a for a in activities if a.scope == scope), key=lambda a: -a.kgco2e_per_year)
        scopes.append(ScopeTotal(scope, sum(a.kgco2e_per_year for a in members) / 1000, tuple(members)))
    total = sum(s.tco2e_per_year for s in scopes)
    largest = max(activities, key=lambda a: a.kgco2e_per_year)
    share = largest.kgco2e_per_year / 1000 / total if total > 0 else 0.0
    return FootprintSummary(tuple(scopes), total, largest, share)


def name_of(activity: KeptActivity, language: str) -> str:
    """The activity's name in ``language`` (the factor file's Thai or English name)."""
    return activity.name_en if language == "en" and activity.name_en else activity.name_th


def short_name_of(activity: KeptActivity, language: str) -> str:
    """``น้ำมันดีเซล`` from ``น้ำมันดีเซล (ยานพาหนะบนถนน)``: for one-line lists."""
    return name_of(activity, language).split(" (")[0].split(" ชนิด")[0].split(",")[0]


def _word(key: str, language: str, fallback: str) -> str:
    return unit_text(key, language) if key in UNIT_MESSAGES else fallback


def _scope_line(scope: ScopeTotal, language: str) -> str:
    key = f"footprint.scope.{scope.scope}" if scope.scope in (1, 2) else "footprint.scope.other"
    return text(key, language, scope=scope.scope, total=number(scope.tco2e_per_year))


def _item_line(activity: KeptActivity, language: str) -> str:
    return text(
        "footprint.item",
        language,
        name=name_of(activity, language),
        amount=number(activity.amount),
        unit=_word(f"unit.{activity.unit}", language, activity.unit),
        period=_word(f"period.{activity.period}", language, activity.period),
        total=number(activity.kgco2e_per_year / 1000),
        year=activity.factor_year,
    )


def render(summary: FootprintSummary, language: str) -> str:
    """The footprint as short lines: a title, each scope with its activities, the total, the largest source."""
    lines = [text("footprint.title", language)]
    for scope in summary.scopes:
        lines.append(_scope_line(scope, language))
        lines.extend(_item_line(activity, language) for activity in scope.activities)
    lines.append(text("footprint.total", language, total=number(summary.total_tco2e_per_year)))
    share = f"{summary.largest_share:.0%}"
    lines.append(text("footprint.largest", language, name=name_of(summary.largest, language), share=share))
    lines.append(text("footprint.hint", language))
    return "\n".join(lines)
