"""The durable record of platform events: recorded before the acknowledgement, answered once.

A webhook's events are *recorded* (``pending``, with the event's JSON) before the platform
gets its 200. A worker *takes* one under a lease (``working``; ``attempts`` counts the takes
and is the token of the current one), renews the lease while it answers, and *finishes* it
(``done``; the JSON is dropped). A worker that dies leaves it ``working``: after the lease,
:meth:`ProcessedEvents.due` lists it and another worker takes it again. A platform
redelivery of an event that is not ``done`` yet is dispatched again (the take decides who
answers), never dropped as a duplicate; one that is ``done`` is dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, and_, bindparam, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.storage.database import Database
from bot.storage.models import ProcessedEvent, utcnow
from bot.types import SeenEvents

PENDING, WORKING, DONE = "pending", "working", "done"


@dataclass(frozen=True)
class NewEvent:
    """An event of a webhook to record: its de-duplication key and its JSON (to answer it from elsewhere)."""

    event_id: str
    payload: str


@dataclass(frozen=True)
class TakenEvent:
    """An event a worker took: answer it, then :meth:`ProcessedEvents.finish` it with ``attempt``."""

    channel: str
    event_id: str
    payload: str
    attempt: int
    received_at: datetime
    reply_state: str | None = None
    """What an earlier attempt recorded about its reply (``None``: it sent none); see ``note_reply``."""


class ProcessedEvents:
    """Claims event ids (LINE ``webhookEventId``, Telegram ``update_id``) once per channel.

    The unique constraint in the database decides, so several workers sharing one
    PostgreSQL database agree on which of them answers.

    ``seen`` (Redis when several workers run) is a cache in front of the database: an id is
    remembered there only after its claim was committed, so an id it knows is certainly
    claimed and its redelivery is dropped without a database round trip (also while the
    database is briefly unreachable, when a redelivery would otherwise be refused with 503).
    An id it does not know, or any Redis failure, leaves the decision to the database.
    """

    def __init__(self, database: Database, seen: SeenEvents | None = None, seen_ttl_seconds: int = 86400) -> None:
        self._database = database
        self._seen = seen
        self._ttl = seen_ttl_seconds

    def claim_all(self, channel: str, event_ids: Sequence[str]) -> set[str]:
        """Claim several events in one transaction; the ids claimed now (their first delivery).

        All or nothing: if the database cannot be written, the error propagates and no id is
        claimed, so the webhook can be refused (503) and redelivered whole. Each insert runs in
        a savepoint, so an id claimed before (a redelivery) does not undo the others.
        """
        seen = self._seen
        unknown = sorted({e for e in event_ids if seen is None or not seen.known(channel, e)})
        claimed: set[str] = set()
        if not unknown:
            return claimed
        with self._database.session() as session:
            # In sorted order: two workers claiming overlapping batches then wait for each other
            # instead of deadlocking on PostgreSQL.
            for event_id in unknown:
                try:
                    with session.begin_nested():
                        session.add(ProcessedEvent(channel=channel, event_id=event_id))
                except IntegrityError:
                    continue
                claimed.add(event_id)
        if seen is not None:  # committed: every one of these ids is in the database now
            for event_id in unknown:
                seen.first_time(channel, event_id, self._ttl)
        return claimed

    def claim(self, channel: str, event_id: str) -> bool:
        """True for the first delivery of an event; False for every later one."""
        return event_id in self.claim_all(channel, [event_id])

    def record_all(self, channel: str, events: Sequence[NewEvent]) -> set[str]:
        """Record events (of one webhook, or of several arriving together) in one transaction; the ids to dispatch
        (new, or recorded and not answered).

        All or nothing, like :meth:`claim_all`: a database error propagates and nothing is
        recorded, so the webhook can be refused (503). An id the ``seen`` cache knows was answered.
        """
        # One round trip to the cache for the whole batch: per event, they were a fifth of the acknowledgement's time.
        known = set() if self._seen is None else self._seen.known_among(channel, [e.event_id for e in events])
        fresh = {e.event_id: e for e in events if e.event_id not in known}
        if not fresh:
            return set()
        row = ProcessedEvent
        ids = sorted(fresh)  # sorted: racing webhooks wait for each other instead of deadlocking
        with self._database.session() as session:
            insert = _insert_ignoring_duplicates(session)
            if insert is None:  # a database without INSERT ... ON CONFLICT: one savepoint per event
                return self._record_one_by_one(session, channel, ids, fresh)
            # Set-based, whatever the number of events (a batch of webhooks is one transaction): one
            # insert that skips the ids recorded before and says which it wrote, one read of the others.
            now = utcnow()
            values = [
                {"channel": channel, "event_id": i, "status": PENDING, "payload": fresh[i].payload, "received_at": now}
                for i in ids
            ]
            # One statement executed for many rows (SQLAlchemy sends them as multi-row INSERTs in pages
            # the driver accepts): compiled once and cached, whatever the batch's size.
            table = ProcessedEvent.__table__
            statement = (
                insert(table).on_conflict_do_nothing(index_elements=["channel", "event_id"]).returning(table.c.event_id)
            )
            written = set(session.connection().execute(statement, values).scalars())
            again = [i for i in ids if i not in written]
            statuses: dict[str, str] = {}
            if again:
                found = session.execute(
                    select(row.event_id, row.status).where(row.channel == channel, row.event_id.in_(again))
                )
                statuses = {event_id: status for event_id, status in found}
            redelivered = [i for i in again if statuses.get(i) != DONE]
            if redelivered:
                # A redelivery of an event not answered yet: keep what the platform sent last (LINE marks
                # it ``isRedelivery``, and its reply token is not to be used). One statement for all of
                # them: a burst where a tenth of the webhooks came twice paid a statement each.
                session.connection().execute(
                    update(cast(Table, table))
                    .where(table.c.channel == channel, table.c.event_id == bindparam("redelivered_id"))
                    .values(payload=bindparam("redelivered_payload")),
                    [{"redelivered_id": i, "redelivered_payload": fresh[i].payload} for i in redelivered],
                )
        return written | set(redelivered)

    def _record_one_by_one(
        self, session: Session, channel: str, ids: list[str], fresh: dict[str, NewEvent]
    ) -> set[str]:
        dispatch: set[str] = set()
        for event_id in ids:
            try:
                with session.begin_nested():
                    row = ProcessedEvent(channel=channel, event_id=event_id, status=PENDING)
                    row.payload = fresh[event_id].payload
                    session.add(row)
            except IntegrityError:
                status = session.scalar(
                    select(ProcessedEvent.status).where(
                        ProcessedEvent.channel == channel, ProcessedEvent.event_id == event_id
                    )
                )
                if status == DONE:
                    continue
                session.execute(
                    update(ProcessedEvent)
                    .where(ProcessedEvent.channel == channel, ProcessedEvent.event_id == event_id)
                    .values(payload=fresh[event_id].payload)
                    .execution_options(synchronize_session=False)
                )
            dispatch.add(event_id)
        return dispatch

    def take(self, channel: str, event_id: str, lease_seconds: float, now: datetime | None = None) -> TakenEvent | None:
        """Take an event to answer until ``now + lease_seconds``; ``None`` when answered or held by someone."""
        now = now or utcnow()
        row = ProcessedEvent
        with self._database.session() as session:
            taken = session.execute(
                update(row)
                .where(
                    row.channel == channel,
                    row.event_id == event_id,
                    or_(row.status == PENDING, and_(row.status == WORKING, row.locked_until < now)),
                )
                .values(status=WORKING, attempts=row.attempts + 1, locked_until=now + timedelta(seconds=lease_seconds))
                .execution_options(synchronize_session=False)
            )
            if taken.rowcount != 1:  # type: ignore[attr-defined]
                return None
            record = session.execute(
                select(row.payload, row.attempts, row.received_at, row.reply_state).where(
                    row.channel == channel, row.event_id == event_id
                )
            ).one()
        return TakenEvent(
            channel, event_id, record.payload or "", record.attempts, record.received_at, record.reply_state
        )

    def note_reply(self, taken: TakenEvent, state: str) -> bool:
        """Record how far the reply to a taken event got, for a worker that may take it over; False when
        another worker has taken it over already."""
        return self._move(taken, WORKING, reply_state=state)

    def renew(self, taken: TakenEvent, lease_seconds: float) -> bool:
        """Extend the lease of an event being answered; False when it was taken over (the lease ran out)."""
        return self._move(taken, WORKING, locked_until=utcnow() + timedelta(seconds=lease_seconds))

    def finish(self, taken: TakenEvent) -> bool:
        """The event is answered: ``done``, its JSON dropped. False when another worker had taken it over."""
        finished = self._move(taken, DONE, locked_until=None, finished_at=utcnow(), payload=None)
        if finished and self._seen is not None:
            self._seen.first_time(taken.channel, taken.event_id, self._ttl)
        return finished

    def release(self, taken: TakenEvent) -> bool:
        """Give an event back unanswered (a worker stopping): ``pending`` again, for the next worker."""
        return self._move(taken, PENDING, locked_until=None)

    def due(self, pending_seconds: float, limit: int = 100, now: datetime | None = None) -> list[tuple[str, str]]:
        """``(channel, event_id)`` to dispatch again: leases run out, or pending over ``pending_seconds``.

        A pending event that old was recorded but its job was lost (the queue was unreachable,
        or the web process died between the record and the enqueue).
        """
        now = now or utcnow()
        row = ProcessedEvent
        with self._database.session() as session:
            rows = session.execute(
                select(row.channel, row.event_id)
                .where(
                    or_(
                        and_(row.status == WORKING, row.locked_until < now),
                        and_(row.status == PENDING, row.received_at < now - timedelta(seconds=pending_seconds)),
                    )
                )
                .order_by(row.id)
                .limit(limit)
            ).all()
        return [(r.channel, r.event_id) for r in rows]

    def status(self, channel: str, event_id: str) -> str | None:
        """``pending``, ``working``, ``done``, or ``None`` for an event never recorded."""
        with self._database.session() as session:
            return session.scalar(
                select(ProcessedEvent.status).where(
                    ProcessedEvent.channel == channel, ProcessedEvent.event_id == event_id
                )
            )

    def _move(self, taken: TakenEvent, status: str, **values: object) -> bool:
        row = ProcessedEvent
        with self._database.session() as session:
            moved = session.execute(
                update(row)
                .where(
                    row.channel == taken.channel,
                    row.event_id == taken.event_id,
                    row.status == WORKING,
                    row.attempts == taken.attempt,
                )
                .values(status=status, **values)
                .execution_options(synchronize_session=False)
            )
            return bool(moved.rowcount == 1)  # type: ignore[attr-defined]


def _insert_ignoring_duplicates(session: Session) -> Any:
    """The dialect's ``insert`` that has ``on_conflict_do_nothing`` (SQLite, PostgreSQL), or ``None``."""
    dialect = session.get_bind().dialect.name
    return {"sqlite": sqlite.insert, "postgresql": postgresql.insert}.get(dialect)
