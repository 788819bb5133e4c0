"""The naming rule for the greenhouse-gas body in a module (part of ``nzap course check``).

The course README for authors sets one rule: the first time a module's text names the
Thailand Greenhouse Gas Management Organization it writes the full form
:data:`FULL_NAME`; after that it writes "อบก." only. A learner who opens one module in the
middle of the course thus meets the full name once, and the assistant's answers, which quote
modules, do not mix three spellings of the same body.

Headings, HTML author notes, URLs and the closing source list are not checked: headings and
source titles are titles (an English document title keeps "TGO"), and notes never reach
learners. An English compound such as "TGO-registered verifier" is left alone.
"""

from __future__ import annotations

import re

from knowledge.course_findings import Finding, Severity
from knowledge.course_findings import error as _error

FULL_NAME = "องค์การบริหารจัดการก๊าซเรือนกระจก (องค์การมหาชน) (อบก. / TGO)"
"""How a module names the body the first time (the course README's rule)."""

# Any way of naming the body: the Thai name, the Thai abbreviation, or the English one.
# "อบก." must not be the tail of a Thai word (ประกอบการ contains อบก); "TGO" must not be
# part of a longer Latin word, a URL or a hyphenated English compound.
_MENTION = re.compile(r"องค์การบริหารจัดการก๊าซเรือนกระจก|(?<![\u0E00-\u0E7F])อบก\.|(?<![A-Za-z/.\-])TGO(?![A-Za-z\-])")
_BARE_TGO = re.compile(r"(?<![A-Za-z/.\-])TGO(?![A-Za-z\-])")
_URL = re.compile(r"https?://\S+")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_SOURCES_HEADING = re.compile(r"^##\s+แหล่งข้อมูล")


def check_naming(rel: str, text: str) -> list[Finding]:
    """Findings for the naming rule in one module's Markdown ``text`` (file ``rel``).

    An error when the first mention is not :data:`FULL_NAME`; a warning for each later line
    that writes the bare English "TGO" instead of "อบก.".
    """
    visible = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    lines = visible.split("\n")
    start = body_start(lines)
    findings: list[Finding] = []
    seen_first = False
    for number, raw in enumerate(lines[start:], start=start + 1):
        if _SOURCES_HEADING.match(raw):
            break
        if raw.lstrip().startswith("#"):
            continue
        line = _URL.sub(" ", raw)
        first = _MENTION.search(line)
        if first is None:
            continue
        if not seen_first:
            seen_first = True
            if not line.startswith(FULL_NAME, first.start()):
                # One finding per line: the error already says what to write here.
                findings.append(
                    _error(
                        rel,
                        number,
                        f"ครั้งแรกที่บทนี้กล่าวถึง อบก. ต้องเขียนชื่อเต็ม: {FULL_NAME}",
                        f"the first mention of TGO in this module must be the full form: {FULL_NAME}",
                    )
                )
                continue
        # The full form itself contains "TGO"; blank it out before looking for bare uses.
        if _BARE_TGO.search(line.replace(FULL_NAME, "")):
            findings.append(
                Finding(
                    Severity.WARNING,
                    rel,
                    number,
                    'หลังชื่อเต็มครั้งแรก ให้เขียน "อบก." แทน "TGO" ในข้อความภาษาไทย',
                    'after the first full mention, write "อบก." instead of "TGO" in Thai text',
                )
            )
    return findings


def body_start(lines: list[str]) -> int:
    """Index of the first line after the ``---`` front matter (0 when there is none)."""
    if not lines or lines[0].strip() != "---":
        return 0
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            return index + 1
    return 0
