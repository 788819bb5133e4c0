"""👍 / 👎 under answers in Telegram: inline buttons carrying the answer's id, the 👎 follow-up and the
mentor, the rating in the user's export, and gone after /forget."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.bot.channels.situations import MISSPELLED, NEAR_MISS
from tests.bot.channels.telegram.test_course_conversations import SME, Chat, buttons, server, shown, sme
from tests.feedback_checks import (
    FOLLOW_UP,
    THUMBS,
    exported_feedback,
    rating_count,
    ratings,
    stored,
    ticket_questions,
)

__all__ = ["server", "sme"]  # the fixtures, used by name

pytestmark = pytest.mark.slow


def test_a_thumbs_down_under_an_earlier_answer_asks_why_offers_the_mentor_and_is_kept_then_forgotten(
    sme: Chat, tmp_path: Path
) -> None:
    answered = sme.says(MISSPELLED)
    assert buttons(answered)[-2:] == THUMBS
    near_miss = sme.says(NEAR_MISS)
    assert not set(THUMBS) & set(buttons(near_miss))

    # 👎 under the first answer, pressed after the second question: it is the first answer that is rated.
    why = sme.presses(answered[-1], THUMBS[1])
    assert "ไม่ดีตรงไหน" in shown(why) and buttons(why) == FOLLOW_UP
    # A Telegram keyboard is spent once pressed: the mentor here, the reasons in the LINE and web tests.
    assert "T-0001" in shown(sme.presses(why[-1], "ส่งให้พี่เลี้ยง"))

    database = stored(tmp_path / "data")
    [rating] = ratings(database)
    assert (rating.rating, rating.reason, rating.question, rating.coverage) == (
        "down",
        None,
        MISSPELLED,
        "answered",
    )
    assert rating.citations and rating.channel == "telegram"
    assert ticket_questions(database) == [MISSPELLED]
    [exported] = exported_feedback(database, "telegram", str(SME))
    assert exported["question"] == MISSPELLED and exported["rating"] == "down"

    confirm = sme.says("/forget")
    sme.presses(confirm[-1], next(label for label in buttons(confirm) if "ลบ" in label))
    assert rating_count(database) == 0
    database.close()
