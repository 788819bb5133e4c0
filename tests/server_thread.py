"""Run an ASGI app under a real uvicorn server on 127.0.0.1 in a background thread."""

from __future__ import annotations

import itertools
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from fastapi import FastAPI

# Ports are handed out below the kernel's ephemeral range (32768-60999 on Linux), each pytest-xdist
# worker from its own slice and never the same one twice in a process. Asking the kernel for port 0
# instead let two workers get the same port: a server that takes a minute to start (``nzap serve``
# loading its models) leaves its port free meanwhile, another worker's server took it, and the test
# talked to the wrong server (seen in CI: a 404 from a server without the LINE route).
_SLICE = 1500
_WORKER = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0) % 8
_CANDIDATES = itertools.cycle(range(20000 + _WORKER * _SLICE, 20000 + (_WORKER + 1) * _SLICE))
_LOCK = threading.Lock()


def free_port() -> int:
    """A port nothing listens on right now, that no other test process will be handed."""
    with _LOCK:
        for _ in range(_SLICE):
            port = next(_CANDIDATES)
            with socket.socket() as s:
                try:
                    s.bind(("127.0.0.1", port))
                except OSError:
                    continue  # something outside the tests holds it
                return port
    raise RuntimeError(f"no free port in this test worker's slice ({_SLICE} tried)")


@contextmanager
def serve(app: FastAPI, wait_for_models: bool = True) -> Iterator[str]:
    """Yield the base URL of ``app`` served by uvicorn; stop the server afterwards.

    With ``wait_for_models``, the URL is yielded once the app's start-up model loading (if any)
    is done, so that ``/readyz`` answers about what the test set up, not about loading.
    """
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    warmup = getattr(app.state, "warmup", None)
    if wait_for_models and warmup is not None and not warmup.wait(120):
        raise RuntimeError("the models did not load")
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
