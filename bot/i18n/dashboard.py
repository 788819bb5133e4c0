"""The console's insight dashboard (programme staff): Thai first, English on the console's toggle.

Part of the console's catalogue (:mod:`bot.i18n.console` merges it), so its templates ask ``t``
for these keys like every other console page.
"""

from __future__ import annotations

from bot.i18n.catalogue import Catalogue

MESSAGES: Catalogue = {
    "nav.dashboard": {"th": "แดชบอร์ดโครงการ", "en": "Programme dashboard"},
    "dash.heading": {"th": "ภาพรวมคำถามของผู้ประกอบการ", "en": "What SMEs asked"},
    "dash.period": {"th": "{first} – {last} ({days} วัน)", "en": "{first} – {last} ({days} days)"},
    "dash.period.label": {"th": "ช่วงเวลา", "en": "Period"},
    "dash.days": {"th": "{days} วัน", "en": "{days} days"},
    "dash.kpi.questions": {"th": "คำถามทั้งหมด", "en": "Questions"},
    "dash.kpi.answered": {"th": "ตอบได้ครบ", "en": "Answered"},
    "dash.kpi.struggled": {"th": "ตอบได้บางส่วน / ไม่มีในเนื้อหา", "en": "Partly answered / not covered"},
    "dash.kpi.ratings": {"th": "ถูกใจ / ไม่ถูกใจ", "en": "Helpful / not helpful"},
    "dash.kpi.tickets": {"th": "เรื่องถึงพี่เลี้ยง", "en": "Tickets"},
    "dash.percent": {"th": "{value}%", "en": "{value}%"},
    "dash.chart.per_day": {"th": "คำถามรายวัน แยกตามช่องทาง", "en": "Questions per day, by channel"},
    "dash.tooltip.day": {"th": "{day} · {channel}: {count} ข้อ", "en": "{day} · {channel}: {count}"},
    "dash.chart.per_channel": {"th": "คำถามแยกตามช่องทาง", "en": "Questions by channel"},
    "dash.chart.coverage": {"th": "ผลการตอบคำถามจากเนื้อหาหลักสูตร", "en": "How course questions were answered"},
    "dash.coverage.answered": {"th": "ตอบได้", "en": "Answered"},
    "dash.coverage.partial": {"th": "ตอบได้บางส่วน", "en": "Partly answered"},
    "dash.coverage.not_covered": {"th": "ไม่มีในเนื้อหา", "en": "Not covered"},
    "dash.chart.feedback": {"th": "ความเห็นต่อคำตอบ", "en": "Ratings of answers"},
    "dash.feedback.up": {"th": "ถูกใจ", "en": "Helpful"},
    "dash.feedback.down": {"th": "ไม่ถูกใจ", "en": "Not helpful"},
    "dash.reason.off_topic": {"th": "· ไม่ตรงคำถาม", "en": "· off the point"},
    "dash.reason.not_enough": {"th": "· ข้อมูลไม่พอ", "en": "· not enough detail"},
    "dash.reason.unclear": {"th": "· เข้าใจยาก", "en": "· hard to follow"},
    "dash.count": {"th": "{count} ข้อ", "en": "{count}"},
    "dash.count_share": {"th": "{count} ข้อ ({share}%)", "en": "{count} ({share}%)"},
    "dash.chart.tickets": {"th": "เรื่องถึงพี่เลี้ยงตามสถานะ", "en": "Tickets by status"},
    "dash.tickets.count": {"th": "{count} เรื่อง", "en": "{count}"},
    "dash.tickets.summary": {
        "th": "รับเรื่องภายใน {claim} · ตอบภายใน {answer} (มัธยฐานนับจากเปิดเรื่อง)",
        "en": "claimed within {claim} · answered within {answer} (medians from opening)",
    },
    "dash.chart.mentors": {
        "th": "เวลารับเรื่องและเวลาตอบของพี่เลี้ยงแต่ละคน (มัธยฐาน)",
        "en": "Time to claim and to answer per mentor (median)",
    },
    "dash.mentors.claim": {"th": "รับเรื่อง", "en": "to claim"},
    "dash.mentors.answer": {"th": "ตอบ", "en": "to answer"},
    "dash.mentors.name": {"th": "พี่เลี้ยง", "en": "Mentor"},
    "dash.mentors.claimed": {"th": "รับเรื่อง", "en": "Claimed"},
    "dash.mentors.answered": {"th": "ตอบแล้ว", "en": "Answered"},
    "dash.mentors.claim_median": {"th": "รับเรื่อง (มัธยฐาน / 90%)", "en": "To claim (median / p90)"},
    "dash.mentors.answer_median": {"th": "ตอบ (มัธยฐาน / 90%)", "en": "To answer (median / p90)"},
    "dash.mentors.none": {"th": "ยังไม่มีพี่เลี้ยงรับเรื่องในช่วงนี้", "en": "No mentor claimed a ticket in this period"},
    "dash.minutes": {"th": "{value} นาที", "en": "{value} min"},
    "dash.hours": {"th": "{value} ชม.", "en": "{value} h"},
    "dash.no_time": {"th": "–", "en": "–"},
    "dash.topics.heading": {
        "th": "หัวข้อที่ผู้ช่วยยังตอบไม่ได้ หรือผู้ใช้ไม่ถูกใจคำตอบ",
        "en": "Topics the assistant could not answer, or users disliked",
    },
    "dash.topics.hint": {
        "th": "คำถามตัวอย่างแสดงตามที่ผู้ประกอบการพิมพ์ “เปิดเป็นเรื่อง” ส่งคำถามของผู้ใช้คนนั้นถึงพี่เลี้ยง "
        "คำตอบของพี่เลี้ยงจะส่งกลับถึงผู้ใช้ทางช่องทางเดิม",
        "en": "Example questions as SMEs typed them. “Open as ticket” hands that user's question to the mentors; "
        "the mentor's answer goes back to that user on their channel.",
    },
    "dash.topics.none": {
        "th": "ไม่มีคำถามที่ตอบไม่ได้หรือไม่ถูกใจในช่วงนี้",
        "en": "No unanswered or disliked questions in this period",
    },
    "dash.topics.topic": {"th": "หัวข้อ", "en": "Topic"},
    "dash.topics.module": {"th": "อยู่ในหลักสูตร", "en": "In the course"},
    "dash.topics.questions": {"th": "จำนวน", "en": "Questions"},
    "dash.topics.examples": {"th": "คำถามตัวอย่าง", "en": "Example questions"},
    "dash.topics.place": {
        "th": "โมดูล {module} (สัปดาห์ที่ {week}): {title}",
        "en": "Module {module} (week {week}): {title}",
    },
    "dash.topics.place_module": {"th": "โมดูล {module}: {title}", "en": "Module {module}: {title}"},
    "dash.topics.unplaced": {"th": "ยังไม่ระบุโมดูล", "en": "No module found"},
    "dash.topics.why": {
        "th": "ไม่มีในเนื้อหา {not_covered} · บางส่วน {partial} · ไม่ถูกใจ {disliked}",
        "en": "not covered {not_covered} · partly {partial} · not helpful {disliked}",
    },
    "dash.topics.open_ticket": {"th": "เปิดเป็นเรื่องถึงพี่เลี้ยง", "en": "Open as ticket"},
    "dash.topics.draft_faq": {"th": "ร่าง FAQ", "en": "Draft FAQ"},
    "dash.faq.heading": {"th": "คำตอบพี่เลี้ยงที่บันทึกเป็น FAQ แล้ว", "en": "Mentor answers saved as FAQ entries"},
    "dash.csv.figures": {"th": "ดาวน์โหลดตัวเลข (CSV)", "en": "Download figures (CSV)"},
    "dash.csv.topics": {"th": "ดาวน์โหลดหัวข้อ (CSV)", "en": "Download topics (CSV)"},
    "dash.forbidden": {
        "th": "หน้านี้สำหรับเจ้าหน้าที่โครงการเท่านั้น ขอสิทธิ์ได้จากผู้ดูแลระบบ (nzap mentors role)",
        "en": "This page is for programme staff only; ask an administrator for the role (nzap mentors role).",
    },
    "draft.heading": {"th": "ร่างคำถามที่พบบ่อย (FAQ)", "en": "Draft an FAQ entry"},
    "draft.hint": {
        "th": "เขียนคำตอบ แล้วคัดลอกข้อความ YAML ไปวางใต้ items: ในไฟล์ faq.yaml ของหลักสูตร (หรือดาวน์โหลด) "
        "ระบบไม่แก้ไขไฟล์หลักสูตรเอง การนำเข้าครั้งถัดไป (nzap ingest) จะใช้ข้อความนี้",
        "en": "Write the answer, then copy the YAML under items: in the course's faq.yaml (or download it). "
        "The course files are never changed from here; the next nzap ingest picks the entry up.",
    },
    "draft.id": {"th": "รหัส", "en": "Id"},
    "draft.question": {"th": "คำถาม", "en": "Question"},
    "draft.answer": {"th": "คำตอบ", "en": "Answer"},
    "draft.topics": {"th": "หัวข้อ (คั่นด้วยจุลภาค)", "en": "Topics (comma-separated)"},
    "draft.module": {"th": "โมดูล", "en": "Module"},
    "draft.show": {"th": "แสดง YAML", "en": "Show YAML"},
    "draft.download": {"th": "ดาวน์โหลด .yaml", "en": "Download .yaml"},
    "draft.yaml": {"th": "ข้อความสำหรับ faq.yaml (คัดลอกไปวาง)", "en": "The entry for faq.yaml (copy it)"},
    "draft.back": {"th": "← กลับไปแดชบอร์ด", "en": "← Back to the dashboard"},
    "done.ticket_opened": {
        "th": "เปิดเรื่องให้คำถามนี้แล้ว คำตอบของพี่เลี้ยงจะส่งถึงผู้ประกอบการคนนั้นทางช่องทางที่เขาถาม",
        "en": "Ticket opened for this question; the mentor's answer will reach that SME on the channel they used.",
    },
    "done.ticket_attached": {
        "th": "ผู้ประกอบการคนนี้มีเรื่องที่เปิดอยู่สำหรับคำถามนี้แล้ว คำถามถูกเพิ่มในเรื่องนั้น",
        "en": "This SME already had an open ticket for this question; it was added to that ticket.",
    },
    "error.question_gone": {
        "th": "คำถามนี้ไม่อยู่ในระบบแล้ว (ผู้ใช้ลบข้อมูล หรือเกินระยะเวลาเก็บ)",
        "en": "This question is no longer stored (the user erased it, or it passed retention).",
    },
    "error.draft_empty": {"th": "ต้องมีทั้งคำถามและคำตอบ", "en": "Both the question and the answer are needed."},
}
