"""Replies as Telegram HTML: escaping, sources, keyboards, and long answers in several messages."""

from __future__ import annotations

import asyncio
import html
import unicodedata
from pathlib import Path

import pytest

from bot.channels.telegram import TelegramChannel
from bot.channels.telegram.callbacks import CallbackCodec
from bot.channels.telegram.render import render_replies
from bot.conversation.engine import ConversationEngine
from bot.storage import ProcessedEvents
from bot.types import Citation, EscalationNotice, QuickOption, QuickReplies, SourceList, TextReply
from tests.bot.channels.telegram.conftest import LiveServer, payload, telegram_settings
from tests.telegram_spec import html_problems, html_to_text
from tests.telegram_stand_in import TelegramStandIn

CITATION = Citation(source="week03.md", title="การคำนวณคาร์บอนจากค่าไฟฟ้า", page=2, week=3)
EXEMPTION = """# เกณฑ์ยกเว้นการรายงาน <ฉบับร่าง>

กิจการที่ปล่อยก๊าซเรือนกระจก < 500 ตันต่อปี & มีพนักงานไม่เกิน 50 คน ได้รับการยกเว้นการรายงานแบบเต็มรูปแบบ ให้ใช้แบบฟอร์ม <แบบย่อ> แทน
"""


def test_passage_text_is_escaped_and_only_added_titles_are_bold() -> None:
    replies = [TextReply("ปล่อย < 500 ตัน & <b>ไม่</b> ต้องรายงาน"), SourceList((CITATION, CITATION))]
    [message] = render_replies(replies, "th", CallbackCodec())
    assert "ปล่อย &lt; 500 ตัน &amp; &lt;b&gt;ไม่&lt;/b&gt; ต้องรายงาน" in message.html
    assert message.html.count("<b>") == 1 and "<b>แหล่งที่มา</b>" in message.html
    # The same source is listed once, by its human title, never by its file name.
    assert message.html.count("สัปดาห์ที่ 3 · การคำนวณคาร์บอนจากค่าไฟฟ้า · หน้า 2") == 1
    assert "week03.md" not in message.html
    assert html_problems(message.html) == []
    assert html_to_text(message.html) == message.plain


def test_an_answer_its_sources_and_an_offer_are_packed_and_the_keyboard_closes_a_message() -> None:
    offer = QuickReplies("ต้องการส่งให้พี่เลี้ยงไหมครับ", (QuickOption("ส่งให้พี่เลี้ยง", "escalate:yes"),))
    messages = render_replies(
        [TextReply("คำตอบ"), SourceList((CITATION,)), offer, EscalationNotice("ส่งแล้ว R-0001", "R-0001")],
        "th",
        CallbackCodec(),
    )
    assert [m.keyboard is not None for m in messages] == [True, False]
    assert "คำตอบ" in messages[0].plain and "แหล่งที่มา" in messages[0].plain and "ต้องการส่ง" in messages[0].plain
    assert messages[1].plain == "ส่งแล้ว R-0001"


def test_a_long_answer_with_markup_characters_is_split_into_valid_messages() -> None:
    body = "ค่าการปล่อย < 0.5 & ต้นทุน > 100 บาท ต่อหน่วยไฟฟ้าที่ใช้ในร้านค้า " * 250
    messages = render_replies([TextReply(body), SourceList((CITATION,))], "th", CallbackCodec())
    assert len(messages) >= 4
    for message in messages:
        assert html_problems(message.html) == []
        assert len(html_to_text(message.html)) <= 4096
    assert html.unescape(messages[0].html).startswith("ค่าการปล่อย < 0.5")


def test_a_ten_thousand_character_thai_answer_reaches_telegram_in_valid_messages(
    telegram_api: TelegramStandIn, live_engine: tuple[ConversationEngine, ProcessedEvents]
) -> None:
    engine, events = live_engine
    words = "ร้านค้าปลีกที่ใช้ไฟฟ้าเดือนละหนึ่งหมื่นหน่วยปล่อยก๊าซเรือนกระจกประมาณสี่พันเจ็ดร้อยห้าสิบกิโลกรัม"
    answer = "\n".join(f"{n}. {words}" for n in range(200))[:10_000]

    async def scenario() -> None:
        channel = TelegramChannel.from_settings(telegram_settings(telegram_api), engine, events)
        await channel.startup()
        await channel.send(555000111, [TextReply(answer), SourceList((CITATION,))])
        await channel.shutdown()

    asyncio.run(scenario())
    sent = [r.params["text"] for r in telegram_api.calls("sendMessage")]
    assert len(sent) == 3
    for text in sent:
        shown = html_to_text(text)
        assert len(shown) <= 4096 and not unicodedata.category(shown[0]).startswith("M")
    assert "แหล่งที่มา" in sent[-1]


@pytest.fixture
def thai_folder(thai_folder: Path) -> Path:
    """The small course plus a note whose text contains <, > and &."""
    (thai_folder / "exemption.md").write_text(EXEMPTION, encoding="utf-8")
    return thai_folder


def test_a_passage_with_markup_characters_reaches_telegram_escaped(
    server: LiveServer, telegram_api: TelegramStandIn
) -> None:
    server.post(payload("private_text", text="กิจการที่ปล่อยก๊าซน้อยกว่า 500 ตันต่อปี ได้รับการยกเว้นการรายงานไหม"))
    [sent] = telegram_api.wait_for("sendMessage")
    assert "&lt; 500 ตันต่อปี &amp; มีพนักงาน" in sent.params["text"]
    assert "&lt;แบบย่อ&gt;" in sent.params["text"]
