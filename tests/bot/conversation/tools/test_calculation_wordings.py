"""Families of wording the calculators once missed, each with new messages written for this file.

Every class here failed on an earlier parser: the unit typed before the number, a number glued
to a Latin word, English "million", tanks and drums, a period that frames the whole message,
baht that need a question, vague amounts, panels in watts, a carbon price without "บาท".
Expected figures come from the factor file (amount x factor), never from the calculators.
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
    ("text", "factor", "amount", "period"),
    [
        ("น้ำมันดีเซล ลิตร 1,200 ต่อเดือน ปล่อยกี่ตัน", "diesel_mobile", 1200, "month"),
        ("kWh ปีละ 60,000 คิดคาร์บอนให้หน่อย", "grid_electricity", 60000, "year"),
        ("ใช้LPG300กก./เดือน ปล่อยเท่าไหร่", "lpg", 300, "month"),
        ("we use 2.5 million kWh a year, how much carbon?", "grid_electricity", 2_500_000, "year"),
        ("diesel 900 L p.m. co2?", "diesel_mobile", 900, "month"),
    ],
)
def test_numbers_typed_every_way_are_computed(
    toolbox: Toolbox, text: str, factor: str, amount: float, period: str
) -> None:
    """The unit before the number, a number glued to "LPG", "2.5 million", "p.m." for per month."""
    values = computed(toolbox, text)
    assert close_to(values["kgco2e"], amount * factor_value(toolbox, factor)), values
    assert values["period"] == period


@pytest.mark.parametrize(
    ("text", "factor", "amount", "period"),
    [
        # One tank a month, the "one" left unwritten.
        ("ร้านข้าวแกงใช้แก๊สถัง 15 กก. เดือนละถัง ปล่อยเท่าไหร่", "lpg", 15, "month"),
        # Tanks and kilograms with no gas word: LPG is the only fuel bought that way.
        ("ใช้ถัง 4 ถังต่อเดือน ถังละ 15 กก. ปล่อยคาร์บอนเท่าไหร่", "lpg", 60, "month"),
        # A count glued after the dot of "กก.".
        ("แก๊ส48กก.3ถังต่อเดือน ปล่อยกี่ตัน", "lpg", 144, "month"),
        # Drums of a liquid fuel: drums x litres per drum.
        ("น้ำมันดีเซล 5 ถัง ถังละ 200 ลิตร ต่อเดือน ปล่อยเท่าไหร่", "diesel_mobile", 1000, "month"),
    ],
)
def test_fuel_bought_by_the_tank_or_drum(toolbox: Toolbox, text: str, factor: str, amount: float, period: str) -> None:
    values = computed(toolbox, text)
    assert any(close_to(values["kgco2e"], amount * factor_value(toolbox, f)) for f in (factor, "diesel_stationary")), values
    assert values["period"] == period


@pytest.mark.parametrize(
    ("text", "amount", "period"),
    [
        ("เดือนที่แล้วโรงงาน 2 แห่งใช้ไฟรวม 42,000 หน่วย ปล่อยเท่าไหร่", 42000, "month"),
        ("ปีก่อนทั้งบริษัทใช้ไฟไป 510,000 kWh คิดคาร์บอนให้หน่อย", 510000, "year"),
        ("มิเตอร์ขึ้น 3,900 หน่วย ตามบิลเดือน ต.ค. ปล่อยกี่กิโล", 3900, "month"),
    ],
)
def test_a_period_that_frames_the_message_is_the_figures_period(
    toolbox: Toolbox, text: str, amount: float, period: str
) -> None:
    """ "Last month", "last year", "the October bill": said away from the number, still its period."""
    values = computed(toolbox, text)
    assert close_to(values["kgco2e"], amount * factor_value(toolbox, "grid_electricity"))
    assert values["period"] == period


def test_a_fuel_in_baht_asks_how_many_litres_and_repeats_the_amount(toolbox: Toolbox) -> None:
    question = asked_back(toolbox, "ค่าน้ำมันเบนซินเดือนละ 9,000 บาท ปล่อยคาร์บอนเท่าไหร่")
    assert "9,000 บาท" in question and "กี่ลิตร" in question
    lpg = asked_back(toolbox, "ร้านหมูกระทะจ่ายค่าแก๊สหุงต้มเดือนละ 4,800 บาท ปล่อยกี่ตัน")
    assert "4,800 บาท" in lpg and "กิโลกรัม" in lpg and "กก." not in lpg


def test_a_fuel_in_baht_with_its_price_per_litre_is_computed(toolbox: Toolbox) -> None:
    values = computed(toolbox, "เติมเบนซิน 9,000 บาทต่อเดือน ลิตรละ 36 บาท ปล่อยเท่าไหร่")
    assert close_to(values["kgco2e"], 9000 / 36 * factor_value(toolbox, "gasoline_mobile"))
    assert values["period"] == "month"


def test_baht_with_nothing_named_asks_what_they_paid_for(toolbox: Toolbox) -> None:
    question = asked_back(toolbox, "บริษัทจ่ายเดือนละ 40,000 บาท คาร์บอนเท่าไหร่")
    assert "40,000 บาท" in question and "ค่าไฟ" in question


def test_water_and_electricity_in_one_bill_asks_for_the_electricity_part(toolbox: Toolbox) -> None:
    question = asked_back(toolbox, "บิลค่าน้ำค่าไฟเดือนละ 25,000 บาท ปล่อยกี่ตัน")
    assert "25,000 บาท" in question and "ค่าไฟ" in question


@pytest.mark.parametrize(
    "text", ["จ่าย กฟภ. เดือนละ 7,500 บาท ปล่อยคาร์บอนเท่าไหร่", "our MEA bill is 7,500 baht a month, carbon?"]
)
def test_a_bill_named_by_the_utility_is_an_electricity_bill(toolbox: Toolbox, text: str) -> None:
    assert toolbox.factors is not None
    tariff = toolbox.factors.parameter("grid_tariff").value
    assert tariff
    values = computed(toolbox, text)
    assert close_to(values["kgco2e"], 7500 / tariff * factor_value(toolbox, "grid_electricity"))


def test_a_vague_amount_of_their_own_gets_a_question(toolbox: Toolbox) -> None:
    question = asked_back(toolbox, "ค่าไฟเดือนละหลายแสน ปล่อยคาร์บอนเยอะไหม")
    assert "บาท" in question or "หน่วย" in question


def test_panels_in_watts_make_the_system_size(toolbox: Toolbox) -> None:
    assert toolbox.factors is not None
    solar_yield = toolbox.factors.parameter("solar_yield").value
    assert solar_yield
    values = computed(toolbox, "หลังคาโรงงานติดแผง 36 แผง แผงละ 600 วัตต์ คืนทุนกี่ปี")
    assert close_to(values["kwp"], 21.6)
    assert close_to(values["yearly_kwh"], 21.6 * solar_yield)


def test_a_count_of_panels_without_watts_asks_for_them(toolbox: Toolbox) -> None:
    question = asked_back(toolbox, "ติดแผงโซลาร์ 24 แผง ผลิตไฟได้เท่าไหร่")
    assert "24 แผง" in question and "วัตต์" in question


def test_a_carbon_price_per_tonne_without_baht_on_monthly_tonnes(toolbox: Toolbox) -> None:
    values = computed(toolbox, "ปล่อยเดือนละ 8 ตัน ถ้าราคาตันละ 250 ต้องจ่ายปีละเท่าไร")
    assert close_to(values["tco2e"], 8) and values["period"] == "month"
    assert close_to(values["price_per_tonne"], 250) and close_to(values["cost_thb"], 2000)


def test_an_english_conversion_question(toolbox: Toolbox) -> None:
    values = computed(toolbox, "2.4 tCO2e is how many kg?")
    assert close_to(values["kgco2e"], 2400)


def test_a_fuel_without_a_factor_is_refused_before_asking_its_period(toolbox: Toolbox) -> None:
    reply = toolbox.answer("ใช้ถ่านหิน 300 ตัน ปีนึงปล่อยเท่าไหร่")
    assert reply is not None and reply.values.get("refused") is True
    assert "ถ่านหิน" in reply.text and "?" not in reply.text
