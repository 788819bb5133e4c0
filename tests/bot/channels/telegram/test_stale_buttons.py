"""Buttons pressed late in Telegram, and asking for a mentor while a ticket is open (issue 18, items 1 and 5).

An SME asks something the course does not cover (the mentor offer, an inline keyboard), then
asks something else (answered), then scrolls up and presses the first question's
"ส่งให้พี่เลี้ยง": the ticket must carry the first question, never the later one. Asking for
a mentor again while that ticket is open offers "add a new question" or "see its status",
and copies nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.app.composition import build_engine
from bot.channels.telegram import TelegramChannel
from bot.conversation.engine import ConversationEngine
from bot.storage import ProcessedEvents, open_database
from knowledge.embedders import Embedder
from tests.bot.channels.conftest import course_settings
from tests.bot.channels.situations import MENTOR_BUTTONS, MISSPELLED, MISSPELLED_ANSWER, NEAR_MISS
from tests.bot.channels.telegram.conftest import LiveServer, telegram_settings
from tests.bot.channels.telegram.test_course_conversations import SME, Chat, buttons, shown
from tests.consent import consent
from tests.telegram_stand_in import TelegramStandIn

pytestmark = pytest.mark.slow  # the whole app over HTTP with platform stand-ins: seconds a test

OPEN_OFFER_BUTTONS = ["เพิ่มคำถามใหม่", "ดูสถานะเรื่อง"]
NEW_QUESTION = "ถ้าติดโซลาร์บนหลังคาโรงงาน ต้องขออนุญาตหน่วยงานไหนบ้าง"


@dataclass
class Served:
    """The SME's chat and the engine behind the bot (to read what the mentors received)."""

    chat: Chat
    engine: ConversationEngine


@pytest.fixture
def served(tmp_path: Path, course_index: Path, embedder: Embedder, telegram_api: TelegramStandIn) -> Iterator[Served]:
    settings = course_settings(tmp_path / "data", course_index)
    with open_database(settings.resolved_database_url()) as database:
        engine = build_engine(settings, embedder, database=database)
        consent(engine, "telegram", str(SME))
        channel = TelegramChannel.from_settings(telegram_settings(telegram_api), engine, ProcessedEvents(database))
        live = LiveServer(channel)
        yield Served(Chat(live, telegram_api, SME), engine)
        live.stop()


def test_an_old_mentor_button_hands_over_its_own_question_not_the_later_one(
    served: Served, telegram_api: TelegramStandIn
) -> None:
    chat, tickets = served.chat, served.engine.tickets
    offer = chat.says(NEAR_MISS)
    assert buttons(offer) == MENTOR_BUTTONS
    later = chat.says(MISSPELLED)
    assert MISSPELLED_ANSWER in shown(later)

    notice = chat.presses(offer[-1], "ส่งให้พี่เลี้ยง")  # the first question's keyboard, pressed after the second

    assert "T-0001" in shown(notice)
    [ticket] = tickets.queue()
    assert ticket.question == NEAR_MISS
    # The payload is an opaque id within Telegram's 64 bytes, not the question.
    data = [b["callback_data"] for row in offer[-1].params["reply_markup"]["inline_keyboard"] for b in row]
    assert all(len(d.encode()) <= 64 and d.isascii() for d in data)


def test_asking_for_a_mentor_with_a_ticket_open_offers_add_or_status_and_copies_nothing(served: Served) -> None:
    chat, tickets = served.chat, served.engine.tickets
    offer = chat.says(NEAR_MISS)
    chat.presses(offer[-1], "ส่งให้พี่เลี้ยง")

    choice = chat.says("ขอคุยกับพี่เลี้ยง")  # nothing new asked

    assert buttons(choice) == OPEN_OFFER_BUTTONS
    assert "T-0001" in shown(choice) and "คำถามนี้อยู่ในเรื่อง" not in shown(choice)
    [ticket] = tickets.queue()
    assert ticket.context.follow_ups == ()
    assert "attached" not in [e.action for e in tickets.events(ticket.id)]

    again = chat.says("ขอคุยกับพี่เลี้ยง")
    status = chat.presses(again[-1], "ดูสถานะเรื่อง")
    assert "T-0001" in shown(status) and "รอพี่เลี้ยงรับเรื่อง" in shown(status)

    prompt = chat.presses(choice[-1], "เพิ่มคำถามใหม่")  # the first offer, still on screen
    assert "T-0001" in shown(prompt)
    added = chat.says(NEW_QUESTION)
    assert "เพิ่มคำถามของคุณในเรื่อง T-0001" in shown(added)
    [ticket] = tickets.queue()
    assert [f.text for f in ticket.context.follow_ups] == [NEW_QUESTION]
    actions = [e.action for e in tickets.events(ticket.id)]
    assert "added" in actions and "attached" not in actions
