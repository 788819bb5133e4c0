"""LINE over real HTTP: an owner's figures over two messages become a footprint they can open with a button,
that ``/mydata`` exports and ``/forget`` erases."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.bot.channels.line.conftest import USER_ID, LineBot, payload
from tests.bot.channels.line.test_privacy import as_user, postback_from, quick_actions

pytestmark = pytest.mark.slow  # the whole app over HTTP with platform stand-ins: seconds a test


def typed(text: str, number: int) -> dict[str, Any]:
    return as_user(payload("text_private", text=text), USER_ID, f"01FOOTPRINT{number:015d}")


def pressed(data: str, number: int) -> dict[str, Any]:
    return postback_from(USER_ID, data, f"01FOOTPRESS{number:015d}")


def test_two_messages_make_a_footprint_that_mydata_exports_and_forget_erases(line_bot: LineBot) -> None:
    line_bot.post(typed("ไฟ 50,000 หน่วย/เดือน", 1))
    answer = line_bot.answer(1)[-1]
    assert "285 tCO2e ต่อปี" in answer.texts[0] and "เพิ่มในฟุตพริ้นท์ของคุณแล้ว" in answer.texts[-1]
    [button] = answer.messages[-1]["quickReply"]["items"]
    assert (button["action"]["type"], button["action"]["label"]) == ("postback", "ดูฟุตพริ้นท์")
    line_bot.post(typed("ดีเซล 2,000 ลิตร/เดือน LPG 500 กก./เดือน", 2))
    line_bot.answer(2)

    line_bot.post(pressed(button["action"]["data"], 1))
    footprint = "\n".join(line_bot.answer(3)[-1].texts)
    assert "ขอบเขตที่ 1 เชื้อเพลิงและสารทำความเย็นของกิจการ: 84.45 tCO2e" in footprint
    assert "ขอบเขตที่ 2 ไฟฟ้าที่ซื้อมาใช้: 285 tCO2e" in footprint
    assert "รวม 369.45 tCO2e ต่อปี" in footprint
    assert "แหล่งที่ปล่อยมากที่สุด: ไฟฟ้าจากระบบสายส่ง (77% ของทั้งหมด)" in footprint

    line_bot.post(typed("ขอดูข้อมูลของฉัน", 3))
    export = line_bot.answer(4)[-1]
    data = json.loads("\n".join(export.texts[1:]))
    assert [(e["name"], e["amount"], e["period"]) for e in data["footprint"]] == [
        ("ไฟฟ้าจากระบบสายส่ง", 50_000, "month"),
        ("น้ำมันดีเซล (ยานพาหนะบนถนน)", 2_000, "month"),
        ("ก๊าซปิโตรเลียมเหลว (LPG, ก๊าซหุงต้ม)", 500, "month"),
    ]

    line_bot.post(typed("/forget", 4))
    assert quick_actions(line_bot.answer(5)[-1]) == ["privacy:forget:yes", "privacy:forget:no"]
    line_bot.post(pressed("privacy:forget:yes", 2))
    assert "ลบข้อมูลของคุณเรียบร้อยแล้ว" in "\n".join(line_bot.answer(6)[-1].texts)

    line_bot.post(typed("/footprint", 5))
    assert quick_actions(line_bot.answer(7)[-1]) == ["consent:yes", "consent:no"], "a new user: the notice first"
    line_bot.post(pressed("consent:yes", 3))
    line_bot.answer(8)
    line_bot.post(typed("ดูฟุตพริ้นท์", 6))
    assert "ฟุตพริ้นท์ของคุณยังว่างอยู่" in "\n".join(line_bot.answer(9)[-1].texts)
