"""The ``nzap worker`` processes that ``nzap serve`` starts on one machine (``NZAP_QUEUE__WORKERS``).

Each is a child process with the same settings (environment, ``.env``, ``--index``); one that
dies (killed, out of memory) is started again, and its unfinished event is taken by another
worker once its lease runs out. On shutdown they get SIGTERM and finish what they are answering.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import subprocess
import sys
from pathlib import Path

logger = logging.getLogger(__name__)

RESTART_CHECK_SECONDS = 1.0


class WorkerProcesses:
    """Starts ``count`` worker processes with the server, restarts the ones that die, stops them with it."""

    def __init__(self, count: int, index_dir: Path | None = None, stop_seconds: float = 30.0) -> None:
        self._count = count
        self._index = index_dir
        self._stop_seconds = stop_seconds
        self.processes: list[subprocess.Popen[bytes]] = []
        self._watch: asyncio.Task[None] | None = None

    def command(self) -> list[str]:
        """How a worker is started: this interpreter, the ``nzap`` CLI, and the server's index."""
        command = [sys.executable, "-m", "bot.app.cli", "worker"]
        if self._index is not None:
            command += ["--index", str(self._index)]
        return command

    async def start(self) -> None:
        """Start the workers and watch over them."""
        self.processes = [self._spawn() for _ in range(self._count)]
        self._watch = asyncio.get_running_loop().create_task(self._restart_dead(), name="nzap-worker-watch")

    async def stop(self) -> None:
        """SIGTERM every worker and wait for them (SIGKILL after ``stop_seconds``)."""
        if self._watch is not None:
            self._watch.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._watch
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                await asyncio.to_thread(process.wait, self._stop_seconds)
            except subprocess.TimeoutExpired:
                process.kill()
                await asyncio.to_thread(process.wait)

    def _spawn(self) -> subprocess.Popen[bytes]:
        process = subprocess.Popen(self.command())
        logger.info("worker process %d started", process.pid)
        return process

    async def _restart_dead(self) -> None:
        while True:
            await asyncio.sleep(RESTART_CHECK_SECONDS)
            for i, process in enumerate(self.processes):
                code = process.poll()
                if code is not None:
                    logger.warning("worker process %d exited with %s; starting another", process.pid, code)
                    self.processes[i] = self._spawn()
