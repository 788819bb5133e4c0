"""What ``/readyz`` checks: the index (and that it was built with the configured embedder), the database, Redis."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import text

from bot.limits.redis_store import connect
from bot.settings import Settings
from bot.storage import Database
from knowledge.embedders import Embedder
from knowledge.index import check_live_manifest


def build_readiness(settings: Settings, embedder: Embedder, database: Database) -> Callable[[], dict[str, str]]:
    """The check: a problem (its reason) for each of the index, the database and Redis that cannot be used.

    The index is checked through its live manifest: missing, in an old format, or built with
    another embedder than the configured one (its vectors would be meaningless) each give a
    reason that says what to run. Redis is checked only when ``settings.redis_url`` is set: the
    limits fail open without it, so answers still go out, but the workers no longer share
    limits and de-duplication, and an operator should know.
    """
    redis_client = None
    if settings.redis_url is not None:
        redis_client = connect(settings.redis_url.get_secret_value(), timeout_seconds=1.0)

    def ready() -> dict[str, str]:
        problems: dict[str, str] = {}
        try:
            # Cheap enough for a probe every few seconds: the manifest, not the whole index.
            check_live_manifest(settings.resolved_index_dir(), embedder)
        except Exception as error:  # any failure means "not ready"; the reason is reported
            problems["index"] = str(error)
        try:
            with database.session() as session:
                session.execute(text("SELECT 1"))
        except Exception as error:
            problems["database"] = str(error)
        if redis_client is not None:
            try:
                redis_client.ping()
            except Exception as error:  # redis.RedisError, or an OSError from the socket
                problems["redis"] = str(error)
        return problems

    return ready
