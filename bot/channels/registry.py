"""Channel names to builders: settings switch a channel on, its builder makes everything it needs once.

Like Rasa's registry of input channels with a ``from_credentials`` factory, instead of an
if/elif chain. A builder makes the platform's one API client (one ``ExtBot``, one LINE
``AsyncApiClient`` per process), the webhook channel over it and, for the outbox relay, the
sender of rows over the same client. The LINE and Telegram adapters (and their SDKs) are
imported only when their channel is on: that is why their builders import lazily.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from bot.channels.base import ChannelPlugin
from bot.channels.jobs import EventQueue
from bot.channels.web import WebChannel
from bot.conversation.engine import ConversationEngine
from bot.limits import Limits
from bot.mentoring.desk import MentorDesk
from bot.mentoring.relay import OutboxSender
from bot.mentoring.tickets import TicketService
from bot.settings import Settings
from bot.storage import ProcessedEvents


@dataclass(frozen=True)
class ChannelServices:
    """What the channels are built over (made once, in the composition root)."""

    engine: ConversationEngine
    events: ProcessedEvents
    desk: MentorDesk | None = None
    """The mentor side of LINE and Telegram (mentor groups, mentors' commands); off without it."""
    tickets: TicketService | None = None
    """With it, each platform also gets a sender of outbox rows for the relay."""
    telegram_polling: bool = False
    """Telegram by long polling (a task in the app's lifespan) instead of its webhook route."""
    limits: Limits | None = None
    """The process's limits; the web chat applies their per-address rate (none: no such limit)."""
    queue: EventQueue | None = None
    """Recorded events go to worker processes through it; ``None``: answered in this process."""
    lease_seconds: float = 30.0
    """How long whoever answers an event holds it (renewed while answering)."""


@dataclass
class BuiltChannels:
    """The enabled channels for the server, and the relay's senders over the same clients."""

    plugins: list[ChannelPlugin] = field(default_factory=list)
    outbox_senders: list[OutboxSender] = field(default_factory=list)


class ChannelBuilder(Protocol):
    """Builds one channel from the settings."""

    def enabled(self, settings: Settings) -> bool:
        """Whether the settings switch the channel on."""
        ...

    def build(self, settings: Settings, services: ChannelServices, into: BuiltChannels) -> None:
        """Add the channel (and its relay sender, when ``services.tickets`` is given) to ``into``."""
        ...


class WebBuilder:
    """The web chat: always on; its outbox rows are collected by the page, not pushed."""

    def enabled(self, settings: Settings) -> bool:
        """Always."""
        return True

    def build(self, settings: Settings, services: ChannelServices, into: BuiltChannels) -> None:
        """The chat page and its API."""
        into.plugins.append(
            WebChannel(
                services.engine,
                language=settings.language,
                address_limit=services.limits.addresses if services.limits else None,
                cookie_secure=settings.server.chat_cookie_secure,
            )
        )


class LineBuilder:
    """LINE, when its channel secret and access token are set."""

    def enabled(self, settings: Settings) -> bool:
        """Both credentials are set."""
        return settings.line.enabled

    def build(self, settings: Settings, services: ChannelServices, into: BuiltChannels) -> None:
        """One sender (one SDK client) for the channel and the relay."""
        from bot.channels.line import LineChannel, LineOutbound, LineOutboxSender, LineSender

        timeout = settings.mentoring.relay_request_timeout_seconds
        outbound = LineOutbound(LineSender.from_settings(settings.line, request_timeout_seconds=timeout))
        into.plugins.append(
            LineChannel.from_settings(
                settings.line,
                services.engine,
                services.events,
                language=settings.language,
                outbound=outbound,
                mentoring=services.desk,
                mentor_group_id=settings.mentoring.line_group_id,
                queue=services.queue,
                lease_seconds=services.lease_seconds,
            )
        )
        if services.tickets is not None:
            into.outbox_senders.append(LineOutboxSender(outbound))


class TelegramBuilder:
    """Telegram, when its bot token is set: by webhook, or by long polling in development."""

    def enabled(self, settings: Settings) -> bool:
        """The bot token is set."""
        return settings.telegram.enabled

    def build(self, settings: Settings, services: ChannelServices, into: BuiltChannels) -> None:
        """One bot (one ``ExtBot``, one rate limiter) for the channel, the mentor group and the relay."""
        from bot.channels.telegram import (
            TelegramChannel,
            TelegramOutbound,
            TelegramOutboxSender,
            TelegramPolling,
            TelegramSender,
            build_bot,
        )

        outbound = TelegramOutbound(TelegramSender(build_bot(settings.telegram)))
        channel = TelegramChannel.from_settings(
            settings.telegram,
            services.engine,
            services.events,
            language=settings.language,
            outbound=outbound,
            mentoring=services.desk,
            commands=True,  # the command menu, matching the LINE rich menu
            mentor_chat_id=settings.mentoring.telegram_group_chat_id,
            queue=services.queue,
            lease_seconds=services.lease_seconds,
        )
        into.plugins.append(TelegramPolling(channel) if services.telegram_polling else channel)
        if services.tickets is not None:
            timeout = settings.mentoring.relay_request_timeout_seconds
            into.outbox_senders.append(TelegramOutboxSender(outbound, services.tickets, timeout))


CHANNELS: dict[str, Callable[[], ChannelBuilder]] = {
    "web": WebBuilder,
    "line": LineBuilder,
    "telegram": TelegramBuilder,
}
"""Every channel by name, in the order they are mounted (the names are a contract)."""


def build_channels(settings: Settings, services: ChannelServices) -> BuiltChannels:
    """The channels the settings switch on, each built once over its own client."""
    built = BuiltChannels()
    for make in CHANNELS.values():
        builder = make()
        if builder.enabled(settings):
            builder.build(settings, services, built)
    return built
