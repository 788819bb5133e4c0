"""Emissions from activity data: amount x emission factor, with the unit conversions the factors need.

Pure and deterministic: every figure comes from a :class:`~knowledge.emission_factors.FactorTable`
(the course's ``emission_factors.yaml``), every result is a frozen dataclass that carries the
numbers an answer quotes, and every input the bot should not compute with raises
:class:`CalculationInputError` with a message it can show as it is, in Thai or English.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.conversation.tools.calculator_texts import Listed, Phrase, number, phrase, unit_word
from bot.conversation.tools.factor_names import factor_name, known_activities
from knowledge.emission_factors import EmissionFactor, FactorTable, Parameter

PER_YEAR: Mapping[str, float] = {"year": 1.0, "month": 12.0, "week": 52.0, "day": 365.0}
"""How many of each period make a year (a day-based figure assumes use on all 365 days, a week-based one 52 weeks)."""

MONTHLY_LIMITS: Mapping[str, float] = {
    "kWh": 1e9,
    "THB": 1e10,
    "litre": 1e8,
    "kg": 5e7,  # 50,000 tonnes of LPG a month is already far beyond any SME in the programme
    "tonne": 5e4,
    "m3": 1e9,
    "scf": 3.6e10,
    "MMBtu": 1e7,
    "MJ": 1e10,
    "kgCO2e": 1e10,
    "tCO2e": 1e7,
}
"""The most one business could use or emit in a month, per unit; more is a typo or a wrong unit.

Deliberately far above any SME (a billion kWh a month is several power stations), so that no
real figure is refused; a figure with no period is allowed a year's worth.
"""

ACCEPTED_UNITS: Mapping[str, frozenset[str]] = {
    "kWh": frozenset({"kWh", "THB"}),
    "kg": frozenset({"kg", "tonne"}),
    "MJ": frozenset({"MJ", "MMBtu"}),
    "scf": frozenset({"scf", "m3"}),
    "litre": frozenset({"litre"}),
}
"""The units a factor's activity unit can be reached from (THB only through the electricity tariff)."""

UNSUPPORTED_ACTIVITIES: Mapping[str, str] = {
    "coal": "ถ่านหิน",
    "biomass": "ชีวมวล",
    "charcoal": "ถ่านไม้",
    "biodiesel": "ไบโอดีเซล",
    "jet_fuel": "น้ำมันเครื่องบิน",
    "hydrogen": "ไฮโดรเจน",
    "kerosene": "น้ำมันก๊าด",
}
"""Activities people ask about that the course has no sourced factor for, with their Thai names."""

UNKNOWN_ACTIVITY = "unknown"
"""The activity of an amount whose fuel the bot does not know (its words are in the ``label``)."""


class CalculationInputError(ValueError):
    """An input the calculators refuse, with a sentence the bot can send as it is (:meth:`message`)."""

    def __init__(self, reason: Phrase) -> None:
        super().__init__(reason.say("th"))
        self.reason = reason

    def message(self, language: str = "th") -> str:
        """Why, in ``language`` (Thai, or English)."""
        return self.reason.say(language)

    @property
    def message_th(self) -> str:
        """Why, in Thai."""
        return self.message("th")


class NoFactorError(CalculationInputError):
    """There is no sourced emission factor for the activity (coal, an unknown fuel)."""


class UnitMismatchError(CalculationInputError):
    """The amount's unit cannot be turned into the unit the factor is defined for."""


@dataclass(frozen=True)
class ActivityAmount:
    """One amount of one activity, as understood from a message: ``ดีเซล 2,000 ลิตร/เดือน``.

    ``activity`` is a factor id, an activity with a default factor (``diesel``), an unsupported
    activity (``coal``) or :data:`UNKNOWN_ACTIVITY`; ``label`` keeps the user's words for messages.
    """

    activity: str
    quantity: float
    unit: str
    period: str | None = None
    label: str = ""


