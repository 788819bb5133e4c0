"""A programme history for the dashboard tests: Thai questions as owners type them, asked over 12 weeks.

Written by :func:`bench.question_history.write_history` (the generator of the report benchmarks):
users on LINE, Telegram and the web chat, each question stored with the answer it got and its
tier, ratings with reasons, tickets claimed and answered by four mentors. The outcomes are fixed
here (no engine run): three subjects the sample course does not answer in detail (rooftop solar
practicalities, green loans, CBAM paperwork), and questions it answers (with their module's week).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from bench.question_history import write_history
from bot.storage import Database

SOLAR = [
    "ติดโซล่าเซลล์บนหลังคาโรงงานต้องขออนุญาตใครบ้างคะ",
    "แผงโซลาร์ยี่ห้อไหนทนแดดทนฝนที่สุดครับ",
    "โซล่ารูฟท็อปต้องล้างแผงบ่อยแค่ไหน",
    "อินเวอร์เตอร์โซลาร์เซลล์พังต้องเปลี่ยนใหม่ราคาเท่าไหร่",
]
LOANS = [
    "กู้เงินธนาคารมาทำโครงการลดคาร์บอนดอกเบี้ยกี่เปอร์เซ็นต์",
    "สินเชื่อสีเขียวต้องใช้หลักทรัพย์ค้ำประกันไหมคะ",
    "green loan ธนาคารไหนอนุมัติง่ายสุด",
]
CBAM = [
    "cbam เก็บภาษีสินค้าส่งออกไปยุโรปเท่าไหร่",
    "ส่งออกเหล็กไป EU ต้องรายงานคาร์บอนยังไงบ้าง",
    "CBAM ต้องยื่นเอกสารอะไรบ้างครับ",
]
ANSWERED = [
    ("โซลาร์รูฟท็อป 1 กิโลวัตต์ผลิตไฟได้ปีละกี่หน่วย", 5),
    ("Scope 3 คืออะไร", 8),
    ("สินเชื่อสีเขียวคืออะไร", 10),
    ("คาร์บอนฟุตพริ้นท์องค์กรคืออะไร", 2),
]
UNANSWERED = SOLAR + LOANS + CBAM


def outcomes() -> list[dict[str, Any]]:
    """The engine's outcome for each question, as :func:`bench.question_history.answer_all` caches them."""
    found: list[dict[str, Any]] = [
        {"question": q, "kind": "answer", "coverage": "not_covered", "confidence": 0.2, "mode": "extractive",
         "citations": [], "reply": "เนื้อหาหลักสูตรยังไม่ครอบคลุมคำถามนี้ครับ"}
        for q in UNANSWERED
    ]  # fmt: skip
    for question, week in ANSWERED:
        citation = {"source": f"modules/week{week:02d}.md", "title": f"โมดูล {week}", "week": week, "page": None}
        for coverage in ("answered", "partial"):
            found.append({
                "question": question if coverage == "answered" else question + " แบบละเอียด", "kind": "answer",
                "coverage": coverage, "confidence": 0.8, "mode": "extractive", "citations": [citation],
                "reply": "ตามเนื้อหาโมดูลครับ",
            })  # fmt: skip
    return found


def seed_history(database: Database, now: datetime, questions: int = 600, users: int = 60) -> dict[str, int]:
    """Write ``questions`` asks by ``users`` SMEs over the 12 weeks before ``now``; the counts written."""
    start = now - timedelta(weeks=12, days=1)
    return write_history(database, outcomes(), questions, users, start, seed=17)
