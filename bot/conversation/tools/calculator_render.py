"""Calculator results as short answers in Thai or English: the result in one line, then the formula, source and scope.

An answer leads with the figure asked for. It stays within :data:`MAX_CHARS` (a chat bubble
read on a phone): lines after the first are dropped from the end when it would not fit. Both
languages say the same things with the same figures; a factor's name comes from the factor
file (``name_th`` or ``name_en``) and its source is quoted as the file writes it (the file
gives it once, as published).
"""

from __future__ import annotations

from bot.conversation.tools.calculation_requests import Clarification
from bot.conversation.tools.calculator_texts import (
    amount,
    cite,
    factor_figure,
    number,
    period_name,
    scope_name,
    text,
    years,
)
from bot.conversation.tools.emissions import Co2eResult, EmissionResult, FootprintResult
from bot.conversation.tools.factor_names import factor_name
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


def _period(period: str | None, language: str) -> str:
    return f" {period_name(period, language)}" if period else ""


def _assumed(flag: bool, language: str) -> str:
    return text("assumed", language) if flag else ""


def _emission_headline(result: EmissionResult, language: str) -> str:
    per_year, per_month = result.tco2e_per_year, result.tco2e_per_month
    if per_year is not None and per_month is not None:
        if per_year >= 1:
            return text("emission.periodic", language, year=number(per_year), month=number(per_month), unit="tCO2e")
        kilograms = {"year": number(per_year * 1000), "month": number(per_month * 1000)}
        return text("emission.periodic", language, **kilograms, unit="kgCO2e")
    kg, t = f"{number(result.kgco2e)} kgCO2e", f"{number(result.tco2e)} tCO2e"
    main, other = (t, kg) if result.tco2e >= 1 else (kg, t)
    return text("emission.once", language, main=main, other=other)


def _conversion_line(result: EmissionResult, language: str) -> str:
    conversion = result.conversion
    if conversion is None:
        return ""
    if result.from_bill:
        return text(
            "emission.bill",
            language,
            thb=number(result.quantity),
            tariff=number(result.tariff or 0),
            assumed=_assumed(result.tariff_assumed, language),
            kwh=number(result.activity_amount),
        )
    return text(
        "emission.convert",
        language,
        given=amount(result.quantity, conversion.from_unit, language),
        converted=amount(result.activity_amount, conversion.to_unit, language),
    )


def _emission(result: EmissionResult, language: str) -> str:
    factor = result.factor
    formula = text(
        "emission.formula",
        language,
        amount=amount(result.activity_amount, factor.activity_unit, language),
        factor=factor_figure(factor.value),
        factor_unit=factor.unit,
        kg=number(result.kgco2e),
        period=_period(result.period, language),
    )
    name = factor.name_en if language == "en" and factor.name_en else factor.name_th
    return _fit(
        [
            _emission_headline(result, language),
            _conversion_line(result, language),
            formula,
            text("emission.factor", language, name=name, year=factor.year, source=cite(factor.source)),
            scope_name(factor.scope, language),
            text("emission.bill_caveat", language) if result.from_bill and result.tariff_assumed else "",
            text(f"emission.{result.period}", language) if result.period in ("day", "week") else "",
            # The file's Thai note asks to check the factor ("ตรวจ"): the note is the staff's flag.
            text("emission.verify", language) if "ตรวจ" in factor.note else "",
        ]
    )


def _per_year(tco2e: float, language: str) -> str:
    return f"{number(tco2e)} tCO2e {period_name('year', language)}"


def _item_line(result: EmissionResult, language: str) -> str:
    per_year = result.tco2e_per_year
    outcome = _per_year(per_year, language) if per_year is not None else f"{number(result.tco2e)} tCO2e"
    return text(
        "footprint.item",
        language,
        name=factor_name(result.factor),
        amount=amount(result.quantity, result.unit, language),
        period=_period(result.period, language),
        factor=factor_figure(result.factor.value),
        result=outcome,
    )


def _footprint(result: FootprintResult, language: str) -> str:
    if result.total_tco2e_per_year is not None:
        headline = text("footprint.total", language, total=number(result.total_tco2e_per_year))
    elif result.annualised_tco2e_per_year > 0:
        headline = text("footprint.partial", language, total=number(result.annualised_tco2e_per_year))
    else:
        headline = text("footprint.once", language, total=number(sum(item.tco2e for item in result.items)))
    scopes = " | ".join(
        f"{scope_name(scope, language).split(' (')[0]}: {_per_year(t, language)}"
        for scope, t in result.scope_tco2e_per_year
    )
    share = f" ({result.largest_share:.0%})" if result.largest_share is not None else ""
    skipped = ", ".join(item.label or item.activity for item, _ in result.skipped)
    without = ", ".join(factor_name(item.factor).say(language) for item in result.without_period)
    sources = "; ".join(dict.fromkeys(f"{cite(i.factor.source)} ({i.factor.year})" for i in result.items))
    return _fit(
        [
            headline,
            *(_item_line(item, language) for item in result.items),
            scopes,
            text("footprint.largest", language, name=factor_name(result.largest.factor), share=share),
            text("footprint.no_period", language, names=without) if without else "",
            text("footprint.skipped", language, names=skipped) if skipped else "",
            text("sources", language, sources=sources),
        ]
    )


