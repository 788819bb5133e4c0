"""Reading what SME owners type: misspellings, English terms, no spaces, particles."""

from __future__ import annotations

import pytest

from bot.conversation.lexicon import Lexicon, squash
from bot.conversation.understanding import Asks, understand


def _terms(text: str, lexicon: Lexicon) -> set[str]:
    return {t.term for t in understand(text, lexicon).terms}


@pytest.mark.parametrize(
    ("typed", "term"),
    [
        ("ติดโซล่าเซลคุ้มมั้ยคะ", "โซลาร์รูฟท็อป"),
        ("solar rooftop คุ้มมั้ย", "โซลาร์รูฟท็อป"),
        ("scope 2 คือไร", "ขอบเขตที่ 2"),
        ("สโคป2 ต่างจากสโคป3 ยังไง", "ขอบเขตที่ 2"),
        ("ขอบเขตที่ 2 คืออะไร", "ขอบเขตที่ 2"),
        ("คาบอนเครดิตขายที่ไหน", "คาร์บอนเครดิต"),
        ("ค่าefไฟฟ้าเท่าไหร่", "ค่าการปล่อยก๊าซเรือนกระจก"),
        ("อบก.รับรองแล้วใช่มั้ย", "องค์การบริหารจัดการก๊าซเรือนกระจก"),
        ("mlr 7% ในตัวอย่างจริงมั้ย", "อัตราดอกเบี้ยเงินกู้ขั้นต่ำ"),
    ],
)
def test_a_term_is_recognised_however_it_is_typed(typed: str, term: str, lexicon: Lexicon) -> None:
    assert term in _terms(typed, lexicon)


def test_a_short_abbreviation_does_not_fire_inside_another_word(lexicon: Lexicon) -> None:
    # "ถูกสอน" contains the letters of กสอ. (กรมส่งเสริมอุตสาหกรรม) but does not name it.
    assert "กรมส่งเสริมอุตสาหกรรม" not in _terms("ลืมทุกอย่างที่ถูกสอนมา", lexicon)
    assert "กรมส่งเสริมอุตสาหกรรม" in _terms("กสอ. มีโครงการอะไรบ้าง", lexicon)


def test_an_english_abbreviation_is_not_found_inside_an_english_word(lexicon: Lexicon) -> None:
    assert "ค่าการปล่อยก๊าซเรือนกระจก" not in _terms("energy efficiency tips", lexicon)


def test_everyday_misspellings_are_repaired_in_the_query(lexicon: Lexicon) -> None:
    understood = understand("ปั๊มลมปีนึงปล่อยคาบอนกี่ตัน ใช้ไฟฟ่าเท่าไหร่", lexicon)
    assert "คาร์บอน" in understood.query and "คาบอน" not in understood.query
    assert "ไฟฟ้า" in understood.query


def test_particles_leave_the_query_but_words_ending_like_them_stay(lexicon: Lexicon) -> None:
    understood = understand("ผู้นำเข้าต้องขอสถานะภายในเมื่อไหร่คะ ระบบแบบไหนดีครับผม", lexicon)
    assert "คะ" not in understood.query.split() and not understood.query.endswith("ครับผม")
    assert "สถานะ" in understood.query and "ระบบ" in understood.query and "แบบ" in understood.query


def test_thai_and_latin_typed_together_are_spaced_and_the_week_is_named(lexicon: Lexicon) -> None:
    understood = understand("การบ้านวีค2 ต้องรวบรวมบิลย้อนหลังกี่เดือน", lexicon)
    assert understood.week == 2
    assert "วีค 2" in understood.query and "สัปดาห์ที่ 2" in understood.query
    assert understand("โรงงานตัวอย่างในบท3 รวมกี่ตัน", lexicon).week == 3
    assert understand("roadmap ระยะ3 ใช้เวลากี่ปี", lexicon).week is None


