"""The FastAPI application: channel webhooks, ``/healthz``, ``/readyz`` and ``/metrics``."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from typing import Protocol

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response

from bot.channels.base import ChannelPlugin
from bot.observability.logs import RequestIdMiddleware
from bot.observability.metrics import WebhookTimer, exposition
from bot.server.limits import BodySizeLimit

ReadinessCheck = Callable[[], dict[str, str]]
"""Returns a problem per component that is not ready (empty when all are)."""


class BackgroundWorker(Protocol):
    """Work that runs beside the webhooks for the server's lifetime (e.g. the outbox relay)."""

    async def start(self) -> None:
        """Start (in the running event loop) and return at once."""
        ...

    async def stop(self) -> None:
        """Finish and release resources."""
        ...


def create_app(
    channels: list[ChannelPlugin],
    ready: ReadinessCheck,
    max_body_bytes: int = 1_000_000,
    worker_threads: int = 3,
    workers: Sequence[BackgroundWorker] = (),
) -> FastAPI:
    """The app with every enabled channel's routes mounted, and ``workers`` running while it serves.

    Channels run the (synchronous) conversation engine with ``asyncio.to_thread``; the loop's
    default executor is capped at ``worker_threads`` because on a small machine dozens of
    threads answering at once starve the event loop of the interpreter lock, and webhook
    acknowledgements (which platforms expect within seconds) then wait behind answers.
    """

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        executor = ThreadPoolExecutor(max_workers=worker_threads, thread_name_prefix="nzap-worker")
        asyncio.get_running_loop().set_default_executor(executor)
        for channel in channels:
            await channel.startup()
        for worker in workers:
            await worker.start()
        try:
            yield
        finally:
            for worker in reversed(workers):
                await worker.stop()
            for channel in reversed(channels):
                await channel.shutdown()

    app = FastAPI(title="NZAP SME assistant", lifespan=lifespan)
    app.add_middleware(BodySizeLimit, max_bytes=max_body_bytes)
    # Added last, so outermost: a refused body (413) is timed and carries a request id too.
    app.add_middleware(WebhookTimer)
    app.add_middleware(RequestIdMiddleware)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_: Request, error: RequestValidationError) -> JSONResponse:
        """422 with where the body is wrong, never the values sent.

        FastAPI's default echoes the input back: that repeats a user's message (personal data)
        and fails with a 500 when the body held numbers JSON cannot encode (found by fuzzing).
        """
        problems = [
            {"loc": [str(part) for part in e.get("loc", ())], "msg": str(e.get("msg", ""))} for e in error.errors()
        ]
        return JSONResponse({"detail": problems}, status_code=422)

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        """The process is up."""
        return {"status": "ok"}

    @app.get("/metrics", include_in_schema=False)
    async def metrics() -> Response:
        """Prometheus metrics of this worker process (each worker serves its own; scrape them all)."""
        body, content_type = exposition()
        return Response(body, media_type=content_type)

    @app.get("/readyz")
    async def readyz() -> JSONResponse:
        """The index and the database can be used; 503 with the reasons otherwise."""
        problems = ready()
        if problems:
            return JSONResponse({"status": "not ready", "problems": problems}, status_code=503)
        return JSONResponse({"status": "ready", "channels": [c.name for c in channels]})

    for channel in channels:
        app.include_router(channel.router())
    return app
