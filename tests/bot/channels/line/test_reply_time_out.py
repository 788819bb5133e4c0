"""A LINE reply whose answer is lost (time-out, cut connection) is sent again with the same token: one answer.

The hole (issue 15): a reply that timed out was counted as sent and never repeated, so a
request lost on the way left the user without an answer. A reply token works once, so the
same request again lets LINE decide; LINE is the stand-in, which takes a token once and
answers a reused one 400 "Invalid reply token", as LINE does.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator

import pytest

from bot.channels.line import LineOutbound, LineSender
from bot.settings import LineSettings
from bot.types import TextReply
from tests.line_stand_in import PUSH, REPLY, LineStandIn

USER = "U" + "5" * 32
ANSWER = "ค่าไฟฟ้าที่ซื้อจากการไฟฟ้านับเป็นขอบเขตที่ 2 ครับ"


@pytest.fixture
def line_api() -> Iterator[LineStandIn]:
    with LineStandIn() as api:
        api.token_reuse_is_violation = False  # the sender repeats the token on purpose after a lost answer
        yield api
    assert api.violations == []


def _answer(api: LineStandIn, token: str, timeout: float) -> None:
    async def go() -> None:
        settings = LineSettings(channel_secret="s", channel_access_token=api.access_token, api_base_url=api.url)
        sender = LineSender.from_settings(settings, backoff_seconds=0.01, request_timeout_seconds=timeout)
        await sender.open()
        try:
            await LineOutbound(sender).answer(USER, token, [TextReply(ANSWER)], "th", str(uuid.uuid4()))
        finally:
            await sender.close()

    asyncio.run(go())


def _shown(api: LineStandIn) -> list[str]:
    """What the user's chat shows: the texts of every reply and push LINE took."""
    return [text for request in api.sent() for text in request.texts]


def test_a_reply_lost_on_the_way_is_sent_again_and_the_user_gets_it_once(line_api: LineStandIn) -> None:
    line_api.lost[REPLY] = 1  # the first reply never reaches LINE; the connection is cut
    _answer(line_api, uuid.uuid4().hex, timeout=5)
    assert line_api.arrived.count(REPLY) == 2
    assert _shown(line_api) == [ANSWER]
    assert [r.path for r in line_api.sent()] == [REPLY]


def test_a_reply_line_took_but_whose_answer_timed_out_is_not_shown_twice(line_api: LineStandIn) -> None:
    line_api.held[REPLY] = 2.0  # LINE takes the reply, then answers after the sender gave up waiting
    _answer(line_api, uuid.uuid4().hex, timeout=0.5)
    line_api.held.clear()
    line_api.wait_for(lambda api: len(api.requests) >= 2, timeout=10)
    # The repeat was refused (the token was used): the first one had arrived, and nothing is pushed.
    assert sorted((r.path, r.status) for r in line_api.requests) == [(REPLY, 200), (REPLY, 400)]
    assert _shown(line_api) == [ANSWER]
    assert PUSH not in line_api.arrived
