"""Whole-product round trips through mentor groups: ``build_server`` under uvicorn, LINE and Telegram stand-ins.

(a) An SME on LINE asks what the course material cannot answer and accepts the mentor offer;
    the relay posts the ticket to the Telegram mentor group; a mentor replies to that post;
    exactly one LINE push with the mentor's Thai answer reaches the SME.
(c) An SME on Telegram is answered by a mentor typing ``ตอบ T-0001 ...`` in the LINE mentor group.

Everything is the product's own wiring (settings in, ``build_server`` out, the relay in the app's
lifespan); only the platforms are stand-ins, validated against their specs. Both run on SQLite and
on PostgreSQL (the outbox and the post lookup are storage).
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.app.composition import build_server
from bot.mentoring import MentorRegistry, Outbox, TicketService
from bot.settings import Settings
from bot.storage import Database, open_database
from knowledge.embedders import Embedder
from knowledge.sync import sync_folders
from tests.bot.channels.line.conftest import SECRET as LINE_SECRET
from tests.bot.channels.line.conftest import TOKEN as LINE_TOKEN
from tests.bot.channels.line.conftest import USER_ID as LINE_SME
from tests.bot.channels.line.conftest import payload as line_payload
from tests.bot.channels.line.conftest import sign
from tests.bot.channels.telegram.conftest import SECRET as TELEGRAM_SECRET
from tests.bot.channels.telegram.conftest import payload as telegram_payload
from tests.bot.storage.conftest import database_url  # noqa: F401  (SQLite and PostgreSQL)
from tests.line_stand_in import PUSH, REPLY, LineStandIn
from tests.server_thread import serve
from tests.telegram_stand_in import TOKEN as TELEGRAM_TOKEN
from tests.telegram_stand_in import TelegramStandIn

pytestmark = pytest.mark.slow  # the whole app over HTTP with platform stand-ins: seconds a test

TELEGRAM_GROUP = -1002233445566
LINE_GROUP = "C" + "e" * 32
TELEGRAM_MENTOR = {"id": 900001, "is_bot": False, "first_name": "วิภา", "language_code": "th"}
LINE_MENTOR = "U" + "8" * 32
TELEGRAM_SME = 555000111
UNCOVERED = "ราคาแผงโซลาร์ยี่ห้อจินโกวัตต์ละเท่าไหร่ครับ"
ANSWER = "คืนนี้สองทุ่มครับ แต่เรื่องนี้อยู่นอกหลักสูตร ถ้ามีคำถามเรื่องลดคาร์บอนถามได้เลยครับ"


@dataclass
class Product:
    """The running product, its stand-ins and a view of its database."""

    url: str
    line: LineStandIn
    telegram: TelegramStandIn
    tickets: TicketService
    mentors: MentorRegistry
    outbox: Outbox

    def to_line(self, body: dict[str, Any]) -> None:
        raw = json.dumps(body, ensure_ascii=False).encode("utf-8")
        headers = {"Content-Type": "application/json; charset=utf-8", "X-Line-Signature": sign(raw, LINE_SECRET)}
        assert httpx.post(f"{self.url}/webhooks/line", content=raw, headers=headers, timeout=30).status_code == 200

    def to_telegram(self, update: dict[str, Any]) -> None:
        headers = {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET}
        raw = json.dumps(update, ensure_ascii=False).encode("utf-8")
        assert httpx.post(f"{self.url}/webhooks/telegram", content=raw, headers=headers, timeout=30).status_code == 200


def wait_until(condition: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
    """Poll ``condition`` until it holds; fail naming ``what`` after ``timeout`` (a deadline, not a measurement)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


@pytest.fixture
def product(
    thai_folder: Path,
    tmp_path: Path,
    embedder: Embedder,
    database_url: str,  # noqa: F811
) -> Iterator[Product]:
    with LineStandIn(LINE_TOKEN) as line, TelegramStandIn() as telegram:
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None,
            data_dir=tmp_path / "data",
            database_url=database_url,
            line={"channel_secret": LINE_SECRET, "channel_access_token": LINE_TOKEN, "api_base_url": line.url},
            telegram={"bot_token": TELEGRAM_TOKEN, "webhook_secret": TELEGRAM_SECRET, "api_base_url": telegram.url},
            mentoring={
                "telegram_group_chat_id": TELEGRAM_GROUP,
                "line_group_id": LINE_GROUP,
                "relay_poll_seconds": 0.05,
                "relay_backoff_seconds": 0.05,
            },
        )
        sync_folders([thai_folder], settings.resolved_index_dir(), embedder)
        database: Database
        with open_database(database_url) as database, serve(build_server(settings)) as url:
            outbox = Outbox(database)
            yield Product(url, line, telegram, TicketService(database, outbox), MentorRegistry(database), outbox)
    assert line.violations == [], line.violations
    assert telegram.violations == [], telegram.violations


def _delivered(product: Product, ticket_id: int, purpose: str) -> bool:
    rows = product.outbox.rows(ticket_id=ticket_id, purpose=purpose)
    return bool(rows) and all(r.status == "delivered" for r in rows)


def _line_event(name: str, **changes: str) -> dict[str, Any]:
    """A recorded LINE webhook with a fresh event id and reply token (LINE never repeats either)."""
    body = line_payload(name, event_id=str(uuid.uuid4()), **changes)
    body["events"][0]["replyToken"] = uuid.uuid4().hex
    return body


