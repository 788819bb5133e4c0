"""Numbers, units and periods as SME owners type them in Thai chat messages."""

from __future__ import annotations

import pytest

from ingestion.thai import normalize
from ingestion.thai.numbers import UNITS, Quantity, find_quantities, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("50,000", 50_000),
        ("50000", 50_000),
        ("50.5", 50.5),
        ("5 หมื่น", 50_000),
        ("5หมื่น", 50_000),
        ("50k", 50_000),
        ("50K", 50_000),
        ("1.2 ล้าน", 1_200_000),
        ("2.5แสน", 250_000),
        ("3 พัน", 3_000),
        ("3พันห้าร้อย", 3_500),
        ("ห้าหมื่น", 50_000),
        ("หนึ่งแสนสองหมื่น", 120_000),
        ("สองพันห้า", 2_500),  # colloquial: the digit after พัน is hundreds
        ("แสนห้า", 150_000),
        ("ล้านสอง", 1_200_000),
        ("ร้อยเอ็ด", 101),  # after ร้อย the digit is units, as written
        ("ยี่สิบเอ็ด", 21),
        ("สามแสนหกหมื่น", 360_000),
        ("ล้านครึ่ง", 1_500_000),
        ("๕๐,๐๐๐", 50_000),
        ("1 ล้าน 2 แสน", 1_200_000),
        ("1,200,000", 1_200_000),
        ("5 หมื่นล้าน", 50_000_000_000),
        ("สองร้อยล้าน", 200_000_000),
        ("-5,000", -5_000),
        ("ติดลบ 50", -50),
        ("ห้า", 5),
        ("ร้อย", 100),
    ],
)
def test_parse_number_reads_every_way_owners_write_numbers(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "ไฟฟ้า", "5 หมื่นบาท", "พันหมื่น", "abc", "1,2"])
def test_parse_number_refuses_what_is_not_one_number(text: str) -> None:
    assert parse_number(text) is None


def _one(text: str) -> Quantity:
    found = find_quantities(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("ใช้ไฟ 50,000 หน่วย", 50_000, "kWh"),
        ("มิเตอร์ขึ้น 1,850 ยูนิต", 1_850, "kWh"),
        ("about 640 units", 640, "kWh"),
        ("ใช้ไฟ 120k kWh", 120_000, "kWh"),
        ("ใช้ไฟ 500 กิโลวัตต์ชั่วโมง", 500, "kWh"),
        ("ใช้ไฟ 1.2 MWh", 1_200, "kWh"),
        ("ค่าไฟ 45,000 บาท", 45_000, "THB"),
        ("จ่ายไป ฿3,200", 3_200, "THB"),
        ("THB 12,000", 12_000, "THB"),
        ("ดีเซล 800 ลิตร", 800, "litre"),
        ("gasohol 300L", 300, "litre"),
        ("diesel 10k litres", 10_000, "litre"),
        ("diesel 500 liter", 500, "litre"),
        ("LPG 500 กก.", 500, "kg"),
        ("แก๊ส 48 กิโล", 48, "kg"),
        ("LPG 20 กิโลกรัม", 20, "kg"),
        ("lpg 1,200 kg", 1_200, "kg"),
        ("ถัง48โล", 48, "kg"),
        ("ถ่านหิน 20 ตัน", 20, "tonne"),
        ("coal 5 tons", 5, "tonne"),
        ("coal 5 tonnes", 5, "tonne"),
        ("ปล่อย 2.5 ตันคาร์บอน", 2.5, "tCO2e"),
        ("ปล่อย 12 tCO2e", 12, "tCO2e"),
        ("ปล่อย 3 ตันCO2", 3, "tCO2e"),
        ("ได้ 4,750 kgCO2e", 4_750, "kgCO2e"),
        ("350 กก.co2e", 350, "kgCO2e"),
        ("128,000 กิโลคาบอน", 128_000, "kgCO2e"),
        ("ng 15,000 ลบ.ม.", 15_000, "m3"),
        ("ก๊าซ 500 m3", 500, "m3"),
        ("ก๊าซ 20 คิว", 20, "m3"),
        ("แก๊สธรรมชาติ 3 หมื่นคิวต่อปี", 30_000, "m3"),  # คิว glued to the period after it
        ("ใช้ก๊าซ 1,500 คิวทุกเดือน", 1_500, "m3"),
        ("ก๊าซธรรมชาติ 250 ลูกบาศก์เมตร", 250, "m3"),
        ("ng 800 mmbtu", 800, "MMBtu"),
        ("ก๊าซ 2,000 MMBtu", 2_000, "MMBtu"),
        ("ก๊าซ 100 ล้านบีทียู", 100, "MMBtu"),
        ("ติดโซลาร์ 100kw", 100, "kW"),
        ("ติดโซลาร์ 100 kWp", 100, "kWp"),
        ("ขนาด 40 กิโลวัตต์พีค", 40, "kWp"),
        ("อยากติด 30 กิโลวัตต์", 30, "kW"),
        ("ติดโซลาร์เซลล์ 1 เมก", 1_000, "kW"),
        ("ลดได้ 20%", 20, "percent"),
        ("ลดได้ 15 เปอร์เซ็นต์", 15, "percent"),
        ("เดือนละ 10 ถัง", 10, "cylinder"),
        ("ค่าไฟเดือนละ 5 หมื่นกว่าบาท", 50_000, "THB"),
    ],
)
def test_units_in_thai_and_english_become_canonical(text: str, value: float, unit: str) -> None:
    quantity = _one(text)
    assert (quantity.value, quantity.unit) == (pytest.approx(value), unit)
    assert quantity.unit in UNITS


