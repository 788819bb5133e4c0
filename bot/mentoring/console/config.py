"""How the console runs, and the fixed parts of its HTTP surface (paths, cookies, headers)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

PREFIX = "/console"
SESSION_COOKIE = "nzap_console"
LOGIN_COOKIE = "nzap_console_login"
LANGUAGE_COOKIE = "nzap_console_lang"
SECURITY_HEADERS = {
    # No script runs on any console page; forms post only to this origin; no framing (clickjacking).
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


@dataclass(frozen=True)
class ConsoleConfig:
    """How the console runs (built from :class:`~bot.settings.MentoringSettings` in the wiring)."""

    secret_key: str
    faq_dir: Path
    """Where "save as FAQ" writes curated ``kind: faq`` files (``nzap ingest`` indexes this folder)."""
    cookie_secure: Literal["auto", "always", "never"] = "auto"
    """``auto``: the cookie is Secure when the request came over HTTPS."""
    session_hours: float = 12
    lockout_minutes: float = 15
    language: str = "th"
    max_text_chars: int = 4000
