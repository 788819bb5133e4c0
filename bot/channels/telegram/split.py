"""Cutting long text into Telegram-sized pieces without breaking Thai syllables.

Telegram counts a message's length after entity parsing, in UTF-16 code units, so the
limits here are in those units. A cut prefers a blank line, then a line break, then a space,
then a Thai word boundary, and obeys the rules of :mod:`bot.channels.cuts`.
"""

from __future__ import annotations

import ingestion.thai  # noqa: F401  (sets pythainlp offline before its first import)
from bot.channels.cuts import fit, is_safe_cut, utf16_length

TELEGRAM_TEXT_LIMIT = 4096
"""Longest message text Telegram accepts, after entity parsing."""

_SEPARATORS = ("\n\n", "\n", " ")
_WORD_LOOKBACK = 300


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
    end = fit(text, 0, limit)
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
    while utf16_length(rest) > limit:
        cut = _cut_point(rest, limit)
        head = rest[:cut].rstrip()
        if head:
            pieces.append(head)
        rest = rest[cut:].lstrip()
    if rest:
        pieces.append(rest)
    return pieces


__all__ = ["TELEGRAM_TEXT_LIMIT", "is_safe_cut", "split_text", "utf16_length"]
