"""The words :mod:`ingestion.thai.numbers` reads: Thai number words, units, periods, and what is not a quantity.

Every pattern here runs on normalised text whose Thai digits were folded to Arabic ones (the
same length, so offsets stay valid) and with ``re.IGNORECASE``. Thai has no spaces between
words, so Thai words are matched as substrings; the patterns carry the lookaheads that keep
ordinary words out (``พันธมิตร`` is not a thousand, ``เรียบร้อย`` not a hundred).
"""

from __future__ import annotations

import re
from typing import Final

FLAGS: Final = re.IGNORECASE

DIGIT_WORDS: Final[dict[str, float]] = {
    "หนึ่ง": 1.0,
    "นึง": 1.0,
    "เอ็ด": 1.0,
    "สอง": 2.0,
    "สาม": 3.0,
    "สี่": 4.0,
    "ห้า": 5.0,
    "หก": 6.0,
    "เจ็ด": 7.0,
    "แปด": 8.0,
    "เก้า": 9.0,
    "ครึ่ง": 0.5,
}
MAGNITUDES: Final[dict[str, float]] = {
    "สิบ": 10.0,
    "ร้อย": 100.0,
    "พัน": 1_000.0,
    "หมื่น": 10_000.0,
    "แสน": 100_000.0,
    "ล้าน": 1_000_000.0,
    # English owners write "1.2 million kWh", "5 thousand litres".
    "thousand": 1_000.0,
    "million": 1_000_000.0,
    "mil": 1_000_000.0,
}
MILLION: Final = 1_000_000.0

ARABIC_BODY: Final = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
# "50k" is fifty thousand; "50kg", "50kW" and "50kWh" are units, hence the lookahead.
ARABIC: Final = rf"{ARABIC_BODY}(?:[kK](?![A-Za-z]))?"
DIGIT_WORD: Final = "|".join(sorted(DIGIT_WORDS, key=len, reverse=True))
# ร้อยละ is "per cent"; พันธ์/พันธุ์/พันธมิตร are "breed"/"partner"; ล้านบีทียู is a unit (MMBtu).
THAI_MAGNITUDE: Final = r"สิบ|ร้อย(?!ละ)|พัน(?![ธ์])|หมื่น|แสน|ล้าน(?!\s?(?:บีทียู|btu))"
# English magnitudes only continue a number written in digits ("1.2 million"): "fifty thousand" is
# not read (English number words are not), and "thousand" alone must not become 1,000.
MAGNITUDE: Final = rf"{THAI_MAGNITUDE}|(?<=[\d\s])(?:thousand|million|mil)(?![a-z])"

# One token of a number expression, with the single space people leave between parts.
TOKEN: Final = re.compile(
    rf"(?P<space>\s?)(?:(?P<arabic>{ARABIC})|(?P<yi>ยี่สิบ)|(?P<magnitude>{MAGNITUDE})|(?P<word>{DIGIT_WORD}))",
    FLAGS,
)
# Where a number may start: an Arabic numeral not glued to Latin letters or other digits
# ("CO2", "E20", "R-32", "scope2"), a minus sign, or a Thai number word. Two exceptions: after
# the dot of a Thai abbreviation ("แก๊ส15กก.6ถัง"), and glued to a Latin word when a unit follows
# (``glued``: "ใช้NG18,000คิว"; "CO2 50 ตัน" and "iso14064" have no unit after and stay words).
START: Final = re.compile(
    rf"(?P<minus>(?<![\w.,)])[-−](?=\d)|ติดลบ\s?(?=\d|{DIGIT_WORD}|{THAI_MAGNITUDE}))?"
    rf"(?:(?<![A-Za-z0-9.,/:])(?<![A-Za-z]-)(?={ARABIC_BODY})|(?<=[ก-๛]\.)(?=\d)|(?P<glued>(?<=[A-Za-z]{{2}})(?=\d))"
    rf"|(?=ยี่สิบ|{THAI_MAGNITUDE}|{DIGIT_WORD}))",
    FLAGS,
)
# A number made only of words that starts with a magnitude is vague after these:
# หลายหมื่น "tens of thousands", กี่พัน "how many thousand", เป็นแสน "in the hundreds of thousands".
VAGUE_BEFORE: Final = re.compile(r"(?:หลาย|กี่|เป็น|หลัก|นับ|ระดับ)\s?$")

