"""How the calculators write: Thai texts from :mod:`bot.i18n.calculators`, and numbers as the course writes them.

The wording lives in the catalogue; this module picks keys and formats figures, so the
calculators and the renderer never spell a Thai sentence themselves.
"""

from __future__ import annotations

import math
import re

from bot.i18n.calculators import MESSAGES
from bot.i18n.calculators import text as catalogue_text

_CITE_CHARS = 90


def text(key: str, **values: object) -> str:
    """The Thai message ``key`` with its placeholders filled."""
    return catalogue_text(key, "th", **values)


def unit_th(unit: str) -> str:
    """A unit as answers write it (``หน่วย (kWh)``, ``ลิตร``); an unknown unit as it is."""
    return text(f"unit.{unit}") if f"unit.{unit}" in MESSAGES else unit


def period_th(period: str) -> str:
    """``ต่อเดือน``, ``ต่อปี``, ``ต่อวัน``."""
    return text(f"period.{period}") if f"period.{period}" in MESSAGES else period


def scope_th(scope: int) -> str:
    """``ขอบเขตที่ 2 (Scope 2: ไฟฟ้าที่ซื้อมาใช้)``."""
    return text(f"scope.{scope}") if f"scope.{scope}" in MESSAGES else f"Scope {scope}"


def number(value: float) -> str:
    """A figure the way the course writes it: ``4,750``, ``23.75``, ``0.548``.

    From 1,000 up whole numbers (decimals there are false precision); from 1 up at most two
    decimals; below 1 three significant figures, so small results do not round to zero.
    """
    if not math.isfinite(value):
        return str(value)
    size = abs(value)
    if size >= 1000:
        return f"{value:,.0f}"
    if size >= 1 or size == 0:
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    digits = 2 - math.floor(math.log10(size))
    return f"{value:.{digits}f}".rstrip("0").rstrip(".")


def years(value: float) -> str:
    """A payback time as the course writes it: one decimal (``2.9``)."""
    return f"{value:,.1f}"


def factor_figure(value: float) -> str:
    """An emission factor as the course prints it: ``0.4750``, ``2.7406``; GWPs as ``1,760``."""
    return f"{value:.4f}" if value < 100 else f"{value:,.0f}"


def amount(value: float, unit: str) -> str:
    """``50,000 หน่วย (kWh)``, ``2,000 ลิตร``."""
    return f"{number(value)} {unit_th(unit)}"


def cite(source: str) -> str:
    """Publisher and title from a ``source`` line, short enough for a chat answer.

    Drops the course-module pointer, the "(from ...)" provenance and bracketed details with
    figures or dates; a line still too long keeps only what comes before its first colon.
    """
    for cut in (" (จาก", " ตามบทเรียน"):
        source = source.split(cut, 1)[0]
    source = " ".join(re.sub(r"\s*\([^)]*\d[^)]*\)", "", source).split())
    if len(source) > _CITE_CHARS and ":" in source:
        source = source.split(":", 1)[0]
    return source[:_CITE_CHARS].strip()
