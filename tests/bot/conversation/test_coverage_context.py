"""Covered questions wrapped in the owner's own words are answered; hedges count only where they apply.

Real text over the bundled course, typed as an owner types in LINE.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.app.cli import sample_folder
from bot.app.composition import build_retriever
from bot.conversation.answerers.ranking import answers_type, found, word_weights
from bot.conversation.composer import LEAD_LIMIT, ComposedAnswer
from bot.conversation.countries import abroad
from bot.conversation.coverage import Tier, hedges_answer
from bot.conversation.lexicon import squash
from bot.conversation.respond import Responder
from bot.conversation.understanding import Understood, Word
from bot.i18n.conversation import conversation_message
from bot.settings import Settings
from knowledge.embedders import Embedder
from knowledge.retriever import HybridRetriever
from knowledge.sync import sync_folders


@pytest.fixture(scope="module")
def responder(sample_retriever: HybridRetriever) -> Responder:
    return Responder.over(sample_retriever.index)


def _reply(responder: Responder, retriever: HybridRetriever, question: str) -> ComposedAnswer:
    understood = responder.understand(question)
    return responder.respond_to_question(understood, retriever.retrieve(understood.query, k=5), None, "th")


def test_an_owner_s_business_around_a_covered_question_is_answered_with_the_fact_first(
    responder: Responder, sample_retriever: HybridRetriever
) -> None:
    """The course never mentions bakeries; the owner saying theirs is one is no gap in the material."""
    composed = _reply(responder, sample_retriever, "ร้านผมทำเบเกอรี่ อยากรู้ว่า ef ไฟฟ้า scope 2 ใช้ค่าเท่าไหร่ครับ")
    assert composed.kind == Tier.ANSWERED.value and not composed.offer_mentor
    assert "0.4750" in composed.text[:LEAD_LIMIT]
    assert "เบเกอรี่" not in composed.text


def test_the_owner_s_business_is_not_a_topic_but_what_it_uses_is(responder: Responder) -> None:
    bakery = {w.text for w in responder.understand("ร้านผมทำเบเกอรี่ อยากรู้ว่า ef ไฟฟ้าเท่าไหร่").words}
    assert "เบเกอรี่" not in bakery
    truck = {w.text for w in responder.understand("โรงงานเราใช้รถบรรทุกดีเซล ef เท่าไหร่คะ").words}
    assert "รถบรรทุก" in truck


@pytest.mark.parametrize(
    ("question", "context", "topic"),
    [
        ("ร้านข้าวมันไก่เราใช้แก๊ส lpg เดือนละ 3 ถัง ef กี่ kg ต่อกิโล", "ข้าวมันไก่", "lpg"),
        ("ฟาร์มไก่ไข่ของพ่อจะทำบ่อหมักก๊าซ ใช้เทคโนโลยีอะไรได้บ้าง", "ไก่", "บ่อหมัก"),
        ("ญาติทำโรงสีข้าว อยากรู้ว่าแกลบเผาแล้วนับเป็น scope ไหน", "ญาติ", "แกลบ"),
        ("ลูกค้าเยอรมันถามว่า cbam เริ่มเก็บเงินจริงปีไหน", "เยอรมัน", "cbam"),
    ],
)
def test_who_asks_and_for_whom_is_not_a_topic(responder: Responder, question: str, context: str, topic: str) -> None:
    """The owner's product, a relative and where the customer is frame the question; they are no gap."""
    words = {w.text for w in responder.understand(question).words} | {
        f for w in responder.understand(question).words for f in w.forms
    }
    assert not any(context in word for word in words)
    assert topic in words


def test_a_country_the_goods_go_to_is_still_a_topic(responder: Responder) -> None:
    assert "ญี่ปุ่น" in {w.text for w in responder.understand("ส่งของไปญี่ปุ่นมีภาษีแบบ cbam ไหมครับ").words}


def test_a_hedge_beside_the_answer_does_not_hold_the_answer_back(
    responder: Responder, sample_retriever: HybridRetriever
) -> None:
    """The loan lines give the limit and say the term is unknown: asked for the limit, it answers."""
    composed = _reply(responder, sample_retriever, "sme d bank green productivity วงเงินต่อรายสูงสุดกี่ล้าน")
    assert composed.kind == Tier.ANSWERED.value and not composed.offer_mentor
    assert "30 ล้านบาท" in composed.text[:LEAD_LIMIT]


