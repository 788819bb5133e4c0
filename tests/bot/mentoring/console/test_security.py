"""Session cookies and CSRF tokens: what a forger or an old cookie gets (nothing)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pydantic import SecretStr

from bot.app.composition import build_console
from bot.mentoring.console.security import ConsoleSigner, stored_secret_key
from bot.settings import MentoringSettings, Settings
from bot.storage import open_database

NOW = datetime(2026, 11, 26, 0, 15, tzinfo=UTC)
KEY = "a-console-secret-key-for-tests-0001"


@pytest.fixture
def signer() -> ConsoleSigner:
    return ConsoleSigner(KEY, timedelta(hours=12))


def test_a_session_survives_the_round_trip_until_it_expires(signer: ConsoleSigner) -> None:
    session = signer.new_session(3, "somchai", NOW)
    cookie = signer.session_cookie(session)
    assert signer.read_session(cookie, NOW + timedelta(hours=11)) == session
    assert signer.read_session(cookie, NOW + timedelta(hours=12, seconds=1)) is None
    assert signer.read_session(cookie, NOW - timedelta(hours=1)) is None  # issued "in the future"


def test_a_tampered_or_foreign_cookie_is_no_session(signer: ConsoleSigner) -> None:
    cookie = signer.session_cookie(signer.new_session(3, "somchai", NOW))
    body, mac = cookie.split(".")
    other = ConsoleSigner("another-key-of-another-server-01", timedelta(hours=12))
    forged_body = signer.session_cookie(signer.new_session(1, "admin", NOW)).split(".")[0]
    for bad in (
        f"{forged_body}.{mac}",
        f"{body}.{mac[:-2]}AA",
        other.session_cookie(other.new_session(3, "somchai", NOW)),
        "",
        "no-dot",
        f"{body}.{mac}.x",
        "e30.AAAA",
    ):
        assert signer.read_session(bad, NOW) is None, bad


def test_csrf_tokens_are_bound_to_the_session(signer: ConsoleSigner) -> None:
    first = signer.new_session(3, "somchai", NOW)
    second = signer.new_session(3, "somchai", NOW)
    token = signer.csrf_token(first)
    assert signer.check_csrf(first, token)
    assert not signer.check_csrf(second, token)
    assert not signer.check_csrf(first, None)
    assert not signer.check_csrf(first, "")
    assert not signer.check_csrf(first, token[:-1])


def test_the_login_token_must_be_signed_and_submitted_twice(signer: ConsoleSigner) -> None:
    token = signer.login_token()
    assert signer.check_login_token(token, token)
    assert not signer.check_login_token(token, signer.login_token())
    assert not signer.check_login_token(None, token)
    assert not signer.check_login_token(token, None)
    planted = "attacker-chosen.value"  # same value in cookie and form, but not signed by this server
    assert not signer.check_login_token(planted, planted)


def test_a_short_secret_key_is_refused() -> None:
    with pytest.raises(ValueError):
        ConsoleSigner("short", timedelta(hours=1))


def test_a_generated_key_is_kept_private_and_reused(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    key = stored_secret_key(folder)
    assert len(key) >= 48 and stored_secret_key(folder) == key
    assert [p.name for p in folder.iterdir()] == ["console_secret.key"]  # no temporary file left
    assert (folder / "console_secret.key").stat().st_mode & 0o077 == 0
    (folder / "console_secret.key").write_text("short", encoding="ascii")
    with pytest.raises(ValueError, match="delete it"):
        stored_secret_key(folder)


def test_the_wiring_signs_with_the_stored_key_unless_one_is_set(tmp_path: Path) -> None:
    settings = Settings(_env_file=None, data_dir=tmp_path / "data")  # type: ignore[call-arg]
    with open_database(settings.resolved_database_url()) as database:
        build_console(settings, database)
        stored = (tmp_path / "data" / "console_secret.key").read_text(encoding="ascii")
        assert stored_secret_key(tmp_path / "data") == stored
        configured = Settings(  # type: ignore[call-arg]
            _env_file=None,
            data_dir=tmp_path / "other",
            mentoring=MentoringSettings(console_secret_key=SecretStr("k" * 32)),
        )
        build_console(configured, database)
    assert not (tmp_path / "other" / "console_secret.key").exists()
    assert settings.resolved_faq_dir() == tmp_path / "data" / "curated"
