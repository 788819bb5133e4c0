"""Open a ticket for a question the report found unanswered: the SME's own question, through the ticket path.

A staff member reading the dashboard picks a question as its user typed it; the ticket is made
as the hand-off makes it when the user presses "ส่งให้พี่เลี้ยง" (:mod:`bot.conversation.handoff`):
the conversation up to the question and the reply it got, the passages retrieval finds now, the
routing tags, and the user's channel, so that the mentor's answer reaches that SME through the
outbox like any other. A user who already has an open ticket for the same question gets no
second one (:meth:`~bot.mentoring.tickets.TicketService.create_or_attach` attaches it).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import func, select

from bot.conversation.handoff import received_for, routing_tags
from bot.mentoring.tickets import TicketContext, TicketRecord, TicketService
from bot.storage import ConversationRepository
from bot.storage.database import Database
from bot.storage.models import Conversation, Message
from bot.types import Turn
from knowledge.retriever import HybridRetriever

logger = logging.getLogger(__name__)


class QuestionGoneError(LookupError):
    """The answer or its question is no longer stored (erased by the user, or past retention)."""


@dataclass(frozen=True)
class OpenedTicket:
    """The ticket that now carries the question; ``created`` is false when it joined the user's open one."""

    ticket: TicketRecord
    created: bool


class TicketOpener:
    """Makes tickets for stored questions, named by the answer they got (the report's ``example_answers``)."""

    def __init__(
        self,
        database: Database,
        tickets: TicketService,
        retriever: HybridRetriever | None,
        history_turns: int = 6,
        passages: int = 5,
    ) -> None:
        self._database = database
        self._tickets = tickets
        self._retriever = retriever
        self._repository = ConversationRepository(database)
        self._history_turns = history_turns
        self._passages = passages

    def open(self, answer_id: int) -> OpenedTicket:
        """A ticket for the question that answer ``answer_id`` replied to; :class:`QuestionGoneError` if it is gone."""
        found = self._question_of(answer_id)
        if found is None:
            raise QuestionGoneError(f"no stored question answered by message {answer_id}")
        user_id, conversation_id, question_id = found
        stored = self._repository.messages_through(question_id, self._history_turns)
        question = next(m.text for m in stored if m.id == question_id)
        passages = self._retriever.retrieve(question, k=self._passages).passages if self._retriever else []
        context = TicketContext.of([Turn(m.role, m.text) for m in stored], passages, received_for(stored, question))
        # A private chat: the SME's platform id is where the answer goes (chat_id only for group chats).
        ticket, created = self._tickets.create_or_attach(
            user_id, conversation_id, question, context, routing_tags(passages)
        )
        logger.info(
            "dashboard: question of answer %s %s %s", answer_id, "opened as" if created else "joined", ticket.reference
        )
        return OpenedTicket(ticket, created)

    def _question_of(self, answer_id: int) -> tuple[int, int, int] | None:
        """(user, conversation, question message) of the assistant message ``answer_id``."""
        with self._database.session() as session:
            answer = session.execute(
                select(Message.conversation_id, Conversation.user_id)
                .join(Conversation, Conversation.id == Message.conversation_id)
                .where(Message.id == answer_id, Message.role == "assistant")
            ).first()
            if answer is None:
                return None
            conversation_id, user_id = answer
            question_id = session.scalar(
                select(func.max(Message.id)).where(
                    Message.conversation_id == conversation_id, Message.role == "user", Message.id < answer_id
                )
            )
        return None if question_id is None else (user_id, conversation_id, question_id)
