"""Session reminders on LINE, through the stand-in: opting in with the button and with Thai words, and the
reminder reaching each opted-in user once (one multicast, with a retry key) even when two workers ran the
reminder job at the same time; an opted-out user never gets one."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from bot.channels.line import LineOutbound, LineOutboxSender, LineSender
from bot.settings import LineSettings
from bot.storage import open_database
from tests.bot.channels.line.conftest import OTHER_USER_ID, USER_ID, LineBot, payload
from tests.consent import consent_in_database
from tests.line_stand_in import MULTICAST, PUSH, LineStandIn
from tests.reminder_support import deliver
from tests.reminder_support_channels import two_workers_run_the_job

pytestmark = pytest.mark.slow  # the whole app over HTTP with platform stand-ins: seconds a test

THIRD_USER = "U" + "3" * 32
FOURTH_USER = "U" + "4" * 32


def as_user(body: dict, user_id: str = USER_ID) -> dict:
    """The event from ``user_id``, with a reply token of its own (each webhook event has one)."""
    body["events"][0]["source"]["userId"] = user_id
    body["events"][0]["replyToken"] = uuid.uuid4().hex
    return body


def line_sender(api: LineStandIn) -> LineOutboxSender:
    settings = LineSettings(channel_secret="s", channel_access_token=api.access_token, api_base_url=api.url)
    return LineOutboxSender(LineOutbound(LineSender.from_settings(settings, request_timeout_seconds=5)))


def test_opted_in_line_users_get_one_multicast_once_and_the_opted_out_none(line_bot: LineBot, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'data' / 'nzap.db'}"
    with open_database(url) as database:
        consent_in_database(database, "line", THIRD_USER, FOURTH_USER)
    line_bot.post(as_user(payload("postback_consent", data="remind:on", event_id="01REMIND0000000000000000001")))
    line_bot.post(as_user(payload("text_private", text="เปิดแจ้งเตือนครับ", event_id="01REMIND0000000000000000002"), THIRD_USER))
    line_bot.post(as_user(payload("text_private", text="/remind on", event_id="01REMIND0000000000000000003"), OTHER_USER_ID))
    replies = line_bot.answer(3)
    assert all("เปิดการแจ้งเตือนแล้ว" in r.texts[0] for r in replies)
    line_bot.post(as_user(payload("text_private", text="ปิดแจ้งเตือน", event_id="01REMIND0000000000000000004"), OTHER_USER_ID))
    assert "ปิดการแจ้งเตือนแล้ว" in line_bot.answer(4)[-1].texts[0]
    line_bot.api.clear()

    two_workers_run_the_job(url)
    with open_database(url) as database:
        assert deliver(database, [line_sender(line_bot.api)]) == 1
        two_workers_run_the_job(url)  # later runs the same evening write nothing
        assert deliver(database, [line_sender(line_bot.api)]) == 0

    [multicast] = line_bot.api.sent()
    assert multicast.path == MULTICAST and sorted(multicast.body["to"]) == sorted([USER_ID, THIRD_USER])
    assert multicast.headers["x-line-retry-key"]  # a repeat after a crash is recognised by LINE (409)
    [text] = multicast.texts
    assert text.startswith("🔔 พรุ่งนี้มีเรียนครับ (วันพฤหัสบดีที่ 5 พฤศจิกายน 2569)") and "หัวข้อ:" in text
    assert line_bot.api.sent(PUSH) == []  # nobody else: not the opted-out user, not the one who never opted in


def test_the_consent_confirmation_carries_the_reminder_button(line_bot: LineBot) -> None:
    new_user = "U" + "6" * 32
    line_bot.post(as_user(payload("text_private", text="สวัสดีครับ", event_id="01REMIND0000000000000000011"), new_user))
    line_bot.answer(1)
    line_bot.post(as_user(payload("postback_consent", event_id="01REMIND0000000000000000012"), new_user))
    thanks = line_bot.answer(2)[-1]
    assert "บันทึกความยินยอมแล้ว" in thanks.texts[0]
    [item] = thanks.messages[-1]["quickReply"]["items"]
    assert item["action"]["type"] == "postback" and item["action"]["data"] == "remind:on"
    assert item["action"]["label"] == "🔔 เปิดแจ้งเตือน"
