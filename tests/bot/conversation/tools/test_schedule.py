"""The schedule tool: dating a cohort, reading informal questions, wording answers relative to today."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

import bot.conversation.tools.schedule as schedule_module
from bot.conversation.tools.schedule import (
    THAI_TIME,
    Aspect,
    CohortSchedule,
    FixedClock,
    ScheduleQuery,
    SystemClock,
    demo_cohort_start,
    parse_schedule_question,
)
from ingestion.loaders.schedule_file import ScheduleFile, parse_schedule, read_schedule

SAMPLE = read_schedule(Path(__file__).resolve().parents[4] / "knowledge" / "sample" / "course" / "schedule.yaml")
START = date(2026, 11, 2)  # a Monday: week 5 is 30 Nov - 6 Dec 2026


def cohort(today: date, start: date | None = START, schedule: ScheduleFile = SAMPLE) -> CohortSchedule:
    return CohortSchedule(schedule, start, FixedClock(today))


def ask(text: str, today: date, start: date | None = START, schedule: ScheduleFile = SAMPLE) -> tuple[str, dict]:
    answer = cohort(today, start, schedule).answer_text(text)
    assert answer is not None, text
    return answer.text_th, answer.values


# --- questions -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("สัปดาห์หน้าเรียนอะไร", ScheduleQuery(Aspect.TOPIC, week_offset=1)),
        ("อาทิตย์หน้าเรียนไรคะ", ScheduleQuery(Aspect.TOPIC, week_offset=1)),
        ("week หน้า เรียนที่ไหน", ScheduleQuery(Aspect.VENUE, week_offset=1)),
        ("next week topic?", ScheduleQuery(Aspect.TOPIC, week_offset=1)),
        ("วีคนี้เรียนไร", ScheduleQuery(Aspect.TOPIC, week_offset=0)),
        ("สัปดาห์ที่ 5 เรียนอะไร", ScheduleQuery(Aspect.TOPIC, week=5)),
        ("week5 กี่โมง", ScheduleQuery(Aspect.TIME, week=5)),
        ("สัปดาห์ที่ ๘ เรียนออนไลน์ไหม", ScheduleQuery(Aspect.VENUE, week=8)),
        ("site visit วันไหน", ScheduleQuery(Aspect.DATE, activity="site_visit")),
        ("ไซต์วิสิตครั้งที่ 2 ที่ไหน", ScheduleQuery(Aspect.VENUE, activity="site_visit", ordinal=2)),
        ("ดูงานวันไหนคะ", ScheduleQuery(Aspect.DATE, activity="site_visit")),
        ("เดโม่เดย์กี่โมง", ScheduleQuery(Aspect.TIME, activity="demo_day")),
        ("พบพี่เลี้ยงวันไหน", ScheduleQuery(Aspect.DATE, activity="mentoring")),
        ("mentoring session when?", ScheduleQuery(Aspect.DATE, activity="mentoring")),
        ("เรียนที่ไหน", ScheduleQuery(Aspect.VENUE)),
        ("สถานที่เรียนอยู่ไหน", ScheduleQuery(Aspect.VENUE)),
        ("เรียนกี่โมง", ScheduleQuery(Aspect.TIME)),
        ("เหลืออีกกี่สัปดาห์", ScheduleQuery(Aspect.WEEKS_LEFT)),
        ("how many weeks left?", ScheduleQuery(Aspect.WEEKS_LEFT)),
        ("การบ้าน", ScheduleQuery(Aspect.HOMEWORK)),
        ("homework week 3", ScheduleQuery(Aspect.HOMEWORK, week=3)),
        ("site visit วันไหน กี่โมง ที่ไหน", ScheduleQuery(Aspect.SESSION, activity="site_visit")),
        ("หลักสูตรจบวันไหน", ScheduleQuery(Aspect.DATE, final=True)),
        ("พรุ่งนี้มีเรียนไหม", ScheduleQuery(Aspect.DATE, day_offset=1)),
    ],
)
def test_informal_questions_are_read(text: str, query: ScheduleQuery) -> None:
    assert parse_schedule_question(text) == query


@pytest.mark.parametrize(
    "text",
    [
        "ค่าไฟคิดยังไง",
        "สัปดาห์ที่ 3 สอนคำนวณ EF ยังไง",  # content of a week: retrieval answers it
        "สัปดาห์ที่ 3 EF คืออะไร",
        "การบ้านสัปดาห์ที่ 3 คำนวณยังไง",
        "สถานที่ติดตั้งโซลาร์ควรเป็นแบบไหน",  # "where" without a class
        "กี่โมง",
        "ขอคุยกับพี่เลี้ยง",  # a request for a mentor, not the mentoring session
        "ขอนัดพี่เลี้ยงหน่อย",
        "วันอาทิตย์หน้าร้านเปิดไหม",
        "สวัสดีครับ",
    ],
)
def test_other_messages_are_not_schedule_questions(text: str) -> None:
    assert parse_schedule_question(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "คลาสวีค 7 ตรงกับงานแต่งญาติ ขอเลื่อนไปเรียนรอบอื่นได้ไหม",  # a request to move: for the mentors
        "ถ้าขาดเรียนสัปดาห์ที่ 9 ต้องทำยังไง",
        "ไปดูงานสัปดาห์ที่ 11 ทางโครงการทำประกันให้หรือเปล่า",
        "การบ้านวีค 5 มีเฉลยไหมคะ",
    ],
)
def test_moving_a_session_insurance_and_answer_keys_are_not_on_the_timetable(text: str) -> None:
    """The timetable would answer with the session's date and venue, as if that settled the question."""
    assert parse_schedule_question(text) is None


