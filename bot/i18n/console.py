"""Every label and message of the mentor console, in Thai first and English as an option.

Templates never hold words of their own: they ask for every label (see
:class:`bot.mentoring.console.words.Words`), so a translation is one place and a missing key
fails loudly in tests.
"""

from __future__ import annotations

from bot.i18n.catalogue import Catalogue, Texts
from bot.i18n.dashboard import MESSAGES as DASHBOARD

MESSAGES: Catalogue = {
    "app.title": {"th": "คอนโซลพี่เลี้ยง NZAP", "en": "NZAP mentor console"},
    "app.tagline": {
        "th": "ตอบคำถามที่ผู้ช่วยส่งต่อจากผู้ประกอบการ SME",
        "en": "Answer the questions the assistant passed on from SMEs",
    },
    "nav.queue": {"th": "คิวคำถาม", "en": "Queue"},
    "nav.logout": {"th": "ออกจากระบบ", "en": "Log out"},
    "nav.other_language": {"th": "English", "en": "ภาษาไทย"},
    "nav.signed_in": {"th": "เข้าสู่ระบบเป็น {name}", "en": "Signed in as {name}"},
    # Login
    "login.heading": {"th": "เข้าสู่ระบบพี่เลี้ยง", "en": "Mentor sign-in"},
    "login.username": {"th": "ชื่อผู้ใช้", "en": "Username"},
    "login.password": {"th": "รหัสผ่าน", "en": "Password"},
    "login.submit": {"th": "เข้าสู่ระบบ", "en": "Sign in"},
    "login.failed": {"th": "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง", "en": "Wrong username or password."},
    "login.last_attempt": {
        "th": "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง เหลือโอกาสอีก 1 ครั้ง ถ้าผิดอีกบัญชีจะถูกล็อก {minutes} นาที",
        "en": "Wrong username or password. One attempt left: another wrong one locks the account "
        "for {minutes} minutes.",
    },
    "login.locked": {
        "th": "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง หรือบัญชีถูกล็อกชั่วคราวเพราะใส่รหัสผิดหลายครั้ง (ลองใหม่ได้หลัง {minutes} นาที)",
        "en": "Wrong username or password, or the account is locked for a while after repeated failures "
        "(try again after {minutes} minutes).",
    },
    "login.expired": {
        "th": "หน้าเข้าสู่ระบบหมดอายุ กรุณาลองอีกครั้ง",
        "en": "The sign-in page expired. Please try again.",
    },
    "login.logged_out": {"th": "ออกจากระบบแล้ว", "en": "You are signed out."},
    "login.needed": {"th": "กรุณาเข้าสู่ระบบก่อน", "en": "Please sign in first."},
    # Queue
    "queue.heading": {"th": "คิวคำถามถึงพี่เลี้ยง", "en": "Questions for mentors"},
    "queue.status": {"th": "สถานะ", "en": "Status"},
    "queue.tag": {"th": "หัวข้อ", "en": "Topic"},
    "tag.module": {"th": "โมดูล {n}", "en": "module {n}"},
    "tag.week": {"th": "สัปดาห์ที่ {n}", "en": "week {n}"},
    "queue.all_tags": {"th": "ทุกหัวข้อ", "en": "All topics"},
    "queue.filter": {"th": "กรอง", "en": "Filter"},
    "queue.empty": {"th": "ไม่มีคำถามในคิวนี้", "en": "No questions here."},
    "queue.count": {"th": "{count} เรื่อง", "en": "{count} tickets"},
    "queue.number": {"th": "เลขที่", "en": "Number"},
    "queue.age": {"th": "รอมาแล้ว", "en": "Waiting"},
    "queue.sme": {"th": "ผู้ประกอบการ", "en": "SME"},
    "queue.question": {"th": "คำถาม", "en": "Question"},
    "queue.assignee": {"th": "ผู้รับเรื่อง", "en": "Assignee"},
    "queue.unassigned": {"th": "ยังไม่มีผู้รับ", "en": "Nobody yet"},
    "filter.active": {"th": "ยังไม่เสร็จ", "en": "Active (open or claimed)"},
    "filter.all": {"th": "ทั้งหมด", "en": "All"},
    "status.open": {"th": "รอพี่เลี้ยง", "en": "Open"},
    "status.claimed": {"th": "รับเรื่องแล้ว", "en": "Claimed"},
    "status.answered": {"th": "ตอบแล้ว", "en": "Answered"},
    "status.closed": {"th": "ปิดแล้ว", "en": "Closed"},
    "age.minutes": {"th": "{n} นาที", "en": "{n} min"},
    "age.hours": {"th": "{n} ชม. {m} นาที", "en": "{n} h {m} min"},
    "age.days": {"th": "{n} วัน {h} ชม.", "en": "{n} d {h} h"},
    "age.just_now": {"th": "เมื่อสักครู่", "en": "just now"},
    # Channels
    "channel.line": {"th": "LINE", "en": "LINE"},
    "channel.telegram": {"th": "Telegram", "en": "Telegram"},
    "channel.web": {"th": "เว็บ", "en": "Web"},
    "channel.cli": {"th": "เทอร์มินัล", "en": "Terminal"},
    # Ticket page
    "ticket.back": {"th": "← กลับไปที่คิว", "en": "← Back to the queue"},
    "ticket.from": {"th": "จาก {name} ทาง {channel}", "en": "From {name} on {channel}"},
    "ticket.created": {"th": "ส่งมาเมื่อ {when}", "en": "Sent {when}"},
    "ticket.assignee": {"th": "ผู้รับเรื่อง: {name}", "en": "Assignee: {name}"},
    "ticket.tags": {"th": "หัวข้อ", "en": "Topics"},
    "ticket.question": {"th": "คำถามของผู้ประกอบการ", "en": "The SME's question"},
    "ticket.follow_ups": {"th": "ข้อความเพิ่มเติมจากผู้ประกอบการ", "en": "Follow-ups from the SME"},
    "ticket.others": {"th": "เรื่องอื่นของผู้ประกอบการรายนี้", "en": "This SME's other tickets"},
    "ticket.turns": {"th": "บทสนทนาล่าสุด", "en": "Recent conversation"},
    "ticket.role_user": {"th": "ผู้ประกอบการ", "en": "SME"},
    "ticket.role_assistant": {"th": "ผู้ช่วย", "en": "Assistant"},
    "ticket.attempt": {"th": "สิ่งที่ผู้ประกอบการได้รับจากผู้ช่วย", "en": "What the SME received from the assistant"},
    "ticket.no_attempt": {
        "th": "ผู้ช่วยไม่ได้ตอบคำถามนี้ ผู้ประกอบการยังไม่ได้รับคำตอบใด ๆ",
        "en": "The assistant did not answer this question: the SME has received no answer yet.",
    },
    "ticket.received": {
        "th": "ข้อความด้านล่างคือสิ่งที่ผู้ประกอบการเห็นในแชท",
        "en": "Below is exactly what the SME saw in the chat.",
    },
    "ticket.confidence": {"th": "ความมั่นใจ {value:.2f}", "en": "confidence {value:.2f}"},
    "ticket.coverage.answered": {"th": "ตอบจากเนื้อหาหลักสูตร", "en": "answered from the material"},
    "ticket.coverage.partial": {
        "th": "ตอบได้บางส่วน พร้อมปุ่มส่งให้พี่เลี้ยง",
        "en": "partly answered, with the mentor button",
    },
    "ticket.coverage.not_covered": {
        "th": "แจ้งว่าเนื้อหาหลักสูตรไม่ครอบคลุม",
        "en": "told that the material does not cover it",
    },
    "ticket.kind.calculation": {"th": "คำนวณจากตัวเลขของผู้ประกอบการ", "en": "a calculation from the SME's figures"},
    "ticket.kind.schedule": {"th": "ตอบจากตารางเรียน", "en": "answered from the schedule"},
    "ticket.kind.out_of_scope": {"th": "แจ้งว่าอยู่นอกขอบเขตหลักสูตร", "en": "told it is outside the course"},
    "ticket.kind.refusal": {"th": "ปฏิเสธอย่างสุภาพ", "en": "a polite refusal"},
    "ticket.kind.clarify": {"th": "ถามกลับให้ระบุคำถามให้ชัดขึ้น", "en": "asked the SME to say more"},
    "ticket.sources": {"th": "แหล่งที่มาที่แสดง: {sources}", "en": "Sources shown: {sources}"},
    "ticket.passages": {"th": "ข้อความจากเอกสารหลักสูตรที่ค้นพบ", "en": "Course passages found"},
    "ticket.no_passages": {"th": "ไม่พบข้อความที่เกี่ยวข้อง", "en": "No matching passage"},
    "ticket.score": {"th": "คะแนน {value:.2f}", "en": "score {value:.2f}"},
    "ticket.page": {"th": "หน้า {page}", "en": "page {page}"},
    "ticket.answer": {"th": "คำตอบของพี่เลี้ยง", "en": "The mentor's answer"},
    "ticket.answered_by": {"th": "ตอบโดย {name} เมื่อ {when}", "en": "Answered by {name}, {when}"},
    "ticket.events": {"th": "ประวัติการเปลี่ยนแปลง", "en": "Audit trail"},
    "ticket.not_found": {"th": "ไม่พบเรื่อง {reference}", "en": "No ticket {reference}"},
    # Actions
    "action.claim": {"th": "รับเรื่องนี้", "en": "Claim"},
    "action.release": {"th": "คืนเรื่องเข้าคิว", "en": "Release"},
    "action.answer": {"th": "ส่งคำตอบให้ผู้ประกอบการ", "en": "Send the answer to the SME"},
    "action.answer_label": {"th": "คำตอบของคุณ", "en": "Your answer"},
    "action.answer_hint": {
        "th": "คำตอบจะส่งไปยังแชทที่ผู้ประกอบการใช้ถาม (LINE, Telegram หรือเว็บ)",
        "en": "The answer goes to the chat the SME asked in (LINE, Telegram or web).",
    },
    "action.close": {"th": "ปิดเรื่อง", "en": "Close"},
    "action.more": {"th": "ส่งข้อความเพิ่มเติมถึงผู้ประกอบการ", "en": "Send the SME another message"},
    "action.claimed_by_other": {
        "th": "{name} รับเรื่องนี้อยู่ ตอบได้เมื่อเรื่องถูกคืนเข้าคิว",
        "en": "{name} has claimed this ticket; you can answer once it is released.",
    },
    "faq.heading": {"th": "บันทึกเป็นคำถามที่พบบ่อย (FAQ)", "en": "Save as FAQ"},
    "faq.hint": {
        "th": "ตรวจและแก้ไขคำถามกับคำตอบให้ใช้ได้กับผู้ประกอบการทุกราย การนำเข้าเอกสารครั้งถัดไป "
        "(nzap ingest) จะเพิ่มรายการนี้ในฐานความรู้พร้อมชื่อพี่เลี้ยงและเลขที่เรื่อง",
        "en": "Edit the question and answer so they suit every SME. The next ingest (nzap ingest) adds this "
        "entry to the knowledge base with your name and the ticket number.",
    },
    "faq.question": {"th": "คำถาม", "en": "Question"},
    "faq.answer": {"th": "คำตอบ", "en": "Answer"},
    "faq.topics": {"th": "หัวข้อ (คั่นด้วยจุลภาค)", "en": "Topics (comma separated)"},
    "faq.submit": {"th": "บันทึกเป็น FAQ", "en": "Save as FAQ"},
    "faq.saved_before": {"th": "บันทึกเป็น FAQ แล้วที่ {path}", "en": "Saved as FAQ in {path}"},
    # Outcomes shown after an action (query parameter ``done`` / ``error``)
    "done.claimed": {"th": "รับเรื่องแล้ว", "en": "Claimed."},
    "done.released": {"th": "คืนเรื่องเข้าคิวแล้ว", "en": "Released to the queue."},
    "done.answered": {
        "th": "บันทึกคำตอบแล้ว ระบบกำลังส่งให้ผู้ประกอบการ",
        "en": "Answer saved; it is on its way to the SME.",
    },
    "done.closed": {"th": "ปิดเรื่องแล้ว", "en": "Closed."},
    "done.faq": {"th": "บันทึกเป็น FAQ แล้ว", "en": "Saved as FAQ."},
    "error.state": {
        "th": "ทำรายการนี้ไม่ได้ในสถานะปัจจุบันของเรื่อง (อาจมีพี่เลี้ยงคนอื่นทำไปแล้ว) กรุณาดูสถานะล่าสุด",
        "en": "That is not possible in the ticket's current state (another mentor may have acted). "
        "See its latest state.",
    },
    "error.empty_answer": {"th": "กรุณาพิมพ์คำตอบก่อนส่ง", "en": "Please type an answer first."},
    "error.too_long": {
        "th": "ข้อความยาวเกิน {limit} ตัวอักษร",
        "en": "The text is longer than {limit} characters.",
    },
    "error.faq_empty": {"th": "คำถามและคำตอบของ FAQ ต้องไม่ว่าง", "en": "The FAQ needs a question and an answer."},
    "error.faq_no_answer": {
        "th": "บันทึกเป็น FAQ ได้หลังจากตอบเรื่องนี้แล้ว",
        "en": "A ticket can be saved as FAQ once it is answered.",
    },
    "error.forbidden": {
        "th": "ไม่อนุญาต: ต้องเข้าสู่ระบบในฐานะพี่เลี้ยง และส่งแบบฟอร์มจากหน้าคอนโซลเท่านั้น",
        "en": "Forbidden: sign in as a mentor and submit forms from the console pages only.",
    },
    "error.heading": {"th": "เกิดข้อผิดพลาด", "en": "Something went wrong"},
    # Audit trail actions (event ``action`` values from the ticket service)
    "event.created": {"th": "สร้างเรื่อง", "en": "created"},
    "event.attached": {"th": "ผู้ประกอบการถามซ้ำ (รวมเข้าเรื่องนี้)", "en": "repeat question attached"},
    "event.added": {"th": "ผู้ประกอบการเพิ่มคำถามใหม่ในเรื่องนี้", "en": "the SME added a new question"},
    "event.posted": {"th": "โพสต์ในกลุ่มพี่เลี้ยง", "en": "posted to a mentor group"},
    "event.claimed": {"th": "รับเรื่อง", "en": "claimed"},
    "event.released": {"th": "คืนเรื่องเข้าคิว", "en": "released"},
    "event.answered": {"th": "ตอบคำถาม", "en": "answered"},
    "event.closed": {"th": "ปิดเรื่อง", "en": "closed"},
    "event.reopened": {"th": "เปิดเรื่องอีกครั้ง (ผู้ประกอบการถามต่อ)", "en": "reopened (SME followed up)"},
    "event.saved_as_faq": {"th": "บันทึกเป็น FAQ", "en": "saved as FAQ"},
    "event.reminded": {"th": "เตือนกลุ่มพี่เลี้ยง", "en": "mentor group reminded"},
    "event.coordinator_notified": {"th": "แจ้งผู้ประสานงาน", "en": "coordinator notified"},
    "event.delivered": {"th": "ส่งคำตอบถึงผู้ประกอบการแล้ว", "en": "answer delivered"},
    "event.delivery_failed": {"th": "ส่งคำตอบไม่สำเร็จ", "en": "delivery failed"},
    "actor.user": {"th": "ผู้ประกอบการ", "en": "SME"},
    "actor.system": {"th": "ระบบ", "en": "system"},
    "actor.mentor": {"th": "พี่เลี้ยง {name}", "en": "mentor {name}"},
    # Curated FAQ file written by "save as FAQ"
    "faq_file.title": {"th": "คำตอบจากพี่เลี้ยง {reference}", "en": "Mentor answer {reference}"},
    "faq_file.comment": {
        "th": "บันทึกจากคอนโซลพี่เลี้ยงโดย {name} ({reference}) แก้ไขไฟล์นี้ได้ การนำเข้าครั้งถัดไปจะใช้ฉบับล่าสุด",
        "en": "Saved from the mentor console by {name} ({reference}); edit freely, the next ingest uses the latest",
    },
}

# The insight dashboard is a console page too: one catalogue, one ``t`` in the templates.
MESSAGES.update(DASHBOARD)

text = Texts(MESSAGES)
"""The console message ``key`` in ``language`` (Thai when that language is missing)."""
