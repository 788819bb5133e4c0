"""The net-zero calculators: what an SME owner types, what the bot computes, and what it says.

Expected figures are worked out here from the loaded factor file (amount x factor), never copied
from the calculators.
"""

from __future__ import annotations

import math

import pytest

from bot.app.cli import sample_folder
from bot.conversation.tools.calculators import (
    MAX_CHARS,
    ActivityAmount,
    CalculationInputError,
    CalculationRequest,
    CarbonPriceResult,
    Clarification,
    ClarifyReason,
    Co2eResult,
    EmissionResult,
    FootprintResult,
    NoFactorError,
    RequestKind,
    SolarResult,
    UnitMismatchError,
    calculate,
    carbon_price_exposure,
    convert_co2e,
    emissions,
    footprint,
    parse_calculation_request,
    render_th,
    solar_rooftop,
)
from knowledge.emission_factors import EmissionFactor, FactorTable, find_factor_file, load_factor_table


@pytest.fixture(scope="module")
def table() -> FactorTable:
    path = find_factor_file(sample_folder())
    assert path is not None
    return load_factor_table(path)


def _factor(table: FactorTable, key: str) -> EmissionFactor:
    factor = table.get(key)
    assert factor is not None, key
    return factor


def _value(table: FactorTable, name: str) -> float:
    value = table.parameter(name).value
    assert value is not None, name
    return value


def _shown(value: float) -> str:
    """How a figure of two decimals or a whole number appears in an answer: 23.75, 285, 4,750."""
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:,.2f}".rstrip("0").rstrip(".")


# Emissions of one activity


def test_electricity_per_month_gives_month_and_year(table: FactorTable) -> None:
    grid = _factor(table, "grid_electricity")
    result = emissions(table, "grid_electricity", 50_000, "kWh", "month")
    assert result.kgco2e == pytest.approx(50_000 * grid.value)
    assert result.tco2e_per_month == pytest.approx(50_000 * grid.value / 1000)
    assert result.tco2e_per_year == pytest.approx(50_000 * grid.value * 12 / 1000)
    answer = render_th(result)
    first = answer.splitlines()[0]
    year, month = 50_000 * grid.value * 12 / 1000, 50_000 * grid.value / 1000
    assert first == f"ประมาณ {_shown(year)} tCO2e ต่อปี ({_shown(month)} tCO2e ต่อเดือน)"
    assert f"50,000 หน่วย (kWh) × {grid.value:.4f} kgCO2e/kWh" in answer
    assert f"ปี {grid.year}" in answer and "Nation Thailand" in answer
    assert "ขอบเขตที่ 2" in answer


def test_an_amount_without_period_is_computed_for_that_amount(table: FactorTable) -> None:
    diesel = _factor(table, "diesel")
    result = emissions(table, "ดีเซล", 650, "litre")
    assert result.kgco2e == pytest.approx(650 * diesel.value)
    assert result.tco2e_per_year is None and result.tco2e_per_month is None
    assert (
        render_th(result).splitlines()[0]
        == f"ประมาณ {_shown(650 * diesel.value / 1000)} tCO2e ({_shown(650 * diesel.value)} kgCO2e)"
    )


def test_small_results_lead_with_kilograms(table: FactorTable) -> None:
    diesel = _factor(table, "diesel")
    first = render_th(emissions(table, "diesel", 65, "litre")).splitlines()[0]
    assert first.startswith(f"ประมาณ {_shown(65 * diesel.value)} kgCO2e")


def test_a_bill_in_baht_goes_through_the_assumed_tariff_and_says_so(table: FactorTable) -> None:
    grid, tariff = _factor(table, "grid_electricity"), _value(table, "grid_tariff")
    result = emissions(table, "grid_electricity", 45_000, "THB", "month")
    assert result.from_bill and result.tariff_assumed and result.tariff == tariff
    assert result.activity_amount == pytest.approx(45_000 / tariff)
    assert result.kgco2e == pytest.approx(45_000 / tariff * grid.value)
    answer = render_th(result)
    assert f"÷ {tariff:g} บาทต่อหน่วย (ค่าสมมติ)" in answer and "ค่าไฟต่อหน่วยเป็นค่าสมมติ" in answer


