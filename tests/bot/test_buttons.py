"""Button payloads: the turn or ticket a button belongs to survives the round trip, within Telegram's limit."""

from __future__ import annotations

import pytest

from bot.buttons import ButtonPayload
from bot.channels.telegram.callbacks import CALLBACK_DATA_LIMIT, CallbackCodec, Pressed


def test_a_payload_names_its_turn_or_ticket_and_fits_telegram_as_is() -> None:
    offer = ButtonPayload("escalate:yes", turn=9_223_372_036_854_775).encode()
    status = ButtonPayload("ticket:status", ticket=42).encode()
    assert ButtonPayload.decode(offer) == ButtonPayload("escalate:yes", turn=9_223_372_036_854_775)
    assert ButtonPayload.decode(status) == ButtonPayload("ticket:status", ticket=42)
    codec = CallbackCodec()
    for data in (offer, status):
        sent = codec.action(data)
        assert sent == "a:" + data and len(sent.encode()) <= CALLBACK_DATA_LIMIT  # no in-memory map needed
        assert codec.decode(sent) == Pressed("action", data)


def test_a_thai_topic_keeps_its_turn() -> None:
    topic = ButtonPayload("topic", turn=7, arg="การติดตั้งโซลาร์รูฟท็อป/ขนาด").encode()
    assert ButtonPayload.decode(topic) == ButtonPayload("topic", turn=7, arg="การติดตั้งโซลาร์รูฟท็อป/ขนาด")


def test_older_payloads_still_decode_without_a_turn() -> None:
    assert ButtonPayload.decode("escalate:yes") == ButtonPayload("escalate:yes")
    assert ButtonPayload.decode("topic:ค่าไฟ") == ButtonPayload("topic", arg="ค่าไฟ")


@pytest.mark.parametrize("forged", ["", "escalate:yes@x1", "escalate:yes@q", "escalate:yes@q1x", "@q1", "a/b"])
def test_a_forged_or_mangled_payload_is_refused(forged: str) -> None:
    assert ButtonPayload.decode(forged) is None
