"""Pre-publication checks of a course folder (``nzap course check PATH``).

Staff run the checker before they publish a course. It reads the files as authors wrote
them (not the index) and returns :class:`Finding` objects with a file and a line:

- every module (``modules/*.md``) lists its sources in the front matter, each with a date
  and a URL that looks reachable (http(s), a domain, not empty, not cut short);
- no author notes are left in text learners see: a note must be an HTML comment
  ``<!-- ... -->``, which the Markdown loader drops before indexing (the course README
  documents the convention for authors);
- a number with a unit that the emission-factor file also holds agrees with it;
- the schedule's weeks, weekdays and dates are valid and in order;
- glossary terms and aliases are unique;
- no banned sources (aggregators, Wikipedia mirrors, unknown repositories) are cited.

Errors make the command exit non-zero; warnings are shown and do not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml  # type: ignore[import-untyped,unused-ignore]

from ingestion.loaders.markdown import split_front_matter
from ingestion.loaders.schedule_file import WEEKDAYS


class Severity(StrEnum):
    """How much a finding matters: an error blocks publishing, a warning does not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One problem at ``file`` (relative to the course folder) and ``line`` (1-based, 0 = whole file)."""

    severity: Severity
    file: str
    line: int
    th: str
    en: str

    def text(self, lang: str) -> str:
        """The message in ``lang`` (``"en"`` or Thai)."""
        return self.en if lang == "en" else self.th


_URL = re.compile(r"https?://[^\s)\"'<>\]]+")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# Banned sources: (pattern, Thai label, English label, severity).
_BANNED: tuple[tuple[re.Pattern[str], str, str, Severity], ...] = (
    (re.compile(r"archyde", re.I), "เว็บรวมข่าว archyde", "the aggregator archyde", Severity.ERROR),
    (re.compile(r"kiwix|iiab\.me|wikiwand", re.I), "สำเนา Wikipedia", "a Wikipedia mirror", Severity.ERROR),
    (
        re.compile(r"ไม่ทราบชื่อ\s*repository|unknown repository|repository not identified", re.I),
        "repository ที่ไม่ทราบชื่อ",
        "an unknown repository",
        Severity.ERROR,
    ),
    (re.compile(r"wikipedia\.org", re.I), "Wikipedia (ไม่ใช่แหล่งปฐมภูมิ)", "Wikipedia (not primary)", Severity.WARNING),
)
# Unmarked author notes: text meant for authors that learners would see.
_NOTE = re.compile(
    r"\[ผู้เขียน\]|หมายเหตุ(?:ถึง)?ผู้เขียน|note to (?:self|authors?)|\b(?:TODO|FIXME|XXX|TBD)\b"
    r"|เอกสารข้อเท็จจริงของหลักสูตร|course fact sheet|FACTS\.md",
    re.I,
)
# A path's last segment that names a listing page: the article's own part was cut off.
_LISTING = frozenset(
    {
        "press-release",
        "press-releases",
        "news",
        "blog",
        "articles",
        "archives",
        "category",
        "tag",
        "detail",
        "details",
        "content",
        "contents",
        "posts",
        "insights",
        "product",
        "products",
        "en",
        "th",
    }
)
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


def check_course(folder: Path) -> list[Finding]:
    """Every finding for the course at ``folder``, errors and warnings, in file order."""
    if not folder.is_dir():
        raise FileNotFoundError(f"no such course folder: {folder}")
    findings: list[Finding] = []
    modules = sorted((folder / "modules").glob("*.md"))
    if not modules:
        findings.append(_error("modules", 0, "ไม่พบบทเรียน modules/*.md", "no modules (modules/*.md) found"))
    factors = _factor_values(folder / "emission_factors.yaml")
    for path in modules:
        rel = path.relative_to(folder).as_posix()
        text = path.read_text(encoding="utf-8-sig")
        findings += _check_sources(rel, text)
        findings += _check_lines(rel, text, markdown=True)
        findings += _check_factor_numbers(rel, text, factors)
    for name in ("faq.yaml", "glossary.yaml", "schedule.yaml", "emission_factors.yaml"):
        path = folder / name
        if path.is_file():
            findings += _check_lines(name, path.read_text(encoding="utf-8-sig"), markdown=False)
    if (folder / "schedule.yaml").is_file():
        findings += check_schedule("schedule.yaml", folder / "schedule.yaml")
    if (folder / "glossary.yaml").is_file():
        findings += check_glossary("glossary.yaml", folder / "glossary.yaml")
    return findings


def _error(file: str, line: int, th: str, en: str) -> Finding:
    return Finding(Severity.ERROR, file, line, th, en)


def url_problem(url: str) -> tuple[str, str] | None:
    """Why ``url`` does not look reachable (Thai, English), or ``None`` when it looks fine."""
    url = url.strip()
    if not url:
        return "URL ว่าง", "empty URL"
    if url.endswith(("...", "…")) or "…" in url:
        return "URL ถูกตัดท้าย (มี ...)", "URL cut short (ends in ...)"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return "URL ต้องขึ้นต้นด้วย http:// หรือ https://", "URL must start with http:// or https://"
    host = parts.hostname or ""
    if "." not in host or host.endswith(".") or not re.fullmatch(r"[A-Za-z0-9.-]+", host):
        return "URL ไม่มีชื่อโดเมนที่ถูกต้อง", "URL has no valid domain"
    segments = [s for s in parts.path.split("/") if s]
    if parts.path.endswith("/") and segments and segments[-1].lower() in _LISTING and not parts.query:
        return (
            f"URL น่าจะถูกตัด: จบที่หน้ารวม '{segments[-1]}/' ไม่ใช่หน้าบทความ",
            f"URL looks cut short: ends at the listing page '{segments[-1]}/'",
        )
    return None


def _check_sources(rel: str, text: str) -> list[Finding]:
    meta, _ = split_front_matter(text)
    lines = text.split("\n")
    sources = meta.get("sources")
    if not isinstance(sources, list) or not sources:
        return [
            _error(
                rel,
                1,
                "บทเรียนไม่มีรายการแหล่งข้อมูล (sources) ใน front matter",
                "module has no source list (sources) in its front matter",
            )
        ]
    findings: list[Finding] = []
    title_lines = [i + 1 for i, line in enumerate(lines) if re.match(r"^\s*-\s*title\s*:", line)]
    for index, source in enumerate(sources):
        line = title_lines[index] if index < len(title_lines) else 1
        if not isinstance(source, dict):
            findings.append(_error(rel, line, "แหล่งข้อมูลต้องมี title, url และ date", "a source needs title, url, date"))
            continue
        url = str(source.get("url") or "")
        problem = url_problem(url)
        if problem:
            findings.append(
                _error(rel, _next_line(lines, line, "url"), f"แหล่งข้อมูล: {problem[0]}", f"source: {problem[1]}")
            )
        when = str(source.get("date") or "").strip()
        if when != "undated" and not _valid_date(when):
            findings.append(
                _error(
                    rel,
                    _next_line(lines, line, "date"),
                    f"แหล่งข้อมูลไม่มีวันที่ที่ถูกต้อง ({when or 'ว่าง'}): ใช้ YYYY, YYYY-MM, YYYY-MM-DD หรือ undated",
                    f"source has no valid date ({when or 'empty'}): use YYYY, YYYY-MM, YYYY-MM-DD or undated",
                )
            )
    return findings


def _next_line(lines: list[str], start: int, key: str) -> int:
    for number in range(start, min(start + 4, len(lines) + 1)):
        if re.match(rf"^\s*-?\s*{key}\s*:", lines[number - 1]):
            return number
    return start


def _front_matter_end(text: str) -> int:
    """The line number of the front matter's closing ``---`` (0 when there is none)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return 0
    return next((i + 1 for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), 0)