@dataclass(frozen=True)
class Conversion:
    """How the given amount became the factor's activity unit: ``activity amount = quantity x multiplier``."""

    from_unit: str
    to_unit: str
    multiplier: float
    parameter: Parameter | None = None  # the tariff or unit constant the multiplier comes from


@dataclass(frozen=True)
class EmissionResult:
    """Emissions of one activity amount; per month and per year when its period is known."""

    factor: EmissionFactor
    quantity: float
    unit: str
    period: str | None
    activity_amount: float  # in factor.activity_unit, for the same period as quantity
    kgco2e: float  # for the amount as given (per its period, if any)
    conversion: Conversion | None = None
    tariff: float | None = None  # THB/kWh used to turn an electricity bill into kWh
    tariff_assumed: bool = False  # the tariff is the file's assumption, not the user's
    label: str = ""

    @property
    def from_bill(self) -> bool:
        """The kWh were estimated from a bill in baht (through ``tariff``)."""
        return self.unit == "THB"

    @property
    def tco2e(self) -> float:
        """Tonnes CO2e for the amount as given."""
        return self.kgco2e / 1000

    @property
    def kgco2e_per_year(self) -> float | None:
        """kgCO2e per year, when the amount has a period."""
        return self.kgco2e * PER_YEAR[self.period] if self.period else None

    @property
    def tco2e_per_year(self) -> float | None:
        """tCO2e per year, when the amount has a period."""
        per_year = self.kgco2e_per_year
        return per_year / 1000 if per_year is not None else None

    @property
    def tco2e_per_month(self) -> float | None:
        """tCO2e per month (a twelfth of the year), when the amount has a period."""
        per_year = self.tco2e_per_year
        return per_year / 12 if per_year is not None else None


@dataclass(frozen=True)
class Co2eResult:
    """An amount of CO2e in kilograms and tonnes, and per month and year when its period is known."""

    quantity: float
    unit: str  # "kgCO2e" or "tCO2e", as given
    period: str | None
    kgco2e: float

    @property
    def tco2e(self) -> float:
        """Tonnes CO2e."""
        return self.kgco2e / 1000

    @property
    def tco2e_per_year(self) -> float | None:
        """Tonnes CO2e per year, when the period is known."""
        return self.tco2e * PER_YEAR[self.period] if self.period else None

    @property
    def tco2e_per_month(self) -> float | None:
        """Tonnes CO2e per month, when the period is known."""
        per_year = self.tco2e_per_year
        return per_year / 12 if per_year is not None else None


@dataclass(frozen=True)
class FootprintResult:
    """Several activities added up: per scope, in total per year, and the largest source.

    Totals per year cover the items whose period is known; ``total_tco2e_per_year`` is set only
    when every item has one. Items that could not be computed are in ``skipped`` with the reason.
    """

    items: tuple[EmissionResult, ...]
    scope_tco2e_per_year: tuple[tuple[int, float], ...]  # (scope, tCO2e/yr) over items with a period
    annualised_tco2e_per_year: float
    total_tco2e_per_year: float | None
    largest: EmissionResult
    largest_share: float | None  # of the yearly total, when the total is known
    skipped: tuple[tuple[ActivityAmount, str], ...] = ()

    @property
    def without_period(self) -> tuple[EmissionResult, ...]:
        """Items that cannot be put on a yearly basis."""
        return tuple(item for item in self.items if item.period is None)


def check_amount(quantity: float, unit: str, period: str | None) -> None:
    """Refuse amounts no calculation should use: not a number, zero or less, absurdly large."""
    if isinstance(quantity, bool) or not isinstance(quantity, int | float) or not math.isfinite(quantity):
        raise CalculationInputError(phrase("error.not_a_number"))
    if period is not None and period not in PER_YEAR:
        raise CalculationInputError(phrase("error.period", period=period))
    if quantity <= 0:
        raise CalculationInputError(phrase("error.not_positive", amount=number(quantity), unit=unit_word(unit)))
    limit = MONTHLY_LIMITS.get(unit)
    per_year = quantity * PER_YEAR[period] if period else quantity
    if limit is not None and per_year > limit * 12:
        after = phrase(f"period_after.{period}") if period else ""
        raise CalculationInputError(phrase("error.absurd", amount=number(quantity), unit=unit_word(unit), period=after))


