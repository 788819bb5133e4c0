"""Structured logs: one JSON object per line (or readable text), with request and ticket ids, redacted.

Configured once at start-up by :func:`configure_logging`. Every record passes a
:class:`RedactingFilter` on its way out, which masks phone numbers, e-mail addresses, Thai ID
numbers, tokens and the configured secrets in the formatted message, the traceback and every
string ``extra``.

The convention that keeps message text out of the logs: never pass what a user wrote to a
logger; pass :func:`~bot.observability.redaction.text_digest` of it. The filter is a second
line of defence, not a licence.

Request ids: :class:`RequestIdMiddleware` takes a sane ``X-Request-ID`` from the request (or
makes one), keeps it in a context variable for the request's log lines, and echoes it in the
response. Tasks and threads started while handling the request (``asyncio.create_task``,
``asyncio.to_thread``) copy the context, so their log lines carry the same id.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any, TextIO
from urllib.parse import urlsplit

from pydantic import BaseModel, SecretStr
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.observability.redaction import Redactor, text_digest
from bot.settings import LogSettings, Settings

__all__ = [
    "QuietWebhookAccess",
    "RedactingFilter",
    "RequestIdMiddleware",
    "bound_ticket",
    "configure_logging",
    "request_id_var",
    "settings_secrets",
    "text_digest",
    "ticket_var",
]

request_id_var: ContextVar[str | None] = ContextVar("nzap_request_id", default=None)
"""The id of the HTTP request being handled, if any."""

ticket_var: ContextVar[str | None] = ContextVar("nzap_ticket", default=None)
"""The reference of the ticket being worked on, if any (set with :func:`bound_ticket`)."""

REQUEST_ID_HEADER = "X-Request-ID"
_SANE_REQUEST_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:\-]{7,127}$")
"""What an incoming id may look like: a load balancer's or a client's token, not arbitrary text."""

# Attributes every LogRecord has; anything else on a record came in through ``extra``.
_STANDARD_ATTRIBUTES = frozenset(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {
    "message",
    "asctime",
    "request_id",
    "ticket",
    "color_message",  # uvicorn's copy of the message with terminal colour codes
}
_HANDLER_NAME = "nzap"
# Libraries that log every outgoing request at INFO (httpx: with the URL, which for Telegram
# contains the bot token). Their lines are kept for DEBUG only.
_CHATTY_LOGGERS = ("httpx", "httpcore", "telegram.ext", "apscheduler", "chromadb", "multipart")


class QuietWebhookAccess(logging.Filter):
    """Drops uvicorn's access line for a webhook acknowledged with 2xx (every other line passes).

    That line cost the web process as much CPU as recording the webhook (formatting, redaction,
    writing), once per webhook, and says nothing the metrics do not: ``nzap_webhook_seconds``
    counts every webhook by channel and status class. A refused webhook (4xx, 5xx) is still
    logged, and at ``NZAP_LOG__LEVEL=DEBUG`` every line is (the filter is not installed).
    """

    def filter(self, record: logging.LogRecord) -> bool:
        """False for ``POST /webhooks/...`` answered 2xx; uvicorn's arguments: client, method, path, version, status."""
        args = record.args
        if not isinstance(args, tuple) or len(args) != 5:
            return True
        path, status = args[2], args[4]
        webhook = isinstance(path, str) and path.startswith("/webhooks/")
        return not (webhook and isinstance(status, int) and status < 300)


@contextmanager
def bound_ticket(reference: str) -> Iterator[None]:
    """Log lines written inside the ``with`` block carry ``ticket=reference``."""
    token = ticket_var.set(reference)
    try:
        yield
    finally:
        ticket_var.reset(token)


