"""The core texts: ingestion reports, search results, errors, the demo (Thai first, English as an option)."""

from __future__ import annotations

from bot.i18n.catalogue import Catalogue, Texts

MESSAGES: Catalogue = {
    "ingest.summary": {
        "th": "ไฟล์: เพิ่ม {added} แก้ไข {changed} ไม่เปลี่ยน {unchanged} ลบ {removed} ข้าม {skipped} | "
        "ชิ้นข้อความ: ฝังเวกเตอร์ใหม่ {embedded} รวมในดัชนี {total} | ใช้เวลา {seconds:.1f} วินาที",
        "en": "files: {added} added, {changed} changed, {unchanged} unchanged, {removed} removed, "
        "{skipped} skipped | chunks: {embedded} embedded, {total} in index | {seconds:.1f} s",
    },
    "ingest.skipped": {"th": "ข้าม {source}: {reason}", "en": "skipped {source}: {reason}"},
    "ingest.index": {"th": "ดัชนีอยู่ที่ {path}", "en": "index: {path}"},
    "ingest.no_paths": {
        "th": "โปรดระบุไฟล์หรือโฟลเดอร์ที่จะนำเข้า หรือใช้ --sample เพื่อใช้เนื้อหาตัวอย่าง",
        "en": "give files or folders to ingest, or --sample for the bundled sample course",
    },
    "ingest.not_local": {
        "th": "nzap ingest อ่านได้เฉพาะไฟล์และโฟลเดอร์ในเครื่องนี้ ไม่รับ URL: {path} "
        "(ดาวน์โหลดไฟล์มาไว้ในเครื่องก่อน แล้วระบุโฟลเดอร์นั้นแทน)",
        "en": "ingest reads local files and folders only, not URLs: {path} "
        "(download the files, then give their folder)",
    },
    "ingest.truncated_pages": {
        "th": "{source}: นำเข้าเพียง {limit} หน้า (หรือสไลด์) แรกตามที่กำหนดไว้ ส่วนที่เกินไม่ได้นำเข้า "
        "(ปรับได้ที่ NZAP_INGEST__MAX_PAGES)",
        "en": "{source}: only the first {limit} pages or slides were read (limit: NZAP_INGEST__MAX_PAGES)",
    },
    "ingest.truncated_chars": {
        "th": "{source}: นำเข้าเพียง {limit:,} ตัวอักษรแรกตามที่กำหนดไว้ ส่วนที่เกินไม่ได้นำเข้า "
        "(ปรับได้ที่ NZAP_INGEST__MAX_CHARS)",
        "en": "{source}: only the first {limit:,} characters were read (limit: NZAP_INGEST__MAX_CHARS)",
    },
    "search.confidence": {"th": "ความมั่นใจ {confidence:.2f}", "en": "confidence {confidence:.2f}"},
    "search.none": {"th": "ไม่พบข้อความที่เกี่ยวข้อง", "en": "no matching passage"},
    "search.page": {"th": "หน้า {page}", "en": "page {page}"},
    "search.slide": {"th": "สไลด์ {slide}", "en": "slide {slide}"},
    "search.week": {"th": "สัปดาห์ที่ {week}", "en": "week {week}"},
    "error.index": {"th": "ใช้ดัชนีไม่ได้: {detail}", "en": "cannot use the index: {detail}"},
    "error.path": {"th": "ไม่พบไฟล์หรือโฟลเดอร์: {detail}", "en": "no such file or folder: {detail}"},
    "error.strict": {"th": "หยุดเพราะมีไฟล์ที่อ่านไม่ได้ (--strict): {detail}", "en": "stopped (--strict): {detail}"},
    "answer.lead_week": {
        "th": "จากเนื้อหาหลักสูตร สัปดาห์ที่ {week} เรื่อง “{title}”:",
        "en": "From the course material, week {week}, “{title}”:",
    },
    "answer.lead": {"th": "จากเอกสาร “{title}”:", "en": "From “{title}”:"},
    "chat.greeting": {
        "th": "สวัสดีครับ ผมเป็นผู้ช่วยตอบคำถามหลักสูตร NZAP สำหรับผู้ประกอบการ SME ถามเรื่องการลดคาร์บอน "
        "การคำนวณก๊าซเรือนกระจก พลังงาน โซลาร์ หรือแหล่งเงินทุนได้เลยครับ",
        "en": "Hello! I answer questions about the NZAP course for SMEs: carbon reduction, greenhouse-gas "
        "accounting, energy, solar and green finance. Ask away.",
    },
    "chat.thanks": {
        "th": "ยินดีครับ มีคำถามเพิ่มเติมพิมพ์มาได้ตลอดนะครับ",
        "en": "You're welcome. Ask again any time.",
    },
    "chat.help": {
        "th": "พิมพ์คำถามเป็นภาษาไทยได้เลย เช่น “ค่าไฟ 10,000 หน่วยต่อเดือน ปล่อยคาร์บอนเท่าไหร่” "
        "ผมจะตอบจากเนื้อหาหลักสูตรและบอกแหล่งที่มา ถ้าเนื้อหาไม่ครอบคลุม ผมจะเสนอส่งคำถามให้พี่เลี้ยง "
        "พิมพ์ “ขอคุยกับพี่เลี้ยง” เพื่อส่งคำถามให้พี่เลี้ยง หรือ “เริ่มใหม่” เพื่อเริ่มบทสนทนาใหม่ "
        "ตัวเลขการใช้พลังงานที่ผมคำนวณให้จะเก็บไว้ในฟุตพริ้นท์ของคุณ ดูได้ด้วย /footprint",
        "en": "Type your question, e.g. “how much carbon does 10,000 kWh a month emit?”. I answer from the course "
        "material with sources, and offer to pass questions it does not cover to a mentor. Type “mentor” to "
        "reach a mentor, or “reset” to start over. Energy figures I work out are kept in your footprint: /footprint.",
    },
    "chat.reset": {"th": "เริ่มบทสนทนาใหม่แล้วครับ", "en": "Started a new conversation."},
    "chat.chatter": {
        "th": "ผมช่วยได้ดีที่สุดเรื่องเนื้อหาหลักสูตร NZAP ครับ ลองถามเรื่องคาร์บอน พลังงาน หรือการเงินสีเขียวดูนะครับ",
        "en": "I'm most useful on the NZAP course topics: carbon, energy and green finance. Try one of those.",
    },
    "chat.empty": {
        "th": "ขอโทษครับ ผมอ่านข้อความนี้ไม่ออก ช่วยพิมพ์คำถามเป็นตัวอักษรอีกครั้งได้ไหมครับ",
        "en": "Sorry, I couldn't read that. Could you type your question in words?",
    },
    "chat.shortened": {
        "th": "ข้อความยาวมาก ผมขอตอบเฉพาะคำถามช่วงท้ายนะครับ ถ้ายังไม่ตรง ช่วยพิมพ์คำถามสั้น ๆ อีกครั้งครับ",
        "en": "That message is very long, so I answered the question at its end. If that's not it, "
        "please send a shorter question.",
    },
    "chat.clarify": {
        "th": "อยากทราบเรื่องไหนเป็นพิเศษครับ เลือกหัวข้อด้านล่าง หรือพิมพ์คำถามให้ละเอียดขึ้นอีกนิดครับ",
        "en": "Which part would you like to know about? Pick a topic below or add a little more detail.",
    },
    "chat.not_covered": {
        "th": "เนื้อหาหลักสูตรยังไม่ครอบคลุมคำถามนี้ครับ ผมไม่อยากเดาคำตอบ ต้องการให้ส่งคำถามนี้ให้พี่เลี้ยงไหมครับ",
        "en": "The course material doesn't cover this, and I'd rather not guess. Shall I pass it to a mentor?",
    },
    "chat.escalate_yes": {"th": "ส่งให้พี่เลี้ยง", "en": "Ask a mentor"},
    "chat.escalate_no": {"th": "ไม่เป็นไร", "en": "No thanks"},
    "chat.escalated": {
        "th": "ส่งคำถามให้พี่เลี้ยงแล้วครับ (เลขอ้างอิง {reference}) เมื่อพี่เลี้ยงตอบ คำตอบจะส่งมาที่แชทนี้ครับ",
        "en": "I've passed your question to the mentors (reference {reference}). "
        "Their answer will arrive in this chat.",
    },
    "chat.escalate_declined": {
        "th": "ได้ครับ ถ้ามีคำถามอื่นพิมพ์มาได้เลยครับ",
        "en": "All right. Ask me anything else.",
    },
    "chat.nothing_to_escalate": {
        "th": "ยังไม่มีคำถามที่จะส่งให้พี่เลี้ยงครับ พิมพ์คำถามมาก่อน แล้วผมจะส่งต่อให้ครับ",
        "en": "There's no question to pass on yet. Type your question and I'll forward it.",
    },
    "chat.negative_offer": {
        "th": "ขอโทษครับที่คำตอบยังไม่ตรง ลองพิมพ์คำถามให้ละเอียดขึ้นอีกนิด หรือให้ผมส่งคำถามนี้ให้พี่เลี้ยงก็ได้ครับ",
        "en": "Sorry that didn't help. Try adding a little detail, or I can pass the question to a mentor.",
    },
    "chat.negative_nothing": {
        "th": "ขอโทษครับ ช่วยพิมพ์คำถามที่อยากรู้อีกครั้งได้ไหมครับ",
        "en": "Sorry. Could you type your question again?",
    },
    "ticket.escalated": {
        "th": "ส่งคำถามให้พี่เลี้ยงแล้วครับ เลขเรื่อง {reference} พี่เลี้ยงจะตอบกลับมาที่แชทนี้ "
        "โดยปกติภายใน {hours} ชั่วโมงในเวลาทำการ ถามความคืบหน้าได้โดยพิมพ์ “เรื่องที่ส่งไปถึงไหนแล้ว”",
        "en": "I've passed your question to the mentors: ticket {reference}. A mentor will reply in this chat, "
        "usually within {hours} hours in working time. Ask “ticket status” any time to see where it stands.",
    },
    "ticket.attached": {
        "th": "คำถามนี้อยู่ในเรื่อง {reference} ที่ส่งให้พี่เลี้ยงไว้แล้วครับ ผมเพิ่มข้อความของคุณเข้าไปในเรื่องเดิม "
        "พี่เลี้ยงจะตอบกลับมาที่แชทนี้ครับ",
        "en": "This is already with the mentors as ticket {reference}; I've added your message to it. "
        "The answer will arrive in this chat.",
    },
    "ticket.open_offer": {
        "th": "ตอนนี้คุณมีเรื่อง {reference} ที่รอพี่เลี้ยงอยู่แล้วครับ (คำถาม: {question}) "
        "ต้องการเพิ่มคำถามใหม่ในเรื่องนี้ หรือดูสถานะเรื่องครับ",
        "en": "You already have ticket {reference} with the mentors (question: {question}). "
        "Would you like to add a new question to it, or see where it stands?",
    },
    "ticket.open_offer_latest": {
        "th": "ตอนนี้คุณมีเรื่อง {reference} ที่รอพี่เลี้ยงอยู่แล้วครับ (คำถาม: {question}) "
        "ต้องการส่งคำถามล่าสุดเป็นเรื่องใหม่ เพิ่มคำถามใหม่ในเรื่องเดิม หรือดูสถานะเรื่องครับ",
        "en": "You already have ticket {reference} with the mentors (question: {question}). "
        "Send your latest question as a new ticket, add a new question to that one, or see where it stands?",
    },
    "ticket.offer_latest": {"th": "ส่งคำถามล่าสุด", "en": "Send my latest question"},
    "ticket.offer_add": {"th": "เพิ่มคำถามใหม่", "en": "Add a new question"},
    "ticket.offer_status": {"th": "ดูสถานะเรื่อง", "en": "See its status"},
    "ticket.add_prompt": {
        "th": "พิมพ์คำถามใหม่ที่ต้องการเพิ่มในเรื่อง {reference} ได้เลยครับ ผมจะส่งต่อให้พี่เลี้ยงในเรื่องเดิม",
        "en": "Type the new question to add to ticket {reference}; I'll pass it to the mentors on the same ticket.",
    },
    "ticket.add_closed": {
        "th": "เรื่อง {reference} ปิดไปแล้วครับ ถ้ามีคำถามใหม่ พิมพ์มาได้เลยครับ",
        "en": "Ticket {reference} is already closed. Type your new question and I'll help.",
    },
    "ticket.question_added": {
        "th": "เพิ่มคำถามของคุณในเรื่อง {reference} แล้วครับ พี่เลี้ยงจะตอบกลับมาที่แชทนี้",
        "en": "I've added your question to ticket {reference}; the mentor will reply in this chat.",
    },
    "ticket.post_added": {
        "th": "เรื่อง {reference}: {name} เพิ่มคำถามใหม่ว่า “{added}”\nคำถามเดิม: {question}",
        "en": "Ticket {reference}: {name} added a new question: “{added}”\nOriginal question: {question}",
    },
    "button.expired": {
        "th": "ปุ่มนี้หมดอายุแล้วครับ (คำถามเดิมไม่อยู่ในระบบแล้ว) พิมพ์คำถามใหม่ได้เลยครับ",
        "en": "This button has expired (its question is no longer kept). Please type your question again.",
    },
    "ticket.answer": {
        "th": "คำตอบจากพี่เลี้ยง ({mentor}) เรื่อง {reference}\nคำถามของคุณ: “{question}”\n\n{answer}",
        "en": "Answer from mentor {mentor} on ticket {reference}\nYour question: “{question}”\n\n{answer}",
    },
    "business.ask": {
        "th": "ถ้าสะดวก พิมพ์ชื่อกิจการของคุณได้เลยครับ พี่เลี้ยงจะได้รู้ว่ากำลังตอบใคร (ไม่บอกก็ได้ กด “ข้าม” "
        "ลบได้ทุกเมื่อด้วย /forget)",
        "en": "If you like, type your business name so the mentor knows who they are answering (optional: press "
        "“Skip”; /forget deletes it at any time).",
    },
    "business.skip": {"th": "ข้าม", "en": "Skip"},
    "business.thanks": {
        "th": "ขอบคุณครับ พี่เลี้ยงจะเห็นชื่อกิจการ “{name}” พร้อมคำถามของคุณ",
        "en": "Thank you. Mentors will see “{name}” with your questions.",
    },
    "business.skipped": {
        "th": "ได้ครับ ไม่เป็นไร พี่เลี้ยงจะตอบในแชทนี้เหมือนเดิม",
        "en": "No problem: the mentor will still answer in this chat.",
    },
    "ticket.answer_more": {"th": "ยังสงสัย/ถามต่อ", "en": "Ask more"},
    "ticket.answer_done": {"th": "เข้าใจแล้ว ขอบคุณ", "en": "Got it, thanks"},
    "ticket.ask_follow_up": {
        "th": "พิมพ์สิ่งที่ยังสงสัยเกี่ยวกับเรื่อง {reference} ได้เลยครับ ผมจะส่งต่อให้พี่เลี้ยงในเรื่องเดิม",
        "en": "Type what is still unclear about ticket {reference}; I'll pass it to the mentor on the same ticket.",
    },
    "ticket.reopened": {
        "th": "ส่งข้อความเพิ่มเติมให้พี่เลี้ยงในเรื่อง {reference} แล้วครับ พี่เลี้ยงจะตอบกลับมาที่แชทนี้",
        "en": "I've added your message to ticket {reference} and reopened it; the mentor will reply here.",
    },
    "ticket.closed_by_user": {
        "th": "ยินดีครับ ปิดเรื่อง {reference} แล้ว ถ้ามีคำถามอื่นพิมพ์มาได้เลยครับ",
        "en": "Glad it helped. Ticket {reference} is closed; ask me anything else.",
    },
    "ticket.unknown": {
        "th": "ไม่พบเรื่องนี้ในรายการของคุณครับ",
        "en": "I can't find that ticket among yours.",
    },
    "ticket.status_none": {
        "th": "ตอนนี้คุณยังไม่มีเรื่องที่ส่งให้พี่เลี้ยงครับ ถ้าอยากให้ส่งคำถามให้พี่เลี้ยง พิมพ์ “ขอคุยกับพี่เลี้ยง”",
        "en": "You have no questions with the mentors right now. Type “mentor” to pass one on.",
    },
    "ticket.status_header": {"th": "เรื่องที่คุณส่งให้พี่เลี้ยง:", "en": "Your questions with the mentors:"},
    "ticket.status_line": {"th": "• {reference} {status}: {question}", "en": "• {reference} {status}: {question}"},
    "ticket.status.open": {"th": "รอพี่เลี้ยงรับเรื่อง", "en": "waiting for a mentor"},
    "ticket.status.claimed": {"th": "พี่เลี้ยง ({mentor}) กำลังดูให้อยู่", "en": "a mentor ({mentor}) is on it"},
    "ticket.status.answered": {"th": "พี่เลี้ยงตอบแล้ว", "en": "answered"},
    "ticket.status.closed": {"th": "ปิดแล้ว", "en": "closed"},
    "ticket.post": {
        "th": "เรื่องใหม่ {reference} จาก {name} ({channel})\nคำถาม: {question}\nผู้ช่วยตอบว่า: {attempt}\n"
        "หัวข้อ: {tags}\nตอบโดยตอบกลับข้อความนี้ หรือพิมพ์ “ตอบ {reference} ข้อความ”",
        "en": "New ticket {reference} from {name} ({channel})\nQuestion: {question}\nAssistant's attempt: {attempt}\n"
        "Topics: {tags}\nAnswer by replying to this message, or type “answer {reference} text”",
    },
    "ticket.post_reopened": {
        "th": "เรื่อง {reference} เปิดอีกครั้ง: {name} ถามต่อว่า “{follow_up}”\nคำถามเดิม: {question}",
        "en": "Ticket {reference} reopened: {name} asks further: “{follow_up}”\nOriginal question: {question}",
    },
    "ticket.web_user": {"th": "ผู้ใช้เว็บ #{tag}", "en": "web user #{tag}"},
    "ticket.no_attempt": {"th": "ไม่มีคำตอบจากเอกสาร", "en": "no answer from the course material"},
    "ticket.no_tags": {"th": "ไม่ระบุ", "en": "none"},
    "ticket.reminder": {
        "th": "เตือน: เรื่อง {reference} ยังไม่มีพี่เลี้ยงรับเรื่อง (รอมา {minutes} นาที)\nคำถาม: {question}",
        "en": "Reminder: nobody has claimed ticket {reference} yet (waiting {minutes} min)\nQuestion: {question}",
    },
    "ticket.coordinator": {
        "th": "แจ้งผู้ประสานงาน: เรื่อง {reference} ยังไม่มีพี่เลี้ยงรับเรื่องเกิน {minutes} นาที\nคำถาม: {question}",
        "en": "Coordinator notice: ticket {reference} has waited over {minutes} min without a mentor\n"
        "Question: {question}",
    },
    "ticket.delivery_failed": {
        "th": "ส่งคำตอบเรื่อง {reference} ให้ผู้ประกอบการไม่สำเร็จ ({error}) กรุณาติดต่อผู้ประกอบการทางอื่น",
        "en": "Could not deliver the answer to ticket {reference} ({error}); please reach the SME another way.",
    },
    "chat.sources": {"th": "แหล่งที่มา", "en": "Sources"},
    "server.index_unavailable": {
        "th": "ขออภัยครับ ตอนนี้ระบบค้นเนื้อหาหลักสูตรขัดข้องชั่วคราว กรุณาลองใหม่อีกครั้งในอีกสักครู่",
        "en": "Sorry, the course search is temporarily unavailable. Please try again in a moment.",
    },
    "demo.question": {"th": "คำถามตัวอย่าง: {question}", "en": "sample question: {question}"},
}


