"""Which platform events were already taken: a redelivered webhook is never answered twice."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.exc import IntegrityError

from bot.storage.database import Database
from bot.storage.models import ProcessedEvent


class ProcessedEvents:
    """Claims event ids (LINE ``webhookEventId``, Telegram ``update_id``) once per channel.

    The unique constraint in the database decides, so several workers sharing one
    PostgreSQL database agree on which of them answers.
    """

    def __init__(self, database: Database) -> None:
        self._database = database

    def claim_all(self, channel: str, event_ids: Sequence[str]) -> set[str]:
        """Claim several events in one transaction; the ids claimed now (their first delivery).

        All or nothing: if the database cannot be written, the error propagates and no id is
        claimed, so the webhook can be refused (503) and redelivered whole. Each insert runs in
        a savepoint, so an id claimed before (a redelivery) does not undo the others.
        """
        claimed: set[str] = set()
        with self._database.session() as session:
            # In sorted order: two workers claiming overlapping batches then wait for each other
            # instead of deadlocking on PostgreSQL.
            for event_id in sorted(set(event_ids)):
                try:
                    with session.begin_nested():
                        session.add(ProcessedEvent(channel=channel, event_id=event_id))
                except IntegrityError:
                    continue
                claimed.add(event_id)
        return claimed

    def claim(self, channel: str, event_id: str) -> bool:
        """True for the first delivery of an event; False for every later one."""
        try:
            with self._database.session() as session:
                session.add(ProcessedEvent(channel=channel, event_id=event_id))
        except IntegrityError:
            return False
        return True
