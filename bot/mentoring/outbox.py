"""The outbox: messages written in the same transaction as their cause, delivered by the relay.

A row goes ``pending`` -> ``sending`` (claimed by one worker, with a lease) -> ``delivered``
or ``failed``; a failed attempt puts it back to ``pending`` with a later ``next_attempt_at``.
A worker that dies leaves its row ``sending``; when the lease runs out another worker takes
it again with the same ``retry_key``.

Claims are safe with several workers: on PostgreSQL the candidate rows are locked with
``SELECT ... FOR UPDATE SKIP LOCKED``; everywhere the claim is a conditional ``UPDATE``
that only succeeds while the row is still due, so two workers never both win a row.
Every later change names the attempt it belongs to (``attempts`` at claim time): a worker
whose lease ran out and whose row was taken over cannot mark it any more.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypedDict, Unpack

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import Session

from bot.storage.database import Database
from bot.storage.models import OUTBOX_CHANNELS, OutboxMessage, utcnow
from bot.types import Citation, EscalationNotice, QuickOption, QuickReplies, Reply, SourceList, TextReply

OUTBOX_CHANNEL_NAMES = frozenset(OUTBOX_CHANNELS)


def batch_retry_key(retry_key: str, index: int) -> str:
    """The LINE retry key of the ``index``-th push of a send: the send's own key first, then keys derived from it.

    Derived keys are UUIDs too (LINE requires that) and the same on every attempt, whoever
    makes it: the channel sending a reply, or the relay sending the row it left behind.
    """
    return retry_key if index == 0 else str(uuid.uuid5(uuid.UUID(retry_key), str(index)))


def reply_to_json(reply: Reply) -> dict[str, Any]:
    """One reply as JSON with a ``kind`` tag (the outbox payload format)."""
    if isinstance(reply, TextReply):
        return {"kind": "text", "text": reply.text}
    if isinstance(reply, QuickReplies):
        options = [{"label": o.label, "action": o.action} for o in reply.options]
        return {"kind": "quick_replies", "text": reply.text, "options": options}
    if isinstance(reply, SourceList):
        return {"kind": "sources", "citations": [vars(c) for c in reply.citations]}
    return {"kind": "escalation", "text": reply.text, "reference": reply.reference}


def reply_from_json(data: dict[str, Any]) -> Reply:
    """The reply :func:`reply_to_json` wrote."""
    kind = data.get("kind")
    if kind == "text":
        return TextReply(data["text"])
    if kind == "quick_replies":
        return QuickReplies(data["text"], tuple(QuickOption(o["label"], o["action"]) for o in data["options"]))
    if kind == "sources":
        return SourceList(tuple(Citation(**c) for c in data["citations"]))
    if kind == "escalation":
        return EscalationNotice(data["text"], data["reference"])
    raise ValueError(f"unknown reply kind in an outbox payload: {kind!r}")


@dataclass(frozen=True)
class OutboxRecord:
    """An outbox row as stored; ``attempts`` is also the claim token of the current attempt."""

    id: int
    channel: str
    recipient: str
    replies: tuple[Reply, ...]
    language: str
    ticket_id: int | None
    purpose: str
    retry_key: str
    status: str
    attempts: int
    progress: int
    next_attempt_at: datetime
    locked_until: datetime | None
    last_error: str | None
    created_at: datetime
    delivered_at: datetime | None
    recipients: tuple[str, ...] = ()
    """The users of a LINE multicast row (session reminders); empty for a row to ``recipient`` alone."""


class RowOptions(TypedDict, total=False):
    """The optional fields of a new row, as :meth:`Outbox.enqueue` takes them (so :meth:`Outbox.add` passes them on)."""

    language: str
    ticket_id: int | None
    now: datetime | None
    retry_key: str | None
    progress: int
    recipients: Sequence[str] | None


class Outbox:
    """Writes outbox rows (inside the caller's transaction) and moves them through delivery."""

    def __init__(self, database: Database) -> None:
        self._database = database

    @staticmethod
    def enqueue(
        session: Session,
        channel: str,
        recipient: str,
        replies: Sequence[Reply],
        *,
        purpose: str,
        language: str = "th",
        ticket_id: int | None = None,
        now: datetime | None = None,
        retry_key: str | None = None,
        progress: int = 0,
        recipients: Sequence[str] | None = None,
    ) -> OutboxMessage:
        """Add a row to ``session``'s transaction: it is delivered only if that transaction commits.

        ``retry_key`` and ``progress`` are for a send that already began elsewhere (a reply the
        platform did not take): the relay goes on with the same LINE retry keys, after the
        ``progress`` platform calls that were accepted. ``recipients``: one LINE multicast to these users.
        """
        if channel not in OUTBOX_CHANNEL_NAMES:
            raise ValueError(f"no delivery to channel {channel!r}; expected one of {sorted(OUTBOX_CHANNEL_NAMES)}")
        now = now or utcnow()
        row = OutboxMessage(
            channel=channel,
            recipient=recipient,
            payload=[reply_to_json(r) for r in replies],
            language=language,
            ticket_id=ticket_id,
            purpose=purpose,
            retry_key=retry_key or str(uuid.uuid4()),
            status="pending",
            attempts=0,
            progress=progress,
            next_attempt_at=now,
            created_at=now,
            recipients=list(recipients) if recipients else None,
        )
        session.add(row)
        session.flush()
        return row

    def add(
        self, channel: str, recipient: str, replies: Sequence[Reply], *, purpose: str, **options: Unpack[RowOptions]
    ) -> OutboxRecord:
        """:meth:`enqueue` in a transaction of its own (for messages with no other change)."""
        with self._database.session() as session:
            return _record(self.enqueue(session, channel, recipient, replies, purpose=purpose, **options))

    def get(self, message_id: int) -> OutboxRecord | None:
        """The row with this id, or ``None``."""
        with self._database.session() as session:
            row = session.get(OutboxMessage, message_id)
            return None if row is None else _record(row)

    def rows(self, ticket_id: int | None = None, purpose: str | None = None) -> list[OutboxRecord]:
        """Rows in the order they were written, optionally of one ticket and/or purpose."""
        query = select(OutboxMessage).order_by(OutboxMessage.id)
        if ticket_id is not None:
            query = query.where(OutboxMessage.ticket_id == ticket_id)
        if purpose is not None:
            query = query.where(OutboxMessage.purpose == purpose)
        with self._database.session() as session:
            return [_record(row) for row in session.scalars(query)]

    def backlog(self, channels: Sequence[str] | None = None) -> int:
        """Rows still waiting for delivery (``pending``, or ``sending`` under a lease), optionally of some channels."""
        query = select(func.count()).select_from(OutboxMessage).where(OutboxMessage.status.in_(("pending", "sending")))
        if channels is not None:
            query = query.where(OutboxMessage.channel.in_(list(channels)))
        with self._database.session() as session:
            return int(session.scalar(query) or 0)

    def claim_due(
        self, limit: int, now: datetime, lease: timedelta, channels: Sequence[str] | None = None
    ) -> list[OutboxRecord]:
        """Take up to ``limit`` due rows for delivery: pending ones whose time has come and ``sending``
        ones whose worker's lease ran out. Each returned row is this caller's alone until ``now + lease``.
        """
        due = or_(
            and_(OutboxMessage.status == "pending", OutboxMessage.next_attempt_at <= now),
            and_(OutboxMessage.status == "sending", OutboxMessage.locked_until <= now),
        )
        query = select(OutboxMessage.id).where(due).order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
        if channels is not None:
            query = query.where(OutboxMessage.channel.in_(list(channels)))
        claimed: list[OutboxRecord] = []
        with self._database.session() as session:
            # SKIP LOCKED on PostgreSQL: a row another worker is claiming right now is left to it.
            # SQLite ignores it; there BEGIN IMMEDIATE already lets one writer at a time in.
            candidates = session.scalars(query.limit(limit).with_for_update(skip_locked=True)).all()
            for message_id in candidates:
                taken = session.execute(
                    update(OutboxMessage)
                    .where(OutboxMessage.id == message_id, due)
                    .values(
                        status="sending",
                        locked_until=now + lease,
                        attempts=OutboxMessage.attempts + 1,
                    )
                    .execution_options(synchronize_session=False)
                )
                if _rowcount(taken) == 1:
                    row = session.get(OutboxMessage, message_id, populate_existing=True)
                    assert row is not None
                    claimed.append(_record(row))
        return claimed

    def mark_progress(self, claimed: OutboxRecord, progress: int) -> bool:
        """Remember that the first ``progress`` platform calls of this row were accepted."""
        return self._change(claimed, progress=progress)

    def mark_delivered(self, claimed: OutboxRecord, now: datetime | None = None) -> bool:
        """The recipient has it. False when the claim was lost (another worker took the row over)."""
        return self._change(
            claimed, status="delivered", delivered_at=now or utcnow(), locked_until=None, last_error=None
        )

    def mark_retry(self, claimed: OutboxRecord, error: str, next_attempt_at: datetime) -> bool:
        """This attempt failed in a way worth retrying; try again at ``next_attempt_at``."""
        return self._change(
            claimed, status="pending", next_attempt_at=next_attempt_at, locked_until=None, last_error=error[:2000]
        )

    def mark_failed(self, claimed: OutboxRecord, error: str) -> bool:
        """Give up on this row (the platform refused it, or every attempt failed)."""
        return self._change(claimed, status="failed", locked_until=None, last_error=error[:2000])

    def take_for_recipient(self, channel: str, recipient: str, now: datetime | None = None) -> list[OutboxRecord]:
        """Pending rows for one recipient, marked delivered as they are handed over (channels without push)."""
        now = now or utcnow()
        with self._database.session() as session:
            rows = session.scalars(
                select(OutboxMessage)
                .where(
                    OutboxMessage.channel == channel,
                    OutboxMessage.recipient == recipient,
                    OutboxMessage.status == "pending",
                )
                .order_by(OutboxMessage.id)
                .with_for_update(skip_locked=True)
            ).all()
            taken: list[OutboxRecord] = []
            for row in rows:
                row.status, row.delivered_at, row.attempts = "delivered", now, row.attempts + 1
                taken.append(_record(row))
            return taken

    def _change(self, claimed: OutboxRecord, **values: Any) -> bool:
        with self._database.session() as session:
            result = session.execute(
                update(OutboxMessage)
                .where(
                    OutboxMessage.id == claimed.id,
                    OutboxMessage.status == "sending",
                    OutboxMessage.attempts == claimed.attempts,
                )
                .values(**values)
                .execution_options(synchronize_session=False)
            )
            return _rowcount(result) == 1


def _rowcount(result: Any) -> int:
    """Rows an UPDATE changed."""
    return int(result.rowcount)


def _record(row: OutboxMessage) -> OutboxRecord:
    """The frozen record of an outbox row."""
    return OutboxRecord(
        id=row.id,
        channel=row.channel,
        recipient=row.recipient,
        replies=tuple(reply_from_json(item) for item in row.payload),
        language=row.language,
        ticket_id=row.ticket_id,
        purpose=row.purpose,
        retry_key=row.retry_key,
        status=row.status,
        attempts=row.attempts,
        progress=row.progress,
        next_attempt_at=row.next_attempt_at,
        locked_until=row.locked_until,
        last_error=row.last_error,
        created_at=row.created_at,
        delivered_at=row.delivered_at,
        recipients=tuple(row.recipients or ()),
    )
