"""An answer pushed to LINE keeps one ``X-Line-Retry-Key`` whichever worker (or retry) sends it."""

from __future__ import annotations

import uuid
from types import SimpleNamespace

from bot.channels.line.channel import answer_retry_key


def test_the_answer_to_an_event_has_the_same_retry_key_whichever_worker_sends_it() -> None:
    event = SimpleNamespace(webhook_event_id="01HZXKILLEDWORKER0000000")
    again = SimpleNamespace(webhook_event_id="01HZXKILLEDWORKER0000000")
    other = SimpleNamespace(webhook_event_id="01HZXANOTHEREVENT0000000")
    key = answer_retry_key(event)
    assert key is not None and uuid.UUID(key).version == 5  # LINE wants a UUID
    assert answer_retry_key(again) == key and answer_retry_key(other) != key
    assert answer_retry_key(SimpleNamespace()) is None
