"""A ticket as a post in a mentor group: short, Thai first, everything a mentor needs to answer in one go.

The post names the ticket (``T-0042``), the SME and the app they used, the topic tags, the
question (and any follow-ups), what the assistant answered, or ``ไม่มีคำตอบจากเอกสาร`` when it had
nothing, with its sources (title, week, page), the ticket's status and how to answer.

Two renderings of the same sections: Telegram HTML (``parse_mode=HTML``; every piece of user,
passage and engine text is escaped, the only markup is this module's bold headings) with the
claim and close buttons, and plain text for LINE, whose mentors answer with ``ตอบ T-0042 ...``.
Long questions and attempts are clipped at Thai-safe places so a post always fits one message.
No platform SDK is imported here: buttons are (label, callback data) pairs.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from bot.i18n.mentor_groups import MESSAGES, text
from bot.i18n.render import place_parts
from bot.mentoring.tickets.access import offers
from bot.mentoring.tickets.context import TicketContext
from bot.mentoring.tickets.status import TicketAction, TicketStatus
from bot.types import Citation, Reply, TextReply

QUESTION_LIMIT = 1200
ATTEMPT_LIMIT = 1000
FOLLOW_UP_LIMIT = 300
MAX_FOLLOW_UPS = 3
MAX_SOURCES = 3
MAX_TAGS = 6
MESSAGE_LIMIT = 4096
"""Telegram's text limit (UTF-16 units); the clip limits above keep a post well below it."""

POST_MARK = "🙋"
"""The first character of every ticket post (its title line names the ticket)."""
_CALLBACK = re.compile(r"^t:(?P<action>claim|close):(?P<id>[0-9]{1,18})$")


class PostedTicket(Protocol):
    """What a post shows of a ticket (``bot.mentoring.tickets.TicketRecord`` has all of it)."""

    @property
    def id(self) -> int:
        """Database id (goes into the buttons' callback data)."""
        ...

    @property
    def reference(self) -> str:
        """``T-0042``."""
        ...

    @property
    def channel(self) -> str:
        """The SME's channel."""
        ...

    @property
    def display_name(self) -> str | None:
        """The SME's name on that channel."""
        ...

    @property
    def question(self) -> str:
        """The question as the SME asked it."""
        ...

    @property
    def context(self) -> TicketContext:
        """Turns, passages, attempt, follow-ups."""
        ...

    @property
    def tags(self) -> Sequence[str]:
        """Module/topic tags."""
        ...

    @property
    def status(self) -> TicketStatus:
        """Where the ticket is in its life."""
        ...

    @property
    def assignee_name(self) -> str | None:
        """The mentor who claimed or answered it."""
        ...

    @property
    def assignee_mentor_id(self) -> int | None:
        """The id of that mentor (the buttons are those anyone may press)."""
        ...


@dataclass(frozen=True)
class TelegramPost:
    """A ticket post for Telegram: HTML, the same text without markup, and its buttons."""

    html: str
    plain: str
    buttons: tuple[tuple[str, str], ...]
    """(label, callback data) pairs, one row."""


def callback_data(action: str, ticket_id: int) -> str:
    """``t:claim:42`` / ``t:close:42`` (ASCII, well under Telegram's 64 bytes)."""
    return f"t:{action}:{ticket_id}"


def parse_callback(data: str | None) -> tuple[str, int] | None:
    """(action, ticket id) of a ticket button's callback data; ``None`` for any other data.

    The channel's own hashed buttons also start with ``t:`` but are 16 hex digits with no
    second colon, so they never match.
    """
    match = _CALLBACK.match(data or "")
    return (match["action"], int(match["id"])) if match else None


def telegram_post(ticket: PostedTicket, language: str = "th") -> TelegramPost:
    """The Telegram post of ``ticket`` in its current status, with the buttons that status allows."""
    how = text("post.how.telegram", language)
    sections = _sections(ticket, language, how)
    if _utf16_len("\n\n".join(s.plain for s in sections)) > MESSAGE_LIMIT:
        # Characters outside the BMP (emoji) count twice in Telegram's limit; clip harder.
        sections = _sections(ticket, language, how, scale=0.4)
    # The buttons are shared by the whole group: those that change the ticket for a mentor who does not have it.
    buttons = [
        (text(f"button.{action}", language), callback_data(action, ticket.id))
        for action in (TicketAction.CLAIM, TicketAction.CLOSE)
        if offers(ticket, None, action)
    ]
    return TelegramPost(
        html="\n\n".join(s.html for s in sections),
        plain="\n\n".join(s.plain for s in sections),
        buttons=tuple(buttons),
    )


def line_post(ticket: PostedTicket, language: str = "th") -> str:
    """The LINE post of ``ticket``: plain text ending with the command forms."""
    how = text("post.how.line", language, reference=ticket.reference)
    return "\n\n".join(s.plain for s in _sections(ticket, language, how))


def post_replies(ticket: PostedTicket, language: str = "th") -> list[Reply]:
    """The ticket post as engine replies (a ``TicketService`` post formatter): the LINE text.

    The relay pushes these to the LINE group as they are; for Telegram it renders the ticket
    afresh with :func:`telegram_post` (HTML and buttons).
    """
    return [TextReply(line_post(ticket, language))]


