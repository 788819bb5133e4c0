"""One client address cannot speak as many web users: new sessions are free, so messages are also limited
per address, in memory (one worker) and in Redis (shared by the workers)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import redis

from bot.app.composition import build_engine
from bot.app.server.app import create_app
from bot.channels.web import WebChannel
from bot.limits import build_limits
from bot.settings import LimitsSettings, Settings
from knowledge.embedders import Embedder
from knowledge.sync import sync_folders
from tests.bot.limits.conftest import needs_redis, redis_url_value
from tests.server_thread import serve
from tests.web_chat import browser

BURST = 3


@pytest.fixture(params=["memory", pytest.param("redis", marks=needs_redis)])
def limited_url(request: pytest.FixtureRequest, thai_folder: Path, tmp_path: Path, embedder: Embedder) -> Iterator[str]:
    settings = Settings(_env_file=None, data_dir=tmp_path / "data")  # type: ignore[call-arg]
    sync_folders([thai_folder], settings.resolved_index_dir(), embedder)
    namespace = f"nzap-test-{uuid.uuid4().hex[:12]}"
    limits = build_limits(
        LimitsSettings(messages_per_minute_per_address=0.01, burst_per_address=BURST),  # type: ignore[call-arg]
        redis_url_value if request.param == "redis" else None,
        namespace=namespace,
    )
    engine = build_engine(settings, embedder)
    with serve(create_app([WebChannel(engine, address_limit=limits.addresses)], ready=lambda: {})) as url:
        yield url
    if request.param == "redis":
        client = redis.Redis.from_url(redis_url_value)
        keys = list(client.scan_iter(match=f"{namespace}:*"))
        if keys:
            client.delete(*keys)


def test_new_sessions_from_one_address_share_its_limit(limited_url: str) -> None:
    answered = []
    for _ in range(BURST):
        with browser(limited_url) as fresh:  # a new user each time: no cookie, the server issues one
            answered.append(fresh.post("/api/chat", json={"text": "สวัสดีครับ"}).status_code)
    assert answered == [200] * BURST
    with browser(limited_url) as one_more:
        refused = one_more.post("/api/chat", json={"text": "สวัสดีครับ"})
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1
    assert "ข้อความมาเร็วไปนิด" in refused.json()["detail"]
    # Reading the page and collecting updates are not messages: they still work.
    assert httpx.get(limited_url, timeout=30).status_code == 200