def _valid_date(text: str) -> bool:
    match = _DATE.match(text)
    if not match:
        return False
    year, month, day = (int(g) if g else 1 for g in match.groups())
    try:
        date(year, month, day)
    except ValueError:
        return False
    return 1990 <= year <= 2100


def _check_lines(rel: str, text: str, markdown: bool) -> list[Finding]:
    """Banned sources, cut-off URLs and unmarked author notes, line by line."""
    findings: list[Finding] = []
    if markdown and text.count("<!--") != text.count("-->"):
        findings.append(_error(rel, 0, "หมายเหตุผู้เขียน <!-- ... --> ปิดไม่ครบ", "an author note <!-- --> is not closed"))
    visible = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text) if markdown else text
    front_end = _front_matter_end(visible) if markdown else 0
    for number, line in enumerate(visible.split("\n"), start=1):
        if not markdown and line.lstrip().startswith("#"):
            continue  # a YAML comment, for staff only
        for pattern, label_th, label_en, severity in _BANNED:
            if pattern.search(line):
                findings.append(
                    Finding(severity, rel, number, f"อ้างอิงแหล่งที่ไม่ควรใช้: {label_th}", f"banned source cited: {label_en}")
                )
        for url in _URL.findall(line) if number > front_end else ():
            problem = url_problem(url.rstrip(".,;"))
            if problem and problem[1] != "empty URL":
                findings.append(_error(rel, number, problem[0], problem[1]))
        if _NOTE.search(line):
            findings.append(
                _error(
                    rel,
                    number,
                    "มีหมายเหตุผู้เขียนที่ผู้เรียนจะเห็น: ใส่ไว้ใน <!-- ... --> หรือเขียนใหม่สำหรับผู้เรียน",
                    "author note visible to learners: put it in <!-- ... --> or rewrite it for learners",
                )
            )
    return findings


