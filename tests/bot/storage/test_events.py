"""Redelivered platform events are claimed once, on SQLite and PostgreSQL, even under races."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from bot.storage import Database, ProcessedEvents


def test_an_event_is_claimed_once_per_channel(database: Database) -> None:
    events = ProcessedEvents(database)
    assert events.claim("line", "01HZX-redelivered") is True
    assert events.claim("line", "01HZX-redelivered") is False
    assert events.claim("telegram", "01HZX-redelivered") is True  # another platform's id space


def test_racing_workers_agree_on_one_winner(database: Database) -> None:
    events = ProcessedEvents(database)
    with ThreadPoolExecutor(max_workers=8) as pool:
        wins = list(pool.map(lambda _: events.claim("telegram", "424242"), range(16)))
    assert wins.count(True) == 1


def test_a_webhook_s_events_are_claimed_together_and_an_old_one_does_not_undo_the_new(database: Database) -> None:
    events = ProcessedEvents(database)
    assert events.claim_all("line", ["01A", "01B"]) == {"01A", "01B"}
    # A redelivered webhook carrying one old and one new event (and a repeated id): only the new one is taken.
    assert events.claim_all("line", ["01B", "01C", "01C"]) == {"01C"}
    assert events.claim("line", "01C") is False
    assert events.claim_all("line", []) == set()


def test_racing_webhooks_each_claim_an_event_once(database: Database) -> None:
    events = ProcessedEvents(database)
    with ThreadPoolExecutor(max_workers=8) as pool:
        claims = list(pool.map(lambda _: events.claim_all("telegram", ["7", "8"]), range(8)))
    assert sorted(i for claimed in claims for i in claimed) == ["7", "8"]
