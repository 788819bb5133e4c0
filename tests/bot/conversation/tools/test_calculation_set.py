"""The held-out calculation questions (bench/data/calculations.jsonl): what the parser understands.

Each item states the activity, amount, unit, period, carbon price and whether the bot should ask
first. Items tagged ``invalid`` must be understood and then refused by the calculator.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from bot.app.cli import sample_folder
from bot.conversation.tools.calculators import (
    CalculationInputError,
    CalculationRequest,
    Clarification,
    RequestKind,
    calculate,
    parse_calculation_request,
)
from knowledge.emission_factors import FactorTable, find_factor_file, load_factor_table

REPO = Path(__file__).resolve().parents[4]
SET_NAME = Path("bench/data/calculations.jsonl")
REQUIRED_ACCURACY = 0.95


def _set_path() -> Path | None:
    """The set in this checkout, else in the main checkout of this git worktree."""
    if (REPO / SET_NAME).exists():
        return REPO / SET_NAME
    common = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--path-format=absolute", "--git-common-dir"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    main = Path(common).parent / SET_NAME if common else None
    return main if main is not None and main.exists() else None


def _base(value: float | None, unit: str | None) -> tuple[float | None, str | None]:
    """One scale per dimension: a tonne is 1,000 kg (the set writes kgCO2e as kg); solar kW are kWp."""
    scale = {"tonne": ("kg", 1000.0), "tCO2e": ("kg", 1000.0), "kgCO2e": ("kg", 1.0), "kW": ("kWp", 1.0)}
    if unit in scale:
        base_unit, factor = scale[unit]
        return (value * factor if value is not None else None), base_unit
    return value, unit


def _activity(table: FactorTable, activity: str | None, unit: str | None, asks_for: str | None) -> str | None:
    if activity == "grid_electricity":
        return "electricity_bill_thb" if "THB" in (unit, asks_for) else "electricity_kwh"
    factor = table.get(activity) if activity else None
    return factor.activity if factor else activity


def _understood(table: FactorTable, found: CalculationRequest | Clarification) -> dict[str, Any]:
    """The parse in the set's terms: activity, quantity, unit, period, price, clarify."""
    if isinstance(found, Clarification):
        kind = found.kind
        activity = _activity(table, found.activity, found.unit, found.asks_for)
        quantity, unit, period, price = found.quantity, found.unit, found.period, None
    else:
        kind = found.kind
        price = found.price_per_tonne
        if found.items:
            item = found.items[0]
            activity = _activity(table, item.activity, item.unit, None)
            quantity, unit, period = item.quantity, item.unit, item.period
        elif found.co2e is not None:
            quantity, unit, period = found.co2e.value, found.co2e.unit, found.co2e.period
        else:
            quantity, unit, period = found.kwp, "kWp" if found.kwp is not None else None, None
    if kind in (RequestKind.SOLAR, RequestKind.CARBON_PRICE, RequestKind.CONVERT):
        activity = kind.value
    return {
        "activity": activity,
        "quantity": quantity,
        "unit": unit,
        "period": period,
        "price": price,
        "clarify": isinstance(found, Clarification),
    }


def _misses(table: FactorTable, item: dict[str, Any]) -> list[str]:
    try:
        found = parse_calculation_request(item["question"], table)
    except CalculationInputError:
        # The parser refuses what no business of the size named could use (a stall's 50 billion kWh).
        return [] if "invalid" in item["tags"] else ["refused while reading the message"]
    if found is None:
        return ["not recognised as a calculation"]
    got = _understood(table, found)
    problems = []
    invalid = "invalid" in item["tags"]
    if invalid:
        if isinstance(found, Clarification):
            problems.append(f"asked '{found.question}' instead of refusing")
        else:
            try:
                calculate(table, found)
                problems.append("computed instead of refusing")
            except CalculationInputError:
                pass
    elif got["activity"] != item["activity"]:
        problems.append(f"activity {got['activity']} != {item['activity']}")
    if got["clarify"] != item["clarify"]:
        problems.append(f"clarify {got['clarify']} != {item['clarify']}")
    want_value, want_unit = _base(item["quantity"], item["unit"])
    got_value, got_unit = _base(got["quantity"], got["unit"])
    if want_unit != got_unit:
        problems.append(f"unit {got['unit']} != {item['unit']}")
    if (want_value is None) != (got_value is None) or (
        want_value is not None and got_value is not None and abs(got_value - want_value) > 0.005 * abs(want_value)
    ):
        problems.append(f"quantity {got['quantity']} != {item['quantity']}")
    if got["period"] != item["period"]:
        problems.append(f"period {got['period']} != {item['period']}")
    if item["activity"] == "carbon_price" and item["price"] is not None and got["price"] != item["price"]:
        problems.append(f"price {got['price']} != {item['price']}")
    return problems


def test_the_calculation_set_is_understood() -> None:
    path = _set_path()
    assert path is not None, f"{SET_NAME} is committed with the project; it must be in every checkout"
    factor_file = find_factor_file(sample_folder())
    assert factor_file is not None
    table = load_factor_table(factor_file)
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    misses = {item["id"]: (item["question"], _misses(table, item)) for item in items}
    misses = {key: value for key, value in misses.items() if value[1]}
    for key, (question, problems) in misses.items():
        print(f"MISS {key}: {question} -> {'; '.join(problems)}")
    accuracy = 1 - len(misses) / len(items)
    print(f"calculation set: {len(items) - len(misses)}/{len(items)} = {accuracy:.3f}")
    assert accuracy >= REQUIRED_ACCURACY


# Every committed calculation set, end to end through the Toolbox and checked against figures the
# benchmark computes from the raw factor file (bench/calculation_sets.py). These are regression
# floors: each set's first, blind measurement is in bench/results/ and the closing notes; the sets
# were then used to improve the calculators, so today's figures are not fair measures any more.
FLOORS = {
    # All four at 1.000 once the wording families of issue 14's tail were fixed (unit before the
    # number, tanks and drums, framing periods, baht that need a question...); a little margin kept.
    "calculations.jsonl": 0.98,
    "calculations_blind.jsonl": 0.98,
    "calculations_blind2.jsonl": 0.98,
    "calculations_blind3.jsonl": 0.98,  # measured blind at 0.864
    "calculations_blind4.jsonl": 0.98,  # measured blind at 0.782; 1.000 after branch h14-calc2
    "calculations_dev5.jsonl": 0.98,  # development set of branch h14-calc2: 0.254 before its fixes, 1.000 after
    "calculations_blind5.jsonl": 0.98,  # measured blind at 0.927; 1.000 after branch h14-calc3
    "calculations_dev6.jsonl": 0.98,  # development set of branch h14-calc3: 0.395 before its fixes, 1.000 after
}


@pytest.mark.parametrize(("name", "floor"), sorted(FLOORS.items()))
def test_every_calculation_set_end_to_end_against_the_factor_file(name: str, floor: float) -> None:
    from bench.calculation_sets import evaluate

    path = REPO / "bench" / "data" / name
    assert path.exists(), f"{path} is committed with the project"
    report = evaluate(path)
    for miss in report["misses"]:
        print(f"MISS {miss['id']}: {miss['question']} -> {miss['problem']}")
    assert report["accuracy"] >= floor
