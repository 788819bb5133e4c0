"""Money and emissions in a message: a carbon price, a kgCO2e/tCO2e conversion, and baht that need a question.

Split from :mod:`bot.conversation.tools.calculation_requests`, which calls these once it has read the
message and paired its amounts with activities.
"""

from __future__ import annotations

from dataclasses import replace

from bot.conversation.tools import calculation_words as words
from bot.conversation.tools.calculation_types import (
    CalculationRequest,
    Clarification,
    ClarifyReason,
    Co2eAmount,
    RequestKind,
)
from bot.conversation.tools.calculator_texts import Phrase, number, phrase, unit_word
from bot.conversation.tools.emissions import ActivityAmount
from bot.conversation.tools.factor_names import factor_name
from bot.conversation.tools.message_reading import Mention, Message
from ingestion.thai.numbers import Quantity
from knowledge.emission_factors import FactorTable


def figure(value: float, unit: str) -> Phrase:
    """``50,000 หน่วย`` / ``50,000 kWh``, ``35,000 บาท``: a figure as a clarifying question repeats it."""
    # Thai repeats electricity as plain "หน่วย": "หน่วย (kWh)" reads as a lecture inside a question.
    return phrase("figure", value=number(value), unit=unit_word("kWh_plain" if unit == "kWh" else unit))


def ask_period(kind: RequestKind, what: Phrase, activity: str | None, value: float, unit: str) -> Clarification:
    """The one question about the period of a figure ("…นี้ต่อเดือนหรือต่อปีครับ?")."""
    return Clarification(
        phrase("ask.period", what=what), ClarifyReason.PERIOD, kind, activity, value, unit, None, asks_for="period"
    )


def rate(message: Message, per: tuple[str, ...]) -> float | None:
    """A price per ``per`` the user typed ("ตันละ 200 บาท", "4.8 บาท/หน่วย"), or ``None``."""
    stated = next((q.value for q in message.quantities if q.unit == "THB" and q.per in per), None)
    if stated is None and (message.has(words.PRICE) or message.has(words.PAYING)):
        # "ราคาคาร์บอนตันละ 200": a price per tonne with the baht left out.
        stated = next((q.value for q in message.quantities if q.unit is None and q.per in per), None)
    return stated


def carbon_price(
    message: Message, table: FactorTable, items: list[ActivityAmount], assigned: dict[int, Quantity]
) -> CalculationRequest | Clarification | None:
    """A carbon price on stated tonnes or on computed activities; asks for a missing price or period."""
    price = rate(message, ("tonne", "tCO2e"))
    taken = set(map(id, assigned.values()))
    stated = next(
        (
            q
            for q in message.quantities
            if q.per is None
            and (q.unit in ("tCO2e", "kgCO2e") or (q.unit == "tonne" and not items and id(q) not in taken))
        ),
        None,
    )
    co2e = Co2eAmount(stated.value, "kgCO2e" if stated.unit == "kgCO2e" else "tCO2e", stated.period) if stated else None
    if co2e is None and not items:
        # "ราคาคาร์บอน 800 บาท/tCO2e แต่ยังไม่รู้ว่าปล่อยเท่าไหร่ จะโดนเท่าไร": a price of one's own, asked about.
        own_price = price is not None and message.has(words.QUESTION)
        own = (message.has(words.PERSONAL) or own_price) and not message.has(words.COURSE_EXAMPLE)
        if own and not message.has(words.FACTOR_QUESTION):
            return Clarification(
                phrase("ask.amount.co2e"),
                ClarifyReason.AMOUNT,
                RequestKind.CARBON_PRICE,
                "carbon_price",
                asks_for="tCO2e",
            )
        return None
    if co2e is not None and co2e.period is None and message.asked_period:
        return ask_period(
            RequestKind.CARBON_PRICE,
            phrase("what.emit", amount=number(co2e.value)),
            "carbon_price",
            co2e.value,
            co2e.unit,
        )
    if price is None and not message.has(words.TAX):
        return Clarification(
            phrase("ask.price", tax=number(table.parameter("carbon_tax").value or 0)),
            ClarifyReason.PRICE,
            RequestKind.CARBON_PRICE,
            "carbon_price",
            co2e.value if co2e else None,
            co2e.unit if co2e else None,
            co2e.period if co2e else None,
            asks_for="THB/tCO2e",
        )
    return CalculationRequest(
        RequestKind.CARBON_PRICE,
        items=tuple(items) if co2e is None else (),
        co2e=co2e,
        price_per_tonne=price,
        tariff=rate(message, ("kWh",)),
        asked_period=message.asked_period,
    )


