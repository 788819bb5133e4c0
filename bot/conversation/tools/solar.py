"""Rooftop solar and carbon-price exposure: the money side of the calculators.

Rooftop solar follows the course's sizing steps (week 5): daytime use / yield, rounded down;
yield x kWp; savings at the tariff; cost range; simple payback; kWh x grid factor avoided.
Carbon-price exposure is tonnes x price, by default Thailand's carbon price in the fuel excise.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from bot.conversation.tools.calculator_texts import number, phrase
from bot.conversation.tools.emissions import (
    PER_YEAR,
    CalculationInputError,
    FootprintResult,
    NoFactorError,
    check_amount,
    check_tariff,
)
from knowledge.emission_factors import EmissionFactor, FactorTable, Parameter

MAX_KWP = 100_000.0
"""100 MWp: no rooftop of an SME comes near it; larger figures are typos."""
MAX_PRICE_PER_TONNE = 100_000.0
"""THB per tCO2e; far above any carbon price in use, so only typos are refused."""


@dataclass(frozen=True)
class SolarResult:
    """A rooftop system's yearly output, savings, cost, payback and avoided emissions."""

    kwp: float
    sized_from_use: bool  # kWp was estimated from the user's consumption
    kwp_unrounded: float | None  # the size before rounding down, when estimated
    monthly_kwh: float | None
    daytime_share: float | None  # the share of use in daylight used for sizing
    daytime_share_assumed: bool
    yield_per_kwp: float  # kWh per kWp per year
    yearly_kwh: float
    tariff: float  # THB per kWh
    tariff_assumed: bool
    savings_thb_per_year: float
    cost_per_kwp_low: float
    cost_per_kwp_high: float
    cost_low_thb: float
    cost_high_thb: float
    payback_low_years: float
    payback_high_years: float
    grid_factor: EmissionFactor
    tco2e_avoided_per_year: float
    roof_m2: float
    share_of_use: float | None  # yearly output / yearly consumption, when consumption is known
    parameters: tuple[Parameter, ...]  # the yield, cost, tariff, roof area (and share) used, for sources
    # what the owner asked for first: "roof" (area), "month" (output a month) or "carbon" (avoided a year)
    asks: str | None = None

    @property
    def exceeds_daytime_use(self) -> bool:
        """The system would produce more than the business uses in daylight."""
        if self.monthly_kwh is None or self.daytime_share is None:
            return False
        return self.yearly_kwh > self.monthly_kwh * 12 * self.daytime_share * 1.0001


@dataclass(frozen=True)
class CarbonPriceResult:
    """What a carbon price would cost on an amount of emissions (per year when the period is known)."""

    tco2e: float  # for the period given
    period: str | None
    price_per_tonne: float
    price_is_tax: bool  # the Thai carbon tax default, not a price the user gave
    tax: Parameter
    cost_thb: float  # for tco2e as given
    basis: FootprintResult | None = None  # the activities the tonnes were computed from, if any
    taxed_tco2e: float | None = None  # of tco2e, the part from fuels the Thai carbon tax covers (basis known)

    @property
    def taxed_cost_thb(self) -> float | None:
        """What the fuels the tax covers already pay through fuel prices, for the same period."""
        return self.taxed_tco2e * self.price_per_tonne if self.taxed_tco2e is not None else None

    @property
    def cost_thb_per_year(self) -> float | None:
        """Cost per year, when the period is known."""
        return self.cost_thb * PER_YEAR[self.period] if self.period else None

    @property
    def cost_thb_per_month(self) -> float | None:
        """Cost per month, when the period is known."""
        per_year = self.cost_thb_per_year
        return per_year / 12 if per_year is not None else None


def round_down_size(kwp: float) -> float:
    """Round a computed size down to what is quoted: whole kWp below 10, then steps of 5, 10 and 50.

    The course rounds 44.3 kWp down to 40 so that the business uses nearly all it produces.
    """
    step = 1 if kwp < 10 else 5 if kwp < 100 else 10 if kwp < 1000 else 50
    return math.floor(kwp / step) * step


def grid_factor(table: FactorTable) -> EmissionFactor:
    """The grid electricity factor (Scope 2, per kWh) that solar output displaces."""
    factor = table.default_for("grid_electricity") or next(
        (f for f in table if f.activity_unit == "kWh" and f.scope == 2), None
    )
    if factor is None:
        raise NoFactorError(phrase("error.no_factor", name=phrase("name.grid"), known=""))
    return factor


def _value(parameter: Parameter) -> float:
    return parameter.value if parameter.value is not None else 0.0


