"""PostgreSQL briefly unreachable (a real server behind a TCP proxy the test cuts): webhooks are refused
with 503, never 500, nothing is claimed or half-written, and the redelivered event is answered exactly once.

LINE and Telegram send a webhook again after a non-2xx answer (LINE only when the channel has
"webhook redelivery" turned on in the LINE console); the web chat's browser shows the 503 and the
SME sends again.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, func, make_url, select, text
from sqlalchemy.pool import NullPool

from bot.app.composition import build_engine
from bot.app.server.app import create_app
from bot.channels.line import LineChannel
from bot.channels.telegram import TelegramChannel
from bot.channels.web import WebChannel
from bot.conversation.engine import ConversationEngine
from bot.settings import Settings
from bot.storage import Database, ProcessedEvents, open_database
from bot.storage.models import Message, ProcessedEvent, Ticket, User
from knowledge.embedders import Embedder
from knowledge.sync import sync_folders
from tests.bot.channels.line.conftest import QUESTION, SECRET, TOKEN, USER_ID, payload, sign
from tests.bot.channels.telegram.conftest import payload as telegram_payload
from tests.bot.channels.telegram.conftest import telegram_settings
from tests.bot.storage.conftest import needs_postgres, postgres_url_value
from tests.consent import consent
from tests.fakes import CuttableTcpProxy
from tests.line_stand_in import PUSH, REPLY, LineStandIn
from tests.server_thread import serve
from tests.telegram_stand_in import TelegramStandIn
from tests.web_chat import holding, named_session, web_user_id

POSTGRES_URL = postgres_url_value
pytestmark = [needs_postgres, pytest.mark.needs_system]
TELEGRAM_SME = 31415926


@dataclass
class Outage:
    """The app's database (through the proxy) and the proxy itself."""

    database: Database
    proxy: CuttableTcpProxy

    def count(self, query: object) -> int:
        with self.database.session() as session:
            return int(session.scalar(query) or 0)  # type: ignore[call-overload]


@pytest.fixture
def outage() -> Iterator[Outage]:
    """A fresh PostgreSQL schema reached only through a cuttable proxy."""
    base = make_url(POSTGRES_URL)
    schema = f"nzap_outage_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, poolclass=NullPool)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        with CuttableTcpProxy(base.host or "127.0.0.1", base.port or 5432) as proxy:
            url = base.set(host="127.0.0.1", port=proxy.port).update_query_dict({"options": f"-csearch_path={schema}"})
            database = open_database(url.render_as_string(hide_password=False))
            try:
                yield Outage(database, proxy)
            finally:
                database.close()
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def engine(outage: Outage, thai_folder: Path, tmp_path: Path, embedder: Embedder) -> ConversationEngine:
    settings = Settings(_env_file=None, data_dir=tmp_path / "data")  # type: ignore[call-arg]
    sync_folders([thai_folder], settings.resolved_index_dir(), embedder)
    return build_engine(settings, embedder, database=outage.database)


def test_a_line_webhook_is_refused_while_the_database_is_down_and_answered_once_when_redelivered(
    outage: Outage, engine: ConversationEngine
) -> None:
    consent(engine, "line", USER_ID)
    with LineStandIn(TOKEN) as api:
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None, line={"channel_secret": SECRET, "channel_access_token": TOKEN, "api_base_url": api.url}
        )
        channel = LineChannel.from_settings(
            settings.line, engine, ProcessedEvents(outage.database), retry_backoff_seconds=0.01
        )
        with serve(create_app([channel], ready=lambda: {})) as url:
            event_id = "01HZOUTAGE000000000000000A"

            def post(redelivery: bool) -> httpx.Response:
                body = json.dumps(payload("text_private", event_id=event_id, redelivery=redelivery)).encode()
                headers = {"Content-Type": "application/json", "X-Line-Signature": sign(body)}
                return httpx.post(f"{url}/webhooks/line", content=body, headers=headers, timeout=30)

            outage.proxy.cut()
            refused = post(redelivery=False)
            assert refused.status_code == 503 and refused.headers["Retry-After"] == "10"
            assert channel.pending == 0 and api.requests == []  # nothing taken, not even the loading animation

            outage.proxy.restore()
            assert post(redelivery=True).status_code == 200
            api.wait_for(lambda a: len(a.sent()) >= 1)
            assert post(redelivery=True).status_code == 200  # LINE may send it yet again
        # serve() has stopped the app: every task it had has finished.
        [answer] = api.sent()
        assert answer.path == PUSH and answer.body["to"] == USER_ID  # a redelivered event's token is not used
        assert "4,750" in "\n".join(answer.texts)
        assert not [r for r in api.requests if r.path == REPLY] and api.violations == []
    assert (
        outage.count(select(func.count()).select_from(ProcessedEvent).where(ProcessedEvent.event_id == event_id)) == 1
    )
    questions = select(func.count()).select_from(Message).where(Message.role == "user", Message.text == QUESTION)
    assert outage.count(questions) == 1
    assert outage.count(select(func.count()).select_from(Message).where(Message.role == "assistant")) == 1


