"""A real ``chroma run`` process on loopback, for the client-server tests."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from knowledge.vector_store import ChromaConfig
from tests.server_thread import free_port


@contextmanager
def chroma_run(path: Path, collection_prefix: str = "nzaptest") -> Iterator[ChromaConfig]:
    """Start ``chroma run`` storing in ``path``; yield the settings that reach it; stop it afterwards."""
    executable = shutil.which("chroma") or str(Path(sys.executable).with_name("chroma"))
    port = free_port()
    process = subprocess.Popen(
        [executable, "run", "--host", "127.0.0.1", "--port", str(port), "--path", str(path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("chroma run did not start")
            time.sleep(0.2)
        yield ChromaConfig(mode="http", host="127.0.0.1", port=port, collection_prefix=collection_prefix)
    finally:
        process.terminate()
        process.wait(timeout=10)