def test_kilo_is_kilograms_unless_it_is_kilowatts() -> None:
    assert [q.unit for q in find_quantities("แก๊ส 50 กิโล แผง 50 กิโลวัตต์ ไฟ 50 กิโลวัตต์ชั่วโมง")] == [
        "kg",
        "kW",
        "kWh",
    ]


def test_tonnes_of_carbon_are_tco2e_but_a_question_after_tonnes_is_not() -> None:
    assert _one("ใช้ LPG ปีละ 3 ตัน คาบอนเท่าไหร่").unit == "tonne"
    assert _one("ปล่อย 3 ตันคาร์บอนต่อปี").unit == "tCO2e"
    assert _one("ปล่อย 3 ตัน CO2e").unit == "tCO2e"


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("เดือนละ 800 ลิตร", "month"),
        ("800 ลิตร/เดือน", "month"),
        ("50,000 หน่วยต่อเดือน", "month"),
        ("50,000 หน่วย ต่อเดือน", "month"),
        ("800 ลิตรต่อด.", "month"),
        ("50,000 kWh a month", "month"),
        ("50,000 kWh per month", "month"),
        ("50,000 kWh monthly", "month"),
        ("gasohol 300L/month", "month"),
        ("เดือนนึงเติมดีเซลห้าพันลิตร", "month"),
        ("เดือนที่แล้วใช้ไฟไป 8พันยูนิต", "month"),
        ("ปีละ 1.2 ล้านหน่วย", "year"),
        ("1.5 ล้านหน่วยต่อปี", "year"),
        ("1,500 ลิตร/ปี", "year"),
        ("10k litres per year", "year"),
        ("120k kWh/year", "year"),
        ("12,000 kWh yearly", "year"),
        ("12,000 kWh annually", "year"),
        ("ปีที่แล้วทั้งปีใช้ไปสามแสนหกหมื่นหน่วย", "year"),
        ("วันละ 50 ลิตร", "day"),
        ("50 ลิตรต่อวัน", "day"),
        ("ใช้ไฟ 640 kWh", None),
    ],
)
def test_periods_before_the_number_or_after_the_unit(text: str, period: str | None) -> None:
    assert _one(text).period == period


