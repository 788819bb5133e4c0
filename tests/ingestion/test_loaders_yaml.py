"""Curated YAML kinds (faq, schedule, glossary) and the Thai date formatting they use."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ingestion.loaders import load_file
from ingestion.loaders.base import SkipFile
from ingestion.thai.dates import buddhist_year, thai_date, thai_date_numeric, thai_date_short


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_thai_date_uses_buddhist_era_and_thai_month() -> None:
    d = date(2026, 1, 15)
    assert thai_date(d) == "วันพฤหัสบดีที่ 15 มกราคม 2569"
    assert thai_date(d, weekday=False) == "15 มกราคม 2569"
    assert "2569" in thai_date(d) and "มกราคม" in thai_date(d)
    assert thai_date_numeric(d) == "15/01/2569"
    assert thai_date_short(d) == "15 ม.ค. 69"
    assert buddhist_year(date(2025, 12, 31)) == 2568
    assert thai_date(date(2026, 2, 1)) == "วันอาทิตย์ที่ 1 กุมภาพันธ์ 2569"
    assert thai_date(date(2024, 12, 30)) == "วันจันทร์ที่ 30 ธันวาคม 2567"


FAQ = """kind: faq
title: "คำถามที่พบบ่อย"
items:
  - id: "faq-001"
    question: "ต้องใช้บิลค่าไฟกี่เดือน"
    answer: "อย่างน้อย 12 เดือน เพราะการใช้ไฟเปลี่ยนตามฤดูกาล"
    topics: ["ไฟฟ้า", "ข้อมูลกิจกรรม"]
    module: 2
  - id: "faq-002"
    question: "Scope 2 คืออะไร"
    answer: "การปล่อยทางอ้อมจากไฟฟ้าที่ซื้อมาใช้"
"""


def test_faq_gives_one_document_per_item(tmp_path: Path) -> None:
    docs = load_file(_write(tmp_path, "faq.yaml", FAQ), "faq.yaml")
    assert [d.title for d in docs] == ["ต้องใช้บิลค่าไฟกี่เดือน", "Scope 2 คืออะไร"]
    first, second = docs
    assert (first.kind, first.module, first.source) == ("faq", 2, "faq.yaml")
    assert first.topics == ("ไฟฟ้า", "ข้อมูลกิจกรรม")
    assert [s.text for s in first.sections] == [
        "คำถาม: ต้องใช้บิลค่าไฟกี่เดือน\nคำตอบ: อย่างน้อย 12 เดือน เพราะการใช้ไฟเปลี่ยนตามฤดูกาล"
    ]
    assert (second.module, second.topics, second.lang) == (None, (), "th")


MENTOR_FAQ = """kind: faq
items:
  - id: "T-0042"
    question: "ติดโซลาร์รูฟท็อปขนาดเล็กต้องขออนุญาตอะไรบ้าง"
    answer: "แจ้งการไฟฟ้าและขออนุญาตท้องถิ่นก่อนติดตั้ง"
    answered_by: "พี่สมชาย ใจดี"
    ticket: "T-0042"
    answered_on: "2026-11-26"
"""


def test_a_mentor_answer_names_its_mentor_ticket_and_date(tmp_path: Path) -> None:
    [doc] = load_file(_write(tmp_path, "mentor-T-0042.yaml", MENTOR_FAQ), "mentor-T-0042.yaml")
    attribution = "ตอบโดยพี่เลี้ยง พี่สมชาย ใจดี (เรื่อง T-0042, 26 พฤศจิกายน 2569)"
    [section] = doc.sections
    assert section.text.splitlines() == [
        "คำถาม: ติดโซลาร์รูฟท็อปขนาดเล็กต้องขออนุญาตอะไรบ้าง",
        "คำตอบ: แจ้งการไฟฟ้าและขออนุญาตท้องถิ่นก่อนติดตั้ง",
        attribution,
    ]
    assert section.heading_path == (attribution,)
    assert doc.kind == "faq"
    without_date = MENTOR_FAQ.replace('    answered_on: "2026-11-26"\n', "")
    [doc] = load_file(_write(tmp_path, "mentor.yaml", without_date), "mentor.yaml")
    assert doc.sections[0].heading_path == ("ตอบโดยพี่เลี้ยง พี่สมชาย ใจดี (เรื่อง T-0042)",)
    with pytest.raises(SkipFile, match="not an ISO date"):
        load_file(_write(tmp_path, "bad.yaml", MENTOR_FAQ.replace("2026-11-26", "เมื่อวาน")), "bad.yaml")


def test_faq_item_without_answer_names_the_item(tmp_path: Path) -> None:
    text = 'kind: faq\nitems:\n  - id: "q-7"\n    question: "ถามอะไร"\n'
    with pytest.raises(SkipFile, match=r"faq item 1 \(q-7\): missing answer"):
        load_file(_write(tmp_path, "faq.yml", text), "faq.yml")


SCHEDULE = """kind: schedule
title: "ตารางเรียนตัวอย่าง"
notice: "ยึดตามประกาศของทีมงาน"
sessions:
  - week: 3
    module: 3
    date: "2026-01-15"
    start: "09:00"
    end: "12:00"
    format: "onsite"
    venue: "ห้องประชุมใหญ่"
    topic: "ค่าการปล่อยก๊าซเรือนกระจก"
    homework: "คำนวณ Scope 2 จากบิลค่าไฟ"
  - week: 4
    module: 4
    date: 2026-01-22
    start: 13:30
    end: 16:00
    format: online
    venue: "ลิงก์แจ้งในกลุ่ม"
    topic: "ประหยัดพลังงาน"
    homework: "เดินสำรวจพลังงาน"
