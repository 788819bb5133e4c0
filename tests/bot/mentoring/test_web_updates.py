"""The web chat has no push: a mentor's answer waits in the outbox until the page asks for it, once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bot.app.composition import build_engine
from bot.app.server.app import create_app
from bot.channels.web import WebChannel
from bot.conversation.engine import ConversationEngine
from bot.mentoring import MentorRegistry
from bot.settings import Settings
from knowledge.embedders import Embedder
from knowledge.sync import sync_folders
from tests.consent import consent
from tests.server_thread import serve
from tests.web_chat import holding, named_session, web_user_id

SESSION = named_session("browser-session-0001")


@pytest.fixture
def web(thai_folder: Path, tmp_path: Path, embedder: Embedder) -> Iterator[tuple[str, ConversationEngine]]:
    settings = Settings(_env_file=None, data_dir=tmp_path / "data")  # type: ignore[call-arg]
    sync_folders([thai_folder], settings.resolved_index_dir(), embedder)
    engine = build_engine(settings, embedder)
    consent(engine, "web", web_user_id(SESSION))
    with serve(create_app([WebChannel(engine)], ready=lambda: {})) as url:
        yield url, engine


def test_a_mentor_answer_is_collected_by_the_page_once(web: tuple[str, ConversationEngine]) -> None:
    url, engine = web
    chat = f"{url}/api/chat"
    httpx.post(chat, json={"text": "ราคาแผงโซลาร์ยี่ห้อจินโกวัตต์ละเท่าไหร่"}, headers=holding(SESSION), timeout=30)
    notice = httpx.post(chat, json={"action": "escalate:yes"}, headers=holding(SESSION), timeout=30).json()["replies"][0]
    updates = f"{url}/api/chat/updates"
    assert httpx.get(updates, headers=holding(SESSION), timeout=10).json() == {"replies": []}
    [ticket] = engine.tickets.queue()
    mentor = MentorRegistry(engine.tickets._database).add("พี่นก", web_username="nok", password="รหัสลับยาวพอ")
    engine.tickets.answer(ticket.id, mentor.id, "ดูราคาทองได้ที่สมาคมค้าทองคำครับ")
    [answer] = httpx.get(updates, headers=holding(SESSION), timeout=10).json()["replies"]
    assert (
        answer["type"] == "quick_replies" and "สมาคมค้าทองคำ" in answer["text"] and notice["reference"] in answer["text"]
    )
    assert httpx.get(updates, headers=holding(SESSION), timeout=10).json() == {"replies": []}
    assert httpx.get(updates, headers=holding(named_session("other")), timeout=10).json() == {"replies": []}
    assert httpx.get(updates, headers=holding("bad session!"), timeout=10).json() == {"replies": []}
    # The session is the cookie only: in the URL it does nothing (and would be in every access log).
    assert httpx.get(updates, params={"session": SESSION}, timeout=10).json() == {"replies": []}


def test_the_page_polls_for_updates(web: tuple[str, ConversationEngine]) -> None:
    page = httpx.get(web[0], timeout=10).text
    assert 'fetch("/api/chat/updates", {credentials: "same-origin"})' in page and "setInterval(poll" in page
