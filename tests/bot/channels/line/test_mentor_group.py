"""The LINE mentor group: signed webhooks in over HTTP, replies at the LINE stand-in, tickets in SQLite and PostgreSQL."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bot.app.composition import build_engine
from bot.app.server.app import create_app
from bot.channels.line import LineChannel
from bot.mentoring import MentorGroups, MentorRecord, MentorRegistry, Outbox, TicketRecord, TicketService
from bot.mentoring.desk import MentorDesk
from bot.settings import Settings
from bot.storage import ConversationRepository, ProcessedEvents, open_database
from knowledge.embedders import Embedder
from knowledge.sync import sync_folders
from tests.bot.channels.line.conftest import SECRET, TOKEN, USER_ID, LineBot, payload
from tests.bot.storage.conftest import database_url  # noqa: F401  (SQLite and PostgreSQL)
from tests.consent import consent
from tests.line_stand_in import REPLY, LineStandIn
from tests.server_thread import serve

pytestmark = pytest.mark.slow  # the whole app over HTTP with platform stand-ins: seconds a test

MENTOR_GROUP = "C" + "d" * 32
MENTOR_ID = "U" + "6" * 32
OUTSIDER_ID = "U" + "7" * 32
SME_TELEGRAM_ID = "555000111"
QUESTION = "ขอตัวอย่างแผนลดคาร์บอนสำหรับร้านอาหารขนาดเล็ก"
ANSWER = "เริ่มจากเปลี่ยนหลอดไฟเป็น LED และตั้งเวลาเปิดปิดตู้แช่ครับ ลดค่าไฟได้ราว 15%"
REFUSAL = "ขออภัยครับ เฉพาะพี่เลี้ยงที่ลงทะเบียนแล้วเท่านั้น"


@dataclass
class MentorLine:
    """The LINE bot with a mentor group, and the storage behind it."""

    bot: LineBot
    tickets: TicketService
    mentors: MentorRegistry
    outbox: Outbox
    repository: ConversationRepository

    def ticket(self, question: str = QUESTION) -> TicketRecord:
        """A new ticket from an SME on Telegram."""
        user = self.repository.touch_user("telegram", SME_TELEGRAM_ID, "สมชาย ใจดี")
        ticket, _ = self.tickets.create_or_attach(
            user.id, None, question, {"turns": [], "passages": [], "attempt": None}
        )
        return ticket

    def say(self, text: str, user_id: str = MENTOR_ID, group: str | None = MENTOR_GROUP) -> dict[str, Any]:
        """Webhook: ``user_id`` wrote ``text`` in the mentor group (or, with ``group=None``, in a 1:1 chat)."""
        body = payload("text_group_plain" if group else "text_private", event_id=str(uuid.uuid4()), text=text)
        event = body["events"][0]
        event["replyToken"] = uuid.uuid4().hex
        event["source"] = (
            {"type": "group", "groupId": group, "userId": user_id} if group else {"type": "user", "userId": user_id}
        )
        assert self.bot.post(body).status_code == 200
        return body

    def replies(self, count: int) -> list[str]:
        """Wait for ``count`` accepted replies or pushes; the text of each (joined per request)."""
        return ["\n".join(r.texts) for r in self.bot.answer(count)]


@pytest.fixture
def mentor_line(
    thai_folder: Path,
    tmp_path: Path,
    embedder: Embedder,
    line_api: LineStandIn,
    database_url: str,  # noqa: F811
) -> Iterator[MentorLine]:
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        data_dir=tmp_path / "data",
        line={"channel_secret": SECRET, "channel_access_token": TOKEN, "api_base_url": line_api.url},
    )
    sync_folders([thai_folder], settings.resolved_index_dir(), embedder)
    with open_database(database_url) as database:
        engine = build_engine(settings, embedder, database=database)
        consent(engine, "line", USER_ID)  # the SME of the 1:1 payload agreed to the privacy notice
        outbox = Outbox(database)
        tickets = TicketService(database, outbox, MentorGroups(line_group_id=MENTOR_GROUP))
        mentors = MentorRegistry(database)
        channel = LineChannel.from_settings(
            settings.line,
            engine,
            ProcessedEvents(database),
            retry_backoff_seconds=0.01,
            mentoring=MentorDesk(tickets, mentors),
            mentor_group_id=MENTOR_GROUP,
        )
        with serve(create_app([channel], ready=lambda: {})) as url:
            bot = LineBot(url, channel, line_api)
            yield MentorLine(bot, tickets, mentors, outbox, ConversationRepository(database))


@pytest.fixture
def mentor(mentor_line: MentorLine) -> MentorRecord:
    return mentor_line.mentors.add("อาจารย์ธนา", line_user_id=MENTOR_ID)


def test_a_mentor_answers_with_the_documented_command_and_the_answer_is_queued_for_the_telegram_sme(
    mentor_line: MentorLine, mentor: MentorRecord
) -> None:
    ticket = mentor_line.ticket()
    body = mentor_line.say(f"ตอบ T-0001 {ANSWER}")
    [reply] = mentor_line.bot.answer(1)
    assert reply.path == REPLY and reply.body["replyToken"] == body["events"][0]["replyToken"]
    assert reply.texts == ["บันทึกคำตอบ T-0001 แล้ว ระบบกำลังส่งถึงผู้ประกอบการ หากส่งไม่สำเร็จจะแจ้งให้ทราบ"]
    answered = mentor_line.tickets.get(ticket.id)
    assert answered is not None and answered.status == "answered" and answered.answer == ANSWER
    assert answered.assignee_mentor_id == mentor.id
    [row] = mentor_line.outbox.rows(ticket_id=ticket.id, purpose="mentor_answer")
    assert (row.channel, row.recipient, row.status) == ("telegram", SME_TELEGRAM_ID, "pending")


def test_a_non_mentor_is_refused_politely_logged_and_the_ticket_is_unchanged(
    mentor_line: MentorLine, mentor: MentorRecord, caplog: pytest.LogCaptureFixture
) -> None:
    ticket = mentor_line.ticket()
    history = mentor_line.tickets.events(ticket.id)
    with caplog.at_level(logging.WARNING, logger="bot.mentoring.desk"):
        mentor_line.say(f"ตอบ T-0001 {ANSWER}", user_id=OUTSIDER_ID)
        mentor_line.say("รับ T-0001", user_id=OUTSIDER_ID)
        replies = mentor_line.replies(2)
    assert all(r.startswith(REFUSAL) for r in replies)
    assert f"line user {OUTSIDER_ID} is not a registered mentor" in caplog.text
    assert mentor_line.tickets.get(ticket.id) == ticket and mentor_line.tickets.events(ticket.id) == history
    assert mentor_line.outbox.rows(purpose="mentor_answer") == []


def test_claim_close_and_the_short_and_slash_forms(mentor_line: MentorLine, mentor: MentorRecord) -> None:
    first = mentor_line.ticket()
    second = mentor_line.ticket("โรงงานของผมต้องทำรายงาน CBAM ไหมครับ")
    mentor_line.say("รับ T-0001")
    assert mentor_line.replies(1) == ["อาจารย์ธนา รับเรื่อง T-0001 แล้ว"]
    mentor_line.say("/answer T2 ถ้าส่งออกเหล็กหรืออะลูมิเนียมไปสหภาพยุโรปต้องรายงานครับ")
    assert mentor_line.replies(2)[1].startswith("บันทึกคำตอบ T-0002 แล้ว")
    mentor_line.say("ปิด T-0001")
    assert mentor_line.replies(3)[2] == "ปิดเรื่อง T-0001 แล้ว"
    mentor_line.say("ตอบ T-0001 เพิ่มเติมครับ")
    assert mentor_line.replies(4)[3] == "เรื่อง T-0001 ปิดไปแล้วครับ"
    mentor_line.say("ตอบ T-0001")
    assert "กรุณาพิมพ์คำตอบต่อท้ายเลขเรื่อง" in mentor_line.replies(5)[4]
    closed, answered = mentor_line.tickets.get(first.id), mentor_line.tickets.get(second.id)
    assert closed is not None and closed.status == "closed" and closed.answer is None
    assert answered is not None and answered.status == "answered" and answered.answer and "สหภาพยุโรป" in answered.answer


def test_other_chatter_in_the_mentor_group_is_ignored_silently(mentor_line: MentorLine, mentor: MentorRecord) -> None:
    ticket = mentor_line.ticket()
    for text in ("ประชุมพี่เลี้ยงวันศุกร์นี้นะครับ", "รับทราบครับ", "ถาม: ค่าการปล่อยก๊าซเรือนกระจกของไฟฟ้าเท่าไหร่"):
        mentor_line.say(text)
    sticker = payload("sticker", event_id=str(uuid.uuid4()))
    sticker["events"][0]["source"] = {"type": "group", "groupId": MENTOR_GROUP, "userId": MENTOR_ID}
    mentor_line.bot.post(sticker)
    mentor_line.bot.settle()
    assert mentor_line.bot.api.requests == []  # not answered, not even by the assistant
    assert mentor_line.tickets.get(ticket.id) == ticket


def test_the_bot_introduces_the_commands_when_it_joins_the_mentor_group(mentor_line: MentorLine) -> None:
    body = payload("join", event_id=str(uuid.uuid4()))
    body["events"][0]["source"]["groupId"] = MENTOR_GROUP
    mentor_line.bot.post(body)
    [intro] = mentor_line.replies(1)
    assert "กลุ่มพี่เลี้ยง" in intro and "ตอบ T-0042" in intro and "รับ T-0042" in intro


def test_a_redelivered_command_acts_once(mentor_line: MentorLine, mentor: MentorRecord) -> None:
    ticket = mentor_line.ticket()
    body = mentor_line.say(f"ตอบ T-0001 {ANSWER}")
    mentor_line.bot.answer(1)
    body["events"][0]["deliveryContext"]["isRedelivery"] = True
    assert mentor_line.bot.post(body).status_code == 200
    mentor_line.bot.settle()
    assert len(mentor_line.bot.api.sent()) == 1
    assert len(mentor_line.outbox.rows(ticket_id=ticket.id, purpose="mentor_answer")) == 1


def test_in_a_one_to_one_chat_only_slash_commands_are_mentor_commands(
    mentor_line: MentorLine, mentor: MentorRecord
) -> None:
    ticket = mentor_line.ticket()
    mentor_line.say("/claim T-0001", group=None)
    assert mentor_line.replies(1) == ["อาจารย์ธนา รับเรื่อง T-0001 แล้ว"]
    mentor_line.say("/close T-0001", user_id=USER_ID, group=None)  # an SME trying a mentor command
    assert mentor_line.replies(2)[1].startswith(REFUSAL)
    # An SME asking about their ticket in Thai reaches the assistant, not the mentor desk.
    mentor_line.say("ตอบ T-0001 หรือยังครับ", user_id=USER_ID, group=None)
    third = mentor_line.replies(3)[2]
    assert not third.startswith(REFUSAL) and "บันทึกคำตอบ" not in third
    claimed = mentor_line.tickets.get(ticket.id)
    assert claimed is not None and claimed.status == "claimed"
