"""How the calculators write: texts from :mod:`bot.i18n.calculators`, and numbers as the course writes them.

The wording lives in the catalogue (Thai, and English as the option); this module picks keys
and formats figures, so the calculators and the renderer never spell a sentence themselves.

Refusals and clarifying questions are made deep inside the calculators, before anyone knows
who will read them, so they are kept as a :class:`Phrase` (a key and its values) and put into
words in the user's language when the reply is sent::

    error = CalculationInputError(phrase("error.not_positive", amount="-5", unit=unit_word("litre")))
    error.message("en")   # "-5 litres cannot be calculated: ..."
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from bot.i18n.calculators import MESSAGES
from bot.i18n.calculators import text as catalogue_text

_CITE_CHARS = 90


@dataclass(frozen=True)
class Phrase:
    """A catalogue message not yet put into words: its key and values (phrases and names among them)."""

    key: str
    values: tuple[tuple[str, object], ...] = ()

    def say(self, language: str) -> str:
        """The message in ``language`` (Thai when the catalogue has no text in it)."""
        return text(self.key, language, **dict(self.values))


@dataclass(frozen=True)
class Bilingual:
    """A name the course file gives in both languages (a factor's ``name_th`` and ``name_en``)."""

    th: str
    en: str

    def say(self, language: str) -> str:
        """The English name for ``en`` (when there is one), else the Thai."""
        return self.en if language == "en" and self.en else self.th


@dataclass(frozen=True)
class Listed:
    """Several values said one after another, joined by the catalogue's ``separator`` ("หรือ", "or")."""

    items: tuple[Phrase | Bilingual | str, ...]
    separator: str

    def say(self, language: str) -> str:
        """The items in ``language``, joined."""
        return text(self.separator, language).join(str(said(item, language)) for item in self.items)


Words = Phrase | Bilingual | Listed | str
"""Anything a calculator message can hold that is put into words: a phrase, a name, a list, or fixed text."""


def said(value: object, language: str) -> object:
    """``value`` in ``language`` when it is a phrase, a name or a list; anything else as it is."""
    return value.say(language) if isinstance(value, Phrase | Bilingual | Listed) else value


def phrase(key: str, **values: object) -> Phrase:
    """The message ``key`` with its values, to be said later in the reader's language."""
    return Phrase(key, tuple(values.items()))


def text(key: str, language: str = "th", **values: object) -> str:
    """The message ``key`` in ``language`` with its placeholders filled (phrases and names said in it too)."""
    return catalogue_text(key, language, **{name: said(value, language) for name, value in values.items()})


def unit_name(unit: str, language: str = "th") -> str:
    """A unit as answers write it (``หน่วย (kWh)``, ``ลิตร``; ``kWh``, ``litres``); an unknown unit as it is."""
    return text(f"unit.{unit}", language) if f"unit.{unit}" in MESSAGES else unit


def unit_word(unit: str) -> Phrase | str:
    """:func:`unit_name`, said later in the reader's language."""
    return phrase(f"unit.{unit}") if f"unit.{unit}" in MESSAGES else unit


def unit_th(unit: str) -> str:
    """A unit in Thai (:func:`unit_name`)."""
    return unit_name(unit, "th")


def period_name(period: str, language: str = "th") -> str:
    """``ต่อเดือน``, ``ต่อปี``, ``ต่อวัน``; ``per month``, ``per year``, ``per day``."""
    return text(f"period.{period}", language) if f"period.{period}" in MESSAGES else period


def period_th(period: str) -> str:
    """A period in Thai (:func:`period_name`)."""
    return period_name(period, "th")


def scope_name(scope: int, language: str = "th") -> str:
    """``ขอบเขตที่ 2 (Scope 2: ไฟฟ้าที่ซื้อมาใช้)``; ``Scope 2 (purchased electricity)``."""
    return text(f"scope.{scope}", language) if f"scope.{scope}" in MESSAGES else f"Scope {scope}"


def scope_th(scope: int) -> str:
    """A scope in Thai (:func:`scope_name`)."""
    return scope_name(scope, "th")


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


def amount(value: float, unit: str, language: str = "th") -> str:
    """``50,000 หน่วย (kWh)``, ``2,000 ลิตร``; ``50,000 kWh``, ``2,000 litres``."""
    return f"{number(value)} {unit_name(unit, language)}"


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
