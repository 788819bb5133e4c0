"""The reply to a course question, written from the ranked sentences of the material.

    composed = compose(understood, passages, ranked, coverage, "th")
    composed.text       # the reply: the fact first, then at most three short points (<= ~700 chars)
    composed.more       # the rest of the best passage, for a "read more" request
    composed.sources    # human titles: "สัปดาห์ที่ 3 · การวัดคาร์บอนฟุตพริ้นท์ · หน้า 4"
    composed.citations  # the same places as Citation values (file paths stay for tickets, never shown)
    composed.kind       # "answered" | "partial" | "not_covered"
    composed.offer_mentor, composed.mentor_prompt

Rules, each for something a reader notices:

- the first sentence (two when the first only sets up the figure asked for) answers the question
  and fits in 300 characters; a longer best sentence gives way to a shorter one almost as good,
  or is cut at a word with "…"; when the figure asked for stands after that cut, the reply keeps
  the sentence's subject and continues just before the figure ("ได้ โดย SBTi ... …คือ พนักงาน
  น้อยกว่า 250 คน");
- then at most three supporting points, each short, none repeating another (near-duplicates, such
  as a module and its PDF rendering, are dropped), none starting mid-sentence;
- table rows read "label: value", glossary spelling lists and reference lines never appear
  (:mod:`bot.conversation.answerers.sentences` shapes and labels them);
- partial: what the material does not say is stated in one plain line ("เอกสารของหลักสูตรไม่ได้
  ระบุเรื่อง “อินเดีย”ครับ"), before the closest material when the gap is the subject itself,
  after it when the material hedges; a mentor is offered;
- not covered: said so, nothing invented, the nearest course topic named, a mentor offered.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.conversation.answerers.base import citation_for
from bot.conversation.answerers.ranking import OPENING, Ranked, answers_type, follower, found, has_unit
from bot.conversation.answerers.sentences import Sentence
from bot.conversation.coverage import Coverage, Tier
from bot.conversation.figures import figures
from bot.conversation.lexicon import squash
from bot.conversation.understanding import Asks, Understood
from bot.i18n.conversation import conversation_message
from bot.i18n.sources import source_title
from bot.types import Citation
from knowledge.passages import Passage

LEAD_LIMIT = OPENING
TOTAL_LIMIT = 700
SUPPORTS = 3
PARTIAL_SUPPORTS = 2
SUPPORT_CHARS = 200
MORE_CHARS = 1500
SUPPORT_SHARE = 0.5
"""A supporting point scores at least this share of the lead's score."""
DUPLICATE = 0.6
"""Token overlap (Jaccard) at which two sentences say the same thing."""
SAME_FIGURES = 0.3
"""Token overlap enough for two sentences with the same specific figures to say the same thing."""
SPECIFIC_FIGURE = 100
"""Whole numbers below this (1, 2, 12) are too common to identify a point."""
_INTRODUCES = (":", "ได้แก่", "ดังนี้", "คือ")
CONTAINED = 0.8
"""Share of the shorter sentence's tokens found in the longer one at which both make the same point."""
# Words that tie a sentence to the one before it in the material; quoted alone they make a reply
# start mid-thought ("ทั้งนี้มีรายงานว่า...", "ส่วน NDC 3.0 ...").
_CONNECTIVE = re.compile(r"^(?:ทั้งนี้|นอกจากนี้|อย่างไรก็ตาม|อย่างไรก็ดี|ดังนั้น|ส่วน(?=\s|[A-Za-z])|และ(?=\s)|แต่(?=\s))\s*")


@dataclass(frozen=True)
class ComposedAnswer:
    """A course answer ready to send (see the module docstring)."""

    text: str
    more: str
    citations: tuple[Citation, ...]
    sources: tuple[str, ...]
    coverage: Coverage
    kind: str
    offer_mentor: bool
    mentor_prompt: str


def clip(text: str, limit: int) -> str:
    """``text`` cut at the last space before ``limit`` characters, with "…" (unchanged if it fits)."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:(") + "…"


def similar(a: Sentence, b: Sentence) -> bool:
    """Near-duplicates: the same point from a module and its PDF, or one sentence inside another.

    Two sentences that give the same specific figures ("27 พฤศจิกายน 2025", "0.4750") with some
    words in common are the same point told twice, however differently worded.
    """
    if a.squashed in b.squashed or b.squashed in a.squashed:
        return True
    if not a.tokens or not b.tokens:
        return False
    tokens_a, tokens_b = set(a.tokens), set(b.tokens)
    common = len(tokens_a & tokens_b)
    overlap = common / len(tokens_a | tokens_b)
    if common / min(len(tokens_a), len(tokens_b)) >= CONTAINED and set(a.figures) <= set(b.figures):
        return True  # the glossary's definition of what the module already said, with no new figure
    shared = {f for f in set(a.figures) & set(b.figures) if f >= SPECIFIC_FIGURE or f != int(f)}
    return overlap >= DUPLICATE or (bool(shared) and overlap >= SAME_FIGURES)


def standalone(text: str) -> str:
    """``text`` without a leading connective that ties it to a sentence the reply does not show."""
    return _CONNECTIVE.sub("", text, count=1) or text


_SUBJECT_END = re.compile(r":\s")
SUBJECT_CHARS = 120
"""A long sentence's label ("ธนาคาร... (SME D Bank):") is kept before the part that answers when this short."""
SUBJECT_WORDS = 80
"""Without a label, a sentence's first words up to this many characters say what it is about."""


