"""Reading webhooks: recorded payloads match LINE's webhook spec, and who is asking the bot what."""

from __future__ import annotations

import json

import pytest
from linebot.v3.webhooks import (
    FollowEvent,
    JoinEvent,
    LeaveEvent,
    MessageEvent,
    PostbackEvent,
    StickerMessageContent,
    TextMessageContent,
    UnfollowEvent,
)

from bot.channels.line.webhook import WebhookReader, WebhookRejectedError, addressed_question, chat_place
from tests.bot.channels.line.conftest import BOT_ID, GROUP_ID, PAYLOADS, SECRET, USER_ID, payload, sign
from tests.line_stand_in import webhook_spec

EXPECTED = {
    "text_private": MessageEvent,
    "text_group_plain": MessageEvent,
    "text_group_mention": MessageEvent,
    "text_room_command": MessageEvent,
    "sticker": MessageEvent,
    "image": MessageEvent,
    "audio": MessageEvent,
    "location": MessageEvent,
    "follow": FollowEvent,
    "unfollow": UnfollowEvent,
    "join": JoinEvent,
    "leave": LeaveEvent,
    "postback_escalate": PostbackEvent,
    "postback_consent": PostbackEvent,
}


def read(body: dict) -> list:
    raw = json.dumps(body, ensure_ascii=False).encode()
    return WebhookReader(SECRET).read(raw, sign(raw)).events


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_recorded_payloads_follow_the_webhook_spec_and_parse_to_typed_events(name: str) -> None:
    body = json.loads((PAYLOADS / f"{name}.json").read_text(encoding="utf-8"))
    assert webhook_spec().errors("CallbackRequest", body) == []
    [event] = read(body)
    assert isinstance(event, EXPECTED[name])


def test_every_payload_file_is_covered() -> None:
    assert {p.stem for p in PAYLOADS.glob("*.json")} == set(EXPECTED)


def test_the_signature_is_checked_over_the_raw_bytes() -> None:
    reader = WebhookReader(SECRET)
    raw = json.dumps(payload("text_private"), ensure_ascii=False).encode()
    assert reader.read(raw, sign(raw)).destination == BOT_ID
    for signature in (None, "", sign(raw, "other-secret"), sign(raw)[:-2] + "==", "ไม่ใช่ลายเซ็น"):
        with pytest.raises(WebhookRejectedError):
            reader.read(raw, signature)


def test_one_to_one_text_is_always_for_the_bot() -> None:
    [event] = read(payload("text_private"))
    place = chat_place(event.source)
    assert place is not None and place.private and place.to == USER_ID
    assert addressed_question(event.message, place, BOT_ID) == "ค่าการปล่อยก๊าซเรือนกระจกของไฟฟ้าเท่าไหร่"


def test_in_a_group_the_mention_is_removed_from_the_question() -> None:
    [event] = read(payload("text_group_mention"))
    place = chat_place(event.source)
    assert place is not None and not place.private and place.to == GROUP_ID and place.user_id != GROUP_ID
    assert addressed_question(event.message, place, BOT_ID) == "ค่าการปล่อยก๊าซเรือนกระจกของไฟฟ้าเท่าไหร่"


def test_a_mention_of_the_bots_id_counts_even_without_is_self() -> None:
    body = payload("text_group_mention")
    del body["events"][0]["message"]["mention"]["mentionees"][0]["isSelf"]
    [event] = read(body)
    assert addressed_question(event.message, chat_place(event.source), BOT_ID) is not None
    assert addressed_question(event.message, chat_place(event.source), None) is None


def test_a_mention_of_someone_else_is_not_for_the_bot() -> None:
    body = payload("text_group_mention")
    mentionee = body["events"][0]["message"]["mention"]["mentionees"][0]
    mentionee.update(isSelf=False, userId="U0123456789abcdef0123456789abcdef")
    [event] = read(body)
    assert addressed_question(event.message, chat_place(event.source), BOT_ID) is None


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("/ask T-VER คืออะไร", "T-VER คืออะไร"),
        ("/ASK   T-VER คืออะไร", "T-VER คืออะไร"),
        ("ถาม: T-VER คืออะไร", "T-VER คืออะไร"),
        ("ถาม : T-VER คืออะไร", "T-VER คืออะไร"),
        ("/ถาม T-VER คืออะไร", "T-VER คืออะไร"),
        ("ถามหน่อยครับ T-VER คืออะไร", None),
        ("/asking", None),
        ("T-VER คืออะไร", None),
    ],
)
def test_group_commands(text: str, question: str | None) -> None:
    [event] = read(payload("text_group_plain", text=text))
    assert addressed_question(event.message, chat_place(event.source), BOT_ID) == question


def test_mention_offsets_count_utf16_units() -> None:
    body = payload("text_group_mention", text="👍 @ผู้ช่วย NZAP ขอบคุณครับ")
    body["events"][0]["message"]["mention"]["mentionees"][0].update(index=3, length=13)  # 👍 is two units
    [event] = read(body)
    assert addressed_question(event.message, chat_place(event.source), BOT_ID) == "👍  ขอบคุณครับ"


def test_message_kinds_are_typed() -> None:
    [text_event] = read(payload("text_private"))
    [sticker_event] = read(payload("sticker"))
    assert isinstance(text_event.message, TextMessageContent)
    assert isinstance(sticker_event.message, StickerMessageContent)
