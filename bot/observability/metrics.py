"""Prometheus metrics, served on ``/metrics``.

The engine, the relay and the channels report through the small functions below, so that no
module but this one imports ``prometheus_client``. Metrics live in the process's default
registry, next to the client's process collectors (resident memory, CPU, open files).

Several workers: every ``nzap serve`` process counts for itself and serves its own
``/metrics``; Prometheus scrapes each worker (one target per worker, e.g. per container or
per port) and sums across them with ``sum by (...)``. The client's multi-process mode
(``PROMETHEUS_MULTIPROC_DIR``) is not used: it exists for workers forked by one server such
as gunicorn, which this deployment does not do.

``nzap worker`` processes serve no web app: they expose the same registry on a port of their
own (:func:`serve_metrics`, ``NZAP_QUEUE__METRICS_PORT``), with the queue's figures (events
answered, failed, taken over, enqueued again; the queue's depth; how long answers take).
"""

from __future__ import annotations

import re
import time

from prometheus_client import CONTENT_TYPE_LATEST, Counter, Gauge, Histogram, generate_latest, start_http_server
from starlette.types import ASGIApp, Message, Receive, Scope, Send

_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0)
# Answers take longer than acknowledgements: an LLM call alone can take tens of seconds.
_ANSWER_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 30.0, 60.0, 120.0)
_CONFIDENCE_BUCKETS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
_DECISIONS = frozenset({"answer", "clarify", "escalate"})
_CHANNELS = frozenset({"line", "telegram", "web", "terminal", "console"})

WEBHOOK_SECONDS = Histogram(
    "nzap_webhook_seconds",
    "Time to acknowledge a webhook or chat request, by channel and status class",
    ["channel", "status"],
    buckets=_LATENCY_BUCKETS,
)
ANSWER_SECONDS = Histogram(
    "nzap_answer_seconds", "Time from a question to its replies, by decision", ["decision"], buckets=_ANSWER_BUCKETS
)
RETRIEVAL_CONFIDENCE = Histogram(
    "nzap_retrieval_confidence", "Calibrated retrieval confidence of answered questions", buckets=_CONFIDENCE_BUCKETS
)
ESCALATIONS = Counter("nzap_escalations", "Questions handed to mentors, by channel", ["channel"])
OUTBOX_BACKLOG = Gauge("nzap_outbox_backlog", "Outbox messages waiting to be delivered")
OUTBOX_FAILURES = Counter(
    "nzap_outbox_failures", "Outbox deliveries that failed (each attempt), by channel", ["channel"]
)
# Minutes to hours: mentors are people. Module tags (module:1..12) bound the label's values.
_TICKET_BUCKETS = (60.0, 300.0, 900.0, 1800.0, 3600.0, 7200.0, 14400.0, 28800.0, 86400.0, 172800.0)
TICKET_CLAIM_SECONDS = Histogram(
    "nzap_ticket_time_to_claim_seconds", "From a ticket's creation to a mentor claiming it", buckets=_TICKET_BUCKETS
)
TICKET_ANSWER_SECONDS = Histogram(
    "nzap_ticket_time_to_answer_seconds", "From a ticket's creation to the mentor's answer", buckets=_TICKET_BUCKETS
)
TICKETS_CREATED = Counter("nzap_tickets_created", "New tickets, by course module of their top passages", ["module"])
LIMITED = Counter(
    "nzap_limited_messages", "Messages stopped by an abuse limit, by channel and limit", ["channel", "limit"]
)

_EVENT_OUTCOMES = frozenset({"answered", "failed", "skipped"})
EVENTS = Counter(
    "nzap_queue_events",
    "Recorded webhook events a worker took up, by channel and outcome: answered, failed (the answer raised; "
    "the user had an apology), skipped (answered already, or held by another worker)",
    ["channel", "outcome"],
)
EVENT_SECONDS = Histogram(
    "nzap_queue_event_seconds",
    "From a worker taking an event to finishing it (answer and delivery), by channel",
    ["channel"],
    buckets=_ANSWER_BUCKETS,
)
EVENT_WAIT_SECONDS = Histogram(
    "nzap_queue_event_wait_seconds",
    "From the webhook's arrival to a worker taking its event (time in the queue), by channel",
    ["channel"],
    buckets=_ANSWER_BUCKETS,
)
LEASE_TAKEOVERS = Counter(
    "nzap_queue_lease_takeovers",
    "Events taken again after their lease ran out (their worker died or stalled), by channel",
    ["channel"],
)
REQUEUED = Counter("nzap_queue_requeued", "Events the sweep enqueued again (lease run out, or the job lost): retries")
QUEUE_DEPTH = Gauge("nzap_queue_depth", "Jobs waiting in the queue for a worker (sampled)")