# Why a file was skipped, as loaders say it (English, for logs), with the Thai that staff read.
# Matched on the start of the reason; the rest (file details) is kept as it is.
SKIP_REASONS_TH: tuple[tuple[str, str], ...] = (
    ("unsupported file type", "ไม่รองรับไฟล์ชนิดนี้"),
    ("empty", "ไฟล์ว่าง ไม่มีข้อความ"),
    ("encrypted PDF", "PDF ถูกเข้ารหัส ต้องใช้รหัสผ่านเปิด"),
    ("corrupt PDF", "ไฟล์ PDF เสียหรืออ่านไม่ได้"),
    ("corrupt DOCX", "ไฟล์ Word เสียหรืออ่านไม่ได้"),
    ("corrupt PPTX", "ไฟล์ PowerPoint เสียหรืออ่านไม่ได้"),
    ("unreadable", "อ่านไฟล์ไม่ได้"),
    ("too large", "ไฟล์ใหญ่เกินกำหนด"),
    ("unpacks to", "ไฟล์บีบอัดที่ขยายออกแล้วใหญ่เกินกำหนด อาจเป็นไฟล์อันตราย (zip bomb)"),
    ("symlink outside the ingested folders", "ลิงก์ (symlink) ชี้ออกไปนอกโฟลเดอร์ที่นำเข้า จึงไม่อ่าน"),
    ("invalid YAML front matter", "ส่วนหัว (front matter) ของไฟล์ไม่ถูกต้อง"),
    ("invalid YAML", "รูปแบบ YAML ไม่ถูกต้อง"),
    ("YAML without a known kind", "ไฟล์ YAML ไม่ได้ระบุ kind เป็น faq, schedule หรือ glossary"),
)


def skip_reason(reason: str, language: str = "th") -> str:
    """A loader's skip reason in the user's language (the English detail kept after a colon)."""
    if language == "en":
        return reason
    for prefix, thai in SKIP_REASONS_TH:
        if reason.startswith(prefix):
            detail = reason[len(prefix) :].lstrip(" :")
            return f"{thai} ({detail})" if detail else thai
    return reason

message = Texts(MESSAGES)
"""The core message ``key`` in ``language`` (Thai when that language is missing)."""