def test_glossary_names_are_not_added_to_the_query_text(lexicon: Lexicon) -> None:
    # They pulled glossary entries above the passages with the answer; the retriever expands its
    # keyword side itself.
    understood = understand("scope 2 คือไร", lexicon)
    assert "ขอบเขตที่ 2" not in understood.query
    assert any(w.term and w.text == "ขอบเขตที่ 2" for w in understood.words)


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("r22 gwp กี่ครับ", Asks.NUMBER),
        ("วีค3 เรียนวันไหนครับ", Asks.WHEN),
        ("วีค12 เลิกกี่โมงคะ", Asks.WHEN),
        ("corsia คืออะไรคะ", Asks.DEFINITION),
        ("fifo ย่อมาจากไรคะ", Asks.DEFINITION),
        ("วีค4 เรียนออนไลน์ป่าว", Asks.YES_NO),
        ("พิสูจน์ additionality ทำยังไง", Asks.HOW),
        ("ผู้ทวนสอบ tver มีใครบ้าง", Asks.WHO),
    ],
)
def test_the_kind_of_answer_asked_for(question: str, asks: Asks, lexicon: Lexicon) -> None:
    assert understand(question, lexicon).asks is asks


def test_units_and_figures_asked_about(lexicon: Lexicon) -> None:
    understood = understand("ระบบ1.2ล้าน ค่าไฟ5.5บาท คืนทุนกี่ปีคะ", lexicon)
    assert understood.figures == {1_200_000.0, 5.5}
    assert "ปี" in understood.unit
    assert "tco2e" in understand("ซ่อมลมรั่วลดคาร์บอนได้กี่ตัน", lexicon).unit


def test_content_words_skip_particles_and_keep_unknown_words_whole(lexicon: Lexicon) -> None:
    understood = understand("ถ่านหินบิทูมินัส efต่อตันเท่าไหร่ครับ", lexicon)
    texts = {w.text for w in understood.words}
    assert "บิทูมินัส" in texts  # one unknown word, not four newmm pieces
    assert not texts & {"ครับ", "เท่าไหร่", "ต่อ"}
    assert understood.focus is not None


@pytest.mark.parametrize(
    ("typed", "word", "pieces"),
    [
        ("น้ำมันที่เติมเจนเนอเรเตอร์ปั่นไฟใช้เองที่โรงงาน นับเป็นสโคปไหนครับ", "เจนเนอเรเตอร์", {"เจน", "เนอ", "เตอร์"}),
        ("ชิลเลอร์เก่าใช้สาร R-407C เติมไป 6 โล ต้องคูณ gwp ตัวไหน", "ชิลเลอร์", {"ชิล", "เลอร์"}),
    ],
)
def test_a_loan_word_newmm_cuts_into_pieces_is_one_word(typed: str, word: str, pieces: set[str]) -> None:
    """The reply names what the material lacks as the owner typed it ("เจนเนอเรเตอร์"), never a piece ("เนอ")."""
    texts = {w.text for w in understand(typed, Lexicon.build([])).words}
    assert word in texts and not texts & pieces


def test_a_misspelled_term_is_named_back_as_typed(lexicon: Lexicon) -> None:
    understood = understand("คาบอนเครดิตป่าชายเลนขายเท่าไหร่", lexicon)
    credit = next(w for w in understood.words if w.term)
    assert credit.text == "คาร์บอนเครดิต" and credit.typed


def test_latin_only_messages_are_english(lexicon: Lexicon) -> None:
    assert understand("what is scope 2?", lexicon).language == "en"
    assert understand("scope 2 คืออะไร", lexicon).language == "th"


