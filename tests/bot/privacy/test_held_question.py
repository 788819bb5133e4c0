"""The first question survives consent: held (its text only) while the notice waits, answered right after
"ยินยอม" or a typed "ตกลง", deleted on a refusal, on ``/forget`` and after 30 minutes."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from bot.app.composition import build_engine
from bot.conversation.engine import ConversationEngine
from bot.privacy import CONSENT_NO, CONSENT_YES, FORGET_YES, PrivacyService
from bot.privacy.worker import RetentionWorker
from bot.settings import Settings
from bot.storage import ConversationRepository, Database
from bot.storage.models import HeldQuestion, Message, utcnow
from bot.types import IncomingMessage, QuickReplies, Reply, SourceList, TextReply
from ingestion import thai
from knowledge.embedders import Embedder
from knowledge.sync import sync_folders

SESSION = "session-held-0001"
QUESTION = "ค่าการปล่อยก๊าซเรือนกระจกของไฟฟ้าเท่าไหร่ครับ"
LATER_QUESTION = "โครงการ T-VER ดำเนินการโดยใคร"


@pytest.fixture
def engine(thai_folder: Path, tmp_path: Path, embedder: Embedder, database: Database) -> ConversationEngine:
    settings = Settings(_env_file=None, data_dir=tmp_path / "data")  # type: ignore[call-arg]
    sync_folders([thai_folder], settings.resolved_index_dir(), embedder)
    return build_engine(settings, embedder, database=database)


def says(engine: ConversationEngine, text: str) -> list[Reply]:
    return engine.handle(IncomingMessage(channel="web", user_id=SESSION, text=thai.normalize(text)))


def presses(engine: ConversationEngine, action: str) -> list[Reply]:
    return engine.handle(IncomingMessage(channel="web", user_id=SESSION, action=action))


def held(database: Database) -> list[str]:
    with database.session() as session:
        return list(session.scalars(select(HeldQuestion.text)))


def stored_messages(database: Database) -> list[str]:
    with database.session() as session:
        return list(session.scalars(select(Message.text).order_by(Message.id)))


def texts(replies: list[Reply]) -> str:
    return "\n".join(r.text for r in replies if isinstance(r, (TextReply, QuickReplies)))


def test_the_notice_says_the_question_is_kept_briefly_and_why(engine: ConversationEngine) -> None:
    [notice] = says(engine, QUESTION)
    assert isinstance(notice, QuickReplies)
    assert "คำถามล่าสุด" in notice.text and "30 นาที" in notice.text and "ถ้าไม่ยินยอม" in notice.text
    engine.set_language("web", SESSION, "en")
    [english] = says(engine, QUESTION)
    assert "latest question" in english.text and "30 minutes" in english.text  # type: ignore[attr-defined]


def test_the_first_question_is_answered_right_after_pressing_consent(
    engine: ConversationEngine, database: Database
) -> None:
    [notice] = says(engine, QUESTION)
    assert "4,750" not in notice.text  # type: ignore[attr-defined]
    # Held, text only; nothing of the conversation is stored before consent.
    assert held(database) == [QUESTION] and stored_messages(database) == []

    thanks, answer, *rest = presses(engine, CONSENT_YES)
    assert isinstance(thanks, TextReply) and "บันทึกความยินยอมแล้ว" in thanks.text
    assert "คำตอบของคำถามที่คุณส่งมาก่อนหน้านี้" in thanks.text
    assert isinstance(answer, TextReply) and "0.4750" in answer.text
    assert any(isinstance(r, SourceList) for r in rest)
    # Now stored like any question of someone who agreed, and no longer held.
    assert held(database) == [] and stored_messages(database)[0] == QUESTION
    # A second press answers nothing twice.
    [again] = presses(engine, CONSENT_YES)
    assert "0.4750" not in again.text  # type: ignore[attr-defined]


def test_typing_ok_answers_only_the_latest_question(engine: ConversationEngine, database: Database) -> None:
    says(engine, QUESTION)
    says(engine, LATER_QUESTION)
    assert held(database) == [LATER_QUESTION]
    thanks, answer, *_ = says(engine, "ok ครับ")
    assert "บันทึกความยินยอมแล้ว" in thanks.text  # type: ignore[attr-defined]
    assert "อบก." in answer.text and "0.4750" not in answer.text  # type: ignore[attr-defined]
    assert stored_messages(database)[0] == LATER_QUESTION


def test_a_greeting_is_not_held_and_consent_invites_the_question(
    engine: ConversationEngine, database: Database
) -> None:
    says(engine, "สวัสดีครับ")
    assert held(database) == []
    [thanks] = says(engine, "ตกลง")
    # One message: the invitation to ask, with the session reminders' opt-in button under it.
    assert isinstance(thanks, QuickReplies) and "พิมพ์คำถามได้เลย" in thanks.text
    assert [o.action for o in thanks.options] == ["remind:on"]


def test_declining_deletes_the_held_question(engine: ConversationEngine, database: Database) -> None:
    says(engine, QUESTION)
    [refused] = presses(engine, CONSENT_NO)
    assert "ลบแล้ว" in refused.text  # type: ignore[attr-defined]
    assert held(database) == []
    # Questions after a refusal are not held either: the refusal says nothing is kept.
    says(engine, LATER_QUESTION)
    assert held(database) == []
    [thanks] = presses(engine, CONSENT_YES)
    assert "พิมพ์คำถามได้เลย" in thanks.text  # type: ignore[attr-defined]


def test_a_question_held_over_30_minutes_is_not_answered(engine: ConversationEngine, database: Database) -> None:
    says(engine, QUESTION)
    with database.session() as session:
        session.execute(update(HeldQuestion).values(held_at=utcnow() - timedelta(minutes=31)))
    [thanks] = presses(engine, CONSENT_YES)
    assert "พิมพ์คำถามได้เลย" in thanks.text  # type: ignore[attr-defined]
    assert held(database) == [] and stored_messages(database) == []


def test_mydata_shows_the_held_question_and_forget_deletes_it(engine: ConversationEngine, database: Database) -> None:
    says(engine, QUESTION)
    _, document = says(engine, "/mydata")
    assert QUESTION in document.text  # type: ignore[attr-defined]
    [confirm] = says(engine, "/forget")
    assert isinstance(confirm, QuickReplies)
    presses(engine, FORGET_YES)
    assert held(database) == []


def test_stale_held_questions_go_in_the_minute_round_and_in_the_purge(database: Database) -> None:
    repository = ConversationRepository(database)
    now = utcnow()
    fresh, stale, older = (repository.touch_user("line", f"U{n:032d}") for n in range(3))
    repository.hold_question(fresh.id, "ค่าไฟ 10,000 หน่วยปล่อยคาร์บอนเท่าไหร่", now - timedelta(minutes=5))
    repository.hold_question(stale.id, "โซลาร์รูฟท็อปคืนทุนกี่ปี", now - timedelta(minutes=40))
    repository.hold_question(older.id, "scope 2 คืออะไร", now - timedelta(days=2))
    service = PrivacyService(database, clock=lambda: now)
    assert service.purge(dry_run=True).held_questions == 2 and len(held(database)) == 3

    async def one_round() -> int | None:
        return await RetentionWorker(service, every_hours=0).sweep_once()

    assert asyncio.run(one_round()) == 2
    assert held(database) == ["ค่าไฟ 10,000 หน่วยปล่อยคาร์บอนเท่าไหร่"]
    assert service.purge(now=now + timedelta(minutes=31)).held_questions == 1
    assert held(database) == []
