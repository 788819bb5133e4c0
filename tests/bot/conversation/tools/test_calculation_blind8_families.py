"""The two families calculations_blind8 missed, each with new messages written for this file.

A per-vehicle amount introduced by "แต่ละคัน" (each one), with a verb and the fuel between it and the
figure, is multiplied by the count of vehicles; a rooftop far larger than the small shop the message
names could hold is refused as a typo. Expected figures come from the factor file, never from the
calculators.
"""

from __future__ import annotations

import pytest

from bot.app.cli import sample_folder
from bot.conversation.tools.toolbox import Toolbox
from tests.bot.conversation.tools.calculation_checks import close_to, computed, factor_value

pytestmark = pytest.mark.filterwarnings("ignore")


@pytest.fixture(scope="module")
def toolbox() -> Toolbox:
    return Toolbox.from_course(sample_folder())


@pytest.mark.parametrize(
    ("text", "factor_id", "litres"),
    [
        ("รถกระบะส่งของ 3 คัน แต่ละคันเติมดีเซลเดือนละ 250 ลิตร ปล่อยคาร์บอนเท่าไหร่", "diesel_mobile", 750),
        ("มีรถตู้5คัน แต่ละคัน ใช้น้ำมันเบนซิน 120 ลิตรต่อเดือน คิดเป็นคาร์บอนกี่ตันต่อปี", "gasoline_mobile", 600),
        ("เครื่องปั่นไฟ 2 เครื่อง แต่ละเครื่องใช้ดีเซล 90 ลิตรต่อเดือน คาร์บอนเท่าไร", "diesel_stationary", 180),
    ],
)
def test_each_one_after_the_count_multiplies_the_amount(
    toolbox: Toolbox, text: str, factor_id: str, litres: float
) -> None:
    values = computed(toolbox, text)
    assert close_to(values["kgco2e"], litres * factor_value(toolbox, factor_id)), values
    assert values["period"] == "month"


@pytest.mark.parametrize(
    "text",
    [
        "ร้านเสริมสวยห้องแถวจะติดโซล่าเซล 20,000 kW ลดคาร์บอนได้กี่ตัน",
        "ร้านกาแฟหน้าบ้านติดโซลาร์ 3,000 kWp คืนทุนกี่ปีคะ",
    ],
)
def test_a_rooftop_too_large_for_a_small_shop_is_refused(toolbox: Toolbox, text: str) -> None:
    reply = toolbox.answer(text)
    assert reply is not None and reply.kind == "calculation", text
    assert reply.values.get("refused") is True and "payback_years_low" not in reply.values, reply.values
    assert "kWp" in reply.text


def test_a_small_shops_real_rooftop_is_still_computed(toolbox: Toolbox) -> None:
    values = computed(toolbox, "ร้านกาแฟหน้าบ้านติดโซลาร์ 5 kWp คืนทุนกี่ปี")
    assert values["kwp"] == 5
