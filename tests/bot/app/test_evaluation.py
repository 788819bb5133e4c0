"""`nzap eval`'s judging: what counts as right for each kind of question."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.app.evaluation import KindFigures, evaluate, judge, load_question_set

ANSWERABLE = {"id": "a1", "kind": "answerable", "question": "ไฟฟ้า1หน่วยปล่อยคาบอนเท่าไหร่", "expected": ["0.4750"]}
FILLER = "ค่าการปล่อยก๊าซเรือนกระจกของไฟฟ้าที่ซื้อจากระบบสายส่ง ใช้คำนวณขอบเขตที่ 2 ขององค์กร "


def test_a_fact_deep_in_a_long_reply_is_found_but_not_read_first() -> None:
    figures = KindFigures()
    judge(ANSWERABLE, {"answer": FILLER * 5 + "คือ 0.4750 kgCO2e ต่อหน่วย", "coverage": "answered"}, figures)
    assert (figures.right, figures.fact_anywhere, figures.fact_first) == (1, 1, 0)


def test_a_fact_first_counts_even_with_different_spacing_and_separators() -> None:
    figures = KindFigures()
    row = {**ANSWERABLE, "expected": ["10,000 หน่วย"]}
    judge(row, {"answer": "ร้านใช้ไฟ 10000หน่วย ต่อเดือน", "coverage": "answered"}, figures)
    assert figures.fact_first == 1


def test_a_fact_expected_in_the_common_era_matches_the_course_s_buddhist_era_form() -> None:
    figures = KindFigures()
    row = {**ANSWERABLE, "expected": ["15 สิงหาคม 2025"]}
    judge(row, {"answer": "ลงนามเมื่อ 15 สิงหาคม พ.ศ. 2568 (ค.ศ. 2025) ที่บางซื่อ", "coverage": "answered"}, figures)
    assert figures.fact_first == 1


def test_a_fact_copied_in_the_buddhist_era_matches_the_reply_that_quotes_it() -> None:
    row = {"kind": "answerable", "expected": ["1 กุมภาพันธ์ พ.ศ. 2570"]}
    figures = KindFigures()
    judge(row, {"answer": "เริ่มขายใบรับรอง 1 กุมภาพันธ์ พ.ศ. 2570 (ค.ศ. 2027)", "coverage": "answered"}, figures)
    assert figures.fact_first == 1 and figures.fact_anywhere == 1


@pytest.mark.parametrize(
    ("fact", "reply", "stated"),
    [
        ("15%", "ลดอากาศส่วนเกินลงร้อยละ 15 ประสิทธิภาพขึ้นราวร้อยละ 1", True),
        ("ร้อยละ 10", "ลด excess air ได้ถึง 10% สำหรับก๊าซ", True),
        ("152 ล้านตัน", "NDC 3.0 กำหนดการปล่อยสุทธิไม่เกิน 152 MtCO2e ในปี 2035", True),
        ("555 MtCO2e", "BAU ของไทยปี 2030 อยู่ที่ 555 ล้านตัน CO2e", True),
        ("2%", "ต่ำกว่าปีฐานอย่างน้อยร้อยละ 25", False),  # another figure is not the fact
        ("152 ล้านตัน", "ปล่อย 152 ตันต่อปี", False),
    ],
)
def test_a_figure_in_the_course_s_other_notation_is_the_same_fact(fact: str, reply: str, stated: bool) -> None:
    """The course writes "ร้อยละ 15" and "15%", "152 ล้านตัน" and "152 MtCO2e": a reply quoting either states it."""
    figures = KindFigures()
    judge({"kind": "answerable", "expected": [fact]}, {"answer": reply, "coverage": "answered"}, figures)
    assert figures.fact_first == stated


def test_a_near_miss_answered_as_covered_is_invented() -> None:
    figures = KindFigures()
    row = {"id": "n1", "kind": "near_miss", "question": "ดอกเบี้ยกสิกรวันนี้กี่%"}
    judge(row, {"answer": "ดอกเบี้ย 3%", "coverage": "answered"}, figures)
    judge(row, {"answer": "เอกสารไม่ได้ระบุ", "coverage": "partial"}, figures)
    assert (figures.total, figures.right, figures.invented) == (2, 1, 1)


@pytest.mark.parametrize(
    ("kind", "act", "right"),
    [
        ("chitchat", "smalltalk", 1),
        ("off_topic", "out_of_scope", 1),
        ("injection", "refusal", 1),
        ("chitchat", "answer", 0),
    ],
)
def test_conversation_acts_must_match_the_kind(kind: str, act: str, right: int) -> None:
    figures = KindFigures()
    judge({"id": "x", "kind": kind, "question": "ขอบคุณครับ"}, {"answer": "ยินดีครับ", "kind": act}, figures)
    assert figures.right == right


def test_evaluate_reports_per_kind_from_a_question_file(tmp_path: Path) -> None:
    path = tmp_path / "set.jsonl"
    rows = [ANSWERABLE, {"id": "c1", "kind": "chitchat", "question": "สวัสดีค่ะ"}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    replies = {
        ANSWERABLE["question"]: {"answer": "0.4750 kgCO2e/kWh", "coverage": "answered", "kind": "answer"},
        "สวัสดีค่ะ": {"answer": "สวัสดีค่ะ", "coverage": None, "kind": "smalltalk"},
    }

    report = evaluate(load_question_set(path), lambda q: replies[q])

    assert report["questions"] == 2
    assert report["kinds"]["answerable"]["fact_in_first_300"] == 1.0
    assert report["kinds"]["chitchat"]["right"] == 1.0


def test_a_question_file_without_kinds_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"question": "สวัสดี"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="kind"):
        load_question_set(path)
