"""Redis in front of the processed-events table: a redelivery another worker already claimed is
dropped without the database, and Redis never decides an id it does not know."""

from __future__ import annotations

import pytest
import redis
from sqlalchemy import create_engine
from sqlalchemy.exc import OperationalError

from bot.limits.redis_store import RedisSeenEvents, connect
from bot.storage import Database, NewEvent, ProcessedEvents
from tests.bot.limits.conftest import needs_redis
from tests.bot.storage.conftest import database, database_url  # noqa: F401  (shared fixtures)

pytestmark = [needs_redis, pytest.mark.needs_system]


def _unreachable_database() -> Database:
    """A database whose server is gone (nothing listens on port 1): every session fails."""
    return Database(create_engine("postgresql+psycopg://nobody@127.0.0.1:1/gone", connect_args={"connect_timeout": 2}))


def test_a_claimed_event_is_dropped_by_another_worker_even_while_the_database_is_down(
    database: Database,  # noqa: F811
    client: redis.Redis,
    namespace: str,
    redis_url: str,
) -> None:
    first_worker = ProcessedEvents(database, RedisSeenEvents(client, namespace), 600)
    assert first_worker.claim_all("line", ["01EVENT-A", "01EVENT-B"]) == {"01EVENT-A", "01EVENT-B"}

    other_client = connect(redis_url)
    try:
        second_worker = ProcessedEvents(_unreachable_database(), RedisSeenEvents(other_client, namespace), 600)
        # LINE redelivers to the other worker while its database connection is down: dropped, no 503.
        assert second_worker.claim_all("line", ["01EVENT-A"]) == set()
        assert second_worker.claim("line", "01EVENT-B") is False
        # A new event is not Redis's to decide: the database must be asked, and it is down.
        with pytest.raises(OperationalError):
            second_worker.claim_all("line", ["01EVENT-C"])
    finally:
        other_client.close()


def test_an_event_whose_claim_failed_is_not_remembered(
    database: Database,  # noqa: F811
    client: redis.Redis,
    namespace: str,
) -> None:
    seen = RedisSeenEvents(client, namespace)
    with pytest.raises(OperationalError):
        ProcessedEvents(_unreachable_database(), seen, 600).claim_all("telegram", ["777"])
    # The redelivery, once the database is back, is claimed and answered.
    assert ProcessedEvents(database, seen, 600).claim("telegram", "777") is True


def test_with_redis_down_the_database_decides(database: Database) -> None:  # noqa: F811
    dead = RedisSeenEvents(redis.Redis(host="127.0.0.1", port=1, socket_connect_timeout=0.5), "nzap-test-dead")
    events = ProcessedEvents(database, dead, 600)
    assert events.claim("line", "01EVENT-Z") is True
    assert events.claim("line", "01EVENT-Z") is False


def test_a_batch_of_webhooks_drops_the_answered_redeliveries_in_one_look_at_redis(
    database: Database,  # noqa: F811
    client: redis.Redis,
    namespace: str,
    redis_url: str,
) -> None:
    first_worker = ProcessedEvents(database, RedisSeenEvents(client, namespace), 600)
    batch = [NewEvent(f"01BATCH-{n}", f'{{"text": "คำถามที่ {n}"}}') for n in range(3)]
    assert first_worker.record_all("line", batch) == {"01BATCH-0", "01BATCH-1", "01BATCH-2"}
    for n in (0, 2):
        taken = first_worker.take("line", f"01BATCH-{n}", 30)
        assert taken is not None and first_worker.finish(taken)  # answered: remembered in Redis
    other_client = connect(redis_url)
    try:
        web = ProcessedEvents(_unreachable_database(), RedisSeenEvents(other_client, namespace), 600)
        # Both answered events come again (LINE redelivers) while the database is away: dropped, no 503.
        assert web.record_all("line", [batch[0], batch[2]]) == set()
        # One not answered yet is the database's to decide, and it is down.
        with pytest.raises(OperationalError):
            web.record_all("line", [batch[0], batch[1]])
    finally:
        other_client.close()
