"""Ticket numbers people can say and type: ``T-0042``.

Parsing accepts what people actually type: ``T-0042``, ``t-42``, ``T42``, ``T 42``, Thai
digits (``T-๐๐๔๒``) and full-width forms after normalisation.
"""

from __future__ import annotations

import re
import unicodedata

from ingestion import thai

PREFIX = "T"
_NUMBER = re.compile(r"^\s*#?t\s*-?\s*(\d{1,9})\s*$", re.IGNORECASE)
TICKET_NUMBER_PATTERN = re.compile(r"(?<![A-Za-z0-9])#?[Tt]\s*-?\s*(\d{1,9})(?![0-9])")
"""Finds a ticket number inside a longer text (after :func:`normalize_number_text`)."""


def format_ticket_number(number: int) -> str:
    """``42`` -> ``T-0042`` (at least four digits; more when the number needs them)."""
    if number < 0:
        raise ValueError(f"ticket numbers are not negative: {number}")
    return f"{PREFIX}-{number:04d}"


def normalize_number_text(text: str) -> str:
    """Fold Thai and full-width digits and letters so a ticket number can be matched."""
    return thai.fold_for_matching(unicodedata.normalize("NFKC", text))


def parse_ticket_number(text: str) -> int | None:
    """``T-0042``, ``t-42``, ``T42`` or ``T-๐๐๔๒`` -> ``42``; ``None`` when ``text`` is not a ticket number."""
    match = _NUMBER.match(normalize_number_text(text))
    return int(match.group(1)) if match else None


def find_ticket_number(text: str) -> int | None:
    """The first ticket number mentioned in ``text`` (``ตอบ T-0042 ...`` -> 42), or ``None``."""
    match = TICKET_NUMBER_PATTERN.search(normalize_number_text(text))
    return int(match.group(1)) if match else None
