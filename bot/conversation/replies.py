"""Answer composition: what the assistant says for each decision, as replies.

An answer is its text (with the answerer's note, such as "answered offline") and then its
sources; a question the material does not cover gets the offer of a mentor; a question too
vague to answer gets the topics retrieval found, as buttons. The ids those buttons carry are
defined here, with the buttons, and handled in :mod:`bot.conversation.actions`.
"""

from __future__ import annotations

from bot.buttons import ButtonPayload
from bot.conversation.acts import Act
from bot.i18n import message
from bot.i18n.conversation import conversation_message
from bot.types import Answer, QuickOption, QuickReplies, Reply, SourceList, TextReply
from knowledge.passages import RetrievalResult

ACCEPT_ESCALATION = "escalate:yes"
"""The "ส่งให้พี่เลี้ยง" button (a :class:`~bot.buttons.ButtonPayload` kind; the payload names the turn)."""
MORE_ACTION = "answer:more"
"""The "อ่านเพิ่ม" button: the details of the answer to its turn's question."""
DECLINE_ESCALATION = "escalate:no"
TOPIC_KIND = "topic"
"""A clarifying button: its argument, a course title, is asked as the question."""
TICKET_ADD = "ticket:add"
"""The open-ticket offer's "add a new question to T-0042" (the payload names the ticket)."""
TICKET_STATUS = "ticket:status"
"""The open-ticket offer's "where is T-0042" (the payload names the ticket)."""
_TOPIC_BUTTONS = 3
_TOPIC_LABEL_CHARS = 20


def notice(key: str, language: str, **values: object) -> TextReply:
    """The catalogue message ``key`` as a plain text reply."""
    return TextReply(message(key, language, **values))


def answer_replies(answer: Answer) -> list[Reply]:
    """An answer the policy accepted: its text, the answerer's note under it, then the sources."""
    body = f"{answer.text}\n\n{answer.note}" if answer.note else answer.text
    return [TextReply(body), SourceList(tuple(answer.citations))]


def button(kind: str, turn: int | None = None, ticket: int | None = None, arg: str = "") -> str:
    """The payload of a button of ``kind`` that belongs to the turn ``turn`` or the ticket ``ticket``."""
    return ButtonPayload(kind, turn=turn, ticket=ticket, arg=arg).encode()


def mentor_offer(key: str, language: str, turn: int | None) -> QuickReplies:
    """The message ``key`` with the buttons "pass it to a mentor" and "never mind" for the question ``turn``."""
    return mentor_buttons(message(key, language), language, turn)


def clarify(result: RetrievalResult, language: str, turn: int | None = None) -> QuickReplies:
    """Ask the user to be more specific, offering the titles retrieval found as topics to pick."""
    titles = list(dict.fromkeys(p.chunk.title for p in result.passages))[:_TOPIC_BUTTONS]
    options = tuple(QuickOption(title[:_TOPIC_LABEL_CHARS], button(TOPIC_KIND, turn, arg=title)) for title in titles)
    return QuickReplies(message("chat.clarify", language), options)


def mentor_buttons(prompt: str, language: str, turn: int | None) -> QuickReplies:
    """``prompt`` with "pass it to a mentor" and "never mind" (partial and uncovered answers) for question ``turn``.

    The buttons carry the turn: pressed after a later question, they still act on this one.
    """
    options = (
        QuickOption(message("chat.escalate_yes", language), button(ACCEPT_ESCALATION, turn)),
        QuickOption(message("chat.escalate_no", language), button(DECLINE_ESCALATION, turn)),
    )
    return QuickReplies(prompt, options)


def more_offer(language: str, turn: int | None) -> QuickReplies:
    """The "อ่านเพิ่ม" button under an answer that has more detail than fits a phone screen."""
    label = conversation_message("answer.more_button", language)
    more = QuickOption(label, button(MORE_ACTION, turn))
    return QuickReplies(conversation_message("answer.more_offer", language), (more,))


def open_ticket_offer(
    reference: str, question: str, ticket: int, language: str, new_turn: int | None = None
) -> QuickReplies:
    """The user asked for a mentor while ``reference`` is open: add a new question to it, or see its status.

    ``new_turn``: the user's latest question when it is not with the mentors yet, offered first as a
    ticket of its own (the button carries that question, like the mentor offer under it).
    """
    shown = question if len(question) <= 80 else question[:79] + "…"
    options: tuple[QuickOption, ...] = (
        QuickOption(message("ticket.offer_add", language), button(TICKET_ADD, ticket=ticket)),
        QuickOption(message("ticket.offer_status", language), button(TICKET_STATUS, ticket=ticket)),
    )
    key = "ticket.open_offer"
    if new_turn is not None:
        options = (QuickOption(message("ticket.offer_latest", language), button(ACCEPT_ESCALATION, new_turn)), *options)
        key = "ticket.open_offer_latest"
    return QuickReplies(message(key, language, reference=reference, question=shown), options)


_ACT_KINDS = {Act.OFF_TOPIC: "out_of_scope", Act.REFUSAL: "refusal"}


def act_kind(act: Act) -> str:
    """The ``kind`` of ``nzap ask --json`` for a conversation act: ``smalltalk``, ``out_of_scope`` or ``refusal``."""
    return _ACT_KINDS.get(act, "smalltalk")
