"""Buttons the user pressed: the mentor offer, a clarifying topic, the buttons under a mentor's answer.

A button arrives as an opaque action id (:attr:`bot.types.IncomingMessage.action`); the ids
are made with the buttons in :mod:`bot.conversation.replies` and, for the buttons under a
mentor's answer, in :mod:`bot.mentoring.tickets`. Privacy buttons (consent, export, erasure)
never get here: the engine answers them before the consent gate.
"""

from __future__ import annotations

from bot.conversation.handoff import MentorHandoff
from bot.conversation.replies import ACCEPT_ESCALATION, DECLINE_ESCALATION, TOPIC_PREFIX, notice
from bot.conversation.turn import TurnState
from bot.mentoring.tickets import DONE_PREFIX, MORE_PREFIX
from bot.types import Reply


def topic_of(action: str) -> str | None:
    """The course topic a clarifying button picks (then asked as a question), or ``None`` for other buttons."""
    return action.removeprefix(TOPIC_PREFIX) if action.startswith(TOPIC_PREFIX) else None


def press(action: str, turn: TurnState, handoff: MentorHandoff) -> list[Reply]:
    """The replies to a button other than a topic; an unknown (or outdated) button gets the help text."""
    if action == ACCEPT_ESCALATION:
        return handoff.escalate(turn)
    if action == DECLINE_ESCALATION:
        return [notice("chat.escalate_declined", turn.language)]
    if action.startswith((MORE_PREFIX, DONE_PREFIX)):
        return handoff.ticket_button(action, turn)
    return [notice("chat.help", turn.language)]
