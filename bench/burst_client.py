"""The load benchmark's sender: its own process, raw HTTP/1.1 over asyncio streams, nothing else.

Why a process of its own: in ``bench/load.py`` the platform stand-ins (which validate every
answer the workers send against the API specs) run in threads of the benchmark's process; a
sender sharing that interpreter measured its own waits for the interpreter lock as
acknowledgement time. Why raw HTTP: a general client (httpx) spends about a millisecond of
CPU per request on its connection pool, which at 200 requests at once is itself most of the
"latency" on a 2-core machine. Here a request costs one connect, one write and one read. Why
uvloop when it is installed (it comes with chromadb's ``uvicorn[standard]``): the platforms that
send webhooks are not one Python event loop, and on asyncio's own loop the sender spent about
35 ms at p99 of a 220-request burst on itself (against a server that does nothing); on uvloop
about 20-30 ms. ``event_loop()`` says which ran; ``bench/load.py`` reports it.

Reads a JSON list of requests on standard input: ``{"key", "path", "headers", "body"
(base64), "at" (seconds after the start), "times" (1, or 2 for a redelivery)}``; writes one
JSON result per sent request on standard output: ``{"key", "sent" (time.monotonic, the
system-wide clock), "seconds", "status"}`` (``status`` 0 and ``error`` for a failed request).

    python bench/burst_client.py --port 8000 < requests.json
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import sys
import time
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


def event_loop() -> str:
    """``uvloop`` when it is installed, else ``asyncio``: the loop :func:`run_fast` uses."""
    try:
        import uvloop  # noqa: F401
    except ImportError:
        return "asyncio"
    return "uvloop"


def run_fast(main: Coroutine[Any, Any, T]) -> T:
    """Run ``main`` on uvloop when it is installed, else on asyncio's own loop."""
    if event_loop() == "uvloop":
        import uvloop

        return uvloop.run(main)
    return asyncio.run(main)


async def read_rest(reader: asyncio.StreamReader, timeout: float | None = None) -> None:
    """Read the header lines after the first line, then the body ``Content-Length`` announces."""
    length = 0
    while True:
        line = await asyncio.wait_for(reader.readline(), timeout)
        if line in (b"\r\n", b""):
            break
        name, _, value = line.decode("latin-1").partition(":")
        if name.strip().lower() == "content-length":
            length = int(value.strip())
    if length:
        await asyncio.wait_for(reader.readexactly(length), timeout)


async def post(port: int, path: str, headers: dict[str, str], body: bytes, timeout: float) -> int:
    """One ``POST`` on a fresh connection (as a platform's delivery would be); the response's status."""
    reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), timeout)
    try:
        head = f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: {len(body)}\r\nConnection: close\r\n"
        head += "".join(f"{name}: {value}\r\n" for name, value in headers.items())
        writer.write(head.encode("latin-1") + b"\r\n" + body)
        await writer.drain()
        status_line = await asyncio.wait_for(reader.readline(), timeout)
        status = int(status_line.split()[1])
        await read_rest(reader, timeout)  # the body too, so the response is complete when timed
        return status
    finally:
        writer.close()


async def run(port: int, requests: list[dict[str, Any]], timeout: float) -> list[dict[str, Any]]:
    """Send every request at its time; the results in the order they finished."""
    results: list[dict[str, Any]] = []
    start = time.monotonic() + 0.2  # every task created and waiting before the first send

    async def one(request: dict[str, Any]) -> None:
        body = base64.b64decode(request["body"])
        await asyncio.sleep(max(0.0, start + float(request.get("at", 0.0)) - time.monotonic()))
        for _ in range(int(request.get("times", 1))):
            sent = time.monotonic()
            result: dict[str, Any] = {"key": request["key"], "sent": sent}
            try:
                result["status"] = await post(port, request["path"], request["headers"], body, timeout)
            except (TimeoutError, OSError, ValueError, IndexError, asyncio.IncompleteReadError) as error:
                result |= {"status": 0, "error": type(error).__name__}
            result["seconds"] = time.monotonic() - sent
            results.append(result)

    await asyncio.gather(*(one(r) for r in requests))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--timeout", type=float, default=120.0, help="per step of a request (connect, read)")
    args = parser.parse_args()
    requests = json.load(sys.stdin)
    results = run_fast(run(args.port, requests, args.timeout))
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
