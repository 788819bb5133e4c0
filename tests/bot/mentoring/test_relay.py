"""The relay against the real LINE and Telegram stand-ins: retries with one retry key, 409 as delivered,
refusals reported to the mentor, ticket posts recorded, Retry-After honoured. Time is injected, never waited for."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from bot.channels.line import LineOutbound, LineOutboxSender, LineSender
from bot.channels.telegram import TelegramOutbound, TelegramOutboxSender, TelegramSender, build_bot
from bot.mentoring import MentorGroups, MentorRegistry, Outbox, TicketRecord, TicketService
from bot.mentoring.outbox import batch_retry_key
from bot.mentoring.relay import Relay, RelayConfig
from bot.settings import LineSettings, TelegramSettings
from bot.storage import ConversationRepository, Database
from bot.types import TextReply
from tests.line_stand_in import PUSH, LineStandIn
from tests.telegram_stand_in import TelegramStandIn

T0 = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
SME_LINE = "U" + "5" * 32
MENTOR_LINE = "U" + "7" * 32
GROUP_LINE = "C" + "9" * 32
GROUP_TELEGRAM = -1009876543210
ANSWER = "ขายไฟคืนได้ผ่านโครงการโซลาร์ภาคประชาชน ยื่นที่การไฟฟ้าส่วนภูมิภาคครับ"


class Clock:
    """A settable clock for the relay and the ticket service."""

    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def line_api() -> Iterator[LineStandIn]:
    with LineStandIn() as stand_in:
        yield stand_in
    assert stand_in.violations == []


@pytest.fixture
def telegram_api() -> Iterator[TelegramStandIn]:
    with TelegramStandIn() as stand_in:
        yield stand_in
    assert stand_in.violations == []


def line_sender(api: LineStandIn) -> LineOutboxSender:
    settings = LineSettings(channel_secret="s", channel_access_token=api.access_token, api_base_url=api.url)
    return LineOutboxSender(LineOutbound(LineSender.from_settings(settings, request_timeout_seconds=5)))


def telegram_sender(api: TelegramStandIn, tickets: TicketService) -> TelegramOutboxSender:
    settings = TelegramSettings(bot_token=api.token, api_base_url=api.url)
    return TelegramOutboxSender(
        TelegramOutbound(TelegramSender(build_bot(settings))), tickets, request_timeout_seconds=5
    )


def answered(database: Database, tickets: TicketService, channel: str, sme: str, **mentor: object) -> TicketRecord:
    repository = ConversationRepository(database)
    user = repository.touch_user(channel, sme, "คุณสมชาย")
    ticket, _ = tickets.create_or_attach(user.id, repository.active_conversation(user.id), "ขายไฟคืนได้ไหม", {})
    helper = MentorRegistry(database).add("พี่นก", **mentor)  # type: ignore[arg-type]
    return tickets.answer(ticket.id, helper.id, ANSWER)


def run(relay: Relay, *moments: datetime) -> list[int]:
    """Start the senders, run one round at each moment, close; how many rows each round handled."""

    async def rounds() -> list[int]:
        for sender in relay._senders.values():
            await sender.start()
        try:
            return [await relay.run_once(moment) for moment in moments]
        finally:
            for sender in relay._senders.values():
                await sender.close()

    return asyncio.run(rounds())


def make_relay(tickets: TicketService, clock: Clock, *senders: object, attempts: int = 8) -> Relay:
    config = RelayConfig(max_attempts=attempts, backoff_seconds=2.0, lease_seconds=60.0)
    return Relay(tickets.outbox, tickets, list(senders), config, clock=clock)  # type: ignore[arg-type]


def test_line_500_twice_then_200_reaches_the_sme_once_with_one_retry_key(
    database: Database, line_api: LineStandIn, clock: Clock
) -> None:
    tickets = TicketService(database, Outbox(database), clock=clock)
    ticket = answered(database, tickets, "line", SME_LINE, line_user_id=MENTOR_LINE)
    [row] = tickets.outbox.rows(purpose="mentor_answer")
    line_api.fail_next(PUSH, 500, 500)
    relay = make_relay(tickets, clock, line_sender(line_api))
    moments = [
        T0,
        T0 + timedelta(seconds=1),
        T0 + timedelta(seconds=2),
        T0 + timedelta(seconds=5),
        T0 + timedelta(seconds=6),
    ]
    clock.now = T0
    handled = []
    for moment in moments:
        clock.now = moment
        handled += run(relay, moment)
    # Attempt 1 at T0 (500, retry after 2 s), nothing due at T0+1, attempt 2 at T0+2 (500, retry after 4 s),
    # nothing due at T0+5, attempt 3 at T0+6 accepted.
    assert handled == [1, 0, 1, 0, 1]
    pushes = [r for r in line_api.requests if r.path == PUSH]
    assert [r.status for r in pushes] == [500, 500, 200]
    assert {r.headers["x-line-retry-key"] for r in pushes} == {row.retry_key}
    [accepted] = line_api.sent(PUSH)
    assert accepted.body["to"] == SME_LINE and ANSWER in accepted.texts[0] and ticket.reference in accepted.texts[0]
    stored = tickets.outbox.get(row.id)
    assert stored is not None and stored.status == "delivered" and stored.attempts == 3


def test_a_push_accepted_before_a_crash_is_not_shown_twice(
    database: Database, line_api: LineStandIn, clock: Clock
) -> None:
    tickets = TicketService(database, Outbox(database), clock=clock)
    answered(database, tickets, "line", SME_LINE, line_user_id=MENTOR_LINE)
    sender = line_sender(line_api)
    # Worker A claims the row and LINE accepts its push, then A dies before recording it.
    [claimed] = tickets.outbox.claim_due(10, T0, timedelta(seconds=60))

    async def push_and_die() -> None:
        await sender.start()
        try:
            await sender.send(claimed, lambda done: asyncio.sleep(0))
        finally:
            await sender.close()

    asyncio.run(push_and_die())
    assert run(make_relay(tickets, clock, line_sender(line_api)), T0 + timedelta(seconds=30)) == [0]  # leased
    clock.now = T0 + timedelta(seconds=61)
    assert run(make_relay(tickets, clock, line_sender(line_api)), clock.now) == [1]
    assert [r.status for r in line_api.requests if r.path == PUSH] == [200, 409]
    assert len(line_api.sent(PUSH)) == 1  # the SME saw it once
    [row] = tickets.outbox.rows(purpose="mentor_answer")
    assert row.status == "delivered" and row.attempts == 2


def test_a_refused_push_fails_and_tells_the_mentor_who_answered(
    database: Database, line_api: LineStandIn, clock: Clock
) -> None:
    tickets = TicketService(database, Outbox(database), clock=clock)
    ticket = answered(database, tickets, "line", SME_LINE, line_user_id=MENTOR_LINE)
    line_api.fail_next(PUSH, 400)
    relay = make_relay(tickets, clock, line_sender(line_api))
    assert run(relay, T0, T0) == [1, 1]  # the answer fails; the notice goes out in the next round
    [row] = tickets.outbox.rows(purpose="mentor_answer")
    assert row.status == "failed" and "400" in (row.last_error or "")
    [notice] = line_api.sent(PUSH)
    assert notice.body["to"] == MENTOR_LINE and ticket.reference in notice.texts[0] and "ไม่สำเร็จ" in notice.texts[0]
    assert "delivery_failed" in [e.action for e in tickets.events(ticket.id)]


def test_transient_failures_give_up_after_the_last_attempt(
    database: Database, line_api: LineStandIn, clock: Clock
) -> None:
    groups = MentorGroups(line_group_id=GROUP_LINE)
    tickets = TicketService(database, Outbox(database), groups, clock=clock)
    ticket = answered(database, tickets, "line", SME_LINE, telegram_user_id=1)  # mentor only on Telegram
    [post] = tickets.outbox.rows(purpose="ticket_post")
    tickets.outbox.claim_due(1, T0, timedelta(seconds=60))  # keep the group post out of the way
    line_api.fail_next(PUSH, 503, 503, 503)
    relay = make_relay(tickets, clock, line_sender(line_api), attempts=3)
    run(relay, T0, T0 + timedelta(seconds=2), T0 + timedelta(seconds=6))
    [row] = tickets.outbox.rows(purpose="mentor_answer")
    assert row.status == "failed" and row.attempts == 3
    # The mentor has no LINE id and this relay has no Telegram sender: the notice is queued for Telegram.
    [notice] = tickets.outbox.rows(purpose="notice")
    assert (notice.channel, notice.recipient, notice.status) == ("telegram", "1", "pending")
    assert post.ticket_id == ticket.id


def test_a_ticket_post_to_the_line_group_is_recorded(database: Database, line_api: LineStandIn, clock: Clock) -> None:
    tickets = TicketService(database, Outbox(database), MentorGroups(line_group_id=GROUP_LINE), clock=clock)
    repository = ConversationRepository(database)
    user = repository.touch_user("line", SME_LINE, "คุณสมชาย")
    ticket, _ = tickets.create_or_attach(user.id, None, "ขายไฟคืนได้ไหม", {})
    assert run(make_relay(tickets, clock, line_sender(line_api)), T0) == [1]
    [post] = line_api.sent(PUSH)
    assert post.body["to"] == GROUP_LINE and ticket.reference in post.texts[0]
    stored = tickets.get(ticket.id)
    assert stored is not None and stored.mentor_posts["line"] == {"group_id": GROUP_LINE}


def test_telegram_5xx_twice_then_ok_sends_once(database: Database, telegram_api: TelegramStandIn, clock: Clock) -> None:
    tickets = TicketService(database, Outbox(database), clock=clock)
    answered(database, tickets, "telegram", "555", telegram_user_id=111)
    telegram_api.fail_next("sendMessage", 500, 502)
    relay = make_relay(tickets, clock, telegram_sender(telegram_api, tickets))
    run(relay, T0, T0 + timedelta(seconds=2), T0 + timedelta(seconds=6))
    sends = telegram_api.calls("sendMessage")
    assert [s.status for s in sends] == [500, 502, 200]
    delivered = [s for s in sends if s.status == 200]
    assert len(delivered) == 1 and delivered[0].params["chat_id"] == 555 and "ขายไฟคืนได้" in delivered[0].params["text"]
    keyboard = delivered[0].params["reply_markup"]["inline_keyboard"]
    assert [b["text"] for row in keyboard for b in row] == ["ยังสงสัย/ถามต่อ", "เข้าใจแล้ว ขอบคุณ"]


def test_telegram_429_waits_as_long_as_telegram_asks(
    database: Database, telegram_api: TelegramStandIn, clock: Clock
) -> None:
    tickets = TicketService(database, Outbox(database), clock=clock)
    answered(database, tickets, "telegram", "555", telegram_user_id=111)
    telegram_api.fail_next("sendMessage", 429)
    relay = make_relay(tickets, clock, telegram_sender(telegram_api, tickets))
    run(relay, T0)
    [row] = tickets.outbox.rows(purpose="mentor_answer")
    assert row.status == "pending" and row.next_attempt_at == T0 + timedelta(seconds=1)  # not the 2 s backoff
    assert run(relay, T0 + timedelta(seconds=1)) == [1]
    assert [s.status for s in telegram_api.calls("sendMessage")] == [429, 200]


def test_telegram_refusal_fails_and_notifies_the_mentor(
    database: Database, telegram_api: TelegramStandIn, clock: Clock
) -> None:
    tickets = TicketService(database, Outbox(database), clock=clock)
    ticket = answered(database, tickets, "telegram", "555", telegram_user_id=111)
    telegram_api.fail_next("sendMessage", 403)
    run(make_relay(tickets, clock, telegram_sender(telegram_api, tickets)), T0, T0)
    [row] = tickets.outbox.rows(purpose="mentor_answer")
    assert row.status == "failed"
    notice = telegram_api.calls("sendMessage")[-1]
    assert notice.status == 200 and notice.params["chat_id"] == 111 and ticket.reference in notice.params["text"]


def test_a_telegram_ticket_post_has_buttons_and_replies_to_it_find_the_ticket(
    database: Database, telegram_api: TelegramStandIn, clock: Clock
) -> None:
    tickets = TicketService(database, Outbox(database), MentorGroups(telegram_chat_id=GROUP_TELEGRAM), clock=clock)
    user = ConversationRepository(database).touch_user("line", SME_LINE, "คุณสมชาย")
    ticket, _ = tickets.create_or_attach(user.id, None, "ขายไฟคืนได้ไหม", {})
    run(make_relay(tickets, clock, telegram_sender(telegram_api, tickets)), T0)
    [post] = [c for c in telegram_api.calls("sendMessage") if c.status == 200]
    assert post.params["chat_id"] == GROUP_TELEGRAM and ticket.reference in post.params["text"]
    assert post.params["reply_markup"]["inline_keyboard"]
    message_id = post.response["result"]["message_id"]
    found = tickets.find_by_post("telegram", GROUP_TELEGRAM, message_id)
    assert found is not None and found.id == ticket.id


def test_rows_of_several_pushes_use_one_stable_key_per_push() -> None:
    key = "6f1c1f3e-9d1b-4a7e-8a53-2f0f5b1d7c11"
    assert batch_retry_key(key, 0) == key
    assert batch_retry_key(key, 1) == batch_retry_key(key, 1) != key
    assert batch_retry_key(key, 2) not in (key, batch_retry_key(key, 1))


def test_a_web_row_is_left_for_the_page_to_collect(database: Database, line_api: LineStandIn, clock: Clock) -> None:
    outbox = Outbox(database)
    outbox.add("web", "session-0001", [TextReply("คำตอบ")], purpose="mentor_answer", now=T0)
    tickets = TicketService(database, outbox, clock=clock)
    assert run(make_relay(tickets, clock, line_sender(line_api)), T0) == [0]
    assert [r.status for r in outbox.rows()] == ["pending"]


def _metric(name: str, **labels: str) -> float:
    from prometheus_client import REGISTRY

    return REGISTRY.get_sample_value(name, labels) or 0.0


def test_each_round_sets_the_backlog_and_counts_failed_attempts_by_channel(
    database: Database, line_api: LineStandIn, clock: Clock
) -> None:
    tickets = TicketService(database, Outbox(database), clock=clock)
    answered(database, tickets, "line", SME_LINE, line_user_id=MENTOR_LINE)
    tickets.outbox.add("web", "browser-session-1", [TextReply("รอหน้าเว็บมารับ")], purpose="notice")
    line_api.fail_next(PUSH, 503)
    relay = make_relay(tickets, clock, line_sender(line_api))
    failures = _metric("nzap_outbox_failures_total", channel="line")
    run(relay, T0)
    # The LINE answer waits for its retry; the web row is the page's to collect, not this relay's backlog.
    assert _metric("nzap_outbox_backlog") == 1
    assert _metric("nzap_outbox_failures_total", channel="line") == failures + 1
    run(relay, T0 + timedelta(seconds=2))
    assert _metric("nzap_outbox_backlog") == 0
    assert _metric("nzap_outbox_failures_total", channel="line") == failures + 1
    assert len(line_api.sent(PUSH)) == 1


def test_a_telegram_400_fails_at_once_rather_than_being_retried(
    database: Database, telegram_api: TelegramStandIn, clock: Clock
) -> None:
    # python-telegram-bot's BadRequest is a NetworkError subclass; a 400 must not be retried like a 5xx.
    tickets = TicketService(database, Outbox(database), clock=clock)
    answered(database, tickets, "telegram", "555", telegram_user_id=111)
    telegram_api.fail_next("sendMessage", 400)
    run(make_relay(tickets, clock, telegram_sender(telegram_api, tickets)), T0)
    [row] = tickets.outbox.rows(purpose="mentor_answer")
    assert row.status == "failed" and row.attempts == 1
