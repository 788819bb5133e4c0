"""Curated YAML files (.yaml, .yml) with a top-level ``kind``: faq, schedule, glossary, emission_factors.

Each FAQ item, schedule session and glossary term becomes its own document, so that a
retrieved chunk is always one whole answer, session or definition. A schedule also yields
one overview document listing every session, for questions about the whole course. An
emission factor file (the figures the calculators use) becomes one document listing every
factor and parameter, one line each; ``knowledge.emission_factors`` validates it in full.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped,unused-ignore]

from ingestion.documents import LoadedDocument, Section
from ingestion.loaders.base import SkipFile
from ingestion.loaders.common import as_int, as_strings, make_document, read_text
from ingestion.loaders.schedule_file import ScheduleSession, parse_schedule
from ingestion.loaders.schedule_file import iso_date as _date
from ingestion.thai.dates import THAI_WEEKDAYS, thai_date, thai_date_numeric, thai_date_short

UNKNOWN_KIND = "YAML without a known kind (faq, schedule, glossary)"
FORMATS_TH = {"onsite": "ที่สถานที่จริง", "online": "ออนไลน์"}


def _text(value: object) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _required(entry: dict[str, Any], key: str, where: str) -> str:
    value = _text(entry.get(key))
    if not value:
        raise SkipFile(f"{where}: missing {key}")
    return value


def _entries(data: dict[str, Any], key: str, kind: str) -> list[tuple[str, dict[str, Any]]]:
    """The list under ``key`` with a label for error messages (``faq item 3 (faq-003)``)."""
    items = data.get(key)
    if not isinstance(items, list) or not items:
        raise SkipFile(f"{kind} YAML without a non-empty '{key}' list")
    labelled: list[tuple[str, dict[str, Any]]] = []
    for number, item in enumerate(items, 1):
        label = f"{kind} {key.rstrip('s')} {number}"
        if not isinstance(item, dict):
            raise SkipFile(f"{label}: not a mapping")
        if item.get("id"):
            label += f" ({item['id']})"
        labelled.append((label, item))
    return labelled


def _attribution(item: dict[str, Any], where: str) -> str:
    """``ตอบโดยพี่เลี้ยง <name> (เรื่อง T-0042, 26 พฤศจิกายน 2569)`` for a mentor's saved answer, else ``""``.

    The mentor console writes ``answered_by``, ``ticket`` and ``answered_on`` on the FAQ entries
    it saves; the line is part of the indexed text so every answer built on it names its author.
    """
    name = _text(item.get("answered_by"))
    if not name:
        return ""
    details = []
    ticket = _text(item.get("ticket"))
    if ticket:
        details.append(f"เรื่อง {ticket}")
    if item.get("answered_on"):
        details.append(thai_date(_date(item.get("answered_on"), where), weekday=False))
    return f"ตอบโดยพี่เลี้ยง {name}" + (f" ({', '.join(details)})" if details else "")


def _item_document(source: str, title: str, section: Section, item: dict[str, Any], kind: str) -> LoadedDocument:
    """One FAQ item or glossary term as its own document, with the item's ``module`` and ``topics``."""
    return make_document(
        source,
        title,
        [section],
        module=as_int(item.get("module")),
        topics=as_strings(item.get("topics")),
        kind=kind,
    )


def _faq(data: dict[str, Any], source: str) -> list[LoadedDocument]:
    documents = []
    for label, item in _entries(data, "items", "faq"):
        question = _required(item, "question", label)
        answer = _required(item, "answer", label)
        attribution = _attribution(item, label)
        body = f"คำถาม: {question}\nคำตอบ: {answer}" + (f"\n{attribution}" if attribution else "")
        section = Section(text=body, heading_path=(attribution,) if attribution else ())
        documents.append(_item_document(source, question, section, item, "faq"))
    return documents


def _glossary(data: dict[str, Any], source: str) -> list[LoadedDocument]:
    documents = []
    for label, item in _entries(data, "terms", "glossary"):
        term = _required(item, "term", label)
        definition = _required(item, "definition", label)
        english = _text(item.get("english"))
        head = f"{term} ({english})" if english else term
        lines = [f"{head}: {definition}"]
        aliases = as_strings(item.get("aliases"))
        if aliases:
            lines.append("คำที่ใช้เรียก: " + ", ".join(aliases))
        documents.append(_item_document(source, term, Section(text="\n".join(lines)), item, "glossary"))
    return documents


def _when(session: ScheduleSession) -> str:
    """The session's day: its date, or (relative to a start date unknown at ingest time) its week and weekday.

    The live date of a relative session comes from the bot's schedule tool, which knows the cohort start.
    """
    if session.date is not None:
        return thai_date(session.date)
    if session.day_offset is not None:
        return f"วันที่ {session.day_offset + 1} นับจากวันเริ่มหลักสูตร"
    assert session.weekday is not None
    return f"วัน{THAI_WEEKDAYS[session.weekday]} สัปดาห์ที่ {session.week} ของหลักสูตร"


