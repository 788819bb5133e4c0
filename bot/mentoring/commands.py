"""Mentor commands typed in a mentor group or a private chat, on any channel.

The documented forms (README, the group's help text):

* ``ตอบ T-0042 <คำตอบ>`` or ``/answer T-0042 <answer>``: answer the SME (the answer may start on the next line);
* ``รับ T-0042`` or ``รับเรื่อง T-0042`` or ``/claim T-0042``: claim;
* ``ปิด T-0042`` or ``ปิดเรื่อง T-0042`` or ``/close T-0042``: close;
* ``/help``, ``วิธีใช้``: the commands.

The number may be written ``T-0042``, ``T42``, ``t-42`` or with Thai digits (``T-๔๒``). Thai has no
spaces between words, so ``ตอบT-0042`` is accepted too; a Thai word that merely starts like a
command (``รับทราบ``, ``ตอบแทน``) is not a command because no ticket number follows it. A Telegram
command may carry the bot's name (``/claim@nzap_sme_bot``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from bot.mentoring.numbers import parse_ticket_number

Action = Literal["claim", "answer", "close", "help"]

_VERBS: dict[str, Action] = {
    "/claim": "claim",
    "/answer": "answer",
    "/close": "close",
    "รับเรื่อง": "claim",
    "รับ": "claim",
    "ตอบ": "answer",
    "ปิดเรื่อง": "close",
    "ปิด": "close",
}
# Longer verbs first, so that "รับเรื่อง" is not read as "รับ" followed by "เรื่อง".
_VERB = "|".join(re.escape(v) for v in sorted(_VERBS, key=len, reverse=True))
_NUMBER = r"[Tt]\s*-?\s*[0-9๐-๙]+"
_COMMAND = re.compile(
    rf"^\s*(?P<verb>{_VERB})(?:@\w+)?(?:\s*(?P<number>{_NUMBER})(?![0-9๐-๙])|(?=\s|$))(?P<rest>.*)$",
    re.DOTALL,
)
_HELP = re.compile(r"^\s*(?:/help(?:@\w+)?|/start(?:@\w+)?|วิธีใช้|ช่วยเหลือ)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class MentorCommand:
    """A mentor command: what to do, to which ticket number (``None`` when missing), and the answer text."""

    action: Action
    number: int | None = None
    text: str = ""


def parse_mentor_command(text: str) -> MentorCommand | None:
    """The mentor command in ``text``; ``None`` when it is not one (ordinary chatter)."""
    if _HELP.match(text):
        return MentorCommand("help")
    match = _COMMAND.match(text)
    if match is None:
        return None
    verb = match["verb"]
    if match["number"] is None and not verb.startswith("/"):
        return None  # "ตอบแทน", "รับทราบ", "ปิด ไฟ": Thai words, not commands
    number = parse_ticket_number(match["number"]) if match["number"] else None
    return MentorCommand(_VERBS[verb], number, match["rest"].strip())
