"""How far the reply to an event got, written down so that a worker taking the event over does not answer twice.

The gap it closes: a worker sends an event's answer as a LINE *reply*, LINE accepts it, and
the worker dies before it marks the event done. Its lease runs out and another worker takes
the event. A push can carry an ``X-Line-Retry-Key`` (LINE drops a repeat of an accepted
key with 409), and answers that are pushed use one derived from the event id
(:func:`bot.channels.line.channel.answer_retry_key`). A reply has no retry key, so LINE
cannot recognise a push as the repeat of a reply: the second worker would push the answer
again.

Decision (recorded per event in ``processed_events.reply_state``, migration 0012):

* ``attempted`` is written *before* the reply is sent, then ``accepted`` (LINE took it, or
  the answer was lost on the way and it may have) or ``refused`` (LINE said no, e.g. an
  expired token: the answer goes on by push with the derived keys).
* A worker that takes the event over reads the state the dead worker left:

  - none: the dead worker never got to sending: answer as usual.
  - ``accepted``: the user has the first five messages; only the rest are pushed, with the
    derived keys (LINE drops those it already took).
  - ``refused``: everything goes by push with the derived keys (LINE drops the repeats).
  - ``attempted``: the worker died while the reply was under way, so nobody knows whether
    LINE took it. While the reply token is fresh, the same reply is sent again: a reply
    token works once, so LINE itself decides. It takes it (the first never arrived), or
    refuses it with 400 (the first did arrive), and then nothing more is sent. Once the
    token has expired there is no way to ask: the answer is pushed (a possible duplicate
    rather than a possible silence; it needs a worker to die within the milliseconds of one
    HTTP request *and* the takeover to come after the token expired).

The journal reaches the channel through a context variable set by
:func:`bot.channels.jobs.answer_taken` for the duration of one event's answer, so the
channels' ``handle(event, received)`` signature stays the same for every channel.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
from dataclasses import dataclass
from typing import Literal

from bot.storage import ProcessedEvents, TakenEvent

logger = logging.getLogger(__name__)

ReplyState = Literal["attempted", "accepted", "refused"]
ATTEMPTED: ReplyState = "attempted"
ACCEPTED: ReplyState = "accepted"
REFUSED: ReplyState = "refused"


@dataclass
class ReplyJournal:
    """The reply record of one taken event: what an earlier attempt left, and how to write this one's."""

    events: ProcessedEvents
    taken: TakenEvent

    @property
    def previous(self) -> str | None:
        """What the attempt before this one recorded (``None``: first attempt, or it sent no reply)."""
        return self.taken.reply_state if self.taken.attempt > 1 else None

    async def note(self, state: ReplyState) -> None:
        """Write ``state`` durably before going on (a failed write is logged, not fatal: the answer matters more)."""
        try:
            if not await asyncio.to_thread(self.events.note_reply, self.taken, state):
                logger.warning("%s event %s was taken over while replying", self.taken.channel, self.taken.event_id)
        except Exception:
            logger.exception("could not record the reply state of %s event %s", self.taken.channel, self.taken.event_id)


_CURRENT: contextvars.ContextVar[ReplyJournal | None] = contextvars.ContextVar("nzap_reply_journal", default=None)


def current_journal() -> ReplyJournal | None:
    """The journal of the event being answered in this task, if it was taken from the record."""
    return _CURRENT.get()


def enter(journal: ReplyJournal) -> contextvars.Token[ReplyJournal | None]:
    """Make ``journal`` the current one (for the answer about to run); give the token to :func:`leave`."""
    return _CURRENT.set(journal)


def leave(token: contextvars.Token[ReplyJournal | None]) -> None:
    """Back to the journal before :func:`enter`."""
    _CURRENT.reset(token)
