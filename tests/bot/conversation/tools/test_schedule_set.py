"""The schedule question set (bench/data/schedule.jsonl): informal questions with a frozen clock.

Each item names the day it is asked on and the cohort's start date; its expected week, Buddhist-Era
date, venue, activity, weeks left and phase were worked out by hand from the sample schedule file.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bench.schedule_sets import misses
from bot.conversation.tools.schedule import CohortSchedule, FixedClock, ScheduleAnswer
from ingestion.loaders.schedule_file import read_schedule
from ingestion.thai.dates import THAI_MONTHS

REPO = Path(__file__).resolve().parents[4]
SAMPLE = read_schedule(REPO / "knowledge" / "sample" / "course" / "schedule.yaml")
ITEMS: list[dict[str, Any]] = [
    json.loads(line) for line in (REPO / "bench" / "data" / "schedule.jsonl").read_text(encoding="utf-8").splitlines()
]


def _answer(item: dict[str, Any]) -> ScheduleAnswer | None:
    clock = FixedClock(date.fromisoformat(item["today"]))
    return CohortSchedule(SAMPLE, date.fromisoformat(item["start_date"]), clock).answer_text(item["question"])


def _wrong(item: dict[str, Any]) -> list[str]:
    return misses(item, SAMPLE)


def test_the_set_is_large_and_spans_before_during_and_after() -> None:
    assert len(ITEMS) >= 36
    assert len({item["id"] for item in ITEMS}) == len(ITEMS)
    phases = [item["expected"]["phase"] for item in ITEMS]
    assert min(phases.count(phase) for phase in ("before", "during", "after")) >= 5


def test_at_least_95_percent_of_the_set_gets_week_date_and_venue_right() -> None:
    failures = {item["id"]: wrong for item in ITEMS if (wrong := _wrong(item))}
    accuracy = 1 - len(failures) / len(ITEMS)
    assert accuracy >= 0.95, f"accuracy {accuracy:.3f}; wrong: {json.dumps(failures, ensure_ascii=False, indent=1)}"


@pytest.mark.parametrize("field", ["week", "date_be", "venue"])
def test_each_of_week_date_and_venue_is_right_for_95_percent(field: str) -> None:
    asked = [item for item in ITEMS if field in item["expected"]]
    right = []
    for item in asked:
        answer = _answer(item)
        right.append(answer is not None and answer.values.get(field) == item["expected"][field])
    assert sum(right) / len(asked) >= 0.95


def test_every_answer_states_its_date_in_thai_with_the_buddhist_era_and_stays_short() -> None:
    for item in ITEMS:
        answer = _answer(item)
        assert answer is not None
        assert len(answer.text_th) <= 400 and len(answer.text_en) <= 400, item["id"]
        if "date_be" in item["expected"]:
            day, month, year = item["expected"]["date_be"].split("/")
            assert f"{int(day)} {THAI_MONTHS[int(month) - 1]} {year}" in answer.text_th, item["id"]
        assert "ตัวอย่างสมมติ" in answer.text_th, item["id"]


BLIND: list[dict[str, Any]] = [
    json.loads(line)
    for line in (REPO / "bench" / "data" / "schedule_blind.jsonl").read_text(encoding="utf-8").splitlines()
]


def test_the_blind_set_over_three_other_cohorts_stays_at_95_percent() -> None:
    """schedule_blind.jsonl was written without the code and measured once (0.975); it is a floor now."""
    failures = {item["id"]: wrong for item in BLIND if (wrong := _wrong(item))}
    accuracy = 1 - len(failures) / len(BLIND)
    assert accuracy >= 0.95, f"accuracy {accuracy:.3f}; wrong: {json.dumps(failures, ensure_ascii=False, indent=1)}"
