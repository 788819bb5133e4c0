"""👍 / 👎 under answers in LINE: quick replies carrying the answer's id, the 👎 follow-up and the mentor,
the rating in the user's export, and gone after /forget."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.bot.channels.line.conftest import USER_ID, LineBot
from tests.bot.channels.line.test_course_conversations import buttons, course_bot, presses, says
from tests.bot.channels.situations import MISSPELLED, NEAR_MISS
from tests.feedback_checks import (
    FOLLOW_UP,
    THUMBS,
    exported_feedback,
    rating_count,
    ratings,
    stored,
    ticket_questions,
)
from tests.line_stand_in import LineRequest

__all__ = ["course_bot"]  # the fixture, used by name

pytestmark = pytest.mark.slow


def data_of(reply: LineRequest, label: str) -> str:
    """The postback data of the quick reply ``label`` under ``reply``."""
    items = reply.messages[-1]["quickReply"]["items"]
    return next(item["action"]["data"] for item in items if item["action"]["label"] == label)


def test_a_thumbs_down_under_an_earlier_answer_asks_why_offers_the_mentor_and_is_kept_then_forgotten(
    course_bot: LineBot, tmp_path: Path
) -> None:
    answered = says(course_bot, MISSPELLED)
    assert buttons(answered)[-2:] == THUMBS
    near_miss = says(course_bot, NEAR_MISS)
    assert not set(THUMBS) & set(buttons(near_miss))  # nothing to rate: the mentor is offered instead

    # 👎 under the first answer, pressed after the second question: it is the first answer that is rated.
    why = presses(course_bot, data_of(answered, THUMBS[1]), USER_ID)
    assert "ไม่ดีตรงไหน" in why.texts[0] and buttons(why) == FOLLOW_UP
    thanks = presses(course_bot, data_of(why, "ข้อมูลไม่พอ"), USER_ID)
    assert "ขอบคุณ" in thanks.texts[0]
    mentor = presses(course_bot, data_of(why, "ส่งให้พี่เลี้ยง"), USER_ID)
    assert "T-0001" in "\n".join(mentor.texts)

    database = stored(tmp_path / "data")
    [rating] = ratings(database)
    assert (rating.rating, rating.reason, rating.question, rating.coverage) == (
        "down",
        "not_enough",
        MISSPELLED,
        "answered",
    )
    assert rating.citations and rating.channel == "line"
    assert ticket_questions(database) == [MISSPELLED]  # the rated answer's question, not the latest one
    [exported] = exported_feedback(database, "line", USER_ID)
    assert exported["question"] == MISSPELLED and exported["rating"] == "down"

    # 👍 on the same answer later replaces the 👎.
    presses(course_bot, data_of(answered, THUMBS[0]), USER_ID)
    assert [(r.rating, r.reason) for r in ratings(database)] == [("up", None)]

    says(course_bot, "/forget")
    presses(course_bot, "privacy:forget:yes", USER_ID)
    assert rating_count(database) == 0
    database.close()
