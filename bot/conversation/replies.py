"""Answer composition: what the assistant says for each decision, as replies.

An answer is its text (with the answerer's note, such as "answered offline") and then its
sources; a question the material does not cover gets the offer of a mentor; a question too
vague to answer gets the topics retrieval found, as buttons. The ids those buttons carry are
defined here, with the buttons, and handled in :mod:`bot.conversation.actions`.
"""

from __future__ import annotations

from bot.conversation.acts import Act
from bot.i18n import message
from bot.i18n.conversation import conversation_message
from bot.types import Answer, QuickOption, QuickReplies, Reply, SourceList, TextReply
from knowledge.passages import RetrievalResult

ACCEPT_ESCALATION = "escalate:yes"
MORE_ACTION = "answer:more"
"""The "อ่านเพิ่ม" button: the details of the last answer."""
DECLINE_ESCALATION = "escalate:no"
TOPIC_PREFIX = "topic:"
"""A clarifying button: ``topic:<title>`` asks the question again as that title."""
_TOPIC_BUTTONS = 3
_TOPIC_LABEL_CHARS = 20


def notice(key: str, language: str, **values: object) -> TextReply:
    """The catalogue message ``key`` as a plain text reply."""
    return TextReply(message(key, language, **values))


def answer_replies(answer: Answer) -> list[Reply]:
    """An answer the policy accepted: its text, the answerer's note under it, then the sources."""
    body = f"{answer.text}\n\n{answer.note}" if answer.note else answer.text
    return [TextReply(body), SourceList(tuple(answer.citations))]


def mentor_offer(key: str, language: str) -> QuickReplies:
    """The message ``key`` with the buttons "pass it to a mentor" and "never mind"."""
    return mentor_buttons(message(key, language), language)


def clarify(result: RetrievalResult, language: str) -> QuickReplies:
    """Ask the user to be more specific, offering the titles retrieval found as topics to pick."""
    titles = list(dict.fromkeys(p.chunk.title for p in result.passages))[:_TOPIC_BUTTONS]
    options = tuple(QuickOption(title[:_TOPIC_LABEL_CHARS], f"{TOPIC_PREFIX}{title}") for title in titles)
    return QuickReplies(message("chat.clarify", language), options)


def mentor_buttons(prompt: str, language: str) -> QuickReplies:
    """``prompt`` with the buttons "pass it to a mentor" and "never mind" (partial and uncovered answers)."""
    options = (
        QuickOption(message("chat.escalate_yes", language), ACCEPT_ESCALATION),
        QuickOption(message("chat.escalate_no", language), DECLINE_ESCALATION),
    )
    return QuickReplies(prompt, options)


def more_offer(language: str) -> QuickReplies:
    """The "อ่านเพิ่ม" button under an answer that has more detail than fits a phone screen."""
    label = conversation_message("answer.more_button", language)
    return QuickReplies(conversation_message("answer.more_offer", language), (QuickOption(label, MORE_ACTION),))


_ACT_KINDS = {Act.OFF_TOPIC: "out_of_scope", Act.REFUSAL: "refusal"}


def act_kind(act: Act) -> str:
    """The ``kind`` of ``nzap ask --json`` for a conversation act: ``smalltalk``, ``out_of_scope`` or ``refusal``."""
    return _ACT_KINDS.get(act, "smalltalk")
