"""The web chat: its JSON API, and the page in headless Chromium with a real Thai question."""

from __future__ import annotations

import shutil
from pathlib import Path

import httpx
import pytest

ARTIFACTS = Path(__file__).resolve().parents[3] / "artifacts"
QUESTION = "ค่าการปล่อยก๊าซเรือนกระจกของไฟฟ้าเท่าไหร่ครับ"


def test_the_api_answers_with_sources_and_offers_a_mentor(base_url: str) -> None:
    answer = httpx.post(f"{base_url}/api/chat", json={"session": "tester0001", "text": QUESTION}, timeout=30).json()
    kinds = [r["type"] for r in answer["replies"]]
    assert kinds == ["text", "sources"]
    assert "4,750" in answer["replies"][0]["text"]
    assert answer["replies"][1]["citations"][0]["source"] == "week03.md"
    assert answer["replies"][1]["citations"][0]["label"] == "สัปดาห์ที่ 3 · การคำนวณคาร์บอนจากค่าไฟฟ้า"
    near_miss = "ราคาแผงโซลาร์ยี่ห้อจินโกวัตต์ละเท่าไหร่ครับ"
    offer = httpx.post(
        f"{base_url}/api/chat", json={"session": "tester0001", "text": near_miss}, timeout=30
    ).json()["replies"][-1]
    assert offer["type"] == "quick_replies" and [o["label"] for o in offer["options"]] == ["ส่งให้พี่เลี้ยง", "ไม่เป็นไร"]
    notice = httpx.post(
        f"{base_url}/api/chat", json={"session": "tester0001", "action": offer["options"][0]["action"]}, timeout=30
    ).json()["replies"][0]
    assert notice["type"] == "escalation" and notice["reference"] == "T-0001"


def test_a_new_session_gets_the_privacy_notice_first_and_its_buttons_work(base_url: str) -> None:
    chat = f"{base_url}/api/chat"
    [notice] = httpx.post(chat, json={"session": "newcomer01", "text": QUESTION}, timeout=30).json()["replies"]
    assert notice["type"] == "quick_replies" and "ข้อมูลส่วนบุคคล" in notice["text"]
    assert [o["action"] for o in notice["options"]] == ["consent:yes", "consent:no"]
    thanks, answer, *_ = httpx.post(chat, json={"session": "newcomer01", "action": "consent:yes"}, timeout=30).json()[
        "replies"
    ]
    # The question sent before consent is answered right after the confirmation.
    assert "บันทึกความยินยอมแล้ว" in thanks["text"] and "4,750" in answer["text"]


def test_bad_requests_are_refused_cleanly(base_url: str) -> None:
    assert httpx.post(f"{base_url}/api/chat", json={"session": "x", "text": "สวัสดี"}).status_code == 422
    assert httpx.post(f"{base_url}/api/chat", json={"session": "tester0001"}).status_code == 422
    assert (
        httpx.post(
            f"{base_url}/api/chat", content=b"{not json", headers={"Content-Type": "application/json"}
        ).status_code
        == 422
    )
    big = {"session": "tester0001", "text": "ก" * 1_100_000}
    assert httpx.post(f"{base_url}/api/chat", json=big).status_code == 413


@pytest.mark.needs_system
def test_a_thai_question_in_headless_chromium(base_url: str) -> None:
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail("Debian's chromium is not installed: run scripts/system-deps.sh (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        page = browser.new_page(viewport={"width": 390, "height": 844}, locale="th-TH")  # a phone
        page.goto(base_url)
        page.fill("#text", QUESTION)
        page.click("button[type=submit]")
        # A new browser session: the privacy notice first; the question is answered right after agreeing.
        page.click("button:text-is('ยินยอม')", timeout=30_000)
        page.wait_for_selector("text=บันทึกความยินยอมแล้ว", timeout=30_000)
        page.wait_for_selector(".sources li", timeout=30_000)
        said = page.locator(".msg.bot").all_inner_texts()  # welcome, notice, thanks, answer, sources (, more)
        notice, answer = said[1], said[3]
        sources = page.locator(".sources").inner_text()
        page.screenshot(path=str(ARTIFACTS / "web_chat.png"), full_page=True)
        browser.close()
    assert "ข้อมูลส่วนบุคคล" in notice and "4,750" not in notice
    assert "4,750" in answer
    # A human title (week and title), never the file name.
    assert "แหล่งที่มา" in sources and "สัปดาห์ที่ 3 · การคำนวณคาร์บอนจากค่าไฟฟ้า" in sources
    assert "week03.md" not in sources
