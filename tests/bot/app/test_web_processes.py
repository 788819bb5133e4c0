"""`nzap serve` with two web processes on one port (NZAP_SERVER__WEB_PROCESSES=2), as an operator runs it.

A LINE webhook reaches whichever process the kernel gives the connection to, and is answered
once by the queue's worker processes, which the first web process alone starts. Stopping the
first stops the second: nothing is left listening on the port.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.line_stand_in import LineStandIn
from tests.serve_process import ServeProcess, wait_until

pytestmark = pytest.mark.slow  # three processes load the models

SECRET = "two-web-processes-line-secret"
TOKEN = "two-web-processes-line-token"
USER = "U5b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e"


def signed_webhook(event_id: str, text: str) -> tuple[bytes, dict[str, str]]:
    event = {
        "type": "message",
        "mode": "active",
        "timestamp": 1767225600000,
        "source": {"type": "user", "userId": USER},
        "webhookEventId": event_id,
        "deliveryContext": {"isRedelivery": False},
        "replyToken": f"reply-{event_id}",
        "message": {"id": "325708", "type": "text", "text": text, "quoteToken": "q"},
    }
    body = json.dumps({"destination": "Ubot", "events": [event]}, ensure_ascii=False).encode()
    signature = base64.b64encode(hmac.new(SECRET.encode(), body, hashlib.sha256).digest()).decode()
    return body, {"X-Line-Signature": signature, "Content-Type": "application/json"}


def process_starts(url: str, tries: int = 60) -> set[str]:
    """The start times of the web processes that answered ``/metrics`` (a new connection each time)."""
    starts = set()
    for _ in range(tries):
        text = httpx.get(f"{url}/metrics", headers={"Connection": "close"}, timeout=10).text
        starts |= {line for line in text.splitlines() if line.startswith("process_start_time_seconds")}
    return starts


def test_two_web_processes_share_the_port_and_a_question_is_answered_once(thai_folder: Path, tmp_path: Path) -> None:
    env = {**os.environ, "NZAP_DATA_DIR": str(tmp_path / "data"), "NZAP_QUEUE__BACKEND": "sqlite"}
    subprocess.run(
        [sys.executable, "-m", "bot.app.cli", "ingest", str(thai_folder), "--quiet"], env=env, check=True, timeout=600
    )
    with LineStandIn(TOKEN) as line:
        env |= {
            "NZAP_LINE__CHANNEL_SECRET": SECRET,
            "NZAP_LINE__CHANNEL_ACCESS_TOKEN": TOKEN,
            "NZAP_LINE__API_BASE_URL": line.url,
            "NZAP_SERVER__WEB_PROCESSES": "2",
            "NZAP_QUEUE__WORKERS": "1",
        }
        server = ServeProcess(env)
        server.start()
        try:
            assert server.process is not None
            wait_until(lambda: len(process_starts(server.url, 5)) == 2, "both web processes to listen", timeout=300)
            body, headers = signed_webhook("01JWEBPROCESSES000000000001", "ค่าไฟฟ้าปล่อยก๊าซเรือนกระจกเท่าไหร่")
            for _ in range(2):  # the platform sends it twice (a redelivery): answered once
                assert httpx.post(f"{server.url}/webhooks/line", content=body, headers=headers, timeout=30).is_success
            wait_until(lambda: len(line.sent()) > 0, "the answer", timeout=300)
            time.sleep(3)  # time for a second answer, if there were one
        finally:
            server.stop()
        assert [request.body.get("replyToken") for request in line.sent()] == ["reply-01JWEBPROCESSES000000000001"]
    with pytest.raises(httpx.ConnectError):  # the second web process stopped with the first
        httpx.get(f"{server.url}/healthz", timeout=2)
