"""``nzap line richmenu`` against the LINE stand-in: the menu validated against LINE's spec and limits, its
image uploaded on the data host as a PNG of the menu's size, set as default; and every area's text answered
by the bot as the area promises."""

from __future__ import annotations

import io
import uuid
from pathlib import Path

import pytest
from PIL import Image

from bot.app.cli import main
from bot.channels.line.richmenu import AREAS, HEIGHT, WIDTH
from tests.bot.channels.line.conftest import SECRET, TOKEN, USER_ID, LineBot, payload
from tests.line_stand_in import RICH_MENU, LineStandIn

pytestmark = pytest.mark.slow  # the whole app over HTTP with the LINE stand-in: seconds a test


def test_nzap_line_richmenu_creates_uploads_and_sets_the_thai_menu(
    line_api: LineStandIn, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, value in {
        "NZAP_DATA_DIR": str(tmp_path / "data"),
        "NZAP_LINE__CHANNEL_SECRET": SECRET,
        "NZAP_LINE__CHANNEL_ACCESS_TOKEN": TOKEN,
        "NZAP_LINE__API_BASE_URL": line_api.url,
        "NZAP_LINE__DATA_BASE_URL": line_api.data_url,
    }.items():
        monkeypatch.setenv(name, value)
    saved = tmp_path / "menu.png"

    assert main(["line", "richmenu", "--image", str(saved)]) == 0

    [create] = [r for r in line_api.requests if r.path == RICH_MENU]
    labels = [area["action"]["label"] for area in create.body["areas"]]
    assert labels == ["ถามคำถาม", "ตารางเรียน", "คำนวณคาร์บอน", "คุยกับพี่เลี้ยง", "ข้อมูลของฉัน"]
    assert all(area["action"]["type"] == "message" for area in create.body["areas"])
    assert create.body["chatBarText"] == "เมนู" and create.body["size"] == {"width": WIDTH, "height": HEIGHT}
    [menu_id] = line_api.rich_menus
    assert line_api.rich_menus[menu_id]["image"] == ("png", WIDTH, HEIGHT)  # uploaded on the data host
    assert line_api.default_rich_menu == menu_id
    assert [r.status for r in line_api.requests] == [200, 200, 200] and line_api.violations == []
    assert menu_id in capsys.readouterr().out
    # The saved image is the uploaded one: five coloured tiles with white Thai labels.
    image = Image.open(io.BytesIO(saved.read_bytes())).convert("RGB")
    assert image.size == (WIDTH, HEIGHT)
    for area in AREAS:
        tile = image.crop((area.x + 60, area.y + 60, area.x + area.width - 60, area.y + area.height - 60))
        colours = {colour for _, colour in tile.getcolors(maxcolors=1 << 20) or []}
        assert area.colour in colours and (255, 255, 255) in colours  # the label is drawn on the tile
    # Each label stays on its tile: the white gaps between the top tiles are untouched.
    for gap in (834, 1667):
        column = image.crop((gap - 4, 0, gap + 4, HEIGHT // 2))
        assert {colour for _, colour in column.getcolors(maxcolors=1 << 16) or []} == {(255, 255, 255)}


def test_without_a_thai_font_the_command_stops_and_names_the_package(
    line_api: LineStandIn, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("NZAP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("NZAP_LINE__CHANNEL_SECRET", SECRET)
    monkeypatch.setenv("NZAP_LINE__CHANNEL_ACCESS_TOKEN", TOKEN)
    monkeypatch.setenv("NZAP_LINE__API_BASE_URL", line_api.url)
    monkeypatch.setenv("NZAP_LINE__DATA_BASE_URL", line_api.data_url)
    monkeypatch.setattr("bot.channels.line.richmenu.FONT_CANDIDATES", (tmp_path / "missing.ttf",))
    assert main(["line", "richmenu"]) == 2
    assert "fonts-thai-tlwg" in capsys.readouterr().err
    assert line_api.requests == []  # nothing half-made at LINE


def test_every_area_sends_a_message_the_bot_answers_as_promised(line_bot: LineBot) -> None:
    expected = {
        "ถามคำถาม": "ถาม",
        "ตารางเรียน": "สัปดาห์ที่",
        "คำนวณคาร์บอน": "ฟุตพริ้นท์",
        "คุยกับพี่เลี้ยง": "พี่เลี้ยง",
        "ข้อมูลของฉัน": "ข้อมูลที่เก็บเกี่ยวกับคุณ",
    }
    for count, area in enumerate(AREAS, start=1):
        body = payload("text_private", text=area.sends, event_id=f"01MENU{count:020d}")
        body["events"][0]["replyToken"] = uuid.uuid4().hex
        line_bot.post(body)
        reply = line_bot.answer(count)[-1]
        assert reply.body.get("to", USER_ID) == USER_ID
        text = "\n".join(reply.texts)
        assert expected[area.label] in text, (area.label, text)
