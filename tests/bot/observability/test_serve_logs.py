"""`nzap serve` as an operator runs it writes JSON log lines, uvicorn's own included, with request ids."""

from __future__ import annotations

import json
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
def test_nzap_serve_logs_json_lines_with_request_ids(thai_folder: Path, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "NZAP_DATA_DIR": str(tmp_path / "data"),
        "NZAP_LOG__FORMAT": "json",
        "NZAP_LOG__LEVEL": "INFO",
        "NZAP_LINE__CHANNEL_SECRET": "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
        "NZAP_LINE__CHANNEL_ACCESS_TOKEN": "serve-test-access-token-" + "x" * 20,
        "NZAP_LINE__API_BASE_URL": f"http://127.0.0.1:{free_port()}",  # nothing listens: no call is made here
    }
    subprocess.run(
        [sys.executable, "-m", "bot.app.cli", "ingest", str(thai_folder), "--quiet"], env=env, check=True, capture_output=True
    )
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "bot.app.cli", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/healthz", headers={"X-Request-ID": "probe-00000001"})
                break
            except httpx.HTTPError:
                assert server.poll() is None, server.stderr.read() if server.stderr else ""
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.2)
        assert health.headers["X-Request-ID"] == "probe-00000001"
        refused = httpx.post(f"http://127.0.0.1:{port}/webhooks/line", content=b"{}", timeout=10)
        assert refused.status_code == 400
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=20)
    records = [json.loads(line) for line in stderr.splitlines() if line.strip()]
    assert records, "nothing was logged"
    assert {"time", "level", "logger", "message"} <= set(records[0])
    access = [r for r in records if r["logger"] == "uvicorn.access"]
    assert any(r.get("request_id") == "probe-00000001" and "/healthz" in r["message"] for r in access)
    assert any("/webhooks/line" in r["message"] and "400" in r["message"] for r in access)
    assert "serve-test-access-token" not in stderr and "0f1e2d3c4b5a69788796a5b4c3d2e1f0" not in stderr
