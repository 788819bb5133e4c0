"""Cut long text into LINE-sized pieces without breaking Thai syllables apart.

LINE counts a text message's length in UTF-16 code units (an emoji outside the Basic
Multilingual Plane counts twice). A cut never falls between a base character and its
combining marks (Thai vowels above and below, tone marks), never right after a Thai
leading vowel (เ แ โ ใ ไ) or right before a following vowel that cannot stand alone
(ะ า ำ ๅ), and prefers a newline, then a space, then any other safe place.
"""

from __future__ import annotations

import unicodedata

LINE_TEXT_LIMIT = 5000
"""Longest text message, in UTF-16 code units."""

_LEADING_VOWELS = frozenset("เแโใไ")
_FOLLOWING_VOWELS = frozenset("ะาำๅ")
_ZERO_WIDTH_JOINER = "\u200d"


def utf16_length(text: str) -> int:
    """Length as LINE counts it: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def is_combining(char: str) -> bool:
    """A mark that belongs to the character before it (Thai vowels above/below, tone marks, emoji modifiers)."""
    return (
        unicodedata.category(char) in ("Mn", "Mc", "Me")
        or char == _ZERO_WIDTH_JOINER
        or ("\U0001f3fb" <= char <= "\U0001f3ff")
    )


def is_safe_cut(text: str, index: int) -> bool:
    """True when ``text`` may be cut just before ``text[index]``."""
    if index <= 0 or index >= len(text):
        return True
    before, after = text[index - 1], text[index]
    if is_combining(after) or before == _ZERO_WIDTH_JOINER:
        return False
    if before in _LEADING_VOWELS or after in _FOLLOWING_VOWELS:
        return False
    return not (before == "\r" and after == "\n")


def split_text(text: str, limit: int = LINE_TEXT_LIMIT) -> list[str]:
    """Pieces of at most ``limit`` UTF-16 units each, cut at safe places, whitespace at cuts trimmed.

    Empty or whitespace-only input gives no pieces.
    """
    if limit < 2:
        raise ValueError("limit must allow at least one character")
    pieces: list[str] = []
    start = _skip_space(text, 0)
    while start < len(text):
        end = _fit(text, start, limit)
        cut = end if end == len(text) else _best_cut(text, start, end)
        piece = text[start:cut].rstrip()
        if piece:
            pieces.append(piece)
        start = _skip_space(text, cut)
    return pieces


def _fit(text: str, start: int, limit: int) -> int:
    """The largest end such that ``text[start:end]`` fits in ``limit`` UTF-16 units."""
    units = 0
    for index in range(start, len(text)):
        units += 2 if ord(text[index]) > 0xFFFF else 1
        if units > limit:
            return index
    return len(text)


def _best_cut(text: str, start: int, end: int) -> int:
    """Where to cut inside ``text[start:end]``: newline, then space (in the later half), then any safe place."""
    half = start + (end - start) // 2
    for separators in ("\n", " \t\u3000"):
        for index in range(end, half, -1):
            if text[index - 1] in separators and is_safe_cut(text, index):
                return index
    for index in range(end, start, -1):
        if is_safe_cut(text, index):
            return index
    return end  # one "character" longer than the limit: no safe place exists, so cut hard


def _skip_space(text: str, index: int) -> int:
    """Move past whitespace, but never onto a mark that belongs to that whitespace."""
    while index < len(text) and text[index].isspace() and is_safe_cut(text, index + 1):
        index += 1
    return index


def clip(text: str, limit: int, ellipsis: str = "…") -> str:
    """``text`` if it fits in ``limit`` UTF-16 units, else its longest safe prefix that fits with ``ellipsis``."""
    if utf16_length(text) <= limit:
        return text
    room = limit - utf16_length(ellipsis)
    end = _fit(text, 0, room)
    while end > 0 and not is_safe_cut(text, end):
        end -= 1
    return text[:end].rstrip() + ellipsis
