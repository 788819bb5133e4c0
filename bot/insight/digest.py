"""The weekly digest: the report's summary posted to the mentors' Telegram and LINE groups, once a week.

The digest goes through the outbox like every other message (the relay delivers it, retries it,
and LINE drops a repeated push by its retry key). Its row's retry key is derived from the week
and the group, and retry keys are unique in the outbox: several workers reaching the digest
hour at once write one row per group between them, and a restart does not post it again.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from bot.mentoring.outbox import Outbox
from bot.storage.database import Database
from bot.storage.models import OutboxMessage
from bot.types import TextReply

logger = logging.getLogger(__name__)

_NAMESPACE = uuid.UUID("6f0d1c9e-2b7a-4c35-9a51-3f1b6b0e7d42")
_BANGKOK = timedelta(hours=7)
CHECK_SECONDS = 600.0
"""How often a worker looks whether the digest is due (it is posted within this after its hour)."""

Target = tuple[str, str]
"""``(channel, recipient)`` of a mentor group."""


def week_of(now: datetime) -> str:
    """The Bangkok ISO week of ``now`` (``2026-W49``): the digest's once-a-week key."""
    year, week, _ = (now + _BANGKOK).isocalendar()
    return f"{year}-W{week:02d}"


def is_due(now: datetime, weekday: int, hour: int) -> bool:
    """Whether this week's digest is due at ``now``: on or after ``weekday`` (0 Monday) at ``hour``, Bangkok time."""
    local = now + _BANGKOK
    return (local.weekday(), local.hour) >= (weekday, hour)


def _retry_key(week: str, target: Target) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"digest:{week}:{target[0]}:{target[1]}"))


def posted(database: Database, week: str, targets: Sequence[Target]) -> bool:
    """Whether this week's digest is already queued for every group."""
    keys = [_retry_key(week, target) for target in targets]
    with database.session() as session:
        found = session.scalars(select(OutboxMessage.retry_key).where(OutboxMessage.retry_key.in_(keys))).all()
    return len(set(found)) == len(keys)


def post_digest(database: Database, targets: Sequence[Target], body: str, week: str, language: str = "th") -> int:
    """Queue ``body`` to each mentor group, once per ``week``; how many rows this call queued."""
    queued = 0
    for target in targets:
        try:
            with database.session() as session:
                Outbox.enqueue(
                    session, target[0], target[1], [TextReply(body)], purpose="notice", language=language,
                    retry_key=_retry_key(week, target),
                )  # fmt: skip
            queued += 1
        except IntegrityError:
            # Another worker (or an earlier run) queued this week's digest to this group.
            continue
    return queued


class DigestWorker:
    """Posts the weekly digest when it is due (a background worker: ``start``/``stop``)."""

    def __init__(
        self,
        database: Database,
        targets: Sequence[Target],
        compose: Callable[[], str],
        weekday: int,
        hour: int,
        language: str = "th",
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        check_seconds: float = CHECK_SECONDS,
    ) -> None:
        """``compose`` writes the digest's text (builds the report): called only when a digest is due and not posted."""
        self._database = database
        self._targets = list(targets)
        self._compose = compose
        self._weekday, self._hour, self._language = weekday, hour, language
        self._clock = clock
        self._check_seconds = check_seconds
        self._task: asyncio.Task[None] | None = None

    def run_once(self) -> int:
        """Post this week's digest if it is due and not posted yet; how many group messages were queued."""
        now = self._clock()
        week = week_of(now)
        if (
            not self._targets
            or not is_due(now, self._weekday, self._hour)
            or posted(self._database, week, self._targets)
        ):
            return 0
        queued = post_digest(self._database, self._targets, self._compose(), week, self._language)
        logger.info("weekly digest %s queued to %d mentor group(s)", week, queued)
        return queued

    async def start(self) -> None:
        """Begin checking (in the running loop)."""
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def stop(self) -> None:
        """Stop checking."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _run(self) -> None:
        while True:
            try:
                await asyncio.to_thread(self.run_once)
            except Exception:  # the database may be briefly away: the next check tries again
                logger.exception("weekly digest failed")
            await asyncio.sleep(self._check_seconds)
