"""From an SME owner's message to a calculation, or to the one short question to ask first.

:func:`parse_calculation_request` finds the activities (through the factor file's aliases, the
words for an electricity bill, solar and carbon prices) and the amounts (through
:func:`ingestion.thai.numbers.find_quantities`), pairs each amount with the activity written
nearest before it, and returns a :class:`CalculationRequest`, a :class:`Clarification` when a
number, unit, tank size, price or period is missing, or ``None`` when the message is not a
calculation at all (a question about the course, which retrieval answers).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from bot.conversation.tools import calculation_words as words
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


class RequestKind(StrEnum):
    """What is to be calculated."""

    EMISSIONS = "emissions"  # one activity
    FOOTPRINT = "footprint"  # several activities added up
    SOLAR = "solar"
    CARBON_PRICE = "carbon_price"
    CONVERT = "convert"  # kgCO2e <-> tCO2e, per year <-> per month


class ClarifyReason(StrEnum):
    """What is missing before the calculation can be done."""

    AMOUNT = "amount"
    PERIOD = "period"
    UNIT = "unit"
    PRICE = "price"
    CYLINDER_SIZE = "cylinder_size"
    ACTIVITY = "activity"
    DAYS = "days"


@dataclass(frozen=True)
class Co2eAmount:
    """An amount of emissions the user states (``ปล่อยปีละ 150 ตัน``)."""

    value: float
    unit: str  # "tCO2e" or "kgCO2e"
    period: str | None = None

    @property
    def tco2e(self) -> float:
        """The amount in tonnes."""
        return self.value / 1000 if self.unit == "kgCO2e" else self.value


@dataclass(frozen=True)
class CalculationRequest:
    """A calculation understood from a message; :func:`~bot.conversation.tools.calculators.calculate` runs it."""

    kind: RequestKind
    items: tuple[ActivityAmount, ...] = ()  # EMISSIONS (one), FOOTPRINT, or the basis of a CARBON_PRICE
    co2e: Co2eAmount | None = None  # CONVERT, or the tonnes of a CARBON_PRICE
    kwp: float | None = None
    monthly_kwh: float | None = None
    monthly_bill_thb: float | None = None
    tariff: float | None = None  # THB per kWh, when the user gives it
    daytime_share: float | None = None  # share of electricity used in daylight, when the user gives it
    price_per_tonne: float | None = None
    asked_period: str | None = None  # the period the user wants the answer in


@dataclass(frozen=True)
class Clarification:
    """One short question to ask before calculating, with what was understood so far."""

    wording: Phrase
    """The question, said in the reader's language by :meth:`ask`."""
    reason: ClarifyReason
    kind: RequestKind
    activity: str | None = None
    quantity: float | None = None
    unit: str | None = None
    period: str | None = None
    asks_for: str | None = None  # the unit the answer should come in ("kWh", "THB", "kg", "tCO2e") or "period"

    def ask(self, language: str = "th") -> str:
        """The question in ``language`` (Thai, or English)."""
        return self.wording.say(language)

    @property
    def question(self) -> str:
        """The question in Thai."""
        return self.ask("th")


def _rate(message: Message, per: tuple[str, ...]) -> float | None:
    stated = next((q.value for q in message.quantities if q.unit == "THB" and q.per in per), None)
    if stated is None and message.has(words.PRICE):
        # "ราคาคาร์บอนตันละ 200": a price per tonne with the baht left out.
        stated = next((q.value for q in message.quantities if q.unit is None and q.per in per), None)
    return stated


def _figure(value: float, unit: str) -> Phrase:
    """``50,000 หน่วย`` / ``50,000 kWh``, ``35,000 บาท``: a figure as a clarifying question repeats it."""
    # Thai repeats electricity as plain "หน่วย": "หน่วย (kWh)" reads as a lecture inside a question.
    return phrase("figure", value=number(value), unit=unit_word("kWh_plain" if unit == "kWh" else unit))


