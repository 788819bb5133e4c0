"""Informal Thai/English schedule questions ("สัปดาห์หน้าเรียนอะไร", "site visit วันไหน") as a query.

Matching runs on the folded text (Thai digits to Arabic, lower case) with the spaces removed,
because people type "สัปดาห์ หน้า", "week หน้า" and "weekหน้า" alike; only week numbers are
read with the spaces kept, so that "week 5 10 โมง" does not become week 510.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum

from ingestion.thai import fold_for_matching


class Aspect(StrEnum):
    """The fact a schedule question asks for."""

    TOPIC = "topic"
    DATE = "date"
    TIME = "time"
    VENUE = "venue"
    HOMEWORK = "homework"
    WEEKS_LEFT = "weeks_left"
    SESSION = "session"
    """No single fact (or several): the session's date, time, venue and topic."""


@dataclass(frozen=True)
class ScheduleQuery:
    """A schedule question: which session (at most one way of pointing at it) and what about it.

    With no pointer at all the question is about the next session (the latest one for homework).
    """

    aspect: Aspect
    week: int | None = None
    """A programme week by number ("สัปดาห์ที่ 5", "week5")."""
    week_offset: int | None = None
    """A week relative to this one: 0 this week, 1 next week, -1 last week."""
    day_offset: int | None = None
    """A day relative to today: 0 today, 1 tomorrow."""
    module: int | None = None
    activity: str | None = None
    """``site_visit``, ``mentoring``, ``demo_day`` or ``orientation``."""
    ordinal: int | None = None
    """Which occurrence of an activity held more than once: 1, 2, ... or -1 for the last."""
    final: bool = False
    """The programme's last session ("หลักสูตรจบวันไหน")."""


_NO_POINTER = ScheduleQuery(Aspect.SESSION)

_WEEK_WORD = r"(?:สัปดาห์|สัปดา|อาทิตย์|วีค|week|wk)"
_NOT_A_DAY = r"(?<!วัน)(?<!สุด)(?<!เสาร์)"
""""วันอาทิตย์หน้า" is next Sunday, not next week; "สุดสัปดาห์นี้" and "เสาร์อาทิตย์นี้" the weekend, when no class meets."""
_WEEK_NUMBER = re.compile(_NOT_A_DAY + _WEEK_WORD + r"\s*(?:ที่|no\.?|#)?\s*(\d{1,2})(?!\d)")
_MODULE_NUMBER = re.compile(r"(?:โมดูล|module)\s*(?:ที่)?\s*(\d{1,2})(?!\d)")
_ORDINAL = re.compile(r"ครั้งที่(\d)|(\d)(?:st|nd|rd|th)")

_WEEK_OFFSETS = (
    (1, re.compile(_NOT_A_DAY + _WEEK_WORD + r"(?:หน้า|ถัดไป|ต่อไป)|nextweek")),
    (0, re.compile(_NOT_A_DAY + _WEEK_WORD + r"นี้|thisweek")),
    (-1, re.compile(_NOT_A_DAY + _WEEK_WORD + r"(?:ที่แล้ว|ก่อน|ที่ผ่านมา)|lastweek|previousweek")),
)
_DAY_OFFSETS = ((1, re.compile(r"พรุ่งนี้|พรุ่งนี|tomorrow")), (0, re.compile(r"วันนี้|today|tonight")))
_FIRST = re.compile(_WEEK_WORD + r"แรก|firstweek|วันแรก|คลาสแรก|firstclass|firstday|เริ่มเรียน|หลักสูตรเริ่ม|เริ่มหลักสูตร")
_FINAL = re.compile(_WEEK_WORD + r"สุดท้าย|finalweek|วันสุดท้าย|คลาสสุดท้าย|lastclass|lastday|จบหลักสูตร|หลักสูตรจบ|จบวันไหน|จบเมื่อ")

_ACTIVITIES = (
    ("site_visit", re.compile(r"sitevisit|ไซ[ตทด]์?วิสิ[ตท]|ดูงาน|fieldtrip|studytrip|ทัศนศึกษา")),
    ("demo_day", re.compile(r"demoday|เดโม่?เด|วันนำเสนอ|นำเสนอผลงาน|pitching|พิธีปิด|closingceremony")),
    (
        "mentoring",
        re.compile(
            r"mentoring|mentorsession|mentormeeting|meet(?:ing)?(?:with)?(?:the|my|a)?mentor|เม้?นเทอริ่?ง"
            r"|(?:พบ|เจอ|นัดพบ|นัด|ประชุมกับ)(?:กับ)?(?:พี่เลี้ยง|เมนเทอร์|เมนเทอ|mentor)|1on1|oneonone"
        ),
    ),
    ("orientation", re.compile(r"orientation|ปฐมนิเทศ|โอเรียนเท|พิธีเปิด|kickoff|เปิดหลักสูตร")),
)

