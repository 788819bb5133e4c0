"""Session reminders in the web chat, over real HTTP: opting in by typing, the button after consent, and the
reminder collected by the page once, even when two workers ran the reminder job at the same time."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.reminder_support_channels import two_workers_run_the_job
from tests.web_chat import TESTER, browser

pytestmark = pytest.mark.slow  # the whole app over HTTP: seconds a test


def test_an_opted_in_web_user_gets_the_reminder_once_and_an_opted_out_one_never(
    base_url: str, tmp_path: Path
) -> None:
    with browser(base_url, TESTER) as tester:
        [on] = tester.post("/api/chat", json={"text": "เปิดแจ้งเตือนครับ"}).json()["replies"]
        assert "เปิดการแจ้งเตือนแล้ว" in on["text"]
    with browser(base_url) as other:
        other.get("/")
        other.post("/api/chat", json={"text": "สวัสดีครับ"})
        [thanks] = other.post("/api/chat", json={"action": "consent:yes"}).json()["replies"]
        # The consent confirmation offers the reminders with a button (and says how to switch them).
        assert thanks["type"] == "quick_replies" and "บันทึกความยินยอมแล้ว" in thanks["text"]
        assert [o["action"] for o in thanks["options"]] == ["remind:on"] and "/remind on" in thanks["text"]
        [pressed] = other.post("/api/chat", json={"action": "remind:on"}).json()["replies"]
        assert "เปิดการแจ้งเตือนแล้ว" in pressed["text"]
        [off] = other.post("/api/chat", json={"text": "ปิดแจ้งเตือน"}).json()["replies"]
        assert "ปิดการแจ้งเตือนแล้ว" in off["text"]

        reports = two_workers_run_the_job(f"sqlite:///{tmp_path / 'data' / 'nzap.db'}")

        assert sum(r.queued.get("web", 0) for r in reports) == 1
        assert other.get("/api/chat/updates").json()["replies"] == []
    with browser(base_url, TESTER) as tester:
        [reminder] = tester.get("/api/chat/updates").json()["replies"]
        assert reminder["text"].startswith("🔔 พรุ่งนี้มีเรียนครับ (วันพฤหัสบดีที่ 5 พฤศจิกายน 2569)")
        assert "ปิดแจ้งเตือน" in reminder["text"]
        assert tester.get("/api/chat/updates").json()["replies"] == []  # collected once
