"""What operators see while the real app handles a LINE webhook: redacted JSON logs and /metrics."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot.observability.logs import configure_logging
from bot.settings import LogSettings
from tests.bot.channels.line.conftest import SECRET, TOKEN, LineBot, payload
from tests.line_stand_in import LOADING, PUSH, REPLY

QUESTION = "ค่าไฟโรงงานเดือนละ 10,000 หน่วย ปล่อยคาร์บอนเท่าไหร่ครับ ติดต่อกลับที่ 081-234-5678 หรือ somchai@example.co.th"
FRAGMENTS = ("ค่าไฟโรงงาน", "ปล่อยคาร์บอนเท่าไหร่", "081-234-5678", "0812345678", "somchai", "example.co.th")


@pytest.fixture
def json_logs() -> Iterator[io.StringIO]:
    """Every log line of the process at DEBUG, as JSON, the way ``nzap serve`` writes them."""
    root = logging.getLogger()
    level = root.level
    stream = io.StringIO()
    configure_logging(LogSettings(format="json", level="DEBUG"), secrets=[SECRET, TOKEN], stream=stream)
    yield stream
    for handler in [h for h in root.handlers if h.get_name() == "nzap"]:
        root.removeHandler(handler)
    root.setLevel(level)
    for name in ("httpx", "httpcore", "telegram.ext", "apscheduler", "chromadb", "multipart"):
        logging.getLogger(name).setLevel(logging.NOTSET)


def test_handling_a_webhook_logs_with_the_request_id_and_without_the_message_text(
    line_bot: LineBot, json_logs: io.StringIO
) -> None:
    # Platform trouble makes the channel log while it handles the message: a failed loading
    # animation, a refused reply (pushed instead) and a push retried after a 500.
    line_bot.api.fail_next(LOADING, 500)
    line_bot.api.fail_next(REPLY, 400)
    line_bot.api.fail_next(PUSH, 500)
    body = payload("text_private", text=QUESTION)
    response = line_bot.post(body, **{"X-Request-ID": "req-line-webhook-0001"})
    assert response.status_code == 200
    assert response.headers["X-Request-ID"] == "req-line-webhook-0001"
    line_bot.api.wait_for(lambda api: any(r.path == PUSH and r.accepted for r in api.requests))
    line_bot.settle()
    line_bot.post(payload("text_private", text=QUESTION, redelivery=True))  # a redelivery: logged and skipped
    line_bot.settle()

    text = json_logs.getvalue()
    records = [json.loads(line) for line in text.splitlines()]
    handling = [r for r in records if r.get("request_id") == "req-line-webhook-0001"]
    messages = " | ".join(str(r["message"]) for r in handling)
    assert "loading animation failed" in messages
    assert "pushing instead" in messages
    assert "push attempt 1 failed" in messages
    assert any("already answered" in str(r["message"]) for r in records)
    for fragment in (*FRAGMENTS, SECRET, TOKEN):
        assert fragment not in text, f"{fragment!r} reached the logs"


def _samples(url: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    exposition = httpx.get(f"{url}/metrics", timeout=10)
    assert exposition.status_code == 200
    assert exposition.headers["content-type"].startswith("text/plain")
    samples: dict[tuple[str, tuple[tuple[str, str], ...]], float] = {}
    for family in text_string_to_metric_families(exposition.text):
        samples[(family.name, ())] = 0.0  # the family is exposed, even before any sample
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return samples


def test_metrics_over_http_count_the_handled_webhook(line_bot: LineBot) -> None:
    ok = ("nzap_webhook_seconds_count", (("channel", "line"), ("status", "2xx")))
    refused = ("nzap_webhook_seconds_count", (("channel", "line"), ("status", "4xx")))
    before = _samples(line_bot.url)
    assert line_bot.post(payload("text_private")).status_code == 200
    assert line_bot.post(payload("text_private"), signature="bm90IGEgc2lnbmF0dXJl").status_code == 400
    line_bot.answer(1)
    after = _samples(line_bot.url)
    assert after[ok] == before.get(ok, 0.0) + 1
    assert after[refused] == before.get(refused, 0.0) + 1
    for family in (
        "nzap_webhook_seconds",
        "nzap_answer_seconds",
        "nzap_retrieval_confidence",
        "nzap_escalations",
        "nzap_outbox_backlog",
        "nzap_outbox_failures",
        "nzap_limited_messages",
        "process_resident_memory_bytes",
    ):
        assert (family, ()) in after, f"{family} missing from /metrics"
    timed_channels = {dict(labels).get("channel") for name, labels in after if name == "nzap_webhook_seconds_count"}
    assert timed_channels <= {"line", "telegram", "web", "other"}  # /metrics and /healthz are not webhooks