def test_a_bill_with_the_users_own_tariff(table: FactorTable) -> None:
    grid = _factor(table, "grid_electricity")
    result = emissions(table, "grid_electricity", 48_000, "THB", "month", tariff=4.8)
    assert result.kgco2e == pytest.approx(48_000 / 4.8 * grid.value)
    assert not result.tariff_assumed and "ค่าสมมติ" not in render_th(result)


def test_tonnes_of_lpg_become_kilograms_and_litres_use_the_litre_factor(table: FactorTable) -> None:
    lpg, lpg_litre = _factor(table, "lpg"), _factor(table, "lpg_litre")
    result = emissions(table, "lpg", 3, "tonne", "year")
    assert result.kgco2e == pytest.approx(3000 * lpg.value)
    assert "3 ตัน = 3,000 กก." in render_th(result)
    by_litre = emissions(table, "แก๊สหุงต้ม", 500, "litre")
    assert by_litre.factor == lpg_litre and by_litre.kgco2e == pytest.approx(500 * lpg_litre.value)


def test_natural_gas_from_mmbtu_and_cubic_metres(table: FactorTable) -> None:
    gas, volume = _factor(table, "natural_gas"), _factor(table, "natural_gas_volume")
    mj_per_mmbtu, scf_per_m3 = _value(table, "mj_per_mmbtu"), _value(table, "scf_per_m3")
    by_energy = emissions(table, "natural_gas", 2_000, "MMBtu", "month")
    assert by_energy.kgco2e == pytest.approx(2_000 * mj_per_mmbtu * gas.value)
    by_volume = emissions(table, "ng", 15_000, "m3", "year")
    assert by_volume.factor == volume and by_volume.kgco2e == pytest.approx(15_000 * scf_per_m3 * volume.value)
    assert by_volume.conversion is not None and by_volume.conversion.parameter == table.parameter("scf_per_m3")


def test_a_day_based_amount_counts_every_day_of_the_year(table: FactorTable) -> None:
    diesel = _factor(table, "diesel")
    result = emissions(table, "diesel", 50, "litre", "day")
    assert result.tco2e_per_year == pytest.approx(50 * diesel.value * 365 / 1000)
    assert "365 วัน" in render_th(result)


def test_a_unit_that_does_not_fit_is_refused_in_thai(table: FactorTable) -> None:
    with pytest.raises(UnitMismatchError) as raised:
        emissions(table, "diesel", 500, "kg")
    assert "ลิตร" in raised.value.message_th and "กก." in raised.value.message_th
    with pytest.raises(UnitMismatchError):
        emissions(table, "diesel", 3_000, "THB")  # no fuel price in the file to turn baht into litres


def test_coal_has_no_factor_and_the_message_says_so(table: FactorTable) -> None:
    with pytest.raises(NoFactorError) as raised:
        emissions(table, "coal", 500, "tonne", "year")
    assert "ถ่านหิน" in raised.value.message_th and "ดีเซล" in raised.value.message_th


def test_an_unknown_fuel_is_named_in_the_refusal(table: FactorTable) -> None:
    with pytest.raises(NoFactorError, match="น้ำมันมะพร้าว"):
        emissions(table, "unknown", 100, "litre", label="น้ำมันมะพร้าว")


