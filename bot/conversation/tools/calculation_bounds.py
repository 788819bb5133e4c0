"""How much a business of the size a message describes could plausibly use: absurd amounts are refused.

Two tiers of bounds, both per month:

- any business in the programme: :data:`~bot.conversation.tools.emissions.MONTHLY_LIMITS`, checked by
  the calculators themselves (a billion kWh a month is several power stations);
- a small business the message names as such (:data:`SMALL_BUSINESS`: a congee or noodle stall, a
  food cart, a barber's, a café, a shop in front of the house, a household): :data:`SMALL_MONTHLY_LIMITS`.

The small bounds sit 10-50 times above what such a business really uses (a convenience store uses
about 15,000-20,000 kWh a month, a noodle stall one or two 48 kg LPG tanks), so no real figure is
refused; what they catch is a slip of magnitude ("800 ล้านหน่วย" for 800 หน่วย) or a joke. A message
that also names something large (a factory, branches, a fleet) or a multiplied-out amount ("3 สาขา
สาขาละ …") is left to the general bounds.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

from bot.conversation.tools.calculator_texts import number, phrase, unit_word
from bot.conversation.tools.emissions import PER_YEAR, ActivityAmount, CalculationInputError
from bot.conversation.tools.message_reading import Message

SMALL_BUSINESS: Final = re.compile(
    r"ร้านเล็ก|เล็ก\s?ๆ|แผงขาย|แผงลอย|รถเข็น|หน้าบ้าน|ที่บ้าน|ห้องแถว|โจ๊ก|ก๋วยเตี๋ยว|ข้าวมันไก่|ส้มตำ|ลูกชิ้น|"
    r"ตัดผม|เสริมสวย|ร้านชำ|โชห่วย|ร้านกาแฟ|คาเฟ่|ซักรีด|ร้านนวด|"
    r"\bstalls?\b|food cart|\bkiosk|\bbarber|\bcaf[eé]\b|coffee shop|small shop|household|\bmy (?:house|home)\b"
)
"""Words that make the business a small one: a stall, a cart, a café, a shop in front of a house."""

LARGE_BUSINESS: Final = re.compile(
    r"โรงงาน|สาขา|โรงแรม|ห้าง|นิคม|แฟรนไชส์|factory|plant|branch|hotel|mall|franchise|chain"
)
"""Words that say the message is also about something large: the general bounds apply."""

SMALL_MONTHLY_LIMITS: Final[Mapping[str, float]] = {
    "kWh": 300_000.0,  # 400 kW day and night: more than a department-store floor
    "THB": 1_500_000.0,  # the bill for 300,000 kWh
    "litre": 30_000.0,  # a tanker truck's load every month
    "kg": 30_000.0,  # 600 LPG tanks of 48 kg a month
    "tonne": 30.0,
    "m3": 100_000.0,
    "MMBtu": 3_000.0,
}
"""The most a small business (see :data:`SMALL_BUSINESS`) could use in a month, per unit typed."""


def check_scale(message: Message, item: ActivityAmount) -> None:
    """Refuse an amount beyond what the small business the message names could use.

    A figure with no period is allowed a year's worth, as in
    :func:`~bot.conversation.tools.emissions.check_amount`.
    """
    limit = SMALL_MONTHLY_LIMITS.get(item.unit)
    if limit is None or not message.has(SMALL_BUSINESS) or message.has(LARGE_BUSINESS):
        return
    per_year = PER_YEAR.get(item.period, 1.0) if item.period is not None else 1.0
    monthly = item.quantity * per_year / 12
    if monthly > limit:
        after = phrase(f"period_after.{item.period}") if item.period else ""
        raise CalculationInputError(
            phrase("error.absurd_small", amount=number(item.quantity), unit=unit_word(item.unit), period=after)
        )