class RedactingFilter(logging.Filter):
    """Formats the message, masks personal data and secrets in it and in every ``extra``; adds the ids."""

    def __init__(self, redactor: Redactor) -> None:
        super().__init__()
        self._redactor = redactor

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite ``record`` in place (it is then safe for every formatter); never drops a record."""
        redact = self._redactor.redact
        try:
            formatted = record.getMessage()
        except (TypeError, ValueError):  # arguments that do not fit the format: keep the format only
            formatted = f"{record.msg} (arguments did not match the format)"
        record.msg = redact(formatted)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.exc_info = None  # the formatted, redacted text replaces it
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        for name, value in list(vars(record).items()):
            if name not in _STANDARD_ATTRIBUTES:
                setattr(record, name, self._redact_value(value))
        record.request_id = request_id_var.get()
        record.ticket = ticket_var.get()
        return True

    def _redact_value(self, value: object) -> object:
        if isinstance(value, str):
            return self._redactor.redact(value)
        if isinstance(value, dict):
            return {k: self._redact_value(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [self._redact_value(v) for v in value]
        return value


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request_id, ticket (when set), extras."""

    def format(self, record: logging.LogRecord) -> str:
        """The record as a single line of JSON (Thai kept readable, not ``\\u`` escaped)."""
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in ("request_id", "ticket"):
            value = getattr(record, name, None)
            if value is not None:
                line[name] = value
        for name, value in vars(record).items():
            if name not in _STANDARD_ATTRIBUTES and name not in line:
                line[name] = value
        if record.exc_text:
            line["exception"] = record.exc_text
        return json.dumps(line, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """A readable line for a terminal: time, level, logger, [request id] [ticket], message."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s%(ids)s %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        """The record as text, the ids in brackets when set."""
        ids = [v for v in (getattr(record, "request_id", None), getattr(record, "ticket", None)) if v]
        record.ids = f" [{' '.join(ids)}]" if ids else ""
        return super().format(record)


def configure_logging(settings: LogSettings, secrets: Iterable[str] = (), stream: TextIO | None = None) -> None:
    """Send every log record (the root logger's) through redaction to ``stream`` (standard error).

    Idempotent: calling it again replaces the handler it installed before.
    """
    root = logging.getLogger()
    for handler in [h for h in root.handlers if h.get_name() == _HANDLER_NAME]:
        root.removeHandler(handler)
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.set_name(_HANDLER_NAME)
    # On the handler, not the root logger: a logger's filters skip records propagated from its children.
    handler.addFilter(RedactingFilter(Redactor(secrets)))
    handler.setFormatter(JsonFormatter() if settings.format == "json" else TextFormatter())
    root.addHandler(handler)
    root.setLevel(settings.level)
    chatty_level = logging.DEBUG if settings.level == "DEBUG" else logging.WARNING
    for name in _CHATTY_LOGGERS:
        logging.getLogger(name).setLevel(chatty_level)
    access = logging.getLogger("uvicorn.access")
    for quiet in [f for f in access.filters if isinstance(f, QuietWebhookAccess)]:
        access.removeFilter(quiet)
    if settings.level != "DEBUG":
        # On the logger: dropped before the record reaches the handler's redaction and formatting.
        access.addFilter(QuietWebhookAccess())


def settings_secrets(settings: BaseModel) -> list[str]:
    """Every secret in the settings tree (``SecretStr`` values, passwords inside URLs), to mask literally."""
    found: list[str] = []
    for name in type(settings).model_fields:
        value = getattr(settings, name)
        if isinstance(value, SecretStr):
            found.append(value.get_secret_value())
            found.extend(_url_password(value.get_secret_value()))
        elif isinstance(value, BaseModel):
            found.extend(settings_secrets(value))
        elif isinstance(value, str) and "://" in value:
            found.extend(_url_password(value))
    return [s for s in found if s]


def _url_password(value: str) -> list[str]:
    try:
        password = urlsplit(value).password
    except ValueError:
        return []
    return [password] if password else []


def configure_from_settings(settings: Settings, stream: TextIO | None = None) -> None:
    """:func:`configure_logging` with the settings' log section and every secret they hold."""
    configure_logging(settings.log, settings_secrets(settings), stream)


class RequestIdMiddleware:
    """ASGI middleware: a request id per HTTP request, in the logs' context and the response header."""

    def __init__(self, app: ASGIApp) -> None:
        self._app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Set the id for the request's duration; add ``X-Request-ID`` to the response."""
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        incoming = dict(scope.get("headers", [])).get(REQUEST_ID_HEADER.lower().encode(), b"")
        request_id = _sane(incoming) or uuid.uuid4().hex
        header = (REQUEST_ID_HEADER.lower().encode(), request_id.encode())

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), header]}
            await send(message)

        token = request_id_var.set(request_id)
        try:
            await self._app(scope, receive, send_with_id)
        finally:
            request_id_var.reset(token)


def _sane(raw: bytes) -> str | None:
    try:
        value = raw.decode("ascii")
    except UnicodeDecodeError:
        return None
    return value if _SANE_REQUEST_ID.match(value) else None
