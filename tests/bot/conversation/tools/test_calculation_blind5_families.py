"""The families calculations_blind5 missed, each with new messages written for this file.

A solar size from daytime use when the panels are named but not "โซลาร์", cubic metres of gas as
"คิว" glued to a period, conversions asked "เป็นหน่วยกิโล", solar without a figure, baht bills that
need a question, absurd amounts for a small shop, "เดือนนี้" as the period, and trucks with litres
each. Expected figures come from the factor file (amount x factor), never from the calculators.
"""

from __future__ import annotations

import pytest

from bot.app.cli import sample_folder
from bot.conversation.tools.toolbox import Toolbox
from tests.bot.conversation.tools.calculation_checks import asked_back, close_to, computed, factor_value

pytestmark = pytest.mark.filterwarnings("ignore")


@pytest.fixture(scope="module")
def toolbox() -> Toolbox:
    return Toolbox.from_course(sample_folder())


def _parameter(toolbox: Toolbox, name: str) -> float:
    assert toolbox.factors is not None
    value = toolbox.factors.parameter(name).value
    assert value is not None
    return value


@pytest.mark.parametrize(
    ("text", "monthly_kwh"),
    [
        ("ร้านเบเกอรี่อบขนมกลางวัน ใช้ไฟช่วงนั้น 7,200 หน่วยต่อเดือน อยากลงแผงบนหลังคา ขนาดเท่าไหร่ดี", 7200),
        ("โรงงานใช้ไฟกลางวันปีละ 96,000 kWh จะติดตั้งแผงควรเลือกไซส์ไหน", 8000),
        ("daytime use is 4,000 kWh a month, how big should the panels be?", 4000),
    ],
)
def test_a_solar_size_from_daytime_use_when_only_the_panels_are_named(
    toolbox: Toolbox, text: str, monthly_kwh: float
) -> None:
    values = computed(toolbox, text)
    assert close_to(values["monthly_kwh"], monthly_kwh), values
    assert values["kwp"] and float(str(values["kwp"])) > 0


def test_a_market_stall_is_no_solar_panel(toolbox: Toolbox) -> None:
    """ "แผงขายผัก" is a stall: its electricity is computed as electricity, not sized as solar."""
    values = computed(toolbox, "แผงขายผักในตลาดใช้ไฟเดือนละ 300 หน่วย ปล่อยคาร์บอนเท่าไหร่")
    assert close_to(values["kgco2e"], 300 * factor_value(toolbox, "grid_electricity")), values


@pytest.mark.parametrize(
    ("text", "m3", "period"),
    [
        ("โรงย้อมใช้ก๊าซธรรมชาติ 6 หมื่นคิวต่อปี ปล่อยกี่ตัน", 60000, "year"),
        ("ก๊าซธรรมชาติเดือนละ 3,400 ลบ.ม. คิดคาร์บอนให้หน่อย", 3400, "month"),
        ("ใช้ก๊าซธรรมชาติ 15,000 ลูกบาศก์เมตรทุกเดือน ปล่อยเท่าไร", 15000, "month"),
    ],
)
def test_natural_gas_in_cubic_metres_however_written(toolbox: Toolbox, text: str, m3: float, period: str) -> None:
    values = computed(toolbox, text)
    want = m3 * _parameter(toolbox, "scf_per_m3") * factor_value(toolbox, "natural_gas_volume")
    assert close_to(values["kgco2e"], want), values
    assert values["period"] == period


@pytest.mark.parametrize(
    ("text", "kg"),
    [
        ("ในรายงานเขียนว่า 3.4 tCO2e อยากรู้ว่าเป็นหน่วยกิโลเท่าไหร่", 3400),
        ("2.2 ตันคาร์บอน คิดเป็นกิโลคาร์บอนได้เท่าไหร่คะ", 2200),
        ("8,100 กิโลคาร์บอน ในหน่วยตันเป็นเท่าไร", 8100),
    ],
)
def test_tonnes_and_kilograms_of_co2e_converted_both_ways(toolbox: Toolbox, text: str, kg: float) -> None:
    values = computed(toolbox, text)
    assert close_to(values["kgco2e"], kg), values


@pytest.mark.parametrize(
    "text",
    [
        "โรงงานเราจะติดโซลาร์ ช่วยลด co2 ได้ประมาณเท่าไหร่",
        "ร้านผมถ้าลงแผงโซล่าจะลดคาร์บอนได้กี่ตัน",
    ],
)
def test_solar_without_any_figure_asks_for_the_size_or_the_use(toolbox: Toolbox, text: str) -> None:
    question = asked_back(toolbox, text)
    assert "kWp" in question


