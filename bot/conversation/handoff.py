"""The hand-off to mentors: a ticket through :class:`bot.mentoring.TicketService`, its status and follow-ups.

A question goes to the mentors when the user:

- accepts the offer (``escalate:yes``), asks for a person ("ขอคุยกับพี่เลี้ยง", ``/mentor``), or
- gives negative feedback twice in a row after an answer: the first "ไม่ตรง/ไม่ใช่/ไม่ช่วย"
  gets an apology and the offer; a second one right after it hands the question over.

A question already with the mentors is never handed over twice: asking for a mentor (or
pressing the offer again) while that question's ticket is open offers two choices instead,
"add a new question to T-0042" and "where is T-0042"; a bare request with nothing new asked
gets the same offer for the user's open ticket. The offer button "ส่งให้พี่เลี้ยง" carries the
question it was shown under (:mod:`bot.buttons`): pressed after a later question, it hands over
its own question, with the history up to that question's answer.

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
from bot.conversation.replies import mentor_offer, notice, open_ticket_offer
from bot.conversation.turn import Outcome, TurnState
from bot.i18n import message
from bot.mentoring.numbers import find_ticket_number
from bot.mentoring.tickets import (
    ACTIVE_STATUSES,
    DONE_PREFIX,
    MENTOR_MODE,
    MORE_PREFIX,
    TicketAttempt,
    TicketContext,
    TicketRecord,
    TicketService,
    TicketStatus,
)
from bot.mentoring.tickets.duplicates import SameQuestion
from bot.observability.metrics import count_escalation
from bot.storage import ConversationRepository, MessageRecord
from bot.types import EscalationNotice, Reply, TextReply, Turn
from ingestion import thai
from knowledge.passages import Passage
from knowledge.retriever import HybridRetriever

NEGATIVE_OFFER_MODE = "negative_offer"
"""``messages.mode`` of the apology-and-offer after a first negative feedback."""
FOLLOW_UP_PROMPT_MODE = "ticket_prompt"
"""``messages.mode`` of "type what is still unclear about T-0042" (after "ask more", or "add a new question")."""
OPEN_TICKET_MODE = "ticket_offer"
"""``messages.mode`` of the open-ticket offer (add a new question to it, or see its status)."""
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
        if own is not None:
            return self.escalate(turn, own)
        active = [t for t in self._tickets.open_tickets_of_user(turn.user_id) if t.status in ACTIVE_STATUSES]
        if not active:
            return self.escalate(turn)
        # A bare request with a ticket open: ask rather than guess. The latest question is offered as a
        # new ticket only when it is not already with the mentors; nothing is copied either way.
        latest = self._latest_question(turn)
        holding = self._open_ticket_asking(turn.user_id, latest.text) if latest is not None else None
        new_turn = latest.id if latest is not None and holding is None else None
        return self._offer_open(turn, holding or active[-1], new_turn)

    def status(self, turn: TurnState) -> list[Reply]:
        """The user's tickets that are not closed, each with its state in plain words."""
        tickets = self._tickets.open_tickets_of_user(turn.user_id)
        if not tickets:
            return [TextReply(message("ticket.status_none", turn.language))]
        lines = [message("ticket.status_header", turn.language)]
        lines.extend(_status_line(ticket, turn.language) for ticket in tickets[-5:])
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
        prompted = last is not None and last.mode == FOLLOW_UP_PROMPT_MODE
        if target is not None and target.status in ACTIVE_STATUSES and prompted:
            # "Add a new question to T-0042", then the question: added to the open ticket.
            return self._add_question(turn, target)
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
        latest = self._latest_question(turn)
        offer = mentor_offer("chat.negative_offer", turn.language, latest.id if latest is not None else None)
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

    def open_ticket_button(self, kind: str, ticket_id: int, turn: TurnState) -> list[Reply]:
        """The open-ticket offer's buttons: ``add`` a new question to the ticket (the next message), or its status."""
        ticket = self._tickets.get(ticket_id)
        if ticket is None or ticket.user_id != turn.user_id:
            return [TextReply(message("ticket.unknown", turn.language))]
        if kind == "status":
            return [TextReply(_status_line(ticket, turn.language))]
        if ticket.status == TicketStatus.CLOSED:
            return [TextReply(message("ticket.add_closed", turn.language, reference=ticket.reference))]
        prompt = message("ticket.add_prompt", turn.language, reference=ticket.reference)
        self._repository.add_assistant_message(turn.conversation, prompt, None, FOLLOW_UP_PROMPT_MODE, [], False)
        return [TextReply(prompt)]

    def escalate_turn(self, turn: TurnState, message_id: int) -> list[Reply]:
        """The offer under question ``message_id`` was pressed: hand over that question, whatever came after it."""
        own = self._repository.own_message(message_id, turn.user_id)
        if own is None:
            return [notice("button.expired", turn.language)]
        stored = self._repository.messages_through(message_id, self._options.history_turns)
        return self._hand_over(turn, own.text, stored)

    def escalate(self, turn: TurnState, question: str | None = None) -> list[Reply]:
        """Hand the question (``question``, or the user's latest one) to the mentors as a ticket."""
        recent = self._repository.recent_messages(turn.conversation, self._options.history_turns)
        if question is None:
            latest = self._latest_question(turn)
            question = latest.text if latest is not None else None
        if question is None:
            return [TextReply(message("chat.nothing_to_escalate", turn.language))]
        return self._hand_over(turn, question, recent)

    def _hand_over(self, turn: TurnState, question: str, stored: list[MessageRecord]) -> list[Reply]:
        """A ticket for ``question`` (``stored``: its history as stored), or the offer when it is already
        with the mentors. The ticket records what the SME received in reply to it (:func:`received_for`)."""
        holding = self._open_ticket_asking(turn.user_id, question)
        if holding is not None:
            return self._offer_open(turn, holding)
        passages = self._retriever.retrieve(question, k=self._options.passages).passages
        turns = [Turn(m.role, m.text) for m in stored]
        context = TicketContext.of(turns, passages, received_for(stored, question))
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

    def _latest_question(self, turn: TurnState) -> MessageRecord | None:
        """The user's latest question among the recent messages (not a greeting, request for a person...)."""
        recent = self._repository.recent_user_messages(turn.conversation, self._options.history_turns)
        asked = [m for m in recent if _is_question(m.text)]
        return asked[-1] if asked else None

    def _open_ticket_asking(self, user_id: int, question: str) -> TicketRecord | None:
        """The user's open (or claimed) ticket that already has ``question``, as its question or an added one."""
        same = SameQuestion(question)
        for ticket in reversed(self._tickets.open_tickets_of_user(user_id)):
            if ticket.status not in ACTIVE_STATUSES:
                continue
            asked = [ticket.question, *(f.text for f in ticket.context.follow_ups)]
            if any(same.matches(text, recent=True) for text in asked):
                return ticket
        return None

    def _offer_open(self, turn: TurnState, ticket: TicketRecord, new_turn: int | None = None) -> list[Reply]:
        """``ticket`` is open: offer to add a new question to it, or its status (and, when ``new_turn`` is a
        question not with the mentors yet, to send that one as a new ticket)."""
        offer = open_ticket_offer(ticket.reference, ticket.question, ticket.id, turn.language, new_turn)
        self._repository.add_assistant_message(turn.conversation, offer.text, None, OPEN_TICKET_MODE, [], False)
        return [offer]

    def _add_question(self, turn: TurnState, ticket: TicketRecord) -> list[Reply] | None:
        """The message after "add a new question to T-0042": added to that open ticket."""
        added = self._tickets.add_question(turn.user_id, ticket.id, turn.text)
        if added is None:
            return None  # closed or answered meanwhile: a new question
        self._repository.add_user_message(turn.conversation, turn.text)
        reply = message("ticket.question_added", turn.language, reference=added.reference)
        self._repository.add_assistant_message(turn.conversation, reply, None, "ticket", [], True)
        return [EscalationNotice(reply, added.reference)]

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


def _status_line(ticket: TicketRecord, language: str) -> str:
    """One ticket's state in plain words, with its question (shortened)."""
    status = message(f"ticket.status.{ticket.status}", language, mentor=ticket.assignee_name or "")
    question = ticket.question if len(ticket.question) <= 80 else ticket.question[:79] + "…"
    return message("ticket.status_line", language, reference=ticket.reference, status=status, question=question)


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
