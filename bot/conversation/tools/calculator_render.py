"""Calculator results as short Thai answers: the result in one line, then the formula, source and scope.

An answer leads with the figure asked for. It stays within :data:`MAX_CHARS` (a chat bubble
read on a phone): lines after the first are dropped from the end when it would not fit.
"""

from __future__ import annotations

from bot.conversation.tools.calculation_requests import Clarification
from bot.conversation.tools.calculator_texts import (
    amount,
    cite,
    factor_figure,
    number,
    period_th,
    scope_th,
    text,
    years,
)
from bot.conversation.tools.emissions import Co2eResult, EmissionResult, FootprintResult, short_name
from bot.conversation.tools.solar import CarbonPriceResult, SolarResult

MAX_CHARS = 600

CalculationResult = EmissionResult | FootprintResult | SolarResult | CarbonPriceResult | Co2eResult
"""Everything :func:`~bot.conversation.tools.calculators.calculate` can return."""


def _fit(lines: list[str]) -> str:
    """Join ``lines``; drop lines from the end (never the first) until the answer fits."""
    kept = [line for line in lines if line]
    while len(kept) > 1 and len("\n".join(kept)) > MAX_CHARS:
        kept.pop()
    return "\n".join(kept)[:MAX_CHARS]


def _period(period: str | None) -> str:
    return f" {period_th(period)}" if period else ""


def _assumed(flag: bool) -> str:
    return text("assumed") if flag else ""


def _emission_headline(result: EmissionResult) -> str:
    per_year, per_month = result.tco2e_per_year, result.tco2e_per_month
    if per_year is not None and per_month is not None:
        if per_year >= 1:
            return text("emission.periodic", year=number(per_year), month=number(per_month), unit="tCO2e")
        return text("emission.periodic", year=number(per_year * 1000), month=number(per_month * 1000), unit="kgCO2e")
    kg, t = f"{number(result.kgco2e)} kgCO2e", f"{number(result.tco2e)} tCO2e"
    return text("emission.once", main=t, other=kg) if result.tco2e >= 1 else text("emission.once", main=kg, other=t)


def _conversion_line(result: EmissionResult) -> str:
    conversion = result.conversion
    if conversion is None:
        return ""
    if result.from_bill:
        return text(
            "emission.bill",
            thb=number(result.quantity),
            tariff=number(result.tariff or 0),
            assumed=_assumed(result.tariff_assumed),
            kwh=number(result.activity_amount),
        )
    return text(
        "emission.convert",
        given=amount(result.quantity, conversion.from_unit),
        converted=amount(result.activity_amount, conversion.to_unit),
    )


def _emission(result: EmissionResult) -> str:
    factor = result.factor
    formula = text(
        "emission.formula",
        amount=amount(result.activity_amount, factor.activity_unit),
        factor=factor_figure(factor.value),
        factor_unit=factor.unit,
        kg=number(result.kgco2e),
        period=_period(result.period),
    )
    return _fit(
        [
            _emission_headline(result),
            _conversion_line(result),
            formula,
            text("emission.factor", name=factor.name_th, year=factor.year, source=cite(factor.source)),
            scope_th(factor.scope),
            text("emission.bill_caveat") if result.from_bill and result.tariff_assumed else "",
            text("emission.day") if result.period == "day" else "",
            text("emission.verify") if "ตรวจ" in factor.note else "",
        ]
    )


def _item_line(result: EmissionResult) -> str:
    per_year = result.tco2e_per_year
    outcome = f"{number(per_year)} tCO2e ต่อปี" if per_year is not None else f"{number(result.tco2e)} tCO2e"
    return text(
        "footprint.item",
        name=short_name(result.factor),
        amount=amount(result.quantity, result.unit),
        period=_period(result.period),
        factor=factor_figure(result.factor.value),
        result=outcome,
    )


def _footprint(result: FootprintResult) -> str:
    if result.total_tco2e_per_year is not None:
        headline = text("footprint.total", total=number(result.total_tco2e_per_year))
    elif result.annualised_tco2e_per_year > 0:
        headline = text("footprint.partial", total=number(result.annualised_tco2e_per_year))
    else:
        headline = text("footprint.once", total=number(sum(item.tco2e for item in result.items)))
    scopes = " | ".join(
        f"{scope_th(scope).split(' (')[0]}: {number(t)} tCO2e ต่อปี" for scope, t in result.scope_tco2e_per_year
    )
    share = f" ({result.largest_share:.0%})" if result.largest_share is not None else ""
    skipped = ", ".join(item.label or item.activity for item, _ in result.skipped)
    without = ", ".join(short_name(item.factor) for item in result.without_period)
    sources = "; ".join(dict.fromkeys(f"{cite(i.factor.source)} ({i.factor.year})" for i in result.items))
    return _fit(
        [
            headline,
            *(_item_line(item) for item in result.items),
            scopes,
            text("footprint.largest", name=short_name(result.largest.factor), share=share),
            text("footprint.no_period", names=without) if without else "",
            text("footprint.skipped", names=skipped) if skipped else "",
            text("sources", sources=sources),
        ]
    )


