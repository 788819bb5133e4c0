"""The web process's cost per webhook of two steps of a burst, measured alone: enqueueing and the access line.

Enqueues 200 events on the Redis queue (``--redis``) and the embedded SQLite queue one by one
(huey's own enqueue, one trip each) and in one trip (:meth:`HueyQueue.enqueue_many`), and
writes 220 uvicorn access lines for acknowledged webhooks through the configured logging at
DEBUG (written) and INFO (dropped by the filter), three times each; prints CPU and wall time.

    python bench/burst_costs.py --redis redis://127.0.0.1:6379/14
"""

from __future__ import annotations

import argparse
import io
import logging
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from bot.channels.jobs import HueyQueue, QueueConfig, open_huey
from bot.observability.logs import configure_logging
from bot.settings import LogSettings


def measure(step: Callable[[], object]) -> tuple[float, float]:
    """CPU and wall milliseconds of one call of ``step``."""
    cpu, wall = time.process_time(), time.perf_counter()
    step()
    return (time.process_time() - cpu) * 1000, (time.perf_counter() - wall) * 1000


def enqueue_each(queue: HueyQueue, ids: list[str]) -> None:
    """huey's own way: one trip to the queue per event."""
    for event_id in ids:
        queue.enqueue("line", event_id)


def write_access_lines(lines: int) -> None:
    """``lines`` uvicorn access lines of acknowledged webhooks (uvicorn's format and arguments)."""
    access = logging.getLogger("uvicorn.access")
    for _ in range(lines):
        access.info('%s - "%s %s HTTP/%s" %d', "127.0.0.1:50000", "POST", "/webhooks/line", "1.1", 200)


def enqueue_costs(config: QueueConfig, events: int = 200) -> None:
    """Print the cost of enqueueing ``events`` one by one and in one trip (the queue is emptied after each)."""
    queue = HueyQueue(open_huey(config))
    ids = [f"01BURSTCOST{number:015d}" for number in range(events)]
    for _ in range(3):
        one = measure(lambda: enqueue_each(queue, ids))
        queue.huey.flush()
        batch = measure(lambda: queue.enqueue_many("line", ids))
        queue.huey.flush()
        print(
            f"{config.backend}: {events} events one by one: CPU {one[0]:.1f} ms, wall {one[1]:.1f} ms; "
            f"in one trip: CPU {batch[0]:.1f} ms, wall {batch[1]:.1f} ms"
        )


def access_line_costs(lines: int = 220) -> None:
    """Print the CPU of ``lines`` access lines of acknowledged webhooks, written (DEBUG) and filtered (INFO)."""
    for level in ("DEBUG", "INFO"):
        configure_logging(LogSettings(format="json", level=level), secrets=["x" * 32], stream=io.StringIO())
        for _ in range(3):
            cpu, _wall = measure(lambda: write_access_lines(lines))
            fate = "written" if level == "DEBUG" else "filtered"
            print(f"access lines at {level} ({fate}): {lines} cost {cpu:.1f} ms")


def main() -> None:
    """Run both measurements."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--redis", default="", help="a Redis database to enqueue into (skipped when empty)")
    args = parser.parse_args()
    name = f"burst-costs-{uuid.uuid4().hex[:8]}"
    if args.redis:
        enqueue_costs(QueueConfig("redis", args.redis, name))
    with tempfile.TemporaryDirectory() as folder:
        enqueue_costs(QueueConfig("sqlite", str(Path(folder) / "queue.db"), name))
    access_line_costs()


if __name__ == "__main__":
    main()