def test_a_period_in_the_question_is_not_the_figures_period() -> None:
    # The owner asks per year; the 50,000 units have no period of their own.
    assert _one("ใช้ไฟ 50,000 หน่วย ปีนึงปล่อยกี่ตัน").period is None
    assert _one("ใช้เบนซิน 600 ลิตร ต่อปีปล่อยเท่าไหร่คะ").period is None
    assert _one("ใช้ดีเซล 2,400 ลิตร ปีละปล่อยเท่าไร").period is None
    assert _one("ใช้ไฟเดือนละ 50,000 หน่วย ปล่อยคาร์บอนปีละกี่ตัน").period == "month"


def test_a_period_does_not_leak_to_the_next_figure() -> None:
    found = find_quantities("ไฟ 50,000 หน่วย/เดือน ดีเซล 2,000 ลิตร/เดือน LPG 500 กก.")
    assert [(q.value, q.unit, q.period) for q in found] == [
        (50_000, "kWh", "month"),
        (2_000, "litre", "month"),
        (500, "kg", None),
    ]


def test_rates_carry_their_denominator() -> None:
    tariff, price, tariff_after = find_quantities("ค่าไฟหน่วยละ5บาท ราคาคาร์บอนตันละ 200 บาท ค่าไฟ 4.8 บาท/หน่วย")
    assert (tariff.value, tariff.unit, tariff.per) == (5, "THB", "kWh")
    assert (price.value, price.unit, price.per) == (200, "THB", "tonne")
    assert (tariff_after.value, tariff_after.unit, tariff_after.per) == (4.8, "THB", "kWh")
    size = find_quantities("ถังละ 15 กิโล")[0]
    assert (size.value, size.unit, size.per) == (15, "kg", "cylinder")
    assert find_quantities("THB 200/tCO2e")[0].per == "tCO2e"


@pytest.mark.parametrize(
    "text",
    [
        "ปี 2569",
        "พ.ศ. 2569",
        "ค.ศ. 2026",
        "เป้าหมาย net zero 2050",
        "ภายในปี 2030",
        "scope 2",
        "ขอบเขตที่ 1 และ 2",
        "scope2",
        "CO2",
        "ปล่อย co2 กี่โล",
        "week 3",
        "สัปดาห์ที่ 3",
        "โมดูล 5",
        "วันที่ 15/08/2568",
        "15 ส.ค. 2568",
        "15 สิงหาคม 2025",
        "2026-01-15",
        "เวลา 9.30 น.",
        "เริ่ม 10:00",
        "บ่าย 2 โมง",
        "โทร 081-234-5678",
        "เติมแก๊สโซฮอล์95",
        "น้ำยา R-32",
        "ISO 14064-1",
        "12 เดือน",
        "คืนทุน 5 ปี",
        "สามารถทำได้เรียบร้อย",
        "พันธมิตร",
        "ห้างร้าน เก้าอี้",
        "ค่าไฟหลายหมื่นบาท",
    ],
)
def test_years_scopes_dates_times_and_words_are_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


def test_a_year_with_a_unit_is_an_amount() -> None:
    assert _one("ใช้ไฟ 2026 หน่วย").value == 2026
    assert _one("ค่าไฟเดือนละ 2560").period == "month"


def test_offsets_point_into_the_normalised_text_and_keep_thai_digits() -> None:
    message = "ไฟ  ๑๒,๐๐๐ หน่วยต่อเดือน\u200b ครับ"
    quantity = _one(message)
    assert quantity.value == 12_000
    assert quantity.text == "๑๒,๐๐๐ หน่วยต่อเดือน"
    assert normalize(message)[quantity.start : quantity.end] == quantity.text


def test_negative_amounts_are_read_so_that_a_calculator_can_refuse_them() -> None:
    assert _one("ใช้ไฟเดือนละ -5,000 หน่วย").value == -5_000
    assert _one("ใช้แก๊ส lpg ติดลบ 50 กิโลต่อเดือน").value == -50
    # A dash between two numbers is a range, not a minus sign.
    assert [q.value for q in find_quantities("ค่าไฟ 4.5-5.5 บาท")] == [4.5, 5.5]


