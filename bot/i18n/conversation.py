"""What the assistant says around course answers: conversation acts, coverage notes, source labels.

    from bot.i18n.conversation import MESSAGES, conversation_message
    conversation_message("act.thanks", "th")
    conversation_message("answer.gap_named", "th", what="“อินเดีย”")

Thai first, English as an option, in the one catalogue shape (``bot.i18n.message_from``). Act
replies are short and friendly and never offer a mentor: a greeting or a thank-you is not a
question the course failed to answer.
"""

from __future__ import annotations

from bot.i18n import Catalogue, message_from

MESSAGES: Catalogue = {
    "act.greeting": {
        "th": "สวัสดีครับ 😊 ผมช่วยตอบคำถามจากเนื้อหาหลักสูตร NZAP ได้ เช่น การคิดคาร์บอนจากค่าไฟ "
        "โซลาร์รูฟท็อป หรือสินเชื่อสีเขียว พิมพ์ถามได้เลยครับ",
        "en": "Hello! 😊 I answer questions from the NZAP course material, such as carbon from your electricity "
        "bill, solar rooftops or green loans. Ask away.",
    },
    "act.thanks": {
        "th": "ยินดีครับ 🙏 มีคำถามเรื่องไหนอีก พิมพ์มาได้เลยครับ",
        "en": "You're welcome! 🙏 Ask again any time.",
    },
    "act.acknowledge": {
        "th": "รับทราบครับ ถ้าอยากรู้เรื่องไหนเพิ่ม ถามต่อได้เลยครับ",
        "en": "Got it. Ask me anything else whenever you like.",
    },
    "act.praise": {
        "th": "ขอบคุณมากครับ 😊 ดีใจที่ช่วยได้ มีอะไรให้ช่วยอีกบอกได้เลยครับ",
        "en": "Thank you! 😊 Glad it helped. Let me know what else you need.",
    },
    "act.smalltalk": {
        "th": "ผมเป็นผู้ช่วยของหลักสูตร NZAP ครับ 😊 ชวนคุยเรื่องลดคาร์บอน ประหยัดพลังงาน หรือเนื้อหาแต่ละสัปดาห์ได้เลยครับ",
        "en": "I'm the NZAP course assistant 😊 Happy to talk carbon, energy savings or any week of the course.",
    },
    "act.off_topic": {
        "th": "เรื่องนี้อยู่นอกเนื้อหาที่ผมดูแลครับ ผมตอบได้เฉพาะเรื่องในหลักสูตร NZAP "
        "(คาร์บอน พลังงาน การเงินสีเขียว และตารางเรียน) ลองถามแบบนี้ดูครับ: {suggestions}",
        "en": "That's outside what I cover: I answer questions on the NZAP course (carbon, energy, green finance "
        "and the schedule). You could try: {suggestions}",
    },
    "act.refusal": {
        "th": "ขอโทษครับ ผมทำตามคำขอนี้ไม่ได้ ผมตอบจากเอกสารหลักสูตรพร้อมบอกแหล่งที่มาเท่านั้น "
        "และไม่แต่งตัวเลขหรือข้อมูลที่ไม่มีหลักฐาน ถ้ามีคำถามเรื่องในหลักสูตร ถามได้เลยครับ",
        "en": "Sorry, I can't do that. I only answer from the course material, with its sources, and I never make "
        "up figures or claims. Ask me anything about the course.",
    },
    "act.suggestion.1": {"th": "ค่าไฟ 10,000 หน่วย ปล่อยคาร์บอนเท่าไหร่", "en": "How much carbon is 10,000 kWh?"},
    "act.suggestion.2": {"th": "Scope 2 คืออะไร", "en": "What is Scope 2?"},
    "act.suggestion.3": {"th": "โซลาร์รูฟท็อปคืนทุนกี่ปี", "en": "How long does a solar rooftop take to pay back?"},
    "answer.gap_named": {
        "th": "เอกสารของหลักสูตรไม่ได้ระบุเรื่อง {what} ครับ",
        "en": "The course material does not say anything about {what}.",
    },
    "answer.gap_abroad": {
        "th": "เอกสารของหลักสูตรพูดถึงเรื่องนี้ของต่างประเทศ ไม่ได้ระบุของประเทศไทยครับ",
        "en": "The course material speaks of another country's version of this, not Thailand's.",
    },
    "answer.gap_closest": {
        "th": "สิ่งที่เอกสารมีใกล้เคียงที่สุดคือ:",
        "en": "The closest the material comes is:",
    },
    "answer.gap_figure": {
        "th": "เอกสารของหลักสูตรไม่ได้ระบุตัวเลขที่ตรงกับคำถามนี้ครับ",
        "en": "The course material does not give the figure you asked for.",
    },
    "answer.gap_date": {
        "th": "เอกสารของหลักสูตรไม่ได้ระบุวันเวลาที่ตรงกับคำถามนี้ครับ",
        "en": "The course material does not give the date or time you asked for.",
    },
    "answer.gap_hedged": {
        "th": "เอกสารของหลักสูตรไม่ได้ระบุคำตอบที่แน่ชัดสำหรับกรณีนี้ครับ",
        "en": "The course material does not settle this for your case.",
    },
    "answer.gap_general": {
        "th": "เอกสารของหลักสูตรไม่ได้ระบุคำตอบของคำถามนี้โดยตรงครับ",
        "en": "The course material does not answer this question directly.",
    },
    "answer.not_covered": {
        "th": "เอกสารของหลักสูตรยังไม่มีข้อมูลเรื่องนี้ครับ ผมไม่อยากเดาคำตอบ",
        "en": "The course material doesn't cover this, and I'd rather not guess.",
    },
    "answer.nearest_topic": {
        "th": "หัวข้อที่ใกล้เคียงที่สุดในหลักสูตร: {title}",
        "en": "The nearest topic in the course: {title}",
    },
    "answer.mentor_prompt": {
        "th": "ต้องการให้ส่งคำถามนี้ให้พี่เลี้ยงช่วยตอบไหมครับ",
        "en": "Shall I pass this question to a mentor?",
    },
    "answer.more_button": {"th": "อ่านเพิ่ม", "en": "More"},
    "answer.more_offer": {"th": "อยากอ่านรายละเอียดเพิ่มไหมครับ", "en": "Would you like the details?"},
    "answer.no_more": {
        "th": "เรื่องนี้ผมตอบครบตามเอกสารของหลักสูตรแล้วครับ ถามต่อได้เลย",
        "en": "That was everything the course material says on it. Ask away.",
    },
    "answer.more_hint": {
        "th": "(พิมพ์ “อ่านต่อ” เพื่ออ่านรายละเอียดเพิ่ม)",
        "en": "(Type “more” for the details.)",
    },
    "source.week": {"th": "สัปดาห์ที่ {week}", "en": "Week {week}"},
    "source.page": {"th": "หน้า {page}", "en": "page {page}"},
    "source.slide": {"th": "สไลด์ {slide}", "en": "slide {slide}"},
    "source.faq": {"th": "คำถามที่พบบ่อย", "en": "FAQ"},
    "source.glossary": {"th": "อภิธานศัพท์", "en": "Glossary"},
    "source.schedule": {"th": "ตารางเรียน", "en": "Course schedule"},
    "source.course": {"th": "เอกสารประกอบหลักสูตร", "en": "Course material"},
}


def conversation_message(key: str, language: str = "th", **values: object) -> str:
    """The message ``key`` of this catalogue in ``language`` (Thai when that language is missing)."""
    return message_from(MESSAGES, key, language, **values)
