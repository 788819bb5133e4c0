"""The year rule of the course (part of ``nzap course check``).

The course README for authors sets one rule: Thai text writes years in the Buddhist Era
("พ.ศ. 2568"); where a foreign source uses the Common Era, the CE year follows in brackets
("พ.ศ. 2568 (ค.ศ. 2025)"). A learner then never has to guess which era a bare "2025" is, and
the assistant's answers, which quote the course, do not mix the two.

The check looks for a Common Era year (1900-2100; a Buddhist-Era year is 2443 or later) in a
line that has Thai text, and reports it unless it is one of the documented exceptions:

- inside brackets after "ค.ศ." (``(ค.ศ. 2025)``, ``(ค.ศ. 2023–2024)``, ``(... หรือ ค.ศ. 2050 และ 2065)``);
- part of an English name, i.e. right after a Latin word: "NZAP 2026", "ESG Symposium 2023",
  "SBTi 2030 target", "(EU) 2025/2083";
- part of a reference number: "ISO 14064-1:2018", "2025/2083", a domain such as "shop1988.com";
- a quantity, not a year: a number with a thousands comma ("2,000") or followed by a unit
  ("2000 kWh", "1950 บาท");
- the front matter, the closing source list (``## แหล่งข้อมูล``), URLs, HTML author notes and
  YAML comments: source dates and document titles keep the form of the source.

"ค.ศ. 2025" written outside brackets is reported too: the CE year belongs in brackets.
"""

from __future__ import annotations

import re

from knowledge.course_findings import Finding, Severity
from knowledge.course_naming import body_start

_THAI = re.compile(r"[\u0E00-\u0E7F]")
# A CE year standing alone: not glued to a Latin letter, a digit or a reference separator.
_YEAR = re.compile(r"(?<![A-Za-z0-9.,/:#\-–])(19\d\d|20\d\d|2100)(?![0-9,]|\.\d|/\d|-\d\d-\d\d|[A-Za-z])")
# A Latin word (optionally in brackets) right before the year: the year belongs to an English name.
_NAME_BEFORE = re.compile(r"[A-Za-z]\)?\s$")
# A unit after the number: a quantity such as "2000 kWh", not a year.
_UNIT_AFTER = re.compile(
    r"\s?(?:kWh|kWp|kW|MW|MWh|kg|กก\.|กิโลกรัม|ตัน|ลิตร|บาท|หน่วย|ชั่วโมง|ชม\.|ตร\.ม\.|m2|m²|%|คน|ราย|tCO2e|kgCO2e|MJ|ลบ\.ม\.)",
)
_URL = re.compile(r"https?://\S+|www\.\S+")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_SOURCES_HEADING = re.compile(r"^##\s+แหล่งข้อมูล")
_CE_LABEL = re.compile(r"ค\.ศ\.\s*(19\d\d|20\d\d)")


def check_years(rel: str, text: str, markdown: bool) -> list[Finding]:
    """Errors for the year rule in one course file's ``text`` (file ``rel``), one per line.

    ``markdown`` is true for a module (front matter and the closing source list are skipped);
    false for a YAML file (comment lines are skipped).
    """
    visible = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text) if markdown else text
    lines = visible.split("\n")
    start = body_start(lines) if markdown else 0
    findings: list[Finding] = []
    for number, raw in enumerate(lines[start:], start=start + 1):
        if markdown and _SOURCES_HEADING.match(raw):
            break
        if (not markdown and raw.lstrip().startswith("#")) or not _THAI.search(raw):
            continue
        line = _URL.sub(lambda m: " " * len(m.group(0)), raw)
        bare = _bare_years(line)
        if bare:
            findings.append(
                Finding(
                    Severity.ERROR,
                    rel,
                    number,
                    f"ปี {', '.join(bare)} เป็น ค.ศ. ในข้อความภาษาไทย: เขียนเป็น พ.ศ. แล้วใส่ ค.ศ. ในวงเล็บ"
                    f" เช่น พ.ศ. {int(bare[0]) + 543} (ค.ศ. {bare[0]})",
                    f"Common Era year {', '.join(bare)} in Thai text: write the Buddhist Era year with the CE year"
                    f" in brackets, e.g. พ.ศ. {int(bare[0]) + 543} (ค.ศ. {bare[0]})",
                )
            )
    return findings


def _bare_years(line: str) -> list[str]:
    """The CE years of ``line`` that break the rule, in order."""
    bracketed = _ce_bracket_spans(line)
    found: list[str] = []
    for match in _YEAR.finditer(line):
        where = match.start()
        if any(a <= where < b for a, b in bracketed):
            continue
        before, after = line[:where], line[match.end() :]
        if _NAME_BEFORE.search(before) or _UNIT_AFTER.match(after):
            continue
        found.append(match.group(1))
    return found


def _ce_bracket_spans(line: str) -> list[tuple[int, int]]:
    """Spans of the years written after "ค.ศ." inside a bracket: from the label to the bracket's close."""
    spans: list[tuple[int, int]] = []
    for label in _CE_LABEL.finditer(line):
        depth, opened = 0, False
        for char in reversed(line[: label.start()]):
            if char == ")":
                depth += 1
            elif char == "(":
                if depth == 0:
                    opened = True
                    break
                depth -= 1
        if not opened:
            continue  # "ค.ศ. 2025" outside brackets: its year is reported
        close = line.find(")", label.end())
        spans.append((label.start(), close if close != -1 else len(line)))
    return spans
