"""Passages cut into showable sentences once, and sources named as a reader would look them up."""

from __future__ import annotations

from bot.conversation.answerers.sentences import Kind, SentenceCache, split_chunk
from bot.i18n.sources import readable, source_title, title_for
from bot.types import Citation
from ingestion.documents import Chunk

TABLE = """ตัวเลขโซลาร์รูฟท็อปในส่วนนี้ส่วนใหญ่มาจากบริษัทผู้ขาย จึงควรใช้เป็นช่วงโดยประมาณ
รายการ | ค่าโดยประมาณ | หมายเหตุ
ชั่วโมงแดดเต็มที่ (peak sun hours) | 3.8–5.0 ชั่วโมงต่อวัน | เป็นช่วง ไม่ใช่ค่าเดียวทั้งประเทศ
ราคาติดตั้ง | ประมาณ 18,000 บาทต่อ kWp | ราคาอ้างอิงปี 2026 จากผู้ขายรายหนึ่ง"""

GLOSSARY = """คาร์บอนเครดิต (Carbon credit): ปริมาณก๊าซเรือนกระจกที่ลดหรือกักเก็บได้และได้รับการรับรอง
คำที่ใช้เรียก: carbon credit, คาบอนเครดิต, คาร์บอนเครดิท"""

OVERLAP = """จึงควรตรวจให้แน่ใจว่าราคา 18,000 บาทต่อ kWp รวมอะไรบ้าง และอย่าลืมค่าบำรุงรักษา
ผลของค่าไฟต่อระยะคืนทุนอยู่ในตารางด้านล่าง"""


def _chunk(text: str, ident: str = "c1", kind: str = "course", **fields: object) -> Chunk:
    return Chunk(id=ident, text=text, source="modules/week05-solar-rooftop.md", title="โซลาร์รูฟท็อป", kind=kind, **fields)  # type: ignore[arg-type]


def test_table_rows_read_as_label_and_value_and_the_header_is_not_shown() -> None:
    sentences = split_chunk(_chunk(TABLE))
    rows = [s for s in sentences if s.kind is Kind.ROW]
    assert rows and all("|" not in s.text for s in rows)
    assert rows[0].text.startswith("ชั่วโมงแดดเต็มที่ (peak sun hours): ค่าโดยประมาณ 3.8–5.0")
    header = [s for s in sentences if s.kind is Kind.HEADER]
    assert header and not header[0].kind.shown


def test_a_glossary_spelling_list_is_never_shown() -> None:
    sentences = split_chunk(_chunk(GLOSSARY, kind="glossary"))
    shown = [s.text for s in sentences if s.kind.shown]
    assert shown and not any("คำที่ใช้เรียก" in s or "คาบอนเครดิต" in s for s in shown)


def test_a_piece_that_starts_mid_sentence_is_marked() -> None:
    first, second = split_chunk(_chunk(OVERLAP))
    assert first.fragment and not second.fragment


def test_a_line_cut_by_crfcut_before_a_continuation_is_glued_back() -> None:
    line = "ระยะคืนทุนที่ราคา 720,000 บาทสั้นกว่าช่วง 4–7 ปีที่ผู้ขายให้ไว้ จึงควรตรวจให้แน่ใจว่าราคา 18,000 บาทต่อ kWp รวมอะไรบ้าง"
    sentences = split_chunk(_chunk(line))
    assert not any(s.fragment for s in sentences)
    assert any("จึงควรตรวจ" in s.text and "ระยะคืนทุน" in s.text for s in sentences)


def test_the_cache_splits_each_chunk_once_and_forgets_the_oldest() -> None:
    cache = SentenceCache(maxsize=2)
    a, b, c = _chunk(TABLE, "a"), _chunk(GLOSSARY, "b"), _chunk(OVERLAP, "c")
    assert cache.sentences(a) is cache.sentences(a)
    assert (cache.misses, cache.hits) == (1, 1)
    cache.sentences(b)
    cache.sentences(c)
    assert len(cache) == 2
    cache.sentences(a)
    assert cache.misses == 4  # "a" was the least recently used, so it was split again


def test_an_empty_cache_passed_in_is_the_one_used() -> None:
    from bot.conversation.answerers.extractive import ExtractiveAnswerer
    from knowledge.passages import Passage

    cache = SentenceCache()
    ExtractiveAnswerer(cache=cache).answer("ราคาติดตั้งโซลาร์เท่าไหร่", [Passage(_chunk(TABLE), 1.0)], [])
    assert cache.misses == 1


def test_sources_have_human_titles_never_file_names() -> None:
    week = _chunk(TABLE, week=5, page=4)
    assert source_title(week) == "สัปดาห์ที่ 5 · โซลาร์รูฟท็อป · หน้า 4"
    named_like_a_file = Chunk(id="x", text="...", source="week03.md", title="week03.md", heading_path=("ค่าไฟฟ้า",))
    assert source_title(named_like_a_file) == "ค่าไฟฟ้า"
    assert source_title(Chunk(id="y", text="...", source="notes.txt", title="capsolar.co.th")) == "เอกสารประกอบหลักสูตร"
    faq = Chunk(id="f", text="...", source="faq.yaml", title="ผู้ช่วยนี้ตอบจากข้อมูลไหน", kind="faq")
    assert source_title(faq) == "คำถามที่พบบ่อย · ผู้ช่วยนี้ตอบจากข้อมูลไหน"
    glossary = Chunk(id="g", text="...", source="glossary.yaml", title="คาร์บอนเครดิต", kind="glossary")
    assert source_title(glossary, "en") == "Glossary · คาร์บอนเครดิต"
    schedule = Chunk(id="s", text="...", source="schedule.yaml", title="ตารางเรียนสัปดาห์ที่ 3", kind="schedule", week=3)
    assert source_title(schedule) == "ตารางเรียน · สัปดาห์ที่ 3"


def test_a_citation_gets_the_same_human_title() -> None:
    citation = Citation(source="formats/week05.pptx", title="โซลาร์รูฟท็อป", slide=3, week=5)
    assert title_for(citation) == "สัปดาห์ที่ 5 · โซลาร์รูฟท็อป · สไลด์ 3"
    assert not readable("glossary.yaml") and not readable("https://www.nationthailand.com/news")
    assert readable("โซลาร์รูฟท็อป (Solar Rooftop) และพลังงานทางเลือกสำหรับ SME")