@pytest.mark.parametrize(
    ("quantity", "unit", "period"),
    [
        (-5_000, "kWh", "month"),
        (0, "kWh", "month"),
        (900_000_000_000, "kWh", "month"),
        (50_000_000_000, "kWh", "year"),
        (math.nan, "litre", None),
        (math.inf, "litre", None),
        (200, "litre", "fortnight"),
    ],
)
def test_negative_zero_absurd_and_malformed_amounts_are_refused(
    table: FactorTable, quantity: float, unit: str, period: str | None
) -> None:
    activity = "grid_electricity" if unit == "kWh" else "diesel"
    with pytest.raises(CalculationInputError) as raised:
        emissions(table, activity, quantity, unit, period)
    assert raised.value.message_th and any("\u0e00" <= c <= "\u0e7f" for c in raised.value.message_th)


def test_a_year_of_a_large_factory_is_not_absurd(table: FactorTable) -> None:
    assert emissions(table, "grid_electricity", 20_000_000, "kWh", "year").tco2e > 0


# Footprints


def test_a_footprint_adds_up_by_scope_and_names_the_largest_source(table: FactorTable) -> None:
    grid, diesel, lpg = (_factor(table, k) for k in ("grid_electricity", "diesel", "lpg"))
    items = [
        ActivityAmount("grid_electricity", 50_000, "kWh", "month", "ไฟ"),
        ActivityAmount("diesel", 2_000, "litre", "month", "ดีเซล"),
        ActivityAmount("lpg", 500, "kg", "month", "LPG"),
    ]
    result = footprint(table, items)
    scope2 = 50_000 * grid.value * 12 / 1000
    scope1 = (2_000 * diesel.value + 500 * lpg.value) * 12 / 1000
    assert dict(result.scope_tco2e_per_year) == pytest.approx({1: scope1, 2: scope2})
    assert result.total_tco2e_per_year == pytest.approx(scope1 + scope2)
    assert result.largest.factor == grid and result.largest_share == pytest.approx(scope2 / (scope1 + scope2))
    answer = render_th(result)
    assert answer.splitlines()[0] == f"รวมประมาณ {_shown(scope1 + scope2)} tCO2e ต่อปี"
    assert len(answer) <= MAX_CHARS


def test_a_footprint_keeps_items_without_period_and_skips_what_it_cannot_compute(table: FactorTable) -> None:
    grid = _factor(table, "grid_electricity")
    items = [
        ActivityAmount("grid_electricity", 10_000, "kWh", "month", "ไฟ"),
        ActivityAmount("lpg", 500, "kg", None, "LPG"),
        ActivityAmount("coal", 20, "tonne", "month", "ถ่านหิน"),
    ]
    result = footprint(table, items)
    assert result.total_tco2e_per_year is None
    assert result.annualised_tco2e_per_year == pytest.approx(10_000 * grid.value * 12 / 1000)
    assert [r.factor.id for r in result.without_period] == ["lpg"]
    assert [item.label for item, _ in result.skipped] == ["ถ่านหิน"]
    answer = render_th(result)
    assert "ยังคิดไม่ได้" in answer and "ถ่านหิน" in answer
    with pytest.raises(NoFactorError):
        footprint(table, items[2:])


# Rooftop solar


def test_solar_of_a_given_size(table: FactorTable) -> None:
    grid = _factor(table, "grid_electricity")
    yield_per_kwp, tariff = _value(table, "solar_yield"), _value(table, "grid_tariff")
    cost = table.parameter("solar_cost")
    assert cost.low is not None and cost.high is not None
    result = solar_rooftop(table, kwp=40)
    yearly = 40 * yield_per_kwp
    assert result.yearly_kwh == pytest.approx(yearly)
    assert result.savings_thb_per_year == pytest.approx(yearly * tariff)
    assert (result.cost_low_thb, result.cost_high_thb) == pytest.approx((40 * cost.low, 40 * cost.high))
    assert result.payback_low_years == pytest.approx(40 * cost.low / (yearly * tariff))
    assert result.payback_high_years == pytest.approx(40 * cost.high / (yearly * tariff))
    assert result.tco2e_avoided_per_year == pytest.approx(yearly * grid.value / 1000)
    assert result.roof_m2 == pytest.approx(40 * _value(table, "solar_roof_area"))
    answer = render_th(result)
    assert answer.splitlines()[0].startswith(f"โซลาร์ 40 kWp: ผลิตไฟราว {yearly:,.0f} หน่วยต่อปี")
    assert len(answer) <= MAX_CHARS