def resolve_factor(table: FactorTable, activity: str, unit: str, label: str = "") -> EmissionFactor:
    """The factor for ``activity`` that fits ``unit``: the one named, else a variant of the same use.

    LPG given in litres uses the per-litre LPG factor, natural gas in m3 the per-volume one.
    """
    factor = table.get(activity)
    if factor is None:
        name: Phrase | str = f"“{label}”" if label else f"“{activity}”"
        if activity in UNSUPPORTED_ACTIVITIES:
            name = phrase(f"activity.{activity}")
        raise NoFactorError(phrase("error.no_factor", name=name, known=known_activities(table)))
    if unit in ACCEPTED_UNITS.get(factor.activity_unit, {factor.activity_unit}):
        return factor
    fitting = [v for v in table.variants(factor.activity) if unit in ACCEPTED_UNITS.get(v.activity_unit, set())]
    fitting.sort(key=lambda v: v.use != factor.use)
    if fitting:
        return fitting[0]
    units = dict.fromkeys(unit_word(v.activity_unit) for v in table.variants(factor.activity))
    expected = Listed(tuple(units), "list.or")
    raise UnitMismatchError(phrase("error.unit", name=factor_name(factor), expected=expected, given=unit_word(unit)))


def _conversion(
    table: FactorTable, factor: EmissionFactor, unit: str, tariff: float | None
) -> tuple[Conversion | None, float | None, bool]:
    """The conversion to the factor's unit, and the tariff used (with whether it was assumed)."""
    target = factor.activity_unit
    if unit == target:
        return None, None, False
    if unit == "tonne" and target == "kg":
        return Conversion("tonne", "kg", 1000.0), None, False
    if unit == "MMBtu" and target == "MJ":
        constant = table.parameter("mj_per_mmbtu")
        return Conversion("MMBtu", "MJ", constant.value or 0.0, constant), None, False
    if unit == "m3" and target == "scf":
        constant = table.parameter("scf_per_m3")
        return Conversion("m3", "scf", constant.value or 0.0, constant), None, False
    if unit == "THB" and target == "kWh":
        parameter = table.parameter("grid_tariff")
        used = tariff if tariff is not None else parameter.value or 0.0
        check_tariff(used)
        return Conversion("THB", "kWh", 1 / used, parameter), used, tariff is None
    raise UnitMismatchError(phrase("error.unit", name=factor_name(factor), expected=unit_word(target), given=unit))


def check_tariff(tariff: float) -> None:
    """A tariff in THB/kWh must be positive and plausible (Thai tariffs are a few baht)."""
    if isinstance(tariff, bool) or not isinstance(tariff, int | float) or not 0 < tariff <= 100:
        raise CalculationInputError(
            phrase("error.not_positive", amount=number(float(tariff)), unit=phrase("unit.THB_per_kWh"))
        )


def emissions(
    table: FactorTable,
    activity_id: str,
    quantity: float,
    unit: str,
    period: str | None = None,
    *,
    tariff: float | None = None,
    label: str = "",
) -> EmissionResult:
    """Emissions of ``quantity`` ``unit`` of an activity (per ``period`` when given).

    ``activity_id`` is a factor id, an activity (its default factor) or an alias. Electricity may
    be given as a bill in THB: it is turned into kWh with ``tariff`` or, failing that, the file's
    assumed tariff, and the result says so. Raises :class:`CalculationInputError` (or its
    subclasses :class:`NoFactorError` and :class:`UnitMismatchError`) with a message in Thai or English.
    """
    check_amount(quantity, unit, period)
    factor = resolve_factor(table, activity_id, unit, label)
    conversion, used_tariff, assumed = _conversion(table, factor, unit, tariff)
    activity_amount = quantity * (conversion.multiplier if conversion else 1.0)
    return EmissionResult(
        factor=factor,
        quantity=float(quantity),
        unit=unit,
        period=period,
        activity_amount=activity_amount,
        kgco2e=activity_amount * factor.value,
        conversion=conversion,
        tariff=used_tariff,
        tariff_assumed=assumed,
        label=label,
    )


