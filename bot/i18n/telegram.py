"""What the Telegram channel itself says to people, Thai first and English as an option.

Same shape as :data:`bot.i18n.MESSAGES`; kept here so the channel's wording does not collide
with other adapters' edits. Texts are plain (the renderer escapes them for HTML).
"""

from __future__ import annotations

from bot.i18n.catalogue import Catalogue, Texts

MESSAGES: Catalogue = {
    "start.welcome": {
        "th": "สวัสดีครับ ผมเป็นผู้ช่วยตอบคำถามหลักสูตร NZAP สำหรับผู้ประกอบการ SME "
        "ถามเรื่องการลดคาร์บอน การคำนวณก๊าซเรือนกระจก พลังงาน โซลาร์ หรือแหล่งเงินทุนได้เลยครับ "
        "ผมตอบจากเนื้อหาหลักสูตรและบอกแหล่งที่มาทุกครั้ง",
        "en": "Hello! I answer questions about the NZAP course for SMEs: carbon reduction, greenhouse-gas "
        "accounting, energy, solar and green finance. I answer from the course material and show my sources.",
    },
    "help": {
        "th": "พิมพ์คำถามเป็นภาษาไทยได้เลย ผมจะตอบจากเนื้อหาหลักสูตรพร้อมแหล่งที่มา\n"
        "/start เริ่มต้นและอ่านเรื่องความเป็นส่วนตัว\n"
        "/mydata ดูข้อมูลของคุณที่เก็บไว้ /forget ลบข้อมูลของคุณ /privacy ความยินยอม\n"
        "/mentor ส่งคำถามล่าสุดให้พี่เลี้ยง (หรือพิมพ์คำถามต่อท้าย เช่น /mentor ขายไฟคืนได้ไหม)\n"
        "/status ดูว่าคำถามที่ส่งให้พี่เลี้ยงไปถึงไหนแล้ว\n"
        "/footprint ดูฟุตพริ้นท์คาร์บอนที่คำนวณไว้ (/footprint clear ล้างรายการ)\n"
        "/schedule ตารางเรียนครั้งถัดไป /remind on หรือ off เปิดหรือปิดการแจ้งเตือนก่อนเรียน\n"
        "/reset เริ่มบทสนทนาใหม่\n"
        "/lang เปลี่ยนภาษา\n"
        "ในกลุ่ม ผมตอบเมื่อถูกกล่าวถึง (@{bot}) ถูกตอบกลับ หรือได้รับคำสั่งเท่านั้น",
        "en": "Type your question and I'll answer from the course material with sources.\n"
        "/start welcome and privacy notice\n"
        "/mydata see your stored data, /forget delete it, /privacy your consent\n"
        "/mentor pass your last question to a mentor (or add the question, e.g. /mentor can I sell power back?)\n"
        "/status where your questions to mentors are\n"
        "/footprint your kept carbon footprint (/footprint clear empties it)\n"
        "/schedule the next session, /remind on or off: class reminders\n"
        "/reset start a new conversation\n"
        "/lang change language\n"
        "In groups I answer only when mentioned (@{bot}), replied to, or given a command.",
    },
    "lang.choose": {"th": "เลือกภาษาที่ต้องการครับ", "en": "Choose your language."},
    "lang.th": {"th": "ภาษาไทย", "en": "ภาษาไทย"},
    "lang.en": {"th": "English", "en": "English"},
    "lang.switched": {"th": "เปลี่ยนเป็นภาษาไทยแล้วครับ", "en": "I'll reply in English from now on."},
    "lang.unavailable": {
        "th": "ขออภัยครับ ตอนนี้ยังเปลี่ยนภาษาไม่ได้",
        "en": "Sorry, the language can't be changed yet.",
    },
    "callback.expired": {
        "th": "ปุ่มนี้หมดอายุแล้ว ลองพิมพ์คำถามอีกครั้งนะครับ",
        "en": "This button has expired. Please type your question again.",
    },
    "unsupported": {
        "th": "ตอนนี้ผมอ่านได้เฉพาะข้อความตัวอักษรครับ ช่วยพิมพ์คำถามเป็นข้อความนะครับ",
        "en": "For now I can only read text. Please type your question.",
    },
    "choose": {"th": "เลือกได้เลยครับ", "en": "Please choose."},
    "error": {
        "th": "ขออภัยครับ ระบบขัดข้องชั่วคราว ลองส่งคำถามอีกครั้งในอีกสักครู่นะครับ",
        "en": "Sorry, something went wrong on my side. Please try again in a moment.",
    },
    "mentor.request": {"th": "ขอคุยกับพี่เลี้ยง", "en": "ขอคุยกับพี่เลี้ยง"},
}
"""``mentor.request`` is what ``/mentor`` sends to the engine, which recognises the Thai phrase in any language."""

text = Texts(MESSAGES)
"""This area's message ``key`` in ``language`` (Thai when that language is missing)."""
