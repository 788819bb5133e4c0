"""What the schedule tool says: answers about weeks, dates, times, venues, homework and the weeks left."""

from __future__ import annotations

from bot.i18n import Catalogue

MESSAGES: Catalogue = {
    # Which session an answer is about; {week} is the programme week.
    "ref.week": {"th": "สัปดาห์ที่ {week}", "en": "week {week}"},
    "ref.this_week": {"th": "สัปดาห์นี้ (สัปดาห์ที่ {week})", "en": "this week (week {week})"},
    "ref.next_week": {"th": "สัปดาห์หน้า (สัปดาห์ที่ {week})", "en": "next week (week {week})"},
    "ref.last_week": {"th": "สัปดาห์ที่แล้ว (สัปดาห์ที่ {week})", "en": "last week (week {week})"},
    "ref.today": {"th": "วันนี้ (สัปดาห์ที่ {week})", "en": "today (week {week})"},
    "ref.tomorrow": {"th": "พรุ่งนี้ (สัปดาห์ที่ {week})", "en": "tomorrow (week {week})"},
    "ref.next": {"th": "ครั้งถัดไป (สัปดาห์ที่ {week})", "en": "the next session (week {week})"},
    "ref.latest": {"th": "ครั้งล่าสุด (สัปดาห์ที่ {week})", "en": "the latest session (week {week})"},
    "ref.final": {"th": "วันสุดท้ายของหลักสูตร (สัปดาห์ที่ {week})", "en": "the last day of the course (week {week})"},
    "ref.activity": {"th": "{name} สัปดาห์ที่ {week}", "en": "{name}, week {week}"},
    "ref.activity_nth": {
        "th": "{name} ครั้งที่ {n} จาก {count} (สัปดาห์ที่ {week})",
        "en": "{name} {n} of {count} (week {week})",
    },
    # The fact asked for comes first.
    "lead.topic": {"th": "{ref} เรียนเรื่อง “{topic}”", "en": "{ref}: “{topic}”"},
    "lead.date": {"th": "{ref} ตรงกับ{date} ({relative})", "en": "{ref} is on {date} ({relative})"},
    "lead.time": {"th": "{ref} เวลา {time} {date} ({relative})", "en": "{ref} runs {time} on {date} ({relative})"},
    "lead.venue": {"th": "{ref} สถานที่: {venue}", "en": "venue of {ref}: {venue}"},
    "lead.session": {"th": "{ref}: {date} ({relative}) เวลา {time}", "en": "{ref}: {date} ({relative}), {time}"},
    "lead.homework": {"th": "การบ้าน{ref}: {homework}", "en": "Homework for {ref}: {homework}"},
    "lead.no_homework": {"th": "{ref} ไม่มีการบ้านในตาราง", "en": "{ref} has no homework in the schedule"},
    # Supporting details, after the lead.
    "detail.when": {"th": "{date} ({relative})", "en": "{date} ({relative})"},
    "detail.time": {"th": "เวลา {time}", "en": "{time}"},
    "detail.when_time": {"th": "{date} ({relative}) เวลา {time}", "en": "{date} ({relative}), {time}"},
    "detail.venue": {"th": "สถานที่: {venue}", "en": "Venue: {venue}"},
    "detail.topic": {"th": "หัวข้อ: {topic}", "en": "Topic: {topic}"},
    "detail.others": {"th": "ครั้งอื่น: {dates}", "en": "Other dates: {dates}"},
    "time.range": {"th": "{start}–{end} น.", "en": "{start}–{end}"},
    "venue.online": {"th": "ออนไลน์ {venue}", "en": "online, {venue}"},
    "venue.online_only": {"th": "ออนไลน์", "en": "online"},
    "venue.unknown": {"th": "ยังไม่ระบุในตาราง", "en": "not given in the schedule"},
    # Days relative to today.
    "rel.today": {"th": "วันนี้", "en": "today"},
    "rel.tomorrow": {"th": "พรุ่งนี้", "en": "tomorrow"},
    "rel.yesterday": {"th": "เมื่อวาน", "en": "yesterday"},
    "rel.next_week": {"th": "สัปดาห์หน้า อีก {days} วัน", "en": "next week, in {days} days"},
    "rel.in_days": {"th": "อีก {days} วัน", "en": "in {days} days"},
    "rel.ago": {"th": "ผ่านไปแล้ว {days} วัน", "en": "{days} days ago"},
    # Where the cohort stands.
    "phase.before": {
        "th": "หลักสูตรยังไม่เริ่ม จะเริ่ม{date} ({relative})",
        "en": "The course has not started yet: it starts on {date} ({relative}).",
    },
    "phase.after": {
        "th": "หลักสูตรรุ่นนี้จบแล้ว วันสุดท้ายคือ{date} ({relative}) ยังถามเนื้อหาหลักสูตรได้ตามเดิม หรือพิมพ์ “ขอคุยกับพี่เลี้ยง” เพื่อถามพี่เลี้ยง",
        "en": "This cohort has finished: its last day was {date} ({relative}). You can still ask about the course "
        "material, or type “mentor” to ask the mentors.",
    },
    "phase.after_note": {
        "th": "หลักสูตรรุ่นนี้จบแล้ว ยังถามเนื้อหาหลักสูตรได้ตามเดิม หรือพิมพ์ “ขอคุยกับพี่เลี้ยง” เพื่อถามพี่เลี้ยง",
        "en": "This cohort has finished; you can still ask about the course, or type “mentor” to ask the mentors.",
    },
    "weeks_left.during": {
        "th": "เหลืออีก {left} สัปดาห์ (ไม่นับสัปดาห์นี้) ตอนนี้อยู่สัปดาห์ที่ {week} จาก {total} วันสุดท้ายคือ{date} ({relative})",
        "en": "{left} weeks to go after this one: this is week {week} of {total}; the last day is {date} ({relative}).",
    },
    "weeks_left.final": {
        "th": "สัปดาห์นี้เป็นสัปดาห์สุดท้ายของหลักสูตร (สัปดาห์ที่ {week} จาก {total}) วันสุดท้ายคือ{date} ({relative})",
        "en": "This is the last week of the course (week {week} of {total}); the last day is {date} ({relative}).",
    },
    "weeks_left.before": {
        "th": "เรียนทั้งหมด {total} สัปดาห์ วันสุดท้ายคือ{date}",
        "en": "It runs {total} weeks; the last day is {date}.",
    },
    # Nothing to point at.
    "none.week": {
        "th": "ตารางไม่มีสัปดาห์ที่ {week} หลักสูตรมีทั้งหมด {total} สัปดาห์",
        "en": "There is no week {week} in the schedule: the course runs {total} weeks.",
    },
    "none.module": {"th": "ตารางไม่มีโมดูล {module}", "en": "There is no module {module} in the schedule."},
    "none.activity": {"th": "ตารางนี้ไม่มี{name}", "en": "This schedule has no {name}."},
    "none.day": {"th": "{day}ไม่มีนัดในตาราง", "en": "Nothing is scheduled {day}."},
    "none.week_offset": {
        "th": "{ref} ไม่มีนัดในตาราง",
        "en": "{ref} has nothing scheduled.",
    },
    "none.after_last_week": {
        "th": "หลังสัปดาห์ที่ {total} ไม่มีนัดแล้ว สัปดาห์ที่ {total} เป็นสัปดาห์สุดท้าย",
        "en": "Nothing is scheduled after week {total}, the last week.",
    },
    # Names of the activities a question may name, for schedules that do not hold them.
    "activity.site_visit": {"th": "ดูงานนอกสถานที่ (site visit)", "en": "Site visit"},
    "activity.mentoring": {"th": "พบพี่เลี้ยง (mentoring)", "en": "Mentoring session"},
    "activity.demo_day": {"th": "วันนำเสนอผลงาน (Demo Day)", "en": "Demo Day"},
    "activity.orientation": {"th": "ปฐมนิเทศ (orientation)", "en": "Orientation"},
    "example": {
        "th": "หมายเหตุ: ตารางนี้เป็นตัวอย่างสมมติ วันเวลาและสถานที่จริงให้ยึดตามประกาศของทีมงานโครงการ",
        "en": "Note: this is an illustrative example schedule; follow the programme team's announcements for real "
        "dates and venues.",
    },
}
