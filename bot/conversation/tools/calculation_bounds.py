"""How much a business of the size a message describes could plausibly use: absurd amounts are refused.

Three tiers of bounds, all per month:

- anything at all: :data:`~bot.conversation.tools.emissions.MONTHLY_LIMITS`, checked by the
  calculators themselves (a billion kWh a month is several power stations);
- any business in the programme, which is for SMEs: :data:`SME_MONTHLY_LIMITS`. A Thai SME has at
  most 500 million baht of revenue a year (manufacturing; 300 million for trade and services). The
  bounds are what would cost several times that revenue: 50 million kWh a month is 70 MW day and
  night, a power station's output, and 2.7 billion baht of electricity a year. So "ร้านก๋วยจั๊บใช้ไฟ
  900 ล้านหน่วยต่อเดือน" is refused whatever business the message names;
- a small business the message names as such (:data:`SMALL_BUSINESS`: a congee or noodle stall, a
  food shop, a food cart, a barber's, a café, a shop in front of the house, a household):
  :data:`SMALL_MONTHLY_LIMITS`.

The small bounds sit 10-50 times above what such a business really uses (a convenience store uses
about 15,000-20,000 kWh a month, a noodle stall one or two 48 kg LPG tanks), so no real figure is
refused; what they catch is a slip of magnitude ("800 ล้านหน่วย" for 800 หน่วย) or a joke. A message
that also names something large (a factory, branches, a fleet) or a multiplied-out amount ("3 สาขา
สาขาละ …") is left to the SME bounds.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

from bot.conversation.tools.calculator_texts import number, phrase, unit_word
from bot.conversation.tools.emissions import MONTHLY_LIMITS, PER_YEAR, ActivityAmount, CalculationInputError
from bot.conversation.tools.message_reading import Message

SMALL_BUSINESS: Final = re.compile(
    r"ร้านเล็ก|เล็ก\s?ๆ|แผงขาย|แผงลอย|รถเข็น|หน้าบ้าน|ที่บ้าน|ห้องแถว|โจ๊ก|ก๋วยเตี๋ยว|ข้าวมันไก่|ส้มตำ|ลูกชิ้น|"
    r"ตัดผม|เสริมสวย|ร้านชำ|โชห่วย|ร้านกาแฟ|คาเฟ่|ซักรีด|ร้านนวด|"
    # A food shop of any dish: "ร้านก๋วยจั๊บ", "ร้านข้าวแกง", "ร้านอาหารตามสั่ง", "ร้านขนมจีน", "ร้านชาไข่มุก".
    r"ร้าน\s?(?:อาหาร|ก๋วย|ข้าว|ขนม|ชา|น้ำ|ส้มตำ|หมู|ไก่|เป็ด|ไส้|โรตี|ผัด|แกง|บะหมี่|เกาเหลา|ติ่มซำ|ไอติม|ไอศกรีม|"
    r"เบเกอรี่|เค้ก|ยำ|สุกี้|ชาบู|ปิ้งย่าง|ลาบ|โจ๊ก|เจ|ผลไม้|ผัก)|ตามสั่ง|ก๋วยจั๊บ|"
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

SME_MONTHLY_LIMITS: Final[Mapping[str, float]] = {
    "kWh": 50_000_000.0,  # 70 MW day and night, a power station's output; 2.7 billion baht a year
    "THB": 250_000_000.0,  # 3 billion baht a year on one bill: six times an SME's whole revenue
    "litre": 10_000_000.0,  # about 300 million baht of diesel a month
    "kg": 5_000_000.0,  # 5,000 tonnes of LPG a month, a hundred thousand 48 kg tanks
    "tonne": 5_000.0,
    "m3": 50_000_000.0,  # a gas-fired power station's intake
    "MMBtu": 2_000_000.0,
}
"""The most any business in the programme (an SME) could use in a month, per unit typed."""

SMALL_SOLAR_KWP: Final = 500.0
"""The largest rooftop a small business could hold: 500 kWp is about 2,500 m2 of panels.

A shophouse roof takes 10-20 kWp and a large café's perhaps 50, so a real size is never refused;
"90,000 kWp" on a barber's roof is a slip of magnitude.
"""


def check_solar_scale(message: Message, kwp: float) -> None:
    """Refuse a rooftop size beyond the roof of the small business the message names."""
    small = message.has(SMALL_BUSINESS) and not message.has(LARGE_BUSINESS)
    if small and kwp > SMALL_SOLAR_KWP:
        raise CalculationInputError(phrase("error.absurd_small_solar", amount=number(kwp)))


def check_scale(message: Message, item: ActivityAmount) -> None:
    """Refuse an amount beyond what any SME, or the small business the message names, could use.

    A figure with no period is allowed a year's worth, as in
    :func:`~bot.conversation.tools.emissions.check_amount`.
    """
    per_year = PER_YEAR.get(item.period, 1.0) if item.period is not None else 1.0
    monthly = item.quantity * per_year / 12
    after = phrase(f"period_after.{item.period}") if item.period else ""
    amount, unit = number(item.quantity), unit_word(item.unit)
    limit = SMALL_MONTHLY_LIMITS.get(item.unit)
    small = limit is not None and message.has(SMALL_BUSINESS) and not message.has(LARGE_BUSINESS)
    if small and limit is not None and monthly > limit:
        # The small shop named is the likelier slip, so its words come first.
        raise CalculationInputError(phrase("error.absurd_small", amount=amount, unit=unit, period=after))
    sme_limit = SME_MONTHLY_LIMITS.get(item.unit)
    # Beyond MONTHLY_LIMITS the calculators refuse it themselves, with the same words.
    if sme_limit is not None and sme_limit < monthly <= MONTHLY_LIMITS.get(item.unit, float("inf")):
        raise CalculationInputError(phrase("error.absurd", amount=amount, unit=unit, period=after))