def test_solar_sized_from_use_follows_the_course_example(table: FactorTable) -> None:
    # Course week 5: 8,000 kWh a month, 60 % in daylight, 1,300 kWh/kWp: 44.3 kWp, rounded down to 40.
    share, yield_per_kwp = _value(table, "solar_daytime_share"), _value(table, "solar_yield")
    raw = 8_000 * 12 * share / yield_per_kwp
    result = solar_rooftop(table, monthly_kwh=8_000)
    assert result.sized_from_use and result.kwp_unrounded == pytest.approx(raw)
    assert result.kwp == math.floor(raw / 5) * 5 == 40
    assert result.share_of_use == pytest.approx(40 * yield_per_kwp / (8_000 * 12))
    assert not result.exceeds_daytime_use
    assert "ปัดลงเป็น 40 kWp" in render_th(result)


def test_solar_from_a_bill_and_with_the_users_tariff(table: FactorTable) -> None:
    result = solar_rooftop(table, monthly_bill_thb=48_000, tariff=4.8)
    assert result.monthly_kwh == pytest.approx(10_000)
    assert result.savings_thb_per_year == pytest.approx(result.yearly_kwh * 4.8) and not result.tariff_assumed


def test_an_oversized_system_is_flagged(table: FactorTable) -> None:
    result = solar_rooftop(table, kwp=200, monthly_kwh=8_000)
    assert result.exceeds_daytime_use and "มากกว่าที่ใช้ช่วงกลางวัน" in render_th(result)


@pytest.mark.parametrize(
    "arguments",
    [{"kwp": 0}, {"kwp": -10}, {"kwp": 5_000_000}, {}, {"monthly_kwh": 50}, {"kwp": 10, "tariff": -4}],
)
def test_solar_refuses_impossible_input(table: FactorTable, arguments: dict[str, float]) -> None:
    with pytest.raises(CalculationInputError):
        solar_rooftop(table, **arguments)


# Carbon price and CO2e units


def test_carbon_price_defaults_to_the_thai_carbon_tax(table: FactorTable) -> None:
    tax = _value(table, "carbon_tax")
    result = carbon_price_exposure(table, 150)
    assert result.price_is_tax and result.cost_thb_per_year == pytest.approx(150 * tax)
    answer = render_th(result)
    assert answer.splitlines()[0] == f"ประมาณ {150 * tax:,.0f} บาทต่อปี ({150 * tax / 12:,.0f} บาทต่อเดือน)"
    assert "ภาษีสรรพสามิตน้ำมัน" in answer and "ไม่ได้เก็บจากค่าไฟฟ้า" in answer


def test_carbon_price_at_the_users_price_and_period(table: FactorTable) -> None:
    result = carbon_price_exposure(table, 8, 76, period="month")
    assert result.cost_thb == pytest.approx(8 * 76) and result.cost_thb_per_year == pytest.approx(8 * 76 * 12)
    once = carbon_price_exposure(table, 45, 100, period=None)
    assert once.cost_thb == pytest.approx(4_500) and once.cost_thb_per_year is None
    with pytest.raises(CalculationInputError):
        carbon_price_exposure(table, 45, -100)
    with pytest.raises(CalculationInputError):
        carbon_price_exposure(table, -45)


def test_co2e_conversions(table: FactorTable) -> None:
    assert convert_co2e(4_750, "kgCO2e").tco2e == pytest.approx(4.75)
    yearly = convert_co2e(12, "tCO2e", "year")
    assert yearly.kgco2e == 12_000 and yearly.tco2e_per_month == pytest.approx(1)
    assert render_th(convert_co2e(4_750, "kgCO2e")).splitlines()[0] == "4,750 kgCO2e = 4.75 tCO2e"
    with pytest.raises(UnitMismatchError):
        convert_co2e(5, "litre")


