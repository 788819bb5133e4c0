"""The LINE channel: ``POST /webhooks/line`` in, replies and pushes out, work done in the background.

The webhook is verified, claimed and answered at once by the shared intake
(:mod:`bot.channels.intake`; LINE waits about two seconds); each event is then handled in
the background, the events of one chat in order.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from fastapi import APIRouter
from linebot.v3.webhooks import EventMode, FollowEvent, JoinEvent, MessageEvent, PostbackEvent, TextMessageContent

from bot.channels.base import InboundEvent, RawEvent, SendReport, WebhookRejectedError
from bot.channels.handoff import leave_to_relay
from bot.channels.intake import Intake, webhook_router
from bot.channels.jobs import EventQueue
from bot.channels.line.delivery import LineSender
from bot.channels.line.mentor_group import LineMentorGroup
from bot.channels.line.outbound import CHANNEL, LineOutbound
from bot.channels.line.webhook import (
    ChatPlace,
    WebhookReader,
    addressed_question,
    chat_place,
    event_from_payload,
    event_payload,
    raw_chat,
)
from bot.channels.reply_journal import ReplyJournal, current_journal
from bot.conversation.engine import ConversationEngine
from bot.i18n.line import text
from bot.mentoring import Outbox
from bot.mentoring.desk import MentorDesk
from bot.settings import LineSettings
from bot.storage import ProcessedEvents
from bot.types import IncomingMessage, Reply, TextReply
from ingestion import thai

logger = logging.getLogger(__name__)

CONSENT_YES = "consent:yes"
"""The postback of the privacy notice's "ยินยอม" button (the engine's :data:`bot.privacy.CONSENT_YES`)."""
CONSENT_NO = "consent:no"
_ANSWER_KEYS = uuid.UUID("6f0f8a52-3c1e-4d6b-9a57-2f4b1c9e8d31")


def answer_retry_key(event: Any) -> str | None:
    """The ``X-Line-Retry-Key`` of the answer to ``event``: the same whichever worker sends it, however often.

    A worker that dies after LINE took its push leaves the event to another worker, which
    pushes the same answer with the same key: LINE drops the repeat (409).
    """
    event_id = getattr(event, "webhook_event_id", None)
    return str(uuid.uuid5(_ANSWER_KEYS, str(event_id))) if event_id else None


@dataclass(frozen=True)
class LineEvent:
    """A webhook event and the bot's own user id (``destination``: needed to read mentions)."""

    event: Any
    destination: str | None


