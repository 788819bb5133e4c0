"""The SME side of the Telegram channel: questions, commands and button presses answered.

The engine answers; this module shows the typing indicator while it works, turns commands
(``/start``, ``/lang``, ``/mentor``, ``/footprint`` ...) into the engine's own requests, and sends what the
engine returns. What Telegram certainly did not take is left to the outbox relay.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import replace
from typing import Protocol, runtime_checkable

from telegram import CallbackQuery, Message, User
from telegram.ext import ExtBot

from bot.channels.base import SendReport
from bot.channels.telegram.menu import SCHEDULE_QUESTION
from bot.channels.telegram.outbound import CHANNEL, TelegramOutbound
from bot.channels.telegram.sender import Target
from bot.channels.telegram.updates import addressed, is_private, replies_to_bot, reply_target
from bot.conversation.engine import ConversationEngine
from bot.i18n.telegram import text
from bot.types import IncomingMessage, Reply, TextReply

logger = logging.getLogger(__name__)

TYPING_REFRESH_SECONDS = 4.0
"""Telegram shows a chat action for about 5 s; refresh it while the engine still works."""
_ENGINE_COMMANDS = frozenset({"privacy", "mydata", "forget", "reset", "status"})

Queue = Callable[[Target, Sequence[Reply], str, SendReport], Awaitable[None]]
"""Leave replies (from the report's ``accepted`` message on) to the outbox relay."""


@runtime_checkable
class LanguagePreferences(Protocol):
    """What the engine must offer for ``/lang``: read and store a user's language."""

    def set_language(self, channel: str, user_id: str, language: str) -> None:
        """Store the language the user wants replies in."""
        ...

    def language_of(self, channel: str, user_id: str) -> str:
        """The language the user wants replies in."""
        ...


class TelegramAnswers:
    """Answers SMEs' messages and button presses through the engine."""

    def __init__(
        self, engine: ConversationEngine, outbound: TelegramOutbound, queue: Queue, language: str = "th"
    ) -> None:
        self._engine = engine
        self._out = outbound
        self._queue = queue
        self._language = language

    @property
    def _bot(self) -> ExtBot[int]:
        return self._out.sender.bot

    async def language_for(self, user_id: int | str) -> str:
        """The language ``user_id`` chose (``/lang``), else the channel's."""
        if isinstance(self._engine, LanguagePreferences):
            return await asyncio.to_thread(self._engine.language_of, CHANNEL, str(user_id))
        return self._language

    async def on_message(self, message: Message) -> None:
        """A question, a command, or media (answered politely in 1:1 and in replies to the bot)."""
        user = message.from_user
        if user is None or user.is_bot:
            return
        target = reply_target(message)
        request = addressed(message, self._bot.username, self._bot.id)
        if request is None:
            media = message.text is None and message.effective_attachment is not None
            if media and (is_private(message) or replies_to_bot(message, self._bot.id)):
                await self._out.say(target, text("unsupported", await self.language_for(user.id)))
            return
        incoming = IncomingMessage(
            channel=CHANNEL,
            user_id=str(user.id),
            text=request.text,
            chat_id=None if is_private(message) else str(message.chat_id),
            display_name=user.full_name,
            message_id=str(message.message_id),
        )
        if request.command is None:
            await self.ask(target, incoming)
        else:
            await self._command(request.command, target, incoming)

    async def _command(self, command: str, target: Target, incoming: IncomingMessage) -> None:
        language = await self.language_for(incoming.user_id)
        if command == "start":
            # The welcome is the channel's; the privacy notice and its buttons are the engine's,
            # so consent is recorded the same way on LINE, Telegram and the web chat.
            await self._out.say(target, text("start.welcome", language))
            await self.ask(target, replace(incoming, text="/privacy"))
        elif command in _ENGINE_COMMANDS:
            await self.ask(target, replace(incoming, text=f"/{command}"))
        elif command == "schedule":
            await self.ask(target, replace(incoming, text=SCHEDULE_QUESTION))
        elif command == "remind":
            # "/remind on|off" keeps its argument: the engine's reminder desk reads the whole request.
            await self.ask(target, replace(incoming, text=f"/remind {incoming.text}".strip()))
        elif command == "footprint":
            # "/footprint clear" keeps its argument: the engine reads the whole request.
            await self.ask(target, replace(incoming, text=f"/footprint {incoming.text}".strip()))
        elif command == "mentor":
            await self.ask(
                target, replace(incoming, text=f"{text('mentor.request', language)} {incoming.text}".strip())
            )
        elif command == "lang":
            buttons = [(text(f"lang.{code}", language), self._out.codec.language(code)) for code in ("th", "en")]
            await self._out.say(target, text("lang.choose", language), buttons)
        else:
            await self._out.say(target, text("help", language, bot=self._bot.username))

    async def ask(self, target: Target, incoming: IncomingMessage) -> None:
        """Run the engine with a typing indicator, then send its replies (the rest to the relay if Telegram is away)."""
        await self._out.sender.typing(target)
        keep_typing = asyncio.get_running_loop().create_task(self._keep_typing(target))
        try:
            replies: list[Reply] = await asyncio.to_thread(self._engine.handle, incoming)
        except Exception:  # the user still gets an apology; the failure is logged
            logger.exception("the engine failed on a Telegram message")
            replies = [TextReply(text("error", self._language))]
        finally:
            keep_typing.cancel()
        language = await self.language_for(incoming.user_id)
        report = await self._out.answer(target, replies, language)
        if report.retryable and not report.uncertain:
            await self._queue(target, replies, language, report)
        elif not report.complete:
            # Refused (blocked, kicked), or a time-out that may have delivered it: sending again could repeat it.
            logger.warning("a Telegram answer to chat %s stopped: %s", target.chat_id, report.error)

    async def _keep_typing(self, target: Target) -> None:
        while True:
            await asyncio.sleep(TYPING_REFRESH_SECONDS)
            await self._out.sender.typing(target)

    async def on_callback(self, query: CallbackQuery) -> None:
        """A pressed button of ours: an engine action, a consent answer, or a language choice."""
        pressed = self._out.codec.decode(query.data)
        language = await self.language_for(query.from_user.id)
        await self._out.sender.answer_callback(query.id, None if pressed else text("callback.expired", language))
        source = query.message
        if source is None:
            return
        if isinstance(source, Message) and source.reply_markup is not None:
            # Take the buttons off once one was pressed, so a choice is made once.
            await self._out.sender.edit(source.chat.id, source.message_id, None)
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
            await self.ask(target, incoming)
        else:
            await self._switch_language(target, user, pressed.value)

    async def _switch_language(self, target: Target, user: User, language: str) -> None:
        if not isinstance(self._engine, LanguagePreferences):
            await self._out.say(target, text("lang.unavailable", self._language))
            return
        await asyncio.to_thread(self._engine.set_language, CHANNEL, str(user.id), language)
        await self._out.say(target, text("lang.switched", language))
