"""Thai calendar formatting: Thai month and weekday names, Buddhist Era years (BE = CE + 543)."""

from __future__ import annotations

from datetime import date

BE_OFFSET = 543
"""Years of the Buddhist Era run this far ahead of the Common Era."""

THAI_MONTHS: tuple[str, ...] = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
THAI_MONTHS_SHORT: tuple[str, ...] = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)
THAI_WEEKDAYS: tuple[str, ...] = ("จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์", "อาทิตย์")
"""Indexed by :meth:`datetime.date.weekday` (Monday is 0)."""


def buddhist_year(d: date) -> int:
    """The Buddhist Era year of ``d`` (2026 -> 2569)."""
    return d.year + BE_OFFSET


def thai_date(d: date, weekday: bool = True) -> str:
    """``d`` written out in Thai with the BE year.

    ``thai_date(date(2026, 1, 15))`` is ``"วันพฤหัสบดีที่ 15 มกราคม 2569"``; with
    ``weekday=False`` it is ``"15 มกราคม 2569"``.
    """
    day_month_year = f"{d.day} {THAI_MONTHS[d.month - 1]} {buddhist_year(d)}"
    if not weekday:
        return day_month_year
    return f"วัน{THAI_WEEKDAYS[d.weekday()]}ที่ {day_month_year}"


def thai_date_numeric(d: date) -> str:
    """``d`` as ``DD/MM/YYYY`` with the BE year, as Thai forms write it (``15/01/2569``)."""
    return f"{d.day:02d}/{d.month:02d}/{buddhist_year(d)}"


def thai_date_short(d: date) -> str:
    """``d`` with the abbreviated month and two-digit BE year (``15 ม.ค. 69``)."""
    return f"{d.day} {THAI_MONTHS_SHORT[d.month - 1]} {buddhist_year(d) % 100:02d}"
