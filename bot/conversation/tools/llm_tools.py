"""The calculators and the schedule as LangChain tools, so that an LLM computes with them instead of by itself.

The deterministic :class:`~bot.conversation.tools.toolbox.Toolbox` answers first whenever it can
read the user's figures; these tools cover what its reader misses (English, unusual wording,
figures spread over a conversation). Each tool takes typed arguments (pydantic), runs the same
pure functions as the Toolbox over the same course files, and returns:

- content, for the model: JSON with the computed figures and every factor or parameter used, with
  its year, source and link, so the model quotes figures and cites them rather than working them out;
- an artifact, for the engine: a :class:`ToolRun` with the JSON values (``nzap ask --json``) and
  the :class:`~bot.types.Citation` of the course file the figures came from.

Bad input never raises into the answerer: arguments that fail validation and inputs the
calculators refuse come back as a short error text (``status="error"``) the model can act on.

    tools = build_llm_tools(toolbox)          # [] when the course has neither factors nor schedule
    message = tools[0].invoke(tool_call)      # a ToolMessage; message.artifact is a ToolRun on success
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, TypeVar

from langchain_core.tools import BaseTool, StructuredTool, ToolException
from pydantic import BaseModel, Field, ValidationError

from bot.conversation.tools.emissions import (
    ActivityAmount,
    CalculationInputError,
    EmissionResult,
    convert_co2e,
    emissions,
    footprint,
)
from bot.conversation.tools.schedule import Aspect, CohortSchedule, ScheduleQuery
from bot.conversation.tools.solar import carbon_price_exposure, solar_rooftop
from bot.conversation.tools.toolbox import JsonValue, Toolbox
from bot.types import Citation
from knowledge.emission_factors import EmissionFactor, FactorTable, Parameter

CALCULATION = "calculation"
SCHEDULE = "schedule"

Period = Literal["month", "year", "week", "day"]
ActivityUnit = Literal["kWh", "THB", "litre", "kg", "tonne", "m3", "scf", "MMBtu", "MJ"]
When = Literal["today", "tomorrow", "this_week", "next_week", "last_week"]
Activity = Literal["site_visit", "mentoring", "demo_day", "orientation"]
About = Literal["topic", "date", "time", "venue", "homework", "weeks_left", "session"]

_Args = TypeVar("_Args", bound=BaseModel)

_DIGITS = 4
"""Decimals kept in the figures a tool returns: enough to quote, few enough that nobody rounds by hand."""


@dataclass(frozen=True)
class ToolRun:
    """What one successful tool call computed: ``calculation`` or ``schedule``, its values, and its sources."""

    tool: str
    kind: str
    arguments: dict[str, JsonValue]
    values: dict[str, JsonValue]
    citations: tuple[Citation, ...]

    def as_json(self) -> dict[str, JsonValue]:
        """The call as ``nzap ask --json`` shows it: the tool, what it was given and what it computed."""
        return {"tool": self.tool, "arguments": self.arguments, "result": self.values}


class EmissionsArgs(BaseModel):
    """One amount of one activity."""

    activity: str = Field(
        description="What was used: a factor id (grid_electricity, diesel_mobile, lpg, natural_gas, ...) "
        "or the name the user wrote (electricity, ไฟฟ้า, diesel, ดีเซล, LPG, แก๊ส, petrol, R32)."
    )
    amount: float = Field(description="The user's figure exactly as given (e.g. 50000 for 50,000 kWh).")
    unit: ActivityUnit = Field(description="The unit of the amount; THB for an electricity bill in baht.")
    period: Period | None = Field(None, description="The amount is per month, year or day; null for a one-off amount.")
    tariff_thb_per_kwh: float | None = Field(
        None, description="Only when the user states their own electricity price; otherwise the course's tariff."
    )


class FootprintArgs(BaseModel):
    """Several activities to add up."""

    items: list[EmissionsArgs] = Field(min_length=1, description="Every activity amount the user gave.")


class SolarArgs(BaseModel):
    """A rooftop solar system, by size or from the business's electricity use."""

    kwp: float | None = Field(None, description="System size in kWp, when the user gives one.")
    monthly_kwh: float | None = Field(None, description="Electricity used per month in kWh, to size the system.")
    monthly_bill_thb: float | None = Field(None, description="Monthly electricity bill in baht, when kWh is unknown.")
    tariff_thb_per_kwh: float | None = Field(None, description="Only when the user states their electricity price.")
    daytime_share: float | None = Field(
        None, gt=0, le=1, description="Share of use in daylight (0-1), only when the user says; else the course's."
    )


