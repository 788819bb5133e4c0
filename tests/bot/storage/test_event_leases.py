"""Events are recorded before the acknowledgement and answered once, even when a worker dies (SQLite and PostgreSQL)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from bot.storage import Database, NewEvent, ProcessedEvents
from bot.storage.models import utcnow


def _new(*ids: str) -> list[NewEvent]:
    return [NewEvent(i, f'{{"id": "{i}"}}') for i in ids]


def test_a_recorded_event_is_taken_once_and_a_redelivery_after_the_answer_is_dropped(database: Database) -> None:
    events = ProcessedEvents(database)
    assert events.record_all("line", _new("01A", "01B")) == {"01A", "01B"}
    taken = events.take("line", "01A", lease_seconds=30)
    assert taken is not None and taken.attempt == 1 and taken.payload == '{"id": "01A"}'
    assert events.take("line", "01A", lease_seconds=30) is None  # someone holds it
    assert events.finish(taken) is True
    assert events.status("line", "01A") == "done"
    assert events.record_all("line", _new("01A")) == set()  # answered: a redelivery is a duplicate
    assert events.take("line", "01A", lease_seconds=30) is None


def test_a_redelivery_of_an_event_recorded_but_not_answered_is_dispatched_again(database: Database) -> None:
    events = ProcessedEvents(database)
    assert events.record_all("telegram", _new("900")) == {"900"}
    # The process died after the acknowledgement: the platform's redelivery is answered, not dropped.
    assert events.record_all("telegram", _new("900")) == {"900"}
    taken = events.take("telegram", "900", lease_seconds=30)
    assert taken is not None and taken.attempt == 1


def test_a_dead_worker_s_lease_runs_out_and_another_takes_the_event_once(database: Database) -> None:
    events = ProcessedEvents(database)
    events.record_all("line", _new("01DEAD"))
    dead = events.take("line", "01DEAD", lease_seconds=30)
    assert dead is not None
    assert events.due(pending_seconds=60) == []
    later = utcnow() + timedelta(seconds=31)
    assert events.due(pending_seconds=60, now=later) == [("line", "01DEAD")]
    with ThreadPoolExecutor(max_workers=8) as pool:
        takes = list(pool.map(lambda _: events.take("line", "01DEAD", 30, now=later), range(8)))
    winners = [t for t in takes if t is not None]
    assert len(winners) == 1 and winners[0].attempt == 2
    # The dead worker's attempt can no longer finish or renew the event; the new one can.
    assert events.renew(dead, 30) is False and events.finish(dead) is False
    assert events.finish(winners[0]) is True


def test_a_lease_is_renewed_while_answering_and_a_released_event_goes_back_to_pending(database: Database) -> None:
    events = ProcessedEvents(database)
    events.record_all("line", _new("01SLOW"))
    taken = events.take("line", "01SLOW", lease_seconds=1)
    assert taken is not None and events.renew(taken, 600) is True
    assert events.due(pending_seconds=60, now=utcnow() + timedelta(seconds=5)) == []
    assert events.release(taken) is True
    assert events.status("line", "01SLOW") == "pending"
    assert events.due(pending_seconds=0, now=utcnow() + timedelta(seconds=1)) == [("line", "01SLOW")]


def test_racing_deliveries_of_one_webhook_record_each_event_once(database: Database) -> None:
    events = ProcessedEvents(database)
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda _: events.record_all("telegram", _new("7", "8")), range(8)))
    with ThreadPoolExecutor(max_workers=8) as pool:
        takes = list(pool.map(lambda i: events.take("telegram", "78"[i % 2], 30), range(16)))
    assert sorted(t.event_id for t in takes if t is not None) == ["7", "8"]


def test_a_redelivery_not_answered_yet_keeps_what_the_platform_sent_last(database: Database) -> None:
    events = ProcessedEvents(database)
    events.record_all("line", [NewEvent("01RE", '{"isRedelivery": false}')])
    # LINE marks a redelivery, and its reply token must not be used: the worker has to see the later payload.
    assert events.record_all("line", [NewEvent("01RE", '{"isRedelivery": true}')]) == {"01RE"}
    taken = events.take("line", "01RE", lease_seconds=30)
    assert taken is not None and taken.payload == '{"isRedelivery": true}'


def test_a_large_batch_of_new_answered_and_unanswered_events_is_recorded_in_one_call(database: Database) -> None:
    # Webhooks arriving together are recorded in one transaction: more rows than one INSERT statement holds.
    events = ProcessedEvents(database)
    events.record_all("telegram", _new("old-done", "old-pending"))
    done = events.take("telegram", "old-done", lease_seconds=30)
    assert done is not None and events.finish(done)
    batch = _new(*(f"n{i:04d}" for i in range(1200)), "old-done", "old-pending")
    dispatch = events.record_all("telegram", batch)
    assert dispatch == {f"n{i:04d}" for i in range(1200)} | {"old-pending"}
    assert events.take("telegram", "n1199", lease_seconds=30) is not None
    assert events.take("telegram", "old-done", lease_seconds=30) is None
