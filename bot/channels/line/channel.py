"""The LINE channel: ``POST /webhooks/line`` in, replies and pushes out, work done in the background.

The webhook is answered at once (LINE waits about two seconds); each event is then handled
in a task the channel keeps and awaits at shutdown. Events of one chat run in order.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from linebot.v3.messaging import AsyncApiClient, AsyncMessagingApi, Configuration
from linebot.v3.webhooks import EventMode, FollowEvent, JoinEvent, MessageEvent, PostbackEvent, TextMessageContent

from bot.channels.line.delivery import LineSender
from bot.channels.line.mentor_group import LineMentorGroup
from bot.channels.line.render import render
from bot.channels.line.texts import text
from bot.channels.line.webhook import ChatPlace, WebhookReader, WebhookRejectedError, addressed_question, chat_place
from bot.conversation.engine import ConversationEngine
from bot.mentoring.desk import MentorDesk
from bot.settings import LineSettings
from bot.storage import ProcessedEvents
from bot.storage.database import database_unavailable
from bot.types import IncomingMessage, Reply, TextReply
from ingestion import thai

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 10
"""What a 503 asks the platform to wait before sending the webhook again."""
CONSENT_YES = "consent:yes"
"""The postback of the privacy notice's "ยินยอม" button (the engine's :data:`bot.privacy.CONSENT_YES`)."""
CONSENT_NO = "consent:no"


class LineChannel:
    """LINE Messaging API adapter (line-bot-sdk v3, async client)."""

    name = "line"
    reply_deadline_seconds: float = 50.0
    """Reply tokens live about a minute: answers ready later than this go out as pushes."""
    loading_seconds: int = 20
    """How long the loading animation shows (5..60, a multiple of 5); a reply ends it earlier."""

    def __init__(
        self,
        settings: LineSettings,
        engine: ConversationEngine,
        events: ProcessedEvents,
        language: str = "th",
        *,
        reply_deadline_seconds: float | None = None,
        retry_backoff_seconds: float = 0.5,
        mentoring: MentorDesk | None = None,
        mentor_group_id: str | None = None,
    ) -> None:
        """``mentoring`` turns on the mentor side: the group ``mentor_group_id`` and slash commands in 1:1 chats."""
        if settings.channel_secret is None or settings.channel_access_token is None:
            raise ValueError("the LINE channel needs NZAP_LINE__CHANNEL_SECRET and NZAP_LINE__CHANNEL_ACCESS_TOKEN")
        self._settings = settings
        self._engine = engine
        self._events = events
        self._language = language
        if reply_deadline_seconds is not None:
            self.reply_deadline_seconds = reply_deadline_seconds
        self._backoff = retry_backoff_seconds
        self._reader = WebhookReader(settings.channel_secret.get_secret_value())
        self._client: Any = None
        self._sender: LineSender | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._claims: ThreadPoolExecutor | None = None
        self._last_of_chat: dict[str, asyncio.Task[None]] = {}
        self._mentors = LineMentorGroup(mentoring, mentor_group_id) if mentoring else None

    @property
    def pending(self) -> int:
        """Events accepted but not finished yet."""
        return len(self._tasks)

    def router(self) -> APIRouter:
        """``POST /webhooks/line``."""
        router = APIRouter()

        @router.post("/webhooks/line")
        async def webhook(request: Request) -> JSONResponse:
            received = time.monotonic()
            body = await request.body()
            try:
                parsed = self._reader.read(body, request.headers.get("X-Line-Signature"))
            except WebhookRejectedError as error:
                return JSONResponse({"detail": str(error)}, status_code=400)
            try:
                claimed = await self._claim_all(parsed.events)
            except Exception as error:
                if not database_unavailable(error):
                    raise
                # Nothing was claimed: refuse the whole webhook so LINE sends it again (only when the
                # channel has webhook redelivery turned on in the LINE console; otherwise it is lost).
                logger.warning("LINE webhook refused with 503: the database is unavailable (%s)", type(error).__name__)
                return JSONResponse(
                    {"detail": "temporarily unavailable, send again later"},
                    status_code=503,
                    headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
                )
            for event in parsed.events:
                event_id = getattr(event, "webhook_event_id", None)
                if event_id is None or event_id in claimed:
                    self._schedule(event, parsed.destination, received)
                else:
                    logger.info("LINE event %s already handled; skipped", event_id)
            return JSONResponse({"status": "ok"})

        return router

    async def startup(self) -> None:
        """Open the SDK's HTTP client (it needs the running event loop)."""
        token = self._settings.channel_access_token
        assert token is not None
        configuration = Configuration(host=self._settings.api_base_url, access_token=token.get_secret_value())
        self._client = AsyncApiClient(configuration)
        self._sender = LineSender(AsyncMessagingApi(self._client), backoff_seconds=self._backoff)

    async def shutdown(self) -> None:
        """Finish the events in hand, then close the client."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)
        if self._client is not None:
            await self._client.close()
            self._client = None
        if self._claims is not None:
            self._claims.shutdown(wait=False)
            self._claims = None

    async def push(self, to: str, replies: list[Reply]) -> bool:
        """Push replies to a user, group or room outside any webhook; True when they all went out now.

        What LINE could not take for now is left to the outbox relay (see :meth:`_deliver_replies`).
        """
        return await self._deliver_replies(to, None, replies)

    def _schedule(self, event: Any, destination: str | None, received: float) -> None:
        place = chat_place(getattr(event, "source", None))
        key = place.to if place else str(getattr(event, "webhook_event_id", id(event)))
        task = asyncio.create_task(
            self._after(self._last_of_chat.get(key), self._handle(event, place, destination, received))
        )
        self._last_of_chat[key] = task
        self._tasks.add(task)

        def finished(done: asyncio.Task[None]) -> None:
            self._tasks.discard(done)
            if self._last_of_chat.get(key) is done:
                del self._last_of_chat[key]

        task.add_done_callback(finished)

    @staticmethod
    async def _after(previous: asyncio.Task[None] | None, work: Coroutine[Any, Any, None]) -> None:
        if previous is not None:
            await asyncio.wait({previous})
        await work

    async def _handle(self, event: Any, place: ChatPlace | None, destination: str | None, received: float) -> None:
        if place is None or getattr(event, "mode", None) == EventMode.STANDBY:
            return  # in standby another channel (a module) holds the chat and the bot must stay silent
        try:
            if self._mentors is not None and await self._mentor_side(self._mentors, event, place, received):
                return
            if isinstance(event, MessageEvent):
                await self._on_message(event, place, destination, received)
            elif isinstance(event, PostbackEvent):
                incoming = IncomingMessage("line", place.user_id, chat_id=place.chat_id, action=event.postback.data)
                await self._answer(event, place, incoming, received)
            elif isinstance(event, FollowEvent):
                # The welcome is the channel's; the privacy notice and its buttons come from the engine,
                # which records the choice the same way on every channel.
                incoming = IncomingMessage("line", place.user_id, text="/privacy")
                notice = await asyncio.to_thread(self._engine.handle, incoming)
                welcome: list[Reply] = [TextReply(text("line.welcome", self._language)), *notice]
                await self._deliver_replies(place.to, self._token(event, received), welcome)
            elif isinstance(event, JoinEvent):
                intro: list[Reply] = [TextReply(text("line.join", self._language))]
                await self._deliver_replies(place.to, self._token(event, received), intro)
            # unfollow, leave and other events need no answer
        except Exception:  # a background task has nobody to raise to
            logger.exception("LINE event %s failed", getattr(event, "webhook_event_id", "?"))

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
                "line", place.user_id, text=thai.normalize(question), chat_id=place.chat_id, message_id=content.id
            )
            await self._answer(event, place, incoming, received)
        elif place.private:
            # Stickers, images, video, audio, files, locations: in groups nobody asked the bot anything.
            polite: list[Reply] = [TextReply(text("line.not_text", self._language))]
            await self._deliver_replies(place.to, self._token(event, received), polite)

    async def _answer(self, event: Any, place: ChatPlace, incoming: IncomingMessage, received: float) -> None:
        """Ask the engine (showing the loading animation in 1:1 chats); reply if in time, else push."""
        if place.private:
            await self._ready_sender().show_loading(place.user_id, self.loading_seconds)
        work = asyncio.ensure_future(asyncio.to_thread(self._engine.handle, incoming))
        await asyncio.wait({work}, timeout=max(0.0, self._remaining(received)))
        in_time = work.done()
        try:
            replies: list[Reply] = await work
        except Exception:
            logger.exception("the engine failed on a LINE message")
            replies = [TextReply(text("line.error", self._language))]
        await self._deliver_replies(place.to, self._token(event, received) if in_time else None, replies)

    async def _deliver(self, to: str, reply_token: str | None, messages: list[Any]) -> bool:
        """Send rendered messages now (the mentor side's; a mentor whose command got no answer asks again)."""
        return (await self._ready_sender().send(to, reply_token, messages)).complete

    async def _deliver_replies(self, to: str, reply_token: str | None, replies: list[Reply]) -> bool:
        """Send replies now; what LINE cannot take for now (5xx, 429, no connection) goes to the outbox.

        The relay then pushes the rest with the same retry keys as the pushes that failed here,
        so if LINE did take one whose answer was lost, it drops the repeat (409): the user sees
        each message once. It renders the replies the same way, so the batches are the same.
        True when everything went out now.
        """
        report = await self._ready_sender().send(to, reply_token, render(replies, self._language))
        if report.complete or not report.retryable:
            return report.complete
        try:
            await asyncio.to_thread(
                self._engine.tickets.outbox.add,
                self.name,
                to,
                replies,
                purpose="reply",
                language=self._language,
                retry_key=report.retry_key,
                progress=report.accepted,
            )
        except Exception:  # the database is away too: nothing more can be done for this answer
            logger.exception("LINE is not taking messages and the outbox cannot be written: an answer is lost")
            return False
        logger.warning(
            "LINE is not taking messages: %d of %d calls left to the outbox relay",
            report.batches - report.accepted,
            report.batches,
        )
        return False

    def _ready_sender(self) -> LineSender:
        if self._sender is None:
            raise RuntimeError("LineChannel.startup() was not called (run the app with its lifespan)")
        return self._sender

    def _remaining(self, received: float) -> float:
        return self.reply_deadline_seconds - (time.monotonic() - received)

    def _token(self, event: Any, received: float) -> str | None:
        """The reply token while it is fresh; a redelivered event's token may already be spent or stale."""
        if event.delivery_context.is_redelivery or self._remaining(received) <= 0:
            return None
        token: str | None = getattr(event, "reply_token", None)
        return token

    async def _claim_all(self, events: list[Any]) -> set[str]:
        """The ids of ``events`` claimed now: their first delivery (any worker, any process sharing the database).

        Claimed before the webhook is acknowledged, so a database outage refuses the webhook
        instead of losing its events. The claims run on threads of their own: the shared
        executor may be busy answering, and LINE expects the acknowledgement within seconds.
        """
        ids = [str(e.webhook_event_id) for e in events if getattr(e, "webhook_event_id", None) is not None]
        if not ids:
            return set()
        if self._claims is None:
            self._claims = ThreadPoolExecutor(max_workers=2, thread_name_prefix="nzap-line-claims")
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._claims, self._events.claim_all, self.name, ids)
