"""Cut long text into LINE-sized pieces without breaking Thai syllables apart.

LINE counts a text message's length in UTF-16 code units (an emoji outside the Basic
Multilingual Plane counts twice). A cut never falls between a base character and its
combining marks (Thai vowels above and below, tone marks), never right after a Thai
leading vowel (เ แ โ ใ ไ) or right before a following vowel that cannot stand alone
(ะ า ำ ๅ), and prefers a newline, then a space, then any other safe place.
"""

from __future__ import annotations

from bot.channels.cuts import clip, fit, is_combining, is_safe_cut, utf16_length

LINE_TEXT_LIMIT = 5000
"""Longest text message, in UTF-16 code units."""


def split_text(text: str, limit: int = LINE_TEXT_LIMIT) -> list[str]:
    """Pieces of at most ``limit`` UTF-16 units each, cut at safe places, whitespace at cuts trimmed.

    Empty or whitespace-only input gives no pieces.
    """
    if limit < 2:
        raise ValueError("limit must allow at least one character")
    pieces: list[str] = []
    start = _skip_space(text, 0)
    while start < len(text):
        end = fit(text, start, limit)
        cut = end if end == len(text) else _best_cut(text, start, end)
        piece = text[start:cut].rstrip()
        if piece:
            pieces.append(piece)
        start = _skip_space(text, cut)
    return pieces


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


__all__ = ["LINE_TEXT_LIMIT", "clip", "is_combining", "is_safe_cut", "split_text", "utf16_length"]
