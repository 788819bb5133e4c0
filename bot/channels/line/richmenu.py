"""``nzap line richmenu``: the Thai rich menu of the LINE official account, drawn here and installed through the SDK.

Five areas, each sending a message the bot already understands (so the menu works in every
worker, in every version, and reads in the chat as what the user asked):

========================  =============================  ======================================
area                      sends                           answered by
========================  =============================  ======================================
ถามคำถาม                  ถามอะไรได้บ้าง                  help: what to ask, with examples
ตารางเรียน                เรียนครั้งต่อไปเมื่อไหร่            the schedule tool (Buddhist-Era dates)
คำนวณคาร์บอน              ดูฟุตพริ้นท์ของฉัน                  the footprint (empty: how to give figures)
คุยกับพี่เลี้ยง              ขอคุยกับพี่เลี้ยง                  the hand-off to a mentor
ข้อมูลของฉัน               ข้อมูลของฉัน                     /mydata (what is stored)
========================  =============================  ======================================

The image (2500 x 1686, PNG) is generated locally with Pillow and a Thai font from the machine
(TLWG's Garuda, else another TLWG font); without one the command stops and names the Debian
package to install, rather than upload boxes in place of Thai letters. The menu is created with
``MessagingApi.create_rich_menu``, its image uploaded to LINE's data host with
``MessagingApiBlob.set_rich_menu_image`` and made every user's default with ``set_default_rich_menu``.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from linebot.v3.messaging import (
    ApiClient,
    ApiException,
    Configuration,
    MessageAction,
    MessagingApi,
    MessagingApiBlob,
    RichMenuArea,
    RichMenuBounds,
    RichMenuRequest,
    RichMenuSize,
)
from PIL import Image, ImageDraw, ImageFont

from bot.i18n import Catalogue, message_from
from bot.settings import Settings

logger = logging.getLogger(__name__)

WIDTH, HEIGHT = 2500, 1686
"""LINE's large rich menu size."""
FONT_CANDIDATES = (
    Path("/usr/share/fonts/truetype/tlwg/Garuda-Bold.ttf"),
    Path("/usr/share/fonts/truetype/tlwg/Garuda.ttf"),
    Path("/usr/share/fonts/truetype/tlwg/Loma-Bold.ttf"),
    Path("/usr/share/fonts/truetype/tlwg/Sawasdee-Bold.ttf"),
    Path("/usr/share/fonts/truetype/tlwg/Norasi.ttf"),
)
"""Thai fonts tried in order (Debian's fonts-thai-tlwg)."""


@dataclass(frozen=True)
class MenuArea:
    """One tappable area: its Thai label (drawn and used as the action's label), the text it sends, its colour."""

    label: str
    sends: str
    colour: tuple[int, int, int]
    x: int
    y: int
    width: int
    height: int


_TOP, _BOTTOM = HEIGHT // 2, HEIGHT - HEIGHT // 2
AREAS: tuple[MenuArea, ...] = (
    MenuArea("ถามคำถาม", "ถามอะไรได้บ้าง", (21, 101, 72), 0, 0, 834, _TOP),
    MenuArea("ตารางเรียน", "เรียนครั้งต่อไปเมื่อไหร่", (30, 94, 150), 834, 0, 833, _TOP),
    MenuArea("คำนวณคาร์บอน", "ดูฟุตพริ้นท์ของฉัน", (46, 125, 50), 1667, 0, 833, _TOP),
    MenuArea("คุยกับพี่เลี้ยง", "ขอคุยกับพี่เลี้ยง", (191, 96, 20), 0, _TOP, 1250, _BOTTOM),
    MenuArea("ข้อมูลของฉัน", "ข้อมูลของฉัน", (84, 84, 110), 1250, _TOP, 1250, _BOTTOM),
)
CHAT_BAR_TEXT = "เมนู"
MENU_NAME = "NZAP 2026 เมนูหลัก"

