"""LINE or Telegram down while an SME asks: the answer waits in the outbox and arrives exactly once when the
platform is back. Real apps on uvicorn, the spec-validating stand-ins, the relay running in the app's lifespan,
SQLite. Nothing here waits on the clock: each step waits for what the stand-ins or the database show.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from bot.app.composition import build_engine
from bot.app.server.app import create_app
from bot.channels.line import LineChannel, LineOutbound, LineOutboxSender, LineSender
from bot.channels.telegram import TelegramChannel, TelegramOutbound, TelegramOutboxSender, TelegramSender, build_bot
from bot.conversation.engine import ConversationEngine
from bot.mentoring.outbox import OutboxRecord
from bot.mentoring.relay import OutboxSender, Relay, RelayConfig
from bot.settings import LineSettings, Settings
from bot.storage import Database, ProcessedEvents, open_database
from knowledge.embedders import Embedder
from knowledge.sync import sync_folders
from tests.bot.channels.line.conftest import QUESTION, SECRET, TOKEN, USER_ID, payload, sign
from tests.bot.channels.telegram.conftest import SECRET as TELEGRAM_SECRET
from tests.bot.channels.telegram.conftest import payload as telegram_payload
from tests.bot.channels.telegram.conftest import telegram_settings
from tests.consent import consent
from tests.line_stand_in import PUSH, REPLY, LineStandIn
from tests.server_thread import free_port, serve
from tests.telegram_stand_in import TelegramStandIn

pytestmark = pytest.mark.slow  # the whole app over HTTP with platform stand-ins: seconds a test

TELEGRAM_SME = 555000111
ANSWER_MARK = "4,750"  # in the answer to QUESTION from the tiny Thai index


def wait_until(condition: Callable[[], bool], what: str, timeout: float = 60.0) -> None:
    """Poll ``condition``; fail with ``what`` if it does not come true in ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.02)


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    with open_database(f"sqlite:///{tmp_path / 'data' / 'nzap.db'}") as database:
        yield database


@pytest.fixture
def engine(database: Database, thai_folder: Path, tmp_path: Path, embedder: Embedder) -> ConversationEngine:
    """The real engine over a tiny Thai index; the SMEs of the payloads have agreed to the privacy notice."""
    settings = Settings(_env_file=None, data_dir=tmp_path / "data")  # type: ignore[call-arg]
    sync_folders([thai_folder], settings.resolved_index_dir(), embedder)
    engine = build_engine(settings, embedder, database=database)
    consent(engine, "line", USER_ID)
    consent(engine, "telegram", str(TELEGRAM_SME))
    return engine


def relay(engine: ConversationEngine, sender: OutboxSender) -> Relay:
    """A relay polling often with short backoffs, as a worker of the app."""
    config = RelayConfig(poll_seconds=0.05, backoff_seconds=0.05, max_attempts=50, lease_seconds=30)
    return Relay(engine.tickets.outbox, engine.tickets, [sender], config)


def replies(engine: ConversationEngine) -> list[OutboxRecord]:
    return engine.tickets.outbox.rows(purpose="reply")


def post_line(url: str, body: dict[str, object]) -> httpx.Response:
    raw = json.dumps(body, ensure_ascii=False).encode("utf-8")
    headers = {"Content-Type": "application/json", "X-Line-Signature": sign(raw)}
    return httpx.post(f"{url}/webhooks/line", content=raw, headers=headers, timeout=30)


def line_settings(base_url: str) -> LineSettings:
    return LineSettings(channel_secret=SECRET, channel_access_token=TOKEN, api_base_url=base_url)


