"""Which sentences of the retrieved passages answer the question, best first.

    ranked = rank(understood, passages, cache, idf)     # list[Ranked], best first
    ranked[0].sentence.text, ranked[0].coverage, ranked[0].matched

A sentence scores by the share of the question's content words it contains, each weighted by
how rare the word is in the material (idf), where a glossary term counts whichever of its
names the sentence uses ("โซล่าเซล" in the question, "โซลาร์รูฟท็อป" in the text). Words found
only in the passage's title or heading count half: a schedule line "เวลา: 09:00–16:00 น." does
not repeat the week its passage is about. A sentence with a figure gets a bonus when the question
asks for a number or a date, more when the figure comes with the unit asked for ("กี่ตัน" and
"4.28 tCO2e"), more again for a worked result ("= 7.2 ตันต่อปี") or a figure the question
itself typed ("จาก 25 เหลือ 10%"); a time when it asks "กี่โมง", a date when it asks "วันไหน"; a
definition line when it asks what something is; higher-ranked passages a small prior. Only
sentences that may be shown are ranked (no spelling lists, table headers, reference lines or
pieces that start mid-sentence).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from bot.conversation.answerers.sentences import Sentence, SentenceCache
from bot.conversation.lexicon import squash
from bot.conversation.understanding import Asks, Understood, Word
from knowledge.passages import Passage

IdfFunction = Callable[[str], float]
FIGURE_BONUS = 0.15
UNIT_BONUS = 0.15
RESULT_BONUS = 0.1
NUMBER_BONUS = 0.15
DEFINITION_BONUS = 0.1
PASSAGE_PRIOR = 0.08
OPENING = 300
"""Characters the opening of a reply (the sentence or two that answer) may take."""
CONTEXT_CREDIT = 0.5
LONG_SENTENCE = 300
LENGTH_PENALTY = 0.1
RELEVANT = 0.5
"""Coverage from which answer-type bonuses count in full."""
PASSAGE_RELEVANCE = 0.8
"""How much of its passage's coverage a sentence borrows when its bonuses are scaled."""
_DEFINES = ("คือ", "หมายถึง", "ย่อมาจาก", "เรียกว่า")
_LABELLED = re.compile(r"^[^:]{1,80}:\s")  # "HFCs: ไฮโดรฟลูออโรคาร์บอน", a glossary line "คำ (English): ..."
DEFINED_WITHIN = 60
"""How far into a sentence its defining word ("คือ") may come for the sentence to define its opening words."""
TIME = re.compile(r"\d{1,2}[:.]\d{2}\s*(?:น|–|-)")
DATE = re.compile(
    r"\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}|มกรา|กุมภา|มีนา|เมษา|พฤษภา|มิถุนา|กรกฎา|สิงหา|กันยา|ตุลา|"
    r"พฤศจิกา|ธันวา|ม\.ค|ก\.พ|มี\.ค|เม\.ย|พ\.ค|มิ\.ย|ก\.ค|ส\.ค|ก\.ย|ต\.ค|พ\.ย|ธ\.ค|january|february|march|"
    r"april|may|june|july|august|september|october|november|december"
)
YEAR = re.compile(r"(?:พ\.ศ\.|ค\.ศ\.|ปี)\s*(?:พ\.ศ\.\s*)?\d{4}")
"""A year as the course writes it ("พ.ศ. 2550", "ปี 2553", "ค.ศ. 2007")."""
_ASKS_YEAR = re.compile(r"ปีไหน|ปีอะไร|ปีใด|ปีไร|พ\.?ศ\.?\s*(?:อะไร|ไหน)|ค\.?ศ\.?\s*(?:อะไร|ไหน)|what year|which year")
"""A question for a year, which a year answers without a month."""


def _when_pattern(understood: Understood) -> re.Pattern[str]:
    """What answers a WHEN question: a time ("กี่โมง"), a year ("ปีไหน") or a date."""
    if "เวลา" in understood.unit:
        return TIME
    return YEAR if _ASKS_YEAR.search(understood.text.lower()) else DATE


def _answers_when(understood: Understood, text: str) -> bool:
    lowered = text.lower()
    pattern = _when_pattern(understood)
    return bool(pattern.search(lowered) or (pattern is YEAR and DATE.search(lowered)))


