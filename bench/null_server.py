"""An HTTP server that does nothing: the load benchmark's floor for acknowledgement latency.

``bench/load.py`` sends the same burst of webhooks to this server first. It reads each
request (headers and body) and answers ``200`` with an empty body, on raw asyncio streams
in a process of its own, so what the sender measures against it is the cost of the sender,
the connections and the machine at that moment, not of ``nzap serve``. The figures of the
real server are read beside it, measured in the same minute.

    python bench/null_server.py --port 8001
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.burst_client import read_rest, run_fast

RESPONSE = b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"


async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Read one request whole, answer 200, close."""
    try:
        await reader.readline()  # the request line
        await read_rest(reader)
        writer.write(RESPONSE)
        await writer.drain()
    except (OSError, asyncio.IncompleteReadError):
        pass  # the sender gave up: nothing to measure here
    finally:
        writer.close()


async def serve(port: int) -> None:
    """Serve until killed; prints ``ready`` once it listens."""
    server = await asyncio.start_server(answer, "127.0.0.1", port, backlog=2048)
    print("ready", flush=True)
    async with server:
        await server.serve_forever()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    run_fast(serve(parser.parse_args().port))  # the same loop as the sender's


if __name__ == "__main__":
    main()
