"""The retention period (``now`` injected, never the wall clock), the daily worker, and ``nzap privacy``
as a real process; SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.mentoring import Outbox, TicketService
from bot.privacy import ERASED_TEXT, PrivacyService
from bot.privacy.worker import RetentionWorker
from bot.storage import ConversationRepository, Database, FootprintRepository, KeptActivity
from bot.storage.engagement_models import FootprintEntry
from bot.storage.models import Conversation, Message, OutboxMessage, Ticket, User
from bot.types import TextReply

REPO = Path(__file__).resolve().parents[3]
NOW = datetime.fromisoformat("2027-06-01T09:00:00+00:00")
OLD = NOW - timedelta(days=200)
RECENT = NOW - timedelta(days=10)


def programme(database: Database) -> dict[str, int]:
    """An old, finished conversation and ticket; a recent one; an old ticket still open; an idle user."""
    repository = ConversationRepository(database)
    tickets = TicketService(database, Outbox(database), clock=lambda: OLD)
    old_user = repository.touch_user("line", "U" + "1" * 32, "คุณเก่า นานแล้ว")
    old_conversation = repository.active_conversation(old_user.id)
    repository.add_user_message(old_conversation, "ข้อความเก่ามากของคุณเก่า")
    repository.add_assistant_message(old_conversation, "คำตอบเก่า", 0.9, "extractive", [])
    done, _ = tickets.create_or_attach(old_user.id, old_conversation, "คำถามเก่าที่ปิดแล้ว", {"turns": []})
    tickets.close(done.id, f"user:{old_user.id}")
    waiting, _ = tickets.create_or_attach(old_user.id, old_conversation, "คำถามเก่าที่ยังรอพี่เลี้ยง", {})
    Outbox(database).add("line", old_user.platform_user_id, [TextReply("ส่งไปนานแล้ว")], purpose="notice", ticket_id=None)
    recent_user = repository.touch_user("telegram", "42", "คุณใหม่")
    recent_conversation = repository.active_conversation(recent_user.id)
    repository.add_user_message(recent_conversation, "ข้อความใหม่ของคุณใหม่")
    with database.session() as session:
        # Backdate what the old user did; the recent user's things stay recent.
        for message in session.scalars(select(Message).where(Message.conversation_id == old_conversation)):
            message.created_at = OLD
        session.get(Conversation, old_conversation).started_at = OLD  # type: ignore[union-attr]
        session.get(User, old_user.id).last_seen_at = OLD  # type: ignore[union-attr]
        for row in session.scalars(select(OutboxMessage)):
            row.created_at, row.status = OLD, "delivered"
        for message in session.scalars(select(Message).where(Message.conversation_id == recent_conversation)):
            message.created_at = RECENT
        session.get(User, recent_user.id).last_seen_at = RECENT  # type: ignore[union-attr]
    return {"done": done.id, "waiting": waiting.id, "old_user": old_user.id, "recent_user": recent_user.id}


def texts(database: Database) -> list[str]:
    with database.session() as session:
        return sorted(session.scalars(select(Message.text)).all())


def test_footprint_entries_not_updated_within_the_period_are_purged(database: Database) -> None:
    repository, footprints = ConversationRepository(database), FootprintRepository(database)
    owner = repository.touch_user("line", "U" + "2" * 32).id
    diesel = KeptActivity(
        "diesel:mobile", "diesel_mobile", "น้ำมันดีเซล", "Diesel", 2_000, "litre", "month", 65_774.4, 1, 2022, "อบก."
    )
    footprints.keep(owner, [diesel, replace(diesel, source="grid_electricity", scope=2)])
    with database.session() as session:
        session.scalars(select(FootprintEntry).where(FootprintEntry.source == "diesel:mobile")).one().updated_at = OLD
    service = PrivacyService(database, retention_days=180)
    assert service.purge(now=NOW, dry_run=True).footprint_entries == 1
    assert len(footprints.entries(owner)) == 2
    assert service.purge(now=NOW).footprint_entries == 1
    assert [e.activity.source for e in footprints.entries(owner)] == ["grid_electricity"], "updated lately: kept"


def test_a_dry_run_counts_and_changes_nothing_then_the_purge_applies(database: Database) -> None:
    ids = programme(database)
    service = PrivacyService(database, retention_days=180)
    before = texts(database)
    dry = service.purge(now=NOW, dry_run=True)
    assert (dry.messages, dry.conversations, dry.tickets, dry.outbox, dry.display_names) == (2, 1, 1, 1, 1)
    assert dry.dry_run and dry.cutoff == NOW - timedelta(days=180)
    assert texts(database) == before

    report = service.purge(now=NOW)
    assert report.as_json() == {**dry.as_json(), "dry_run": False}
    assert texts(database) == ["ข้อความใหม่ของคุณใหม่"]
    with database.session() as session:
        done = session.get(Ticket, ids["done"])
        waiting = session.get(Ticket, ids["waiting"])
        assert done is not None and done.question == ERASED_TEXT and done.status == "closed"
        assert waiting is not None and waiting.question == "คำถามเก่าที่ยังรอพี่เลี้ยง", "still in work: kept"
        assert session.get(User, ids["old_user"]).display_name is None  # type: ignore[union-attr]
        assert session.get(User, ids["recent_user"]).display_name == "คุณใหม่"  # type: ignore[union-attr]
        assert session.scalars(select(OutboxMessage)).all() == []
    again = service.purge(now=NOW)
    assert (again.messages, again.conversations, again.tickets, again.outbox, again.display_names) == (0, 0, 0, 0, 0)


def test_nothing_is_purged_before_its_time(database: Database) -> None:
    programme(database)
    report = PrivacyService(database, retention_days=365).purge(now=NOW)
    assert (report.messages, report.tickets, report.display_names) == (0, 0, 0)


def test_the_worker_purges_at_start_and_stops_cleanly(database: Database) -> None:
    programme(database)
    service = PrivacyService(database, retention_days=180, clock=lambda: NOW)

    async def run() -> None:
        worker = RetentionWorker(service, every_hours=24)
        await worker.start()
        for _ in range(500):  # the first round runs at once, in a thread
            if texts(database) == ["ข้อความใหม่ของคุณใหม่"]:
                break
            await asyncio.sleep(0.01)
        await worker.stop()
        assert (await worker.run_once()) is not None  # a later round finds nothing left: still a report

    asyncio.run(run())
    assert texts(database) == ["ข้อความใหม่ของคุณใหม่"]


def test_a_worker_with_zero_hours_never_purges(database: Database) -> None:
    programme(database)
    service = PrivacyService(database, retention_days=180, clock=lambda: NOW)

    async def run() -> None:
        worker = RetentionWorker(service, every_hours=0)
        await worker.start()
        await asyncio.sleep(0.05)
        await worker.stop()

    asyncio.run(run())
    assert len(texts(database)) == 3


def nzap(database_url: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "NZAP_DATABASE_URL": database_url, "NZAP_DATA_DIR": str(tmp_path)}
    return subprocess.run([sys.executable, "-m", "bot.app.cli", "privacy", *args], env=env, capture_output=True, text=True)


@pytest.mark.slow
def test_nzap_privacy_export_forget_and_purge_as_a_process(
    database: Database, database_url: str, tmp_path: Path
) -> None:
    programme(database)
    user = "U" + "1" * 32
    exported = nzap(database_url, tmp_path, "export", "--channel", "line", "--user", user)
    assert exported.returncode == 0, exported.stderr
    data = json.loads(exported.stdout)
    assert data["user"]["display_name"] == "คุณเก่า นานแล้ว" and len(data["tickets"]) == 2

    unconfirmed = nzap(database_url, tmp_path, "forget", "--channel", "line", "--user", user)
    assert unconfirmed.returncode == 2 and "--yes" in unconfirmed.stderr
    assert PrivacyService(database).find("line", user) is not None
    forgotten = nzap(database_url, tmp_path, "forget", "--channel", "line", "--user", user, "--yes")
    assert forgotten.returncode == 0 and "ลบข้อมูลของ" in forgotten.stderr
    assert PrivacyService(database).find("line", user) is None
    missing = nzap(database_url, tmp_path, "export", "--channel", "line", "--user", user)
    assert missing.returncode == 2 and "ไม่พบผู้ใช้" in missing.stderr

    # Against the real clock nothing here is 180 days old: the dry run only reports.
    purged = nzap(database_url, tmp_path, "purge", "--dry-run")
    assert purged.returncode == 0 and "ทดลอง" in purged.stderr and json.loads(purged.stdout)["dry_run"] is True
    assert texts(database) == ["ข้อความใหม่ของคุณใหม่"]
