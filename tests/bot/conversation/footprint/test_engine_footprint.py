"""A footprint kept across turns through the real engine: what an SME owner sees in the chat."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.app.composition import build_engine
from bot.conversation.engine import ConversationEngine, Outcome
from bot.conversation.footprint import FOOTPRINT_ACTION
from bot.settings import Settings
from bot.types import IncomingMessage, QuickReplies, TextReply
from knowledge.embedders import Embedder
from knowledge.sync import sync_folders
from tests.consent import consent

OWNER = "U0f00d000000000000000000000000001"


@pytest.fixture
def engine(thai_folder: Path, tmp_path: Path, embedder: Embedder) -> ConversationEngine:
    settings = Settings(_env_file=None, data_dir=tmp_path / "data")  # type: ignore[call-arg]
    sync_folders([thai_folder], settings.resolved_index_dir(), embedder)
    engine = build_engine(settings, embedder)
    consent(engine, "line", OWNER)
    return engine


def say(engine: ConversationEngine, text: str = "", action: str | None = None, user: str = OWNER) -> Outcome:
    return engine.process(IncomingMessage(channel="line", user_id=user, text=text, action=action))


def only_text(outcome: Outcome) -> str:
    [reply] = outcome.replies
    assert isinstance(reply, TextReply | QuickReplies)
    return reply.text


def test_two_turns_make_a_footprint_with_scopes_the_total_and_the_largest_source(engine: ConversationEngine) -> None:
    first = say(engine, "ไฟ 50,000 หน่วย/เดือน")
    [reply] = first.replies
    assert first.kind == "calculation" and isinstance(reply, QuickReplies)
    assert reply.text.startswith("ประมาณ 285 tCO2e ต่อปี")
    assert reply.text.splitlines()[-1].startswith("➕ เพิ่มในฟุตพริ้นท์ของคุณแล้ว: ไฟฟ้าจากระบบสายส่ง")
    assert [(o.label, o.action) for o in reply.options] == [("ดูฟุตพริ้นท์", FOOTPRINT_ACTION)]
    second = only_text(say(engine, "ดีเซล 2,000 ลิตร/เดือน LPG 500 กก./เดือน"))
    assert "น้ำมันดีเซล, ก๊าซปิโตรเลียมเหลว" in second.splitlines()[-1]

    shown = say(engine, action=FOOTPRINT_ACTION)
    lines = only_text(shown).splitlines()
    assert shown.kind == "footprint"
    assert lines[:2] == ["ฟุตพริ้นท์คาร์บอนของคุณ (ต่อปี)", "ขอบเขตที่ 1 เชื้อเพลิงและสารทำความเย็นของกิจการ: 84.45 tCO2e"]
    assert "ขอบเขตที่ 2 ไฟฟ้าที่ซื้อมาใช้: 285 tCO2e" in lines
    assert "• ไฟฟ้าจากระบบสายส่ง 50,000 หน่วย (kWh) ต่อเดือน → 285 tCO2e (ค่าการปล่อยปี 2026)" in lines
    assert "รวม 369.45 tCO2e ต่อปี" in lines
    assert "แหล่งที่ปล่อยมากที่สุด: ไฟฟ้าจากระบบสายส่ง (77% ของทั้งหมด)" in lines
    assert only_text(say(engine, "/footprint")) == only_text(say(engine, "ฟุตพริ้นท์ของฉัน")) == "\n".join(lines)


def test_a_new_figure_for_an_activity_replaces_the_old_one(engine: ConversationEngine) -> None:
    say(engine, "ไฟ 50,000 หน่วย/เดือน ดีเซล 2,000 ลิตร/เดือน")
    say(engine, "เดือนนี้ใช้ไฟ 40,000 หน่วย/เดือน")
    lines = only_text(say(engine, "ดูฟุตพริ้นท์")).splitlines()
    assert [line for line in lines if "ไฟฟ้าจากระบบสายส่ง" in line and "•" in line] == [
        "• ไฟฟ้าจากระบบสายส่ง 40,000 หน่วย (kWh) ต่อเดือน → 228 tCO2e (ค่าการปล่อยปี 2026)"
    ]
    assert "รวม 293.77 tCO2e ต่อปี" in lines


def test_clearing_says_what_went_and_the_empty_footprint_shows_what_to_type(engine: ConversationEngine) -> None:
    say(engine, "ไฟ 50,000 หน่วย/เดือน ดีเซล 2,000 ลิตร/เดือน")
    cleared = only_text(say(engine, "ล้างฟุตพริ้นท์ครับ"))
    assert cleared == "ล้างฟุตพริ้นท์แล้วครับ ลบ 2 รายการ: ไฟฟ้าจากระบบสายส่ง, น้ำมันดีเซล"
    empty = only_text(say(engine, "/footprint"))
    assert "ยังว่างอยู่" in empty and "ไฟ 50,000 หน่วย/เดือน" in empty
    assert "ว่างอยู่แล้ว" in only_text(say(engine, "/footprint clear"))


def test_nothing_is_kept_before_consent_and_a_declined_figure_never_is(engine: ConversationEngine) -> None:
    newcomer = "U0f00d0000000000000000000000000nw"
    gated = say(engine, "ไฟ 50,000 หน่วย/เดือน", user=newcomer)
    assert gated.privacy and "285" not in only_text(gated)
    say(engine, "", action="consent:no", user=newcomer)
    say(engine, "ตกลงครับ", user=newcomer)
    assert "ยังว่างอยู่" in only_text(say(engine, "/footprint", user=newcomer))


def test_figures_sent_before_consent_are_computed_and_kept_once_the_user_agrees(engine: ConversationEngine) -> None:
    newcomer = "U0f00d0000000000000000000000000n2"
    say(engine, "ไฟ 50,000 หน่วย/เดือน", user=newcomer)
    agreed = say(engine, "ตกลงครับ", user=newcomer).replies
    assert len(agreed) == 2 and "285" in only_text(Outcome(agreed[1:]))
    assert "285 tCO2e" in only_text(say(engine, "/footprint", user=newcomer))


def test_solar_answers_and_course_questions_about_footprints_are_not_kept(engine: ConversationEngine) -> None:
    solar = say(engine, "ติดโซลาร์ 10 kWp คืนทุนกี่ปี")
    assert solar.kind == "calculation" and all(isinstance(r, TextReply) for r in solar.replies)
    assert say(engine, "คาร์บอนฟุตพริ้นท์คืออะไร").kind != "footprint"
    assert "ยังว่างอยู่" in only_text(say(engine, "/footprint"))


def test_an_english_speaker_reads_their_footprint_in_english(engine: ConversationEngine) -> None:
    say(engine, "ไฟ 50,000 หน่วย/เดือน")
    engine.set_language("line", OWNER, "en")
    lines = only_text(say(engine, "/footprint")).splitlines()
    assert lines[0] == "Your carbon footprint (per year)"
    assert "• Grid electricity: 50,000 kWh per month → 285 tCO2e (2026 factor)" in lines
    assert "Largest source: Grid electricity (100% of the total)" in lines


def test_a_fleet_is_kept_as_its_total_and_a_range_is_asked_back_not_kept(engine: ConversationEngine) -> None:
    """Branch h14-calc2: "3 คัน คันละ 200 ลิตร" is 600 litres; "700-800 หน่วย" gets both ends and one question."""
    asked = say(engine, "ร้านใช้ไฟราวๆ 700-800 หน่วยต่อเดือน ปล่อยเท่าไหร่คะ")
    text = only_text(asked)
    assert asked.kind == "calculation" and asked.values["clarify"] is True
    assert "ประมาณ" in text and "700–800" in text and text.count("?") == 1
    say(engine, "รถกระบะ 3 คัน เติมดีเซลคันละ 200 ลิตรต่อเดือน ปล่อยเท่าไหร่")
    lines = only_text(say(engine, "/footprint")).splitlines()
    [kept] = [line for line in lines if line.startswith("•")]  # the range was not kept
    assert kept.startswith("• น้ำมันดีเซล") and "600 ลิตร ต่อเดือน" in kept


def test_trucks_without_a_fuel_named_are_kept_as_diesel_and_an_absurd_stall_figure_is_not(
    engine: ConversationEngine,
) -> None:
    """Branch h14-calc3: "รถ 6 ล้อ 3 คัน คันละ 600 ลิตร" is 1,800 litres of diesel; a stall's 800 million kWh is refused."""
    refused = say(engine, "ร้านขายโจ๊กหน้าบ้านใช้ไฟเดือนละ 800 ล้านหน่วย")
    assert refused.kind == "calculation" and "ตรวจตัวเลข" in only_text(refused)
    say(engine, "รถ 6 ล้อ 3 คัน คันละ 600 ลิตรต่อเดือน คิดคาร์บอนรวมให้หน่อยครับ")
    lines = only_text(say(engine, "/footprint")).splitlines()
    [kept] = [line for line in lines if line.startswith("•")]  # the refused figure was not kept
    assert kept.startswith("• น้ำมันดีเซล") and "1,800 ลิตร ต่อเดือน" in kept
