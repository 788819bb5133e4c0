"""Stand-ins for what lies outside this machine, at the HTTP boundary.

Each stand-in is a real HTTP server on loopback; the product talks to it with its normal
client code, pointed there by a base URL.
"""

from __future__ import annotations

import hashlib
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

import numpy as np


def _pseudo_vector(text: str, dim: int) -> list[float]:
    """A deterministic vector per text: the same text always gets the same vector."""
    seed = int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")
    vector = np.random.default_rng(seed).standard_normal(dim)
    return [float(x) for x in vector / np.linalg.norm(vector)]


class OpenAIEmbeddingsStandIn:
    """An OpenAI-compatible ``POST /v1/embeddings`` endpoint on 127.0.0.1.

    Checks the request shape (``model`` and a list ``input``, a bearer key when one is
    required) and records every request it received.
    """

    def __init__(self, dim: int = 8, api_key: str | None = None, fail_with: int | None = None) -> None:
        self.dim = dim
        self.api_key = api_key
        self.fail_with = fail_with
        self.requests: list[dict[str, Any]] = []
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                return

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                stand_in.requests.append({"path": self.path, "body": body, "auth": self.headers.get("Authorization")})
                if stand_in.fail_with:
                    return self._send(stand_in.fail_with, {"error": {"message": "stand-in failure"}})
                if self.path != "/v1/embeddings":
                    return self._send(404, {"error": {"message": "not found"}})
                if stand_in.api_key and self.headers.get("Authorization") != f"Bearer {stand_in.api_key}":
                    return self._send(401, {"error": {"message": "bad key"}})
                if not isinstance(body.get("input"), list) or not body.get("model"):
                    return self._send(400, {"error": {"message": "model and input list required"}})
                data = [
                    {"object": "embedding", "index": i, "embedding": _pseudo_vector(text, stand_in.dim)}
                    for i, text in enumerate(body["input"])
                ]
                # Out of order on purpose: clients must sort by index.
                self._send(200, {"object": "list", "model": body["model"], "data": data[::-1]})
                return None

            def _send(self, status: int, payload: dict[str, Any]) -> None:
                raw = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        """Base URL including ``/v1``."""
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def __enter__(self) -> OpenAIEmbeddingsStandIn:
        self._thread.start()
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self._server.shutdown()
        self._server.server_close()
