"""The values that flow through the conversation engine, independent of any channel."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol


@dataclass(frozen=True)
class IncomingMessage:
    """One thing a user did: typed text, or pressed a button (``action``).

    Channels build these from webhooks; the text is already normalised
    (:func:`ingestion.thai.normalize`) when it gets here.
    """

    channel: str
    """``line``, ``telegram``, ``web`` or ``cli``."""
    user_id: str
    """The user's id on that channel."""
    text: str = ""
    chat_id: str | None = None
    """The chat or group the message came from, when it is not the one-to-one chat."""
    display_name: str | None = None
    action: str | None = None
    """An opaque action id from a button (quick reply, postback, callback data)."""
    message_id: str | None = None
    received_at: datetime = field(default_factory=lambda: datetime.now(UTC))


@dataclass(frozen=True)
class Citation:
    """Where a piece of an answer comes from."""

    source: str
    title: str
    page: int | None = None
    slide: int | None = None
    module: int | None = None
    week: int | None = None
    heading: str = ""
    kind: str = "course"
    """What the source is: ``course`` material, ``faq``, ``glossary`` or ``schedule`` (how it is titled)."""


@dataclass(frozen=True)
class Answer:
    """What an answerer produced from the passages it was given."""

    text: str
    citations: list[Citation]
    confidence: float
    supported: bool
    """False when the passages do not answer the question (the engine then offers a mentor)."""
    mode: str
    """``extractive`` or ``llm``."""
    note: str | None = None
    """A short remark for the user, e.g. that the LLM was unavailable and this is the offline answer."""
    kind: str | None = None
    """``calculation`` or ``schedule`` when the answer quotes what a tool computed (the LLM's tools), else ``None``."""
    values: dict[str, object] | None = None
    """What those tools computed, for ``nzap ask --json``."""


@dataclass(frozen=True)
class QuickOption:
    """A button: what it says and the opaque action it sends back."""

    label: str
    action: str


@dataclass(frozen=True)
class TextReply:
    """Plain text."""

    text: str


@dataclass(frozen=True)
class QuickReplies:
    """Text followed by buttons for the next step."""

    text: str
    options: tuple[QuickOption, ...]


@dataclass(frozen=True)
class SourceList:
    """The sources of the answer just given; channels render them richly or as text."""

    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class EscalationNotice:
    """The question was handed to mentors; ``reference`` is what the user can quote."""

    text: str
    reference: str


Reply = TextReply | QuickReplies | SourceList | EscalationNotice


@dataclass(frozen=True)
class Turn:
    """One earlier message of the conversation, oldest first in a history."""

    role: str
    """``user`` or ``assistant``."""
    text: str


class SeenEvents(Protocol):
    """Remembers webhook event ids for a while, to drop redeliveries before the database is asked."""

    def first_time(self, channel: str, event_id: str, ttl_seconds: int) -> bool:
        """``True`` the first time ``(channel, event_id)`` is seen within ``ttl_seconds``."""
        ...

    def known(self, channel: str, event_id: str) -> bool:
        """Whether ``(channel, event_id)`` is remembered now (a read; ``False`` when unsure)."""
        ...

    def known_among(self, channel: str, event_ids: Sequence[str]) -> set[str]:
        """Which of ``event_ids`` are remembered now, in one round trip (a batch of webhooks)."""
        ...