# --- dating the cohort -----------------------------------------------------------------------------


def test_relative_sessions_are_dated_from_the_start_date_and_non_monday_starts_use_their_week() -> None:
    days = {(d.week, d.session.weekday): d.day for d in cohort(START).cohort(START).sessions}
    assert days[(1, 3)] == date(2026, 11, 5) and days[(12, 3)] == date(2027, 1, 21)
    assert days[(6, 1)] == date(2026, 12, 8)  # the mentoring Tuesday of week 6
    wednesday = {d.week: d.day for d in cohort(START, date(2027, 5, 5)).cohort(START).sessions}
    assert wednesday[1] == date(2027, 5, 6)  # week 1 is the week holding the start date


REAL = """kind: schedule
sessions:
  - {week: 1, date: "2027-01-07", start: "09:00", end: "12:00", format: onsite, venue: "ห้อง A", topic: "เปิด"}
  - {date: "2027-01-19", start: "13:00", end: "15:00", format: online, topic: "ไม่มีเลขสัปดาห์"}
  - {week: 3, day_offset: 16, start: "09:00", end: "12:00", format: onsite, venue: "ห้อง B", topic: "นับวัน"}
"""


def test_a_real_cohort_keeps_its_dates_and_a_relative_one_needs_a_start_date() -> None:
    import yaml

    real = parse_schedule(yaml.safe_load(REAL))
    assert not real.example
    with pytest.raises(ValueError, match="NZAP_COHORT__START_DATE"):
        CohortSchedule(real, None, FixedClock(date(2027, 1, 1)))
    dated = cohort(date(2027, 1, 10), date(2027, 1, 4), real).cohort(date(2027, 1, 10)).sessions
    assert [(d.day, d.week) for d in dated] == [(date(2027, 1, 7), 1), (date(2027, 1, 19), 3), (date(2027, 1, 20), 3)]
    absolute = parse_schedule(yaml.safe_load(REAL.rsplit("  - {week: 3", 1)[0]))
    text, values = ask("ครั้งถัดไปเรียนที่ไหน", date(2027, 1, 10), None, absolute)
    assert values["date_be"] == "19/01/2570" and values["week"] == 3 and "ตัวอย่างสมมติ" not in text


def test_the_demo_cohort_is_never_in_the_past_and_does_not_move_within_a_cohort() -> None:
    assert demo_cohort_start(date(2026, 12, 3), SAMPLE) == START  # mid-programme on the day this was written
    previous = None
    for offset in range(0, 800, 3):
        today = date(2026, 1, 1) + timedelta(days=offset)
        start = demo_cohort_start(today, SAMPLE)
        assert start.weekday() == 0 and (start - START).days % 91 == 0
        assert max(s.on(start) for s in SAMPLE.sessions) >= today  # never in the past
        assert previous is None or start >= previous  # only ever moves on to the next cohort
        previous = start
    values = cohort(date(2027, 1, 29), None).answer(ScheduleQuery(Aspect.WEEKS_LEFT)).values
    assert values == {"phase": "before", "weeks_left": 12}  # the break week: the next demo cohort is near


# --- answers ---------------------------------------------------------------------------------------


