"""The Telegram mentor group through the real server and the Bot API stand-in, on SQLite and PostgreSQL.

Tickets are posted the way the relay posts them (python-telegram-bot against the stand-in,
then ``TicketService.record_post``); mentors then reply, press buttons and type commands as
Telegram webhooks sent over HTTP to the app.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from telegram.ext import ExtBot

from bot.app.composition import build_engine
from bot.channels.telegram import TelegramChannel
from bot.channels.telegram.mentor_group import send_ticket_post
from bot.channels.telegram.sender import TelegramSender
from bot.mentoring import MentorGroups, MentorRecord, MentorRegistry, Outbox, TicketRecord, TicketService
from bot.mentoring.desk import MentorDesk
from bot.settings import Settings
from bot.storage import ConversationRepository, ProcessedEvents, open_database
from knowledge.embedders import Embedder
from knowledge.sync import sync_folders
from tests.bot.channels.telegram.conftest import CONSENTED_USERS, LiveServer, payload, press, telegram_settings
from tests.bot.storage.conftest import database_url  # noqa: F401  (SQLite and PostgreSQL)
from tests.consent import consent
from tests.telegram_stand_in import TOKEN, Recorded, TelegramStandIn

pytestmark = pytest.mark.slow  # the whole app over HTTP with platform stand-ins: seconds a test

GROUP = -1002233445566


async def post_once(api: TelegramStandIn, ticket: TicketRecord) -> dict[str, int]:
    """Post ``ticket`` to the group with a sender of its own, as the relay does; where it went."""
    sender = TelegramSender(ExtBot(TOKEN, base_url=api.url))
    await sender.open()
    try:
        report = await send_ticket_post(sender, GROUP, ticket)
    finally:
        await sender.close()
    assert report.complete
    return {"chat_id": GROUP, "message_id": report.message_ids[0]}


MENTOR = {"id": 900001, "is_bot": False, "first_name": "วิภา", "last_name": "ศรีสุข", "language_code": "th"}
OUTSIDER = {"id": 555000222, "is_bot": False, "first_name": "มาลี", "last_name": "รักษ์โลก", "language_code": "th"}
SME_LINE_ID = "U" + "5" * 32
QUESTION = "โรงงานน้ำแข็งของผมขอสินเชื่อสีเขียวจากธนาคารไหนได้บ้าง"
ANSWER = "ลองติดต่อ SME D Bank โครงการสินเชื่อเพื่อการปรับตัวสู่ความยั่งยืนครับ วงเงินสูงสุด 15 ล้านบาท"


@dataclass
class MentorBot:
    """The running server with a mentor group, and the storage behind it."""

    server: LiveServer
    api: TelegramStandIn
    tickets: TicketService
    mentors: MentorRegistry
    outbox: Outbox
    repository: ConversationRepository
    next_update: int = 840000001
    next_message: int = 3001
    posts: int = 0

    def said(self, count: int = 1) -> list[Recorded]:
        """Wait for ``count`` messages from the bot besides the ticket posts; all of them so far."""
        return self.api.wait_for("sendMessage", self.posts + count)[self.posts :]

    def ticket(self, question: str = QUESTION) -> TicketRecord:
        """A new ticket from an SME on LINE."""
        user = self.repository.touch_user("line", SME_LINE_ID, "คุณสมศักดิ์")
        ticket, _ = self.tickets.create_or_attach(
            user.id, None, question, {"turns": [], "passages": [], "attempt": None}
        )
        return ticket

    def posted(self) -> tuple[TicketRecord, dict[str, Any]]:
        """A new ticket posted to the group (as stored after posting) and its post."""
        ticket = self.ticket()
        post = self.post(ticket)
        stored = self.tickets.get(ticket.id)
        assert stored is not None
        return stored, post

    def post(self, ticket: TicketRecord) -> dict[str, Any]:
        """Post ``ticket`` to the group as the relay does; the message as Telegram stored it."""

        async def send() -> dict[str, int]:
            return await post_once(self.api, ticket)

        where = asyncio.run(send())
        self.posts += 1
        self.tickets.record_post(ticket.id, "telegram", where)
        stored = self.api.message(GROUP, where["message_id"])
        assert stored is not None
        return stored

    def group_message(self, user: dict[str, Any], text: str | None = None, **fields: Any) -> dict[str, Any]:
        """An update: ``user`` wrote ``text`` in the mentor group (plus any other message fields)."""
        self.next_update += 1
        self.next_message += 1
        message: dict[str, Any] = {
            "message_id": self.next_message,
            "from": user,
            "chat": {"id": GROUP, "title": "พี่เลี้ยง NZAP", "type": "supergroup", "is_forum": True},
            "date": 1764057600,
            **fields,
        }
        if text is not None:
            message["text"] = text
        return {"update_id": self.next_update, "message": message}

    def press(self, post: dict[str, Any], label: str, user: dict[str, Any]) -> dict[str, Any]:
        """An update: ``user`` pressed the button ``label`` on the post."""
        self.next_update += 1
        sent = Recorded(0.0, "sendMessage", {}, 200, {"ok": True, "result": post})
        return press(sent, label, self.next_update, user=user)


@pytest.fixture
def mentor_bot(
    telegram_api: TelegramStandIn,
    thai_folder: Path,
    tmp_path: Path,
    embedder: Embedder,
    database_url: str,  # noqa: F811
) -> Iterator[MentorBot]:
    settings = Settings(_env_file=None, data_dir=tmp_path / "data")  # type: ignore[call-arg]
    sync_folders([thai_folder], settings.resolved_index_dir(), embedder)
    with open_database(database_url) as database:
        engine = build_engine(settings, embedder, database=database)
        consent(engine, "telegram", *CONSENTED_USERS)  # the payloads' SMEs agreed to the privacy notice
        outbox = Outbox(database)
        tickets = TicketService(database, outbox, MentorGroups(telegram_chat_id=GROUP))
        mentors = MentorRegistry(database)
        channel = TelegramChannel.from_settings(
            telegram_settings(telegram_api),
            engine,
            ProcessedEvents(database),
            mentoring=MentorDesk(tickets, mentors),
            mentor_chat_id=GROUP,
        )
        server = LiveServer(channel)
        try:
            yield MentorBot(server, telegram_api, tickets, mentors, outbox, ConversationRepository(database))
        finally:
            server.stop()


@pytest.fixture
def mentor(mentor_bot: MentorBot) -> MentorRecord:
    return mentor_bot.mentors.add("อาจารย์วิภา", telegram_user_id=str(MENTOR["id"]))


def _buttons(message: dict[str, Any]) -> list[str]:
    markup = message.get("reply_markup") or {"inline_keyboard": []}
    return [b["text"] for row in markup["inline_keyboard"] for b in row]


def test_a_mentor_replying_to_the_post_answers_the_ticket(mentor_bot: MentorBot, mentor: MentorRecord) -> None:
    ticket, post = mentor_bot.posted()
    assert _buttons(post) == ["รับเรื่อง", "ปิดเรื่อง"] and "T-0001" in post["text"] and QUESTION in post["text"]

    reply = mentor_bot.group_message(MENTOR, ANSWER, reply_to_message=post)
    assert mentor_bot.server.post(reply).status_code == 200
    [confirmation] = mentor_bot.said()
    assert confirmation.params["text"] == "บันทึกคำตอบ T-0001 แล้ว ระบบกำลังส่งถึงผู้ประกอบการ หากส่งไม่สำเร็จจะแจ้งให้ทราบ"
    assert confirmation.params["chat_id"] == GROUP
    assert confirmation.params["reply_parameters"]["message_id"] == reply["message"]["message_id"]

    answered = mentor_bot.tickets.get(ticket.id)
    assert answered is not None and answered.status == "answered" and answered.answer == ANSWER
    assert answered.assignee_mentor_id == mentor.id
    [row] = mentor_bot.outbox.rows(ticket_id=ticket.id, purpose="mentor_answer")
    assert (row.channel, row.recipient, row.status) == ("line", SME_LINE_ID, "pending")
    assert ANSWER in row.replies[0].text  # type: ignore[union-attr]

    [edit] = mentor_bot.api.wait_for("editMessageText")
    assert edit.params["message_id"] == post["message_id"]
    now = mentor_bot.api.message(GROUP, post["message_id"])
    assert now is not None and "อาจารย์วิภา ตอบแล้ว" in now["text"] and _buttons(now) == ["ปิดเรื่อง"]


def test_the_claim_button_claims_and_the_post_shows_who(mentor_bot: MentorBot, mentor: MentorRecord) -> None:
    ticket, post = mentor_bot.posted()
    mentor_bot.server.post(mentor_bot.press(post, "รับเรื่อง", MENTOR))
    [answered] = mentor_bot.api.wait_for("answerCallbackQuery")
    assert answered.params["text"] == "อาจารย์วิภา รับเรื่อง T-0001 แล้ว" and not answered.params.get("show_alert")
    [edit] = mentor_bot.api.wait_for("editMessageText")
    assert edit.params["parse_mode"] == "HTML" and "<b>" in edit.params["text"]
    now = mentor_bot.api.message(GROUP, post["message_id"])
    assert now is not None and "สถานะ: อาจารย์วิภา รับเรื่องแล้ว" in now["text"]
    assert _buttons(now) == ["ปิดเรื่อง"]
    claimed = mentor_bot.tickets.get(ticket.id)
    assert claimed is not None and claimed.status == "claimed" and claimed.assignee_mentor_id == mentor.id
    assert len(mentor_bot.api.calls("sendMessage")) == 1  # the post: the toast and the edited post say it all


def test_the_claim_button_refuses_a_non_mentor_and_leaves_the_ticket_alone(
    mentor_bot: MentorBot, mentor: MentorRecord, caplog: pytest.LogCaptureFixture
) -> None:
    ticket, post = mentor_bot.posted()
    history = mentor_bot.tickets.events(ticket.id)
    with caplog.at_level(logging.WARNING, logger="bot.mentoring.desk"):
        mentor_bot.server.post(mentor_bot.press(post, "รับเรื่อง", OUTSIDER))
        [refused] = mentor_bot.api.wait_for("answerCallbackQuery")
        mentor_bot.server.stop()
    assert refused.params["show_alert"] is True
    assert refused.params["text"].startswith("ขออภัยครับ เฉพาะพี่เลี้ยงที่ลงทะเบียนแล้วเท่านั้น")
    assert "telegram user 555000222 is not a registered mentor" in caplog.text
    assert mentor_bot.tickets.get(ticket.id) == ticket and mentor_bot.tickets.events(ticket.id) == history
    assert mentor_bot.api.calls("editMessageText") == [] and len(mentor_bot.api.calls("sendMessage")) == 1
    assert _buttons(mentor_bot.api.message(GROUP, post["message_id"]) or {}) == ["รับเรื่อง", "ปิดเรื่อง"]


def test_a_non_mentor_replying_to_the_post_is_refused_and_nothing_is_sent_to_the_sme(
    mentor_bot: MentorBot, mentor: MentorRecord
) -> None:
    ticket, post = mentor_bot.posted()
    mentor_bot.server.post(mentor_bot.group_message(OUTSIDER, "ผมว่าลองถามธนาคารดูครับ", reply_to_message=post))
    [refusal] = mentor_bot.said()
    assert refusal.params["text"].startswith("ขออภัยครับ เฉพาะพี่เลี้ยงที่ลงทะเบียนแล้วเท่านั้น")
    assert mentor_bot.tickets.get(ticket.id) == ticket
    assert mentor_bot.outbox.rows(purpose="mentor_answer") == []


def test_service_messages_chatter_and_other_bots_in_the_mentor_group_are_ignored(
    mentor_bot: MentorBot, mentor: MentorRecord
) -> None:
    ticket, post = mentor_bot.posted()
    topic_root = {
        "message_id": 77,
        "from": MENTOR,
        "chat": {"id": GROUP, "title": "พี่เลี้ยง NZAP", "type": "supergroup", "is_forum": True},
        "date": 1764057600,
        "message_thread_id": 77,
        "forum_topic_created": {"name": "เรื่องสินเชื่อ", "icon_color": 7322096},
        "is_topic_message": True,
    }
    bot_user = {"id": 6000000009, "is_bot": True, "first_name": "OtherBot", "username": "other_bot"}
    updates = [
        # A new forum topic (a service message), and a message in it that is not an explicit reply.
        mentor_bot.group_message(MENTOR, forum_topic_created={"name": "เรื่องสินเชื่อ", "icon_color": 7322096}),
        mentor_bot.group_message(
            MENTOR, ANSWER, message_thread_id=77, is_topic_message=True, reply_to_message=topic_root
        ),
        mentor_bot.group_message(MENTOR, new_chat_members=[OUTSIDER]),
        mentor_bot.group_message(MENTOR, pinned_message=post),
        mentor_bot.group_message(MENTOR, "ประชุมพี่เลี้ยงวันศุกร์นี้นะครับ"),
        mentor_bot.group_message(MENTOR, "@nzap_sme_bot ค่าการปล่อยก๊าซเรือนกระจกของไฟฟ้าเท่าไหร่"),
        mentor_bot.group_message(MENTOR, "/claim@other_bot T-0001"),
        mentor_bot.group_message(bot_user, ANSWER, reply_to_message=post),
    ]
    for update in updates:
        assert mentor_bot.server.post(update).status_code == 200
    mentor_bot.server.stop()
    assert {r.method for r in mentor_bot.api.requests} == {"getMe", "sendMessage"}
    assert len(mentor_bot.api.calls("sendMessage")) == 1  # the post itself; nothing answered, nothing asked
    assert mentor_bot.tickets.get(ticket.id) == ticket
    assert mentor_bot.outbox.rows(purpose="mentor_answer") == []


def test_commands_work_in_the_group_and_in_a_mentors_private_chat(mentor_bot: MentorBot, mentor: MentorRecord) -> None:
    first = mentor_bot.ticket()
    second = mentor_bot.ticket("ค่าการปล่อยก๊าซของน้ำมันดีเซลต่อลิตรเท่าไหร่ครับ")
    post = mentor_bot.post(first)
    mentor_bot.server.post(mentor_bot.group_message(MENTOR, "/claim T-0001"))
    [claimed] = mentor_bot.said()
    assert claimed.params["text"] == "อาจารย์วิภา รับเรื่อง T-0001 แล้ว"
    mentor_bot.api.wait_for("editMessageText")  # the post shows the claim too
    assert "อาจารย์วิภา รับเรื่องแล้ว" in (mentor_bot.api.message(GROUP, post["message_id"]) or {})["text"]

    private = payload("private_text", text="/answer T-0002 ประมาณ 2.7 กิโลกรัมคาร์บอนไดออกไซด์ต่อลิตรครับ")
    private["message"]["from"] = MENTOR | {"username": "wipa"}
    private["message"]["chat"] = {"id": MENTOR["id"], "type": "private", "first_name": "วิภา"}
    private["message"]["entities"] = [{"offset": 0, "length": 7, "type": "bot_command"}]
    mentor_bot.server.post(private)
    [_, answered] = mentor_bot.said(2)
    assert answered.params["chat_id"] == MENTOR["id"] and "บันทึกคำตอบ T-0002" in answered.params["text"]
    done = mentor_bot.tickets.get(second.id)
    assert done is not None and done.status == "answered" and done.answer and done.answer.startswith("ประมาณ 2.7")

    mentor_bot.server.post(mentor_bot.group_message(MENTOR, "/close T-0001"))
    [_, _, closed] = mentor_bot.said(3)
    assert closed.params["text"] == "ปิดเรื่อง T-0001 แล้ว"
    ticket = mentor_bot.tickets.get(first.id)
    assert ticket is not None and ticket.status == "closed"


def test_a_non_mentor_typing_mentor_commands_in_a_private_chat_is_refused(mentor_bot: MentorBot) -> None:
    ticket = mentor_bot.ticket()
    update = payload("private_text", text="/claim T-0001")
    update["message"]["entities"] = [{"offset": 0, "length": 6, "type": "bot_command"}]
    mentor_bot.server.post(update)
    [refusal] = mentor_bot.api.wait_for("sendMessage")
    assert refusal.params["text"].startswith("ขออภัยครับ เฉพาะพี่เลี้ยงที่ลงทะเบียนแล้วเท่านั้น")
    assert mentor_bot.tickets.get(ticket.id) == ticket


def test_an_sme_asks_where_their_question_is_with_the_status_command(mentor_bot: MentorBot) -> None:
    user = mentor_bot.repository.touch_user("telegram", "555000111", "สมชาย ใจดี")
    mentor_bot.tickets.create_or_attach(user.id, None, QUESTION, {"turns": [], "passages": [], "attempt": None})
    update = payload("private_text", text="/status")
    update["message"]["entities"] = [{"offset": 0, "length": 7, "type": "bot_command"}]
    mentor_bot.server.post(update)
    [status] = mentor_bot.said()
    assert "เรื่องที่คุณส่งให้พี่เลี้ยง" in status.params["text"]
    assert "T-0001 รอพี่เลี้ยงรับเรื่อง" in status.params["text"]


def test_a_reply_to_a_post_whose_location_was_never_recorded_still_finds_its_ticket(
    mentor_bot: MentorBot, mentor: MentorRecord
) -> None:
    """The relay may stop between Telegram accepting a post and recording where it went."""
    ticket = mentor_bot.ticket()

    async def send() -> dict[str, int]:
        return await post_once(mentor_bot.api, ticket)

    where = asyncio.run(send())  # posted, but record_post never ran
    mentor_bot.posts += 1
    post = mentor_bot.api.message(GROUP, where["message_id"])
    assert post is not None and post["text"].startswith("🙋 คำถามถึงพี่เลี้ยง T-0001")
    mentor_bot.server.post(mentor_bot.group_message(MENTOR, ANSWER, reply_to_message=post))
    [confirmation] = mentor_bot.said()
    assert confirmation.params["text"].startswith("บันทึกคำตอบ T-0001 แล้ว")
    answered = mentor_bot.tickets.get(ticket.id)
    assert answered is not None and answered.answer == ANSWER


def test_a_reply_to_another_bot_message_naming_a_ticket_is_not_an_answer(
    mentor_bot: MentorBot, mentor: MentorRecord
) -> None:
    ticket, _ = mentor_bot.posted()
    mentor_bot.server.post(mentor_bot.group_message(MENTOR, "/claim T-0001"))
    [claimed] = mentor_bot.said()
    confirmation = claimed.response["result"]  # "อาจารย์วิภา รับเรื่อง T-0001 แล้ว", from the bot
    mentor_bot.server.post(mentor_bot.group_message(MENTOR, ANSWER, reply_to_message=confirmation))
    mentor_bot.server.stop()
    assert len(mentor_bot.api.calls("sendMessage")) == 2  # the post and the claim; the reply was not taken
    stored = mentor_bot.tickets.get(ticket.id)
    assert stored is not None and stored.status == "claimed" and stored.answer is None


def test_the_close_button_closes_and_the_post_loses_its_buttons(mentor_bot: MentorBot, mentor: MentorRecord) -> None:
    ticket, post = mentor_bot.posted()
    mentor_bot.server.post(mentor_bot.press(post, "ปิดเรื่อง", MENTOR))
    [answered] = mentor_bot.api.wait_for("answerCallbackQuery")
    assert answered.params["text"] == "ปิดเรื่อง T-0001 แล้ว"
    mentor_bot.api.wait_for("editMessageText")
    now = mentor_bot.api.message(GROUP, post["message_id"])
    assert now is not None and "สถานะ: ปิดเรื่องแล้ว" in now["text"] and _buttons(now) == []
    assert "ตอบกลับ (Reply)" not in now["text"]  # a closed ticket no longer invites answers
    closed = mentor_bot.tickets.get(ticket.id)
    assert closed is not None and closed.status == "closed"
    assert [e.action for e in mentor_bot.tickets.events(ticket.id)][-1] == "closed"
