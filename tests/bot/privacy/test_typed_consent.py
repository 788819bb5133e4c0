"""Typing "ตกลงครับ" under the privacy notice agrees to it, as pressing "ยินยอม" does."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.app.composition import build_engine
from bot.conversation.engine import ConversationEngine
from bot.privacy import typed_consent
from bot.settings import Settings
from bot.storage import ConversationRepository
from bot.storage.models import utcnow
from bot.types import IncomingMessage, QuickReplies, TextReply
from ingestion import thai
from knowledge.embedders import Embedder
from knowledge.sync import sync_folders


@pytest.fixture
def engine(thai_folder: Path, tmp_path: Path, embedder: Embedder) -> ConversationEngine:
    settings = Settings(_env_file=None, data_dir=tmp_path / "data")  # type: ignore[call-arg]
    sync_folders([thai_folder], settings.resolved_index_dir(), embedder)
    return build_engine(settings, embedder)


def web(engine: ConversationEngine, text: str) -> list[object]:
    return list(engine.handle(IncomingMessage(channel="web", user_id="session-typed-01", text=thai.normalize(text))))


def test_typing_agreement_under_the_notice_counts_as_the_button(engine: ConversationEngine) -> None:
    [notice] = web(engine, "ค่าการปล่อยก๊าซเรือนกระจกของไฟฟ้าเท่าไหร่ครับ")
    assert isinstance(notice, QuickReplies) and "ข้อมูลส่วนบุคคล" in notice.text
    thanks, answer, *_ = web(engine, "ตกลงครับ")
    # The consent is recorded (no second notice) and the question sent before it is answered at once.
    assert isinstance(thanks, TextReply) and "ข้อมูลส่วนบุคคล" not in thanks.text
    assert "0.4750" in answer.text  # type: ignore[attr-defined]
    replies = web(engine, "โครงการ T-VER ดำเนินการโดยใคร")
    assert "อบก." in replies[0].text  # type: ignore[attr-defined]


def test_a_question_that_starts_with_ok_is_not_an_agreement(engine: ConversationEngine) -> None:
    [notice] = web(engine, "โอเค แล้ว scope 2 คืออะไร")
    assert isinstance(notice, QuickReplies) and "ข้อมูลส่วนบุคคล" in notice.text
    [again] = web(engine, "scope 2 คืออะไร")
    assert isinstance(again, QuickReplies) and "ข้อมูลส่วนบุคคล" in again.text


@pytest.mark.parametrize("typed", ["ยอมรับ", "ตกลงครับ", "ok", "OK ค่ะ", "ยินยอมค่ะ", "โอเค"])
def test_the_ways_people_agree(typed: str) -> None:
    assert typed_consent(thai.fold_for_matching(typed))


@pytest.mark.parametrize("typed", ["ไม่ตกลง", "ตกลงแล้ว scope 2 คืออะไร", "ok ค่าไฟเท่าไหร่", ""])
def test_what_is_not_an_agreement(typed: str) -> None:
    assert not typed_consent(thai.fold_for_matching(typed))



def test_consent_to_an_older_notice_is_asked_again_and_the_question_answered_after(engine: ConversationEngine) -> None:
    # A user who agreed before the notice named the data stored since (feedback, reminders, web history)
    # sees the current notice once before anything new is stored, and is then answered.
    user = ConversationRepository(engine.database).touch_user("web", "session-typed-01")
    ConversationRepository(engine.database).set_consent(user.id, "given", "2026-11", utcnow())
    [again] = web(engine, "ค่าการปล่อยก๊าซเรือนกระจกของไฟฟ้าเท่าไหร่ครับ")
    assert isinstance(again, QuickReplies) and "ความเห็นต่อคำตอบ" in again.text
    thanks, answer, *_ = web(engine, "ยอมรับ")
    assert isinstance(thanks, TextReply) and "ข้อมูลส่วนบุคคล" not in thanks.text
    assert "0.4750" in answer.text  # type: ignore[attr-defined]
