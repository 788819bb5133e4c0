"""The bot's command list in Telegram's menu (``setMyCommands``), matching the LINE rich menu.

Thai for everyone (no ``language_code``), English for users whose Telegram is in English. Set at
start-up by the process that serves webhooks or polls (:meth:`TelegramChannel.startup`); a failure
only loses the menu, never the start-up.
"""

from __future__ import annotations

import logging

from telegram import Bot, BotCommand
from telegram.error import TelegramError

logger = logging.getLogger(__name__)

COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("help", "ถามคำถาม: ถามอะไรได้บ้าง", "Ask a question: what I can answer"),
    ("schedule", "ตารางเรียน: เรียนครั้งถัดไปเมื่อไหร่", "Schedule: the next session"),
    ("footprint", "คำนวณคาร์บอน: ฟุตพริ้นท์ของกิจการ", "Carbon: your business's footprint"),
    ("mentor", "คุยกับพี่เลี้ยง", "Talk to a mentor"),
    ("mydata", "ข้อมูลของฉัน", "My data"),
    ("remind", "แจ้งเตือนก่อนเรียน (/remind on หรือ off)", "Class reminders (/remind on or off)"),
    ("status", "คำถามที่ส่งให้พี่เลี้ยงถึงไหนแล้ว", "Where my questions to mentors stand"),
    ("privacy", "ความเป็นส่วนตัวและความยินยอม", "Privacy and consent"),
    ("forget", "ลบข้อมูลของฉัน", "Delete my data"),
    ("lang", "เปลี่ยนภาษา / Change language", "Change language / เปลี่ยนภาษา"),
)
"""(command, Thai description, English description), in menu order."""

SCHEDULE_QUESTION = "เรียนครั้งต่อไปเมื่อไหร่"
"""What ``/schedule`` asks the engine (the schedule tool answers it), as the LINE menu's ตารางเรียน does."""


async def set_commands(bot: Bot) -> bool:
    """Publish the command list in Thai (default) and English; False (logged) when Telegram refused it."""
    try:
        await bot.set_my_commands([BotCommand(name, th) for name, th, _ in COMMANDS])
        await bot.set_my_commands([BotCommand(name, en) for name, _, en in COMMANDS], language_code="en")
    except TelegramError as error:
        logger.warning("Telegram command menu not set: %s", error)
        return False
    return True
