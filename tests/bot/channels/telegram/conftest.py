"""The Telegram channel under a real uvicorn server, talking to the Bot API stand-in.

The engine is the real one over a tiny real Thai index; python-telegram-bot is pointed at the
stand-in through ``TelegramSettings.api_base_url``. Any request that breaks the Bot API spec
fails the test at teardown.
"""

from __future__ import annotations

import copy
import json
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from pydantic import SecretStr

from bot.app.composition import build_engine
from bot.app.server.app import create_app
from bot.channels.base import ChannelPlugin
from bot.channels.telegram import TelegramChannel
from bot.conversation.engine import ConversationEngine
from bot.settings import Settings, TelegramSettings
from bot.storage import ProcessedEvents, open_database
from knowledge.embedders import Embedder
from knowledge.sync import sync_folders
from tests.consent import consent
from tests.telegram_stand_in import TOKEN, Recorded, TelegramStandIn

PAYLOADS = Path(__file__).parent / "payloads"
SECRET = "nzap-webhook-secret_2568"


CONSENTED_USERS = ("555000111", "555000222")
"""The Telegram user ids in ``payloads/``."""


def payload(name: str, **message_changes: Any) -> dict[str, Any]:
    """A recorded update (a fresh copy), with fields of its message or callback query replaced."""
    update: dict[str, Any] = json.loads((PAYLOADS / f"{name}.json").read_text(encoding="utf-8"))
    body = update.get("message") or update.get("callback_query")
    assert body is not None
    body.update(copy.deepcopy(message_changes))
    return update


@pytest.fixture
def telegram_api() -> Iterator[TelegramStandIn]:
    """The Bot API stand-in; the test fails if any request it received broke the spec."""
    with TelegramStandIn() as api:
        yield api
    assert api.violations == [], f"Bot API spec violations: {api.violations}"


@pytest.fixture
def live_engine(thai_folder: Path, tmp_path: Path, embedder: Embedder) -> tuple[ConversationEngine, ProcessedEvents]:
    """The real engine over a tiny real index, and the processed-events store on the same database."""
    settings = Settings(_env_file=None, data_dir=tmp_path / "data")  # type: ignore[call-arg]
    sync_folders([thai_folder], settings.resolved_index_dir(), embedder)
    database = open_database(settings.resolved_database_url())
    engine = build_engine(settings, embedder, database=database)
    # The payloads' people already agreed to the privacy notice; test_privacy.py starts before that.
    consent(engine, "telegram", *CONSENTED_USERS)
    return engine, ProcessedEvents(database)


def telegram_settings(api: TelegramStandIn, secret: str | None = SECRET) -> TelegramSettings:
    """Settings that point python-telegram-bot at the stand-in."""
    return TelegramSettings(
        bot_token=SecretStr(TOKEN),
        webhook_secret=SecretStr(secret) if secret else None,
        api_base_url=api.url,
    )


class LiveServer:
    """The FastAPI app with the Telegram channel, served by uvicorn on 127.0.0.1 in a thread."""

    def __init__(self, channel: ChannelPlugin, max_body_bytes: int = 1_000_000) -> None:
        self.channel = channel
        app = create_app([channel], lambda: {}, max_body_bytes=max_body_bytes)
        config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="on")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 15
        while not self._server.started:
            assert self._thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.01)
        port = self._server.servers[0].sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        self.http = httpx.Client(base_url=self.url, timeout=10)

    def post(self, update: dict[str, Any] | bytes, secret: str | None = SECRET) -> httpx.Response:
        """Deliver a webhook as Telegram does."""
        headers = {"Content-Type": "application/json"}
        if secret is not None:
            headers["X-Telegram-Bot-Api-Secret-Token"] = secret
        body = update if isinstance(update, bytes) else json.dumps(update, ensure_ascii=False).encode("utf-8")
        return self.http.post("/webhooks/telegram", content=body, headers=headers)

    def stop(self) -> None:
        """Shut down (the channel finishes the updates it is answering first)."""
        if self._thread.is_alive():
            self._server.should_exit = True
            self._thread.join(30)
            assert not self._thread.is_alive(), "uvicorn did not stop"
        self.http.close()


@pytest.fixture
def serve(
    telegram_api: TelegramStandIn, live_engine: tuple[ConversationEngine, ProcessedEvents]
) -> Iterator[Callable[..., LiveServer]]:
    """Start the server with the Telegram channel (keyword arguments go to the channel)."""
    servers: list[LiveServer] = []

    def start(secret: str | None = SECRET, **channel_options: Any) -> LiveServer:
        engine, events = live_engine
        channel = TelegramChannel.from_settings(
            telegram_settings(telegram_api, secret), engine, events, **channel_options
        )
        server = LiveServer(channel)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def server(serve: Callable[..., LiveServer]) -> LiveServer:
    """A running server with the default settings."""
    return serve()


def press(sent: Recorded, label: str, update_id: int, user: dict[str, Any] | None = None) -> dict[str, Any]:
    """A ``callback_query`` update: someone pressed the button ``label`` of a message the bot sent."""
    message = sent.response["result"]
    buttons = [b for row in message["reply_markup"]["inline_keyboard"] for b in row]
    data = next(b["callback_data"] for b in buttons if b["text"] == label)
    update = payload("callback_escalate", message=message, data=data)
    update["update_id"] = update_id
    if user is not None:
        update["callback_query"]["from"] = user
    return update
