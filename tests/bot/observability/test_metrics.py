"""The functions the engine, the relay and the channels call to count what happens."""

from __future__ import annotations

import pytest
from prometheus_client import REGISTRY

from bot.observability import metrics


def value(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def test_an_answer_is_timed_by_decision_and_its_confidence_recorded() -> None:
    before = value("nzap_answer_seconds_count", decision="escalate")
    low_before = value("nzap_retrieval_confidence_bucket", le="0.3")
    metrics.observe_answer(1.7, 0.21, "escalate")
    assert value("nzap_answer_seconds_count", decision="escalate") == before + 1
    assert value("nzap_retrieval_confidence_bucket", le="0.3") == low_before + 1


def test_an_answer_without_retrieval_records_no_confidence() -> None:
    before = value("nzap_retrieval_confidence_count")
    metrics.observe_answer(0.01, None, "clarify")
    assert value("nzap_retrieval_confidence_count") == before


def test_unknown_label_values_are_folded_into_other() -> None:
    # Whatever a caller passes, the number of series stays small.
    before = value("nzap_escalations_total", channel="other")
    metrics.count_escalation("ค่าไฟ 10,000 หน่วย")
    metrics.observe_answer(0.5, 0.9, "something new")
    assert value("nzap_escalations_total", channel="other") == before + 1
    assert value("nzap_answer_seconds_count", decision="other") >= 1


@pytest.mark.parametrize("channel", ["line", "telegram"])
def test_outbox_backlog_and_failures(channel: str) -> None:
    metrics.set_outbox_backlog(7)
    assert value("nzap_outbox_backlog") == 7
    metrics.set_outbox_backlog(0)
    assert value("nzap_outbox_backlog") == 0
    before = value("nzap_outbox_failures_total", channel=channel)
    metrics.count_outbox_failure(channel)
    assert value("nzap_outbox_failures_total", channel=channel) == before + 1


def test_limited_messages_are_counted_by_limit() -> None:
    before = value("nzap_limited_messages_total", channel="line", limit="rate")
    metrics.count_limited("line", "rate")
    assert value("nzap_limited_messages_total", channel="line", limit="rate") == before + 1


@pytest.mark.parametrize(
    ("path", "channel"),
    [("/webhooks/line", "line"), ("/webhooks/telegram", "telegram"), ("/api/chat", "web"),
     ("/metrics", None), ("/healthz", None), ("/", None), ("/console/tickets/T-1", None)],
)
def test_which_paths_are_timed_as_webhooks(path: str, channel: str | None) -> None:
    assert metrics.webhook_channel(path) == channel
