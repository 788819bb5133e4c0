"""A LINE bot on a real uvicorn server, talking to the LINE stand-in, answering from a tiny Thai index.

Webhook payloads are recorded JSON files in ``payloads/``; they are signed here with a
test secret exactly as LINE signs them (base64 HMAC-SHA256 of the raw body).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.app.composition import build_engine
from bot.app.server.app import create_app
from bot.channels.line import LineChannel
from bot.settings import Settings
from bot.storage import ProcessedEvents, open_database
from knowledge.embedders import Embedder
from knowledge.sync import sync_folders
from tests.consent import consent
from tests.line_stand_in import LineStandIn
from tests.server_thread import serve

SECRET = "9a1c0e6b2f7d4c3e8b5a6f1d2c3b4a59"
TOKEN = "test-channel-access-token"
PAYLOADS = Path(__file__).parent / "payloads"
BOT_ID = "U75ff929f9524206c7777361bf595cb09"
USER_ID = "U77876d5dde94562bf069c560b4846074"
GROUP_ID = "Ccb05c6f9eee5dcd6a315c38a3406ca98"
OTHER_USER_ID = "U51649db015ca510526d79600607f93f1"
CONSENTED_USERS = (USER_ID, OTHER_USER_ID)
QUESTION = "ค่าการปล่อยก๊าซเรือนกระจกของไฟฟ้าเท่าไหร่"


def sign(body: bytes, secret: str = SECRET) -> str:
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


def payload(
    name: str,
    *,
    event_id: str | None = None,
    text: str | None = None,
    redelivery: bool = False,
    data: str | None = None,
) -> dict[str, Any]:
    """A recorded webhook body, optionally with a new event id, text, postback data or the redelivery flag."""
    body = json.loads((PAYLOADS / f"{name}.json").read_text(encoding="utf-8"))
    event = body["events"][0]
    if event_id is not None:
        event["webhookEventId"] = event_id
    if text is not None:
        event["message"]["text"] = text
    if data is not None:
        event["postback"]["data"] = data
    event["deliveryContext"]["isRedelivery"] = redelivery
    return body


@dataclass
class LineBot:
    """The running server, its channel and the stand-in it talks to."""

    url: str
    channel: LineChannel
    api: LineStandIn

    def post(self, body: dict[str, Any] | bytes, signature: str | None = "sign", **headers: str) -> httpx.Response:
        """POST a webhook, signed correctly unless told otherwise (``signature=None`` leaves the header out)."""
        raw = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode("utf-8")
        sent = {"Content-Type": "application/json; charset=utf-8", **headers}
        if signature is not None:
            sent["X-Line-Signature"] = sign(raw) if signature == "sign" else signature
        return httpx.post(f"{self.url}/webhooks/line", content=raw, headers=sent, timeout=30)

    def settle(self, timeout: float = 30.0) -> None:
        """Wait until every accepted event has been handled (the channel's task set is empty)."""
        deadline = time.monotonic() + timeout
        while self.channel.pending:
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.channel.pending} LINE events still in progress after {timeout} s")
            time.sleep(0.01)

    def answer(self, count: int = 1) -> list[Any]:
        """Wait for ``count`` accepted replies or pushes in total, let the rest settle, and return them all."""
        self.api.wait_for(lambda api: len(api.sent()) >= count)
        self.settle()
        return self.api.sent()


@pytest.fixture
def line_api() -> Iterator[LineStandIn]:
    """The LINE stand-in; the test fails if any request it received broke the spec or LINE's limits."""
    with LineStandIn(TOKEN) as stand_in:
        yield stand_in
    if stand_in.violations:
        pytest.fail("requests to the LINE stand-in broke the spec:\n" + "\n".join(stand_in.violations))


@pytest.fixture
def line_channel(thai_folder: Path, tmp_path: Path, embedder: Embedder, line_api: LineStandIn) -> Iterator[LineChannel]:
    """A LINE channel (not started) over a real engine, index and database, pointed at the stand-in."""
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        data_dir=tmp_path / "data",
        line={"channel_secret": SECRET, "channel_access_token": TOKEN, "api_base_url": line_api.url},
    )
    sync_folders([thai_folder], settings.resolved_index_dir(), embedder)
    with open_database(settings.resolved_database_url()) as database:
        engine = build_engine(settings, embedder, database=database)
        # The payloads' people already agreed to the privacy notice; test_privacy.py starts before that.
        consent(engine, "line", *CONSENTED_USERS)
        yield LineChannel.from_settings(settings.line, engine, ProcessedEvents(database), retry_backoff_seconds=0.01)


@pytest.fixture
def line_bot(line_channel: LineChannel, line_api: LineStandIn) -> Iterator[LineBot]:
    """The channel in the real app under a real uvicorn server."""
    with serve(create_app([line_channel], ready=lambda: {})) as url:
        yield LineBot(url, line_channel, line_api)
