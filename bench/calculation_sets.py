"""The calculators on a calculation question set, checked against figures computed here from the factor file.

    python bench/calculation_sets.py bench/data/calculations_blind2.jsonl [--json] [--name NAME]

Each message goes through the same :class:`~bot.conversation.tools.toolbox.Toolbox` the engine uses
(Thai, the bundled course). An item is right when:

- ``clarify`` is true: the reply asks one question back (``values.clarify``), computing nothing;
- the activity is ``invalid`` (negative, absurd, a fuel without a factor): the reply refuses with a
  message (``values.refused``), neither a figure nor a question nor a crash;
- otherwise the reply is a computed figure that matches the one worked out here, independently of
  the bot's code, from the raw YAML of ``emission_factors.yaml``:

  - fuels and electricity: ``quantity x value`` of a factor of that activity whose ``activity_unit``
    is the unit typed (when a fuel has variants by use, such as diesel in a truck or a generator, any
    of them counts: the message may name the use); a bill is first divided by ``grid_tariff``, or by
    the user's own tariff when the message types it; MMBtu
    go through ``mj_per_mmbtu`` and cubic metres through ``scf_per_m3``; the period must be the one
    typed;
  - solar: the yearly yield ``kWp x solar_yield`` when a size is typed, else the monthly use read right
    (a bill in baht through ``grid_tariff``);
  - carbon price: the tonnes and the price (the one typed, else ``carbon_tax``), and their product;
  - conversions: the kilograms of CO2e (a tonne is 1,000 kg).

Figures must agree within 0.5 %. Writes ``bench/results/<set name>.json`` with the accuracy, the
accuracy per activity, how many clarifying questions were asked when they should be, and the misses.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import RESULTS
from bot.app.cli import sample_folder
from bot.conversation.tools.toolbox import Toolbox

TOLERANCE = 0.005
EMISSION_ACTIVITIES = {
    "electricity_kwh": "grid_electricity",
    "electricity_bill_thb": "grid_electricity",
    "diesel": "diesel",
    "gasoline": "gasoline",
    "lpg": "lpg",
    "natural_gas": "natural_gas",
    "fuel_oil": "fuel_oil",
}


class FactorFile:
    """The raw factor file: factors by activity and the calculator parameters."""

    def __init__(self, path: Path) -> None:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        self.factors: list[dict[str, Any]] = list(data["factors"])
        self.parameters: dict[str, dict[str, Any]] = dict(data["parameters"])

    def parameter(self, name: str) -> float:
        return float(self.parameters[name]["value"])

    def candidates(self, activity: str, unit: str) -> list[float]:
        """kgCO2e per typed unit for each factor of ``activity`` that can take ``unit``."""
        found = []
        for factor in self.factors:
            if factor["activity"] != activity:
                continue
            value, per = float(factor["value"]), factor["activity_unit"]
            if per == unit:
                found.append(value)
            elif unit == "MMBtu" and per == "MJ":
                found.append(value * self.parameter("mj_per_mmbtu"))
            elif unit == "m3" and per == "scf":
                found.append(value * self.parameter("scf_per_m3"))
        return found


def close(got: object, want: float) -> bool:
    return isinstance(got, int | float) and abs(float(got) - want) <= TOLERANCE * max(abs(want), 1e-9)


def judge(item: dict[str, Any], values: dict[str, Any] | None, factors: FactorFile) -> str | None:
    """Why the reply to ``item`` is wrong, or ``None`` when it is right."""
    if values is None:
        return "not taken by the calculators"
    if item["activity"] == "invalid" or "invalid" in item.get("tags", ()):
        return None if values.get("refused") else f"did not refuse: {sorted(values)[:4]}"
    known = {f["activity"] for f in factors.factors} | set(EMISSION_ACTIVITIES) | {"solar", "carbon_price", "convert"}
    if item["activity"] not in known:
        # A fuel the course has no factor for (coal in a set written before the file dropped it): refuse.
        return None if values.get("refused") else "computed or asked for a fuel without a factor"
    if item["clarify"]:
        return None if values.get("clarify") else "computed instead of asking"
    if values.get("clarify") or values.get("refused"):
        return f"asked or refused: {values.get('reason', 'refused')}"
    activity, quantity, unit = item["activity"], item["quantity"], item["unit"]
    if activity in EMISSION_ACTIVITIES:
        amounts = [float(quantity)]
        if activity == "electricity_bill_thb":
            tariffs = [factors.parameter("grid_tariff")]
            own = values.get("tariff")
            if isinstance(own, int | float) and not values.get("tariff_assumed") and f"{own:g}" in item["question"]:
                tariffs.append(float(own))  # the user's own tariff, typed in the message ("หน่วยละ 4.2 บาท")
            amounts, unit = [float(quantity) / tariff for tariff in tariffs], "kWh"
        values_per_unit = factors.candidates(EMISSION_ACTIVITIES[activity], unit)
        wanted = [amount * value for amount in amounts for value in values_per_unit]
        if not wanted:
            return f"no factor for {activity} in {unit} (set or file)"
        if not any(close(values.get("kgco2e"), want) for want in wanted):
            return f"kgco2e {values.get('kgco2e')} not in {[round(w, 2) for w in wanted]}"
        if values.get("period") != item["period"]:
            return f"period {values.get('period')} != {item['period']}"
        return None
    if activity == "solar":
        if unit == "kWp":
            want = float(quantity) * factors.parameter("solar_yield")
            return None if close(values.get("yearly_kwh"), want) else f"yearly_kwh {values.get('yearly_kwh')} != {want}"
        monthly = float(quantity) / (12 if item["period"] == "year" else 1)
        if unit == "THB":  # a monthly bill (blind4 g124): its kWh at the course's tariff
            monthly /= factors.parameter("grid_tariff")
        return None if close(values.get("monthly_kwh"), monthly) else f"monthly_kwh {values.get('monthly_kwh')}"
    if activity == "carbon_price":
        tonnes = float(quantity) / (1000 if unit == "kg" else 1)
        price = float(item["price"]) if item["price"] is not None else factors.parameter("carbon_tax")
        if not close(values.get("tco2e"), tonnes):
            return f"tco2e {values.get('tco2e')} != {tonnes}"
        if not close(values.get("price_per_tonne"), price):
            return f"price {values.get('price_per_tonne')} != {price}"
        return None if close(values.get("cost_thb"), tonnes * price) else f"cost {values.get('cost_thb')}"
    if activity == "convert":
        kg = float(quantity) * (1000 if unit in ("tonne", "tCO2e") else 1)
        return None if close(values.get("kgco2e"), kg) else f"kgco2e {values.get('kgco2e')} != {kg}"
    return f"unknown activity {activity}"


def evaluate(path: Path) -> dict[str, Any]:
    """Accuracy and misses of the calculators on the set at ``path``."""
    course = sample_folder()
    toolbox = Toolbox.from_course(course)
    factor_file = next(iter(sorted(course.rglob("emission_factors.yaml"))))
    factors = FactorFile(factor_file)
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    misses = []
    for item in items:
        reply = toolbox.answer(item["question"], "th")
        values = dict(reply.values) if reply is not None and reply.kind == "calculation" else None
        problem = judge(item, values, factors)
        total[item["activity"]] += 1
        if problem is None:
            right[item["activity"]] += 1
        else:
            misses.append({"id": item["id"], "question": item["question"], "problem": problem})
    clarify = [i for i in items if i["clarify"]]
    missed = {m["id"] for m in misses}
    return {
        "set": path.name,
        "questions": len(items),
        "right": len(items) - len(misses),
        "accuracy": round(1 - len(misses) / len(items), 3),
        "clarify_total": len(clarify),
        "clarify_right": sum(1 for i in clarify if i["id"] not in missed),
        "by_activity": {a: f"{right[a]}/{total[a]}" for a in sorted(total)},
        "misses": misses,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("questions", type=Path)
    parser.add_argument("--json", action="store_true", help="print the whole report as JSON")
    parser.add_argument(
        "--name", help="file name under bench/results (without .json), so a rerun keeps the first run's file"
    )
    args = parser.parse_args()
    report = evaluate(args.questions)
    RESULTS.mkdir(parents=True, exist_ok=True)
    written = RESULTS / f"{args.name or args.questions.stem}.json"
    written.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return
    print(f"{report['set']}: {report['right']}/{report['questions']} = {report['accuracy']:.3f}")
    print(f"clarifying questions asked when due: {report['clarify_right']}/{report['clarify_total']}")
    print("by activity:", ", ".join(f"{a} {v}" for a, v in report["by_activity"].items()))
    for miss in report["misses"]:
        print(f"  {miss['id']}: {miss['question']} -> {miss['problem']}")


if __name__ == "__main__":
    main()
