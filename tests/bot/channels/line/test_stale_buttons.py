"""Buttons pressed late in LINE, and asking for a mentor while a ticket is open (issue 18, items 1 and 5).

An SME asks something the course does not cover (the mentor offer), then asks something else
(answered), then scrolls up and presses the first question's "ส่งให้พี่เลี้ยง": the ticket
must carry the first question, never the later one. Asking for a mentor again while that
ticket is open offers "add a new question" or "see its status", and copies nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bot.app.composition import build_engine
from bot.app.server.app import create_app
from bot.channels.line import LineChannel
from bot.conversation.engine import ConversationEngine
from bot.storage import ProcessedEvents, open_database
from knowledge.embedders import Embedder
from tests.bot.channels.conftest import course_settings
from tests.bot.channels.line.conftest import SECRET, TOKEN, USER_ID, LineBot, payload
from tests.bot.channels.situations import MENTOR_BUTTONS, MISSPELLED, MISSPELLED_ANSWER, NEAR_MISS
from tests.consent import consent
from tests.line_stand_in import REPLY, LineRequest, LineStandIn
from tests.server_thread import serve

pytestmark = pytest.mark.slow  # the whole app over HTTP with platform stand-ins: seconds a test

OPEN_OFFER_BUTTONS = ["เพิ่มคำถามใหม่", "ดูสถานะเรื่อง"]
NEW_QUESTION = "ถ้าติดโซลาร์บนหลังคาโรงงาน ต้องขออนุญาตหน่วยงานไหนบ้าง"


@dataclass
class Served:
    """The LINE bot and the engine behind it (to read what the mentors received)."""

    bot: LineBot
    engine: ConversationEngine


@pytest.fixture
def served(tmp_path: Path, course_index: Path, embedder: Embedder, line_api: LineStandIn) -> Iterator[Served]:
    line = {"channel_secret": SECRET, "channel_access_token": TOKEN, "api_base_url": line_api.url}
    settings = course_settings(tmp_path / "data", course_index, line=line)
    with open_database(settings.resolved_database_url()) as database:
        engine = build_engine(settings, embedder, database=database)
        consent(engine, "line", USER_ID)
        channel = LineChannel.from_settings(
            settings.line, engine, ProcessedEvents(database), retry_backoff_seconds=0.01
        )
        with serve(create_app([channel], ready=lambda: {})) as url:
            yield Served(LineBot(url, channel, line_api), engine)


def says(bot: LineBot, text: str) -> LineRequest:
    body = payload("text_private", text=text, event_id=uuid.uuid4().hex.upper()[:26])
    body["events"][0]["replyToken"] = uuid.uuid4().hex
    return _exchange(bot, body)


def presses(bot: LineBot, reply: LineRequest, label: str) -> LineRequest:
    """The SME presses the quick reply ``label`` under ``reply`` (whenever that was): its postback data goes back."""
    data = next(i["action"]["data"] for i in _items(reply) if i["action"]["label"] == label)
    body = payload("postback_escalate", data=data, event_id=uuid.uuid4().hex.upper()[:26])
    body["events"][0]["replyToken"] = uuid.uuid4().hex
    return _exchange(bot, body)


def _exchange(bot: LineBot, body: dict[str, Any]) -> LineRequest:
    before = len(bot.api.sent())
    assert bot.post(body).status_code == 200
    sent = bot.answer(before + 1)
    assert sent[-1].path == REPLY
    return sent[-1]


def _items(reply: LineRequest) -> list[dict[str, Any]]:
    return list((reply.messages[-1].get("quickReply") or {"items": []})["items"])


def buttons(reply: LineRequest) -> list[str]:
    return [item["action"]["label"] for item in _items(reply)]


def text_of(reply: LineRequest) -> str:
    return "\n".join(reply.texts)


def test_an_old_mentor_button_hands_over_its_own_question_not_the_later_one(served: Served) -> None:
    bot, tickets = served.bot, served.engine.tickets
    offer = says(bot, NEAR_MISS)
    assert buttons(offer) == MENTOR_BUTTONS
    later = says(bot, MISSPELLED)
    assert MISSPELLED_ANSWER in text_of(later)

    notice = presses(bot, offer, "ส่งให้พี่เลี้ยง")  # the first question's button, pressed after the second

    assert "T-0001" in text_of(notice)
    [ticket] = tickets.queue()
    assert ticket.question == NEAR_MISS
    assert MISSPELLED not in ticket.question


def test_asking_for_a_mentor_with_a_ticket_open_offers_add_or_status_and_copies_nothing(served: Served) -> None:
    bot, tickets = served.bot, served.engine.tickets
    offer = says(bot, NEAR_MISS)
    presses(bot, offer, "ส่งให้พี่เลี้ยง")

    choice = says(bot, "ขอคุยกับพี่เลี้ยง")  # nothing new asked

    assert buttons(choice) == OPEN_OFFER_BUTTONS
    assert "T-0001" in text_of(choice) and "คำถามนี้อยู่ในเรื่อง" not in text_of(choice)
    [ticket] = tickets.queue()
    assert ticket.context.follow_ups == ()
    assert "attached" not in [e.action for e in tickets.events(ticket.id)]
    # Pressing the old offer again copies nothing either: the same two choices.
    assert buttons(presses(bot, offer, "ส่งให้พี่เลี้ยง")) == OPEN_OFFER_BUTTONS

    status = presses(bot, choice, "ดูสถานะเรื่อง")
    assert "T-0001" in text_of(status) and "รอพี่เลี้ยงรับเรื่อง" in text_of(status)

    prompt = presses(bot, choice, "เพิ่มคำถามใหม่")
    assert "T-0001" in text_of(prompt)
    added = says(bot, NEW_QUESTION)
    assert "เพิ่มคำถามของคุณในเรื่อง T-0001" in text_of(added)
    [ticket] = tickets.queue()
    assert [f.text for f in ticket.context.follow_ups] == [NEW_QUESTION]
    actions = [e.action for e in tickets.events(ticket.id)]
    assert "added" in actions and "attached" not in actions
