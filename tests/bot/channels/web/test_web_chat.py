"""The web chat: its JSON API, and the page in headless Chromium with a real Thai question."""

from __future__ import annotations

import shutil
from pathlib import Path

import httpx
import pytest

from tests.web_chat import TESTER, WEB_COOKIE, browser

ARTIFACTS = Path(__file__).resolve().parents[3] / "artifacts"
QUESTION = "ค่าการปล่อยก๊าซเรือนกระจกของไฟฟ้าเท่าไหร่ครับ"


def test_the_api_answers_with_sources_and_offers_a_mentor(base_url: str) -> None:
    with browser(base_url, TESTER) as client:
        answer = client.post("/api/chat", json={"text": QUESTION}).json()
        kinds = [r["type"] for r in answer["replies"]]
        assert kinds == ["text", "sources", "quick_replies"]  # the answer, its sources, then 👍 / 👎
        assert "4,750" in answer["replies"][0]["text"]
        assert answer["replies"][1]["citations"][0]["source"] == "week03.md"
        assert answer["replies"][1]["citations"][0]["label"] == "สัปดาห์ที่ 3 · การคำนวณคาร์บอนจากค่าไฟฟ้า"
        near_miss = "ราคาแผงโซลาร์ยี่ห้อจินโกวัตต์ละเท่าไหร่ครับ"
        offer = client.post("/api/chat", json={"text": near_miss}).json()["replies"][-1]
        assert offer["type"] == "quick_replies" and [o["label"] for o in offer["options"]] == ["ส่งให้พี่เลี้ยง", "ไม่เป็นไร"]
        notice = client.post("/api/chat", json={"action": offer["options"][0]["action"]}).json()["replies"][0]
        assert notice["type"] == "escalation" and notice["reference"] == "T-0001"


def test_a_new_session_gets_the_privacy_notice_first_and_its_buttons_work(base_url: str) -> None:
    with browser(base_url) as client:
        assert client.get("/").status_code == 200  # the page issues the session
        [notice] = client.post("/api/chat", json={"text": QUESTION}).json()["replies"]
        assert notice["type"] == "quick_replies" and "ข้อมูลส่วนบุคคล" in notice["text"]
        assert [o["action"] for o in notice["options"]] == ["consent:yes", "consent:no"]
        thanks, answer, *_ = client.post("/api/chat", json={"action": "consent:yes"}).json()["replies"]
    # The question sent before consent is answered right after the confirmation.
    assert "บันทึกความยินยอมแล้ว" in thanks["text"] and "4,750" in answer["text"]


def test_the_session_is_a_server_issued_http_only_cookie_and_never_in_a_url(base_url: str) -> None:
    with browser(base_url) as client:
        page = client.get("/")
        cookie = page.headers["set-cookie"]
        assert cookie.startswith(f"{WEB_COOKIE}=") and "HttpOnly" in cookie and "SameSite=lax" in cookie
        assert "Secure" not in cookie  # plain HTTP here; over HTTPS (or chat_cookie_secure=always) it is Secure
        session = client.cookies[WEB_COOKIE]
        assert len(session) == 43
        # The page keeps no id of its own, and asks for updates without one in the URL.
        assert "localStorage.setItem" not in page.text and "Math.random" not in page.text
        assert "?session=" not in page.text and "/api/chat/updates\"" in page.text
        # A second visit keeps the session: no new cookie.
        assert "set-cookie" not in client.get("/").headers
    # Whatever id a client puts in the body is ignored: it cannot speak as another user.
    with browser(base_url) as stranger:
        [notice] = stranger.post("/api/chat", json={"session": "tester0001", "text": QUESTION}).json()["replies"]
        assert "ข้อมูลส่วนบุคคล" in notice["text"]  # a new user (the privacy notice), not the tester who agreed
        assert stranger.cookies[WEB_COOKIE] not in (session, TESTER)
    # A cookie of the wrong shape is replaced by a server-issued one.
    response = httpx.post(
        f"{base_url}/api/chat", json={"text": "สวัสดี"}, headers={"Cookie": f"{WEB_COOKIE}=short"}, timeout=60
    )
    issued = response.headers["set-cookie"].split(";")[0].split("=", 1)[1]
    assert response.status_code == 200 and len(issued) == 43


def test_bad_requests_are_refused_cleanly(base_url: str) -> None:
    with browser(base_url, TESTER) as client:
        assert client.post("/api/chat", json={}).status_code == 422
        assert client.post("/api/chat", json={"text": "   "}).status_code == 422
        not_json = client.post("/api/chat", content=b"{not json", headers={"Content-Type": "application/json"})
        assert not_json.status_code == 422
        assert client.post("/api/chat", json={"text": "ก" * 1_100_000}).status_code == 413
        nested = b'{"text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
        assert client.post("/api/chat", content=nested, headers={"Content-Type": "application/json"}).status_code == 400


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
