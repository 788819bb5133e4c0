"""The net-zero calculators: one import for the conversation engine.

Typical use, with the table loaded once at start-up::

    table = load_factor_table(find_factor_file(course_folder))
    understood = parse_calculation_request(message_text, table)
    if isinstance(understood, Clarification):
        reply = understood.ask(language)
    elif understood is not None:
        try:
            reply = render(calculate(table, understood), language)
        except CalculationInputError as error:
            reply = error.message(language)

Everything here is pure and offline: the same message and factor file always give the same
answer, and every figure in it comes from the factor file. The parts live in
:mod:`~bot.conversation.tools.emissions` (emissions, footprints, CO2e units),
:mod:`~bot.conversation.tools.solar` (rooftop solar, carbon price),
:mod:`~bot.conversation.tools.calculation_requests` (what a message asks for, with
:mod:`~bot.conversation.tools.message_reading` finding its activities and amounts) and
:mod:`~bot.conversation.tools.calculator_render` (answers in Thai or English).
"""

from __future__ import annotations

from dataclasses import replace

from bot.conversation.tools.calculation_requests import (
    CalculationRequest,
    Clarification,
    ClarifyReason,
    Co2eAmount,
    RequestKind,
    parse_calculation_request,
)
from bot.conversation.tools.calculator_render import MAX_CHARS, CalculationResult, render, render_th
from bot.conversation.tools.calculator_texts import Bilingual, Listed, phrase
from bot.conversation.tools.emissions import (
    MONTHLY_LIMITS,
    PER_YEAR,
    ActivityAmount,
    CalculationInputError,
    Co2eResult,
    EmissionResult,
    FootprintResult,
    NoFactorError,
    UnitMismatchError,
    convert_co2e,
    emissions,
    footprint,
)
from bot.conversation.tools.factor_names import factor_name
from bot.conversation.tools.solar import CarbonPriceResult, SolarResult, carbon_price_exposure, solar_rooftop
from knowledge.emission_factors import FactorTable


def _carbon_price(table: FactorTable, request: CalculationRequest) -> CarbonPriceResult:
    if request.co2e is not None:
        return carbon_price_exposure(table, request.co2e.tco2e, request.price_per_tonne, period=request.co2e.period)
    basis = footprint(table, request.items, tariff=request.tariff)
    if basis.total_tco2e_per_year is not None:
        tonnes, period = basis.total_tco2e_per_year, "year"
    elif not any(item.period for item in basis.items):
        tonnes, period = sum(item.tco2e for item in basis.items), None
    else:
        # Some amounts are per month or year and some are one-off: they cannot be added up.
        missing = tuple(
            Bilingual(item.label or item.factor.name_th, factor_name(item.factor, inside=True).en)
            for item in basis.without_period
        )
        raise CalculationInputError(phrase("ask.period", what=Listed(missing, "list.comma")))
    return carbon_price_exposure(table, tonnes, request.price_per_tonne, period=period, basis=basis)


def calculate(table: FactorTable, request: CalculationRequest) -> CalculationResult:
    """Run a request from :func:`parse_calculation_request`; :class:`CalculationInputError` when refused."""
    match request.kind:
        case RequestKind.EMISSIONS if len(request.items) == 1:
            item = request.items[0]
            return emissions(
                table, item.activity, item.quantity, item.unit, item.period, tariff=request.tariff, label=item.label
            )
        case RequestKind.EMISSIONS | RequestKind.FOOTPRINT:
            return footprint(table, request.items, tariff=request.tariff)
        case RequestKind.SOLAR:
            result = solar_rooftop(
                table,
                kwp=request.kwp,
                monthly_kwh=request.monthly_kwh,
                tariff=request.tariff,
                monthly_bill_thb=request.monthly_bill_thb,
                daytime_share=request.daytime_share,
            )
            return replace(result, asks=request.asks)
        case RequestKind.CARBON_PRICE:
            return _carbon_price(table, request)
        case RequestKind.CONVERT if request.co2e is not None:
            return convert_co2e(request.co2e.value, request.co2e.unit, request.co2e.period)
    raise CalculationInputError(phrase("error.empty_footprint"))


__all__ = [
    "MAX_CHARS",
    "MONTHLY_LIMITS",
    "PER_YEAR",
    "ActivityAmount",
    "CalculationInputError",
    "CalculationRequest",
    "CalculationResult",
    "CarbonPriceResult",
    "Clarification",
    "ClarifyReason",
    "Co2eAmount",
    "Co2eResult",
    "EmissionResult",
    "FootprintResult",
    "NoFactorError",
    "RequestKind",
    "SolarResult",
    "UnitMismatchError",
    "calculate",
    "carbon_price_exposure",
    "convert_co2e",
    "emissions",
    "footprint",
    "parse_calculation_request",
    "render",
    "render_th",
    "solar_rooftop",
]