def test_today_s_value_that_the_material_hedges_gets_the_gap_and_the_mentor(
    responder: Responder, sample_retriever: HybridRetriever
) -> None:
    """The material says today's deadline is unconfirmed: no date is invented, the mentor is offered."""
    composed = _reply(responder, sample_retriever, "sme d bank ตอนนี้ยังรับคำขอถึงเมื่อไหร่")
    assert composed.kind != Tier.ANSWERED.value and composed.offer_mentor
    gaps = [
        conversation_message(key, "th", what="\x00").split("\x00")[0]
        for key in (
            "answer.gap_hedged",
            "answer.gap_figure",
            "answer.gap_named",
            "answer.gap_general",
            "answer.not_covered",
        )
    ]
    assert any(gap in composed.text for gap in gaps)


def test_a_hedge_counts_where_it_is_about_what_was_asked(responder: Responder) -> None:
    line = "SME D Bank: Decarbonize Loan: ดอกเบี้ย 3%; วงเงิน สูงสุด 20 ล้านบาทต่อราย; ระยะเวลาสูงสุด ไม่มีข้อมูล"
    limit = responder.understand("decarbonize loan วงเงินสูงสุดกี่ล้านบาท")
    assert not hedges_answer(limit, line, _weights(responder, limit))
    term = responder.understand("decarbonize loan ผ่อนได้นานสูงสุดกี่ปี")
    assert hedges_answer(term, line, _weights(responder, term))


def test_a_hedge_after_the_answer_or_in_brackets_beside_it_does_not_hold_it_back(responder: Responder) -> None:
    """Course lines where the answer and an unrelated hedge share a sentence (weeks 7 and 10, the FAQ)."""
    boi = (
        "มาตรการส่งเสริมการลงทุนของ BOI เพื่อปรับปรุงประสิทธิภาพ: ให้ยกเว้นภาษีเงินได้นิติบุคคล 3 ปี "
        "ในวงเงินไม่เกิน 50% ของเงินลงทุน ช่วงเวลายื่นคำขอในปัจจุบันยังไม่ยืนยัน"
    )
    years = responder.understand("boiยกเว้นภาษีเงินได้นิติบุคคลกี่ปีครับ")
    assert not hedges_answer(years, boi, _weights(responder, years))
    when = responder.understand("boi ตอนนี้ยื่นคำขอได้ถึงเมื่อไหร่")
    assert hedges_answer(when, boi, _weights(responder, when))  # today's window is what is hedged
    sbti = (
        "ค่าธรรมเนียมตอนเปิดตัว 1,000 ดอลลาร์สหรัฐ (ค่าธรรมเนียมปัจจุบันยังไม่ยืนยัน) เงื่อนไขคือปล่อยขอบเขตที่ 1 "
        "รวมขอบเขตที่ 2 แบบอิงที่ตั้ง (location-based) น้อยกว่า 10,000 tCO2e"
    )
    ceiling = responder.understand("sbti sme เพดาน scope1+2 ต้องไม่ถึงกี่ตัน")
    assert not hedges_answer(ceiling, sbti, _weights(responder, ceiling))
    loan = "กสิกรไทย: Solar Rooftop Loan: ดอกเบี้ย ไม่มีข้อมูล; วงเงิน 100% ของค่าติดตั้ง; ระยะเวลาสูงสุด 8 ปี"
    rate = responder.understand("สินเชื่อsolar rooftop กสิกร ดอกเบี้ยกี่%คะ")
    assert hedges_answer(rate, loan, _weights(responder, rate))  # the rate itself is what is unknown


