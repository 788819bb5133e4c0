"""A stand-in for ``api.line.me`` on loopback that checks every request it gets.

It serves ``POST /v2/bot/message/reply``, ``POST /v2/bot/message/push``,
``POST /v2/bot/message/multicast``, ``POST /v2/bot/chat/loading/start``, ``GET /v2/bot/profile/{userId}``
and the rich menu calls (create, set as default, and the image upload, which LINE takes only on its
data host: the stand-in listens on a second port for it, :attr:`LineStandIn.data_url`, and refuses
an operation on the wrong host). Each request is
validated against ``shared/specs/line/messaging-api.yml`` (each message object against its
own schema, see :mod:`tests.openapi_validation`) and against the limits the spec does not
encode (:func:`line_limit_errors`). Problems are recorded in ``violations`` and answered
with 400 the way LINE answers them; a test fixture fails the test when any were recorded.

It has its own ``ThreadingHTTPServer`` rather than :class:`tests.fakes.LoopbackStandIn`
because it needs every header (``X-Line-Retry-Key``) and ``GET``.
"""

from __future__ import annotations

import json
import re
import threading
import time
import uuid
from collections import defaultdict, deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self

from tests.openapi_validation import OpenAPIDocument
from tests.shared_files import shared_dir

SPECS = shared_dir() / "specs" / "line"
REPLY = "/v2/bot/message/reply"
PUSH = "/v2/bot/message/push"
LOADING = "/v2/bot/chat/loading/start"
MULTICAST = "/v2/bot/message/multicast"
RICH_MENU = "/v2/bot/richmenu"
DATA_HOST = "https://api-data.line.me"
_RICH_MENU_CONTENT = re.compile(r"^/v2/bot/richmenu/([^/]+)/content$")
_DEFAULT_RICH_MENU = re.compile(r"^/v2/bot/user/all/richmenu/([^/]+)$")
_KEYED = (PUSH, MULTICAST)
_CHAT_ID = re.compile(r"^[UCR][0-9a-f]{32}$")
_USER_ID = re.compile(r"^U[0-9a-f]{32}$")


@cache
def messaging_spec() -> OpenAPIDocument:
    """The Messaging API document, loaded once per test run."""
    return OpenAPIDocument(SPECS / "messaging-api.yml")


@cache
def webhook_spec() -> OpenAPIDocument:
    """The webhook document (what LINE sends to us), loaded once per test run."""
    return OpenAPIDocument(SPECS / "webhook.yml")


def utf16_units(text: str) -> int:
    """Length as LINE counts it."""
    return len(text.encode("utf-16-le")) // 2


@dataclass(frozen=True)
class LineRequest:
    """One request the stand-in received, and the status it answered."""

    method: str
    path: str
    headers: dict[str, str]
    """Header names in lower case."""
    body: Any
    status: int

    @property
    def accepted(self) -> bool:
        """LINE took it (2xx)."""
        return 200 <= self.status < 300

    @property
    def messages(self) -> list[dict[str, Any]]:
        """The message objects of a reply or push."""
        return list(self.body.get("messages", [])) if isinstance(self.body, dict) else []

    @property
    def texts(self) -> list[str]:
        """The texts of its text messages."""
        return [m["text"] for m in self.messages if m.get("type") == "text"]


def line_limit_errors(path: str, headers: dict[str, str], body: Any) -> list[str]:
    """What LINE refuses but the spec does not say (lengths in UTF-16 units, counts, headers)."""
    problems = []
    retry_key = headers.get("x-line-retry-key")
    if path in _KEYED and retry_key is None:
        problems.append(f"{path} without X-Line-Retry-Key")
    if path == PUSH:
        if isinstance(body, dict) and not _CHAT_ID.match(str(body.get("to", ""))):
            problems.append(f"push to {body.get('to')!r}: not a user, group or room id")
    elif path == MULTICAST:
        to = body.get("to") if isinstance(body, dict) else None
        if not isinstance(to, list) or not 1 <= len(to) <= 500:
            problems.append("multicast needs 1..500 recipients")
        elif not all(_USER_ID.match(str(user)) for user in to):
            problems.append("multicast goes to user ids only (no groups or rooms)")
        elif len(set(to)) != len(to):
            problems.append("multicast with a repeated recipient")
    elif retry_key is not None:
        problems.append(f"X-Line-Retry-Key on {path}: LINE accepts it only on push, multicast, narrowcast, broadcast")
    if path == LOADING and isinstance(body, dict):
        seconds = body.get("loadingSeconds", 5)
        if not isinstance(seconds, int) or seconds % 5 or not 5 <= seconds <= 60:
            problems.append(f"loadingSeconds {seconds!r}: must be a multiple of 5 in 5..60")
        if not _USER_ID.match(str(body.get("chatId", ""))):
            problems.append(f"loading animation for {body.get('chatId')!r}: only one-to-one chats (user ids)")
    if path == RICH_MENU and isinstance(body, dict):
        problems += rich_menu_errors(body)
    if path in (REPLY, PUSH, MULTICAST) and isinstance(body, dict):
        messages = body.get("messages", [])
        if isinstance(messages, list):
            if len(messages) > 5:
                problems.append(f"{len(messages)} messages in one call (at most 5)")
            for index, message in enumerate(messages):
                problems += [f"messages[{index}]: {p}" for p in _message_limits(message)]
    return problems


