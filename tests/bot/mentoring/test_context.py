"""The context stored with a ticket: what the mentor needs to answer without asking again."""

from __future__ import annotations

import json

from bot.mentoring.context import escalation_context
from bot.types import Answer, Citation, Turn
from ingestion.documents import Chunk
from knowledge.passages import Passage

THAI_QUESTION = "ค่าไฟ 10,000 หน่วย ปล่อยคาร์บอนเท่าไหร่ครับ"


def test_context_keeps_turns_passages_and_the_attempt_as_json() -> None:
    chunk = Chunk(
        id="c1",
        text="ร้านที่ใช้ไฟฟ้าเดือนละ 10,000 หน่วย ปล่อยก๊าซเรือนกระจกประมาณ 4,750 กิโลกรัม",
        source="module-03/electricity.md",
        title="การคำนวณคาร์บอนจากค่าไฟฟ้า",
        heading_path=("ตัวอย่างการคำนวณ",),
        module=3,
    )
    attempt = Answer(
        text="ไม่แน่ใจค่ะ",
        citations=[Citation(source=chunk.source, title=chunk.title, module=3)],
        confidence=0.31,
        supported=False,
        mode="extractive",
    )
    context = escalation_context([Turn(role="user", text=THAI_QUESTION)], [Passage(chunk=chunk, score=0.42)], attempt)

    stored = json.loads(json.dumps(context, ensure_ascii=False))
    assert stored["turns"] == [{"role": "user", "text": THAI_QUESTION}]
    assert stored["passages"][0]["source"] == "module-03/electricity.md"
    assert stored["passages"][0]["text"] == chunk.text
    assert stored["passages"][0]["heading"] == "ตัวอย่างการคำนวณ"
    assert stored["attempt"]["citations"][0]["title"] == chunk.title
    assert stored["attempt"]["confidence"] == 0.31


def test_context_without_an_attempt_says_so() -> None:
    context = escalation_context([], [], None)
    assert context == {"turns": [], "passages": [], "attempt": None}