class CarbonPriceArgs(BaseModel):
    """What a carbon price would cost on an amount of emissions."""

    tco2e: float = Field(description="Tonnes of CO2e (use the emissions tool's result, never your own sum).")
    period: Period | None = Field("year", description="The tonnes are per year, month or day; null if one-off.")
    price_thb_per_tonne: float | None = Field(
        None, description="Only when the user names a price; otherwise Thailand's carbon tax from the course."
    )


class ConvertArgs(BaseModel):
    """An amount of CO2e to convert between kilograms and tonnes."""

    amount: float
    unit: Literal["kgCO2e", "tCO2e"]
    period: Period | None = None


class ScheduleArgs(BaseModel):
    """A question about the cohort's sessions; give at most one of ``week``, ``when`` and ``activity``."""

    about: About = Field("session", description="The fact asked for; 'session' for date, time, venue and topic.")
    week: int | None = Field(None, ge=1, le=52, description="A programme week by number.")
    when: When | None = Field(None, description="A day or week relative to today.")
    activity: Activity | None = Field(None, description="A kind of session held on its own day.")


def build_llm_tools(toolbox: Toolbox) -> list[BaseTool]:
    """The tools the course supports: the calculators with a factor file, the schedule with a schedule file."""
    tools: list[BaseTool] = []
    factors = toolbox.factors
    if factors is not None:
        tools += [
            _tool(
                "emissions",
                "Emissions (kgCO2e, tCO2e, per month and year) of an amount of electricity, fuel, gas or "
                "refrigerant, with the course's emission factor and its source and year.",
                EmissionsArgs,
                lambda args: _emissions(factors, args),
            ),
            _tool(
                "footprint",
                "Several activity amounts added up: per item, per scope and in total per year, and the largest source.",
                FootprintArgs,
                lambda args: _footprint(factors, args),
            ),
            _tool(
                "solar_rooftop",
                "A rooftop solar system: size (sized from monthly use or bill when kWp is not given), yearly output, "
                "savings, cost range, payback years and CO2e avoided, with the course's assumptions and sources.",
                SolarArgs,
                lambda args: _solar(factors, args),
            ),
            _tool(
                "carbon_price",
                "The cost of a carbon price on tonnes of CO2e; by default Thailand's carbon tax in the fuel excise.",
                CarbonPriceArgs,
                lambda args: _carbon_price(factors, args),
            ),
            _tool(
                "convert_co2e",
                "An amount of CO2e in kilograms and tonnes, per month and per year.",
                ConvertArgs,
                _convert,
            ),
        ]
    schedule = toolbox.schedule
    if schedule is not None:
        tools.append(
            _tool(
                "schedule",
                "The cohort's sessions as of today: date (also in Buddhist Era), time, venue, topic, homework and "
                "weeks left, for a week number, a relative day or week, or an activity (none: the next session).",
                ScheduleArgs,
                lambda args: _schedule(schedule, args),
            )
        )
    return tools


def _tool(name: str, description: str, schema: type[_Args], compute: Callable[[_Args], ToolRun]) -> StructuredTool:
    """A tool that validates its arguments with ``schema`` and returns ``(JSON for the model, ToolRun)``."""

    def run(**arguments: object) -> tuple[str, ToolRun]:
        try:
            result = compute(schema.model_validate(arguments))
        except CalculationInputError as error:
            # The calculators' own refusal, already a sentence a person can act on (Thai, as most
            # users write; the model answers in the user's language either way).
            raise ToolException(f"error: {error.message('th')}") from error
        return json.dumps({"tool": name, "result": result.values}, ensure_ascii=False), result

    return StructuredTool.from_function(
        func=run,
        name=name,
        description=description,
        args_schema=schema,
        response_format="content_and_artifact",
        handle_tool_error=True,
        handle_validation_error=lambda error: _invalid(name, error),
    )