def rich_menu_errors(menu: dict[str, Any]) -> list[str]:
    """What LINE refuses in a rich menu that the spec does not say (required fields, sizes, bounds, labels)."""
    problems = [f"rich menu without {name}" for name in ("size", "selected", "name", "chatBarText", "areas") if name not in menu]
    size = menu.get("size") or {}
    width, height = size.get("width", 0), size.get("height", 0)
    if not 800 <= width <= 2500 or height < 250 or width / max(height, 1) < 1.45:
        problems.append(f"rich menu size {width}x{height}: width 800..2500, height >= 250, width/height >= 1.45")
    areas = menu.get("areas") or []
    if not 1 <= len(areas) <= 20:
        problems.append(f"{len(areas)} rich menu areas (1..20)")
    for index, area in enumerate(areas):
        b = area.get("bounds", {})
        if b.get("x", 0) + b.get("width", 0) > width or b.get("y", 0) + b.get("height", 0) > height:
            problems.append(f"areas[{index}] reaches outside the menu")
        action = area.get("action", {})
        label = action.get("label")
        if label is not None and (not isinstance(label, str) or not 1 <= utf16_units(label) <= 20):
            problems.append(f"areas[{index}] label {label!r} must have 1..20 characters")
        if action.get("type") == "postback" and not 1 <= len(str(action.get("data", ""))) <= 300:
            problems.append(f"areas[{index}] postback data must have 1..300 characters")
        if action.get("type") == "message" and not 1 <= utf16_units(str(action.get("text", ""))) <= 300:
            problems.append(f"areas[{index}] message text must have 1..300 characters")
    return problems


