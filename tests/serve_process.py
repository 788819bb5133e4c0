"""``nzap serve`` as a real subprocess: started, waited for, killed or stopped."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from tests.server_thread import free_port

REPO = Path(__file__).resolve().parents[1]


def wait_until(condition: Callable[[], bool], what: str, timeout: float = 90.0) -> None:
    """Poll ``condition`` until it holds; fail with ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.1)


class ServeProcess:
    """One ``nzap serve`` worker with its own environment; ``url`` is set once it is healthy."""

    def __init__(self, env: dict[str, str], log: Path | None = None) -> None:
        self.env = {**env, "PYTHONPATH": str(REPO)}
        self.log = log
        self.process: subprocess.Popen[bytes] | None = None
        self.url = ""

    def start(self) -> None:
        """Start on a free port and wait for ``/healthz``, then for the models to load."""
        port = free_port()
        output = self.log.open("ab") if self.log else subprocess.DEVNULL
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot.app.cli", "serve", "--port", str(port)],
            env=self.env,
            stdout=output,
            stderr=output,
        )
        self.url = f"http://127.0.0.1:{port}"

        def healthy() -> bool:
            assert self.process is not None and self.process.poll() is None, f"nzap serve exited (log: {self.log})"
            try:
                return httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200
            except httpx.HTTPError:
                return False

        # Generous: on a busy shared machine importing the models' libraries alone takes minutes.
        wait_until(healthy, "nzap serve to start", timeout=900)

        def models_loaded() -> bool:
            # /readyz says "models" until the start-up loading is done; other problems are the test's business.
            try:
                return "models" not in httpx.get(f"{self.url}/readyz", timeout=5).json().get("problems", {})
            except httpx.HTTPError:
                return False

        wait_until(models_loaded, "nzap serve to load its models", timeout=900)

    def kill(self) -> None:
        """SIGKILL: no lifespan shutdown, no last commit."""
        assert self.process is not None
        self.process.kill()
        self.process.wait(timeout=20)

    def stop(self) -> None:
        """SIGTERM and wait for a clean shutdown."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)


class WorkerProcess:
    """One ``nzap worker`` process (queue mode) serving its metrics on a free port: started, killed or stopped."""

    def __init__(self, env: dict[str, str], log: Path | None = None) -> None:
        self.metrics_url = f"http://127.0.0.1:{free_port()}/metrics"
        port = self.metrics_url.rsplit(":", 1)[1].split("/", 1)[0]
        self.env = {**env, "PYTHONPATH": str(REPO), "NZAP_QUEUE__METRICS_PORT": port}
        self.log = log
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, wait: bool = True) -> None:
        """Start the worker and (``wait``) wait until it serves its metrics: it has built its services
        and is about to take jobs."""
        output = self.log.open("ab") if self.log else subprocess.DEVNULL
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot.app.cli", "worker"], env=self.env, stdout=output, stderr=output
        )
        if wait:
            wait_until(lambda: self.metrics() is not None, "nzap worker to start", timeout=900)

    def metrics(self) -> str | None:
        """The worker's Prometheus exposition, or ``None`` while it does not answer."""
        assert self.process is not None and self.process.poll() is None, f"nzap worker exited (log: {self.log})"
        try:
            return httpx.get(self.metrics_url, timeout=2).text
        except httpx.HTTPError:
            return None

    def alive(self) -> bool:
        """The process is still running."""
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL: the jobs it holds are lost with it, the events' leases run out."""
        assert self.process is not None
        self.process.kill()
        self.process.wait(timeout=20)

    def stop(self) -> None:
        """SIGTERM (huey's graceful stop: answers in progress finish) and wait."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=20)
