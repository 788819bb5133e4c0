"""The reminder job over a real database: opted-in users get the session's eve reminder once, whoever runs
the job and how often; opted-out users and users without consent never; the LINE quota stops it clearly."""

from __future__ import annotations

import asyncio
import logging
import threading
from datetime import timedelta

import pytest
from prometheus_client import REGISTRY

from bot.mentoring import Outbox
from bot.privacy import PrivacyService
from bot.reminders import ReminderConfig, ReminderJob, ReminderWorker
from bot.storage import ConversationRepository, Database, open_database
from bot.storage.reminders import ReminderBook
from bot.types import TextReply
from tests.consent import consent_in_database
from tests.reminder_support import EVE, FIRST_SESSION_KEY, run_job, sample_schedule

LINE_USERS = ["U" + f"{i:032x}" for i in range(1, 4)]


def opted_in(database: Database, channel: str, *user_ids: str, consent: bool = True) -> list[int]:
    """Users who agreed to the privacy notice (unless told otherwise) and pressed "เปิดแจ้งเตือน"."""
    if consent:
        consent_in_database(database, channel, *user_ids)
    repository, book = ConversationRepository(database), ReminderBook(database)
    ids = [repository.touch_user(channel, user_id).id for user_id in user_ids]
    for user_id in ids:
        book.subscribe(user_id)
    return ids


def reminders(database: Database) -> list:
    return Outbox(database).rows(purpose="reminder")


def test_the_eve_of_a_session_writes_one_reminder_per_opted_in_user_with_topic_time_venue_in_thai(
    database: Database,
) -> None:
    opted_in(database, "line", *LINE_USERS)
    opted_in(database, "telegram", "555000111")
    opted_in(database, "web", "web-user-1")
    [off] = opted_in(database, "telegram", "555000222")
    ReminderBook(database).unsubscribe(off)
    opted_in(database, "telegram", "555000333", consent=False)  # never agreed to the notice: nothing at all
    ConversationRepository(database).touch_user("line", "U" + "f" * 32)  # never opted in

    report = run_job(database)

    assert report.sessions == [FIRST_SESSION_KEY] and report.queued == {"line": 3, "telegram": 1, "web": 1}
    rows = reminders(database)
    [multicast] = [r for r in rows if r.channel == "line"]
    assert multicast.recipients == tuple(LINE_USERS)  # one multicast for the three LINE users
    assert sorted((r.channel, r.recipient) for r in rows if r.channel != "line") == [
        ("telegram", "555000111"),
        ("web", "web-user-1"),
    ]
    [text] = [reply.text for reply in rows[0].replies if isinstance(reply, TextReply)]
    assert text.startswith("🔔 พรุ่งนี้มีเรียนครับ (วันพฤหัสบดีที่ 5 พฤศจิกายน 2569)")  # Buddhist Era
    assert "หัวข้อ: พื้นฐาน Net Zero สำหรับ SME" in text and "เวลา: 09:00–12:00 น." in text
    assert "สถานที่: ห้องประชุมใหญ่ ชั้น 3" in text and "ตัวอย่าง" in text  # the sample schedule says it is one

    # Every later run that day (cron every few minutes, every worker) writes nothing more.
    for minutes in (5, 10, 600):
        assert run_job(database, EVE + timedelta(minutes=minutes)).queued == {}
    assert len(reminders(database)) == 3


def test_no_reminder_before_the_send_hour_or_when_no_session_is_tomorrow(database: Database) -> None:
    opted_in(database, "telegram", "555000111")
    assert run_job(database, EVE - timedelta(hours=2)).sessions == []  # 08:00 Thai time: too early
    assert run_job(database, EVE + timedelta(days=1)).sessions == []  # Thursday: nothing on Friday
    assert reminders(database) == []


def test_the_homework_due_is_the_one_set_at_the_session_before(database: Database) -> None:
    opted_in(database, "telegram", "555000111")
    run_job(database, EVE + timedelta(days=7))  # the eve of week 2's class
    [row] = reminders(database)
    assert "การบ้านที่ต้องเตรียมมา: สอบถามลูกค้าหลักอย่างน้อย 3 ราย" in row.replies[0].text  # type: ignore[union-attr]


def test_an_english_speaker_gets_the_reminder_in_english(database: Database) -> None:
    [user_id] = opted_in(database, "telegram", "555000111")
    ConversationRepository(database).set_language(user_id, "en")
    run_job(database)
    [row] = reminders(database)
    assert row.replies[0].text.startswith("🔔 Class tomorrow (Thursday 5 November 2026)")  # type: ignore[union-attr]


