"""The engine's footprint desk: keep what the calculators computed, show the footprint, clear it.

Only activities computed from a user's own figures reach it (the toolbox passes emissions and
footprint requests, never solar, carbon price or unit conversions), and only after the consent
gate, which the engine runs first. An amount without a period ("ดีเซล 2,000 ลิตร") is answered
but not kept: a footprint is per year, and a one-off amount cannot be put on a year.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.conversation.footprint.commands import FOOTPRINT_ACTION, FootprintCommand
from bot.conversation.footprint.summary import render, short_name_of, summarise
from bot.conversation.tools.emissions import PER_YEAR, EmissionResult
from bot.i18n.footprint import text
from bot.storage import FootprintRepository, KeptActivity
from bot.types import QuickOption, QuickReplies, Reply, TextReply


def kept_activity(result: EmissionResult) -> KeptActivity | None:
    """What the footprint keeps of one computed activity, per year; ``None`` without a period.

    The source is the factor's activity and use (``diesel:mobile``; LPG in kg or litres is one
    source), or the factor itself when it names no use (each refrigerant is its own source).
    """
    if result.period is None or result.period not in PER_YEAR:
        return None
    factor = result.factor
    return KeptActivity(
        source=f"{factor.activity}:{factor.use}" if factor.use else factor.id,
        factor_id=factor.id,
        name_th=factor.name_th,
        name_en=factor.name_en,
        amount=result.quantity,
        unit=result.unit,
        period=result.period,
        kgco2e_per_year=result.kgco2e * PER_YEAR[result.period],
        scope=factor.scope,
        factor_year=factor.year,
        factor_source=factor.source,
    )


class FootprintBook:
    """Keeps each user's footprint in the database and answers ``/footprint`` and its button."""

    def __init__(self, repository: FootprintRepository) -> None:
        self._repository = repository

    def keep(self, user_id: int, results: Sequence[EmissionResult], answer: str, language: str) -> Reply:
        """Keep the results that have a period; ``answer`` with a line saying so and the button, if any was kept."""
        kept = [activity for activity in map(kept_activity, results) if activity is not None]
        if not kept:
            return TextReply(answer)
        # One entry per source: "ไฟ 50,000 หน่วย ... ไฟ 40,000 หน่วย" in one message keeps the later figure.
        by_source = {activity.source: activity for activity in kept}
        self._repository.keep(user_id, list(by_source.values()))
        names = ", ".join(dict.fromkeys(short_name_of(activity, language) for activity in by_source.values()))
        line = text("footprint.added", language, names=names)
        return QuickReplies(f"{answer}\n\n{line}", (self.button(language),))

    @staticmethod
    def button(language: str) -> QuickOption:
        """The "ดูฟุตพริ้นท์" button."""
        return QuickOption(text("footprint.button", language), FOOTPRINT_ACTION)

    def command(self, command: FootprintCommand, user_id: int, language: str) -> list[Reply]:
        """Show or clear the user's footprint."""
        if command is FootprintCommand.CLEAR:
            return self.clear(user_id, language)
        return self.show(user_id, language)

    def show(self, user_id: int, language: str) -> list[Reply]:
        """The footprint per scope with the total and the largest source, or how to start one."""
        summary = summarise([entry.activity for entry in self._repository.entries(user_id)])
        if summary is None:
            return [TextReply(text("footprint.empty", language))]
        return [TextReply(render(summary, language))]

    def clear(self, user_id: int, language: str) -> list[Reply]:
        """Empty the footprint at once (it is the user's own list, rebuilt by typing figures again); say what went."""
        removed = self._repository.clear(user_id)
        if not removed:
            return [TextReply(text("footprint.already_empty", language))]
        names = ", ".join(short_name_of(entry.activity, language) for entry in removed)
        return [TextReply(text("footprint.cleared", language, count=len(removed), names=names))]
