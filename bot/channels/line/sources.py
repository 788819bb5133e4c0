"""An answer's sources as a Flex message: one bubble, or a carousel with a bubble per source."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from linebot.v3.messaging import FlexBox, FlexBubble, FlexCarousel, FlexMessage, FlexText

from bot.channels.line.split import clip
from bot.i18n.line import text
from bot.i18n.render import citation_line, place_parts
from bot.types import Citation

MAX_BUBBLES = 12
"""A Flex carousel holds at most 12 bubbles."""
ALT_TEXT_LIMIT = 400
"""``altText`` (shown in notifications and chat lists) is at most 400 characters."""
_FIELD_LIMIT = 200
_ACCENT = "#1DB446"
_MUTED = "#666666"
_FAINT = "#999999"


def place_of(citation: Citation, language: str) -> str:
    """``สัปดาห์ที่ 3 · หน้า 2`` (week, page, slide: whichever are known)."""
    return " · ".join(place_parts(citation, language))


def sources_message(citations: Sequence[Citation], language: str) -> Any:
    """A ``FlexMessage`` listing the sources (at most 12), with a Thai ``altText``."""
    shown = list(citations)[:MAX_BUBBLES]
    if len(shown) == 1:
        contents: Any = _bubble(shown[0], text("line.sources", language), language)
    else:
        heading = text("line.sources", language)
        contents = FlexCarousel(
            contents=[_bubble(c, f"{heading} {i}/{len(shown)}", language) for i, c in enumerate(shown, start=1)]
        )
    return FlexMessage(alt_text=alt_text(shown, language), contents=contents)


def alt_text(citations: Sequence[Citation], language: str) -> str:
    """The sources in one line of at most 400 characters, for notifications and old LINE versions."""
    titles = []
    for citation in citations:
        titles.append(citation_line(citation, language))
    listed = ", ".join(dict.fromkeys(titles))
    return clip(text("line.sources_alt", language, sources=listed), ALT_TEXT_LIMIT)


def _bubble(citation: Citation, heading: str, language: str) -> Any:
    # The human title (week, module title, page), never the file name: what a reader finds in the binder.
    lines = [FlexText(text=clip(citation_line(citation, language), _FIELD_LIMIT), weight="bold", size="md", wrap=True)]
    if citation.heading and citation.heading != citation.title:
        lines.append(FlexText(text=clip(citation.heading, _FIELD_LIMIT), size="sm", color=_MUTED, wrap=True))
    return FlexBubble(
        size="kilo",
        header=FlexBox(
            layout="vertical",
            contents=[FlexText(text=heading, size="xs", weight="bold", color=_ACCENT)],
            padding_bottom="none",
        ),
        body=FlexBox(layout="vertical", spacing="sm", contents=lines),
    )
