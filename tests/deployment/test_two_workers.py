"""The multi-worker deployment, as ``deploy/compose.yaml`` runs it, without Docker.

Two ``nzap serve`` processes on different ports share the PostgreSQL server (a fresh schema),
the Redis server and a ``chroma run`` process on this machine; the index (Chroma collections
plus the BM25 files) is built once by ``nzap ingest`` with the same settings. LINE is the
stand-in. The same webhook delivered to both workers, as a load balancer retrying on another
worker would, gets exactly one reply; a mentor's answer, with both workers' relays polling the
same outbox, reaches the SME exactly once.

The queue variant: the web process (``nzap serve`` with ``NZAP_QUEUE__BACKEND=redis`` and no
workers of its own) records and enqueues, two ``nzap worker`` processes answer from the Redis
queue; one of them is killed with SIGKILL in the middle of a burst, and every event is still
answered exactly once.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from bot.mentoring import MentorRegistry, Outbox, TicketService
from bot.storage import ConversationRepository, open_database
from tests.bot.channels.line.conftest import PAYLOADS, sign
from tests.bot.limits.conftest import needs_redis, redis_url_value
from tests.bot.storage.conftest import _postgres_schema, needs_postgres, postgres_url_value
from tests.chroma_server import chroma_run
from tests.line_stand_in import LOADING, PUSH, REPLY, LineStandIn
from tests.serve_process import REPO, ServeProcess, WorkerProcess, wait_until

SECRET = "two-workers-channel-secret"
ANSWER = "ค่าไฟส่วนที่ผลิตเองจากโซลาร์รูฟท็อปไม่ต้องนับในขอบเขตที่ 2 ครับ นับเฉพาะไฟที่ซื้อจากการไฟฟ้า"

pytestmark = [needs_redis, needs_postgres, pytest.mark.needs_system]


@pytest.fixture
def postgres_url() -> Iterator[str]:
    yield from _postgres_schema(postgres_url_value)


@pytest.fixture
def workers(
    postgres_url: str, thai_folder: Path, tmp_path: Path
) -> Iterator[tuple[ServeProcess, ServeProcess, LineStandIn]]:
    with chroma_run(tmp_path / "chroma") as chroma, LineStandIn() as line_api:
        common = {
            **os.environ,
            "PYTHONPATH": str(REPO),
            "NZAP_INDEX_DIR": str(tmp_path / "index"),
            "NZAP_DATABASE_URL": postgres_url,
            "NZAP_REDIS_URL": redis_url_value,
            "NZAP_CHROMA__MODE": "http",
            "NZAP_CHROMA__HOST": chroma.host,
            "NZAP_CHROMA__PORT": str(chroma.port),
            "NZAP_CHROMA__COLLECTION_PREFIX": f"w{uuid.uuid4().hex[:8]}",
            "NZAP_LINE__CHANNEL_SECRET": SECRET,
            "NZAP_LINE__CHANNEL_ACCESS_TOKEN": line_api.access_token,
            "NZAP_LINE__API_BASE_URL": line_api.url,
            "NZAP_MENTORING__RELAY_POLL_SECONDS": "0.2",
            "NZAP_MENTORING__CONSOLE_SECRET_KEY": "a-key-both-workers-share-0123456789",
        }
        subprocess.run(
            [sys.executable, "-m", "bot.app.cli", "ingest", str(thai_folder), "--quiet"],
            env={**common, "NZAP_DATA_DIR": str(tmp_path / "ingest")},
            check=True,
            capture_output=True,
        )
        first = ServeProcess({**common, "NZAP_DATA_DIR": str(tmp_path / "w1")}, tmp_path / "worker-1.log")
        second = ServeProcess({**common, "NZAP_DATA_DIR": str(tmp_path / "w2")}, tmp_path / "worker-2.log")
        try:
            first.start()
            second.start()
            yield first, second, line_api
        finally:
            first.stop()
            second.stop()
        if line_api.violations:
            pytest.fail("requests to the LINE stand-in broke the spec:\n" + "\n".join(line_api.violations))


def _webhook(user: str) -> bytes:
    body = json.loads((PAYLOADS / "text_private.json").read_text(encoding="utf-8"))
    event = body["events"][0]
    event["source"]["userId"] = user
    event["webhookEventId"] = f"01{uuid.uuid4().hex[:24].upper()}"
    return json.dumps(body, ensure_ascii=False).encode("utf-8")


def _deliver(url: str, body: bytes) -> int:
    headers = {"Content-Type": "application/json", "X-Line-Signature": sign(body, SECRET)}
    return httpx.post(f"{url}/webhooks/line", content=body, headers=headers, timeout=30).status_code


def _to(line_api: LineStandIn, user: str) -> list[str]:
    """Texts LINE accepted for ``user``: pushes addressed to them and replies (tokens belong to their events)."""
    texts = []
    for request in line_api.sent():
        if request.path == PUSH and request.body.get("to") != user:
            continue
        texts.append("\n".join(request.texts))
    return texts


def test_both_workers_are_ready_on_the_shared_services(workers: tuple[ServeProcess, ServeProcess, LineStandIn]) -> None:
    for worker in workers[:2]:
        ready = httpx.get(f"{worker.url}/readyz", timeout=10)
        assert ready.status_code == 200, ready.text
        assert "line" in ready.json()["channels"]


def test_the_same_webhook_at_both_workers_is_answered_once(
    workers: tuple[ServeProcess, ServeProcess, LineStandIn],
) -> None:
    first, second, line_api = workers
    user = "U" + uuid.uuid4().hex
    body = _webhook(user)
    with ThreadPoolExecutor(2) as pool:  # both at once: the race a retrying load balancer makes
        statuses = list(pool.map(lambda url: _deliver(url, body), [first.url, second.url]))
    assert statuses == [200, 200]
    line_api.wait_for(lambda api: len(api.sent()) >= 1, timeout=60)
    time.sleep(3)  # room for a second, duplicate reply to show up if a worker were to send one
    answers = [r for r in line_api.sent() if r.path in (REPLY, PUSH)]
    assert len(answers) == 1, [r.texts for r in answers]
    # Later redeliveries (LINE retries on another worker) are ignored too.
    assert _deliver(second.url, body) == 200 and _deliver(first.url, body) == 200
    time.sleep(2)
    assert len([r for r in line_api.sent() if r.path in (REPLY, PUSH)]) == 1


def test_a_mentor_answer_is_delivered_once_with_both_relays_running(
    workers: tuple[ServeProcess, ServeProcess, LineStandIn], postgres_url: str
) -> None:
    _, _, line_api = workers
    user = "U" + uuid.uuid4().hex
    database = open_database(postgres_url)
    try:
        repository = ConversationRepository(database)
        sme = repository.touch_user("line", user, "คุณวิภา")
        tickets = TicketService(database, Outbox(database))
        ticket, _ = tickets.create_or_attach(
            sme.id, repository.active_conversation(sme.id), "ไฟจากโซลาร์รูฟท็อปต้องนับในขอบเขตที่ 2 ไหมคะ", {}
        )
        mentor = MentorRegistry(database).add("พี่ต้น", line_user_id="U" + uuid.uuid4().hex)
        # Several answers in a row, so both relays have rows to race for.
        for round_ in range(5):
            tickets.answer(ticket.id, mentor.id, f"{ANSWER} ({round_ + 1})")
        wait_until(
            lambda: all(row.status == "delivered" for row in tickets.outbox.rows(purpose="mentor_answer")),
            "both relays to deliver every answer",
        )
        time.sleep(2)  # a duplicate push would show up within a few relay rounds
        pushed = [t for t in _to(line_api, user) if ANSWER in t]
        for round_ in range(5):
            assert sum(f"({round_ + 1})" in t for t in pushed) == 1, pushed
        assert len(pushed) == 5
    finally:
        database.close()


@pytest.fixture
def queue_deployment(
    postgres_url: str, thai_folder: Path, tmp_path: Path
) -> Iterator[tuple[ServeProcess, list[WorkerProcess], LineStandIn]]:
    """One web process enqueueing into Redis, two ``nzap worker`` processes answering (short leases)."""
    with LineStandIn() as line_api:
        common = {
            **os.environ,
            "PYTHONPATH": str(REPO),
            "NZAP_DATA_DIR": str(tmp_path / "data"),
            "NZAP_DATABASE_URL": postgres_url,
            "NZAP_REDIS_URL": redis_url_value,
            "NZAP_QUEUE__BACKEND": "redis",
            "NZAP_QUEUE__NAME": f"two-workers-{uuid.uuid4().hex[:8]}",
            "NZAP_QUEUE__WORKERS": "0",
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
        web = ServeProcess(common, tmp_path / "web.log")
        answerers = [WorkerProcess(common, tmp_path / f"worker-{i}.log") for i in (1, 2)]
        try:
            web.start()
            for answerer in answerers:
                answerer.start()
            yield web, answerers, line_api
        finally:
            for answerer in answerers:
                answerer.stop()
            web.stop()
        if line_api.violations:
            pytest.fail("requests to the LINE stand-in broke the spec:\n" + "\n".join(line_api.violations))


def _burst_webhook(user: str, token: str) -> bytes:
    body = json.loads(_webhook(user))
    body["events"][0]["replyToken"] = token
    return json.dumps(body, ensure_ascii=False).encode("utf-8")


def _answers_per_user(line_api: LineStandIn, tokens: dict[str, str]) -> dict[str, int]:
    """How many answers LINE accepted for each user (a reply counts for its token's user, a push for ``to``)."""
    counts = dict.fromkeys(tokens.values(), 0)
    for request in line_api.sent():
        user = request.body.get("to") if request.path == PUSH else tokens.get(request.body.get("replyToken"))
        if user in counts:
            counts[user] += 1
    return counts


@pytest.mark.timeout(1800)  # three processes start and load their models: minutes on a busy shared machine
def test_a_worker_killed_mid_burst_on_the_redis_queue_leaves_every_event_answered_once(
    queue_deployment: tuple[ServeProcess, list[WorkerProcess], LineStandIn], tmp_path: Path
) -> None:
    web, (doomed, survivor), line_api = queue_deployment
    tokens = {uuid.uuid4().hex: "U" + uuid.uuid4().hex for _ in range(16)}
    # Answers are held up at the loading animation, so each worker holds events when one is killed.
    line_api.delays[LOADING] = 1.5
    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(lambda item: _deliver(web.url, _burst_webhook(item[1], item[0])), tokens.items()))
    assert statuses == [200] * len(tokens)  # acknowledged by the web process, nobody answered yet
    # Kill once more events are in hand than one worker's two threads hold: both workers are answering.
    line_api.wait_for(lambda api: api.arrived.count(LOADING) - len(api.sent()) >= 3, timeout=300)
    assert doomed.alive() and survivor.alive()
    doomed.kill()  # mid-burst: it holds events it has taken and jobs it has popped off the queue
    line_api.delays.clear()
    wait_until(
        lambda: all(n >= 1 for n in _answers_per_user(line_api, tokens).values()),
        "every user to be answered",
        timeout=180,
    )
    time.sleep(4)  # leases of 3 s: room for a second answer to show up if a worker were to send one
    counts = _answers_per_user(line_api, tokens)
    assert sorted(counts.values()) == [1] * len(tokens), counts
    # The dead worker's events were taken over by the other one once their leases ran out (its metrics say so).
    scraped = survivor.metrics() or ""
    assert 'nzap_queue_lease_takeovers_total{channel="line"}' in scraped, scraped
    assert 'nzap_queue_events_total{channel="line",outcome="answered"}' in scraped
