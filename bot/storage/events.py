"""Which platform events were already taken: a redelivered webhook is never answered twice."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.exc import IntegrityError

from bot.storage.database import Database
from bot.storage.models import ProcessedEvent
from bot.types import SeenEvents


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