"""


def test_schedule_gives_a_document_per_session_and_an_overview(tmp_path: Path) -> None:
    docs = load_file(_write(tmp_path, "schedule.yaml", SCHEDULE), "schedule.yaml")
    assert len(docs) == 3
    week3, week4, overview = docs
    assert week3.title == "ตารางเรียนสัปดาห์ที่ 3: ค่าการปล่อยก๊าซเรือนกระจก"
    assert (week3.kind, week3.week, week3.module) == ("schedule", 3, 3)
    text = week3.sections[0].text
    assert "วันพฤหัสบดีที่ 15 มกราคม 2569 (15/01/2569" in text
    assert "เวลา: 09:00–12:00 น." in text
    assert "รูปแบบการเรียน: ที่สถานที่จริง" in text
    assert "สถานที่: ห้องประชุมใหญ่" in text
    assert "การบ้าน: คำนวณ Scope 2 จากบิลค่าไฟ" in text
    assert "หมายเหตุ: ยึดตามประกาศของทีมงาน" in text
    # Unquoted YAML values: a date object and 13:30, which YAML 1.1 reads as the number 810.
    text4 = week4.sections[0].text
    assert "วันพฤหัสบดีที่ 22 มกราคม 2569" in text4
    assert "เวลา: 13:30–16:00 น." in text4 and "รูปแบบการเรียน: ออนไลน์" in text4
    assert (overview.title, overview.kind, overview.week) == ("ตารางเรียนตัวอย่าง", "schedule", None)
    lines = overview.sections[0].text.splitlines()
    assert lines[0].startswith("สัปดาห์ที่ 3 (โมดูล 3) วันพฤหัสบดีที่ 15 มกราคม 2569 เวลา 09:00–12:00 น.")
    assert "ออนไลน์" in lines[1] and "ประหยัดพลังงาน" in lines[1]
    assert lines[-1] == "หมายเหตุ: ยึดตามประกาศของทีมงาน"


def test_schedule_with_a_bad_date_is_skipped(tmp_path: Path) -> None:
    text = "kind: schedule\nsessions:\n  - week: 1\n    date: 15/01/2026\n"
    with pytest.raises(SkipFile, match="not an ISO date"):
        load_file(_write(tmp_path, "s.yaml", text), "s.yaml")


GLOSSARY = """kind: glossary
title: "อภิธานศัพท์"
terms:
  - term: "ค่าการปล่อยก๊าซเรือนกระจก"
    english: "Emission Factor"
    aliases: ["EF", "ค่า EF"]
    definition: "ตัวเลขที่บอกว่ากิจกรรมหนึ่งหน่วยปล่อยก๊าซเท่าใด"
    module: 3
  - term: "คาร์บอนเครดิต"
    definition: "ปริมาณก๊าซที่ลดได้และรับรองแล้ว"