_DIGITS = re.compile(r"\d[\d,.]*")
FIGURE_CONTEXT = 40
"""Characters before a figure read as what the figure is about ("พนักงานน้อยกว่า 250 คน")."""
FIGURE_AFTER = 20
"""Characters after a figure that hold its unit ("250 คน", "20 ล้านบาทต่อราย")."""


def _window_score(understood: Understood, text: str) -> int:
    """How many of the question's words (a glossary term twice) a stretch of text holds."""
    squashed, tokens = squash(text), set(text.lower().split())
    return sum(2 if w.term else 1 for w in understood.words if not w.unit and found(w, squashed, tokens))


def focused_head(understood: Understood, text: str, limit: int) -> str:
    """``text`` fitted to ``limit``: where a long sentence answers after the cut, its subject, "…", that part.

    Glossary entries and FAQ answers pack several statements into one sentence ("SBTi ... เงื่อนไขคือ
    ... น้อยกว่า 10,000 tCO2e ... พนักงานน้อยกว่า 250 คน"); cut at 300 characters, the figure asked
    for is gone. Each figure of the sentence is read with the words just before it; the one whose
    stretch has an answer of the kind asked for (the unit asked, "กี่คน" -> "คน") and holds the most
    of the question is the answer. When it stands after the cut, the reply keeps the sentence's
    subject (up to its first ": ", when short) and continues shortly before that figure.
    """
    clipped = clip(text, limit)
    if len(text) <= limit or understood.asks not in (Asks.NUMBER, Asks.WHEN):
        return clipped  # a definition or a how-to is read from its start
    best, best_score = -1, 0
    for figure in _DIGITS.finditer(text):
        start = text.rfind(" ", 0, max(0, figure.start() - FIGURE_CONTEXT)) + 1
        stretch = text[start : figure.end() + FIGURE_AFTER]
        after = squash(text[figure.start() : figure.end() + FIGURE_AFTER])
        if understood.unit and not has_unit(understood, after):
            continue  # "กี่คน" is answered by "250 คน", not by the "10,000 tCO2e" beside it
        if not answers_type(understood, stretch, True):
            continue
        score = _window_score(understood, stretch)
        if score > best_score:
            best, best_score = start, score
    if best < 0 or best + FIGURE_CONTEXT + FIGURE_AFTER <= len(clipped):
        return clipped  # nothing better, or the best stretch is already inside the cut
    # What the sentence is about: its label ("SME D Bank:") or its first words ("ได้ โดย SBTi มี...").
    subject_end = _SUBJECT_END.search(text[:SUBJECT_CHARS])
    if subject_end:
        subject = text[: subject_end.end()].rstrip()
    else:
        space = text.rfind(" ", 0, SUBJECT_WORDS)
        subject = text[:space] if space > 0 else ""
        while subject.count("(") > subject.count(")"):  # never stop inside brackets: "(ค.ศ."
            subject = subject[: subject.rfind("(")]
        subject = subject.rstrip(" ,;:(")
    # Never continue inside brackets ("…2023)) คิดเป็น"): go on after the ones still open.
    depth = text[:best].count("(") - text[:best].count(")")
    while depth > 0 and (close := text.find(")", best)) >= 0:
        best, depth = close + 1, depth - 1
    best = len(text) - len(text[best:].lstrip(" ,;:)"))
    if len(subject) >= best or best >= len(text):
        return clipped
    tail = clip(text[best:], limit - len(subject) - 3)
    return f"{subject} …{tail}" if subject else f"…{tail}"


def _lead(understood: Understood, ranked: Sequence[Ranked]) -> Ranked:
    """The best sentence, or a shorter one almost as good when the best would not fit."""
    best = ranked[0]
    if len(best.sentence.text) <= LEAD_LIMIT:
        return best
    for other in ranked[1:6]:
        fits = len(other.sentence.text) <= LEAD_LIMIT
        if (
            fits
            and other.score >= 0.9 * best.score
            and answers_type(understood, other.sentence.text, other.sentence.digits)
        ):
            return other
    return best


