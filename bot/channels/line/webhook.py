"""Reading LINE webhooks: the signature check, parsing into the SDK's typed events, and who spoke where."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
from dataclasses import dataclass, field
from typing import Any

from linebot.v3.exceptions import InvalidSignatureError
from linebot.v3.webhook import WebhookParser
from linebot.v3.webhooks import Event, GroupSource, RoomSource, TextMessageContent, UserMentionee, UserSource

from bot.channels.base import WebhookRejectedError
from bot.channels.json_shape import nesting_depth_exceeds

_COMMAND = re.compile(r"^\s*(?:/ask\b|/ถาม|ถาม\s*:)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Webhook:
    """The parsed body: the bot's own user id and the typed events."""

    destination: str | None
    events: list[Any]
    raw_events: list[Any] = field(default_factory=list)
    """The events as LINE sent them (JSON objects), in the same order as ``events``."""


@dataclass(frozen=True)
class RawWebhook:
    """A verified body split into its events, as LINE sent them (JSON objects), not parsed by the SDK."""

    destination: str | None
    events: list[dict[str, Any]]


_EVENT_FIELDS: tuple[tuple[str, type | tuple[type, ...]], ...] = (
    ("type", str),
    ("mode", str),
    ("timestamp", int),
    ("webhookEventId", str),
    ("deliveryContext", dict),
)
"""What every LINE webhook event carries (the spec's ``Event``: all required)."""


def _looks_like_an_event(event: Any) -> bool:
    """Whether ``event`` has the fields every LINE event has, with their types (the SDK checks the rest later)."""
    if not isinstance(event, dict):
        return False
    if not all(isinstance(event.get(name), kind) for name, kind in _EVENT_FIELDS):
        return False
    source = event.get("source")
    return source is None or isinstance(source, dict)


def raw_chat(event: dict[str, Any]) -> str:
    """The chat of a raw event, as :func:`chat_place` names it (the group or room, else the user)."""
    source = event.get("source") or {}
    for key in ("groupId", "roomId", "userId"):
        value = source.get(key)
        if isinstance(value, str) and value:
            return value
    return str(event.get("webhookEventId"))


def event_payload(destination: str | None, raw_event: Any) -> str:
    """One event of a webhook as JSON, to record until it is answered."""
    return json.dumps({"destination": destination, "event": raw_event}, ensure_ascii=False)


def event_from_payload(payload: str) -> tuple[Any, str | None]:
    """The SDK's typed event and the bot's user id, back from :func:`event_payload`."""
    data = json.loads(payload)
    return Event.from_dict(data["event"]), data.get("destination")


def signature_of(secret: bytes, body: bytes) -> str:
    """``X-Line-Signature`` for ``body``: base64 of its HMAC-SHA256 under the channel secret."""
    return base64.b64encode(hmac.new(secret, body, hashlib.sha256).digest()).decode("ascii")


