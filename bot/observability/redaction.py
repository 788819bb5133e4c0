"""Masks personal data and secrets in text bound for the logs.

Message text must never be logged in the first place (log :func:`text_digest` of it instead);
this is the second line of defence for what slips through: an exception message that quotes
a user, a URL with a token in it. It masks Thai phone numbers, e-mail addresses, 13-digit
Thai national ID numbers, bearer and bot tokens, long opaque tokens such as LINE channel
access tokens, and any secret the settings hold (given literally).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

# Digits may be grouped with a space or a hyphen ("081-234-5678", "1 2345 67890 12 3"). A dot or
# comma is not a separator here: "0.123456789" is a duration and "10,000" an amount, not a phone.
_SEP = r"[ \-]?"
# A number starts after a space, punctuation or Thai text ("โทร.0812345678", "เบอร์0812345678"), not
# inside a word or an identifier ("U0123456789abc"), a decimal ("1.0812345678") or a longer number.
_START = r"(?<![A-Za-z0-9+,])(?<!\d\.)"
_END = r"(?![A-Za-z0-9])"

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # Secrets first, so that a token's digits are not half-masked as a phone number.
    # A credential has a digit or a base64 sign in it: "Basic questions" is English, not a password.
    (re.compile(r"\b([Bb]earer|Basic)\s+(?=[A-Za-z._~\-]*[0-9+/=])[A-Za-z0-9._~+/=\-]{8,}"), r"\1 [token]"),
    (
        re.compile(
            r"(?i)\b(authorization|x-line-signature|x-telegram-bot-api-secret-token)([\"']?\s*[:=]\s*[\"']?)"
            r"(?!(?:bearer|basic) )[^\s,\"'}]+"
        ),
        r"\1\2[token]",
    ),
    # A Telegram bot token (123456789:AA...), also inside a Bot API URL (/bot123456789:AA.../sendMessage).
    (re.compile(r"\d{6,12}:[A-Za-z0-9_\-]{30,}"), "[token]"),
    (re.compile(r"(?i)\b(access_token|token|api_key|apikey|secret|password)=[^\s&\"']+"), r"\1=[token]"),
    # LINE channel access tokens and similar: long runs of base64 characters.
    (re.compile(r"(?<![A-Za-z0-9+/=_\-])[A-Za-z0-9+/_\-]{100,}={0,2}"), "[token]"),
    (re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"), "[email]"),
    # Thai national ID: 13 digits, plain or grouped 1-4-5-2-1 (or any other grouping).
    (re.compile(rf"{_START}\d(?:{_SEP}\d){{12}}{_END}"), "[id-number]"),
    # +66 numbers: the leading 0 is dropped ("+66 81 234 5678", "+66-2-123-4567", "+66 (0) 81...").
    (re.compile(rf"\+{_SEP}66{_SEP}(?:\(0\){_SEP})?[1-9](?:[ \-)]{{0,2}}\d){{7,8}}{_END}"), "[phone]"),
    # Local numbers: 0 then 8 or 9 more digits (02-123-4567, 081-234-5678, 0812345678, (02) 123 4567).
    (re.compile(rf"{_START}\(?0[1-9]\)?(?:[ \-)]{{0,2}}\d){{7,8}}{_END}"), "[phone]"),
)


class Redactor:
    """Masks the patterns above and the given secrets (each at least 6 characters long) in text."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        # Longest first, so that a secret containing another is masked whole.
        self._secrets = sorted({s for s in secrets if len(s) >= 6}, key=len, reverse=True)

    def redact(self, text: str) -> str:
        """``text`` with personal data and secrets replaced by ``[phone]``, ``[email]``, ``[token]`` and so on."""
        for secret in self._secrets:
            if secret in text:
                text = text.replace(secret, "[secret]")
        for pattern, replacement in _PATTERNS:
            text = pattern.sub(replacement, text)
        return text


def text_digest(text: str) -> str:
    """What a log line may say about a user's message: its length and a short hash, never its words.

    The hash lets an operator match two log lines about the same message without reading it.
    """
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]
    return f"<text {len(text)} chars #{digest}>"
