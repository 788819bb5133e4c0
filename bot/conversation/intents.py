"""Messages answered without a retrieval round: greetings, thanks, help, a person, reset, chatter.

Matching is on the message folded for matching (:func:`ingestion.thai.fold_for_matching`:
lower case, Arabic digits), which the engine computes once per turn. Greetings, thanks and chatter must be
the whole message (give or take polite particles), so "สวัสดีครับ ค่าไฟคิดยังไง" still goes
to retrieval; a request for a person may appear anywhere in the message.
"""

from __future__ import annotations

import re
import unicodedata
from enum import Enum


class Intent(Enum):
    """What a message asks for before any course content is considered."""

    GREETING = "greeting"
    THANKS = "thanks"
    HELP = "help"
    HUMAN = "human"
    STATUS = "status"
    """Where do my questions to the mentors stand?"""
    NEGATIVE = "negative"
    """The last answer did not help ("ไม่ตรง", "ไม่ใช่", "not helpful")."""
    RESET = "reset"
    CHATTER = "chatter"
    EMPTY = "empty"
    """Nothing to read: empty, whitespace, emoji or punctuation only."""
    QUESTION = "question"


_PARTICLES = re.compile(r"(ครับผม|ครับ|คับ|ค่ะ|คะ|ค่า|จ้า|จ้ะ|นะคะ|นะครับ|นะ|ฮะ|จ๊ะ|เลย|หน่อย|ด้วย|please|pls|!|\?|\.|~|\s)+$")
_WHOLE = {
    Intent.GREETING: (
        "สวัสดี",
        "หวัดดี",
        "ดีจ้า",
        "ดีครับ",
        "ดีค่ะ",
        "hello",
        "hi",
        "hey",
        "good morning",
        "อรุณสวัสดิ์",
        "สวัสดีตอนเช้า",
        "ทักครับ",
        "ทักค่ะ",
    ),
    Intent.THANKS: (
        "ขอบคุณ",
        "ขอบคุณมาก",
        "ขอบคุณมากๆ",
        "ขอบคุณมาก ๆ",
        "ขอบใจ",
        "thank you",
        "thanks",
        "thx",
        "ty",
        "โอเคขอบคุณ",
        "เข้าใจแล้ว ขอบคุณ",
        "ได้เลย ขอบคุณ",
    ),
    Intent.HELP: ("help", "/help", "วิธีใช้", "ช่วยอะไรได้บ้าง", "ทำอะไรได้บ้าง", "ใช้ยังไง", "เมนู", "menu", "ถามอะไรได้บ้าง"),
    Intent.RESET: ("/reset", "reset", "เริ่มใหม่", "ล้างประวัติ", "เริ่มคุยใหม่", "ลบประวัติแชท", "new chat"),
    Intent.CHATTER: (
        "ว่าไง",
        "กินข้าวยัง",
        "ทำอะไรอยู่",
        "555",
        "5555",
        "55555",
        "ฮ่าๆ",
        "ฮ่า ๆ",
        "โอเค",
        "ok",
        "okay",
        "ได้",
        "จ้า",
        "อืม",
        "เหรอ",
        "งั้นเหรอ",
        "เก่งมาก",
        "น่ารัก",
        "เป็นใคร",
        "ชื่ออะไร",
    ),
}
# A request for a person needs both a verb of asking or contacting and someone to reach, so a
# question about mentors ("พี่เลี้ยงในหลักสูตรคือใคร") is still a question.
_HUMAN_VERBS = (
    "ขอคุย",
    "อยากคุย",
    "คุยกับ",
    "ติดต่อ",
    "ส่งต่อ",
    "ส่งให้",
    "ต่อสาย",
    "ขอสาย",
    "ขอถาม",
    "ขอคน",
    "talk to",
    "speak to",
    "speak with",
    "contact",
    "connect me",
    "transfer",
)
_HUMAN_PEOPLE = (
    "พี่เลี้ยง",
    "คนจริง",
    "คน",
    "เจ้าหน้าที่",
    "ผู้เชี่ยวชาญ",
    "ทีมงาน",
    "แอดมิน",
    "mentor",
    "human",
    "person",
    "someone",
    "agent",
    "staff",
)
_HUMAN_COMMANDS = ("/mentor", "mentor", "human", "พี่เลี้ยง", "ขอพี่เลี้ยง")
_STATUS_WHOLE = (
    "/status",
    "status",
    "ticket status",
    "my tickets",
    "สถานะ",
    "สถานะเรื่อง",
    "ติดตามเรื่อง",
    "ติดตามคำถาม",
    "เช็คสถานะ",
    "ตรวจสอบสถานะ",
)
# "เรื่องที่ส่งไปถึงไหนแล้ว", "คำถามที่ส่งให้พี่เลี้ยงถึงไหนแล้ว", "พี่เลี้ยงตอบหรือยัง", "where is my ticket".
_STATUS_PATTERN = re.compile(
    r"((ที่ส่ง|ที่ถาม|ของ(ผม|ฉัน|หนู|เรา|ดิฉัน)|ticket|t-?\d+).*(ถึงไหน|คืบหน้า|เป็นไงบ้าง|ยังไงบ้าง))"
    r"|(พี่เลี้ยง.*(ตอบ(หรือ)?ยัง|ตอบรึยัง|ตอบมายัง))"
    r"|(status of (my )?(ticket|question))|(where is my (ticket|question))|(any (news|update) on my)"
)
# Negative feedback must be (nearly) the whole message, so "ไม่ใช่ไฟฟ้า แต่เป็นน้ำมัน" stays a question.
_NEGATIVE = (
    "ไม่ตรง",
    "ไม่ตรงคำถาม",
    "ตอบไม่ตรง",
    "ตอบไม่ตรงคำถาม",
    "ไม่ใช่",
    "ไม่ใช่แบบนี้",
    "ไม่ใช่อันนี้",
    "ไม่ใช่ที่ถาม",
    "ไม่ช่วย",
    "ไม่ได้ช่วย",
    "ไม่ช่วยเลย",
    "ไม่เกี่ยว",
    "ไม่เกี่ยวเลย",
    "ผิด",
    "ตอบผิด",
    "ยังไม่ใช่",
    "ไม่เข้าใจ",
    "งง",
    "wrong",
    "not helpful",
    "that's not it",
    "that is not it",
    "not what i asked",
    "useless",
    "no",
)


def _letters(text: str) -> bool:
    """True when the text has at least one letter or digit (not only emoji, symbols, punctuation)."""
    return any(unicodedata.category(ch)[0] in "LN" for ch in text)


def detect(folded: str) -> Intent:
    """The intent of one message, given as :func:`ingestion.thai.fold_for_matching` returns it."""
    if not folded or not _letters(folded):
        return Intent.EMPTY
    core = _PARTICLES.sub("", folded).strip()
    for intent, phrases in _WHOLE.items():
        if core in phrases or folded in phrases:
            return intent
    if core in _STATUS_WHOLE or _STATUS_PATTERN.search(folded):
        return Intent.STATUS
    if core in _NEGATIVE or _PARTICLES.sub("", core.removeprefix("มัน").strip()) in _NEGATIVE:
        return Intent.NEGATIVE
    if core in _HUMAN_COMMANDS or (
        any(verb in folded for verb in _HUMAN_VERBS) and any(who in folded for who in _HUMAN_PEOPLE)
    ):
        return Intent.HUMAN
    return Intent.QUESTION
