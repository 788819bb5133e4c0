"""A ticket's life: created and posted, duplicates attached, claimed, answered (answer queued), reopened, closed."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from bot.mentoring import (
    DONE_PREFIX,
    MORE_PREFIX,
    MentorRegistry,
    NotAMentorError,
    Outbox,
    TicketContext,
    TicketService,
    TicketStateError,
)
from bot.storage import ConversationRepository, Database
from bot.types import QuickReplies, TextReply, Turn
from tests.bot.mentoring.conftest import GROUP_CHAT, LINE_GROUP

QUESTION = "ร้านกาแฟของผมขายไฟโซลาร์ส่วนเกินคืนการไฟฟ้าได้ไหม"
CONTEXT = TicketContext(turns=(Turn(role="user", text=QUESTION),))


def _sme(repository: ConversationRepository, channel: str = "line", uid: str = "U" + "1" * 32) -> tuple[int, int]:
    user = repository.touch_user(channel, uid, "คุณสมชาย")
    return user.id, repository.active_conversation(user.id)


def test_a_new_ticket_is_numbered_audited_and_posted_to_both_groups(
    tickets: TicketService, outbox: Outbox, repository: ConversationRepository
) -> None:
    user, conversation = _sme(repository)
    ticket, created = tickets.create_or_attach(user, conversation, QUESTION, CONTEXT, ["โซลาร์", "module:4"])
    assert created and ticket.number == 1 and ticket.reference == "T-0001"
    assert ticket.status == "open" and ticket.channel == "line" and ticket.display_name == "คุณสมชาย"
    assert ticket.tags == ("โซลาร์", "module:4") and ticket.context.turns[0].text == QUESTION
    posts = outbox.rows(ticket_id=ticket.id, purpose="ticket_post")
    assert {(p.channel, p.recipient) for p in posts} == {("telegram", str(GROUP_CHAT)), ("line", LINE_GROUP)}
    assert all("T-0001" in p.replies[0].text and QUESTION in p.replies[0].text for p in posts)  # type: ignore[union-attr]
    assert [e.action for e in tickets.events(ticket.id)] == ["created"]
    second, _ = tickets.create_or_attach(user, conversation, "ต้องขออนุญาตติดตั้งโซลาร์ที่ไหน", CONTEXT)
    assert second.number == 2 and tickets.by_number(2) == second


def test_the_same_question_again_attaches_instead_of_a_second_ticket(
    tickets: TicketService, outbox: Outbox, repository: ConversationRepository
) -> None:
    user, conversation = _sme(repository)
    first, _ = tickets.create_or_attach(user, conversation, QUESTION, CONTEXT)
    # Same words, different spacing, Thai digits and a polite particle: still the same question.
    again, created = tickets.create_or_attach(user, conversation, f"  {QUESTION} ครับ", CONTEXT)
    assert not created and again.id == first.id
    assert again.context.follow_ups[0].text.strip().startswith("ร้านกาแฟ")
    assert [e.action for e in tickets.events(first.id)] == ["created", "attached"]
    assert len(outbox.rows(purpose="ticket_post")) == 2  # posted once, not again
    other, created = tickets.create_or_attach(user, conversation, "ขอสูตรคำนวณคาร์บอนจากน้ำมันดีเซล", CONTEXT)
    assert created and other.id != first.id
    stranger, _ = _sme(repository, uid="U" + "2" * 32)
    theirs, created = tickets.create_or_attach(stranger, None, QUESTION, CONTEXT)
    assert created and theirs.id not in (first.id, other.id)


def test_claim_answer_queues_the_answer_for_the_sme_in_the_same_change(
    tickets: TicketService, outbox: Outbox, mentors: MentorRegistry, repository: ConversationRepository
) -> None:
    user, conversation = _sme(repository)
    ticket, _ = tickets.create_or_attach(user, conversation, QUESTION, CONTEXT)
    mentor = mentors.add("พี่นก", telegram_user_id=111)
    claimed = tickets.claim(ticket.id, mentor.id)
    assert claimed.status == "claimed" and claimed.assignee_name == "พี่นก" and claimed.claimed_at is not None
    assert tickets.claim(ticket.id, mentor.id) == claimed  # claiming again is harmless
    answered = tickets.answer(ticket.id, mentor.id, "ขายคืนได้ผ่านโครงการโซลาร์ภาคประชาชนครับ")
    assert answered.status == "answered" and answered.answer == "ขายคืนได้ผ่านโครงการโซลาร์ภาคประชาชนครับ"
    [row] = outbox.rows(ticket_id=ticket.id, purpose="mentor_answer")
    assert (row.channel, row.recipient, row.status) == ("line", "U" + "1" * 32, "pending")
    [reply] = row.replies
    assert isinstance(reply, QuickReplies) and "โซลาร์ภาคประชาชน" in reply.text and "T-0001" in reply.text
    assert [o.action for o in reply.options] == [f"{MORE_PREFIX}{ticket.id}", f"{DONE_PREFIX}{ticket.id}"]
    actions = [(e.actor, e.action) for e in tickets.events(ticket.id)]
    assert actions == [("user:1", "created"), (f"mentor:{mentor.id}", "claimed"), (f"mentor:{mentor.id}", "answered")]
    closed = tickets.close(ticket.id, f"mentor:{mentor.id}")
    assert closed.status == "closed" and closed.closed_at is not None
    with pytest.raises(TicketStateError):
        tickets.answer(ticket.id, mentor.id, "อีกครั้ง")


def test_answering_an_open_ticket_claims_it_and_another_mentors_claim_is_respected(
    tickets: TicketService, mentors: MentorRegistry, repository: ConversationRepository
) -> None:
    user, conversation = _sme(repository)
    ticket, _ = tickets.create_or_attach(user, conversation, QUESTION, CONTEXT)
    first = mentors.add("พี่นก", line_user_id="U" + "a" * 32)
    second = mentors.add("พี่หมี", web_username="mee", password="รหัสผ่านยาว ๆ")
    tickets.claim(ticket.id, first.id)
    with pytest.raises(TicketStateError, match="claimed by พี่นก"):
        tickets.claim(ticket.id, second.id)
    with pytest.raises(TicketStateError):
        tickets.answer(ticket.id, second.id, "คำตอบ")
    released = tickets.release(ticket.id, first.id)
    assert released.status == "open" and released.assignee_mentor_id is None
    answered = tickets.answer(ticket.id, second.id, "คำตอบของพี่หมี")
    assert answered.assignee_name == "พี่หมี" and answered.status == "answered"
    assert [e.action for e in tickets.events(ticket.id)][-3:] == ["released", "claimed", "answered"]


def test_non_mentors_are_refused_and_logged(
    tickets: TicketService,
    mentors: MentorRegistry,
    repository: ConversationRepository,
    caplog: pytest.LogCaptureFixture,
) -> None:
    user, conversation = _sme(repository)
    ticket, _ = tickets.create_or_attach(user, conversation, QUESTION, CONTEXT)
    gone = mentors.add("อดีตพี่เลี้ยง", telegram_user_id=222)
    mentors.remove(gone.id)
    caplog.set_level(logging.WARNING)
    attempts: list[Callable[[], object]] = [
        lambda: tickets.claim(ticket.id, 999),
        lambda: tickets.answer(ticket.id, gone.id, "ตอบ"),
        lambda: tickets.close(ticket.id, "mentor:999"),
        lambda: tickets.close(ticket.id, "user:999"),
    ]
    for attempt in attempts:
        with pytest.raises(NotAMentorError):
            attempt()
    assert sum("not an active mentor" in r.getMessage() for r in caplog.records) == 3
    after = tickets.get(ticket.id)
    assert after is not None and after.status == "open" and [e.action for e in tickets.events(ticket.id)] == ["created"]


def test_a_follow_up_reopens_an_answered_ticket_only_within_the_window(
    database: Database, outbox: Outbox, mentors: MentorRegistry, repository: ConversationRepository
) -> None:
    now = [datetime(2026, 11, 26, 3, 0, tzinfo=UTC)]
    service = TicketService(database, outbox, follow_up_window=timedelta(hours=24), clock=lambda: now[0])
    user, conversation = _sme(repository, channel="telegram", uid="555")
    ticket, _ = service.create_or_attach(user, conversation, QUESTION, CONTEXT)
    mentor = mentors.add("พี่นก", telegram_user_id=111)
    assert service.reopen_on_follow_up(user, "ยังไม่เข้าใจ") is None  # not answered yet: nothing to reopen
    service.answer(ticket.id, mentor.id, "ได้ครับ")
    now[0] += timedelta(hours=2)
    reopened = service.reopen_on_follow_up(user, "ต้องใช้เอกสารอะไรบ้าง")
    assert reopened is not None and reopened.status == "open" and reopened.waiting_since == now[0]
    assert reopened.context.follow_ups[-1].text == "ต้องใช้เอกสารอะไรบ้าง"
    assert reopened.assignee_mentor_id == mentor.id  # the same mentor can pick it up again
    service.answer(ticket.id, mentor.id, "ใช้สำเนาบิลค่าไฟครับ")
    now[0] += timedelta(hours=25)
    assert service.reopen_on_follow_up(user, "อีกเรื่องหนึ่ง") is None
    assert [e.action for e in service.events(ticket.id)].count("reopened") == 1
    assert len(outbox.rows(ticket_id=ticket.id, purpose="mentor_answer")) == 2


def test_status_listing_and_queue_filters(
    tickets: TicketService, mentors: MentorRegistry, repository: ConversationRepository
) -> None:
    user, conversation = _sme(repository)
    a, _ = tickets.create_or_attach(user, conversation, QUESTION, CONTEXT, ["โซลาร์"])
    b, _ = tickets.create_or_attach(user, conversation, "คาร์บอนเครดิต T-VER ขายที่ไหน", CONTEXT, ["คาร์บอนเครดิต"])
    mentor = mentors.add("พี่นก", telegram_user_id=111)
    tickets.claim(b.id, mentor.id)
    assert [t.id for t in tickets.open_tickets_of_user(user)] == [a.id, b.id]
    assert [t.id for t in tickets.queue({"open"})] == [a.id]
    assert [t.id for t in tickets.queue(None, "คาร์บอนเครดิต")] == [b.id]
    tickets.close(a.id, f"user:{user}")
    assert [t.id for t in tickets.open_tickets_of_user(user)] == [b.id]


def test_posts_are_recorded_and_found_from_a_reply(tickets: TicketService, repository: ConversationRepository) -> None:
    user, conversation = _sme(repository)
    ticket, _ = tickets.create_or_attach(user, conversation, QUESTION, CONTEXT)
    tickets.record_post(ticket.id, "telegram", {"chat_id": GROUP_CHAT, "message_id": 7})
    tickets.record_post(ticket.id, "line", {"group_id": LINE_GROUP})
    found = tickets.find_by_post("telegram", GROUP_CHAT, 7)
    assert found is not None and found.id == ticket.id and found.mentor_posts["line"] == {"group_id": LINE_GROUP}
    assert found.mentor_posts["telegram"] == {"chat_id": str(GROUP_CHAT), "message_id": "7"}
    assert tickets.find_by_post("telegram", str(GROUP_CHAT), "7") == found
    assert tickets.find_by_post("telegram", GROUP_CHAT, 8) is None
    assert tickets.find_by_post("telegram", -100999, 7) is None


def test_cli_tickets_keep_the_answer_without_delivery(
    tickets: TicketService, outbox: Outbox, mentors: MentorRegistry, repository: ConversationRepository
) -> None:
    user, conversation = _sme(repository, channel="cli", uid="local")
    ticket, _ = tickets.create_or_attach(user, conversation, QUESTION, CONTEXT)
    mentor = mentors.add("พี่นก", telegram_user_id=111)
    assert tickets.answer(ticket.id, mentor.id, "ตอบ").answer == "ตอบ"
    assert outbox.rows(purpose="mentor_answer") == []


def test_a_reminder_row_is_written_once(
    tickets: TicketService, outbox: Outbox, repository: ConversationRepository
) -> None:
    user, conversation = _sme(repository)
    ticket, _ = tickets.create_or_attach(user, conversation, QUESTION, CONTEXT)
    later = ticket.waiting_since + timedelta(minutes=31)
    assert tickets.mark_reminded(ticket.id, later) and not tickets.mark_reminded(ticket.id, later)
    reminders = outbox.rows(purpose="reminder")
    assert len(reminders) == 2 and isinstance(reminders[0].replies[0], TextReply)
    assert "31 นาที" in reminders[0].replies[0].text