# ----- emission factors ---------------------------------------------------------------

_UNIT_WORDS = {
    "kwh": "kwh",
    "ลิตร": "litre",
    "litre": "litre",
    "liter": "litre",
    "l": "litre",
    "กก.": "kg",
    "กก": "kg",
    "kg": "kg",
    "กิโลกรัม": "kg",
    "scf": "scf",
    "mj": "mj",
}
_FACTOR_NUMBER = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:,\d{3})*(?:\.\d+)?|\d+(?:\.\d+)?)\s*kgCO2e?\s*(?:/|ต่อ)\s*"
    r"(kWh|ลิตร|litre|liter|L|กก\.?|kg|กิโลกรัม|scf|MJ)(?![A-Za-z])",
    re.I,
)
# A line quoting an older or derived value on purpose: not compared with the current file.
_HISTORICAL = re.compile(r"÷|เก่า|เดิม|ก่อนหน้า|older|previous|ปี 2009|ย้อนกลับ|คำนวณย้อน", re.I)
_NEAR = 0.10


def _factor_values(path: Path) -> dict[str, list[tuple[str, float]]]:
    """Factor values by activity unit (``kwh``, ``litre``, ``kg``...): ``[(id, value)]``."""
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig")) or {}
    except yaml.YAMLError:
        return {}
    table: dict[str, list[tuple[str, float]]] = {}
    for entry in data.get("factors") or []:
        if not isinstance(entry, dict) or not isinstance(entry.get("value"), int | float):
            continue
        unit = str(entry.get("unit", "")).split("/")[-1].strip().lower()
        if str(entry.get("unit", "")).lower().startswith("kgco2e") and unit in _UNIT_WORDS:
            table.setdefault(_UNIT_WORDS[unit], []).append((str(entry.get("id", "?")), float(entry["value"])))
    return table


def _check_factor_numbers(rel: str, text: str, factors: dict[str, list[tuple[str, float]]]) -> list[Finding]:
    """A written factor close to (within 10%) but not equal to a file value of the same unit."""
    findings: list[Finding] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if _HISTORICAL.search(line):
            continue
        for match in _FACTOR_NUMBER.finditer(line):
            written = match.group(1).replace(",", "")
            value = float(written)
            unit = _UNIT_WORDS.get(match.group(2).lower().rstrip("."), "")
            candidates = factors.get(unit, [])
            decimals = len(written.split(".")[1]) if "." in written else 0
            if not candidates or any(round(v, decimals) == value for _, v in candidates):
                continue
            near = [(i, v) for i, v in candidates if abs(value - v) <= _NEAR * v]
            if near:
                ident, expected = min(near, key=lambda item: abs(value - item[1]))
                findings.append(
                    _error(
                        rel,
                        number,
                        f"ค่า {match.group(0)} ไม่ตรงกับ emission_factors.yaml ({ident} = {expected:g})",
                        f"{match.group(0)} differs from emission_factors.yaml ({ident} = {expected:g})",
                    )
                )
    return findings


# ----- schedule and glossary ----------------------------------------------------------


class _LineLoader(yaml.SafeLoader):  # type: ignore[misc,unused-ignore]
    """A safe YAML loader that records each mapping's line as ``__line__``."""


def _mapping_with_line(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping: dict[str, Any] = {str(k): v for k, v in loader.construct_mapping(node, deep=True).items()}
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)


def _load_lines(rel: str, path: Path) -> tuple[dict[str, Any], list[Finding]]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_LineLoader)  # a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        return {}, [_error(rel, line, f"YAML ไม่ถูกต้อง: {exc}", f"invalid YAML: {exc}")]
    return (data if isinstance(data, dict) else {}), []


