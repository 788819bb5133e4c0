"""Quantities in informal Thai text: "ใช้ไฟเดือนละ 5 หมื่นหน่วย", "ดีเซล 2,000 ลิตร/เดือน", "ติดโซลาร์ 100kw".

SME owners write numbers every way at once: ``50,000``, ``5 หมื่น``, ``5หมื่น``, ``50k``, ``ห้าหมื่น``,
``๕๐,๐๐๐``, ``1 ล้าน 2 แสน``, and the colloquial ``สองพันห้า`` (2,500). :func:`find_quantities`
reads each number with the unit and period written next to it; :func:`parse_number` reads one
number expression. The words themselves (units, periods, what is not a quantity) live in
:mod:`ingestion.thai.quantity_words`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ingestion.thai import quantity_words as words
from ingestion.thai.normalise import normalize

__all__ = ["UNITS", "Quantity", "find_quantities", "parse_number"]

UNITS = (
    *("kWh", "THB", "litre", "kg", "tonne", "m3", "MMBtu", "MJ"),
    *("kWp", "kW", "tCO2e", "kgCO2e", "percent", "cylinder"),
)
"""Every canonical unit a :class:`Quantity` may carry (``cylinder`` is an LPG tank, ถัง)."""

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


@dataclass(frozen=True)
class Quantity:
    """A number found in a message, with the unit and period written next to it.

    ``start``/``end`` index into ``normalize(message)`` (the form every layer stores), and
    ``text`` is that slice, Thai digits kept for display. ``value`` is in the canonical ``unit``
    (``1.2 MWh`` is 1,200 kWh). ``per`` is the denominator of a rate: ``4.8 บาท/หน่วย`` and
    ``หน่วยละ 4.8 บาท`` are THB per kWh, not a bill of 4.8 baht.
    """

    value: float
    unit: str | None  # one of UNITS, or None when no unit is written
    period: str | None  # "month" | "year" | "day" | None
    start: int
    end: int
    text: str
    per: str | None = None


@dataclass(frozen=True)
class _Reading:
    value: float
    end: int
    arabic: bool  # has an Arabic numeral: never mistaken for part of a word
    needs_unit: bool  # one bare Thai word ("ห้า", "ร้อย"): a number only when a unit follows
    leading_magnitude: bool  # starts with a magnitude word ("หมื่น…"): vague after หลาย/กี่/เป็น


def _arabic(token: str) -> float:
    multiplier = 1_000.0 if token[-1] in "kK" else 1.0
    return float(token.rstrip("kK").replace(",", "")) * multiplier


def _read_number(text: str, pos: int) -> _Reading | None:
    """Read one number expression starting exactly at ``pos`` (text already digit-folded).

    Thai numbers nest below a million and repeat above it: ``หนึ่งแสนสองหมื่น`` is
    100,000 + 20,000 and ``สองร้อยล้าน`` is 200 x 1,000,000. A bare digit after a magnitude of a
    thousand or more is the next digit down, as people say prices: ``สองพันห้า`` is 2,500 and
    ``ล้านสอง`` 1.2 million; after ร้อย and สิบ it is the units digit (``ร้อยเอ็ด`` is 101).
    """
    total = group = 0.0  # the millions already closed; the part below a million
    pending: float | None = None  # a digit waiting for its magnitude
    last_magnitude: float | None = None
    end, count, arabic, previous = pos, 0, False, ""
    while match := words.TOKEN.match(text, end):
        spaced = bool(match.group("space"))
        kind = match.lastgroup or ""
        token = match.group(kind)
        if count == 0 and spaced:
            return None
        if kind in ("arabic", "word"):
            if pending is not None:
                break
            if spaced and previous in ("magnitude", "yi"):
                # "1 ล้าน 2 แสน" continues; in "3 พัน 5 เดือน" the 5 starts something else.
                following = words.TOKEN.match(text, match.end())
                if following is None or following.lastgroup != "magnitude":
                    break
            if token == "ครึ่ง" and last_magnitude is not None and not spaced:
                # ล้านครึ่ง is 1.5 million and แสนครึ่ง 150,000; nothing follows a half.
                if last_magnitude == words.MILLION:
                    total += words.MILLION / 2
                else:
                    group += last_magnitude / 2
                end, count = match.end(), count + 1
                break
            arabic = arabic or kind == "arabic"
            following = words.TOKEN.match(text, match.end())
            last_word = following is None or following.lastgroup != "magnitude"
            if token in ("นึง", "หนึ่ง") and previous == "magnitude" and not spaced and last_word:
                # "แสนนึง", "พันหนึ่ง": one hundred thousand, one thousand, not 110,000 or 1,100.
                end, count = match.end(), count + 1
                break
            pending = _arabic(token) if kind == "arabic" else words.DIGIT_WORDS[token]
        else:
            if spaced and previous not in ("arabic", "word"):
                break  # "หมื่น แสน" are two numbers, not one
            magnitude = 10.0 if kind == "yi" else words.MAGNITUDES[token]
            if kind == "yi":
                if pending is not None:
                    break
                pending = 2.0
            if magnitude == words.MILLION:
                closed = group + (pending or 0.0)
                total = (total + (closed if closed or total else 1.0)) * words.MILLION
                group = 0.0
            else:
                if last_magnitude is not None and last_magnitude != words.MILLION and magnitude >= last_magnitude:
                    break  # "พันหมื่น" is not a number
                group += (1.0 if pending is None else pending) * magnitude
            pending, last_magnitude = None, magnitude
        end, count, previous = match.end(), count + 1, kind
    if count == 0:
        return None
    if pending is not None:
        if last_magnitude is not None and last_magnitude >= 1_000 and pending < 10 and pending.is_integer():
            group += pending * last_magnitude / 10  # colloquial: สองพันห้า = 2,500
        else:
            group += pending
    first = words.TOKEN.match(text, pos)
    leading = first is not None and first.lastgroup == "magnitude"
    return _Reading(total + group, end, arabic, needs_unit=count == 1 and not arabic, leading_magnitude=leading)


def parse_number(text: str) -> float | None:
    """The value of one number expression (``"5 หมื่น"`` -> 50000.0), or ``None`` if ``text`` is not one.

    Accepts Arabic numerals with thousands separators and decimals, a ``k`` suffix, Thai digits,
    Thai number words and mixtures (``"1.2 ล้าน"``, ``"3พันห้าร้อย"``), and a leading minus sign or
    ``ติดลบ``.
    """
    folded = normalize(text).translate(_THAI_DIGITS)
    sign = 1.0
    for minus in ("-", "−", "ติดลบ"):
        if folded.startswith(minus):
            folded, sign = folded[len(minus) :].lstrip(), -1.0
            break
    reading = _read_number(folded, 0)
    if reading is None or reading.end != len(folded):
        return None
    return sign * reading.value


def _unit_at(text: str, pos: int) -> tuple[str, float, int] | None:
    for pattern, unit, multiplier in words.UNITS:
        if match := pattern.match(text, pos):
            return unit, multiplier, match.end()
    return None


def _period_after(text: str, pos: int) -> tuple[str, int] | None:
    for pattern, period in words.PERIOD_AFTER:
        if match := pattern.match(text, pos):
            # Thai only: in English the period always follows a space ("600 tCO2e a year?").
            thai_period = not any("a" <= c <= "z" for c in match.group().lower())
            if thai_period and match.group().startswith(" ") and words.QUESTION_AFTER_PERIOD.match(text, match.end()):
                return None
            if match.group().startswith(" ") and words.COUNT_AFTER_PERIOD.match(text, match.end()):
                return None  # "1 ถัง ทั้งปี 52 สัปดาห์": the period frames the count of weeks, not this amount
            return period, match.end()
    return None


def _period_before(text: str, start: int, floor: int) -> str | None:
    """A period word a few characters before ``start``, with no number or question in between."""
    context = text[max(floor, start - 2 * words.PERIOD_BEFORE_REACH) : start]
    found = None
    for match in words.PERIOD_BEFORE.finditer(context):
        found = match
    if found is None:
        return None
    between = context[found.end() :]
    if len(between) > words.PERIOD_BEFORE_REACH or any(c.isdigit() for c in between):
        return None
    if words.PERIOD_BLOCKED_BY.search(between):
        return None
    return found.lastgroup


def _unit_before(text: str, start: int, floor: int) -> str | None:
    """A unit written just before the number ("ดีเซล ลิตร 800"), unless an earlier number took it."""
    before = text[floor:start]
    if any(pattern.search(before) for pattern, _ in words.RATE_BEFORE):
        return None  # "ลิตรละ 32": a price per litre, not litres
    return next((unit for pattern, unit in words.UNIT_BEFORE if pattern.search(before)), None)


def _is_year(reading: _Reading, token: str) -> bool:
    if not (reading.arabic and token.isdigit() and len(token) == 4):
        return False
    return any(low <= reading.value <= high for low, high in words.YEAR_LIKE)


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in ``text``, in order, with its canonical unit, period and rate denominator.

    The text is normalised first (:func:`ingestion.thai.normalize`). Dates, times, years
    (``ปี 2569``, ``พ.ศ. 2569``, a bare ``2026``), ``scope 2``, ``CO2``, ordinals (``สัปดาห์ที่ 3``),
    durations (``12 เดือน``), phone numbers and octane grades are not quantities. A Thai number
    word standing alone (``ห้า``, ``ร้อย``) counts only when a unit follows it, so ``สามารถ`` and
    ``เรียบร้อย`` stay words.
    """
    norm = normalize(text)
    folded = norm.translate(_THAI_DIGITS)  # same length: offsets stay valid
    masked = [m.span() for m in words.NOT_QUANTITIES.finditer(folded)]
    found: list[Quantity] = []
    resume = 0
    for start_match in words.START.finditer(folded):
        if start_match.start() < resume:
            continue
        start, number_start = start_match.start(), start_match.end()
        reading = _read_number(folded, number_start)
        if reading is None:
            continue
        if any(s < reading.end and number_start < e for s, e in masked):
            resume = reading.end
            continue
        quantity = _complete(folded, norm, start, reading, bool(start_match.group("minus")), found)
        if quantity is not None and start_match.group("glued") is not None and quantity.unit is None:
            continue  # "iso14064", "CO2 50": a number glued to a Latin word counts only with its unit
        if quantity is not None:
            found.append(quantity)
            resume = quantity.end
    return found


