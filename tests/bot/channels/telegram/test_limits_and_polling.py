"""Flood limits, measured at the stand-in, and long polling for local development."""

from __future__ import annotations

import asyncio
import itertools

import pytest

from bot.channels.telegram import TelegramChannel, TelegramPolling
from bot.channels.telegram.limiter import ChatRateLimiter
from bot.conversation.engine import ConversationEngine
from bot.storage import ProcessedEvents
from bot.types import TextReply
from tests.bot.channels.telegram.conftest import LiveServer, payload, telegram_settings
from tests.telegram_stand_in import TelegramStandIn

pytestmark = pytest.mark.slow  # the whole app over HTTP with platform stand-ins: seconds a test

SLACK = 0.15


def send_all(channel: TelegramChannel, chat_id: int, count: int) -> None:
    async def scenario() -> None:
        await channel.startup()
        await asyncio.gather(*(channel.send(chat_id, [TextReply(f"ข้อความที่ {n}")]) for n in range(count)))
        await channel.shutdown()

    asyncio.run(scenario())


def test_messages_to_one_chat_go_out_about_a_second_apart(
    telegram_api: TelegramStandIn, live_engine: tuple[ConversationEngine, ProcessedEvents]
) -> None:
    engine, events = live_engine
    send_all(TelegramChannel.from_settings(telegram_settings(telegram_api), engine, events), 555000111, 3)
    times = [r.at for r in telegram_api.calls("sendMessage")]
    assert len(times) == 3
    assert all(later - earlier >= 1.0 - SLACK for earlier, later in itertools.pairwise(times))


def test_a_group_gets_a_burst_then_is_paced(
    telegram_api: TelegramStandIn, live_engine: tuple[ConversationEngine, ProcessedEvents]
) -> None:
    # The product's rate is 20 a minute; the same leaky bucket at 3 a second keeps the test short.
    engine, events = live_engine
    limiter = ChatRateLimiter(per_chat_interval=0, group_max_rate=3, group_time_period=1)
    channel = TelegramChannel.from_settings(telegram_settings(telegram_api), engine, events, rate_limiter=limiter)
    send_all(channel, -1001987654321, 6)
    times = sorted(r.at for r in telegram_api.calls("sendMessage"))
    assert times[2] - times[0] < 0.2  # the burst
    assert times[5] - times[0] >= 1.0 - SLACK  # then one every third of a second


def test_polling_deletes_the_webhook_and_answers_what_get_updates_brings(
    telegram_api: TelegramStandIn, live_engine: tuple[ConversationEngine, ProcessedEvents]
) -> None:
    engine, events = live_engine
    question = payload("private_text")
    start = payload("private_start")
    start["message"]["chat"]["id"] = start["message"]["from"]["id"] = 555000333
    telegram_api.push_updates(question, start)
    channel = TelegramChannel.from_settings(telegram_settings(telegram_api, secret=None), engine, events)
    server = LiveServer(TelegramPolling(channel, timeout=1))  # polling runs in the app's lifespan
    try:
        answers = telegram_api.wait_for("sendMessage", 3)  # the answer; the welcome and the privacy notice
        telegram_api.wait_for("getUpdates", 3)  # and a poll that found nothing new
        assert server.post(question).status_code == 404  # no webhook route while polling
    finally:
        server.stop()
    methods = [r.method for r in telegram_api.requests]
    assert methods.index("deleteWebhook") < methods.index("getUpdates")
    polls = telegram_api.calls("getUpdates")
    assert polls[0].params.get("offset") is None and polls[1].params["offset"] == start["update_id"] + 1
    assert polls[1].response["result"] == []
    texts = {r.params["chat_id"]: r.params["text"] for r in answers}  # the last one to each chat
    assert "4,750" in texts[555000111] and "ข้อมูลส่วนบุคคล" in texts[555000333]
    assert len(telegram_api.calls("sendMessage")) == 3


def test_set_webhook_registers_the_secret_and_update_types(
    telegram_api: TelegramStandIn, live_engine: tuple[ConversationEngine, ProcessedEvents]
) -> None:
    engine, events = live_engine
    channel = TelegramChannel.from_settings(telegram_settings(telegram_api), engine, events)

    async def scenario() -> None:
        await channel.set_webhook("https://nzap.example.org/webhooks/telegram")
        await channel.shutdown()

    asyncio.run(scenario())
    [registered] = telegram_api.calls("setWebhook")
    assert registered.params["secret_token"] == "nzap-webhook-secret_2568"
    assert registered.params["allowed_updates"] == ["message", "callback_query"]
