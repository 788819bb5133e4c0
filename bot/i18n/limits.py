"""What a user is told when a limit stops a message (Thai first, English as an option)."""

from __future__ import annotations

from bot.i18n.catalogue import Catalogue, Texts

MESSAGES: Catalogue = {
    "limits.too_fast": {
        "th": "ขอโทษครับ ข้อความมาเร็วไปนิด ผมตอบตามไม่ทัน รบกวนรอประมาณ {wait} แล้วส่งคำถามมาใหม่อีกครั้งนะครับ",
        "en": "Sorry, the messages are coming a little too fast for me to keep up. "
        "Please wait about {wait} and send your question again.",
    },
    "limits.busy": {
        "th": "ผมกำลังตอบคำถามก่อนหน้าของคุณอยู่ครับ รอคำตอบสักครู่ แล้วค่อยถามข้อต่อไปได้เลยครับ",
        "en": "I'm still working on your previous question. Please wait for that answer, then ask the next one.",
    },
    "limits.second": {"th": "1 วินาที", "en": "a second"},
    "limits.seconds": {"th": "{n} วินาที", "en": "{n} seconds"},
    "limits.minutes": {"th": "{n} นาที", "en": "{n} minutes"},
}

text = Texts(MESSAGES)
"""The limits' message ``key`` in ``language`` (Thai when that language is missing)."""
