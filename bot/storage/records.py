"""The frozen records the repositories hand out for stored users and messages, and how rows become them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.storage.models import Message, User
from bot.types import Citation


class UnknownUserError(LookupError):
    """No user has this id."""


@dataclass(frozen=True)
class UserRecord:
    """A user as stored."""

    id: int
    channel: str
    platform_user_id: str
    display_name: str | None
    language: str
    created_at: datetime
    last_seen_at: datetime
    consent_status: str = "unknown"
    """``unknown``, ``given`` or ``declined`` (see :mod:`bot.privacy`)."""
    consent_version: str | None = None
    consent_at: datetime | None = None
    business_name: str | None = None
    """A business name the user chose to give mentors."""
    business_asked_at: datetime | None = None
    """When the business name was asked for (it is asked once)."""


@dataclass(frozen=True)
class MessageRecord:
    """A message as stored; the answer fields are ``None``/empty on user messages."""

    id: int
    conversation_id: int
    role: str
    text: str
    created_at: datetime
    confidence: float | None
    mode: str | None
    citations: tuple[Citation, ...]
    escalate: bool
    coverage: str | None = None
    """The tier of a course answer as sent (``answered``, ``partial``, ``not_covered``), else ``None``."""


def user_record(user: User) -> UserRecord:
    """The frozen record of a user row."""
    return UserRecord(
        id=user.id,
        channel=user.channel,
        platform_user_id=user.platform_user_id,
        display_name=user.display_name,
        language=user.language,
        created_at=user.created_at,
        last_seen_at=user.last_seen_at,
        consent_status=user.consent_status,
        consent_version=user.consent_version,
        consent_at=user.consent_at,
        business_name=user.business_name,
        business_asked_at=user.business_asked_at,
    )


def message_record(message: Message) -> MessageRecord:
    """The frozen record of a message row."""
    return MessageRecord(
        id=message.id,
        conversation_id=message.conversation_id,
        role=message.role,
        text=message.text,
        created_at=message.created_at,
        confidence=message.confidence,
        mode=message.mode,
        citations=tuple(Citation(**citation) for citation in message.citations or ()),
        escalate=message.escalate,
        coverage=message.coverage,
    )
