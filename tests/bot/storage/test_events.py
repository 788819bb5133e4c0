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
