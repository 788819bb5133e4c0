"""The course's emission factor file: every figure sourced, agreeing with the course, and checked on load."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml

from bot.app.cli import sample_folder
from knowledge.emission_factors import (
    REQUIRED_PARAMETERS,
    FactorFileError,
    FactorTable,
    find_factor_file,
    load_factor_table,
)
from tests.shared_files import shared_dir

COURSE = sample_folder()
FACTOR_FILE = COURSE / "emission_factors.yaml"
FACTS = shared_dir() / "domain" / "FACTS.md"


@pytest.fixture(scope="module")
def table() -> FactorTable:
    return load_factor_table(FACTOR_FILE)


def _course_text(stem: str) -> str:
    return next((COURSE / "modules").glob(f"{stem}*.md")).read_text(encoding="utf-8")


def test_the_bundled_course_has_exactly_one_factor_file() -> None:
    assert find_factor_file(COURSE) == FACTOR_FILE


def test_grid_electricity_is_the_2026_tgo_factor(table: FactorTable) -> None:
    grid = table.get("grid_electricity")
    assert grid is not None
    assert (grid.value, grid.unit, grid.activity_unit, grid.scope, grid.year) == (0.4750, "kgCO2e/kWh", "kWh", 2, 2026)
    assert grid.url == "https://www.nationthailand.com/news/policy/40059019"
    assert "1 มกราคม 2026" in grid.note


def test_every_factor_is_stated_in_the_course_module_on_emission_factors(table: FactorTable) -> None:
    week03 = _course_text("week03").replace(",", "")
    for factor in table:
        figure = f"{factor.value:.4f}" if factor.value < 100 else f"{factor.value:.0f}"
        assert figure in week03, f"{factor.id}: {figure} is not in the week 3 module"


def test_every_figure_comes_from_the_fact_sheet(table: FactorTable) -> None:
    if not FACTS.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"the fact sheet {FACTS} must be beside the checkout in CI")
        pytest.skip(f"the fact sheet {FACTS} is not beside this checkout")
    facts = FACTS.read_text(encoding="utf-8").replace(",", "")
    for factor in table:
        figure = f"{factor.value:.4f}" if factor.value < 100 else f"{factor.value:.0f}"
        assert figure in facts, f"{factor.id}: {figure} is not in FACTS.md"
    for name in ("solar_yield", "carbon_tax"):
        value = table.parameter(name).value
        assert value is not None and f"{value:g}" in facts
    cost = table.parameter("solar_cost")
    assert "18000" in facts and "30–40k" in facts and (cost.low, cost.high) == (18_000, 40_000)
    tariff = table.parameter("grid_tariff")
    assert "4.5–5.5" in facts and (tariff.low, tariff.high) == (4.5, 5.5)


def test_coal_is_left_out_because_no_sourced_factor_exists(table: FactorTable) -> None:
    assert table.get("coal") is None and table.get("ถ่านหิน") is None
    assert "ถ่านหิน" in FACTOR_FILE.read_text(encoding="utf-8")  # the header says why


def test_parameters_agree_with_the_course_worked_examples(table: FactorTable) -> None:
    week05 = _course_text("week05")
    assert "1,300 kWh ต่อ kWp ต่อปี" in week05 and table.parameter("solar_yield").value == 1300
    assert "18,000 บาทต่อ kWp" in week05 and table.parameter("solar_cost").low == 18_000
    assert "40,000 บาท" in week05 and table.parameter("solar_cost").high == 40_000
    assert "ไฟราว 60% ใช้ในช่วงที่มีแดด" in week05 and table.parameter("solar_daytime_share").value == 0.6
    assert "6.5 ตารางเมตรต่อ kWp" in week05 and table.parameter("solar_roof_area").value == 6.5
    assert "ค่าไฟสมมติ 4.50 บาท" in _course_text("week04") and table.parameter("grid_tariff").value == 4.5
    assert table.parameter("grid_tariff").assumption is True
    assert "200 บาทต่อตัน CO2e" in _course_text("week03") and table.parameter("carbon_tax").value == 200
    assert table.parameter("mj_per_mmbtu").value == pytest.approx(1055.06)


def test_lookup_by_id_activity_and_alias(table: FactorTable) -> None:
    diesel = table.get("diesel")
    assert diesel is not None and diesel.id == "diesel_mobile" and diesel.default
    assert [f.id for f in table.variants("diesel")] == ["diesel_mobile", "diesel_stationary"]
    for alias, factor_id in [
        ("ดีเซล", "diesel_mobile"),
        ("น้ำมันโซล่า", "diesel_mobile"),
        ("LPG", "lpg"),
        ("แก๊สหุงต้ม", "lpg"),
        ("Natural Gas", "natural_gas"),
        ("แก๊สโซฮอล์", "gasoline_mobile"),
        ("benzene", "gasoline_mobile"),
        ("น้ำมันเตา", "fuel_oil_c"),
        ("ไฟฟ้า", "grid_electricity"),
        ("R-32", "refrigerant_r32"),
    ]:
        found = table.by_alias(alias)
        assert found is not None and found.id == factor_id, alias
    assert table.default_for("refrigerant") is None  # the user must say which gas


def test_find_aliases_prefers_the_longest_and_keeps_latin_words_whole(table: FactorTable) -> None:
    text = "แก๊สโซฮอล์ 300 ลิตร แก๊ส NGV 20 กก. using lpg 50 kg"
    found = [(m.factor.id, m.alias) for m in table.find_aliases(text)]
    assert found == [("gasoline_mobile", "แก๊สโซฮอล์"), ("cng_mobile", "แก๊ส ngv"), ("lpg", "lpg")]


GOOD_FACTOR = {
    "id": "test_fuel",
    "name_th": "เชื้อเพลิงทดสอบ",
    "name_en": "Test fuel",
    "aliases": ["ทดสอบ"],
    "value": 2.5,
    "unit": "kgCO2e/litre",
    "activity_unit": "litre",
    "scope": 1,
    "year": 2022,
    "source": "TGO",
    "url": "https://example.org/ef",
}


def _write(tmp_path: Path, factors: list[dict[str, object]], parameters: dict[str, object] | None = None) -> Path:
    data = yaml.safe_load(FACTOR_FILE.read_text(encoding="utf-8"))
    data["factors"] = factors
    if parameters is not None:
        data["parameters"] = parameters
    for entry in data["parameters"].values():
        entry.pop("course", None)  # course: links point into the real course folder
        if entry.get("covers") and parameters is None:
            entry["covers"] = []  # the activities it names are not among the test factors
        if str(entry["url"]).startswith("course:"):
            entry["url"] = "https://example.org/course"
    path = tmp_path / "emission_factors.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_a_complete_file_written_elsewhere_loads(tmp_path: Path) -> None:
    table = load_factor_table(_write(tmp_path, [GOOD_FACTOR]))
    assert table.get("ทดสอบ") == table.get("test_fuel")


@pytest.mark.parametrize(
    ("field", "thai"),
    [("source", "แหล่งที่มา"), ("unit", "หน่วย"), ("url", "ลิงก์"), ("value", "ตัวเลข"), ("activity_unit", "หน่วยกิจกรรม")],
)
def test_a_factor_without_a_required_field_is_refused_by_name(tmp_path: Path, field: str, thai: str) -> None:
    broken = {k: v for k, v in GOOD_FACTOR.items() if k != field}
    with pytest.raises(FactorFileError) as raised:
        load_factor_table(_write(tmp_path, [GOOD_FACTOR | {"id": "fine"} | {"aliases": []}, broken]))
    message = str(raised.value)
    assert "test_fuel" in message and thai in message and f"'{field}'" in message


@pytest.mark.parametrize("value", [0, -2.7, "2.7", True, float("nan"), None])
def test_a_value_that_is_not_a_positive_number_is_refused(tmp_path: Path, value: object) -> None:
    with pytest.raises(FactorFileError, match=r"test_fuel.*value"):
        load_factor_table(_write(tmp_path, [GOOD_FACTOR | {"value": value}]))


def test_a_blank_source_counts_as_missing(tmp_path: Path) -> None:
    with pytest.raises(FactorFileError, match=r"test_fuel.*แหล่งที่มา.*source"):
        load_factor_table(_write(tmp_path, [GOOD_FACTOR | {"source": "  "}]))


def test_a_course_link_must_name_a_file_of_the_course(tmp_path: Path) -> None:
    with pytest.raises(FactorFileError, match=r"course:modules/nowhere\.md"):
        load_factor_table(_write(tmp_path, [GOOD_FACTOR | {"url": "course:modules/nowhere.md"}]))
    (tmp_path / "modules").mkdir()
    (tmp_path / "modules" / "week03.md").write_text("# ค่าการปล่อย\n", encoding="utf-8")
    assert load_factor_table(_write(tmp_path, [GOOD_FACTOR | {"url": "course:modules/week03.md"}]))


def test_an_alias_may_belong_to_one_factor_only(tmp_path: Path) -> None:
    twin = GOOD_FACTOR | {"id": "twin", "aliases": ["ทดสอบ"]}
    with pytest.raises(FactorFileError, match=r"ทดสอบ.*test_fuel.*twin"):
        load_factor_table(_write(tmp_path, [GOOD_FACTOR, twin]))


def test_a_missing_calculator_parameter_is_refused(tmp_path: Path) -> None:
    data = yaml.safe_load(FACTOR_FILE.read_text(encoding="utf-8"))
    parameters = {k: v for k, v in data["parameters"].items() if k != "carbon_tax"}
    with pytest.raises(FactorFileError, match="carbon_tax"):
        load_factor_table(_write(tmp_path, [GOOD_FACTOR], parameters))
    assert "carbon_tax" in REQUIRED_PARAMETERS


def test_a_parameter_without_a_source_is_refused(tmp_path: Path) -> None:
    data = yaml.safe_load(FACTOR_FILE.read_text(encoding="utf-8"))
    del data["parameters"]["solar_yield"]["source"]
    with pytest.raises(FactorFileError, match=r"parameters\.solar_yield.*source"):
        load_factor_table(_write(tmp_path, [GOOD_FACTOR], data["parameters"]))


def test_find_factor_file_in_a_folder(tmp_path: Path) -> None:
    assert find_factor_file(tmp_path) is None
    (tmp_path / "faq.yaml").write_text("kind: faq\nitems: []\n", encoding="utf-8")
    assert find_factor_file(tmp_path) is None
    path = _write(tmp_path, [GOOD_FACTOR])
    assert find_factor_file(tmp_path) == path
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "factors.yml").write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(FactorFileError, match=re.escape("old/factors.yml")):
        find_factor_file(tmp_path)


def test_the_carbon_tax_covers_the_fuels_the_fact_sheet_names(table: FactorTable) -> None:
    assert set(table.parameter("carbon_tax").covers) == {"gasoline", "diesel", "lpg", "fuel_oil"}


def test_a_tax_covering_an_activity_with_no_factor_is_refused(tmp_path: Path) -> None:
    data = yaml.safe_load(FACTOR_FILE.read_text(encoding="utf-8"))
    data["parameters"]["carbon_tax"]["covers"] = ["test_fuel", "kerosene"]
    with pytest.raises(FactorFileError, match="kerosene"):
        load_factor_table(_write(tmp_path, [GOOD_FACTOR], data["parameters"]))
