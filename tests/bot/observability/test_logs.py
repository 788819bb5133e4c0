"""Structured log lines: JSON with ids and extras, redacted, configured once from the settings."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import httpx
import pytest
from fastapi import FastAPI

from bot.observability.logs import (
    RequestIdMiddleware,
    bound_ticket,
    configure_from_settings,
    configure_logging,
    request_id_var,
    settings_secrets,
)
from bot.settings import LogSettings, Settings
from tests.server_thread import serve

logger = logging.getLogger("nzap.test")


@pytest.fixture
def log_stream() -> Iterator[io.StringIO]:
    """Logging configured as at start-up (JSON, DEBUG), written to a string; undone afterwards."""
    root = logging.getLogger()
    level = root.level
    stream = io.StringIO()
    configure_logging(LogSettings(format="json", level="DEBUG"), secrets=["s3cr3t-channel-token"], stream=stream)
    yield stream
    for handler in [h for h in root.handlers if h.get_name() == "nzap"]:
        root.removeHandler(handler)
    root.setLevel(level)


def lines(stream: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_a_line_is_one_json_object_with_time_level_logger_message_and_extras(log_stream: io.StringIO) -> None:
    logger.info("answered %s in %.1f s", "T-2568-0001", 1.25, extra={"channel": "line", "passages": 5})
    [line] = lines(log_stream)
    assert line["level"] == "INFO"
    assert line["logger"] == "nzap.test"
    assert line["message"] == "answered T-2568-0001 in 1.2 s"
    assert line["channel"] == "line" and line["passages"] == 5
    assert str(line["time"]).endswith("+00:00")
    assert "request_id" not in line and "ticket" not in line


def test_request_and_ticket_ids_are_added_when_set(log_stream: io.StringIO) -> None:
    token = request_id_var.set("req-0123456789")
    try:
        with bound_ticket("T-2568-0042"):
            logger.warning("mentor reply queued")
        logger.warning("after the ticket")
    finally:
        request_id_var.reset(token)
    first, second = lines(log_stream)
    assert first["request_id"] == "req-0123456789" and first["ticket"] == "T-2568-0042"
    assert second["request_id"] == "req-0123456789" and "ticket" not in second


def test_message_arguments_extras_and_tracebacks_are_redacted(log_stream: io.StringIO) -> None:
    try:
        raise ValueError("cannot parse เบอร์ 081-234-5678 of somchai@example.co.th")
    except ValueError:
        logger.exception(
            "failed for %s",
            "1-2345-67890-12-3",
            extra={"contact": "โทร 0812345678", "detail": {"mail": "a.b@c.co.th", "tries": ["+66 81 234 5678"]}},
        )
    logger.info("token s3cr3t-channel-token used")
    text = log_stream.getvalue()
    for leaked in ("081-234-5678", "somchai@", "1-2345-67890-12-3", "0812345678", "a.b@c", "+66 81", "s3cr3t"):
        assert leaked not in text
    first, second = lines(log_stream)
    assert first["message"] == "failed for [id-number]"
    assert first["contact"] == "โทร [phone]"
    assert first["detail"] == {"mail": "[email]", "tries": ["[phone]"]}
    assert "ValueError: cannot parse เบอร์ [phone] of [email]" in str(first["exception"])
    assert second["message"] == "token [secret] used"


def test_a_record_whose_arguments_do_not_fit_is_still_written(log_stream: io.StringIO) -> None:
    logger.info("two values %s %s", "only one")
    [line] = lines(log_stream)
    assert "did not match" in str(line["message"])


def test_text_format_and_reconfiguring_replaces_the_handler() -> None:
    root = logging.getLogger()
    level, before = root.level, list(root.handlers)
    first, second = io.StringIO(), io.StringIO()
    try:
        configure_logging(LogSettings(format="json", level="INFO"), stream=first)
        configure_logging(LogSettings(format="text", level="WARNING"), stream=second)
        token = request_id_var.set("req-abcdefgh")
        try:
            logger.info("not written at WARNING")
            logger.warning("โทร 081-234-5678")
        finally:
            request_id_var.reset(token)
        assert first.getvalue() == ""
        assert second.getvalue().rstrip().endswith("WARNING nzap.test [req-abcdefgh] โทร [phone]")
        assert len(root.handlers) == len(before) + 1
    finally:
        for handler in [h for h in root.handlers if h.get_name() == "nzap"]:
            root.removeHandler(handler)
        root.setLevel(level)


def test_httpx_request_lines_are_kept_for_debug_only() -> None:
    # httpx logs every request URL at INFO, and a Telegram URL contains the bot token.
    root = logging.getLogger()
    level = root.level
    try:
        configure_logging(LogSettings(level="INFO"), stream=io.StringIO())
        assert not logging.getLogger("httpx").isEnabledFor(logging.INFO)
        configure_logging(LogSettings(level="DEBUG"), stream=io.StringIO())
        assert logging.getLogger("httpx").isEnabledFor(logging.DEBUG)
    finally:
        for handler in [h for h in root.handlers if h.get_name() == "nzap"]:
            root.removeHandler(handler)
        root.setLevel(level)
        logging.getLogger("httpx").setLevel(logging.NOTSET)


def test_every_secret_in_the_settings_is_masked() -> None:
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        line={"channel_secret": "line-secret-123", "channel_access_token": "line-token-456"},
        telegram={"bot_token": "123456:telegram-token"},
        llm={"api_key": "sk-llm-key-789"},
        redis_url="redis://:redis-pass-1@127.0.0.1:6379/0",
        database_url="postgresql+psycopg://nzap:db-pass-22@db/nzap",
    )
    secrets = settings_secrets(settings)
    for expected in (
        "line-secret-123",
        "line-token-456",
        "123456:telegram-token",
        "sk-llm-key-789",
        "redis-pass-1",
        "db-pass-22",
    ):
        assert expected in secrets
    stream = io.StringIO()
    root = logging.getLogger()
    level = root.level
    try:
        configure_from_settings(settings, stream)
        logger.warning("connecting to postgresql+psycopg://nzap:db-pass-22@db/nzap with line-token-456")
    finally:
        for handler in [h for h in root.handlers if h.get_name() == "nzap"]:
            root.removeHandler(handler)
        root.setLevel(level)
    assert "db-pass-22" not in stream.getvalue() and "line-token-456" not in stream.getvalue()


def _app() -> FastAPI:
    app = FastAPI()
    app.add_middleware(RequestIdMiddleware)

    @app.get("/id")
    async def current() -> dict[str, str | None]:
        logger.info("inside the request")
        return {"request_id": request_id_var.get()}

    return app


def test_a_sane_incoming_request_id_is_kept_and_echoed(log_stream: io.StringIO) -> None:
    with serve(_app()) as url:
        response = httpx.get(f"{url}/id", headers={"X-Request-ID": "lb-7f3a9c2e-0001"})
    assert response.headers["X-Request-ID"] == "lb-7f3a9c2e-0001"
    assert response.json() == {"request_id": "lb-7f3a9c2e-0001"}
    assert any(line.get("request_id") == "lb-7f3a9c2e-0001" for line in lines(log_stream))


@pytest.mark.parametrize(
    "incoming", [None, "", "short", "has spaces in it", "x" * 200, "<script>alert(1)</script>", "ก" * 10]
)
def test_a_missing_or_odd_request_id_is_replaced_by_a_new_one(incoming: str | None) -> None:
    headers = {"X-Request-ID": incoming.encode() if incoming is not None else b""} if incoming is not None else {}
    with serve(_app()) as url:
        response = httpx.get(f"{url}/id", headers=headers)
    generated = response.headers["X-Request-ID"]
    assert generated != incoming and len(generated) == 32 and int(generated, 16) >= 0
    assert response.json() == {"request_id": generated}


def test_an_acknowledged_webhook_has_no_access_line_but_a_refused_one_and_other_requests_do() -> None:
    # One access line per webhook cost as much as recording it; the metrics count every webhook anyway.
    root, access = logging.getLogger(), logging.getLogger("uvicorn.access")
    level = root.level
    line = '%s - "%s %s HTTP/%s" %d'  # uvicorn's access line and its arguments
    # As `nzap serve` has them (log_config=None): an earlier test server gave them uvicorn's default config.
    uvicorn_loggers = [logging.getLogger("uvicorn"), access]
    kept = [(logger.handlers, logger.propagate, logger.level, logger.disabled) for logger in uvicorn_loggers]
    for logger in uvicorn_loggers:
        logger.handlers, logger.propagate, logger.disabled = [], True, False
        logger.setLevel(logging.NOTSET)
    try:
        for configured in ("INFO", "DEBUG"):
            stream = io.StringIO()
            configure_logging(LogSettings(format="json", level=configured), stream=stream)
            access.info(line, "127.0.0.1:50000", "POST", "/webhooks/line", "1.1", 200)
            access.info(line, "127.0.0.1:50001", "POST", "/webhooks/telegram", "1.1", 401)
            access.info(line, "127.0.0.1:50002", "GET", "/healthz", "1.1", 200)
            written = [record["message"] for record in lines(stream)]
            refused_and_probe = [
                '127.0.0.1:50001 - "POST /webhooks/telegram HTTP/1.1" 401',
                '127.0.0.1:50002 - "GET /healthz HTTP/1.1" 200',
            ]
            if configured == "INFO":
                assert written == refused_and_probe
            else:  # at DEBUG every request is written, the acknowledged webhook too
                assert written == ['127.0.0.1:50000 - "POST /webhooks/line HTTP/1.1" 200', *refused_and_probe]
    finally:
        for logger, (handlers, propagate, level_kept, disabled) in zip(uvicorn_loggers, kept, strict=True):
            logger.handlers, logger.propagate, logger.disabled = handlers, propagate, disabled
            logger.setLevel(level_kept)
        for handler in [h for h in root.handlers if h.get_name() == "nzap"]:
            root.removeHandler(handler)
        root.setLevel(level)