def test_line_answering_503_to_everything_then_back_shows_the_answer_once(
    engine: ConversationEngine, database: Database
) -> None:
    with LineStandIn(TOKEN) as api:
        # One sender (one LINE client) for the channel and the relay, as `nzap serve` builds them.
        outbound = LineOutbound(LineSender.from_settings(line_settings(api.url), 0.01, request_timeout_seconds=5))
        channel = LineChannel.from_settings(
            line_settings(api.url), engine, ProcessedEvents(database), outbound=outbound
        )
        worker = relay(engine, LineOutboxSender(outbound))
        with serve(create_app([channel], ready=lambda: {}, workers=[worker])) as url:
            api.outage = 503
            assert post_line(url, payload("text_private")).status_code == 200
            wait_until(lambda: bool(replies(engine)) and replies(engine)[0].attempts >= 2, "relay attempts while down")
            assert api.sent() == []  # nothing got through while LINE was down
            api.outage = None
            wait_until(lambda: replies(engine)[0].status == "delivered", "delivery after LINE came back")
        [row] = replies(engine)
        [shown] = api.sent()
        assert shown.path == PUSH and shown.body["to"] == USER_ID and ANSWER_MARK in "\n".join(shown.texts)
        pushes = [r for r in api.requests if r.path == PUSH]
        # The channel's own pushes and the relay's carried the one key: had LINE taken one of them, it would
        # have answered the next with 409 instead of showing the answer twice.
        assert {r.headers["x-line-retry-key"] for r in pushes} == {row.retry_key}
        assert [r.status for r in api.requests if r.path == REPLY] == [503]  # the token was tried once
        assert row.recipient == USER_ID and row.progress == 0 and api.violations == []


def test_line_unreachable_from_the_channel_leaves_the_answer_to_the_relay(
    engine: ConversationEngine, database: Database
) -> None:
    # Connection refused: certainly nothing arrived, so the reply is not lost and not doubled.
    nowhere = f"http://127.0.0.1:{free_port()}"
    with LineStandIn(TOKEN) as api:
        events = ProcessedEvents(database)
        channel = LineChannel.from_settings(line_settings(nowhere), engine, events, retry_backoff_seconds=0.01)
        relay_sender = LineSender.from_settings(line_settings(api.url), request_timeout_seconds=5)
        worker = relay(engine, LineOutboxSender(LineOutbound(relay_sender)))
        with serve(create_app([channel], ready=lambda: {}, workers=[worker])) as url:
            assert post_line(url, payload("text_private")).status_code == 200
            wait_until(lambda: bool(replies(engine)) and replies(engine)[0].status == "delivered", "the relay's push")
        [shown] = api.sent()
        assert shown.path == PUSH and ANSWER_MARK in "\n".join(shown.texts) and api.violations == []


def test_telegram_answering_503_to_everything_then_back_sends_the_answer_once(
    engine: ConversationEngine, database: Database
) -> None:
    with TelegramStandIn() as api:
        settings = telegram_settings(api)
        # One sender (one bot) for the channel and the relay, as `nzap serve` builds them.
        outbound = TelegramOutbound(TelegramSender(build_bot(settings)))
        channel = TelegramChannel.from_settings(settings, engine, ProcessedEvents(database), outbound=outbound)
        worker = relay(engine, TelegramOutboxSender(outbound, engine.tickets, request_timeout_seconds=5))
        with serve(create_app([channel], ready=lambda: {}, workers=[worker])) as url:
            api.wait_for("getMe")
            api.outage = 503
            update = telegram_payload("private_text", text=QUESTION)
            headers = {"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET}
            assert httpx.post(f"{url}/webhooks/telegram", json=update, headers=headers, timeout=30).status_code == 200
            wait_until(lambda: bool(replies(engine)) and replies(engine)[0].attempts >= 2, "relay attempts while down")
            api.outage = None
            wait_until(lambda: replies(engine)[0].status == "delivered", "delivery after Telegram came back")
        answers = [c for c in api.calls("sendMessage") if c.status == 200]
        assert len(answers) == 1 and ANSWER_MARK in answers[0].params["text"]
        assert answers[0].params["chat_id"] == TELEGRAM_SME and api.violations == []


def test_telegram_down_at_start_refuses_updates_until_it_is_back(
    engine: ConversationEngine, database: Database
) -> None:
    # Without getMe the bot cannot read mentions: the update is refused (Telegram sends it again), not lost.
    with TelegramStandIn() as api:
        api.outage = 502
        channel = TelegramChannel.from_settings(telegram_settings(api), engine, ProcessedEvents(database))
        with serve(create_app([channel], ready=lambda: {})) as url:
            update = telegram_payload("private_text", text=QUESTION)
            headers = {"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET}
            refused = httpx.post(f"{url}/webhooks/telegram", json=update, headers=headers, timeout=30)
            assert refused.status_code == 503
            api.outage = None
            assert httpx.post(f"{url}/webhooks/telegram", json=update, headers=headers, timeout=30).status_code == 200
            api.wait_for("sendMessage")
        answers = [c for c in api.calls("sendMessage") if c.status == 200]
        assert len(answers) == 1 and ANSWER_MARK in answers[0].params["text"] and api.violations == []
