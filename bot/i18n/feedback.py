"""What the assistant says around feedback on its answers (👍 / 👎): Thai first, English as the option."""

from __future__ import annotations

from bot.i18n.catalogue import Catalogue, Texts

MESSAGES: Catalogue = {
    "ask": {"th": "คำตอบนี้ช่วยได้ไหมครับ", "en": "Did this answer help?"},
    "button.up": {"th": "👍 ตรงคำถาม", "en": "👍 Helpful"},
    "button.down": {"th": "👎 ไม่ตรง", "en": "👎 Not helpful"},
    "thanks.up": {"th": "ขอบคุณครับ 🙏 ดีใจที่ช่วยได้", "en": "Thank you! 🙏 Glad it helped."},
    "thanks.down": {
        "th": "ขอบคุณที่บอกครับ 🙏 ไม่ดีตรงไหนครับ (ไม่ตอบก็ได้) หรือส่งคำถามนี้ให้พี่เลี้ยงตอบแทนได้ครับ",
        "en": "Thanks for telling me 🙏 What was wrong with it (optional)? Or I can pass the question to a mentor.",
    },
    "reason.off_topic": {"th": "ไม่ตรงคำถาม", "en": "Off the point"},
    "reason.not_enough": {"th": "ข้อมูลไม่พอ", "en": "Not enough detail"},
    "reason.unclear": {"th": "เข้าใจยาก", "en": "Hard to follow"},
    "button.mentor": {"th": "ส่งให้พี่เลี้ยง", "en": "Ask a mentor"},
    "thanks.reason": {
        "th": "รับทราบครับ ขอบคุณที่ช่วยบอก ทีมงานจะนำไปปรับปรุงคำตอบครับ",
        "en": "Noted, thank you. The team will use it to improve the answers.",
    },
    "stale": {
        "th": "ขออภัยครับ ไม่พบคำตอบที่ปุ่มนี้อ้างถึงแล้ว ลองถามใหม่ได้เลยครับ",
        "en": "Sorry, the answer this button belongs to is no longer there. Please ask again.",
    },
}

text = Texts(MESSAGES)
