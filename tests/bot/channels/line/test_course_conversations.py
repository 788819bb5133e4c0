"""What an SME sees in LINE, over the sample course: signed webhooks in, the LINE stand-in out.

The five situations of :mod:`tests.bot.channels.situations`: a misspelled question answered with
its source, thanks without a mentor offer, an off-topic question redirected, a near miss with the
mentor button, and the first question answered right after the consent postback.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.app.composition import build_engine
from bot.app.server.app import create_app
from bot.channels.line import LineChannel
from bot.storage import ProcessedEvents, open_database
from knowledge.embedders import Embedder
from tests.bot.channels.conftest import course_settings
from tests.bot.channels.line.conftest import SECRET, TOKEN, USER_ID, LineBot, payload
from tests.bot.channels.situations import (
    CONSENTED,
    DIESEL_FACTOR,
    GAP,
    HELD_ANSWER_FOLLOWS,
    MENTOR_BUTTONS,
    MISSPELLED,
    MISSPELLED_ANSWER,
    MISSPELLED_FACT,
    NEAR_MISS,
    NOTICE,
    OFF_TOPIC,
    OFF_TOPIC_REPLY,
    OFF_TOPIC_SUGGESTION,
    PARTIAL_GAP,
    PARTIAL_NEAR_MISS,
    ROOFTOP_PRICE,
    THANKS,
    THANKS_REPLY,
)
from tests.consent import consent
from tests.line_stand_in import REPLY, LineRequest, LineStandIn
from tests.server_thread import serve

pytestmark = pytest.mark.slow  # the whole app over HTTP with platform stand-ins: seconds a test

NEWCOMER = "U0000000000000000000000000000c0de"


@pytest.fixture
def course_bot(tmp_path: Path, course_index: Path, embedder: Embedder, line_api: LineStandIn) -> Iterator[LineBot]:
    """A LINE bot answering from the sample course; ``USER_ID`` agreed to the privacy notice, ``NEWCOMER`` not."""
    line = {"channel_secret": SECRET, "channel_access_token": TOKEN, "api_base_url": line_api.url}
    settings = course_settings(tmp_path / "data", course_index, line=line)
    with open_database(settings.resolved_database_url()) as database:
        engine = build_engine(settings, embedder, database=database)
        consent(engine, "line", USER_ID)
        channel = LineChannel.from_settings(
            settings.line, engine, ProcessedEvents(database), retry_backoff_seconds=0.01
        )
        with serve(create_app([channel], ready=lambda: {})) as url:
            yield LineBot(url, channel, line_api)


def says(bot: LineBot, text: str, user_id: str = USER_ID) -> LineRequest:
    """``user_id`` types ``text`` in the 1:1 chat; what LINE shows them next."""
    body = payload("text_private", text=text, event_id=uuid.uuid4().hex.upper()[:26])
    event = body["events"][0]
    event["source"]["userId"], event["replyToken"] = user_id, uuid.uuid4().hex
    return _exchange(bot, body)


def presses(bot: LineBot, data: str, user_id: str) -> LineRequest:
    body = payload("postback_consent", data=data, event_id=uuid.uuid4().hex.upper()[:26])
    event = body["events"][0]
    event["source"]["userId"], event["replyToken"] = user_id, uuid.uuid4().hex
    return _exchange(bot, body)


def _exchange(bot: LineBot, body: dict[str, Any]) -> LineRequest:
    before = len(bot.api.sent())
    assert bot.post(body).status_code == 200
    sent = bot.answer(before + 1)
    assert len(sent) == before + 1, "one reply per message"
    assert sent[-1].path == REPLY
    return sent[-1]


def buttons(reply: LineRequest) -> list[str]:
    quick = reply.messages[-1].get("quickReply") or {"items": []}
    return [item["action"]["label"] for item in quick["items"]]


def has_sources(reply: LineRequest) -> bool:
    return any(m["type"] == "flex" and m["altText"].startswith("แหล่งที่มา") for m in reply.messages)


def test_a_misspelled_question_gets_the_course_answer_with_its_source_and_no_mentor(course_bot: LineBot) -> None:
    reply = says(course_bot, MISSPELLED)
    assert reply.texts[0].startswith(MISSPELLED_ANSWER) and MISSPELLED_FACT in reply.texts[0]
    assert has_sources(reply) and "glossary.yaml" not in json.dumps(reply.messages, ensure_ascii=False)
    assert MENTOR_BUTTONS[0] not in buttons(reply)


def test_thanks_get_a_short_friendly_line_and_no_mentor(course_bot: LineBot) -> None:
    reply = says(course_bot, THANKS)
    [line] = reply.texts
    assert line.startswith(THANKS_REPLY) and len(line) < 80
    assert buttons(reply) == [] and not has_sources(reply)


def test_an_off_topic_question_is_redirected_to_what_the_course_covers(course_bot: LineBot) -> None:
    reply = says(course_bot, OFF_TOPIC)
    [line] = reply.texts
    assert OFF_TOPIC_REPLY in line and OFF_TOPIC_SUGGESTION in line
    assert DIESEL_FACTOR not in line and buttons(reply) == [] and not has_sources(reply)


def test_a_near_miss_states_the_gap_and_offers_the_mentor(course_bot: LineBot) -> None:
    reply = says(course_bot, NEAR_MISS)
    assert GAP in reply.texts[0]
    assert buttons(reply) == MENTOR_BUTTONS


def test_a_closer_near_miss_says_what_is_missing_first_then_the_closest_material(course_bot: LineBot) -> None:
    """Partial: the gap leads (no reader takes the rooftop price for a carport's), the mentor is one tap away."""
    reply = says(course_bot, PARTIAL_NEAR_MISS)
    first = reply.texts[0]
    assert first.index(PARTIAL_GAP) < first.index(ROOFTOP_PRICE)
    assert GAP not in first and buttons(reply)[:2] == MENTOR_BUTTONS


def test_the_first_question_is_answered_right_after_the_consent_postback(course_bot: LineBot) -> None:
    notice = says(course_bot, MISSPELLED, user_id=NEWCOMER)
    assert NOTICE in notice.texts[0] and MISSPELLED_FACT not in "\n".join(notice.texts)
    assert [i["action"]["data"] for i in notice.messages[-1]["quickReply"]["items"]] == ["consent:yes", "consent:no"]

    reply = presses(course_bot, "consent:yes", NEWCOMER)
    # One reply (the same reply token): the confirmation, then the answer with its source.
    assert CONSENTED in reply.texts[0] and HELD_ANSWER_FOLLOWS in reply.texts[0]
    assert reply.texts[1].startswith(MISSPELLED_ANSWER) and has_sources(reply)
