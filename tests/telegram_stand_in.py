"""A local Telegram Bot API: ``http://127.0.0.1:<port>/bot<token>/<method>`` on a real socket.

It plays getMe, sendMessage, sendChatAction, answerCallbackQuery, editMessageReplyMarkup,
editMessageText, deleteWebhook, setWebhook and getUpdates (long polling over a scripted queue). Every request,
form-encoded (as python-telegram-bot sends them) or JSON, is checked against the Bot API spec
(:mod:`tests.telegram_spec`); problems are recorded in ``violations`` and answered with a
400 as Telegram would. Requests are recorded with the time they arrived, so tests can wait for
them and measure their spacing.
"""

from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self
from urllib.parse import parse_qs, urlsplit

from tests.telegram_spec import BotApiSpec, html_to_text

TOKEN = "7000000001:AAH-stand-in-token_for-tests"
BOT_ID = 7000000001
BOT_USERNAME = "nzap_sme_bot"
_PATH = re.compile(r"^/bot(?P<token>[^/]+)/(?P<method>[A-Za-z]+)$")
_LONG_POLL_CAP = 5.0


@dataclass(frozen=True)
class Recorded:
    """One request the stand-in received: when, which method, its decoded parameters, the reply.

    ``status`` 0 means the stand-in hung up without answering (see :meth:`TelegramStandIn.drop_next`).
    """

    at: float
    method: str
    params: dict[str, Any]
    status: int
    response: dict[str, Any]