def test_a_not_yet_after_the_subject_hedges_the_whole_statement(responder: Responder) -> None:
    """ "ยังไม่ได้เปิดเผย" says of what precedes it, across a bracket, that the material does not have it."""
    mentors = "รายชื่อพี่เลี้ยง (mentor) และวิทยากรของ NZAP 2026 ยังไม่ได้เปิดเผยต่อสาธารณะ ทีมงานโครงการจะเป็นผู้แจ้ง"
    who = responder.understand("พี่เลี้ยงในโครงการมีใครบ้าง ขอชื่อหน่อย")
    assert hedges_answer(who, mentors, _weights(responder, who))
    fees = "ค่าสมัคร ค่าเรียน และการออกใบประกาศนียบัตรของ NZAP 2026 ยังไม่ได้ประกาศต่อสาธารณะ"
    fee = responder.understand("สมัครnzapเสียค่าเรียนเท่าไหร่")
    assert hedges_answer(fee, fees, _weights(responder, fee))
    # A field's own "ไม่มีข้อมูล" stays with its field: asked for the term, the line answers it.
    loan = "กรุงไทย: สินเชื่ออนุรักษ์พลังงาน: ดอกเบี้ย ไม่มีข้อมูล; วงเงิน 3 ล้านบาท; ระยะเวลาสูงสุด 7 ปี"
    term = responder.understand("สินเชื่ออนุรักษ์พลังงานของกรุงไทย ผ่อนได้กี่ปีครับ")
    assert not hedges_answer(term, loan, _weights(responder, term))


def _weights(responder: Responder, understood: Understood) -> dict[Word, float]:
    return word_weights(understood.words, responder.idf)


def test_the_gap_names_the_thing_asked_about_not_the_word_for_now(
    responder: Responder, sample_retriever: HybridRetriever
) -> None:
    """ "ตอนนี้" makes the question one for today's value, but "the material does not say 'now'" says nothing."""
    composed = _reply(responder, sample_retriever, "ดอกเบี้ย mlr ของแบงก์กสิกรตอนนี้กี่%คะ")
    assert composed.kind != Tier.ANSWERED.value and composed.offer_mentor
    assert "ตอนนี้" not in composed.text


def _tiny_course(tmp_path: Path, embedder: Embedder, module: str) -> tuple[Responder, HybridRetriever]:
    """One module beside the bundled glossary (so "solar" is "โซลาร์"), indexed for real."""
    course = tmp_path / "course"
    (course / "modules").mkdir(parents=True)
    (course / "modules" / "week10-example.md").write_text(module, encoding="utf-8")
    shutil.copy(sample_folder() / "glossary.yaml", course / "glossary.yaml")
    settings = Settings(_env_file=None, data_dir=tmp_path / "data")
    sync_folders([course], settings.resolved_index_dir(), embedder)
    retriever = build_retriever(settings, embedder)
    return Responder.over(retriever.index), retriever


def test_a_row_beside_the_lead_that_lacks_the_asked_figure_makes_the_reply_partial(
    tmp_path: Path, embedder: Embedder
) -> None:
    """The lead gives the bank's other loan terms; the table row beside it says the rate is unknown."""
    responder, retriever = _tiny_course(
        tmp_path,
        embedder,
        "# สินเชื่อสีเขียว\n\n## สินเชื่อของธนาคารพาณิชย์\n\n"
        "ส่วนกสิกรไทยมีสินเชื่อโซลาร์รูฟท็อปให้กู้ได้เต็มร้อยละ 100 นานสูงสุด 8 ปี และธนาคารกรุงเทพมีสินเชื่อ"
        "บัวหลวงกรีน (Bualuang Green Loan) วงเงินถึง 50 ล้านบาท ดอกเบี้ย MLR-1.0% นานสูงสุด 8 ปี\n\n"
        "## ตารางเทียบสินเชื่อ\n\n"
        "- กสิกรไทย: Solar Rooftop Loan: ดอกเบี้ย ไม่มีข้อมูล; วงเงิน 100% ของค่าติดตั้ง; ระยะเวลาสูงสุด 8 ปี\n"
        "- กรุงเทพ: Bualuang Green Loan: ดอกเบี้ย MLR−1.0%; วงเงิน สูงสุด 50 ล้านบาท; ระยะเวลาสูงสุด 8 ปี\n",
    )
    rate = _reply(responder, retriever, "สินเชื่อโซลาร์ของกสิกร ดอกเบี้ยกี่เปอร์เซ็นต์คะ")
    assert rate.kind != Tier.ANSWERED.value and rate.offer_mentor
    term = _reply(responder, retriever, "สินเชื่อโซลาร์ของกสิกร ผ่อนได้นานสุดกี่ปีคะ")
    assert term.kind == Tier.ANSWERED.value and "8 ปี" in term.text[:LEAD_LIMIT]


