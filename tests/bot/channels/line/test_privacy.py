"""LINE over real HTTP: the privacy notice on follow and on a first message, consent by postback,
nothing stored before it, a refusal, /forget and /mydata; and the per-user rate limit."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.app.composition import build_engine
from bot.app.server.app import create_app
from bot.channels.line import LineChannel
from bot.limits import build_limits
from bot.settings import LimitsSettings, Settings
from bot.storage import Database, ProcessedEvents, open_database
from bot.storage.models import Message, User
from knowledge.embedders import Embedder
from knowledge.sync import sync_folders
from tests.bot.channels.line.conftest import QUESTION, SECRET, TOKEN, USER_ID, LineBot, payload
from tests.line_stand_in import LOADING, LineStandIn
from tests.server_thread import serve

pytestmark = pytest.mark.slow  # the whole app over HTTP with platform stand-ins: seconds a test

NEWCOMER = "U00000000000000000000000000c0ffee"


def as_user(body: dict[str, Any], user_id: str, event_id: str | None = None) -> dict[str, Any]:
    """The webhook body sent by ``user_id`` (and with a new event id, when given), with a fresh reply token."""
    event = body["events"][0]
    event["source"]["userId"] = user_id
    if "replyToken" in event:
        event["replyToken"] = uuid.uuid4().hex
    if event_id is not None:
        event["webhookEventId"] = event_id
    return body


def text_from(user_id: str, text: str, event_id: str) -> dict[str, Any]:
    return as_user(payload("text_private", text=text), user_id, event_id)


def postback_from(user_id: str, data: str, event_id: str) -> dict[str, Any]:
    return as_user(payload("postback_consent", data=data), user_id, event_id)


@pytest.fixture
def stored(line_channel: LineChannel, tmp_path: Path) -> Iterator[Database]:
    """The line_bot's database, opened a second time to look at what is stored."""
    with open_database(f"sqlite:///{tmp_path / 'data' / 'nzap.db'}") as database:
        yield database


def messages_of(database: Database, platform_user_id: str) -> int:
    from bot.storage.models import Conversation

    with database.session() as session:
        query = (
            select(func.count())
            .select_from(Message)
            .join(Conversation, Message.conversation_id == Conversation.id)
            .join(User, Conversation.user_id == User.id)
            .where(User.platform_user_id == platform_user_id)
        )
        return int(session.scalar(query) or 0)


def user_row(database: Database, platform_user_id: str) -> User | None:
    with database.session() as session:
        return session.scalars(select(User).where(User.platform_user_id == platform_user_id)).one_or_none()


def quick_actions(request: Any) -> list[str]:
    return [item["action"]["data"] for item in request.messages[-1]["quickReply"]["items"]]


def test_following_brings_a_welcome_and_the_privacy_notice_with_consent_postbacks(
    line_bot: LineBot, stored: Database
) -> None:
    line_bot.post(as_user(payload("follow"), NEWCOMER))
    [reply] = line_bot.answer()
    text = "\n".join(reply.texts)
    assert "ยินดีต้อนรับ" in text and "ข้อมูลส่วนบุคคล" in text and "180 วัน" in text
    assert "/forget" in text and "ลบข้อมูลของฉัน" in text and "/mydata" in text and "พี่เลี้ยง" in text
    items = reply.messages[-1]["quickReply"]["items"]
    actions = [(i["action"]["type"], i["action"]["label"], i["action"]["data"]) for i in items]
    assert actions == [("postback", "ยินยอม", "consent:yes"), ("postback", "ไม่ยินยอม", "consent:no")]
    assert not [r for r in line_bot.api.requests if r.path == LOADING]
    user = user_row(stored, NEWCOMER)
    assert user is not None and user.consent_status == "unknown" and user.display_name is None


def test_a_first_question_gets_the_notice_and_is_answered_only_after_consent(
    line_bot: LineBot, stored: Database
) -> None:
    line_bot.post(text_from(NEWCOMER, QUESTION, "01NEWCOMERQUESTION0000000001"))
    [notice] = line_bot.answer(1)
    assert "ข้อมูลส่วนบุคคล" in "\n".join(notice.texts) and "4,750" not in "\n".join(notice.texts)
    assert quick_actions(notice) == ["consent:yes", "consent:no"]
    assert messages_of(stored, NEWCOMER) == 0

    line_bot.post(postback_from(NEWCOMER, "consent:yes", "01NEWCOMERCONSENT00000000001"))
    thanks = line_bot.answer(2)[-1]
    # The question sent before consent is answered in the same reply, after the confirmation.
    assert "บันทึกความยินยอมแล้ว" in thanks.texts[0] and "4,750" in "\n".join(thanks.texts[1:])
    user = user_row(stored, NEWCOMER)
    assert user is not None and user.consent_status == "given" and user.consent_at is not None
    assert messages_of(stored, NEWCOMER) == 2  # the held question, now stored, and its answer


