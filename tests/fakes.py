"""Stand-ins for what lies outside this machine, at the HTTP boundary.

Each stand-in is a real HTTP server on loopback; the product talks to it with its normal
client code, pointed there by a base URL. Subclasses of :class:`LoopbackStandIn` only say
how to answer a JSON request.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import threading
import time
import uuid
from collections.abc import Coroutine
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self, TypeVar

import numpy as np

_T = TypeVar("_T")

Response = tuple[int, dict[str, Any]] | None
"""An HTTP status and a JSON body, or ``None`` to send nothing (the client gave up)."""


class LoopbackStandIn:
    """A threaded HTTP server on 127.0.0.1 (a free port) answering JSON ``POST`` requests."""

    def __init__(self) -> None:
        self._stopping = threading.Event()
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                return

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                response = stand_in.respond(self.path, body, self.headers.get("Authorization"))
                if response is None:
                    return
                status, payload = response
                raw = json.dumps(payload).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(raw)))
                    if status == 429:
                        self.send_header("Retry-After", "0")
                    self.end_headers()
                    self.wfile.write(raw)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # The client gave up (timeout): nobody is listening any more.

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        # A short poll keeps shutdown (one per test) from costing half a second.
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def port(self) -> int:
        """The port the server listens on."""
        return int(self._server.server_address[1])

    def respond(self, path: str, body: dict[str, Any], auth: str | None) -> Response:
        """How to answer one request; subclasses say."""
        raise NotImplementedError

    def wait(self, seconds: float) -> bool:
        """Sleep for ``seconds``; True if the stand-in is being stopped meanwhile."""
        return self._stopping.wait(seconds)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()


def _error(status: int, text: str) -> Response:
    return status, {"error": {"message": text}}


def _pseudo_vector(text: str, dim: int) -> list[float]:
    """A deterministic vector per text: the same text always gets the same vector."""
    seed = int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")
    vector = np.random.default_rng(seed).standard_normal(dim)
    return [float(x) for x in vector / np.linalg.norm(vector)]


class OpenAIEmbeddingsStandIn(LoopbackStandIn):
    """An OpenAI-compatible ``POST /v1/embeddings`` endpoint.

    Checks the request shape (``model`` and a list ``input``, a bearer key when one is
    required) and records every request it received.
    """

    def __init__(self, dim: int = 8, api_key: str | None = None, fail_with: int | None = None) -> None:
        super().__init__()
        self.dim = dim
        self.api_key = api_key
        self.fail_with = fail_with
        self.requests: list[dict[str, Any]] = []

    @property
    def url(self) -> str:
        """Base URL including ``/v1``."""
        return f"http://127.0.0.1:{self.port}/v1"

    def respond(self, path: str, body: dict[str, Any], auth: str | None) -> Response:
        """Vectors for every input, in reverse order on purpose: clients must sort by index."""
        self.requests.append({"path": path, "body": body, "auth": auth})
        if self.fail_with:
            return _error(self.fail_with, "stand-in failure")
        if path != "/v1/embeddings":
            return _error(404, "not found")
        if self.api_key and auth != f"Bearer {self.api_key}":
            return _error(401, "bad key")
        if not isinstance(body.get("input"), list) or not body.get("model"):
            return _error(400, "model and input list required")
        data = [
            {"object": "embedding", "index": i, "embedding": _pseudo_vector(text, self.dim)}
            for i, text in enumerate(body["input"])
        ]
        return 200, {"object": "list", "model": body["model"], "data": data[::-1]}


@dataclass(frozen=True)
class ChatError:
    """A scripted chat action: answer with this HTTP status (429, 500, 503, ...)."""

    status: int


@dataclass(frozen=True)
class ChatDelay:
    """A scripted chat action: wait this many seconds (longer than the client's timeout), then reply."""

    seconds: float
    text: str = "too late"


@dataclass(frozen=True)
class ToolCallSpec:
    """One function call the scripted model asks for; ``arguments`` as a dict, or raw text (e.g. broken JSON)."""

    name: str
    arguments: dict[str, Any] | str


@dataclass(frozen=True)
class ChatToolCalls:
    """A scripted chat action: the model asks for these tool calls (``finish_reason`` ``tool_calls``)."""

    calls: tuple[ToolCallSpec, ...]
    text: str | None = None


ChatAction = str | ChatError | ChatDelay | ChatToolCalls
"""A reply text, an HTTP error, a delay, or tool calls."""


class OpenAIChatStandIn(LoopbackStandIn):
    """An OpenAI-compatible ``POST /v1/chat/completions`` endpoint (non-streaming).

    Replies follow ``script``, one action per request; when the script runs out the last action
    repeats. Every request is recorded (``requests``: path, JSON body, Authorization header).
    """

    def __init__(self, script: list[ChatAction] | None = None) -> None:
        super().__init__()
        self.script: list[ChatAction] = list(script or ["OK"])
        self.requests: list[dict[str, Any]] = []
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        """Base URL including ``/v1``."""
        return f"http://127.0.0.1:{self.port}/v1"

    def messages(self, request: int = -1) -> list[dict[str, Any]]:
        """The chat messages of one recorded request (the last by default)."""
        return list(self.requests[request]["body"]["messages"])

    def respond(self, path: str, body: dict[str, Any], auth: str | None) -> Response:
        """The next scripted action, after checking the request's shape."""
        with self._lock:
            self.requests.append({"path": path, "body": body, "auth": auth})
            action = self.script.pop(0) if len(self.script) > 1 else self.script[0]
        if path != "/v1/chat/completions":
            return _error(404, "not found")
        messages = body.get("messages")
        if not body.get("model") or not isinstance(messages, list) or body.get("stream"):
            return _error(400, "model and messages required; no streaming")
        if not all(isinstance(m, dict) and m.get("role") and "content" in m for m in messages):
            return _error(400, "each message needs role and content")
        problem = _tool_sequence_problem(messages, body.get("tools"))
        if problem:
            return _error(400, problem)
        if isinstance(action, ChatError):
            return _error(action.status, f"stand-in {action.status}")
        if isinstance(action, ChatToolCalls):
            if not body.get("tools"):
                # A real model cannot call tools it was not given: it answers in text instead.
                return 200, _completion(body["model"], action.text or "")
            return 200, _completion(body["model"], action.text, action.calls)
        text = action
        if isinstance(action, ChatDelay):
            if self.wait(action.seconds):
                return None
            text = action.text
        return 200, _completion(body["model"], text)

    def tool_results(self, request: int = -1) -> list[dict[str, Any]]:
        """The ``role: tool`` messages of one recorded request, each with its content parsed when it is JSON."""
        results = []
        for message in self.messages(request):
            if message["role"] != "tool":
                continue
            try:
                parsed = json.loads(message["content"])
            except (TypeError, ValueError):
                parsed = None
            results.append({**message, "parsed": parsed})
        return results


def _valid_tools(tools: object) -> bool:
    return isinstance(tools, list) and all(
        isinstance(t, dict) and t.get("type") == "function" and isinstance(t.get("function"), dict)
        and t["function"].get("name") and isinstance(t["function"].get("parameters"), dict)
        for t in tools
    )


def _tool_sequence_problem(messages: list[dict[str, Any]], tools: object) -> str | None:
    """What OpenAI would refuse about tool use in a request: bad tool definitions, unanswered or stray tool calls."""
    if tools is not None and not _valid_tools(tools):
        return "each tool needs type function, a name and JSON-schema parameters"
    pending: set[str] = set()
    for message in messages:
        if message["role"] == "tool":
            if message.get("tool_call_id") not in pending:
                return "a tool message must answer a tool call of the preceding assistant message"
            pending.discard(message["tool_call_id"])
            continue
        if pending:
            return f"tool calls without a tool message: {sorted(pending)}"
        if message["role"] == "assistant":
            pending = {call["id"] for call in message.get("tool_calls") or []}
    return f"tool calls without a tool message: {sorted(pending)}" if pending else None


def _completion(model: str, text: str | None, calls: tuple[ToolCallSpec, ...] = ()) -> dict[str, Any]:
    """A ``chat.completion`` object as OpenAI returns it (with ``tool_calls`` when the model asks for tools)."""
    message: dict[str, Any] = {"role": "assistant", "content": text}
    if calls:
        message["tool_calls"] = [
            {
                "id": f"call_{uuid.uuid4().hex[:24]}",
                "type": "function",
                "function": {
                    "name": call.name,
                    "arguments": call.arguments if isinstance(call.arguments, str) else json.dumps(call.arguments),
                },
            }
            for call in calls
        ]
    tokens = max(1, len(text or "") // 4)
    return {
        "id": f"chatcmpl-{uuid.uuid4().hex[:24]}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": message,
                "logprobs": None,
                "finish_reason": "tool_calls" if calls else "stop",
            }
        ],
        "usage": {"prompt_tokens": 100, "completion_tokens": tokens, "total_tokens": 100 + tokens},
    }


