"""A Telegram webhook end to end: uvicorn, the channel, the real engine, PTB and the Bot API stand-in."""

from __future__ import annotations

import pytest

from bot.conversation.engine import ConversationEngine
from bot.storage import ProcessedEvents
from tests.bot.channels.telegram.conftest import LiveServer, payload, press
from tests.telegram_stand_in import TelegramStandIn

pytestmark = pytest.mark.slow  # the whole app over HTTP with platform stand-ins: seconds a test

QUESTION_CHAT = 555000111


def test_a_thai_question_gets_one_answer_with_sources_after_typing(
    server: LiveServer, telegram_api: TelegramStandIn
) -> None:
    response = server.post(payload("private_text"))
    assert response.status_code == 200

    [sent] = telegram_api.wait_for("sendMessage")
    assert sent.params["chat_id"] == QUESTION_CHAT and sent.params["parse_mode"] == "HTML"
    text = sent.params["text"]
    assert "4,750" in text
    assert "<b>แหล่งที่มา</b>" in text and "สัปดาห์ที่ 3 · การคำนวณคาร์บอนจากค่าไฟฟ้า" in text
    assert "week03.md" not in text  # a human title, never the file name
    typing = telegram_api.calls("sendChatAction")
    assert typing and typing[0].params["action"] == "typing" and typing[0].at <= sent.at
    server.stop()
    assert len(telegram_api.calls("sendMessage")) == 1


def test_a_repeated_update_is_answered_once(server: LiveServer, telegram_api: TelegramStandIn) -> None:
    update = payload("private_text")
    assert server.post(update).status_code == 200
    telegram_api.wait_for("sendMessage")
    assert server.post(update).status_code == 200  # Telegram redelivers after a slow acknowledgement
    server.stop()  # waits for everything accepted to be handled
    assert len(telegram_api.calls("sendMessage")) == 1


def test_a_redelivery_racing_the_first_delivery_is_answered_once(
    server: LiveServer, telegram_api: TelegramStandIn
) -> None:
    update = payload("private_text")
    assert [server.post(update).status_code for _ in range(3)] == [200, 200, 200]
    server.stop()
    assert len(telegram_api.calls("sendMessage")) == 1


@pytest.mark.parametrize("secret", ["wrong-secret", None, ""])
def test_a_wrong_or_missing_secret_is_refused_and_nothing_is_processed(
    server: LiveServer,
    telegram_api: TelegramStandIn,
    live_engine: tuple[ConversationEngine, ProcessedEvents],
    secret: str | None,
) -> None:
    update = payload("private_text")
    assert server.post(update, secret=secret).status_code == 403
    server.stop()
    assert [r.method for r in telegram_api.requests] == ["getMe"]
    _, events = live_engine
    assert events.claim("telegram", str(update["update_id"])) is True  # never claimed by the channel


@pytest.mark.parametrize("body", [b"{not json", b"[1, 2, 3]", b'{"update_id": "830001001"}', "สวัสดี".encode("tis-620")])
def test_a_malformed_body_is_a_400(server: LiveServer, telegram_api: TelegramStandIn, body: bytes) -> None:
    assert server.post(body).status_code == 400
    server.stop()
    assert [r.method for r in telegram_api.requests] == ["getMe"]


def test_a_body_over_one_megabyte_is_a_413(server: LiveServer, telegram_api: TelegramStandIn) -> None:
    update = payload("private_text", text="ก" * 1_100_000)
    assert server.post(update).status_code == 413

    def chunks():  # no Content-Length: the limit is counted on the bytes received
        for _ in range(12):
            yield b" " * 100_000

    streamed = server.http.post(
        "/webhooks/telegram",
        content=chunks(),
        headers={"X-Telegram-Bot-Api-Secret-Token": "nzap-webhook-secret_2568", "Content-Type": "application/json"},
    )
    assert streamed.status_code == 413
    server.stop()
    assert [r.method for r in telegram_api.requests] == ["getMe"]


def test_start_welcomes_with_a_privacy_notice_and_a_consent_keyboard(
    server: LiveServer, telegram_api: TelegramStandIn
) -> None:
    server.post(payload("private_start"))
    [welcome, notice] = telegram_api.wait_for("sendMessage", 2)
    assert "สวัสดีครับ" in welcome.params["text"] and "reply_markup" not in welcome.params
    assert "ข้อมูลส่วนบุคคล" in notice.params["text"] and "/forget" in notice.params["text"]
    buttons = [b for row in notice.params["reply_markup"]["inline_keyboard"] for b in row]
    assert [b["text"] for b in buttons] == ["ยินยอม", "ไม่ยินยอม"]
    assert [b["callback_data"] for b in buttons] == ["a:consent:yes", "a:consent:no"]  # engine actions

    server.post(press(notice, "ยินยอม", update_id=830009001))
    [_, _, thanks] = telegram_api.wait_for("sendMessage", 3)
    assert "ขอบคุณครับ" in thanks.params["text"] and "บันทึกความยินยอม" in thanks.params["text"]
    [answered] = telegram_api.calls("answerCallbackQuery")
    assert answered.params["callback_query_id"] == "2385710958273651234"
    [edited] = telegram_api.calls("editMessageReplyMarkup")
    assert edited.params["message_id"] == notice.response["result"]["message_id"]
    assert "reply_markup" not in edited.params  # the buttons are taken off once one was pressed


def test_a_sticker_gets_a_polite_text_reply(server: LiveServer, telegram_api: TelegramStandIn) -> None:
    server.post(payload("private_sticker"))
    [sent] = telegram_api.wait_for("sendMessage")
    assert "ข้อความตัวอักษร" in sent.params["text"]


def test_an_answer_lost_to_a_dropped_connection_is_sent_again(
    server: LiveServer, telegram_api: TelegramStandIn
) -> None:
    telegram_api.drop_next("sendMessage")
    server.post(payload("private_text"))
    [dropped, delivered] = telegram_api.wait_for("sendMessage", 2)
    assert dropped.status == 0 and delivered.status == 200
    assert dropped.params["text"] == delivered.params["text"] and "4,750" in delivered.params["text"]
