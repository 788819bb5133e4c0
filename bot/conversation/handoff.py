"""The hand-off to mentors: a ticket through :class:`bot.mentoring.TicketService`, its status and follow-ups.

A question goes to the mentors when the user:

- accepts the offer (``escalate:yes``), asks for a person ("ขอคุยกับพี่เลี้ยง", ``/mentor``), or
- gives negative feedback twice in a row after an answer: the first "ไม่ตรง/ไม่ใช่/ไม่ช่วย"
  gets an apology and the offer; a second one right after it hands the question over.

A message after a mentor's answer reopens that ticket only when it clearly continues it:
the user pressed "ยังสงสัย/ถามต่อ" under the answer and then typed, or names the ticket
(``T-0042``), or replies straight after the answer (nothing in between) with a follow-up
("แล้วถ้า...", "ยังไม่เข้าใจ", negative feedback); and only within the follow-up window
after the answer. Anything else is a new question, answered from the course material.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.conversation.answerers.extractive import content_tokens
from bot.conversation.business import BusinessNames
from bot.conversation.followups import is_follow_up
from bot.conversation.intents import Intent, detect
from bot.conversation.options import EngineOptions
from bot.conversation.policy import Decision
from bot.conversation.replies import mentor_offer
from bot.conversation.turn import Outcome, TurnState
from bot.i18n import message
from bot.mentoring.numbers import find_ticket_number
from bot.mentoring.tickets import (
    DONE_PREFIX,
    MENTOR_MODE,
    MORE_PREFIX,
    TicketAttempt,
    TicketContext,
    TicketRecord,
    TicketService,
    TicketStatus,
)
from bot.observability.metrics import count_escalation
from bot.storage import ConversationRepository, MessageRecord
from bot.types import EscalationNotice, Reply, TextReply, Turn
from ingestion import thai
from knowledge.passages import Passage
from knowledge.retriever import HybridRetriever

NEGATIVE_OFFER_MODE = "negative_offer"
"""``messages.mode`` of the apology-and-offer after a first negative feedback."""
FOLLOW_UP_PROMPT_MODE = "ticket_prompt"
"""``messages.mode`` of "type what is still unclear about T-0042" (after the "ask more" button)."""
_ANSWER_MODES = frozenset({"extractive", "llm", MENTOR_MODE})
_CONTINUES = re.compile(r"^(ยังไม่|ถามต่อ|ขอถามต่อ|ขอถามเพิ่ม|ถามเพิ่ม|เพิ่มเติม|แล้วถ้า|แล้วก็|still|follow.?up|one more)")
_OWN_QUESTION_WORDS = 4


class MentorHandoff:
    """Hands questions to the mentors and keeps the user's side of their tickets (status, follow-ups, buttons)."""

    def __init__(
        self,
        tickets: TicketService,
        repository: ConversationRepository,
        retriever: HybridRetriever,
        options: EngineOptions,
        business: BusinessNames | None = None,
    ) -> None:
        """``retriever`` finds the passages the mentors see with the question; ``business`` asks for the
        business name after a first ticket (not asked when ``None``)."""
        self._business = business
        self._tickets = tickets
        self._repository = repository
        self._retriever = retriever
        self._options = options

    def requested(self, turn: TurnState) -> list[Reply]:
        """The user asked for a person: hand over the question the request names, or the last one asked."""
        # "ขอคุยกับพี่เลี้ยงเรื่องขายไฟคืน" carries its own question; a bare request refers to the last one.
        own = turn.text if len(content_tokens(turn.text, self._options.stopwords)) >= _OWN_QUESTION_WORDS else None
        self._repository.add_user_message(turn.conversation, turn.text)
        return self.escalate(turn, own)

    def status(self, turn: TurnState) -> list[Reply]:
        """The user's tickets that are not closed, each with its state in plain words."""
        tickets = self._tickets.open_tickets_of_user(turn.user_id)
        if not tickets:
            return [TextReply(message("ticket.status_none", turn.language))]
        lines = [message("ticket.status_header", turn.language)]
        for ticket in tickets[-5:]:
            status = message(f"ticket.status.{ticket.status}", turn.language, mentor=ticket.assignee_name or "")
            question = ticket.question if len(ticket.question) <= 80 else ticket.question[:79] + "…"
            lines.append(
                message(
                    "ticket.status_line", turn.language, reference=ticket.reference, status=status, question=question
                )
            )
        return [TextReply("\n".join(lines))]

    def reopen(self, intent: Intent, turn: TurnState) -> list[Reply] | None:
        """Reopen an answered ticket when this message clearly continues it (rules in the module docstring)."""
        text = turn.text
        last = self._repository.last_assistant_message(turn.conversation)
        number = find_ticket_number(text)
        target: TicketRecord | None = None
        if last is not None and last.mode == FOLLOW_UP_PROMPT_MODE:
            target = self._ticket_named_in(last.text, turn.user_id)
        elif number is not None:
            target = self._ticket_of_user(number, turn.user_id)
        elif last is not None and last.mode == MENTOR_MODE:
            continues = intent is Intent.NEGATIVE or is_follow_up(text) or bool(_CONTINUES.match(turn.folded))
            target = self._ticket_named_in(last.text, turn.user_id) if continues else None
        if target is None or target.status != TicketStatus.ANSWERED:
            return None
        reopened = self._tickets.reopen_on_follow_up(turn.user_id, text, target.id)
        if reopened is None:
            return None  # answered too long ago: a new question
        self._repository.add_user_message(turn.conversation, text)
        reply = message("ticket.reopened", turn.language, reference=reopened.reference)
        self._repository.add_assistant_message(turn.conversation, reply, None, "ticket", [], True)
        return [EscalationNotice(reply, reopened.reference)]

    def negative(self, turn: TurnState) -> Outcome:
        """First "ไม่ตรง" after an answer: apologise and offer a mentor; a second in a row: hand it over."""
        last = self._repository.last_assistant_message(turn.conversation)
        self._repository.add_user_message(turn.conversation, turn.text)
        if last is not None and last.mode == NEGATIVE_OFFER_MODE:
            return Outcome(self.escalate(turn), Decision.ESCALATE, intent=Intent.NEGATIVE)
        if last is None or last.mode not in _ANSWER_MODES:
            return Outcome([TextReply(message("chat.negative_nothing", turn.language))], intent=Intent.NEGATIVE)
        offer = mentor_offer("chat.negative_offer", turn.language)
        self._repository.add_assistant_message(turn.conversation, offer.text, None, NEGATIVE_OFFER_MODE, [], True)
        return Outcome([offer], Decision.ESCALATE, intent=Intent.NEGATIVE)

    def ticket_button(self, action: str, turn: TurnState) -> list[Reply]:
        """The buttons under a mentor's answer: "ask more" (the next message reopens) or "got it" (close)."""
        prefix = MORE_PREFIX if action.startswith(MORE_PREFIX) else DONE_PREFIX
        ticket_id = action.removeprefix(prefix)
        ticket = self._tickets.get(int(ticket_id)) if ticket_id.isdigit() else None
        if ticket is None or ticket.user_id != turn.user_id:
            return [TextReply(message("ticket.unknown", turn.language))]
        if prefix == DONE_PREFIX:
            if ticket.status != TicketStatus.CLOSED:
                self._tickets.close(ticket.id, f"user:{turn.user_id}")
            return [TextReply(message("ticket.closed_by_user", turn.language, reference=ticket.reference))]
        prompt = message("ticket.ask_follow_up", turn.language, reference=ticket.reference)
        self._repository.add_assistant_message(turn.conversation, prompt, None, FOLLOW_UP_PROMPT_MODE, [], False)
        return [TextReply(prompt)]

    def escalate(self, turn: TurnState, question: str | None = None) -> list[Reply]:
        """Hand the question (``question``, or the user's latest one) to the mentors as a ticket."""
        recent = self._repository.recent_messages(turn.conversation, self._options.history_turns)
        turns = [Turn(m.role, m.text) for m in recent]
        if question is None:
            asked = [t.text for t in turns if t.role == "user" and _is_question(t.text)]
            question = asked[-1] if asked else None
        if question is None:
            return [TextReply(message("chat.nothing_to_escalate", turn.language))]
        passages = self._retriever.retrieve(question, k=self._options.passages).passages
        context = TicketContext.of(turns, passages, received_for(recent, question))
        ticket, created = self._tickets.create_or_attach(
            turn.user_id, turn.conversation, question, context, routing_tags(passages), chat_id=turn.chat_id
        )
        if created:
            count_escalation(turn.channel)
            text = message(
                "ticket.escalated", turn.language, reference=ticket.reference, hours=self._options.answer_within_hours
            )
        else:
            text = message("ticket.attached", turn.language, reference=ticket.reference)
        self._repository.add_assistant_message(turn.conversation, text, None, "ticket", [], True)
        # Who is asking, for the mentors: the business name, asked once after a first ticket.
        ask: list[Reply] = self._business.ask_once(turn) if created and self._business is not None else []
        return [EscalationNotice(text, ticket.reference), *ask]

    def _ticket_named_in(self, text: str, user_id: int) -> TicketRecord | None:
        number = find_ticket_number(text)
        return None if number is None else self._ticket_of_user(number, user_id)

    def _ticket_of_user(self, number: int, user_id: int) -> TicketRecord | None:
        ticket = self._tickets.by_number(number)
        return ticket if ticket is not None and ticket.user_id == user_id else None


