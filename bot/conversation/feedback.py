"""Feedback on answers: the 👍 / 👎 buttons under an answer, and what pressing them does.

Each button carries the id of the answer it sits under (the assistant message), so a 👍 pressed
under an old answer is recorded against that answer, not the latest one. A 👎 asks one optional
follow-up (off the point, not enough detail, hard to follow) and offers to pass that answer's
question to a mentor. The payload is made and read only by :func:`feedback_action` and
:func:`parse_feedback_action`, so the encoding can move to another button scheme in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.conversation.handoff import MentorHandoff
from bot.conversation.turn import TurnState
from bot.i18n.feedback import text
from bot.storage.engagement_models import FEEDBACK_RATINGS, FEEDBACK_REASONS
from bot.storage.feedback import FeedbackRepository
from bot.types import QuickOption, QuickReplies, Reply, TextReply

FEEDBACK_PREFIX = "fb:"
MENTOR_CHOICE = "mentor"
_CHOICES = frozenset((*FEEDBACK_RATINGS, *FEEDBACK_REASONS, MENTOR_CHOICE))


@dataclass(frozen=True)
class FeedbackPress:
    """A pressed feedback button: which answer (message id) and what was chosen."""

    message_id: int
    choice: str
    """``up``, ``down``, a reason (``off_topic``, ``not_enough``, ``unclear``) or ``mentor``."""


def feedback_action(message_id: int, choice: str) -> str:
    """The opaque action of a feedback button: ``fb:<answer id>:<choice>`` (short: fits Telegram's 64 bytes)."""
    if choice not in _CHOICES:
        raise ValueError(f"unknown feedback choice {choice!r}")
    return f"{FEEDBACK_PREFIX}{message_id}:{choice}"


def parse_feedback_action(action: str) -> FeedbackPress | None:
    """The press a feedback action stands for, or ``None`` for any other (or malformed) action."""
    if not action.startswith(FEEDBACK_PREFIX):
        return None
    answer, _, choice = action.removeprefix(FEEDBACK_PREFIX).partition(":")
    if not answer.isdigit() or choice not in _CHOICES:
        return None
    return FeedbackPress(int(answer), choice)


def feedback_options(message_id: int, language: str) -> tuple[QuickOption, ...]:
    """The 👍 and 👎 buttons for the answer ``message_id``."""
    return (
        QuickOption(text("button.up", language), feedback_action(message_id, "up")),
        QuickOption(text("button.down", language), feedback_action(message_id, "down")),
    )


def with_feedback(buttons: QuickReplies | None, message_id: int, language: str) -> QuickReplies:
    """``buttons`` (the mentor offer, "อ่านเพิ่ม") with 👍 / 👎 added, or "Did this answer help?" with 👍 / 👎 alone."""
    if buttons is None:
        return QuickReplies(text("ask", language), feedback_options(message_id, language))
    return QuickReplies(buttons.text, (*buttons.options, *feedback_options(message_id, language)))


class FeedbackDesk:
    """Records presses of the feedback buttons and says what comes next."""

    def __init__(self, repository: FeedbackRepository) -> None:
        self._repository = repository

    def press(self, pressed: FeedbackPress, turn: TurnState, handoff: MentorHandoff) -> list[Reply]:
        """The replies to one press; a button of someone else's (or a deleted) answer gets a polite notice."""
        language = turn.language
        if pressed.choice == MENTOR_CHOICE:
            question = self._repository.question_of(turn.user_id, pressed.message_id)
            if question is None:
                return [TextReply(text("stale", language))]
            return handoff.escalate(turn, question)
        if pressed.choice in FEEDBACK_RATINGS:
            if self._repository.rate(turn.user_id, pressed.message_id, pressed.choice) is None:
                return [TextReply(text("stale", language))]
            if pressed.choice == "up":
                return [TextReply(text("thanks.up", language))]
            return [QuickReplies(text("thanks.down", language), self._follow_up(pressed.message_id, language))]
        if self._repository.explain(turn.user_id, pressed.message_id, pressed.choice) is None:
            return [TextReply(text("stale", language))]
        return [TextReply(text("thanks.reason", language))]

    @staticmethod
    def _follow_up(message_id: int, language: str) -> tuple[QuickOption, ...]:
        """The optional reasons, then the mentor."""
        reasons = [QuickOption(text(f"reason.{r}", language), feedback_action(message_id, r)) for r in FEEDBACK_REASONS]
        return (*reasons, QuickOption(text("button.mentor", language), feedback_action(message_id, MENTOR_CHOICE)))
