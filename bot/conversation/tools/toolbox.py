"""The tools the engine tries before retrieval: the net-zero calculators, then the schedule.

A message with the user's own numbers ("ใช้ไฟเดือนละ 50,000 หน่วย ปล่อยกี่ตัน") is computed, not
answered with the course's worked example; a schedule question ("สัปดาห์หน้าเรียนอะไร") is
answered from the cohort's dates relative to today. Both read course material: the course
folder's ``emission_factors.yaml`` and ``schedule.yaml`` (the bundled sample course unless a
folder is set), so programme staff change figures and dates without a code change.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, is_dataclass
from datetime import date
from enum import Enum
from pathlib import Path

from bot.conversation.tools import calculation_words
from bot.conversation.tools.calculation_requests import CalculationRequest, RequestKind, parse_calculation_request
from bot.conversation.tools.calculator_render import CalculationResult
from bot.conversation.tools.calculator_texts import number
from bot.conversation.tools.calculator_texts import text as catalogue
from bot.conversation.tools.calculators import CalculationInputError, Clarification, NoFactorError, calculate, render
from bot.conversation.tools.emissions import EmissionResult, FootprintResult
from bot.conversation.tools.schedule import Aspect, Clock, CohortSchedule, SystemClock, parse_schedule_question
from ingestion.loaders.base import SkipFile
from ingestion.loaders.schedule_file import read_schedule
from ingestion.thai import fold_for_matching
from ingestion.thai.numbers import find_quantities
from knowledge.emission_factors import FactorTable, find_factor_file, load_factor_table

logger = logging.getLogger(__name__)

JsonValue = str | int | float | bool | None | list["JsonValue"] | dict[str, "JsonValue"]


@dataclass(frozen=True)
class ToolReply:
    """What a tool said: the text, ``calculation`` or ``schedule``, and the values it computed.

    ``activities`` are the activities computed from the user's own figures (an emissions or
    footprint request; never solar, carbon price or a unit conversion): what a footprint keeps.
    """

    text: str
    kind: str
    values: dict[str, JsonValue]
    activities: tuple[EmissionResult, ...] = ()

    @property
    def not_covered(self) -> bool:
        """The course has no factor for what was asked ("ถ่านไม้", "ฟืน"): the reply says so and a mentor may know."""
        return self.values.get("not_covered") is True


class Toolbox:
    """The calculators over one factor table and the schedule over one cohort (either may be absent)."""

    def __init__(self, factors: FactorTable | None, schedule: CohortSchedule | None) -> None:
        self._factors = factors
        self._schedule = schedule

    @property
    def factors(self) -> FactorTable | None:
        """The emission factors and parameters the calculators use, if the course has them."""
        return self._factors

    @property
    def schedule(self) -> CohortSchedule | None:
        """The cohort's schedule, if the course has one."""
        return self._schedule

    @classmethod
    def from_course(cls, course: Path, start_date: date | None = None, clock: Clock | None = None) -> Toolbox:
        """The tools over a course folder; a missing file leaves its tool out (logged), a broken one stops start-up."""
        factor_file = find_factor_file(course)
        factors = load_factor_table(factor_file) if factor_file is not None else None
        schedule_file = next(iter(sorted(course.rglob("schedule.yaml"))), None)
        schedule = None
        if schedule_file is not None:
            try:
                schedule = CohortSchedule(read_schedule(schedule_file), start_date, clock or SystemClock.named())
            except SkipFile as error:
                logger.warning("schedule tool off: %s", error)
        if factors is None:
            logger.warning("calculators off: no emission_factors.yaml in %s", course)
        return cls(factors, schedule)

    def _estimate(self, request: Clarification, language: str, values: dict[str, JsonValue]) -> str:
        """For a range ("700-800 หน่วย"), the emissions at both ends, said before the question, also in ``values``."""
        if request.estimate is None or self._factors is None:
            return ""
        try:
            ends = [calculate(self._factors, end) for end in request.estimate]
        except CalculationInputError:
            return ""  # an impossible end is refused once the user gives one figure
        kg = [getattr(end, "kgco2e", None) for end in ends]
        if not all(isinstance(k, float | int) for k in kg):
            return ""
        low, high = (float(k) for k in kg if isinstance(k, float | int))
        values["range_kgco2e"] = [low, high]
        values["period"] = request.period
        tonnes = high >= 1000
        said = catalogue(
            "range.estimate",
            language,
            low=number(low / 1000 if tonnes else low),
            high=number(high / 1000 if tonnes else high),
            unit="tCO2e" if tonnes else "kgCO2e",
            period=catalogue(f"period.{request.period}", language) if request.period else "",
        )
        return said + "\n"

    def answer(self, text: str, language: str = "th") -> ToolReply | None:
        """A calculation or a schedule answer to ``text``, or ``None`` when it is neither."""
        if self._factors is not None:
            try:
                request = parse_calculation_request(text, self._factors)
            except NoFactorError as error:
                return _no_factor(error, language)
            except CalculationInputError as error:
                return ToolReply(error.message(language), "calculation", {"refused": True})
            # An owner asking whether solar pays off for them is asked for their size or use instead.
            solar = isinstance(request, Clarification) and request.kind is RequestKind.SOLAR
            if isinstance(request, Clarification) and not solar and _asks_the_material(text):
                request = None  # "ดีเซลใช้ ef เท่าไหร่": a question for the course, not a missing figure
            if isinstance(request, Clarification):
                values: dict[str, JsonValue] = {"clarify": True, "reason": str(request.reason)}
                said = self._estimate(request, language, values) + request.ask(language)
                return ToolReply(said, "calculation", values)
            if request is not None:
                try:
                    result = calculate(self._factors, request)
                except NoFactorError as error:
                    return _no_factor(error, language)
                except CalculationInputError as error:
                    return ToolReply(error.message(language), "calculation", {"refused": True})
                return ToolReply(render(result, language), "calculation", _json(result), _activities(request, result))
        if self._schedule is not None:
            query = parse_schedule_question(text)
            # "ไปดูงานวีค5 มีที่จอดรถมั้ย": a yes/no question about the session asks what the schedule
            # does not hold (parking, recordings, perks); the course material or a mentor answers it.
            if query is not None and query.aspect is Aspect.SESSION and _YES_NO.search(fold_for_matching(text)):
                query = None
            answer = self._schedule.answer(query) if query is not None else None
            if answer is not None:
                return ToolReply(answer.text(language), "schedule", _json(answer.values))
        return None


