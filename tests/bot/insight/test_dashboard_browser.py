"""The staff dashboard in headless Debian Chromium (Playwright), over a seeded 12-week history.

A programme coordinator signs in, follows the dashboard link, picks the 12-week period, sees the
charts and the topic table with the questions as users typed them, switches to English, and
opens one question as a ticket; a mentor without the staff role sees no link and gets 403.
Screenshots (desktop and phone, Thai and English) go to ``test-artifacts/dashboard/`` at the
repository root (printed by the test).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.bot.insight.conftest import DashboardConsole
from tests.bot.mentoring.console.conftest import PASSWORD
from tests.bot.mentoring.console.test_console_browser import CHROMIUM_ARGS, DESKTOP, PHONE
from tests.insight_history import CBAM, LOANS, SOLAR

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts" / "dashboard"


@pytest.mark.needs_system
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_staff_read_the_dashboard_in_chromium_and_a_mentor_cannot(dashboard_console: DashboardConsole) -> None:
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail("Debian's chromium is not installed: run scripts/system-deps.sh (apt-get install chromium)")
    from playwright.sync_api import Page, expect, sync_playwright

    url = dashboard_console.url
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []

    def shot(page: Page, name: str) -> None:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        shots.append(path)

    def sign_in(page: Page, username: str) -> None:
        page.goto(f"{url}/console/login")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        expect(page.locator("h1")).to_have_text("คิวคำถามถึงพี่เลี้ยง")

    def sees_the_history(page: Page) -> None:
        expect(page.locator("h1")).to_have_text("ภาพรวมคำถามของผู้ประกอบการ")
        expect(page.locator("svg.chart")).to_have_count(6)
        expect(page.locator("#chart-per-day svg rect")).not_to_have_count(0)
        rows = page.locator("tr.topic-row")
        for subject in (SOLAR, LOANS, CBAM):
            expect(rows.filter(has_text=subject[0]).or_(rows.filter(has_text=subject[1]))).not_to_have_count(0)
        expect(page.locator("tr.topic-row").first.locator("button.open-ticket").first).to_be_visible()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        desktop = browser.new_context(viewport=DESKTOP, locale="th-TH").new_page()
        sign_in(desktop, "prae")
        desktop.click("#nav-dashboard")
        desktop.get_by_role("link", name="84 วัน").click()
        sees_the_history(desktop)
        expect(desktop.locator("#period")).to_contain_text(str(dashboard_console.clock.now.year + 543))
        # Each bar says its figure on hover (an SVG title), in Thai with a Buddhist-Era day.
        assert "ข้อ" in (desktop.locator("#chart-per-day svg rect title").first.text_content() or "")
        shot(desktop, "01-dashboard-desktop-th")

        phone = browser.new_context(viewport=PHONE, locale="th-TH", device_scale_factor=2).new_page()
        sign_in(phone, "prae")
        phone.goto(f"{url}/console/dashboard?days=84")
        sees_the_history(phone)
        # Nothing but the daily chart (which scrolls in its own box) is wider than the phone.
        overflow = phone.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"the page is {overflow}px wider than a phone"
        shot(phone, "02-dashboard-phone-th")

        desktop.click("#language")
        expect(desktop.locator("h1")).to_have_text("What SMEs asked")
        expect(desktop.locator("#chart-coverage")).to_contain_text("Not covered")
        expect(desktop.locator("svg.chart")).to_have_count(6)
        shot(desktop, "03-dashboard-desktop-en")
        phone.click("#language")
        expect(phone.locator("h1")).to_have_text("What SMEs asked")
        shot(phone, "04-dashboard-phone-en")

        example = desktop.locator("li.example", has_text=CBAM[1]).first
        example.locator("button.open-ticket").click()
        expect(desktop.locator(".flash.ok")).to_contain_text("Ticket opened for this question")
        expect(desktop.locator("#question")).to_have_text(CBAM[1])
        shot(desktop, "05-ticket-opened-desktop-en")

        mentor = browser.new_context(viewport=DESKTOP, locale="th-TH").new_page()
        sign_in(mentor, "somchai")
        expect(mentor.locator("#nav-dashboard")).to_have_count(0)
        response = mentor.goto(f"{url}/console/dashboard")
        assert response is not None and response.status == 403
        expect(mentor.locator("main")).to_contain_text("สำหรับเจ้าหน้าที่โครงการเท่านั้น")
        shot(mentor, "06-mentor-refused-desktop-th")
        browser.close()

    assert all(path.stat().st_size > 10_000 for path in shots)
    print(f"dashboard screenshots: {ARTIFACTS}")
