"""What ``/readyz`` checks: the models, the index (built with the configured embedder), the database, Redis,
and the task queue (reachable; its backlog is reported beside the verdict).

``/readyz`` is reachable by anyone who can reach the server, so it answers with short fixed
reasons only: never an exception's text, which may hold file paths, host names or a database
URL. The detail goes to the log, once each time a component's problem changes (a load balancer
probing every few seconds must not flood it).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import text

from bot.limits.redis_store import connect
from bot.observability.metrics import set_queue_depth
from bot.settings import Settings
from bot.storage import Database
from knowledge.embedders import Embedder
from knowledge.index import IndexMismatchError, IndexNotFoundError, check_live_manifest

logger = logging.getLogger(__name__)

INDEX_MISSING = "no index: build one with `nzap ingest PATH`"
INDEX_MISMATCH = "the index was built with another embedder or format: rebuild it with `nzap ingest PATH --rebuild`"
INDEX_UNREADABLE = "the index cannot be read"
DATABASE_UNREACHABLE = "the database cannot be reached"
REDIS_UNREACHABLE = "Redis cannot be reached"
QUEUE_UNREACHABLE = "the task queue cannot be reached"


@dataclass(frozen=True)
class Readiness:
    """One probe's verdict: a short reason per component that is not ready, and the queue's backlog."""

    problems: dict[str, str] = field(default_factory=dict)
    queue_backlog: int | None = None
    """Jobs waiting for a worker; ``None`` without a queue (answered in the web process) or when unreachable."""


class ProblemLog:
    """Logs a component's problem when it appears or changes, and its recovery, not on every probe."""

    def __init__(self) -> None:
        self._last: dict[str, str] = {}
        self._lock = threading.Lock()

    def seen(self, problems: dict[str, str], details: dict[str, str]) -> None:
        """Record this probe's ``problems`` (short reasons) with their ``details`` (for the log only)."""
        with self._lock:
            for component, detail in details.items():
                if self._last.get(component) != detail:
                    logger.warning("not ready: %s: %s", component, detail)
            for component in set(self._last) - set(problems):
                logger.info("ready again: %s", component)
            self._last = dict(details)


def index_problem(error: Exception) -> str:
    """The short public reason for an index that cannot be used."""
    if isinstance(error, IndexNotFoundError):
        return INDEX_MISSING
    if isinstance(error, IndexMismatchError):
        return INDEX_MISMATCH
    return INDEX_UNREADABLE


def build_readiness(
    settings: Settings, embedder: Embedder, database: Database, queue_depth: Callable[[], int] | None = None
) -> Callable[[], Readiness]:
    """The check: a short reason for each of the index, the database, Redis and the queue that cannot be used.

    The index is checked through its live manifest: missing, in an old format, or built with
    another embedder than the configured one (its vectors would be meaningless) each give a
    reason that says what to run. Redis is checked only when ``settings.redis_url`` is set: the
    limits fail open without it, so answers still go out, but the workers no longer share
    limits and de-duplication, and an operator should know. ``queue_depth`` (with a task queue)
    counts the jobs waiting: a queue that cannot be read means webhooks are recorded but no
    worker is told (the sweep catches up later), so the web process is not ready.
    """
    redis_client = None
    if settings.redis_url is not None:
        redis_client = connect(settings.redis_url.get_secret_value(), timeout_seconds=1.0)
    log = ProblemLog()

    def ready() -> Readiness:
        problems: dict[str, str] = {}
        details: dict[str, str] = {}
        backlog: int | None = None
        try:
            # Cheap enough for a probe every few seconds: the manifest, not the whole index.
            check_live_manifest(settings.resolved_index_dir(), embedder)
        except Exception as error:  # any failure means "not ready"
            problems["index"], details["index"] = index_problem(error), f"{type(error).__name__}: {error}"
        try:
            with database.session() as session:
                session.execute(text("SELECT 1"))
        except Exception as error:
            problems["database"], details["database"] = DATABASE_UNREACHABLE, type(error).__name__
        if redis_client is not None:
            try:
                redis_client.ping()
            except Exception as error:  # redis.RedisError, or an OSError from the socket
                problems["redis"], details["redis"] = REDIS_UNREACHABLE, f"{type(error).__name__}: {error}"
        if queue_depth is not None:
            try:
                backlog = queue_depth()
                set_queue_depth(backlog)
            except Exception as error:  # redis.RedisError, psycopg's, sqlite3's, an OSError from the socket
                problems["queue"], details["queue"] = QUEUE_UNREACHABLE, f"{type(error).__name__}: {error}"
        log.seen(problems, details)
        return Readiness(problems, backlog)

    return ready
