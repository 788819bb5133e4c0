"""The staff report and the weekly digest to the mentor groups: Thai first, English as the option."""

from __future__ import annotations

from bot.i18n.catalogue import Catalogue, Texts

MESSAGES: Catalogue = {
    "title": {
        "th": "📊 รายงานผู้ช่วย NZAP {first} – {last} ({days} วัน)",
        "en": "📊 NZAP assistant report {first} – {last} ({days} days)",
    },
    "questions": {"th": "คำถามทั้งหมด {count} ข้อ", "en": "{count} questions"},
    "channel.line": {"th": "LINE", "en": "LINE"},
    "channel.telegram": {"th": "Telegram", "en": "Telegram"},
    "channel.web": {"th": "เว็บแชท", "en": "web chat"},
    "channel.cli": {"th": "เทอร์มินัล", "en": "terminal"},
    "busiest": {"th": "วันที่ถามมากที่สุด: {day} ({count} ข้อ)", "en": "Busiest day: {day} ({count} questions)"},
    "coverage": {
        "th": "ตอบได้ {answered} · ตอบได้บางส่วน {partial} · ไม่มีในเนื้อหา {not_covered}",
        "en": "answered {answered} · partly answered {partial} · not covered {not_covered}",
    },
    "ratings": {"th": "ความเห็นต่อคำตอบ: 👍 {up} · 👎 {down}", "en": "Ratings: 👍 {up} · 👎 {down}"},
    "reasons": {"th": "เหตุผลที่ไม่ชอบ: {reasons}", "en": "Why disliked: {reasons}"},
    "reason.off_topic": {"th": "ไม่ตรงคำถาม", "en": "off the point"},
    "reason.not_enough": {"th": "ข้อมูลไม่พอ", "en": "not enough detail"},
    "reason.unclear": {"th": "เข้าใจยาก", "en": "hard to follow"},
    "topics": {
        "th": "หัวข้อที่ผู้ช่วยยังตอบไม่ได้หรือถูกกด 👎 ({count} หัวข้อ)",
        "en": "Topics the assistant could not answer or users disliked ({count})",
    },
    "topics.none": {"th": "ไม่มีคำถามที่ตอบไม่ได้ในช่วงนี้", "en": "No unanswered questions in this period."},
    "topic": {"th": "{rank}. {label} — {count} คำถาม", "en": "{rank}. {label} — {count} questions"},
    "topic.module": {
        "th": "   อยู่ในโมดูล {module} (สัปดาห์ที่ {week}): {title}",
        "en": "   Module {module} (week {week}): {title}",
    },
    "topic.module_only": {"th": "   อยู่ในโมดูล {module}: {title}", "en": "   Module {module}: {title}"},
    "topic.material": {"th": "   ใกล้เคียงกับ: {title}", "en": "   Closest material: {title}"},
    "topic.why": {
        "th": "   ไม่มีในเนื้อหา {not_covered} · ตอบได้บางส่วน {partial} · ถูกกด 👎 {disliked}",
        "en": "   not covered {not_covered} · partly answered {partial} · disliked {disliked}",
    },
    "tickets": {"th": "ส่งให้พี่เลี้ยง {count} เรื่อง ({statuses})", "en": "{count} questions passed to mentors ({statuses})"},
    "status.open": {"th": "รอรับเรื่อง", "en": "open"},
    "status.claimed": {"th": "รับเรื่องแล้ว", "en": "claimed"},
    "status.answered": {"th": "ตอบแล้ว", "en": "answered"},
    "status.closed": {"th": "ปิดแล้ว", "en": "closed"},
    "durations": {
        "th": "รับเรื่องภายใน {claim} · ตอบภายใน {answer} (มัธยฐาน)",
        "en": "claimed within {claim} · answered within {answer} (median)",
    },
    "mentors": {"th": "พี่เลี้ยง", "en": "Mentors"},
    "mentor": {
        "th": "   {name}: ตอบ {answered} เรื่อง · รับเรื่องภายใน {claim} · ตอบภายใน {answer}",
        "en": "   {name}: {answered} answered · claimed within {claim} · answered within {answer}",
    },
    "minutes": {"th": "{value} นาที", "en": "{value} min"},
    "hours": {"th": "{value} ชม.", "en": "{value} h"},
    "no_time": {"th": "-", "en": "-"},
    "faq": {
        "th": "คำถามที่คำตอบของพี่เลี้ยงกลายเป็นคำถามที่พบบ่อย ({count})",
        "en": "Questions whose mentor answer became an FAQ entry ({count})",
    },
    "digest.footer": {
        "th": "ดูรายละเอียด: nzap report --days {days}",
        "en": "Details: nzap report --days {days}",
    },
}

text = Texts(MESSAGES)
