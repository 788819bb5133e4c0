"""The Telegram channel: ``POST /webhooks/telegram`` in, Bot API calls (through PTB) out.

The FastAPI server owns HTTP. A webhook is checked (secret, then JSON) and acknowledged at
once; the update is handled in a background task that the channel tracks and awaits on
shutdown. Polling (:mod:`bot.channels.telegram.polling`) feeds the same :meth:`accept`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Coroutine, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Any, Protocol, runtime_checkable

import httpx
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from telegram import CallbackQuery, InlineKeyboardMarkup, Message, ReplyParameters, Update, User
from telegram.constants import ChatAction, ParseMode
from telegram.error import BadRequest, Forbidden, InvalidToken, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.ext import BaseRateLimiter, ExtBot
from telegram.request import HTTPXRequest

from bot.channels.telegram.callbacks import CallbackCodec
from bot.channels.telegram.limiter import ChatRateLimiter
from bot.channels.telegram.mentor_group import TelegramMentorGroup
from bot.channels.telegram.render import OutgoingMessage, render_replies, render_text
from bot.channels.telegram.texts import text
from bot.channels.telegram.updates import (
    SECRET_HEADER,
    MalformedUpdateError,
    addressed,
    is_private,
    parse_update,
    replies_to_bot,
    secret_matches,
)
from bot.conversation.engine import ConversationEngine
from bot.mentoring.desk import MentorDesk
from bot.settings import TelegramSettings
from bot.storage import ProcessedEvents
from bot.storage.database import database_unavailable
from bot.types import IncomingMessage, Reply, TextReply

CHANNEL = "telegram"
WEBHOOK_PATH = "/webhooks/telegram"
TYPING_REFRESH_SECONDS = 4.0
"""Telegram shows a chat action for about 5 s; refresh it while the engine still works."""
ALLOWED_UPDATES = ("message", "callback_query")
SEND_RETRY_PAUSES = (0.5, 2.0)
RETRY_AFTER_SECONDS = 10
"""What a 503 asks Telegram to wait before sending the update again."""
logger = logging.getLogger(__name__)


@runtime_checkable
class LanguagePreferences(Protocol):
    """What the engine must offer for ``/lang``: read and store a user's language."""

    def set_language(self, channel: str, user_id: str, language: str) -> None:
        """Store the language the user wants replies in."""
        ...

    def language_of(self, channel: str, user_id: str) -> str:
        """The language the user wants replies in."""
        ...


@dataclass(frozen=True)
class Target:
    """Where replies go: the chat, the forum topic, and the message to reply to (in groups)."""

    chat_id: int
    thread_id: int | None = None
    reply_to: int | None = None


def _not_taken(error: Exception) -> bool:
    """Whether Telegram certainly did not take a ``sendMessage``: a 429, a 5xx, or no connection.

    A time-out is ambiguous (the message may have arrived) unless it happened while connecting.
    """
    if isinstance(error, TimedOut):
        return isinstance(error.__cause__, httpx.ConnectTimeout | httpx.PoolTimeout)
    return isinstance(error, NetworkError | RetryAfter)