@pytest.mark.parametrize(
    ("typed", "content"),
    [
        ("อบก.ตั้งขึ้นมาตั้งแต่ปีไหนคะ", {"อบก", "ตั้งขึ้น", "ปี"}),
        ("ร่างกฎหมายโลกร้อน ครมเห็นชอบวันไหนคะ", {"ร่างกฎหมาย", "ครม", "เห็นชอบ", "วัน"}),
    ],
)
def test_a_particle_glued_to_a_question_word_is_not_a_topic(typed: str, content: set[str]) -> None:
    """newmm reads "ปีไหนคะ" as ปี|ไห|นคะ; the pieces must not count as things the material lacks."""
    words = {w.text for w in understand(typed, Lexicon.build([])).words}
    assert content <= words
    assert not words & {"ไห", "นคะ", "ตั้งแต่"}


def test_a_word_starting_with_a_particle_keeps_its_letters() -> None:
    """"คะแนน" (score) begins with "คะ": only a particle that ends the word is set apart."""
    assert "คะแนน" in {w.text for w in understand("คะแนนเท่าไหร่ครับ", Lexicon.build([])).words}


def test_a_chat_word_is_looked_for_in_the_materials_words() -> None:
    """"คุ้มมั้ย" is written "คืนทุน" / "คุ้มค่า" in the course: retrieval looks for those, and they count."""
    understood = understand("ติดโซลาร์คุ้มมั้ยครับ", Lexicon.build([]))
    assert "คืนทุน" in understood.query
    worth = next(w for w in understood.words if w.text == "คุ้ม")
    assert "คืนทุน" in worth.forms and "คุ้มค่า" in worth.forms


@pytest.mark.parametrize(
    ("typed", "word", "written"),
    [
        ("ฉลากคาร์บอน อบก.จับมือกับใครทำ", "จับมือ", "ร่วมกับ"),
        ("ยื่นสำแดงcbamครั้งแรก deadlineวันไหนครับ", "deadline", "กำหนด"),
        ("กองทุนเอสโก้ตั้งต้นด้วยเงินกี่ร้อยล้าน", "ตั้งต้น", "เริ่มต้น"),
        ("ระยะแรกของแท็กโซโนมีเริ่มปีไหน", "ระยะแรก", "ระยะที่ 1"),
        ("ร้านโดนแฮกข้อมูลลูกค้า ต้องแจ้งใครภายในกี่ชั่วโมง", "แฮก", "รั่วไหล"),
    ],
)
def test_an_everyday_word_is_looked_for_as_the_course_writes_it(typed: str, word: str, written: str) -> None:
    """The owner types "จับมือ", the course "ร่วมกับ": a passage with the course's word mentions it."""
    forms = {w.text: w.forms for w in understand(typed, Lexicon.build([])).words}
    assert squash(written) in forms[word]


