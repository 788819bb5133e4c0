"""Conversation state through the repository, identical on SQLite and PostgreSQL."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from bot.storage import ConversationRepository, Database, UnknownUserError
from bot.storage.models import Conversation, User, utcnow
from bot.types import Citation, Turn

THAI_QUESTION = "ค่าไฟ 10,000 หน่วย ปล่อยคาร์บอนเท่าไหร่ครับ"


def test_thai_text_round_trips(repository: ConversationRepository, database: Database) -> None:
    name = "คุณสมหญิง ใจดี (ร้านน้ำเต้าหู้)"
    user = repository.touch_user("line", "U-thai", name)
    conversation = repository.active_conversation(user.id)
    message_id = repository.add_user_message(conversation, THAI_QUESTION)

    assert repository.user(user.id).display_name == name
    assert repository.recent_turns(conversation, 10) == [Turn(role="user", text=THAI_QUESTION)]
    stored = repository.message(message_id)
    assert stored is not None
    assert stored.text.encode("utf-8") == THAI_QUESTION.encode("utf-8")
    with database.engine.connect() as connection:
        raw = connection.execute(text("SELECT text FROM messages WHERE id = :id"), {"id": message_id}).scalar()
    assert raw == THAI_QUESTION


def test_users_are_unique_per_channel(repository: ConversationRepository, database: Database) -> None:
    first = repository.touch_user("line", "U1", "สมชาย")
    time.sleep(0.002)
    again = repository.touch_user("line", "U1", None)
    renamed = repository.touch_user("line", "U1", "สมชาย ใจดี")
    other_channel = repository.touch_user("telegram", "U1", "สมชาย")

    assert again.id == renamed.id == first.id
    assert again.display_name == "สมชาย"  # None keeps the stored name
    assert renamed.display_name == "สมชาย ใจดี"
    assert again.last_seen_at > first.last_seen_at
    assert again.created_at == first.created_at
    assert other_channel.id != first.id

    with pytest.raises(IntegrityError), database.session() as session:
        now = utcnow()
        session.add(User(channel="line", platform_user_id="U1", created_at=now, last_seen_at=now))


def test_timestamps_are_timezone_aware_utc(repository: ConversationRepository) -> None:
    user = repository.touch_user("web", "w1", None)
    conversation = repository.active_conversation(user.id)
    stored = repository.message(repository.add_user_message(conversation, "hello"))
    assert stored is not None
    for moment in (user.created_at, user.last_seen_at, stored.created_at):
        assert moment.tzinfo is not None
        assert moment.utcoffset() == UTC.utcoffset(moment)
    assert abs((utcnow() - stored.created_at).total_seconds()) < 60


def test_history_is_oldest_first_and_limited(repository: ConversationRepository) -> None:
    user = repository.touch_user("telegram", "42", None)
    conversation = repository.active_conversation(user.id)
    assert repository.active_conversation(user.id) == conversation
    turns = [Turn("user" if i % 2 == 0 else "assistant", f"ข้อความที่ {i}") for i in range(7)]
    for turn in turns:
        if turn.role == "user":
            repository.add_user_message(conversation, turn.text)
        else:
            repository.add_assistant_message(conversation, turn.text, 0.8, "extractive", [], False)

    assert repository.recent_turns(conversation, 3) == turns[-3:]
    assert repository.recent_turns(conversation, 100) == turns
    assert repository.recent_turns(conversation, 0) == []


def test_last_user_question_is_the_one_before_the_current(repository: ConversationRepository) -> None:
    user = repository.touch_user("line", "U2", None)
    conversation = repository.active_conversation(user.id)
    repository.add_user_message(conversation, "โซลาร์รูฟท็อปช่วยลดคาร์บอนได้เท่าไหร่")
    assert repository.last_user_question(conversation) is None

    repository.add_assistant_message(conversation, "ประมาณ 0.62 ตันต่อปี", 0.9, "extractive", [], False)
    repository.add_user_message(conversation, "แล้วถ้า 5 กิโลวัตต์ล่ะ")
    assert repository.last_user_question(conversation) == "โซลาร์รูฟท็อปช่วยลดคาร์บอนได้เท่าไหร่"


def test_reset_starts_a_new_empty_conversation(repository: ConversationRepository, database: Database) -> None:
    user = repository.touch_user("line", "U3", None)
    old = repository.active_conversation(user.id)
    repository.add_user_message(old, THAI_QUESTION)

    new = repository.reset(user.id)

    assert new != old
    assert repository.active_conversation(user.id) == new
    assert repository.recent_turns(new, 10) == []
    assert repository.last_user_question(new) is None
    assert repository.recent_turns(old, 10) == [Turn("user", THAI_QUESTION)]
    with database.session() as session:
        ended = session.get(Conversation, old)
        assert ended is not None and ended.ended_at is not None
        assert ended.ended_at.tzinfo is not None


def test_only_one_active_conversation_per_user(repository: ConversationRepository, database: Database) -> None:
    user = repository.touch_user("line", "U4", None)
    repository.active_conversation(user.id)
    with pytest.raises(IntegrityError), database.session() as session:
        session.add(Conversation(user_id=user.id, started_at=utcnow()))


def test_citations_round_trip(repository: ConversationRepository, database: Database) -> None:
    user = repository.touch_user("line", "U5", None)
    conversation = repository.active_conversation(user.id)
    citations = [
        Citation(
            source="module-03/electricity.md",
            title="การคำนวณคาร์บอนจากค่าไฟฟ้า",
            module=3,
            week=3,
            heading="ตัวอย่างการคำนวณ",
        ),
        Citation(source="slides/week-05.pptx", title="คาร์บอนเครดิต", slide=7),
        Citation(source="handbook.pdf", title="คู่มือ", page=12),
    ]
    message_id = repository.add_assistant_message(
        conversation, "ประมาณ 4.75 ตันต่อเดือน", 0.82, "llm", citations, escalate=True
    )
    user_message_id = repository.add_user_message(conversation, THAI_QUESTION)

    stored = repository.message(message_id)
    assert stored is not None
    assert stored.role == "assistant"
    assert stored.citations == tuple(citations)
    assert stored.confidence == pytest.approx(0.82)
    assert stored.mode == "llm"
    assert stored.escalate is True

    plain = repository.message(user_message_id)
    assert plain is not None
    assert (plain.role, plain.citations, plain.confidence, plain.mode, plain.escalate) == (
        "user",
        (),
        None,
        None,
        False,
    )
    assert repository.message(999_999) is None

    # Thai in JSON is stored as characters, not \u escapes.
    with database.engine.connect() as connection:
        raw = connection.execute(
            text("SELECT CAST(citations AS TEXT) FROM messages WHERE id = :id"), {"id": message_id}
        ).scalar_one()
    assert "การคำนวณคาร์บอนจากค่าไฟฟ้า" in raw


def test_language_defaults_to_thai_and_can_change(repository: ConversationRepository) -> None:
    user = repository.touch_user("telegram", "7", None)
    assert user.language == "th"
    assert repository.user_language(user.id) == "th"

    repository.set_language(user.id, "en")
    assert repository.user_language(user.id) == "en"
    assert repository.touch_user("telegram", "7", None).language == "en"

    with pytest.raises(ValueError, match="unsupported language"):
        repository.set_language(user.id, "fr")  # type: ignore[arg-type]
    with pytest.raises(UnknownUserError):
        repository.user_language(999_999)
    with pytest.raises(UnknownUserError):
        repository.set_language(999_999, "th")


def test_concurrent_first_messages_share_one_user_and_conversation(database: Database) -> None:
    repository = ConversationRepository(database)

    def first_contact(_: int) -> tuple[int, int]:
        user = repository.touch_user("line", "U-race", "สมศรี")
        return user.id, repository.active_conversation(user.id)

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = set(pool.map(first_contact, range(16)))

    assert len(results) == 1
