"""Shaping what the user typed into something answerable: follow-ups and over-long messages."""

from __future__ import annotations

import re

from bot.types import Turn
from ingestion import thai

# Short questions that lean on the previous one: "แล้ว LPG ล่ะ", "อันนี้ต้องทำยังไง", "what about diesel?".
_FOLLOW_UP = re.compile(
    r"^(แล้ว|และ|ส่วน|อันนี้|อันนั้น|ตัวนี้|เรื่องนี้|ข้อนี้|ถ้า|what about|and |how about)|(ล่ะ|หล่ะ|ละ)\s*(ครับ|ค่ะ|คะ)?\s*\??$",
    re.IGNORECASE,
)


def is_follow_up(question: str) -> bool:
    """Whether ``question`` probably continues the previous one."""
    return len(question) <= 60 and bool(_FOLLOW_UP.search(question.strip()))


def enrich_follow_up(question: str, history: list[Turn]) -> str:
    """Offline: prefix a follow-up with the previous user question, so retrieval keeps the topic."""
    previous = next((t.text for t in reversed(history) if t.role == "user" and t.text != question), None)
    if previous is None or not is_follow_up(question):
        return question
    return f"{previous} {question}"


def shorten(text: str, limit: int) -> tuple[str, bool]:
    """Cut an over-long message to its last sentences (people put the question at the end).

    Returns the text to answer and whether it was cut. A message without sentence breaks
    keeps its last ``limit`` characters, starting at a word boundary.
    """
    if len(text) <= limit:
        return text, False
    kept: list[str] = []
    for sentence in reversed(thai.sentences(text)):
        if sum(len(s) + 1 for s in kept) + len(sentence) > limit:
            break
        kept.insert(0, sentence)
    if kept:
        return " ".join(kept), True
    tail = text[-limit:]
    return (tail.split(" ", 1)[-1] if " " in tail else tail), True
