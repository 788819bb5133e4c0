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

SESSION = "browser-session-0001"


@pytest.fixture
def web(thai_folder: Path, tmp_path: Path, embedder: Embedder) -> Iterator[tuple[str, ConversationEngine]]:
    settings = Settings(_env_file=None, data_dir=tmp_path / "data")  # type: ignore[call-arg]
    sync_folders([thai_folder], settings.resolved_index_dir(), embedder)
    engine = build_engine(settings, embedder)
    consent(engine, "web", SESSION)
    with serve(create_app([WebChannel(engine)], ready=lambda: {})) as url:
        yield url, engine


def test_a_mentor_answer_is_collected_by_the_page_once(web: tuple[str, ConversationEngine]) -> None:
    url, engine = web
    chat = f"{url}/api/chat"
    httpx.post(chat, json={"session": SESSION, "text": "ราคาแผงโซลาร์ยี่ห้อจินโกวัตต์ละเท่าไหร่"}, timeout=30)
    notice = httpx.post(chat, json={"session": SESSION, "action": "escalate:yes"}, timeout=30).json()["replies"][0]
    updates = f"{url}/api/chat/updates"
    assert httpx.get(updates, params={"session": SESSION}, timeout=10).json() == {"replies": []}
    [ticket] = engine.tickets.queue()
    mentor = MentorRegistry(engine.tickets._database).add("พี่นก", web_username="nok", password="รหัสลับยาวพอ")
    engine.tickets.answer(ticket.id, mentor.id, "ดูราคาทองได้ที่สมาคมค้าทองคำครับ")
    [answer] = httpx.get(updates, params={"session": SESSION}, timeout=10).json()["replies"]
    assert (
        answer["type"] == "quick_replies" and "สมาคมค้าทองคำ" in answer["text"] and notice["reference"] in answer["text"]
    )
    assert httpx.get(updates, params={"session": SESSION}, timeout=10).json() == {"replies": []}
    assert httpx.get(updates, params={"session": "other-session-01"}, timeout=10).json() == {"replies": []}
    assert httpx.get(updates, params={"session": "bad session!"}, timeout=10).status_code == 422


def test_the_page_polls_for_updates(web: tuple[str, ConversationEngine]) -> None:
    page = httpx.get(web[0], timeout=10).text
    assert "/api/chat/updates?session=" in page and "setInterval(poll" in page
