"""The engine hands questions to mentors: offer accepted, a request for a person, repeated "ไม่ตรง";
status in plain Thai; follow-ups reopen an answered ticket only when they clearly continue it."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.app.composition import build_engine
from bot.buttons import ButtonPayload
from bot.conversation.engine import ACCEPT_ESCALATION, ConversationEngine, Outcome
from bot.mentoring import DONE_PREFIX, MORE_PREFIX, MentorRegistry, TicketRecord
from bot.settings import MentoringSettings, Settings
from bot.storage import open_database
from bot.types import EscalationNotice, IncomingMessage, QuickReplies, TextReply
from knowledge.embedders import Embedder
from knowledge.sync import sync_folders
from tests.bot.mentoring.conftest import GROUP_CHAT
from tests.consent import consent

UNCOVERED = "ราคาแผงโซลาร์ยี่ห้อจินโกวัตต์ละเท่าไหร่ครับ"
COVERED = "ค่าการปล่อยก๊าซเรือนกระจกของไฟฟ้าเท่าไหร่ครับ"


@pytest.fixture
def engine(thai_folder: Path, tmp_path: Path, embedder: Embedder, database_url: str) -> ConversationEngine:
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        data_dir=tmp_path / "data",
        database_url=database_url,
        mentoring=MentoringSettings(telegram_group_chat_id=GROUP_CHAT),  # type: ignore[call-arg]
    )
    sync_folders([thai_folder], settings.resolved_index_dir(), embedder)
    engine = build_engine(settings, embedder)
    consent(engine, "line", "U1", "U2")
    return engine


@pytest.fixture
def mentor_id(engine: ConversationEngine, database_url: str) -> int:
    with open_database(database_url) as database:
        return MentorRegistry(database).add("พี่นก", telegram_user_id=111).id


def say(engine: ConversationEngine, text: str = "", action: str | None = None, user: str = "U1") -> Outcome:
    return engine.process(IncomingMessage(channel="line", user_id=user, text=text, action=action))


def only_ticket(engine: ConversationEngine) -> TicketRecord:
    [ticket] = engine.tickets.queue()
    return ticket


def test_accepting_the_offer_creates_a_routed_ticket_with_context(engine: ConversationEngine) -> None:
    say(engine, COVERED)
    say(engine, UNCOVERED)
    notice = say(engine, action=ACCEPT_ESCALATION).replies[0]
    assert isinstance(notice, EscalationNotice) and notice.reference == "T-0001"
    assert "T-0001" in notice.text and "24 ชั่วโมง" in notice.text and "พี่เลี้ยง" in notice.text
    ticket = only_ticket(engine)
    assert ticket.question == UNCOVERED and ticket.channel == "line" and ticket.platform_user_id == "U1"
    assert [t.text for t in ticket.context.turns if t.role == "user"] == [COVERED, UNCOVERED]
    assert ticket.context.passages, "mentors see what retrieval found"
    [post] = engine.tickets._outbox.rows(purpose="ticket_post")
    assert post.channel == "telegram" and post.recipient == str(GROUP_CHAT)


def test_tags_come_from_the_passages_module_week_and_topics(engine: ConversationEngine) -> None:
    say(engine, "ค่าไฟ 10,000 หน่วย คิดเป็นเงินกี่บาท ต้องจ่ายภาษีคาร์บอนไหม")
    say(engine, "ขอคุยกับพี่เลี้ยงครับ")
    ticket = only_ticket(engine)
    assert "module:3" in ticket.tags and "week:3" in ticket.tags and "ไฟฟ้า" in ticket.tags


def test_a_second_request_for_the_same_question_offers_the_open_ticket_and_copies_nothing(
    engine: ConversationEngine,
) -> None:
    say(engine, UNCOVERED)
    first = say(engine, action=ACCEPT_ESCALATION).replies[0]
    say(engine, UNCOVERED)
    again = say(engine, "ขอคุยกับพี่เลี้ยงหน่อย").replies[0]
    assert isinstance(first, EscalationNotice) and isinstance(again, QuickReplies)
    assert first.reference in again.text and [o.label for o in again.options] == ["เพิ่มคำถามใหม่", "ดูสถานะเรื่อง"]
    ticket = only_ticket(engine)
    assert ticket.context.follow_ups == ()
    assert [e.action for e in engine.tickets.events(ticket.id)] == ["created"]


def test_mentor_command_and_typed_request_with_a_question(engine: ConversationEngine) -> None:
    reply = say(engine, "/mentor").replies[0]
    assert isinstance(reply, TextReply) and "ยังไม่มีคำถาม" in reply.text  # nothing asked yet
    notice = say(engine, "ขอคุยกับพี่เลี้ยงเรื่องขายไฟโซลาร์ส่วนเกินคืนการไฟฟ้าได้ไหม").replies[0]
    assert isinstance(notice, EscalationNotice)
    assert "ขายไฟโซลาร์ส่วนเกิน" in only_ticket(engine).question


def test_two_negative_replies_in_a_row_after_an_answer_hand_over(engine: ConversationEngine) -> None:
    say(engine, COVERED)
    first = say(engine, "ไม่ตรงครับ").replies
    assert isinstance(first[0], QuickReplies)
    assert (pressed := ButtonPayload.decode(first[0].options[0].action)) and pressed.kind == ACCEPT_ESCALATION
    assert engine.tickets.queue() == []
    second = say(engine, "ไม่ใช่ค่ะ").replies[0]
    assert isinstance(second, EscalationNotice)
    ticket = only_ticket(engine)
    assert ticket.question == COVERED
    assert ticket.context.attempt is not None and "4,750" in ticket.context.attempt.text


def test_negative_feedback_is_not_counted_across_a_new_answer(engine: ConversationEngine) -> None:
    say(engine, COVERED)
    say(engine, "ไม่ตรง")
    say(engine, "โครงการ T-VER ดำเนินการโดยใคร")  # a new question answered in between
    reply = say(engine, "ไม่ตรง").replies[0]
    assert isinstance(reply, QuickReplies) and engine.tickets.queue() == []
    assert isinstance(say(engine, "ไม่ตรง", user="U2").replies[0], TextReply)  # nothing answered yet


def test_status_in_plain_thai(engine: ConversationEngine, mentor_id: int) -> None:
    assert "ยังไม่มีเรื่อง" in say(engine, "เรื่องที่ส่งไปถึงไหนแล้ว").replies[0].text  # type: ignore[union-attr]
    say(engine, UNCOVERED)
    say(engine, action=ACCEPT_ESCALATION)
    status = say(engine, "เรื่องที่ส่งไปถึงไหนแล้วครับ").replies[0]
    assert isinstance(status, TextReply) and "T-0001 รอพี่เลี้ยงรับเรื่อง" in status.text
    engine.tickets.claim(only_ticket(engine).id, mentor_id)
    assert "กำลังดูให้อยู่" in say(engine, "/status").replies[0].text  # type: ignore[union-attr]
    assert "พี่นก" in say(engine, "ticket status").replies[0].text  # type: ignore[union-attr]


def _answered(engine: ConversationEngine, mentor_id: int) -> TicketRecord:
    say(engine, UNCOVERED)
    say(engine, action=ACCEPT_ESCALATION)
    return engine.tickets.answer(only_ticket(engine).id, mentor_id, "คืนนี้ 3 ทุ่มครับ")


def test_a_follow_up_right_after_the_mentor_answer_reopens(engine: ConversationEngine, mentor_id: int) -> None:
    ticket = _answered(engine, mentor_id)
    reply = say(engine, "แล้วถ้าเลื่อนแข่งล่ะครับ").replies[0]
    assert isinstance(reply, EscalationNotice) and reply.reference == ticket.reference
    reopened = only_ticket(engine)
    assert reopened.status == "open" and reopened.context.follow_ups[-1].text == "แล้วถ้าเลื่อนแข่งล่ะครับ"


def test_a_new_question_after_the_answer_does_not_reopen(engine: ConversationEngine, mentor_id: int) -> None:
    _answered(engine, mentor_id)
    outcome = say(engine, COVERED)
    assert outcome.answer is not None and "4,750" in outcome.answer.text
    assert only_ticket(engine).status == "answered"
    say(engine, "แล้วถ้า 20,000 หน่วยล่ะ")  # continues the course answer, not the mentor's
    assert only_ticket(engine).status == "answered"


def test_the_ask_more_button_then_a_message_reopens_and_got_it_closes(
    engine: ConversationEngine, mentor_id: int
) -> None:
    ticket = _answered(engine, mentor_id)
    say(engine, COVERED)  # something in between: only the button (or the number) reopens now
    prompt = say(engine, action=f"{MORE_PREFIX}{ticket.id}").replies[0]
    assert isinstance(prompt, TextReply) and ticket.reference in prompt.text
    assert isinstance(say(engine, "ถ้าฝนตกจะแข่งไหม").replies[0], EscalationNotice)
    assert only_ticket(engine).status == "open"
    engine.tickets.answer(ticket.id, mentor_id, "แข่งตามปกติครับ")
    closed = say(engine, action=f"{DONE_PREFIX}{ticket.id}").replies[0]
    assert isinstance(closed, TextReply) and ticket.reference in closed.text
    assert only_ticket(engine).status == "closed"
    assert "ไม่พบ" in say(engine, action=f"{DONE_PREFIX}{ticket.id}", user="U2").replies[0].text  # type: ignore[union-attr]


def test_naming_the_ticket_reopens_it(engine: ConversationEngine, mentor_id: int) -> None:
    ticket = _answered(engine, mentor_id)
    say(engine, COVERED)
    reply = say(engine, f"เรื่อง {ticket.reference} ยังสงสัยว่าดูช่องไหน").replies[0]
    assert isinstance(reply, EscalationNotice) and only_ticket(engine).status == "open"
