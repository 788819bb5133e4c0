"""The values of one turn: who is talking and what they said (:class:`TurnState`), and what came of it.

They live below the engine so that the modules it hands a turn to (hand-off, buttons, questions)
can take them without importing the engine.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.conversation.intents import Intent
from bot.conversation.policy import Decision
from bot.types import Answer, Reply
from knowledge.passages import RetrievalResult


@dataclass(frozen=True)
class Outcome:
    """What the engine did with a question, for the command line, tests and benchmarks."""

    replies: list[Reply]
    decision: Decision | None = None
    answer: Answer | None = None
    retrieval: RetrievalResult | None = None
    intent: Intent = Intent.QUESTION
    limited: str | None = None
    """``rate`` or ``busy`` when a limit stopped the message (see :mod:`bot.conversation.frontdoor`)."""
    privacy: bool = False
    """The message was about personal data, or was met by the privacy notice instead of an answer."""
    kind: str = "answer"
    """What the reply is: ``answer``, ``smalltalk``, ``out_of_scope``, ``refusal``, ``clarify``, ``more``,
    ``calculation``, ``schedule``, ``footprint`` (the kept footprint shown or cleared), or ``other`` (commands,
    buttons, notices)."""
    coverage: str | None = None
    """For a course answer: ``answered``, ``partial`` or ``not_covered``."""
    values: dict[str, object] | None = None
    """What a calculator or the schedule computed (numbers, dates), for ``nzap ask --json``."""
    held: str | None = None
    """The question held since the privacy notice, answered in this turn (the consent press), if any."""


@dataclass(frozen=True)
class TurnState:
    """Who is talking, in which conversation and language, where (a group chat, or ``None``), and what they typed."""

    user_id: int
    conversation: int
    language: str
    chat_id: str | None
    channel: str = "cli"
    limit_key: str = ""
    """Whose limits apply (:func:`bot.conversation.frontdoor.limit_key`)."""
    text: str = ""
    """What the user typed, normalised by the channel (:class:`bot.types.IncomingMessage`); empty for a button."""
    folded: str = ""
    """``text`` as :func:`ingestion.thai.fold_for_matching` gives it: folded once per turn for every matcher."""
