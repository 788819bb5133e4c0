"""A worker that takes over an event does not answer twice on LINE, whatever the dead worker's reply got to.

The record of the reply (``processed_events.reply_state``) is a real SQLite database; LINE is
the stand-in, which takes a reply token once (400 "Invalid reply token" after) and a push
retry key once (409 after), as LINE does. The dead worker is played by sending its reply
straight to the stand-in and leaving the record as it would have left it.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import httpx
import pytest

from bot.channels.line import LineOutbound, LineSender
from bot.channels.reply_journal import ACCEPTED, ATTEMPTED, REFUSED, ReplyJournal
from bot.settings import LineSettings
from bot.storage import NewEvent, ProcessedEvents, open_database
from bot.storage.models import utcnow
from bot.types import TextReply
from tests.line_stand_in import PUSH, REPLY, LineStandIn

USER = "U" + "4" * 32
ANSWER = "ไฟฟ้าที่ซื้อจากการไฟฟ้านับในขอบเขตที่ 2 ครับ ส่วนน้ำมันรถของบริษัทนับในขอบเขตที่ 1"


@pytest.fixture
def line_api() -> Iterator[LineStandIn]:
    with LineStandIn() as api:
        api.token_reuse_is_violation = False  # the worker taking over sends the token again on purpose
        yield api
    assert api.violations == []


@pytest.fixture
def events(tmp_path: Path) -> Iterator[ProcessedEvents]:
    with open_database(f"sqlite:///{tmp_path / 'nzap.db'}") as database:
        yield ProcessedEvents(database)


def _taken_over(events: ProcessedEvents, state: str | None) -> ReplyJournal:
    """An event a first worker took (and recorded ``state`` for) before dying; taken again after its lease."""
    event_id = f"01TAKEOVER{uuid.uuid4().hex[:16].upper()}"
    events.record_all("line", [NewEvent(event_id, "{}")])
    first = events.take("line", event_id, lease_seconds=30)
    assert first is not None
    if state is not None:
        assert events.note_reply(first, state)
    again = events.take("line", event_id, lease_seconds=30, now=utcnow() + timedelta(seconds=31))
    assert again is not None and again.attempt == 2
    return ReplyJournal(events, again)


def _send(api: LineStandIn, token: str | None, journal: ReplyJournal, key: str) -> None:
    async def go() -> None:
        settings = LineSettings(channel_secret="s", channel_access_token=api.access_token, api_base_url=api.url)
        sender = LineSender.from_settings(settings, request_timeout_seconds=5)
        await sender.open()
        try:
            await LineOutbound(sender).answer(USER, token, [TextReply(ANSWER)], "th", key, journal)
        finally:
            await sender.close()

    asyncio.run(go())


def _dead_workers_reply(api: LineStandIn, token: str) -> None:
    """What the first worker got LINE to take before it died."""
    body = {"replyToken": token, "messages": [{"type": "text", "text": ANSWER}]}
    headers = {"Authorization": f"Bearer {api.access_token}"}
    assert httpx.post(f"{api.url}{REPLY}", json=body, headers=headers, timeout=60).status_code == 200


def _delivered(api: LineStandIn) -> list[str]:
    return [request.path for request in api.sent()]


def test_a_reply_the_dead_worker_got_through_is_not_sent_again_while_its_token_is_fresh(
    line_api: LineStandIn, events: ProcessedEvents
) -> None:
    token = uuid.uuid4().hex
    journal = _taken_over(events, ATTEMPTED)  # it died before it could record LINE's answer
    _dead_workers_reply(line_api, token)
    _send(line_api, token, journal, str(uuid.uuid4()))
    # LINE refused the token the second time (it had taken it), and nothing was pushed.
    assert [(r.path, r.status) for r in line_api.requests] == [(REPLY, 200), (REPLY, 400)]
    assert _delivered(line_api) == [REPLY]
    assert events.status("line", journal.taken.event_id) == "working"


def test_a_reply_the_dead_worker_never_got_through_is_sent_once(line_api: LineStandIn, events: ProcessedEvents) -> None:
    token = uuid.uuid4().hex
    journal = _taken_over(events, ATTEMPTED)  # it died before its reply reached LINE
    _send(line_api, token, journal, str(uuid.uuid4()))
    assert _delivered(line_api) == [REPLY]


def test_a_reply_recorded_as_accepted_is_not_sent_again_even_with_the_token_expired(
    line_api: LineStandIn, events: ProcessedEvents
) -> None:
    _dead_workers_reply(line_api, token := uuid.uuid4().hex)
    journal = _taken_over(events, ACCEPTED)  # it died between LINE's 200 and finishing the event
    _send(line_api, None, journal, str(uuid.uuid4()))
    _send(line_api, token, _taken_over(events, ACCEPTED), str(uuid.uuid4()))
    assert _delivered(line_api) == [REPLY]


def test_after_a_refused_reply_the_takeover_pushes_with_the_same_retry_key_and_line_drops_the_repeat(
    line_api: LineStandIn, events: ProcessedEvents
) -> None:
    key = str(uuid.uuid4())  # derived from the event id: the same for every worker
    journal = _taken_over(events, REFUSED)
    _send(line_api, None, journal, key)  # the dead worker's push, which LINE took
    _send(line_api, uuid.uuid4().hex, _taken_over(events, REFUSED), key)  # the takeover's: no reply, a push
    assert [(r.path, r.status) for r in line_api.requests] == [(PUSH, 200), (PUSH, 409)]
    assert _delivered(line_api) == [PUSH]


def test_the_reply_state_is_recorded_around_the_reply(line_api: LineStandIn, events: ProcessedEvents) -> None:
    journal = _taken_over(events, None)
    assert journal.previous is None
    _send(line_api, uuid.uuid4().hex, journal, str(uuid.uuid4()))
    again = events.take("line", journal.taken.event_id, 30, now=utcnow() + timedelta(seconds=65))
    assert again is not None and again.reply_state == ACCEPTED
