"""Ticket analytics for programme staff: time to claim, time to answer, tickets by topic."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from prometheus_client import REGISTRY

from bot.mentoring import MentorRegistry, Outbox, TicketService
from bot.mentoring.analytics import Durations, ticket_stats
from bot.storage import ConversationRepository, Database

T0 = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
REPO = Path(__file__).resolve().parents[3]


def _programme(database: Database) -> None:
    """Three tickets: claimed after 10 min and answered after 40; answered directly after 90; still open."""
    now = [T0]
    tickets = TicketService(database, Outbox(database), clock=lambda: now[0])
    repository = ConversationRepository(database)
    mentor = MentorRegistry(database).add("พี่ฝน", telegram_user_id=777)
    questions = [
        ("ขอวิธีคิดคาร์บอนจากรถกระบะดีเซลค่ะ", ["module:3", "week:3", "ขนส่ง"]),
        ("โซลาร์รูฟท็อปคืนทุนกี่ปีครับ", ["module:5", "week:5"]),
        ("ค่าไฟช่วงนี้ลดยังไงดี", ["module:5", "ไฟฟ้า"]),
    ]
    made = []
    for index, (question, tags) in enumerate(questions):
        user = repository.touch_user("line", f"U{index:032x}", f"ผู้ประกอบการ {index}")
        made.append(tickets.create_or_attach(user.id, None, question, {}, tags)[0])
    now[0] = T0 + timedelta(minutes=10)
    tickets.claim(made[0].id, mentor.id)
    now[0] = T0 + timedelta(minutes=40)
    tickets.answer(made[0].id, mentor.id, "ใช้ปริมาณน้ำมันดีเซลคูณค่าการปล่อยต่อลิตรค่ะ")
    now[0] = T0 + timedelta(minutes=90)
    tickets.answer(made[1].id, mentor.id, "ราว 5-7 ปี ขึ้นกับค่าไฟที่ประหยัดได้ครับ")


def test_stats_give_time_to_claim_time_to_answer_and_topics(database: Database) -> None:
    _programme(database)
    stats = ticket_stats(database)
    assert stats.tickets == 3
    assert stats.by_status == {"answered": 2, "open": 1}
    # Claims at 10 min (explicit) and 90 min (an answer without a claim claims it).
    assert stats.time_to_claim == Durations(2, 50.0, 90.0)
    assert stats.time_to_answer == Durations(2, 65.0, 90.0)
    assert stats.by_topic["module:5"] == 2 and stats.by_topic["module:3"] == 1
    assert next(iter(stats.by_topic)) == "module:5"  # most frequent first
    assert ticket_stats(database, since=T0 + timedelta(days=1)).tickets == 0


def test_claims_and_answers_are_observed_as_metrics(database: Database) -> None:
    def sample(name: str) -> float:
        return REGISTRY.get_sample_value(name) or 0.0

    before_claims = sample("nzap_ticket_time_to_claim_seconds_count")
    before_answers = sample("nzap_ticket_time_to_answer_seconds_sum")
    before_module5 = REGISTRY.get_sample_value("nzap_tickets_created_total", {"module": "5"}) or 0.0
    _programme(database)
    assert sample("nzap_ticket_time_to_claim_seconds_count") - before_claims == 2
    assert sample("nzap_ticket_time_to_answer_seconds_sum") - before_answers == pytest.approx((40 + 90) * 60)
    assert (REGISTRY.get_sample_value("nzap_tickets_created_total", {"module": "5"}) or 0.0) - before_module5 == 2


@pytest.mark.slow
def test_nzap_tickets_stats_prints_thai_and_json(database: Database, database_url: str, tmp_path: Path) -> None:
    _programme(database)
    env = {**os.environ, "PYTHONPATH": str(REPO), "NZAP_DATABASE_URL": database_url, "NZAP_DATA_DIR": str(tmp_path)}
    thai = subprocess.run(
        [sys.executable, "-m", "bot.app.cli", "tickets", "stats"], env=env, capture_output=True, text=True, check=True
    )
    assert "3 เรื่อง" in thai.stdout and "มัธยฐาน 50.0 นาที" in thai.stdout and "module:5\t2" in thai.stdout
    data = json.loads(
        subprocess.run(
            [sys.executable, "-m", "bot.app.cli", "tickets", "stats", "--json"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    assert data["tickets"] == 3 and data["time_to_answer"]["median_minutes"] == 65.0
