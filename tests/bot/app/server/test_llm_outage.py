"""The LLM provider failing (429, 5xx, a time-out) while a LINE SME asks: the SME gets the answer quoted from
the course with a short note, exactly once. The real app on uvicorn, the LINE stand-in, the real engine, and
an OpenAI-compatible stand-in scripted to fail.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bot.app.composition import build_engine
from bot.app.server.app import create_app
from bot.channels.line import LineChannel
from bot.settings import Settings
from bot.storage import ProcessedEvents, open_database
from knowledge.embedders import Embedder
from knowledge.sync import sync_folders
from prompts import load_labels
from tests.bot.channels.line.conftest import SECRET, TOKEN, USER_ID, payload, sign
from tests.consent import consent
from tests.fakes import ChatAction, ChatDelay, ChatError, OpenAIChatStandIn
from tests.line_stand_in import REPLY, LineStandIn
from tests.server_thread import serve

pytestmark = pytest.mark.slow  # the whole app over HTTP with platform stand-ins: seconds a test

NOTE = load_labels("th")["llm_unavailable"]


@pytest.fixture
def line_api() -> Iterator[LineStandIn]:
    with LineStandIn(TOKEN) as api:
        yield api
    assert api.violations == []


@pytest.mark.parametrize(
    "failure", [ChatError(429), ChatError(500), ChatError(503), ChatDelay(3.0)], ids=["429", "500", "503", "timeout"]
)
def test_an_llm_outage_gives_the_course_answer_with_a_note_once(
    failure: ChatAction, thai_folder: Path, tmp_path: Path, embedder: Embedder, line_api: LineStandIn
) -> None:
    with OpenAIChatStandIn([failure]) as chat:
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None,
            data_dir=tmp_path / "data",
            line={"channel_secret": SECRET, "channel_access_token": TOKEN, "api_base_url": line_api.url},
            llm={
                "provider": "openai",
                "base_url": chat.url,
                "model": "typhoon-test",
                "api_key": "sk-test",
                "timeout_seconds": 0.5,
                "max_retries": 0,
            },
        )
        sync_folders([thai_folder], settings.resolved_index_dir(), embedder)
        with open_database(settings.resolved_database_url()) as database:
            engine = build_engine(settings, embedder, database=database)
            consent(engine, "line", USER_ID)
            channel = LineChannel.from_settings(settings.line, engine, ProcessedEvents(database))
            with serve(create_app([channel], ready=lambda: {})) as url:
                raw = json.dumps(payload("text_private"), ensure_ascii=False).encode("utf-8")
                headers = {"Content-Type": "application/json", "X-Line-Signature": sign(raw)}
                assert httpx.post(f"{url}/webhooks/line", content=raw, headers=headers, timeout=30).status_code == 200
                line_api.wait_for(lambda api: len(api.sent()) >= 1)
        # The app has stopped: every event it took is finished, so a second message would be here by now.
        assert chat.requests, "the LLM provider was asked"
    [answer] = line_api.sent()
    shown = "\n".join(answer.texts)
    assert answer.path == REPLY and "4,750" in shown and NOTE in shown
    assert shown.count(NOTE) == 1