# Reading messages


def _request(table: FactorTable, message: str) -> CalculationRequest:
    found = parse_calculation_request(message, table)
    assert isinstance(found, CalculationRequest), found
    return found


def _question(table: FactorTable, message: str) -> Clarification:
    found = parse_calculation_request(message, table)
    assert isinstance(found, Clarification), found
    return found


def test_a_whole_footprint_in_one_message(table: FactorTable) -> None:
    request = _request(table, "ไฟ 50,000 หน่วย/เดือน ดีเซล 2,000 ลิตร/เดือน LPG 500 กก.")
    assert request.kind is RequestKind.FOOTPRINT
    assert [(i.activity, i.quantity, i.unit, i.period) for i in request.items] == [
        ("grid_electricity", 50_000, "kWh", "month"),
        ("diesel_mobile", 2_000, "litre", "month"),
        ("lpg", 500, "kg", None),
    ]
    result = calculate(table, request)
    assert isinstance(result, FootprintResult) and len(result.items) == 3


@pytest.mark.parametrize(
    ("message", "activity", "quantity", "unit", "period"),
    [
        ("โรงงานใช้ไฟเดือนละ 5 หมื่นหน่วย ปล่อยคาร์บอนปีละกี่ตัน", "grid_electricity", 50_000, "kWh", "month"),
        ("ค่าไฟเดือนละ 8 หมื่น คิดเป็นคาร์บอนได้มั้ยคะ", "grid_electricity", 80_000, "THB", "month"),
        ("มิเตอร์ขึ้นมา 1,850 หน่วย คิดเป็นคาร์บอนเท่าไหร่", "grid_electricity", 1_850, "kWh", None),
        ("เครื่องปั่นไฟใช้ดีเซล 300 ลิตรต่อเดือน ปล่อยกี่โล", "diesel_stationary", 300, "litre", "month"),
        ("รถกระบะเติมน้ำมันโซล่าเดือนละ 200 ลิตร ปล่อยเท่าไหร่", "diesel_mobile", 200, "litre", "month"),
        ("แก๊สโซฮอล์95 ใช้เดือนละ 2 พันลิตร ปล่อยกี่ตัน", "gasoline_mobile", 2_000, "litre", "month"),
        ("ร้านก๋วยเตี๋ยวใช้แก๊สเดือนละ 4 ถัง ถังละ 15 กิโล ปล่อยเท่าไหร่", "lpg", 60, "kg", "month"),
        ("หม้อไอน้ำใช้น้ำมันเตาเดือนละ 5,000 ลิตร ปล่อยเท่าไหร่", "fuel_oil_c", 5_000, "litre", "month"),
        ("ใช้ก๊าซธรรมชาติ 250 ลูกบาศก์เมตร ปล่อยเท่าไหร่", "natural_gas", 250, "m3", None),
        ("เติมน้ำยาแอร์ R-32 2 กก. ปล่อยเท่าไหร่", "refrigerant_r32", 2, "kg", None),
        ("ใช้ถ่านหินปีละ 500 ตัน ปล่อยเท่าไหร่", "coal", 500, "tonne", "year"),
    ],
)
def test_one_activity_from_informal_thai(
    table: FactorTable, message: str, activity: str, quantity: float, unit: str, period: str | None
) -> None:
    request = _request(table, message)
    assert request.kind is RequestKind.EMISSIONS
    (item,) = request.items
    assert (item.activity, item.quantity, item.unit, item.period) == (activity, quantity, unit, period)