def _supports(lead: Ranked, ranked: Sequence[Ranked], taken: list[Sentence], limit: int, room: int) -> list[Ranked]:
    chosen: list[Ranked] = []
    for candidate in ranked:
        if len(chosen) == limit:
            break
        sentence = candidate.sentence
        if candidate is lead or candidate.score < SUPPORT_SHARE * lead.score or candidate.coverage <= 0:
            continue
        if sentence.text.rstrip().endswith(_INTRODUCES) or any(similar(sentence, other) for other in taken):
            continue  # a line that only opens a list, or a point already made
        size = min(len(sentence.text), SUPPORT_CHARS) + 3
        if size > room:
            continue
        chosen.append(candidate)
        taken.append(sentence)
        room -= size
    # Points from the lead's own passage read in the material's order; others by relevance.
    chosen.sort(key=lambda r: (r.passage != lead.passage, r.sentence.position if r.passage == lead.passage else 0))
    return chosen


def _gap_line(understood: Understood, coverage: Coverage, head: str, language: str) -> tuple[str, bool]:
    """The one line saying what the material does not say, and whether it names the subject.

    Another country's scheme where Thailand's was asked about comes first (the figures beside it are
    the other country's); then a figure or date asked for and not in the best sentence; then what the
    question names that the material never mentions; then the material's own hedge.
    """
    if coverage.signals.elsewhere:
        return conversation_message("answer.gap_abroad", language), True
    if not answers_type(understood, head, bool(figures(head))):
        key = "answer.gap_date" if understood.asks is Asks.WHEN else "answer.gap_figure"
        return conversation_message(key, language), False
    if coverage.missing:
        what = " และ ".join(f"“{w}”" for w in coverage.missing[:2])
        return conversation_message("answer.gap_named", language, what=what), True
    if coverage.hedged:
        return conversation_message("answer.gap_hedged", language), False
    return conversation_message("answer.gap_general", language), False


def _more(lead: Ranked, sentences: Sequence[Sentence], used: list[Sentence]) -> str:
    rest = [s.text for s in sentences if s.kind.shown and not s.fragment and s not in used]
    return clip("\n".join(rest), MORE_CHARS) if rest else ""


def compose(
    understood: Understood,
    passages: Sequence[Passage],
    ranked: Sequence[Ranked],
    coverage: Coverage,
    language: str = "th",
    sentences_of: dict[int, Sequence[Sentence]] | None = None,
) -> ComposedAnswer:
    """The reply for one question; ``sentences_of`` maps a passage index to its sentences (all kinds)."""
    prompt = conversation_message("answer.mentor_prompt", language)
    if coverage.tier is Tier.NOT_COVERED or not ranked:
        lines = [conversation_message("answer.not_covered", language)]
        if passages:
            lines.append(
                conversation_message("answer.nearest_topic", language, title=source_title(passages[0].chunk, language))
            )
        return ComposedAnswer("\n".join(lines), "", (), (), coverage, Tier.NOT_COVERED.value, True, prompt)

    lead = _lead(understood, ranked)
    chunk_sentences = (sentences_of or {}).get(lead.passage, ())
    opening = [lead.sentence]
    following = follower(understood, lead, chunk_sentences)
    if following is not None:
        opening.append(following)
    head = focused_head(understood, standalone(" ".join(s.text for s in opening)), LEAD_LIMIT)
    partial = coverage.tier is Tier.PARTIAL
    gap, named = _gap_line(understood, coverage, head, language) if partial else ("", False)
    closest = conversation_message("answer.gap_closest", language) if named else ""
    framing = len(gap) + len(closest) + 2
    taken = list(opening)
    limit = PARTIAL_SUPPORTS if partial else SUPPORTS
    supports = _supports(lead, ranked, taken, limit, TOTAL_LIMIT - len(head) - framing - 2)
    if partial and not named and any(answers_type(understood, s.sentence.text, s.sentence.digits) for s in supports):
        # The figure asked for is in a point shown below: "not given" would be untrue.
        gap = conversation_message("answer.gap_general", language)
    body = "\n".join([head, *(f"• {clip(standalone(s.sentence.text), SUPPORT_CHARS)}" for s in supports)])
    if named:
        text = f"{gap} {closest}\n{body}"
    elif partial:
        text = f"{body}\n{gap}"
    else:
        text = body
    used = [lead.passage, *(s.passage for s in supports)]
    places = list(dict.fromkeys(used))
    citations = tuple(dict.fromkeys(citation_for(passages[i]) for i in places))
    sources = tuple(dict.fromkeys(source_title(passages[i].chunk, language) for i in places))
    more = _more(lead, chunk_sentences, taken)
    return ComposedAnswer(text, more, citations, sources, coverage, coverage.tier.value, partial, prompt)
