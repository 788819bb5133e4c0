"""A batch of recorded webhook events goes to the queue in one trip, and each is answered once, in order.

On real Redis (``NZAP_TEST_REDIS_URL``) and the embedded SQLite queue: the jobs written in one
``LPUSH`` (one transaction on SQLite) are the jobs huey itself would have written one by one,
so a worker runs each once, the first webhook's first.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from bot.channels.jobs import HueyQueue, QueueConfig, open_huey
from tests.bot.limits.conftest import needs_redis, redis_url_value


def _answer_everything(queue: HueyQueue) -> None:
    """What a worker does with the queue's jobs: take each off the queue and run it, until none is left."""
    while (task := queue.huey.dequeue()) is not None:
        queue.huey.execute(task)


def _burst(queue: HueyQueue, answered: list[tuple[str, str]]) -> None:
    event_ids = [f"01BURST{number:019d}" for number in range(200)]
    queue.enqueue_many("line", event_ids[:150])
    queue.enqueue_many("telegram", event_ids[150:])
    queue.enqueue("line", "01SINGLE00000000000000000001")  # the one-by-one path still works beside it
    assert queue.depth() == 201
    _answer_everything(queue)
    expected = [("line", event_id) for event_id in event_ids[:150]]
    expected += [("telegram", event_id) for event_id in event_ids[150:]]
    expected.append(("line", "01SINGLE00000000000000000001"))
    assert answered == expected  # each once, in the order the webhooks were recorded
    assert queue.depth() == 0


@pytest.mark.needs_system
@needs_redis
def test_a_burst_enqueued_in_one_trip_to_redis_is_answered_once_each_in_order() -> None:
    name = f"batch-{uuid.uuid4().hex[:8]}"
    answered: list[tuple[str, str]] = []
    queue = HueyQueue(open_huey(QueueConfig("redis", redis_url_value, name)), lambda *job: answered.append(job))
    try:
        _burst(queue, answered)
    finally:
        queue.huey.flush()


def test_a_burst_enqueued_in_one_transaction_to_sqlite_is_answered_once_each_in_order(tmp_path: Path) -> None:
    answered: list[tuple[str, str]] = []
    queue = HueyQueue(open_huey(QueueConfig("sqlite", str(tmp_path / "queue.db"))), lambda *job: answered.append(job))
    _burst(queue, answered)


def test_an_empty_batch_writes_nothing(tmp_path: Path) -> None:
    queue = HueyQueue(open_huey(QueueConfig("sqlite", str(tmp_path / "queue.db"))))
    queue.enqueue_many("line", [])
    assert queue.depth() == 0