def convert_co2e(quantity: float, unit: str, period: str | None = None) -> Co2eResult:
    """An amount of CO2e in kg and tonnes (``unit`` ``kgCO2e``/``kg`` or ``tCO2e``/``tonne``)."""
    canonical = {"kg": "kgCO2e", "tonne": "tCO2e"}.get(unit, unit)
    if canonical not in ("kgCO2e", "tCO2e"):
        raise UnitMismatchError(
            phrase("error.unit", name="CO2e", expected=Listed(("kgCO2e", "tCO2e"), "list.or"), given=unit)
        )
    check_amount(quantity, canonical, period)
    kilograms = quantity * (1000.0 if canonical == "tCO2e" else 1.0)
    return Co2eResult(quantity=float(quantity), unit=canonical, period=period, kgco2e=kilograms)


def footprint(
    table: FactorTable, requests: Sequence[ActivityAmount], *, tariff: float | None = None
) -> FootprintResult:
    """Several activity amounts added up by scope; the largest source; what could not be computed.

    An item that cannot be computed (no factor, a wrong unit) is listed in ``skipped`` instead of
    spoiling the rest; if none can be computed, the first item's error is raised.
    """
    if not requests:
        raise CalculationInputError(phrase("error.empty_footprint"))
    results: list[EmissionResult] = []
    skipped: list[tuple[ActivityAmount, str]] = []
    first_error: CalculationInputError | None = None
    for item in requests:
        try:
            results.append(
                emissions(table, item.activity, item.quantity, item.unit, item.period, tariff=tariff, label=item.label)
            )
        except CalculationInputError as error:
            first_error = first_error or error
            skipped.append((item, error.message_th))
    if not results:
        raise first_error or CalculationInputError(phrase("error.empty_footprint"))
    by_scope: dict[int, float] = {}
    for result in results:
        if result.tco2e_per_year is not None:
            by_scope[result.factor.scope] = by_scope.get(result.factor.scope, 0.0) + result.tco2e_per_year
    annualised = sum(by_scope.values())
    complete = all(r.period is not None for r in results)
    with_period = [r for r in results if r.tco2e_per_year is not None]
    largest = (
        max(with_period, key=lambda r: r.tco2e_per_year or 0.0) if with_period else max(results, key=lambda r: r.kgco2e)
    )
    share = (largest.tco2e_per_year or 0.0) / annualised if complete and annualised > 0 else None
    return FootprintResult(
        items=tuple(results),
        scope_tco2e_per_year=tuple(sorted(by_scope.items())),
        annualised_tco2e_per_year=annualised,
        total_tco2e_per_year=annualised if complete else None,
        largest=largest,
        largest_share=share,
        skipped=tuple(skipped),
    )


__all__ = [
    "ACCEPTED_UNITS",
    "MONTHLY_LIMITS",
    "PER_YEAR",
    "UNKNOWN_ACTIVITY",
    "UNSUPPORTED_ACTIVITIES",
    "ActivityAmount",
    "CalculationInputError",
    "Co2eResult",
    "Conversion",
    "EmissionResult",
    "FootprintResult",
    "NoFactorError",
    "UnitMismatchError",
    "check_amount",
    "check_tariff",
    "convert_co2e",
    "emissions",
    "footprint",
    "resolve_factor",
]
