"""The one table of allowed moves, through the real ticket service on the database.

Every ``(status, action)`` pair either is in ``TRANSITIONS`` and does what the table says, or is
refused: with ``TicketStateError`` for a mentor's action, by changing nothing for a follow-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product

import pytest

from bot.mentoring import MentorRecord, MentorRegistry, TicketRecord, TicketService
from bot.mentoring.tickets import (
    TRANSITIONS,
    RefusalReason,
    TicketAction,
    TicketStateError,
    TicketStatus,
    offers,
    refusal,
    transition_for,
)
from bot.storage import ConversationRepository
from bot.storage.models import TICKET_STATUSES

QUESTION = "โรงงานขนาดเล็กต้องรายงานคาร์บอนฟุตพรินต์ขององค์กรทุกปีไหมครับ"
ALLOWED = sorted(TRANSITIONS)
REFUSED = sorted(pair for pair in product(TicketStatus, TicketAction) if pair not in TRANSITIONS)


@dataclass
class Desk:
    """A ticket service, its SME and two mentors: the assignee of every ticket here, and another."""

    tickets: TicketService
    sme: int
    mentor: MentorRecord
    other: MentorRecord

    def ticket_in(self, status: TicketStatus) -> TicketRecord:
        """A new ticket brought to ``status`` the way people do it (the mentor claims, answers, closes)."""
        ticket, _ = self.tickets.create_or_attach(self.sme, None, f"{QUESTION} ({len(self.tickets.queue())})", {})
        if status is TicketStatus.CLAIMED:
            ticket = self.tickets.claim(ticket.id, self.mentor.id)
        elif status is TicketStatus.ANSWERED:
            ticket = self.tickets.answer(ticket.id, self.mentor.id, "ไม่บังคับครับ แต่ผู้ซื้อรายใหญ่เริ่มขอแล้ว")
        elif status is TicketStatus.CLOSED:
            ticket = self.tickets.close(ticket.id, self.mentor.actor)
        assert ticket.status is status
        return ticket

    def act(self, ticket: TicketRecord, action: TicketAction, mentor: MentorRecord) -> TicketRecord | None:
        """Do ``action`` through the service (a reopen is the SME's follow-up; ``None`` when nothing reopened)."""
        if action is TicketAction.CLAIM:
            return self.tickets.claim(ticket.id, mentor.id)
        if action is TicketAction.RELEASE:
            return self.tickets.release(ticket.id, mentor.id)
        if action is TicketAction.ANSWER:
            return self.tickets.answer(ticket.id, mentor.id, "ตอบเพิ่มเติมครับ")
        if action is TicketAction.CLOSE:
            return self.tickets.close(ticket.id, mentor.actor)
        return self.tickets.reopen_on_follow_up(self.sme, "ถ้าเป็นร้านค้าปลีกล่ะครับ", ticket.id)


@pytest.fixture
def desk(tickets: TicketService, mentors: MentorRegistry, repository: ConversationRepository) -> Desk:
    sme = repository.touch_user("line", "U" + "5" * 32, "คุณวิไล โรงงานขนม")
    mentor = mentors.add("พี่นก", telegram_user_id=111)
    other = mentors.add("พี่หมี", telegram_user_id=222)
    return Desk(tickets, sme.id, mentor, other)


def test_the_statuses_are_the_ones_the_database_accepts() -> None:
    assert [status.value for status in TicketStatus] == list(TICKET_STATUSES)


@pytest.mark.parametrize(("status", "action"), ALLOWED, ids=lambda v: str(v))
def test_every_allowed_move_does_what_the_table_says(desk: Desk, status: TicketStatus, action: TicketAction) -> None:
    ticket = desk.ticket_in(status)
    trail = desk.tickets.events(ticket.id)
    rule = TRANSITIONS[(status, action)]

    moved = desk.act(ticket, action, desk.mentor)

    assert moved is not None and moved.status is rule.to
    stored = desk.tickets.get(ticket.id)
    assert stored is not None and stored.status is rule.to
    if rule.repeat:  # already there: nothing changes and nothing is recorded
        assert moved == ticket and desk.tickets.events(ticket.id) == trail
    else:
        assert len(desk.tickets.events(ticket.id)) > len(trail)


@pytest.mark.parametrize(("status", "action"), REFUSED, ids=lambda v: str(v))
def test_every_other_move_is_refused_and_changes_nothing(
    desk: Desk, status: TicketStatus, action: TicketAction
) -> None:
    ticket = desk.ticket_in(status)
    trail = desk.tickets.events(ticket.id)
    if action is TicketAction.REOPEN:
        assert desk.act(ticket, action, desk.mentor) is None  # the SME's message is then a new question
    else:
        with pytest.raises(TicketStateError, match=f"cannot {action} {ticket.reference}: it is {status}"):
            desk.act(ticket, action, desk.mentor)
    assert desk.tickets.get(ticket.id) == ticket and desk.tickets.events(ticket.id) == trail


def test_answering_a_closed_ticket_is_refused(desk: Desk) -> None:
    closed = desk.ticket_in(TicketStatus.CLOSED)
    with pytest.raises(TicketStateError, match="it is closed"):
        desk.tickets.answer(closed.id, desk.mentor.id, "ตอบช้าไปหน่อยครับ")
    assert desk.tickets.outbox.rows(ticket_id=closed.id, purpose="mentor_answer") == []


@pytest.mark.parametrize(
    ("status", "action"), sorted(pair for pair, rule in TRANSITIONS.items() if rule.assignee_only), ids=str
)
def test_moves_kept_for_the_assignee_are_refused_to_another_mentor(
    desk: Desk, status: TicketStatus, action: TicketAction
) -> None:
    ticket = desk.ticket_in(status)
    with pytest.raises(TicketStateError, match="by พี่นก"):
        desk.act(ticket, action, desk.other)
    assert desk.tickets.get(ticket.id) == ticket


def test_another_mentor_may_take_a_reopened_ticket_and_anyone_may_close(desk: Desk) -> None:
    ticket = desk.ticket_in(TicketStatus.ANSWERED)
    reopened = desk.act(ticket, TicketAction.REOPEN, desk.mentor)
    assert reopened is not None and reopened.status is TicketStatus.OPEN
    answered = desk.act(reopened, TicketAction.ANSWER, desk.other)
    assert answered is not None and answered.assignee_name == "พี่หมี"
    claimed = desk.ticket_in(TicketStatus.CLAIMED)
    closed = desk.act(claimed, TicketAction.CLOSE, desk.other)
    assert closed is not None and closed.status is TicketStatus.CLOSED


def test_the_rules_say_why_and_what_to_offer(desk: Desk) -> None:
    claimed = desk.ticket_in(TicketStatus.CLAIMED)
    assert refusal(claimed, desk.mentor.id, TicketAction.ANSWER) is None
    assert refusal(claimed, desk.other.id, TicketAction.ANSWER) is RefusalReason.TAKEN
    assert refusal(claimed, desk.mentor.id, TicketAction.REOPEN) is RefusalReason.STATE
    assert refusal(desk.ticket_in(TicketStatus.CLOSED), desk.mentor.id, TicketAction.ANSWER) is RefusalReason.CLOSED
    # Claiming one's own ticket again is allowed (harmless) but not worth a button.
    assert transition_for(claimed, desk.mentor.id, TicketAction.CLAIM) is not None
    assert not offers(claimed, desk.mentor.id, TicketAction.CLAIM)
    assert offers(claimed, desk.mentor.id, TicketAction.RELEASE) and not offers(claimed, None, TicketAction.RELEASE)
