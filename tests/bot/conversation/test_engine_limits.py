"""The abuse limits at the engine's front door: the rate notice once per wait, the "still answering"
notice, metrics; and two engines (two workers) sharing one user's limits through a real Redis."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.app.composition import build_engine
from bot.conversation.engine import ConversationEngine
from bot.limits import Limits, build_limits
from bot.observability.metrics import ANSWER_SECONDS, ESCALATIONS, LIMITED
from bot.settings import LimitsSettings, Settings
from bot.storage import open_database
from bot.types import IncomingMessage, TextReply
from knowledge.embedders import Embedder
from knowledge.sync import sync_folders
from tests.bot.limits.conftest import namespace, needs_redis, redis_url  # noqa: F401  (shared fixtures)
from tests.consent import consent

QUESTION = "ค่าการปล่อยก๊าซเรือนกระจกของไฟฟ้าเท่าไหร่ครับ"


def tight(redis: str | None = None, prefix: str = "nzap") -> Limits:
    """Two messages at once, then one per 100 minutes; one answer at a time."""
    settings = LimitsSettings(messages_per_minute=0.01, burst=2)  # type: ignore[call-arg]
    return build_limits(settings, redis, namespace=prefix)


def engines(tmp_path: Path, thai_folder: Path, embedder: Embedder, *limits: Limits) -> list[ConversationEngine]:
    """One engine per ``limits`` over the same index and database (like workers of one deployment)."""
    settings = Settings(_env_file=None, data_dir=tmp_path / "data")  # type: ignore[call-arg]
    sync_folders([thai_folder], settings.resolved_index_dir(), embedder)
    database = open_database(settings.resolved_database_url())
    built = [build_engine(settings, embedder, database=database, limits=each) for each in limits]
    # Consent without spending the limits: the engines' own limits are not asked here.
    consent(build_engine(settings, embedder, database=database), "web", "U1")
    return built


def ask(engine: ConversationEngine, text: str = QUESTION, user: str = "U1") -> list[str]:
    replies = engine.process(IncomingMessage(channel="web", user_id=user, text=text)).replies
    return [r.text for r in replies if isinstance(r, TextReply)]


def test_over_the_rate_one_notice_then_silence_and_metrics(
    tmp_path: Path, thai_folder: Path, embedder: Embedder
) -> None:
    [engine] = engines(tmp_path, thai_folder, embedder, tight())
    limited = LIMITED.labels("web", "rate")._value.get()
    answers = ANSWER_SECONDS.labels("answer")._sum.get()
    assert "4,750" in ask(engine)[0]
    assert "4,750" in ask(engine)[0]
    [notice] = ask(engine)
    assert "ข้อความมาเร็วไปนิด" in notice and "100 นาที" in notice
    assert ask(engine) == [] and ask(engine) == []
    assert LIMITED.labels("web", "rate")._value.get() - limited == 3
    assert ANSWER_SECONDS.labels("answer")._sum.get() > answers  # the two answers were timed
    # Another user is not affected.
    consent(engine, "web", "U2")  # spends U2's first message
    assert "4,750" in ask(engine, user="U2")[0]


def test_a_question_while_the_previous_one_is_answered_gets_the_busy_notice(
    tmp_path: Path, thai_folder: Path, embedder: Embedder
) -> None:
    limits = build_limits(LimitsSettings(), None)  # type: ignore[call-arg]
    [engine] = engines(tmp_path, thai_folder, embedder, limits)
    before = LIMITED.labels("web", "busy")._value.get()
    assert limits.answers.acquire("web:U1")  # the previous question, still being answered
    [busy] = ask(engine)
    assert "กำลังตอบคำถามก่อนหน้า" in busy
    assert ask(engine, "สวัสดีครับ")[0].startswith("สวัสดีครับ"), "a greeting needs no answer slot"
    limits.answers.release("web:U1")
    assert "4,750" in ask(engine)[0]
    assert LIMITED.labels("web", "busy")._value.get() - before == 1
    assert limits.answers.acquire("web:U1"), "the slot is given back after the answer"


def test_escalations_are_counted(tmp_path: Path, thai_folder: Path, embedder: Embedder) -> None:
    [engine] = engines(tmp_path, thai_folder, embedder, build_limits(LimitsSettings(), None))  # type: ignore[call-arg]
    before = ESCALATIONS.labels("web")._value.get()
    ask(engine, "ขอคุยกับพี่เลี้ยงเรื่องขายไฟโซลาร์คืนการไฟฟ้าได้ไหมครับ")
    ask(engine, "ขอคุยกับพี่เลี้ยงเรื่องขายไฟโซลาร์คืนการไฟฟ้าได้ไหมครับ")  # joins the same ticket: not counted
    assert ESCALATIONS.labels("web")._value.get() - before == 1


@needs_redis
@pytest.mark.needs_system
def test_two_engines_share_a_users_rate_and_answer_slot_through_redis(
    tmp_path: Path,
    thai_folder: Path,
    embedder: Embedder,
    redis_url: str,  # noqa: F811
    namespace: str,  # noqa: F811
) -> None:
    first_limits, second_limits = tight(redis_url, namespace), tight(redis_url, namespace)
    first, second = engines(tmp_path, thai_folder, embedder, first_limits, second_limits)
    assert first_limits.backend == "redis"
    assert first_limits.answers.acquire("web:U1")  # a question in progress on the first worker
    assert "กำลังตอบคำถามก่อนหน้า" in ask(second)[0]  # the second worker sees it
    first_limits.answers.release("web:U1")
    assert "4,750" in ask(first)[0]  # the burst of two is spent across both workers...
    [notice] = ask(second)
    assert "ข้อความมาเร็วไปนิด" in notice
    assert ask(first) == [] and ask(second) == []  # ...and the notice is given once, not once per worker


def test_without_limits_nothing_is_limited(tmp_path: Path, thai_folder: Path, embedder: Embedder) -> None:
    settings = Settings(_env_file=None, data_dir=tmp_path / "data")  # type: ignore[call-arg]
    sync_folders([thai_folder], settings.resolved_index_dir(), embedder)
    engine = build_engine(settings, embedder)
    consent(engine, "web", "U1")
    for _ in range(8):
        assert "4,750" in ask(engine)[0]


def test_the_notices_follow_the_users_language(tmp_path: Path, thai_folder: Path, embedder: Embedder) -> None:
    [engine] = engines(tmp_path, thai_folder, embedder, tight())
    engine.set_language("web", "U1", "en")
    ask(engine)
    ask(engine)
    [notice] = ask(engine)
    assert "too fast" in notice and "100 minutes" in notice
