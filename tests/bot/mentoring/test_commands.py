"""Mentor commands as people type them in LINE and Telegram groups."""

from __future__ import annotations

import pytest

from bot.mentoring.commands import MentorCommand, parse_mentor_command


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (
            "ตอบ T-0042 ค่าไฟ 10,000 หน่วย ปล่อยประมาณ 4.75 ตัน",
            MentorCommand("answer", 42, "ค่าไฟ 10,000 หน่วย ปล่อยประมาณ 4.75 ตัน"),
        ),
        ("ตอบ T42 ได้ครับ", MentorCommand("answer", 42, "ได้ครับ")),
        ("ตอบ t-42 ได้ครับ", MentorCommand("answer", 42, "ได้ครับ")),
        ("ตอบT-0042ได้ครับ", MentorCommand("answer", 42, "ได้ครับ")),
        ("ตอบ T-๐๐๔๒ ได้ครับ", MentorCommand("answer", 42, "ได้ครับ")),
        ("/answer T-0042 yes", MentorCommand("answer", 42, "yes")),
        ("/answer@nzap_sme_bot T-0042 yes", MentorCommand("answer", 42, "yes")),
        ("ตอบ T-0042\nบรรทัดแรก\nบรรทัดสอง", MentorCommand("answer", 42, "บรรทัดแรก\nบรรทัดสอง")),
        ("รับ T-0007", MentorCommand("claim", 7)),
        ("รับเรื่อง T-0007", MentorCommand("claim", 7)),
        ("/claim T-0007", MentorCommand("claim", 7)),
        ("ปิด T-0007", MentorCommand("close", 7)),
        ("ปิดเรื่อง T7", MentorCommand("close", 7)),
        ("/close T-0007", MentorCommand("close", 7)),
        ("/claim", MentorCommand("claim", None)),
        ("/answer ลืมใส่เลข", MentorCommand("answer", None, "ลืมใส่เลข")),
        ("วิธีใช้", MentorCommand("help")),
        ("/help", MentorCommand("help")),
        ("/help@nzap_sme_bot", MentorCommand("help")),
    ],
)
def test_documented_forms_are_understood(typed: str, expected: MentorCommand) -> None:
    assert parse_mentor_command(typed) == expected


@pytest.mark.parametrize(
    "typed",
    [
        "รับทราบครับ",  # "noted": starts like รับ but is a word
        "ตอบแทนสังคม T-0042",  # not ตอบ + number
        "ปิด ไฟ ก่อนกลับบ้านนะครับ",
        "ตอบ ลูกค้าไปแล้ว",
        "วันนี้ประชุมกี่โมง",
        "/closed T-0042",  # another command
        "ช่วยตอบ T-0042 หน่อย",  # the verb must come first
        "",
    ],
)
def test_chatter_is_not_a_command(typed: str) -> None:
    assert parse_mentor_command(typed) is None
