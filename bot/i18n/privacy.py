"""What the assistant says about personal data (Thai first, English as an option).

The notice follows the Personal Data Protection Act B.E. 2562: it is given at or before
collection (s.23), asks for consent separately from anything else and says how to withdraw
it (s.19), how to get a copy (s.30) and how to have the data erased (s.33), and asks people
not to send sensitive data (s.26), which the assistant has no reason to hold.
"""

from __future__ import annotations

from bot.i18n.catalogue import Catalogue, Texts

MESSAGES: Catalogue = {
    "privacy.notice": {
        "th": "ก่อนเริ่ม ขอแจ้งเรื่องข้อมูลส่วนบุคคล (พ.ร.บ.คุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562) ครับ\n"
        "• สิ่งที่เก็บ: ข้อความที่คุณส่ง (รวมประวัติแชทบนเว็บ) ชื่อที่แสดงในแชท ชื่อกิจการ (ถ้าคุณบอก) "
        "ตัวเลขคาร์บอนที่คุณบันทึก ความเห็นต่อคำตอบ (👍/👎) การรับแจ้งเตือน และคำถามที่ส่งต่อให้พี่เลี้ยง\n"
        "• เก็บเพื่อ: ตอบคำถามของคุณ และส่งคำถามให้พี่เลี้ยงของหลักสูตรเมื่อเนื้อหาหลักสูตรตอบไม่ได้\n"
        "• เก็บนาน: {days} วัน แล้วระบบจะลบให้เอง\n"
        "• ดูข้อมูลของคุณ: พิมพ์ /mydata หรือ “ขอดูข้อมูลของฉัน”\n"
        "• ลบข้อมูล: พิมพ์ /forget หรือ “ลบข้อมูลของฉัน” ได้ทุกเมื่อ\n"
        "• ระหว่างรอคุณตอบ: ผมเก็บไว้เฉพาะคำถามล่าสุดที่คุณส่งมา ไม่เกิน {minutes} นาที เพื่อตอบทันทีเมื่อคุณยินยอม "
        "ถ้าไม่ยินยอมหรือเกินเวลา คำถามนั้นจะถูกลบ\n"
        "กรุณาอย่าส่งข้อมูลอ่อนไหว เช่น เลขบัตรประชาชนหรือข้อมูลสุขภาพ\n\n"
        "ยินยอมให้เก็บข้อมูลตามนี้ไหมครับ (ยกเลิกได้ทุกเมื่อด้วย /privacy)",
        "en": "Before we start, a note on personal data (Thailand's Personal Data Protection Act B.E. 2562):\n"
        "• What is stored: the messages you send (including the web chat's history), your display name, your "
        "business name (if you give it), the carbon figures you save, your feedback on answers (👍/👎), whether you "
        "get reminders, and questions passed to mentors\n"
        "• Why: to answer your questions, and to pass them to the course mentors when the material cannot\n"
        "• For how long: {days} days, then it is deleted automatically\n"
        "• See your data: type /mydata or “my data”\n"
        "• Delete it: type /forget or “delete my data” at any time\n"
        "• While you decide: I keep only your latest question, for at most {minutes} minutes, to answer it as soon "
        "as you agree; if you don't agree, or the time passes, it is deleted\n"
        "Please don't send sensitive data such as ID numbers or health details.\n\n"
        "Do you agree to this? (You can withdraw at any time with /privacy.)",
    },
    "privacy.consent_yes": {"th": "ยินยอม", "en": "I agree"},
    "privacy.consent_no": {"th": "ไม่ยินยอม", "en": "I don't agree"},
    "privacy.status_given": {
        "th": "ตอนนี้คุณให้ความยินยอมไว้แล้ว (เมื่อ {date}) กด “ไม่ยินยอม” เพื่อยกเลิกได้ครับ",
        "en": "You agreed on {date}. Press “I don't agree” to withdraw.",
    },
    "privacy.accepted": {
        "th": "ขอบคุณครับ บันทึกความยินยอมแล้ว พิมพ์คำถามได้เลยครับ เช่น “ค่าไฟ 10,000 หน่วยต่อเดือน ปล่อยคาร์บอนเท่าไหร่”",
        "en": "Thank you, your consent is recorded. Go ahead and ask, e.g. “how much carbon does 10,000 kWh a "
        "month emit?”",
    },
    "privacy.accepted_held": {
        "th": "ขอบคุณครับ บันทึกความยินยอมแล้ว นี่คือคำตอบของคำถามที่คุณส่งมาก่อนหน้านี้ครับ",
        "en": "Thank you, your consent is recorded. Here is the answer to the question you sent before.",
    },
    "privacy.declined": {
        "th": "รับทราบครับ ผมไม่เก็บข้อความของคุณไว้ (คำถามที่ส่งมาก่อนเลือกก็ลบแล้ว) แต่ผมต้องเก็บข้อความจึงจะตอบคำถาม"
        "และส่งต่อให้พี่เลี้ยงได้ จึงยังตอบคำถามไม่ได้ครับ หากเปลี่ยนใจ กด “ยินยอม” ด้านล่างได้ทุกเมื่อ",
        "en": "Understood. I am not keeping your messages (a question you sent before choosing is deleted too), but I "
        "need to store them to answer and to pass them to mentors, so I can't answer for now. If you change your "
        "mind, press “I agree” below at any time.",
    },
    "privacy.withdrawn": {
        "th": "ยกเลิกความยินยอมแล้วครับ ต่อจากนี้ผมจะไม่เก็บข้อความใหม่ของคุณ ข้อมูลที่เก็บไว้ก่อนหน้านี้ลบได้ด้วย /forget หรือ “ลบข้อมูลของฉัน”",
        "en": "Consent withdrawn. I won't store your new messages from now on; what was stored before can be "
        "deleted with /forget or “delete my data”.",
    },
    "privacy.forget_confirm": {
        "th": "ต้องการลบข้อมูลของคุณทั้งหมดใช่ไหมครับ: ประวัติการสนทนา ชื่อที่แสดง ชื่อกิจการ และข้อความในคำถามที่ส่งให้พี่เลี้ยง "
        "(เรื่องที่ส่งไปแล้วจะเหลือเพียงสถานะ ไม่มีข้อความ) ลบแล้วกู้คืนไม่ได้",
        "en": "Delete all your data? Your conversation history, display name, business name, and the text of "
        "questions passed to mentors (those stay only as a status, without any text). This cannot be undone.",
    },
    "privacy.forget_yes": {"th": "ยืนยันลบ", "en": "Delete"},
    "privacy.forget_no": {"th": "ยกเลิก", "en": "Cancel"},
    "privacy.forgotten": {
        "th": "ลบข้อมูลของคุณเรียบร้อยแล้วครับ (ข้อความ {messages} รายการ คำถามถึงพี่เลี้ยง {tickets} เรื่อง) "
        "หากส่งข้อความมาอีก ผมจะขอความยินยอมใหม่ก่อนครับ",
        "en": "Your data is deleted ({messages} messages, {tickets} questions to mentors). If you write again, "
        "I'll ask for your consent first.",
    },
    "privacy.forget_cancelled": {
        "th": "ยกเลิกแล้วครับ ไม่ได้ลบข้อมูลใด ๆ",
        "en": "Cancelled; nothing was deleted.",
    },
    "privacy.mydata": {
        "th": "ข้อมูลที่เก็บเกี่ยวกับคุณ: ข้อความ {messages} รายการ คำถามถึงพี่เลี้ยง {tickets} เรื่อง "
        "สถานะความยินยอม: {consent} (รายละเอียดแบบ JSON ด้านล่าง)",
        "en": "What is stored about you: {messages} messages, {tickets} questions to mentors, consent: {consent} "
        "(details as JSON below).",
    },
    "privacy.mydata_cut": {
        "th": "แสดงข้อความล่าสุด {shown} จาก {total} รายการเพื่อให้พอดีกับแชท ขอสำเนาฉบับเต็มได้จากทีมงานโครงการครับ",
        "en": "Showing the latest {shown} of {total} messages to fit the chat; ask the programme team for a full copy.",
    },
    "privacy.consent.unknown": {"th": "ยังไม่ได้เลือก", "en": "not chosen yet"},
    "privacy.consent.given": {"th": "ยินยอมแล้ว", "en": "given"},
    "privacy.consent.declined": {"th": "ไม่ยินยอม", "en": "declined"},
}

text = Texts(MESSAGES)
"""This area's message ``key`` in ``language`` (Thai when that language is missing)."""
