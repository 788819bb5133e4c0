"""``nzap privacy export|forget|purge``: a user's data by platform id, and the retention period.

``export`` prints JSON to standard output (for a data-subject request made by e-mail or
phone, PDPA s.30); ``forget`` erases a user (s.33) and insists on ``--yes``; ``purge``
applies ``NZAP_PRIVACY__RETENTION_DAYS`` (``--dry-run`` only counts) and suits cron.
Messages go to standard error, Thai first; JSON goes to standard output.
"""

from __future__ import annotations

import argparse
import json
from typing import TextIO

from bot.i18n import Catalogue, message_from
from bot.settings import Settings

CHANNELS = ("line", "telegram", "web")
MESSAGES: Catalogue = {
    "privacy.unknown_user": {
        "th": "ไม่พบผู้ใช้ {user} ในช่องทาง {channel} (ไม่มีข้อมูลของผู้ใช้นี้ในระบบ)",
        "en": "no user {user} on {channel} (nothing is stored about them)",
    },
    "privacy.confirm": {
        "th": "การลบกู้คืนไม่ได้ ใส่ --yes เพื่อยืนยันการลบข้อมูลของ {user} ({channel})",
        "en": "erasure cannot be undone: add --yes to erase {user} ({channel})",
    },
    "privacy.erased": {
        "th": "ลบข้อมูลของ {user} ({channel}) แล้ว: ข้อความ {messages} รายการ บทสนทนา {conversations} "
        "คำถามถึงพี่เลี้ยงที่ทำให้ไม่ระบุตัวตน {tickets} เรื่อง ฟุตพริ้นท์ {footprint} รายการ",
        "en": "erased {user} ({channel}): {messages} messages, {conversations} conversations, "
        "{tickets} tickets anonymised, {footprint} footprint entries",
    },
    "privacy.purged": {
        "th": "{mode}ข้อมูลเก่ากว่า {days} วัน (ก่อน {cutoff}): ข้อความ {messages} บทสนทนา {conversations} "
        "คำถามถึงพี่เลี้ยง {tickets} แถวในคิวส่ง {outbox} ชื่อผู้ใช้ {names} ฟุตพริ้นท์ {footprint}",
        "en": "{mode}data older than {days} days (before {cutoff}): {messages} messages, {conversations} "
        "conversations, {tickets} tickets anonymised, {outbox} outbox rows, {names} display names, "
        "{footprint} footprint entries",
    },
    "privacy.mode_dry": {"th": "ทดลอง (ยังไม่ลบจริง) ", "en": "dry run, would purge "},
    "privacy.mode_real": {"th": "ลบ", "en": "purged "},
}


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``privacy`` and its subcommands."""
    privacy = sub.add_parser("privacy", help="personal data: export or erase a user, apply the retention period")
    actions = privacy.add_subparsers(dest="privacy_command", required=True)
    for name, help_text in (("export", "print what is stored about a user (JSON)"), ("forget", "erase a user")):
        action = actions.add_parser(name, help=help_text)
        action.add_argument("--channel", required=True, choices=CHANNELS)
        action.add_argument("--user", required=True, help="the user's platform id (LINE U..., Telegram number)")
        if name == "forget":
            action.add_argument("--yes", action="store_true", help="confirm: erasure cannot be undone")
    purge = actions.add_parser("purge", help="delete conversation data older than NZAP_PRIVACY__RETENTION_DAYS")
    purge.add_argument("--dry-run", action="store_true", help="count what would go, change nothing")


def run(settings: Settings, args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """Carry out ``nzap privacy ...``; 0 on success, 2 for an unknown user or a missing ``--yes``."""
    from bot.privacy.service import PrivacyService
    from bot.storage import open_database

    lang = settings.language
    with open_database(settings.resolved_database_url()) as database:
        privacy = settings.privacy
        service = PrivacyService(database, privacy.retention_days, held_minutes=privacy.held_question_minutes)
        if args.privacy_command == "purge":
            report = service.purge(dry_run=args.dry_run)
            mode = message_from(MESSAGES, "privacy.mode_dry" if args.dry_run else "privacy.mode_real", lang)
            summary = message_from(
                MESSAGES,
                "privacy.purged",
                lang,
                mode=mode,
                days=service.retention_days,
                cutoff=report.cutoff.strftime("%Y-%m-%d %H:%M UTC"),
                messages=report.messages,
                conversations=report.conversations,
                tickets=report.tickets,
                outbox=report.outbox,
                names=report.display_names,
                footprint=report.footprint_entries,
            )
            print(summary, file=stderr)
            print(json.dumps(report.as_json()), file=stdout)
            return 0
        user_id = service.find(args.channel, args.user)
        if user_id is None:
            print(
                message_from(MESSAGES, "privacy.unknown_user", lang, user=args.user, channel=args.channel), file=stderr
            )
            return 2
        if args.privacy_command == "export":
            print(json.dumps(service.export(user_id), ensure_ascii=False, indent=2), file=stdout)
            return 0
        if not args.yes:
            print(message_from(MESSAGES, "privacy.confirm", lang, user=args.user, channel=args.channel), file=stderr)
            return 2
        erased = service.erase(user_id)
        print(
            message_from(
                MESSAGES,
                "privacy.erased",
                lang,
                user=args.user,
                channel=args.channel,
                messages=erased.messages,
                conversations=erased.conversations,
                tickets=erased.tickets,
                footprint=erased.footprint_entries,
            ),
            file=stderr,
        )
        return 0