def _session(session: ScheduleSession, notice: str, source: str) -> LoadedDocument:
    week, module, topic, day = session.week, session.module, session.topic, session.date
    label = f"ตารางเรียนสัปดาห์ที่ {week}" if week is not None else f"ตารางเรียน{_when(session)}"
    if session.activity is not None:
        label += f" {session.activity.name_th}"
    if day is not None:
        when = f"{thai_date(day)} ({thai_date_numeric(day)}, {thai_date_short(day)})"
    else:
        when = f"{_when(session)} (วันที่จริงขึ้นกับวันเริ่มของรุ่น)"
    lines = [
        label + (f" (โมดูล {module})" if module is not None else "") + (f": {topic}" if topic else ""),
        f"วันที่: {when}",
    ]
    start, end = session.start, session.end
    if start or end:
        lines.append(f"เวลา: {start}–{end} น." if start and end else f"เวลา: {start or end} น.")
    optional = (
        ("กิจกรรม", session.activity.name_th if session.activity else ""),
        ("รูปแบบการเรียน", FORMATS_TH.get(session.format, session.format)),
        ("สถานที่", session.venue),
        ("หัวข้อ", topic),
        ("การบ้าน", session.homework),
        ("หมายเหตุ", notice),
    )
    lines.extend(f"{name}: {value}" for name, value in optional if value)
    title = f"{label}: {topic}" if topic else label
    return make_document(source, title, [Section(text="\n".join(lines))], module=module, week=week, kind="schedule")


def _overview_line(session: ScheduleSession) -> str:
    week, module = session.week, session.module
    parts = [
        f"สัปดาห์ที่ {week}" if week is not None else "",
        f"(โมดูล {module})" if module is not None else "",
        session.activity.name_th if session.activity else "",
        # The week is already named; a relative session adds only its weekday.
        f"วัน{THAI_WEEKDAYS[session.weekday]}" if session.weekday is not None else _when(session),
    ]
    if session.start and session.end:
        parts.append(f"เวลา {session.start}–{session.end} น.")
    parts.append(FORMATS_TH.get(session.format, session.format))
    parts.append(f"หัวข้อ: {session.topic}" if session.topic else "")
    return " ".join(p for p in parts if p)


def _schedule(data: dict[str, Any], source: str) -> list[LoadedDocument]:
    notice = _text(data.get("notice"))
    sessions = parse_schedule(data).sessions
    documents = [_session(session, notice, source) for session in sessions]
    overview = [_overview_line(session) for session in sessions]
    if notice:
        overview.append(f"หมายเหตุ: {notice}")
    title = _text(data.get("title")) or "ตารางเรียนทั้งหมด"
    documents.append(make_document(source, title, [Section(text="\n".join(overview))], kind="schedule"))
    return documents


def _figure(value: object, where: str, key: str, *, factor: bool = False) -> str:
    """A factor as the course writes it (``0.4750``: four decimals below 100); otherwise ``1,055.06``, ``4.5``."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise SkipFile(f"{where}: {key} is not a number")
    if factor and value < 100:
        return f"{value:.4f}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")


def _emission_factors(data: dict[str, Any], source: str) -> list[LoadedDocument]:
    lines = []
    for label, item in _entries(data, "factors", "emission_factors"):
        name = _required(item, "name_th", label)
        english = _text(item.get("name_en"))
        figure = _figure(item.get("value"), label, "value", factor=True)
        lines.append(
            f"{name}" + (f" ({english})" if english else "") + f": {figure} "
            f"{_required(item, 'unit', label)} ขอบเขตที่ {_required(item, 'scope', label)} "
            f"ปี {_required(item, 'year', label)} ที่มา: {_required(item, 'source', label)}"
        )
    sections = [Section(text="\n".join(lines), heading_path=("ค่าการปล่อย",))]
    parameters = data.get("parameters")
    if isinstance(parameters, dict) and parameters:
        rows = []
        for key, item in parameters.items():
            if not isinstance(item, dict):
                raise SkipFile(f"emission_factors parameter {key}: not a mapping")
            where = f"emission_factors parameter {key}"
            figure = (
                f"{_figure(item['low'], where, 'low')}–{_figure(item['high'], where, 'high')}"
                if "value" not in item
                else _figure(item.get("value"), where, "value")
            )
            assumption = " (สมมติฐาน)" if item.get("assumption") is True else ""
            rows.append(
                f"{_text(item.get('name_th')) or key}: {figure} {_text(item.get('unit'))}{assumption} "
                f"ที่มา: {_required(item, 'source', where)}"
            )
        sections.append(Section(text="\n".join(rows), heading_path=("ตัวเลขที่ใช้คำนวณ",)))
    notice = _text(data.get("notice"))
    if notice:
        sections.append(Section(text=f"หมายเหตุ: {notice}", heading_path=("หมายเหตุ",)))
    title = _text(data.get("title")) or "ค่าการปล่อยก๊าซเรือนกระจก (Emission Factor)"
    return [make_document(source, title, sections, topics=["emission factor"], kind="emission_factors")]


_KINDS: dict[str, Callable[[dict[str, Any], str], list[LoadedDocument]]] = {
    "faq": _faq,
    "schedule": _schedule,
    "glossary": _glossary,
    "emission_factors": _emission_factors,
}


def load_yaml(path: Path, source: str) -> list[LoadedDocument]:
    """Load a curated YAML file by its ``kind``; any other YAML is skipped."""
    try:
        data = yaml.safe_load(read_text(path))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or "syntax error"
        raise SkipFile(f"invalid YAML{where}: {problem}") from error
    kind = data.get("kind") if isinstance(data, dict) else None
    handler = _KINDS.get(str(kind).strip().lower()) if kind is not None else None
    if handler is None or not isinstance(data, dict):
        raise SkipFile(UNKNOWN_KIND)
    return handler(data, source)