def _solar(result: SolarResult) -> str:
    sizing = ""
    if result.sized_from_use and result.monthly_kwh is not None and result.daytime_share is not None:
        sizing = text(
            "solar.sizing",
            monthly=number(result.monthly_kwh),
            share=number(result.daytime_share * 100),
            assumed=_assumed(result.daytime_share_assumed),
            yield_=number(result.yield_per_kwp),
            unrounded=number(result.kwp_unrounded or 0),
            kwp=number(result.kwp),
        )
    factor = result.grid_factor
    sources = "; ".join(dict.fromkeys(cite(p.source) for p in result.parameters[:2]))
    return _fit(
        [
            text(
                "solar.headline",
                kwp=number(result.kwp),
                kwh=number(result.yearly_kwh),
                savings=number(result.savings_thb_per_year),
                low=years(result.payback_low_years),
                high=years(result.payback_high_years),
            ),
            sizing,
            text(
                "solar.yield",
                kwp=number(result.kwp),
                yield_=number(result.yield_per_kwp),
                kwh=number(result.yearly_kwh),
            ),
            text(
                "solar.savings",
                kwh=number(result.yearly_kwh),
                tariff=number(result.tariff),
                assumed=_assumed(result.tariff_assumed),
                savings=number(result.savings_thb_per_year),
            ),
            text(
                "solar.cost",
                low=number(result.cost_low_thb),
                high=number(result.cost_high_thb),
                per_low=number(result.cost_per_kwp_low),
                per_high=number(result.cost_per_kwp_high),
            ),
            text(
                "solar.carbon",
                kwh=number(result.yearly_kwh),
                factor=factor_figure(factor.value),
                tco2e=number(result.tco2e_avoided_per_year),
                scope=scope_th(factor.scope).split(" (")[0],
                year=factor.year,
            ),
            text("solar.roof", m2=number(result.roof_m2)),
            text("solar.oversized") if result.exceeds_daytime_use else "",
            text("solar.caveat"),
            text("sources", sources=sources),
        ]
    )


def _carbon_price(result: CarbonPriceResult) -> str:
    per_year, per_month = result.cost_thb_per_year, result.cost_thb_per_month
    if per_year is not None and per_month is not None:
        headline = text("price.periodic", year=number(per_year), month=number(per_month))
    else:
        headline = text("price.once", cost=number(result.cost_thb))
    if result.price_is_tax:
        price_line = text("price.tax", price=number(result.price_per_tonne), source=cite(result.tax.source))
    else:
        price_line = text("price.given", price=number(result.price_per_tonne), tax=number(result.tax.value or 0))
    basis = ""
    if result.basis is not None:
        basis = text("price.basis", items=", ".join(short_name(item.factor) for item in result.basis.items))
    period = _period(result.period)
    formula = text(
        "price.formula",
        tco2e=number(result.tco2e),
        period=period,
        price=number(result.price_per_tonne),
        cost=number(result.cost_thb),
    )
    taxed = ""
    if result.taxed_tco2e is not None and result.taxed_cost_thb is not None:
        taxed = text("price.taxed", tco2e=number(result.taxed_tco2e), cost=number(result.taxed_cost_thb))
    return _fit([headline, formula, price_line, taxed, basis])


def _co2e(result: Co2eResult) -> str:
    kg, t = amount(result.kgco2e, "kgCO2e"), amount(result.tco2e, "tCO2e")
    given, converted = (kg, t) if result.unit == "kgCO2e" else (t, kg)
    period = _period(result.period)
    periodic = ""
    if result.tco2e_per_year is not None and result.tco2e_per_month is not None:
        periodic = text("co2e.periodic", month=number(result.tco2e_per_month), year=number(result.tco2e_per_year))
    return _fit(
        [text("co2e.headline", given=given + period, converted=converted + period), periodic, text("co2e.rule")]
    )


def render_th(result: CalculationResult | Clarification) -> str:
    """A Thai answer of at most 600 characters: the result first in one line, then how it was worked out.

    Numbers carry thousands separators and are rounded for reading (:func:`number`); factors are
    quoted with four decimals as the course prints them, with their year and source. A
    :class:`Clarification` renders as its question.
    """
    match result:
        case Clarification():
            return result.question
        case EmissionResult():
            return _emission(result)
        case FootprintResult():
            return _footprint(result)
        case SolarResult():
            return _solar(result)
        case CarbonPriceResult():
            return _carbon_price(result)
        case Co2eResult():
            return _co2e(result)
    raise TypeError(f"not a calculator result: {type(result).__name__}")


__all__ = ["MAX_CHARS", "CalculationResult", "render_th"]
