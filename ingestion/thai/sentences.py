"""Sentence segmentation (pythainlp ``crfcut``, offline): lines are hard boundaries."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _crfcut() -> Callable[..., Any]:
    from pythainlp.tokenize import sent_tokenize

    return sent_tokenize


_CLOSING = set(")]}”’,.;:!?%")
# Thai abbreviations end in a dot: ต.ค., พ.ศ., อบก., ธ.ค. (crfcut may take the dot for a sentence end).
_ENDS_WITH_ABBREVIATION = re.compile(r"(?:^|[\s(])(?:[\u0e01-\u0e2e][\u0e01-\u0e4e]{0,3}\.){1,3}$")
_SHORTEST_SENTENCE = 8
_LIST_OR_HEADING = re.compile(r"^\s*(?:[-*•]|\d+[.)]|#+)\s+")


def sentences(text: str) -> list[str]:
    """Split text into sentences: each line on its own, Thai lines further by ``crfcut``.

    Lines are treated as hard boundaries because list items, table rows and headings are
    separate statements even when they carry no sentence punctuation.
    """
    out: list[str] = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if _LIST_OR_HEADING.match(line) or len(line) < 60 or " | " in line:
            # Table rows are one statement each; crfcut would cut them at abbreviations.
            out.append(line)
            continue
        pieces: list[str] = []
        for part in (p.strip() for p in _crfcut()(line, engine="crfcut")):
            # crfcut sometimes cuts after an abbreviation's dot, "(อบก." | ") ประกาศ...": a piece
            # that starts with closing punctuation belongs to the sentence before it.
            if pieces and part and part[0] in _CLOSING:
                pieces[-1] = f"{pieces[-1]}{part}"
            elif pieces and _ENDS_WITH_ABBREVIATION.search(pieces[-1]):
                pieces[-1] = f"{pieces[-1]} {part}"  # "1 ต.ค." | "2023": the dot was an abbreviation's
            elif pieces and 0 < len(part) < _SHORTEST_SENTENCE:
                pieces[-1] = f"{pieces[-1]} {part}"  # a stray year or unit: "... 1 มกราคม" | "2569"
            elif part:
                pieces.append(part)
        out.extend(pieces)
    return out
