"""Issue 18 on LINE and Telegram: mentors see who asked and what they received; a late answer quotes its question.

The product as ``nzap serve`` builds it over the sample course, with both platforms pointed at their
spec-validating stand-ins. An SME who agreed to the privacy notice asks something the material does
not answer, hands it to the mentors, gives a business name, then asks something else. The console
names them (their LINE profile name, or their Telegram name, and the business) and shows the reply
they actually got, with its tier and confidence. A mentor's answer, arriving after the other
question, reaches the chat with the question it answers quoted above it.
"""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from pydantic import SecretStr

from bot.app.composition import build_server
from bot.mentoring import MentorRegistry, Outbox, TicketService
from bot.mentoring.mentors import MentorRecord
from bot.settings import MentoringSettings
from bot.storage import open_database
from knowledge.embedders import Embedder
from tests.bot.channels.conftest import course_settings
from tests.bot.channels.line.conftest import SECRET as LINE_SECRET
from tests.bot.channels.line.conftest import TOKEN, USER_ID, sign
from tests.bot.channels.line.conftest import payload as line_payload
from tests.bot.channels.situations import GAP, MISSPELLED, MISSPELLED_ANSWER, NEAR_MISS
from tests.bot.channels.telegram.conftest import SECRET as TELEGRAM_SECRET
from tests.bot.channels.telegram.conftest import payload as telegram_payload
from tests.bot.channels.telegram.conftest import press, telegram_settings
from tests.consent import consent_in_database
from tests.line_stand_in import PUSH, REPLY, LineRequest, LineStandIn
from tests.server_thread import serve
from tests.telegram_stand_in import TelegramStandIn

pytestmark = pytest.mark.slow

SME_CHAT = 555000111
"""The Telegram SME of the recorded payloads (first name สมชาย, last name ใจดี)."""
LINE_PROFILE_NAME = "คุณสมชาย"
"""The display name the LINE stand-in's profile endpoint gives."""
BUSINESS = "ร้านกาแฟบ้านสวน"
ANSWER = "คาร์พอร์ตโซลาร์แพงกว่ารูฟท็อปราว 20-30% ต่อ kWp เพราะต้องมีโครงสร้างเหล็กเพิ่ม"
USERNAME, PASSWORD = "malee", "พี่เลี้ยง-รหัสผ่าน-2569"


@dataclass
class Product:
    url: str
    line: LineStandIn
    telegram: TelegramStandIn
    tickets: TicketService
    mentor: MentorRecord

    def line_event(self, body: dict[str, Any]) -> None:
        raw = json.dumps(body, ensure_ascii=False).encode("utf-8")
        headers = {"Content-Type": "application/json", "X-Line-Signature": sign(raw, LINE_SECRET)}
        assert httpx.post(f"{self.url}/webhooks/line", content=raw, headers=headers, timeout=60).status_code == 200

    def telegram_update(self, update: dict[str, Any]) -> None:
        raw = json.dumps(update, ensure_ascii=False).encode("utf-8")
        headers = {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET}
        assert httpx.post(f"{self.url}/webhooks/telegram", content=raw, headers=headers, timeout=60).status_code == 200

    def console_page(self, path: str) -> str:
        with httpx.Client(base_url=self.url, timeout=60, follow_redirects=True) as client:
            login = client.get("/console/login")
            token = re.search(r'name="csrf" value="([^"]*)"', login.text)
            assert token is not None
            data = {"csrf": token.group(1), "username": USERNAME, "password": PASSWORD, "next": ""}
            assert client.post("/console/login", data=data).status_code == 200
            return client.get(f"/console{path}").text


@pytest.fixture
def product(tmp_path: Path, course_index: Path, embedder: Embedder) -> Iterator[Product]:
    with LineStandIn(TOKEN) as line, TelegramStandIn() as telegram:
        mentoring = MentoringSettings(
            console_secret_key=SecretStr("late-answer-console-secret-2569"), relay_poll_seconds=0.1
        )
        settings = course_settings(
            tmp_path / "data",
            course_index,
            mentoring=mentoring,
            line={"channel_secret": LINE_SECRET, "channel_access_token": TOKEN, "api_base_url": line.url},
            telegram=telegram_settings(telegram),
        )
        with open_database(settings.resolved_database_url()) as database:
            mentor = MentorRegistry(database).add("พี่มาลี รักษ์โลก", web_username=USERNAME, password=PASSWORD)
            consent_in_database(database, "line", USER_ID)
            consent_in_database(database, "telegram", str(SME_CHAT))
            with serve(build_server(settings)) as url:
                yield Product(url, line, telegram, TicketService(database, Outbox(database)), mentor)
        assert line.violations == [], line.violations
        assert telegram.violations == [], telegram.violations