def _complete(
    folded: str, norm: str, start: int, reading: _Reading, negative: bool, found: list[Quantity]
) -> Quantity | None:
    """Attach unit, period and rate to a number read at ``start``; ``None`` when it is not a quantity."""
    before = folded[:start]
    if reading.leading_magnitude and words.VAGUE_BEFORE.search(before):
        return None  # หลายหมื่น, กี่พัน, เป็นแสน
    end, unit, multiplier = reading.end, None, 1.0
    filler = words.FILLER.match(folded, end)
    if filler and (unit_found := _unit_at(folded, filler.end())):
        unit, multiplier, end = unit_found
    else:
        for pattern, prefix_unit in words.PREFIX_UNITS:
            if prefix := pattern.search(before):
                unit, start = prefix_unit, prefix.start()
                break
    if reading.needs_unit and unit is None:
        return None
    if unit is None and words.DURATION_AFTER.match(folded, end):
        return None  # "12 เดือน", "5 ปี": a length of time
    if unit is None:
        unit = _unit_before(folded, start, found[-1].end if found else 0)
    period = per = None
    if after := _period_after(folded, end):
        period, end = after
    elif (
        unit is not None
        and (slash := words.RATE_AFTER.match(folded, end))
        and (denominator := _unit_at(folded, slash.end()))
    ):
        per, end = denominator[0], denominator[2]
        if after := _period_after(folded, end):
            period, end = after
    if period is None and per is None and unit is not None and (of := words.OF_WHAT.match(folded, end)):
        # English names the activity between the unit and the period ("1,200 litres of diesel per month"):
        # the period is the amount's, but the quantity still ends at its unit so "diesel" stays readable.
        period = after[0] if (after := _period_after(folded, of.end())) else None
    if per is None:
        per = next((u for pattern, u in words.RATE_BEFORE if pattern.search(before)), None)
    if period is None and per is None:
        period = _period_before(folded, start, found[-1].end if found else 0)
    token = folded[start : reading.end].lstrip("-−")
    if unit is None and period is None and per is None and _is_year(reading, token):
        return None
    value = reading.value * multiplier * (-1.0 if negative else 1.0)
    return Quantity(value, unit, period, start, end, norm[start:end], per)
