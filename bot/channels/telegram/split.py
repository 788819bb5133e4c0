"""Cutting long text into Telegram-sized pieces without breaking Thai syllables.

Telegram counts a message's length after entity parsing, in UTF-16 code units, so the
limits here are in those units. A cut prefers a blank line, then a line break, then a space,
then a Thai word boundary, and never falls between a base character and its combining marks
(tone marks, upper and lower vowels), before a following vowel (ะ า ำ ๅ), or after a leading
vowel (เ แ โ ใ ไ).
"""

from __future__ import annotations

import unicodedata

import ingestion.thai  # noqa: F401  (sets pythainlp offline before its first import)

TELEGRAM_TEXT_LIMIT = 4096
"""Longest message text Telegram accepts, after entity parsing."""

_FOLLOWING_VOWELS = frozenset("\u0e30\u0e32\u0e33\u0e45")  # ะ า ำ ๅ
_LEADING_VOWELS = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44")  # เ แ โ ใ ไ
_JOINERS = frozenset("\u200d")
_SEPARATORS = ("\n\n", "\n", " ")
_WORD_LOOKBACK = 300


def utf16_len(text: str) -> int:
    """Length of ``text`` as Telegram counts it (UTF-16 code units)."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def _attaches_to_previous(ch: str) -> bool:
    """Whether ``ch`` belongs to the character before it (a mark, a following vowel, a joiner)."""
    if ch in _FOLLOWING_VOWELS or ch in _JOINERS:
        return True
    category = unicodedata.category(ch)
    # Sk covers the emoji skin-tone modifiers; M* covers Thai tone marks and vowel signs.
    return category in ("Mn", "Mc", "Me") or (category == "Sk" and 0x1F3FB <= ord(ch) <= 0x1F3FF)


def is_safe_cut(text: str, index: int) -> bool:
    """Whether ``text`` may be cut between ``index - 1`` and ``index``."""
    if index <= 0 or index >= len(text):
        return True
    before, after = text[index - 1], text[index]
    if _attaches_to_previous(after) or before in _LEADING_VOWELS or before in _JOINERS:
        return False
    return not (before == "\r" and after == "\n")


def _fit(text: str, limit: int) -> int:
    """The largest ``end`` such that ``text[:end]`` fits in ``limit`` UTF-16 units."""
    units = 0
    for index, ch in enumerate(text):
        units += 2 if ord(ch) > 0xFFFF else 1
        if units > limit:
            return index
    return len(text)


def _word_cut(text: str, start: int, end: int) -> int | None:
    """The last Thai word boundary in ``(start, end]`` that is a safe cut, found with newmm."""
    from pythainlp.tokenize import word_tokenize

    origin = max(start, end - _WORD_LOOKBACK)
    position, best = origin, None
    for word in word_tokenize(text[origin:end], engine="newmm", keep_whitespace=True):
        position += len(word)
        if start < position <= end and is_safe_cut(text, position):
            best = position
    return best


def _cut_point(text: str, limit: int) -> int:
    """Where to cut ``text`` (longer than ``limit``) so that the head fits."""
    end = _fit(text, limit)
    start = end // 2  # a cut in the first half would leave a needlessly short piece
    for separator in _SEPARATORS:
        found = text.rfind(separator, start, end)
        if found > 0:
            return found
    word = _word_cut(text, start, end)
    if word is not None:
        return word
    if is_safe_cut(text, end):
        return end
    for index in range(end - 1, 0, -1):
        if is_safe_cut(text, index):
            return index
    return end  # no safe place at all (a run of marks longer than a message): cut anyway


def split_text(text: str, limit: int = TELEGRAM_TEXT_LIMIT) -> list[str]:
    """``text`` in pieces of at most ``limit`` UTF-16 units, cut at Thai-safe boundaries.

    Whitespace at the cuts is dropped (Telegram trims it anyway); no piece is empty.
    """
    if limit < 2:
        raise ValueError("limit must be at least 2")
    pieces: list[str] = []
    rest = text.strip()
    while utf16_len(rest) > limit:
        cut = _cut_point(rest, limit)
        head = rest[:cut].rstrip()
        if head:
            pieces.append(head)
        rest = rest[cut:].lstrip()
    if rest:
        pieces.append(rest)
    return pieces