def _is_question(stored: str) -> bool:
    """Whether a stored user message was a question (not a greeting, a request for a person, feedback...)."""
    # Stored messages were normalised when they arrived; they are folded here only to be matched.
    return detect(thai.fold_for_matching(stored)) is Intent.QUESTION


def routing_tags(passages: Sequence[Passage], limit: int = 8) -> list[str]:
    """Tags for routing a ticket to the right mentors: ``module:3``, ``week:3`` and the topics of the top passages."""
    tags: list[str] = []
    for passage in passages[:3]:
        chunk = passage.chunk
        if chunk.module is not None:
            tags.append(f"module:{chunk.module}")
        if chunk.week is not None:
            tags.append(f"week:{chunk.week}")
        tags.extend(chunk.topics)
    return list(dict.fromkeys(tags))[:limit]


_COURSE_MODES = frozenset({"extractive", "llm"})
_ANSWERED_WITHOUT_TIER = frozenset({"calculation", "schedule", "out_of_scope", "refusal", "clarify"})
"""Stored reply kinds (``messages.mode``) that are not course answers but still what the SME was told."""


def received_for(messages: Sequence[MessageRecord], question: str) -> TicketAttempt | None:
    """Exactly what the SME received in reply to ``question``: the stored reply with its tier, sources, confidence.

    ``None`` when nothing answered it (the question went straight to the mentors, or only a
    mentor offer or notice followed it): the console then says the SME got no answer.
    """
    # The latest time it was asked: the same words asked twice got the later reply last.
    for index in range(len(messages) - 1, -1, -1):
        stored = messages[index]
        if stored.role != "user" or stored.text != question:
            continue
        following = messages[index + 1] if index + 1 < len(messages) else None
        if following is None or following.role != "assistant":
            return None
        if following.mode not in _COURSE_MODES and following.mode not in _ANSWERED_WITHOUT_TIER:
            return None
        return TicketAttempt(
            following.text,
            confidence=following.confidence,
            supported=None if following.coverage is None else following.coverage != "not_covered",
            mode=following.mode,
            citations=following.citations,
            coverage=following.coverage,
        )
    return None
