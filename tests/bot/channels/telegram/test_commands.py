"""/mentor, /reset, /help and /lang in a one-to-one chat."""

from __future__ import annotations

import pytest

from bot.conversation.engine import ConversationEngine
from bot.storage import ProcessedEvents
from tests.bot.channels.telegram.conftest import LiveServer, payload, press
from tests.telegram_stand_in import TelegramStandIn

pytestmark = pytest.mark.slow  # the whole app over HTTP with platform stand-ins: seconds a test


def command(text: str, update_id: int) -> dict[str, object]:
    update = payload(
        "private_mentor", text=text, entities=[{"offset": 0, "length": len(text.split()[0]), "type": "bot_command"}]
    )
    update["update_id"] = update_id
    return update


def question(text: str, update_id: int) -> dict[str, object]:
    update = payload("private_text", text=text)
    update["update_id"] = update_id
    return update


def test_mentor_hands_the_last_question_to_a_mentor(server: LiveServer, telegram_api: TelegramStandIn) -> None:
    server.post(question("ขายไฟโซลาร์คืนการไฟฟ้าได้หน่วยละกี่บาท", 1))
    telegram_api.wait_for("sendMessage")
    server.post(command("/mentor", 2))
    [_, notice] = telegram_api.wait_for("sendMessage", 2)
    assert "ส่งคำถามให้พี่เลี้ยงแล้ว" in notice.params["text"]


def test_mentor_with_a_question_sends_that_question(
    server: LiveServer, telegram_api: TelegramStandIn, live_engine: tuple[ConversationEngine, ProcessedEvents]
) -> None:
    server.post(command("/mentor ร้านกาแฟขายไฟโซลาร์ส่วนเกินคืนการไฟฟ้าได้ไหม", 3))
    [notice] = telegram_api.wait_for("sendMessage")
    assert "ส่งคำถามให้พี่เลี้ยงแล้ว" in notice.params["text"]
    engine, _ = live_engine
    [pending] = engine.tickets.queue({"open"})
    assert "ขายไฟโซลาร์ส่วนเกิน" in pending.question


def test_reset_starts_over(server: LiveServer, telegram_api: TelegramStandIn) -> None:
    server.post(question("T-VER คืออะไร", 4))
    telegram_api.wait_for("sendMessage")
    server.post(command("/reset", 5))
    server.post(command("/mentor", 6))
    [_, reset, nothing] = telegram_api.wait_for("sendMessage", 3)
    assert "เริ่มบทสนทนาใหม่" in reset.params["text"]
    assert "ยังไม่มีคำถาม" in nothing.params["text"]


def test_an_unknown_command_gets_the_help(server: LiveServer, telegram_api: TelegramStandIn) -> None:
    server.post(command("/weather", 7))
    [sent] = telegram_api.wait_for("sendMessage")
    assert "/start" in sent.params["text"] and "/lang" in sent.params["text"]


def test_lang_switches_the_replies_to_english(server: LiveServer, telegram_api: TelegramStandIn) -> None:
    server.post(command("/lang", 8))
    [choice] = telegram_api.wait_for("sendMessage")
    buttons = [b for row in choice.params["reply_markup"]["inline_keyboard"] for b in row]
    assert [(b["text"], b["callback_data"]) for b in buttons] == [("ภาษาไทย", "l:th"), ("English", "l:en")]
    server.post(press(choice, "English", update_id=9))
    [_, switched] = telegram_api.wait_for("sendMessage", 2)
    assert "English" in switched.params["text"]
    server.post(question("ค่าการปล่อยก๊าซเรือนกระจกของไฟฟ้าเท่าไหร่", 12))
    [_, _, answer] = telegram_api.wait_for("sendMessage", 3)
    assert "4,750" in answer.params["text"] and "<b>Sources</b>" in answer.params["text"]
