"""``nzap serve``: one web process, or several sharing one port (``NZAP_SERVER__WEB_PROCESSES``).

One Python process acknowledges a simultaneous burst of webhooks one after the other on one
core: at 0.6 to 1 ms of CPU each, the last of 200 arriving at once waits 0.15-0.2 s even on an
idle machine (measured; README, load section). Several web processes each bind the port with
``SO_REUSEPORT``, and the kernel spreads the connections over them. Each is a whole ``nzap
serve`` (its own ``/metrics``, relay, retention; those take leases, so running them twice is
safe, as in the soak with two web processes). The first starts the others and the queue's worker
processes; the others start neither (``--shared-port``).
"""

from __future__ import annotations

import socket
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from bot.app.worker_processes import WorkerProcesses
from bot.settings import Settings

SHARED_PORT_FLAG = "--shared-port"
"""What the first web process passes to the others: bind with SO_REUSEPORT, start no other process."""
STOP_SECONDS = 30.0


def shared_socket(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port`` that other processes of this user may bind too (``SO_REUSEPORT``)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.listen(2048)  # uvicorn's own backlog
    return sock


class OtherWebProcesses(WorkerProcesses):
    """The other web processes: started with the first one's lifespan, restarted when one dies, stopped with it.

    In the lifespan, not around ``uvicorn.run``: uvicorn raises the SIGTERM it caught again once it
    has shut down, which ends the process before any code after the server runs (found by the test:
    the others were left running).
    """

    def __init__(self, count: int, host: str, port: int, index_dir: Path | None) -> None:
        super().__init__(count, index_dir, STOP_SECONDS)
        self._host, self._port = host, port

    def command(self) -> list[str]:
        """The same ``nzap serve`` on the shared port."""
        command = [sys.executable, "-m", "bot.app.cli", "serve", "--host", self._host, "--port", str(self._port)]
        return command + [SHARED_PORT_FLAG] + (["--index", str(self._index)] if self._index is not None else [])


def with_others(app: FastAPI, others: OtherWebProcesses) -> None:
    """Start ``others`` before ``app``'s own start-up and stop them after its shutdown."""
    inner = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(served: Any) -> AsyncIterator[Any]:
        await others.start()
        try:
            async with inner(served) as state:
                yield state
        finally:
            await others.stop()

    app.router.lifespan_context = lifespan


def proxy_options(settings: Settings) -> dict[str, Any]:
    """uvicorn's proxy options: X-Forwarded-For/-Proto believed only from ``NZAP_SERVER__TRUSTED_PROXIES``.

    uvicorn's own default trusts any proxy on 127.0.0.1; off by default here, because the web chat's
    per-address limit would otherwise count whatever address a local client claims to be.
    """
    trusted = settings.server.trusted_proxies
    return {"proxy_headers": bool(trusted), "forwarded_allow_ips": list(trusted) if trusted else None}


def serve(settings: Settings, host: str, port: int, telegram_polling: bool, shared_port: bool) -> int:
    """Run ``nzap serve`` until stopped; with ``web_processes`` > 1, start the others first and stop them after."""
    import uvicorn

    from bot.app.composition import build_server
    from bot.observability.logs import configure_from_settings

    # Before anything logs: every line, uvicorn's included, is structured and redacted.
    configure_from_settings(settings)
    others = 0 if shared_port else settings.server.web_processes - 1
    if others and telegram_polling:
        raise ValueError("--telegram-polling takes one web process (NZAP_SERVER__WEB_PROCESSES=1): one poller")
    if shared_port:  # one of the others: the first web process runs the queue's workers
        settings = settings.model_copy(update={"queue": settings.queue.model_copy(update={"workers": 0})})
    # One app either way: with --telegram-polling, Telegram is polled in its lifespan instead of a webhook route.
    app = build_server(settings, telegram_polling=telegram_polling)
    # log_config=None: uvicorn adds no handlers of its own, so its lines pass through the redaction too.
    level = settings.log.level.lower()
    config = uvicorn.Config(app, host=host, port=port, log_level=level, log_config=None, **proxy_options(settings))
    if not (shared_port or others):
        uvicorn.Server(config).run()
        return 0
    if others:
        with_others(app, OtherWebProcesses(others, host, port, settings.index_dir))
    sock = shared_socket(host, port)
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()
    return 0