MESSAGES: Catalogue = {
    "richmenu.needs_line": {
        "th": "ต้องตั้งค่า NZAP_LINE__CHANNEL_SECRET และ NZAP_LINE__CHANNEL_ACCESS_TOKEN ก่อน",
        "en": "set NZAP_LINE__CHANNEL_SECRET and NZAP_LINE__CHANNEL_ACCESS_TOKEN first",
    },
    "richmenu.no_font": {
        "th": "ไม่พบฟอนต์ภาษาไทยในเครื่อง (ลองหา: {paths}) ติดตั้งด้วย apt-get install fonts-thai-tlwg",
        "en": "no Thai font on this machine (looked for: {paths}); install it with apt-get install fonts-thai-tlwg",
    },
    "richmenu.font": {"th": "ใช้ฟอนต์ {font}", "en": "using the font {font}"},
    "richmenu.refused": {"th": "LINE ไม่รับเมนู: {error}", "en": "LINE refused the menu: {error}"},
    "richmenu.done": {
        "th": "ตั้งริชเมนู {menu} เป็นเมนูเริ่มต้นของทุกคนแล้ว ({areas} ปุ่ม)",
        "en": "rich menu {menu} is now every user's default ({areas} areas)",
    },
}


def thai_font(candidates: tuple[Path, ...] | None = None) -> Path | None:
    """The first Thai font that exists (of ``candidates``, else :data:`FONT_CANDIDATES`), or ``None``."""
    return next((path for path in candidates or FONT_CANDIDATES if path.is_file()), None)


def menu_image(font_path: Path) -> bytes:
    """The menu drawn as a PNG: one coloured tile per area with its Thai label centred."""
    image = Image.new("RGB", (WIDTH, HEIGHT), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    for area in AREAS:
        box = (area.x + 8, area.y + 8, area.x + area.width - 8, area.y + area.height - 8)
        draw.rounded_rectangle(box, radius=40, fill=area.colour)
        centre = (area.x + area.width / 2, area.y + area.height / 2)
        font = _fitting_font(font_path, area.label, area.width * 0.82)
        draw.text(centre, area.label, font=font, fill=(255, 255, 255), anchor="mm")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _fitting_font(font_path: Path, label: str, width: float) -> ImageFont.FreeTypeFont:
    """The font at the largest size (150 px down) at which ``label`` fits ``width`` (a phone shows it small)."""
    size = 150
    font = ImageFont.truetype(str(font_path), size)
    while size > 40 and font.getlength(label) > width:
        size -= 6
        font = ImageFont.truetype(str(font_path), size)
    return font


def menu_request() -> RichMenuRequest:
    """The rich menu object: the size, the chat bar's text and one message action per area."""
    return RichMenuRequest(
        size=RichMenuSize(width=WIDTH, height=HEIGHT),
        selected=True,
        name=MENU_NAME,
        chat_bar_text=CHAT_BAR_TEXT,
        areas=[
            RichMenuArea(
                bounds=RichMenuBounds(x=a.x, y=a.y, width=a.width, height=a.height),
                action=MessageAction(label=a.label, text=a.sends),
            )
            for a in AREAS
        ],
    )


def install_rich_menu(settings: Settings, image_path: str | None, out: TextIO, err: TextIO) -> int:
    """Create the menu, upload its image, make it the default; the exit status of ``nzap line richmenu``."""
    lang = settings.language
    line = settings.line
    if line.channel_access_token is None:
        print(message_from(MESSAGES, "richmenu.needs_line", lang), file=err)
        return 2
    font = thai_font()
    if font is None:
        paths = ", ".join(str(p) for p in FONT_CANDIDATES)
        print(message_from(MESSAGES, "richmenu.no_font", lang, paths=paths), file=err)
        return 2
    print(message_from(MESSAGES, "richmenu.font", lang, font=font), file=err)
    image = menu_image(font)
    if image_path:
        Path(image_path).write_bytes(image)
    token = line.channel_access_token.get_secret_value()
    try:
        with ApiClient(Configuration(host=line.api_base_url, access_token=token)) as client:
            api = MessagingApi(client)
            menu_id = api.create_rich_menu(menu_request()).rich_menu_id
            # The image goes to LINE's data host (api-data.line.me), not to the messaging host.
            with ApiClient(Configuration(host=line.data_base_url, access_token=token)) as data_client:
                MessagingApiBlob(data_client).set_rich_menu_image(
                    menu_id, body=image, _headers={"Content-Type": "image/png"}
                )
            api.set_default_rich_menu(menu_id)
    except ApiException as error:
        print(message_from(MESSAGES, "richmenu.refused", lang, error=f"HTTP {error.status}: {error.body}"), file=err)
        return 1
    print(message_from(MESSAGES, "richmenu.done", lang, menu=menu_id, areas=len(AREAS)), file=out)
    return 0