class WebhookReader:
    """Checks the signature over the raw bytes first, then parses with the SDK's ``WebhookParser``."""

    def __init__(self, channel_secret: str) -> None:
        self._secret = channel_secret.encode("utf-8")
        self._parser = WebhookParser(channel_secret)

    def split(self, body: bytes, signature: str | None) -> RawWebhook:
        """The signature checked over the raw bytes, then the body split into its events' JSON without the SDK.

        This is all the acknowledgement needs (the SDK's typed parsing is most of a webhook's CPU;
        the worker does it from the record). Each event is checked for the fields every LINE event
        has, so what is plainly not a LINE webhook is still a 400 here.
        """
        self._verify(body, signature)
        try:
            data = json.loads(body)
        except ValueError as error:  # bad UTF-8 (UnicodeDecodeError is a ValueError) or bad JSON
            raise WebhookRejectedError("malformed webhook body") from error
        events = data.get("events") if isinstance(data, dict) else None
        destination = data.get("destination") if isinstance(data, dict) else None
        if not isinstance(events, list) or not (destination is None or isinstance(destination, str)):
            raise WebhookRejectedError("malformed webhook body")
        if not all(_looks_like_an_event(event) for event in events):
            raise WebhookRejectedError("malformed webhook event")
        return RawWebhook(destination, events)

    def _verify(self, body: bytes, signature: str | None) -> None:
        # The SDK raises AttributeError on a missing header, so the header is checked here.
        if not signature:
            raise WebhookRejectedError("missing X-Line-Signature")
        if not hmac.compare_digest(signature.encode("utf-8"), signature_of(self._secret, body).encode("ascii")):
            raise WebhookRejectedError("invalid signature")
        # A signed body is still checked: json and the SDK's parser recurse once per level (see json_shape).
        if nesting_depth_exceeds(body):
            raise WebhookRejectedError("webhook body nested too deeply")

    def read(self, body: bytes, signature: str | None) -> Webhook:
        """The webhook in ``body`` parsed by the SDK; raises :class:`WebhookRejectedError` for anything LINE
        would not send."""
        self._verify(body, signature)
        try:
            payload = self._parser.parse(body.decode("utf-8"), signature, as_payload=True)
        except InvalidSignatureError as error:
            raise WebhookRejectedError("invalid signature") from error
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            # ValueError covers bad UTF-8, bad JSON and events the SDK's models refuse.
            raise WebhookRejectedError("malformed webhook body") from error
        if not isinstance(payload.events, list):
            raise WebhookRejectedError("malformed webhook body")
        raw_events = json.loads(body).get("events", [])
        if len(raw_events) != len(payload.events):
            raw_events = []
        return Webhook(payload.destination, payload.events, raw_events)


@dataclass(frozen=True)
class ChatPlace:
    """Where an event happened and who caused it."""

    to: str
    """The push target: the user's id in a one-to-one chat, else the group or room id."""
    user_id: str
    """The user who spoke; the chat id when LINE withholds the user id."""
    chat_id: str | None
    """The group or room id; ``None`` in a one-to-one chat."""

    @property
    def private(self) -> bool:
        """A one-to-one chat with the bot."""
        return self.chat_id is None


def chat_place(source: Any) -> ChatPlace | None:
    """The :class:`ChatPlace` of an event's ``source``; ``None`` for sources the bot cannot answer."""
    if isinstance(source, UserSource) and source.user_id:
        return ChatPlace(source.user_id, source.user_id, None)
    if isinstance(source, GroupSource):
        return ChatPlace(source.group_id, source.user_id or source.group_id, source.group_id)
    if isinstance(source, RoomSource):
        return ChatPlace(source.room_id, source.user_id or source.room_id, source.room_id)
    return None


def _self_mentions(content: TextMessageContent, destination: str | None) -> list[Any]:
    mention = content.mention
    if mention is None:
        return []
    return [
        m
        for m in mention.mentionees
        if isinstance(m, UserMentionee) and (m.is_self or (destination is not None and m.user_id == destination))
    ]


def strip_command(text: str) -> str | None:
    """The question after ``/ask``, ``/ถาม`` or ``ถาม:``; ``None`` when the text starts with no command."""
    match = _COMMAND.match(text)
    return text[match.end() :] if match else None


def addressed_question(content: TextMessageContent, place: ChatPlace, destination: str | None) -> str | None:
    """The question put to the bot, or ``None`` when a group message is not addressed to it.

    In one-to-one chats every text is for the bot. In groups and rooms only a text that
    mentions the bot or starts with a command is; the bot's mention is removed from it.
    """
    text: str = content.text
    mentions = _self_mentions(content, destination)
    if mentions:
        text = _remove_spans(text, [(m.index, m.length) for m in mentions])
    command = strip_command(text)
    if command is not None:
        return command.strip()
    if place.private or mentions:
        return text.strip()
    return None


def _remove_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` without the given (index, length) spans, counted in UTF-16 units as LINE counts them."""
    units = text.encode("utf-16-le")
    for index, length in sorted(spans, reverse=True):
        units = units[: 2 * index] + units[2 * (index + length) :]
    return units.decode("utf-16-le", errors="ignore")