def _unavailable() -> JSONResponse:
    """The answer to a webhook that cannot be taken now: Telegram sends it again later."""
    return JSONResponse(
        {"detail": "temporarily unavailable, send again later"},
        status_code=503,
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


class _ChatTurns:
    """One update at a time per chat, so a conversation's replies keep their order."""

    def __init__(self) -> None:
        self._locks: dict[int, tuple[asyncio.Lock, int]] = {}

    @contextlib.asynccontextmanager
    async def turn(self, chat_id: int) -> AsyncIterator[None]:
        lock, users = self._locks.get(chat_id, (asyncio.Lock(), 0))
        self._locks[chat_id] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[chat_id]
            if users == 1:
                del self._locks[chat_id]
            else:
                self._locks[chat_id] = (lock, users - 1)


class TelegramChannel:
    """Telegram Bot API adapter (python-telegram-bot v22, the server owns HTTP)."""

    name = CHANNEL

    def __init__(
        self,
        settings: TelegramSettings,
        engine: ConversationEngine,
        events: ProcessedEvents,
        language: str = "th",
        *,
        rate_limiter: BaseRateLimiter[int] | None = None,
        drain_seconds: float = 30.0,
        mentoring: MentorDesk | None = None,
        mentor_chat_id: int | None = None,
    ) -> None:
        """``mentoring`` turns on the mentor side: the group ``mentor_chat_id`` and mentors' private commands."""
        if settings.bot_token is None:
            raise ValueError("the Telegram channel needs a bot token (NZAP_TELEGRAM__BOT_TOKEN)")
        self._secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else None
        self._engine = engine
        self._events = events
        self._language = language
        self._drain_seconds = drain_seconds
        self._bot: ExtBot[int] = ExtBot(
            settings.bot_token.get_secret_value(),
            base_url=settings.api_base_url,
            request=HTTPXRequest(connection_pool_size=64, pool_timeout=10.0),
            get_updates_request=HTTPXRequest(connection_pool_size=2),
            rate_limiter=rate_limiter or ChatRateLimiter(),
        )
        self._codec = CallbackCodec()
        self._turns = _ChatTurns()
        self._tasks: set[asyncio.Task[None]] = set()
        self._ready = asyncio.Lock()
        self._claims: ThreadPoolExecutor | None = None
        self._mentors = TelegramMentorGroup(self._bot, mentoring, mentor_chat_id, self._say) if mentoring else None

    @property
    def bot(self) -> ExtBot[int]:
        """The PTB bot every Bot API call goes through."""
        return self._bot

    def router(self) -> APIRouter:
        """``POST /webhooks/telegram``."""
        router = APIRouter()
        if not self._secret:
            logger.warning("Telegram webhook secret is not set: anyone who knows the URL can post updates")

        @router.post(WEBHOOK_PATH, include_in_schema=False)
        async def telegram_webhook(request: Request) -> JSONResponse:
            if not secret_matches(self._secret, request.headers.get(SECRET_HEADER)):
                return JSONResponse({"detail": "wrong or missing secret token"}, status_code=403)
            try:
                update = parse_update(await request.body(), self._bot)
            except MalformedUpdateError as error:
                return JSONResponse({"detail": str(error)}, status_code=400)
            refused = await self._take(update)
            return refused or JSONResponse({"ok": True})

        return router

    async def startup(self) -> None:
        """Open the bot (``getMe``); a Bot API outage is retried on the first update instead."""
        try:
            await self._initialize()
        except InvalidToken:
            raise
        except TelegramError as error:
            logger.warning("Telegram Bot API not reachable at start-up (%s); retrying on the first update", error)

    async def shutdown(self) -> None:
        """Finish the updates being answered, then close the bot's HTTP clients."""
        if self._tasks:
            _, pending = await asyncio.wait(set(self._tasks), timeout=self._drain_seconds)
            for task in pending:
                task.cancel()
        await self._bot.shutdown()
        if self._claims is not None:
            self._claims.shutdown(wait=False)
            self._claims = None

    async def set_webhook(self, url: str) -> None:
        """Point Telegram at ``url`` with this channel's secret and the update types it handles."""
        await self._initialize()
        await self._bot.set_webhook(url, secret_token=self._secret, allowed_updates=list(ALLOWED_UPDATES))

    def accept(self, update: Update) -> None:
        """Handle ``update`` in the background (the webhook has already been answered)."""
        self._spawn(self._process(update))

    async def _take(self, update: Update) -> JSONResponse | None:
        """Claim a webhook's update, then handle it in the background; a 503 instead when that cannot be done now.

        Telegram sends an update again after a non-2xx answer, so refusing loses nothing: the
        claim (written before the acknowledgement) and the bot's knowledge of itself (``getMe``,
        needed to read mentions) must both be in hand, or nothing is taken.
        """
        try:
            await self._initialize()
        except TelegramError as error:
            logger.warning("Telegram update %s refused with 503: getMe failed (%s)", update.update_id, error)
            return _unavailable()
        event_id = str(update.update_id)
        if self._claims is None:
            # Threads of its own: the shared executor may be busy answering.
            self._claims = ThreadPoolExecutor(max_workers=2, thread_name_prefix="nzap-telegram-claims")
        try:
            claimed = await asyncio.get_running_loop().run_in_executor(
                self._claims, self._events.claim_all, CHANNEL, [event_id]
            )
        except Exception as error:
            if not database_unavailable(error):
                raise
            logger.warning("Telegram update %s refused with 503: the database is unavailable", update.update_id)
            return _unavailable()
        if event_id in claimed:
            self._spawn(self._process(update, claimed=True))
        else:
            logger.info("Telegram update %s already handled; skipped", update.update_id)
        return None

    async def send(self, chat_id: int, replies: Sequence[Reply], language: str | None = None) -> None:
        """Deliver replies that no update asked for (a mentor's answer, for example)."""
        await self._initialize()
        async with self._turns.turn(chat_id):
            language = language or self._language
            rendered = render_replies(replies, language, self._codec)
            await self._deliver(Target(chat_id), rendered, queue=(replies, language))

    def _spawn(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.get_running_loop().create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _initialize(self) -> None:
        async with self._ready:
            await self._bot.initialize()

    async def _process(self, update: Update, claimed: bool = False) -> None:
        # Taking the chat's turn before the first await keeps a chat's updates in arrival order.
        chat = update.effective_chat
        async with self._turns.turn(chat.id if chat else 0):
            try:
                if not claimed and not await asyncio.to_thread(self._events.claim, CHANNEL, str(update.update_id)):
                    return  # a redelivery: the first delivery is answered (or being answered)
                await self._initialize()
                if update.callback_query is not None:
                    if not await self._mentor_side(update):
                        await self._on_callback(update.callback_query)
                elif update.message is not None and not await self._mentor_side(update):
                    await self._on_message(update.message)
            except Exception:  # one failing update must not stop the others; it is logged with its id
                logger.exception("Telegram update %s failed", update.update_id)

    async def _mentor_side(self, update: Update) -> bool:
        """Whether the mentor side (the mentor group, mentors' commands, ticket buttons) took the update."""
        if self._mentors is None:
            return False
        if update.callback_query is not None:
            return await self._mentors.handle_callback(update.callback_query)
        return update.message is not None and await self._mentors.handle_message(update.message)

    async def _language_for(self, user_id: int | str) -> str:
        if isinstance(self._engine, LanguagePreferences):
            return await asyncio.to_thread(self._engine.language_of, CHANNEL, str(user_id))
        return self._language

    async def _on_message(self, message: Message) -> None:
        user = message.from_user
        if user is None or user.is_bot:
            return
        private = is_private(message)
        target = Target(
            message.chat_id,
            thread_id=message.message_thread_id if message.is_topic_message else None,
            reply_to=None if private else message.message_id,
        )
        request = addressed(message, self._bot.username, self._bot.id)
        if request is None:
            media = message.text is None and message.effective_attachment is not None
            if media and (private or replies_to_bot(message, self._bot.id)):
                language = await self._language_for(user.id)
                await self._deliver(target, render_text(text("unsupported", language)))
            return
        incoming = IncomingMessage(
            channel=CHANNEL,
            user_id=str(user.id),
            text=request.text,
            chat_id=None if private else str(message.chat_id),
            display_name=user.full_name,
            message_id=str(message.message_id),
        )
        if request.command is None:
            await self._ask(target, incoming)
        else:
            await self._command(request.command, target, incoming)

    async def _command(self, command: str, target: Target, incoming: IncomingMessage) -> None:
        language = await self._language_for(incoming.user_id)
        if command == "start":
            # The welcome is the channel's; the privacy notice and its buttons are the engine's,
            # so consent is recorded the same way on LINE, Telegram and the web chat.
            await self._deliver(target, render_text(text("start.welcome", language)))
            await self._ask(target, replace(incoming, text="/privacy"))
        elif command in ("privacy", "mydata", "forget"):
            await self._ask(target, replace(incoming, text=f"/{command}"))
        elif command == "mentor":
            request = f"{text('mentor.request', language)} {incoming.text}".strip()
            await self._ask(target, replace(incoming, text=request))
        elif command == "reset":
            await self._ask(target, replace(incoming, text="/reset"))
        elif command == "status":
            await self._ask(target, replace(incoming, text="/status"))
        elif command == "lang":
            buttons = [(text(f"lang.{code}", language), self._codec.language(code)) for code in ("th", "en")]
            await self._deliver(target, render_text(text("lang.choose", language), buttons))
        else:
            await self._deliver(target, render_text(text("help", language, bot=self._bot.username)))

    async def _ask(self, target: Target, incoming: IncomingMessage) -> None:
        """Run the engine with a typing indicator, then deliver its replies."""
        await self._typing(target)
        keep_typing = asyncio.get_running_loop().create_task(self._keep_typing(target))
        try:
            replies: list[Reply] = await asyncio.to_thread(self._engine.handle, incoming)
        except Exception:  # the user still gets an apology; the failure is logged
            logger.exception("the engine failed on a Telegram message")
            replies = [TextReply(text("error", self._language))]
        finally:
            keep_typing.cancel()
        language = await self._language_for(incoming.user_id)
        await self._deliver(target, render_replies(replies, language, self._codec), queue=(replies, language))

    async def _say(self, message: Message, body: str) -> None:
        """Plain text in answer to ``message``: a reply to it in groups (in its forum topic), a message in 1:1."""
        private = is_private(message)
        target = Target(
            message.chat_id,
            thread_id=message.message_thread_id if message.is_topic_message else None,
            reply_to=None if private else message.message_id,
        )
        await self._deliver(target, render_text(body))

    async def _typing(self, target: Target) -> None:
        try:
            await self._bot.send_chat_action(target.chat_id, ChatAction.TYPING, message_thread_id=target.thread_id)
        except TelegramError as error:  # the indicator is a courtesy; the answer still goes out
            logger.info("typing indicator failed: %s", error)

    async def _keep_typing(self, target: Target) -> None:
        while True:
            await asyncio.sleep(TYPING_REFRESH_SECONDS)
            await self._typing(target)

    async def _deliver(
        self,
        target: Target,
        messages: Sequence[OutgoingMessage],
        queue: tuple[Sequence[Reply], str] | None = None,
    ) -> None:
        """Send ``messages`` in order. With ``queue`` (the replies they were rendered from, and their
        language), what Telegram certainly did not take (5xx, 429, no connection) goes to the outbox."""
        for index, out in enumerate(messages):
            reply = None
            if target.reply_to is not None and index == 0:
                reply = ReplyParameters(target.reply_to, allow_sending_without_reply=True)
            try:
                try:
                    await self._send_message(target, out.html, out.keyboard, reply, ParseMode.HTML)
                except BadRequest as error:
                    # Telegram refused the formatted text; the same words without markup still help.
                    logger.warning("sendMessage refused (%s); sending plain text", error)
                    await self._send_message(target, out.plain, out.keyboard, reply, None)
            except Forbidden as error:
                logger.info("chat %s does not accept messages from the bot: %s", target.chat_id, error)
                return
            except (NetworkError, RetryAfter) as error:
                if queue is None or isinstance(error, BadRequest) or not _not_taken(error):
                    raise
                await self._queue(target, queue, index, error)
                return

    async def _queue(self, target: Target, queue: tuple[Sequence[Reply], str], sent: int, error: Exception) -> None:
        """Leave the replies to the outbox relay, which sends them from message ``sent`` on when Telegram is back.

        The relay sends them to the chat (not as a reply, nor into a forum topic: the row keeps
        only the chat). Telegram has no idempotency key, so only what it certainly did not take
        is queued (see :func:`_not_taken`); a time-out may have delivered the message and is not.
        """
        replies, language = queue
        try:
            await asyncio.to_thread(
                self._engine.tickets.outbox.add,
                CHANNEL,
                str(target.chat_id),
                list(replies),
                purpose="reply",
                language=language,
                progress=sent,
            )
        except Exception:  # the database is away too: nothing more can be done for this answer
            logger.exception("Telegram is not taking messages (%s) and the outbox cannot be written: lost", error)
            return
        logger.warning("Telegram is not taking messages (%s): the rest of an answer is left to the relay", error)

    async def _send_message(
        self,
        target: Target,
        body: str,
        keyboard: InlineKeyboardMarkup | None,
        reply: ReplyParameters | None,
        parse_mode: str | None,
    ) -> None:
        """``sendMessage``, retried after a network failure; never after a timeout, which may have delivered it."""
        for pause in (*SEND_RETRY_PAUSES, None):
            try:
                await self._bot.send_message(
                    target.chat_id,
                    body,
                    parse_mode=parse_mode,
                    reply_markup=keyboard,
                    message_thread_id=target.thread_id,
                    reply_parameters=reply,
                )
                return
            except (TimedOut, BadRequest):  # a time-out may have delivered it; a 400 will not change
                raise
            except NetworkError as error:
                if pause is None:
                    raise
                logger.warning("sendMessage to chat %s failed (%s); retrying", target.chat_id, error)
                await asyncio.sleep(pause)

    async def _on_callback(self, query: CallbackQuery) -> None:
        pressed = self._codec.decode(query.data)
        language = await self._language_for(query.from_user.id)
        try:
            notice = None if pressed else text("callback.expired", language)
            await self._bot.answer_callback_query(query.id, text=notice)
        except BadRequest as error:  # too old to answer: the press itself still counts
            logger.info("callback query %s not answered: %s", query.id, error)
        source = query.message
        if source is None:
            return
        if isinstance(source, Message) and source.reply_markup is not None:
            await self._remove_keyboard(source)
        if pressed is None:
            return
        topic = source.message_thread_id if isinstance(source, Message) and source.is_topic_message else None
        target = Target(source.chat.id, thread_id=topic)
        user = query.from_user
        if pressed.kind in ("action", "consent"):
            # "c:yes"/"c:no" are consent buttons sent before the engine kept consent: recorded like its own.
            action = pressed.value if pressed.kind == "action" else f"consent:{pressed.value}"
            incoming = IncomingMessage(
                channel=CHANNEL,
                user_id=str(user.id),
                action=action,
                chat_id=None if source.chat.type == "private" else str(source.chat.id),
                display_name=user.full_name,
            )
            await self._ask(target, incoming)
        else:
            await self._switch_language(target, user, pressed.value)

    async def _remove_keyboard(self, source: Message) -> None:
        """Take the buttons off a message once one was pressed, so a choice is made once."""
        try:
            await self._bot.edit_message_reply_markup(source.chat.id, source.message_id, reply_markup=None)
        except TelegramError as error:
            logger.info("could not remove the keyboard of message %s: %s", source.message_id, error)

    async def _switch_language(self, target: Target, user: User, language: str) -> None:
        if not isinstance(self._engine, LanguagePreferences):
            await self._deliver(target, render_text(text("lang.unavailable", self._language)))
            return
        await asyncio.to_thread(self._engine.set_language, CHANNEL, str(user.id), language)
        await self._deliver(target, render_text(text("lang.switched", language)))