# (pattern, canonical unit, multiplier to the canonical unit); the first match wins, so longer
# and more specific forms come first (kgCO2e before kg, kWh before kW, MMBtu before ล้าน).
# "ตัน CO2e" may have a space; "ตัน คาร์บอน" may not: in "ปีละ 3 ตัน คาร์บอนเท่าไหร่" the
# tonnes are LPG and คาร์บอน starts the question.
_CO2: Final = r"(?:\s?(?:of\s)?co[2₂]e?|คาร์บอน|คาบอน|ซีโอทู)"  # "500 tonnes of CO2" in English
# "คิว" is a cubic metre even glued to the next Thai word ("3 หมื่นคิวต่อปี"); only a few words start
# with คิว (คิวบา, คิวอาร์, คิวงาน, คิวรถ, คิวต์) and are kept apart.
UNITS: Final[tuple[tuple[re.Pattern[str], str, float], ...]] = tuple(
    (re.compile(pattern, FLAGS), unit, multiplier)
    for pattern, unit, multiplier in (
        (rf"(?:ตัน|tonnes?|tons?|t){_CO2}(?:ไดออกไซด์)?(?:\s?เทียบเท่า)?", "tCO2e", 1.0),
        (rf"(?:กิโลกรัม|กิโล|กก\.?|kgs?){_CO2}(?:ไดออกไซด์)?(?:\s?เทียบเท่า)?", "kgCO2e", 1.0),
        (r"mwh|เมกะวัตต์[\s-]?ชั่วโมง", "kWh", 1_000.0),
        (r"kwh|kw[\s.-]h(?![a-z])|กิโลวัตต์[\s-]?ชั่วโมง|กิโลวัตต์ชม\.?|หน่วย|ยูนิต|units?(?![a-z])", "kWh", 1.0),
        (r"mwp|เมกะวัตต์\s?พีค", "kWp", 1_000.0),
        (r"kwp|kw\s?peak|กิโลวัตต์\s?พี[คก]", "kWp", 1.0),
        (r"mj(?![a-z])|เมกะจูล|เมกกะจูล", "MJ", 1.0),
        (r"mw(?![a-z])|เมกะวัตต์|เมกกะวัตต์|เมกะ(?!จูล)|เมก(?![ก-ฮ])", "kW", 1_000.0),
        (r"kw(?![a-z])|กิโลวัตต์|กิโลวัตท์", "kW", 1.0),
        (r"วัตต์|วัตท์|watts?(?![a-z])|w(?![a-z])", "kW", 0.001),  # a panel's "550 วัตต์"
        (r"mmbtu|ล้าน\s?(?:บีทียู|btu)", "MMBtu", 1.0),
        (r"m3(?!\d)|m³|ลบ\.\s?ม\.?|ลบม\.?|ลูกบาศก์เมตร|คิว(?!บา|อาร์|งาน|รถ|ต์|[a-z])|cubic\s?met(?:re|er)s?", "m3", 1.0),
        (r"ตัน|tonnes?(?![a-z])|tons?(?![a-z])|t(?![a-z0-9])", "tonne", 1.0),  # "1200 baht/t"
        (r"กิโลกรัม|กก\.?|กิโล(?!วัตต์|เมตร|ม\.)|kgs?(?![a-z])|kilo(?:gram)?s?(?![a-z])|โล(?![ก-ฮะ-ู])", "kg", 1.0),
        (r"ลิตร์?|lit(?:re|er)s?(?![a-z])|ltrs?(?![a-z])|lt\.?(?![a-z])|l(?![a-z])", "litre", 1.0),
        (r"บาท|(?:฿|thb(?![a-z]))(?!\s?\d)|baht|บ\.(?![ก-ฮ])", "THB", 1.0),  # ฿/THB before a number prefix it
        (r"%|เปอร์เซ็นต์|เปอร์เซนต์|เปอร์เซ็น|percent|pct(?![a-z])", "percent", 1.0),
        (r"ถัง|cylinders?(?![a-z])|tanks?(?![a-z])", "cylinder", 1.0),
    )
)
PREFIX_UNITS: Final[tuple[tuple[re.Pattern[str], str], ...]] = (
    (re.compile(r"(?:฿|thb)\s?$", FLAGS), "THB"),
    (re.compile(r"ร้อยละ\s?$", FLAGS), "percent"),
)
# Between a number and its unit: "5 หมื่นกว่าบาท" is a little over fifty thousand baht.
FILLER: Final = re.compile(r"\s?(?:กว่า(?:\s?ๆ)?\s?)?", FLAGS)

