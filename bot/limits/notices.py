"""The notices a limit sends: the wait rounded to what a person reads, in the user's language."""

from __future__ import annotations

import math

from bot.i18n.limits import text


def too_fast_notice(retry_after_seconds: float, language: str = "th") -> str:
    """The friendly "you are sending too fast" notice, with the wait rounded up to whole seconds or minutes."""
    seconds = max(1, math.ceil(retry_after_seconds))
    if seconds == 1:
        wait = text("limits.second", language)
    elif seconds < 90:
        wait = text("limits.seconds", language, n=seconds)
    else:
        wait = text("limits.minutes", language, n=math.ceil(seconds / 60))
    return text("limits.too_fast", language, wait=wait)


def busy_notice(language: str = "th") -> str:
    """The notice for a question sent while the user's previous one is still being answered."""
    return text("limits.busy", language)
