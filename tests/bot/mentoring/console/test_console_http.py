"""The console over real HTTP: sign-in, lockout, CSRF, 403s, the ticket actions and "save as FAQ"."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest
import yaml

from bot.mentoring.console.app import SECURITY_HEADERS
from bot.mentoring.tickets import FoundPassage, TicketAttempt, TicketContext
from bot.types import Citation, Turn
from tests.bot.mentoring.console.conftest import CONTEXT, PASSWORD, QUESTION, SME_TELEGRAM_ID, Console, form_value
from tests.web_chat import named_session, web_user_id


@contextmanager
def signed_in(console: Console, username: str = "somchai") -> Iterator[httpx.Client]:
    with console.client() as client:
        response = console.login(client, username)
        assert response.status_code == 303 and response.headers["location"] == "/console/"
        yield client


def csrf_of(client: httpx.Client, path: str = "/console/") -> str:
    page = client.get(path)
    assert page.status_code == 200
    return form_value(page.text, "csrf")


def test_pages_need_a_signed_in_mentor(console: Console) -> None:
    ticket = console.new_ticket()
    with console.client() as client:
        for path in ("/console/", f"/console/tickets/{ticket.reference}"):
            response = client.get(path)
            assert response.status_code == 303
            assert response.headers["location"].startswith("/console/login?next=%2Fconsole%2F")
        login = client.get("/console/login")
    assert login.status_code == 200
    assert "เข้าสู่ระบบพี่เลี้ยง" in login.text and QUESTION not in login.text


def test_sign_in_sets_a_hardened_cookie_and_lands_on_the_queue(console: Console) -> None:
    ticket = console.new_ticket()
    with console.client() as client:
        response = console.login(client)
        cookie = response.headers["set-cookie"]
        assert "nzap_console=" in cookie
        assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/console" in cookie
        assert "Secure" not in cookie  # plain HTTP here; see the HTTPS test below
        queue = client.get("/console/")
    assert queue.status_code == 200
    for name, value in SECURITY_HEADERS.items():
        assert queue.headers[name] == value
    assert ticket.reference in queue.text and "คุณสมชาย ร้านกาแฟ (Telegram)" in queue.text
    assert "ร้านกาแฟของผมอยากติดโซลาร์เซลล์" in queue.text and "รอพี่เลี้ยง" in queue.text
    assert "โมดูล 5" in queue.text and "สัปดาห์ที่ 5" in queue.text and 'value="module:5"' in queue.text
    assert "เข้าสู่ระบบเป็น พี่สมชาย ใจดี" in queue.text


def test_the_cookie_is_secure_behind_https(console: Console) -> None:
    # uvicorn trusts X-Forwarded-Proto from 127.0.0.1, as it would from a local reverse proxy.
    with console.client() as client:
        page = client.get("/console/login", headers={"X-Forwarded-Proto": "https"})
        assert "Secure" in page.headers["set-cookie"]
        response = client.post(
            "/console/login",
            data={"csrf": form_value(page.text, "csrf"), "username": "somchai", "password": PASSWORD},
            # A browser sends a Secure cookie only over HTTPS, which the proxy terminates; httpx
            # talking plain HTTP to us will not, so the test sends it by hand.
            headers={
                "X-Forwarded-Proto": "https",
                "Cookie": f"nzap_console_login={page.cookies['nzap_console_login']}",
            },
        )
    assert response.status_code == 303
    assert "Secure" in response.headers["set-cookie"] and "nzap_console=" in response.headers["set-cookie"]


def test_wrong_passwords_lock_the_account_for_a_while(console: Console) -> None:
    with console.client() as client:
        # The registry in the fixture locks after 3 failures. A first slip is not met with a threat of
        # lockout; the warning comes when one attempt is left, then the lock is said.
        said = []
        for _ in range(3):
            failed = console.login(client, password="ผิด")
            assert failed.status_code == 401 and "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in failed.text
            said.append(failed.text)
        assert "ล็อก" not in said[0] and "15 นาที" not in said[0]
        assert "เหลือโอกาสอีก 1 ครั้ง" in said[1] and "15 นาที" in said[1]
        assert "ล็อกชั่วคราว" in said[2] and "15 นาที" in said[2]
        assert console.login(client).status_code == 401  # the right password, but locked
        console.clock.advance(minutes=14)
        assert console.login(client).status_code == 401
        console.clock.advance(minutes=2)
        assert console.login(client).status_code == 303
    assert console.login(console.client(), username="nobody").status_code == 401


def test_sign_in_without_the_form_token_is_refused_and_logged(
    console: Console, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="bot.mentoring.console")
    with console.client() as client:
        no_token = client.post("/console/login", data={"username": "somchai", "password": PASSWORD})
        assert no_token.status_code == 403 and "nzap_console=" not in no_token.headers.get("set-cookie", "")
        page = client.get("/console/login")
        forged = client.post(
            "/console/login", data={"csrf": "made-up.token", "username": "somchai", "password": PASSWORD}
        )
        assert forged.status_code == 403
        # The page's token without the page's cookie (a cross-site form cannot read or set it).
        with console.client() as stranger:
            replay = stranger.post(
                "/console/login",
                data={"csrf": form_value(page.text, "csrf"), "username": "somchai", "password": PASSWORD},
            )
        assert replay.status_code == 403
    assert sum("refused POST /console/login" in r.getMessage() for r in caplog.records) == 3


def test_posts_without_a_session_or_csrf_token_are_403_and_change_nothing(
    console: Console, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="bot.mentoring.console")
    ticket = console.new_ticket()
    base = f"/console/tickets/{ticket.reference}"
    with console.client() as anonymous:
        assert anonymous.post(f"{base}/claim", data={"csrf": "x"}).status_code == 403
        assert anonymous.post(f"{base}/answer", data={"text": "คำตอบปลอม"}).status_code == 403
    with signed_in(console) as mentor, signed_in(console, "malee") as other:
        other_token = csrf_of(other)
        assert mentor.post(f"{base}/claim").status_code == 403
        assert mentor.post(f"{base}/claim", data={"csrf": ""}).status_code == 403
        assert mentor.post(f"{base}/claim", data={"csrf": other_token}).status_code == 403
        refused = mentor.post(f"{base}/answer", data={"csrf": other_token, "text": "คำตอบ"})
        assert refused.status_code == 403 and "ไม่อนุญาต" in refused.text
        # A forged cookie is no session either.
        mentor.cookies.set("nzap_console", "e30.AAAA", path="/console")
        assert mentor.post(f"{base}/close", data={"csrf": csrf_of(other)}).status_code == 403
    after = console.tickets.get(ticket.id)
    assert after is not None and after.status == "open" and after.answer is None and after.assignee_mentor_id is None
    assert [e.action for e in console.tickets.events(ticket.id)] == ["created"]
    assert sum("refused POST" in r.getMessage() for r in caplog.records) == 7


def test_claim_release_answer_and_close_from_the_ticket_page(console: Console) -> None:
    ticket = console.new_ticket()
    page_path = f"/console/tickets/{ticket.reference}"
    with signed_in(console) as client:
        page = client.get(page_path)
        assert page.status_code == 200
        for shown in (QUESTION, "โซลาร์รูฟท็อปสำหรับ SME", "week05.md", "ความมั่นใจ 0.32", "สร้างเรื่อง", "ผู้ประกอบการ"):
            assert shown in page.text, shown
        assert re.search(
            r"\d{1,2} (ม\.ค\.|ก\.พ\.|มี\.ค\.|เม\.ย\.|พ\.ค\.|มิ\.ย\.|ก\.ค\.|ส\.ค\.|ก\.ย\.|ต\.ค\.|พ\.ย\.|ธ\.ค\.) 25\d\d \d\d:\d\d",
            page.text,
        )
        token = form_value(page.text, "csrf")

        claimed = client.post(f"{page_path}/claim", data={"csrf": token})
        assert claimed.status_code == 303 and claimed.headers["location"] == f"{page_path}?done=claimed"
        assert "รับเรื่องแล้ว" in client.get(claimed.headers["location"]).text
        state = console.tickets.get(ticket.id)
        assert state is not None and state.status == "claimed" and state.assignee_mentor_id == console.mentor.id

        assert client.post(f"{page_path}/release", data={"csrf": token}).status_code == 303
        state = console.tickets.get(ticket.id)
        assert state is not None and state.status == "open" and state.assignee_mentor_id is None

        empty = client.post(f"{page_path}/answer", data={"csrf": token, "text": "   "})
        assert empty.headers["location"] == f"{page_path}?error=empty_answer"
        answer = "ติดตั้งขนาดไม่เกิน 10 kW ต้องแจ้ง กฟภ. และขออนุญาตท้องถิ่นก่อนครับ"
        answered = client.post(f"{page_path}/answer", data={"csrf": token, "text": answer})
        assert answered.headers["location"] == f"{page_path}?done=answered"
        after = client.get(f"{page_path}?done=answered").text
        assert answer in after and "ระบบกำลังส่งให้ผู้ประกอบการ" in after and "ตอบโดย พี่สมชาย ใจดี" in after

        assert client.post(f"{page_path}/close", data={"csrf": token}).status_code == 303
        closed = client.get(page_path).text
    final = console.tickets.get(ticket.id)
    assert final is not None and final.status == "closed" and final.answer == answer
    assert [e.action for e in console.tickets.events(ticket.id)] == [
        "created",
        "claimed",
        "released",
        "claimed",
        "answered",
        "closed",
    ]
    assert "ปิดเรื่อง" in closed and "พี่เลี้ยง พี่สมชาย ใจดี" in closed
    [row] = console.outbox.rows(ticket_id=ticket.id, purpose="mentor_answer")
    assert row.channel == "telegram" and row.recipient == SME_TELEGRAM_ID and row.ticket_id == ticket.id


def test_a_ticket_claimed_by_another_mentor_cannot_be_answered(console: Console) -> None:
    ticket = console.new_ticket()
    console.tickets.claim(ticket.id, console.other_mentor.id)
    path = f"/console/tickets/{ticket.reference}"
    with signed_in(console) as client:
        page = client.get(path).text
        assert "พี่มาลี รักษ์โลก รับเรื่องนี้อยู่" in page and 'name="text"' not in page
        response = client.post(f"{path}/answer", data={"csrf": form_value(page, "csrf"), "text": "ขอตอบแทน"})
        assert response.headers["location"] == f"{path}?error=state"
        assert "ทำรายการนี้ไม่ได้ในสถานะปัจจุบัน" in client.get(response.headers["location"]).text
    state = console.tickets.get(ticket.id)
    assert state is not None and state.answer is None and state.assignee_mentor_id == console.other_mentor.id


def test_the_queue_filters_by_status_and_topic(console: Console) -> None:
    first = console.new_ticket()
    second = console.new_ticket("คาร์บอนเครดิต T-VER ขายได้ราคาเท่าไหร่", platform_user_id="555000222")
    console.tickets.answer(second.id, console.other_mentor.id, "ราคาขึ้นกับการซื้อขายนอกตลาดครับ")
    with signed_in(console) as client:
        active = client.get("/console/").text
        answered = client.get("/console/", params={"status": "answered"}).text
        everything = client.get("/console/", params={"status": "all"}).text
        by_tag = client.get("/console/", params={"status": "all", "tag": "โซลาร์รูฟท็อป"}).text
        no_tag = client.get("/console/", params={"status": "all", "tag": "ไม่มีหัวข้อนี้"}).text
        bogus = client.get("/console/", params={"status": "<script>"}).text
    assert first.reference in active and second.reference not in active
    assert second.reference in answered and first.reference not in answered
    assert first.reference in everything and second.reference in everything
    assert first.reference in by_tag
    assert "ไม่มีคำถามในคิวนี้" in no_tag
    assert first.reference in bogus and "<script>" not in bogus


def test_the_context_stored_through_the_service_is_what_the_ticket_page_shows(console: Console) -> None:
    question = "ปั๊มน้ำมันของผมต้องนับไอระเหยจากถังเก็บเป็นขอบเขตที่ 1 ไหมครับ"
    context = TicketContext(
        turns=(Turn("user", "สวัสดีครับ"), Turn("assistant", "สวัสดีครับ มีอะไรให้ช่วยครับ"), Turn("user", question)),
        passages=(
            FoundPassage("week03.md", "ขอบเขตการปล่อยก๊าซเรือนกระจก", "การปล่อยทางตรง", 7, "ไอระเหยของเชื้อเพลิง", 0.57),
        ),
        attempt=TicketAttempt(
            "การปล่อยที่ไม่ได้มาจากการเผาไหม้ เช่น การรั่วไหล นับเป็นขอบเขตที่ 1",
            confidence=0.44,
            supported=False,
            mode="extractive",
            citations=(Citation(source="week03.md", title="ขอบเขตการปล่อยก๊าซเรือนกระจก", page=7),),
        ),
    )
    ticket = console.new_ticket(question, context=context)
    # The SME asks the same again: the service adds it to the stored context's follow-ups.
    _, created = console.tickets.create_or_attach(ticket.user_id, ticket.conversation_id, f"{question} ครับ", context)
    stored = console.tickets.get(ticket.id)
    assert not created and stored is not None
    assert (stored.context.turns, stored.context.passages, stored.context.attempt) == (
        context.turns,
        context.passages,
        context.attempt,
    )
    assert [f.text for f in stored.context.follow_ups] == [f"{question} ครับ"]

    with signed_in(console) as client:
        page = client.get(f"/console/tickets/{ticket.reference}").text
    for shown in (
        "สวัสดีครับ มีอะไรให้ช่วยครับ",  # the conversation
        "การปล่อยที่ไม่ได้มาจากการเผาไหม้ เช่น การรั่วไหล นับเป็นขอบเขตที่ 1",  # the attempt
        "ความมั่นใจ 0.44",
        "ขอบเขตการปล่อยก๊าซเรือนกระจก (week03.md, หน้า 7)",  # its citation
        "ขอบเขตการปล่อยก๊าซเรือนกระจก · การปล่อยทางตรง · หน้า 7 · week03.md",  # the passage found
        "ไอระเหยของเชื้อเพลิง",
        f"{question} ครับ",  # the follow-up
    ):
        assert shown in page, shown


def test_text_from_smes_is_escaped(console: Console) -> None:
    ticket = console.new_ticket('<script>alert("x")</script> ค่าไฟแพง <b>มาก</b>')
    with signed_in(console) as client:
        queue = client.get("/console/").text
        page = client.get(f"/console/tickets/{ticket.reference}").text
    for html in (queue, page):
        assert "<script>alert" not in html and "&lt;script&gt;" in html


def test_a_removed_mentor_is_signed_out_at_once(console: Console) -> None:
    ticket = console.new_ticket()
    with signed_in(console) as client:
        token = csrf_of(client)
        console.mentors.remove("somchai")
        assert client.get("/console/").status_code == 303
        assert client.post(f"/console/tickets/{ticket.reference}/claim", data={"csrf": token}).status_code == 403
    state = console.tickets.get(ticket.id)
    assert state is not None and state.status == "open"


def test_log_out(console: Console) -> None:
    with signed_in(console) as client:
        token = csrf_of(client)
        assert client.post("/console/logout").status_code == 403  # logout needs the token too
        out = client.post("/console/logout", data={"csrf": token})
        assert out.status_code == 303 and out.headers["location"] == "/console/login?done=logged_out"
        assert "nzap_console=" in out.headers["set-cookie"] and "Max-Age=0" in out.headers["set-cookie"]
        assert client.get("/console/").status_code == 303
        assert "ออกจากระบบแล้ว" in client.get("/console/login?done=logged_out").text


def test_a_deep_link_survives_the_sign_in_form(console: Console) -> None:
    """A mentor opens a ticket's link from the mentor group, signs in, and lands on that ticket."""
    ticket = console.new_ticket()
    with console.client() as client:
        asked = client.get(f"/console/tickets/{ticket.reference}")
        assert asked.status_code == 303
        page = client.get(asked.headers["location"])  # the sign-in page, with next=...
        form = {name: form_value(page.text, name) for name in ("csrf", "next")}
        response = client.post("/console/login", data={**form, "username": "somchai", "password": PASSWORD})
        assert response.status_code == 303 and response.headers["location"] == f"/console/tickets/{ticket.reference}"
        assert client.get(response.headers["location"]).status_code == 200
        # Signed in already, the sign-in page passes the deep link on too.
        again = client.get("/console/login", params={"next": f"/console/tickets/{ticket.reference}"})
        assert again.headers["location"] == f"/console/tickets/{ticket.reference}"


