"""What the app shows strangers: no API documentation unless asked for, and ``/readyz`` says "not ready"
while the models load after start-up (the first user does not wait for them)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import httpx
from fastapi.testclient import TestClient

from bot.app.composition import build_server
from bot.app.server.app import Warmup, create_app
from bot.settings import Settings
from knowledge.embedders import Embedder
from knowledge.sync import sync_folders
from tests.server_thread import serve


def test_api_docs_are_off_unless_a_setting_turns_them_on() -> None:
    with serve(create_app([], ready=lambda: {})) as url:
        for path in ("/docs", "/redoc", "/openapi.json"):
            assert httpx.get(f"{url}{path}", timeout=10).status_code == 404, path
    with serve(create_app([], ready=lambda: {}, api_docs=True)) as url:
        assert httpx.get(f"{url}/openapi.json", timeout=10).status_code == 200
        assert httpx.get(f"{url}/docs", timeout=10).status_code == 200


def test_readyz_waits_for_the_models_loaded_in_the_background() -> None:
    release = threading.Event()
    loaded: list[str] = []

    def load() -> None:
        release.wait(30)
        loaded.append("embedder")

    app = create_app([], ready=lambda: {}, warm_up=load)
    with serve(app, wait_for_models=False) as url:
        assert httpx.get(f"{url}/healthz", timeout=10).status_code == 200  # the process is up meanwhile
        loading = httpx.get(f"{url}/readyz", timeout=10)
        assert loading.status_code == 503 and loading.json()["problems"] == {"models": Warmup.LOADING}
        release.set()
        assert app.state.warmup.wait(30)
        assert httpx.get(f"{url}/readyz", timeout=10).status_code == 200
    assert loaded == ["embedder"]


def test_models_that_fail_to_load_keep_the_worker_out_of_rotation() -> None:
    def load() -> None:
        raise OSError("/secret/path/model.onnx: no such file")

    with serve(create_app([], ready=lambda: {}, warm_up=load)) as url:
        failed = httpx.get(f"{url}/readyz", timeout=10)
    assert failed.status_code == 503 and failed.json()["problems"] == {"models": Warmup.FAILED}
    assert "/secret" not in failed.text


def test_the_server_nzap_serve_builds_loads_the_models_at_start_up_before_any_question(
    thai_folder: Path, tmp_path: Path, embedder: Embedder
) -> None:
    """The hole (issue 15): the embedder loaded on the first question (1.7-2.1 s for that user)."""
    settings = Settings(_env_file=None, data_dir=tmp_path / "data")  # type: ignore[call-arg]
    sync_folders([thai_folder], settings.resolved_index_dir(), embedder)
    app = build_server(settings)
    used = app.state.server.services.embedder
    calls: list[int] = []
    real = used.embed_queries

    def counting(texts: Any) -> Any:
        calls.append(len(texts))  # the first call loads the model's weights
        return real(texts)

    used.embed_queries = counting
    with TestClient(app) as client:  # runs the start-up, as uvicorn does; no request is sent before the wait
        assert app.state.warmup.wait(120)
        assert calls, "the models were not loaded at start-up"
        assert client.get("/readyz").status_code == 200
