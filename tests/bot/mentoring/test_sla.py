"""Service levels: one reminder to the mentor groups, then one notice to the coordinator; times injected."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from bot.mentoring import MentorGroups, MentorRegistry, Outbox, TicketService
from bot.mentoring.relay import Relay
from bot.mentoring.sla import ServiceLevels
from bot.storage import ConversationRepository, Database

T0 = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
GROUPS = MentorGroups(telegram_chat_id=-1001, line_group_id="C" + "1" * 32)
COORDINATOR = [("telegram", "4242")]


def _setup(database: Database, now: list[datetime] | None = None) -> tuple[TicketService, ServiceLevels, int]:
    now = now or [T0]
    tickets = TicketService(database, Outbox(database), GROUPS, clock=lambda: now[0])
    user = ConversationRepository(database).touch_user("line", "U" + "2" * 32, "คุณสมหญิง")
    ticket, _ = tickets.create_or_attach(user.id, None, "ขอสูตรคำนวณคาร์บอนของรถกระบะ", {})
    levels = ServiceLevels(tickets, timedelta(minutes=30), timedelta(minutes=120), COORDINATOR)
    return tickets, levels, ticket.id


def test_one_reminder_then_one_coordinator_notice(database: Database) -> None:
    tickets, levels, ticket_id = _setup(database)
    assert levels.check(T0 + timedelta(minutes=29)) == (0, 0)
    assert levels.check(T0 + timedelta(minutes=31)) == (1, 0)
    assert levels.check(T0 + timedelta(minutes=90)) == (0, 0)
    reminders = tickets.outbox.rows(purpose="reminder")
    assert {(r.channel, r.recipient) for r in reminders} == set(GROUPS.targets())
    assert "T-0001" in reminders[0].replies[0].text  # type: ignore[union-attr]
    assert levels.check(T0 + timedelta(minutes=121)) == (0, 1)
    assert levels.check(T0 + timedelta(minutes=500)) == (0, 0)
    [notice] = tickets.outbox.rows(purpose="notice")
    assert (notice.channel, notice.recipient) == COORDINATOR[0] and "121" in notice.replies[0].text  # type: ignore[union-attr]
    actions = [e.action for e in tickets.events(ticket_id)]
    assert actions.count("reminded") == 1 and actions.count("coordinator_notified") == 1


def test_claimed_tickets_are_left_alone_and_a_release_starts_the_clock_again(database: Database) -> None:
    now = [T0]
    tickets, levels, ticket_id = _setup(database, now)
    mentor = MentorRegistry(database).add("พี่นก", telegram_user_id=5)
    tickets.claim(ticket_id, mentor.id)
    assert levels.check(T0 + timedelta(minutes=200)) == (0, 0)
    now[0] = T0 + timedelta(minutes=200)  # released at T0+200 min
    tickets.release(ticket_id, mentor.id)
    assert levels.check(T0 + timedelta(minutes=220)) == (0, 0)
    assert levels.check(T0 + timedelta(minutes=231)) == (1, 0)


def test_the_relay_runs_the_checks_each_round(database: Database) -> None:
    tickets, levels, _ = _setup(database)
    relay = Relay(tickets.outbox, tickets, [], service_levels=levels)
    asyncio.run(relay.run_once(T0 + timedelta(minutes=31)))
    assert len(tickets.outbox.rows(purpose="reminder")) == 2