def test_a_year_answers_which_year_and_the_course_s_notation_answers_the_unit_typed(responder: Responder) -> None:
    """ "ปีไหน" is answered by "พ.ศ. 2550" without a month; "กี่ล้านตัน" by "152 MtCO2e"."""
    founded = "องค์การบริหารจัดการก๊าซเรือนกระจก (อบก.) ตั้งขึ้นตามพระราชกฤษฎีกา พ.ศ. 2550 (ค.ศ. 2007)"
    assert answers_type(responder.understand("อบก.ตั้งตามพรฎ.ปีไหนครับ"), founded, True)
    assert not answers_type(responder.understand("อบก.ตั้งวันไหน"), founded, True)  # a day needs a date
    ceiling = "NDC 3.0 กำหนดให้การปล่อยสุทธิไม่เกิน 152 MtCO2e ในปี พ.ศ. 2578"
    assert answers_type(responder.understand("ndc3.0 ปล่อยสุทธิไม่เกินกี่ล้านตันคะ"), ceiling, True)
    assert not answers_type(responder.understand("ndc3.0 ต้องลงทุนกี่ล้านบาท"), ceiling, True)


def test_an_opening_without_the_kind_of_figure_asked_for_is_not_a_plain_answer(
    tmp_path: Path, embedder: Embedder
) -> None:
    """Asked "กี่%", a worked example in kWh is near the answer but does not give it."""
    responder, retriever = _tiny_course(
        tmp_path,
        embedder,
        "# พลังงานทางเลือก\n\n## ฮีตปั๊มทำน้ำร้อน\n\n"
        "ใช้ฮีตปั๊ม COP 4 แทนฮีตเตอร์ไฟฟ้า: ไฟที่ใช้ = 6,000 ÷ 4 = 1,500 kWh ต่อเดือน ประหยัด 4,500 kWh ต่อเดือน\n\n"
        "ฮีตปั๊มดึงความร้อนจากอากาศมาทำน้ำร้อน เหมาะกับโรงแรมและร้านอาหารที่ใช้น้ำร้อนทุกวัน\n",
    )
    share = _reply(responder, retriever, "heat pump ทำน้ำร้อน ประหยัดไฟกี่%")
    assert share.kind != Tier.ANSWERED.value and share.offer_mentor
    units = _reply(responder, retriever, "heat pump ทำน้ำร้อน ประหยัดไฟเดือนละกี่หน่วย kwh")
    assert units.kind == Tier.ANSWERED.value and "4,500 kWh" in units.text[:LEAD_LIMIT]


def test_a_partial_reply_never_says_the_figure_is_missing_when_a_point_below_gives_it(
    tmp_path: Path, embedder: Embedder
) -> None:
    """The lead names the customer, the point below gives the target: "no figure" would be untrue."""
    responder, retriever = _tiny_course(
        tmp_path,
        embedder,
        "# ห่วงโซ่อุปทาน\n\n## ลูกค้ารายใหญ่\n\n"
        "เรื่องลูกค้า: ผู้ผลิตรถยนต์รายใหญ่ตั้งเป้าลดก๊าซและซื้อไฟหมุนเวียน เช่น โตโยต้า มอเตอร์ ประเทศไทย\n\n"
        "## ใบรับรองไฟหมุนเวียนของผู้ผลิตรถยนต์\n\n"
        "ชุดแรกของ กฟผ. 10,000 ใบ และตั้งเป้าลดก๊าซร้อยละ 30 ภายใน พ.ศ. 2568 (ตามข่าว Bangkok Post) "
        "ผู้ผลิตชิ้นส่วนในห่วงโซ่จึงถูกขอข้อมูล Scope 1-2 และสัดส่วนไฟหมุนเวียนมากขึ้น ทั้งในแบบสอบถามประจำปี "
        "การตรวจโรงงาน และเงื่อนไขในสัญญาซื้อขายรอบใหม่ ซึ่งผู้ผลิตชิ้นส่วนรายเล็กควรเตรียมบิลค่าไฟ ใบเสร็จน้ำมัน "
        "และตัวเลขการผลิตย้อนหลังอย่างน้อย 12 เดือนไว้ตอบลูกค้าได้ทันที\n",
    )
    composed = _reply(responder, retriever, "ลูกค้าเราคือโตโยต้า เค้าตั้งเป้าลดก๊าซไว้เท่าไหร่ภายในปี๖๘คะ")
    assert "ร้อยละ 30" in composed.text
    assert conversation_message("answer.gap_figure", "th") not in composed.text


