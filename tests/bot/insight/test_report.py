"""The staff report over a seeded history: what a programme coordinator reads in ``nzap report``.

Unanswered Thai questions typed the way owners type them, about three things the sample course
does not answer in detail (rooftop solar practicalities, green loans, CBAM paperwork), asked on
three channels; the report must put each subject's questions together and in its module.
"""

from __future__ import annotations

import argparse
import io
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.app import report_cli
from bot.app.composition import build_retriever
from bot.insight.digest import DigestWorker
from bot.insight.report import build_report
from bot.settings import Settings
from bot.storage import ConversationRepository, Database, open_database
from bot.storage.feedback import FeedbackRepository
from bot.storage.models import OutboxMessage
from knowledge.embedders import Embedder

SOLAR = [
    "ติดโซล่าเซลล์บนหลังคาโรงงานต้องขออนุญาตใครบ้างคะ",
    "แผงโซลาร์ยี่ห้อไหนทนแดดทนฝนที่สุดครับ",
    "โซล่ารูฟท็อปต้องล้างแผงบ่อยแค่ไหน",
    "อินเวอร์เตอร์โซลาร์เซลล์พังต้องเปลี่ยนใหม่ราคาเท่าไหร่",
    "solar rooftop ขายไฟคืนการไฟฟ้าได้หน่วยละกี่บาท",
]
LOANS = [
    "กู้เงินธนาคารมาทำโครงการลดคาร์บอนดอกเบี้ยกี่เปอร์เซ็นต์",
    "สินเชื่อสีเขียวต้องใช้หลักทรัพย์ค้ำประกันไหมคะ",
    "green loan ธนาคารไหนอนุมัติง่ายสุด",
    "ขอสินเชื่อเปลี่ยนเครื่องจักรประหยัดพลังงานผ่อนได้กี่ปี",
]
CBAM = [
    "cbam เก็บภาษีสินค้าส่งออกไปยุโรปเท่าไหร่",
    "ส่งออกเหล็กไป EU ต้องรายงานคาร์บอนยังไงบ้าง",
    "ภาษีคาร์บอนชายแดนของยุโรปกระทบ SME ไทยไหม",
    "CBAM ต้องยื่นเอกสารอะไรบ้างครับ",
]
CHANNELS = ("line", "telegram", "web")


@pytest.fixture
def history(tmp_path: Path) -> Iterator[tuple[Database, Settings]]:
    """A database where every seeded question went unanswered; one solar answer was also rated 👎."""
    settings = Settings(_env_file=None, data_dir=tmp_path / "data")  # type: ignore[call-arg]
    with open_database(settings.resolved_database_url()) as database:
        repository = ConversationRepository(database)
        for number, question in enumerate(SOLAR + LOANS + CBAM):
            user = repository.touch_user(CHANNELS[number % 3], f"sme-{number}")
            conversation = repository.active_conversation(user.id)
            repository.add_user_message(conversation, question)
            repository.add_assistant_message(
                conversation, "ยังไม่มีข้อมูลเรื่องนี้", 0.1, "extractive", [], True, coverage="not_covered"
            )
        answered = repository.touch_user("line", "sme-happy")
        conversation = repository.active_conversation(answered.id)
        repository.add_user_message(conversation, "โซล่ารูฟท็อปคืนทุนกี่ปี")
        answer = repository.add_assistant_message(conversation, "ราว 5-7 ปี", 0.9, "extractive", [], coverage="answered")
        FeedbackRepository(database).rate(answered.id, answer, "down")
        yield database, settings


def test_unanswered_questions_are_grouped_by_subject_and_placed_in_their_module(
    history: tuple[Database, Settings], insight_index: Path, embedder: Embedder
) -> None:
    database, settings = history
    retriever = build_retriever(settings.model_copy(update={"index_dir": insight_index}), embedder)
    report = build_report(database, embedder, retriever, days=7)

    rated = "โซล่ารูฟท็อปคืนทุนกี่ปี"
    solar = next(t for t in report.topics if set(t.examples) & set(SOLAR))
    assert solar.questions == len(SOLAR) + 1 and set(solar.examples) <= {*SOLAR, rated}
    assert solar.module == 5 and solar.why == {"not_covered": 5, "disliked": 1}  # the 👎 joins its subject
    loans = next(t for t in report.topics if set(t.examples) & set(LOANS))
    assert loans.questions == len(LOANS) and set(loans.examples) == set(LOANS) and loans.module == 10
    cbam = next(t for t in report.topics if set(t.examples) & set(CBAM))
    assert cbam.questions == len(CBAM) and set(cbam.examples) == set(CBAM) and cbam.module == 8
    assert report.coverage == {"answered": 1, "partial": 0, "not_covered": 13}
    assert report.per_channel == {"line": 6, "telegram": 4, "web": 4}
    assert report.ratings == {"up": 0, "down": 1}


def test_nzap_report_prints_thai_with_buddhist_era_dates_and_the_questions_as_typed(
    history: tuple[Database, Settings], insight_index: Path
) -> None:
    _, settings = history
    settings = settings.model_copy(update={"index_dir": insight_index})
    out = io.StringIO()
    args = argparse.Namespace(days=7, json=False, en=False, post=False)
    assert report_cli.run(settings, args, out) == 0
    text = out.getvalue()
    year = str(datetime.now(UTC).year + 543)[2:]
    assert text.startswith("📊 รายงานผู้ช่วย NZAP") and f" {year} " in text.splitlines()[0]
    assert "คำถามทั้งหมด 14 ข้อ" in text and "ไม่มีในเนื้อหา 13" in text
    assert "อยู่ในโมดูล 5" in text and "อยู่ในโมดูล 10" in text
    assert sum(f"• {question}\n" in text for question in SOLAR) == 3  # three examples, as they were typed

    out = io.StringIO()
    report_cli.run(settings, argparse.Namespace(days=7, json=True, en=False, post=False), out)
    data = json.loads(out.getvalue())
    assert data["questions"] == 14 and sum(t["questions"] for t in data["topics"]) == 14


def test_the_weekly_digest_reaches_each_mentor_group_once_whoever_runs_it(history: tuple[Database, Settings]) -> None:
    database, _ = history
    targets = [("telegram", "-1001234567890"), ("line", "C0123456789abcdef0123456789abcdef")]
    monday_morning = datetime(2026, 12, 7, 3, 0, tzinfo=UTC)  # 10:00 in Bangkok
    workers = [
        DigestWorker(database, targets, lambda: "📊 รายงานประจำสัปดาห์", weekday=0, hour=9, clock=lambda: monday_morning)
        for _ in range(2)
    ]
    assert workers[0].run_once() == 2 and workers[1].run_once() == 0
    with database.session() as session:
        rows = session.query(OutboxMessage).filter(OutboxMessage.purpose == "notice").all()
        assert sorted((r.channel, r.recipient) for r in rows) == sorted(targets)
        assert all(r.payload[0]["text"] == "📊 รายงานประจำสัปดาห์" for r in rows)
    sunday = DigestWorker(database, targets, lambda: "x", weekday=6, hour=9, clock=lambda: monday_morning)
    assert sunday.run_once() == 0  # not due yet this week
