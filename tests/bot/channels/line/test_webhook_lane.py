"""The webhook's short lane past FastAPI's router answers a webhook as the full application did."""

from __future__ import annotations

import httpx
import pytest

from tests.bot.channels.line.conftest import LineBot, payload

pytestmark = pytest.mark.slow  # the whole app over HTTP with the LINE stand-in


def test_a_wrong_method_on_the_webhook_gets_the_same_405_as_any_other_route(line_bot: LineBot) -> None:
    webhook = httpx.get(f"{line_bot.url}/webhooks/line", timeout=10)
    other = httpx.post(f"{line_bot.url}/healthz", timeout=10)  # a FastAPI route, GET only
    assert webhook.status_code == other.status_code == 405
    assert webhook.json() == other.json() == {"detail": "Method Not Allowed"}
    assert webhook.headers["allow"] == "POST"
    assert "x-request-id" in webhook.headers  # our middlewares still wrap the lane


def test_a_webhook_and_the_applications_own_routes_both_answer(line_bot: LineBot) -> None:
    assert line_bot.post(payload("text_private")).status_code == 200
    assert line_bot.answer()
    assert httpx.get(f"{line_bot.url}/healthz", timeout=10).json() == {"status": "ok"}
    assert httpx.post(f"{line_bot.url}/webhooks/nowhere", timeout=10).status_code == 404
