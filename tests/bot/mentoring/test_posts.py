"""What mentors see of a ticket in their groups: Telegram HTML with buttons, LINE text with the command forms."""

from __future__ import annotations

from dataclasses import replace

from bot.mentoring import MentorRegistry, TicketRecord, TicketService
from bot.mentoring.posts import line_post, parse_callback, post_replies, telegram_post
from bot.mentoring.tickets import FoundPassage, TicketAttempt, TicketContext
from bot.storage import ConversationRepository
from bot.types import Citation, TextReply, Turn
from tests.telegram_spec import BotApiSpec, html_to_text

QUESTION = "ร้าน <กาแฟ> & เบเกอรี่ ขายไฟโซลาร์ส่วนเกินคืนการไฟฟ้าได้ไหม"
ATTEMPT = "จากเนื้อหาหลักสูตร สัปดาห์ที่ 4 โครงการโซลาร์ภาคประชาชนรับซื้อไฟส่วนเกิน"
CITATION = Citation(source="week04.md", title="โซลาร์รูฟท็อปสำหรับ SME", page=12, week=4)


def _context(attempt: bool = True) -> TicketContext:
    passage = FoundPassage(source="week04.md", title="โซลาร์รูฟท็อปสำหรับ SME", page=12, text="…", score=0.4)
    return TicketContext(
        turns=(Turn(role="user", text=QUESTION),),
        passages=(passage,),
        attempt=TicketAttempt(ATTEMPT, 0.3, supported=False, mode="extractive", citations=(CITATION,))
        if attempt
        else None,
    )


def _ticket(
    tickets: TicketService, repository: ConversationRepository, attempt: bool = True, name: str = "คุณสมชาย <ร้านกาแฟ>"
) -> TicketRecord:
    user = repository.touch_user("line", "U" + "2" * 32, name)
    ticket, _ = tickets.create_or_attach(user.id, None, QUESTION, _context(attempt), ["โซลาร์", "module:4"])
    return ticket


def test_the_telegram_post_is_valid_escaped_html_with_claim_and_close_buttons(
    tickets: TicketService, repository: ConversationRepository
) -> None:
    ticket = _ticket(tickets, repository)
    post = telegram_post(ticket)
    spec = BotApiSpec()
    markup = {"inline_keyboard": [[{"text": label, "callback_data": data} for label, data in post.buttons]]}
    assert (
        spec.check("sendMessage", {"chat_id": -100, "text": post.html, "parse_mode": "HTML", "reply_markup": markup})
        == []
    )
    shown = html_to_text(post.html)
    assert shown == post.plain
    for expected in ("T-0001", "คุณสมชาย <ร้านกาแฟ>", "LINE", QUESTION, ATTEMPT, "หัวข้อ: โซลาร์, โมดูล 4"):
        assert expected in shown
    assert "โซลาร์รูฟท็อปสำหรับ SME (สัปดาห์ที่ 4, หน้า 12)" in shown
    assert "&lt;กาแฟ&gt; &amp; เบเกอรี่" in post.html  # the SME's text is escaped, never markup
    assert "รอพี่เลี้ยงรับเรื่อง" in shown
    assert post.buttons == (("รับเรื่อง", f"t:claim:{ticket.id}"), ("ปิดเรื่อง", f"t:close:{ticket.id}"))
    assert [parse_callback(data) for _, data in post.buttons] == [("claim", ticket.id), ("close", ticket.id)]


def test_after_a_claim_the_post_names_the_mentor_and_offers_only_close(
    tickets: TicketService, mentors: MentorRegistry, repository: ConversationRepository
) -> None:
    ticket = _ticket(tickets, repository)
    mentor = mentors.add("อาจารย์วิภา", telegram_user_id="91")
    claimed = tickets.claim(ticket.id, mentor.id)
    post = telegram_post(claimed)
    assert "อาจารย์วิภา รับเรื่องแล้ว" in post.plain
    assert [label for label, _ in post.buttons] == ["ปิดเรื่อง"]
    closed = tickets.close(ticket.id, mentor.actor)
    assert telegram_post(closed).buttons == ()
    assert "ปิดเรื่องแล้ว" in telegram_post(closed).plain


def test_without_an_attempt_the_post_says_so_and_lists_what_retrieval_found(
    tickets: TicketService, repository: ConversationRepository
) -> None:
    ticket = _ticket(tickets, repository, attempt=False)
    post = telegram_post(ticket)
    assert "ไม่มีคำตอบจากเอกสาร" in post.plain
    assert "เอกสารที่ค้นเจอ\n• โซลาร์รูฟท็อปสำหรับ SME (หน้า 12)" in post.plain


def test_the_line_post_is_plain_text_with_the_command_forms(
    tickets: TicketService, repository: ConversationRepository
) -> None:
    ticket = _ticket(tickets, repository)
    body = line_post(ticket)
    assert "<b>" not in body and QUESTION in body and ATTEMPT in body
    assert "ตอบ T-0001" in body and "รับ T-0001" in body and "ปิด T-0001" in body
    assert post_replies(ticket) == [TextReply(body)]


def test_a_very_long_question_is_clipped_at_a_thai_safe_place_and_fits_one_message(
    tickets: TicketService, repository: ConversationRepository
) -> None:
    user = repository.touch_user("telegram", "555", "สมชาย")
    long_question = "การคำนวณคาร์บอนจากค่าไฟฟ้าของโรงงานน้ำแข็ง " * 200
    emoji_attempt = "😀" * 3000  # counts twice in Telegram's limit
    context = replace(_context(), attempt=TicketAttempt(emoji_attempt))
    ticket, _ = tickets.create_or_attach(user.id, None, long_question, context)
    post = telegram_post(ticket)
    assert len(post.plain.encode("utf-16-le")) // 2 <= 4096
    question_line = post.plain.split("คำถาม\n", 1)[1].split("\n", 1)[0]
    assert question_line.endswith("…") and not question_line[-2].isspace()
    assert BotApiSpec().check("sendMessage", {"chat_id": 5, "text": post.html, "parse_mode": "HTML"}) == []


def test_other_callback_data_is_not_a_ticket_button() -> None:
    for data in (None, "", "t:0123456789abcdef", "a:escalate:yes", "t:claim:", "t:claim:x", "t:delete:4", "c:yes"):
        assert parse_callback(data) is None