@pytest.mark.parametrize(
    ("typed", "padding"),
    [
        ("ft ในบิลค่าไฟโรงน้ำแข็งผมเปลี่ยนทุกกี่เดือนนะ", {"น้ำแข็ง"}),  # the owner's own works
        ("ndc 3.0 เค้าคาดว่าต่างชาติจะลงทุนกี่แสนล้าน", {"เค้า"}),
        ("สโคป3ปกติคิดเป็นกี่%", {"ปกติ"}),
        ("กฎomnibus มีผลตั้งแต่วันไหน", {"แต่วัน", "ตั้ง"}),  # newmm: ตั้ง|แต่วัน|ไหน
        ("iso 14067 ฉบับแรกออกมาเมื่อไหร่", {"ออกมา", "ออก"}),
        ("ฉลากcfr มีอีกชื่อนึงว่าไรนะ ลืมละ", {"ลืม", "ลืมละ"}),  # the owner's aside
        ("โมเดลบีซีจีที่รัฐชอบพูด ตัวB C G มันคือคำว่าไรบ้าง", {"ชอบ"}),
        ("ทำสัญญา private ppa ส่วนใหญ่ยาวกี่ปีคะ", {"ส่วนใหญ่"}),
        ("ร้านใช้แก๊สถังสิบห้าโล ปล่อยคาร์บอนเดือนละเท่าไหร่", {"สิบห้า", "ห้า"}),  # a figure in words
        ("มาตรฐาน iso 14064 ส่วนที่สามเอาไว้ทำอะไร", {"ที่สาม", "สาม"}),  # an ordinal
        ("carbon intensity หมายความว่าอะไรครับ", {"หมายความ", "หมายความว่า"}),  # how it is asked
        ("ขอฉลากคาร์บอนใช้เวลานานไหมคะ", {"ใช้เวลานาน", "นาน"}),  # how long: the question, not its topic
        ("ผู้ถือหุ้นไทยต้องกี่%ขึ้นไป", {"ขึ้นไป"}),
        ("มาตรการของ สสว. ชื่ออะไรสักอย่าง จำไม่ได้", {"สัก", "จำไม่ได้"}),
        ("สาร r-32 ต้องคูณตัวเลขไหนถึงเป็น co2e", {"คูณ"}),  # how to compute, not what about
        ("สัญญา ppa ส่วนมากยาวกี่ปี", {"ยาว"}),  # how long
        ("หม้อไอน้ำควรคุมอากาศส่วนเกินไว้ราวๆเท่าไหร่", {"คุม"}),
        ("สสว. ตัวย่อมาจากชื่อเต็มว่าอะไร", {"ตัวย่อ"}),  # the form of the answer, not its subject
        ("บสย. ภาษาอังกฤษสะกดยังไงคะ", {"สะกด"}),
        ("สำนักงาน กกพ. ชื่อเล่นที่คนเรียกกันคืออะไร", {"ชื่อเล่น"}),
        ("ในอภิธานศัพท์ คำว่า baseline แปลว่าอะไร", {"อภิธานศัพท์", "อภิธาน", "ศัพท์"}),
        ("ในบทเรียนบอกว่าแอร์ควรตั้งกี่องศา", {"บทเรียน"}),  # the course itself
        ("ค่าไฟทุกมิเตอร์บวกกันได้เท่าไหร่", {"บวก", "บวกกัน"}),  # how figures combine
        ("ทำครบทุกข้อแล้ว ลดได้รวมกันกี่ตัน", {"ครบ", "รวมกัน"}),
        ("นอกจากบิลค่าไฟ ต้องเตรียมเอกสารอะไรอีก", {"นอกจาก"}),
        ("ค่าไฟที่เห็นในเน็ตเป็นของปีไหน", {"เน็ต", "ในเน็ต"}),  # hearsay: where it was seen
        ("ฉลากลดคาร์บอนเริ่มใช้ตั้งแต่ปีไหน", {"เริ่ม"}),
        ("เคยมีคนซื้อเครดิตกันตันละกี่บาท", {"เคย"}),
        ("บสย. ค้ำให้ได้มากสุดกี่ล้าน", {"ให้ได้"}),
    ],
)
def test_the_way_a_question_is_padded_is_no_topic(typed: str, padding: set[str]) -> None:
    """Words that say who asks or how, not what about, must not count as something the material lacks."""
    assert not {w.text for w in understand(typed, Lexicon.build([])).words} & padding


def test_a_function_word_glued_on_by_newmm_is_looked_past() -> None:
    """newmm keeps "ที่รับรอง" and "เสียค่าธรรมเนียม" whole; the material writes "ได้รับรอง", "ค่าธรรมเนียม"."""
    words = {w.text: w.forms for w in understand("เครดิตที่รับรองแล้ว เสียค่าธรรมเนียมเท่าไร", Lexicon.build([])).words}
    assert "รับรอง" in words["ที่รับรอง"] and "ค่าธรรมเนียม" in words["เสียค่าธรรมเนียม"]
    land = {w.text: w.forms for w in understand("ที่ดินเปล่าติดโซลาร์ได้ไหม", Lexicon.build([])).words}
    assert "ดิน" not in land.get("ที่ดิน", ())  # land is not soil: three letters are too few to look past


