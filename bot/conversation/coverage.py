"""Does the course material answer this question? Three tiers, from measured signals.

    model = CoverageModel.bundled()                     # weights fitted by bench/coverage_tiers.py
    coverage = model.assess(understood, retrieval, ranked, cache, index.keyword.idf, index.keyword.document_frequency)
    coverage.tier       # Tier.ANSWERED | Tier.PARTIAL | Tier.NOT_COVERED
    coverage.missing    # what the question asks about that the material never mentions ("อินเดีย")
    coverage.hedged     # the best sentence itself says it is unsure ("ยังไม่ยืนยัน", "ขึ้นอยู่กับ")

Signals (:class:`Signals`), all cheap and offline:

- ``confidence``: the retriever's calibrated confidence that the top passage is relevant;
- ``lead_coverage``: idf-weighted share of the question's content words in the best sentence;
- ``passage_coverage``: the same share within the retrieved passages (text, title, heading);
- ``missing_share``: weighted share of content words found in none of the top passages; a
  near-miss question ("ef ไฟฟ้าของอินเดีย") names something the material does not have;
- ``missing_rare``: the weight of the rarest missing word relative to the question's rarest word
  (one specific missing thing, "อินเดีย", matters more than several common ones);
- ``unknown_share``: share of content words the material never uses anywhere (glossary names
  count as known, whichever variant was typed);
- ``hedged``: the best sentence hedges ("ยังไม่ยืนยัน", "ขึ้นอยู่กับ", "ควรปรึกษาผู้เชี่ยวชาญ");
- ``type_ok``: a question asking for a number gets a best sentence with a figure (in the unit
  asked for, "กี่บาท" -> "... บาท"), one asking when gets a date or a time;
- ``focus_in_lead``: the best sentence has the word the question asks about ("ค่าธรรมเนียม" in
  "ค่าธรรมเนียมกี่บาท"), not only the words around it;
- ``current``: the question asks for today's value or status ("ตอนนี้", "วันนี้", "ยังเปิดรับ"),
  which dated course material rarely settles.

A logistic model over them gives the probability that the material answers the question; two
thresholds cut it into tiers. Weights and thresholds live in ``knowledge/coverage.json`` beside
the retriever's ``confidence.json``, with the AUCs they were fitted at.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from importlib import resources

from bot.conversation.answerers.ranking import IdfFunction, Ranked, answers_type, follower, found, word_weights
from bot.conversation.answerers.sentences import SentenceCache
from bot.conversation.countries import abroad
from bot.conversation.figures import figures
from bot.conversation.lexicon import squash
from bot.conversation.understanding import Asks, Understood, Word
from knowledge.passages import RetrievalResult

FEATURES = (
    "confidence",
    "lead_coverage",
    "passage_coverage",
    "missing_share",
    "missing_rare",
    "unknown_share",
    "hedged",
    "type_ok",
    "focus_in_lead",
    "current",
    "rare_in_lead",
)
HEDGES = re.compile(
    r"ยังไม่ยืนยัน|ยังไม่มีข้อมูล|(?:หลักสูตร|เอกสาร)\S*\s?ไม่มีข้อมูล|ยังไม่มีตัวเลข|ยังไม่มีในข้อมูล|ไม่มีในเอกสาร|ยังไม่เปิดเผย|ไม่ได้ระบุ|"
    r"ไม่มีข้อมูล|ยังไม่ได้(?:ยืนยัน|ตรวจสอบ|เปิดเผย|เผยแพร่|ประกาศ)|ยังไม่ประกาศ|ยังไม่พบ|ตอบ\S{0,6}ไม่ได้|ยังไม่มีราคา|ยังไม่มี\S{0,30}ในเอกสาร|"
    r"ไม่ขอระบุ|ยังไม่ชัดเจน|ยังไม่แน่นอน|จะแจ้งภายหลัง|จะแจ้งในกลุ่ม|ขึ้นอยู่กับ|ควรปรึกษา|ให้สอบถาม|ควรสอบถาม|"
    r"(?:ตรวจสอบ|สอบถาม)\S*\s?\S*อยู่หรือไม่|not (?:yet )?confirmed|depends on|not disclosed"
)
"""Phrases with which the material says it does not settle the matter."""
_CURRENT = re.compile(r"ตอนนี้|วันนี้|ล่าสุด|ปัจจุบัน|รอบนี้|ปีนี้|ยังเปิด|เปิดรับอยู่|\bnow\b|today|current|latest")
_HOW_SURE = frozenset(("แน่ๆ", "แน่นอน", "จริงๆ"))
_NEARBY = 3
"""How many of the best sentences (the lead and the points the reply shows beside it) may hedge the
answer, or give the kind of answer asked for, when they name the same subject."""
NAMED_SHARE = 0.6
"""A missing word is named in the reply when it weighs at least this share of the rarest missing word."""
Vocabulary = Callable[[str], int]
"""Document frequency of a word in the indexed material (``KeywordIndex.document_frequency``)."""


class Tier(Enum):
    """How well the material answers a question."""

    ANSWERED = "answered"
    PARTIAL = "partial"
    """The material says something relevant, not all that was asked; the reply says what is missing."""
    NOT_COVERED = "not_covered"


@dataclass(frozen=True)
class Signals:
    """The measured signals (see the module docstring)."""

    confidence: float
    lead_coverage: float
    passage_coverage: float
    missing_share: float
    missing_rare: float
    unknown_share: float
    hedged: float
    type_ok: float
    focus_in_lead: float
    current: float
    rare_in_lead: float
    type_nearby: float = 0.0
    """Not a model feature: a best-three sentence of the same subject has the kind of answer asked for
    (the figure is in a supporting point the reply shows, not in the opening)."""
    elsewhere: float = 0.0
    """Not a model feature: asked about Thailand's scheme, the opening speaks of another country's
    ("ETS ของไทยเริ่มปีไหน" opened with the EU ETS's dates)."""

    def vector(self) -> list[float]:
        """The signals in :data:`FEATURES` order."""
        return [float(getattr(self, name)) for name in FEATURES]


@dataclass(frozen=True)
class Coverage:
    """The tier of one question, with why."""

    tier: Tier
    probability: float
    signals: Signals
    missing: tuple[str, ...]
    """Content words of the question that the retrieved passages never mention, as typed, rarest first."""
    hedged: bool


def measure(
    understood: Understood,
    retrieval: RetrievalResult,
    ranked: Sequence[Ranked],
    cache: SentenceCache,
    idf: IdfFunction,
    vocabulary: Vocabulary,
) -> tuple[Signals, tuple[str, ...]]:
    """The signals of one answered-or-not question, and the words the material lacks."""
    weights = word_weights(understood.words, idf)
    total = sum(weights.values()) or 1.0
    profiles = [cache.profile(p.chunk) for p in retrieval.passages]
    present = {w for w in weights if any(found(w, p.squashed, p.tokens) for p in profiles)}
    missing = [w for w in weights if w not in present and not w.unit and not w.text.startswith("สัปดาห์ที่")]
    # Unknown: no form of the word occurs in the material ("โมง" counts as known through "เวลา").
    unknown = [w for w in weights if not w.term and all(vocabulary(f) == 0 for f in (w.text, *w.forms))]
    lead = ranked[0] if ranked else None
    # The opening the reply will show: the lead, and the next sentence when the lead only sets
    # up the figure ("การบ้าน: ... พร้อม KPI" | "อย่างน้อย 2 ตัว").
    opening = ""
    if lead is not None:
        chunk = retrieval.passages[lead.passage].chunk
        following = follower(understood, lead, cache.sentences(chunk))
        opening = lead.sentence.text + (f" {following.text}" if following is not None else "")
    hedged = lead is not None and hedges_answer(understood, opening, weights)
    # A nearby sentence may say outright that the material lacks what was asked, of the same
    # thing: asked "สินเชื่อโซลาร์ของกสิกร ดอกเบี้ยกี่%", the lead gives the bank's other loan terms
    # and the table row beside it says "กสิกรไทย: Solar Rooftop Loan: ดอกเบี้ย ไม่มีข้อมูล".
    # The two rarest things asked about: what a sentence must name to speak of the same subject.
    topical = sorted((w for w in weights if not w.unit), key=lambda w: -weights[w])[:2]
    nearby = [
        other
        for other in ranked[1:_NEARBY]
        if all(found(w, other.sentence.squashed, other.sentence.tokens) for w in topical)
    ]
    hedged = hedged or any(hedges_answer(understood, other.sentence.text, weights) for other in nearby)
    # Only a point that names the same subject: one merely from the lead's passage would also let
    # "LED ใช้พลังงานน้อยกว่าหลอดไส้ 75%" answer a question about fluorescent tubes (measured: 2 more
    # near misses answered over the spent sets for 5 more answerable questions).
    type_nearby = any(answers_type(understood, other.sentence.text, other.sentence.digits) for other in nearby)
    # The rarest thing asked about must be what the opening speaks of: "decarbonize loan ผ่อนกี่ปี"
    # answered with KTB's loan covers every other word and still answers another question.
    rare_in_lead = 0.0
    if lead is not None and topical:
        chunk = retrieval.passages[lead.passage].chunk
        context = squash(" ".join((opening, *chunk.heading_path)))
        tokens = set(context.split()) | set(lead.sentence.tokens)
        rare_in_lead = sum(weights[w] for w in topical if found(w, context, tokens)) / sum(weights[w] for w in topical)
    signals = Signals(
        confidence=retrieval.confidence,
        elsewhere=float(lead is not None and abroad(understood, opening, topical)),
        lead_coverage=lead.coverage if lead else 0.0,
        passage_coverage=sum(weights[w] for w in present) / total,
        missing_share=sum(weights[w] for w in missing) / total,
        missing_rare=max((weights[w] for w in missing), default=0.0) / (max(weights.values(), default=0.0) or 1.0),
        unknown_share=len(unknown) / len(weights) if weights else 1.0,
        hedged=float(hedged),
        type_ok=float(lead is not None and answers_type(understood, opening, bool(figures(opening)))),
        focus_in_lead=float(
            understood.focus is None
            or (lead is not None and found(understood.focus, lead.sentence.squashed, lead.sentence.tokens))
        ),
        current=float(understood.asks in _STATUS_ASKS and bool(_CURRENT.search(understood.text.lower()))),
        rare_in_lead=rare_in_lead,
        type_nearby=float(type_nearby),
    )
    # Named back in the user's own words, the most specific first; a word far more common than
    # the rarest missing one ("จ้าง" beside "ผู้ทวนสอบ") is not what the material lacks.
    top = max((weights[w] for w in missing), default=0.0)
    # "ตอนนี้" counts for the signals (the material is dated) but is no subject to name as missing.
    nameable = [w for w in missing if not _CURRENT.fullmatch(w.text) and w.text not in _HOW_SURE]
    named = sorted((w for w in nameable if weights[w] >= NAMED_SHARE * top), key=lambda w: -weights[w])
    return signals, tuple(w.typed or w.text for w in named)


def _delimiter_before(text: str, pieces: list[str], number: int) -> str:
    """The character ``_SEGMENT`` removed before ``pieces[number]`` ("" for the first piece)."""
    position = len("".join(pieces[:number])) + number  # each split removed one delimiter character
    return text[position - 1] if position > 0 else ""


def _inside_brackets(text: str, pieces: list[str], number: int) -> bool:
    """Whether ``pieces[number]`` (of ``_SEGMENT.split(text)``) was opened by a bracket."""
    return _delimiter_before(text, pieces, number) == "("


def _bracketed_with(text: str, pieces: list[str], number: int) -> int:
    """How many pieces before ``pieces[number]`` belong to its statement, joined only by brackets.

    "รายชื่อพี่เลี้ยง (mentor) และวิทยากร..." is one statement in three pieces; a semicolon, a line
    break or a connector ("แต่", "ส่วน") starts another.
    """
    count = 0
    while number - count > 0 and _delimiter_before(text, pieces, number - count) in "()":
        count += 1
    return count


_STATUS_ASKS = (Asks.NUMBER, Asks.WHEN, Asks.YES_NO)
_SEGMENT = re.compile(r"[;()\n]|(?<=\S)\s(?=เงื่อนไข|ส่วน|แต่|โดย|ซึ่ง)")
"""Where one statement of a sentence ends: the course packs several into one line ("ดอกเบี้ย 3%;
วงเงินสูงสุด 20 ล้านบาท; ระยะเวลาสูงสุด ไม่มีข้อมูล")."""
_NOW = re.compile(r"ปัจจุบัน|ล่าสุด|ตอนนี้")


def hedges_answer(understood: Understood, text: str, weights: dict[Word, float]) -> bool:
    """Whether the hedge in ``text`` is about what was asked, not about a neighbouring statement.

    A sentence may answer the question and hedge something beside it: "ค่าธรรมเนียมตอนเปิดตัว
    1,000 ดอลลาร์ (ค่าธรรมเนียมปัจจุบันยังไม่ยืนยัน)" answers the launch fee and hedges today's;
    "ยกเว้นภาษีเงินได้นิติบุคคล 3 ปี ... ช่วงเวลายื่นคำขอในปัจจุบันยังไม่ยืนยัน" answers how many years
    and hedges when to apply. The sentence is cut into statements; a hedge covers its statement
    from the clause that holds it (a hedge standing alone, "ดอกเบี้ย ไม่มีข้อมูล", with the word
    before it), and what stands between two hedges is one plain statement, however the course
    bracketed it ("เงื่อนไขคือปล่อยขอบเขตที่ 1 รวมขอบเขตที่ 2 (location-based) น้อยกว่า 10,000 tCO2e").
    The hedge counts when no plain statement says as much of the question (and has the kind of
    answer asked for) as a hedging one, or when the question asks for today's value and the hedge
    is about today's ("ปัจจุบัน").
    """
    lowered = text.lower()
    if not HEDGES.search(lowered):
        return False
    asks_now = bool(_CURRENT.search(understood.text.lower()))

    def said(part: str) -> float:
        squashed, tokens = squash(part), set(part.split())
        return sum(v for w, v in weights.items() if not w.unit and found(w, squashed, tokens))

    hedging, runs, run = 0.0, list[str](), list[str]()
    pieces = _SEGMENT.split(lowered)
    for number, segment in enumerate(pieces):
        hedge = HEDGES.search(segment)
        if hedge is None:
            run.append(segment)
            continue
        # The hedge's clause starts at the space before it; a hedge standing alone takes the word
        # before it as its subject ("ดอกเบี้ย ไม่มีข้อมูล"). What precedes the clause is plain.
        start = segment.rfind(" ", 0, hedge.start()) + 1
        # "ยังไม่ได้เปิดเผย" says "not yet" of what precedes it; "ดอกเบี้ย ไม่มีข้อมูล" fills one field.
        bare = start == hedge.start()
        predicate = bare and hedge.group().startswith("ยัง")
        if bare and start > 0:
            start = segment.rfind(" ", 0, start - 1) + 1
        if asks_now and _NOW.search(segment[start:]):
            return True
        clause = segment[start:]
        if predicate and said(clause) <= 0.0 and not _inside_brackets(lowered, pieces, number):
            # A hedge with no subject of its own that names nothing asked hedges what precedes it
            # in its statement: "รายชื่อพี่เลี้ยง (mentor) และวิทยากรของ NZAP 2026 ยังไม่ได้เปิดเผย" is
            # unsure of the list. One with its own subject ("ช่วงเวลายื่นคำขอในปัจจุบันยังไม่ยืนยัน")
            # or in brackets ("1,000 ดอลลาร์ (ค่าธรรมเนียมปัจจุบันยังไม่ยืนยัน)") is a side note.
            joined = _bracketed_with(lowered, pieces, number)
            clause, start, run = " ".join((*run[len(run) - joined :], segment)), 0, run[: len(run) - joined]
        hedging = max(hedging, said(clause))
        runs.append(" ".join((*run, segment[:start])))
        run = []
    runs.append(" ".join(run))
    plain = max(
        (said(part) for part in runs if part.strip() and answers_type(understood, part, bool(figures(part)))),
        default=-1.0,
    )
    return plain < hedging or plain <= 0.0


@dataclass(frozen=True)
class CoverageModel:
    """``p = sigmoid(bias + weights . signals)``; ``answered`` and ``partial`` are the tier cut-offs."""

    bias: float
    weights: dict[str, float]
    answered: float
    partial: float

    def probability(self, signals: Signals) -> float:
        """The probability that the material answers the question."""
        z = self.bias + sum(self.weights.get(n, 0.0) * v for n, v in zip(FEATURES, signals.vector(), strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def tier(self, probability: float, has_passages: bool = True) -> Tier:
        """The tier for a probability (no passages at all: not covered)."""
        if not has_passages or probability < self.partial:
            return Tier.NOT_COVERED
        return Tier.ANSWERED if probability >= self.answered else Tier.PARTIAL

    def assess(
        self,
        understood: Understood,
        retrieval: RetrievalResult,
        ranked: Sequence[Ranked],
        cache: SentenceCache,
        idf: IdfFunction,
        vocabulary: Vocabulary,
    ) -> Coverage:
        """The tier of a question given its retrieval and ranked sentences."""
        signals, missing = measure(understood, retrieval, ranked, cache, idf, vocabulary)
        probability = self.probability(signals)
        tier = self.tier(probability, bool(retrieval.passages) and bool(ranked))
        # A hedging best sentence is never a plain answer: the reply must say what is unsettled.
        # Nor is a reply without the kind of answer asked for: "กี่%" answered with no percentage,
        # "ปีไหน" with no year, in the opening or a point beside it, is near the answer but does not give it.
        # Nor is another country's scheme an answer about Thailand's ("EU ETS" for "ETS ของไทย").
        if tier is Tier.ANSWERED and (
            signals.hedged or not (signals.type_ok or signals.type_nearby) or signals.elsewhere
        ):
            tier = Tier.PARTIAL
        return Coverage(tier, round(probability, 4), signals, missing, bool(signals.hedged))

    @classmethod
    def bundled(cls) -> CoverageModel:
        """The fitted model shipped with the package (``knowledge/coverage.json``)."""
        text = resources.files("knowledge").joinpath("coverage.json").read_text(encoding="utf-8")
        return cls.from_json(json.loads(text))

    @classmethod
    def from_json(cls, data: dict[str, object]) -> CoverageModel:
        """A model from the mapping ``bench/coverage_tiers.py`` writes."""
        weights = data["weights"]
        thresholds = data["thresholds"]
        assert isinstance(weights, dict) and isinstance(thresholds, dict)
        return cls(
            bias=float(str(data["bias"])),
            weights={str(k): float(v) for k, v in weights.items()},
            answered=float(thresholds["answered"]),
            partial=float(thresholds["partial"]),
        )
