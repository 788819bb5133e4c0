"""``/forget`` leaves nothing of the user in any table; ``/mydata`` and the operator's export show what is stored.

Runs on SQLite and on PostgreSQL (the storage fixtures). The user asks questions, is handed
to a mentor twice (one ticket answered, delivered, reopened with a follow-up; one attached
to), and writes under a display name; another user does the same and must keep everything.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.app.composition import build_engine
from bot.conversation.engine import ACCEPT_ESCALATION, ConversationEngine, Outcome
from bot.mentoring import MentorRegistry
from bot.privacy import ERASED_TEXT, FORGET_NO, FORGET_YES
from bot.settings import MentoringSettings, Settings
from bot.storage import Database, open_database
from bot.storage.engagement_models import FootprintEntry
from bot.storage.models import Base, User, utcnow
from bot.types import IncomingMessage, QuickReplies, TextReply
from knowledge.embedders import Embedder
from knowledge.sync import sync_folders
from tests.bot.mentoring.conftest import GROUP_CHAT
from tests.consent import consent

GONE = "Ua11ce0000000000000000000000e7a5"
GONE_NAME = "สมศรี ใจดีมาก"
KEPT = "Ub0b0000000000000000000000000b0b"
KEPT_NAME = "บุญมี รักษ์โลก"
GONE_TEXTS = (
    "ร้านกาแฟของสมศรีใช้ไฟ 10,000 หน่วยต่อเดือน ปล่อยคาร์บอนเท่าไหร่",
    "สมศรีอยากรู้ว่าทีมฟุตบอลแมนยูแข่งคืนนี้กี่โมง",
    "แล้วถ้าสมศรีย้ายร้านไปเชียงใหม่ต้องทำอย่างไร",
    "สมศรีถามอีกครั้งว่าทีมฟุตบอลแมนยูแข่งคืนนี้กี่โมงนะ",
)
MENTOR_ANSWER = "คุณสมศรีครับ เรื่องนี้อยู่นอกหลักสูตร แต่ร้านกาแฟเชียงใหม่ลองใช้โซลาร์ได้"
KEPT_TEXT = "บุญมีถามว่าลูกชิ้นปิ้งของบุญมีแข่งฟุตบอลได้ไหม"


@pytest.fixture
def engine(thai_folder: Path, tmp_path: Path, embedder: Embedder, database_url: str) -> ConversationEngine:
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        data_dir=tmp_path / "data",
        database_url=database_url,
        mentoring=MentoringSettings(telegram_group_chat_id=GROUP_CHAT),  # type: ignore[call-arg]
    )
    sync_folders([thai_folder], settings.resolved_index_dir(), embedder)
    engine = build_engine(settings, embedder)
    consent(engine, "line", GONE, KEPT)
    return engine


def say(engine: ConversationEngine, user: str, text: str = "", action: str | None = None) -> Outcome:
    name = GONE_NAME if user == GONE else KEPT_NAME
    return engine.process(IncomingMessage(channel="line", user_id=user, text=text, action=action, display_name=name))


def everything(database: Database) -> list[tuple[str, str]]:
    """Every string in every row of every table (JSON documents as their JSON text), with its table."""
    found: list[tuple[str, str]] = []
    with database.session() as session:
        for table in Base.metadata.sorted_tables:
            for row in session.execute(select(table)).all():
                for value in row:
                    if isinstance(value, str):
                        found.append((table.name, value))
                    elif isinstance(value, dict | list):
                        found.append((table.name, json.dumps(value, ensure_ascii=False)))
    return found


def traces(database: Database, needles: tuple[str, ...]) -> list[tuple[str, str]]:
    """``(table, needle)`` for each needle found anywhere in the database."""
    values = everything(database)
    return sorted({(table, needle) for table, value in values for needle in needles if needle in value})


def footprint_entries(database: Database) -> int:
    with database.session() as session:
        return len(session.scalars(select(FootprintEntry)).all())


def build_history(engine: ConversationEngine, database: Database, user: str) -> None:
    """Questions, two tickets (one answered, delivered and reopened; one attached to), for ``user``."""
    mentor = MentorRegistry(database).add(f"พี่เลี้ยง {user[-4:]}", telegram_user_id=int(user[-3:], 16) + 1000)
    if user == GONE:
        say(engine, user, GONE_TEXTS[0])
        say(engine, user, GONE_TEXTS[1])
        say(engine, user, action=ACCEPT_ESCALATION)
    else:
        say(engine, user, KEPT_TEXT)
        say(engine, user, action=ACCEPT_ESCALATION)
    [ticket] = [t for t in engine.tickets.queue() if t.platform_user_id == user]
    engine.tickets.record_post(ticket.id, "telegram", {"chat_id": GROUP_CHAT, "message_id": 77 + ticket.id})
    engine.tickets.answer(ticket.id, mentor.id, MENTOR_ANSWER if user == GONE else "ตอบคุณบุญมีแล้วครับ")
    outbox = engine.tickets.outbox
    # The relay delivered the mentor group post and the answer: delivered rows keep their payload.
    for row in outbox.claim_due(10, utcnow() + timedelta(seconds=1), timedelta(minutes=1)):
        if row.ticket_id == ticket.id:
            outbox.mark_delivered(row)
    if user == GONE:
        # An answer LINE refused at first, delivered later from the outbox (addressed to the user).
        queued = outbox.add("line", user, [TextReply("คำตอบที่ส่งซ้ำภายหลัง")], purpose="reply")
        [claimed] = [r for r in outbox.claim_due(10, utcnow() + timedelta(seconds=1), timedelta(minutes=1))]
        assert claimed.id == queued.id and outbox.mark_delivered(claimed)
        say(engine, user, GONE_TEXTS[2])  # straight after the answer: reopens the ticket
        say(engine, user, GONE_TEXTS[3])
        say(engine, user, "ขอคุยกับพี่เลี้ยงครับ")  # joins the reopened ticket (same question) or a new one


def test_forget_leaves_nothing_of_the_user_in_any_table(engine: ConversationEngine, database_url: str) -> None:
    with open_database(database_url) as database:
        build_history(engine, database, GONE)
        build_history(engine, database, KEPT)
        needles = (GONE, GONE_NAME, MENTOR_ANSWER, *GONE_TEXTS)
        before = traces(database, needles)
        assert {table for table, _ in before} >= {"users", "messages", "tickets", "ticket_events", "outbox"}
        assert {needle for _, needle in before} == set(needles), "every needle is stored before /forget"
        assert footprint_entries(database) == 1, "the electricity figure of GONE_TEXTS[0] is in their footprint"

        confirm = say(engine, GONE, "/forget").replies
        assert isinstance(confirm[0], QuickReplies)
        assert [o.action for o in confirm[0].options] == [FORGET_YES, FORGET_NO]
        assert "ลบ" in confirm[0].text
        assert traces(database, needles) == before, "asking deletes nothing"
        done = say(engine, GONE, action=FORGET_YES).replies
        assert isinstance(done[0], TextReply) and "ลบข้อมูลของคุณเรียบร้อยแล้ว" in done[0].text

        assert traces(database, needles) == []
        assert footprint_entries(database) == 0
        # The scan does find what is stored: the other user's data is all still there.
        kept = traces(database, (KEPT, KEPT_NAME, KEPT_TEXT))
        assert {needle for _, needle in kept} == {KEPT, KEPT_NAME, KEPT_TEXT}

        # Programme statistics survive: the tickets stay, with status, times and tags, and no text.
        erased = [t for t in engine.tickets.queue() if t.platform_user_id == "erased"]
        assert erased and all(t.question == ERASED_TEXT and t.display_name is None for t in erased)
        assert all(t.status == "closed" and t.created_at and t.tags for t in erased)
        assert all(engine.tickets.events(t.id)[-1].action == "erased" for t in erased)
        with database.session() as session:
            users = session.scalars(select(User).where(User.channel == "line")).all()
            assert sorted(u.platform_user_id.split(":")[0] for u in users) == [KEPT, "erased"]


def test_writing_again_after_forget_is_a_new_user_who_sees_the_notice(engine: ConversationEngine) -> None:
    say(engine, GONE, GONE_TEXTS[0])
    say(engine, GONE, action=FORGET_YES)
    again = say(engine, GONE, GONE_TEXTS[0])
    assert again.privacy and isinstance(again.replies[0], QuickReplies)
    assert "ข้อมูลส่วนบุคคล" in again.replies[0].text


def test_cancelling_forget_keeps_everything(engine: ConversationEngine, database_url: str) -> None:
    say(engine, GONE, GONE_TEXTS[0])
    with open_database(database_url) as database:
        before = traces(database, (GONE, GONE_NAME, GONE_TEXTS[0]))
        say(engine, GONE, "ลบข้อมูลของฉันครับ")
        reply = say(engine, GONE, action=FORGET_NO).replies[0]
        assert isinstance(reply, TextReply) and "ไม่ได้ลบ" in reply.text
        assert traces(database, (GONE, GONE_NAME, GONE_TEXTS[0])) == before != []


def test_mydata_is_a_thai_summary_then_the_json_of_what_is_stored(engine: ConversationEngine) -> None:
    say(engine, GONE, GONE_TEXTS[0])
    say(engine, GONE, GONE_TEXTS[1])
    say(engine, GONE, action=ACCEPT_ESCALATION)
    summary, document = say(engine, GONE, "ขอดูข้อมูลของฉัน").replies
    assert isinstance(summary, TextReply) and isinstance(document, TextReply)
    assert summary.text.startswith("ข้อมูลที่เก็บเกี่ยวกับคุณ") and "1 เรื่อง" in summary.text
    data: dict[str, Any] = json.loads(document.text)
    assert data["user"]["platform_user_id"] == GONE and data["user"]["display_name"] == GONE_NAME
    assert data["user"]["consent"] == "given"
    said = [m["text"] for c in data["conversations"] for m in c["messages"] if m["role"] == "user"]
    assert said[:2] == list(GONE_TEXTS[:2])
    assert [t["question"] for t in data["tickets"]] == [GONE_TEXTS[1]]
    assert "/mydata" not in said, "asking for the data is not itself stored"
    [electricity] = data["footprint"]
    assert (electricity["name"], electricity["amount"], electricity["unit"]) == ("ไฟฟ้าจากระบบสายส่ง", 10_000, "kWh")
    assert electricity["period"] == "month" and electricity["factor_year"] == 2026


def test_a_long_history_is_cut_to_fit_the_chat_and_says_so(engine: ConversationEngine) -> None:
    from bot.privacy.desk import CHAT_EXPORT_CHARS

    user = engine.privacy  # the desk; its repository is the engine's
    for number in range(40):
        say(engine, GONE, f"{GONE_TEXTS[0]} ข้อที่ {number} " + "ยาวมาก" * 60)
    summary, document = say(engine, GONE, "/mydata").replies
    assert isinstance(summary, TextReply) and isinstance(document, TextReply)
    assert len(document.text) <= CHAT_EXPORT_CHARS and "แสดงข้อความล่าสุด" in summary.text
    shown = [m["text"] for c in json.loads(document.text)["conversations"] for m in c["messages"]]
    assert "ข้อที่ 39" in shown[-2] and not any("ข้อที่ 0 " in t for t in shown), "the newest are kept"
    assert user is engine.privacy


def test_forget_leaves_nothing_in_the_sqlite_files_on_disk(thai_folder: Path, tmp_path: Path, embedder: Embedder) -> None:
    """Erased rows must leave the disk, not only the query results: deleted text lingers in SQLite's
    write-ahead log (and in free pages) until it is checkpointed (and overwritten)."""
    settings = Settings(_env_file=None, data_dir=tmp_path / "data")  # type: ignore[call-arg]
    sync_folders([thai_folder], settings.resolved_index_dir(), embedder)
    engine = build_engine(settings, embedder)
    consent(engine, "line", GONE, KEPT)
    secret = "สมศรีเล่าว่าร้านกาแฟริมน้ำของเธอกำลังจะปิดกิจการเพราะหนี้สินสามล้านบาท"
    say(engine, GONE, secret)
    say(engine, KEPT, KEPT_TEXT)
    files = [settings.data_dir / "nzap.db", settings.data_dir / "nzap.db-wal"]

    def on_disk() -> bytes:
        return b"".join(path.read_bytes() for path in files if path.exists())

    assert secret.encode("utf-8") in on_disk()  # the scan finds stored text (as UTF-8) before the erasure
    say(engine, GONE, "/forget")
    say(engine, GONE, action=FORGET_YES)
    assert secret.encode("utf-8") not in on_disk()
    assert GONE.encode("ascii") not in on_disk()
    assert KEPT_TEXT.encode("utf-8") in on_disk()  # the other user's message is still stored
