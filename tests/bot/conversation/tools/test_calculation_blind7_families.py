"""The families calculations_blind7 missed, each with new messages written for this file.

A calendar year named as the span of a figure ("in 2024", "ปี 2567", "ปี66") makes it yearly; a fuel
the course has no factor for (sawdust briquettes, wood pellets, coconut shells, B100 biodiesel) is
refused; "X กว่า" ("หมื่นกว่า", "800 กว่าลิตร") is a vague amount asked back like a range; and a
year asked for ("อยากรู้ว่าทั้งปี", "ถ้าคิดทั้งปี") about an amount with no period of its own asks
what period the amount covers. Expected figures come from the factor file, never from the calculators.
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
    ("text", "factor_id", "amount"),
    [
        ("ปี 2567 ร้านเราใช้ไฟ 38,400 หน่วย ปล่อยคาร์บอนเท่าไหร่", "grid_electricity", 38_400),
        ("ปี66 โรงงานใช้ LPG ไป 2,400 กก. คิดคาร์บอนให้หน่อย", "lpg", 2_400),
        ("The bakery used 41,000 kWh of electricity in 2024. What were our emissions?", "grid_electricity", 41_000),
    ],
)
def test_a_calendar_year_named_is_the_period(toolbox: Toolbox, text: str, factor_id: str, amount: float) -> None:
    values = computed(toolbox, text)
    assert close_to(values["kgco2e"], amount * factor_value(toolbox, factor_id)), values
    assert values["period"] == "year"


def test_a_target_year_is_not_the_span_of_the_figure(toolbox: Toolbox) -> None:
    values = computed(toolbox, "ร้านใช้ไฟ 5,200 หน่วย อยากลดให้ได้ครึ่งหนึ่งภายในปี 2573 ตอนนี้ปล่อยเท่าไหร่")
    assert values["period"] is None


@pytest.mark.parametrize(
    "text",
    [
        "โรงอบลำไยใช้ขี้เลื่อยอัดแท่งเดือนละ 12 ตัน ปล่อยคาร์บอนเท่าไหร่",
        "บอยเลอร์เผา wood pellet 6 ตันต่อเดือน คิดคาร์บอนให้หน่อย",
        "เตาย่างใช้กะลามะพร้าว 900 กิโลต่อเดือน ปล่อยกี่ตัน",
        "รถบรรทุกเติมไบโอดีเซล B100 เดือนละ 2,000 ลิตร ปล่อยเท่าไหร่",
    ],
)
def test_a_fuel_without_a_course_factor_is_refused(toolbox: Toolbox, text: str) -> None:
    reply = toolbox.answer(text)
    assert reply is not None and reply.kind == "calculation", text
    assert reply.values.get("refused") is True and "kgco2e" not in reply.values, reply.values


def test_ordinary_diesel_b7_is_still_diesel(toolbox: Toolbox) -> None:
    values = computed(toolbox, "รถกระบะเติมดีเซล B7 เดือนละ 250 ลิตร ปล่อยเท่าไหร่")
    assert close_to(values["kgco2e"], 250 * factor_value(toolbox, "diesel_mobile")), values


@pytest.mark.parametrize(
    ("text", "low", "high", "factor_id"),
    [
        ("ไฟร้านซักรีดเดือนละหมื่นกว่าหน่วย ปล่อยเท่าไหร่", 10_000, 20_000, "grid_electricity"),
        ("ใช้ไฟ 4 พันกว่าหน่วยต่อเดือน ปล่อย co2 เท่าไร", 4_000, 5_000, "grid_electricity"),
        ("ดีเซลรถส่งน้ำแข็งเดือนละ 600 กว่าลิตร คิดคาร์บอนให้หน่อย", 600, 700, "diesel_mobile"),
    ],
)
def test_x_kwa_is_asked_back_like_a_range(toolbox: Toolbox, text: str, low: float, high: float, factor_id: str) -> None:
    reply = toolbox.answer(text)
    assert reply is not None and reply.values.get("clarify") is True, text
    assert reply.values.get("reason") == "range"
    factor = factor_value(toolbox, factor_id)
    ends = reply.values["range_kgco2e"]
    assert isinstance(ends, list) and close_to(ends[0], low * factor) and close_to(ends[1], high * factor), ends
    assert reply.text.count("?") == 1


def test_more_than_last_month_is_not_a_vague_amount(toolbox: Toolbox) -> None:
    values = computed(toolbox, "เดือนนี้ใช้ไฟ 6,300 หน่วย มากกว่าเดือนก่อน ปล่อยเท่าไหร่")
    assert close_to(values["kgco2e"], 6_300 * factor_value(toolbox, "grid_electricity")), values


@pytest.mark.parametrize(
    "text",
    [
        "ใช้ไฟ 3,900 หน่วย อยากรู้ว่าทั้งปีโรงงานเราปล่อยเท่าไหร่",
        "จ่ายค่าไฟ 15,500 บาท ถ้าคิดทั้งปีร้านเบเกอรี่จะปล่อยคาร์บอนเท่าไหร่",
        "เติมดีเซล 420 ลิตร ถ้าเป็นทั้งปีจะปล่อยกี่ตัน",
    ],
)
def test_a_year_asked_about_an_amount_without_a_period_asks_its_period(toolbox: Toolbox, text: str) -> None:
    reply = toolbox.answer(text)
    assert reply is not None and reply.values.get("clarify") is True, text
    assert reply.values.get("reason") == "period"
    assert "kgco2e" not in reply.values


@pytest.mark.parametrize(
    "text",
    ["ทั้งปีร้านเราใช้ไฟ 3,900 หน่วย ปล่อยเท่าไหร่", "ใช้ไฟ 3,900 หน่วยทั้งปี ร้านผมปล่อยเท่าไหร่"],
)
def test_a_year_said_of_the_amount_is_its_period(toolbox: Toolbox, text: str) -> None:
    values = computed(toolbox, text)
    assert close_to(values["kgco2e"], 3_900 * factor_value(toolbox, "grid_electricity")), values
    assert values["period"] == "year"
