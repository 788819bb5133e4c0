"""What the LINE channel itself says to people (the engine's own texts live in :mod:`bot.i18n`)."""

from __future__ import annotations

from bot.i18n.catalogue import Catalogue, Texts

MESSAGES: Catalogue = {
    "line.welcome": {
        "th": "สวัสดีครับ ยินดีต้อนรับสู่ผู้ช่วยหลักสูตร NZAP สำหรับผู้ประกอบการ SME ถามเรื่องการลดคาร์บอน "
        "การคำนวณก๊าซเรือนกระจก พลังงาน โซลาร์ หรือแหล่งเงินทุนสีเขียวได้เลยครับ ผมจะตอบจากเนื้อหาหลักสูตร"
        "และบอกแหล่งที่มาทุกครั้ง",
        "en": "Hello and welcome to the NZAP course assistant for SMEs. Ask about carbon reduction, "
        "greenhouse-gas accounting, energy, solar or green finance; I answer from the course material and "
        "always show my sources.",
    },
    "line.join": {
        "th": "สวัสดีครับทุกคน ผมเป็นผู้ช่วยตอบคำถามหลักสูตร NZAP ในกลุ่มนี้ผมจะตอบเมื่อมีคนแท็กถึงผม "
        "หรือพิมพ์ขึ้นต้นด้วย “ถาม:” เช่น “ถาม: ค่าไฟ 10,000 หน่วยต่อเดือน ปล่อยคาร์บอนเท่าไหร่” "
        "ข้อความที่ถามผมจะถูกเก็บไว้เพื่อใช้ตอบและส่งต่อให้พี่เลี้ยงครับ",
        "en": "Hello everyone, I'm the NZAP course assistant. In this group I answer when someone mentions me "
        "or starts a message with “/ask”, e.g. “/ask how much carbon does 10,000 kWh a month emit?”. "
        "Messages addressed to me are stored to answer them and to pass them to mentors.",
    },
    "line.not_text": {
        "th": "ขอบคุณครับ ตอนนี้ผมตอบได้เฉพาะคำถามที่พิมพ์เป็นข้อความเท่านั้น ช่วยพิมพ์คำถามเป็นตัวอักษรอีกครั้งได้ไหมครับ",
        "en": "Thanks! For now I can only answer questions typed as text. Could you type your question?",
    },
    "line.error": {
        "th": "ขออภัยครับ ระบบขัดข้องชั่วคราว ตอบคำถามนี้ไม่ได้ ช่วยลองถามอีกครั้งในอีกสักครู่นะครับ",
        "en": "Sorry, something went wrong and I couldn't answer. Please try again in a moment.",
    },
    "line.sources": {"th": "แหล่งที่มา", "en": "Sources"},
    "line.sources_alt": {"th": "แหล่งที่มาของคำตอบ: {sources}", "en": "Sources of the answer: {sources}"},
}

text = Texts(MESSAGES)
"""This area's message ``key`` in ``language`` (Thai when that language is missing)."""
