"""``nzap mentors add|list|remove|role`` (who may claim and answer tickets) and ``nzap tickets stats``.

``add`` takes a name and at least one identity: a Telegram user id, a LINE user id, or a
console username (whose password is read from standard input with ``--password-stdin``,
never from the command line, where it would stay in the shell history and the process list).
``--staff`` (or later ``role WHO staff``) gives the account the staff role: the console's insight
dashboard; ``role WHO mentor`` takes it away.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from datetime import timedelta
from typing import TextIO

from bot.i18n import Catalogue, message_from
from bot.settings import Settings

MESSAGES: Catalogue = {
    "mentors.added": {
        "th": "เพิ่มพี่เลี้ยงแล้ว: #{id} {name}",
        "en": "mentor added: #{id} {name}",
    },
    "mentors.removed": {
        "th": "นำพี่เลี้ยงออกแล้ว: #{id} {name} (เรื่องที่เคยรับยังแสดงชื่อเดิม)",
        "en": "mentor removed: #{id} {name} (their past tickets keep the name)",
    },
    "mentors.none": {
        "th": "ยังไม่มีพี่เลี้ยง เพิ่มด้วย nzap mentors add --name ... --telegram ID",
        "en": "no mentors yet; add one with nzap mentors add --name ... --telegram ID",
    },
    "mentors.header": {
        "th": "รหัส\tชื่อ\tTelegram\tLINE\tเว็บ\tบทบาท",
        "en": "id\tname\tTelegram\tLINE\tweb\trole",
    },
    "mentors.role.staff": {"th": "เจ้าหน้าที่โครงการ", "en": "staff"},
    "mentors.role.mentor": {"th": "พี่เลี้ยง", "en": "mentor"},
    "mentors.role_set": {
        "th": "#{id} {name}: บทบาท {role}",
        "en": "#{id} {name}: role {role}",
    },
    "mentors.exists": {
        "th": "มีพี่เลี้ยงที่ใช้ Telegram id, LINE id หรือชื่อผู้ใช้นี้อยู่แล้ว",
        "en": "another mentor already has this Telegram id, LINE id or username",
    },
    "mentors.unknown": {"th": "ไม่พบพี่เลี้ยง {who}", "en": "no active mentor {who}"},
    "mentors.invalid": {"th": "เพิ่มพี่เลี้ยงไม่ได้: {detail}", "en": "cannot add the mentor: {detail}"},
    "mentors.password_needed": {
        "th": "บัญชีเว็บต้องมีรหัสผ่าน: ส่งผ่าน --password-stdin เช่น  echo 'รหัสผ่าน' | nzap mentors add ... --web USER "
        "--password-stdin",
        "en": "a web account needs a password: pipe it in with --password-stdin",
    },
    "mentors.password_short": {
        "th": "รหัสผ่านสั้นเกินไป (อย่างน้อย {length} ตัวอักษร)",
        "en": "the password is too short (at least {length} characters)",
    },
}
MIN_PASSWORD = 10
STATS_MESSAGES: Catalogue = {
    "stats.summary": {
        "th": "เรื่องที่ส่งถึงพี่เลี้ยง{period}: {tickets} เรื่อง ({statuses})",
        "en": "tickets{period}: {tickets} ({statuses})",
    },
    "stats.period": {"th": " ใน {days} วันที่ผ่านมา", "en": " in the last {days} days"},
    "stats.claim": {
        "th": "เวลาจนพี่เลี้ยงรับเรื่อง: มัธยฐาน {median} นาที, 90% ภายใน {p90} นาที ({count} เรื่อง)",
        "en": "time to claim: median {median} min, 90% within {p90} min ({count} tickets)",
    },
    "stats.answer": {
        "th": "เวลาจนได้คำตอบ: มัธยฐาน {median} นาที, 90% ภายใน {p90} นาที ({count} เรื่อง)",
        "en": "time to answer: median {median} min, 90% within {p90} min ({count} tickets)",
    },
    "stats.topics": {"th": "หัวข้อที่ถามบ่อย:", "en": "tickets by topic:"},
}


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``mentors`` and its subcommands."""
    mentors = sub.add_parser("mentors", help="manage the mentors who answer tickets")
    actions = mentors.add_subparsers(dest="mentors_command", required=True)
    add = actions.add_parser("add", help="register a mentor")
    add.add_argument("--name", required=True, help="the name SMEs and other mentors see")
    add.add_argument("--telegram", help="Telegram user id (a number)")
    add.add_argument("--line", help="LINE user id (U + 32 hex digits)")
    add.add_argument("--web", help="console username")
    add.add_argument("--password-stdin", action="store_true", help="read the console password from standard input")
    add.add_argument("--staff", action="store_true", help="programme staff: may open the console's insight dashboard")
    actions.add_parser("list", help="show the active mentors")
    role = actions.add_parser("role", help="grant or take away the staff role (the console's insight dashboard)")
    role.add_argument("who", help="mentor id or console username")
    role.add_argument("role", choices=("staff", "mentor"), help="staff: mentor plus the dashboard; mentor: without it")
    remove = actions.add_parser("remove", help="remove a mentor (by id or console username)")
    remove.add_argument("who", help="mentor id or console username")


