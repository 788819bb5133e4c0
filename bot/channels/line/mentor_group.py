"""The LINE mentor group: tickets arrive as text, mentors act with typed commands.

Events whose source is the mentor group (``settings.mentoring.line_group_id``) are never SME
questions; :class:`~bot.channels.line.channel.LineChannel` hands them here. LINE has no reply
threading a bot can read back and no buttons that survive in group history, so mentors type:

* ``ตอบ T-0042 <คำตอบ>`` (also ``ตอบ T42``, ``/answer T-0042 ...``): answer the SME;
* ``รับ T-0042`` (``/claim T-0042``): claim; ``ปิด T-0042`` (``/close T-0042``): close;
* ``วิธีใช้`` or ``/help``: the commands.

The sender's LINE user id must belong to a registered mentor; anyone else gets a polite refusal
as a reply and the attempt is logged. Other group chatter is ignored silently. In a one-to-one
chat only the slash forms are taken as mentor commands, so an SME who writes
``ตอบ T-0042 หรือยัง`` (has T-0042 been answered?) still reaches the assistant.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from typing import Any

from linebot.v3.webhooks import JoinEvent, MessageEvent, TextMessageContent

from bot.channels.line.render import text_messages
from bot.channels.line.webhook import ChatPlace
from bot.i18n.mentor_groups import text
from bot.mentoring.commands import MentorCommand, parse_mentor_command
from bot.mentoring.desk import MentorDesk
from bot.mentoring.posts import PostedTicket, line_post
from ingestion import thai

CHANNEL = "line"
_SLASH_COMMAND = re.compile(r"^\s*/(?:claim|answer|close)\b", re.IGNORECASE)


def ticket_post_messages(ticket: PostedTicket, language: str = "th") -> list[Any]:
    """The LINE message objects of a ticket post (text, split where needed); the relay pushes them."""
    return text_messages(line_post(ticket, language), language=language)


@dataclass(frozen=True)
class MentorRequest:
    """What a mentor-side event asks for: the group intro after the bot joins, or a command."""

    user_id: str
    command: MentorCommand | None = None
    """``None`` for the intro."""


class LineMentorGroup:
    """Mentor commands from the LINE mentor group (and slash commands from one-to-one chats)."""

    def __init__(self, desk: MentorDesk, group_id: str | None) -> None:
        self._desk = desk
        self._group_id = group_id

    @property
    def language(self) -> str:
        """The language mentors are addressed in."""
        return self._desk.language

    def is_mentor_group(self, place: ChatPlace) -> bool:
        """Whether the event happened in the mentor group."""
        return self._group_id is not None and place.chat_id == self._group_id

    def request(self, event: Any, place: ChatPlace) -> MentorRequest | None:
        """What ``event`` asks of the mentor side; ``None`` when nothing (ignore it, or leave it to the SME side)."""
        if self.is_mentor_group(place) and isinstance(event, JoinEvent):
            return MentorRequest(place.user_id)
        if not isinstance(event, MessageEvent) or not isinstance(event.message, TextMessageContent):
            return None
        body: str = event.message.text
        if not self.is_mentor_group(place) and not (place.private and _SLASH_COMMAND.match(body)):
            return None
        command = parse_mentor_command(body)
        return MentorRequest(place.user_id, command) if command is not None else None

    async def perform(self, request: MentorRequest) -> list[Any]:
        """Carry out ``request``; the LINE messages to reply with."""
        return text_messages(await self._perform(request), language=self.language)

    async def _perform(self, request: MentorRequest) -> str:
        command = request.command
        if command is None:
            return text("join.line", self.language)
        if command.action == "help":
            return text("help.line", self.language)
        if command.number is None:
            return text("refused.no_number", self.language)
        outcome = await asyncio.to_thread(
            self._desk.act,
            CHANNEL,
            request.user_id,
            command.action,
            number=command.number,
            answer=thai.normalize(command.text) if command.action == "answer" else "",
        )
        return outcome.message
