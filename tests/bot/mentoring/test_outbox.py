"""The outbox: rows move pending -> sending -> delivered/failed/retry, and two workers never share a row."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from bot.mentoring import Outbox
from bot.storage import open_database
from bot.types import Citation, EscalationNotice, QuickOption, QuickReplies, SourceList, TextReply

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
LEASE = timedelta(seconds=60)


def _add(outbox: Outbox, recipient: str = "U" + "1" * 32, channel: str = "line") -> int:
    return outbox.add(channel, recipient, [TextReply("คำตอบ")], purpose="mentor_answer", now=NOW).id


def test_every_reply_kind_round_trips_through_the_payload(outbox: Outbox) -> None:
    replies = (
        TextReply("สวัสดี"),
        QuickReplies("เลือก", (QuickOption("ยังสงสัย/ถามต่อ", "ticket:more:1"),)),
        SourceList((Citation("week3.md", "ค่าไฟ", page=2, week=3),)),
        EscalationNotice("ส่งแล้ว", "T-0001"),
    )
    row = outbox.add("telegram", "555", replies, purpose="mentor_answer", language="en", now=NOW)
    stored = outbox.get(row.id)
    assert stored is not None and stored.replies == replies and stored.language == "en"
    assert len(stored.retry_key) == 36 and stored.status == "pending" and stored.attempts == 0


def test_a_claimed_row_is_not_claimed_again_until_its_lease_runs_out(outbox: Outbox) -> None:
    row_id = _add(outbox)
    [claimed] = outbox.claim_due(10, NOW, LEASE)
    assert claimed.id == row_id and claimed.status == "sending" and claimed.attempts == 1
    assert outbox.claim_due(10, NOW + timedelta(seconds=59), LEASE) == []
    [again] = outbox.claim_due(10, NOW + timedelta(seconds=61), LEASE)  # the first worker died
    assert again.retry_key == claimed.retry_key and again.attempts == 2
    assert not outbox.mark_delivered(claimed, NOW)  # the dead worker's claim is void
    assert outbox.mark_delivered(again, NOW)
    stored = outbox.get(row_id)
    assert stored is not None and stored.status == "delivered" and stored.delivered_at == NOW


def test_retry_waits_for_its_time_and_failed_rows_stay_failed(outbox: Outbox) -> None:
    first, second = _add(outbox), _add(outbox)
    a, b = outbox.claim_due(10, NOW, LEASE)
    assert outbox.mark_retry(a, "HTTP 500", NOW + timedelta(seconds=4))
    assert outbox.mark_failed(b, "HTTP 400: bad recipient")
    assert outbox.claim_due(10, NOW + timedelta(seconds=3), LEASE) == []
    [retried] = outbox.claim_due(10, NOW + timedelta(seconds=4), LEASE)
    assert retried.id == first and retried.last_error == "HTTP 500" and retried.attempts == 2
    failed = outbox.get(second)
    assert failed is not None and failed.status == "failed" and failed.last_error == "HTTP 400: bad recipient"


def test_claims_can_be_limited_to_channels_and_web_rows_are_taken_by_recipient(outbox: Outbox) -> None:
    _add(outbox, "session-abc", "web")
    _add(outbox, "session-abc", "web")
    _add(outbox, "session-xyz", "web")
    line = _add(outbox)
    assert [r.id for r in outbox.claim_due(10, NOW, LEASE, channels=["line", "telegram"])] == [line]
    taken = outbox.take_for_recipient("web", "session-abc", NOW)
    assert len(taken) == 2 and all(t.status == "delivered" for t in taken)
    assert outbox.take_for_recipient("web", "session-abc", NOW) == []
    assert len(outbox.take_for_recipient("web", "session-xyz", NOW)) == 1


def test_progress_is_kept_for_a_resumed_delivery(outbox: Outbox) -> None:
    _add(outbox)
    [claimed] = outbox.claim_due(1, NOW, LEASE)
    assert outbox.mark_progress(claimed, 1)
    [resumed] = outbox.claim_due(1, NOW + LEASE, LEASE)
    assert resumed.progress == 1


def test_two_workers_claiming_at_once_never_take_the_same_row(database_url: str, outbox: Outbox) -> None:
    for index in range(60):
        _add(outbox, f"U{index:032x}")
    # Each worker opens the database itself (its own engine and connections), like two server processes.
    others = [open_database(database_url), open_database(database_url)]
    taken: list[list[int]] = [[], []]
    start = threading.Barrier(2)

    def work(slot: int) -> None:
        start.wait()
        while batch := Outbox(others[slot]).claim_due(5, NOW, LEASE):
            taken[slot].extend(row.id for row in batch)

    threads = [threading.Thread(target=work, args=(slot,)) for slot in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    for other in others:
        other.close()
    everything = taken[0] + taken[1]
    assert len(everything) == 60 and len(set(everything)) == 60
    assert all(row.attempts == 1 for row in outbox.rows())