_MONTH_AFTER: Final = "|".join(
    (
        r"p\.\s?m\.(?![a-z])|ทั้งเดือน|ตลอดเดือน|last\s?month|this\s?month|ต่อ\s?(?:1\s?)?เดือน",
        r"ต่อ\s?ด\.|/\s?เดือน|/\s?ด\.|/\s?mo(?:nth)?(?![a-z])|per\s?month|a\s?month|monthly|รายเดือน",
        r"ทุก\s?(?:ๆ\s?)?เดือน|every\s?month|each\s?month",
    )
)
_YEAR_AFTER: Final = "|".join(
    (
        r"ทั้งปี|ตลอดปี|last\s?year|this\s?year|ต่อ\s?(?:1\s?)?ปี|/\s?ปี|/\s?y(?:ea)?r(?![a-z])",
        r"per\s?(?:year|annum)|a\s?year|yearly|annually|p\.a\.|รายปี|ทุก\s?(?:ๆ\s?)?ปี|every\s?year",
    )
)
_DAY_AFTER: Final = r"ต่อ\s?(?:1\s?)?วัน|/\s?วัน|/\s?day(?![a-z])|per\s?day|a\s?day|daily|ทุก\s?(?:ๆ\s?)?วัน|every\s?day"
# A week is no billing period, but owners count in weeks ("2 ถังต่อสัปดาห์ ทั้งปี 52 สัปดาห์"); the
# calculators multiply by the weeks the message states, or ask for them.
_WEEK: Final = r"สัปดาห์|อาทิตย์|wk|week"
_WEEK_AFTER: Final = (
    rf"(?:ต่อ|/)\s?(?:1\s?)?(?:{_WEEK})(?![a-z])|ทุก\s?(?:ๆ\s?)?(?:สัปดาห์|อาทิตย์)|per\s?week|a\s?week|weekly|every\s?week"
)
# A period written right after the number or its unit: "800 ลิตร/เดือน", "50,000 หน่วยต่อเดือน".
PERIOD_AFTER: Final[tuple[tuple[re.Pattern[str], str], ...]] = tuple(
    (re.compile(rf"\s?(?:{pattern})", FLAGS), period)
    for pattern, period in ((_MONTH_AFTER, "month"), (_YEAR_AFTER, "year"), (_DAY_AFTER, "day"), (_WEEK_AFTER, "week"))
)
# "1,200 litres of diesel per month", "10 cylinders of lpg a month": up to three English words after "of".
# Also "32k baht for power every month".
OF_WHAT: Final = re.compile(
    r"\s?(?:of|for|on)\s(?:[a-z][a-z0-9-]*\s?){1,3}?(?=\s?(?:per|a|every|each|monthly|yearly|daily|annually)\b)", FLAGS
)
# "600 ลิตร ต่อปีปล่อยเท่าไหร่": after a space, a period glued to the question belongs to the question.
QUESTION_AFTER_PERIOD: Final = re.compile(
    r"(?:(?:จะ|แล้ว|นี้)\s?)?(?:ปล่อย|กี่|เท่า|คิด|ได้|เป็น|เสีย|ประหยัด|ลด|จ่าย|คาร์บอน|คาบอน|co2|\?)", FLAGS
)
# A spaced period followed by a count of days or weeks frames that count: "สัปดาห์ละ 1 ถัง ทั้งปี 52 สัปดาห์".
COUNT_AFTER_PERIOD: Final = re.compile(r"\s?(?:ละ\s?)?\d{1,3}\s?(?:สัปดาห์|อาทิตย์|วัน|weeks?|days?)", FLAGS)
# A period written before the number, possibly a few words earlier: "เดือนละ 800 ลิตร",
# "เดือนที่แล้วใช้ไฟไป 8พันยูนิต", "ปีที่แล้วทั้งปีใช้ไปสามแสนหกหมื่นหน่วย".
PERIOD_BEFORE: Final = re.compile(
    r"(?P<month>เดือนละ|เดือน\s?ๆ\s?(?:นึง|ละ)?|เดือนนึง|เดือนหนึ่ง|ทั้งเดือน|เดือนที่แล้ว|เดือนก่อน|เดือนนี้|เดือนล่าสุด|ต่อเดือน|รายเดือน|"
    r"แต่ละเดือน|ทุกเดือน|ด\.ละ|monthly|last month|this month|every month|each month)"
    r"|(?P<year>ปีละ|ปี\s?ๆ\s?(?:นึง|ละ)?|ปีนึง|ปีหนึ่ง|ทั้งปี|ตลอดปี|ปีที่แล้ว|ปีก่อน|ปีนี้|ต่อปี|รายปี|ทุกปี|yearly|annually|"
    r"last year|every year)"
    r"|(?P<day>วันละ|วันนึง|วันหนึ่ง|ต่อวัน|ทุกวัน|daily|every day)"
    r"|(?P<week>สัปดาห์ละ|อาทิตย์ละ|ต่อสัปดาห์|ทุกสัปดาห์|ทุกอาทิตย์|weekly|every week|each week)",
    FLAGS,
)
# A unit written before its number: "ดีเซล ลิตร 800", "kWh เดือนละ 950" (a period word may stand
# between). Only units that cannot be read as something else in front of a number.
_BETWEEN_UNIT_AND_NUMBER: Final = r"(?:\s?(?:เดือนละ|ปีละ|วันละ|ต่อเดือน|ต่อปี|ต่อวัน|per month|per year|a month|a year))?"
UNIT_BEFORE: Final[tuple[tuple[re.Pattern[str], str], ...]] = tuple(
    (re.compile(rf"(?<![a-z])(?:{pattern}){_BETWEEN_UNIT_AND_NUMBER}\s?$", FLAGS), unit)
    for pattern, unit in (
        (r"(?:kwh|หน่วย|ยูนิต)(?:ไฟ(?:ฟ้า)?)?", "kWh"),
        (r"ลิตร(?:น้ำมัน)?(?:ดีเซล|เบนซิน|โซล่า|เตา)?|litres?|liters?", "litre"),
        (r"กิโลกรัม|กก\.?|kgs?", "kg"),
        (r"ลบ\.\s?ม\.?|m3", "m3"),
        (r"mmbtu", "MMBtu"),
    )
)
PERIOD_BEFORE_REACH: Final = 14
"""How many characters may stand between a period word and its number ("เดือนที่แล้วใช้ไฟไป 8พันยูนิต")."""
# A question between the period word and the number means the period belongs to the question.
PERIOD_BLOCKED_BY: Final = re.compile(r"กี่|เท่าไ|ไหม|มั้ย|\?", FLAGS)

