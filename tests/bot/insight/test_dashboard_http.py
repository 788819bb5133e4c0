"""The staff dashboard over HTTP, as a coordinator and a mentor use it (a real server, SQLite and PostgreSQL).

The history is :func:`tests.insight_history.seed_history`'s: 600 questions over 12 weeks, unanswered
ones about solar practicalities, green loans and CBAM among answered ones, ratings and tickets.
"""

from __future__ import annotations

import csv
import html
import io
from collections import Counter
from datetime import UTC, datetime, timedelta

import yaml  # type: ignore[import-untyped,unused-ignore]
from sqlalchemy import select

from bot.insight.figures import bangkok_day
from bot.storage.models import Conversation, Message, OutboxMessage, User
from tests.bot.insight.conftest import DashboardConsole
from tests.bot.mentoring.console.conftest import form_value
from tests.insight_history import CBAM, LOANS, SOLAR, UNANSWERED


def _stored_questions(console: DashboardConsole, days: int = 84) -> Counter[str]:
    """Questions stored in the last ``days`` Bangkok days, per channel, read straight from the tables."""
    first_day = bangkok_day(console.clock.now) - timedelta(days=days - 1)
    since = datetime(first_day.year, first_day.month, first_day.day, tzinfo=UTC) - timedelta(hours=7)
    with console.database.session() as session:
        rows = session.execute(
            select(User.channel)
            .select_from(Message)
            .join(Conversation, Conversation.id == Message.conversation_id)
            .join(User, User.id == Conversation.user_id)
            .where(Message.role == "user", Message.created_at >= since)
        ).all()
    return Counter(channel for (channel,) in rows)


def _csv_rows(body: bytes) -> list[list[str]]:
    text = body.decode("utf-8")
    assert text.startswith("\ufeff"), "Excel needs the byte-order mark to read Thai"
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def test_staff_see_the_figures_charts_and_topics_in_thai(dashboard_console: DashboardConsole) -> None:
    console = dashboard_console
    with console.client() as client:
        console.login(client, "prae")
        queue = client.get("/console/")
        assert 'href="/console/dashboard"' in queue.text  # the staff's nav link
        page = client.get("/console/dashboard?days=84")
    assert page.status_code == 200
    body = page.text
    assert "ภาพรวมคำถามของผู้ประกอบการ" in body
    year = str(console.clock.now.year + 543)
    assert year in body.split('id="period">')[1].split("<")[0]  # the period in Buddhist-Era years
    assert body.count('<svg class="chart') == 6  # per day, per channel, coverage, ratings, tickets, mentors
    assert "<script" not in body and "http://" not in body.replace("http://www.w3.org/2000/svg", "")
    total = sum(_stored_questions(console).values())
    assert f"<strong>{total:,}</strong>" in body
    # Every unanswered subject is a topic row, its questions written as the users typed them.
    rows = body.split('<tr class="topic-row"')[1:]
    for subject in (SOLAR, LOANS, CBAM):
        row = next(r for r in rows if any(f"<q>{q}</q>" in r for q in subject))
        assert all(f"<q>{q}</q>" not in row for q in set(UNANSWERED) - set(subject))
    assert any("โมดูล 5" in r and any(q in r for q in SOLAR) for r in rows)
    assert body.count('class="small open-ticket"') >= 9 and body.count('class="draft-faq"') >= 9


def test_english_on_the_toggle(dashboard_console: DashboardConsole) -> None:
    console = dashboard_console
    with console.client(language="en") as client:
        console.login(client, "prae")
        page = client.get("/console/dashboard?days=30").text
    assert "What SMEs asked" in page and "Questions per day, by channel" in page
    assert "(30 days)" in page and "ภาพรวม" not in page


def test_a_mentor_without_the_staff_role_gets_403_and_no_link(dashboard_console: DashboardConsole) -> None:
    console = dashboard_console
    with console.client() as client:
        console.login(client, "somchai")
        assert "/console/dashboard" not in client.get("/console/").text
        refused = client.get("/console/dashboard")
        assert refused.status_code == 403 and "สำหรับเจ้าหน้าที่โครงการเท่านั้น" in refused.text
        assert client.get("/console/dashboard/figures.csv").status_code == 403
        assert client.get("/console/dashboard/faq?question=x").status_code == 403
        csrf = form_value(client.get("/console/").text, "csrf")
        with console.database.session() as session:
            answer = session.scalar(select(Message.id).where(Message.role == "assistant").limit(1))
        posted = client.post("/console/dashboard/ticket", data={"csrf": csrf, "answer": str(answer)})
        assert posted.status_code == 403
    assert console.tickets.queue({"open"}) == []
    # The role granted, the same session opens the page (every request re-reads the mentor).
    console.mentors.set_staff("somchai", True)
    with console.client() as client:
        console.login(client, "somchai")
        assert client.get("/console/dashboard").status_code == 200


def test_signed_out_goes_to_the_sign_in_page(dashboard_console: DashboardConsole) -> None:
    with dashboard_console.client() as client:
        for path in ("/console/dashboard?days=30", "/console/dashboard/topics.csv"):
            response = client.get(path)
            assert response.status_code == 303 and response.headers["location"].startswith("/console/login?next=")
        assert client.post("/console/dashboard/ticket", data={"answer": "1"}).status_code == 403


