"""`nzap serve` as an operator starts it: a real process, health and readiness over HTTP."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.server_thread import free_port

REPO = Path(__file__).resolve().parents[3]


@pytest.mark.slow
def test_serve_reports_health_and_readiness(thai_folder: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO), "NZAP_DATA_DIR": str(tmp_path / "data")}
    subprocess.run(
        [sys.executable, "-m", "bot.app.cli", "ingest", str(thai_folder), "--quiet"],
        env=env,
        check=True,
        capture_output=True,
    )
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "bot.app.cli", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
                break
            except httpx.HTTPError:
                assert server.poll() is None, server.stderr.read().decode() if server.stderr else ""
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.2)
        assert health.json() == {"status": "ok"}
        # The models load in the background after start-up: "not ready" (503) until they have.
        ready = httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=10)
        while ready.status_code == 503 and time.monotonic() < deadline + 60:
            assert ready.json()["problems"] == {"models": "the models are still loading"}
            time.sleep(0.2)
            ready = httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=10)
        assert ready.status_code == 200 and ready.json()["channels"] == ["web"]
        page = httpx.get(f"http://127.0.0.1:{port}/", timeout=10)
        assert "ผู้ช่วยหลักสูตร NZAP" in page.text
    finally:
        server.terminate()
        server.wait(timeout=20)


@pytest.mark.slow
def test_serve_without_an_index_says_what_to_do(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO), "NZAP_DATA_DIR": str(tmp_path / "empty")}
    result = subprocess.run(
        [sys.executable, "-m", "bot.app.cli", "serve", "--port", str(free_port())],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "nzap ingest" in result.stderr
