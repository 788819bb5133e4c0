"""``nzap worker``: a process that answers the webhook events the web processes recorded and enqueued.

It builds the same services and channels as ``nzap serve`` (one composition root), then runs
a huey consumer whose threads hand each job to an asyncio loop of the process, where the
channel answers the event (engine in the loop's threads, platform calls through the channel's
one client). Beside the jobs, the process runs the outbox relay, the retention purge, the
session reminders (:mod:`bot.reminders`) and the sweep that enqueues again the events whose worker
died. With ``NZAP_QUEUE__METRICS_PORT`` it serves its Prometheus metrics on that port (it has no web
app of its own).

SIGTERM (or Ctrl-C) stops it gracefully: no new jobs, the answers in progress are finished.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
from concurrent.futures import Future
from typing import Any

from bot.app.composition import Server, build_parts, build_services, queue_config
from bot.channels.jobs import EventRunner, HueyQueue, RestorableChannel, Sweeper, open_huey
from bot.observability.metrics import serve_metrics
from bot.settings import Settings

logger = logging.getLogger(__name__)

POLL_SECONDS = (0.05, 0.5)
"""How often an idle consumer thread looks at the queue: at first, and at most (SQLite is polled)."""


class _Loop:
    """An asyncio loop on a thread of its own, where the channels, the relay and the sweep live."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, name="nzap-worker-loop", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def run(self, coroutine: Any) -> Any:
        """Run ``coroutine`` in the loop and wait for its result (from another thread)."""
        future: Future[Any] = asyncio.run_coroutine_threadsafe(coroutine, self.loop)
        return future.result()

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout=10)


def run_worker(settings: Settings) -> int:
    """Answer enqueued events until stopped; the exit status of ``nzap worker``."""
    config = queue_config(settings)
    if config is None:
        raise SystemExit("nzap worker needs a queue: NZAP_QUEUE__BACKEND is inline (answered in the web process)")
    q = settings.queue
    if q.nice > 0:
        os.nice(q.nice)  # answering waits; an acknowledgement must not (on a machine shared with the web process)
    services = build_services(settings)
    huey = open_huey(config)
    background = _Loop()

    def answer(channel: str, event_id: str) -> None:
        background.run(runner.run(channel, event_id))

    queue = HueyQueue(huey, answer)
    server = build_parts(settings, services, queue=None)
    plugins: list[Any] = list(server.channels.plugins)
    channels: dict[str, RestorableChannel[Any]] = {p.name: p for p in plugins if hasattr(p, "restore")}
    runner = EventRunner(services.events, channels, q.lease_seconds)
    sweeper = Sweeper(services.events, queue, q.sweep_seconds, q.pending_seconds, depth=queue.depth)
    if q.metrics_port is not None:
        serve_metrics(q.metrics_port, q.metrics_address)
    background.start()
    background.run(_start(server, sweeper))
    consumer = huey.create_consumer(
        workers=q.threads,
        worker_type="thread",
        periodic=False,
        initial_delay=POLL_SECONDS[0],
        backoff=1.5,
        max_delay=POLL_SECONDS[1],
        graceful_signal="TERM",
        shutdown_timeout=60,
    )
    names = ", ".join(channels) or "nothing"
    logger.info("worker answering %s with %d threads (%s queue)", names, q.threads, q.backend)
    try:
        consumer.run()
    finally:
        background.run(_stop(server, sweeper))
        background.close()
        services.database.close()
        services.events_database.close()  # the same one, or on SQLite a file of its own
    return 0


async def _start(server: Server, sweeper: Sweeper) -> None:
    for plugin in server.channels.plugins:
        await plugin.startup()
    await server.relay.start()
    await server.retention.start()
    await server.reminders.start()
    if server.digest is not None:
        await server.digest.start()
    await sweeper.start()


async def _stop(server: Server, sweeper: Sweeper) -> None:
    await sweeper.stop()
    await server.reminders.stop()
    if server.digest is not None:
        await server.digest.stop()
    await server.retention.stop()
    await server.relay.stop()
    for plugin in reversed(server.channels.plugins):
        await plugin.shutdown()
