"""Exactly once across a crash: a real ``nzap serve`` is killed (SIGKILL) while LINE is still taking the
mentor's answer, then started again; the SME has the answer once, every attempt with the same retry key."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.mentoring import MentorRegistry, Outbox, OutboxRecord, TicketService
from bot.storage import ConversationRepository, open_database
from knowledge.embedders import Embedder
from knowledge.sync import sync_folders
from tests.line_stand_in import PUSH, LineStandIn
from tests.serve_process import ServeProcess, wait_until
from tests.server_thread import free_port

REPO = Path(__file__).resolve().parents[3]
SME = "U" + "3" * 32
ANSWER = "ค่าไฟฟ้าส่วนที่ผลิตเองจากโซลาร์ไม่ต้องนับในขอบเขตที่ 2 ครับ"


@pytest.fixture
def line_api() -> Iterator[LineStandIn]:
    with LineStandIn() as stand_in:
        yield stand_in


@pytest.mark.slow
def test_killed_while_delivering_then_restarted_delivers_exactly_once(
    database_url: str, line_api: LineStandIn, thai_folder: Path, tmp_path: Path, embedder: Embedder
) -> None:
    data = tmp_path / "data"
    sync_folders([thai_folder], data / "index", embedder)
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "NZAP_DATA_DIR": str(data),
        "NZAP_DATABASE_URL": database_url,
        "NZAP_LINE__CHANNEL_SECRET": "restart-test-secret",
        "NZAP_LINE__CHANNEL_ACCESS_TOKEN": line_api.access_token,
        "NZAP_LINE__API_BASE_URL": line_api.url,
        "NZAP_MENTORING__RELAY_POLL_SECONDS": "0.2",
        "NZAP_MENTORING__RELAY_LEASE_SECONDS": "10",
        "NZAP_MENTORING__RELAY_REQUEST_TIMEOUT_SECONDS": "30",
    }
    database = open_database(database_url)
    tickets = TicketService(database, Outbox(database))
    server = ServeProcess(env)
    try:
        # LINE is slow: the push is in flight when the server dies (a margin for a loaded machine).
        line_api.delays[PUSH] = 8.0
        server.start()
        repository = ConversationRepository(database)
        user = repository.touch_user("line", SME, "คุณสมชาย")
        ticket, _ = tickets.create_or_attach(user.id, repository.active_conversation(user.id), "โซลาร์นับไหม", {})
        mentor = MentorRegistry(database).add("พี่นก", line_user_id="U" + "4" * 32)
        tickets.answer(ticket.id, mentor.id, ANSWER)  # the same database, as the console or a mentor group would

        def row() -> OutboxRecord:
            [answer] = tickets.outbox.rows(purpose="mentor_answer")
            return answer

        wait_until(lambda: row().status == "sending", "the relay to take the answer")
        # Killed only once LINE is taking the push: the row is claimed a moment before the request leaves.
        line_api.wait_for(lambda api: PUSH in api.arrived, timeout=30)
        server.kill()
        assert row().status == "sending"  # nobody recorded a delivery
        # LINE finishes the push the dead server started: the SME has the answer, we do not know it.
        line_api.wait_for(lambda api: len(api.sent(PUSH)) == 1, timeout=30)
        line_api.delays[PUSH] = 0.0
        server.start()
        wait_until(lambda: row().status == "delivered", "the restarted relay to deliver")
    finally:
        server.stop()
        database.close()
    pushes = [r for r in line_api.requests if r.path == PUSH]
    assert [r.status for r in pushes] == [200, 409]  # the retry was recognised as a repeat
    assert {r.headers["x-line-retry-key"] for r in pushes} == {row().retry_key}
    [shown] = line_api.sent(PUSH)
    assert shown.body["to"] == SME and ANSWER in shown.texts[0]
    assert row().attempts == 2 and line_api.violations == []


@pytest.mark.slow
def test_line_down_until_after_a_restart_still_delivers_once(
    database_url: str, thai_folder: Path, tmp_path: Path, embedder: Embedder
) -> None:
    data = tmp_path / "data"
    sync_folders([thai_folder], data / "index", embedder)
    down = f"http://127.0.0.1:{free_port()}"  # nothing listens here yet
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "NZAP_DATA_DIR": str(data),
        "NZAP_DATABASE_URL": database_url,
        "NZAP_LINE__CHANNEL_SECRET": "restart-test-secret",
        "NZAP_LINE__CHANNEL_ACCESS_TOKEN": "test-channel-access-token",
        "NZAP_LINE__API_BASE_URL": down,
        "NZAP_MENTORING__RELAY_POLL_SECONDS": "0.2",
        "NZAP_MENTORING__RELAY_BACKOFF_SECONDS": "0.2",
    }
    database = open_database(database_url)
    tickets = TicketService(database, Outbox(database))
    repository = ConversationRepository(database)
    user = repository.touch_user("line", SME, "คุณสมชาย")
    ticket, _ = tickets.create_or_attach(user.id, None, "โซลาร์นับไหม", {})
    mentor = MentorRegistry(database).add("พี่นก", line_user_id="U" + "4" * 32)
    tickets.answer(ticket.id, mentor.id, ANSWER)
    server = ServeProcess(env)
    try:
        server.start()
        wait_until(
            lambda: tickets.outbox.rows(purpose="mentor_answer")[0].attempts >= 2, "failed attempts while LINE is down"
        )
        server.kill()
        with LineStandIn() as line_api:
            server.env = {**env, "NZAP_LINE__API_BASE_URL": line_api.url}
            server.start()
            wait_until(lambda: tickets.outbox.rows(purpose="mentor_answer")[0].status == "delivered", "delivery")
            server.stop()
            assert [r.status for r in line_api.requests if r.path == PUSH] == [200]
            assert ANSWER in line_api.sent(PUSH)[0].texts[0] and line_api.violations == []
    finally:
        server.stop()
        database.close()
