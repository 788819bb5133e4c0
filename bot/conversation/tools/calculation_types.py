"""What the calculators are asked: a :class:`CalculationRequest`, or a :class:`Clarification` to ask first."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.conversation.tools.calculator_texts import Phrase
from bot.conversation.tools.emissions import ActivityAmount


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
    DAYS = "days"  # or the weeks, for an amount per week
    RANGE = "range"  # "700-800 หน่วย": which figure


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
    # solar: what the answer leads with, "roof" (area), "month" (output a month) or "carbon" (avoided a year)
    asks: str | None = None


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
    # A range's two ends ("700-800 หน่วย"), estimated beside the question.
    estimate: tuple[CalculationRequest, CalculationRequest] | None = None

    def ask(self, language: str = "th") -> str:
        """The question in ``language`` (Thai, or English)."""
        return self.wording.say(language)

    @property
    def question(self) -> str:
        """The question in Thai."""
        return self.ask("th")
