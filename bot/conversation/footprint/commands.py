"""Recognising a request about the kept footprint: show it, or clear it; and the button's action.

Like the privacy commands, a request must be the whole message (give or take polite particles
and a Telegram bot name), so "ฟุตพริ้นท์ของไฟฟ้าคิดยังไง" stays a course question.
"""

from __future__ import annotations

import re
from enum import Enum

from ingestion import thai

FOOTPRINT_ACTION = "footprint:show"
"""Action of the "ดูฟุตพริ้นท์" button under a calculation (ASCII: fits Telegram's callback data)."""


class FootprintCommand(Enum):
    """What the user asks of their footprint."""

    SHOW = "show"
    CLEAR = "clear"


# Thai spellings people type for "footprint": ฟุตพริ้นท์, ฟุตพริ้นต์, ฟุตปริ้นท์, ฟุตพริน ...
_WORD = r"(?:carbon\s*)?(?:footprint|(?:คาร์บอน\s*)?ฟุต\s*(?:พ|ป)ริ(?:้)?น(?:ท์|ต์|ท|ต)?)"
_MINE = r"(?:\s*(?:ของ)?\s*(?:ฉัน|ผม|เรา|หนู|กิจการ|ร้าน|บริษัท))?"
_SHOW = re.compile(
    rf"/footprint|(?:my|show(?:\s+my)?)\s+{_WORD}|(?:ขอ)?ดู\s*{_WORD}{_MINE}|{_WORD}\s*(?:ของ)?\s*(?:ฉัน|ผม)"
)
_CLEAR = re.compile(
    rf"/footprint\s+(?:clear|reset|ล้าง|ลบ)|(?:clear|reset|delete)(?:\s+my)?\s+{_WORD}"
    rf"|(?:ขอ)?(?:ล้าง|ลบ|เคลียร์)\s*{_WORD}{_MINE}(?:\s*ทั้งหมด)?"
)
_PARTICLES = re.compile(r"(ครับผม|ครับ|คับ|ค่ะ|คะ|ค่า|จ้า|นะคะ|นะครับ|นะ|ด้วย|หน่อย|please|pls|!|\?|\.|\s)+$")
_BOT_NAME = re.compile(r"^(/\w+)@\w+")


def footprint_command(text: str) -> FootprintCommand | None:
    """The footprint request ``text`` is, or ``None`` for anything else."""
    folded = _BOT_NAME.sub(r"\1", thai.fold_for_matching(text).strip())
    core = _PARTICLES.sub("", folded).strip()
    if _CLEAR.fullmatch(core):
        return FootprintCommand.CLEAR
    if _SHOW.fullmatch(core):
        return FootprintCommand.SHOW
    return None
