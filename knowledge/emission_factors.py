"""The emission factors and calculator parameters of a course (``kind: emission_factors``), loaded and checked.

Programme staff keep the figures in one YAML file beside the course material (the bundled
sample has ``emission_factors.yaml``). Every figure must name its source, so the loader refuses
a factor or parameter without a value, unit, source or url, and says which one in Thai and
English: a calculator that quotes a figure nobody can trace is worse than none.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped,unused-ignore]

from ingestion.thai import fold_for_matching

KIND = "emission_factors"
REQUIRED_PARAMETERS: Mapping[str, tuple[str, ...]] = {
    "grid_tariff": ("value",),
    "solar_yield": ("value",),
    "solar_cost": ("low", "high"),
    "solar_daytime_share": ("value",),
    "solar_roof_area": ("value",),
    "carbon_tax": ("value",),
    "mj_per_mmbtu": ("value",),
    "scf_per_m3": ("value",),
}
"""The parameters the calculators read, and which numbers each must carry."""

_FIELDS_TH = {
    "id": "รหัส (id)",
    "activity": "ชนิดกิจกรรม (activity)",
    "name_th": "ชื่อภาษาไทย (name_th)",
    "name_en": "ชื่อภาษาอังกฤษ (name_en)",
    "value": "ตัวเลข (value)",
    "low": "ค่าต่ำ (low)",
    "high": "ค่าสูง (high)",
    "unit": "หน่วย (unit)",
    "activity_unit": "หน่วยกิจกรรม (activity_unit)",
    "scope": "ขอบเขต (scope)",
    "year": "ปี (year)",
    "source": "แหล่งที่มา (source)",
    "url": "ลิงก์แหล่งที่มา (url)",
    "aliases": "คำที่ผู้ใช้พิมพ์ (aliases)",
}
_KIND_LINE = re.compile(rf"^kind:\s*['\"]?{KIND}['\"]?\s*$", re.MULTILINE)
_LATIN_EDGE = re.compile(r"[a-z0-9]")


class FactorFileError(ValueError):
    """The factor file is missing, unreadable or incomplete; the message is Thai, then English."""


@dataclass(frozen=True)
class EmissionFactor:
    """One emission factor: ``value`` kgCO2e per ``activity_unit`` of ``activity``, with its source.

    Factors of one ``activity`` (``diesel``) differ by use or unit (``diesel_mobile`` per litre on
    the road, ``diesel_stationary`` in a generator); ``default`` marks the one used when the user
    does not say.
    """

    id: str
    activity: str
    name_th: str
    name_en: str
    aliases: tuple[str, ...]
    value: float
    unit: str
    activity_unit: str
    scope: int
    year: int
    source: str
    url: str
    note: str = ""
    use: str | None = None
    default: bool = False


@dataclass(frozen=True)
class Parameter:
    """A calculator parameter (a tariff, a yield, a price) with its source; a range has ``low``/``high``."""

    id: str
    name_th: str
    unit: str
    source: str
    url: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    assumption: bool = False
    note: str = ""
    covers: tuple[str, ...] = ()  # the activities a tax applies to (the carbon tax: fuels, not electricity)


@dataclass(frozen=True)
class AliasMatch:
    """Where a factor's alias occurs in a text (offsets into ``normalize(text)``)."""

    factor: EmissionFactor
    start: int
    end: int
    alias: str


class FactorTable:
    """The factors and parameters of one file: lookup by id, by activity (its default) and by alias."""

    def __init__(
        self, factors: Iterable[EmissionFactor], parameters: Mapping[str, Parameter], source: str = ""
    ) -> None:
        self.factors = tuple(factors)
        self.parameters = dict(parameters)
        self.source = source
        self._by_id = {f.id: f for f in self.factors}
        self._defaults = {f.activity: f for f in self.factors if f.default}
        self._by_alias = {fold_for_matching(a): f for f in self.factors for a in f.aliases}
        # Longest alias first, so "แก๊สโซฮอล์" (gasoline) wins over "แก๊ส" (LPG) at the same place.
        self._aliases = sorted(self._by_alias, key=len, reverse=True)

    def __iter__(self) -> Iterator[EmissionFactor]:
        return iter(self.factors)

    def __len__(self) -> int:
        return len(self.factors)

    def get(self, key: str) -> EmissionFactor | None:
        """The factor with this id, the default factor of this activity, or the one with this alias."""
        return self._by_id.get(key) or self._defaults.get(key) or self.by_alias(key)

    def by_alias(self, alias: str) -> EmissionFactor | None:
        """The factor a user means by ``alias`` (compared after :func:`fold_for_matching`)."""
        return self._by_alias.get(fold_for_matching(alias))

    def variants(self, activity: str) -> tuple[EmissionFactor, ...]:
        """Every factor of ``activity``, the default first."""
        found = [f for f in self.factors if f.activity == activity]
        return tuple(sorted(found, key=lambda f: not f.default))

    def default_for(self, activity: str) -> EmissionFactor | None:
        """The factor used for ``activity`` when the user says nothing more, if it has one."""
        return self._defaults.get(activity)

    def parameter(self, name: str) -> Parameter:
        """A parameter the file must define (:data:`REQUIRED_PARAMETERS` are checked at load)."""
        try:
            return self.parameters[name]
        except KeyError:
            raise FactorFileError(f"ไม่มีค่า parameters.{name} ในไฟล์ / parameter '{name}' is not defined") from None

    def find_aliases(self, text: str) -> list[AliasMatch]:
        """Every alias in ``text``, longest first and not overlapping, in text order.

        Thai aliases match inside running text (Thai has no spaces); Latin ones (``ng``, ``lpg``)
        only as whole words, so ``ng`` is not found in ``using``.
        """
        folded = fold_for_matching(text)
        taken = [False] * len(folded)
        found: list[AliasMatch] = []
        for alias in self._aliases:
            for match in re.finditer(re.escape(alias), folded):
                start, end = match.span()
                if any(taken[start:end]) or not _whole_latin(folded, start, end):
                    continue
                taken[start:end] = [True] * (end - start)
                found.append(AliasMatch(self._by_alias[alias], start, end, alias))
        return sorted(found, key=lambda m: m.start)


