"""The SME's business name: asked once, after their first question goes to the mentors; optional.

Mentors answer better when they know who is asking ("ร้านกาแฟบ้านสวน" rather than an id). After
the first ticket the assistant asks once for a business name, with a "skip" button. The next
typed message is taken as the name only when it reads like one (short, not a question, not a
greeting or a request); anything else is answered as usual and the question is not asked again.
The name is kept on the user (consent covers it; ``/mydata`` shows it, ``/forget`` erases it)
and shown to mentors with every ticket of theirs.
"""

from __future__ import annotations

import re

from bot.conversation.intents import Intent, detect
from bot.conversation.replies import notice
from bot.conversation.turn import TurnState
from bot.i18n import message
from bot.storage import ConversationRepository
from bot.storage.models import utcnow
from bot.types import QuickOption, QuickReplies, Reply

BUSINESS_PROMPT_MODE = "business_prompt"
"""``messages.mode`` of the question asking for the business name (the next message may answer it)."""
SKIP_BUSINESS = "business:skip"
"""Action of the "skip" button under that question."""
MAX_NAME_CHARS = 80

_PREFIX = re.compile(
    r"^(?:ชื่อ(?:กิจการ|ธุรกิจ|ร้าน|บริษัท)(?:ของ(?:ผม|ฉัน|เรา|หนู))?|business(?: name)?|my business is)"
    r"\s*(?:คือ|ชื่อ|:|is)?\s*",
    re.IGNORECASE,
)
_FIGURE = re.compile(r"\d[\d,.]*\d|\d{2,}")
_PARTICLES = re.compile(r"\s*(?:ครับ|ค่ะ|คะ|นะ|จ้า|จ้ะ|ฮะ|คับ)+[\s.!]*$")
_QUESTION = re.compile(
    r"\?|ไหม|มั้ย|มั๊ย|อะไร|ยังไง|อย่างไร|เท่าไ|กี่|ทำไม|หรือเปล่า|หรือไม่|ได้บ้าง|ถ้า|ล่ะ|เหรอ|หรอ|ช่วย|อยาก|ต้อง"
    r"|ขอ|ยังไม่|\b(?:how|what|why|when|where|which|if|can|please)\b"
)


def business_name_in(text: str, folded: str) -> str | None:
    """The business name ``text`` gives, or ``None`` when it reads like something else (a question, a greeting)."""
    # Figures ("ค่าไฟ 10,000 หน่วย") are a calculation to answer, not a name.
    if detect(folded) is not Intent.QUESTION or _QUESTION.search(folded) or _FIGURE.search(folded):
        return None
    name = _PARTICLES.sub("", _PREFIX.sub("", text.strip(), count=1)).strip(" \"'“”")
    if not name or len(name) > MAX_NAME_CHARS or len(name.split()) > 8:
        return None
    return name


class BusinessNames:
    """Asks for the business name once, and keeps the answer (see the module docstring)."""

    def __init__(self, repository: ConversationRepository) -> None:
        self._repository = repository

    def ask_once(self, turn: TurnState) -> list[Reply]:
        """The question with its "skip" button, if it was never asked of this user; else nothing."""
        user = self._repository.user(turn.user_id)
        if user.business_asked_at is not None or user.business_name:
            return []
        self._repository.set_business_name(turn.user_id, None, utcnow())
        text = message("business.ask", turn.language)
        self._repository.add_assistant_message(turn.conversation, text, None, BUSINESS_PROMPT_MODE, [], False)
        return [QuickReplies(text, (QuickOption(message("business.skip", turn.language), SKIP_BUSINESS),))]

    def typed(self, turn: TurnState) -> list[Reply] | None:
        """Keep the name when this message answers the question just asked; ``None`` when it does not."""
        last = self._repository.last_assistant_message(turn.conversation)
        if last is None or last.mode != BUSINESS_PROMPT_MODE:
            return None
        name = business_name_in(turn.text, turn.folded)
        if name is None:
            return None
        self._repository.set_business_name(turn.user_id, name, utcnow())
        thanks = message("business.thanks", turn.language, name=name)
        # Stored so the question is answered (not asked again, nor a later message taken as a name).
        self._repository.add_assistant_message(turn.conversation, thanks, None, "business", [], False)
        return [notice("business.thanks", turn.language, name=name)]

    def skipped(self, turn: TurnState) -> list[Reply]:
        """The "skip" button: nothing is kept, and the question is not asked again."""
        said = message("business.skipped", turn.language)
        self._repository.add_assistant_message(turn.conversation, said, None, "business", [], False)
        return [notice("business.skipped", turn.language)]
