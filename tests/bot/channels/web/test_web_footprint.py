"""The web chat's API: figures over two messages become a footprint behind a button; ``/mydata`` exports it
and ``/forget`` erases it."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from tests.web_chat import TESTER, holding


def chat(base_url: str, text: str = "", action: str | None = None) -> list[dict[str, Any]]:
    body: dict[str, Any] = {"action": action} if action else {"text": text}
    response = httpx.post(f"{base_url}/api/chat", json=body, headers=holding(TESTER), timeout=30)
    assert response.status_code == 200
    replies: list[dict[str, Any]] = response.json()["replies"]
    return replies


@pytest.mark.slow
def test_a_footprint_over_two_messages_shown_exported_and_erased(base_url: str) -> None:
    [first] = chat(base_url, "ไฟ 50,000 หน่วย/เดือน")
    assert first["type"] == "quick_replies" and "285 tCO2e ต่อปี" in first["text"]
    [button] = first["options"]
    assert button["label"] == "ดูฟุตพริ้นท์"
    chat(base_url, "ดีเซล 2,000 ลิตร/เดือน LPG 500 กก./เดือน")

    [shown] = chat(base_url, action=button["action"])
    assert "ขอบเขตที่ 2 ไฟฟ้าที่ซื้อมาใช้: 285 tCO2e" in shown["text"]
    assert "รวม 369.45 tCO2e ต่อปี" in shown["text"]
    assert "แหล่งที่ปล่อยมากที่สุด: ไฟฟ้าจากระบบสายส่ง (77% ของทั้งหมด)" in shown["text"]

    _, document = chat(base_url, "/mydata")
    names = [entry["name"] for entry in json.loads(document["text"])["footprint"]]
    assert names == ["ไฟฟ้าจากระบบสายส่ง", "น้ำมันดีเซล (ยานพาหนะบนถนน)", "ก๊าซปิโตรเลียมเหลว (LPG, ก๊าซหุงต้ม)"]

    [confirm] = chat(base_url, "/forget")
    [done] = chat(base_url, action=confirm["options"][0]["action"])
    assert "ลบข้อมูลของคุณเรียบร้อยแล้ว" in done["text"]
    [notice] = chat(base_url, "/footprint")
    assert [o["action"] for o in notice["options"]] == ["consent:yes", "consent:no"]
    chat(base_url, action="consent:yes")
    [empty] = chat(base_url, "/footprint")
    assert "ฟุตพริ้นท์ของคุณยังว่างอยู่" in empty["text"]
