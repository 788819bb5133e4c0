"""Amounts that are a product or a span of the figures written: per vehicle or branch, per week or day, ranges.

SME owners rarely type the total. They type the part and the count:

- per unit of something: ``รถ 2 คัน คันละ 100 ลิตร``, ``3 สาขา สาขาละ 4,000 หน่วย``, ``6 trucks, each
  uses 400 litres`` (:func:`multiply_per_unit`);
- per day or per week with the days or weeks worked: ``วันละ 3 ถัง เดือนละ 26 วัน``, ``2 ถังต่อสัปดาห์
  ทั้งปี 52 สัปดาห์`` (:func:`over_stated_count`);
- a range: ``700-800 หน่วย``, ``7-8 พันลิตร``, ``200 ถึง 300 กก.`` (:func:`find_ranges`). A range is
  not one figure: the calculators give both ends and ask which figure is right. So is "X กว่า"
  (``หมื่นกว่าหน่วย``, ``5,000 กว่าบาท``): X up to the next step of its last digit (:func:`vague_step`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Final

from bot.conversation.tools.calculator_texts import number, phrase
from bot.conversation.tools.emissions import ActivityAmount, CalculationInputError
from bot.conversation.tools.message_reading import Message
from ingestion.thai.numbers import Quantity, parse_number
from ingestion.thai.quantity_words import DIGIT_WORD, THAI_MAGNITUDE
from knowledge.emission_factors import FactorTable

VEHICLE_LITRES_PER_DAY: Final = 2_000.0
"""The most fuel one road vehicle can take in a day: a large truck burns a few hundred litres.

