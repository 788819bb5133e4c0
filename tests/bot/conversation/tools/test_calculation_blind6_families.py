"""The families calculations_blind6 missed, each with new messages written for this file.

A fuel named with a request to compute but no figure (ask for the amount), water and electricity in
one bill (ask for the electricity part), an amount no SME could use whatever the business, a month
named ("for October", "ตุลาคม", "that month") as the period, and a weekly amount over a stated
number of weeks. Expected figures come from the factor file (amount x factor), never from the calculators.
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


@pytest.mark.parametrize(
    ("text", "fuel"),
    [
        ("รถกระบะส่งของกินน้ำมันดีเซลหนักมาก คำนวณคาร์บอนให้หน่อยได้ไหมคะ", "ดีเซล"),
        ("ร้านเราใช้เบนซินกับมอไซค์ส่งของ ช่วยคิดการปล่อยหน่อยได้มั้ย", "เบนซิน"),
        ("Our boiler burns a lot of fuel oil, could you calculate the carbon for us?", "น้ำมันเตา"),
    ],
)
def test_a_fuel_with_a_request_to_compute_asks_for_the_amount(toolbox: Toolbox, text: str, fuel: str) -> None:
    question = asked_back(toolbox, text)
    assert fuel in question and "ลิตร" in question


@pytest.mark.parametrize("text", ["ดีเซลปล่อยคาร์บอนเท่าไหร่", "EF ดีเซลเท่าไร", "ใช้ดีเซลกับรถขนส่ง ต้องนับเป็น scope 1 ไหม"])
def test_a_course_question_about_a_fuel_is_left_to_the_material(toolbox: Toolbox, text: str) -> None:
    assert toolbox.answer(text) is None


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("บิลน้ำกับบิลไฟรวมกันตกเดือนละ 8,200 บาท ปล่อยกี่ตัน", "8,200 บาท"),
        ("we pay 9,800 baht a month for water and power together, how much co2?", "9,800 บาท"),
    ],
)
def test_water_and_electricity_in_one_bill_asks_for_the_electricity(toolbox: Toolbox, text: str, amount: str) -> None:
    question = asked_back(toolbox, text)
    assert amount in question and "ค่าไฟ" in question


@pytest.mark.parametrize(
    "text",
    [
        "ร้านข้าวแกงใช้ไฟ 700 ล้านหน่วยต่อเดือน ปล่อยคาร์บอนเท่าไหร่",
        "บริษัทเราใช้ไฟเดือนละ 300 ล้านหน่วย คิดคาร์บอนให้หน่อย",
        "โรงงานใช้ดีเซลเดือนละ 80 ล้านลิตร ปล่อยกี่ตัน",
    ],
)
def test_an_amount_no_sme_could_use_is_refused_whatever_the_business(toolbox: Toolbox, text: str) -> None:
    reply = toolbox.answer(text)
    assert reply is not None and reply.values.get("refused") is True
    assert "ตรวจตัวเลข" in reply.text


def test_a_food_shop_named_by_its_dish_is_small(toolbox: Toolbox) -> None:
    reply = toolbox.answer("ร้านอาหารตามสั่งใช้ไฟเดือนละ 4 ล้านหน่วย ปล่อยเท่าไหร่")
    assert reply is not None and reply.values.get("refused") is True
    assert "ขนาดเล็ก" in reply.text


def test_a_large_real_figure_for_a_factory_is_still_computed(toolbox: Toolbox) -> None:
    values = computed(toolbox, "โรงงานฉีดพลาสติกใช้ไฟเดือนละ 3 ล้านหน่วย ปล่อยเท่าไหร่")
    assert close_to(values["kgco2e"], 3_000_000 * factor_value(toolbox, "grid_electricity")), values


@pytest.mark.parametrize(
    "text",
    [
        "The shop used 2,750 kWh in March, what were the emissions that month?",
        "มิเตอร์ร้านขึ้น 2,750 หน่วย ของตุลาคม ปล่อยคาร์บอนเท่าไหร่",
        "2,750 kWh that month, how much carbon?",
    ],
)
def test_a_named_month_is_the_period(toolbox: Toolbox, text: str) -> None:
    values = computed(toolbox, text)
    assert close_to(values["kgco2e"], 2750 * factor_value(toolbox, "grid_electricity")), values
    assert values["period"] == "month"


@pytest.mark.parametrize(
    ("text", "litres"),
    [
        ("โรงงานใช้ดีเซลอาทิตย์ละ 150 ลิตร 50 อาทิตย์ ทั้งปีปล่อยกี่ตัน", 7500),
        ("เครื่องปั่นไฟกินดีเซลสัปดาห์ละ 80 ลิตร ใช้ 52 สัปดาห์ตลอดปี คาร์บอนทั้งปีเท่าไร", 4160),
    ],
)
def test_a_weekly_amount_over_the_weeks_stated_is_the_years_total(toolbox: Toolbox, text: str, litres: float) -> None:
    values = computed(toolbox, text)
    diesel = {factor_value(toolbox, "diesel_mobile"), factor_value(toolbox, "diesel_stationary")}
    assert any(close_to(values["kgco2e"], litres * f) for f in diesel), values
    assert values["period"] == "year"


def test_a_weekly_amount_without_the_weeks_still_asks_how_many(toolbox: Toolbox) -> None:
    question = asked_back(toolbox, "ไฟที่ร้านสัปดาห์ละ 600 หน่วย ทั้งปีปล่อยเท่าไหร่")
    assert "สัปดาห์" in question
