"""A user's carbon footprint kept across turns: every activity computed from their own figures.

:mod:`~bot.conversation.footprint.commands` recognises ``/footprint`` (and its Thai and button
forms), :mod:`~bot.conversation.footprint.summary` adds the kept activities up per scope, and
:mod:`~bot.conversation.footprint.book` keeps, shows and clears them for the engine.
"""

from bot.conversation.footprint.book import FootprintBook, kept_activity
from bot.conversation.footprint.commands import FOOTPRINT_ACTION, FootprintCommand, footprint_command
from bot.conversation.footprint.summary import FootprintSummary, ScopeTotal, summarise

__all__ = [
    "FOOTPRINT_ACTION",
    "FootprintBook",
    "FootprintCommand",
    "FootprintSummary",
    "ScopeTotal",
    "footprint_command",
    "kept_activity",
    "summarise",
]
