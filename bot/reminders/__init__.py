"""Session reminders: the job that writes them to the outbox (once per user and session) and its periodic task.

Opting in and out is the conversation's (:mod:`bot.conversation.reminders`); delivery is the
outbox relay's (LINE push or multicast, Telegram, the web chat's updates).
"""

from bot.reminders.job import ReminderConfig, ReminderJob, ReminderReport, reminder_key
from bot.reminders.worker import ReminderWorker

__all__ = ["ReminderConfig", "ReminderJob", "ReminderReport", "ReminderWorker", "reminder_key"]
