"""The course checker's checks of the schedule and the glossary (YAML files read with their lines)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped,unused-ignore]

from ingestion.loaders.schedule_file import WEEKDAYS
from knowledge.course_findings import Finding, Severity
from knowledge.course_findings import error as _error
from knowledge.unique_yaml import UniqueKeyLoader

_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


class _LineLoader(UniqueKeyLoader):  # type: ignore[misc,unused-ignore]
    """A safe YAML loader that records each mapping's line as ``__line__`` (a key written twice is an error)."""


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
