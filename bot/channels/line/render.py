"""The engine's replies as LINE message objects, within LINE's limits.

Text is split at Thai-safe places into messages of at most 5,000 UTF-16 units; sources
become a Flex message; buttons become quick reply items (postback actions) on the last
message, because LINE shows quick replies only under the last message it received.
When there are more than five messages, neighbouring texts are packed into as few as fit; the
sender sends what remains in further calls of five.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from linebot.v3.messaging import PostbackAction, QuickReply, QuickReplyItem, TextMessage

from bot.channels.line.sources import sources_message
from bot.channels.line.split import clip, split_text
from bot.types import EscalationNotice, QuickOption, QuickReplies, Reply, SourceList, TextReply

MAX_MESSAGES = 5
"""Message objects per reply or push call."""
MAX_QUICK_REPLIES = 13
LABEL_LIMIT = 20
"""A quick reply button's label, in characters."""
POSTBACK_DATA_LIMIT = 300
_JOINER = "\n\n"


def render(replies: Sequence[Reply], language: str) -> list[Any]:
    """LINE message objects (SDK models) for ``replies``, quick replies attached to the last one."""
    parts: list[str | Any] = []
    options: list[QuickOption] = []
    for reply in replies:
        if isinstance(reply, TextReply | EscalationNotice | QuickReplies):
            parts.extend(split_text(reply.text))
        if isinstance(reply, QuickReplies):
            options.extend(reply.options)
        elif isinstance(reply, SourceList) and reply.citations:
            parts.append(sources_message(reply.citations, language))
    if len(parts) > MAX_MESSAGES:
        parts = _merge_texts(parts)
    quick = quick_reply(options)
    messages = []
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        if isinstance(part, str):
            messages.append(TextMessage(text=part, quick_reply=quick if last else None))
        else:
            if last:
                part.quick_reply = quick
            messages.append(part)
    return messages


def text_messages(body: str, options: Sequence[QuickOption] = (), language: str = "th") -> list[Any]:
    """Plain text (split where needed) with optional quick reply buttons: for the channel's own messages."""
    return render([QuickReplies(body, tuple(options)) if options else TextReply(body)], language)


def quick_reply(options: Sequence[QuickOption]) -> Any:
    """Quick reply items for up to 13 options; ``None`` when there are none.

    An option whose action is longer than LINE's 300-character postback data is left out:
    cutting it would send a different action.
    """
    items = []
    for option in dict.fromkeys(options):
        if not option.action or len(option.action) > POSTBACK_DATA_LIMIT:
            continue
        label = clip(option.label, LABEL_LIMIT) or clip(option.action, LABEL_LIMIT)
        items.append(QuickReplyItem(action=PostbackAction(label=label, data=option.action, display_text=label)))
    return QuickReply(items=items[:MAX_QUICK_REPLIES]) if items else None


def _merge_texts(parts: list[str | Any]) -> list[str | Any]:
    """Re-pack each run of neighbouring texts into as few messages as fit."""
    merged: list[str | Any] = []
    run: list[str] = []
    for part in [*parts, None]:
        if isinstance(part, str):
            run.append(part)
            continue
        if run:
            merged.extend(split_text(_JOINER.join(run)))
            run = []
        if part is not None:
            merged.append(part)
    return merged