def test_a_parsed_request_computes_the_same_as_the_formula(table: FactorTable) -> None:
    diesel = _factor(table, "diesel_stationary")
    result = calculate(table, _request(table, "เครื่องปั่นไฟใช้ดีเซล 300 ลิตรต่อเดือน ปล่อยกี่โล"))
    assert isinstance(result, EmissionResult)
    assert result.tco2e_per_year == pytest.approx(300 * diesel.value * 12 / 1000)


def test_solar_carbon_price_and_conversion_requests(table: FactorTable) -> None:
    solar = _request(table, "ติดโซลาร์ ๖๐ kWp คืนทุนกี่ปี ค่าไฟหน่วยละ5บาท")
    assert (solar.kind, solar.kwp, solar.tariff) == (RequestKind.SOLAR, 60, 5)
    assert isinstance(calculate(table, solar), SolarResult)
    sized = _request(table, "ใช้ไฟเดือนละ 8,000 หน่วย ควรติดโซลาร์กี่ kW")
    assert (sized.kwp, sized.monthly_kwh) == (None, 8_000)
    price = _request(table, "ปล่อยปีละ 150 ตัน ถ้าราคาคาร์บอนตันละ 500 บาท ต้องจ่ายเท่าไหร่")
    assert price.co2e is not None and (price.co2e.tco2e, price.co2e.period, price.price_per_tonne) == (150, "year", 500)
    priced = calculate(table, price)
    assert isinstance(priced, CarbonPriceResult) and priced.cost_thb_per_year == pytest.approx(150 * 500)
    tax = calculate(table, _request(table, "ใช้ดีเซลเดือนละ 2,000 ลิตร ต้องเสียภาษีคาร์บอนเท่าไหร่"))
    assert isinstance(tax, CarbonPriceResult) and tax.basis is not None
    diesel = _factor(table, "diesel")
    assert tax.tco2e == pytest.approx(2_000 * diesel.value * 12 / 1000)
    converted = calculate(table, _request(table, "128,000 กิโลคาบอน กี่ตัน"))
    assert isinstance(converted, Co2eResult) and converted.tco2e == pytest.approx(128)


@pytest.mark.parametrize(
    ("message", "reason", "asks_for"),
    [
        ("ใช้ไฟ 50,000 หน่วย ปีนึงปล่อยกี่ตัน", ClarifyReason.PERIOD, "period"),
        ("ใช้ดีเซล 2,400 ลิตร ปีละปล่อยเท่าไร", ClarifyReason.PERIOD, "period"),
        ("โรงงานผมใช้ไฟเยอะ ปล่อยคาร์บอนเท่าไหร่", ClarifyReason.AMOUNT, "kWh"),
        ("ใช้ดีเซลเยอะมากในรถขนส่ง ปล่อยกี่ตัน", ClarifyReason.AMOUNT, "litre"),
        ("อยากติดโซล่า กี่ปีคืนทุนครับ", ClarifyReason.AMOUNT, "kWp"),
        ("งบ 500,000 บาท ติดโซลาร์ได้กี่ kW", ClarifyReason.AMOUNT, "kWp"),  # a budget is not a bill
        ("ร้านอาหารใช้แก๊สเดือนละ 10 ถัง ปล่อยเท่าไหร่", ClarifyReason.CYLINDER_SIZE, "kg"),
        ("ปล่อยปีละ 600 ตัน ถ้าต้องจ่ายค่าคาร์บอนจะเสียเท่าไหร่", ClarifyReason.PRICE, "THB/tCO2e"),
        ("ถ้าต้องจ่ายค่าคาร์บอน บริษัทผมต้องจ่ายเท่าไหร่", ClarifyReason.AMOUNT, "tCO2e"),
        ("ใช้ไฟเดือนละ 50,000 ปล่อยเท่าไหร่", ClarifyReason.UNIT, "unit"),
        ("ใช้น้ำมันเดือนละ 500 ลิตร ปล่อยเท่าไหร่", ClarifyReason.ACTIVITY, None),
        ("เติมน้ำยาแอร์ 3 กก. ปล่อยเท่าไหร่", ClarifyReason.ACTIVITY, None),
    ],
)
def test_one_short_question_when_something_is_missing(
    table: FactorTable, message: str, reason: ClarifyReason, asks_for: str | None
) -> None:
    question = _question(table, message)
    assert (question.reason, question.asks_for) == (reason, asks_for)
    assert question.question.endswith("?") or "?" in question.question
    assert len(question.question) < 120 and render_th(question) == question.question