@pytest.mark.parametrize(
    "target", ["https://evil.example/console/", "//evil.example/console/", "/console\\@evil.example", "/elsewhere"]
)
def test_the_sign_in_never_sends_a_mentor_off_the_console(console: Console, target: str) -> None:
    with console.client() as client:
        page = client.get("/console/login", params={"next": target})
        assert form_value(page.text, "next") == "/console/"
        response = client.post(
            "/console/login",
            data={"csrf": form_value(page.text, "csrf"), "username": "somchai", "password": PASSWORD, "next": target},
        )
        assert response.headers["location"] == "/console/"


def test_signing_out_revokes_the_session_on_the_server(console: Console) -> None:
    """A session cookie copied before signing out (another tab, a shared machine, a thief) stops working."""
    with signed_in(console) as client:
        copied = client.cookies["nzap_console"]
        client.post("/console/logout", data={"csrf": csrf_of(client)})
    with console.client() as thief:
        thief.cookies.set("nzap_console", copied)
        response = thief.get("/console/")
        assert response.status_code == 303 and response.headers["location"].startswith("/console/login")
    with signed_in(console) as client:  # signing in again works, with a new cookie
        assert client.get("/console/").status_code == 200


def test_sign_in_returns_to_the_page_asked_for_but_never_off_site(console: Console) -> None:
    ticket = console.new_ticket()
    with console.client() as client:
        target = f"/console/tickets/{ticket.reference}"
        page = client.get("/console/login", params={"next": target})
        response = client.post(
            "/console/login",
            data={"csrf": form_value(page.text, "csrf"), "username": "somchai", "password": PASSWORD, "next": target},
        )
        assert response.headers["location"] == target
    with console.client() as client:
        page = client.get("/console/login")
        response = client.post(
            "/console/login",
            data={
                "csrf": form_value(page.text, "csrf"),
                "username": "somchai",
                "password": PASSWORD,
                "next": "//evil.example/console/",
            },
        )
        assert response.headers["location"] == "/console/"


