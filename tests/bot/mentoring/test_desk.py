"""Mentor actions from chat channels: only registered mentors act, everyone else is refused and logged."""

from __future__ import annotations

import logging

import pytest

from bot.mentoring import MentorRegistry, Outbox, TicketRecord, TicketService
from bot.mentoring.desk import MentorDesk
from bot.storage import ConversationRepository

QUESTION = "ขอสูตรคำนวณคาร์บอนจากน้ำมันดีเซลของรถขนส่ง"
CONTEXT = {"turns": [], "passages": [], "attempt": None}
SME_LINE_ID = "U" + "3" * 32
MENTOR_LINE_ID = "U" + "4" * 32


@pytest.fixture
def desk(tickets: TicketService, mentors: MentorRegistry) -> MentorDesk:
    return MentorDesk(tickets, mentors)


@pytest.fixture
def ticket(tickets: TicketService, repository: ConversationRepository) -> TicketRecord:
    user = repository.touch_user("line", SME_LINE_ID, "คุณมาลี")
    created, _ = tickets.create_or_attach(user.id, None, QUESTION, CONTEXT)
    return created


def test_a_mentor_answers_by_number_and_the_answer_is_queued_for_the_sme(
    desk: MentorDesk, mentors: MentorRegistry, tickets: TicketService, outbox: Outbox, ticket: TicketRecord
) -> None:
    mentor = mentors.add("อาจารย์ธนา", line_user_id=MENTOR_LINE_ID)
    outcome = desk.act("line", MENTOR_LINE_ID, "answer", number=ticket.number, answer="ใช้ 2.7446 kgCO2e ต่อลิตร")
    assert outcome.ok and outcome.ticket is not None and outcome.ticket.status == "answered"
    assert outcome.message == "บันทึกคำตอบ T-0001 แล้ว ระบบกำลังส่งถึงผู้ประกอบการ หากส่งไม่สำเร็จจะแจ้งให้ทราบ"
    [row] = outbox.rows(ticket_id=ticket.id, purpose="mentor_answer")
    assert row.channel == "line" and row.recipient == SME_LINE_ID
    assert tickets.events(ticket.id)[-1].actor == f"mentor:{mentor.id}"


def test_a_non_mentor_is_refused_logged_and_nothing_changes(
    desk: MentorDesk, tickets: TicketService, outbox: Outbox, ticket: TicketRecord, caplog: pytest.LogCaptureFixture
) -> None:
    before = tickets.events(ticket.id)
    with caplog.at_level(logging.WARNING, logger="bot.mentoring.desk"):
        for action in ("claim", "answer", "close"):
            outcome = desk.act("telegram", "424242", action, number=ticket.number, answer="ผมตอบเอง")  # type: ignore[arg-type]
            assert outcome.refused == "not_mentor" and outcome.ticket is None
            assert outcome.message.startswith("ขออภัยครับ เฉพาะพี่เลี้ยงที่ลงทะเบียนแล้ว")
    assert [r.message for r in caplog.records].count(
        "refused claim on T-0001: telegram user 424242 is not a registered mentor"
    ) == 1
    assert len(caplog.records) == 3
    assert tickets.get(ticket.id) == ticket and tickets.events(ticket.id) == before
    assert outbox.rows(purpose="mentor_answer") == []


def test_a_mentor_of_one_platform_is_not_a_mentor_by_the_same_id_on_another(
    desk: MentorDesk, mentors: MentorRegistry, ticket: TicketRecord
) -> None:
    mentors.add("อาจารย์ธนา", telegram_user_id="777")
    assert desk.act("line", "777", "claim", number=ticket.number).refused == "not_mentor"
    assert desk.act("telegram", "777", "claim", number=ticket.number).ok


def test_refusals_explain_the_ticket_state_in_thai(
    desk: MentorDesk, mentors: MentorRegistry, ticket: TicketRecord
) -> None:
    mentors.add("อาจารย์ธนา", telegram_user_id="1")
    mentors.add("คุณวิภา", telegram_user_id="2")
    assert desk.act("telegram", "1", "claim", ticket_id=ticket.id).message == "อาจารย์ธนา รับเรื่อง T-0001 แล้ว"
    taken = desk.act("telegram", "2", "answer", ticket_id=ticket.id, answer="คำตอบ")
    assert taken.refused == "state" and taken.message == "เรื่อง T-0001 มี อาจารย์ธนา รับไปแล้วครับ"
    assert desk.act("telegram", "2", "claim", number=99).message == "ไม่พบเรื่อง T-0099 ครับ"
    empty = desk.act("telegram", "1", "answer", ticket_id=ticket.id, answer="  ")
    assert empty.refused == "empty" and "ตอบ T-0001" in empty.message
    assert desk.act("telegram", "1", "close", ticket_id=ticket.id).message == "ปิดเรื่อง T-0001 แล้ว"
    closed = desk.act("telegram", "1", "answer", ticket_id=ticket.id, answer="สายไป")
    assert closed.refused == "state" and closed.message == "เรื่อง T-0001 ปิดไปแล้วครับ"


def test_a_removed_mentor_is_refused(desk: MentorDesk, mentors: MentorRegistry, ticket: TicketRecord) -> None:
    mentor = mentors.add("อาจารย์ธนา", telegram_user_id="1")
    mentors.remove(mentor.id)
    assert desk.act("telegram", "1", "claim", ticket_id=ticket.id).refused == "not_mentor"
