"""Signed session cookies and CSRF tokens for the mentor console (HMAC-SHA256, standard library only).

A session cookie carries the mentor's id and username, a random session nonce, the time it was
issued and the mentor's session version, signed with the console secret key. Each request
re-reads the mentor from the registry, so a removed or deactivated mentor loses access at once,
and a cookie whose version is no longer the mentor's (they signed out, or got a new password)
is refused: signing out is done on the server, not only by asking the browser to forget.

CSRF: every form of a signed-in page carries ``HMAC(key, "csrf" | nonce)``: bound to the session,
unknowable to another site. The login form, which has no session yet, uses a signed
double-submit token: a random value in a cookie and the same value in the form, both checked
against the key, so a sibling subdomain that can plant a cookie still cannot forge one.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import os
import secrets
import tempfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

SECRET_FILE = "console_secret.key"
"""Where a generated console key is kept, inside the data folder."""


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass(frozen=True)
class ConsoleSession:
    """Who is signed in, and the nonce their CSRF token is bound to."""

    mentor_id: int
    username: str
    nonce: str
    issued_at: datetime
    version: int = 0
    """The mentor's session version when it was issued; it must still be theirs."""


class ConsoleSigner:
    """Signs and checks session cookies and CSRF tokens with one secret key."""

    def __init__(self, secret_key: str, session_lifetime: timedelta) -> None:
        if len(secret_key) < 16:
            raise ValueError("the console secret key must be at least 16 characters")
        self._key = hashlib.sha256(b"nzap-console|" + secret_key.encode("utf-8")).digest()
        self._lifetime = session_lifetime

    @property
    def session_lifetime(self) -> timedelta:
        """How long a session cookie stays valid after sign-in."""
        return self._lifetime

    def _mac(self, purpose: str, value: str) -> str:
        return _b64encode(hmac.new(self._key, f"{purpose}|{value}".encode(), hashlib.sha256).digest())

    # Sessions

    def new_session(self, mentor_id: int, username: str, now: datetime, version: int = 0) -> ConsoleSession:
        """A fresh session (new nonce, so a new CSRF token) for a mentor who just signed in."""
        return ConsoleSession(mentor_id, username, secrets.token_urlsafe(18), now, version)

    def session_cookie(self, session: ConsoleSession) -> str:
        """The cookie value: base64 JSON payload, a dot, its MAC."""
        issued = int(session.issued_at.timestamp())
        data = {"m": session.mentor_id, "u": session.username, "n": session.nonce, "t": issued, "v": session.version}
        payload = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
        body = _b64encode(payload.encode("utf-8"))
        return f"{body}.{self._mac('session', body)}"

    def read_session(self, cookie: str | None, now: datetime) -> ConsoleSession | None:
        """The session in ``cookie`` when its MAC is right and it has not expired, else ``None``."""
        if not cookie or cookie.count(".") != 1:
            return None
        body, mac = cookie.split(".")
        if not hmac.compare_digest(mac, self._mac("session", body)):
            return None
        try:
            data = json.loads(_b64decode(body))
            issued = datetime.fromtimestamp(int(data["t"]), tz=now.tzinfo)
            # A cookie from before sessions had versions has no "v": refused (KeyError), sign in again.
            session = ConsoleSession(int(data["m"]), str(data["u"]), str(data["n"]), issued, int(data["v"]))
        except (ValueError, KeyError, TypeError):
            return None
        # A cookie from the future is as suspect as an old one.
        if not (issued - timedelta(minutes=5) <= now <= issued + self._lifetime):
            return None
        return session

    def csrf_token(self, session: ConsoleSession) -> str:
        """The CSRF token every form of this session carries."""
        return self._mac("csrf", session.nonce)

    def check_csrf(self, session: ConsoleSession, token: str | None) -> bool:
        """``token`` is this session's CSRF token (constant-time comparison)."""
        return bool(token) and hmac.compare_digest(str(token), self.csrf_token(session))

    # The login form (no session yet)

    def login_token(self) -> str:
        """A new signed double-submit token for the login form and its cookie."""
        nonce = secrets.token_urlsafe(18)
        return f"{nonce}.{self._mac('login', nonce)}"

    def check_login_token(self, cookie: str | None, form_value: str | None) -> bool:
        """The form's token equals the cookie's, and it is one this server signed."""
        if not cookie or not form_value or not hmac.compare_digest(cookie, form_value):
            return False
        nonce, _, mac = cookie.partition(".")
        return bool(nonce) and hmac.compare_digest(mac, self._mac("login", nonce))


def stored_secret_key(folder: Path) -> str:
    """The console key kept in ``folder``, created (random, owner-only file) on first use.

    Several server processes may start at once: each writes its candidate to a temporary file
    and hard-links it into place, which fails when another process was first; everyone then
    reads the one file, so all workers sign with the same key.
    """
    path = folder / SECRET_FILE
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".console-key-")
        try:
            with os.fdopen(handle, "w", encoding="ascii") as out:
                out.write(secrets.token_urlsafe(48))
                out.flush()
                os.fsync(out.fileno())
            with contextlib.suppress(FileExistsError):
                os.link(temporary, path)
        finally:
            os.unlink(temporary)
    key = path.read_text(encoding="ascii").strip()
    if len(key) < 16:
        raise ValueError(f"{path} holds no usable console key; delete it to have a new one generated")
    return key