def test_next_weeks_topic_leads_with_the_topic_then_a_buddhist_era_date_relative_to_today() -> None:
    text, values = ask("สัปดาห์หน้าเรียนอะไร", date(2026, 12, 3))
    lines = text.splitlines()
    assert lines[0] == "สัปดาห์หน้า (สัปดาห์ที่ 6) เรียนเรื่อง “เทคโนโลยีดิจิทัลและ AI เพื่อเพิ่มประสิทธิภาพพลังงานใน SME”"
    assert lines[1] == "วันพฤหัสบดีที่ 10 ธันวาคม 2569 (สัปดาห์หน้า อีก 7 วัน) เวลา 09:00–12:00 น."
    assert lines[-1].startswith("หมายเหตุ: ตารางนี้เป็นตัวอย่างสมมติ")
    assert values["date"] == "2026-12-10" and values["date_be"] == "10/12/2569" and values["phase"] == "during"


@pytest.mark.parametrize(
    ("today", "phrase"),
    [
        (date(2026, 12, 10), "(วันนี้)"),
        (date(2026, 12, 9), "(พรุ่งนี้)"),
        (date(2026, 12, 7), "(อีก 3 วัน)"),
        (date(2026, 12, 11), "(เมื่อวาน)"),
        (date(2026, 12, 14), "(ผ่านไปแล้ว 4 วัน)"),
    ],
)
def test_days_are_worded_from_today(today: date, phrase: str) -> None:
    text, _ = ask("สัปดาห์ที่ 6 เรียนวันไหน", today)
    assert text.startswith("สัปดาห์ที่ 6 ตรงกับวันพฤหัสบดีที่ 10 ธันวาคม 2569 " + phrase)


def test_before_the_start_it_says_when_the_course_starts() -> None:
    text, values = ask("อาทิตย์นี้เรียนอะไร", date(2026, 10, 30))
    assert text.startswith("หลักสูตรยังไม่เริ่ม จะเริ่มวันพฤหัสบดีที่ 5 พฤศจิกายน 2569 (สัปดาห์หน้า อีก 6 วัน)")
    assert (values["phase"], values["week"]) == ("before", 1)
    text, values = ask("เหลืออีกกี่สัปดาห์", date(2026, 10, 30))
    assert "เรียนทั้งหมด 12 สัปดาห์" in text and values["weeks_left"] == 12


def test_after_the_end_it_says_so_and_points_to_the_assistant_and_mentors() -> None:
    text, values = ask("สัปดาห์หน้าเรียนอะไร", date(2027, 2, 15))
    assert text.startswith("หลักสูตรรุ่นนี้จบแล้ว วันสุดท้ายคือวันพฤหัสบดีที่ 21 มกราคม 2570 (ผ่านไปแล้ว 25 วัน)")
    assert "ขอคุยกับพี่เลี้ยง" in text and values == {"phase": "after"}
    text, values = ask("site visit วันไหน", date(2027, 2, 15))
    assert values["date_be"] == "14/01/2570" and "จบแล้ว" in text


def test_weeks_left_counts_the_weeks_after_this_one() -> None:
    text, values = ask("เหลืออีกกี่สัปดาห์", date(2026, 12, 3))
    assert text.startswith("เหลืออีก 7 สัปดาห์ (ไม่นับสัปดาห์นี้) ตอนนี้อยู่สัปดาห์ที่ 5 จาก 12")
    assert values == {"phase": "during", "week": 5, "weeks_left": 7}
    text, values = ask("เหลืออีกกี่สัปดาห์", date(2027, 1, 19))
    assert text.startswith("สัปดาห์นี้เป็นสัปดาห์สุดท้ายของหลักสูตร") and values["weeks_left"] == 0


def test_an_activity_held_more_than_once_names_which_one_and_the_other_dates() -> None:
    answer = cohort(date(2026, 12, 4)).answer_text("site visit ที่ไหน")
    assert answer is not None
    assert answer.text_th.startswith("ดูงานนอกสถานที่ (site visit) ครั้งที่ 3 จาก 3 (สัปดาห์ที่ 11) สถานที่: ศูนย์คัดแยก")
    assert "Other dates: 26 Nov 2026, 3 Dec 2026" in answer.text_en
    assert answer.values["activity"] == "site_visit"


