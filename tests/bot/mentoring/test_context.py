"""The context stored with a ticket: what the mentor needs to answer without asking again."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from bot.mentoring.tickets import FollowUp, FoundPassage, TicketAttempt, TicketContext
from bot.types import Answer, Citation, Turn
from ingestion.documents import Chunk
from knowledge.passages import Passage

THAI_QUESTION = "ค่าไฟ 10,000 หน่วย ปล่อยคาร์บอนเท่าไหร่ครับ"
CHUNK = Chunk(
    id="c1",
    text="ร้านที่ใช้ไฟฟ้าเดือนละ 10,000 หน่วย ปล่อยก๊าซเรือนกระจกประมาณ 4,750 กิโลกรัม",
    source="module-03/electricity.md",
    title="การคำนวณคาร์บอนจากค่าไฟฟ้า",
    heading_path=("ตัวอย่างการคำนวณ", "ค่าการปล่อย"),
    page=4,
    module=3,
)
ATTEMPT = Answer(
    text="ไม่แน่ใจค่ะ",
    citations=[Citation(source=CHUNK.source, title=CHUNK.title, page=4, module=3)],
    confidence=0.31,
    supported=False,
    mode="extractive",
)


def _stored(context: TicketContext) -> dict[str, Any]:
    """What the database column holds and gives back (JSON text, Thai kept as is)."""
    loaded: dict[str, Any] = json.loads(json.dumps(context.to_json(), ensure_ascii=False))
    return loaded


def test_context_keeps_turns_passages_and_the_attempt_as_json() -> None:
    context = TicketContext.of([Turn(role="user", text=THAI_QUESTION)], [Passage(chunk=CHUNK, score=0.42)], ATTEMPT)

    stored = _stored(context)
    assert stored["turns"] == [{"role": "user", "text": THAI_QUESTION}]
    assert stored["passages"] == [
        {
            "source": "module-03/electricity.md",
            "title": CHUNK.title,
            "heading": "ตัวอย่างการคำนวณ > ค่าการปล่อย",
            "page": 4,
            "text": CHUNK.text,
            "score": 0.42,
        }
    ]
    attempt = stored["attempt"]
    assert isinstance(attempt, dict) and attempt["confidence"] == 0.31 and attempt["supported"] is False
    assert attempt["citations"][0]["title"] == CHUNK.title and attempt["mode"] == "extractive"
    assert "follow_ups" not in stored  # only once the SME adds something


def test_context_without_an_attempt_says_so() -> None:
    context = TicketContext.of([], [], None)
    assert context.to_json() == {"turns": [], "passages": [], "attempt": None}
    assert TicketContext.from_json(context.to_json()) == context == TicketContext()


def test_a_thai_context_survives_the_round_trip_through_json() -> None:
    asked = datetime(2026, 11, 26, 10, 15, tzinfo=UTC)
    context = TicketContext.of(
        [Turn("user", THAI_QUESTION), Turn("assistant", "เนื้อหาหลักสูตรยังไม่ครอบคลุมคำถามนี้ครับ")],
        [Passage(chunk=CHUNK, score=0.42)],
        ATTEMPT,
    ).with_follow_up("แล้วถ้าเป็นไฟจากโซลาร์ล่ะครับ", asked)

    again = TicketContext.from_json(_stored(context))

    assert again == context
    assert again.follow_ups == (FollowUp("แล้วถ้าเป็นไฟจากโซลาร์ล่ะครับ", asked),)
    assert again.attempt is not None and again.attempt.citations == (ATTEMPT.citations[0],)
    assert again.passages[0] == FoundPassage.of(Passage(chunk=CHUNK, score=0.42))


def test_a_follow_up_makes_a_new_context_and_leaves_the_old_one_alone() -> None:
    first = TicketContext.of([Turn("user", THAI_QUESTION)], [])
    later = first.with_follow_up("ถามเพิ่มครับ", datetime(2026, 11, 26, tzinfo=UTC))
    assert first.follow_ups == () and [f.text for f in later.follow_ups] == ["ถามเพิ่มครับ"]
    assert later.turns == first.turns


def test_an_attempt_known_only_by_its_text_keeps_the_unknowns_unknown() -> None:
    # The engine recovers the attempt from the conversation when the SME asks for a mentor later.
    context = TicketContext(attempt=TicketAttempt("ร้านที่ใช้ไฟ 10,000 หน่วย ปล่อยราว 4,750 กิโลกรัม"))
    assert context.to_json()["attempt"] == {
        "text": "ร้านที่ใช้ไฟ 10,000 หน่วย ปล่อยราว 4,750 กิโลกรัม",
        "confidence": None,
        "supported": None,
        "mode": None,
        "citations": [],
        "coverage": None,
    }
    assert TicketContext.from_json(context.to_json()) == context


def test_older_and_untidy_rows_are_read_not_refused() -> None:
    context = TicketContext.from_json(
        {
            "turns": [{"role": "user", "text": THAI_QUESTION}, "not an object"],
            "passages": [{"source": "week05.md", "title": "โซลาร์รูฟท็อป", "page": True, "score": "high"}],
            "attempt": {"text": "ตอบได้บางส่วน", "citations": [{"source": "week05.md", "title": "โซลาร์รูฟท็อป"}]},
            "follow_ups": ["ถามซ้ำแบบเก่า", {"text": "ถามต่อ", "at": "not a time"}],
        }
    )
    assert context.turns == (Turn("user", THAI_QUESTION),)
    assert context.passages == (FoundPassage(source="week05.md", title="โซลาร์รูฟท็อป", page=None, score=0.0),)
    # Attempts stored before ``supported`` existed were answers the assistant stood by.
    assert context.attempt == TicketAttempt(
        "ตอบได้บางส่วน", supported=True, citations=(Citation(source="week05.md", title="โซลาร์รูฟท็อป"),)
    )
    assert context.follow_ups == (FollowUp("ถามซ้ำแบบเก่า"), FollowUp("ถามต่อ"))
    assert TicketContext.from_json(None) == TicketContext.from_json({}) == TicketContext()


def test_an_erased_context_keeps_nothing_but_the_mark() -> None:
    erased = TicketContext(erased=True)
    assert erased.to_json() == {"erased": True}
    assert TicketContext.from_json({"erased": True}) == erased