# A rate's denominator: "หน่วยละ 4.8 บาท" before the number, "4.8 บาท/หน่วย" after the unit.
RATE_BEFORE: Final[tuple[tuple[re.Pattern[str], str], ...]] = tuple(
    (re.compile(rf"(?:{pattern})ละ\s?$", FLAGS), unit)
    for pattern, unit in (
        (r"หน่วย|ยูนิต|kwh", "kWh"),
        (r"ลิตร", "litre"),
        (r"กิโล(?:กรัม)?|กก\.?|kg|โล", "kg"),
        (r"ตัน", "tonne"),
        (r"ถัง", "cylinder"),
        (r"kwp|กิโลวัตต์", "kWp"),
    )
)
RATE_AFTER: Final = re.compile(r"\s?(?:/|ต่อ|per\s)\s?(?:1\s?)?", FLAGS)

_THAI_MONTHS: Final = (
    "มกราคม|กุมภาพันธ์|มีนาคม|เมษายน|พฤษภาคม|มิถุนายน|กรกฎาคม|สิงหาคม|กันยายน|ตุลาคม|พฤศจิกายน|ธันวาคม|"
    r"ม\.ค\.|ก\.พ\.|มี\.ค\.|เม\.ย\.|พ\.ค\.|มิ\.ย\.|ก\.ค\.|ส\.ค\.|ก\.ย\.|ต\.ค\.|พ\.ย\.|ธ\.ค\."
)
_EN_MONTHS: Final = r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_YEARISH: Final = r"(?:19|20|25|26)\d{2}"
# Spans that hold digits but no quantity: dates, times, years, scopes, ordinals, phone numbers,
# octane grades. Numbers inside them are skipped.
NOT_QUANTITIES: Final = re.compile(
    "|".join(
        (
            r"(?:วันที่\s?)?\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}(?!\d)",  # 15/08/2568, 2026-01-15
            rf"(?:\d{{1,2}}\s?)?(?:{_THAI_MONTHS}|{_EN_MONTHS})\s?(?:(?:พ\.ศ\.|ค\.ศ\.)\s?)?\d{{2,4}}(?!\d|,\d{{3}})",
            rf"\d{{1,2}}\s?(?:{_THAI_MONTHS}|{_EN_MONTHS})",
            r"วันที่\s?\d{1,2}(?![\d,.])",
            r"\d{1,2}[:.]\d{2}\s?(?:น\.|นาฬิกา|hrs?\b)",  # 9.30 น.
            r"\d{1,2}:\d{2}(?::\d{2})?",
            r"\d{1,2}\s?(?:โมง|ทุ่ม|นาฬิกา|[ap]\.?m\.?(?![a-z]))",
            r"(?:ตี|บ่าย)\s?\d{1,2}(?!\d)",
            r"(?:พ\.\s?ศ\.?|ค\.\s?ศ\.?)\s?\d{2,4}(?!\d)",
            r"(?<!ต่อ)(?<!ทั้ง)(?<!ตลอด)(?<!ราย)(?<!ทุก)(?<!/)ปี(?:งบประมาณ|งบ|ที่)?\s?\d{1,4}(?![\d,.])",
            rf"(?:\b(?:year|fy|in|since|by|until|before)|ภายใน(?:ปี)?|ตั้งแต่(?:ปี)?|ถึง(?:ปี)?|ก่อน(?:ปี)?)\s?{_YEARISH}(?![\d,.])",
            r"(?:scope|สโคป|ขอบเขต(?:ที่)?)\s?[123](?:\s?(?:\+|และ|,|/|-|–|ถึง)\s?[123])*(?!\d)",
            # "week 12" is an ordinal, "every week 200 litres" and "ทุกสัปดาห์ 200 ลิตร" are not.
            r"(?:(?<!every )(?<!each )(?<!per )(?<!a )\bweek|\bwk|(?<!ทุก)(?<!ต่อ)(?<!ๆ)(?<!ๆ )สัปดาห์(?:ที่)?|"
            r"อาทิตย์ที่|โมดูล|\bmodule|บทที่|ครั้งที่|ข้อ(?:ที่)?|ลำดับที่|\bpage|"
            r"ชั้น(?:ที่)?|ห้อง|เลขที่|\bno\.|ฉบับที่|รุ่น(?:ที่)?|\bseason|\biso|ขั้นที่|\bstep|\bphase|เฟสที่|\bndc|"
            r"\btier|\blevel|ซอย|หมู่(?:ที่)?|"
            # A tariff or a chapter by its number: "ค่าไฟประเภทที่ 4", "ตย.บท6", "วีค3", "โรดแมประยะ1".
            r"ประเภท(?:ที่)?|บท|วีค|ระยะที่|แมประยะ)\s?\d+(?:[-.:]\d+)*",
            r"\d{2,3}-\d{3,4}-\d{3,4}",  # phone numbers
            r"(?<!\d)0[689]\d{8}(?!\d)",
            r"(?:โซฮอล์?|เบนซิน|gasohol|ออกเทน|octane)\s?(?:91|95)(?!\d)",
        )
    ),
    FLAGS,
)
# A number followed by a duration word is a length of time, not an amount ("12 เดือน", "5 ปี").
DURATION_AFTER: Final = re.compile(
    r"\s?(?:วัน|เดือน|ปี|สัปดาห์|อาทิตย์|ชั่วโมง|ชม\.|นาที|วินาที|days?|months?|years?|yrs?|hours?|hrs?|weeks?)"
    r"(?!ละ|นึง|หนึ่ง)(?![a-z])",  # "เดือนนึง" after a price is "a month", a period
    FLAGS,
)
YEAR_LIKE: Final = ((1990, 2100), (2530, 2650))
"""A bare four-digit number in these ranges with no unit or period is a year (CE or Buddhist Era)."""
