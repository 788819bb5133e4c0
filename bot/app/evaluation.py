"""``nzap eval``: run a question set through the configured answerer and report figures per kind.

Programme staff use it to check a new LLM or a new course before they switch to it. A question
set is JSON Lines, one object per question (``bench/data/README.md``): ``kind`` is
``answerable``, ``near_miss``, ``chitchat``, ``off_topic`` or ``injection``; an answerable
question lists the ``expected`` facts (any one of them, found in the reply, makes it right).

The figures are what a busy owner notices:
- answerable: answered (not a partial or a mentor offer), and the fact inside the first 300
  characters, where it is read on a phone without scrolling;
- near-miss: not covered, or partial with the gap stated; an answer without a stated gap counts
  as invented;
- chit-chat, off-topic and injection: the right conversation act and no mentor offer;
- the reply's length.
"""

from __future__ import annotations

import json
import re
import statistics
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FIRST_CHARS = 300
"""How much of a reply is read first on a phone: the fact asked for belongs in there."""

EXPECTED_KIND = {"chitchat": "smalltalk", "off_topic": "out_of_scope", "injection": "refusal"}
"""The conversation act (``kind`` of ``nzap ask --json``) each non-question kind should get."""

_SPACE = re.compile(r"\s+")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3})")
# The course writes "พ.ศ. 2568 (ค.ศ. 2025)" (its year rule); a question set may expect the
# Common Era year alone ("สิงหาคม 2025"). Both read as the CE year.
_DUAL_YEAR = re.compile(r"พ\.ศ\.\s*\d{4}\s*\(ค\.ศ\.\s*(\d{4})\)")


def fold_years(text: str) -> str:
    """``text`` with each "พ.ศ. YYYY (ค.ศ. YYYY)" reduced to its Common Era year."""
    return _DUAL_YEAR.sub(r"\1", text)


# The same figure in the notations the course itself mixes: "ร้อยละ 15" and "15%", "152 ล้านตัน"
# and "152 MtCO2e" (or "152 ล้านตัน CO2e").
_PERCENT_WORD = re.compile(r"ร้อยละ\s?(\d[\d,.]*)")
_MEGATONNES = re.compile(r"(\d[\d,.]*)\s?(?:ล้านตัน(?:\s?(?:co2e|co2|คาร์บอนไดออกไซด์เทียบเท่า))?|mtco2e)", re.IGNORECASE)


def same_units(text: str) -> str:
    """``text`` with a percentage and a megatonne figure each written one way."""
    return _MEGATONNES.sub(r"\1 mtco2e", _PERCENT_WORD.sub(r"\1%", text))


def squash(text: str) -> str:
    """Compare facts without the spacing, separators, year and unit notations that vary between writers."""
    return _THOUSANDS.sub("", _SPACE.sub("", same_units(fold_years(text)))).lower()


def _spaced_out(text: str) -> str:
    return _THOUSANDS.sub("", _SPACE.sub("", same_units(text))).lower()


def says(text: str, fact: str) -> bool:
    """Whether ``text`` states ``fact``, with the years written either way.

    A fact copied from the course as "1 กุมภาพันธ์ พ.ศ. 2570" is in a reply that quotes "1 กุมภาพันธ์
    พ.ศ. 2570 (ค.ศ. 2027)" as written; folded to the Common Era alone ("1 กุมภาพันธ์ 2027") it would
    no longer match, so both readings are tried. "ร้อยละ 15" states "15%", and "152 MtCO2e" states
    "152 ล้านตัน": the course writes both.
    """
    return squash(fact) in squash(text) or _spaced_out(fact) in _spaced_out(text)


def load_question_set(path: Path) -> list[dict[str, Any]]:
    """The questions of a JSON Lines file, in order (blank lines skipped)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for row in rows:
        if "question" not in row or "kind" not in row:
            raise ValueError(f"{path}: every line needs 'question' and 'kind' (got {sorted(row)})")
    return rows


@dataclass
class KindFigures:
    """The counts for one kind of question; rates are derived, never kept by hand."""

    total: int = 0
    right: int = 0
    """Answerable: answered. Near-miss: not covered or partial. Acts: the right act."""
    fact_first: int = 0
    """Answerable only: an expected fact inside the first :data:`FIRST_CHARS` characters."""
    fact_anywhere: int = 0
    invented: int = 0
    """Near-miss only: answered as if the material covered it."""
    mentor_offered: int = 0
    lengths: list[int] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """Rates rounded for a report, with the counts they come from."""
        rate = (lambda n: round(n / self.total, 3)) if self.total else (lambda n: 0.0)
        return {
            "total": self.total,
            "right": rate(self.right),
            "fact_in_first_300": rate(self.fact_first),
            "fact_anywhere": rate(self.fact_anywhere),
            "invented": self.invented,
            "mentor_offered": rate(self.mentor_offered),
            "median_reply_chars": int(statistics.median(self.lengths)) if self.lengths else 0,
            "misses": self.misses[:20],
        }


def judge(row: Mapping[str, Any], reply: Mapping[str, Any], figures: KindFigures) -> None:
    """Add one question's reply (the ``nzap ask --json`` object) to its kind's figures."""
    kind = str(row["kind"])
    answer = str(reply.get("answer", ""))
    coverage = reply.get("coverage")
    figures.total += 1
    figures.lengths.append(len(answer))
    figures.mentor_offered += bool(reply.get("mentor_offered", reply.get("escalate", False)))
    right = False
    if kind == "answerable":
        facts = [str(fact) for fact in row.get("expected") or []]
        figures.fact_anywhere += any(says(answer, fact) for fact in facts)
        figures.fact_first += any(says(answer[:FIRST_CHARS], fact) for fact in facts)
        right = coverage == "answered"
    elif kind == "near_miss":
        right = coverage in ("not_covered", "partial")
        figures.invented += coverage == "answered"
    elif kind in EXPECTED_KIND:
        right = reply.get("kind") == EXPECTED_KIND[kind]
    figures.right += right
    if not right:
        figures.misses.append(f"{row.get('id', '?')}: {row['question']} -> {reply.get('kind')}/{coverage}")


def evaluate(rows: Iterable[Mapping[str, Any]], ask: Callable[[str], Mapping[str, Any]]) -> dict[str, Any]:
    """Ask every question (``ask`` returns the ``nzap ask --json`` object) and report figures per kind."""
    by_kind: dict[str, KindFigures] = {}
    lengths: list[int] = []
    for row in rows:
        reply = ask(str(row["question"]))
        figures = by_kind.setdefault(str(row["kind"]), KindFigures())
        judge(row, reply, figures)
        lengths.append(len(str(reply.get("answer", ""))))
    return {
        "questions": len(lengths),
        "median_reply_chars": int(statistics.median(lengths)) if lengths else 0,
        "kinds": {kind: figures.as_json() for kind, figures in sorted(by_kind.items())},
    }


def format_report(report: Mapping[str, Any]) -> str:
    """A short table for the terminal: one line per kind."""
    lines = [f"questions: {report['questions']}, median reply: {report['median_reply_chars']} chars"]
    for kind, figures in report["kinds"].items():
        line = f"{kind:<11} n={figures['total']:<4} right={figures['right']:.2f}"
        if kind == "answerable":
            line += f"  fact@300={figures['fact_in_first_300']:.2f}  fact@all={figures['fact_anywhere']:.2f}"
        if kind == "near_miss":
            line += f"  invented={figures['invented']}"
        line += f"  median={figures['median_reply_chars']}"
        lines.append(line)
    return "\n".join(lines)