def _press_line(product: Product, reply_number: int, label: str) -> None:
    """The LINE SME taps the quick reply ``label`` under the ``reply_number``-th reply (1-based)."""
    product.line.wait_for(lambda api: len(api.sent(REPLY)) >= reply_number)
    items = product.line.sent(REPLY)[reply_number - 1].messages[-1]["quickReply"]["items"]
    data = next(i["action"]["data"] for i in items if i["action"]["label"] == label)
    product.to_line(_line_event("postback_escalate", data=data))


def _press_telegram(product: Product, message_number: int, label: str, update_id: int) -> None:
    """The Telegram SME presses ``label`` under the ``message_number``-th message the bot sent them (1-based)."""
    sent = product.telegram.wait_for("sendMessage", message_number)[message_number - 1]
    buttons = [b for row in sent.params["reply_markup"]["inline_keyboard"] for b in row]
    data = next(b["callback_data"] for b in buttons if b["text"] == label)
    press = telegram_payload("callback_escalate", message=sent.response["result"], data=data)
    press["update_id"] = update_id
    product.to_telegram(press)


def test_a_line_sme_is_answered_by_a_mentor_replying_in_the_telegram_group(product: Product) -> None:
    mentor = product.mentors.add("อาจารย์วิภา", telegram_user_id=str(TELEGRAM_MENTOR["id"]))
    # A new SME first agrees to the privacy notice, then asks, then accepts the mentor offer.
    product.to_line(_line_event("text_private", text="สวัสดีครับ"))
    _press_line(product, 1, "ยินยอม")
    product.line.wait_for(lambda api: len(api.sent(REPLY)) == 2)
    product.to_line(_line_event("text_private", text=UNCOVERED))
    _press_line(product, 3, "ส่งให้พี่เลี้ยง")
    product.line.wait_for(lambda api: len(api.sent(REPLY)) == 4)
    assert "T-0001" in product.line.sent(REPLY)[3].texts[0]

    # The relay posts the ticket to both mentor groups; the Telegram post has the buttons.
    [ticket] = product.tickets.queue()
    wait_until(lambda: _delivered(product, ticket.id, "ticket_post"), "the ticket posts")
    [post] = [c for c in product.telegram.calls("sendMessage") if c.params["chat_id"] == TELEGRAM_GROUP]
    message = post.response["result"]
    assert UNCOVERED in message["text"] and "รับเรื่อง" in json.dumps(message["reply_markup"], ensure_ascii=False)
    [line_post] = [r for r in product.line.sent(PUSH) if r.body["to"] == LINE_GROUP]
    assert "ตอบ T-0001" in line_post.texts[0]

    reply = {
        "update_id": 850000001,
        "message": {
            "message_id": 7001,
            "from": TELEGRAM_MENTOR,
            "chat": message["chat"],
            "date": 1764057600,
            "reply_to_message": message,
            "text": ANSWER,
        },
    }
    product.to_telegram(reply)
    wait_until(lambda: _delivered(product, ticket.id, "mentor_answer"), "the mentor's answer to reach LINE")
    answers = [r for r in product.line.sent(PUSH) if r.body["to"] == LINE_SME]
    assert len(answers) == 1, [a.texts for a in answers]
    assert any(ANSWER in text for text in answers[0].texts)
    assert uuid.UUID(answers[0].headers["x-line-retry-key"])
    answered = product.tickets.get(ticket.id)
    assert answered is not None and answered.status == "answered" and answered.assignee_mentor_id == mentor.id
    # The confirmation follows the relay's post through the same bot, paced a second apart in the group.

    def confirmations() -> list[Any]:
        return [c for c in product.telegram.calls("sendMessage") if c.params["chat_id"] == TELEGRAM_GROUP][1:]

    wait_until(lambda: bool(confirmations()), "the mentor's confirmation in the group")
    assert [c.params["text"] for c in confirmations()] == [
        "บันทึกคำตอบ T-0001 แล้ว ระบบกำลังส่งถึงผู้ประกอบการ หากส่งไม่สำเร็จจะแจ้งให้ทราบ"
    ]


def test_a_telegram_sme_is_answered_by_a_mentor_command_in_the_line_group(product: Product) -> None:
    product.mentors.add("อาจารย์ธนา", line_user_id=LINE_MENTOR)
    # A new SME first agrees to the privacy notice, then asks, then accepts the mentor offer.
    hello = telegram_payload("private_text", text="สวัสดีครับ")
    hello["update_id"] = 830009200
    product.to_telegram(hello)
    _press_telegram(product, 1, "ยินยอม", update_id=830009201)
    product.telegram.wait_for("sendMessage", 2)
    product.to_telegram(telegram_payload("private_text", text=UNCOVERED))
    _press_telegram(product, 3, "ส่งให้พี่เลี้ยง", update_id=830009202)
    wait_until(lambda: len(product.tickets.queue()) == 1, "the ticket")
    [ticket] = product.tickets.queue()
    wait_until(lambda: _delivered(product, ticket.id, "ticket_post"), "the ticket posts")

    command = _line_event("text_group_plain", text=f"ตอบ T-0001 {ANSWER}")
    command["events"][0]["source"] = {"type": "group", "groupId": LINE_GROUP, "userId": LINE_MENTOR}
    product.to_line(command)
    wait_until(lambda: _delivered(product, ticket.id, "mentor_answer"), "the mentor's answer to reach Telegram")
    to_sme = [c for c in product.telegram.calls("sendMessage") if c.params["chat_id"] == TELEGRAM_SME]
    answers = [c for c in to_sme if ANSWER in c.params["text"]]
    assert len(answers) == 1
    [confirmation] = product.line.sent(REPLY)
    assert confirmation.texts[0].startswith("บันทึกคำตอบ T-0001 แล้ว")
