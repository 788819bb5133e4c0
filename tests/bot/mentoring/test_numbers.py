"""Ticket numbers are short, speakable and forgiving to type."""

from __future__ import annotations

import pytest

from bot.mentoring.numbers import find_ticket_number, format_ticket_number, parse_ticket_number


@pytest.mark.parametrize(
    ("typed", "number"),
    [("T-0042", 42), ("t-42", 42), ("T42", 42), ("T 42", 42), ("T-๐๐๔๒", 42), ("Ｔ－００４２", 42), ("#T-7", 7)],
)
def test_what_people_type_parses(typed: str, number: int) -> None:
    assert parse_ticket_number(typed) == number


@pytest.mark.parametrize("typed", ["", "42", "R-0042", "T-", "TT-1", "T-42 ครับ"])
def test_other_text_is_not_a_ticket_number(typed: str) -> None:
    assert parse_ticket_number(typed) is None


def test_format_pads_to_four_digits_and_round_trips() -> None:
    assert format_ticket_number(42) == "T-0042"
    assert format_ticket_number(12345) == "T-12345"
    assert parse_ticket_number(format_ticket_number(9)) == 9


def test_a_number_is_found_inside_a_command() -> None:
    assert find_ticket_number("ตอบ T-0042 ใช้ค่า 0.4750 ครับ") == 42
    assert find_ticket_number("ตอบ t๔๒ ได้") == 42
    assert find_ticket_number("ขอบคุณ 0.4750 ครับ") is None
