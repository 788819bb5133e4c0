"""Which country a question asks about, and which country a sentence's mention of it belongs to.

    abroad(understood, opening, topical)   # "ETS ของไทย" asked, "EU ETS" in every mention: True

The course writes Thailand everywhere, so "ไทย" is never a word the material lacks; what differs is
whose scheme a name in the opening is ("ราคา EU ETS" beside "ETS ของไทยจะเริ่มปีไหน"). The coverage
tiers (:mod:`bot.conversation.coverage`) hold such an opening at partial.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.conversation.lexicon import squash
from bot.conversation.understanding import Understood, Word

_HOME = re.compile(r"(?:ของ|ใน)\s?(?:ประเทศ)?ไทย(?!พาณิชย์)|ประเทศไทย|เมืองไทย|ไทยเรา|[a-z]\s?ไทย(?!พาณิชย์)")
"""The question asks of Thailand's own ("ETS ของไทย", "ETSไทย"), not of a bank named Thai ("กรุงไทย")."""
_ABROAD_CODES = "eu|uk"
_ABROAD_NAMES = "อียู|สหภาพยุโรป|ยุโรป|สหราชอาณาจักร|(?<!ภาษา)อังกฤษ|จีน|เกาหลี|ญี่ปุ่น|สิงคโปร์|เวียดนาม|สหรัฐ|อเมริกา|แคลิฟอร์เนีย"
_ABROAD = f"{_ABROAD_CODES}|{_ABROAD_NAMES}"
"""Other countries and unions, as squashed text writes them (no spaces: "EU ETS" is "euets")."""
_ABROAD_BEFORE = re.compile(rf"(?:{_ABROAD})$")
_ABROAD_AFTER = re.compile(rf"^(?:ของ)?(?:{_ABROAD})")
_ABROAD_ASKED = re.compile(rf"(?<![a-z])(?:{_ABROAD_CODES})(?![a-z])|{_ABROAD_NAMES}")
"""The same in the question as typed, where a Latin code must be a word of its own ("eu", not "neutral")."""
_QUALIFIER_REACH = 16
"""Characters of squashed text either side of a name within which a country qualifies it."""


def abroad(understood: Understood, opening: str, topical: Sequence[Word]) -> bool:
    """Asked about Thailand's own X, whether every mention of X in the opening is another country's.

    "ETS ของไทยจะเริ่มซื้อขายปีไหน" finds "ETS" and a year in "ผู้นำเข้าต้องซื้อใบรับรอง CBAM ตามราคา
    EU ETS ... เริ่มขาย 1 กุมภาพันธ์ พ.ศ. 2570": every word is there, and the year is the EU's. The
    material's word for Thailand is everywhere, so it is never missing; the qualifier of the name is
    what differs.
    """
    asked = understood.text.lower()
    # "ไทยส่งเหล็กไป EU กี่ล้านดอลลาร์" relates Thailand to the EU: the EU's figures may answer it.
    if not _HOME.search(asked) or _ABROAD_ASKED.search(asked):
        return False
    text = squash(opening)
    for word in topical:
        spots = [
            (form, m.start(), m.end())
            for form in word.forms
            if form and not form.isdigit()
            for m in re.finditer(re.escape(form), text)
            # A short Latin name is a whole word ("ets" in "euets" after squashing, not in "assets").
            if not (form.isascii() and len(form) <= 3 and text[m.end() : m.end() + 1].isalnum())
        ]
        # The glossary may list the foreign scheme as a name of the term ("EU ETS" beside "ETS").
        if spots and all(
            _ABROAD_AFTER.search(form)
            or _ABROAD_BEFORE.search(text[max(0, start - _QUALIFIER_REACH) : start])
            or _ABROAD_AFTER.search(text[end : end + _QUALIFIER_REACH])
            for form, start, end in spots
        ):
            return True
    return False
