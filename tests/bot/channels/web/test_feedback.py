"""👍 / 👎 under answers in the web chat over real HTTP: buttons carrying the answer's id, the 👎 follow-up
and the mentor, the rating in the user's export, and gone after /forget."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.bot.channels.situations import MISSPELLED, NEAR_MISS
from tests.bot.channels.web.test_course_conversations import SESSION, buttons, chat, presses, says
from tests.feedback_checks import (
    FOLLOW_UP,
    THUMBS,
    exported_feedback,
    rating_count,
    ratings,
    stored,
    ticket_questions,
)
from tests.web_chat import named_session, web_user_id

__all__ = ["chat"]  # the fixture, used by name

pytestmark = pytest.mark.slow


def action_of(replies: list[dict[str, Any]], label: str) -> str:
    """The action of the button ``label`` among ``replies``."""
    options = [o for r in replies if r["type"] == "quick_replies" for o in r["options"]]
    return str(next(o["action"] for o in options if o["label"] == label))


def test_a_thumbs_down_under_an_earlier_answer_asks_why_offers_the_mentor_and_is_kept_then_forgotten(
    chat: str, tmp_path: Path
) -> None:
    answered = says(chat, MISSPELLED)
    assert buttons(answered)[-2:] == THUMBS
    assert not set(THUMBS) & set(buttons(says(chat, NEAR_MISS)))

    why = presses(chat, action_of(answered, THUMBS[1]), SESSION)
    assert "ไม่ดีตรงไหน" in why[0]["text"] and buttons(why) == FOLLOW_UP
    assert "ขอบคุณ" in presses(chat, action_of(why, "ไม่ตรงคำถาม"), SESSION)[0]["text"]
    escalated = presses(chat, action_of(why, "ส่งให้พี่เลี้ยง"), SESSION)
    assert escalated[0]["type"] == "escalation" and escalated[0]["reference"] == "T-0001"

    database = stored(tmp_path / "data")
    [rating] = ratings(database)
    assert (rating.rating, rating.reason, rating.question, rating.coverage) == (
        "down",
        "off_topic",
        MISSPELLED,
        "answered",
    )
    assert ticket_questions(database) == [MISSPELLED]
    user = web_user_id(named_session(SESSION))
    [exported] = exported_feedback(database, "web", user)
    assert exported["question"] == MISSPELLED and exported["sources"]

    confirm = says(chat, "/forget")
    presses(chat, action_of(confirm, "ยืนยันลบ"), SESSION)
    assert rating_count(database) == 0
    database.close()
