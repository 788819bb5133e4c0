"""Signed LINE webhooks in, replies at the LINE stand-in out: what an SME sees in LINE."""

from __future__ import annotations

import json
import uuid

import pytest

from tests.bot.channels.line.conftest import BOT_ID, GROUP_ID, QUESTION, USER_ID, LineBot, payload
from tests.line_stand_in import LOADING, PUSH, REPLY

pytestmark = pytest.mark.slow  # the whole app over HTTP with platform stand-ins: seconds a test


def flex_of(request) -> dict:
    return next(m for m in request.messages if m["type"] == "flex")


def test_a_thai_question_gets_one_reply_with_the_answer_and_its_sources(line_bot: LineBot) -> None:
    assert line_bot.post(payload("text_private")).status_code == 200
    [reply] = line_bot.answer()
    assert reply.path == REPLY
    assert reply.body["replyToken"] == payload("text_private")["events"][0]["replyToken"]
    assert payload("text_private")["events"][0]["message"]["text"] == QUESTION
    assert "4,750" in "\n".join(reply.texts)
    sources = flex_of(reply)
    assert sources["altText"].startswith("แหล่งที่มา")
    # Sources read as a course binder does (week, title), never as a file name.
    assert "week03.md" not in json.dumps(sources, ensure_ascii=False)
    assert "สัปดาห์ที่ 3 · การคำนวณคาร์บอนจากค่าไฟฟ้า" in json.dumps(sources["contents"], ensure_ascii=False)


def test_the_loading_animation_shows_in_one_to_one_chats_only(line_bot: LineBot) -> None:
    line_bot.post(payload("text_private"))
    line_bot.answer(1)
    line_bot.post(payload("text_group_mention"))
    line_bot.answer(2)
    loading = [r for r in line_bot.api.requests if r.path == LOADING]
    assert [r.body for r in loading] == [{"chatId": USER_ID, "loadingSeconds": 20}]
    first_reply = next(i for i, r in enumerate(line_bot.api.requests) if r.path == REPLY)
    assert line_bot.api.requests.index(loading[0]) < first_reply


def test_a_redelivered_event_is_never_answered_twice(line_bot: LineBot) -> None:
    line_bot.post(payload("text_private"))
    line_bot.answer(1)
    assert line_bot.post(payload("text_private", redelivery=True)).status_code == 200
    assert line_bot.post(payload("text_private")).status_code == 200
    line_bot.settle()
    assert len(line_bot.api.sent()) == 1


def test_wrong_or_missing_signatures_are_refused_and_nothing_is_processed(line_bot: LineBot) -> None:
    body = payload("text_private")
    raw = json.dumps(body).encode()
    assert line_bot.post(body, signature=None).status_code == 400
    assert line_bot.post(body, signature="").status_code == 400
    assert line_bot.post(body, signature="bm90IGEgc2lnbmF0dXJl").status_code == 400
    from tests.bot.channels.line.conftest import sign

    assert line_bot.post(body, signature=sign(raw, secret="another-channel-secret")).status_code == 400
    assert line_bot.post(raw + b" ", signature=sign(raw)).status_code == 400  # the body was changed after signing
    line_bot.settle()
    assert line_bot.channel.pending == 0
    assert line_bot.api.requests == []
    # The refused event was not claimed: its genuine delivery is still answered.
    line_bot.post(body)
    assert len(line_bot.answer(1)) == 1


def test_malformed_json_is_a_400_even_when_signed(line_bot: LineBot) -> None:
    assert line_bot.post(b'{"destination": "U1", "events": [').status_code == 400
    assert line_bot.post(b'{"events": [{"type": "message"}]}').status_code == 400
    assert line_bot.post(b"\xff\xfe not utf-8").status_code == 400
    line_bot.settle()
    assert line_bot.api.requests == []


def test_a_body_over_one_megabyte_is_a_413(line_bot: LineBot) -> None:
    body = payload("text_private", text="ก" * 400_000)  # 1.2 MB of UTF-8
    assert line_bot.post(body).status_code == 413
    line_bot.settle()
    assert line_bot.api.requests == []


def test_an_empty_event_list_is_fine(line_bot: LineBot) -> None:
    """LINE's console sends one to check the webhook URL."""
    assert line_bot.post({"destination": BOT_ID, "events": []}).status_code == 200


# Following the bot, the privacy notice and the consent postback: test_privacy.py.


def test_events_in_standby_mode_are_left_alone(line_bot: LineBot) -> None:
    body = payload("text_private")
    body["events"][0]["mode"] = "standby"
    del body["events"][0]["replyToken"]  # LINE sends none in standby
    assert line_bot.post(body).status_code == 200
    line_bot.settle()
    assert line_bot.api.requests == []


def test_unfollow_and_leave_send_nothing(line_bot: LineBot) -> None:
    assert line_bot.post(payload("unfollow")).status_code == 200
    assert line_bot.post(payload("leave")).status_code == 200
    line_bot.settle()
    assert line_bot.api.requests == []


