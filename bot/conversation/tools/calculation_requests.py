"""From an SME owner's message to a calculation, or to the one short question to ask first.

:func:`parse_calculation_request` finds the activities (through the factor file's aliases, the
words for an electricity bill, solar and carbon prices) and the amounts (through
:func:`ingestion.thai.numbers.find_quantities`), pairs each amount with the activity written
nearest before it, and returns a :class:`CalculationRequest`, a :class:`Clarification` when a
number, unit, tank size, price or period is missing, or ``None`` when the message is not a
calculation at all (a question about the course, which retrieval answers).
"""

from __future__ import annotations

from dataclasses import replace

from bot.conversation.tools import calculation_words as words
from bot.conversation.tools.calculation_bounds import check_scale, check_solar_scale
from bot.conversation.tools.calculation_counts import (
    check_vehicle_day,
    find_ranges,
    multiply_per_unit,
    over_stated_count,
    vague_step,
)
from bot.conversation.tools.calculation_money import (
    ask_period,
    baht_question,
    baht_to_fuel,
    carbon_price,
    convert,
    figure,
    rate,
)
from bot.conversation.tools.calculation_types import (
    CalculationRequest,
    Clarification,
    ClarifyReason,
    Co2eAmount,
    RequestKind,
)
from bot.conversation.tools.calculator_texts import Phrase, Words, number, phrase, unit_word
from bot.conversation.tools.emissions import PER_YEAR, ActivityAmount
from bot.conversation.tools.factor_names import factor_name
from bot.conversation.tools.message_reading import (
    Mention,
    Message,
    combine_cylinders,
    find_mentions,
    pair_amounts,
    read_message,
)
from ingestion.thai.numbers import Quantity
from knowledge.emission_factors import FactorTable

__all__ = [
    "CalculationRequest",
    "Clarification",
    "ClarifyReason",
    "Co2eAmount",
    "RequestKind",
    "parse_calculation_request",
]


def _what(mention: Mention, table: FactorTable, quantity: Quantity | None = None) -> Phrase:
    """``ใช้ไฟ 50,000 หน่วย`` / ``ค่าไฟ 35,000 บาท``: the figure as a clarifying question repeats it."""
    factor = table.get(mention.activity)
    name: Words = factor_name(factor, inside=True) if factor else mention.label
    if mention.activity == "grid_electricity":
        name = phrase("name.electricity")
    kind = "bill" if mention.kind == "bill" else "use"
    if quantity is None:
        return phrase(f"what.{kind}", name=name)
    amount = figure(quantity.value, quantity.unit) if quantity.unit else number(quantity.value)
    return phrase(f"what.{kind}_amount", name=name, amount=amount)


def _ask_amount(mention: Mention, table: FactorTable, message: Message) -> Clarification:
    factor = table.get(mention.activity)
    if mention.kind == "bill":
        question, unit = phrase("ask.amount.bill"), "THB"
    elif mention.activity == "grid_electricity":
        question, unit = phrase("ask.amount.grid_electricity"), "kWh"
    elif mention.kind == "oil":
        question, unit = phrase("ask.which_fuel"), "litre"
    elif mention.kind == "refrigerant":
        question, unit = phrase("ask.which_refrigerant"), "kg"
    else:
        unit = factor.activity_unit if factor else "tonne" if mention.kind == "unsupported" else "litre"
        name = factor_name(factor, inside=True) if factor else mention.label
        question = phrase("ask.amount.fuel", name=name, unit=unit_word(unit))
    return Clarification(
        question,
        ClarifyReason.AMOUNT,
        RequestKind.EMISSIONS,
        activity=(factor.id if factor else mention.activity) or None,
        period=message.stated_period,
        asks_for=unit,
    )


