"""The shape every chat platform adapter has: an inbound half, an outbound half, and a plugin for the server.

Like Rasa's ``InputChannel``/``OutputChannel``:

* :class:`InboundChannel` verifies and parses a raw webhook into the platform's events, each
  with its de-duplication key and the chat it belongs to, and handles one event (in the
  background, after the webhook was acknowledged: see :mod:`bot.channels.intake`);
* :class:`OutboundChannel` renders the engine's replies in the platform's own forms (degrading
  what it cannot show to text) and sends them, returning a :class:`SendReport` instead of
  raising: the channel's own answers, the mentor groups' posts and the outbox relay all send
  through it;
* :class:`ChannelPlugin` is what the server mounts: routes and start/stop hooks.

Platform SDKs are imported only inside the adapter's own package.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, Literal, Protocol, TypeVar

from fastapi import APIRouter

from bot.types import Reply

EventT = TypeVar("EventT")
Progress = Callable[[int], Awaitable[None]]
"""Called with the number of platform calls of a send accepted so far (the outbox records it)."""


@dataclass(frozen=True)
class SendReport:
    """What one send did: the first ``accepted`` of ``calls`` platform calls went out.

    A send never raises for a platform's answer: it stops at the first call that did not go
    through (after the sender's own retries) and says why, so the caller can leave the rest to
    the outbox relay, which resumes at ``accepted`` in the same order.
    """

    calls: int
    accepted: int
    retryable: bool = False
    """The call that stopped the send failed in a way worth trying later (5xx, 429, network), not a refusal."""
    error: str = ""
    retry_after: float | None = None
    """Seconds the platform asked us to wait (a 429's ``Retry-After``), when it said."""
    retry_key: str = ""
    """LINE: the key of the send's first push (push ``i`` used ``batch_retry_key(retry_key, i)``)."""
    message_ids: tuple[int, ...] = ()
    """Telegram: the ids of the messages sent now, in order (a ticket post's location)."""

    @property
    def complete(self) -> bool:
        """Every message went out."""
        return self.accepted == self.calls

    @property
    def outcome(self) -> Literal["sent", "retry", "refused"]:
        """``sent`` (all of it), ``retry`` (the rest later), or ``refused`` (given up for good)."""
        if self.complete:
            return "sent"
        return "retry" if self.retryable else "refused"


class WebhookRejectedError(Exception):
    """The request is not a valid webhook of the platform; answered with ``status`` and nothing is taken."""

    status = 400


@dataclass(frozen=True)
class RawEvent:
    """One event of a webhook as the acknowledgement reads it: verified, keyed, not parsed by the SDK.

    Parsing into the platform SDK's typed models is most of a webhook's own CPU and nothing the
    acknowledgement needs: the record needs only the key, the chat and the event's JSON. The worker
    that answers parses it (``restore``), and so does this process when it answers by itself.
    """

    event_id: str | None
    """The platform's de-duplication key (LINE ``webhookEventId``, Telegram ``update_id``); ``None``: always new."""
    chat: str
    """The conversation it belongs to."""
    payload: str
    """The event as JSON, recorded until it is answered; ``restore`` reads it back."""


@dataclass(frozen=True)
class InboundEvent(Generic[EventT]):
    """One platform event of a webhook, with what the shared intake needs to know about it."""

    event: EventT
    event_id: str | None
    """The platform's de-duplication key (LINE ``webhookEventId``, Telegram ``update_id``); ``None``: always new."""
    chat: str
    """The conversation it belongs to: events of one chat are handled one at a time, in order."""
    payload: str = ""
    """The event as JSON, recorded until it is answered: a worker process reads it back with ``restore``."""


class InboundChannel(Protocol[EventT]):
    """The inbound half: a raw webhook in, the platform's events out, one event handled at a time."""

    name: str

    def read(self, headers: Mapping[str, str], body: bytes) -> list[RawEvent]:
        """Verify (signature, secret) and split into events, without the SDK's parsing;
        :class:`WebhookRejectedError` for what the platform would not send."""
        ...

    def restore(self, payload: str) -> InboundEvent[EventT]:
        """The event recorded as ``payload``, parsed by the SDK (in a worker process, or after a restart);
        :class:`WebhookRejectedError` when the SDK refuses it."""
        ...

    async def prepare(self) -> bool:
        """Whether events can be taken now (False: answer 503 so the platform sends them again)."""
        ...

    async def handle(self, event: EventT, received: float) -> None:
        """Answer one event (in the background); ``received`` is when its webhook arrived (``time.monotonic``)."""
        ...


class OutboundChannel(Protocol):
    """The outbound half: the engine's replies rendered for the platform and sent."""

    name: str

    async def send(
        self,
        recipient: str,
        replies: Sequence[Reply],
        language: str,
        *,
        start: int = 0,
        retry_key: str | None = None,
        progress: Progress | None = None,
    ) -> SendReport:
        """Send ``replies`` from platform call ``start`` on; never raises for the platform's answers."""
        ...


class ChannelPlugin(Protocol):
    """A platform adapter as the server sees it: its webhook routes and its start/stop hooks."""

    name: str

    def router(self) -> APIRouter:
        """The routes to mount (for example ``POST /webhooks/line``)."""
        ...

    async def startup(self) -> None:
        """Open clients; called once when the server starts."""
        ...

    async def shutdown(self) -> None:
        """Finish background work and close clients."""
        ...
