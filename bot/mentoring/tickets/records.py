"""What the ticket service hands out: frozen records of tickets and their audit trail, and its errors."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.i18n import message
from bot.mentoring.tickets.context import TicketContext
from bot.mentoring.tickets.status import TicketStatus


class TicketError(Exception):
    """Base of the ticket errors."""


class NotAMentorError(TicketError):
    """Someone who is not an active mentor tried to claim, answer or close a ticket."""


class TicketStateError(TicketError):
    """The change does not fit the ticket's state (e.g. answering a closed ticket)."""


class UnknownTicketError(TicketError, LookupError):
    """No ticket has this id."""


@dataclass(frozen=True)
class TicketRecord:
    """A ticket as stored, with its assignee's name."""

    id: int
    number: int
    reference: str
    user_id: int
    conversation_id: int | None
    channel: str
    platform_user_id: str
    chat_id: str | None
    display_name: str | None
    language: str
    question: str
    context: TicketContext
    tags: tuple[str, ...]
    status: TicketStatus
    assignee_mentor_id: int | None
    assignee_name: str | None
    answer: str | None
    created_at: datetime
    updated_at: datetime
    claimed_at: datetime | None
    answered_at: datetime | None
    closed_at: datetime | None
    waiting_since: datetime
    reminded_at: datetime | None
    coordinator_notified_at: datetime | None
    mentor_posts: dict[str, Any]
    business_name: str | None = None
    """The business name the SME gave (kept on the user, so one given after the ticket shows too)."""

    def sme_name(self, language: str = "th") -> str:
        """How mentors see who asked: the display name, else the platform id, or for the web a short label.

        A web user's platform id is derived from their session cookie, the only credential of a
        web chat; mentors get ``ผู้ใช้เว็บ #3f2a`` instead, a tag hashed once more from that id
        (so that it reveals nothing even for users whose id was, in older versions, the
        browser's session id itself).
        """
        if self.display_name:
            return self.display_name
        if self.channel == "web":
            return message("ticket.web_user", language, tag=web_user_tag(self.platform_user_id))
        return self.platform_user_id

    def sme_label(self, language: str = "th") -> str:
        """:meth:`sme_name` with the business name the SME gave: ``คุณสมชาย · ร้านกาแฟบ้านสวน``."""
        name = self.sme_name(language)
        return f"{name} · {self.business_name}" if self.business_name else name

    @property
    def recipient(self) -> str:
        """Where the SME is answered: the group they asked in, else their one-to-one chat."""
        return self.chat_id or self.platform_user_id


@dataclass(frozen=True)
class TicketEventRecord:
    """One entry of a ticket's audit trail."""

    id: int
    ticket_id: int
    at: datetime
    actor: str
    action: str
    detail: dict[str, Any]


def web_user_tag(platform_user_id: str) -> str:
    """A short, non-secret tag telling web users apart (four hex digits of a digest of their id)."""
    return hashlib.sha256(b"nzap-web-label|" + platform_user_id.encode("utf-8")).hexdigest()[:4]
