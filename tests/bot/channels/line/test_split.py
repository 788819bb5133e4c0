"""Long Thai answers are cut into LINE-sized messages without tearing syllables apart."""

from __future__ import annotations

import itertools
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.channels.line.split import LINE_TEXT_LIMIT, clip, is_combining, is_safe_cut, split_text, utf16_length

THAI_PARAGRAPH = (
    "องค์การบริหารจัดการก๊าซเรือนกระจก (อบก.) ประกาศค่าการปล่อยก๊าซเรือนกระจกของไฟฟ้าจากระบบสายส่งเท่ากับ "
    "0.4750 กิโลกรัมคาร์บอนไดออกไซด์เทียบเท่าต่อกิโลวัตต์ชั่วโมง ร้านที่ใช้ไฟฟ้าเดือนละ 10,000 หน่วย "
    "ปล่อยก๊าซเรือนกระจกประมาณ 4,750 กิโลกรัมคาร์บอนไดออกไซด์เทียบเท่า หรือ 4.75 ตันต่อเดือน 🌱🏭\n"
)

CONSONANTS = "กขคฆงจฉชซญดตถทธนบปผพฟภมยรลวศษสหอฮ"
MARKS = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c"  # above/below vowels, tones
clusters = st.one_of(
    st.builds(lambda c, m: c + m, st.sampled_from(CONSONANTS), st.text(alphabet=MARKS, max_size=2)),
    st.sampled_from(["เก", "แม่", "โต๊ะ", "ไป", "ใจ", "กา", "ทำ", "นะ"]),  # leading and following vowels
    st.sampled_from([" ", "\n", "  ", "\n\n", "a", "1", ",", "👍🏽", "👨\u200d👩\u200d👧", "é"]),
)
texts = st.lists(clusters, min_size=1, max_size=400).map("".join)


def assert_pieces_cover(text: str, pieces: list[str]) -> None:
    """The pieces appear in order, and only whitespace lies between them."""
    position = 0
    for piece in pieces:
        found = text.find(piece, position)
        assert found >= 0 and not text[position:found].strip(), (piece, text[position:found])
        position = found + len(piece)
    assert not text[position:].strip()


@settings(max_examples=300, deadline=None)
@given(texts, st.integers(min_value=12, max_value=120))
def test_any_thai_text_splits_within_the_limit_at_safe_places(text: str, limit: int) -> None:
    pieces = split_text(text, limit)
    for piece in pieces:
        assert 0 < utf16_length(piece) <= limit
        assert not is_combining(piece[0])
        assert piece[0] not in "ะาำๅ" and piece[-1] not in "เแโใไ" and piece == piece.strip()
    assert_pieces_cover(text, pieces)


def test_a_long_thai_answer_fills_messages_and_cuts_at_newlines() -> None:
    text = THAI_PARAGRAPH * 40  # about 12,000 UTF-16 units
    pieces = split_text(text)
    assert len(pieces) == 3
    assert all(utf16_length(p) <= LINE_TEXT_LIMIT for p in pieces)
    assert all(p.endswith("🌱🏭") for p in pieces)  # each cut fell on a paragraph end
    assert_pieces_cover(text, pieces)


def test_without_newlines_it_cuts_at_a_space() -> None:
    text = THAI_PARAGRAPH.replace("\n", " ") * 40
    pieces = split_text(text)
    assert len(pieces) == 3
    for left, right in itertools.pairwise(pieces):
        assert left + " " + right[:20] in text  # exactly one space was dropped at the cut


def test_without_spaces_it_never_separates_a_consonant_from_its_marks() -> None:
    word = "ที่นี่น้ำไม่ไหลเพราะเครื่องสูบน้ำเสีย"
    text = word * 300
    pieces = split_text(text, 97)
    assert "".join(pieces) == text
    for piece in pieces:
        assert unicodedata.category(piece[0]) == "Lo" and piece[0] not in "ะาำ"
        assert piece[-1] not in "เแโใไ"


def test_emoji_count_as_two_units_and_stay_whole() -> None:
    text = "ขอบคุณ👍🏽" * 1000
    pieces = split_text(text)
    assert all(utf16_length(p) <= LINE_TEXT_LIMIT for p in pieces)
    assert "".join(pieces) == text
    assert not any(p.startswith("\U0001f3fd") for p in pieces)


def test_short_and_empty_text() -> None:
    assert split_text("  สวัสดีครับ \n") == ["สวัสดีครับ"]
    assert split_text(" \n ") == []


def test_clip_keeps_labels_within_twenty_characters_at_a_safe_place() -> None:
    assert clip("ส่งให้พี่เลี้ยง", 20) == "ส่งให้พี่เลี้ยง"
    original = "ส่งคำถามให้พี่เลี้ยงช่วยตอบเรื่องคาร์บอน"
    clipped = clip(original, 20)
    assert utf16_length(clipped) <= 20 and clipped.endswith("…")
    prefix = clipped.removesuffix("…")
    assert original.startswith(prefix) and is_safe_cut(original, len(prefix))
    assert clip("ไม่", 2) == "…"
