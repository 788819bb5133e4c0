"""The FastAPI application: channel webhooks, ``/healthz``, ``/readyz`` and ``/metrics``.

``/docs``, ``/redoc`` and ``/openapi.json`` are off unless asked for (``NZAP_SERVER__API_DOCS``):
they map the whole HTTP surface for a stranger, and the docs pages load scripts from a CDN.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import AsyncIterator, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from typing import Protocol

from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.telemetry import TelemetryConfig
from sqlalchemy.exc import DBAPIError
from starlette.routing import Route

from bot.app.server.limits import BodySizeLimit
from bot.app.server.readiness import Readiness
from bot.app.server.webhook_lane import WebhookLane, plain_routes
from bot.channels.base import ChannelPlugin
from bot.i18n import message
from bot.observability.logs import RequestIdMiddleware
from bot.observability.metrics import WebhookTimer, exposition
from bot.storage.database import database_unavailable
from knowledge.index import KnowledgeIndexError
from knowledge.vector_store import VectorStoreError

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 10
"""What a 503 asks the client (a platform redelivering a webhook, a browser) to wait."""

NO_TELEMETRY: TelemetryConfig = {"tracing": False, "metrics": False, "logs": False, "operation_spans": False}
"""FastAPI's own OpenTelemetry hooks, off: the product reports through ``/metrics`` (Prometheus) and its JSON
logs, and configures no OpenTelemetry provider. Left on, FastAPI looked for one on every request (three
look-ups in ``os.environ``, 6 us here) and around it: 65-68 us of CPU for a request by the webhook's lane
with them, 54-61 us without (``bench/burst_costs.py``)."""

ReadinessCheck = Callable[[], Readiness | dict[str, str]]
"""Returns a problem per component that is not ready (empty when all are), with the queue's backlog."""


class BackgroundWorker(Protocol):
    """Work that runs beside the webhooks for the server's lifetime (e.g. the outbox relay)."""

    async def start(self) -> None:
        """Start (in the running event loop) and return at once."""
        ...

    async def stop(self) -> None:
        """Finish and release resources."""
        ...


class Warmup:
    """Loading the models in a background thread at start-up; ``/readyz`` says "not ready" until it is done.

    Loading takes seconds (the embedder's weights, the sentence splitter); done here, the first
    user does not wait for it, and a load balancer sends no one to a worker still loading. The
    server accepts connections meanwhile (``/healthz`` answers), so starting stays fast.
    """

    LOADING = "the models are still loading"
    FAILED = "the models could not be loaded"

    def __init__(self, load: Callable[[], None] | None) -> None:
        self._load = load
        self._done = threading.Event()
        self._failed = False
        if load is None:
            self._done.set()

    def start(self) -> None:
        """Start loading in a daemon thread (a stuck load must not keep the process from exiting)."""
        if not self._done.is_set():
            threading.Thread(target=self._run, name="nzap-warmup", daemon=True).start()

    def _run(self) -> None:
        assert self._load is not None
        try:
            self._load()
            logger.info("models loaded")
        except Exception:
            self._failed = True
            logger.exception("loading the models failed")
        finally:
            self._done.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until loading has finished (for tests and scripts); whether it has."""
        return self._done.wait(timeout)

    def problem(self) -> str | None:
        """Why the models are not ready, or ``None`` when they are."""
        if not self._done.is_set():
            return self.LOADING
        return self.FAILED if self._failed else None


def create_app(
    channels: list[ChannelPlugin],
    ready: ReadinessCheck,
    max_body_bytes: int = 1_000_000,
    worker_threads: int = 3,
    workers: Sequence[BackgroundWorker] = (),
    *,
    api_docs: bool = False,
    language: str = "th",
    warm_up: Callable[[], None] | None = None,
) -> FastAPI:
    """The app with every enabled channel's routes mounted, and ``workers`` running while it serves.

    Channels run the (synchronous) conversation engine with ``asyncio.to_thread``; the loop's
    default executor is capped at ``worker_threads`` because on a small machine dozens of
    threads answering at once starve the event loop of the interpreter lock, and webhook
    acknowledgements (which platforms expect within seconds) then wait behind answers.

    ``api_docs`` serves ``/docs``, ``/redoc`` and ``/openapi.json``; ``language`` is that of the
    server's own error messages; ``warm_up`` loads the models after start-up (see :class:`Warmup`,
    kept on ``app.state.warmup``).
    """
    warmup = Warmup(warm_up)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        executor = ThreadPoolExecutor(max_workers=worker_threads, thread_name_prefix="nzap-worker")
        asyncio.get_running_loop().set_default_executor(executor)
        warmup.start()
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

    docs = {} if api_docs else {"docs_url": None, "redoc_url": None, "openapi_url": None}
    app = FastAPI(title="NZAP SME assistant", lifespan=lifespan, telemetry=NO_TELEMETRY, **docs)  # type: ignore[arg-type]
    app.state.warmup = warmup
    # The webhooks' plain routes go round FastAPI's router (see webhook_lane); the channels' other routes in.
    webhook_routes: list[Route] = []
    for channel in channels:
        plain, others = plain_routes(channel.router().routes)
        webhook_routes += plain
        if others:
            app.include_router(APIRouter(routes=others))
    # Added first, so innermost of ours: a webhook is still sized, timed and given a request id.
    app.add_middleware(WebhookLane, routes=webhook_routes, exception_handlers=app.exception_handlers)
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

    @app.exception_handler(DBAPIError)
    async def database_error(_: Request, error: DBAPIError) -> JSONResponse:
        """503 with ``Retry-After`` while the database cannot be reached: the client may try again, nothing was kept.

        Each unit of work is one transaction, so a request that failed here left no half-written
        rows. Any other database error is a fault of ours and stays a 500.
        """
        if database_unavailable(error):
            logger.warning("request refused with 503: the database is unavailable (%s)", type(error).__name__)
            return JSONResponse(
                {"detail": "temporarily unavailable, try again shortly"},
                status_code=503,
                headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
            )
        logger.error("database error", exc_info=error)
        return JSONResponse({"detail": "internal error"}, status_code=500)

    @app.exception_handler(KnowledgeIndexError)
    @app.exception_handler(VectorStoreError)
    async def index_unavailable(_: Request, error: Exception) -> JSONResponse:
        """503 with a short message in the user's words while the index cannot be read (damaged, deleted, away).

        Nothing of the error (paths, Chroma's own text) goes to the client; the log has it.
        """
        logger.error("request refused with 503: the index cannot be read", exc_info=error)
        return JSONResponse(
            {"detail": message("server.index_unavailable", language)},
            status_code=503,
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )

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
        # In a thread: a database or Redis that does not answer must not stall the webhooks.
        verdict = await asyncio.to_thread(ready)
        if isinstance(verdict, dict):
            verdict = Readiness(verdict)
        problems = verdict.problems
        loading = warmup.problem()
        if loading is not None:
            problems = {"models": loading, **problems}
        queue = {} if verdict.queue_backlog is None else {"queue": {"backlog": verdict.queue_backlog}}
        if problems:
            return JSONResponse({"status": "not ready", "problems": problems, **queue}, status_code=503)
        return JSONResponse({"status": "ready", "channels": [c.name for c in channels], **queue})

    return app
