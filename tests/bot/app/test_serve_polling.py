"""``nzap serve --telegram-polling`` is ``nzap serve``: the same app, with Telegram polled in its lifespan.

Rate limits, the mentor desk, the outbox relay and the retention purge are all there; only
the webhook route gives way to a polling task feeding the same channel handler.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from bot.app.composition import Server, build_server
from bot.channels.telegram import TelegramChannel, TelegramPolling
from bot.settings import LimitsSettings, MentoringSettings, Settings, TelegramSettings
from bot.types import TextReply
from knowledge.embedders import Embedder
from knowledge.sync import sync_folders
from tests.bot.channels.telegram.conftest import payload
from tests.consent import consent
from tests.server_thread import serve
from tests.telegram_stand_in import TOKEN, TelegramStandIn

SME = 555000111
GROUP = -1002233445566
ANSWER_MARK = "4,750"


@pytest.fixture
def telegram_api() -> TelegramStandIn:
    """The Bot API stand-in (the tests check its spec violations themselves)."""
    with TelegramStandIn() as api:
        yield api  # type: ignore[misc]


def polling_settings(tmp_path: Path, api: TelegramStandIn) -> Settings:
    """Telegram at the stand-in, a mentor group, and a rate of one message a minute after a burst of two
    (the consent and the first question)."""
    return Settings(  # type: ignore[call-arg]
        _env_file=None,
        data_dir=tmp_path / "data",
        telegram=TelegramSettings(bot_token=SecretStr(TOKEN), api_base_url=api.url),
        limits=LimitsSettings(messages_per_minute=1, burst=2),
        mentoring=MentoringSettings(telegram_group_chat_id=GROUP, relay_poll_seconds=0.05),
    )


def test_polling_and_webhooks_build_the_same_server(
    thai_folder: Path, tmp_path: Path, embedder: Embedder, telegram_api: TelegramStandIn
) -> None:
    settings = polling_settings(tmp_path, telegram_api)
    sync_folders([thai_folder], settings.resolved_index_dir(), embedder)
    for polling in (False, True):
        app = build_server(settings, telegram_polling=polling)
        server: Server = app.state.server
        assert server.services.limits is not None and server.services.engine.tickets is server.services.tickets
        assert server.desk.tickets is server.services.tickets  # one ticket service for engine, desk, relay, console
        assert server.relay.channels == ["telegram"] and server.retention in server.workers
        [telegram] = [p for p in server.channels.plugins if p.name == "telegram"]
        assert isinstance(telegram, TelegramPolling) is polling
        # Without the lifespan nothing is sent: an empty body is refused by the webhook route, or finds none.
        webhook = TestClient(app).post("/webhooks/telegram", content=b"{}")
        assert webhook.status_code == (404 if polling else 400)


def test_polled_updates_meet_the_rate_limit_the_mentor_desk_and_the_relay(
    thai_folder: Path, tmp_path: Path, embedder: Embedder, telegram_api: TelegramStandIn
) -> None:
    settings = polling_settings(tmp_path, telegram_api)
    sync_folders([thai_folder], settings.resolved_index_dir(), embedder)
    app = build_server(settings, telegram_polling=True)
    server: Server = app.state.server
    consent(server.services.engine, "telegram", str(SME))
    first, second = payload("private_text"), payload("private_text")
    second["update_id"] += 1
    second["message"]["message_id"] += 1
    claim = payload("group_text", text="/claim T-0001", entities=[{"offset": 0, "length": 6, "type": "bot_command"}])
    claim["message"]["chat"]["id"] = GROUP
    telegram_api.push_updates(first, second, claim)
    with serve(app) as url:
        assert httpx.get(f"{url}/readyz", timeout=10).json()["channels"] == ["web", "telegram"]
        sent = telegram_api.wait_for("sendMessage", 3)
        # The relay delivers what the outbox holds for Telegram, through the same bot.
        server.services.tickets.outbox.add("telegram", str(SME), [TextReply("ข้อความจากพี่เลี้ยง")], purpose="notice")
        sent = telegram_api.wait_for("sendMessage", 4)
    to_sme = [s.params["text"] for s in sent if s.params["chat_id"] == SME]
    assert ANSWER_MARK in to_sme[0]  # the first question is answered
    assert ANSWER_MARK not in to_sme[1] and "นาที" in to_sme[1]  # the second is over the rate: a notice
    assert to_sme[2] == "ข้อความจากพี่เลี้ยง"
    [to_group] = [s.params["text"] for s in sent if s.params["chat_id"] == GROUP]
    assert "เฉพาะพี่เลี้ยงที่ลงทะเบียนแล้ว" in to_group  # the mentor desk refuses a non-mentor's claim
    assert telegram_api.violations == []
    polled = next(p for p in server.channels.plugins if p.name == "telegram")
    assert isinstance(polled, TelegramPolling) and isinstance(polled.channel, TelegramChannel)
