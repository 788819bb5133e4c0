"""The Thai BM25 keyword index: how chat spellings of names with numbers are matched."""

from __future__ import annotations

from knowledge.keyword import KeywordIndex

_TEXTS = [
    "หลักสูตร NZAP 2026 ขยายจาก 8 สัปดาห์เป็น 12 สัปดาห์",
    "มาตรฐาน ISO 14067 ใช้คำนวณคาร์บอนฟุตพริ้นท์ของผลิตภัณฑ์",
    "ค่าไฟฟ้า TOU ช่วง Off Peak รวมวันเสาร์และวันอาทิตย์",
]


def test_a_name_glued_to_its_number_finds_the_spaced_form() -> None:
    index = KeywordIndex.build(_TEXTS)
    scores = index.scores(index.query_tokens("nzap2026เรียนกี่อาทิตย์คะ"))
    assert scores[0] > scores[2]
    iso = index.scores(index.query_tokens("iso14067 ดูเรื่องน้ำด้วยมั้ย"))
    assert int(iso.argmax()) == 1


def test_the_glued_token_is_kept_and_short_numbers_are_not_split() -> None:
    index = KeywordIndex.build(_TEXTS)
    assert {"nzap2026", "nzap", "2026"} <= set(index.query_tokens("nzap2026"))
    # "co2" and "pm25" are names in their own right, not a name and a year or a standard number.
    assert "co" not in index.query_tokens("co2 คืออะไร")
