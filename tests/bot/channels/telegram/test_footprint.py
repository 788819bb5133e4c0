"""Telegram over real HTTP: figures over two messages become a footprint shown by an inline button and by
``/footprint``; ``/footprint clear`` empties it; ``/mydata`` exports it and ``/forget`` erases it."""

from __future__ import annotations

import html
import json
from typing import Any

import pytest

from tests.bot.channels.telegram.conftest import LiveServer, payload, press
from tests.telegram_stand_in import Recorded, TelegramStandIn

pytestmark = pytest.mark.slow  # the whole app over HTTP with platform stand-ins: seconds a test


def typed(text: str, update_id: int) -> dict[str, Any]:
    update = payload("private_text", text=text)
    update["update_id"] = update_id
    return update


def command(text: str, update_id: int) -> dict[str, Any]:
    """A command as Telegram sends it: the entity covers the command word, not its argument."""
    entities = [{"offset": 0, "length": len(text.split()[0]), "type": "bot_command"}]
    update = payload("private_mentor", text=text, entities=entities)
    update["update_id"] = update_id
    return update


class Chat:
    """The owner's side of the chat: post an update, read the bot's next message."""

    def __init__(self, server: LiveServer, api: TelegramStandIn) -> None:
        self.server, self.api, self.seen = server, api, 0

    def send(self, update: dict[str, Any]) -> Recorded:
        self.server.post(update)
        self.seen += 1
        return self.api.wait_for("sendMessage", self.seen)[-1]


def text_of(sent: Recorded) -> str:
    return html.unescape(sent.params["text"])


def test_a_footprint_over_two_messages_shown_exported_and_erased(
    server: LiveServer, telegram_api: TelegramStandIn
) -> None:
    chat = Chat(server, telegram_api)
    first = chat.send(typed("ไฟ 50,000 หน่วย/เดือน", 850000001))
    assert "285 tCO2e ต่อปี" in text_of(first) and "เพิ่มในฟุตพริ้นท์ของคุณแล้ว" in text_of(first)
    [button] = [b for row in first.params["reply_markup"]["inline_keyboard"] for b in row]
    assert (button["text"], button["callback_data"]) == ("ดูฟุตพริ้นท์", "a:footprint:show")
    chat.send(typed("ดีเซล 2,000 ลิตร/เดือน LPG 500 กก./เดือน", 850000002))

    footprint = text_of(chat.send(press(first, "ดูฟุตพริ้นท์", 850000003)))
    assert "ขอบเขตที่ 1 เชื้อเพลิงและสารทำความเย็นของกิจการ: 84.45 tCO2e" in footprint
    assert "• ไฟฟ้าจากระบบสายส่ง 50,000 หน่วย (kWh) ต่อเดือน → 285 tCO2e (ค่าการปล่อยปี 2026)" in footprint
    assert "รวม 369.45 tCO2e ต่อปี" in footprint
    assert "แหล่งที่ปล่อยมากที่สุด: ไฟฟ้าจากระบบสายส่ง (77% ของทั้งหมด)" in footprint
    assert text_of(chat.send(command("/footprint", 850000004))) == footprint

    _, document = text_of(chat.send(command("/mydata", 850000005))).split("\n\n", 1)
    exported = json.loads(document)["footprint"]
    assert [e["activity"] for e in exported] == ["grid_electricity", "diesel:mobile", "lpg:stationary"]
    assert exported[0]["kgco2e_per_year"] == pytest.approx(285_000)

    confirm = chat.send(command("/forget", 850000006))
    assert "ลบข้อมูลของคุณเรียบร้อยแล้ว" in text_of(chat.send(press(confirm, "ยืนยันลบ", 850000007)))
    notice = chat.send(command("/footprint", 850000008))
    assert "ข้อมูลส่วนบุคคล" in text_of(notice), "erased: a new user who sees the notice first"
    chat.send(press(notice, "ยินยอม", 850000009))
    assert "ฟุตพริ้นท์ของคุณยังว่างอยู่" in text_of(chat.send(command("/footprint", 850000010)))


def test_footprint_clear_as_a_command_says_what_it_removed(server: LiveServer, telegram_api: TelegramStandIn) -> None:
    chat = Chat(server, telegram_api)
    chat.send(typed("ใช้ LPG เดือนละ 500 กก.", 850000101))
    cleared = text_of(chat.send(command("/footprint clear", 850000102)))
    assert cleared == "ล้างฟุตพริ้นท์แล้วครับ ลบ 1 รายการ: ก๊าซปิโตรเลียมเหลว"