def _channel(name: str) -> str:
    """A known channel name, or ``other``: label values must stay few, whatever callers pass."""
    return name if name in _CHANNELS else "other"


def observe_webhook(channel: str, seconds: float, status: int) -> None:
    """One webhook (or web chat request) acknowledged with ``status`` after ``seconds``."""
    WEBHOOK_SECONDS.labels(_channel(channel), f"{status // 100}xx").observe(seconds)


def observe_answer(seconds: float, confidence: float | None, decision: str) -> None:
    """One question handled: how long it took, the retrieval confidence (if retrieval ran), the decision."""
    ANSWER_SECONDS.labels(decision if decision in _DECISIONS else "other").observe(seconds)
    if confidence is not None:
        RETRIEVAL_CONFIDENCE.observe(confidence)


def count_escalation(channel: str) -> None:
    """One question handed to the mentors."""
    ESCALATIONS.labels(_channel(channel)).inc()


def set_outbox_backlog(count: int) -> None:
    """How many outbox messages wait for delivery right now (the relay sets it on each pass)."""
    OUTBOX_BACKLOG.set(count)


def count_outbox_failure(channel: str) -> None:
    """One failed delivery attempt from the outbox."""
    OUTBOX_FAILURES.labels(_channel(channel)).inc()


def observe_ticket_claim(seconds: float) -> None:
    """A mentor claimed a ticket ``seconds`` after it was created."""
    TICKET_CLAIM_SECONDS.observe(max(seconds, 0.0))


def observe_ticket_answer(seconds: float) -> None:
    """A mentor answered a ticket ``seconds`` after it was created."""
    TICKET_ANSWER_SECONDS.observe(max(seconds, 0.0))


def count_ticket(tags: list[str]) -> None:
    """A new ticket; counted under its first ``module:N`` tag (``none`` without one)."""
    module = next((t.removeprefix("module:") for t in tags if re.fullmatch(r"module:\d{1,2}", t)), "none")
    TICKETS_CREATED.labels(module).inc()


def count_limited(channel: str, limit: str) -> None:
    """One message stopped by a limit: ``rate`` (too fast) or ``busy`` (an answer already in progress)."""
    LIMITED.labels(_channel(channel), limit if limit in {"rate", "busy"} else "other").inc()


def count_event(channel: str, outcome: str) -> None:
    """A worker took up an event: ``answered``, ``failed`` or ``skipped``."""
    EVENTS.labels(_channel(channel), outcome if outcome in _EVENT_OUTCOMES else "other").inc()


def observe_event(channel: str, seconds: float) -> None:
    """An event answered (or failed) ``seconds`` after its worker took it."""
    EVENT_SECONDS.labels(_channel(channel)).observe(max(seconds, 0.0))


def observe_event_wait(channel: str, seconds: float) -> None:
    """An event taken ``seconds`` after its webhook arrived."""
    EVENT_WAIT_SECONDS.labels(_channel(channel)).observe(max(seconds, 0.0))


def count_lease_takeover(channel: str) -> None:
    """An event taken again: the worker that had it stopped before finishing."""
    LEASE_TAKEOVERS.labels(_channel(channel)).inc()


def count_requeued(events: int) -> None:
    """The sweep enqueued ``events`` again."""
    REQUEUED.inc(events)


def set_queue_depth(jobs: int) -> None:
    """How many jobs wait in the queue right now."""
    QUEUE_DEPTH.set(jobs)


def serve_metrics(port: int, address: str) -> None:
    """Serve ``/metrics`` on ``address:port`` from a daemon thread (a process without a web app: the worker)."""
    start_http_server(port, addr=address)


def webhook_channel(path: str) -> str | None:
    """The channel a request path belongs to, or ``None`` for paths that are not timed."""
    if path.startswith("/webhooks/"):
        return path.removeprefix("/webhooks/").split("/", 1)[0]
    if path == "/api/chat":
        return "web"
    return None


def exposition() -> tuple[bytes, str]:
    """The current metrics in Prometheus's text format, and its content type."""
    return generate_latest(), CONTENT_TYPE_LATEST


class WebhookTimer:
    """ASGI middleware: times webhook and chat requests until their response starts."""

    def __init__(self, app: ASGIApp) -> None:
        self._app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Observe ``nzap_webhook_seconds`` for requests to channel paths; pass others through untimed."""
        channel = webhook_channel(scope.get("path", "")) if scope["type"] == "http" else None
        if channel is None:
            await self._app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # what the server answers when the app fails before responding

        async def timed_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self._app(scope, receive, timed_send)
        finally:
            observe_webhook(channel, time.perf_counter() - started, status)