def test_the_price_question_quotes_the_tax_from_the_factor_file(table: FactorTable) -> None:
    question = _question(table, "ปล่อยปีละ 600 ตัน ถ้าต้องจ่ายค่าคาร์บอนจะเสียเท่าไหร่")
    assert f"{_value(table, 'carbon_tax'):,.0f} บาทต่อตัน" in question.question
    assert (question.quantity, question.unit, question.period) == (600, "tCO2e", "year")


def test_the_period_question_repeats_the_figure(table: FactorTable) -> None:
    question = _question(table, "ใช้ไฟ 50,000 หน่วย ปีนึงปล่อยกี่ตัน")
    assert question.question == "ใช้ไฟ 50,000 หน่วยนี้ต่อเดือนหรือต่อปีครับ?"
    assert (question.activity, question.quantity, question.unit) == ("grid_electricity", 50_000, "kWh")


@pytest.mark.parametrize(
    "message",
    [
        "ค่าการปล่อยของไฟฟ้าปี 2026 เท่าไหร่",
        "ไฟฟ้าปล่อยคาร์บอนเท่าไหร่ต่อหน่วย",
        "สัปดาห์ที่ 3 เรียนอะไร",
        "ร้านใช้ไฟเดือนละ 10,000 หน่วย มีสินเชื่อสีเขียวไหม",
        "โซลาร์รูฟท็อปคืนทุนกี่ปี",
        "ภาษีคาร์บอนคืออะไร",
        "สวัสดีครับ",
        "CBAM เริ่มปี 2026 ใช่ไหม",
    ],
)
def test_questions_about_the_course_are_not_calculations(table: FactorTable, message: str) -> None:
    assert parse_calculation_request(message, table) is None


@pytest.mark.parametrize(
    "message",
    [
        "ใช้ไฟเดือนละ -5,000 หน่วย ปล่อยเท่าไหร่",
        "ใช้ไฟเดือนละ 900,000,000,000 หน่วย ปล่อยกี่ตัน",
        "น้ำมันมะพร้าว 100 ลิตร ปล่อยเท่าไหร่",
        "ติดโซล่า 0 kWp ลดคาร์บอนได้เท่าไหร่",
        "ใช้แก๊ส lpg ติดลบ 50 กิโลต่อเดือน ปล่อยกี่โล",
        "ถ่านหิน 20 ตันต่อเดือน ปล่อยคาบอนกี่ตัน",
    ],
)
def test_impossible_input_is_understood_then_refused_with_a_thai_message(table: FactorTable, message: str) -> None:
    request = _request(table, message)
    with pytest.raises(CalculationInputError) as raised:
        calculate(table, request)
    assert any("\u0e00" <= c <= "\u0e7f" for c in raised.value.message_th)


def test_every_answer_fits_a_chat_bubble(table: FactorTable) -> None:
    many = "ไฟ 50,000 หน่วย/เดือน ดีเซล 2,000 ลิตร/เดือน เบนซิน 300 ลิตร/เดือน LPG 500 กก./เดือน น้ำมันเตา 1,000 ลิตร/เดือน ก๊าซธรรมชาติ 200 MMBtu/เดือน"
    for message in (many, "ใช้ไฟเดือนละ 8,000 หน่วย ควรติดโซลาร์กี่ kW", "ค่าไฟเดือนละ 45,000 บาท ปล่อยเท่าไหร่"):
        answer = render_th(calculate(table, _request(table, message)))
        assert 0 < len(answer) <= MAX_CHARS
    assert "รวมประมาณ" in render_th(calculate(table, _request(table, many))).splitlines()[0]


