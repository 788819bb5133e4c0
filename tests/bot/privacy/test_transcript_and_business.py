"""The web chat's transcript and the business name live under the same rules as the rest: shown by
``/mydata``, erased by ``/forget``, purged after the retention period; SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from bot.mentoring import Outbox, TicketService
from bot.privacy import PrivacyService
from bot.storage import ConversationRepository, Database, WebTranscript
from bot.storage.models import User, WebTranscriptEntry

NOW = datetime.fromisoformat("2027-06-01T09:00:00+00:00")
OLD = NOW - timedelta(days=200)
QUESTION = "โซลาร์คาร์พอร์ตแพงกว่ารูฟท็อปไหม"
BUSINESS = "ร้านกาแฟบ้านสวน"


def web_user(database: Database) -> int:
    repository = ConversationRepository(database)
    user = repository.touch_user("web", "w" + "3f" * 20)
    repository.set_business_name(user.id, BUSINESS, NOW)
    transcript = WebTranscript(database)
    transcript.add(user.id, "user", [{"kind": "text", "text": QUESTION}], at=NOW)
    reply = {"kind": "quick_replies", "text": "ยังไม่มีข้อมูลเรื่องนี้", "options": [{"label": "ส่งให้พี่เลี้ยง", "action": "x"}]}
    transcript.add(user.id, "assistant", [reply], at=NOW)
    return user.id


def test_mydata_shows_the_web_transcript_and_the_business_name(database: Database) -> None:
    user_id = web_user(database)
    exported = PrivacyService(database).export(user_id)
    assert exported["user"]["business_name"] == BUSINESS
    assert [entry["role"] for entry in exported["web_chat"]] == ["user", "assistant"]
    assert exported["web_chat"][0]["text"] == QUESTION
    assert "ยังไม่มีข้อมูลเรื่องนี้" in exported["web_chat"][1]["text"]


def test_forget_erases_the_transcript_and_the_business_name_even_when_a_ticket_keeps_the_user(
    database: Database,
) -> None:
    user_id = web_user(database)
    repository = ConversationRepository(database)
    TicketService(database, Outbox(database)).create_or_attach(
        user_id, repository.active_conversation(user_id), QUESTION, {}
    )
    PrivacyService(database).erase(user_id)
    with database.session() as session:
        assert session.scalars(select(WebTranscriptEntry)).all() == []
        user = session.get(User, user_id)
        assert user is not None and user.business_name is None and user.business_asked_at is None
    assert WebTranscript(database).recent(user_id) == []


def test_the_retention_purge_drops_old_transcript_rows_and_business_names(database: Database) -> None:
    user_id = web_user(database)
    WebTranscript(database).add(user_id, "user", [{"kind": "text", "text": "คำถามเก่ามาก"}], at=OLD)
    with database.session() as session:
        session.get(User, user_id).last_seen_at = OLD  # type: ignore[union-attr]
    report = PrivacyService(database, retention_days=180).purge(now=NOW)
    assert report.messages == 1
    kept = [e.payload[0].get("text") for e in WebTranscript(database).recent(user_id)]
    assert "คำถามเก่ามาก" not in kept and QUESTION in kept
    assert ConversationRepository(database).user(user_id).business_name is None