def test_homework_without_a_week_is_that_of_the_latest_session() -> None:
    text, values = ask("การบ้านคืออะไร", date(2026, 12, 9))  # the Tuesday mentoring has no homework
    assert text.startswith("การบ้านครั้งล่าสุด (สัปดาห์ที่ 5): วัดพื้นที่หลังคา")
    assert values["week"] == 5


def test_a_week_that_is_not_in_the_schedule_and_the_week_after_the_last() -> None:
    text, values = ask("week 15 เรียนอะไร", date(2026, 12, 3))
    assert text.startswith("ตารางไม่มีสัปดาห์ที่ 15 หลักสูตรมีทั้งหมด 12 สัปดาห์") and "week" not in values
    text, values = ask("สัปดาห์หน้าเรียนอะไร", date(2027, 1, 19))
    assert text.startswith("หลังสัปดาห์ที่ 12 ไม่มีนัดแล้ว") and values["week"] == 12


def test_a_day_without_a_session_points_to_the_next_one() -> None:
    text, values = ask("พรุ่งนี้มีเรียนไหม", date(2026, 12, 3))
    assert text.startswith("พรุ่งนี้ไม่มีนัดในตาราง\nครั้งถัดไป (สัปดาห์ที่ 6) ตรงกับวันอังคารที่ 8 ธันวาคม 2569")
    assert values["activity"] == "mentoring"


def test_english_text_says_the_same_in_the_common_era() -> None:
    answer = cohort(date(2026, 12, 3)).answer(ScheduleQuery(Aspect.DATE, activity="demo_day"))
    assert answer.text_en.startswith("Demo Day, week 12 is on Thursday 21 January 2027 (in 49 days)")
    assert answer.text("en") == answer.text_en and answer.text("th") == answer.text_th


def test_answers_stay_within_400_characters_even_with_a_very_long_homework() -> None:
    import yaml

    long = parse_schedule(
        yaml.safe_load(
            "kind: schedule\nexample: true\nsessions:\n"
            f"  - {{week: 1, date: '2027-01-07', topic: 'x', homework: '{'งานยาวมาก ' * 80}'}}\n"
        )
    )
    answer = cohort(date(2027, 1, 1), None, long).answer(ScheduleQuery(Aspect.HOMEWORK, week=1))
    assert len(answer.text_th) <= 400 and len(answer.text_en) <= 400
    assert answer.text_th.endswith("ให้ยึดตามประกาศของทีมงานโครงการ") and "…" in answer.text_th


def test_clocks() -> None:
    assert FixedClock(date(2027, 1, 1)).today() == date(2027, 1, 1)
    clock = SystemClock.named("Asia/Bangkok")
    assert clock.today() in {datetime.now(THAI_TIME).date(), (datetime.now(THAI_TIME) - timedelta(seconds=5)).date()}
    with pytest.raises(Exception, match="Nowhere"):
        SystemClock.named("Nowhere/Atlantis")


def test_thai_time_works_without_a_zone_database(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(name: str) -> None:
        raise schedule_module.ZoneInfoNotFoundError(name)

    monkeypatch.setattr(schedule_module, "ZoneInfo", missing)
    assert SystemClock.named("Asia/Bangkok").zone is THAI_TIME


def test_a_week_without_a_session_says_so_and_gives_the_next_one() -> None:
    import yaml

    gap = parse_schedule(
        yaml.safe_load(
            "kind: schedule\nsessions:\n"
            "  - {week: 1, date: '2027-01-07', start: '09:00', end: '12:00', format: online, topic: 'หนึ่ง'}\n"
            "  - {week: 3, date: '2027-01-21', start: '09:00', end: '12:00', format: onsite, venue: 'ห้อง C', topic: 'สาม'}\n"
        )
    )
    text, values = ask("สัปดาห์นี้เรียนอะไร", date(2027, 1, 12), None, gap)
    assert text.splitlines()[:2] == [
        "สัปดาห์นี้ (สัปดาห์ที่ 2) ไม่มีนัดในตาราง",
        "ครั้งถัดไป (สัปดาห์ที่ 3) เรียนเรื่อง “สาม”",
    ]
    assert (values["week"], values["venue"]) == (3, "ห้อง C")


@pytest.mark.parametrize("text", ["วันนี้ร้อนจังเลย", "ราคาน้ำมันวันนี้เท่าไหร่", "พรุ่งนี้ฝนตกไหม"])
def test_a_day_alone_is_not_a_class(text: str) -> None:
    """"วันนี้" without a class word, a week or an activity says nothing about the timetable."""
    assert parse_schedule_question(text) is None