def test_the_carbon_tax_on_a_footprint_separates_what_fuel_prices_already_pay(table: FactorTable) -> None:
    grid, diesel, tax = _factor(table, "grid_electricity"), _factor(table, "diesel"), _value(table, "carbon_tax")
    request = _request(table, "ไฟเดือนละ 12,000 หน่วย ดีเซลเดือนละ 500 ลิตร ภาษีคาร์บอนเท่าไหร่")
    result = calculate(table, request)
    assert isinstance(result, CarbonPriceResult)
    fuel = 500 * diesel.value * 12 / 1000
    total = fuel + 12_000 * grid.value * 12 / 1000
    assert result.cost_thb_per_year == pytest.approx(total * tax)
    assert result.taxed_tco2e == pytest.approx(fuel) and result.taxed_cost_thb == pytest.approx(fuel * tax)
    assert "จ่ายผ่านภาษีในราคาน้ำมันอยู่แล้ว" in render_th(result)


def test_a_carbon_price_per_tonne_without_the_word_baht(table: FactorTable) -> None:
    """"ราคาคาร์บอนตันละ 450" is a price in baht even when "บาท" is left out."""
    request = parse_calculation_request("ปล่อยปีละ 70 ตัน ราคาคาร์บอนตันละ 450 ต้องจ่ายเท่าไหร่", table)
    assert isinstance(request, CalculationRequest) and request.price_per_tonne == 450


def test_gasohol_grades_name_gasoline(table: FactorTable) -> None:
    """E20 typed glued to Thai ("เติมE20") is gasoline, computed with the gasoline factor."""
    request = parse_calculation_request("เติมE20เดือนละ 300 ลิตร ปล่อยเท่าไหร่", table)
    assert isinstance(request, CalculationRequest)
    [item] = request.items
    assert _factor(table, item.activity).activity == "gasoline" and item.quantity == 300


def test_a_daily_amount_over_the_days_the_shop_opens(table: FactorTable) -> None:
    """"วันละ 120 หน่วย เปิด 25 วันต่อเดือน" is 3,000 kWh a month, not 120 kWh every day of the year."""
    request = parse_calculation_request("ร้านใช้ไฟวันละ 120 หน่วย เปิด 25 วันต่อเดือน ปล่อยเท่าไหร่", table)
    assert isinstance(request, CalculationRequest)
    [item] = request.items
    assert (item.quantity, item.period) == (3000, "month")


def test_a_daily_amount_asked_per_year_without_working_days_asks_how_many_days(table: FactorTable) -> None:
    found = parse_calculation_request("รถส่งของเติมดีเซลวันละ 25 ลิตร ปีนึงปล่อยกี่ตัน", table)
    assert isinstance(found, Clarification) and found.reason == "days"
    assert "กี่วันต่อปี" in found.ask("th") and "days a year" in found.ask("en")


@pytest.mark.parametrize("text", ["น้ำมันก๊าด 150 ลิตรต่อเดือน ปล่อยเท่าไหร่", "ใช้ไฮโดรเจน 40 กก. ปล่อยกี่ตัน"])
def test_a_fuel_without_a_factor_is_refused_by_name(table: FactorTable, text: str) -> None:
    request = parse_calculation_request(text, table)
    assert isinstance(request, CalculationRequest)
    with pytest.raises(CalculationInputError) as refused:
        calculate(table, request)
    assert ("น้ำมันก๊าด" if "ก๊าด" in text else "ไฮโดรเจน") in refused.value.message("th")


def test_a_count_of_panels_asks_for_the_size(table: FactorTable) -> None:
    found = parse_calculation_request("ติดแผงโซลาร์ 120 แผง คืนทุนกี่ปี", table)
    assert isinstance(found, Clarification) and found.asks_for == "kWp"