@dataclass(frozen=True)
class _Section:
    body: str
    heading: str | None = None
    bold_body: bool = False

    @property
    def plain(self) -> str:
        return f"{self.heading}\n{self.body}" if self.heading else self.body

    @property
    def html(self) -> str:
        body = html.escape(self.body, quote=False)
        if self.bold_body:
            body = f"<b>{body}</b>"
        return f"<b>{html.escape(self.heading, quote=False)}</b>\n{body}" if self.heading else body


def _sections(ticket: PostedTicket, language: str, how: str, scale: float = 1.0) -> list[_Section]:
    channel_key = f"post.channel.{ticket.channel}"
    channel = text(channel_key, language) if channel_key in MESSAGES else ticket.channel
    name = (ticket.display_name or "").strip() or text("post.someone", language)
    head = [text("post.title", language, reference=ticket.reference)]
    summary = [text("post.from", language, name=name, channel=channel)]
    tags = [tag_label(t, language) for t in dict.fromkeys(str(tag).strip() for tag in ticket.tags) if t][:MAX_TAGS]
    if tags:
        summary.append(text("post.tags", language, tags=", ".join(tags)))
    summary.append(_status_line(ticket, language))
    sections = [
        _Section("\n".join(head), bold_body=True),
        _Section("\n".join(summary)),
        _Section(clip(ticket.question.strip(), int(QUESTION_LIMIT * scale)), heading=text("post.question", language)),
    ]
    follow_ups = _follow_ups(ticket.context, int(FOLLOW_UP_LIMIT * scale))
    if follow_ups:
        sections.append(_Section("\n".join(f"• {f}" for f in follow_ups), heading=text("post.follow_ups", language)))
    attempt = _attempt_text(ticket.context)
    sections.append(
        _Section(
            clip(attempt, int(ATTEMPT_LIMIT * scale)) if attempt else text("post.no_attempt", language),
            heading=text("post.attempt", language),
        )
    )
    sources, found = _sources(ticket.context, language)
    if sources:
        heading = text("post.found" if found else "post.sources", language)
        sections.append(_Section("\n".join(f"• {s}" for s in sources), heading=heading))
    if ticket.status != TicketStatus.CLOSED:
        sections.append(_Section(how))
    return sections


def tag_label(tag: str, language: str = "th") -> str:
    """A routing tag as mentors read it: ``module:3`` -> ``โมดูล 3``, ``week:3`` -> ``สัปดาห์ที่ 3``, topics as they are."""
    kind, _, value = tag.partition(":")
    if kind in ("module", "week") and value.strip():
        return text(f"post.tag.{kind}", language, value=value.strip())
    return tag


def _status_line(ticket: PostedTicket, language: str) -> str:
    mentor = ticket.assignee_name or text("post.a_mentor", language)
    return text(f"post.status.{ticket.status}", language, mentor=mentor)


def _follow_ups(context: TicketContext, limit: int) -> list[str]:
    items = [f.text.strip() for f in context.follow_ups if f.text.strip()]
    return [clip(f, limit) for f in items[-MAX_FOLLOW_UPS:]]


def _attempt_text(context: TicketContext) -> str:
    return context.attempt.text.strip() if context.attempt else ""


def _sources(context: TicketContext, language: str) -> tuple[list[str], bool]:
    """The attempt's citations; without any, the passages retrieval found (second item True)."""
    citations = list(context.attempt.citations) if context.attempt else []
    found = not citations
    items = citations or [Citation(p.source, p.title, page=p.page) for p in context.passages]
    lines: list[str] = []
    for item in items:
        line = _source_line(item, language)
        if line and line not in lines:
            lines.append(line)
        if len(lines) == MAX_SOURCES:
            break
    return lines, found


def _source_line(item: Citation, language: str) -> str:
    title = (item.title or item.source).strip()
    if not title:
        return ""
    place = ", ".join(place_parts(item, language))
    return f"{clip(title, 200)} ({place})" if place else clip(title, 200)


def _utf16_len(value: str) -> int:
    return len(value.encode("utf-16-le")) // 2


_LEADING_VOWELS = frozenset("เแโใไ")
_FOLLOWING_VOWELS = frozenset("ะาำๅ")


def _safe_cut(text: str, index: int) -> bool:
    """Whether ``text`` may be cut before ``text[index]`` without splitting a Thai syllable's marks."""
    if index <= 0 or index >= len(text):
        return True
    before, after = text[index - 1], text[index]
    if unicodedata.category(after) in ("Mn", "Mc", "Me") or after in _FOLLOWING_VOWELS or after == "\u200d":
        return False
    return before not in _LEADING_VOWELS and before != "\u200d"


def clip(value: str, limit: int, ellipsis: str = "…") -> str:
    """``value`` if at most ``limit`` characters long, else a Thai-safe prefix (at a near space) and ``…``."""
    if len(value) <= limit:
        return value
    end = limit - len(ellipsis)
    space = value.rfind(" ", int(end * 0.8), end)
    if space > 0:
        end = space
    while end > 0 and not _safe_cut(value, end):
        end -= 1
    return value[:end].rstrip() + ellipsis