def line_says(product: Product, text: str | None = None, data: str | None = None) -> LineRequest:
    """The SME types ``text`` (or presses the button sending ``data``); what LINE shows them next."""
    before = len(product.line.sent())
    name = "text_private" if text is not None else "postback_consent"
    body = line_payload(name, text=text, data=data, event_id=uuid.uuid4().hex.upper()[:26])
    body["events"][0]["replyToken"] = uuid.uuid4().hex
    product.line_event(body)
    product.line.wait_for(lambda api: len(api.sent()) > before, timeout=60)
    return product.line.sent()[before]


def postback_of(reply: LineRequest, label: str) -> str:
    items = [i for m in reply.messages for i in (m.get("quickReply") or {}).get("items", [])]
    return str(next(i["action"]["data"] for i in items if i["action"]["label"] == label))


def received_in_console(page: str) -> str:
    match = re.search(r'<div id="received"(.*?)</div>\s*</div>', page, re.S)
    assert match, "the console shows nothing of what the SME received"
    return match.group(1)


def telegram_text(telegram: TelegramStandIn, needle: str, timeout: float = 60) -> str:
    """The text of the first message sent to the SME's Telegram chat that contains ``needle`` (waited for)."""
    deadline = time.monotonic() + timeout
    while True:
        texts = [str(r.params.get("text", "")) for r in telegram.calls("sendMessage")]
        found = [text for text in texts if needle in text]
        if found:
            return found[0]
        assert time.monotonic() < deadline, f"no Telegram message with {needle!r}: {texts}"
        time.sleep(0.1)


def test_on_line_the_console_names_the_sme_and_a_late_answer_quotes_the_question(product: Product) -> None:
    offer = line_says(product, NEAR_MISS)
    assert any(GAP in text for text in offer.texts)
    notice = line_says(product, data=postback_of(offer, "ส่งให้พี่เลี้ยง"))
    assert any("T-0001" in text for text in notice.texts)
    assert any("พิมพ์ชื่อกิจการ" in text for text in notice.texts)  # asked once, with a skip button
    assert any(f"“{BUSINESS}”" in text for text in line_says(product, BUSINESS).texts)
    assert any(MISSPELLED_ANSWER in text for text in line_says(product, MISSPELLED).texts)

    page = product.console_page("/tickets/T-0001")
    assert LINE_PROFILE_NAME in page and BUSINESS in page  # the LINE profile name, read through the SDK
    received = received_in_console(page)
    assert GAP in received and "ความมั่นใจ 0.00" not in received and "ความมั่นใจ" in received
    assert "ไม่ได้ส่งให้ผู้ประกอบการ" not in page
    assert "รอมาแล้ว" in product.console_page("/") and BUSINESS in product.console_page("/")

    [ticket] = product.tickets.queue(None)
    product.tickets.answer(ticket.id, product.mentor.id, ANSWER)
    product.line.wait_for(lambda api: any(ANSWER in t for r in api.sent(PUSH) for t in r.texts), timeout=60)
    [pushed] = [t for r in product.line.sent(PUSH) for t in r.texts if ANSWER in t]
    assert f"คำถามของคุณ: “{NEAR_MISS}”" in pushed and "T-0001" in pushed
    assert pushed.index(NEAR_MISS) < pushed.index(ANSWER)
    assert all(r.path in (REPLY, PUSH) for r in product.line.sent())


def test_on_telegram_the_console_names_the_sme_and_a_late_answer_quotes_the_question(product: Product) -> None:
    telegram = product.telegram
    product.telegram_update(telegram_payload("private_text", text=NEAR_MISS))
    [offer] = telegram.wait_for("sendMessage", timeout=60)
    assert GAP in offer.params["text"]
    product.telegram_update(press(offer, "ส่งให้พี่เลี้ยง", update_id=830009401))
    notice = telegram_text(telegram, "T-0001")
    assert "พิมพ์ชื่อกิจการ" in notice  # asked once, in the same message as the ticket's number
    product.telegram_update({**telegram_payload("private_text", text=BUSINESS), "update_id": 830009402})
    telegram_text(telegram, f"“{BUSINESS}”")
    product.telegram_update({**telegram_payload("private_text", text=MISSPELLED), "update_id": 830009403})
    telegram_text(telegram, MISSPELLED_ANSWER)

    page = product.console_page("/tickets/T-0001")
    assert "สมชาย" in page and BUSINESS in page and "Telegram" in page
    received = received_in_console(page)
    assert GAP in received and "ความมั่นใจ 0.00" not in received

    [ticket] = product.tickets.queue(None)
    product.tickets.answer(ticket.id, product.mentor.id, ANSWER)
    answer = telegram_text(telegram, ANSWER)
    assert "คำถามของคุณ: “" + NEAR_MISS + "”" in answer.replace("&quot;", '"')
