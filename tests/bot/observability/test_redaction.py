"""Personal data and secrets are masked in log text; ordinary figures are left alone."""

from __future__ import annotations

import pytest

from bot.observability.redaction import Redactor, text_digest

redactor = Redactor(secrets=["9a1c0e6b2f7d4c3e8b5a6f1d2c3b4a59"])


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("ติดต่อคุณสมชาย โทร 081-234-5678 นะครับ", "ติดต่อคุณสมชาย โทร [phone] นะครับ"),
        ("เบอร์0812345678ครับ", "เบอร์[phone]ครับ"),
        ("โทร.081 234 5678 ได้ตลอด", "โทร.[phone] ได้ตลอด"),
        ("มือถือ 08-1234-5678", "มือถือ [phone]"),
        ("สำนักงาน 02-123-4567 ต่อ 12", "สำนักงาน [phone] ต่อ 12"),
        ("โรงงานที่เชียงใหม่ (053) 123 456", "โรงงานที่เชียงใหม่ [phone]"),
        ("call +66 81 234 5678 please", "call [phone] please"),
        ("ไลน์หรือโทร +66812345678", "ไลน์หรือโทร [phone]"),
        ("+66-2-123-4567", "[phone]"),
        ("+66 (0) 81 234 5678", "[phone]"),
        ("เลขบัตรประชาชน 1-2345-67890-12-3 ค่ะ", "เลขบัตรประชาชน [id-number] ค่ะ"),
        ("เลขประจำตัว 1234567890123 ของกรรมการ", "เลขประจำตัว [id-number] ของกรรมการ"),
        ("ID 3 1005 01234 56 7", "ID [id-number]"),
        ("อีเมล somchai.j@example.co.thครับ", "อีเมล [email]ครับ"),
        ("ส่งมาที่ sales+nzap@thai-sme.com แล้ว", "ส่งมาที่ [email] แล้ว"),
        ("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc", "Authorization: Bearer [token]"),
        ("x-line-signature: 3q2+7w==abcdef", "x-line-signature: [token]"),
        (
            "POST https://api.telegram.org/bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/sendMessage",
            "POST https://api.telegram.org/bot[token]/sendMessage",
        ),
        ("channel token " + "Ab3/+x" * 30 + "=", "channel token [token]"),
        ("secret is 9a1c0e6b2f7d4c3e8b5a6f1d2c3b4a59.", "secret is [secret]."),
        ("https://example.com/cb?access_token=abc123&lang=th", "https://example.com/cb?access_token=[token]&lang=th"),
    ],
)
def test_personal_data_and_secrets_are_masked(text: str, masked: str) -> None:
    assert redactor.redact(text) == masked


@pytest.mark.parametrize(
    "text",
    [
        "ค่าไฟ 10,000 หน่วยต่อเดือน ปล่อย 4,750 kgCO2e",
        "confidence 0.4999 took 0.0123456789 s; ratio 1.0812345678",
        "วันที่ 15/08/2568 เวลา 2025-08-15T10:00:00+07:00",
        "LINE event 01HZX8K3M2QWERTYUIOPASDFGH handled; update_id 123456789",
        "ticket T-2568-0001 answered by mentor 12",
        "user U0123456789abcdef0123456789abcdef",
        "content hash 3f786850e387550fdab836ed7e6dc881de23001b",
        "Basic questions about Scope 2",
    ],
)
def test_ordinary_figures_and_identifiers_are_left_alone(text: str) -> None:
    assert redactor.redact(text) == text


def test_short_secrets_are_not_masked_everywhere() -> None:
    # A one-letter "secret" would mask that letter in every line; secrets under 6 characters are ignored.
    assert Redactor(["a", ""]).redact("a line") == "a line"


def test_a_digest_says_how_long_a_message_was_but_not_what_it_said() -> None:
    digest = text_digest("ค่าไฟเดือนละ 10,000 หน่วย")
    assert digest.startswith("<text 25 chars #")
    assert "ค่าไฟ" not in digest
    assert digest == text_digest("ค่าไฟเดือนละ 10,000 หน่วย")
    assert digest != text_digest("ค่าไฟเดือนละ 10,001 หน่วย")
