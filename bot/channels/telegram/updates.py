"""Incoming Telegram updates: the webhook secret, parsing, and who a message is addressed to.

In a group the bot answers only when it is mentioned (``@username`` or a mention of its
user), when someone replies to one of its messages, or when it gets a command (``/help`` or
``/help@username``; a command for another bot is not ours). In a forum topic, a message that
is not a reply carries the topic's opening service message as ``reply_to_message``: that is
not a reply to the bot.
"""

from __future__ import annotations

import hmac
import json
import re
from dataclasses import dataclass
from typing import Any

from telegram import Bot, Message, MessageEntity, Update
from telegram.constants import ChatType

from bot.channels.base import WebhookRejectedError
from bot.channels.json_shape import nesting_depth_exceeds
from bot.channels.telegram.sender import Target
from ingestion import thai

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class MalformedUpdateError(WebhookRejectedError, ValueError):
    """The webhook body is not a Telegram update (answered with 400)."""


class WrongSecretError(WebhookRejectedError):
    """The webhook does not carry the configured secret token (answered with 403)."""

    status = 403


def secret_matches(expected: str | None, given: str | None) -> bool:
    """Whether the request carries the configured secret; anything goes when none is configured."""
    if not expected:
        return True
    if given is None:
        return False
    return hmac.compare_digest(expected.encode("utf-8"), given.encode("utf-8"))


def update_json(body: bytes) -> dict[str, Any]:
    """The update in a webhook body as JSON, checked only for what every update has (an integer ``update_id``);
    :class:`MalformedUpdateError` when it is not one. What the acknowledgement needs: PTB parses it later."""
    # Before json.loads: it and Update.de_json recurse once per level (see json_shape).
    if nesting_depth_exceeds(body):
        raise MalformedUpdateError("not an update: nested too deeply")
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise MalformedUpdateError(f"not JSON: {error}") from error
    if not isinstance(data, dict) or type(data.get("update_id")) is not int:
        raise MalformedUpdateError("not an update: an object with an integer update_id is required")
    return data


def update_chat(data: dict[str, Any]) -> str:
    """The chat an update's JSON belongs to (its message's, or the button's message's), as PTB's
    ``effective_chat`` names it; ``"0"`` when it has none."""
    for kind in ("message", "edited_message", "channel_post", "callback_query"):
        item = data.get(kind)
        if kind == "callback_query" and isinstance(item, dict):
            item = item.get("message")
        if not isinstance(item, dict):
            continue
        chat = item.get("chat")
        if isinstance(chat, dict) and type(chat.get("id")) is int:
            return str(chat["id"])
    return "0"


def parse_update(body: bytes, bot: Bot) -> Update:
    """The update in a webhook body; :class:`MalformedUpdateError` when it is not one."""
    data = update_json(body)
    try:
        update = Update.de_json(data, bot)
    except (TypeError, KeyError, ValueError, AttributeError) as error:
        raise MalformedUpdateError(f"not an update: {error}") from error
    return update


@dataclass(frozen=True)
class Addressed:
    """A message meant for the bot: its text without the mention, and the command if it is one."""

    text: str
    command: str | None = None
    """The command's name in lower case (``start``, ``mentor``, ...), without ``/`` or ``@bot``."""


def is_private(message: Message) -> bool:
    """Whether the message comes from a one-to-one chat with the bot."""
    return message.chat.type == ChatType.PRIVATE


def reply_target(message: Message) -> Target:
    """Where an answer to ``message`` goes: a reply to it in groups (in its forum topic), a message in 1:1."""
    return Target(
        message.chat_id,
        thread_id=message.message_thread_id if message.is_topic_message else None,
        reply_to=None if is_private(message) else message.message_id,
    )


def replies_to_bot(message: Message, bot_id: int) -> bool:
    """Whether the message is a reply to one of the bot's own messages (not a forum topic's root)."""
    original = message.reply_to_message
    if original is None or original.from_user is None or original.from_user.id != bot_id:
        return False
    topic_root = original.forum_topic_created is not None or (
        bool(message.is_topic_message) and original.message_id == message.message_thread_id
    )
    return not topic_root


def _mentions_bot(message: Message, username: str, bot_id: int) -> bool:
    entities = message.parse_entities([MessageEntity.MENTION, MessageEntity.TEXT_MENTION])
    for entity, shown in entities.items():
        if entity.type == MessageEntity.MENTION and shown.lower() == f"@{username.lower()}":
            return True
        if entity.type == MessageEntity.TEXT_MENTION and entity.user is not None and entity.user.id == bot_id:
            return True
    return _mention_pattern(username).search(message.text or "") is not None


def _mention_pattern(username: str) -> re.Pattern[str]:
    return re.compile(rf"@{re.escape(username)}\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Command:
    name: str
    rest: str
    ours: bool


def _command(message: Message, username: str) -> _Command | None:
    """The command the message starts with, if any, and whether it is for this bot."""
    text = message.text or ""
    for entity, shown in message.parse_entities([MessageEntity.BOT_COMMAND]).items():
        if entity.offset == 0:
            name, _, target = shown[1:].partition("@")
            ours = not target or target.lower() == username.lower()
            return _Command(name.lower(), text[len(shown) :].strip(), ours)
    return None


def addressed(message: Message, username: str, bot_id: int) -> Addressed | None:
    """What the message asks of the bot, or ``None`` when the bot should stay quiet."""
    if message.text is None:
        return None
    command = _command(message, username)
    if command is not None:
        if not command.ours:
            return None
        return Addressed(thai.normalize(_mention_pattern(username).sub(" ", command.rest)), command.name)
    if not (is_private(message) or _mentions_bot(message, username, bot_id) or replies_to_bot(message, bot_id)):
        return None
    return Addressed(thai.normalize(_mention_pattern(username).sub(" ", message.text)))