class CuttableTcpProxy:
    """A TCP forwarder on loopback (e.g. between the app and PostgreSQL) that a test can cut and restore.

    While cut, live connections are aborted and new ones are accepted and closed at once, as
    when a database server restarts or a network link drops: the client sees its connection
    fail, quickly and for real. Runs its own asyncio loop in a thread.
    """

    def __init__(self, target_host: str, target_port: int) -> None:
        self._target = (target_host, target_port)
        self._cut = False
        self._live: set[asyncio.StreamWriter] = set()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: asyncio.Server | None = None
        self.port = 0

    def __enter__(self) -> Self:
        self._thread.start()
        self._server = self._call(asyncio.start_server(self._connection, "127.0.0.1", 0))
        self.port = int(self._server.sockets[0].getsockname()[1])
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.cut()
        if self._server is not None:
            self._server.close()
            self._call(self._server.wait_closed())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=5)
        self._loop.close()

    def cut(self) -> None:
        """Drop every connection now and refuse new ones (accept, then close) until :meth:`restore`."""

        async def drop() -> None:
            self._cut = True
            for writer in list(self._live):
                writer.transport.abort()
            self._live.clear()

        self._call(drop())

    def restore(self) -> None:
        """Forward new connections again."""

        async def reopen() -> None:
            self._cut = False

        self._call(reopen())

    def _call(self, work: Coroutine[Any, Any, _T]) -> _T:
        return asyncio.run_coroutine_threadsafe(work, self._loop).result(timeout=10)

    async def _connection(self, client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        if self._cut:
            client_writer.transport.abort()
            return
        try:
            server_reader, server_writer = await asyncio.open_connection(*self._target)
        except OSError:
            client_writer.transport.abort()
            return
        self._live.update((client_writer, server_writer))
        try:
            await asyncio.gather(
                _pipe(client_reader, server_writer), _pipe(server_reader, client_writer), return_exceptions=True
            )
        finally:
            for writer in (client_writer, server_writer):
                self._live.discard(writer)
                writer.transport.abort()


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Copy bytes one way until either side closes."""
    while data := await reader.read(65536):
        writer.write(data)
        await writer.drain()
    writer.close()
