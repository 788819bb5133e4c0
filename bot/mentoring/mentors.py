"""Who is a mentor: their Telegram and LINE ids and console account, managed from the command line.

Console passwords are hashed with scrypt (standard library) and a random salt per password.
After ``lockout_failures`` wrong passwords in a row the account is locked for
``lockout_minutes``; a right password during the lock is refused too.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Select, or_, select
from sqlalchemy.exc import IntegrityError

from bot.observability.redaction import text_digest
from bot.storage.database import Database
from bot.storage.models import Mentor, utcnow

logger = logging.getLogger(__name__)

# scrypt cost: about 16 MiB and tens of milliseconds per check (OWASP's minimum for scrypt).
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P, _DKLEN = 2**14, 8, 1, 32


class MentorExistsError(ValueError):
    """Another active mentor already has this Telegram id, LINE id or username."""


class UnknownMentorError(LookupError):
    """No active mentor has this id or username."""


@dataclass(frozen=True)
class MentorRecord:
    """A mentor as stored (without the password hash)."""

    id: int
    name: str
    telegram_user_id: str | None
    line_user_id: str | None
    web_username: str | None
    has_password: bool
    active: bool
    failed_logins: int
    locked_until: datetime | None
    created_at: datetime
    session_version: int = 0
    """The console sessions that still count were issued under this version (see :meth:`MentorRegistry.sign_out`)."""
    staff: bool = False
    """Programme staff: may open the console's insight dashboard (a mentor without it gets 403)."""

    @property
    def actor(self) -> str:
        """How the audit trail names this mentor."""
        return f"mentor:{self.id}"


def hash_password(password: str) -> str:
    """``scrypt$n$r$p$salt$hash`` (base64) for ``password``."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P, dklen=_DKLEN)
    encode = base64.b64encode
    return f"scrypt${_SCRYPT_N}${_SCRYPT_R}${_SCRYPT_P}${encode(salt).decode()}${encode(digest).decode()}"


def password_matches(password: str, stored: str) -> bool:
    """Whether ``password`` hashes to ``stored`` (constant-time comparison)."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(
            password.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p), dklen=len(expected)
        )
    except ValueError:
        return False
    return hmac.compare_digest(actual, expected)


_DUMMY_HASH = hash_password(secrets.token_hex(8))
"""Checked for unknown usernames and locked accounts, so a login takes as long as a wrong password."""


@dataclass(frozen=True)
class SignIn:
    """The outcome of a console sign-in."""

    mentor: MentorRecord | None
    """The mentor when the password was right and the account not locked."""
    attempts_left: int | None = None
    """After a wrong password of an existing account: wrong passwords left before it locks."""
    locked: bool = False
    """The account is locked (now, or by this very attempt)."""


