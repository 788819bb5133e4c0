"""The one catalogue shape every area's texts use: message key -> language -> text with ``{placeholders}``.

Thai is the default and the fallback: a key without the user's language is shown in Thai.
Each area keeps its texts in one module of :mod:`bot.i18n` (``MESSAGES`` plus ``text = Texts(MESSAGES)``).
"""

from __future__ import annotations

LANGUAGES = ("th", "en")
"""Every user-facing text exists in Thai; English is the option."""

Catalogue = dict[str, dict[str, str]]
"""Message key -> language -> text with ``{placeholders}``."""


def message_from(catalogue: Catalogue, key: str, language: str = "th", **values: object) -> str:
    """The message ``key`` of ``catalogue`` in ``language`` (Thai when that language is missing)."""
    texts = catalogue[key]
    return texts.get(language, texts["th"]).format(**values)


class Texts:
    """One area's texts as a function: ``text("post.title", "th", reference="T-0042")``."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue

    def __call__(self, key: str, language: str = "th", **values: object) -> str:
        """The message ``key`` in ``language`` (Thai when that language is missing)."""
        return message_from(self.catalogue, key, language, **values)