def solar_rooftop(
    table: FactorTable,
    kwp: float | None = None,
    monthly_kwh: float | None = None,
    tariff: float | None = None,
    *,
    monthly_bill_thb: float | None = None,
    daytime_share: float | None = None,
) -> SolarResult:
    """A rooftop system of ``kwp``, or one sized from consumption when ``kwp`` is not given.

    Sizing (course week 5): yearly use x daytime share / yield per kWp, rounded down
    (:func:`round_down_size`). The daytime share defaults to the file's assumption (the course
    example's 60 %); a business that works at night uses less in daylight and needs a smaller
    system. Consumption may be a monthly bill in THB, turned into kWh at the tariff.
    """
    yield_parameter = table.parameter("solar_yield")
    cost = table.parameter("solar_cost")
    tariff_parameter = table.parameter("grid_tariff")
    roof = table.parameter("solar_roof_area")
    share_parameter = table.parameter("solar_daytime_share")
    used_tariff = tariff if tariff is not None else _value(tariff_parameter)
    check_tariff(used_tariff)
    if monthly_kwh is None and monthly_bill_thb is not None:
        check_amount(monthly_bill_thb, "THB", "month")
        monthly_kwh = monthly_bill_thb / used_tariff
    if monthly_kwh is not None:
        check_amount(monthly_kwh, "kWh", "month")
    share = daytime_share if daytime_share is not None else _value(share_parameter)
    if not 0 < share <= 1:
        raise CalculationInputError(phrase("error.not_positive", amount=number(share * 100), unit="%"))
    yield_per_kwp = _value(yield_parameter)
    unrounded = None
    if kwp is None:
        if monthly_kwh is None:
            raise CalculationInputError(phrase("error.no_kwp"))
        unrounded = monthly_kwh * 12 * share / yield_per_kwp
        if unrounded < 1:
            raise CalculationInputError(phrase("error.too_small_solar", kwh=number(monthly_kwh * 12 * share)))
        kwp = round_down_size(unrounded)
    check_amount(kwp, "kWp", None)
    if kwp > MAX_KWP:
        raise CalculationInputError(phrase("error.absurd", amount=number(kwp), unit="kWp", period=""))
    yearly_kwh = kwp * yield_per_kwp
    savings = yearly_kwh * used_tariff
    low, high = cost.low or 0.0, cost.high or 0.0
    factor = grid_factor(table)
    used = [yield_parameter, cost, tariff_parameter, roof] + ([share_parameter] if unrounded is not None else [])
    return SolarResult(
        kwp=kwp,
        sized_from_use=unrounded is not None,
        kwp_unrounded=unrounded,
        monthly_kwh=monthly_kwh,
        daytime_share=share if monthly_kwh is not None else None,
        daytime_share_assumed=daytime_share is None,
        yield_per_kwp=yield_per_kwp,
        yearly_kwh=yearly_kwh,
        tariff=used_tariff,
        tariff_assumed=tariff is None,
        savings_thb_per_year=savings,
        cost_per_kwp_low=low,
        cost_per_kwp_high=high,
        cost_low_thb=kwp * low,
        cost_high_thb=kwp * high,
        payback_low_years=kwp * low / savings,
        payback_high_years=kwp * high / savings,
        grid_factor=factor,
        tco2e_avoided_per_year=yearly_kwh * factor.value / 1000,
        roof_m2=kwp * _value(roof),
        share_of_use=yearly_kwh / (monthly_kwh * 12) if monthly_kwh else None,
        parameters=tuple(used),
    )


def carbon_price_exposure(
    table: FactorTable,
    tco2e_per_year: float,
    price_per_tonne: float | None = None,
    *,
    period: str | None = "year",
    basis: FootprintResult | None = None,
) -> CarbonPriceResult:
    """The cost of ``tco2e_per_year`` tonnes at ``price_per_tonne`` (default: the Thai carbon tax).

    The Thai carbon price (THB 200/tCO2e) sits inside the fuel excise, so it is already in fuel
    prices and is not charged on electricity: the result is an exposure estimate, and the text
    says so. ``period`` is the period of the tonnes (``None`` for a one-off amount).
    """
    check_amount(tco2e_per_year, "tCO2e", period)
    tax = table.parameter("carbon_tax")
    price = price_per_tonne if price_per_tonne is not None else _value(tax)
    if isinstance(price, bool) or not isinstance(price, int | float) or not math.isfinite(price) or price <= 0:
        raise CalculationInputError(
            phrase("error.not_positive", amount=number(float(price)), unit=phrase("unit.THB_per_tonne"))
        )
    if price > MAX_PRICE_PER_TONNE:
        raise CalculationInputError(
            phrase("error.absurd", amount=number(price), unit=phrase("unit.THB_per_tonne"), period="")
        )
    taxed = None
    if basis is not None and price_per_tonne is None:
        covered = [item for item in basis.items if item.factor.activity in tax.covers]
        taxed = sum((item.tco2e_per_year if period == "year" else item.tco2e) or 0.0 for item in covered)
    return CarbonPriceResult(
        tco2e=float(tco2e_per_year),
        period=period,
        price_per_tonne=float(price),
        price_is_tax=price_per_tonne is None,
        tax=tax,
        cost_thb=tco2e_per_year * price,
        basis=basis,
        taxed_tco2e=taxed,
    )
