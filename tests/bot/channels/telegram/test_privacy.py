"""Telegram over real HTTP: a newcomer's question gets the privacy notice and is not stored; the consent
buttons (also the old ``c:yes`` ones) record consent through the engine; /forget and /mydata commands."""

from __future__ import annotations

import html
import json
from typing import Any

import pytest

from bot.conversation.engine import ConversationEngine
from bot.storage import ProcessedEvents
from tests.bot.channels.telegram.conftest import LiveServer, payload, press
from tests.telegram_stand_in import TelegramStandIn

pytestmark = pytest.mark.slow  # the whole app over HTTP with platform stand-ins: seconds a test

NEWCOMER = 555000999
QUESTION = "ค่าการปล่อยก๊าซเรือนกระจกของไฟฟ้าเท่าไหร่"


def from_newcomer(update: dict[str, Any], update_id: int) -> dict[str, Any]:
    message = update["message"]
    message["from"] = {**message["from"], "id": NEWCOMER, "first_name": "มานี", "last_name": "มีนา"}
    message["chat"] = {**message["chat"], "id": NEWCOMER}
    update["update_id"] = update_id
    return update


def command(text: str, update_id: int) -> dict[str, Any]:
    entities = [{"offset": 0, "length": len(text), "type": "bot_command"}]
    update = payload("private_mentor", text=text, entities=entities)
    update["update_id"] = update_id
    return update


def stored_user(engine: ConversationEngine, user_id: int) -> Any:
    return engine.privacy.service.find("telegram", str(user_id))


def test_a_newcomers_question_gets_the_notice_and_is_answered_once_they_agree(
    server: LiveServer, telegram_api: TelegramStandIn, live_engine: tuple[ConversationEngine, ProcessedEvents]
) -> None:
    engine, _ = live_engine
    server.post(from_newcomer(payload("private_text", text=QUESTION), 840000001))
    [notice] = telegram_api.wait_for("sendMessage")
    assert "ข้อมูลส่วนบุคคล" in notice.params["text"] and "4,750" not in notice.params["text"]
    user_id = stored_user(engine, NEWCOMER)
    assert user_id is not None
    exported = engine.privacy.service.export(user_id)
    assert exported["conversations"] == [] and exported["user"]["display_name"] is None
    assert exported["user"]["consent"] == "unknown"
    assert exported["held_question"]["text"] == QUESTION  # held only to answer it after consent

    pressed_by = {"id": NEWCOMER, "is_bot": False, "first_name": "มานี", "last_name": "มีนา"}
    server.post(press(notice, "ยินยอม", 840000002, user=pressed_by))
    [_, thanks] = telegram_api.wait_for("sendMessage", 2)
    # The question sent before consent is answered right after the confirmation.
    assert "บันทึกความยินยอมแล้ว" in thanks.params["text"] and "4,750" in thanks.params["text"]
    exported = engine.privacy.service.export(user_id)
    assert exported["user"]["consent"] == "given" and exported["user"]["display_name"] == "มานี มีนา"
    assert next(m["text"] for m in exported["conversations"][0]["messages"]) == QUESTION
    assert exported["held_question"] is None


def test_a_consent_button_sent_before_the_engine_kept_consent_still_records_it(
    server: LiveServer, telegram_api: TelegramStandIn, live_engine: tuple[ConversationEngine, ProcessedEvents]
) -> None:
    engine, _ = live_engine
    update = payload("callback_escalate", data="c:no")
    update["update_id"] = 840000010
    update["callback_query"]["from"] = {"id": NEWCOMER, "is_bot": False, "first_name": "มานี"}
    server.post(update)
    [refused] = telegram_api.wait_for("sendMessage")
    assert "ตอบคำถามไม่ได้" in refused.params["text"]
    buttons = [b for row in refused.params["reply_markup"]["inline_keyboard"] for b in row]
    assert [b["callback_data"] for b in buttons] == ["a:consent:yes"]
    user_id = stored_user(engine, NEWCOMER)
    assert engine.privacy.service.export(user_id)["user"]["consent"] == "declined"


def test_forget_and_mydata_commands(
    server: LiveServer, telegram_api: TelegramStandIn, live_engine: tuple[ConversationEngine, ProcessedEvents]
) -> None:
    engine, _ = live_engine
    asked = payload("private_text", text=QUESTION)
    asked["update_id"] = 840000020
    server.post(asked)
    telegram_api.wait_for("sendMessage")
    server.post(command("/mydata", 840000021))
    [_, export] = telegram_api.wait_for("sendMessage", 2)  # the summary and the JSON packed in one message
    summary, document = html.unescape(export.params["text"]).split("\n\n", 1)
    assert summary.startswith("ข้อมูลที่เก็บเกี่ยวกับคุณ")
    assert json.loads(document)["user"]["platform_user_id"] == "555000111"

    server.post(command("/forget", 840000022))
    [*_, confirm] = telegram_api.wait_for("sendMessage", 3)
    buttons = [b for row in confirm.params["reply_markup"]["inline_keyboard"] for b in row]
    assert [b["callback_data"] for b in buttons] == ["a:privacy:forget:yes", "a:privacy:forget:no"]
    server.post(press(confirm, "ยืนยันลบ", 840000023))
    [*_, done] = telegram_api.wait_for("sendMessage", 4)
    assert "ลบข้อมูลของคุณเรียบร้อยแล้ว" in done.params["text"]
    assert stored_user(engine, 555000111) is None
