"""Opting in and out of session reminders: the button after consent, ``/remind on|off`` and Thai words.

A command must be the whole message (give or take polite particles and a Telegram bot name), so
"ปิดแจ้งเตือนในแอปยังไง" stays a question. The opt-in is personal data: it exists only for users
who agreed to the privacy notice (the engine asks this desk only then), ``/mydata`` shows it and
``/forget`` deletes it. The reminders themselves are written by :mod:`bot.reminders`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.i18n.reminders import text
from bot.storage.reminders import ReminderBook
from bot.types import QuickOption, QuickReplies, Reply, TextReply
from ingestion import thai

REMIND_ON = "remind:on"
"""Action of the "🔔 เปิดแจ้งเตือน" button."""
REMIND_OFF = "remind:off"
"""Action of the "ปิดแจ้งเตือน" button."""
REMIND_ACTIONS = frozenset({REMIND_ON, REMIND_OFF})

_ON = frozenset(
    {
        "/remind on", "/remind_on", "/remindon", "remind on", "remind me", "reminders on", "turn on reminders",
        "เปิดแจ้งเตือน", "เปิดการแจ้งเตือน", "เปิดเตือน", "แจ้งเตือนก่อนเรียน", "เตือนก่อนเรียน", "ขอแจ้งเตือน",
        "ขอให้เตือนก่อนเรียน", "รับแจ้งเตือน",
    }
)  # fmt: skip
_OFF = frozenset(
    {
        "/remind off", "/remind_off", "/remindoff", "remind off", "reminders off", "stop reminders",
        "turn off reminders", "ปิดแจ้งเตือน", "ปิดการแจ้งเตือน", "ปิดเตือน", "ไม่ต้องเตือน", "ไม่ต้องแจ้งเตือน",
        "ยกเลิกแจ้งเตือน", "ยกเลิกการแจ้งเตือน", "เลิกแจ้งเตือน",
    }
)  # fmt: skip
_STATUS = frozenset({"/remind", "remind", "reminders", "แจ้งเตือน", "การแจ้งเตือน"})
_PARTICLES = re.compile(r"(ครับผม|ครับ|คับ|ค่ะ|คะ|ค่า|จ้า|นะคะ|นะครับ|นะ|ด้วย|หน่อย|please|pls|!|\?|\.|\s)+$")
_BOT_NAME = re.compile(r"^(/\w+)@\w+")


def reminder_command(message: str) -> str | None:
    """``on``, ``off`` or ``status`` for a reminder command typed as the whole message; ``None`` otherwise."""
    folded = _BOT_NAME.sub(r"\1", thai.fold_for_matching(message).strip())
    core = " ".join(_PARTICLES.sub("", folded).split())
    if core in _ON:
        return "on"
    if core in _OFF:
        return "off"
    return "status" if core in _STATUS else None


class ReminderDesk:
    """Answers the reminder buttons and commands of users who agreed to the privacy notice."""

    def __init__(self, book: ReminderBook) -> None:
        self._book = book

    def answer(self, user_id: int, action: str | None, message: str, language: str) -> list[Reply] | None:
        """The reply to a reminder button or command; ``None`` when the message is neither."""
        command = {REMIND_ON: "on", REMIND_OFF: "off"}.get(action or "") if action else reminder_command(message)
        if command == "on":
            key = "reminders.on" if self._book.subscribe(user_id) else "reminders.already_on"
            return [TextReply(text(key, language))]
        if command == "off":
            key = "reminders.off" if self._book.unsubscribe(user_id) else "reminders.already_off"
            return [TextReply(text(key, language))]
        if command == "status":
            on = self._book.subscribed(user_id)
            option = QuickOption(*_button(not on, language))
            return [QuickReplies(text("reminders.status_on" if on else "reminders.status_off", language), (option,))]
        return None

    def offer(self, user_id: int, language: str, after: Sequence[Reply] = ()) -> list[Reply]:
        """The opt-in button after consent, unless the user is in already or ``after`` ends with other buttons
        (a LINE chat shows only the last message's quick replies: the mentor button must stay)."""
        if self._book.subscribed(user_id) or (after and isinstance(after[-1], QuickReplies)):
            return []
        return [QuickReplies(text("reminders.offer", language), (QuickOption(*_button(True, language)),))]


def _button(on: bool, language: str) -> tuple[str, str]:
    """(label, action) of the button that turns reminders on or off."""
    if on:
        return text("reminders.button_on", language), REMIND_ON
    return text("reminders.button_off", language), REMIND_OFF
