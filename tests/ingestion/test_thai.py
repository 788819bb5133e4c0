"""Thai normalisation, tokens and sentences as users and PDFs produce them."""

from __future__ import annotations

from ingestion.thai import fold_for_matching, normalize, sentences, tokenize


def test_pdf_sara_am_artefacts_are_repaired() -> None:
    # นํ้า as many PDF extractors emit it: nikhahit + tone + sara aa.
    assert normalize("น\u0e4d\u0e49\u0e32ดื่ม") == "น้ำดื่ม"
    assert normalize("ท\u0e4d\u0e32งาน") == "ทำงาน"
    assert normalize("ค\u0e33\u0e32ถาม") == "คำถาม"
    # นำ้า as pypdf reads LibreOffice PDFs: sara am + tone + sara aa.
    assert normalize("น\u0e33\u0e49\u0e32ท่วม") == "น้ำท่วม"


def test_tone_mark_before_upper_vowel_is_reordered() -> None:
    # ที่ stored as ท + ่ + ี (tone before vowel) looks the same on screen but never matches.
    assert normalize("ท\u0e48\u0e35") == "ที่"
    assert normalize("ส\u0e37\u0e48อ") == "สื่อ"


def test_zero_width_private_use_and_control_characters() -> None:
    assert normalize("คาร์\u200bบอน") == "คาร์บอน"
    assert normalize("ก\uf70a\x07าร") == "ก่าร"
    assert normalize("\ufeffเเบบ") == "แบบ"


def test_normalize_keeps_thai_digits_for_display_but_matching_folds_them() -> None:
    assert normalize("ปี ๒๕๖๙") == "ปี ๒๕๖๙"
    assert fold_for_matching("ปี ๒๕๖๙ CBAM") == "ปี 2569 cbam"


def test_tokenize_keeps_terms_whole_and_drops_spaces_and_punctuation() -> None:
    tokens = tokenize("ค่าไฟ 10,000 หน่วย ปล่อย tCO2e เท่าไหร่? Scope 2 กับ CBAM, T-VER")
    assert "10000" in tokens
    assert "tco2e" in tokens
    assert "scope2" in tokens
    assert "cbam" in tokens
    assert "t-ver" in tokens
    assert "ค่า" in tokens and "ไฟ" in tokens
    assert not any(t.strip() in {"", "?", ","} for t in tokens)


def test_spaced_and_unspaced_forms_give_the_same_tokens() -> None:
    assert tokenize("scope2") == tokenize("Scope 2")
    assert tokenize("ค่าไฟ๑๐๐๐๐หน่วย") == tokenize("ค่าไฟ 10,000 หน่วย")


def test_sentences_split_thai_lines_and_keep_list_items() -> None:
    text = (
        "ผู้ประกอบการควรเก็บบิลค่าไฟฟ้าย้อนหลังสิบสองเดือน เพื่อใช้คำนวณการปล่อยก๊าซเรือนกระจก "
        "จากนั้นจึงเลือกค่าการปล่อยที่เหมาะสมกับปีที่รายงาน\n- ข้อหนึ่ง\n- ข้อสอง"
    )
    parts = sentences(text)
    assert parts[-2:] == ["- ข้อหนึ่ง", "- ข้อสอง"]
    assert len(parts) >= 4
    assert "".join(parts).replace(" ", "") == text.replace(" ", "").replace("\n", "")


def test_sentences_do_not_end_at_thai_abbreviations_or_inside_table_rows() -> None:
    text = (
        "องค์การบริหารจัดการก๊าซเรือนกระจก (อบก.) ประกาศค่าการปล่อยของไฟฟ้าใหม่ มีผลตั้งแต่ 1 ม.ค. 2026 "
        "ส่วนช่วงเปลี่ยนผ่านของ CBAM คือ 1 ต.ค. 2023 ถึง 31 ธ.ค. 2025 ซึ่งเป็นการรายงานอย่างเดียว\n"
        "| 1 ต.ค. 2023 – 31 ธ.ค. 2025 | ช่วงเปลี่ยนผ่าน (transitional period) รายงานอย่างเดียว ยังไม่ต้องจ่าย |"
    )
    parts = sentences(text)
    assert not any(p.startswith((")", "2023", "2025", "2026")) for p in parts)
    assert parts[-1].startswith("| 1 ต.ค. 2023") and parts[-1].endswith("ยังไม่ต้องจ่าย |")
    assert any("(อบก.) ประกาศ" in p for p in parts)