def test_a_message_with_several_figures() -> None:
    found = find_quantities("รถบรรทุก3คันใช้ดีเซลรวมปีละ 4.5หมื่นลิตร ถ้าใช้ค่า ef 0.4750")
    assert [(q.value, q.unit, q.period) for q in found] == [
        (3, None, None),
        (45_000, "litre", "year"),
        (0.475, None, None),
    ]


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("โรงแรมใช้ไฟ 150,000kWh ทั้งปี", "year"),
        ("ใช้น้ำมันเตา 900 ลิตรตลอดเดือน", "month"),
        ("มิเตอร์ขึ้น 4,200 หน่วย ทั้งปีจะปล่อยกี่ตัน", None),  # the whole year is what is asked
    ],
)
def test_the_whole_year_or_month_after_a_figure(text: str, period: str | None) -> None:
    [quantity] = find_quantities(text)
    assert quantity.period == period


def test_a_month_said_as_one_month_after_a_price_is_a_period_not_a_duration() -> None:
    """"ตันละ 450 เดือนนึง" is a price and "a month", not 450 months."""
    figures = find_quantities("ปล่อย 70 ตัน ตันละ 450 เดือนนึงจ่ายเท่าไหร่")
    assert [(q.value, q.per) for q in figures] == [(70.0, None), (450.0, "tonne")]


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("Thai carbon tax on 600 tCO2e a year?", "year"),  # English: the period after a space is the amount's
        ("We used 4,200 kWh last month, how much CO2?", "month"),
    ],
)
def test_english_periods_after_the_figure(text: str, period: str) -> None:
    assert find_quantities(text)[0].period == period


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ดีเซล ลิตร 650 ต่อเดือน", [(650.0, "litre", "month")]),  # the unit typed before the number
        ("kWh ปีละ 72,000", [(72000.0, "kWh", "year")]),
        ("ใช้NGV2,400กก.", [(2400.0, "kg", None)]),  # glued to a Latin word, with its unit
        ("แก๊ส48กก.2ถัง", [(48.0, "kg", None), (2.0, "cylinder", None)]),  # after the dot of กก.
        ("about 1.8 million kWh a year", [(1_800_000.0, "kWh", "year")]),
        ("แผงละ 450 วัตต์", [(0.45, "kW", None)]),
        ("carbon at 900 baht/t", [(900.0, "THB", None)]),
        ("LPG 300 kg p.m.", [(300.0, "kg", "month")]),
    ],
)
def test_units_and_numbers_written_out_of_the_usual_order(
    text: str, expected: list[tuple[float, str | None, str | None]]
) -> None:
    assert [(round(q.value, 6), q.unit, q.period) for q in find_quantities(text)] == expected


@pytest.mark.parametrize("text", ["CO2 มาจากไหน", "iso14064 คืออะไร", "fifty thousand units", "ลิตรละ 35 บาท"])
def test_what_stays_a_word_or_a_price(text: str) -> None:
    """A number glued to Latin letters needs its unit; English "thousand" alone is no number; ลิตรละ is a price."""
    found = find_quantities(text)
    assert all(q.unit == "THB" and q.per == "litre" for q in found)


@pytest.mark.parametrize(
    ("text", "value"),
    [("แสนนึง", 100_000.0), ("พันนึง", 1_000.0), ("ล้านหนึ่ง", 1_000_000.0), ("ห้าหมื่นหนึ่งพัน", 51_000.0)],
)
def test_one_after_a_magnitude_is_one_of_it_not_the_next_digit_down(text: str, value: float) -> None:
    """ "ค่าไฟเดือนละแสนนึง" is a hundred thousand: นึง after แสน is "one", unlike ห้า in "หมื่นห้า" (15,000)."""
    assert parse_number(text) == value