class MentorRegistry:
    """The mentors; every method is one transaction and returns frozen records."""

    def __init__(self, database: Database, lockout_failures: int = 5, lockout_minutes: float = 15) -> None:
        self._database = database
        self._lockout_failures = lockout_failures
        self._lockout = timedelta(minutes=lockout_minutes)

    def add(
        self,
        name: str,
        telegram_user_id: int | str | None = None,
        line_user_id: str | None = None,
        web_username: str | None = None,
        password: str | None = None,
        staff: bool = False,
    ) -> MentorRecord:
        """Register a mentor (``staff``: with the staff role); :class:`MentorExistsError` when an identity is taken."""
        if not name.strip():
            raise ValueError("a mentor needs a name")
        if telegram_user_id is None and line_user_id is None and web_username is None:
            raise ValueError("a mentor needs a Telegram id, a LINE id or a web username")
        if web_username is not None and not password:
            raise ValueError("a web account needs a password")
        mentor = Mentor(
            name=name.strip(),
            telegram_user_id=None if telegram_user_id is None else str(telegram_user_id),
            line_user_id=line_user_id,
            web_username=web_username,
            password_hash=hash_password(password) if password else None,
            failed_logins=0,
            active=True,
            staff=staff,
            created_at=utcnow(),
        )
        try:
            with self._database.session() as session:
                session.add(mentor)
                session.flush()
                return _record(mentor)
        except IntegrityError as error:
            raise MentorExistsError("another mentor already has this Telegram id, LINE id or username") from error

    def remove(self, mentor: int | str) -> MentorRecord:
        """Deactivate a mentor (by id or web username) and free their identities; their tickets keep the name."""
        with self._database.session() as session:
            row = session.scalars(_active(mentor)).first()
            if row is None:
                raise UnknownMentorError(f"no active mentor {mentor!r}")
            row.active = False
            row.telegram_user_id = row.line_user_id = row.web_username = row.password_hash = None
            session.flush()
            return _record(row)

    def set_staff(self, mentor: int | str, staff: bool) -> MentorRecord:
        """Grant (``True``) or take away the staff role of an active mentor, by id or console username.

        Taking it away works at once: every console request re-reads the mentor's record.
        """
        with self._database.session() as session:
            row = session.scalars(_active(mentor)).first()
            if row is None:
                raise UnknownMentorError(f"no active mentor {mentor!r}")
            row.staff = staff
            session.flush()
            return _record(row)

    def list(self, include_inactive: bool = False) -> list[MentorRecord]:
        """The mentors, oldest first."""
        query = select(Mentor).order_by(Mentor.id)
        if not include_inactive:
            query = query.where(Mentor.active.is_(True))
        with self._database.session() as session:
            return [_record(row) for row in session.scalars(query)]

    def get(self, mentor_id: int) -> MentorRecord | None:
        """The active mentor with this id, or ``None``."""
        with self._database.session() as session:
            row = session.get(Mentor, mentor_id)
            return _record(row) if row is not None and row.active else None

    def by_telegram(self, user_id: int | str) -> MentorRecord | None:
        """The active mentor with this Telegram user id, or ``None``."""
        return self._find(Mentor.telegram_user_id == str(user_id))

    def by_line(self, user_id: str) -> MentorRecord | None:
        """The active mentor with this LINE user id, or ``None``."""
        return self._find(Mentor.line_user_id == user_id)

    def by_web(self, username: str) -> MentorRecord | None:
        """The active mentor with this console username, or ``None``."""
        return self._find(Mentor.web_username == username)

    def verify_password(self, username: str, password: str, now: datetime | None = None) -> MentorRecord | None:
        """The mentor when the password is right and the account is not locked; ``None`` otherwise."""
        return self.sign_in(username, password, now).mentor

    def sign_in(self, username: str, password: str, now: datetime | None = None) -> SignIn:
        """Check a console password, counting wrong ones.

        Wrong passwords are counted; the ``lockout_failures``-th locks the account for
        ``lockout_minutes`` and starts the count again. Every attempt hashes the password once,
        against the account's hash or a dummy one, so that how long the answer takes says
        nothing about whether the user exists or is locked.
        """
        now = now or utcnow()
        with self._database.session() as session:
            row = session.scalars(
                select(Mentor).where(Mentor.web_username == username, Mentor.active.is_(True))
            ).first()
            if row is None or row.password_hash is None:
                password_matches(password, _DUMMY_HASH)
                # What was typed may be a password in the wrong box: its digest only, never the text.
                logger.warning("console login for unknown user %s refused", text_digest(username))
                return SignIn(None)
            if row.locked_until is not None and row.locked_until > now:
                # Not the real hash: a right password during the lock must not be told apart by time either.
                password_matches(password, _DUMMY_HASH)
                logger.warning("console login for locked user %r refused", username)
                return SignIn(None, locked=True)
            if password_matches(password, row.password_hash):
                row.failed_logins, row.locked_until = 0, None
                session.flush()
                return SignIn(_record(row))
            row.failed_logins += 1
            if row.failed_logins >= self._lockout_failures:
                row.failed_logins, row.locked_until = 0, now + self._lockout
                logger.warning("console user %r locked until %s after repeated failures", username, row.locked_until)
                return SignIn(None, locked=True)
            logger.warning("wrong console password for %r (%d)", username, row.failed_logins)
            return SignIn(None, attempts_left=self._lockout_failures - row.failed_logins)

    def sign_out(self, mentor_id: int) -> None:
        """Revoke every console session of the mentor: the cookies issued so far stop working."""
        with self._database.session() as session:
            row = session.get(Mentor, mentor_id)
            if row is not None:
                row.session_version += 1

    def set_password(self, username: str, password: str) -> None:
        """Replace a console password and lift any lock."""
        with self._database.session() as session:
            row = session.scalars(
                select(Mentor).where(Mentor.web_username == username, Mentor.active.is_(True))
            ).first()
            if row is None:
                raise UnknownMentorError(f"no active mentor {username!r}")
            row.password_hash, row.failed_logins, row.locked_until = hash_password(password), 0, None
            # A new password (a leaked one replaced, perhaps) signs the mentor out everywhere.
            row.session_version += 1

    def _find(self, condition: object) -> MentorRecord | None:
        with self._database.session() as session:
            row = session.scalars(select(Mentor).where(condition, Mentor.active.is_(True))).first()  # type: ignore[arg-type]
            return None if row is None else _record(row)


def _active(mentor: int | str) -> Select[Mentor]:
    """The active mentor named by id or console username (a numeric username counts too)."""
    query = select(Mentor).where(Mentor.active.is_(True))
    if isinstance(mentor, int) or mentor.isdigit():
        return query.where(or_(Mentor.id == int(mentor), Mentor.web_username == str(mentor)))
    return query.where(Mentor.web_username == mentor)


def _record(row: Mentor) -> MentorRecord:
    """The frozen record of a mentor row."""
    return MentorRecord(
        id=row.id,
        name=row.name,
        telegram_user_id=row.telegram_user_id,
        line_user_id=row.line_user_id,
        web_username=row.web_username,
        has_password=row.password_hash is not None,
        active=row.active,
        failed_logins=row.failed_logins,
        locked_until=row.locked_until,
        created_at=row.created_at,
        session_version=row.session_version,
        staff=row.staff,
    )