class TelegramStandIn:
    """The Bot API on loopback, validating every request against the spec."""

    def __init__(self, token: str = TOKEN, bot_id: int = BOT_ID, username: str = BOT_USERNAME) -> None:
        self.token = token
        self.bot_id = bot_id
        self.username = username
        self.spec = BotApiSpec()
        self.requests: list[Recorded] = []
        self.violations: list[str] = []
        self._updates: list[dict[str, Any]] = []
        self._messages: dict[tuple[int, int], dict[str, Any]] = {}
        self._next_message_id = 5000
        self._changed = threading.Condition()
        self._stopping = False
        self._drops: dict[str, int] = {}
        self._failures: dict[str, list[int]] = {}
        self.outage: int | None = None
        """While set, every valid request is answered with this status (the Bot API down), after scripted failures."""
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def url(self) -> str:
        """The base URL to give python-telegram-bot (the token is appended to it)."""
        return f"http://127.0.0.1:{self._server.server_address[1]}/bot"

    @property
    def bot_user(self) -> dict[str, Any]:
        """The bot as a Telegram ``User``."""
        return {"id": self.bot_id, "is_bot": True, "first_name": "ผู้ช่วย NZAP", "username": self.username}

    def push_updates(self, *updates: dict[str, Any]) -> None:
        """Queue updates for ``getUpdates``."""
        with self._changed:
            self._updates.extend(updates)
            self._changed.notify_all()

    def drop_next(self, method: str, count: int = 1) -> None:
        """Close the connection without answering the next ``count`` calls to ``method`` (a network failure)."""
        with self._changed:
            self._drops[method] = count

    def fail_next(self, method: str, *statuses: int) -> None:
        """Answer the next calls to ``method`` with these HTTP statuses (429 carries ``retry_after`` 1), after validating them."""
        with self._changed:
            self._failures.setdefault(method, []).extend(statuses)

    def calls(self, method: str) -> list[Recorded]:
        """The recorded requests to ``method``, in arrival order."""
        with self._changed:
            return [r for r in self.requests if r.method == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = 30.0) -> list[Recorded]:
        """Block until ``count`` requests to ``method`` arrived; AssertionError after ``timeout``."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while len([r for r in self.requests if r.method == method]) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [r.method for r in self.requests]
                    raise AssertionError(f"waited {timeout} s for {count} x {method}; received {seen}")
                self._changed.wait(left)
            return [r for r in self.requests if r.method == method]

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        with self._changed:
            self._stopping = True
            self._changed.notify_all()
        self._server.shutdown()
        self._server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                return

            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                answer = stand_in._serve(self.path, self.headers.get("Content-Type") or "", raw)
                if answer is None:
                    self.close_connection = True  # hang up without a response
                    return
                self._reply(*answer)

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                answer = stand_in._serve(parts.path, "application/x-www-form-urlencoded", parts.query.encode())
                if answer is not None:
                    self._reply(*answer)

            def _reply(self, status: int, payload: dict[str, Any]) -> None:
                body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (a cancelled long poll)

        return Handler

    def _serve(self, path: str, content_type: str, raw: bytes) -> tuple[int, dict[str, Any]] | None:
        match = _PATH.match(path)
        if match is None:
            return self._record("?", {}, 404, _error(404, "Not Found"), [f"unexpected path {path}"])
        method_name = match["method"]
        if match["token"] != self.token:
            return self._record(method_name, {}, 401, _error(401, "Unauthorized"), ["wrong bot token"])
        method = self.spec.method(method_name)
        if method is None:
            return self._record(method_name, {}, 404, _error(404, "Not Found"), [f"unknown method {method_name}"])
        params, problems = self._decode(method, content_type, raw)
        problems += self.spec.check(method["name"], params)
        if problems:
            return self._record(method["name"], params, 400, _error(400, f"Bad Request: {problems[0]}"), problems)
        with self._changed:
            dropped = self._drops.get(method["name"], 0) > 0
            if dropped:
                self._drops[method["name"]] -= 1
        if dropped:
            self._record(method["name"], params, 0, {}, [])
            return None
        with self._changed:
            scripted = self._failures.get(method["name"], [])
            failure = scripted.pop(0) if scripted else self.outage
        if failure is not None:
            payload = _error(failure, f"stand-in failure {failure}")
            if failure == 429:
                payload |= {"description": "Too Many Requests: retry after 1", "parameters": {"retry_after": 1}}
            return self._record(method["name"], params, failure, payload, [])
        status, payload = self._answer(method["name"], params)
        return self._record(method["name"], params, status, payload, [])

    def _decode(self, method: dict[str, Any], content_type: str, raw: bytes) -> tuple[dict[str, Any], list[str]]:
        if not raw:
            return {}, []
        if content_type.startswith("application/json"):
            data = json.loads(raw)
            return (data, []) if isinstance(data, dict) else ({}, ["JSON body is not an object"])
        if content_type.startswith("application/x-www-form-urlencoded"):
            fields = parse_qs(raw.decode("utf-8"), keep_blank_values=True, strict_parsing=True)
            repeated = [f"parameter {name} given {len(v)} times" for name, v in fields.items() if len(v) > 1]
            return self.spec.decode_form(method, {name: v[0] for name, v in fields.items()}), repeated
        return {}, [f"unexpected content type {content_type!r} (no uploads are expected)"]

    def _record(
        self, method: str, params: dict[str, Any], status: int, payload: dict[str, Any], problems: list[str]
    ) -> tuple[int, dict[str, Any]]:
        with self._changed:
            self.violations.extend(problems)
            self.requests.append(Recorded(time.monotonic(), method, params, status, payload))
            self._changed.notify_all()
        return status, payload

    def _answer(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if method == "getMe":
            user = {**self.bot_user, "can_join_groups": True, "can_read_all_group_messages": False}
            return 200, _ok({**user, "supports_inline_queries": False})
        if method in ("sendChatAction", "answerCallbackQuery", "deleteWebhook", "setWebhook", "setMyCommands"):
            return 200, _ok(True)
        if method == "sendMessage":
            return 200, _ok(self._store_message(params))
        if method == "editMessageReplyMarkup":
            return self._edit_markup(params)
        if method == "editMessageText":
            return self._edit_text(params)
        if method == "getUpdates":
            return 200, _ok(self._long_poll(params))
        with self._changed:
            self.violations.append(f"the stand-in does not expect {method}")
        return 501, _error(501, f"{method} is not played by the stand-in")

    def _store_message(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = int(params["chat_id"])
        with self._changed:
            self._next_message_id += 1
            message: dict[str, Any] = {
                "message_id": self._next_message_id,
                "from": self.bot_user,
                "chat": _chat(chat_id),
                "date": int(time.time()),
                "text": html_to_text(params["text"]) if params.get("parse_mode") == "HTML" else params["text"],
            }
            if params.get("message_thread_id") is not None:
                message |= {"message_thread_id": params["message_thread_id"], "is_topic_message": True}
            if params.get("reply_markup"):
                message["reply_markup"] = params["reply_markup"]
            self._messages[(chat_id, message["message_id"])] = message
        return message

    def _edit_markup(self, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        key = (int(params.get("chat_id") or 0), int(params.get("message_id") or 0))
        with self._changed:
            message = self._messages.get(key)
            if message is None:
                return 400, _error(400, "Bad Request: message to edit not found")
            message.pop("reply_markup", None)
            if params.get("reply_markup"):
                message["reply_markup"] = params["reply_markup"]
            return 200, _ok(dict(message))

    def _edit_text(self, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        key = (int(params.get("chat_id") or 0), int(params.get("message_id") or 0))
        shown = html_to_text(params["text"]) if params.get("parse_mode") == "HTML" else params["text"]
        with self._changed:
            message = self._messages.get(key)
            if message is None:
                return 400, _error(400, "Bad Request: message to edit not found")
            if message["text"] == shown and message.get("reply_markup") == (params.get("reply_markup") or None):
                return 400, _error(400, "Bad Request: message is not modified")
            message["text"] = shown
            message.pop("reply_markup", None)
            if params.get("reply_markup"):
                message["reply_markup"] = params["reply_markup"]
            message["edit_date"] = int(time.time())
            return 200, _ok(dict(message))

    def message(self, chat_id: int, message_id: int) -> dict[str, Any] | None:
        """A message the bot sent, as it looks now (after edits), or ``None``."""
        with self._changed:
            found = self._messages.get((chat_id, message_id))
            return dict(found) if found is not None else None

    def _long_poll(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        """Updates from ``offset`` on; waits up to ``timeout`` seconds (capped) when there are none."""
        offset = params.get("offset")
        deadline = time.monotonic() + min(float(params.get("timeout") or 0), _LONG_POLL_CAP)
        with self._changed:
            if offset is not None:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]  # confirmed ones go
            while not self._updates and not self._stopping and time.monotonic() < deadline:
                self._changed.wait(deadline - time.monotonic())
            return list(self._updates[: int(params.get("limit") or 100)])


def _ok(result: Any) -> dict[str, Any]:
    return {"ok": True, "result": result}


def _error(code: int, description: str) -> dict[str, Any]:
    return {"ok": False, "error_code": code, "description": description}


def _chat(chat_id: int) -> dict[str, Any]:
    """A ``Chat`` for an id: positive ids are private chats, ``-100...`` supergroups, others groups."""
    if chat_id > 0:
        return {"id": chat_id, "type": "private", "first_name": "สมชาย"}
    kind = "supergroup" if str(chat_id).startswith("-100") else "group"
    return {"id": chat_id, "type": kind, "title": "กลุ่มผู้ประกอบการ NZAP"}
