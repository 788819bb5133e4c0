"""What an SME sees in Telegram, over the sample course: webhooks in, the Bot API stand-in out.

The five situations of :mod:`tests.bot.channels.situations`: a misspelled question answered with
its source, thanks without a mentor offer, an off-topic question redirected, a near miss with the
mentor button, and the first question answered right after consent (pressed, or typed "ตกลงครับ").
"""

from __future__ import annotations

import html
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.app.composition import build_engine
from bot.channels.telegram import TelegramChannel
from bot.storage import ProcessedEvents, open_database
from knowledge.embedders import Embedder
from tests.bot.channels.conftest import course_settings
from tests.bot.channels.situations import (
    CONSENTED,
    DIESEL_FACTOR,
    GAP,
    HELD_ANSWER_FOLLOWS,
    MENTOR_BUTTONS,
    MISSPELLED,
    MISSPELLED_ANSWER,
    MISSPELLED_FACT,
    NEAR_MISS,
    NOTICE,
    OFF_TOPIC,
    OFF_TOPIC_REPLY,
    OFF_TOPIC_SUGGESTION,
    THANKS,
    THANKS_REPLY,
)
from tests.bot.channels.telegram.conftest import LiveServer, payload, press, telegram_settings
from tests.consent import consent
from tests.telegram_stand_in import Recorded, TelegramStandIn

pytestmark = pytest.mark.slow  # the whole app over HTTP with platform stand-ins: seconds a test

SME = 555000111
"""The person of ``payloads/private_text.json``: agreed to the privacy notice."""
NEWCOMER = 555000777


class Chat:
    """One person's private chat with the bot, update by update."""

    def __init__(self, server: LiveServer, api: TelegramStandIn, user_id: int) -> None:
        self.server, self.api, self.user_id = server, api, user_id
        self._update_id = 860000000 + user_id % 1000 * 1000

    def says(self, text: str) -> list[Recorded]:
        """The user types ``text``; the messages the bot sends back."""
        update = payload("private_text", text=text)
        message = update["message"]
        message["from"] = {**message["from"], "id": self.user_id}
        message["chat"] = {**message["chat"], "id": self.user_id}
        return self._exchange(update)

    def presses(self, sent: Recorded, label: str) -> list[Recorded]:
        """The user presses the button ``label`` under the bot's message ``sent``."""
        return self._exchange(press(sent, label, 0, user={"id": self.user_id, "is_bot": False, "first_name": "มานี"}))

    def _exchange(self, update: dict[str, Any]) -> list[Recorded]:
        self._update_id += 1
        update["update_id"] = self._update_id
        before = len(self.api.calls("sendMessage"))
        assert self.server.post(update).status_code == 200
        self.api.wait_for("sendMessage", before + 1)
        deadline = time.monotonic() + 30
        while self.server.channel.pending:  # type: ignore[attr-defined]
            assert time.monotonic() < deadline, "the update is still being answered"
            time.sleep(0.01)
        return self.api.calls("sendMessage")[before:]


def shown(messages: list[Recorded]) -> str:
    return html.unescape("\n".join(m.params["text"] for m in messages))


def buttons(messages: list[Recorded]) -> list[str]:
    markup = messages[-1].params.get("reply_markup") or {"inline_keyboard": []}
    return [button["text"] for row in markup["inline_keyboard"] for button in row]


@pytest.fixture
def server(
    tmp_path: Path, course_index: Path, embedder: Embedder, telegram_api: TelegramStandIn
) -> Iterator[LiveServer]:
    """The app with the Telegram channel over the sample course; :data:`SME` agreed to the privacy notice."""
    settings = course_settings(tmp_path / "data", course_index)
    with open_database(settings.resolved_database_url()) as database:
        engine = build_engine(settings, embedder, database=database)
        consent(engine, "telegram", str(SME))
        channel = TelegramChannel.from_settings(telegram_settings(telegram_api), engine, ProcessedEvents(database))
        live = LiveServer(channel)
        yield live
        live.stop()


@pytest.fixture
def sme(server: LiveServer, telegram_api: TelegramStandIn) -> Chat:
    return Chat(server, telegram_api, SME)


def test_a_misspelled_question_gets_the_course_answer_with_its_source_and_no_mentor(sme: Chat) -> None:
    said = sme.says(MISSPELLED)
    text = shown(said)
    assert text.startswith(MISSPELLED_ANSWER) and MISSPELLED_FACT in text
    assert "<b>แหล่งที่มา</b>" in "\n".join(m.params["text"] for m in said) and "glossary.yaml" not in text
    assert MENTOR_BUTTONS[0] not in buttons(said)


def test_thanks_get_a_short_friendly_line_and_no_mentor(sme: Chat) -> None:
    [said] = sme.says(THANKS)
    assert shown([said]).startswith(THANKS_REPLY) and len(shown([said])) < 80
    assert buttons([said]) == []


def test_an_off_topic_question_is_redirected_to_what_the_course_covers(sme: Chat) -> None:
    [said] = sme.says(OFF_TOPIC)
    text = shown([said])
    assert OFF_TOPIC_REPLY in text and OFF_TOPIC_SUGGESTION in text
    assert DIESEL_FACTOR not in text and "แหล่งที่มา" not in text and buttons([said]) == []


def test_a_near_miss_states_the_gap_and_offers_the_mentor(sme: Chat) -> None:
    said = sme.says(NEAR_MISS)
    assert GAP in shown(said)
    assert buttons(said) == MENTOR_BUTTONS


def test_the_first_question_is_answered_right_after_pressing_consent(
    server: LiveServer, telegram_api: TelegramStandIn
) -> None:
    newcomer = Chat(server, telegram_api, NEWCOMER)
    [notice] = newcomer.says(MISSPELLED)
    assert NOTICE in shown([notice]) and MISSPELLED_FACT not in shown([notice])
    assert buttons([notice]) == ["ยินยอม", "ไม่ยินยอม"]
    said = newcomer.presses(notice, "ยินยอม")
    text = shown(said)
    assert CONSENTED in text and HELD_ANSWER_FOLLOWS in text
    answer = text.split(HELD_ANSWER_FOLLOWS, 1)[1]
    assert MISSPELLED_ANSWER in answer and MISSPELLED_FACT in answer and "แหล่งที่มา" in answer


def test_the_first_question_is_answered_right_after_typing_agreement(
    server: LiveServer, telegram_api: TelegramStandIn
) -> None:
    newcomer = Chat(server, telegram_api, NEWCOMER)
    newcomer.says(NEAR_MISS)
    said = newcomer.says("ตกลงครับ")
    text = shown(said)
    assert CONSENTED in text and GAP in text.split(CONSENTED, 1)[1]
    assert buttons(said) == MENTOR_BUTTONS