def _invalid(name: str, error: ValidationError | object) -> str:
    """A validation failure as one line the model can correct its call from."""
    if isinstance(error, ValidationError):
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'arguments'}: {e['msg']}" for e in error.errors())
    else:
        problems = str(error)
    return f"error: invalid arguments for {name}: {problems}"


def _number(value: float | None) -> float | None:
    return None if value is None else round(value, _DIGITS)


def _factor(factor: EmissionFactor) -> dict[str, JsonValue]:
    return {
        "id": factor.id,
        "name_en": factor.name_en,
        "name_th": factor.name_th,
        "value": factor.value,
        "unit": factor.unit,
        "scope": factor.scope,
        "year": factor.year,
        "source": factor.source,
        "url": factor.url,
    }


def _parameter(parameter: Parameter) -> dict[str, JsonValue]:
    values: dict[str, JsonValue] = {"id": parameter.id, "name_th": parameter.name_th, "unit": parameter.unit}
    values |= {k: v for k, v in (("value", parameter.value), ("low", parameter.low), ("high", parameter.high)) if v}
    values |= {"assumption": parameter.assumption, "source": parameter.source, "url": parameter.url}
    if parameter.note:
        values["note"] = parameter.note
    return values


def _factor_citation(table: FactorTable, factor: EmissionFactor) -> Citation:
    # The figure is the course's own (its factor file), so the answer cites that file, titled by the factor.
    return Citation(source=table.source, title=f"{factor.name_th} ({factor.year}) · {factor.source}")


def _parameter_citation(table: FactorTable, parameter: Parameter) -> Citation:
    return Citation(source=table.source, title=f"{parameter.name_th} · {parameter.source}")


def _emission_values(result: EmissionResult) -> dict[str, JsonValue]:
    values: dict[str, JsonValue] = {
        "amount": result.quantity,
        "unit": result.unit,
        "period": result.period,
        "activity_amount": _number(result.activity_amount),
        "activity_unit": result.factor.activity_unit,
        "kgco2e": _number(result.kgco2e),
        "tco2e": _number(result.tco2e),
        "tco2e_per_month": _number(result.tco2e_per_month),
        "tco2e_per_year": _number(result.tco2e_per_year),
        "scope": result.factor.scope,
        "factor": _factor(result.factor),
    }
    if result.tariff is not None:
        values |= {"tariff_thb_per_kwh": result.tariff, "tariff_assumed": result.tariff_assumed}
    return values


def _emissions(table: FactorTable, args: EmissionsArgs) -> ToolRun:
    result = emissions(
        table, args.activity, args.amount, args.unit, args.period, tariff=args.tariff_thb_per_kwh, label=args.activity
    )
    return _run("emissions", args, _emission_values(result), [_factor_citation(table, result.factor)])


def _footprint(table: FactorTable, args: FootprintArgs) -> ToolRun:
    items = [ActivityAmount(i.activity, i.amount, i.unit, i.period, label=i.activity) for i in args.items]
    tariffs = {i.tariff_thb_per_kwh for i in args.items if i.tariff_thb_per_kwh is not None}
    result = footprint(table, items, tariff=next(iter(tariffs)) if len(tariffs) == 1 else None)
    values: dict[str, JsonValue] = {
        "items": [_emission_values(item) for item in result.items],
        "tco2e_per_year_by_scope": {str(scope): _number(t) for scope, t in result.scope_tco2e_per_year},
        "total_tco2e_per_year": _number(result.total_tco2e_per_year),
        "annualised_tco2e_per_year": _number(result.annualised_tco2e_per_year),
        "largest_source": result.largest.factor.name_en,
        "largest_share": _number(result.largest_share),
        "not_computed": [{"activity": item.label or item.activity, "reason": why} for item, why in result.skipped],
    }
    citations = [_factor_citation(table, item.factor) for item in result.items]
    return _run("footprint", args, values, citations)