"""


def test_glossary_gives_one_document_per_term(tmp_path: Path) -> None:
    ef, credit = load_file(_write(tmp_path, "glossary.yml", GLOSSARY), "glossary.yml")
    assert (ef.title, ef.kind, ef.module) == ("ค่าการปล่อยก๊าซเรือนกระจก", "glossary", 3)
    assert ef.sections[0].text == (
        "ค่าการปล่อยก๊าซเรือนกระจก (Emission Factor): ตัวเลขที่บอกว่ากิจกรรมหนึ่งหน่วยปล่อยก๊าซเท่าใด\nคำที่ใช้เรียก: EF, ค่า EF"
    )
    assert credit.sections[0].text == "คาร์บอนเครดิต: ปริมาณก๊าซที่ลดได้และรับรองแล้ว"


@pytest.mark.parametrize(
    "text", ["kind: quiz\nitems: []\n", "title: ไม่มีชนิด\n", "- รายการ\n- ธรรมดา\n", "# comment only\n"]
)
def test_yaml_without_a_known_kind_is_skipped(tmp_path: Path, text: str) -> None:
    with pytest.raises(SkipFile, match=r"^YAML without a known kind \(faq, schedule, glossary\)$"):
        load_file(_write(tmp_path, "other.yaml", text), "other.yaml")


def test_invalid_yaml_is_skipped_with_its_line(tmp_path: Path) -> None:
    with pytest.raises(SkipFile, match=r"^invalid YAML at line \d+"):
        load_file(_write(tmp_path, "bad.yaml", "kind: faq\nitems: [\n  - {question: x\n"), "bad.yaml")


def test_bundled_sample_yaml_files_load() -> None:
    sample = Path(__file__).resolve().parents[2] / "knowledge" / "sample" / "course"
    for name, kind in (("faq.yaml", "faq"), ("schedule.yaml", "schedule"), ("glossary.yaml", "glossary")):
        path = sample / name
        if not path.is_file():
            continue
        docs = load_file(path, name)
        assert docs and all(d.kind == kind and d.sections for d in docs)


RELATIVE_SCHEDULE = """kind: schedule
title: "ตารางรุ่นตัวอย่าง"
example: true
sessions:
  - week: 4
    weekday: thursday
    module: 4
    activity: {id: site_visit, th: "ดูงานนอกสถานที่ (site visit)", en: "Site visit"}
    start: "09:00"
    end: "16:00"
    format: onsite
    venue: "โรงงานตัวอย่าง (สถานที่ตัวอย่าง)"
    topic: "ประหยัดพลังงาน"
  - day_offset: 10
    start: "13:30"
    end: "15:30"
    format: online
    topic: "พบพี่เลี้ยง"
"""


def test_a_relative_schedule_is_indexed_by_week_and_weekday_without_a_date(tmp_path: Path) -> None:
    week4, offset, overview = load_file(_write(tmp_path, "schedule.yaml", RELATIVE_SCHEDULE), "schedule.yaml")
    assert week4.title == "ตารางเรียนสัปดาห์ที่ 4 ดูงานนอกสถานที่ (site visit): ประหยัดพลังงาน"
    assert (week4.week, week4.module, week4.kind) == (4, 4, "schedule")
    lines = week4.sections[0].text.splitlines()
    assert "วันที่: วันพฤหัสบดี สัปดาห์ที่ 4 ของหลักสูตร (วันที่จริงขึ้นกับวันเริ่มของรุ่น)" in lines
    assert "กิจกรรม: ดูงานนอกสถานที่ (site visit)" in lines and "สถานที่: โรงงานตัวอย่าง (สถานที่ตัวอย่าง)" in lines
    # No year of either era: the date is not known at ingest time.
    assert not any(year in week4.sections[0].text for year in ("2569", "2570", "2026", "2027"))
    assert "วันที่: วันที่ 11 นับจากวันเริ่มหลักสูตร" in offset.sections[0].text
    first = overview.sections[0].text.splitlines()[0]
    assert (
        first == "สัปดาห์ที่ 4 (โมดูล 4) ดูงานนอกสถานที่ (site visit) วันพฤหัสบดี เวลา 09:00–16:00 น. ที่สถานที่จริง หัวข้อ: ประหยัดพลังงาน"
    )


@pytest.mark.parametrize(
    ("entry", "reason"),
    [
        ("  - week: 2\n    topic: x\n", "missing date"),
        ("  - week: 2\n    weekday: someday\n", "not a weekday name"),
        ("  - day_offset: -3\n", "day_offset must be"),
    ],
)
def test_a_session_that_cannot_be_dated_is_skipped_with_a_reason(tmp_path: Path, entry: str, reason: str) -> None:
    with pytest.raises(SkipFile, match=reason):
        load_file(_write(tmp_path, "s.yaml", "kind: schedule\nsessions:\n" + entry), "s.yaml")
