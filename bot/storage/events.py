"""Which platform events were already taken: a redelivered webhook is never answered twice."""

from __future__ import annotations

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

    def claim(self, channel: str, event_id: str) -> bool:
        """True for the first delivery of an event; False for every later one."""
        try:
            with self._database.session() as session:
                session.add(ProcessedEvent(channel=channel, event_id=event_id))
        except IntegrityError:
            return False
        return True