def _solar(table: FactorTable, args: SolarArgs) -> ToolRun:
    result = solar_rooftop(
        table,
        kwp=args.kwp,
        monthly_kwh=args.monthly_kwh,
        tariff=args.tariff_thb_per_kwh,
        monthly_bill_thb=args.monthly_bill_thb,
        daytime_share=args.daytime_share,
    )
    values: dict[str, JsonValue] = {
        "kwp": result.kwp,
        "sized_from_use": result.sized_from_use,
        "kwp_before_rounding_down": _number(result.kwp_unrounded),
        "monthly_kwh": _number(result.monthly_kwh),
        "daytime_share": result.daytime_share,
        "yearly_kwh": _number(result.yearly_kwh),
        "tariff_thb_per_kwh": result.tariff,
        "tariff_assumed": result.tariff_assumed,
        "savings_thb_per_year": _number(result.savings_thb_per_year),
        "cost_low_thb": _number(result.cost_low_thb),
        "cost_high_thb": _number(result.cost_high_thb),
        "payback_low_years": _number(result.payback_low_years),
        "payback_high_years": _number(result.payback_high_years),
        "tco2e_avoided_per_year": _number(result.tco2e_avoided_per_year),
        "roof_m2": _number(result.roof_m2),
        "share_of_use": _number(result.share_of_use),
        "exceeds_daytime_use": result.exceeds_daytime_use,
        "grid_factor": _factor(result.grid_factor),
        "parameters": [_parameter(p) for p in result.parameters],
    }
    citations = [_parameter_citation(table, p) for p in result.parameters[:2]]
    return _run("solar_rooftop", args, values, [*citations, _factor_citation(table, result.grid_factor)])


def _carbon_price(table: FactorTable, args: CarbonPriceArgs) -> ToolRun:
    result = carbon_price_exposure(table, args.tco2e, args.price_thb_per_tonne, period=args.period)
    values: dict[str, JsonValue] = {
        "tco2e": result.tco2e,
        "period": result.period,
        "price_thb_per_tonne": result.price_per_tonne,
        "price_is_thai_carbon_tax": result.price_is_tax,
        "cost_thb": _number(result.cost_thb),
        "cost_thb_per_month": _number(result.cost_thb_per_month),
        "cost_thb_per_year": _number(result.cost_thb_per_year),
        "carbon_tax": _parameter(result.tax),
    }
    citations = [_parameter_citation(table, result.tax)] if result.price_is_tax else []
    return _run("carbon_price", args, values, citations)


def _convert(args: ConvertArgs) -> ToolRun:
    result = convert_co2e(args.amount, args.unit, args.period)
    values: dict[str, JsonValue] = {
        "amount": result.quantity,
        "unit": result.unit,
        "period": result.period,
        "kgco2e": _number(result.kgco2e),
        "tco2e": _number(result.tco2e),
        "tco2e_per_month": _number(result.tco2e_per_month),
        "tco2e_per_year": _number(result.tco2e_per_year),
    }
    return _run("convert_co2e", args, values, [])


_WHEN: dict[str, tuple[int | None, int | None]] = {
    # (week_offset, day_offset) as the schedule reader sets them for the same words
    "today": (None, 0),
    "tomorrow": (None, 1),
    "this_week": (0, None),
    "next_week": (1, None),
    "last_week": (-1, None),
}


def _schedule(schedule: CohortSchedule, args: ScheduleArgs) -> ToolRun:
    pointers = [p for p in (args.week, args.when, args.activity) if p is not None]
    if len(pointers) > 1:
        raise ToolException("error: give at most one of week, when and activity")
    week_offset, day_offset = _WHEN[args.when] if args.when else (None, None)
    query = ScheduleQuery(Aspect(args.about), args.week, week_offset, day_offset, activity=args.activity)
    answer = schedule.answer(query)
    values: dict[str, JsonValue] = {**answer.values, "text_th": answer.text_th, "text_en": answer.text_en}
    week = answer.values.get("week")
    citation = Citation(
        source="schedule.yaml", title=schedule.schedule.title, week=week if isinstance(week, int) else None,
        kind="schedule",
    )  # fmt: skip
    return _run("schedule", args, values, [citation], kind=SCHEDULE)


def _run(
    tool: str, args: BaseModel, values: dict[str, JsonValue], citations: list[Citation], kind: str = CALCULATION
) -> ToolRun:
    arguments: dict[str, JsonValue] = json.loads(args.model_dump_json(exclude_none=True))
    return ToolRun(tool, kind, arguments, values, tuple(dict.fromkeys(citations)))
