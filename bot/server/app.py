"""The FastAPI application: channel webhooks, ``/healthz`` and ``/readyz``."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.responses import JSONResponse

from bot.channels.base import ChannelPlugin
from bot.server.limits import BodySizeLimit

ReadinessCheck = Callable[[], dict[str, str]]
"""Returns a problem per component that is not ready (empty when all are)."""


def create_app(channels: list[ChannelPlugin], ready: ReadinessCheck, max_body_bytes: int = 1_000_000) -> FastAPI:
    """The app with every enabled channel's routes mounted."""

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        for channel in channels:
            await channel.startup()
        try:
            yield
        finally:
            for channel in reversed(channels):
                await channel.shutdown()

    app = FastAPI(title="NZAP SME assistant", lifespan=lifespan)
    app.add_middleware(BodySizeLimit, max_bytes=max_body_bytes)

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        """The process is up."""
        return {"status": "ok"}

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
