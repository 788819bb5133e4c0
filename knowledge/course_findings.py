"""What the course checker reports: a :class:`Finding` at a file and line, and how much it matters."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


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


def error(file: str, line: int, th: str, en: str) -> Finding:
    """An error at ``file`` and ``line``, worded in Thai and English."""
    return Finding(Severity.ERROR, file, line, th, en)
