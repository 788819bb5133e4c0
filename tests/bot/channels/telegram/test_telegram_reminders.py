"""Session reminders on Telegram, through the Bot API stand-in: ``/remind on|off``, the reminder sent once to
the opted-in user even when two workers ran the reminder job at the same time, never to the opted-out one;
and the command menu (``setMyCommands``, Thai and English) published at start-up, valid per the Bot API spec."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot.channels.telegram import TelegramOutbound, TelegramOutboxSender, TelegramSender, build_bot
from bot.conversation.engine import ConversationEngine
from bot.storage import ProcessedEvents, open_database
from tests.bot.channels.telegram.conftest import LiveServer, payload, telegram_settings
from tests.bot.channels.telegram.test_course_conversations import Chat
from tests.reminder_support import deliver
from tests.reminder_support_channels import two_workers_run_the_job
from tests.telegram_stand_in import TelegramStandIn

pytestmark = pytest.mark.slow  # the whole app over HTTP with the Bot API stand-in: seconds a test


def command(text: str, update_id: int, user_id: int = 555000111) -> dict[str, Any]:
    name = text.split()[0]
    update = payload("private_mentor", text=text, entities=[{"offset": 0, "length": len(name), "type": "bot_command"}])
    update["update_id"] = update_id
    update["message"]["from"]["id"] = update["message"]["chat"]["id"] = user_id
    return update


def test_remind_on_brings_the_reminder_once_and_remind_off_never(
    server: LiveServer,
    telegram_api: TelegramStandIn,
    live_engine: tuple[ConversationEngine, ProcessedEvents],
    tmp_path: Path,
) -> None:
    server.post(command("/remind on", 870000001))
    server.post(command("/remind on", 870000002, user_id=555000222))
    server.post(command("/remind off", 870000003, user_id=555000222))
    sent = telegram_api.wait_for("sendMessage", 3)
    texts = {(r.params["chat_id"], r.params["text"]) for r in sent}
    assert any(chat == 555000111 and "เปิดการแจ้งเตือนแล้ว" in t for chat, t in texts)
    assert any(chat == 555000222 and "ปิดการแจ้งเตือนแล้ว" in t for chat, t in texts)

    url = f"sqlite:///{tmp_path / 'data' / 'nzap.db'}"
    reports = two_workers_run_the_job(url)
    assert sum(r.queued.get("telegram", 0) for r in reports) == 1
    engine, _ = live_engine
    sender = TelegramOutboxSender(
        TelegramOutbound(TelegramSender(build_bot(telegram_settings(telegram_api)))), engine.tickets
    )
    with open_database(url) as database:
        assert deliver(database, [sender]) == 1
        two_workers_run_the_job(url)
        assert deliver(database, [sender]) == 0

    reminders = [r for r in telegram_api.calls("sendMessage") if "พรุ่งนี้มีเรียน" in r.params["text"]]
    assert [r.params["chat_id"] for r in reminders] == [555000111]
    assert "วันพฤหัสบดีที่ 5 พฤศจิกายน 2569" in reminders[0].params["text"]


def test_the_command_menu_is_published_at_start_up_in_thai_and_english(
    serve: Callable[..., LiveServer], telegram_api: TelegramStandIn
) -> None:
    serve(commands=True)
    thai, english = telegram_api.wait_for("setMyCommands", 2)
    assert "language_code" not in thai.params and english.params["language_code"] == "en"
    names = [c["command"] for c in thai.params["commands"]]
    assert names[:5] == ["help", "schedule", "footprint", "mentor", "mydata"] and "remind" in names
    descriptions = {c["command"]: c["description"] for c in thai.params["commands"]}
    assert descriptions["schedule"].startswith("ตารางเรียน") and descriptions["mentor"] == "คุยกับพี่เลี้ยง"
    assert {c["command"]: c["description"] for c in english.params["commands"]}["mentor"] == "Talk to a mentor"


def test_schedule_answers_the_next_session(server: LiveServer, telegram_api: TelegramStandIn) -> None:
    server.post(command("/schedule", 870000011))
    [answer] = telegram_api.wait_for("sendMessage")
    assert "สัปดาห์ที่" in answer.params["text"] and "เวลา" in answer.params["text"]


def test_the_button_after_consent_turns_reminders_on(server: LiveServer, telegram_api: TelegramStandIn) -> None:
    newcomer = Chat(server, telegram_api, 555000999)
    [notice] = newcomer.says("สวัสดีครับ")
    [thanks] = newcomer.presses(notice, "ยินยอม")
    assert "บันทึกความยินยอมแล้ว" in thanks.params["text"] and "/remind on" in thanks.params["text"]
    [on] = newcomer.presses(thanks, "🔔 เปิดแจ้งเตือน")
    assert "เปิดการแจ้งเตือนแล้ว" in on.params["text"]
