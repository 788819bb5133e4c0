"""Recognising what a user asks about their data: the notice, a copy, erasure; and the buttons' actions.

A command must be the whole message (give or take polite particles and a leading slash
command's bot name), so "ลบข้อมูลของฉันในรายงานคาร์บอนยังไง" stays a course question.
"""

from __future__ import annotations

import re
from enum import Enum

from ingestion import thai

CONSENT_YES = "consent:yes"
"""Action of the "ยินยอม" button under the privacy notice."""
CONSENT_NO = "consent:no"
"""Action of the "ไม่ยินยอม" button under the privacy notice."""
FORGET_YES = "privacy:forget:yes"
"""Action of "ยืนยันลบ" under the erasure question."""
FORGET_NO = "privacy:forget:no"
"""Action of "ยกเลิก" under the erasure question."""
PRIVACY_ACTIONS = frozenset({CONSENT_YES, CONSENT_NO, FORGET_YES, FORGET_NO})


_TYPED_CONSENT = re.compile(
    r"(?:ยอมรับ|ตกลง|ยินยอม|รับทราบ|ok|okay|โอเค|โอเคค่ะ|agree|i agree|accept|yes)"
    r"(?:\s*(?:ครับ|คะ|ค่ะ|จ้า|นะ|ค่า|คับ|เลย|!|\.))*"
)


def typed_consent(folded: str) -> bool:
    """Whether a message typed under the privacy notice agrees to it, as pressing "ยินยอม" does.

    Only the whole message counts ("ตกลงครับ", "ok"), so "ตกลงแล้ว scope 2 คืออะไร" stays a message.
    """
    return bool(_TYPED_CONSENT.fullmatch(folded.strip()))


class PrivacyCommand(Enum):
    """A request about the user's own data."""

    NOTICE = "notice"
    """Show the privacy notice and the consent buttons again (also to withdraw consent)."""
    EXPORT = "export"
    """Send a copy of what is stored (``/mydata``)."""
    FORGET = "forget"
    """Erase what is stored, after a confirmation (``/forget``)."""


_PHRASES: dict[PrivacyCommand, tuple[str, ...]] = {
    PrivacyCommand.NOTICE: (
        "/privacy",
        "/consent",
        "privacy",
        "ความเป็นส่วนตัว",
        "นโยบายความเป็นส่วนตัว",
        "ข้อมูลส่วนบุคคล",
        "ความยินยอม",
    ),
    PrivacyCommand.EXPORT: (
        "/mydata",
        "mydata",
        "my data",
        "show my data",
        "export my data",
        "ขอดูข้อมูลของฉัน",
        "ดูข้อมูลของฉัน",
        "ขอข้อมูลของฉัน",
        "ข้อมูลของฉัน",
        "ขอดูข้อมูลของผม",
        "ดูข้อมูลของผม",
    ),
    PrivacyCommand.FORGET: (
        "/forget",
        "forget",
        "forget me",
        "delete my data",
        "erase my data",
        "ลบข้อมูลของฉัน",
        "ลบข้อมูลฉัน",
        "ลบข้อมูลของผม",
        "ลบข้อมูลผม",
        "ขอลบข้อมูล",
        "ขอลบข้อมูลของฉัน",
        "ลบข้อมูลส่วนตัว",
    ),
}
_LOOKUP = {phrase: command for command, phrases in _PHRASES.items() for phrase in phrases}
_PARTICLES = re.compile(r"(ครับผม|ครับ|คับ|ค่ะ|คะ|ค่า|จ้า|นะคะ|นะครับ|นะ|ด้วย|หน่อย|please|pls|!|\?|\.|\s)+$")
_BOT_NAME = re.compile(r"^(/\w+)@\w+")


def privacy_command(text: str) -> PrivacyCommand | None:
    """The privacy command ``text`` is, or ``None`` for anything else."""
    folded = _BOT_NAME.sub(r"\1", thai.fold_for_matching(text).strip())
    core = _PARTICLES.sub("", folded).strip()
    return _LOOKUP.get(core) or _LOOKUP.get(folded)