_ASPECTS = (
    (
        Aspect.WEEKS_LEFT,
        re.compile(
            r"(?:เหลือ|อีก)(?:อีก)?กี่" + _WEEK_WORD + r"|กี่" + _WEEK_WORD + r"(?:ถึง)?(?:จะ)?จบ"
            r"|weeks?(?:are)?(?:left|remain|togo)|howmany(?:more)?weeks|howlong(?:until|till|before)"
        ),
    ),
    (Aspect.HOMEWORK, re.compile(r"การบ้าน|homework|assignment|งานที่ต้องส่ง|ส่งงาน")),
    (
        Aspect.VENUE,
        re.compile(
            r"ที่ไหน|ที่ใด|ตรงไหน|สถานที่|where|venue|location|address|ออนไลน์|online|onsite|ออนไซต์|zoom|ซูม"
            r"|ลิงก์|ลิงค์|link|แผนที่|เดินทาง|จัดที่|ไปไหน"
        ),
    ),
    (Aspect.TIME, re.compile(r"กี่โมง|เวลา(?!นาน)|whattime|time|โมงไหน|เช้าหรือบ่าย|บ่ายหรือเช้า")),
    (
        Aspect.DATE,
        re.compile(
            r"วันไหน|วันอะไร|วันที่|เมื่อไ[หร]|when|whatday|date|ตรงกับ|อีกกี่วัน|"
            + _WEEK_WORD
            + r"ไหน|whichweek|มีเรียนไหม|มีเรียนมั้ย|เรียนไหม|เรียนมั้ย|เรียนป่าว"
        ),
    ),
    (
        Aspect.TOPIC,
        re.compile(
            r"เรียนอะไร|เรียนไร|เรียนเรื่อง|เรื่องอะไร|เรื่องไร|หัวข้อ|topic|เนื้อหา|สอนอะไร|สอนไร|สอนเรื่อง"
            r"|about|cover|learn|ดูอะไร|ทำอะไร"
        ),
    ),
)
_STRUCTURAL = frozenset({Aspect.DATE, Aspect.TIME, Aspect.VENUE, Aspect.WEEKS_LEFT})
_ANY_DATE_FACT = frozenset({Aspect.DATE, Aspect.TIME, Aspect.VENUE})

# Without a pointer to a session, "ที่ไหน" or "กี่โมง" may be about anything (where to install
# panels, what time a meter is read): only a word about classes makes it a schedule question.
_CLASS_WORDS = re.compile(r"เรียน|คลาส|class|อบรม|session|เซสชั่น|หลักสูตร|course|ตาราง|schedule|lesson|training|workshop")
# How/why questions about a week's content belong to retrieval, not to the timetable.
_HOW_WHY = re.compile(r"ยังไง|ยังงัย|อย่างไร|ทำไม|คำนวณ|อธิบาย|howto|howdo|howcan|why|explain")
# "What is X" is about the content too, except after "การบ้าน": "การบ้านคืออะไร" asks for the homework.
_WHAT_IS = re.compile(r"คืออะไร|คือไร|หมายถึง|แปลว่า|สรุป|meaning")
# What a timetable never holds: recordings, deadlines, parking, meals, dress, how homework is handed in,
# a contest's prizes, criteria, judges and scoring, how long a pitch runs, and fees.
# "ดูคลิปย้อนหลังได้มั้ย", "การบ้านต้องส่งภายในวันไหน", "มีข้าวเที่ยงไหม", "ต้องใส่รองเท้าเซฟตี้ไหม", "ส่งการบ้าน
# ผ่าน google drive ได้ไหม" go to the course material (and a mentor), not to a session's date and venue.
_NOT_ON_THE_TIMETABLE = re.compile(
    r"คลิป|ย้อนหลัง|วิดีโอ|วีดีโอ|record|replay|กำหนดส่ง|ส่งภายใน|ส่งก่อน|deadline|duedate|isdue|ที่จอด|จอดรถ|parking|"
    r"ข้าวเที่ยง|อาหารกลางวัน|อาหารว่าง|เลี้ยงข้าว|มีข้าว|lunch|รองเท้า|แต่งกาย|แต่งตัว|ชุดอะไร|dresscode|"
    r"ส่งผ่าน|ส่งทาง|googledrive|ไดรฟ์|อีเมล|email|"
    r"รางวัล|prize|award|เกณฑ์|ตัดสิน|กรรมการ|judge|ค่าเรียน|ค่าสมัคร|"
    r"คะแนน|ตัดสิทธิ|สไลด์|slide|พรีเซนต์กี่|นำเสนอกี่|"
    # Allowances and the online room's software: "มีค่าที่พักค่าเดินทางให้มั้ย", "ใช้ zoom หรือ teams".
    r"ค่าที่พัก|ค่าเดินทาง|ที่พัก|เบิก|allowance|accommodation|zoom|ซูม|teams|googlemeet|ลงแอ[พป]|ติดตั้งแอ[พป]|โหลดแอ[พป]|"
    # Asking to move a session or missing one, insurance on a visit, an answer key: "นัดพี่เลี้ยงชนวันส่งของ
    # ขอเลื่อนได้ไหม", "ไปดูงานมีประกันอุบัติเหตุไหม", "การบ้านมีเฉลยไหม".
    r"ขอเลื่อน|เลื่อนได้|ขอย้าย|ขอเปลี่ยน(?:วัน|เวลา|รอบ)|ขาดเรียน|ลาเรียน|ประกัน|เฉลย|answerkey"
)
# "ขอนัดพี่เลี้ยง" asks for a mentor, not for the mentoring session on the timetable.
_MENTOR_REQUEST = re.compile(r"ขอ(?:นัด|พบ|เจอ|คุย|ปรึกษา)")


