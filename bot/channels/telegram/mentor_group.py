"""The Telegram mentor group: ticket posts with claim/close buttons, answers by replying to a post.

Updates from the mentor group (``settings.mentoring.telegram_group_chat_id``) are never SME
questions; :class:`~bot.channels.telegram.channel.TelegramChannel` hands them all here:

* a text reply to a ticket post (matched through the stored chat id and message id) is the
  answer to that ticket, if the sender is a registered mentor;
* ``/claim T-0042``, ``/answer T-0042 ...``, ``/close T-0042`` (and the Thai forms the LINE group
  uses, ``รับ``/``ตอบ``/``ปิด T-0042``) work in the group; the slash forms also in a mentor's
  private chat with the bot;
* the buttons ``t:claim:<id>`` and ``t:close:<id>`` on a post;
* everything else (chatter, service messages such as a new forum topic, new members or a pinned
  message, other bots) is ignored. In a forum, a message that is not an explicit reply carries
  the topic's opening service message as ``reply_to_message``; that is not a ticket post.

Non-mentors are refused politely (a reply, or an alert on the button) and the attempt is logged.
After a change the post is edited to show the ticket's status and who has it.
"""

from __future__ import annotations

import asyncio
import logging
import re

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from telegram.ext import ExtBot

from bot.channels.telegram.outbound import TelegramOutbound
from bot.channels.telegram.render import OutgoingMessage
from bot.channels.telegram.sender import Target, TelegramReport, TelegramSender
from bot.channels.telegram.updates import reply_target
from bot.i18n.mentor_groups import text
from bot.mentoring.commands import MentorCommand, parse_mentor_command
from bot.mentoring.desk import DeskOutcome, MentorDesk
from bot.mentoring.numbers import find_ticket_number
from bot.mentoring.posts import POST_MARK, PostedTicket, TelegramPost, parse_callback, telegram_post
from bot.mentoring.tickets import TicketRecord
from ingestion import thai

logger = logging.getLogger(__name__)

CHANNEL = "telegram"
CALLBACK_ANSWER_LIMIT = 200
"""``answerCallbackQuery`` shows at most 200 characters."""
_PRIVATE_COMMANDS = re.compile(r"^/(?:claim|answer|close)(?:@(?P<bot>\w+))?(?:\s|$)", re.IGNORECASE)
_ADDRESSED_BOT = re.compile(r"^/\w+@(?P<bot>\w+)")


def post_markup(post: TelegramPost) -> InlineKeyboardMarkup | None:
    """The post's buttons as an inline keyboard on one row (``None`` when there are none)."""
    if not post.buttons:
        return None
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=data) for label, data in post.buttons]])


def post_message(ticket: PostedTicket, language: str = "th") -> OutgoingMessage:
    """A ticket's post as one message: HTML, the same without markup, and its buttons."""
    post = telegram_post(ticket, language)
    return OutgoingMessage(post.html, post.plain, post_markup(post))


async def send_ticket_post(
    sender: TelegramSender, chat_id: int, ticket: PostedTicket, language: str = "th", timeout: float | None = None
) -> TelegramReport:
    """Post ``ticket`` to a mentor group (the relay's ``ticket_post`` rows); the report's ``message_ids`` say where.

    Sent once, without waiting out failures here: the relay tries again later. When Telegram
    refuses the HTML the same words go out without markup.
    """
    return await sender.send(Target(chat_id), [post_message(ticket, language)], patient=False, timeout=timeout)


