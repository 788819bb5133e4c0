"""The console under a real uvicorn server over a real database (SQLite and PostgreSQL), with a settable clock."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from bot.app.server.app import create_app
from bot.mentoring import MentorRecord, MentorRegistry, Outbox, TicketRecord, TicketService
from bot.mentoring.console import ConsoleConfig, MentorConsole
from bot.mentoring.tickets import FoundPassage, TicketAttempt, TicketContext
from bot.storage import ConversationRepository, Database
from bot.types import Citation, Turn
from tests.bot.storage.conftest import database, database_url  # noqa: F401  (shared fixtures)
from tests.server_thread import serve

SECRET = "console-secret-key-for-the-tests-2569"
PASSWORD = "รหัสผ่าน-ที่ยาวพอ-2569"
SME_TELEGRAM_ID = "555000111"
QUESTION = "ร้านกาแฟของผมอยากติดโซลาร์เซลล์ 5 kW ต้องขออนุญาตการไฟฟ้าส่วนภูมิภาคก่อนไหมครับ"
CONTEXT = TicketContext(
    turns=(
        Turn(role="user", text=QUESTION),
        Turn(role="assistant", text="เนื้อหาหลักสูตรยังไม่ครอบคลุมคำถามนี้ครับ"),
    ),
    passages=(
        FoundPassage(
            source="week05.md",
            title="โซลาร์รูฟท็อปสำหรับ SME",
            heading="การคืนทุน",
            page=None,
            text="ระบบโซลาร์รูฟท็อปขนาด 1 กิโลวัตต์พีค ผลิตไฟฟ้าได้ราว 1,300 หน่วยต่อปี",
            score=0.41,
        ),
    ),
    attempt=TicketAttempt(
        text="ระบบโซลาร์รูฟท็อปขนาด 1 กิโลวัตต์พีค ผลิตไฟฟ้าได้ราว 1,300 หน่วยต่อปี",
        confidence=0.32,
        supported=False,
        mode="extractive",
        citations=(Citation(source="week05.md", title="โซลาร์รูฟท็อปสำหรับ SME"),),
    ),
)


@dataclass
class Clock:
    """The console's clock, moved by the tests (no test waits for real time to pass)."""

    now: datetime = field(default_factory=lambda: datetime.now(UTC))

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass
class Console:
    """A running console and the services behind it."""

    url: str
    tickets: TicketService
    mentors: MentorRegistry
    repository: ConversationRepository
    outbox: Outbox
    clock: Clock
    faq_dir: Path
    mentor: MentorRecord
    other_mentor: MentorRecord

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, follow_redirects=False, timeout=30)

    def new_ticket(
        self, question: str = QUESTION, platform_user_id: str = SME_TELEGRAM_ID, context: TicketContext = CONTEXT
    ) -> TicketRecord:
        user = self.repository.touch_user("telegram", platform_user_id, "คุณสมชาย ร้านกาแฟ")
        conversation = self.repository.active_conversation(user.id)
        ticket, created = self.tickets.create_or_attach(
            user.id, conversation, question, context, ["module:5", "week:5", "โซลาร์รูฟท็อป"]
        )
        assert created
        return ticket

    def login(self, client: httpx.Client, username: str = "somchai", password: str = PASSWORD) -> httpx.Response:
        page = client.get("/console/login")
        assert page.status_code == 200
        token = form_value(page.text, "csrf")
        return client.post(
            "/console/login", data={"csrf": token, "username": username, "password": password, "next": ""}
        )


def form_value(html: str, name: str) -> str:
    """The value of the first hidden input called ``name`` in ``html``."""
    match = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert match, f"no {name} field"
    return match.group(1)


@pytest.fixture
def console(database: Database, tmp_path: Path) -> Iterator[Console]:  # noqa: F811
    clock = Clock()
    outbox = Outbox(database)
    tickets = TicketService(database, outbox)
    mentors = MentorRegistry(database, lockout_failures=3, lockout_minutes=15)
    mentor = mentors.add("พี่สมชาย ใจดี", web_username="somchai", password=PASSWORD)
    other = mentors.add("พี่มาลี รักษ์โลก", web_username="malee", password=PASSWORD)
    faq_dir = tmp_path / "curated"
    config = ConsoleConfig(secret_key=SECRET, faq_dir=faq_dir, lockout_minutes=15)
    app = create_app([], ready=lambda: {})
    app.include_router(MentorConsole(tickets, mentors, config, clock=clock).router())
    with serve(app) as url:
        yield Console(url, tickets, mentors, ConversationRepository(database), outbox, clock, faq_dir, mentor, other)
