"""What an SME sees in the web chat, over the sample course: ``POST /api/chat`` on a real server.

The five situations of :mod:`tests.bot.channels.situations`: a misspelled question answered with
its source, thanks without a mentor offer, an off-topic question redirected, a near miss with the
mentor button, and the first question answered right after consent (pressed, or typed "ok").
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.app.composition import build_engine
from bot.app.server.app import create_app
from bot.channels.web import WebChannel
from knowledge.embedders import Embedder
from tests.bot.channels.conftest import course_settings
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
    THANKS,
    THANKS_REPLY,
)
from tests.consent import consent
from tests.server_thread import serve
from tests.web_chat import holding, named_session, web_user_id

pytestmark = pytest.mark.slow  # a real server and the course index: seconds a test

SESSION = "course-session-01"
"""A browser session that agreed to the privacy notice."""


@pytest.fixture
def chat(tmp_path: Path, course_index: Path, embedder: Embedder) -> Iterator[str]:
    """The URL of ``/api/chat`` on a server answering from the sample course."""
    engine = build_engine(course_settings(tmp_path / "data", course_index), embedder)
    consent(engine, "web", web_user_id(named_session(SESSION)))
    with serve(create_app([WebChannel(engine)], ready=lambda: {})) as url:
        yield f"{url}/api/chat"


def says(chat: str, text: str, session: str = SESSION) -> list[dict[str, Any]]:
    response = httpx.post(chat, json={"text": text}, headers=holding(named_session(session)), timeout=60)
    assert response.status_code == 200
    replies: list[dict[str, Any]] = response.json()["replies"]
    return replies


def presses(chat: str, action: str, session: str) -> list[dict[str, Any]]:
    response = httpx.post(chat, json={"action": action}, headers=holding(named_session(session)), timeout=60)
    replies: list[dict[str, Any]] = response.json()["replies"]
    return replies


def buttons(replies: list[dict[str, Any]]) -> list[str]:
    return [o["label"] for r in replies if r["type"] == "quick_replies" for o in r["options"]]


def kinds(replies: list[dict[str, Any]]) -> list[str]:
    return [r["type"] for r in replies]


def test_a_misspelled_question_gets_the_course_answer_with_its_source_and_no_mentor(chat: str) -> None:
    replies = says(chat, MISSPELLED)
    assert kinds(replies)[:2] == ["text", "sources"]
    assert replies[0]["text"].startswith(MISSPELLED_ANSWER) and MISSPELLED_FACT in replies[0]["text"]
    assert all(c["label"] != "glossary.yaml" for c in replies[1]["citations"])
    assert MENTOR_BUTTONS[0] not in buttons(replies)


def test_thanks_get_a_short_friendly_line_and_no_mentor(chat: str) -> None:
    [reply] = says(chat, THANKS)
    assert reply["type"] == "text" and reply["text"].startswith(THANKS_REPLY) and len(reply["text"]) < 80


def test_an_off_topic_question_is_redirected_to_what_the_course_covers(chat: str) -> None:
    [reply] = says(chat, OFF_TOPIC)
    assert reply["type"] == "text" and OFF_TOPIC_REPLY in reply["text"] and OFF_TOPIC_SUGGESTION in reply["text"]
    assert DIESEL_FACTOR not in reply["text"]


def test_a_near_miss_states_the_gap_and_offers_the_mentor(chat: str) -> None:
    replies = says(chat, NEAR_MISS)
    assert GAP in replies[0]["text"]
    assert kinds(replies)[-1] == "quick_replies" and buttons(replies) == MENTOR_BUTTONS


def test_the_first_question_is_answered_right_after_pressing_consent(chat: str) -> None:
    [notice] = says(chat, MISSPELLED, session="newcomer-press")
    assert notice["type"] == "quick_replies" and NOTICE in notice["text"] and MISSPELLED_FACT not in notice["text"]
    assert [o["action"] for o in notice["options"]] == ["consent:yes", "consent:no"]
    thanks, answer, *rest = presses(chat, "consent:yes", "newcomer-press")
    assert CONSENTED in thanks["text"] and HELD_ANSWER_FOLLOWS in thanks["text"]
    assert answer["text"].startswith(MISSPELLED_ANSWER) and [r["type"] for r in rest][:1] == ["sources"]


def test_the_first_question_is_answered_right_after_typing_ok(chat: str) -> None:
    says(chat, NEAR_MISS, session="newcomer-typed")
    thanks, answer, *_ = replies = says(chat, "ok", session="newcomer-typed")
    assert CONSENTED in thanks["text"] and GAP in answer["text"]
    assert buttons(replies) == MENTOR_BUTTONS