def _solar(result: SolarResult, language: str) -> str:
    sizing = ""
    if result.sized_from_use and result.monthly_kwh is not None and result.daytime_share is not None:
        sizing = text(
            "solar.sizing",
            language,
            monthly=number(result.monthly_kwh),
            share=number(result.daytime_share * 100),
            assumed=_assumed(result.daytime_share_assumed, language),
            yield_=number(result.yield_per_kwp),
            unrounded=number(result.kwp_unrounded or 0),
            kwp=number(result.kwp),
        )
    factor = result.grid_factor
    sources = "; ".join(dict.fromkeys(cite(p.source) for p in result.parameters[:2]))
    lead = ""
    if result.asks == "roof":
        per_kwp = result.roof_m2 / result.kwp if result.kwp else 0.0
        # At 1 kWp the area is the rate per kWp: saying it twice reads as a glitch.
        key = "solar.roof_lead_one" if result.kwp == 1 else "solar.roof_lead"
        lead = text(key, language, kwp=number(result.kwp), m2=number(result.roof_m2), per=number(per_kwp))
    elif result.asks == "carbon":
        lead = text("solar.carbon_lead", language, kwp=number(result.kwp), tco2e=number(result.tco2e_avoided_per_year))
    elif result.asks == "month":
        lead = text(
            "solar.month_lead",
            language,
            kwp=number(result.kwp),
            month=number(result.yearly_kwh / 12),
            kwh=number(result.yearly_kwh),
        )
    return _fit(
        [
            lead,
            text(
                "solar.headline",
                language,
                kwp=number(result.kwp),
                kwh=number(result.yearly_kwh),
                savings=number(result.savings_thb_per_year),
                low=years(result.payback_low_years),
                high=years(result.payback_high_years),
            ),
            sizing,
            text(
                "solar.yield",
                language,
                kwp=number(result.kwp),
                yield_=number(result.yield_per_kwp),
                kwh=number(result.yearly_kwh),
            ),
            text(
                "solar.savings",
                language,
                kwh=number(result.yearly_kwh),
                tariff=number(result.tariff),
                assumed=_assumed(result.tariff_assumed, language),
                savings=number(result.savings_thb_per_year),
            ),
            text(
                "solar.cost",
                language,
                low=number(result.cost_low_thb),
                high=number(result.cost_high_thb),
                per_low=number(result.cost_per_kwp_low),
                per_high=number(result.cost_per_kwp_high),
            ),
            text(
                "solar.carbon",
                language,
                kwh=number(result.yearly_kwh),
                factor=factor_figure(factor.value),
                tco2e=number(result.tco2e_avoided_per_year),
                scope=scope_name(factor.scope, language).split(" (")[0],
                year=factor.year,
            ),
            text("solar.roof", language, m2=number(result.roof_m2)),
            text("solar.oversized", language) if result.exceeds_daytime_use else "",
            text("solar.caveat", language),
            text("sources", language, sources=sources),
        ]
    )


def _carbon_price(result: CarbonPriceResult, language: str) -> str:
    per_year, per_month = result.cost_thb_per_year, result.cost_thb_per_month
    if per_year is not None and per_month is not None:
        headline = text("price.periodic", language, year=number(per_year), month=number(per_month))
    else:
        headline = text("price.once", language, cost=number(result.cost_thb))
    price = number(result.price_per_tonne)
    if result.price_is_tax:
        price_line = text("price.tax", language, price=price, source=cite(result.tax.source))
    else:
        price_line = text("price.given", language, price=price, tax=number(result.tax.value or 0))
    basis = ""
    if result.basis is not None:
        names = ", ".join(factor_name(item.factor).say(language) for item in result.basis.items)
        basis = text("price.basis", language, items=names)
    period = _period(result.period, language)
    formula = text(
        "price.formula",
        language,
        tco2e=number(result.tco2e),
        period=period,
        price=price,
        cost=number(result.cost_thb),
    )
    taxed = ""
    if result.taxed_tco2e is not None and result.taxed_cost_thb is not None:
        taxed = text("price.taxed", language, tco2e=number(result.taxed_tco2e), cost=number(result.taxed_cost_thb))
    return _fit([headline, formula, price_line, taxed, basis])


def _co2e(result: Co2eResult, language: str) -> str:
    kg, t = amount(result.kgco2e, "kgCO2e", language), amount(result.tco2e, "tCO2e", language)
    given, converted = (kg, t) if result.unit == "kgCO2e" else (t, kg)
    period = _period(result.period, language)
    periodic = ""
    if result.tco2e_per_year is not None and result.tco2e_per_month is not None:
        month, year = number(result.tco2e_per_month), number(result.tco2e_per_year)
        periodic = text("co2e.periodic", language, month=month, year=year)
    headline = text("co2e.headline", language, given=given + period, converted=converted + period)
    return _fit([headline, periodic, text("co2e.rule", language)])


def render(result: CalculationResult | Clarification, language: str = "th") -> str:
    """An answer in ``language`` (Thai, or English) of at most 600 characters: the result first, then how.

    Numbers carry thousands separators and are rounded for reading (:func:`number`); factors are
    quoted with four decimals as the course prints them, with their year and source. A
    :class:`Clarification` renders as its question.
    """
    match result:
        case Clarification():
            return result.ask(language)
        case EmissionResult():
            return _emission(result, language)
        case FootprintResult():
            return _footprint(result, language)
        case SolarResult():
            return _solar(result, language)
        case CarbonPriceResult():
            return _carbon_price(result, language)
        case Co2eResult():
            return _co2e(result, language)
    raise TypeError(f"not a calculator result: {type(result).__name__}")


def render_th(result: CalculationResult | Clarification) -> str:
    """The Thai answer (:func:`render`)."""
    return render(result, "th")


__all__ = ["MAX_CHARS", "CalculationResult", "render", "render_th"]
