"""End to end in headless Debian Chromium: a Telegram SME's question reaches the console and the answer comes back.

The whole product runs as ``nzap serve`` builds it (:func:`bot.app.composition.build_server`): the real
engine over a small Thai index, the Telegram channel pointed at the Bot API stand-in, the mentor
console and the relay. An SME asks on Telegram something the material does not cover and accepts
the mentor offer; a mentor signs in to the console in Chromium, finds the ticket in the queue,
claims it and answers in Thai; the relay delivers exactly one message with that answer to the
SME's Telegram chat. Screenshots (phone and desktop widths) go to ``test-artifacts/console/``.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from pydantic import SecretStr

from bot.app.composition import build_server
from bot.mentoring import MentorRegistry, Outbox, TicketService
from bot.settings import MentoringSettings, Settings
from bot.storage import open_database
from knowledge.embedders import Embedder
from knowledge.sync import sync_folders
from tests.bot.channels.telegram.conftest import SECRET, payload, press, telegram_settings
from tests.consent import consent_in_database
from tests.server_thread import serve
from tests.telegram_stand_in import TelegramStandIn

ARTIFACTS = Path(__file__).resolve().parents[4] / "test-artifacts" / "console"
SME_CHAT = 555000111
QUESTION = "ราคาแผงโซลาร์ยี่ห้อจินโกวัตต์ละเท่าไหร่ครับ"  # in the domain, not in the material
ANSWER = "ราคาแผงแต่ละยี่ห้อไม่อยู่ในเนื้อหาหลักสูตรครับ ขอใบเสนอราคาจากผู้ติดตั้งอย่างน้อย 2 ราย แล้วเทียบราคาต่อวัตต์"
USERNAME, PASSWORD = "malee", "พี่เลี้ยง-รหัสผ่าน-2569"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@dataclass
class Product:
    url: str
    telegram: TelegramStandIn
    tickets: TicketService
    outbox: Outbox
    stop: Callable[[], None]
    """Stop the server (and with it the relay); nothing is sent after this returns."""


@pytest.fixture
def product(thai_folder: Path, tmp_path: Path, embedder: Embedder) -> Iterator[Product]:
    with TelegramStandIn() as telegram:
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None,
            data_dir=tmp_path / "data",
            telegram=telegram_settings(telegram),
            mentoring=MentoringSettings(
                console_secret_key=SecretStr("browser-test-console-secret-2569"),
                relay_poll_seconds=0.1,
            ),
        )
        sync_folders([thai_folder], settings.resolved_index_dir(), embedder)
        database = open_database(settings.resolved_database_url())
        MentorRegistry(database).add("พี่มาลี รักษ์โลก", web_username=USERNAME, password=PASSWORD)
        consent_in_database(database, "telegram", str(SME_CHAT))  # the SME agreed to the privacy notice
        app = build_server(settings)
        with ExitStack() as running:
            url = running.enter_context(serve(app))
            yield Product(url, telegram, TicketService(database, Outbox(database)), Outbox(database), running.close)
    assert telegram.violations == [], f"Bot API spec violations: {telegram.violations}"


def telegram_webhook(url: str, update: dict[str, Any]) -> None:
    response = httpx.post(
        f"{url}/webhooks/telegram",
        content=json.dumps(update, ensure_ascii=False).encode("utf-8"),
        headers={"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET},
        timeout=30,
    )
    assert response.status_code == 200


def sent_to_sme(telegram: TelegramStandIn) -> list[str]:
    return [r.params["text"] for r in telegram.calls("sendMessage") if r.params.get("chat_id") == SME_CHAT]


@pytest.mark.needs_system
def test_a_telegram_question_answered_from_the_console_in_chromium(product: Product) -> None:
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail("Debian's chromium is not installed: run scripts/system-deps.sh (apt-get install chromium)")
    from playwright.sync_api import Page, expect, sync_playwright

    telegram = product.telegram
    # The SME asks on Telegram; the material does not cover it; they accept the mentor offer.
    telegram_webhook(product.url, payload("private_text", text=QUESTION))
    [offer] = telegram.wait_for("sendMessage")
    assert "ยังไม่มีข้อมูลเรื่องนี้" in offer.params["text"]
    telegram_webhook(product.url, press(offer, "ส่งให้พี่เลี้ยง", update_id=830009301))
    [_, notice] = telegram.wait_for("sendMessage", 2)
    assert "T-0001" in notice.params["text"]
    [ticket] = product.tickets.queue({"open"})
    assert ticket.reference == "T-0001" and ticket.channel == "telegram"

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []

    def shot(page: Page, name: str) -> None:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        shots.append(path)

    def sign_in(page: Page) -> None:
        page.goto(f"{product.url}/console/")
        expect(page.locator("h1")).to_have_text("เข้าสู่ระบบพี่เลี้ยง")
        page.fill("input[name=username]", USERNAME)
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        expect(page.locator("h1")).to_have_text("คิวคำถามถึงพี่เลี้ยง")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        phone = browser.new_context(viewport=PHONE, locale="th-TH", device_scale_factor=2).new_page()
        phone.goto(f"{product.url}/console/login")
        shot(phone, "01-login-phone")
        sign_in(phone)
        row = phone.locator("tr.ticket-row[data-reference='T-0001']")
        expect(row).to_contain_text("ราคาแผงโซลาร์")
        expect(row).to_contain_text("รอพี่เลี้ยง")
        shot(phone, "02-queue-phone")

        row.locator("td.ref a").click()
        expect(phone.locator("#question")).to_have_text(QUESTION)
        shot(phone, "03-ticket-phone")
        phone.click("#claim-button")
        expect(phone.locator(".flash.ok")).to_have_text("รับเรื่องแล้ว")
        expect(phone.locator("#status")).to_have_text("รับเรื่องแล้ว")
        phone.fill("#answer-text", ANSWER)
        phone.click("#send-answer")
        expect(phone.locator(".flash.ok")).to_contain_text("ระบบกำลังส่งให้ผู้ประกอบการ")
        expect(phone.locator("#answer")).to_have_text(ANSWER)
        expect(phone.locator("#status")).to_have_text("ตอบแล้ว")
        shot(phone, "04-answered-phone")

        desktop = browser.new_context(viewport=DESKTOP, locale="th-TH").new_page()
        sign_in(desktop)
        desktop.select_option("select[name=status]", "all")
        desktop.click("form.filters button[type=submit]")
        expect(desktop.locator("tr.ticket-row[data-reference='T-0001']")).to_contain_text("ตอบแล้ว")
        shot(desktop, "05-queue-desktop")
        desktop.goto(f"{product.url}/console/tickets/T-0001")
        expect(desktop.locator("ol.events")).to_contain_text("ตอบคำถาม")
        shot(desktop, "06-ticket-desktop")
        browser.close()

    # The relay delivers the answer to the SME's Telegram chat; once it is marked delivered, the
    # server (and the relay with it) stops, and exactly one message carried the answer.
    telegram.wait_for("sendMessage", 3)
    deadline = time.monotonic() + 30
    while (row := product.outbox.rows(ticket_id=ticket.id, purpose="mentor_answer")[0]).status != "delivered":
        assert time.monotonic() < deadline, f"the answer was not marked delivered: {row}"
        time.sleep(0.05)
    product.stop()
    assert row.channel == "telegram" and row.recipient == str(SME_CHAT) and row.attempts == 1
    delivered = [text for text in sent_to_sme(telegram) if ANSWER in text]
    assert len(delivered) == 1 and "T-0001" in delivered[0]
    assert all(path.stat().st_size > 10_000 for path in shots)