def test_a_telegram_update_is_refused_while_the_database_is_down_and_answered_once_when_sent_again(
    outage: Outage, engine: ConversationEngine
) -> None:
    consent(engine, "telegram", str(TELEGRAM_SME))
    update = telegram_payload("private_text", text=QUESTION)
    update["message"]["from"]["id"] = update["message"]["chat"]["id"] = TELEGRAM_SME
    with TelegramStandIn() as api:
        channel = TelegramChannel.from_settings(telegram_settings(api), engine, ProcessedEvents(outage.database))
        with serve(create_app([channel], ready=lambda: {})) as url:
            headers = {"X-Telegram-Bot-Api-Secret-Token": "nzap-webhook-secret_2568"}
            outage.proxy.cut()
            refused = httpx.post(f"{url}/webhooks/telegram", json=update, headers=headers, timeout=30)
            assert refused.status_code == 503 and refused.headers["Retry-After"] == "10"
            outage.proxy.restore()
            for _ in range(2):  # Telegram sends it again; a second copy must not be answered
                assert (
                    httpx.post(f"{url}/webhooks/telegram", json=update, headers=headers, timeout=30).status_code == 200
                )
            api.wait_for("sendMessage")
        answers = [c for c in api.calls("sendMessage") if c.status == 200]
        assert len(answers) == 1 and "4,750" in answers[0].params["text"]
        assert answers[0].params["chat_id"] == TELEGRAM_SME and api.violations == []
    assert outage.count(select(func.count()).select_from(ProcessedEvent)) == 1
    assert outage.count(select(func.count()).select_from(Message).where(Message.role == "user")) == 1


def test_the_web_chat_and_readiness_say_503_while_the_database_is_down(
    outage: Outage, engine: ConversationEngine
) -> None:
    def ready() -> dict[str, str]:
        try:
            with outage.database.session() as session:
                session.execute(text("SELECT 1"))
        except Exception as error:
            return {"database": type(error).__name__}
        return {}

    with serve(create_app([WebChannel(engine)], ready=ready)) as url:
        session = named_session("browser-outage-1")
        consent(engine, "web", web_user_id(session))
        outage.proxy.cut()
        refused = httpx.post(f"{url}/api/chat", json={"text": QUESTION}, headers=holding(session), timeout=30)
        assert refused.status_code == 503 and refused.headers["Retry-After"] == "10"
        assert QUESTION not in refused.text
        not_ready = httpx.get(f"{url}/readyz", timeout=30)
        assert not_ready.status_code == 503 and not_ready.json()["problems"] == {"database": "OperationalError"}
        outage.proxy.restore()
        answered = httpx.post(f"{url}/api/chat", json={"text": QUESTION}, headers=holding(session), timeout=30)
        assert answered.status_code == 200 and "4,750" in answered.text
        assert httpx.get(f"{url}/readyz", timeout=30).status_code == 200
    # The refused message left nothing behind: one question stored, one answer, no ticket.
    assert outage.count(select(func.count()).select_from(Message).where(Message.role == "user")) == 1
    assert outage.count(select(func.count()).select_from(Message).where(Message.role == "assistant")) == 1
    assert outage.count(select(func.count()).select_from(Ticket)) == 0
    assert outage.count(select(func.count()).select_from(User)) == 1
