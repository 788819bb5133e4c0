"""What the bot says to mentors in the mentor groups and in a mentor's private chat (Thai, with English).

Same shape as :data:`bot.i18n.MESSAGES`; kept apart so the group wording does not collide with
other catalogues' edits. Texts are plain (the Telegram renderer escapes them for HTML).
"""

from __future__ import annotations

from bot.i18n.catalogue import Catalogue, Texts

MESSAGES: Catalogue = {
    "post.title": {"th": "🙋 คำถามถึงพี่เลี้ยง {reference}", "en": "🙋 Question for mentors {reference}"},
    "post.from": {"th": "จาก: {name} ({channel})", "en": "From: {name} ({channel})"},
    "post.someone": {"th": "ผู้ประกอบการ", "en": "an SME"},
    "post.channel.line": {"th": "LINE", "en": "LINE"},
    "post.channel.telegram": {"th": "Telegram", "en": "Telegram"},
    "post.channel.web": {"th": "เว็บแชท", "en": "web chat"},
    "post.tags": {"th": "หัวข้อ: {tags}", "en": "Topics: {tags}"},
    "post.tag.module": {"th": "โมดูล {value}", "en": "module {value}"},
    "post.tag.week": {"th": "สัปดาห์ที่ {value}", "en": "week {value}"},
    "post.question": {"th": "คำถาม", "en": "Question"},
    "post.follow_ups": {"th": "ถามเพิ่มเติม", "en": "Follow-up questions"},
    "post.attempt": {"th": "ผู้ช่วยตอบไว้ว่า", "en": "The assistant's attempt"},
    "post.no_attempt": {"th": "ไม่มีคำตอบจากเอกสาร", "en": "No answer from the course material"},
    "post.sources": {"th": "แหล่งที่มา", "en": "Sources"},
    "post.found": {"th": "เอกสารที่ค้นเจอ", "en": "Passages found"},
    "post.status.open": {"th": "สถานะ: รอพี่เลี้ยงรับเรื่อง", "en": "Status: waiting for a mentor"},
    "post.status.claimed": {"th": "สถานะ: {mentor} รับเรื่องแล้ว", "en": "Status: claimed by {mentor}"},
    "post.status.answered": {"th": "สถานะ: {mentor} ตอบแล้ว", "en": "Status: answered by {mentor}"},
    "post.status.closed": {"th": "สถานะ: ปิดเรื่องแล้ว", "en": "Status: closed"},
    "post.a_mentor": {"th": "พี่เลี้ยง", "en": "a mentor"},
    "post.how.telegram": {
        "th": "ตอบกลับ (Reply) ข้อความนี้เพื่อส่งคำตอบให้ผู้ประกอบการ",
        "en": "Reply to this message to send your answer to the SME.",
    },
    "post.how.line": {
        "th": "ส่งคำตอบ: พิมพ์ “ตอบ {reference} ตามด้วยคำตอบ”\nรับเรื่อง: “รับ {reference}” · ปิดเรื่อง: “ปิด {reference}”",
        "en": "To answer, type “ตอบ {reference} your answer”.\nClaim: “รับ {reference}” · Close: “ปิด {reference}”",
    },
    "button.claim": {"th": "รับเรื่อง", "en": "Claim"},
    "button.close": {"th": "ปิดเรื่อง", "en": "Close"},
    "done.claim": {"th": "{mentor} รับเรื่อง {reference} แล้ว", "en": "{mentor} claimed {reference}."},
    "done.answer": {
        "th": "บันทึกคำตอบ {reference} แล้ว ระบบกำลังส่งถึงผู้ประกอบการ หากส่งไม่สำเร็จจะแจ้งให้ทราบ",
        "en": "The answer to {reference} is saved and on its way to the SME; you will be told if delivery fails.",
    },
    "done.close": {"th": "ปิดเรื่อง {reference} แล้ว", "en": "{reference} is closed."},
    "refused.not_mentor": {
        "th": "ขออภัยครับ เฉพาะพี่เลี้ยงที่ลงทะเบียนแล้วเท่านั้นที่รับเรื่อง ตอบ หรือปิดเรื่องได้ หากคุณเป็นพี่เลี้ยง กรุณาติดต่อผู้ดูแลระบบให้เพิ่มชื่อครับ",
        "en": "Sorry, only registered mentors can claim, answer or close questions. "
        "If you are a mentor, please ask the administrator to add you.",
    },
    "refused.not_found": {"th": "ไม่พบเรื่อง {reference} ครับ", "en": "There is no question {reference}."},
    "refused.closed": {
        "th": "เรื่อง {reference} ปิดไปแล้วครับ",
        "en": "{reference} is already closed.",
    },
    "refused.taken": {
        "th": "เรื่อง {reference} มี {mentor} รับไปแล้วครับ",
        "en": "{reference} has already been claimed by {mentor}.",
    },
    "refused.state": {
        "th": "ทำรายการนี้กับเรื่อง {reference} ไม่ได้ในตอนนี้ ({status})",
        "en": "That cannot be done with {reference} right now ({status}).",
    },
    "refused.failed": {
        "th": "ขออภัยครับ ระบบขัดข้อง บันทึกไม่สำเร็จ กรุณาลองอีกครั้ง",
        "en": "Sorry, something went wrong and nothing was saved. Please try again.",
    },
    "refused.empty_answer": {
        "th": "กรุณาพิมพ์คำตอบต่อท้ายเลขเรื่อง เช่น “ตอบ {reference} ค่าไฟ 10,000 หน่วย ปล่อยประมาณ 4.75 ตัน”",
        "en": "Please put the answer after the number, e.g. “/answer {reference} about 4.75 tonnes”.",
    },
    "refused.no_number": {
        "th": "กรุณาระบุเลขเรื่อง เช่น “รับ T-0042”",
        "en": "Please give the question's number, e.g. “/claim T-0042”.",
    },
    "refused.text_only": {
        "th": "ตอนนี้ส่งคำตอบให้ผู้ประกอบการได้เฉพาะข้อความตัวอักษรครับ กรุณาพิมพ์คำตอบเป็นข้อความ",
        "en": "For now only text answers can be sent to SMEs. Please type your answer.",
    },
    "status.open": {"th": "รอรับเรื่อง", "en": "open"},
    "status.claimed": {"th": "มีผู้รับเรื่องแล้ว", "en": "claimed"},
    "status.answered": {"th": "ตอบแล้ว", "en": "answered"},
    "status.closed": {"th": "ปิดแล้ว", "en": "closed"},
    "help.telegram": {
        "th": "คำสั่งสำหรับพี่เลี้ยง\n"
        "• ตอบกลับ (Reply) ข้อความเรื่องใหม่ เพื่อส่งคำตอบให้ผู้ประกอบการ\n"
        "• /claim T-0042 รับเรื่อง\n"
        "• /answer T-0042 คำตอบ ส่งคำตอบ\n"
        "• /close T-0042 ปิดเรื่อง",
        "en": "Mentor commands\n"
        "• Reply to a question's message to send your answer to the SME\n"
        "• /claim T-0042 claim a question\n"
        "• /answer T-0042 text answer it\n"
        "• /close T-0042 close it",
    },
    "help.line": {
        "th": "คำสั่งสำหรับพี่เลี้ยง\n• ตอบ T-0042 คำตอบ  ส่งคำตอบให้ผู้ประกอบการ\n• รับ T-0042  รับเรื่อง\n• ปิด T-0042  ปิดเรื่อง",
        "en": "Mentor commands\n"
        "• ตอบ T-0042 your answer  (or /answer T-0042 ...) answer the SME\n"
        "• รับ T-0042  (or /claim T-0042) claim a question\n"
        "• ปิด T-0042  (or /close T-0042) close it",
    },
    "join.line": {
        "th": "สวัสดีครับพี่เลี้ยงทุกท่าน กลุ่มนี้เป็นกลุ่มพี่เลี้ยง คำถามที่ผู้ช่วยตอบไม่ได้จะถูกส่งมาที่นี่ "
        "พร้อมเลขเรื่อง เช่น T-0042\n"
        "• ตอบ T-0042 คำตอบ  ส่งคำตอบให้ผู้ประกอบการ\n"
        "• รับ T-0042  รับเรื่อง · ปิด T-0042  ปิดเรื่อง\n"
        "ข้อความอื่นในกลุ่มนี้ผมจะไม่ตอบครับ",
        "en": "Hello mentors. Questions the assistant cannot answer are posted here with a number such as "
        "T-0042.\n• ตอบ T-0042 your answer: answer the SME\n• รับ T-0042: claim · ปิด T-0042: close\n"
        "I stay silent on other messages in this group.",
    },
}

text = Texts(MESSAGES)
"""This area's message ``key`` in ``language`` (Thai when that language is missing)."""
