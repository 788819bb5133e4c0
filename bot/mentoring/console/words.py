"""The console's texts in the signed-in mentor's language, as templates use them (``t``)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.i18n.catalogue import LANGUAGES
from bot.i18n.console import MESSAGES, text

__all__ = ["LANGUAGES", "MESSAGES", "Words", "text"]


@dataclass(frozen=True)
class Words:
    """The console's messages in one language; templates get it as ``t``."""

    language: str

    def __call__(self, key: str, **values: object) -> str:
        """The message ``key`` in this language."""
        return text(key, self.language, **values)

    @property
    def other(self) -> str:
        """The language the toggle switches to."""
        return "en" if self.language == "th" else "th"