class LineChannel:
    """LINE Messaging API adapter (line-bot-sdk v3, async client)."""

    name = CHANNEL
    reply_deadline_seconds: float = 50.0
    """Reply tokens live about a minute: answers ready later than this go out as pushes."""
    loading_seconds: int = 20
    """How long the loading animation shows (5..60, a multiple of 5); a reply ends it earlier."""

    def __init__(
        self,
        outbound: LineOutbound,
        engine: ConversationEngine,
        events: ProcessedEvents,
        *,
        channel_secret: str,
        language: str = "th",
        reply_deadline_seconds: float | None = None,
        mentoring: MentorDesk | None = None,
        mentor_group_id: str | None = None,
        outbox: Outbox | None = None,
        queue: EventQueue | None = None,
        lease_seconds: float = 30.0,
    ) -> None:
        """Over the process's one ``outbound``; ``mentoring`` turns on the mentor side: the group
        ``mentor_group_id`` and slash commands in 1:1 chats. ``outbox`` (the engine's by default)
        takes the answers LINE could not take for now. ``queue``: events go to worker processes
        (``nzap serve``) instead of being answered in this one."""
        self._out = outbound
        self._engine = engine
        self._outbox = outbox or engine.tickets.outbox
        self._language = language
        if reply_deadline_seconds is not None:
            self.reply_deadline_seconds = reply_deadline_seconds
        self._reader = WebhookReader(channel_secret)
        self._intake = Intake(CHANNEL, events, queue, lease_seconds)
        self._mentors = LineMentorGroup(mentoring, mentor_group_id) if mentoring else None

    @classmethod
    def from_settings(
        cls,
        settings: LineSettings,
        engine: ConversationEngine,
        events: ProcessedEvents,
        language: str = "th",
        *,
        outbound: LineOutbound | None = None,
        reply_deadline_seconds: float | None = None,
        retry_backoff_seconds: float = 0.5,
        mentoring: MentorDesk | None = None,
        mentor_group_id: str | None = None,
        queue: EventQueue | None = None,
        lease_seconds: float = 30.0,
    ) -> LineChannel:
        """The channel from its settings, over ``outbound`` (the process's one) or a client of its own."""
        if settings.channel_secret is None or settings.channel_access_token is None:
            raise ValueError("the LINE channel needs NZAP_LINE__CHANNEL_SECRET and NZAP_LINE__CHANNEL_ACCESS_TOKEN")
        if outbound is None:
            outbound = LineOutbound(LineSender.from_settings(settings, backoff_seconds=retry_backoff_seconds))
        return cls(
            outbound,
            engine,
            events,
            channel_secret=settings.channel_secret.get_secret_value(),
            language=language,
            reply_deadline_seconds=reply_deadline_seconds,
            mentoring=mentoring,
            mentor_group_id=mentor_group_id,
            queue=queue,
            lease_seconds=lease_seconds,
        )

    @property
    def pending(self) -> int:
        """Events accepted but not finished yet."""
        return self._intake.pending

    def router(self) -> APIRouter:
        """``POST /webhooks/line``."""
        return webhook_router("/webhooks/line", self, self._intake, {"status": "ok"})

    def read(self, headers: Mapping[str, str], body: bytes) -> list[RawEvent]:
        """The webhook's events after its signature, as JSON to record (the SDK parses them in :meth:`restore`);
        400 for anything LINE would not send."""
        webhook = self._reader.split(body, headers.get("X-Line-Signature"))
        return [
            RawEvent(event["webhookEventId"], raw_chat(event), event_payload(webhook.destination, event))
            for event in webhook.events
        ]

    def restore(self, payload: str) -> InboundEvent[LineEvent]:
        """An event recorded by :meth:`read`, parsed by the SDK; 400 (:class:`WebhookRejectedError`) when it refuses."""
        try:
            event, destination = event_from_payload(payload)
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            # ValueError covers the events the SDK's models refuse.
            raise WebhookRejectedError("malformed webhook event") from error
        return self._inbound(event, destination, payload)

    @staticmethod
    def _inbound(event: Any, destination: str | None, payload: str) -> InboundEvent[LineEvent]:
        event_id = getattr(event, "webhook_event_id", None)
        place = chat_place(getattr(event, "source", None))
        chat = place.to if place else str(event_id or id(event))
        key = None if event_id is None else str(event_id)
        return InboundEvent(LineEvent(event, destination), key, chat, payload)

    async def prepare(self) -> bool:
        """LINE events need nothing before they are taken."""
        return True

    async def startup(self) -> None:
        """Open the sender (the SDK's HTTP client needs the running event loop)."""
        await self._out.sender.open()

    async def shutdown(self) -> None:
        """Finish the events in hand, then let go of the sender."""
        await self._intake.drain()
        await self._out.sender.close()

    async def send(self, to: str, replies: Sequence[Reply], language: str | None = None) -> SendReport:
        """Push replies to a user, group or room outside any webhook; what LINE cannot take now goes to the outbox."""
        return await self._deliver_replies(to, None, list(replies), language)

    async def handle(self, item: LineEvent, received: float) -> None:
        """Answer one event: the mentor side first, then the SME side."""
        event, destination = item.event, item.destination
        place = chat_place(getattr(event, "source", None))
        if place is None or getattr(event, "mode", None) == EventMode.STANDBY:
            return  # in standby another channel (a module) holds the chat and the bot must stay silent
        if self._mentors is not None and await self._mentor_side(self._mentors, event, place, received):
            return
        if isinstance(event, MessageEvent):
            await self._on_message(event, place, destination, received)
        elif isinstance(event, PostbackEvent):
            incoming = IncomingMessage(CHANNEL, place.user_id, chat_id=place.chat_id, action=event.postback.data)
            await self._answer(event, place, incoming, received)
        elif isinstance(event, FollowEvent):
            # The welcome is the channel's; the privacy notice and its buttons come from the engine,
            # which records the choice the same way on every channel.
            incoming = IncomingMessage(CHANNEL, place.user_id, text="/privacy")
            notice = await asyncio.to_thread(self._engine.handle, incoming)
            welcome: list[Reply] = [TextReply(text("line.welcome", self._language)), *notice]
            await self._answer_event(event, place, received, welcome)
        elif isinstance(event, JoinEvent):
            intro: list[Reply] = [TextReply(text("line.join", self._language))]
            await self._answer_event(event, place, received, intro)
        # unfollow, leave and other events need no answer

    async def _mentor_side(self, mentors: LineMentorGroup, event: Any, place: ChatPlace, received: float) -> bool:
        """Handle a mentor command (or the mentor group's intro); True when the event was the mentor side's.

        Everything in the mentor group is the mentor side's: what is not a command is ignored.
        """
        request = mentors.request(event, place)
        if request is None:
            return mentors.is_mentor_group(place)
        messages = await mentors.perform(request)
        await self._deliver(place.to, self._token(event, received), messages)
        return True

    async def _on_message(self, event: Any, place: ChatPlace, destination: str | None, received: float) -> None:
        content = event.message
        if isinstance(content, TextMessageContent):
            question = addressed_question(content, place, destination)
            if question is None:
                return
            incoming = IncomingMessage(
                CHANNEL, place.user_id, text=thai.normalize(question), chat_id=place.chat_id, message_id=content.id
            )
            await self._answer(event, place, incoming, received)
        elif place.private:
            # Stickers, images, video, audio, files, locations: in groups nobody asked the bot anything.
            polite: list[Reply] = [TextReply(text("line.not_text", self._language))]
            await self._answer_event(event, place, received, polite)

    async def _answer(self, event: Any, place: ChatPlace, incoming: IncomingMessage, received: float) -> None:
        """Ask the engine (showing the loading animation in 1:1 chats); reply if in time, else push."""
        if place.private:
            await self._out.sender.show_loading(place.user_id, self.loading_seconds)
            incoming = await self._with_name(incoming)
        work = asyncio.ensure_future(asyncio.to_thread(self._engine.handle, incoming))
        await asyncio.wait({work}, timeout=max(0.0, self._remaining(received)))
        in_time = work.done()
        try:
            replies: list[Reply] = await work
        except Exception:
            logger.exception("the engine failed on a LINE message")
            replies = [TextReply(text("line.error", self._language))]
        await self._answer_event(event, place, received, replies, in_time=in_time)

    async def _answer_event(
        self, event: Any, place: ChatPlace, received: float, replies: list[Reply], *, in_time: bool = True
    ) -> None:
        """Send the answer to ``event``: reply while its token is fresh, else push, with the event's retry key;
        its reply recorded for a worker that may take the event over (:mod:`bot.channels.reply_journal`)."""
        await self._deliver_replies(
            place.to,
            self._token(event, received) if in_time else None,
            replies,
            retry_key=answer_retry_key(event),
            journal=current_journal(),
        )

    async def _with_name(self, incoming: IncomingMessage) -> IncomingMessage:
        """The message with the user's LINE display name, read from their profile once they agreed to share it.

        Webhook events carry no name. The privacy notice asks to keep "the name shown in the chat";
        before the user agrees (or once it is known) nothing is asked of LINE.
        """
        if not await asyncio.to_thread(self._engine.wants_name, CHANNEL, incoming.user_id):
            return incoming
        name = await self._out.sender.display_name(incoming.user_id)
        return incoming if name is None else replace(incoming, display_name=thai.normalize(name))

    async def _deliver(self, to: str, reply_token: str | None, messages: list[Any]) -> bool:
        """Send rendered messages now (the mentor side's; a mentor whose command got no answer asks again)."""
        return (await self._out.sender.send(to, reply_token, messages)).complete

    async def _deliver_replies(
        self,
        to: str,
        reply_token: str | None,
        replies: list[Reply],
        language: str | None = None,
        retry_key: str | None = None,
        journal: ReplyJournal | None = None,
    ) -> SendReport:
        """Send replies now; what LINE cannot take for now (5xx, 429, no connection) goes to the outbox.

        The relay then pushes the rest with the same retry keys as the pushes that failed here,
        so if LINE did take one whose answer was lost, it drops the repeat (409): the user sees
        each message once. It renders the replies the same way, so the batches are the same.
        """
        language = language or self._language
        report = await self._out.answer(to, reply_token, replies, language, retry_key, journal)
        if not report.complete and report.retryable:
            await leave_to_relay(self._outbox, CHANNEL, to, replies, language, report)
        return report

    def _remaining(self, received: float) -> float:
        return self.reply_deadline_seconds - (time.monotonic() - received)

    def _token(self, event: Any, received: float) -> str | None:
        """The reply token while it is fresh; a redelivered event's token may already be spent or stale."""
        if event.delivery_context.is_redelivery or self._remaining(received) <= 0:
            return None
        token: str | None = getattr(event, "reply_token", None)
        return token