def run(settings: Settings, args: argparse.Namespace, stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    """Carry out ``nzap mentors ...``; 0 on success, 2 on a refused request."""
    from bot.mentoring.mentors import MentorExistsError, MentorRegistry, UnknownMentorError
    from bot.storage import open_database

    lang = settings.language
    with open_database(settings.resolved_database_url()) as database:
        registry = MentorRegistry(database)
        if args.mentors_command == "list":
            mentors = registry.list()
            if not mentors:
                print(message_from(MESSAGES, "mentors.none", lang), file=stdout)
                return 0
            print(message_from(MESSAGES, "mentors.header", lang), file=stdout)
            for m in mentors:
                row = [str(m.id), m.name, m.telegram_user_id or "-", m.line_user_id or "-", m.web_username or "-"]
                row.append(message_from(MESSAGES, f"mentors.role.{'staff' if m.staff else 'mentor'}", lang))
                print("\t".join(row), file=stdout)
            return 0
        if args.mentors_command == "role":
            try:
                changed = registry.set_staff(args.who, args.role == "staff")
            except UnknownMentorError:
                print(message_from(MESSAGES, "mentors.unknown", lang, who=args.who), file=stderr)
                return 2
            role = message_from(MESSAGES, f"mentors.role.{args.role}", lang)
            done = message_from(MESSAGES, "mentors.role_set", lang, id=changed.id, name=changed.name, role=role)
            print(done, file=stdout)
            return 0
        if args.mentors_command == "remove":
            try:
                removed = registry.remove(args.who)
            except UnknownMentorError:
                print(message_from(MESSAGES, "mentors.unknown", lang, who=args.who), file=stderr)
                return 2
            print(message_from(MESSAGES, "mentors.removed", lang, id=removed.id, name=removed.name), file=stdout)
            return 0
        password = None
        if args.web:
            if not args.password_stdin:
                print(message_from(MESSAGES, "mentors.password_needed", lang), file=stderr)
                return 2
            password = stdin.readline().rstrip("\r\n")
            if len(password) < MIN_PASSWORD:
                print(message_from(MESSAGES, "mentors.password_short", lang, length=MIN_PASSWORD), file=stderr)
                return 2
        try:
            added = registry.add(args.name, args.telegram, args.line, args.web, password, staff=args.staff)
        except MentorExistsError:
            print(message_from(MESSAGES, "mentors.exists", lang), file=stderr)
            return 2
        except ValueError as error:
            print(message_from(MESSAGES, "mentors.invalid", lang, detail=error), file=stderr)
            return 2
        print(message_from(MESSAGES, "mentors.added", lang, id=added.id, name=added.name), file=stdout)
        return 0


def add_tickets_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``tickets stats``."""
    tickets = sub.add_parser("tickets", help="ticket analytics for programme staff")
    actions = tickets.add_subparsers(dest="tickets_command", required=True)
    stats = actions.add_parser("stats", help="time to claim, time to answer, tickets by topic")
    stats.add_argument("--days", type=float, help="only tickets created in the last DAYS days")
    stats.add_argument("--json", action="store_true", help="one JSON object")


def run_tickets(settings: Settings, args: argparse.Namespace, stdout: TextIO) -> int:
    """Carry out ``nzap tickets stats``."""
    from bot.mentoring.analytics import ticket_stats
    from bot.storage import open_database
    from bot.storage.models import utcnow

    since = utcnow() - timedelta(days=args.days) if args.days else None
    with open_database(settings.resolved_database_url()) as database:
        stats = ticket_stats(database, since)
    if args.json:
        data = asdict(stats)
        data["since"] = since.isoformat() if since else None
        print(json.dumps(data, ensure_ascii=False), file=stdout)
        return 0
    lang = settings.language
    period = message_from(STATS_MESSAGES, "stats.period", lang, days=f"{args.days:g}") if args.days else ""
    statuses = ", ".join(f"{name} {count}" for name, count in stats.by_status.items()) or "-"
    print(
        message_from(STATS_MESSAGES, "stats.summary", lang, period=period, tickets=stats.tickets, statuses=statuses),
        file=stdout,
    )
    for key, durations in (("stats.claim", stats.time_to_claim), ("stats.answer", stats.time_to_answer)):
        if durations.count:
            print(
                message_from(
                    STATS_MESSAGES,
                    key,
                    lang,
                    median=durations.median_minutes,
                    p90=durations.p90_minutes,
                    count=durations.count,
                ),
                file=stdout,
            )
    if stats.by_topic:
        print(message_from(STATS_MESSAGES, "stats.topics", lang), file=stdout)
        for topic, count in list(stats.by_topic.items())[:15]:
            print(f"  {topic}\t{count}", file=stdout)
    return 0