def test_another_country_s_scheme_is_not_an_answer_about_thailand_s(tmp_path: Path, embedder: Embedder) -> None:
    """The course dates the EU ETS and CBAM, not a Thai ETS: the EU's year must not answer "ของไทย"."""
    responder, retriever = _tiny_course(
        tmp_path,
        embedder,
        "# CBAM\n\n## ช่วงบังคับใช้จริง\n\n"
        "ช่วงบังคับใช้จริงของ CBAM เริ่ม 1 มกราคม พ.ศ. 2569 (ค.ศ. 2026) โดยผู้นำเข้าต้องซื้อใบรับรอง CBAM "
        "ตามราคา EU ETS และใบรับรองเริ่มขายวันที่ 1 กุมภาพันธ์ พ.ศ. 2570 (ค.ศ. 2027)\n\n"
        "## การส่งออกของไทย\n\n"
        "ในปี พ.ศ. 2567 (ค.ศ. 2024) ไทยส่งออกอะลูมิเนียมไปสหภาพยุโรป 56.7 ล้านดอลลาร์สหรัฐ\n",
    )
    thai = _reply(responder, retriever, "ETS ของไทยจะเริ่มซื้อขายจริงปีไหนคะ")
    assert thai.kind == Tier.PARTIAL.value and thai.offer_mentor
    assert thai.text.startswith(conversation_message("answer.gap_abroad", "th"))
    eu = _reply(responder, retriever, "EU ETS ใบรับรองเริ่มขายปีไหนคะ")
    assert not eu.text.startswith(conversation_message("answer.gap_abroad", "th"))
    # Thailand's trade with the EU is answered by the figure the material gives.
    exports = _reply(responder, retriever, "ปี2024ไทยส่งอลูมิเนียมไปEUกี่ล้านดอลล่า")
    assert exports.kind == Tier.ANSWERED.value and "56.7" in exports.text[:LEAD_LIMIT]


def test_a_latin_country_code_counts_only_as_a_word_of_its_own(responder: Responder) -> None:
    """ "neutral" holds the letters "eu": the question still asks about Thailand's own label."""
    understood = responder.understand("ฉลาก carbon neutral ของไทย ใครรับรอง")
    assert abroad(understood, "ฉลาก carbon neutral ของสหภาพยุโรปรับรองโดยหน่วยงานของ EU", understood.words)
    assert not abroad(understood, "ฉลาก carbon neutral ของ อบก. รับรองโดย อบก.", understood.words)


def test_a_name_glued_to_its_number_is_found_where_the_material_spaces_them() -> None:
    """Owners type "pgs10" and "irec1"; the material writes "PGS ระยะที่ 10" and "1 I-REC"."""
    pgs10 = Word("pgs10", ("pgs10",))

    def in_text(word: Word, text: str) -> bool:
        folded = squash(text)
        return found(word, folded, set(folded.split()))

    assert in_text(pgs10, "โครงการ บสย. SMEs เข้มแข็ง (PGS ระยะที่ 10) ค่าธรรมเนียม 1.25% ต่อปี")
    assert not in_text(pgs10, "PGS ระยะที่ 9 ค้ำได้ 10 ล้านบาท")  # the first number after the name is 9
    assert not in_text(pgs10, "PGS ระยะที่ 100")
    assert not in_text(Word("iso14001", ("iso14001",)), "ISO 14064-1 และ ISO 14067")