def test_two_jobs_running_at_the_same_time_remind_each_user_once(database: Database) -> None:
    telegram_users = [f"5550{i:05d}" for i in range(40)]
    opted_in(database, "telegram", *telegram_users)
    opted_in(database, "line", *LINE_USERS)
    url = database.engine.url.render_as_string(hide_password=False)
    start, reports = threading.Barrier(2), []

    def worker() -> None:
        with open_database(url) as own:  # its own connections, as another process has
            start.wait()
            reports.append(run_job(own))

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    rows = reminders(database)
    telegram = sorted(r.recipient for r in rows if r.channel == "telegram")
    assert telegram == telegram_users  # each once
    line = [recipient for r in rows if r.channel == "line" for recipient in r.recipients]
    assert sorted(line) == LINE_USERS
    assert sum(sum(r.queued.values()) for r in reports) == 43


def test_telegram_reminders_are_spaced_to_the_configured_rate(database: Database) -> None:
    opted_in(database, "telegram", *[f"5550{i:05d}" for i in range(41)])
    run_job(database, config=ReminderConfig(telegram_per_second=20))
    due = sorted(r.next_attempt_at for r in reminders(database))
    assert due[0] == EVE and due[-1] == EVE + timedelta(seconds=2)  # 41 messages over 2 s


def test_near_the_line_quota_the_job_stops_with_a_log_line_and_a_metric(
    database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    users = ["U" + f"{i:032x}" for i in range(1, 11)]
    opted_in(database, "line", *users)
    # 262 LINE messages already went out this month (mentor answers, ticket posts) on a 300-message plan.
    outbox = Outbox(database)
    for index in range(262):
        outbox.add("line", users[index % 10], [TextReply("คำตอบจากพี่เลี้ยง")], purpose="mentor_answer", now=EVE)
    before = REGISTRY.get_sample_value("nzap_reminders_quota_held_back_total") or 0.0

    with caplog.at_level(logging.WARNING, logger="bot.reminders.job"):
        report = run_job(database, config=ReminderConfig(line_monthly_quota=300, line_quota_reserve=30))

    # 300 - 30 kept for mentors - 262 used = 8 reminders fit; 2 users are held back.
    assert report.queued == {"line": 8} and report.held_back == 2
    assert REGISTRY.get_sample_value("nzap_reminders_quota_held_back_total") == before + 2
    assert REGISTRY.get_sample_value("nzap_line_quota_left") == 0
    [line] = [r.getMessage() for r in caplog.records if "quota" in r.getMessage()]
    assert "LINE monthly quota nearly used: 262 of 300" in line and "2 session reminder(s) not sent" in line
    # Nothing more fits on a later run: still stopped, nobody reminded twice.
    assert run_job(database, EVE + timedelta(minutes=5), ReminderConfig()).queued.get("line", 0) == 0
    assert sum(len(r.recipients) or 1 for r in reminders(database)) == 8


def test_the_opt_in_and_its_reminders_are_in_the_export_and_gone_after_erasure(database: Database) -> None:
    [first, second] = opted_in(database, "line", *LINE_USERS[:2])
    run_job(database)
    privacy = PrivacyService(database)
    exported = privacy.export(first)["reminders"]
    assert exported["opted_in"] is True and [s["session"] for s in exported["sent"]] == [FIRST_SESSION_KEY]

    privacy.erase(first)

    assert not ReminderBook(database).subscribed(first)
    [multicast] = reminders(database)
    assert multicast.recipients == (LINE_USERS[1],)  # the erased user is out of the pending multicast too
    assert privacy.export(second)["reminders"]["opted_in"] is True


def test_the_workers_periodic_task_writes_the_reminders_without_cron(database: Database) -> None:
    opted_in(database, "telegram", "555000111")
    worker = ReminderWorker(ReminderJob(database, sample_schedule(), clock=lambda: EVE), every_minutes=5)

    async def a_worker_runs_for_a_moment() -> None:
        await worker.start()
        for _ in range(500):
            if reminders(database):
                break
            await asyncio.sleep(0.01)
        await worker.stop()

    asyncio.run(a_worker_runs_for_a_moment())
    assert [r.recipient for r in reminders(database)] == ["555000111"]


def test_the_retention_purge_forgets_which_sessions_someone_was_reminded_of(database: Database) -> None:
    [user_id] = opted_in(database, "telegram", "555000111")
    run_job(database)
    privacy = PrivacyService(database, retention_days=180)
    privacy.purge(EVE + timedelta(days=181))
    exported = privacy.export(user_id)["reminders"]
    assert exported["sent"] == [] and exported["opted_in"] is True  # the choice stays until changed or erased
