"""The web process's cost per webhook of three steps of a burst, measured alone: enqueueing, the access line
and the way to the webhook's route.

Enqueues 200 events on the Redis queue (``--redis``) and the embedded SQLite queue one by one
(huey's own enqueue, one trip each) and in one trip (:meth:`HueyQueue.enqueue_many`), and
writes 220 uvicorn access lines for acknowledged webhooks through the configured logging at
DEBUG (written) and INFO (dropped by the filter), three times each; prints CPU and wall time.
Then sends 5,000 requests through the application's middlewares to a plain webhook route
that acknowledges at once, in-process (no sockets), by the short lane the application gives
webhooks (:mod:`bot.app.server.webhook_lane`) and by FastAPI's router as the route was mounted
before (an included router after the web chat's and before the console's); prints the CPU
per request of each, three times, alternating.

    python bench/burst_costs.py --redis redis://127.0.0.1:6379/14
"""

from __future__ import annotations

import argparse
import asyncio
import io
import logging
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from fastapi import APIRouter, FastAPI
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Message

from bot.app.server.app import create_app
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


class AcknowledgingChannel:
    """A channel whose one route is ``POST /webhooks/line`` answering ``{"status":"ok"}`` after reading the body,
    as a webhook route is mounted (a plain route in an ``APIRouter``): the way there is what is measured."""

    name = "line"

    def router(self) -> APIRouter:
        """The plain route."""

        async def acknowledge(request: Request) -> Response:
            await request.body()
            return Response(b'{"status":"ok"}', media_type="application/json")

        router = APIRouter()
        router.add_route("/webhooks/line", acknowledge, methods=["POST"])
        return router

    async def startup(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""


def routed_before() -> FastAPI:
    """The application with the webhook's router included in FastAPI, between two others, as before the lane."""
    app = create_app([], ready=lambda: {})
    web_chat, console = APIRouter(), APIRouter()
    for path in ("/", "/api/chat/updates", "/api/chat/history", "/api/chat"):
        web_chat.add_api_route(path, lambda: {}, methods=["GET"])
    for path in ("/console/login", "/console/logout", "/console/tickets", "/console/tickets/{number}"):
        console.add_api_route(path, lambda: {}, methods=["GET"])
    app.include_router(web_chat)
    app.include_router(AcknowledgingChannel().router())
    app.include_router(console)
    return app


async def post_webhooks(app: FastAPI, requests: int) -> None:
    """``requests`` POSTs of a small body to ``/webhooks/line``, through the whole ASGI application."""
    body = b'{"destination":"U0","events":[]}'
    headers = [(b"host", b"127.0.0.1"), (b"content-type", b"application/json"), (b"content-length", b"32")]
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
        "path": "/webhooks/line", "raw_path": b"/webhooks/line", "root_path": "", "query_string": b"",
        "headers": headers, "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 8000),
    }  # fmt: skip
    statuses: list[int] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: Message) -> None:
        if message["type"] == "http.response.start":
            statuses.append(int(str(message["status"])))

    for _ in range(requests):
        await app({**scope, "state": {}}, receive, send)
    if set(statuses) != {200}:
        raise SystemExit(f"the route did not acknowledge: {sorted(set(statuses))}")


def route_costs(requests: int = 5000) -> None:
    """Print the CPU per request to the webhook's route, by the lane and by FastAPI's router, alternating."""
    ways = {"short lane": create_app([AcknowledgingChannel()], ready=lambda: {}), "FastAPI's router": routed_before()}
    for app in ways.values():
        asyncio.run(post_webhooks(app, 200))  # builds the middleware stack, warms the caches
    for _ in range(3):
        for way, app in ways.items():
            cpu, _wall = measure(lambda app=app: asyncio.run(post_webhooks(app, requests)))  # type: ignore[misc]
            print(f"route by the {way}: {1000 * cpu / requests:.1f} us of CPU per request")


def main() -> None:
    """Run the three measurements."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--redis", default="", help="a Redis database to enqueue into (skipped when empty)")
    args = parser.parse_args()
    name = f"burst-costs-{uuid.uuid4().hex[:8]}"
    if args.redis:
        enqueue_costs(QueueConfig("redis", args.redis, name))
    with tempfile.TemporaryDirectory() as folder:
        enqueue_costs(QueueConfig("sqlite", str(Path(folder) / "queue.db"), name))
    access_line_costs()
    route_costs()


if __name__ == "__main__":
    main()
