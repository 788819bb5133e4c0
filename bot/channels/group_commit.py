"""Group commit: the webhooks that arrive while one transaction runs are recorded together in the next.

Recording a webhook is one short transaction, and most of its cost is fixed: on SQLite the
write lock (shared with the worker processes' answers) and an fsync of the log per commit; on
PostgreSQL the round trips and the commit's log flush. Two hundred webhooks arriving at once
paid it two hundred times one after the other, and the last acknowledgement waited for all
of them. Here the first webhook starts a transaction at once (no added wait when traffic is
light); whatever arrives meanwhile waits for that one to finish and then goes in the next
transaction together. Each webhook still gets its acknowledgement only after its own events
were committed.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Generic, TypeVar

ItemT = TypeVar("ItemT")
ResultT = TypeVar("ResultT")


class GroupCommit(Generic[ItemT, ResultT]):
    """Runs a blocking ``commit(items) -> results`` (one result per item, in order) on a thread of its own,
    over everything submitted while the previous call ran.

    A call that raises fails every submission of its batch with that error (nothing of the batch
    was committed: one transaction), so each caller can refuse its request as before.
    """

    def __init__(self, commit: Callable[[Sequence[ItemT]], Sequence[ResultT]], name: str) -> None:
        self._commit = commit
        self._name = name
        self._waiting: list[tuple[ItemT, asyncio.Future[ResultT]]] = []
        self._runner: asyncio.Task[None] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: ThreadPoolExecutor | None = None

    async def submit(self, item: ItemT) -> ResultT:
        """Commit ``item`` with whatever else is waiting; its result once the transaction has committed."""
        loop = asyncio.get_running_loop()
        if loop is not self._loop:
            # A new event loop (the app served again, say): whatever waited on the old one is gone with it.
            self._loop, self._waiting, self._runner = loop, [], None
        future: asyncio.Future[ResultT] = loop.create_future()
        self._waiting.append((item, future))
        if self._runner is None or self._runner.done():
            self._runner = loop.create_task(self._drain(), name=f"{self._name}-group-commit")
        return await future

    async def _drain(self) -> None:
        loop = asyncio.get_running_loop()
        if self._thread is None:
            self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix=self._name)
        while self._waiting:
            batch, self._waiting = self._waiting, []
            try:
                results = await loop.run_in_executor(self._thread, self._commit, [item for item, _ in batch])
            except Exception as error:
                for _, future in batch:
                    if not future.done():  # a caller that went away (client disconnected) cancelled its own
                        future.set_exception(error)
                continue
            for (_, future), result in zip(batch, results, strict=True):
                if not future.done():
                    future.set_result(result)

    def close(self) -> None:
        """Release the thread (after the last submission)."""
        if self._thread is not None:
            self._thread.shutdown(wait=False)
            self._thread = None
