"""The schedule reader on a schedule question set, each item with its own frozen clock and cohort.

    python bench/schedule_sets.py bench/data/schedule_blind.jsonl [--name NAME]

Each item names the day it is asked on (``today``) and the cohort's first day (``start_date``); the
reader answers with that clock over the bundled sample schedule. An item is right when every field its
``expected`` holds (week, Buddhist-Era date, venue, activity, weeks left, phase) equals the value the
answer reports. Writes ``bench/results/<set name>.json`` with the accuracy, the accuracy per field and
the misses.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import RESULTS
from bot.app.cli import sample_folder
from bot.conversation.tools.schedule import CohortSchedule, FixedClock
from ingestion.loaders.schedule_file import read_schedule

FIELDS = ("week", "date_be", "venue", "activity", "weeks_left", "phase")


def misses(item: dict[str, Any], schedule: Any) -> list[str]:
    """What the reader got wrong on one item (empty when every expected field is right)."""
    clock = FixedClock(date.fromisoformat(item["today"]))
    answer = CohortSchedule(schedule, date.fromisoformat(item["start_date"]), clock).answer_text(item["question"])
    if answer is None:
        return ["not recognised as a schedule question"]
    return [
        f"{name}: expected {item['expected'][name]!r}, got {answer.values.get(name)!r}"
        for name in FIELDS
        if name in item["expected"] and answer.values.get(name) != item["expected"][name]
    ]


def main() -> None:
    """Measure one set and write its results file."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("questions", type=Path)
    parser.add_argument("--name", help="file name under bench/results (without .json)")
    args = parser.parse_args()
    schedule = read_schedule(sample_folder() / "schedule.yaml")
    items = [json.loads(line) for line in args.questions.read_text(encoding="utf-8").splitlines() if line.strip()]
    wrong = {item["id"]: found for item in items if (found := misses(item, schedule))}
    asked: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for item in items:
        for name in item["expected"]:
            asked[name] += 1
            if not any(m.startswith(f"{name}:") or m.startswith("not recognised") for m in wrong.get(item["id"], [])):
                right[name] += 1
    result = {
        "set": args.questions.name,
        "items": len(items),
        "right": len(items) - len(wrong),
        "accuracy": round(1 - len(wrong) / len(items), 3),
        "by_field": {name: f"{right[name]}/{asked[name]}" for name in FIELDS if asked[name]},
        "by_phase": dict(Counter(item["expected"].get("phase") for item in items)),
        "misses": {
            key: {"question": next(i["question"] for i in items if i["id"] == key), "wrong": value}
            for key, value in wrong.items()
        },
    }
    written = RESULTS / f"{args.name or args.questions.stem}.json"
    written.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"{result['set']}: {result['right']}/{result['items']} = {result['accuracy']:.3f}")
    print("by field: " + ", ".join(f"{k} {v}" for k, v in result["by_field"].items()))
    for key, value in result["misses"].items():
        print(f"  {key}: {value['question']} -> {'; '.join(value['wrong'])}")


if __name__ == "__main__":
    main()