def _activity(compact: str) -> ScheduleQuery:
    for activity, pattern in _ACTIVITIES:
        if not pattern.search(compact) or (activity == "mentoring" and _MENTOR_REQUEST.search(compact)):
            continue
        ordinal: int | None = None
        if number := _ORDINAL.search(compact):
            ordinal = int(number.group(1) or number.group(2))
        elif "ครั้งแรก" in compact or "first" in compact:
            ordinal = 1
        elif "ครั้งสุดท้าย" in compact:
            ordinal = -1
        return ScheduleQuery(Aspect.SESSION, activity=activity, ordinal=ordinal)
    return _NO_POINTER


def _pointer(compact: str, folded: str) -> ScheduleQuery:
    """Which session the question points at (``_NO_POINTER``: none); the aspect is filled in later."""
    query = _activity(compact)
    if number := _WEEK_NUMBER.search(folded):
        return replace(query, week=int(number.group(1)))
    if module := _MODULE_NUMBER.search(folded):
        return replace(query, module=int(module.group(1)))
    if _FINAL.search(compact):
        return replace(query, final=True)
    if _FIRST.search(compact) and query.activity is None:
        return replace(query, week=1)
    for offset, pattern in _WEEK_OFFSETS:
        if pattern.search(compact):
            return replace(query, week_offset=offset)
    for offset, pattern in _DAY_OFFSETS:
        if pattern.search(compact):
            return replace(query, day_offset=offset)
    return query


def parse_schedule_question(text: str) -> ScheduleQuery | None:
    """The schedule question in ``text``, or ``None`` when it is not one (a content question, chatter)."""
    folded = fold_for_matching(text)
    compact = re.sub(r"\s+", "", folded)
    if _NOT_ON_THE_TIMETABLE.search(compact):
        return None
    aspects = [aspect for aspect, pattern in _ASPECTS if pattern.search(compact)]
    pointer = _pointer(compact, folded)
    if Aspect.WEEKS_LEFT in aspects:
        return ScheduleQuery(Aspect.WEEKS_LEFT)
    if Aspect.HOMEWORK in aspects:
        aspect = Aspect.HOMEWORK
    elif len([a for a in aspects if a in _ANY_DATE_FACT or a is Aspect.TOPIC]) > 1:
        aspect = Aspect.SESSION
    elif aspects:
        aspect = aspects[0]
    elif pointer.activity or pointer.final or pointer.week_offset is not None or pointer.day_offset is not None:
        aspect = Aspect.SESSION  # "site visit ล่ะ", "สัปดาห์หน้า?"
    else:
        return None  # a bare "สัปดาห์ที่ 3 ..." is a question about that week's content
    if aspect not in _STRUCTURAL and (
        _HOW_WHY.search(compact) or (aspect is not Aspect.HOMEWORK and _WHAT_IS.search(compact))
    ):
        return None
    # "วันนี้ร้อนจัง", "ราคาคาร์บอนเครดิตวันนี้": a day or a date alone is not a class; a session needs a
    # class word, a week of the course or a named activity (site visit, demo day).
    named = pointer.activity or pointer.final or pointer.week is not None or pointer.week_offset is not None
    named = named or pointer.module is not None or pointer.ordinal is not None
    if aspect is not Aspect.HOMEWORK and not named and not _CLASS_WORDS.search(compact):
        return None
    return replace(pointer, aspect=aspect)