def _what(mention: Mention, table: FactorTable, quantity: Quantity | None = None) -> Phrase:
    """``ใช้ไฟ 50,000 หน่วย`` / ``ค่าไฟ 35,000 บาท``: the figure as a clarifying question repeats it."""
    factor = table.get(mention.activity)
    name: Words = factor_name(factor, inside=True) if factor else mention.label
    if mention.activity == "grid_electricity":
        name = phrase("name.electricity")
    kind = "bill" if mention.kind == "bill" else "use"
    if quantity is None:
        return phrase(f"what.{kind}", name=name)
    figure = _figure(quantity.value, quantity.unit) if quantity.unit else number(quantity.value)
    return phrase(f"what.{kind}_amount", name=name, amount=figure)


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


def _over_working_days(message: Message, item: ActivityAmount) -> ActivityAmount:
    """A daily amount over the days the user says they work: "วันละ 300 หน่วย เปิด 26 วันต่อเดือน"."""
    if item.period != "day":
        return item
    match = words.DAYS_PER.search(message.plain)
    if match is None:
        return item
    days = next(int(g) for g in match.group("days", "days2", "days3", "days_en") if g)
    yearly = match.group("year") or match.group("year2") or "year" in match.group()
    period = "year" if yearly else "month"
    if not 0 < days <= (366 if period == "year" else 31):
        return item
    return replace(item, quantity=item.quantity * days, period=period)


def _ask_period(kind: RequestKind, what: Phrase, activity: str | None, value: float, unit: str) -> Clarification:
    return Clarification(
        phrase("ask.period", what=what), ClarifyReason.PERIOD, kind, activity, value, unit, None, asks_for="period"
    )


def _monthly(quantity: Quantity) -> float | None:
    if quantity.period is None:
        return None
    return quantity.value * PER_YEAR[quantity.period] / 12


def _solar(message: Message) -> CalculationRequest | Clarification | None:
    size = next((q for q in message.quantities if q.unit in ("kWp", "kW") and q.per is None), None)
    use = next((q for q in message.quantities if q.unit == "kWh" and q.per is None), None)
    # Baht are a bill only when the message says so; otherwise they may be a budget.
    bills = (q for q in message.quantities if q.unit == "THB" and q.per is None)
    bill = next(bills, None) if message.has(words.BILL) else None
    figure = use or bill
    if size is None and figure is not None and figure.period is None:
        key, figure_unit = ("what.use_amount", "kWh") if use else ("what.bill_amount", "THB")
        what = phrase(key, name=phrase("name.electricity"), amount=_figure(figure.value, figure_unit))
        return _ask_period(RequestKind.SOLAR, what, "solar", figure.value, figure.unit or "kWh")
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
        tariff=_rate(message, ("kWh",)),
        daytime_share=share if message.has(words.DAYTIME) else None,
        asked_period=message.asked_period,
    )


def _carbon_price(
    message: Message, table: FactorTable, items: list[ActivityAmount], assigned: dict[int, Quantity]
) -> CalculationRequest | Clarification | None:
    price = _rate(message, ("tonne", "tCO2e"))
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
        if message.has(words.PERSONAL) and not message.has(words.FACTOR_QUESTION):
            return Clarification(
                phrase("ask.amount.co2e"),
                ClarifyReason.AMOUNT,
                RequestKind.CARBON_PRICE,
                "carbon_price",
                asks_for="tCO2e",
            )
        return None
    if co2e is not None and co2e.period is None and message.asked_period:
        return _ask_period(
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
        tariff=_rate(message, ("kWh",)),
        asked_period=message.asked_period,
    )


