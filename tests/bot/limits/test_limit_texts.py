"""The notices a limited user reads."""

from __future__ import annotations

from bot.limits import busy_notice, too_fast_notice


def test_the_too_fast_notice_is_friendly_thai_with_the_wait_rounded_up() -> None:
    text = too_fast_notice(4.2)
    assert text.startswith("ขอโทษครับ")
    assert "5 วินาที" in text
    assert "ส่งคำถามมาใหม่" in text


def test_a_long_wait_is_said_in_minutes() -> None:
    assert "3 นาที" in too_fast_notice(150)
    assert "3 minutes" in too_fast_notice(150, "en")


def test_a_wait_under_a_second_is_never_zero() -> None:
    assert "1 วินาที" in too_fast_notice(0.01)
    assert "wait about a second" in too_fast_notice(0.01, "en")


def test_the_busy_notice_has_both_languages() -> None:
    assert "คำถามก่อนหน้า" in busy_notice()
    assert "previous question" in busy_notice("en")
