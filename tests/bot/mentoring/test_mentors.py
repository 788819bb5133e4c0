"""The mentor registry: identities, removal, scrypt passwords and the console lockout."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.mentoring import MentorExistsError, MentorRegistry, UnknownMentorError
from bot.storage import Database
from bot.storage.models import Mentor

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def test_mentors_are_found_by_each_identity(mentors: MentorRegistry) -> None:
    nok = mentors.add(
        "พี่นก", telegram_user_id=111, line_user_id="U" + "b" * 32, web_username="nok", password="pw-นก-1234"
    )
    assert mentors.by_telegram(111) == nok and mentors.by_telegram("111") == nok
    assert mentors.by_line("U" + "b" * 32) == nok and mentors.by_web("nok") == nok
    assert mentors.by_telegram(112) is None and mentors.by_web("Nok") is None
    assert [m.name for m in mentors.list()] == ["พี่นก"]
    with pytest.raises(MentorExistsError):
        mentors.add("คนอื่น", telegram_user_id=111)


def test_removed_mentors_lose_their_rights_and_can_be_added_again(mentors: MentorRegistry) -> None:
    nok = mentors.add("พี่นก", telegram_user_id=111, web_username="nok", password="pw-นก-1234")
    removed = mentors.remove("nok")
    assert not removed.active and mentors.by_telegram(111) is None and mentors.list() == []
    assert mentors.verify_password("nok", "pw-นก-1234", NOW) is None
    with pytest.raises(UnknownMentorError):
        mentors.remove(nok.id)
    again = mentors.add("พี่นก", telegram_user_id=111)
    assert again.id != nok.id and mentors.by_telegram(111) == again
    assert [m.name for m in mentors.list(include_inactive=True)] == ["พี่นก", "พี่นก"]


def test_passwords_are_salted_scrypt_hashes(mentors: MentorRegistry, database: Database) -> None:
    mentors.add("ก", web_username="a", password="same-password")
    mentors.add("ข", web_username="b", password="same-password")
    with database.session() as session:
        hashes = [m.password_hash for m in session.query(Mentor).order_by(Mentor.id)]
    assert all(h and h.startswith("scrypt$") and "same-password" not in h for h in hashes)
    assert hashes[0] != hashes[1]
    assert mentors.verify_password("a", "same-password", NOW) is not None
    assert mentors.verify_password("a", "wrong", NOW) is None


def test_repeated_failures_lock_the_account_for_a_while(mentors: MentorRegistry) -> None:
    mentors.add("พี่นก", web_username="nok", password="correct horse")
    for _ in range(3):  # lockout_failures=3 in the fixture
        assert mentors.verify_password("nok", "wrong", NOW) is None
    locked = mentors.by_web("nok")
    assert locked is not None and locked.locked_until == NOW + timedelta(minutes=15)
    assert mentors.verify_password("nok", "correct horse", NOW + timedelta(minutes=14)) is None
    assert mentors.verify_password("nok", "correct horse", NOW + timedelta(minutes=16)) is not None
    assert mentors.verify_password("nobody", "x", NOW) is None


def test_a_success_resets_the_failure_count(mentors: MentorRegistry) -> None:
    mentors.add("พี่นก", web_username="nok", password="correct horse")
    for _ in range(2):
        mentors.verify_password("nok", "wrong", NOW)
    assert mentors.verify_password("nok", "correct horse", NOW) is not None
    for _ in range(2):
        mentors.verify_password("nok", "wrong", NOW)
    assert mentors.verify_password("nok", "correct horse", NOW) is not None


def test_a_mentor_needs_a_name_and_an_identity(mentors: MentorRegistry) -> None:
    with pytest.raises(ValueError):
        mentors.add("  ", telegram_user_id=1)
    with pytest.raises(ValueError):
        mentors.add("พี่นก")
    with pytest.raises(ValueError):
        mentors.add("พี่นก", web_username="nok")
