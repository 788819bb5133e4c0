"""On SQLite the webhook event record is a file of its own: a worker answering never delays an acknowledgement.

SQLite has one write lock per file. The worker processes write answers (the conversation, the
outbox) to the main database; with the event record there too, a burst of webhooks waited for
those transactions (p99 in seconds). These tests hold the main database's write lock the way an
answer transaction does and record a webhook's event meanwhile; and they check that erasure
empties the event file's write-ahead log as it does the main database's.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.app.composition import Services, build_services
from bot.privacy import FORGET_YES
from bot.settings import Settings
from bot.storage import NewEvent
from bot.storage.database import events_file_beside
from bot.types import IncomingMessage
from knowledge.embedders import Embedder
from knowledge.sync import sync_folders
from tests.consent import consent

USER = "U4af4980629d1c2e9a2e4a3b7e1c3d5f7"
SECRET_QUESTION = "ร้านขนมปังของสมหญิงเป็นหนี้นอกระบบสองล้านบาท จะขอสินเชื่อสีเขียวได้ไหม"


@pytest.fixture
def services(thai_folder: Path, tmp_path: Path, embedder: Embedder) -> Iterator[Services]:
    settings = Settings(_env_file=None, data_dir=tmp_path / "data")  # type: ignore[call-arg]
    sync_folders([thai_folder], settings.resolved_index_dir(), embedder)
    built = build_services(settings)
    yield built
    built.database.close()
    built.events_database.close()


def line_event(event_id: str, text: str) -> NewEvent:
    event = {"type": "message", "webhookEventId": event_id, "source": {"type": "user", "userId": USER}}
    event["message"] = {"type": "text", "id": "1", "text": text}
    return NewEvent(event_id, json.dumps({"destination": "Ubot", "event": event}, ensure_ascii=False))


def test_the_event_file_sits_beside_a_sqlite_database_and_postgresql_keeps_one_database() -> None:
    assert events_file_beside("sqlite:////srv/nzap/nzap.db") == "sqlite:////srv/nzap/nzap-events.db"
    assert events_file_beside("sqlite://") is None
    assert events_file_beside("postgresql+psycopg://nzap:pw@db/nzap") is None


def test_a_webhook_is_recorded_while_a_worker_holds_the_conversation_database(
    services: Services, tmp_path: Path
) -> None:
    answering = sqlite3.connect(tmp_path / "data" / "nzap.db", timeout=0.1)
    answering.execute("BEGIN IMMEDIATE")  # an answer transaction in a worker process: the file's one write lock
    try:
        started = time.monotonic()
        recorded = services.events.record_all("line", [line_event("01HQ0000000000000000000001", "ค่าไฟเท่าไหร่")])
        waited = time.monotonic() - started
    finally:
        answering.rollback()
        answering.close()
    assert recorded == {"01HQ0000000000000000000001"}
    assert waited < 1.0, f"the acknowledgement waited {waited:.2f} s for the worker's transaction"


def test_forget_leaves_the_users_words_nowhere_in_the_event_files(services: Services, tmp_path: Path) -> None:
    consent(services.engine, "line", USER)
    services.events.record_all("line", [line_event("01HQ0000000000000000000002", SECRET_QUESTION)])
    files = [tmp_path / "data" / "nzap-events.db", tmp_path / "data" / "nzap-events.db-wal"]

    def on_disk() -> bytes:
        return b"".join(path.read_bytes() for path in files if path.exists())

    assert SECRET_QUESTION.encode("utf-8") in on_disk()  # recorded before the acknowledgement
    taken = services.events.take("line", "01HQ0000000000000000000002", 30)
    assert taken is not None and services.events.finish(taken)  # answered: the record drops the text
    services.engine.process(IncomingMessage("line", USER, text="/forget"))
    services.engine.process(IncomingMessage("line", USER, action=FORGET_YES))
    assert SECRET_QUESTION.encode("utf-8") not in on_disk()
    assert USER.encode("ascii") not in on_disk()
