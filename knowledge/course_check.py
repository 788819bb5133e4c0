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
- no banned sources (aggregators, Wikipedia mirrors, unknown repositories) are cited;
- the first mention of the greenhouse-gas body in a module is its full name
  (:mod:`knowledge.course_naming`), and "อบก." is used after it;
- years in Thai text are Buddhist Era, with the Common Era year in brackets
  (:mod:`knowledge.course_years`).

Errors make the command exit non-zero; warnings are shown and do not.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import yaml  # type: ignore[import-untyped,unused-ignore]

from ingestion.loaders.markdown import split_front_matter
from knowledge.course_findings import Finding, Severity
from knowledge.course_findings import error as _error
from knowledge.course_naming import check_naming
from knowledge.course_yaml_checks import check_glossary, check_schedule
from knowledge.course_years import check_years

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
        findings += check_naming(rel, text)
        findings += check_years(rel, text, markdown=True)
    for name in ("faq.yaml", "glossary.yaml", "schedule.yaml", "emission_factors.yaml"):
        path = folder / name
        if path.is_file():
            text = path.read_text(encoding="utf-8-sig")
            findings += _check_lines(name, text, markdown=False)
            if name != "emission_factors.yaml":
                # The factor file is the calculators' data: CE ``year`` fields and source citations.
                findings += check_years(name, text, markdown=False)
    if (folder / "schedule.yaml").is_file():
        findings += check_schedule("schedule.yaml", folder / "schedule.yaml")
    if (folder / "glossary.yaml").is_file():
        findings += check_glossary("glossary.yaml", folder / "glossary.yaml")
    return findings


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


__all__ = ["Finding", "Severity", "check_course", "check_glossary", "check_schedule", "format_report", "url_problem"]