def convert(message: Message, mentions: list[Mention]) -> CalculationRequest | None:
    """A kgCO2e/tCO2e conversion the user asks for, or ``None``."""
    if not message.has(words.CONVERT):
        return None  # "ปล่อย 285 tCO2e ต่อปี เข้าข่าย SBTi ไหม" states a figure, it asks no conversion
    stated = next((q for q in message.quantities if q.per is None and q.unit in ("tCO2e", "kgCO2e")), None)
    if stated is None and not mentions:
        stated = next((q for q in message.quantities if q.per is None and q.unit in ("kg", "tonne")), None)
    if stated is None:
        return None
    unit = {"kg": "kgCO2e", "tonne": "tCO2e"}.get(stated.unit or "", stated.unit or "")
    # "ปุ๋ยเคมี 1 ตัน ปล่อย N2O กี่กิโล": a mass of something that emits, asked how much it emits.
    if stated.unit in ("kg", "tonne") and words.EMITS.search(message.plain, stated.end):
        return None
    # "ต้องลด 63 ตัน ปีละกี่ตัน", "มีเทน 1 กิโล เทียบเป็น co2 ได้กี่กิโล": the unit asked is the unit
    # given, so the question is about something else (a share per year, a GWP), not a conversion;
    # unless the period changes ("12 tCO2e ต่อปี เฉลี่ยเดือนละกี่ตัน").
    new_period = message.asked_period is not None and stated.period not in (None, message.asked_period)
    if words.asked_mass_unit(message.plain) == unit and not new_period:
        return None
    co2e = Co2eAmount(stated.value, unit, stated.period)
    return CalculationRequest(RequestKind.CONVERT, co2e=co2e, asked_period=message.asked_period)


def _unclaimed_baht(pool: list[Quantity], assigned: dict[int, Quantity]) -> Quantity | None:
    taken = set(map(id, assigned.values()))
    return next((q for q in pool if q.unit == "THB" and q.per is None and id(q) not in taken), None)


def baht_question(
    message: Message,
    table: FactorTable,
    mentions: list[Mention],
    pool: list[Quantity],
    assigned: dict[int, Quantity],
) -> Clarification | None:
    """The one question to ask when baht cannot be turned into an activity, or ``None``.

    - Water and electricity paid in one bill ("ค่าน้ำค่าไฟรวมกัน 18,000 บาท"): how much is electricity?
    - Baht spent on a fuel ("ค่าแก๊ส LPG เดือนละ 6,500 บาท"): fuel factors are per litre or kilogram,
      so ask how many, or the price per litre, rather than guess a pump price.
    - Baht with nothing named ("ร้านจ่ายเดือนละ 15,000 บาท ปล่อยกี่ตัน"): a bill for what?
    """
    if not message.has(words.CALC) or message.has(words.FACTOR_QUESTION):
        return None
    for index, quantity in assigned.items():
        if mentions[index].kind == "bill" and quantity.unit == "THB" and message.has(words.WATER_BILL):
            return Clarification(
                phrase("ask.bill_with_water", amount=figure(quantity.value, "THB")),
                ClarifyReason.AMOUNT,
                RequestKind.EMISSIONS,
                "grid_electricity",
                quantity.value,
                "THB",
                quantity.period,
                asks_for="THB",
            )
    baht = _unclaimed_baht(pool, assigned)
    if baht is None:
        return None
    fuels = [m for m in mentions if m.kind == "factor" and m.activity != "grid_electricity"]
    if fuels:
        factor = table.get(fuels[0].activity)
        # Natural gas is billed in MMBtu (or by volume), never in the factor's MJ or scf.
        unit = {"MJ": "MMBtu", "scf": "m3"}.get(factor.activity_unit, factor.activity_unit) if factor else "litre"
        name = factor_name(factor, inside=True) if factor else fuels[0].label
        return Clarification(
            # Spoken, not abbreviated: "กี่กิโลกรัม", not "กี่กก.".
            phrase("ask.fuel_in_baht", name=name, amount=figure(baht.value, "THB"), unit=unit_word(f"{unit}_plain")),
            ClarifyReason.UNIT,
            RequestKind.EMISSIONS,
            fuels[0].activity,
            baht.value,
            "THB",
            baht.period,
            asks_for=unit,
        )
    if mentions:
        return None
    return Clarification(
        phrase("ask.baht_for_what", amount=figure(baht.value, "THB")),
        ClarifyReason.ACTIVITY,
        RequestKind.EMISSIONS,
        None,
        baht.value,
        "THB",
        baht.period,
        asks_for="activity",
    )


def baht_to_fuel(pool: list[Quantity]) -> list[Quantity]:
    """Baht spent on a fuel over its price per litre or kilogram: "เติมดีเซล 20,000 บาท ลิตรละ 32 บาท" is 625 litres."""
    price = next((q for q in pool if q.unit == "THB" and q.per in ("litre", "kg") and q.value > 0), None)
    spent = next((q for q in pool if q.unit == "THB" and q.per is None), None)
    if price is None or spent is None or price.per is None:
        return pool
    bought = replace(spent, value=spent.value / price.value, unit=price.per, text=f"{spent.text} ÷ {price.text}")
    return [bought if q is spent else q for q in pool if q is not price]
