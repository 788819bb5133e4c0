"""The mentor registry: identities, removal, scrypt passwords and the console lockout."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.mentoring import MentorExistsError, MentorRegistry, UnknownMentorError
from bot.mentoring import mentors as mentors_module
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


def test_unknown_and_locked_accounts_cost_one_password_hash_like_a_wrong_password(
    mentors: MentorRegistry, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What an attacker timing sign-ins could tell apart: each answer must hash the password exactly once.

    The code path is compared, not the clock: every attempt runs scrypt once with the account's
    cost parameters, whether the user exists, is locked, or typed a wrong password.
    """
    mentors.add("พี่นก", web_username="nok", password="correct horse")
    hashed: list[str] = []
    real = mentors_module.password_matches

    def counting(password: str, stored: str) -> bool:
        hashed.append(stored.rsplit("$", 2)[0])  # the scheme and cost, not the salt
        return real(password, stored)

    monkeypatch.setattr(mentors_module, "password_matches", counting)

    def cost_of(username: str, password: str) -> list[str]:
        hashed.clear()
        assert mentors.verify_password(username, password, NOW) is None
        return list(hashed)

    wrong = cost_of("nok", "wrong")
    assert len(wrong) == 1
    assert cost_of("nobody", "wrong") == wrong
    cost_of("nok", "wrong")
    cost_of("nok", "wrong")  # the third wrong password locks the account
    assert cost_of("nok", "wrong") == wrong
    assert cost_of("nok", "correct horse") == wrong  # locked: the right password is refused after the same work


def test_only_the_last_attempt_before_the_lock_is_announced(mentors: MentorRegistry) -> None:
    mentors.add("พี่นก", web_username="nok", password="correct horse")
    first, second, third = (mentors.sign_in("nok", "wrong", NOW) for _ in range(3))
    assert (first.attempts_left, first.locked) == (2, False)
    assert (second.attempts_left, second.locked) == (1, False)
    assert third.locked and third.mentor is None
    assert mentors.sign_in("nobody", "wrong", NOW).attempts_left is None  # nothing to count for a stranger


def test_signing_out_and_a_new_password_move_the_session_version_on(mentors: MentorRegistry) -> None:
    mentor = mentors.add("พี่นก", web_username="nok", password="correct horse")
    assert mentor.session_version == 0
    mentors.sign_out(mentor.id)
    assert (found := mentors.by_web("nok")) is not None and found.session_version == 1
    mentors.set_password("nok", "another horse")
    assert (found := mentors.by_web("nok")) is not None and found.session_version == 2


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
