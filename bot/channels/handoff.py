"""Handing the rest of an answer a platform could not take for now to the outbox relay.

Both LINE and Telegram answer while the user waits; when the platform is away (5xx, 429, no
connection) the messages it did not take are written to the outbox, and the relay sends them
from where the send stopped (``report.accepted``) once the platform is back. LINE's pushes
keep their retry key, so a push LINE did take but whose answer was lost is not shown twice.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

from bot.channels.base import SendReport
from bot.mentoring import Outbox
from bot.types import Reply

logger = logging.getLogger(__name__)


async def leave_to_relay(
    outbox: Outbox, channel: str, recipient: str, replies: Sequence[Reply], language: str, report: SendReport
) -> bool:
    """Queue ``replies`` for the relay to send from call ``report.accepted`` on; False when the outbox is away too."""
    try:
        await asyncio.to_thread(
            outbox.add,
            channel,
            recipient,
            list(replies),
            purpose="reply",
            language=language,
            retry_key=report.retry_key or None,
            progress=report.accepted,
        )
    except Exception:  # the database is away too: nothing more can be done for this answer
        logger.exception("%s is not taking messages (%s) and the outbox cannot be written: lost", channel, report.error)
        return False
    logger.warning(
        "%s is not taking messages (%s): %d of %d calls left to the outbox relay",
        channel,
        report.error or "no answer",
        report.calls - report.accepted,
        report.calls,
    )
    return True
