"""Web chat answers run on the app's capped answering threads, not on starlette's pool of forty.

The hole (issue 15): ``/api/chat`` ran the engine through ``run_in_threadpool`` (anyio's 40
threads), so the cap on answering threads (``NZAP_SERVER__WORKER_THREADS``) did not apply to
it, and on two cores dozens of answers at once starved the event loop that acknowledges
webhooks. Counted here around the real engine, answering real questions over a real index.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.app.composition import build_engine
from bot.app.server.app import create_app
from bot.channels.web import WebChannel
from bot.conversation.engine import ConversationEngine
from bot.settings import Settings
from knowledge.embedders import Embedder
from knowledge.sync import sync_folders
from tests.server_thread import serve

CAP = 2


class Concurrency:
    """How many answers are being computed at once, at most."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.now = 0
        self.most = 0

    def around(self, engine: ConversationEngine) -> None:
        real = engine.process

        def process(*args: Any, **kwargs: Any) -> Any:
            with self._lock:
                self.now += 1
                self.most = max(self.most, self.now)
            try:
                time.sleep(0.3)  # long enough for every request that could run at once to overlap
                return real(*args, **kwargs)
            finally:
                with self._lock:
                    self.now -= 1

        engine.process = process  # type: ignore[method-assign]


@pytest.fixture
def counted(thai_folder: Path, tmp_path: Path, embedder: Embedder) -> Iterator[tuple[str, Concurrency]]:
    settings = Settings(_env_file=None, data_dir=tmp_path / "data")  # type: ignore[call-arg]
    sync_folders([thai_folder], settings.resolved_index_dir(), embedder)
    engine = build_engine(settings, embedder)
    concurrency = Concurrency()
    concurrency.around(engine)
    with serve(create_app([WebChannel(engine)], ready=lambda: {}, worker_threads=CAP)) as url:
        yield url, concurrency


def test_at_most_the_capped_number_of_web_chat_answers_run_at_once(counted: tuple[str, Concurrency]) -> None:
    url, concurrency = counted

    def ask(_: int) -> int:
        # Each a new browser (no cookie): a new session, so the per-user limits do not serialise them.
        return httpx.post(f"{url}/api/chat", json={"text": "สวัสดีครับ"}, timeout=120).status_code

    with ThreadPoolExecutor(max_workers=10) as pool:
        statuses = list(pool.map(ask, range(10)))
    assert statuses == [200] * 10
    assert 1 <= concurrency.most <= CAP
