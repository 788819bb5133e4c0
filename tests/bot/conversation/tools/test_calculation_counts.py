"""Amounts typed as a part and a count, as a range, or for a generator: the families of issue 14's last tail.

Each message is new (written for this file, not copied from a bench set). Expected figures are
the amount the message means times the factor read from the course's factor file, never a
number the calculators produced. Every class failed before branch h14-calc2: "ทุกเดือน" was no
period, "คันละ 100 ลิตร" was counted once, "2 ถังต่อสัปดาห์ ทั้งปี 52 สัปดาห์" lost its weeks, a
generator with no fuel named was not computed, and a range was computed at its top end.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.app.cli import sample_folder
from bot.conversation.tools.calculation_counts import VEHICLE_LITRES_PER_DAY
from bot.conversation.tools.toolbox import Toolbox
from tests.bot.conversation.tools.calculation_checks import close_to, computed, factor_value, grid_tariff

pytestmark = pytest.mark.filterwarnings("ignore")


@pytest.fixture(scope="module")
def toolbox() -> Toolbox:
    return Toolbox.from_course(sample_folder())










@pytest.mark.parametrize(
    ("text", "factor", "amount", "period"),
    [
        # "ทุกเดือน" states the period; "ทั้งปี" only asks for the year.
        ("ร้านขนมปังใช้ไฟ 4,100 หน่วยทุกเดือน ทั้งปีปล่อยกี่ตันครับ", "grid_electricity", 4100, "month"),
        ("เติมดีเซลทุกเดือน 700 ลิตร ปีนึงคาร์บอนเท่าไหร่", "diesel_mobile", 700, "month"),
        ("ใช้ LPG 350 กก. ทุกๆเดือน รวมทั้งปีปล่อยเท่าไร", "lpg", 350, "month"),
        ("we burn 900 litres of diesel every month, how much co2 for the whole year?", "diesel_mobile", 900, "month"),
        # A named month is one month's figure.
        ("บิลไฟเดือนพฤษภาขึ้น 5,300 หน่วย ปล่อยเท่าไหร่คะ", "grid_electricity", 5300, "month"),
    ],
)
def test_a_figure_every_month_is_monthly_even_when_the_year_is_asked(
    toolbox: Toolbox, text: str, factor: str, amount: float, period: str
) -> None:
    values = computed(toolbox, text)
    assert close_to(values["kgco2e"], amount * factor_value(toolbox, factor)), values
    assert values["period"] == period


def test_a_bill_for_a_named_month_goes_through_the_course_tariff(toolbox: Toolbox) -> None:
    values = computed(toolbox, "ค่าไฟเดือนกุมภาพันธ์ 27,000 บาท คาร์บอนเท่าไหร่")
    assert close_to(values["kgco2e"], 27_000 / grid_tariff(toolbox) * factor_value(toolbox, "grid_electricity"))
    assert values["period"] == "month"


@pytest.mark.parametrize(
    ("text", "factor", "amount", "period"),
    [
        ("มีรถกระบะ 3 คัน เติมดีเซลคันละ 250 ลิตรต่อเดือน ปล่อยกี่ตัน", "diesel_mobile", 750, "month"),
        ("ร้านมี 4 สาขา ใช้ไฟสาขาละ 2,500 หน่วย/เดือน คาร์บอนรวมเท่าไหร่", "grid_electricity", 10_000, "month"),
        ("ตู้เย็นโชว์ 6 ตู้ กินไฟตู้ละ 150 หน่วยต่อเดือน ปล่อยเท่าไร", "grid_electricity", 900, "month"),
        ("we run 5 vans, each uses 180 litres of diesel a month. emissions?", "diesel_mobile", 900, "month"),
        # A count in words, and times in a period ("เดือนละ 4 ครั้ง ครั้งละ 60 ลิตร").
        ("มีรถสามคัน เติมดีเซลคันละ 90 ลิตรต่อเดือน ปล่อยเท่าไหร่", "diesel_mobile", 270, "month"),
        ("เติมเบนซินเดือนละ 4 ครั้ง ครั้งละ 60 ลิตร ปล่อยกี่ตัน", "gasoline_mobile", 240, "month"),
        # Per vehicle and per day with the days worked: 2 x 35 x 24.
        ("รถส่งของ 2 คัน เติมเบนซินคันละ 35 ลิตรต่อวัน เดือนละ 24 วัน ปล่อยเท่าไหร่", "gasoline_mobile", 1680, "month"),
    ],
)
def test_an_amount_each_is_multiplied_by_the_count(
    toolbox: Toolbox, text: str, factor: str, amount: float, period: str
) -> None:
    values = computed(toolbox, text)
    assert close_to(values["kgco2e"], amount * factor_value(toolbox, factor)), values
    assert values["period"] == period


def test_a_bill_each_branch_is_multiplied_by_the_branches(toolbox: Toolbox) -> None:
    values = computed(toolbox, "โรงแรม 3 แห่ง ค่าไฟแห่งละ 40,000 บาทต่อเดือน ปล่อยคาร์บอนเท่าไหร่")
    assert close_to(values["kgco2e"], 120_000 / grid_tariff(toolbox) * factor_value(toolbox, "grid_electricity"))


@pytest.mark.parametrize(
    ("text", "factor", "amount", "period"),
    [
        ("ดีเซล 300 ลิตรต่อสัปดาห์ ปีละ 50 สัปดาห์ ปล่อยกี่ตัน", "diesel_mobile", 15_000, "year"),
        ("ใช้ไฟอาทิตย์ละ 600 หน่วย เดือนละ 4 อาทิตย์ คาร์บอนเท่าไหร่", "grid_electricity", 2400, "month"),
        ("แก๊ส 15 กก. 4 ถังต่อสัปดาห์ ทั้งปี 50 สัปดาห์ ปล่อยเท่าไหร่", "lpg", 3000, "year"),
        ("gasoline 60 litres per week, 48 weeks a year, how many tonnes?", "gasoline_mobile", 2880, "year"),
        # The period before the number: "every week 250 litres" is no "week 250" of the programme.
        ("every week 250 litres of diesel, 50 weeks a year, co2?", "diesel_mobile", 12_500, "year"),
        ("ทุกสัปดาห์ 120 ลิตร เบนซิน ปีละ 52 สัปดาห์ ปล่อยกี่ตัน", "gasoline_mobile", 6240, "year"),
        ("ใช้แก๊สวันละ 2 ถัง ถังละ 48 กก. เดือนละ 25 วัน ปล่อยกี่ตัน", "lpg", 2400, "month"),
    ],
)
def test_a_weekly_or_daily_amount_is_taken_over_the_stated_weeks_or_days(
    toolbox: Toolbox, text: str, factor: str, amount: float, period: str
) -> None:
    values = computed(toolbox, text)
    assert close_to(values["kgco2e"], amount * factor_value(toolbox, factor)), values
    assert values["period"] == period


def test_a_weekly_amount_without_weeks_asks_how_many_when_a_year_is_wanted(toolbox: Toolbox) -> None:
    reply = toolbox.answer("ใช้ดีเซลสัปดาห์ละ 400 ลิตร ปล่อยต่อปีเท่าไหร่")
    assert reply is not None and reply.values.get("clarify") is True
    assert "สัปดาห์" in reply.text and reply.text.count("?") == 1


def test_a_weekly_amount_alone_is_computed_per_week_and_says_the_year_assumes_52(toolbox: Toolbox) -> None:
    values = computed(toolbox, "ใช้ไฟสัปดาห์ละ 1,500 หน่วย ปล่อยคาร์บอนเท่าไหร่")
    assert close_to(values["kgco2e"], 1500 * factor_value(toolbox, "grid_electricity"))
    assert values["period"] == "week"
    reply = toolbox.answer("ใช้ไฟสัปดาห์ละ 1,500 หน่วย ปล่อยคาร์บอนเท่าไหร่")
    assert reply is not None and "52 สัปดาห์" in reply.text


@pytest.mark.parametrize(
    ("text", "factor", "amount"),
    [
        ("เครื่องปั่นไฟใช้น้ำมัน 150 ลิตรต่อเดือน ปล่อยเท่าไหร่", "diesel_stationary", 150),
        ("genset uses 320 litres a month, co2?", "diesel_stationary", 320),
        ("เครื่องกำเนิดไฟฟ้าในโรงงาน เดือนละ 90 ลิตร คาร์บอนเท่าไหร่", "diesel_stationary", 90),
        ("เครื่องปั่นไฟดีเซลเติมน้ำมัน 210 ลิตร/เดือน ปล่อยกี่กิโล", "diesel_stationary", 210),
        ("เครื่องปั่นไฟเบนซินใช้น้ำมัน 25 ลิตรต่อเดือน ปล่อยเท่าไร", "gasoline_stationary", 25),
    ],
)
def test_a_generator_burns_diesel_unless_another_fuel_is_named(
    toolbox: Toolbox, text: str, factor: str, amount: float
) -> None:
    assert toolbox.factors is not None
    values = computed(toolbox, text)
    assert close_to(values["kgco2e"], amount * factor_value(toolbox, factor)), values
    assert values["period"] == "month"


@pytest.mark.parametrize(
    ("text", "factor", "low", "high"),
    [
        ("ใช้ไฟราวๆ 900-1,100 หน่วยต่อเดือน ปล่อยเท่าไหร่คะ", "grid_electricity", 900, 1100),
        ("ดีเซลเดือนละ 3-4 พันลิตร ปล่อยกี่ตัน", "diesel_mobile", 3000, 4000),
        ("ใช้ LPG 120 ถึง 180 กก.ต่อเดือน ปล่อยเท่าไหร่", "lpg", 120, 180),
        ("we use 20k to 25k kWh a month, co2?", "grid_electricity", 20_000, 25_000),
        ("ไฟเดือนละสามถึงสี่พันหน่วย ปล่อยคาร์บอนเท่าไร", "grid_electricity", 3000, 4000),
    ],
)
def test_a_range_gives_both_ends_and_asks_one_question(
    toolbox: Toolbox, text: str, factor: str, low: float, high: float
) -> None:
    reply = toolbox.answer(text)
    assert reply is not None and reply.values.get("clarify") is True, text
    assert reply.values["reason"] == "range"
    estimate = reply.values["range_kgco2e"]
    assert isinstance(estimate, list)
    value = factor_value(toolbox, factor)
    assert close_to(estimate[0], low * value) and close_to(estimate[1], high * value), estimate
    assert reply.text.count("?") == 1
    assert "ประมาณ" in reply.text


def test_a_daily_road_fuel_no_vehicle_could_burn_is_refused_and_a_fleet_is_not(toolbox: Toolbox) -> None:
    too_much = int(VEHICLE_LITRES_PER_DAY * 20)
    reply = toolbox.answer(f"รถตู้เติมดีเซลวันละ {too_much:,} ลิตร เดือนละ 26 วัน ปล่อยเท่าไหร่")
    assert reply is not None and reply.values.get("refused") is True
    assert f"{too_much:,}" in reply.text
    # A fleet that says how many vehicles is computed: 40 x 150 x 26.
    values = computed(toolbox, "รถบรรทุก 40 คัน เติมดีเซลคันละ 150 ลิตรต่อวัน เดือนละ 26 วัน ปล่อยเท่าไหร่")
    assert close_to(values["kgco2e"], 40 * 150 * 26 * factor_value(toolbox, "diesel_mobile"))


def test_a_carbon_price_of_ones_own_without_tonnes_asks_for_the_tonnes(toolbox: Toolbox) -> None:
    reply = toolbox.answer("สมมติราคาคาร์บอนตันละ 1,200 บาท ยังไม่รู้ว่าปล่อยกี่ตัน ต้องจ่ายเท่าไร")
    assert reply is not None and reply.values.get("clarify") is True
    assert reply.values["reason"] == "amount"


_FRAGMENTS = st.sampled_from(
    [
        "ใช้ไฟ",
        "ดีเซล",
        "เครื่องปั่นไฟ",
        "genset",
        "รถ",
        "คัน",
        "คันละ",
        "สาขา",
        "สาขาละ",
        "each",
        "trucks",
        "ทุกเดือน",
        "ทั้งปี",
        "สัปดาห์",
        "สัปดาห์ละ",
        "ต่อสัปดาห์",
        "วันละ",
        "เดือนละ",
        "วัน",
        "ถัง",
        "ถังละ",
        "กก.",
        "ลิตร",
        "ลิตร์",
        "หน่วย",
        "บาท",
        "-",
        "–",
        "ถึง",
        "to",
        "พัน",
        "k",
        "ค่าไฟเดือนมีนา",
        "ปล่อยเท่าไหร่",
        "กี่ตัน",
        "ราคาคาร์บอน",
        "ติดลบ",
        "weeks a year",
        "ปีละ",
        " ",
    ]
)
_NUMBERS = st.one_of(
    st.integers(min_value=-(10**12), max_value=10**15).map(str),
    st.floats(min_value=0, max_value=1e9, allow_nan=False).map(lambda f: f"{f:,.2f}"),
    st.sampled_from(["0", "00", "หก", "เจ็ดพัน", "1e9", "52", "0.0001"]),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(_FRAGMENTS, _NUMBERS), min_size=1, max_size=14))
def test_no_message_of_counts_ranges_and_weeks_crashes_the_calculators(toolbox: Toolbox, parts: list[str]) -> None:
    reply = toolbox.answer(" ".join(parts))
    if reply is not None:
        assert reply.text.strip()
        assert reply.kind in ("calculation", "schedule")
        if reply.kind == "calculation" and not reply.values.get("clarify") and not reply.values.get("refused"):
            keys = ("kgco2e", "tco2e", "yearly_kwh", "cost_thb", "monthly_kwh", "items")
            assert any(key in reply.values for key in keys), reply.values


def test_a_solar_question_with_a_bill_in_words_and_no_baht_sizes_from_the_bill(toolbox: Toolbox) -> None:
    """ "ค่าไฟเดือนละแสนนึง": a figure after a bill word is baht (and แสนนึง is 100,000), as for emissions."""
    values = computed(toolbox, "ค่าไฟเดือนละแสนนึง ติดโซลาร์กี่ kw ดีครับ")
    assert close_to(values["monthly_kwh"], 100_000 / grid_tariff(toolbox))