def test_a_refusal_is_explained_with_a_way_back_and_nothing_is_stored(line_bot: LineBot, stored: Database) -> None:
    line_bot.post(postback_from(NEWCOMER, "consent:no", "01NEWCOMERREFUSAL00000000001"))
    [refused] = line_bot.answer(1)
    assert "ตอบคำถามไม่ได้" in "\n".join(refused.texts) and quick_actions(refused) == ["consent:yes"]
    line_bot.post(text_from(NEWCOMER, QUESTION, "01NEWCOMERQUESTION0000000003"))
    again = line_bot.answer(2)[-1]
    assert "4,750" not in "\n".join(again.texts) and quick_actions(again) == ["consent:yes"]
    assert messages_of(stored, NEWCOMER) == 0
    user = user_row(stored, NEWCOMER)
    assert user is not None and user.consent_status == "declined"


def test_forget_asks_first_then_erases(line_bot: LineBot, stored: Database) -> None:
    line_bot.post(payload("text_private"))  # USER_ID agreed (the fixture): answered and stored
    line_bot.answer(1)
    assert messages_of(stored, USER_ID) == 2
    line_bot.post(as_user(payload("text_private", text="/forget"), USER_ID, "01FORGET000000000000000001"))
    confirm = line_bot.answer(2)[-1]
    assert "ลบ" in "\n".join(confirm.texts) and quick_actions(confirm) == ["privacy:forget:yes", "privacy:forget:no"]
    assert messages_of(stored, USER_ID) == 2, "asking deletes nothing"
    line_bot.post(postback_from(USER_ID, "privacy:forget:yes", "01FORGET000000000000000002"))
    done = line_bot.answer(3)[-1]
    assert "ลบข้อมูลของคุณเรียบร้อยแล้ว" in "\n".join(done.texts)
    assert user_row(stored, USER_ID) is None and messages_of(stored, USER_ID) == 0


def test_mydata_sends_a_thai_summary_and_the_json(line_bot: LineBot) -> None:
    line_bot.post(payload("text_private"))
    line_bot.answer(1)
    line_bot.post(as_user(payload("text_private", text="ขอดูข้อมูลของฉัน"), USER_ID, "01MYDATA000000000000000001"))
    export = line_bot.answer(2)[-1]
    summary, document = export.texts[0], "\n".join(export.texts[1:])
    assert summary.startswith("ข้อมูลที่เก็บเกี่ยวกับคุณ")
    data = json.loads(document)
    assert data["user"]["platform_user_id"] == USER_ID
    assert next(m["text"] for c in data["conversations"] for m in c["messages"]) == QUESTION


@pytest.fixture
def limited_bot(thai_folder: Path, tmp_path: Path, embedder: Embedder, line_api: LineStandIn) -> Iterator[LineBot]:
    """A LINE bot whose engine has the abuse limits: 3 messages at once, then one per 100 minutes."""
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        data_dir=tmp_path / "data",
        line={"channel_secret": SECRET, "channel_access_token": TOKEN, "api_base_url": line_api.url},
    )
    sync_folders([thai_folder], settings.resolved_index_dir(), embedder)
    limits = build_limits(LimitsSettings(messages_per_minute=0.01, burst=3), None)  # type: ignore[call-arg]
    with open_database(settings.resolved_database_url()) as database:
        engine = build_engine(settings, embedder, database=database, limits=limits)
        from tests.consent import consent

        consent(engine, "line", USER_ID)  # no webhook: the consent press does not count against the limit
        channel = LineChannel.from_settings(
            settings.line, engine, ProcessedEvents(database), retry_backoff_seconds=0.01
        )
        with serve(create_app([channel], ready=lambda: {})) as url:
            yield LineBot(url, channel, line_api)


def test_a_burst_from_one_user_gets_three_answers_and_one_notice(limited_bot: LineBot) -> None:
    from bot.observability.metrics import LIMITED

    before = LIMITED.labels("line", "rate")._value.get()
    # consent() above already spent one of the three: the burst of seven gets two answers.
    for number in range(7):
        body = as_user(payload("text_private"), USER_ID, f"01BURST{number:019d}")
        assert limited_bot.post(body).status_code == 200
    limited_bot.settle()
    sent = limited_bot.api.sent()
    texts = ["\n".join(request.texts) for request in sent]
    answers = [t for t in texts if "4,750" in t]
    notices = [t for t in texts if "ข้อความมาเร็วไปนิด" in t]
    assert len(answers) == 2 and len(notices) == 1 and len(sent) == 3
    assert "100 นาที" in notices[0]
    assert LIMITED.labels("line", "rate")._value.get() - before == 5
