"""Exactly once to the user when processes die: ``nzap serve`` and its worker processes, killed with SIGKILL.

``nzap serve`` runs as in production on one machine (the embedded SQLite queue, its own
worker process); LINE is the stand-in. The loading animation is held up at the stand-in, so
a worker is caught mid-answer (the event taken, nothing sent yet) when it is killed.

* A worker killed mid-answer: its lease runs out, another worker answers, once.
* The whole machine's processes killed right after the acknowledgement (web process and
  worker): after a restart, LINE's redelivery of the event is answered, once, not dropped as
  a duplicate (the old code claimed the event before the acknowledgement and skipped it).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.bot.channels.line.conftest import PAYLOADS, sign
from tests.line_stand_in import LOADING, PUSH, REPLY, LineStandIn
from tests.serve_process import REPO, ServeProcess, wait_until

SECRET = "queue-faults-channel-secret"
pytestmark = [pytest.mark.slow]


@pytest.fixture
def line_api() -> Iterator[LineStandIn]:
    with LineStandIn() as api:
        yield api
    assert not api.violations, api.violations


@pytest.fixture
def env(thai_folder: Path, tmp_path: Path, line_api: LineStandIn) -> dict[str, str]:
    common = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "NZAP_DATA_DIR": str(tmp_path / "data"),
        "NZAP_QUEUE__BACKEND": "sqlite",
        "NZAP_QUEUE__WORKERS": "1",
        "NZAP_QUEUE__THREADS": "2",
        "NZAP_QUEUE__LEASE_SECONDS": "3",
        "NZAP_QUEUE__SWEEP_SECONDS": "0.5",
        "NZAP_LINE__CHANNEL_SECRET": SECRET,
        "NZAP_LINE__CHANNEL_ACCESS_TOKEN": line_api.access_token,
        "NZAP_LINE__API_BASE_URL": line_api.url,
    }
    subprocess.run(
        [sys.executable, "-m", "bot.app.cli", "ingest", str(thai_folder), "--quiet"],
        env=common,
        check=True,
        capture_output=True,
    )
    return common


def _webhook(user: str, event_id: str, *, redelivery: bool = False) -> bytes:
    body = json.loads((PAYLOADS / "text_private.json").read_text(encoding="utf-8"))
    event = body["events"][0]
    event["source"]["userId"] = user
    event["webhookEventId"] = event_id
    event["deliveryContext"] = {"isRedelivery": redelivery}
    return json.dumps(body, ensure_ascii=False).encode("utf-8")


def _post(url: str, body: bytes) -> int:
    headers = {"Content-Type": "application/json", "X-Line-Signature": sign(body, SECRET)}
    return httpx.post(f"{url}/webhooks/line", content=body, headers=headers, timeout=30).status_code


def _answers(line_api: LineStandIn) -> list[str]:
    return ["\n".join(r.texts) for r in line_api.sent() if r.path in (REPLY, PUSH)]


def _children(pid: int) -> list[int]:
    text = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [int(child) for child in text]


def _caught_mid_answer(line_api: LineStandIn) -> None:
    """Wait until a worker has taken the event and is held up showing the loading animation."""
    wait_until(lambda: LOADING in line_api.arrived, "a worker to start answering", timeout=120)
    assert _answers(line_api) == []


def test_a_worker_killed_mid_answer_is_replaced_and_the_user_gets_one_answer(
    env: dict[str, str], line_api: LineStandIn, tmp_path: Path
) -> None:
    server = ServeProcess(env, tmp_path / "serve.log")
    server.start()
    try:
        assert server.process is not None
        wait_until(lambda: len(_children(server.process.pid)) == 1, "the worker process to start")
        line_api.delays[LOADING] = 8.0
        assert _post(server.url, _webhook("U" + uuid.uuid4().hex, "01KILLWORKER0000000000000A")) == 200
        _caught_mid_answer(line_api)
        (worker,) = _children(server.process.pid)
        os.kill(worker, signal.SIGKILL)
        line_api.delays.clear()
        # nzap serve starts another worker; its sweep finds the event once the dead worker's lease ran out.
        line_api.wait_for(lambda api: len(_answers(api)) >= 1, timeout=120)
        time.sleep(4)  # room for a duplicate to show up
        assert len(_answers(line_api)) == 1, _answers(line_api)
    finally:
        server.stop()


def test_after_a_crash_right_after_the_acknowledgement_the_redelivery_is_answered_once(
    env: dict[str, str], line_api: LineStandIn, tmp_path: Path
) -> None:
    user, event_id = "U" + uuid.uuid4().hex, "01CRASHAFTERACK00000000000B"
    first = ServeProcess(env, tmp_path / "serve-1.log")
    first.start()
    assert first.process is not None
    line_api.delays[LOADING] = 30.0
    assert _post(first.url, _webhook(user, event_id)) == 200  # acknowledged...
    _caught_mid_answer(line_api)
    for pid in [*_children(first.process.pid), first.process.pid]:  # ...then the machine's processes die
        os.kill(pid, signal.SIGKILL)
    first.process.wait(timeout=20)
    line_api.delays.clear()
    second = ServeProcess(env, tmp_path / "serve-2.log")
    second.start()
    try:
        # LINE redelivers the event it got no answer for (webhook redelivery is on).
        assert _post(second.url, _webhook(user, event_id, redelivery=True)) == 200
        line_api.wait_for(lambda api: len(_answers(api)) >= 1, timeout=120)
        time.sleep(4)
        answers = [r for r in line_api.sent() if r.path in (REPLY, PUSH)]
        assert len(answers) == 1, [r.texts for r in answers]
        assert answers[0].path == PUSH and answers[0].body["to"] == user  # a redelivery's reply token is not used
        # A later redelivery of the answered event is a duplicate.
        assert _post(second.url, _webhook(user, event_id, redelivery=True)) == 200
        time.sleep(3)
        assert len(_answers(line_api)) == 1
    finally:
        second.stop()