_MEASURES_TEXT = (
    "ตัน tco2e กิโลกรัม กก kg กิโล หน่วย kwh % ร้อยละ เปอร์เซ็นต์ ชั่วโมง ชม เวลา บาท ล้าน แสน หมื่น พัน ปี เดือน วัน "
    "สัปดาห์ ลิตร ดอลลาร์ ยูโร ตารางเมตร เมตร กิโลวัตต์ kwp วัตต์ นาที"
)
MEASURES = frozenset(_MEASURES_TEXT.split())
"""Units of measure: a figure answers "กี่<unit>" only in that unit (counting words need a figure only)."""
RESULT = re.compile(r"[=≈]\s*[\d,.]+\s*\S*\s*$|[=≈][^=≈]*$")


@dataclass(frozen=True)
class Ranked:
    """A sentence with how well it answers the question."""

    sentence: Sentence
    passage: int
    """Index of its passage in the retrieved list."""
    score: float
    coverage: float
    """Weighted share of the question's content words found in the sentence (title/heading: half)."""
    matched: frozenset[str]
    """The content words (``Word.text``) the sentence itself contains."""


def word_weights(words: Sequence[Word], idf: IdfFunction) -> dict[Word, float]:
    """How much each content word says about the topic: its idf (a term: its rarest name's)."""
    weights = {}
    for word in words:
        if word.term:
            weights[word] = max((idf(f) for f in word.forms[:3]), default=1.0)
        else:
            weights[word] = idf(word.text)
    return weights


def found(word: Word, squashed: str, tokens: Collection[str]) -> bool:
    """Whether ``word`` (any of its forms) occurs in a text given squashed and as tokens."""
    for form in word.forms:
        # Short Latin forms ("ef", "kwp") must be whole tokens: "ef" is inside "reference".
        if form.isascii() and len(form) <= 3:
            if form in tokens:
                return True
        elif form in squashed or _found_glued(form, squashed):
            return True
    return False


_GLUED = re.compile(r"^([a-z]{2,})(\d+)$")
"""A Latin name glued to its number as people type it in chat ("pgs10", "irec1")."""
_GLUED_GAP = 30
"""How many characters may stand between the name and its number in the squashed text ("pgsระยะที่10")."""


def _found_glued(form: str, squashed: str) -> bool:
    """Whether a glued name and number occur with the number shortly after the name ("PGS ระยะที่ 10")."""
    glued = _GLUED.match(form)
    if glued is None:
        return False
    name, number = glued.groups()
    # The first number after the name must be this one: "PGS ระยะที่ 9 วงเงิน 10 ล้าน" is not PGS 10.
    return re.search(rf"(?<![a-z]){name}(?![a-z])\D{{0,{_GLUED_GAP}}}{number}(?![.,]?\d)", squashed) is not None


def has_unit(understood: Understood, squashed: str) -> bool:
    """Whether a figure in the squashed text comes with the unit asked for ("2 ตัว", "4.28 tCO2e", "75%")."""
    return any(re.search(rf"\d[\d,.]*(?:{re.escape(u)})", squashed) for u in understood.unit)


def defines_asked(understood: Understood, text: str) -> bool:
    """Whether ``text`` defines what was asked about: "MLR คืออะไร" and "อัตราดอกเบี้ย... (MLR): ...".

    A "label: value" line or an "X คือ ..." sentence defines its label or its X; a table row
    ("กรุงเทพ: Bualuang Green Loan: ดอกเบี้ย MLR−1.0%") or a worked example that merely mentions
    the term defines something else. The defined part must open with the term asked about (any of
    its names); without a term in the question, any definition counts.
    """
    label = _LABELLED.match(text)
    defining = next((text.find(d) for d in _DEFINES if 0 < text.find(d) <= DEFINED_WITHIN), -1)
    subject = label.group(0) if label else text[:defining] if defining > 0 else None
    if subject is None or "=" in subject:
        return False  # "สมมติว่า MLR = 7.00%: ...": a worked example's set-up, not a definition
    asked = [understood.focus] if understood.focus is not None else list(understood.words)
    if not asked:
        return True
    defined = squash(subject)
    return any(form in defined for word in asked for form in word.forms)


def _answer_type_bonus(understood: Understood, sentence: Sentence) -> float:
    """How much the sentence looks like the kind of answer asked for (see the module docstring)."""
    bonus = 0.0
    asks = understood.asks
    # A value the user typed ("0.5812", "1.2ล้าน" = 1,200,000) found again marks the passage they mean.
    typed = understood.figures.intersection(sentence.figures)
    if typed and len(typed) >= min(2, len(understood.figures)):
        bonus += NUMBER_BONUS
    if asks is Asks.DEFINITION and defines_asked(understood, sentence.text):
        bonus += DEFINITION_BONUS
    if asks not in (Asks.NUMBER, Asks.WHEN) or not sentence.digits:
        return bonus
    bonus += FIGURE_BONUS
    if understood.unit and "เวลา" not in understood.unit and has_unit(understood, sentence.squashed):
        bonus += UNIT_BONUS
    if asks is Asks.NUMBER and RESULT.search(sentence.text):
        bonus += RESULT_BONUS
    if asks is Asks.WHEN:
        # Ranking keeps preferring a full date or a time: a bare year ("ภายในปี พ.ศ. 2573") would
        # tie with the date asked for; a year still counts as an answer to "ปีไหน" (answers_type).
        wants_time = "เวลา" in understood.unit
        bonus += UNIT_BONUS if (TIME if wants_time else DATE).search(sentence.text.lower()) else 0.0
    return bonus