def _items(
    table: FactorTable, mentions: list[Mention], assigned: dict[int, Quantity]
) -> list[tuple[int, ActivityAmount]] | Clarification:
    """The amounts as activity items (by mention index), or the question to ask about one of them."""
    items = []
    for index in sorted(assigned, key=lambda i: mentions[i].start):
        mention, quantity = mentions[index], assigned[index]
        if mention.kind in ("oil", "refrigerant"):
            ask = "ask.which_fuel" if mention.kind == "oil" else "ask.which_refrigerant"
            return Clarification(
                phrase(ask),
                ClarifyReason.ACTIVITY,
                RequestKind.EMISSIONS,
                None,
                quantity.value,
                quantity.unit,
                quantity.period,
            )
        unit = quantity.unit or ("THB" if mention.kind == "bill" else None)
        if unit is None:
            factor = table.get(mention.activity)
            own = unit_word(factor.activity_unit if factor else "litre")
            options = phrase(
                "options.electricity" if mention.activity == "grid_electricity" else "options.other", unit=own
            )
            what = phrase("what.unitless", what=_what(mention, table), value=number(quantity.value))
            return Clarification(
                phrase("ask.unit", amount=what, options=options),
                ClarifyReason.UNIT,
                RequestKind.EMISSIONS,
                mention.activity,
                quantity.value,
                None,
                quantity.period,
                asks_for="unit",
            )
        items.append((index, ActivityAmount(mention.activity, quantity.value, unit, quantity.period, mention.label)))
    return items


def _ask_range(
    message: Message, table: FactorTable, mention: Mention, item: ActivityAmount, share: float
) -> Clarification:
    """ "700-800 หน่วยต่อเดือน": one question for the actual figure, with both ends ready to estimate.

    ``share`` is the low end over the high end as typed; ``item`` holds the high end after any
    multiplication (vehicles, days), so the low end is ``item.quantity * share``.
    """
    low = replace(item, quantity=item.quantity * share)
    ends = tuple(
        CalculationRequest(RequestKind.EMISSIONS, items=(end,), tariff=rate(message, ("kWh",))) for end in (low, item)
    )
    unit = item.unit if mention.kind != "bill" else "THB"
    return Clarification(
        phrase(
            "ask.range",
            what=_what(mention, table),
            low=number(low.quantity),
            high=number(item.quantity),
            unit=unit_word(unit),
            period=phrase(f"period.{item.period}") if item.period else "",
        ),
        ClarifyReason.RANGE,
        RequestKind.EMISSIONS,
        item.activity,
        None,
        None,
        item.period,
        asks_for=unit,
        estimate=(ends[0], ends[1]),
    )


def _monthly(quantity: Quantity) -> float | None:
    if quantity.period is None:
        return None
    return quantity.value * PER_YEAR[quantity.period] / 12


def _panels(message: Message) -> tuple[Quantity | None, Quantity | None]:
    """A count of panels ("40 แผง") and one panel's power ("แผง 550 วัตต์", under 1 kW), either may be absent."""
    count = next(
        (q for q in message.quantities if q.unit is None and words.PANEL_AFTER.match(message.plain, q.end)), None
    )
    watts = next((q for q in message.quantities if q.unit == "kW" and q.value < 1), None)
    return count, watts