def _convert(message: Message, mentions: list[Mention]) -> CalculationRequest | None:
    if not message.has(words.CONVERT):
        return None  # "ปล่อย 285 tCO2e ต่อปี เข้าข่าย SBTi ไหม" states a figure, it asks no conversion
    stated = next((q for q in message.quantities if q.per is None and q.unit in ("tCO2e", "kgCO2e")), None)
    if stated is None and not mentions:
        stated = next((q for q in message.quantities if q.per is None and q.unit in ("kg", "tonne")), None)
    if stated is None:
        return None
    unit = {"kg": "kgCO2e", "tonne": "tCO2e"}.get(stated.unit or "", stated.unit or "")
    co2e = Co2eAmount(stated.value, unit, stated.period)
    return CalculationRequest(RequestKind.CONVERT, co2e=co2e, asked_period=message.asked_period)


def parse_calculation_request(text: str, table: FactorTable) -> CalculationRequest | Clarification | None:
    """What to calculate from ``text``, what to ask first, or ``None`` when it is not a calculation.

    Handles one activity (``ใช้ไฟเดือนละ 5 หมื่นหน่วย``), several (a footprint: ``ไฟ 50,000 หน่วย/เดือน
    ดีเซล 2,000 ลิตร/เดือน LPG 500 กก.``), an electricity bill in baht, LPG by the tank, rooftop
    solar (``ติดโซลาร์ 100 kW``), a carbon price (``ปล่อยปีละ 150 ตัน ราคาตันละ 200 บาท``) and
    kgCO2e/tCO2e conversions. Asks one short question when the amount, its unit, a tank size,
    a carbon price or the amount's period (when the user asks per year or per month) is missing.
    Amounts are passed on as written, even negative or absurd ones: the calculators refuse those
    with a message that names the problem.
    """
    message = read_message(text)
    if message.has(words.NOT_A_CALCULATION):
        return None
    has_size = any(q.unit == "kWp" for q in message.quantities)
    if message.has(words.SOLAR) or has_size:
        return _solar(message)
    mentions = find_mentions(message, table)
    pool, tanks_without_size = combine_cylinders(message, mentions)
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
    indexed = [(index, _over_working_days(message, item)) for index, item in indexed]
    items = [item for _, item in indexed]
    if message.has(words.PRICE) or _rate(message, ("tonne", "tCO2e")) is not None:
        return _carbon_price(message, table, items, assigned)
    if not items:
        converted = _convert(message, mentions)
        if converted is not None:
            return converted
        personal = message.has(words.PERSONAL) and message.has(words.CALC)
        if mentions and personal and not message.has(words.FACTOR_QUESTION):
            return _ask_amount(mentions[0], table, message)
        return None
    # "ไฟ 50,000 หน่วย/เดือน" states figures to compute with; "ใช้ไฟ 10,000 หน่วย มีสินเชื่อไหม" asks
    # something else and only gives the figure as context.
    if not message.has(words.CALC) and len(items) == 1 and message.has(words.QUESTION):
        return None
    if message.asked_period in ("month", "year"):
        for index, item in indexed:
            if item.period == "day":
                # "วันละ 30 ลิตร ปีนึงเท่าไหร่": a van does not run every day; ask rather than assume 365.
                what = _what(mentions[index], table, replace(assigned[index], unit=item.unit))
                return Clarification(
                    phrase(f"ask.days.{message.asked_period}", what=what),
                    ClarifyReason.DAYS,
                    RequestKind.EMISSIONS,
                    item.activity,
                    item.quantity,
                    item.unit,
                    "day",
                    asks_for="days",
                )
    if message.asked_period:
        for index, item in indexed:
            if item.period is None:
                what = _what(mentions[index], table, replace(assigned[index], unit=item.unit))
                return _ask_period(RequestKind.EMISSIONS, what, item.activity, item.quantity, item.unit)
    kind = RequestKind.EMISSIONS if len(items) == 1 else RequestKind.FOOTPRINT
    return CalculationRequest(
        kind, items=tuple(items), tariff=_rate(message, ("kWh",)), asked_period=message.asked_period
    )