def image_size(data: bytes) -> tuple[str, int, int] | None:
    """(format, width, height) of a PNG or JPEG, read from its header; ``None`` for anything else."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR":
        return "png", int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    if data.startswith(b"\xff\xd8"):
        i = 2
        while i + 9 < len(data):
            marker, length = data[i + 1], int.from_bytes(data[i + 2 : i + 4], "big")
            if marker in (0xC0, 0xC1, 0xC2):
                return "jpeg", int.from_bytes(data[i + 7 : i + 9], "big"), int.from_bytes(data[i + 5 : i + 7], "big")
            i += 2 + length
    return None


def _message_limits(message: Any) -> Iterator[str]:
    if not isinstance(message, dict):
        return
    if message.get("type") == "text":
        text = message.get("text", "")
        if not isinstance(text, str) or not text.strip():
            yield "empty text"
        elif utf16_units(text) > 5000:
            yield f"text of {utf16_units(text)} UTF-16 units (at most 5,000)"
    if message.get("type") == "flex":
        alt = message.get("altText", "")
        if not isinstance(alt, str) or not alt.strip() or utf16_units(alt) > 400:
            yield f"altText must have 1..400 characters, got {alt!r:.60}"
        contents = message.get("contents", {})
        if isinstance(contents, dict) and contents.get("type") == "carousel":
            bubbles = contents.get("contents", [])
            if not 1 <= len(bubbles) <= 12:
                yield f"carousel with {len(bubbles)} bubbles (1..12)"
        yield from _flex_texts(contents)
    items = (message.get("quickReply") or {}).get("items", [])
    if len(items) > 13:
        yield f"{len(items)} quick reply items (at most 13)"
    for item in items:
        action = item.get("action", {}) if isinstance(item, dict) else {}
        label = action.get("label")
        if not isinstance(label, str) or not label or utf16_units(label) > 20:
            yield f"quick reply label {label!r} must have 1..20 characters"
        display = action.get("displayText")
        if isinstance(display, str) and utf16_units(display) > 300:
            yield "quick reply displayText over 300 characters"


def _flex_texts(node: Any) -> Iterator[str]:
    """Flex text components must not be empty."""
    if isinstance(node, dict):
        if node.get("type") == "text" and not (node.get("text") or node.get("contents")):
            yield "empty flex text component"
        for value in node.values():
            yield from _flex_texts(value)
    elif isinstance(node, list):
        for value in node:
            yield from _flex_texts(value)


class LineStandIn:
    """A threaded HTTP server on 127.0.0.1 playing the LINE Messaging API."""

    def __init__(self, access_token: str = "test-channel-access-token") -> None:
        self.access_token = access_token
        self.requests: list[LineRequest] = []
        self.arrived: list[str] = []
        """Paths of the requests as they arrive, before any delay: what LINE is taking right now."""
        self.violations: list[str] = []
        self._failures: dict[str, deque[int]] = defaultdict(deque)
        self.delays: dict[str, float] = {}
        """Seconds to wait before answering requests to a path (a slow LINE)."""
        self.held: dict[str, float] = {}
        """Seconds to hold the response to a path *after* taking the request (LINE took it; the caller waits)."""
        self.token_reuse_is_violation = True
        """A reply token used twice is answered 400 as LINE does; also a violation unless a test means to do it
        (a worker taking over an event sends its token again to learn whether LINE took the first reply)."""
        self.lost: dict[str, int] = defaultdict(int)
        """How many of the next requests to a path are lost on the way: the connection closes, nothing is taken."""
        self.outage: int | None = None
        """While set, every valid request is answered with this status (LINE down), after any scripted failures."""
        self._used_tokens: set[str] = set()
        self._accepted_keys: set[str] = set()
        self.rich_menus: dict[str, dict[str, Any]] = {}
        """Rich menus created, by id: ``{"menu": <request>, "image": (format, width, height) or None}``."""
        self.default_rich_menu: str | None = None
        self._changed = threading.Condition()
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                return

            data_host = False

            def do_GET(self) -> None:
                stand_in._serve(self, "GET", None, self.data_host)

            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                stand_in._serve(self, "POST", raw, self.data_host)

        class DataHandler(Handler):
            data_host = True

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._data_server = ThreadingHTTPServer(("127.0.0.1", 0), DataHandler)
        self._data_thread = threading.Thread(
            target=self._data_server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        """Base URL to give the SDK (``Configuration(host=...)``)."""
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def data_url(self) -> str:
        """Base URL of the data host (``api-data.line.me``): rich menu images."""
        return f"http://127.0.0.1:{self._data_server.server_address[1]}"

    def fail_next(self, path: str, *statuses: int) -> None:
        """Answer the next requests to ``path`` with these statuses (after validating them)."""
        with self._changed:
            self._failures[path].extend(statuses)

    def sent(self, path: str | None = None) -> list[LineRequest]:
        """Accepted replies and pushes (or accepted requests to ``path``)."""
        with self._changed:
            paths = (path,) if path else (REPLY, PUSH, MULTICAST)
            return [r for r in self.requests if r.path in paths and r.accepted]

    def clear(self) -> None:
        """Forget the requests received so far (a benchmark's warm-up)."""
        with self._changed:
            self.requests.clear()
            self.arrived.clear()

    def wait_for(self, condition: Callable[[LineStandIn], bool], timeout: float = 30.0) -> None:
        """Block until ``condition(self)`` holds; fail with what was received when it does not in time."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while not condition(self):
                left = deadline - time.monotonic()
                if left <= 0:
                    summary = [(r.method, r.path, r.status) for r in self.requests]
                    raise AssertionError(f"the LINE stand-in did not see what was expected; it got {summary}")
                self._changed.wait(left)

    def __enter__(self) -> Self:
        self._thread.start()
        self._data_thread.start()
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        for server in (self._server, self._data_server):
            server.shutdown()
            server.server_close()

    def _serve(self, handler: BaseHTTPRequestHandler, method: str, raw: bytes | None, data_host: bool = False) -> None:
        headers = {k.lower(): v for k, v in handler.headers.items()}
        path = handler.path.split("?", 1)[0]
        with self._changed:
            self.arrived.append(path)
            self._changed.notify_all()
            lost = self.lost[path] > 0
            self.lost[path] -= lost
        if lost:  # the caller sees its connection cut without an answer, as with a request lost in transit
            handler.close_connection = True
            return
        time.sleep(self.delays.get(path, 0.0))
        status, payload, problems = self._answer(method, path, headers, raw, data_host)
        with self._changed:
            body = _json_or_none(raw)
            self.requests.append(LineRequest(method, path, headers, body, status))
            self.violations += [f"{method} {path}: {p}" for p in problems]
            self._changed.notify_all()
        time.sleep(self.held.get(path, 0.0))
        data = json.dumps(payload).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        handler.send_header("X-Line-Request-Id", str(uuid.uuid4()))
        handler.end_headers()
        handler.wfile.write(data)

    def _answer(
        self, method: str, path: str, headers: dict[str, str], raw: bytes | None, data_host: bool = False
    ) -> tuple[int, Any, list[str]]:
        """(status, JSON body, violations) for one request."""
        spec = messaging_spec()
        operation = spec.operation(method, path)
        if operation is None:
            return 404, {"message": "Not found"}, [f"no such operation in the spec: {method} {path}"]
        if (DATA_HOST in operation.servers) != data_host:
            where = "the data host (api-data.line.me)" if DATA_HOST in operation.servers else "api.line.me"
            return 404, {"message": "Not found"}, [f"{operation.operation_id} sent to the wrong host: it is on {where}"]
        if headers.get("authorization") != f"Bearer {self.access_token}":
            return 401, {"message": "Authentication failed"}, ["missing or wrong Authorization: Bearer <token>"]
        if _RICH_MENU_CONTENT.match(path):
            return self._rich_menu_image(path, headers, raw or b"")
        body = _json_or_none(raw)
        if raw and body is None:
            return 400, {"message": "The request body has 1 error(s)"}, ["body is not JSON"]
        if method == "POST" and raw and not headers.get("content-type", "").startswith("application/json"):
            return 400, {"message": "Content-Type must be application/json"}, ["Content-Type is not application/json"]
        problems = spec.request_errors(operation, headers, body) + line_limit_errors(path, headers, body)
        if path == REPLY and isinstance(body, dict) and not problems:
            token = str(body.get("replyToken"))
            with self._changed:
                reused = token in self._used_tokens
                self._used_tokens.add(token)
            if reused and self.token_reuse_is_violation:
                problems.append(f"reply token {token} used twice (the user would be answered twice)")
            elif reused:
                return 400, {"message": "Invalid reply token"}, []
        if problems:
            details = [{"message": p} for p in problems]
            return 400, {"message": "The request body has errors", "details": details}, problems
        with self._changed:
            failures = self._failures[path]
            scripted = failures.popleft() if failures else self.outage
        if scripted is not None:
            return scripted, {"message": f"stand-in failure {scripted}"}, []
        return self._success(path, headers, body)

    def _rich_menu_image(self, path: str, headers: dict[str, str], raw: bytes) -> tuple[int, Any, list[str]]:
        """The image upload: a PNG or JPEG of the menu's exact size, at most 1 MB, once per menu."""
        match = _RICH_MENU_CONTENT.match(path)
        assert match is not None
        menu_id, problems = match[1], []
        found = image_size(raw)
        content_type = headers.get("content-type", "")
        with self._changed:
            menu = self.rich_menus.get(menu_id)
        if menu is None:
            return 404, {"message": "Not found"}, [f"image for unknown rich menu {menu_id}"]
        if found is None or content_type != f"image/{found[0]}":
            problems.append(f"rich menu image must be PNG or JPEG with its Content-Type, got {content_type!r}")
        elif (found[1], found[2]) != (menu["menu"]["size"]["width"], menu["menu"]["size"]["height"]):
            problems.append(f"rich menu image is {found[1]}x{found[2]}, the menu is {menu['menu']['size']}")
        if len(raw) > 1_000_000:
            problems.append(f"rich menu image of {len(raw)} bytes (at most 1 MB)")
        if menu["image"] is not None:
            problems.append("a rich menu's image can be uploaded once")
        if problems:
            return 400, {"message": problems[0]}, problems
        with self._changed:
            menu["image"] = found
        return 200, {}, []

    def _success(self, path: str, headers: dict[str, str], body: Any) -> tuple[int, Any, list[str]]:
        if path == LOADING:
            return 202, {}, []
        if path == RICH_MENU:
            menu_id = f"richmenu-{uuid.uuid4().hex}"
            with self._changed:
                self.rich_menus[menu_id] = {"menu": body, "image": None}
            return 200, {"richMenuId": menu_id}, []
        if (default := _DEFAULT_RICH_MENU.match(path)) is not None:
            with self._changed:
                menu = self.rich_menus.get(default[1])
                if menu is None or menu["image"] is None:
                    problem = f"default rich menu {default[1]} is unknown or has no image yet"
                    return 400, {"message": problem}, [problem]
                self.default_rich_menu = default[1]
            return 200, {}, []
        if path.startswith("/v2/bot/profile/"):
            user_id = path.rsplit("/", 1)[1]
            return 200, {"userId": user_id, "displayName": "คุณสมชาย", "language": "th"}, []
        sent = {"sentMessages": [{"id": str(uuid.uuid4().int)[:18]} for _ in body["messages"]]}
        if path == MULTICAST:
            sent = {}
        if path in _KEYED:
            key = headers["x-line-retry-key"]
            with self._changed:
                repeated = key in self._accepted_keys
                self._accepted_keys.add(key)
            if repeated:
                return 409, {"message": "The retry key is already accepted", **sent}, []
        return 200, sent, []


def _json_or_none(raw: bytes | None) -> Any:
    if not raw:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return None
