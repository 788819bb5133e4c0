"""``nzap remind run`` as cron runs it: two processes started at the same moment over one database write each
reminder once, and print what they wrote; the schedule comes from the course folder of the settings."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from bot.conversation.tools.schedule import THAI_TIME
from bot.mentoring import Outbox
from bot.storage import ConversationRepository, open_database
from bot.storage.reminders import ReminderBook
from tests.consent import consent_in_database
from tests.telegram_stand_in import TelegramStandIn

pytestmark = pytest.mark.slow  # two nzap processes

REPO = Path(__file__).resolve().parents[3]
SCHEDULE = """kind: schedule
title: "ตารางเรียนรุ่นทดสอบ"
sessions:
  - date: "{day}"
    week: 3
    module: 3
    start: "13:00"
    end: "16:00"
    format: onsite
    venue: "ห้องประชุมชั้น 2 สภาอุตสาหกรรมจังหวัดชลบุรี"
    topic: "ค่าการปล่อยก๊าซเรือนกระจกและวิธีคำนวณ"
"""


def test_two_nzap_remind_run_processes_at_once_write_each_reminder_once(tmp_path: Path) -> None:
    api = TelegramStandIn()
    api.__enter__()
    try:
        _two_processes_then_deliver(tmp_path, api)
    finally:
        api.__exit__(None, None, None)
    assert api.violations == []


def _two_processes_then_deliver(tmp_path: Path, api: TelegramStandIn) -> None:
    tomorrow = datetime.now(THAI_TIME).date() + timedelta(days=1)
    course = tmp_path / "course"
    course.mkdir()
    (course / "schedule.yaml").write_text(SCHEDULE.format(day=tomorrow.isoformat()), encoding="utf-8")
    data = tmp_path / "data"
    users = [f"55501{i:04d}" for i in range(25)]
    with open_database(f"sqlite:///{data / 'nzap.db'}") as database:
        consent_in_database(database, "telegram", *users)
        repository, book = ConversationRepository(database), ReminderBook(database)
        for user in users:
            book.subscribe(repository.touch_user("telegram", user).id)
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "NZAP_DATA_DIR": str(data),
        "NZAP_COHORT__COURSE_DIR": str(course),
        "NZAP_REMINDERS__SEND_HOUR": "0",
        "NZAP_TELEGRAM__BOT_TOKEN": api.token,
        "NZAP_TELEGRAM__API_BASE_URL": api.url,
        "NZAP_LOG__FORMAT": "text",
    }
    command = [sys.executable, "-m", "bot.app.cli", "remind", "run", "--json"]
    processes = [subprocess.Popen(command, env=env, cwd=tmp_path, stdout=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [json.loads(process.communicate(timeout=300)[0]) for process in processes]
    assert [p.returncode for p in processes] == [0, 0]

    assert sum(o["queued"].get("telegram", 0) for o in outputs) == 25  # between them, each user once
    with open_database(f"sqlite:///{data / 'nzap.db'}") as database:
        rows = Outbox(database).rows(purpose="reminder")
    assert sorted(r.recipient for r in rows) == users  # each once
    assert "ห้องประชุมชั้น 2 สภาอุตสาหกรรมจังหวัดชลบุรี" in rows[0].replies[0].text  # type: ignore[union-attr]
    assert "ตัวอย่าง" not in rows[0].replies[0].text  # type: ignore[union-attr]  # a real cohort's schedule

    # `--deliver`: this process's relay sends them (here to the Bot API stand-in), each once.
    deliver = subprocess.run([*command, "--deliver"], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert deliver.returncode == 0, deliver.stderr
    result = json.loads(deliver.stdout)
    assert result["queued"] == {} and result["delivered"] == 25
    sent = api.calls("sendMessage")
    assert sorted(str(r.params["chat_id"]) for r in sent) == users
    assert all("พรุ่งนี้มีเรียน" in r.params["text"] for r in sent)
