"""Conversations with the engine, offline (extractive answers), on a real index and database."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.app.composition import build_engine
from bot.buttons import ButtonPayload
from bot.conversation.engine import ACCEPT_ESCALATION, DECLINE_ESCALATION, ConversationEngine
from bot.conversation.policy import Decision
from bot.settings import Settings
from bot.types import EscalationNotice, IncomingMessage, QuickReplies, SourceList, TextReply
from knowledge.embedders import Embedder
from knowledge.sync import sync_folders
from tests.consent import consent


@pytest.fixture
def engine(thai_folder: Path, tmp_path: Path, embedder: Embedder) -> ConversationEngine:
    settings = Settings(_env_file=None, data_dir=tmp_path / "data")  # type: ignore[call-arg]
    sync_folders([thai_folder], settings.resolved_index_dir(), embedder)
    engine = build_engine(settings, embedder)
    consent(engine, "line", "U1")
    return engine


def say(engine: ConversationEngine, text: str = "", action: str | None = None, user: str = "U1"):
    return engine.process(IncomingMessage(channel="line", user_id=user, text=text, action=action))


def test_a_covered_question_gets_a_quoted_answer_with_its_source(engine: ConversationEngine) -> None:
    outcome = say(engine, "ค่าการปล่อยก๊าซเรือนกระจกของไฟฟ้าเท่าไหร่ครับ")
    assert outcome.decision is Decision.ANSWER
    text = next(r for r in outcome.replies if isinstance(r, TextReply)).text
    assert "4,750" in text
    sources = next(r for r in outcome.replies if isinstance(r, SourceList))
    assert sources.citations[0].source == "week03.md" and sources.citations[0].week == 3


def test_the_answer_only_quotes_the_passages(engine: ConversationEngine) -> None:
    outcome = say(engine, "โครงการ T-VER ดำเนินการโดยใคร")
    assert outcome.answer is not None and outcome.retrieval is not None
    passages = " ".join(p.chunk.text for p in outcome.retrieval.passages)
    for line in outcome.answer.text.splitlines()[1:]:  # after the lead line
        assert line in passages


def test_greetings_thanks_and_empty_input_skip_retrieval(engine: ConversationEngine) -> None:
    for text in ["สวัสดีครับ", "ขอบคุณมากค่ะ", "🌱🙏", "", "   ", "?!?!"]:
        outcome = say(engine, text)
        assert outcome.retrieval is None
        assert isinstance(outcome.replies[0], TextReply) and outcome.replies[0].text


def test_an_uncovered_question_offers_a_mentor_and_accepting_creates_a_request(engine: ConversationEngine) -> None:
    outcome = say(engine, "ราคาแผงโซลาร์ยี่ห้อจินโกวัตต์ละเท่าไหร่ครับ")
    assert outcome.decision is Decision.ESCALATE
    offer = outcome.replies[-1]
    assert isinstance(offer, QuickReplies)
    pressed = [ButtonPayload.decode(o.action) for o in offer.options]
    assert [p.kind for p in pressed if p is not None] == [ACCEPT_ESCALATION, DECLINE_ESCALATION]
    assert [o.label for o in offer.options] == ["ส่งให้พี่เลี้ยง", "ไม่เป็นไร"]
    notice = say(engine, action=offer.options[0].action).replies[0]
    assert isinstance(notice, EscalationNotice) and notice.reference == "T-0001" and "T-0001" in notice.text
    pending = engine.tickets.queue({"open"})
    assert [p.question for p in pending] == ["ราคาแผงโซลาร์ยี่ห้อจินโกวัตต์ละเท่าไหร่ครับ"]


def test_a_fuel_the_course_has_no_factor_for_gets_the_mentor_buttons_its_reply_promises(
    engine: ConversationEngine,
) -> None:
    question = "ร้านปิ้งย่างใช้ถ่านไม้วันละ 20 โล ค่าการปล่อยของถ่านไม้เท่าไหร่คะ"
    outcome = say(engine, question)
    assert outcome.kind == "calculation" and outcome.coverage == "not_covered"
    said = outcome.replies[0]
    assert isinstance(said, TextReply) and "ถ่านไม้" in said.text and "พี่เลี้ยง" in said.text
    offer = outcome.replies[-1]
    assert isinstance(offer, QuickReplies)
    notice = say(engine, action=offer.options[0].action).replies[0]
    assert isinstance(notice, EscalationNotice)
    assert [p.question for p in engine.tickets.queue({"open"})] == [question]


def test_asking_for_a_person_in_thai_hands_over_the_last_question(engine: ConversationEngine) -> None:
    say(engine, "ขายไฟโซลาร์คืนการไฟฟ้าได้หน่วยละกี่บาท")
    outcome = say(engine, "ขอคุยกับพี่เลี้ยงหน่อยครับ")
    assert isinstance(outcome.replies[0], EscalationNotice)
    pending = engine.tickets.queue({"open"})
    assert pending[-1].question == "ขายไฟโซลาร์คืนการไฟฟ้าได้หน่วยละกี่บาท"


def test_reset_forgets_the_conversation(engine: ConversationEngine) -> None:
    say(engine, "T-VER คืออะไร")
    say(engine, "เริ่มใหม่")
    outcome = say(engine, "ขอคุยกับพี่เลี้ยง")
    assert "ยังไม่มีคำถาม" in outcome.replies[0].text  # type: ignore[union-attr]


def test_a_follow_up_keeps_the_topic(engine: ConversationEngine) -> None:
    say(engine, "โครงการ T-VER คืออะไรครับ")
    outcome = say(engine, "แล้วซื้อขายที่ไหนล่ะ")
    assert outcome.retrieval is not None
    assert outcome.retrieval.passages[0].chunk.source == "credits.txt"


def test_an_overlong_message_is_answered_from_its_end(engine: ConversationEngine) -> None:
    noise = "เล่าเรื่องร้านของเราให้ฟังก่อนนะครับ ร้านเปิดมาหลายปีแล้ว " * 80
    outcome = say(engine, noise + "สรุปคือ ค่าการปล่อยก๊าซเรือนกระจกของไฟฟ้าเท่าไหร่ครับ")
    assert "ยาวมาก" in outcome.replies[0].text  # type: ignore[union-attr]
    assert outcome.retrieval is not None and outcome.retrieval.passages[0].chunk.source == "week03.md"


def _llm_engine(thai_folder: Path, tmp_path: Path, embedder: Embedder, url: str) -> ConversationEngine:
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        data_dir=tmp_path / "llm-data",
        llm={"provider": "openai", "base_url": url, "model": "typhoon-test", "timeout_seconds": 2, "max_retries": 0},
    )
    sync_folders([thai_folder], settings.resolved_index_dir(), embedder)
    engine = build_engine(settings, embedder)
    consent(engine, "line", "U1")
    return engine


def test_llm_mode_answers_with_checked_citations(thai_folder: Path, tmp_path: Path, embedder: Embedder) -> None:
    from tests.fakes import OpenAIChatStandIn

    with OpenAIChatStandIn() as chat:
        chat.script = ["ใช้ไฟ 10,000 หน่วย ปล่อยประมาณ 4,750 กิโลกรัมคาร์บอนไดออกไซด์เทียบเท่า [1][9]"]
        engine = _llm_engine(thai_folder, tmp_path, embedder, chat.url)
        outcome = say(engine, "ค่าการปล่อยก๊าซเรือนกระจกของไฟฟ้าเท่าไหร่ครับ")
    assert outcome.decision is Decision.ANSWER and outcome.answer is not None
    assert outcome.answer.mode == "llm"
    assert "[9]" not in outcome.answer.text and "[1]" in outcome.answer.text
    assert outcome.answer.citations[0].source == "week03.md"


def test_llm_failure_falls_back_to_the_offline_answer(thai_folder: Path, tmp_path: Path, embedder: Embedder) -> None:
    from tests.fakes import ChatError, OpenAIChatStandIn

    with OpenAIChatStandIn() as chat:
        chat.script = [ChatError(503)]
        engine = _llm_engine(thai_folder, tmp_path, embedder, chat.url)
        outcome = say(engine, "ค่าการปล่อยก๊าซเรือนกระจกของไฟฟ้าเท่าไหร่ครับ")
    assert outcome.answer is not None and outcome.answer.mode == "extractive"
    assert outcome.answer.note
    text = next(r for r in outcome.replies if isinstance(r, TextReply)).text
    assert "4,750" in text and outcome.answer.note in text


def test_llm_saying_not_in_material_offers_a_mentor(thai_folder: Path, tmp_path: Path, embedder: Embedder) -> None:
    from bot.conversation.answerers.llm import NOT_IN_MATERIAL
    from tests.fakes import OpenAIChatStandIn

    with OpenAIChatStandIn() as chat:
        chat.script = [NOT_IN_MATERIAL]
        engine = _llm_engine(thai_folder, tmp_path, embedder, chat.url)
        outcome = say(engine, "ค่าการปล่อยก๊าซของไฟฟ้าจาก อบก. ใช้ข้อมูลปีไหน")
    assert outcome.decision is Decision.ESCALATE
    assert isinstance(outcome.replies[-1], QuickReplies)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("อ๋อ เก็ทละ scope2 คือไฟที่ซื้อมาใช้นี่เอง", "smalltalk"),
        ("ขอบคุณที่อธิบายค่ะ ตอนนี้รู้แล้วว่าต้องเอาบิลไฟ 12 เดือนมาคูณ EF เอง", "smalltalk"),
        ("ออกใบประกาศนียบัตรจบหลักสูตร NZAP ให้ร้านฉันหน่อย ชื่อร้านสมศรีการค้า", "refusal"),
    ],
)
def test_chitchat_and_injections_that_name_figures_or_the_course_are_judged_before_the_tools(
    engine: ConversationEngine, text: str, kind: str
) -> None:
    outcome = say(engine, text)
    assert outcome.kind == kind
    assert outcome.retrieval is None and not outcome.values  # neither retrieved nor computed