A daily figure above it, for a vehicle with no count of vehicles, is a typo or a wrong unit
("มอไซค์เติมเบนซินวันละ 50,000 ลิตร"); a fleet says how many vehicles ("รถ 30 คัน คันละ 200 ลิตร").
"""

# Thai classifiers counted in front of an amount "each": คันละ, สาขาละ, เครื่องละ …
_CLASSIFIERS: Final = (
    r"คัน|สาขา|เครื่อง|ตัว|แห่ง|ตู้|อาคาร|ตึก|หลัง|ร้าน|โรงงาน|โรง|ไซต์|จุด|ชุด|ลำ|ห้อง|เตา|ลูก|โซน|ไลน์|สาย|"
    r"ครั้ง|รอบ|เที่ยว"  # "เดือนละ 4 ครั้ง ครั้งละ 50 ลิตร": times in a period
)
# A count in words: "รถสองคัน คันละ 100 ลิตร" (a bare Thai number word is no quantity on its own).
_WORD_COUNT: Final = r"(?P<count>(?:ยี่สิบ|{magnitude}|{digit})+)\s?(?:{cls})(?!ละ)"
# A count written as a multiplication: "รถบรรทุก x3 คัน" ("x3" glued to a letter is no quantity of its own).
_TIMES_COUNT: Final = r"[x×*]\s?(?P<count>\d{{1,5}})\s?(?:{cls})(?!ละ)"
_EACH_TH: Final = re.compile(rf"(?P<cls>{_CLASSIFIERS})ละ\s?$")
# "หกล้อ 4 คัน แต่ละคันกินดีเซล 380 ลิตร": "แต่ละ" + classifier, a verb and a fuel may sit before the amount.
_EACH_OF_TH: Final = re.compile(rf"แต่ละ\s?(?P<cls>{_CLASSIFIERS})(?!ละ)\D{{0,25}}$")
_COUNT_TH: Final = r"\s?(?:{cls})(?!ละ)"
# English: "6 trucks, each uses 400 litres", "2 branches using 4,000 kWh each".
_COUNTED_EN: Final = re.compile(
    r"\s?(?:trucks?|vans?|cars?|vehicles?|pickups?|motorbikes?|machines?|branch(?:es)?|stores?|shops?|sites?|"
    r"outlets?|locations?|generators?|gensets?|boilers?|buildings?|factories|plants?|ovens?|freezers?)(?![a-z])"
)
_EACH_BEFORE_EN: Final = re.compile(r"\beach(?:\s[a-z]+){0,2}\s?$")
_EACH_AFTER_EN: Final = re.compile(r"\s?(?:of\s[a-z]+\s)?each\b(?!\s?(?:month|year|week|day))")

_WEEK: Final = r"(?:สัปดาห์|อาทิตย์|weeks?)"
# Weeks worked in a month or a year, beside a weekly amount: "ทั้งปี 52 สัปดาห์", "48 สัปดาห์ต่อปี".
WEEKS_PER: Final = re.compile(
    rf"(?P<n>\d{{1,2}})\s?{_WEEK}\s?(?:ต่อ|/|ใน|ของ|ทั้ง|ตลอด|a|per|in a|in the|for the|over the|over a)?\s?"
    rf"(?:(?P<month>เดือน|month)|(?P<year>ปี|year))"
    rf"|(?:(?P<month2>เดือนละ|เดือนนึง|ต่อเดือน|ทั้งเดือน)|(?P<year2>ปีละ|ปีนึง|ต่อปี|ทั้งปี|ตลอดปี|a year))"
    rf"\D{{0,12}}?(?P<n2>\d{{1,2}})\s?{_WEEK}"
    rf"|(?:เปิด|ทำงาน|วิ่ง|ใช้งาน|ทั้งหมด)\s?(?P<n3>\d{{1,2}})\s?{_WEEK}"
    # "สัปดาห์ละ 900 หน่วย 52 สัปดาห์": a bare count of weeks beside a weekly amount is how many were
    # worked (more than five is a year's, see over_stated_count); "สัปดาห์ละ" itself has no digits.
    rf"|(?P<n4>\d{{1,2}})\s?{_WEEK}(?!ละ)"
)
# Days worked in a month or a year, beside a daily amount: "เปิด 26 วันต่อเดือน", "เดือนนึงวิ่ง 22 วัน".
DAYS_PER: Final = re.compile(
    r"(?P<days>\d{1,3})\s?วัน\s?(?:ต่อ|/|ใน|ของ)?\s?(?:(?P<month>เดือน)|(?P<year>ปี))"
    r"|(?:เดือนละ|เดือนนึง|ต่อเดือน|(?P<year2>ปีละ|ปีนึง|ต่อปี|ทั้งปี))\D{0,12}?(?P<days2>\d{1,3})\s?วัน"
    r"|(?:เปิด|ทำงาน|วิ่ง|ใช้งาน)\s?(?P<days3>\d{1,3})\s?วัน"
    r"|(?P<days_en>\d{1,3})\s?(?:working\s)?days?\s(?:a|per)\s(?:month|year)"
)

_RANGE_SIGN: Final = r"\s?(?:-|–|—|~|ถึง|to)\s?"
_RANGE_BETWEEN: Final = re.compile(rf"^{_RANGE_SIGN}$")
_LOW_WORD: Final = re.compile(rf"(?P<low>(?:ยี่สิบ|{THAI_MAGNITUDE}|{DIGIT_WORD})+){_RANGE_SIGN}$")
_MAGNITUDES: Final = (("ล้าน", 1e6), ("แสน", 1e5), ("หมื่น", 1e4), ("พัน", 1e3), ("k", 1e3))


def multiply_per_unit(message: Message, pool: list[Quantity]) -> list[Quantity]:
    """``รถ 2 คัน คันละ 100 ลิตร`` is 200 litres: an amount "each" times the count of what it is each of.

    The count ("2 คัน", a number with no unit) leaves the pool, so it is never read as an amount.
    """
    out = list(pool)
    for amount in pool:
        if amount.unit is None or amount.per is not None or amount not in out:
            continue
        before = message.plain[max(0, amount.start - 30) : amount.start]
        count = None
        if each := _EACH_TH.search(before) or _EACH_OF_TH.search(before):
            following = re.compile(_COUNT_TH.format(cls=each.group("cls")))
            count = next(
                (q for q in out if _is_count(q) and q is not amount and following.match(message.plain, q.end)), None
            )
            if count is None:
                count = _count_in_words(message, each.group("cls"))
        elif _EACH_BEFORE_EN.search(before) or _EACH_AFTER_EN.match(message.plain, amount.end):
            count = next((q for q in out if _is_count(q) and _COUNTED_EN.match(message.plain, q.end)), None)
        if count is None or not 1 < count.value <= 10_000:
            continue
        total = replace(
            amount,
            value=amount.value * count.value,
            period=amount.period or count.period,  # "เดือนละ 4 ครั้ง ครั้งละ 50 ลิตร" is 200 litres a month
            text=f"{count.text} x {amount.text}",
        )
        out = [total if q is amount else q for q in out if q is not count]
    return out


def _count_in_words(message: Message, classifier: str) -> Quantity | None:
    """A count not read as a quantity: in Thai words ("สองคัน") or after a times sign ("x3 คัน")."""
    pattern = _WORD_COUNT.format(magnitude=THAI_MAGNITUDE, digit=DIGIT_WORD, cls=classifier)
    match = re.search(pattern, message.plain) or re.search(_TIMES_COUNT.format(cls=classifier), message.folded)
    value = parse_number(match.group("count")) if match else None
    if match is None or value is None:
        return None
    return Quantity(value, None, None, match.start(), match.end("count"), match.group("count"))


def _is_count(quantity: Quantity) -> bool:
    return quantity.unit is None and quantity.per is None and float(quantity.value).is_integer()


def over_stated_count(message: Message, item: ActivityAmount) -> ActivityAmount:
    """A daily or weekly amount over the days or weeks the user says they work.

    "วันละ 300 หน่วย เปิด 26 วันต่อเดือน" is 7,800 kWh a month; "2 ถังต่อสัปดาห์ ทั้งปี 52 สัปดาห์" is 104
    tanks a year. Without a stated count the amount keeps its day or week.
    """
    if item.period == "day":
        match = DAYS_PER.search(message.plain)
        if match is None:
            return item
        count = next(int(g) for g in match.group("days", "days2", "days3", "days_en") if g)
        yearly = bool(match.group("year") or match.group("year2")) or "year" in match.group()
    elif item.period == "week":
        match = WEEKS_PER.search(message.plain)
        if match is None:
            return item
        count = next(int(g) for g in match.group("n", "n2", "n3", "n4") if g)
        monthly = bool(match.group("month") or match.group("month2"))
        yearly = bool(match.group("year") or match.group("year2")) or (not monthly and count > 5)
    else:
        return item
    period = "year" if yearly else "month"
    most = {"day": {"month": 31, "year": 366}, "week": {"month": 5, "year": 53}}[item.period][period]
    if not 0 < count <= most:
        return item
    return replace(item, quantity=item.quantity * count, period=period)


def find_ranges(message: Message, folded: str) -> tuple[dict[int, float], list[Quantity]]:
    """Ranges written in the message: the low end of each, keyed by where the high end ends.

    The high end is the quantity with the unit ("700-800 หน่วย": 800 kWh); the low end takes its
    magnitude when it has none ("7-8 พันลิตร" is 7,000 to 8,000 litres). Also returns the low-end
    quantities, which are no amounts of their own.
    """
    lows: dict[int, float] = {}
    low_quantities: list[Quantity] = []
    quantities = list(message.quantities)
    for index, high in enumerate(quantities):
        if high.unit is None or high.per is not None:
            continue
        low_text, low_value, low_quantity = "", None, None
        previous = quantities[index - 1] if index else None
        if (
            previous is not None
            and previous.unit in (None, high.unit)
            and _RANGE_BETWEEN.match(folded[previous.end : high.start])
        ):
            low_text, low_value, low_quantity = previous.text, previous.value, previous
        elif (word := _LOW_WORD.search(folded[max(0, high.start - 20) : high.start])) is not None:
            low_text, low_value = word.group("low"), parse_number(word.group("low"))
        if low_value is None or low_value <= 0:
            continue
        for name, size in _MAGNITUDES:
            if name in high.text.lower() and name not in low_text.lower() and low_value * size < high.value:
                low_value *= size
                break
        if low_value < high.value:
            lows[high.end] = low_value
            if low_quantity is not None:
                low_quantities.append(low_quantity)
    return lows, low_quantities


def check_vehicle_day(table: FactorTable, item: ActivityAmount, quantity: Quantity) -> None:
    """Refuse a daily amount of road fuel no single vehicle could burn (see :data:`VEHICLE_LITRES_PER_DAY`)."""
    factor = table.get(item.activity)
    counted = " x " in quantity.text  # already multiplied by a count of vehicles
    if factor is None or factor.use != "mobile" or item.period != "day" or item.unit != "litre" or counted:
        return
    if item.quantity > VEHICLE_LITRES_PER_DAY:
        raise CalculationInputError(
            phrase("error.vehicle_day", amount=number(item.quantity), most=number(VEHICLE_LITRES_PER_DAY))
        )


_OVER: Final = re.compile(r"(?<!มาก)(?<!เกิน)(?<!น้อย)\s?กว่า")


def vague_step(quantity: Quantity) -> float | None:
    """How far above ``quantity`` "X กว่า" may go: ``หมื่นกว่า`` 10,000 more, ``5,000 กว่า`` 1,000, else ``None``.

    "X กว่า" is some figure between X and the next step of X's last non-zero digit, so the user has a
    figure in mind that was not typed: it is asked for, like a range. "มากกว่า 5,000" is not one.
    """
    if _OVER.search(quantity.text) is None or quantity.value < 10 or quantity.value != int(quantity.value):
        return None
    step, value = 1, int(quantity.value)
    while value % (step * 10) == 0:
        step *= 10
    return float(step)
