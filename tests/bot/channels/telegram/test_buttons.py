"""Inline keyboards: opaque callback data within 64 bytes, and what pressing a button does."""

from __future__ import annotations

import asyncio

import pytest
from telegram import Update

from bot.channels.telegram import TelegramChannel
from bot.channels.telegram.callbacks import CallbackCodec, Pressed
from bot.conversation.engine import ACCEPT_ESCALATION, ConversationEngine
from bot.storage import ProcessedEvents
from bot.types import QuickOption, QuickReplies
from tests.bot.channels.telegram.conftest import LiveServer, payload, press, telegram_settings
from tests.telegram_stand_in import TelegramStandIn

pytestmark = pytest.mark.slow  # the whole app over HTTP with platform stand-ins: seconds a test

UNCOVERED = "ราคาแผงโซลาร์ยี่ห้อจินโกวัตต์ละเท่าไหร่ครับ"
CHAT = 555000111


def test_an_escalation_offer_has_small_opaque_buttons_and_pressing_one_reaches_a_mentor(
    server: LiveServer, telegram_api: TelegramStandIn
) -> None:
    server.post(payload("private_text", text=UNCOVERED))
    [offer] = telegram_api.wait_for("sendMessage")
    assert "ยังไม่มีข้อมูลเรื่องนี้" in offer.params["text"]
    buttons = [b for row in offer.params["reply_markup"]["inline_keyboard"] for b in row]
    assert [b["text"] for b in buttons] == ["ส่งให้พี่เลี้ยง", "ไม่เป็นไร"]
    for button in buttons:
        data = button["callback_data"]
        assert len(data.encode("utf-8")) <= 64 and data.isascii()

    server.post(press(offer, "ส่งให้พี่เลี้ยง", update_id=830009101))
    [_, notice] = telegram_api.wait_for("sendMessage", 2)
    assert "ส่งคำถามให้พี่เลี้ยงแล้ว" in notice.params["text"] and "T-0001" in notice.params["text"]
    [answered] = telegram_api.wait_for("answerCallbackQuery")
    assert "text" not in answered.params
    assert answered.at < notice.at
    [edited] = telegram_api.calls("editMessageReplyMarkup")
    assert edited.params["message_id"] == offer.response["result"]["message_id"]


def test_an_expired_button_is_answered_with_a_notice_and_nothing_else(
    server: LiveServer, telegram_api: TelegramStandIn
) -> None:
    update = payload("callback_escalate", data="t:0123456789abcdef")
    server.post(update)
    [answered] = telegram_api.wait_for("answerCallbackQuery")
    assert "หมดอายุ" in answered.params["text"]
    server.stop()
    assert telegram_api.calls("sendMessage") == []


def test_a_thai_topic_button_round_trips_through_an_opaque_token(
    telegram_api: TelegramStandIn, live_engine: tuple[ConversationEngine, ProcessedEvents]
) -> None:
    engine, events = live_engine
    topic = "การคำนวณคาร์บอนจากค่าไฟฟ้า ตัวอย่างร้านที่ใช้ไฟฟ้าเดือนละ 10,000 หน่วย"
    offer = QuickReplies("อยากทราบเรื่องไหนครับ", (QuickOption("ค่าไฟ", f"topic:{topic}"),))

    async def scenario() -> None:
        channel = TelegramChannel.from_settings(telegram_settings(telegram_api), engine, events)
        await channel.startup()
        await channel.send(CHAT, [offer])
        [sent] = telegram_api.calls("sendMessage")
        data = sent.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
        assert data.startswith("t:") and len(data.encode("utf-8")) <= 64
        channel.accept(Update.de_json(press(sent, "ค่าไฟ", update_id=830009201), channel.sender.bot))
        await channel.shutdown()

    asyncio.run(scenario())
    [_, answer] = telegram_api.calls("sendMessage")
    assert "4,750" in answer.params["text"]


def test_the_codec_keeps_ascii_actions_and_hides_thai_ones() -> None:
    now = [0.0]
    codec = CallbackCodec(ttl_seconds=60, clock=lambda: now[0])
    assert codec.action(ACCEPT_ESCALATION) == "a:escalate:yes"
    assert codec.decode("a:escalate:yes") == Pressed("action", ACCEPT_ESCALATION)
    thai = "topic:" + "การคำนวณคาร์บอนจากค่าไฟฟ้า" * 3
    token = codec.action(thai)
    assert token.startswith("t:") and len(token.encode("utf-8")) <= 64 and token == codec.action(thai)
    assert codec.decode(token) == Pressed("action", thai)
    long_ascii = "topic:" + "x" * 80
    assert codec.decode(codec.action(long_ascii)) == Pressed("action", long_ascii)
    now[0] = 61.0
    assert codec.decode(token) is None
    assert codec.decode("c:yes") == Pressed("consent", "yes")
    assert codec.decode("l:en") == Pressed("language", "en")
    assert codec.decode("l:fr") is None and codec.decode("") is None and codec.decode("zzz") is None


def test_the_codec_forgets_the_oldest_tokens_beyond_its_capacity() -> None:
    codec = CallbackCodec(capacity=2)
    first, second, third = (codec.action(f"topic:หัวข้อที่ {n}") for n in range(3))
    assert codec.decode(first) is None
    assert codec.decode(second) is not None and codec.decode(third) is not None