def _solar(message: Message) -> CalculationRequest | Clarification | None:
    count, watts = _panels(message)
    size = next((q for q in message.quantities if q.unit in ("kWp", "kW") and q.per is None and q is not watts), None)
    if size is None and count is not None and watts is not None:
        size = replace(watts, value=count.value * watts.value, unit="kWp")  # 40 panels x 0.55 kW = 22 kWp
    if size is not None:
        check_solar_scale(message, size.value)  # "ร้านตัดผมห้องแถวติดโซลาร์ 90,000 kWp"
    use = next((q for q in message.quantities if q.unit == "kWh" and q.per is None), None)
    # Baht are a bill only when the message says so; otherwise they may be a budget.
    bills = [q for q in message.quantities if q.unit == "THB" and q.per is None]
    # "ค่าไฟเดือนละแสนนึง": a figure with no unit after a bill word is baht, as for emissions.
    bills = bills or [q for q in message.quantities if q.unit is None and q.per is None and q is not count]
    bill = next(iter(bills), None) if message.has(words.BILL) else None
    if bill is not None and bill.unit is None:
        bill = replace(bill, unit="THB")
    stated = use or bill
    if size is None and stated is not None and stated.period is None:
        key, stated_unit = ("what.use_amount", "kWh") if use else ("what.bill_amount", "THB")
        what = phrase(key, name=phrase("name.electricity"), amount=figure(stated.value, stated_unit))
        return ask_period(RequestKind.SOLAR, what, "solar", stated.value, stated.unit or "kWh")
    if size is None and use is None and bill is None and count is not None:
        # "ติดแผง 60 แผง ได้ไฟเท่าไร": the user's own system, but its size needs each panel's watts.
        return Clarification(
            phrase("ask.panel_watts", count=number(count.value)),
            ClarifyReason.AMOUNT,
            RequestKind.SOLAR,
            "solar",
            asks_for="kWp",
        )
    share = next((q.value / 100 for q in message.quantities if q.unit == "percent"), None)
    if size is None and use is None and bill is None:
        # Ask for a size only when the user wants their own case computed ("ร้านผมติดโซลาร์คุ้มมั้ย").
        own = (message.has(words.OWN_CASE) or words.PANELS.search(message.plain) is not None) and not message.has(
            words.COURSE_EXAMPLE
        )
        if own and message.has(words.SOLAR_RESULT) and not message.has(words.FACTOR_QUESTION):
            return Clarification(
                phrase("ask.amount.solar"), ClarifyReason.AMOUNT, RequestKind.SOLAR, "solar", asks_for="kWp"
            )
        return None
    return CalculationRequest(
        RequestKind.SOLAR,
        kwp=size.value if size else None,
        monthly_kwh=_monthly(use) if use else None,
        monthly_bill_thb=_monthly(bill) if bill and not use else None,
        tariff=rate(message, ("kWh",)),
        daytime_share=share if message.has(words.DAYTIME) else None,
        asked_period=message.asked_period,
        # "40 kWp ต้องใช้หลังคากี่ตารางเมตร", "50 kWp ผลิตไฟได้เดือนละเท่าไหร่", "1 kWp ลดคาร์บอนได้ปีละกี่ตัน":
        # the answer leads with that.
        asks=_solar_asks(message),
    )


def _solar_asks(message: Message) -> str | None:
    """What a solar question wants first: the roof area, the output a month, or the carbon avoided."""
    if message.has(words.ROOF_AREA):
        return "roof"
    if message.asked_period == "month":
        return "month"
    if words.asked_mass_unit(message.folded) == "tCO2e" or message.has(words.SOLAR_CARBON):
        return "carbon"
    return None