def test_csv_exports_hold_the_figures_and_the_topics(dashboard_console: DashboardConsole) -> None:
    console = dashboard_console
    with console.client() as client:
        console.login(client, "prae")
        figures = client.get("/console/dashboard/figures.csv?days=84")
        topics = client.get("/console/dashboard/topics.csv?days=84")
    assert figures.status_code == 200 and figures.headers["content-type"].startswith("text/csv")
    assert "attachment" in figures.headers["content-disposition"]
    rows = _csv_rows(figures.content)
    assert rows[0] == ["section", "key", "detail", "value"]
    stored = _stored_questions(console)
    values = {(r[0], r[1]): r[3] for r in rows[1:]}
    assert values[("questions", "total")] == str(sum(stored.values()))
    assert {k: int(v) for (s, k), v in values.items() if s == "questions_per_channel"} == dict(stored)
    per_day = [r for r in rows if r[0].startswith("questions_per_day:")]
    assert sum(int(r[3]) for r in per_day) == sum(stored.values())
    assert all(str(int(r[1][:4]) + 543)[2:] in r[2] for r in per_day)  # the BE date beside the ISO one
    assert int(values[("tickets", "total")]) > 0 and any(s == "mentor_answered" for s, _ in values)

    topic_rows = _csv_rows(topics.content)
    assert topic_rows[0][:3] == ["rank", "label", "questions"]
    examples = {r[-1] for r in topic_rows[1:]}
    assert examples <= set(UNANSWERED) | {r[-1] for r in topic_rows[1:] if r[8] != "0"}
    assert len(examples & set(UNANSWERED)) >= 6
    solar = [r for r in topic_rows[1:] if r[-1] in SOLAR]
    assert solar and all(r[3] == "5" for r in solar)  # placed in the solar module


def test_open_as_ticket_hands_that_users_question_to_the_mentors(dashboard_console: DashboardConsole) -> None:
    console = dashboard_console
    with console.client() as client:
        console.login(client, "prae")
        page = client.get("/console/dashboard?days=84").text
        csrf = form_value(page, "csrf")
        row = page.split("<q>" + CBAM[1] + "</q>")[1]
        answer = row.split('name="answer" value="')[1].split('"')[0]
        opened = client.post("/console/dashboard/ticket", data={"csrf": csrf, "answer": answer, "days": "84"})
        assert opened.status_code == 303
        assert opened.headers["location"].endswith("?done=ticket_opened")
        ticket_page = client.get(opened.headers["location"])
        assert "เปิดเรื่องให้คำถามนี้แล้ว" in ticket_page.text and CBAM[1] in ticket_page.text
        again = client.post("/console/dashboard/ticket", data={"csrf": csrf, "answer": answer})
        assert again.headers["location"].endswith("?done=ticket_attached")  # no second ticket for it
        gone = client.post("/console/dashboard/ticket", data={"csrf": csrf, "answer": "999999999"})
        assert gone.headers["location"] == "/console/dashboard?error=question_gone"
    [ticket] = console.tickets.queue({"open"})
    with console.database.session() as session:
        asker = session.execute(
            select(User.id, User.channel, User.platform_user_id)
            .join(Conversation, Conversation.user_id == User.id)
            .join(Message, Message.conversation_id == Conversation.id)
            .where(Message.id == int(answer))
        ).one()
    assert (ticket.user_id, ticket.channel, ticket.platform_user_id) == tuple(asker)
    assert ticket.question == CBAM[1] and ticket.context.attempt is not None
    assert "module:8" in ticket.tags  # routed like a hand-off: retrieval over the index placed it
    # The mentor's answer goes to that SME through the outbox, on their channel.
    console.tickets.claim(ticket.id, console.mentor.id)
    console.tickets.answer(ticket.id, console.mentor.id, "ยื่นรายงานไตรมาสผ่านผู้นำเข้าใน EU ครับ")
    with console.database.session() as session:
        [delivery] = session.scalars(select(OutboxMessage).where(OutboxMessage.purpose == "mentor_answer")).all()
        assert (delivery.channel, delivery.recipient) == (asker.channel, asker.platform_user_id)
        assert CBAM[1] in delivery.payload[0]["text"]


def test_an_faq_draft_yields_a_yaml_entry_for_the_course_file(dashboard_console: DashboardConsole) -> None:
    console = dashboard_console
    with console.client() as client:
        console.login(client, "prae")
        page = client.get("/console/dashboard?days=84").text
        link = page.split("<q>" + LOANS[1] + "</q>")[1].split('class="draft-faq" href="')[1].split('"')[0]
        form = client.get(link.replace("&amp;", "&"))
        assert form.status_code == 200 and LOANS[1] in form.text
        csrf = form_value(form.text, "csrf")
        fields = {"csrf": csrf, "question": LOANS[1], "answer": "ขึ้นกับธนาคาร ส่วนใหญ่ใช้หลักทรัพย์หรือบสย. ค้ำ",
                  "topics": "สินเชื่อสีเขียว, หลักประกัน", "module": "10", "id": ""}  # fmt: skip
        shown = client.post("/console/dashboard/faq", data={**fields, "as": "show"})
        downloaded = client.post("/console/dashboard/faq", data={**fields, "as": "download"})
        empty = client.post("/console/dashboard/faq", data={**fields, "answer": " ", "as": "show"})
    assert shown.status_code == 200
    snippet = html.unescape(shown.text.split("readonly>")[1].split("</textarea>")[0])
    assert snippet == downloaded.content.decode("utf-8")
    assert "attachment" in downloaded.headers["content-disposition"]
    # Pasted under items: of faq.yaml, the file still loads and holds the entry.
    course = yaml.safe_load("kind: faq\ntitle: FAQ\nitems:\n" + snippet)
    [item] = course["items"]
    assert item["question"] == LOANS[1] and item["module"] == 10
    assert item["topics"] == ["สินเชื่อสีเขียว", "หลักประกัน"] and item["id"].startswith("faq-new-")
    assert empty.status_code == 400 and "ต้องมีทั้งคำถามและคำตอบ" in empty.text
