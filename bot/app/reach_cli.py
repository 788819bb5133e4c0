"""``nzap remind run`` and ``nzap line richmenu``: session reminders from cron, and the LINE rich menu.

``remind run`` writes the reminders due now to the outbox, once per user and session (safe to
run every few minutes from cron, and beside the workers' own periodic runs); the relay of a
running ``nzap serve`` / ``nzap worker`` delivers them. ``--deliver`` also delivers them from this
process (for a deployment whose workers do not run the relay, or to try it out).
"""

from __future__ import annotations

import argparse
import asyncio
import json
from typing import TextIO

from bot.i18n import Catalogue, message_from
from bot.settings import Settings

MESSAGES: Catalogue = {
    "remind.no_schedule": {
        "th": "ไม่มีตารางเรียน (schedule.yaml) ในโฟลเดอร์หลักสูตร จึงไม่มีอะไรให้เตือน",
        "en": "the course folder has no schedule.yaml: nothing to remind of",
    },
    "remind.done": {
        "th": "เขียนข้อความเตือน {total} รายการ ({channels}) สำหรับ {sessions} รอบเรียน "
        "งดส่งเพราะโควตา LINE ใกล้หมด {held} ราย",
        "en": "wrote {total} reminders ({channels}) for {sessions} session(s); {held} held back for the LINE quota",
    },
    "remind.delivered": {"th": "ส่งแล้ว {count} แถว", "en": "delivered {count} outbox row(s)"},
}


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``remind`` and ``line``."""
    remind = sub.add_parser("remind", help="session reminders for participants who opted in")
    actions = remind.add_subparsers(dest="remind_command", required=True)
    run = actions.add_parser("run", help="write the reminders due now (once per user and session; cron-safe)")
    run.add_argument("--json", action="store_true", help="print what was written as JSON")
    run.add_argument("--deliver", action="store_true", help="also deliver them from this process (relay rounds)")
    line = sub.add_parser("line", help="LINE official account set-up")
    line_actions = line.add_subparsers(dest="line_command", required=True)
    menu = line_actions.add_parser("richmenu", help="create the Thai rich menu, upload its image, make it the default")
    menu.add_argument("--image", help="also save the generated image to this PNG file")


def run_remind(settings: Settings, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``nzap remind run``."""
    from bot.app.composition import build_toolbox
    from bot.app.periodic import build_reminder_job
    from bot.storage import open_database

    lang = settings.language
    with open_database(settings.resolved_database_url()) as database:
        job = build_reminder_job(settings, database, build_toolbox(settings).schedule)
        if job is None:
            print(message_from(MESSAGES, "remind.no_schedule", lang), file=err)
            return 1
        report = job.run_once()
        delivered = _deliver(settings) if args.deliver else None
    if args.json:
        data = {"sessions": report.sessions, "queued": report.queued, "held_back": report.held_back}
        print(json.dumps({**data, "line_used": report.line_used, "delivered": delivered}, ensure_ascii=False), file=out)
        return 0
    channels = ", ".join(f"{k} {v}" for k, v in sorted(report.queued.items())) or "-"
    total = sum(report.queued.values())
    print(
        message_from(
            MESSAGES,
            "remind.done",
            lang,
            total=total,
            channels=channels,
            sessions=len(report.sessions),
            held=report.held_back,
        ),
        file=out,
    )
    if delivered is not None:
        print(message_from(MESSAGES, "remind.delivered", lang, count=delivered), file=out)
    return 0


def _deliver(settings: Settings) -> int:
    """Relay rounds in this process until nothing is due (a worker relay's job), with the platform senders only."""
    from bot.app.composition import build_relay, build_ticket_service
    from bot.channels.line import LineOutbound, LineOutboxSender, LineSender
    from bot.channels.telegram import TelegramOutbound, TelegramOutboxSender, TelegramSender, build_bot
    from bot.mentoring.relay import OutboxSender
    from bot.storage import open_database

    timeout = settings.mentoring.relay_request_timeout_seconds
    with open_database(settings.resolved_database_url()) as database:
        tickets = build_ticket_service(settings, database)
        senders: list[OutboxSender] = []
        if settings.line.enabled:
            line = LineSender.from_settings(settings.line, request_timeout_seconds=timeout)
            senders.append(LineOutboxSender(LineOutbound(line)))
        if settings.telegram.enabled:
            bot = TelegramOutbound(TelegramSender(build_bot(settings.telegram)))
            senders.append(TelegramOutboxSender(bot, tickets, request_timeout_seconds=timeout))
        relay = build_relay(settings, tickets, senders)

        async def rounds() -> int:
            for sender in senders:
                await sender.start()
            try:
                total = 0
                while handled := await relay.run_once():
                    total += handled
                return total
            finally:
                for sender in senders:
                    await sender.close()

        return asyncio.run(rounds())


def run_line(settings: Settings, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``nzap line richmenu``."""
    from bot.channels.line.richmenu import install_rich_menu

    return install_rich_menu(settings, args.image, out, err)