def check_schedule(rel: str, path: Path) -> list[Finding]:
    """Weeks (and weekdays) in order, valid dates in order, valid start and end times."""
    data, findings = _load_lines(rel, path)
    previous_key: tuple[int, int, str] | None = None
    previous_date: date | None = None
    seen: set[tuple[object, ...]] = set()
    for session in data.get("sessions") or []:
        if not isinstance(session, dict):
            continue
        line = int(session.get("__line__", 0))
        findings += _session_times(rel, line, session)
        if "date" in session:
            try:
                when = date.fromisoformat(str(session["date"]))
            except ValueError:
                findings.append(_error(rel, line, f"วันที่ไม่ถูกต้อง: {session['date']}", f"invalid date: {session['date']}"))
                continue
            if previous_date is not None and when < previous_date:
                findings.append(
                    _error(
                        rel,
                        line,
                        f"วันที่ {when} มาก่อนรายการก่อนหน้า ({previous_date})",
                        f"date {when} is before the previous session ({previous_date})",
                    )
                )
            previous_date = when
            key: tuple[object, ...] = (when, session.get("start"))
        elif "week" in session:
            week, weekday = session.get("week"), _weekday_number(session.get("weekday", "monday"))
            if not isinstance(week, int) or isinstance(week, bool) or week < 1:
                findings.append(_error(rel, line, f"เลขสัปดาห์ไม่ถูกต้อง: {week}", f"invalid week number: {week}"))
                continue
            if weekday is None:
                value = session.get("weekday")
                findings.append(_error(rel, line, f"ชื่อวันไม่ถูกต้อง: {value}", f"invalid weekday: {value}"))
                continue
            order = (week, weekday, str(session.get("start", "")))
            if previous_key is not None and week < previous_key[0]:
                findings.append(
                    _error(
                        rel,
                        line,
                        f"สัปดาห์ที่ {week} อยู่ผิดลำดับ (หลังสัปดาห์ที่ {previous_key[0]})",
                        f"week {week} is out of order (after week {previous_key[0]})",
                    )
                )
            elif previous_key is not None and order < previous_key:
                findings.append(
                    Finding(
                        Severity.WARNING,
                        rel,
                        line,
                        f"วันในสัปดาห์ที่ {week} เรียงไม่ตามลำดับเวลา",
                        f"sessions of week {week} are not in date order",
                    )
                )
            previous_key = order
            key = order
        else:
            continue
        if key in seen:
            findings.append(
                _error(
                    rel, line, "รายการซ้ำ: สัปดาห์/วันที่และเวลาเริ่มเดียวกัน", "duplicate session: same week/date and start time"
                )
            )
        seen.add(key)
    return findings


def _weekday_number(value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value - 1 if 1 <= value <= 7 else None
    return WEEKDAYS.get(str(value).strip().lower().removeprefix("วัน"))


def _session_times(rel: str, line: int, session: dict[str, Any]) -> list[Finding]:
    start, end = str(session.get("start", "")), str(session.get("end", ""))
    for value in (start, end):
        if value and not _TIME.match(value):
            return [_error(rel, line, f"เวลาไม่ถูกต้อง: {value} (ใช้ HH:MM)", f"invalid time: {value} (use HH:MM)")]
    if start and end and end <= start:
        return [_error(rel, line, f"เวลาจบ {end} ไม่อยู่หลังเวลาเริ่ม {start}", f"end {end} is not after start {start}")]
    return []


def check_glossary(rel: str, path: Path) -> list[Finding]:
    """Each term and alias names one glossary entry only (compared case-insensitively)."""
    data, findings = _load_lines(rel, path)
    owner: dict[str, tuple[str, int]] = {}
    for entry in data.get("terms") or []:
        if not isinstance(entry, dict) or not entry.get("term"):
            continue
        term, line = str(entry["term"]), int(entry.get("__line__", 0))
        names = [term, *(str(a) for a in entry.get("aliases") or [])]
        for name in dict.fromkeys(" ".join(n.split()).casefold() for n in names):
            first = owner.get(name)
            if first is not None and first[0] != term:
                findings.append(
                    _error(
                        rel,
                        line,
                        f"คำว่า '{name}' ซ้ำกับคำศัพท์ '{first[0]}' (บรรทัด {first[1]})",
                        f"'{name}' duplicates the glossary term '{first[0]}' (line {first[1]})",
                    )
                )
            elif first is not None:
                findings.append(
                    _error(
                        rel,
                        line,
                        f"คำศัพท์ '{term}' ซ้ำ (บรรทัด {first[1]})",
                        f"term '{term}' appears twice (line {first[1]})",
                    )
                )
            else:
                owner[name] = (term, line)
    return findings


def format_report(findings: list[Finding], lang: str) -> str:
    """A plain-text report: errors, then warnings, each ``file:line: message``."""
    en = lang == "en"
    out: list[str] = []
    for severity, th, eng in ((Severity.ERROR, "ข้อผิดพลาด", "Errors"), (Severity.WARNING, "คำเตือน", "Warnings")):
        group = [f for f in findings if f.severity is severity]
        if not group:
            continue
        out.append(f"{eng if en else th} ({len(group)})")
        out += [f"  {f.file}:{f.line}: {f.text(lang)}" for f in sorted(group, key=lambda f: (f.file, f.line))]
    errors = sum(f.severity is Severity.ERROR for f in findings)
    warnings = len(findings) - errors
    if en:
        out.append(f"{errors} error(s), {warnings} warning(s)" if findings else "No problems found.")
    else:
        out.append(f"ข้อผิดพลาด {errors} รายการ คำเตือน {warnings} รายการ" if findings else "ไม่พบปัญหา")
    return "\n".join(out)
