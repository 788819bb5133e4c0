"""Feedback buttons in the engine: whose answer a press rates, and presses that rate nothing."""

from __future__ import annotations

from pathlib import Path

from bot.conversation.engine import ConversationEngine
from bot.conversation.feedback import feedback_action, parse_feedback_action
from bot.types import QuickReplies, TextReply
from tests.bot.conversation.test_engine import engine, say
from tests.consent import consent
from tests.feedback_checks import rating_count, ratings, stored

__all__ = ["engine"]  # the fixture, used by name

QUESTION = "ค่าการปล่อยก๊าซเรือนกระจกของไฟฟ้าเท่าไหร่ครับ"


def test_the_payload_names_the_answer_and_fits_a_telegram_button() -> None:
    action = feedback_action(123456789012, "not_enough")
    assert len(action.encode()) <= 64
    pressed = parse_feedback_action(action)
    assert pressed is not None and (pressed.message_id, pressed.choice) == (123456789012, "not_enough")
    assert parse_feedback_action("fb:12:maybe") is None and parse_feedback_action("fb:x:up") is None
    # A feedback kind must name an answer and a known choice; a turn or ticket is not an answer.
    assert parse_feedback_action("feedback:maybe@a12") is None and parse_feedback_action("feedback:up@q12") is None


def test_a_press_on_someone_elses_answer_rates_nothing(engine: ConversationEngine, tmp_path: Path) -> None:
    answered = say(engine, QUESTION)
    thumbs = answered.replies[-1]
    assert isinstance(thumbs, QuickReplies)
    down = next(o.action for o in thumbs.options if o.label.startswith("👎"))
    consent(engine, "line", "U2")
    [stale] = say(engine, action=down, user="U2").replies
    assert isinstance(stale, TextReply) and "ไม่พบคำตอบ" in stale.text
    database = stored(tmp_path / "data")
    assert rating_count(database) == 0
    # The owner's press is recorded.
    [why] = say(engine, action=down).replies
    assert isinstance(why, QuickReplies) and len(why.options) == 4
    assert [r.rating for r in ratings(database)] == ["down"]
    database.close()