def test_unknown_tickets_and_lower_case_numbers(console: Console) -> None:
    ticket = console.new_ticket()
    with signed_in(console) as client:
        assert client.get("/console/tickets/T-9999").status_code == 404
        assert client.get("/console/tickets/nonsense").status_code == 404
        redirect = client.get(f"/console/tickets/t{ticket.number}")
        assert redirect.status_code == 303 and redirect.headers["location"] == f"/console/tickets/{ticket.reference}"


def test_save_as_faq_writes_an_attributed_curated_entry(console: Console) -> None:
    ticket = console.new_ticket()
    path = f"/console/tickets/{ticket.reference}"
    with signed_in(console) as client:
        token = csrf_of(client, path)
        early = client.post(f"{path}/faq", data={"csrf": token, "question": "ถาม", "answer": "ตอบ"})
        assert early.headers["location"] == f"{path}?error=faq_no_answer"
        answer = "ระบบไม่เกิน 10 kW แจ้ง กฟภ. ผ่านระบบออนไลน์ และขออนุญาตก่อสร้างดัดแปลงอาคารกับท้องถิ่น"
        client.post(f"{path}/answer", data={"csrf": token, "text": answer})
        page = client.get(path).text
        assert "บันทึกเป็นคำถามที่พบบ่อย (FAQ)" in page and answer in page
        assert form_value(page, "topics") == "โซลาร์รูฟท็อป"  # topics only; module and week are fields
        saved = client.post(
            f"{path}/faq",
            data={
                "csrf": token,
                "question": "ติดโซลาร์รูฟท็อปขนาดเล็กต้องขออนุญาตอะไรบ้าง",
                "answer": answer,
                "topics": "โซลาร์รูฟท็อป, ใบอนุญาต",
            },
        )
        assert saved.headers["location"] == f"{path}?done=faq"
        assert "บันทึกเป็น FAQ แล้วที่" in client.get(path).text
    file = console.faq_dir / f"mentor-{ticket.reference}.yaml"
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    assert data["kind"] == "faq"
    [item] = data["items"]
    assert item["question"] == "ติดโซลาร์รูฟท็อปขนาดเล็กต้องขออนุญาตอะไรบ้าง" and item["answer"] == answer
    assert item["answered_by"] == "พี่สมชาย ใจดี" and item["ticket"] == ticket.reference
    assert item["topics"] == ["โซลาร์รูฟท็อป", "ใบอนุญาต"] and item["module"] == 5
    assert item["answered_on"] == console.clock.now.date().isoformat()
    assert console.tickets.events(ticket.id)[-1].action == "saved_as_faq"


