"""The engine's knobs, shared by the modules it hands a turn to (from the policy and mentoring settings)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EngineOptions:
    """How much the engine retrieves, remembers, reads and promises."""

    stopwords: frozenset[str] = frozenset()
    """Words that carry no topic (particles, question words), left out when counting a question's content."""
    passages: int = 5
    """Passages retrieved for a question, and for the context of a ticket."""
    history_turns: int = 6
    """Recent messages read with a question (follow-ups, the LLM) and stored with a ticket."""
    max_message_chars: int = 2000
    """A longer message is cut to its last sentences before it is answered."""
    answer_within_hours: int = 24
    """How soon the hand-off notice tells the user to expect a mentor's answer."""
    feedback: bool = True
    """Whether answers carry the 👍 / 👎 buttons (:mod:`bot.conversation.feedback`)."""
