"""Where Thai text may be cut, as both LINE and Telegram count it (UTF-16 code units).

A cut never falls between a base character and its combining marks (Thai vowels above and
below, tone marks, emoji modifiers and joiners), never right after a Thai leading vowel
(เ แ โ ใ ไ) or right before a following vowel that cannot stand alone (ะ า ำ ๅ), and never
inside a CR LF pair. Each channel decides where it *prefers* to cut (its ``split`` module);
these are the rules both obey.
"""

from __future__ import annotations

import unicodedata

_LEADING_VOWELS = frozenset("เแโใไ")
_FOLLOWING_VOWELS = frozenset("ะาำๅ")
_ZERO_WIDTH_JOINER = "\u200d"


def utf16_length(text: str) -> int:
    """Length as the platforms count it: UTF-16 code units (a character outside the BMP counts twice)."""
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


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


def fit(text: str, start: int, limit: int) -> int:
    """The largest end such that ``text[start:end]`` fits in ``limit`` UTF-16 units."""
    units = 0
    for index in range(start, len(text)):
        units += 2 if ord(text[index]) > 0xFFFF else 1
        if units > limit:
            return index
    return len(text)


def clip(text: str, limit: int, ellipsis: str = "…") -> str:
    """``text`` if it fits in ``limit`` UTF-16 units, else its longest safe prefix that fits with ``ellipsis``."""
    if utf16_length(text) <= limit:
        return text
    end = fit(text, 0, limit - utf16_length(ellipsis))
    while end > 0 and not is_safe_cut(text, end):
        end -= 1
    return text[:end].rstrip() + ellipsis
