"""The engine's replies rendered as LINE messages: valid against the spec and within LINE's limits."""

from __future__ import annotations

import json
from typing import Any

from bot.channels.line.render import render
from bot.types import Citation, EscalationNotice, QuickOption, QuickReplies, SourceList, TextReply
from tests.line_stand_in import PUSH, line_limit_errors, messaging_spec, utf16_units

TO = "U77876d5dde94562bf069c560b4846074"
RETRY = {"x-line-retry-key": "123e4567-e89b-12d3-a456-426614174000"}
PARAGRAPH = "ร้านที่ใช้ไฟฟ้าเดือนละ 10,000 หน่วย ปล่อยก๊าซเรือนกระจกประมาณ 4,750 กิโลกรัมคาร์บอนไดออกไซด์เทียบเท่า\n"
CITATION = Citation(source="week03.md", title="การคำนวณคาร์บอนจากค่าไฟฟ้า", week=3, heading="ตัวอย่างการคำนวณ")


def as_json(messages: list[Any]) -> list[dict[str, Any]]:
    return [m.to_dict() for m in messages]


def assert_valid_pushes(messages: list[Any]) -> None:
    """Sent five at a time (as the sender does), every call passes the spec and LINE's limits."""
    spec = messaging_spec()
    operation = spec.operation("POST", PUSH)
    assert operation is not None
    body = as_json(messages)
    for start in range(0, len(body), 5):
        request = {"to": TO, "messages": body[start : start + 5]}
        problems = spec.request_errors(operation, RETRY, request) + line_limit_errors(PUSH, RETRY, request)
        assert problems == []


def test_an_answer_with_sources_is_a_text_and_a_flex_bubble() -> None:
    messages = as_json(render([TextReply("คำตอบ 4,750 กิโลกรัม"), SourceList((CITATION,))], "th"))
    assert [m["type"] for m in messages] == ["text", "flex"]
    bubble = messages[1]["contents"]
    assert bubble["type"] == "bubble"
    shown = json.dumps(bubble, ensure_ascii=False)
    # A human title (week and title), never the file name.
    assert "สัปดาห์ที่ 3 · การคำนวณคาร์บอนจากค่าไฟฟ้า" in shown and "week03.md" not in shown
    assert messages[1]["altText"] == "แหล่งที่มาของคำตอบ: สัปดาห์ที่ 3 · การคำนวณคาร์บอนจากค่าไฟฟ้า"
    assert_valid_pushes(render([TextReply("คำตอบ"), SourceList((CITATION,))], "th"))


def test_many_sources_become_a_carousel_of_at_most_twelve_with_a_short_alt_text() -> None:
    citations = tuple(
        Citation(
            source=f"slides/week{w:02d}.pptx",
            title=f"บทเรียนเรื่องพลังงานหมุนเวียนและการลดคาร์บอน ตอนที่ {w}" * 2,
            week=w,
            slide=w + 1,
        )
        for w in range(1, 20)
    )
    [flex] = as_json(render([SourceList(citations)], "th"))
    assert flex["contents"]["type"] == "carousel" and len(flex["contents"]["contents"]) == 12
    assert utf16_units(flex["altText"]) <= 400 and flex["altText"].endswith("…")
    assert "สไลด์ 2" in json.dumps(flex, ensure_ascii=False)
    assert_valid_pushes(render([SourceList(citations)], "th"))


def test_english_sources() -> None:
    [flex] = as_json(render([SourceList((CITATION,))], "en"))
    assert flex["altText"].startswith("Sources of the answer") and "Week 3" in flex["altText"]


def test_quick_replies_are_postbacks_on_the_last_message_within_limits() -> None:
    options = tuple(QuickOption(f"หัวข้อการลดคาร์บอนลำดับที่ {i}", f"topic:หัวข้อ {i}") for i in range(20))
    messages = render([QuickReplies("เลือกหัวข้อด้านล่างครับ", options), SourceList((CITATION,))], "th")
    body = as_json(messages)
    assert "quickReply" not in body[0]
    items = body[-1]["quickReply"]["items"]
    assert len(items) == 13
    for item, option in zip(items, options, strict=False):
        action = item["action"]
        assert action["type"] == "postback" and action["data"] == option.action
        assert utf16_units(action["label"]) <= 20 and action["displayText"] == action["label"]
    assert_valid_pushes(messages)


def test_an_action_too_long_for_postback_data_is_left_out() -> None:
    options = (QuickOption("ยาว", "topic:" + "ก" * 400), QuickOption("ส่งให้พี่เลี้ยง", "escalate:yes"))
    [message] = as_json(render([QuickReplies("เลือก", options)], "th"))
    assert [i["action"]["data"] for i in message["quickReply"]["items"]] == ["escalate:yes"]


def test_a_very_long_answer_is_split_and_merged_into_at_most_five_messages() -> None:
    long_answer = PARAGRAPH * 150  # about 15,000 UTF-16 units
    messages = render(
        [
            TextReply("ข้อความยาวมาก ผมขอตอบเฉพาะคำถามช่วงท้ายนะครับ"),
            TextReply(long_answer),
            EscalationNotice("ส่งคำถามให้พี่เลี้ยงแล้วครับ (เลขอ้างอิง R-0007)", "R-0007"),
            SourceList((CITATION,)),
        ],
        "th",
    )
    body = as_json(messages)
    assert len(body) <= 5
    texts = [m["text"] for m in body if m["type"] == "text"]
    assert all(utf16_units(t) <= 5000 for t in texts)
    assert "".join(texts).replace("\n", "").count("4,750") == 150
    assert_valid_pushes(messages)


def test_an_answer_too_long_for_five_messages_goes_out_in_several_calls() -> None:
    messages = render([TextReply(PARAGRAPH * 300), SourceList((CITATION,))], "th")
    assert len(messages) > 5
    assert_valid_pushes(messages)


def test_empty_replies_render_nothing() -> None:
    assert render([TextReply("   "), SourceList(())], "th") == []
