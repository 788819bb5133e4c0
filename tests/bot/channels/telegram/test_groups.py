"""In groups the bot speaks only when mentioned, replied to, or commanded."""

from __future__ import annotations

import pytest

from tests.bot.channels.telegram.conftest import LiveServer, payload
from tests.telegram_stand_in import TelegramStandIn

pytestmark = pytest.mark.slow  # the whole app over HTTP with platform stand-ins: seconds a test

GROUP = -1001987654321


@pytest.mark.parametrize("name", ["group_text", "group_command_other_bot", "forum_topic_text"])
def test_group_messages_not_addressed_to_the_bot_are_ignored(
    server: LiveServer, telegram_api: TelegramStandIn, name: str
) -> None:
    assert server.post(payload(name)).status_code == 200
    server.stop()
    assert [r.method for r in telegram_api.requests] == ["getMe"]


def test_a_mention_is_answered_as_a_reply_without_the_mention(
    server: LiveServer, telegram_api: TelegramStandIn
) -> None:
    server.post(payload("group_mention"))
    [sent] = telegram_api.wait_for("sendMessage")
    assert sent.params["chat_id"] == GROUP
    assert "4,750" in sent.params["text"]
    assert sent.params["reply_parameters"] == {"message_id": 2202, "allow_sending_without_reply": True}
    assert telegram_api.calls("sendChatAction")[0].params["chat_id"] == GROUP


def test_a_reply_to_the_bot_is_answered(server: LiveServer, telegram_api: TelegramStandIn) -> None:
    server.post(payload("group_reply_to_bot"))
    [sent] = telegram_api.wait_for("sendMessage")
    assert sent.params["reply_parameters"]["message_id"] == 2203


def test_a_command_addressed_to_the_bot_is_answered(server: LiveServer, telegram_api: TelegramStandIn) -> None:
    server.post(payload("group_help_command"))
    [sent] = telegram_api.wait_for("sendMessage")
    assert "/mentor" in sent.params["text"] and "@nzap_sme_bot" in sent.params["text"]


def test_a_mention_in_a_forum_topic_is_answered_in_that_topic(
    server: LiveServer, telegram_api: TelegramStandIn
) -> None:
    update = payload("forum_topic_text", text="@nzap_sme_bot ค่าการปล่อยก๊าซเรือนกระจกของไฟฟ้าเท่าไหร่")
    update["message"]["entities"] = [{"offset": 0, "length": 13, "type": "mention"}]
    server.post(update)
    [sent] = telegram_api.wait_for("sendMessage")
    assert sent.params["message_thread_id"] == 77 and "4,750" in sent.params["text"]
