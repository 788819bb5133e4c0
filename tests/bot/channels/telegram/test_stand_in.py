"""The Bot API stand-in catches what Telegram would refuse, in form-encoded and JSON requests."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.telegram_spec import BotApiSpec, html_problems
from tests.telegram_stand_in import TOKEN, TelegramStandIn

KEYBOARD = {"inline_keyboard": [[{"text": "ส่งให้พี่เลี้ยง", "callback_data": "a:escalate:yes"}]]}


@pytest.fixture
def stand_in() -> Iterator[TelegramStandIn]:
    with TelegramStandIn() as api:
        yield api


def call(api: TelegramStandIn, method: str, params: dict[str, Any], form: bool = True) -> httpx.Response:
    url = f"{api.url}{TOKEN}/{method}"
    if form:
        encoded = {k: v if isinstance(v, str) else json.dumps(v, ensure_ascii=False) for k, v in params.items()}
        return httpx.post(url, data=encoded)
    return httpx.post(url, json=params)


@pytest.mark.parametrize("form", [True, False])
def test_a_valid_message_is_accepted_and_answered_like_telegram(stand_in: TelegramStandIn, form: bool) -> None:
    response = call(
        stand_in,
        "sendMessage",
        {
            "chat_id": 555000111,
            "text": "<b>แหล่งที่มา</b> 4,750 &amp; 0.4750",
            "parse_mode": "HTML",
            "reply_markup": KEYBOARD,
        },
        form,
    )
    assert response.status_code == 200
    result = response.json()["result"]
    assert result["text"] == "แหล่งที่มา 4,750 & 0.4750" and result["chat"]["type"] == "private"
    assert stand_in.violations == []


@pytest.mark.parametrize(
    ("method", "params", "problem"),
    [
        ("sendMessage", {"text": "สวัสดี"}, "missing required chat_id"),
        ("sendMessage", {"chat_id": 1, "text": "ก" * 4097}, "4097 characters"),
        ("sendMessage", {"chat_id": 1, "text": "a < b", "parse_mode": "HTML"}, "unescaped '<'"),
        ("sendMessage", {"chat_id": 1, "text": "<b>ตัวหนา", "parse_mode": "HTML"}, "never closed"),
        ("sendMessage", {"chat_id": 1, "text": "<div>x</div>", "parse_mode": "HTML"}, "<div> is not allowed"),
        ("sendMessage", {"chat_id": 1, "text": "x", "parse_mode": "html5"}, "parse_mode"),
        ("sendMessage", {"chat_id": 1, "text": "x", "colour": "red"}, "unknown field colour"),
        (
            "sendMessage",
            {
                "chat_id": 1,
                "text": "x",
                "reply_markup": {"inline_keyboard": [[{"text": "ก", "callback_data": "ก" * 22}]]},
            },
            "66 bytes",
        ),
        (
            "sendMessage",
            {"chat_id": 1, "text": "x", "reply_markup": {"inline_keyboard": [[{"text": "ก"}]]}},
            "exactly one action field",
        ),
        ("sendChatAction", {"chat_id": 1, "action": "thinking"}, "unknown action"),
        ("answerCallbackQuery", {"callback_query_id": "1", "text": "ก" * 201}, "longer than 200"),
        ("setWebhook", {"url": "https://x.example", "secret_token": "ความลับ"}, "secret_token"),
        ("sendMesage", {"chat_id": 1, "text": "x"}, "unknown method"),
    ],
)
def test_a_request_telegram_would_refuse_is_a_recorded_violation(
    stand_in: TelegramStandIn, method: str, params: dict[str, Any], problem: str
) -> None:
    response = call(stand_in, method, params)
    assert response.status_code in (400, 404)
    assert response.json()["ok"] is False
    assert any(problem in v for v in stand_in.violations), stand_in.violations


def test_the_spec_is_bot_api_10_1_and_types_nest() -> None:
    spec = BotApiSpec()
    assert spec.version == "Bot API 10.1"
    assert spec.check_value("x", {"message_id": 5, "allow_sending_without_reply": True}, ["ReplyParameters"]) == []
    assert spec.check_value("x", {"allow_sending_without_reply": True}, ["ReplyParameters"]) != []


def test_html_rules() -> None:
    assert html_problems('<a href="https://nzap.example">ลิงก์</a> <span class="tg-spoiler">x</span>') == []
    assert html_problems("<b><i>x</b></i>") != []
    assert html_problems("&nbsp;") == ["unsupported entity &nbsp;"]
    assert html_problems("<a>x</a>") == ["<a> needs href"]