def test_a_course_question_about_solar_is_left_to_the_material(toolbox: Toolbox) -> None:
    assert toolbox.answer("โซลาร์เซลล์ลดคาร์บอนได้อย่างไร") is None


def test_a_bill_asked_how_to_assess_for_a_year_asks_its_period(toolbox: Toolbox) -> None:
    question = asked_back(toolbox, "บิลค่าไฟใบนี้ 9,400 บาท ถ้าจะทำ scope 2 ทั้งปีต้องคิดยังไงครับ")
    assert "9,400 บาท" in question and "ต่อเดือนหรือต่อปี" in question


def test_a_bill_not_said_to_be_electricity_asks_what_it_is_for(toolbox: Toolbox) -> None:
    question = asked_back(toolbox, "ร้านจ่ายบิลเดือนละ 26,000 บาท ปล่อยคาร์บอนกี่ตันคะ")
    assert "26,000 บาท" in question and "ค่าอะไร" in question


def test_a_bill_in_units_is_electricity_without_the_word(toolbox: Toolbox) -> None:
    values = computed(toolbox, "บิลขึ้นว่าใช้ไป 1,250 หน่วยเดือนที่แล้ว คิดคาร์บอนให้หน่อย")
    assert close_to(values["kgco2e"], 1250 * factor_value(toolbox, "grid_electricity")), values


@pytest.mark.parametrize(
    "text",
    [
        "ร้านก๋วยเตี๋ยวหน้าบ้านใช้ไฟเดือนละ 600 ล้านหน่วย",
        "รถเข็นขายกาแฟใช้แก๊สเดือนละ 2 ล้านกิโล ปล่อยเท่าไหร่",
        "ร้านเสริมสวยเล็กๆ จ่ายค่าไฟเดือนละ 400 ล้านบาท",
    ],
)
def test_an_absurd_amount_for_a_small_shop_is_refused(toolbox: Toolbox, text: str) -> None:
    reply = toolbox.answer(text)
    assert reply is not None and reply.values.get("refused") is True
    assert "ขนาดเล็ก" in reply.text and "ตรวจตัวเลข" in reply.text


def test_a_large_figure_for_a_factory_is_still_computed(toolbox: Toolbox) -> None:
    """The small-shop bound does not apply once the message is about a factory."""
    values = computed(toolbox, "โรงงานข้างร้านก๋วยเตี๋ยวใช้ไฟเดือนละ 2 ล้านหน่วย ปล่อยเท่าไหร่")
    assert close_to(values["kgco2e"], 2_000_000 * factor_value(toolbox, "grid_electricity")), values


@pytest.mark.parametrize(
    "text",
    [
        "เดือนนี้บิลของร้านแจ้งมาว่าใช้ไปทั้งหมด 5,430 units ช่วยคิดคาร์บอนให้ที",
        "the meter reading for this month came to 5,430 units, co2 please",
    ],
)
def test_this_month_is_the_period_of_units(toolbox: Toolbox, text: str) -> None:
    values = computed(toolbox, text)
    assert close_to(values["kgco2e"], 5430 * factor_value(toolbox, "grid_electricity")), values
    assert values["period"] == "month"


@pytest.mark.parametrize(
    ("text", "litres"),
    [
        ("รถ 10 ล้อ 2 คัน คันละ 1,100 ลิตรต่อเดือน ปล่อยเท่าไหร่", 2200),
        ("รถบรรทุก x4 คัน เติมน้ำมันคันละ 450 ลิตรต่อเดือน คิดคาร์บอนให้หน่อย", 1800),
        ("กระบะ 3 คัน คันละ 250 ลิตร/เดือน คาร์บอนรวมเท่าไร", 750),
    ],
)
def test_trucks_with_litres_each_burn_diesel_on_the_road(toolbox: Toolbox, text: str, litres: float) -> None:
    values = computed(toolbox, text)
    assert close_to(values["kgco2e"], litres * factor_value(toolbox, "diesel_mobile")), values
    assert values["period"] == "month"


def test_a_truck_question_without_litres_is_left_to_the_material(toolbox: Toolbox) -> None:
    assert toolbox.answer("รถกระบะ 4 คัน ถ้าเปลี่ยนเป็นรถไฟฟ้าจะลดคาร์บอนได้ไหม") is None
