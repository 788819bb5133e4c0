"""What a message asks for before any course content is considered, on the form the engine folds once per turn."""

from __future__ import annotations

import pytest

from bot.conversation.intents import Intent, detect
from ingestion import thai


def intent_of(text: str) -> Intent:
    return detect(thai.fold_for_matching(text))


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("สวัสดีครับ", Intent.GREETING),
        ("HELLO!", Intent.GREETING),
        ("ขอบคุณมากๆ ค่ะ", Intent.THANKS),
        ("๕๕๕", Intent.CHATTER),  # Thai digits are folded to Arabic for matching
        ("🌱🙏", Intent.EMPTY),
        ("/Reset", Intent.RESET),
        ("ไม่ตรงครับ", Intent.NEGATIVE),
        ("เรื่องที่ส่งไปถึงไหนแล้วครับ", Intent.STATUS),
        ("ขอคุยกับพี่เลี้ยงหน่อยครับ", Intent.HUMAN),
    ],
)
def test_conversation_acts(text: str, intent: Intent) -> None:
    assert intent_of(text) is intent


@pytest.mark.parametrize(
    "text",
    ["สวัสดีครับ ค่าไฟคิดยังไง", "พี่เลี้ยงในหลักสูตรคือใคร", "ไม่ใช่ไฟฟ้า แต่เป็นน้ำมัน"],
)
def test_a_question_that_starts_like_an_act_is_still_a_question(text: str) -> None:
    assert intent_of(text) is Intent.QUESTION