class TelegramMentorGroup:
    """Mentor-group updates: answers by reply, commands, and the claim/close buttons."""

    def __init__(self, outbound: TelegramOutbound, desk: MentorDesk, chat_id: int | None) -> None:
        self._out = outbound
        self._desk = desk
        self._chat_id = chat_id

    @property
    def _bot(self) -> ExtBot[int]:
        return self._out.sender.bot

    @property
    def language(self) -> str:
        """The language mentors are addressed in."""
        return self._desk.language

    def is_mentor_group(self, chat_id: int | None) -> bool:
        """Whether ``chat_id`` is the mentor group."""
        return self._chat_id is not None and chat_id == self._chat_id

    async def handle_message(self, message: Message) -> bool:
        """Handle ``message`` if it is the mentor group's business; False leaves it to the SME side."""
        if self.is_mentor_group(message.chat_id):
            await self._on_group_message(message)
            return True
        if message.chat.type == "private" and message.text is not None:
            found = _PRIVATE_COMMANDS.match(message.text)
            if found and self._for_this_bot(found["bot"]):
                command = parse_mentor_command(message.text)
                if command is not None and message.from_user is not None and not message.from_user.is_bot:
                    await self._command(message, command)
                    return True
        return False

    async def handle_callback(self, query: CallbackQuery) -> bool:
        """Handle a claim or close button; False for any other button."""
        pressed = parse_callback(query.data)
        if pressed is None:
            return False
        action, ticket_id = pressed
        outcome = await asyncio.to_thread(
            self._desk.act,
            CHANNEL,
            str(query.from_user.id),
            "claim" if action == "claim" else "close",
            ticket_id=ticket_id,
        )
        await self._out.sender.answer_callback(query.id, outcome.message[:CALLBACK_ANSWER_LIMIT], alert=not outcome.ok)
        source = query.message
        if outcome.ticket is not None and isinstance(source, Message):
            # After a change, and also when the post was stale (the ticket moved on elsewhere).
            await self._edit_post(source.chat.id, source.message_id, outcome.ticket)
        return True

    async def refresh_post(self, ticket: TicketRecord) -> None:
        """Edit the ticket's post in the group to show its current status (when it was posted here)."""
        where = (ticket.mentor_posts or {}).get(CHANNEL)
        if not isinstance(where, dict):
            return
        try:  # stored as JSON: numbers or their strings
            chat_id, message_id = int(where["chat_id"]), int(where["message_id"])
        except (KeyError, TypeError, ValueError):
            logger.warning("ticket %s has an unreadable Telegram post location %r", ticket.reference, where)
            return
        await self._edit_post(chat_id, message_id, ticket)

    def _for_this_bot(self, name: str | None) -> bool:
        return name is None or name.lower() == (self._bot.username or "").lower()

    async def _on_group_message(self, message: Message) -> None:
        user = message.from_user
        if user is None or user.is_bot or message.sender_chat is not None:
            return  # other bots, channels posting into the group, anonymous admins
        body = message.text
        if body is not None:
            addressed = _ADDRESSED_BOT.match(body)
            if addressed and not self._for_this_bot(addressed["bot"]):
                return  # a command for another bot in the group
            command = parse_mentor_command(body)
            if command is not None:
                await self._command(message, command)
                return
        ticket = await self._replied_ticket(message)
        if ticket is None:
            return  # chatter, service messages (topic created, members, pins), replies to anything else
        if body is None:
            if message.effective_attachment is not None:
                await self._say(message, text("refused.text_only", self.language))
            return
        outcome = await asyncio.to_thread(
            self._desk.act, CHANNEL, str(user.id), "answer", ticket_id=ticket.id, answer=thai.normalize(body)
        )
        await self._report(message, outcome)

    async def _replied_ticket(self, message: Message) -> TicketRecord | None:
        """The ticket whose post ``message`` explicitly replies to, or ``None``."""
        original = message.reply_to_message
        if original is None or original.forum_topic_created is not None:
            return None
        if message.is_topic_message and original.message_id == message.message_thread_id:
            return None  # the topic's root: the message is not a reply at all
        if original.from_user is None or original.from_user.id != self._bot.id:
            return None
        found: TicketRecord | None = await asyncio.to_thread(
            self._desk.tickets.find_by_post, CHANNEL, message.chat_id, original.message_id
        )
        if found is None:
            # A post whose location was never stored (the relay stopped between sending and
            # recording it) or was replaced by a later post of the same ticket (reopened): its
            # first line still names the ticket.
            title = (original.text or "").split("\n", 1)[0]
            number = find_ticket_number(title) if title.startswith(POST_MARK) else None
            if number is not None:
                found = await asyncio.to_thread(self._desk.ticket_by_number, number)
        return found

    async def _command(self, message: Message, command: MentorCommand) -> None:
        user = message.from_user
        assert user is not None
        if command.action == "help":
            await self._say(message, text("help.telegram", self.language))
            return
        if command.number is None:
            await self._say(message, text("refused.no_number", self.language))
            return
        outcome = await asyncio.to_thread(
            self._desk.act,
            CHANNEL,
            str(user.id),
            command.action,
            number=command.number,
            answer=thai.normalize(command.text) if command.action == "answer" else "",
        )
        await self._report(message, outcome)

    async def _report(self, message: Message, outcome: DeskOutcome) -> None:
        """Tell the mentor what happened, then bring the ticket's post up to date."""
        await self._say(message, outcome.message)
        if outcome.ticket is not None:
            await self.refresh_post(outcome.ticket)

    async def _edit_post(self, chat_id: int, message_id: int, ticket: PostedTicket) -> None:
        # "message is not modified", a deleted post: the ticket is still right, so a failure is only logged.
        await self._out.sender.edit(chat_id, message_id, post_message(ticket, self.language))

    async def _say(self, message: Message, body: str) -> None:
        """Plain text in answer to ``message``: a reply to it in groups (in its forum topic), a message in 1:1."""
        await self._out.say(reply_target(message), body)
