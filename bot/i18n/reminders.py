"""What the assistant says about session reminders: the offer, opting in and out, the reminder itself.

Thai first, English as an option. Dates in Thai are Buddhist Era (written by the caller).
"""

from __future__ import annotations

from bot.i18n.catalogue import Catalogue, Texts

MESSAGES: Catalogue = {
    "reminders.offer": {
        "th": "อยากให้ผมเตือนก่อนวันเรียนไหมครับ วันก่อนเรียนแต่ละครั้งผมจะส่งหัวข้อ เวลา สถานที่ และการบ้านให้ "
        "เปิดหรือปิดได้ทุกเมื่อด้วย “เปิดแจ้งเตือน” / “ปิดแจ้งเตือน” (หรือ /remind on, /remind off)",
        "en": "Would you like a reminder before each class? The day before, I'll send the topic, time, venue and "
        "homework. Turn it on or off at any time with /remind on or /remind off.",
    },
    "reminders.button_on": {"th": "🔔 เปิดแจ้งเตือน", "en": "🔔 Remind me"},
    "reminders.button_off": {"th": "ปิดแจ้งเตือน", "en": "Stop reminders"},
    "reminders.on": {
        "th": "เปิดการแจ้งเตือนแล้วครับ วันก่อนเรียนแต่ละครั้งผมจะส่งหัวข้อ เวลา สถานที่ และการบ้านให้ "
        "ปิดได้ทุกเมื่อด้วย “ปิดแจ้งเตือน” หรือ /remind off",
        "en": "Reminders are on. The day before each class I'll send the topic, time, venue and homework. "
        "Turn them off at any time with /remind off.",
    },
    "reminders.already_on": {
        "th": "การแจ้งเตือนเปิดอยู่แล้วครับ ปิดได้ด้วย “ปิดแจ้งเตือน” หรือ /remind off",
        "en": "Reminders are already on. Turn them off with /remind off.",
    },
    "reminders.off": {
        "th": "ปิดการแจ้งเตือนแล้วครับ จะไม่ส่งข้อความเตือนก่อนเรียนอีก เปิดใหม่ได้ด้วย “เปิดแจ้งเตือน” หรือ /remind on",
        "en": "Reminders are off; no more class reminders. Turn them back on with /remind on.",
    },
    "reminders.already_off": {
        "th": "ตอนนี้ไม่ได้เปิดการแจ้งเตือนไว้ครับ เปิดได้ด้วย “เปิดแจ้งเตือน” หรือ /remind on",
        "en": "Reminders are not on. Turn them on with /remind on.",
    },
    "reminders.status_on": {
        "th": "ตอนนี้เปิดการแจ้งเตือนก่อนเรียนอยู่ครับ",
        "en": "Class reminders are on.",
    },
    "reminders.status_off": {
        "th": "ตอนนี้ปิดการแจ้งเตือนก่อนเรียนอยู่ครับ",
        "en": "Class reminders are off.",
    },
    "reminder.title": {"th": "🔔 พรุ่งนี้มีเรียนครับ ({date})", "en": "🔔 Class tomorrow ({date})"},
    "reminder.activity": {"th": "กิจกรรม: {activity}", "en": "Activity: {activity}"},
    "reminder.topic": {"th": "หัวข้อ: {topic}", "en": "Topic: {topic}"},
    "reminder.time": {"th": "เวลา: {start}–{end} น.", "en": "Time: {start}–{end}"},
    "reminder.venue": {"th": "สถานที่: {venue}", "en": "Venue: {venue}"},
    "reminder.homework": {"th": "การบ้านที่ต้องเตรียมมา: {homework}", "en": "Homework to bring: {homework}"},
    "reminder.footer": {
        "th": "ไม่ต้องการข้อความเตือนแล้ว พิมพ์ “ปิดแจ้งเตือน” หรือ /remind off",
        "en": "To stop these reminders, type /remind off.",
    },
}

text = Texts(MESSAGES)
"""This area's message ``key`` in ``language`` (Thai when that language is missing)."""