def test_the_console_speaks_english_on_request(console: Console) -> None:
    ticket = console.new_ticket()
    with signed_in(console) as client:
        page = client.get(f"/console/tickets/{ticket.reference}").text
        assert "ประวัติการเปลี่ยนแปลง" in page
        link = re.search(r'href="(/console/language/en\?next=[^"]+)"', page)
        assert link is not None
        switched = client.get(link.group(1).replace("&amp;", "&"))
        assert switched.status_code == 303 and switched.headers["location"] == f"/console/tickets/{ticket.reference}"
        english = client.get(switched.headers["location"]).text
        assert "Audit trail" in english and "Claim" in english and "ประวัติการเปลี่ยนแปลง" not in english
        assert QUESTION in english  # the SME's words stay as they were
        assert client.get("/console/language/xx?next=//evil.example").headers["location"] == "/console/"
        assert "Questions for mentors" in client.get("/console/").text
        client.get("/console/language/th")
        assert "คิวคำถามถึงพี่เลี้ยง" in client.get("/console/").text


def test_a_web_user_is_shown_by_a_short_label_never_by_their_session(console: Console) -> None:
    """The web chat's session cookie is its user's only credential: no page of the console may show it."""
    session = named_session("a-browser-in-chiang-mai")
    user = console.repository.touch_user("web", web_user_id(session), None)
    ticket, _ = console.tickets.create_or_attach(
        user.id, console.repository.active_conversation(user.id), QUESTION, CONTEXT, ["week:5"]
    )
    with signed_in(console) as client:
        pages = [client.get("/console/").text, client.get(f"/console/tickets/{ticket.reference}").text]
    for page in pages:
        assert re.search(r"ผู้ใช้เว็บ #[0-9a-f]{4}", page)
        assert session not in page and web_user_id(session) not in page


def test_a_ticket_page_lists_the_smes_other_tickets_and_no_one_elses(console: Console) -> None:
    first = console.new_ticket("ติดโซลาร์ 50 kW ต้องขออนุญาต กฟภ. ไหมครับ")
    second = console.new_ticket("ขอสินเชื่อสีเขียวต้องใช้เอกสารอะไรบ้างครับ")
    stranger = console.new_ticket("ค่าไฟ TOU คิดยังไงคะ", platform_user_id="7000001")
    with signed_in(console) as client:
        page = client.get(f"/console/tickets/{second.reference}").text
    assert "เรื่องอื่นของผู้ประกอบการรายนี้" in page
    others = page.split("เรื่องอื่นของผู้ประกอบการรายนี้", 1)[1]
    assert first.reference in others
    assert stranger.reference not in page
