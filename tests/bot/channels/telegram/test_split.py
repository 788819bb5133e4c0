"""Long text is cut within Telegram's limit, never inside a Thai syllable."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.channels.telegram.split import TELEGRAM_TEXT_LIMIT, is_safe_cut, split_text, utf16_length

CONSONANTS = "กขคงจฉชซญดตถทธนบปผพฟมยรลวศสหอฮ"
LEADING = "เแโใไ"
ABOVE_BELOW = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e47"  # ั ิ ี ึ ื ุ ู ็
TONES = "\u0e48\u0e49\u0e4a\u0e4b\u0e4c"  # ่ ้ ๊ ๋ ์
FOLLOWING = "\u0e30\u0e32\u0e33"  # ะ า ำ


def starts_badly(piece: str) -> bool:
    """A piece starting with a combining mark or a following vowel, or ending with a leading vowel."""
    first = piece[0]
    return unicodedata.category(first).startswith("M") or first in FOLLOWING or piece[-1] in LEADING


syllables = st.builds(
    lambda lead, base, vowel, tone, follow: lead + base + vowel + tone + follow,
    st.sampled_from(["", *LEADING]),
    st.sampled_from(CONSONANTS),
    st.sampled_from(["", *ABOVE_BELOW]),
    st.sampled_from(["", *TONES]),
    st.sampled_from(["", *FOLLOWING]),
)
thai_text = st.lists(
    st.one_of(syllables, syllables, syllables, st.sampled_from([" ", "\n", "\n\n", "10,000", "CO2e", "🌱", "(อบก.)"])),
    max_size=600,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(text=thai_text, limit=st.integers(min_value=8, max_value=300))
def test_pieces_fit_and_never_start_inside_a_syllable(text: str, limit: int) -> None:
    pieces = split_text(text, limit)
    assert all(piece and utf16_length(piece) <= limit for piece in pieces)
    assert not any(starts_badly(piece) for piece in pieces)
    assert re.sub(r"\s", "", "".join(pieces)) == re.sub(r"\s", "", text)  # only whitespace is dropped


@settings(max_examples=200, deadline=None)
@given(text=st.text(), limit=st.integers(min_value=2, max_value=50))
def test_any_text_is_cut_into_pieces_that_fit_without_losing_anything(text: str, limit: int) -> None:
    pieces = split_text(text, limit)
    assert all(piece.strip() and utf16_length(piece) <= limit for piece in pieces)
    assert re.sub(r"\s", "", "".join(pieces)) == re.sub(r"\s", "", text)


def test_a_ten_thousand_character_thai_answer_is_cut_at_spaces_into_messages() -> None:
    sentence = "ร้านที่ใช้ไฟฟ้าเดือนละ 10,000 หน่วย ปล่อยก๊าซเรือนกระจกประมาณ 4,750 กิโลกรัมคาร์บอนไดออกไซด์เทียบเท่า "
    text = (sentence * (10_000 // len(sentence) + 1))[:10_000]
    pieces = split_text(text)
    assert len(pieces) == 3
    assert all(utf16_length(p) <= TELEGRAM_TEXT_LIMIT for p in pieces)
    assert all(text.find(p) >= 0 and is_safe_cut(text, text.find(p) + len(p)) for p in pieces)


def test_thai_without_spaces_is_cut_between_words() -> None:
    text = "การคำนวณคาร์บอนจากค่าไฟฟ้าของร้านค้าปลีก" * 20
    pieces = split_text(text, 100)
    assert all(len(p) <= 100 for p in pieces)
    assert not any(starts_badly(p) for p in pieces)
    assert "".join(pieces) == text


def test_short_text_is_one_piece_and_blank_text_none() -> None:
    assert split_text("  สวัสดีครับ  ") == ["สวัสดีครับ"]
    assert split_text(" \n ") == []
