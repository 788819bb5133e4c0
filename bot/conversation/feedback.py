"""Feedback on answers: the 👍 / 👎 buttons under an answer, and what pressing them does.

Each button carries the id of the answer it sits under (the assistant message), so a 👍 pressed
under an old answer is recorded against that answer, not the latest one. A 👎 asks one optional
follow-up (off the point, not enough detail, hard to follow) and offers to pass that answer's
question to a mentor. The payload is one of :mod:`bot.buttons`' (``feedback:<choice>@a<answer id>``):
it names the answer it rates, so a press under an older answer rates that one.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.buttons import ButtonPayload
from bot.conversation.handoff import MentorHandoff
from bot.conversation.turn import TurnState
from bot.i18n.feedback import text
from bot.storage.engagement_models import FEEDBACK_RATINGS, FEEDBACK_REASONS
from bot.storage.feedback import FeedbackRepository
from bot.types import QuickOption, QuickReplies, Reply, TextReply

_KIND = "feedback"
MENTOR_CHOICE = "mentor"
_CHOICES = frozenset((*FEEDBACK_RATINGS, *FEEDBACK_REASONS, MENTOR_CHOICE))


@dataclass(frozen=True)
class FeedbackPress:
    """A pressed feedback button: which answer (message id) and what was chosen."""

    message_id: int
    choice: str
    """``up``, ``down``, a reason (``off_topic``, ``not_enough``, ``unclear``) or ``mentor``."""


def feedback_action(message_id: int, choice: str) -> str:
    """The payload of a feedback button: ``feedback:<choice>@a<answer id>`` (:mod:`bot.buttons`), within 64 bytes."""
    if choice not in _CHOICES:
        raise ValueError(f"unknown feedback choice {choice!r}")
    return ButtonPayload(f"{_KIND}:{choice}", answer=message_id).encode()


def feedback_press(pressed: ButtonPayload) -> FeedbackPress | None:
    """The feedback a decoded button stands for, or ``None`` for any other button."""
    kind, _, choice = pressed.kind.partition(":")
    if kind != _KIND or pressed.answer is None or choice not in _CHOICES:
        return None
    return FeedbackPress(pressed.answer, choice)


def parse_feedback_action(action: str) -> FeedbackPress | None:
    """The press a feedback payload stands for, or ``None`` for any other (or malformed) payload."""
    pressed = ButtonPayload.decode(action)
    return None if pressed is None else feedback_press(pressed)


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
