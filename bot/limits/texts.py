"""What a user is told when a limit stops a message (Thai first, English as an option)."""

from __future__ import annotations

import math

from bot.i18n import Catalogue, message_from

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


def too_fast_notice(retry_after_seconds: float, language: str = "th") -> str:
    """The friendly "you are sending too fast" notice, with the wait rounded up to whole seconds or minutes."""
    seconds = max(1, math.ceil(retry_after_seconds))
    if seconds == 1:
        wait = message_from(MESSAGES, "limits.second", language)
    elif seconds < 90:
        wait = message_from(MESSAGES, "limits.seconds", language, n=seconds)
    else:
        wait = message_from(MESSAGES, "limits.minutes", language, n=math.ceil(seconds / 60))
    return message_from(MESSAGES, "limits.too_fast", language, wait=wait)


def busy_notice(language: str = "th") -> str:
    """The notice for a question sent while the user's previous one is still being answered."""
    return message_from(MESSAGES, "limits.busy", language)