def answers_type(understood: Understood, text: str, digits: bool) -> bool:
    """Whether ``text`` has the kind of answer asked for: a figure (in the unit asked), a date or time."""
    if understood.asks is Asks.WHEN:
        return _answers_when(understood, text)
    if understood.asks is not Asks.NUMBER:
        return True
    if not digits:
        return False
    folded = squash(text)
    # A counting word ("กี่อัน", "กี่ข้อ", "กี่category") is satisfied by any figure; a measure
    # ("กี่บาท", "กี่ล้าน", "กี่ตัน") must come with its unit.
    measured = understood.unit and any(u in MEASURES for u in understood.unit)
    return not measured or any(u in folded for u in understood.unit)


def follower(understood: Understood, lead: Ranked, sentences: Sequence[Sentence]) -> Sentence | None:
    """The next sentence when the lead only sets up the answer: "การบ้าน: ... พร้อม KPI" | "อย่างน้อย 2 ตัว".

    Also the first item after a lead that introduces a list (ends with ":"). ``None`` when the two
    would not fit in the opening (:data:`OPENING`).
    """
    following = next((s for s in sentences if s.position > lead.sentence.position), None)
    if following is None or not following.kind.shown or following.fragment:
        return None
    if len(lead.sentence.text) + len(following.text) + 1 > OPENING:
        return None
    lead_ok = answers_type(understood, lead.sentence.text, lead.sentence.digits)
    if understood.asks in (Asks.NUMBER, Asks.WHEN) and not lead_ok:
        return following if answers_type(understood, following.text, following.digits) else None
    return following if lead.sentence.text.rstrip().endswith(":") else None


def rank(understood: Understood, passages: Sequence[Passage], cache: SentenceCache, idf: IdfFunction) -> list[Ranked]:
    """Every showable sentence of ``passages``, best answer first."""
    weights = word_weights(understood.words, idf)
    total = sum(weights.values()) or 1.0
    out: list[Ranked] = []
    for index, passage in enumerate(passages):
        chunk = passage.chunk
        context = squash(" ".join((chunk.title, *chunk.heading_path)))
        in_context = {w for w in weights if found(w, context, frozenset())}
        profile = cache.profile(chunk)
        passage_coverage = sum(weights[w] for w in weights if found(w, profile.squashed, profile.tokens)) / total
        if understood.week is not None and chunk.week == understood.week:
            # "วีค3": a passage of week 3 is about week 3 even where its text does not say so.
            in_context |= {w for w in weights if w.text == f"สัปดาห์ที่ {understood.week}"}
        for sentence in cache.sentences(chunk):
            if not sentence.kind.shown or sentence.fragment:
                continue
            matched = frozenset(w for w in weights if found(w, sentence.squashed, sentence.tokens))
            credit = sum(weights[w] for w in matched)
            credit += CONTEXT_CREDIT * sum(weights[w] for w in in_context - matched)
            coverage = credit / total
            # Answer-type bonuses count in proportion to relevance: a figure in an unrelated
            # sentence ("T-VER ย่อมาจาก ..." for "fifo ย่อมาจากไร") must not outrank the topic. The
            # passage's relevance counts too: the result line of a worked example ("ทั้งปี: 548 ×
            # 12 = 6,576 บาทต่อปี") repeats few words of the question its example sets up.
            relevance = max(coverage, PASSAGE_RELEVANCE * passage_coverage)
            bonus = _answer_type_bonus(understood, sentence) * min(1.0, relevance / RELEVANT)
            # Of two sentences that cover the question alike, the shorter one reads as the answer.
            brevity = LENGTH_PENALTY * min(1.0, len(sentence.text) / LONG_SENTENCE)
            score = coverage + PASSAGE_PRIOR / (1 + index) + bonus - brevity
            out.append(Ranked(sentence, index, score, coverage, frozenset(w.text for w in matched)))
    out.sort(key=lambda r: (-r.score, r.passage, r.sentence.position))
    return out