_YES_NO = re.compile(r"(?:มั้ย|ไหม|ป่าว|หรือเปล่า|หรือไม่)\s*(?:ครับ|คะ|ค่ะ|อ่ะ|นะ)?\s*\??$")
# Without figures of the user's own, these ask what the material (or the market) says, not for a
# calculation: a default value, a market price per tonne, a method ("market based ยังไง"), the
# price of selling power to the grid, what switching fuels saves in general.
_ABOUT_THE_MATERIAL = re.compile(
    r"(?<![a-z])ef(?![a-z])|อีเอฟ|ค่าการปล่อย|factor|แฟคเตอร์|แฟกเตอร์|ชั่วโมงแดด|รับซื้อ|ค่าตั้งต้น|default|"
    r"market.?based|location.?based|ซื้อขาย|ตันละ\s*(?:กี่|เท่า)|ขาย\S{0,8}(?:สายส่ง|กริด|การไฟฟ้า)|"
    r"(?:ใช้|เป็น)\S{0,20}แทน"
)


def _activities(request: CalculationRequest, result: CalculationResult) -> tuple[EmissionResult, ...]:
    """The activities of an emissions or footprint request (the ones a footprint keeps)."""
    if request.kind not in (RequestKind.EMISSIONS, RequestKind.FOOTPRINT):
        return ()
    if isinstance(result, EmissionResult):
        return (result,)
    return result.items if isinstance(result, FootprintResult) else ()


def _asks_the_material(text: str) -> bool:
    """A message without figures of its own that asks about a factor or a yes/no question of the course."""
    folded = fold_for_matching(text)
    if find_quantities(text) or calculation_words.VAGUE_AMOUNT.search(folded):
        return False  # "ค่าไฟเดือนละหลายหมื่น ปล่อยเยอะมั้ย": their own figure, only vaguely given
    if _ABOUT_THE_MATERIAL.search(folded):
        return True
    # "รถบรรทุกใช้ดีเซลเยอะมาก คิดคาร์บอนให้ได้ไหม": a request to compute, asked politely; the amount is asked.
    return bool(_YES_NO.search(folded)) and not calculation_words.COMPUTE_FOR_ME.search(folded)


def _json(value: object) -> dict[str, JsonValue]:
    """A result's fields as JSON-ready values (for ``nzap ask --json``)."""
    data = asdict(value) if is_dataclass(value) and not isinstance(value, type) else value
    converted = _convert(data)
    return converted if isinstance(converted, dict) else {"value": converted}


def _convert(value: object) -> JsonValue:
    if isinstance(value, Mapping):
        return {str(k): _convert(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_convert(v) for v in value]
    if isinstance(value, Enum):
        return _convert(value.value)
    if isinstance(value, date):
        return value.isoformat()
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _no_factor(error: NoFactorError, language: str) -> ToolReply:
    """The course has no factor for the fuel or material named: not covered, so the engine offers a mentor."""
    return ToolReply(error.message(language), "calculation", {"refused": True, "not_covered": True})