def _whole_latin(text: str, start: int, end: int) -> bool:
    before, after = text[start - 1 : start], text[end : end + 1]
    if _LATIN_EDGE.match(text[start]) and before and _LATIN_EDGE.match(before):
        return False
    return not (_LATIN_EDGE.match(text[end - 1]) and after and _LATIN_EDGE.match(after))


def _error(where: str, field: str, problem_th: str, problem_en: str) -> FactorFileError:
    name = _FIELDS_TH.get(field, field)
    return FactorFileError(f"{where}: {name} {problem_th} / {where}: '{field}' {problem_en}")


def _text(entry: Mapping[str, Any], field: str, where: str, required: bool = True) -> str:
    value = entry.get(field)
    text = " ".join(str(value).split()) if value is not None else ""
    if required and not text:
        raise _error(where, field, "ไม่มีหรือว่าง", "is missing or empty")
    return text


def _number(entry: Mapping[str, Any], field: str, where: str) -> float:
    value = entry.get(field)
    if value is None:
        raise _error(where, field, "ไม่มี", "is missing")
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or value <= 0:
        raise _error(where, field, f"ต้องเป็นตัวเลขมากกว่า 0 (พบ {value!r})", f"must be a positive number, not {value!r}")
    return float(value)


def _url(entry: Mapping[str, Any], field: str, where: str, course: Path, required: bool = True) -> str:
    url = _text(entry, field, where, required)
    if not url:
        return ""
    if url.startswith("course:"):
        if not (course / url.removeprefix("course:")).is_file():
            missing_th, missing_en = f"ชี้ไปไฟล์ที่ไม่มีในหลักสูตร ({url})", f"names a course file that does not exist ({url})"
            raise _error(where, field, missing_th, missing_en)
    elif not url.startswith(("https://", "http://")):
        raise _error(where, field, "ต้องเป็นลิงก์ http(s) หรือ course:<ไฟล์>", "must be an http(s) link or course:<file>")
    return url


def _factor(entry: Mapping[str, Any], number: int, course: Path) -> EmissionFactor:
    where = f"ค่าการปล่อยลำดับที่ {number}" + (f" ({entry['id']})" if entry.get("id") else "")
    scope, year = entry.get("scope"), entry.get("year")
    if scope not in (1, 2, 3):
        raise _error(where, "scope", "ต้องเป็น 1, 2 หรือ 3", "must be 1, 2 or 3")
    if not isinstance(year, int) or isinstance(year, bool) or not 1990 <= year <= 2100:
        raise _error(where, "year", "ต้องเป็นปี ค.ศ. เช่น 2026", "must be a year such as 2026")
    aliases = entry.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise _error(where, "aliases", "ต้องเป็นรายการคำ", "must be a list of words")
    factor_id = _text(entry, "id", where)
    default = entry.get("default", False)
    return EmissionFactor(
        id=factor_id,
        activity=_text(entry, "activity", where, required=False) or factor_id,
        name_th=_text(entry, "name_th", where),
        name_en=_text(entry, "name_en", where),
        aliases=tuple(a.strip() for a in aliases),
        value=_number(entry, "value", where),
        unit=_text(entry, "unit", where),
        activity_unit=_text(entry, "activity_unit", where),
        scope=int(scope),
        year=year,
        source=_text(entry, "source", where),
        url=_url(entry, "url", where, course),
        note=_text(entry, "note", where, required=False),
        use=_text(entry, "use", where, required=False) or None,
        default=default is True,
    )


