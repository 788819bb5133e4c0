"""Buttons the user pressed: the mentor offer, a clarifying topic, the open-ticket offer, the buttons under a
mentor's answer.

A button arrives as a payload (:attr:`bot.types.IncomingMessage.action`, decoded by
:class:`bot.buttons.ButtonPayload`) naming what it does and the turn or ticket it belongs to;
the payloads are made with the buttons in :mod:`bot.conversation.replies` and, for the buttons
under a mentor's answer, in :mod:`bot.mentoring.tickets` (``ticket:more:<id>``, which carry
their ticket already). Privacy buttons (consent, export, erasure) never get here: the engine
answers them before the consent gate.

What an old button does (pressed after a later question):

- "ส่งให้พี่เลี้ยง" hands over *its own* question (stored with the turn), never the later one;
  when that question is gone (erased, past retention) the button has expired and says so;
- "อ่านเพิ่ม" gives the details of its own question's answer (see
  :meth:`bot.conversation.questions.CourseQuestions.more`);
- a clarifying topic asks that topic, which is a question of its own;
- "ไม่เป็นไร" just acknowledges; the open-ticket and mentor-answer buttons act on their ticket.

A button from before turn ids (``escalate:yes`` with no turn) acts on the latest question, as
it always did.
"""

from __future__ import annotations

from bot.buttons import ButtonPayload
from bot.conversation.handoff import MentorHandoff
from bot.conversation.replies import (
    ACCEPT_ESCALATION,
    DECLINE_ESCALATION,
    TICKET_ADD,
    TICKET_STATUS,
    TOPIC_KIND,
    notice,
)
from bot.conversation.turn import TurnState
from bot.mentoring.tickets import DONE_PREFIX, MORE_PREFIX
from bot.types import Reply


def topic_of(pressed: ButtonPayload) -> str | None:
    """The course topic a clarifying button picks (then asked as a question), or ``None`` for other buttons."""
    return pressed.arg if pressed.kind == TOPIC_KIND and pressed.arg else None


def press(pressed: ButtonPayload, action: str, turn: TurnState, handoff: MentorHandoff) -> list[Reply]:
    """The replies to a button other than a topic; an unknown button gets the help text.

    ``action`` is the raw payload (the buttons under a mentor's answer are matched on it).
    """
    if pressed.kind == ACCEPT_ESCALATION:
        return handoff.escalate(turn) if pressed.turn is None else handoff.escalate_turn(turn, pressed.turn)
    if pressed.kind == DECLINE_ESCALATION:
        return [notice("chat.escalate_declined", turn.language)]
    if pressed.kind in (TICKET_ADD, TICKET_STATUS) and pressed.ticket is not None:
        return handoff.open_ticket_button(pressed.kind.removeprefix("ticket:"), pressed.ticket, turn)
    if action.startswith((MORE_PREFIX, DONE_PREFIX)):
        return handoff.ticket_button(action, turn)
    return [notice("chat.help", turn.language)]
