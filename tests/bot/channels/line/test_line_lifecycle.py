"""Starting and stopping the LINE channel: work in hand is finished before the client closes."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest

from bot.app.server.app import create_app
from bot.channels.line import LineChannel
from bot.settings import LineSettings
from tests.bot.channels.line.conftest import payload, sign
from tests.line_stand_in import LOADING, REPLY, LineStandIn


def test_shutdown_waits_for_events_in_progress(line_channel: LineChannel, line_api: LineStandIn) -> None:
    line_api.delays[LOADING] = 0.5  # LINE is slow: the event is still being handled when shutdown starts

    async def scenario() -> int:
        await line_channel.startup()
        app = create_app([line_channel], ready=lambda: {})
        raw = json.dumps(payload("text_private"), ensure_ascii=False).encode()
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://line.test") as client:
            response = await client.post("/webhooks/line", content=raw, headers={"X-Line-Signature": sign(raw)})
        assert response.status_code == 200
        in_progress = line_channel.pending
        await line_channel.shutdown()
        return in_progress

    assert asyncio.run(scenario()) == 1
    assert line_channel.pending == 0
    assert [r.path for r in line_api.sent()] == [REPLY]


def test_the_channel_needs_both_credentials() -> None:
    with pytest.raises(ValueError, match="NZAP_LINE__CHANNEL_ACCESS_TOKEN"):
        LineChannel.from_settings(LineSettings(channel_secret="s"), engine=None, events=None)