def _parameter(name: str, entry: object, course: Path) -> Parameter:
    where = f"parameters.{name}"
    if not isinstance(entry, dict):
        raise FactorFileError(f"{where}: ต้องเป็นชุดข้อมูล (mapping) / {where}: must be a mapping")
    numbers = {f: _number(entry, f, where) for f in ("value", "low", "high") if f in entry}
    for field in REQUIRED_PARAMETERS.get(name, ("value",) if "low" not in entry else ("low", "high")):
        if field not in numbers:
            raise _error(where, field, "ไม่มี", "is missing")
    if "low" in numbers and "high" in numbers and numbers["low"] > numbers["high"]:
        raise _error(where, "low", "มากกว่าค่าสูง (high)", "is above high")
    _url(entry, "course", where, course, required=False)
    covers = entry.get("covers", [])
    if not isinstance(covers, list) or not all(isinstance(c, str) and c for c in covers):
        raise FactorFileError(f"{where}: covers ต้องเป็นรายการชนิดกิจกรรม / 'covers' must be a list of activities")
    return Parameter(
        id=name,
        name_th=_text(entry, "name_th", where, required=False) or name,
        unit=_text(entry, "unit", where),
        source=_text(entry, "source", where),
        url=_url(entry, "url", where, course),
        value=numbers.get("value"),
        low=numbers.get("low"),
        high=numbers.get("high"),
        assumption=entry.get("assumption") is True,
        note=_text(entry, "note", where, required=False),
        covers=tuple(covers),
    )


def _check_table(factors: list[EmissionFactor], parameters: Mapping[str, Parameter]) -> None:
    seen_ids: set[str] = set()
    owners: dict[str, str] = {}
    defaults: dict[str, str] = {}
    for factor in factors:
        if factor.id in seen_ids:
            raise FactorFileError(f"รหัส '{factor.id}' ซ้ำกัน / factor id '{factor.id}' is used twice")
        seen_ids.add(factor.id)
        for alias in factor.aliases:
            folded = fold_for_matching(alias)
            if folded in owners and owners[folded] != factor.id:
                raise FactorFileError(
                    f"คำ '{alias}' เป็นของทั้ง '{owners[folded]}' และ '{factor.id}' /"
                    f" alias '{alias}' belongs to both '{owners[folded]}' and '{factor.id}'"
                )
            owners[folded] = factor.id
        if factor.default:
            if factor.activity in defaults:
                raise FactorFileError(
                    f"ชนิด '{factor.activity}' มีค่าเริ่มต้น (default) มากกว่าหนึ่งค่า /"
                    f" activity '{factor.activity}' has more than one default factor"
                )
            defaults[factor.activity] = factor.id
    activities = {factor.activity for factor in factors}
    for parameter in parameters.values():
        unknown = [c for c in parameter.covers if c not in activities]
        if unknown:
            raise FactorFileError(
                f"parameters.{parameter.id}: covers มีชนิดกิจกรรมที่ไม่มีในไฟล์: {', '.join(unknown)} /"
                f" covers names activities with no factor: {', '.join(unknown)}"
            )
    missing = sorted(set(REQUIRED_PARAMETERS) - set(parameters))
    if missing:
        raise FactorFileError(
            f"ไม่มี parameters ที่เครื่องคิดเลขต้องใช้: {', '.join(missing)} / missing parameters: {', '.join(missing)}"
        )


def load_factor_table(path: Path) -> FactorTable:
    """Read and check a ``kind: emission_factors`` file; :class:`FactorFileError` names what is wrong.

    ``course:<file>`` links are checked against the folder that holds ``path``.
    """
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise FactorFileError(f"อ่านไฟล์ {path} ไม่ได้ / cannot read {path}: {error}") from error
    except yaml.YAMLError as error:
        raise FactorFileError(f"ไฟล์ {path} ไม่ใช่ YAML ที่ถูกต้อง / {path} is not valid YAML: {error}") from error
    if not isinstance(data, dict) or data.get("kind") != KIND:
        raise FactorFileError(f"{path} ไม่ใช่ไฟล์ kind: {KIND} / {path} is not a kind: {KIND} file")
    entries = data.get("factors")
    if not isinstance(entries, list) or not entries:
        raise FactorFileError(f"{path} ไม่มีรายการ factors / {path} has no 'factors' list")
    course = path.parent
    factors = []
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            raise FactorFileError(f"ค่าการปล่อยลำดับที่ {number} ต้องเป็นชุดข้อมูล / factor {number} must be a mapping")
        factors.append(_factor(entry, number, course))
    raw_parameters = data.get("parameters") or {}
    if not isinstance(raw_parameters, dict):
        raise FactorFileError(f"{path}: parameters ต้องเป็นชุดข้อมูล / 'parameters' must be a mapping")
    parameters = {str(name): _parameter(str(name), entry, course) for name, entry in raw_parameters.items()}
    _check_table(factors, parameters)
    return FactorTable(factors, parameters, source=path.name)


def find_factor_file(course: Path) -> Path | None:
    """The one ``kind: emission_factors`` YAML file in a course folder (searched recursively), if any.

    Two such files would leave the calculators guessing which figures to use, so that is an error.
    """
    found = [
        path
        for path in sorted(course.rglob("*"))
        if path.suffix in (".yaml", ".yml") and path.is_file() and _KIND_LINE.search(path.read_text(encoding="utf-8"))
    ]
    if len(found) > 1:
        names = ", ".join(str(p.relative_to(course)) for p in found)
        raise FactorFileError(f"พบไฟล์ค่าการปล่อยหลายไฟล์: {names} / several emission factor files: {names}")
    return found[0] if found else None