def test_joining_a_group_introduces_the_bot(line_bot: LineBot) -> None:
    line_bot.post(payload("join"))
    [reply] = line_bot.answer()
    assert reply.path == REPLY
    assert "ถาม:" in reply.texts[0] and "แท็ก" in reply.texts[0]


def test_in_a_group_only_a_mention_or_a_command_is_answered(line_bot: LineBot) -> None:
    line_bot.post(payload("text_group_plain"))
    line_bot.settle()
    assert line_bot.api.requests == []
    line_bot.post(payload("text_group_mention"))
    [reply] = line_bot.answer()
    assert "4,750" in "\n".join(reply.texts)
    command = payload(
        "text_group_plain", event_id="01K2T8GRPCMD00000000000000", text="/ask โครงการ T-VER ดำเนินการโดยใคร"
    )
    line_bot.post(command)
    replies = line_bot.answer(2)
    assert "อบก." in "\n".join(replies[1].texts)


def test_a_room_command_in_thai_is_answered(line_bot: LineBot) -> None:
    line_bot.post(payload("text_room_command"))
    [reply] = line_bot.answer()
    assert "อบก." in "\n".join(reply.texts)


def test_stickers_images_audio_and_locations_get_a_polite_text(line_bot: LineBot) -> None:
    kinds = ["sticker", "image", "audio", "location"]
    for kind in kinds:
        line_bot.post(payload(kind))
    replies = line_bot.answer(len(kinds))
    assert len(replies) == len(kinds)
    for reply in replies:
        assert reply.texts == [reply.texts[0]] and "เฉพาะคำถามที่พิมพ์เป็นข้อความ" in reply.texts[0]


def test_the_escalation_quick_reply_hands_the_question_to_a_mentor(line_bot: LineBot) -> None:
    line_bot.post(payload("text_private", text="ราคาแผงโซลาร์ยี่ห้อจินโกวัตต์ละเท่าไหร่ครับ"))
    [offer] = line_bot.answer()
    items = offer.messages[-1]["quickReply"]["items"]
    assert [i["action"]["label"] for i in items] == ["ส่งให้พี่เลี้ยง", "ไม่เป็นไร"]
    pressed = payload("postback_escalate", data=items[0]["action"]["data"])
    line_bot.post(pressed)
    notice = line_bot.answer(2)[1]
    assert "ส่งคำถามให้พี่เลี้ยงแล้ว" in notice.texts[0] and "T-0001" in notice.texts[0]


def test_a_slow_answer_is_pushed_with_a_retry_key(line_bot: LineBot) -> None:
    line_bot.channel.reply_deadline_seconds = 0
    line_bot.post(payload("text_private"))
    [push] = line_bot.answer()
    assert push.path == PUSH and push.body["to"] == USER_ID
    assert uuid.UUID(push.headers["x-line-retry-key"])
    assert "4,750" in "\n".join(push.texts)
    assert not [r for r in line_bot.api.requests if r.path == REPLY]


def test_a_failed_push_is_retried_with_the_same_retry_key(line_bot: LineBot) -> None:
    line_bot.channel.reply_deadline_seconds = 0
    line_bot.api.fail_next(PUSH, 500, 503)
    line_bot.post(payload("text_private"))
    line_bot.answer()
    pushes = [r for r in line_bot.api.requests if r.path == PUSH]
    assert [r.status for r in pushes] == [500, 503, 200]
    assert len({r.headers["x-line-retry-key"] for r in pushes}) == 1


def test_a_refused_reply_token_falls_back_to_a_push(line_bot: LineBot) -> None:
    line_bot.api.fail_next(REPLY, 400)  # e.g. the token expired
    line_bot.post(payload("follow"))
    [push] = line_bot.answer()
    assert push.path == PUSH and push.body["to"] == USER_ID
    assert "consent:yes" in json.dumps(push.messages)


def test_a_group_answer_is_pushed_to_the_group_when_slow(line_bot: LineBot) -> None:
    line_bot.channel.reply_deadline_seconds = 0
    line_bot.post(payload("text_group_mention"))
    [push] = line_bot.answer()
    assert push.path == PUSH and push.body["to"] == GROUP_ID


def test_several_events_in_one_webhook_are_each_answered_once_in_order_per_chat(line_bot: LineBot) -> None:
    first = payload("text_private")["events"][0]
    second = payload("text_private", event_id="01K2T8SECOND00000000000000", text="โครงการ T-VER ดำเนินการโดยใคร")
    second = second["events"][0] | {"replyToken": "0f4c2a9d8e7b6a5c4d3e2f1a0b9c8d7e"}
    group = payload("text_group_mention")["events"][0]
    line_bot.post({"destination": BOT_ID, "events": [first, second, group]})
    replies = line_bot.answer(3)
    assert len(replies) == 3
    private = [r for r in replies if r.body["replyToken"] in (first["replyToken"], second["replyToken"])]
    assert [r.body["replyToken"] for r in private] == [first["replyToken"], second["replyToken"]]
    assert "4,750" in private[0].texts[0] and "อบก." in "\n".join(private[1].texts)
