"""The calculators in English: a user who chose English gets the same result-first answer in English.

Expected figures are worked out here from ``emission_factors.yaml`` read as plain YAML (amount x
factor), never from the calculators or their factor table. Thai users keep their Thai replies.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.app.cli import sample_folder
from bot.conversation.tools.calculators import Clarification, calculate, parse_calculation_request, render, render_th
from bot.conversation.tools.toolbox import Toolbox
from knowledge.emission_factors import find_factor_file, load_factor_table

_THAI = re.compile(r"[\u0e00-\u0e7f]")


@pytest.fixture(scope="module")
def course_file() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((Path(sample_folder()) / "emission_factors.yaml").read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def toolbox() -> Toolbox:
    return Toolbox.from_course(sample_folder())


def _factor(course_file: dict[str, Any], factor_id: str) -> dict[str, Any]:
    found = [f for f in course_file["factors"] if f["id"] == factor_id]
    assert len(found) == 1, factor_id
    return dict(found[0])


def _shown(value: float) -> str:
    """A figure as answers write it: two decimals at most, thousands separated, whole from 1,000 up."""
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:,.2f}".rstrip("0").rstrip(".")


def _answer(toolbox: Toolbox, message: str, language: str) -> str:
    reply = toolbox.answer(message, language)
    assert reply is not None and reply.kind == "calculation", message
    return reply.text


def _without_sources(answer: str) -> str:
    """The answer without the quoted source: the factor file names its publishers as published (Thai)."""
    return "\n".join(re.sub(r"Sources?: .*", "", line) for line in answer.splitlines())


def test_electricity_per_month_in_english_leads_with_tonnes_per_year(
    toolbox: Toolbox, course_file: dict[str, Any]
) -> None:
    grid = _factor(course_file, "grid_electricity")
    per_month_kg = 50_000 * grid["value"]
    answer = _answer(toolbox, "we use 50,000 kWh per month, how many tonnes CO2 a year", "en")
    lines = answer.splitlines()
    assert (
        lines[0]
        == f"About {_shown(per_month_kg * 12 / 1000)} tCO2e per year ({_shown(per_month_kg / 1000)} tCO2e per month)"
    )
    assert f"50,000 kWh × {grid['value']:.4f} {grid['unit']} = {_shown(per_month_kg)} kgCO2e per month" in answer
    assert f"Emission factor: {grid['name_en']}, {grid['year']}. Source: " in answer
    assert "Scope 2 (purchased electricity)" in answer
    assert not _THAI.search(_without_sources(answer))


def test_diesel_litres_a_month_in_english(toolbox: Toolbox, course_file: dict[str, Any]) -> None:
    diesel = _factor(course_file, "diesel_mobile")  # the default diesel: on-road vehicles
    per_month_kg = 800 * diesel["value"]
    answer = _answer(toolbox, "diesel 800 litres a month", "en")
    assert answer.splitlines()[0] == (
        f"About {_shown(per_month_kg * 12 / 1000)} tCO2e per year ({_shown(per_month_kg / 1000)} tCO2e per month)"
    )
    assert f"800 litres × {diesel['value']:.4f} kgCO2e/litre" in answer
    assert f"{diesel['name_en']}, {diesel['year']}" in answer and "Scope 1" in answer
    assert not _THAI.search(_without_sources(answer))


def test_english_phrasing_with_the_activity_between_unit_and_period(
    toolbox: Toolbox, course_file: dict[str, Any]
) -> None:
    diesel = _factor(course_file, "diesel_mobile")
    answer = _answer(toolbox, "our factory uses 1,200 litres of diesel per month, what's our carbon footprint", "en")
    assert answer.startswith(f"About {_shown(1_200 * diesel['value'] * 12 / 1000)} tCO2e per year")


def test_a_footprint_in_english_adds_up_by_scope(toolbox: Toolbox, course_file: dict[str, Any]) -> None:
    grid, diesel = _factor(course_file, "grid_electricity"), _factor(course_file, "diesel_mobile")
    grid_t, diesel_t = 50_000 * grid["value"] * 12 / 1000, 2_000 * diesel["value"] * 12 / 1000
    answer = _answer(toolbox, "we use 50,000 kWh a month and diesel 2,000 litres a month, total footprint", "en")
    assert answer.splitlines()[0] == f"In total about {_shown(grid_t + diesel_t)} tCO2e per year"
    assert f"Scope 1: {_shown(diesel_t)} tCO2e per year | Scope 2: {_shown(grid_t)} tCO2e per year" in answer
    assert "Largest source: Grid electricity" in answer


def test_solar_in_english_from_the_file_parameters(toolbox: Toolbox, course_file: dict[str, Any]) -> None:
    parameters = course_file["parameters"]
    yearly = 100 * parameters["solar_yield"]["value"]
    savings = yearly * parameters["grid_tariff"]["value"]
    answer = _answer(toolbox, "solar 100 kWp payback", "en")
    assert answer.startswith(
        f"Solar 100 kWp: generates about {_shown(yearly)} kWh a year, saves about {_shown(savings)} baht"
    )
    assert "(assumed)" in answer and not _THAI.search(_without_sources(answer))


def test_carbon_price_in_english(toolbox: Toolbox) -> None:
    answer = _answer(toolbox, "we emit 150 tonnes a year, carbon price 200 baht per tonne, how much", "en")
    assert (
        answer.splitlines()[0] == f"About {_shown(150 * 200)} baht per year ({_shown(150 * 200 / 12)} baht per month)"
    )
    assert "150 tCO2e per year × 200 baht per tonne" in answer


@pytest.mark.parametrize(
    ("message", "question"),
    [
        ("we use 50,000 kWh, how many tonnes per year", "Is that 50,000 kWh of electricity per month or per year?"),
        ("ใช้ไฟ 50000 ปล่อยคาร์บอนเท่าไหร่", "Is the 50,000 for electricity in kWh or baht?"),
        ("ใช้ดีเซล 500 กก. ต่อเดือน ปล่อยคาร์บอนกี่ตัน", "How many litres of diesel do you use per month?"),
        (
            "I want to calculate my carbon footprint from electricity",
            "How many kWh of electricity do you use per month?",
        ),
    ],
)
def test_clarifying_questions_in_english(toolbox: Toolbox, message: str, question: str) -> None:
    reply = toolbox.answer(message, "en")
    assert reply is not None and reply.values.get("clarify") is True
    assert reply.text.startswith(question) and not _THAI.search(reply.text)


def test_refusals_in_english_name_the_problem(toolbox: Toolbox) -> None:
    coal = _answer(toolbox, "we use 20 tonnes of coal a month, emissions?", "en")
    assert "no sourced emission factor for coal" in coal and "diesel" in coal and not _THAI.search(coal)
    negative = _answer(toolbox, "ใช้ไฟเดือนละ -500 หน่วย ปล่อยกี่ตัน", "en")
    assert negative.startswith("-500 kWh cannot be calculated") and not _THAI.search(negative)


@pytest.mark.parametrize(
    ("thai", "english"),
    [
        ("ใช้ไฟเดือนละ 50,000 หน่วย ปล่อยกี่ตันต่อปี", "we use 50,000 kWh per month, how many tonnes CO2 a year"),
        ("ดีเซล 800 ลิตรต่อเดือน ปล่อยกี่ตัน", "diesel 800 litres a month"),
    ],
)
def test_thai_users_keep_the_thai_answer_with_the_same_figures(toolbox: Toolbox, thai: str, english: str) -> None:
    said_th, said_en = _answer(toolbox, thai, "th"), _answer(toolbox, english, "en")
    path = find_factor_file(sample_folder())
    assert path is not None
    table = load_factor_table(path)
    request = parse_calculation_request(thai, table)
    assert request is not None and not isinstance(request, Clarification)
    result = calculate(table, request)
    assert said_th == render_th(result) == render(result, "th")
    assert said_th.startswith("ประมาณ ") and "ต่อปี" in said_th and "per year" not in said_th
    figures = re.compile(r"[\d,.]+\d")
    assert figures.findall(said_th.splitlines()[0]) == figures.findall(said_en.splitlines()[0])


def test_thai_clarifying_question_unchanged(toolbox: Toolbox) -> None:
    reply = toolbox.answer("ใช้ไฟ 50,000 หน่วย ปีนึงปล่อยกี่ตัน", "th")
    assert reply is not None and reply.text == "ใช้ไฟ 50,000 หน่วยนี้ต่อเดือนหรือต่อปีครับ?"
