"""What the app shows strangers: no API documentation unless asked for, and ``/readyz`` says "not ready"
while the models load after start-up (the first user does not wait for them)."""

from __future__ import annotations

import threading

import httpx

from bot.app.server.app import Warmup, create_app
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
