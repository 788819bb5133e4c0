"""The Redis server named by ``NZAP_TEST_REDIS_URL`` (skipped when unset; required when ``CI=true``).

Each test gets its own key namespace, deleted afterwards, so runs never see each other's keys.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
import redis

REDIS_URL_VARIABLE = "NZAP_TEST_REDIS_URL"

redis_url_value = os.environ.get(REDIS_URL_VARIABLE, "")
if os.environ.get("CI") == "true" and not redis_url_value:
    # CI has a Redis server: a missing URL there is a broken CI script, not a reason to skip.
    raise RuntimeError(f"CI=true but {REDIS_URL_VARIABLE} is not set; .ci/run must export it")

needs_redis = pytest.mark.skipif(not redis_url_value, reason=f"set {REDIS_URL_VARIABLE} to run against a real Redis")


@pytest.fixture
def redis_url() -> str:
    """The URL of the test Redis (a database the tests may write to)."""
    return redis_url_value


@pytest.fixture
def namespace(redis_url: str) -> Iterator[str]:
    """A fresh key prefix; every key under it is deleted after the test."""
    name = f"nzap-test-{uuid.uuid4().hex[:12]}"
    client = redis.Redis.from_url(redis_url)
    try:
        client.ping()
    except redis.RedisError as exc:
        pytest.fail(f"{REDIS_URL_VARIABLE} is set but Redis cannot be reached: {exc}")
    yield name
    keys = list(client.scan_iter(match=f"{name}:*"))
    if keys:
        client.delete(*keys)
    client.close()


@pytest.fixture
def client(redis_url: str, namespace: str) -> Iterator[redis.Redis]:
    """A client of the test Redis, as one worker would hold it."""
    from bot.limits.redis_store import connect

    opened = connect(redis_url)
    yield opened
    opened.close()
