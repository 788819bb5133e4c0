"""Webhooks arriving together are recorded in one transaction each batch, and each still learns its own outcome."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from bot.channels.base import InboundEvent
from bot.channels.group_commit import GroupCommit
from bot.channels.intake import Intake
from bot.storage import ProcessedEvents, open_database


def test_what_arrives_during_a_commit_goes_in_the_next_one_together_and_each_caller_gets_its_result() -> None:
    calls: list[list[int]] = []
    first_running = threading.Event()
    release_first = threading.Event()

    def commit(items: Sequence[int]) -> list[int]:
        calls.append(list(items))
        if len(calls) == 1:
            first_running.set()
            release_first.wait(10)
        return [item * 10 for item in items]

    async def scenario() -> list[int]:
        group: GroupCommit[int, int] = GroupCommit(commit, "test")
        first = asyncio.create_task(group.submit(0))
        await asyncio.to_thread(first_running.wait, 10)
        later = [asyncio.create_task(group.submit(i)) for i in range(1, 51)]
        await asyncio.sleep(0.05)  # all fifty are waiting behind the first transaction
        release_first.set()
        results = await asyncio.gather(first, *later)
        group.close()
        return results

    results = asyncio.run(scenario())
    assert calls == [[0], list(range(1, 51))]
    assert results == [i * 10 for i in range(51)]


def test_a_failed_commit_fails_every_webhook_of_its_batch_and_the_next_batch_is_committed() -> None:
    attempts: list[list[str]] = []

    def commit(items: Sequence[str]) -> list[str]:
        attempts.append(list(items))
        if len(attempts) == 1:
            raise OperationalError("INSERT", {}, Exception("database is locked"))
        return [item.upper() for item in items]

    async def scenario() -> tuple[list[BaseException | str], str]:
        group: GroupCommit[str, str] = GroupCommit(commit, "test")
        outcomes = await asyncio.gather(group.submit("a"), group.submit("b"), return_exceptions=True)
        after = await group.submit("c")
        group.close()
        return list(outcomes), after

    outcomes, after = asyncio.run(scenario())
    assert attempts[0] == ["a", "b"]
    assert all(isinstance(outcome, OperationalError) for outcome in outcomes)
    assert after == "C"


def test_two_hundred_webhooks_at_once_are_recorded_in_a_few_transactions_each_event_once(tmp_path: Path) -> None:
    database = open_database(f"sqlite:///{tmp_path / 'nzap.db'}")
    commits: list[int] = []
    event.listen(database.engine, "commit", lambda _connection: commits.append(1))
    intake = Intake("line", ProcessedEvents(database))

    async def scenario() -> list[list[str | None]]:
        webhooks = [[InboundEvent(f"e{i}", f"01E{i:04d}", f"U{i}", f'{{"n": {i}}}')] for i in range(200)]
        webhooks.append([InboundEvent("e7", "01E0007", "U7", '{"n": 7}')])  # redelivery
        recorded = await asyncio.gather(*(intake.record(webhook) for webhook in webhooks))
        await intake.drain()
        return [[item.event_id for item in items] for items in recorded]

    recorded = asyncio.run(scenario())
    try:
        assert recorded[:200] == [[f"01E{i:04d}"] for i in range(200)]
        assert recorded[200] == ["01E0007"]  # not answered yet: dispatched again, the lease decides
        # One fsync'd transaction per batch instead of one per webhook: the 200th acknowledgement
        # no longer waits behind 199 commits.
        assert len(commits) <= 20
        events = ProcessedEvents(database)
        assert events.take("line", "01E0199", lease_seconds=30) is not None
        assert events.take("line", "01E0007", lease_seconds=30) is not None
        assert events.take("line", "01E0007", lease_seconds=30) is None
    finally:
        database.close()