def parse_calculation_request(text: str, table: FactorTable) -> CalculationRequest | Clarification | None:
    """What to calculate from ``text``, what to ask first, or ``None`` when it is not a calculation.

    Handles one activity (``ใช้ไฟเดือนละ 5 หมื่นหน่วย``), several (a footprint: ``ไฟ 50,000 หน่วย/เดือน
    ดีเซล 2,000 ลิตร/เดือน LPG 500 กก.``), an electricity bill in baht, LPG by the tank, rooftop
    solar (``ติดโซลาร์ 100 kW``), a carbon price (``ปล่อยปีละ 150 ตัน ราคาตันละ 200 บาท``) and
    kgCO2e/tCO2e conversions. Asks one short question when the amount, its unit, a tank size,
    a carbon price or the amount's period (when the user asks per year or per month) is missing.
    Amounts are passed on as written, even negative or absurd ones: the calculators refuse those
    with a message that names the problem. Two are refused here, raising
    :class:`~bot.conversation.tools.emissions.CalculationInputError`: a daily amount of road fuel
    no single vehicle could burn, and an amount beyond what the small business the message names
    could use (:mod:`~bot.conversation.tools.calculation_bounds`).
    """
    message = read_message(text)
    if message.has(words.NOT_A_CALCULATION):
        return None
    has_size = any(q.unit == "kWp" for q in message.quantities) or None not in _panels(message)
    if message.has(words.SOLAR) or has_size:
        return _solar(message)
    mentions = find_mentions(message, table)
    pool, tanks_without_size = combine_cylinders(message, mentions)
    lows, low_ends = find_ranges(message, message.folded)
    pool = multiply_per_unit(message, [q for q in pool if not any(q is low for low in low_ends)])
    if not any(m.kind == "bill" for m in mentions):
        pool = baht_to_fuel(pool)
    if tanks_without_size is not None:
        return Clarification(
            phrase("ask.cylinder_size"),
            ClarifyReason.CYLINDER_SIZE,
            RequestKind.EMISSIONS,
            "lpg",
            period=tanks_without_size.period,
            asks_for="kg",
        )
    assigned = pair_amounts(pool, mentions)
    indexed = _items(table, mentions, assigned)
    if isinstance(indexed, Clarification):
        return indexed
    for index, item in indexed:
        check_vehicle_day(table, item, assigned[index])
    indexed = [(index, over_stated_count(message, item)) for index, item in indexed]
    for _, item in indexed:
        check_scale(message, item)  # "ร้านโจ๊กใช้ไฟเดือนละ 800 ล้านหน่วย": no stall uses that much
    frame = message.framing_period or (message.stated_period if message.stated_period != "day" else None)
    if len(indexed) == 1 and indexed[0][1].period is None and frame is not None:
        # "ปีที่แล้วร้าน 3 สาขาใช้ไฟรวม 96,500 kWh": the message frames its one figure in a period.
        indexed = [(indexed[0][0], replace(indexed[0][1], period=frame))]
    items = [item for _, item in indexed]
    if message.has(words.PRICE) or rate(message, ("tonne", "tCO2e")) is not None:
        return carbon_price(message, table, items, assigned)
    asked_about_baht = baht_question(message, table, mentions, pool, assigned)
    if asked_about_baht is not None:
        return asked_about_baht
    if not items:
        converted = convert(message, mentions)
        if converted is not None:
            return converted
        # Asked back only for the user's own case: the course's example has its figures in the material.
        personal = message.has(words.PERSONAL) and message.has(words.CALC) and not message.has(words.COURSE_EXAMPLE)
        # A fuel the course has no factor for ("แกลบ", "น้ำมันเครื่องใช้แล้ว") cannot be computed
        # whatever amount the user gives: the course material answers instead of a wasted question.
        known = mentions and mentions[0].kind not in ("unsupported", "unknown")
        if known and personal and not message.has(words.FACTOR_QUESTION):
            return _ask_amount(mentions[0], table, message)
        return None
    # "ไฟ 50,000 หน่วย/เดือน" states figures to compute with; "ใช้ไฟ 10,000 หน่วย มีสินเชื่อไหม" asks
    # something else and only gives the figure as context.
    if not message.has(words.CALC) and len(items) == 1 and message.has(words.QUESTION):
        return None
    for index, item in indexed:
        # "700-800 หน่วย": no one figure; both ends are estimated and the actual figure asked for.
        if assigned[index].end in lows and mentions[index].kind not in ("unsupported", "unknown"):
            return _ask_range(message, table, mentions[index], item, lows[assigned[index].end] / assigned[index].value)
        step = vague_step(assigned[index])
        if step is not None and mentions[index].kind not in ("unsupported", "unknown"):
            # "หมื่นกว่าหน่วย": between 10,000 and 20,000, asked like a range.
            share = assigned[index].value / (assigned[index].value + step)
            return _ask_range(message, table, mentions[index], replace(item, quantity=item.quantity / share), share)
    if message.asked_period in ("month", "year"):
        for index, item in indexed:
            if item.period in ("day", "week"):
                # "วันละ 30 ลิตร ปีนึงเท่าไหร่": a van does not run every day; ask rather than assume 365.
                what = _what(mentions[index], table, replace(assigned[index], unit=item.unit))
                counted = "days" if item.period == "day" else "weeks"
                return Clarification(
                    phrase(f"ask.{counted}.{message.asked_period}", what=what),
                    ClarifyReason.DAYS,
                    RequestKind.EMISSIONS,
                    item.activity,
                    item.quantity,
                    item.unit,
                    item.period,
                    asks_for=counted,
                )
    if message.asked_period:
        for index, item in indexed:
            # A fuel without a factor is refused by the calculator: asking its period first wastes a turn.
            if item.period is None and mentions[index].kind not in ("unsupported", "unknown"):
                what = _what(mentions[index], table, replace(assigned[index], unit=item.unit))
                return ask_period(RequestKind.EMISSIONS, what, item.activity, item.quantity, item.unit)
    kind = RequestKind.EMISSIONS if len(items) == 1 else RequestKind.FOOTPRINT
    return CalculationRequest(
        kind, items=tuple(items), tariff=rate(message, ("kWh",)), asked_period=message.asked_period
    )
