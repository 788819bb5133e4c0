"""The web chat's transcript: what a page showed, kept so that a reload shows it again.

LINE and Telegram keep the chat in their apps; a web page forgets everything on reload, and a
mentor's answer that arrives a day later would stand alone. Each message in (the user's text, or
the label of the button they pressed) and each batch of replies out is one row, written only
for users who agreed to the privacy notice (the caller checks), and exported, erased and purged
with the rest of their data (:mod:`bot.privacy.service`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from bot.storage.database import Database
from bot.storage.models import WebTranscriptEntry, utcnow


@dataclass(frozen=True)
class TranscriptEntry:
    """One message the page showed: the user's (``payload`` is one text item) or the replies to it."""

    id: int
    role: str
    payload: tuple[dict[str, Any], ...]
    created_at: datetime


class WebTranscript:
    """Appends to and reads a web user's transcript; every method is one transaction."""

    def __init__(self, database: Database) -> None:
        self._database = database

    def add(self, user_id: int, role: str, payload: Sequence[dict[str, Any]], at: datetime | None = None) -> None:
        """Append one message (``role`` ``user`` or ``assistant``); an empty payload is not kept."""
        if role not in ("user", "assistant"):
            raise ValueError(f"unknown role {role!r}")
        if not payload:
            return
        with self._database.session() as session:
            entry = WebTranscriptEntry(user_id=user_id, role=role, payload=list(payload), created_at=at or utcnow())
            session.add(entry)

    def recent(self, user_id: int, limit: int = 200) -> list[TranscriptEntry]:
        """The user's last ``limit`` messages, oldest first."""
        with self._database.session() as session:
            rows = session.scalars(
                select(WebTranscriptEntry)
                .where(WebTranscriptEntry.user_id == user_id)
                .order_by(WebTranscriptEntry.id.desc())
                .limit(limit)
            ).all()
            return [TranscriptEntry(r.id, r.role, tuple(r.payload or ()), r.created_at) for r in reversed(rows)]
