"""The Telegram channel: ``POST /webhooks/telegram`` (or long polling) in, Bot API calls (through PTB) out.

The FastAPI server owns HTTP. A webhook is checked (secret, then JSON), claimed and
acknowledged at once by the shared intake (:mod:`bot.channels.intake`); the update is
handled in the background. Polling (:mod:`bot.channels.telegram.polling`) feeds the same
handler through :meth:`TelegramChannel.accept`. Updates from the mentor group, mentors'
commands and the ticket buttons go to the mentor side; everything else to the SME side
(:mod:`bot.channels.telegram.answers`).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

from fastapi import APIRouter
from telegram import Update
from telegram.ext import BaseRateLimiter

from bot.channels.base import InboundEvent, RawEvent, SendReport
from bot.channels.handoff import leave_to_relay
from bot.channels.intake import Intake, webhook_router
from bot.channels.jobs import EventQueue
from bot.channels.telegram.answers import TelegramAnswers
from bot.channels.telegram.mentor_group import TelegramMentorGroup
from bot.channels.telegram.menu import set_commands
from bot.channels.telegram.outbound import CHANNEL, TelegramOutbound
from bot.channels.telegram.sender import Target, TelegramSender, build_bot
from bot.channels.telegram.updates import (
    SECRET_HEADER,
    WrongSecretError,
    parse_update,
    secret_matches,
    update_chat,
    update_json,
)
from bot.conversation.engine import ConversationEngine
from bot.mentoring import Outbox
from bot.mentoring.desk import MentorDesk
from bot.settings import TelegramSettings
from bot.storage import ProcessedEvents
from bot.types import Reply

WEBHOOK_PATH = "/webhooks/telegram"
ALLOWED_UPDATES = ("message", "callback_query")
logger = logging.getLogger(__name__)


class TelegramChannel:
    """Telegram Bot API adapter (python-telegram-bot v22, the server owns HTTP)."""

    name = CHANNEL

    def __init__(
        self,
        outbound: TelegramOutbound,
        engine: ConversationEngine,
        events: ProcessedEvents,
        *,
        secret: str | None = None,
        language: str = "th",
        drain_seconds: float = 30.0,
        mentoring: MentorDesk | None = None,
        mentor_chat_id: int | None = None,
        outbox: Outbox | None = None,
        queue: EventQueue | None = None,
        lease_seconds: float = 30.0,
        commands: bool = False,
    ) -> None:
        """Over the process's one ``outbound``; ``mentoring`` turns on the mentor side: the group
        ``mentor_chat_id`` and mentors' private commands. ``outbox`` (the engine's by default)
        takes the answers Telegram could not take for now. ``queue``: updates go to worker processes
        (``nzap serve``) instead of being answered in this one. ``commands``: publish the command menu at
        start-up (:mod:`~bot.channels.telegram.menu`)."""
        self._out = outbound
        self._secret = secret
        self._engine = engine
        self._outbox = outbox or engine.tickets.outbox
        self._language = language
        self._drain_seconds = drain_seconds
        self._intake = Intake(CHANNEL, events, queue, lease_seconds)
        self._answers = TelegramAnswers(engine, outbound, self._queue, language)
        self._mentors = TelegramMentorGroup(outbound, mentoring, mentor_chat_id) if mentoring else None
        self._commands = commands

    @classmethod
    def from_settings(
        cls,
        settings: TelegramSettings,
        engine: ConversationEngine,
        events: ProcessedEvents,
        language: str = "th",
        *,
        rate_limiter: BaseRateLimiter[int] | None = None,
        outbound: TelegramOutbound | None = None,
        drain_seconds: float = 30.0,
        mentoring: MentorDesk | None = None,
        mentor_chat_id: int | None = None,
        queue: EventQueue | None = None,
        lease_seconds: float = 30.0,
        commands: bool = False,
    ) -> TelegramChannel:
        """The channel from its settings, over ``outbound`` (the process's one) or a client of its own."""
        if outbound is None:
            outbound = TelegramOutbound(TelegramSender(build_bot(settings, rate_limiter)))
        secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else None
        return cls(
            outbound,
            engine,
            events,
            secret=secret,
            language=language,
            drain_seconds=drain_seconds,
            mentoring=mentoring,
            mentor_chat_id=mentor_chat_id,
            queue=queue,
            lease_seconds=lease_seconds,
            commands=commands,
        )

    @property
    def sender(self) -> TelegramSender:
        """The sender (and through it the PTB bot) every Bot API call goes through."""
        return self._out.sender

    @property
    def pending(self) -> int:
        """Updates accepted but not finished yet."""
        return self._intake.pending

    def router(self) -> APIRouter:
        """``POST /webhooks/telegram``."""
        if not self._secret:
            logger.warning("Telegram webhook secret is not set: anyone who knows the URL can post updates")
        return webhook_router(WEBHOOK_PATH, self, self._intake, {"ok": True})

    def read(self, headers: Mapping[str, str], body: bytes) -> list[RawEvent]:
        """The webhook's update as JSON to record, after its secret token (PTB parses it in :meth:`restore`);
        403 without the secret, 400 for what is not an update."""
        if not secret_matches(self._secret, headers.get(SECRET_HEADER)):
            raise WrongSecretError("wrong or missing secret token")
        data = update_json(body)
        return [RawEvent(str(data["update_id"]), update_chat(data), body.decode("utf-8"))]

    def restore(self, payload: str) -> InboundEvent[Update]:
        """An update recorded by :meth:`read` or :meth:`accept`, in a worker process."""
        return self._inbound(parse_update(payload.encode("utf-8"), self.sender.bot), payload)

    async def prepare(self) -> bool:
        """The bot must know itself (``getMe``, to read mentions) before an update is taken; else a 503."""
        return await self.sender.ready()

    async def handle(self, event: Update, received: float) -> None:
        """Answer one update: the mentor side first, then the SME side."""
        if not await self.sender.ready():
            # Polled updates arrive without a webhook to refuse; the update is logged as lost.
            raise RuntimeError("Telegram Bot API not reachable (getMe failed)")
        if event.callback_query is not None:
            if not await self._mentor_side(event):
                await self._answers.on_callback(event.callback_query)
        elif event.message is not None and not await self._mentor_side(event):
            await self._answers.on_message(event.message)

    async def startup(self) -> None:
        """Open the sender (``getMe``); a Bot API outage is retried on the first update instead."""
        await self.sender.open()
        if await self.sender.ready() and self._commands:
            await set_commands(self.sender.bot)

    async def shutdown(self) -> None:
        """Finish the updates being answered, then let go of the sender."""
        await self._intake.drain(self._drain_seconds)
        await self.sender.close()

    async def set_webhook(self, url: str) -> None:
        """Point Telegram at ``url`` with this channel's secret and the update types it handles."""
        await self.sender.ready()
        await self.sender.bot.set_webhook(url, secret_token=self._secret, allowed_updates=list(ALLOWED_UPDATES))

    def accept(self, update: Update) -> None:
        """Claim and handle a polled ``update`` in the background (no webhook waits for it)."""
        self._intake.accept(self._inbound(update, update.to_json()), self.handle)

    async def send(self, chat_id: int | str, replies: Sequence[Reply], language: str | None = None) -> SendReport:
        """Deliver replies that no update asked for; what Telegram cannot take now goes to the outbox."""
        language = language or self._language
        target = Target(chat_id)
        report = await self._out.answer(target, replies, language)
        if report.retryable and not report.uncertain:
            await self._queue(target, replies, language, report)
        return report

    @staticmethod
    def _inbound(update: Update, payload: str) -> InboundEvent[Update]:
        chat = update.effective_chat
        return InboundEvent(update, str(update.update_id), str(chat.id if chat else 0), payload)

    async def _mentor_side(self, update: Update) -> bool:
        """Whether the mentor side (the mentor group, mentors' commands, ticket buttons) took the update."""
        if self._mentors is None:
            return False
        if update.callback_query is not None:
            return await self._mentors.handle_callback(update.callback_query)
        return update.message is not None and await self._mentors.handle_message(update.message)

    async def _queue(self, target: Target, replies: Sequence[Reply], language: str, report: SendReport) -> None:
        """Leave the replies Telegram certainly did not take to the outbox relay.

        The relay sends them to the chat (not as a reply, nor into a forum topic: the row keeps
        only the chat). Telegram has no idempotency key, so a time-out, which may have
        delivered the message, is not queued (the caller checks ``uncertain``).
        """
        await leave_to_relay(self._outbox, CHANNEL, str(target.chat_id), replies, language, report)