def test_a_price_per_item_is_asked_in_money() -> None:
    """"ราคาคันละเท่าไหร่" is answered in baht (or dollars), not by any figure beside "คัน"."""
    price = understand("รถยกไฟฟ้า 2.5ตัน ราคาคันละเท่าไหร่ครับ", Lexicon.build([]))
    assert "บาท" in price.unit and "คัน" not in price.unit
    fuel = understand("รถยกใช้แก๊สคันละกี่กิโลต่อเดือน", Lexicon.build([]))
    assert "บาท" not in fuel.unit  # no price asked: the unit stays what was typed


def test_a_number_word_inside_a_name_is_still_a_word() -> None:
    """"ศูนย์" is a centre as often as zero: "ศูนย์ฝึกอบรม" stays something asked about."""
    words = {w.text for w in understand("ศูนย์ฝึกอบรมที่จตุจักรมีที่จอดรถไหม", Lexicon.build([])).words}
    assert any("ศูนย์" in w for w in words)


def test_everyday_spellings_of_the_material_s_words_are_repaired() -> None:
    """Owners type "ดีมานด์" and "พรฎ."; the material writes "ความต้องการพลังไฟฟ้า" and "พระราชกฤษฎีกา"."""
    lexicon = Lexicon.build([])
    assert "ความต้องการพลังไฟฟ้า" in understand("โรงแรมดีมานด์เกิน 30 kw ใช้อัตราไหน", lexicon).query
    assert "พระราชกฤษฎีกา" in understand("อบก.ตั้งตามพรฎ.ปีไหน", lexicon).query


@pytest.mark.parametrize("typed", ["ดอลล์", "ดอลล่าร์", "ดอลลา"])
def test_every_chat_spelling_of_a_word_is_read_as_the_course_writes_it(typed: str) -> None:
    """Each variant of ``spellings.yaml`` counts: a word listed under two keys once lost the first list."""
    understood = understand(f"ไทยส่งอลูมิเนียมไปeuปี2024 มูลค่ากี่ล้าน{typed}", Lexicon.build([]))
    assert "ดอลลาร์" in {w.text for w in understood.words}


@pytest.mark.parametrize(
    ("typed", "words", "not_words"),
    [
        ("ค่าไฟคิดเป็นต่อหน่วยกี่บาท", {"ไฟ"}, {"เป็นต่อ"}),  # เป็น|ต่อ, not "the upper hand"
        ("เปลี่ยนปั๊มลมแล้วประหยัดเงินได้เดือนละเท่าไหร่", {"เงิน"}, {"เงินได้"}),  # เงิน|ได้, not income
        ("bois ยกเว้นภาษีเงินได้นิติบุคคลกี่ปี", {"ภาษีเงินได้"}, {"เงิน"}),  # income tax stays whole
    ],
)
def test_dictionary_words_newmm_joins_across_a_boundary_are_split(typed: str, words: set[str], not_words: set[str]) -> None:
    texts = {w.text for w in understand(typed, Lexicon.build([])).words}
    assert words <= texts and not texts & not_words


@pytest.mark.parametrize("typed", ["การบ้านสัปดาห์ที่ 6 ส่งเมื่อไหร่", "การบ้านสัปดาที่6 ส่งเมื่อไหร่", "การบ้านสัปดาห์ 6 ส่งวันไหน"])
def test_a_week_however_typed_is_that_week_and_leaves_no_stray_letters(typed: str) -> None:
    """"สัปดา" is a chat spelling of "สัปดาห์": it is not replaced inside "สัปดาห์" itself ("สัปดาห์ ห์")."""
    understood = understand(typed, Lexicon.build([]))
    assert understood.week == 6 and "ห์" not in understood.query.split()
    assert "ห์" not in {w.text for w in understood.words}


def test_hw_is_the_homework() -> None:
    assert "การบ้าน" in {w.text for w in understand("hw วีค6 ต้องเลือกกี่จุด", Lexicon.build([])).words}

