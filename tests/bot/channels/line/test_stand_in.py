"""The LINE stand-in refuses what LINE refuses, so a passing suite means the requests were valid."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.line_stand_in import LOADING, PUSH, REPLY, LineStandIn

USER = "U77876d5dde94562bf069c560b4846074"
KEY = "123e4567-e89b-12d3-a456-426614174000"
AUTH = {"Authorization": "Bearer stand-in-token"}


@pytest.fixture
def stand_in() -> Iterator[LineStandIn]:
    with LineStandIn("stand-in-token") as server:
        yield server


def post(stand_in: LineStandIn, path: str, body: Any, **headers: str) -> httpx.Response:
    return httpx.post(f"{stand_in.url}{path}", json=body, headers={**AUTH, **headers}, timeout=10)


def text(value: str, **extra: Any) -> dict[str, Any]:
    return {"type": "text", "text": value, **extra}


def reply(*messages: dict[str, Any]) -> dict[str, Any]:
    return {"replyToken": "e59fa921f31c02dae32b6bf55bf39ca9", "messages": list(messages)}


def flex(alt: str, contents: dict[str, Any]) -> dict[str, Any]:
    return {"type": "flex", "altText": alt, "contents": contents}


def bubble(*components: dict[str, Any]) -> dict[str, Any]:
    return {"type": "bubble", "body": {"type": "box", "layout": "vertical", "contents": list(components)}}


def postback(label: str, data: str) -> dict[str, Any]:
    return {"type": "postback", "label": label, "data": data}


def quick(*actions: dict[str, Any]) -> dict[str, Any]:
    return {"items": [{"type": "action", "action": a} for a in actions]}


def test_a_valid_push_is_accepted_once_per_retry_key(stand_in: LineStandIn) -> None:
    body = {"to": USER, "messages": [text("สวัสดีครับ")]}
    assert post(stand_in, PUSH, body, **{"X-Line-Retry-Key": KEY}).status_code == 200
    assert post(stand_in, PUSH, body, **{"X-Line-Retry-Key": KEY}).status_code == 409
    assert stand_in.violations == []
    assert len(stand_in.sent()) == 1


@pytest.mark.parametrize(
    ("path", "body", "headers", "problem"),
    [
        (PUSH, {"to": USER, "messages": [text("ก")]}, {}, "without X-Line-Retry-Key"),
        (PUSH, {"to": USER, "messages": [text("ก")]}, {"X-Line-Retry-Key": "retry-1"}, "not a UUID"),
        (PUSH, {"to": "someone", "messages": [text("ก")]}, {"X-Line-Retry-Key": KEY}, "not a user, group or room"),
        (REPLY, {"replyToken": "t", "messages": [text("ก")]}, {"X-Line-Retry-Key": KEY}, "only on push"),
        (REPLY, {"replyToken": "t", "messages": [text("ก")] * 6}, {}, "maxItems is 5"),
        (REPLY, {"replyToken": "t", "messages": []}, {}, "minItems is 1"),
        (REPLY, {"replyToken": "t", "messages": [text("ก" * 5001)]}, {}, "5,000"),
        (REPLY, {"replyToken": "t", "messages": [text("😀" * 2501)]}, {}, "5002 UTF-16"),
        (REPLY, {"replyToken": "t", "messages": [text("")]}, {}, "empty text"),
        (REPLY, {"replyToken": "t", "messages": [{"type": "txt", "text": "ก"}]}, {}, "not one of the known subtypes"),
        (REPLY, {"replyToken": "t", "messages": [text("ก", altText="x")]}, {}, "does not declare: ['altText']"),
        (REPLY, {"messages": [text("ก")]}, {}, "'replyToken' is a required property"),
        (REPLY, reply(flex("ก" * 401, {"type": "bubble"})), {}, "altText must have 1..400"),
        (REPLY, reply(flex("แหล่งที่มา", bubble({"type": "txt", "text": "ก"}))), {}, "body.contents[0]: type 'txt'"),
        (REPLY, reply(flex("แหล่งที่มา", bubble({"type": "text", "text": ""}))), {}, "empty flex text"),
        (
            REPLY,
            reply(flex("แหล่งที่มา", {"type": "carousel", "contents": [{"type": "bubble"}] * 13})),
            {},
            "carousel with 13 bubbles",
        ),
        (REPLY, reply(text("ก", quickReply=quick(postback("ส่งคำถามให้พี่เลี้ยงช่วยตอบ", "a")))), {}, "quick reply label"),
        (REPLY, reply(text("ก", quickReply=quick(*[postback("ก", "a")] * 14))), {}, "maxItems is 13"),
        (REPLY, reply(text("ก", quickReply=quick(postback("ก", "a" * 301)))), {}, "data: maxLength is 300"),
        (REPLY, reply(text("ก", quickReply=quick({"label": "ก", "data": "a"}))), {}, "type None is not one of"),
        (LOADING, {"chatId": USER, "loadingSeconds": 7}, {}, "multiple of 5"),
        (LOADING, {"chatId": USER, "loadingSeconds": 65}, {}, "maximum of 60"),
        (LOADING, {"chatId": "Ccb05c6f9eee5dcd6a315c38a3406ca98", "loadingSeconds": 20}, {}, "one-to-one"),
        (LOADING, {"loadingSeconds": 20}, {}, "'chatId' is a required property"),
    ],
)
def test_requests_line_would_refuse_are_recorded_as_violations(
    stand_in: LineStandIn, path: str, body: Any, headers: dict[str, str], problem: str
) -> None:
    assert post(stand_in, path, body, **headers).status_code == 400
    assert any(problem in v for v in stand_in.violations), stand_in.violations


def test_a_reply_token_used_twice_is_a_violation(stand_in: LineStandIn) -> None:
    body = {"replyToken": "e59fa921f31c02dae32b6bf55bf39ca9", "messages": [text("ตอบครั้งเดียว")]}
    assert post(stand_in, REPLY, body).status_code == 200
    assert post(stand_in, REPLY, body).status_code == 400
    assert any("used twice" in v for v in stand_in.violations)


def test_a_request_without_the_bearer_token_is_a_violation(stand_in: LineStandIn) -> None:
    response = httpx.post(f"{stand_in.url}{LOADING}", json={"chatId": USER}, headers={"Authorization": "Bearer x"})
    assert response.status_code == 401
    assert any("Authorization" in v for v in stand_in.violations)


def test_an_unknown_endpoint_is_a_violation(stand_in: LineStandIn) -> None:
    assert post(stand_in, "/v2/bot/message/shout", {}).status_code == 404
    assert stand_in.violations


def test_the_profile_endpoint_answers(stand_in: LineStandIn) -> None:
    response = httpx.get(f"{stand_in.url}/v2/bot/profile/{USER}", headers=AUTH)
    assert response.json()["userId"] == USER and stand_in.violations == []
