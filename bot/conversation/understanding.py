"""What a busy SME owner typed, made ready for retrieval and for judging answers.

People type on a phone: misspellings (โซล่าเซล, คาบอน), English terms (scope 2 คือไร), no
spaces, particles (มั้ยคะ). :func:`understand` reads one message, offline, in a few ms:

    lexicon = Lexicon.build(index.glossary_terms())      # once (bot.conversation.lexicon)
    understood = understand("ติดโซล่าเซล คุ้มมั้ยคะ", lexicon)
    understood.query    # retrieval text: spellings repaired, spaced, particles dropped, week named
    understood.words    # content words (Word: as typed, plus every form that counts as it)
    understood.terms    # glossary terms mentioned, whichever way they were typed
    understood.asks     # Asks.YES_NO: the kind of answer wanted
    understood.unit     # forms of the unit asked for: "กี่ตัน" -> ("ตัน", "tco2e", ...)
    understood.figures  # values typed ("1.2ล้าน" -> 1200000.0, "จาก25เหลือ10%" -> 25.0, 10.0)
    understood.focus    # the content word right before the question word ("ค่าธรรมเนียม" in
                        # "ค่าธรรมเนียมกี่บาท"): the thing whose value is asked for
    understood.week     # the week or module named ("วีค2", "บท 3", "week 4"), else None
    understood.rest     # what is left without particles and question words (for acts)

Glossary names are not appended to ``query``: the retriever expands its keyword side with the
glossary itself, and adding them to the text the dense side embeds pulled glossary entries
above the passages that hold the answer (gold in the top passage 0.53 -> 0.31 on the tuning and
SME sets). Word matching uses ``words`` and their forms instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import Enum
from functools import lru_cache

from bot.conversation.figures import figures
from bot.conversation.lexicon import THAI, Lexicon, newmm, squash
from ingestion import thai
from knowledge.glossary import GlossaryTerm


def _wordlist(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Thai and Latin/digits typed without a space between them: "การบ้านวีค2", "ใช้efเท่าไหร่".
_SCRIPT_EDGE = re.compile(r"(?<=[\u0e00-\u0e7f])(?=[a-z0-9])|(?<=[a-z0-9%])(?=[\u0e00-\u0e7f])")
_SCOPE_PAIR = re.compile(r"scope\s*(\d)\s*(?:\+|,|&|และ|กับ)\s*(\d)")
_REPEATS = re.compile(r"([\u0e00-\u0e7fa-z])\1{2,}")  # "ครับบบ", "มากกกก" (digits keep "3000")
_WEEK = re.compile(r"(?:วีค|week|wk|สัปดาห์\s*(?:ที่)?|อาทิตย์ที่|บท(?:ที่)?|โมดูล(?:ที่)?|module)\s*(\d{1,2})(?!\d)")
_FIGURE = re.compile(
    r"^(?:\d[\d.,]*|(?:ที่)?(?:หนึ่ง|เอ็ด|สอง|ยี่|สาม|สี่|ห้า|หก|เจ็ด|แปด|เก้า|สิบ|ร้อย|พัน|หมื่น|แสน|ล้าน)+)$"
)
"""A figure, in digits or in Thai number words ("สิบห้า", "ที่สาม"): an amount, not a topic."""
_DEFINING = re.compile(r"ย่อมาจาก|หมายถึง|หมายความว่า|แปลว่า|เรียกว่า|มีชื่อว่า|ชื่อว่า|มีชื่อ(?:เรียก)?|ชื่อเรียก")
# "เงินปีละกี่บาท": newmm reads "เงินปี"; a rate word ("ปีละ", "ลิตรละ") is set apart first.
_PER_UNIT = re.compile(r"(ปี|เดือน|วัน|ลิตร|ตัน|หน่วย|กิโล|ครั้ง|คน|บาท|ชั่วโมง)ละ")
# "มีผลตั้งแต่วันไหน": newmm reads ตั้ง|แต่วัน|ไหน and makes "แต่วัน" a topic the material lacks.
_SINCE = re.compile(r"ตั้งแต่")
# Dictionary words newmm joins across a boundary: "คิดเป็นต่อเมกะจูล" is เป็น|ต่อ, not "เป็นต่อ" (the
# upper hand); "ประหยัดเงินได้ปีละ" is เงิน|ได้, not "เงินได้" (income, as in "ภาษีเงินได้").
_FALSE_JOIN = re.compile(r"(เป็น)(ต่อ)|(?<!ภาษี)(เงิน)(ได้)(?!พึง)")
# A polite particle glued to the end of a word: newmm reads "ปีไหนคะ" as ปี|ไห|นคะ. Set apart
# first; "นะ" alone is left to newmm ("สถานะ" ends in it), and a particle must end the piece
# ("คะแนน" starts with "คะ").
# "กี่เปอร์เซ็น" however spelt is "กี่%"; newmm would cut "เปอร์|เซ็น" into two made-up topics.
_PERCENT = re.compile(r"เปอ(?:ร์)?เซ็?น(?:ต์)?|percent")
_PARTICLE_TAIL = re.compile(r"(?<=[\u0e00-\u0e7f])(นะคะ|นะครับ|ครับผม|ครับ|คับ|ค้าบ|ค่ะ|คะ|จ้า|จ้ะ|อ่ะ)(?=[\s?!.]|$)")
# The owner's own business ("ร้านผมทำเบเกอรี่", "โรงงานเรา", "โกดังผม"): where the question comes
# from, not what it asks about. Its words are not topic words, so the material not mentioning
# "เบเกอรี่" is no gap; retrieval still reads them. A works named by its trade ("โรงน้ำแข็งผม",
# "โรงกลึงผม") is the same.
_OWNER = re.compile(
    r"(?:ร้าน|โรงงาน|โรง[\u0e00-\u0e7f]{2,10}?|บริษัท|กิจการ|ธุรกิจ|โกดัง|ออฟฟิศ|บ้าน|โรงแรม|ฟาร์ม)"
    # What the business makes or sells may stand between it and its owner ("ร้านข้าวมันไก่เรา").
    r"(?:[\u0e00-\u0e7f]{2,10}?)?(?:ของ)?"
    r"(?:ผม|เรา|หนู|ฉัน|ดิฉัน|พี่(?:ชาย|สาว)?|ญาติ|พ่อ|แม่|แฟน|สามี|ภรรยา|เพื่อน|ลูก(?!ค้า|น้อง)|น้อง(?:ชาย|สาว)|ลุง|ป้า|น้า|หุ้นส่วน)"
    r"(?:\s?(?:ทำ|ขาย|ผลิต|เปิด|เป็น|อยู่)[^\s]{1,15}(?=\s))?"
    # Where the customer is: "ลูกค้าเยอรมัน", "บริษัทแม่ที่ญี่ปุ่น" (but "ส่งของไปญี่ปุ่น" asks about Japan).
    r"|(?:ลูกค้า|ผู้นำเข้า|บริษัทแม่|คู่ค้า|ผู้ซื้อ)(?:ที่|ใน|จาก|ชาว)?"
    r"(?:เยอรมัน|เยอรมนี|ญี่ปุ่น|จีน|เกาหลี|อเมริกา|ฝรั่งเศส|ฝรั่ง|ยุโรป|อียู|สิงคโปร์|เวียดนาม|ไต้หวัน|อินเดีย|อังกฤษ)"
)
_PRICE = re.compile(r"ราคา|price")
_MONEY = ("บาท", "ดอลลาร์", "ยูโร", "usd", "$")
"""How the material writes a price: the units a "ราคา ... ละเท่าไหร่" question is answered in."""
_UNIT_AFTER = re.compile(r"กี่\s*(%|[\u0e00-\u0e7fa-z]+)")
_UNIT_BEFORE = re.compile(r"([\u0e00-\u0e7fa-z]+)ละ\s*(?:กี่|เท่า)")
UNIT_FORMS: dict[str, tuple[str, ...]] = {
    "ตัน": ("ตัน", "tco2e", "tco2", "mtco2e", "ton"),
    "กิโล": ("กิโลกรัม", "กก", "kg", "กิโล"),
    "กิโลกรัม": ("กิโลกรัม", "กก", "kg"),
    "หน่วย": ("หน่วย", "kwh"),
    "%": ("%", "ร้อยละ", "เปอร์เซ็นต์"),
    "เปอร์เซ็นต์": ("%", "ร้อยละ", "เปอร์เซ็นต์"),
    "ชั่วโมง": ("ชั่วโมง", "ชม"),
    "โมง": ("เวลา",),
}
"""Units people ask for ("กี่ตัน") and how the material writes them ("4.28 tCO2e")."""
PARTICLES = _wordlist(
    "ครับ ครับผม คับ ค้าบ คร้าบ ขอรับ ค่ะ คะ ค่า คร่ะ จ้า จ้ะ จ๊ะ จ๋า นะ น้า นะคะ นะครับ อ่ะ อะ อ่า อ้ะ ฮะ ฮับ งับ "
    "เนอะ สิ ซิ ล่ะ หล่ะ ละ หน่อย เลย ด้วย มั้ย มั๊ย ไหม ป่าว ปะ ป่ะ เปล่า รึเปล่า หรือเปล่า เหรอ หรอ ไง เนี่ย "
    "แหละ ละกัน บ please pls plz"
)
"""Polite particles, fillers and the tails people add; dropped from the query and the words."""
QUESTION_WORDS = _wordlist(
    "อะไร ไร ยังไง อย่างไร เท่าไหร่ เท่าไร เท่าใด กี่ ไหน ที่ไหน เมื่อไหร่ เมื่อไร ใคร ทำไม คือ หรือไม่ บ้าง แค่ไหน "
    "ได้ไหม ใช่ไหม อยาก รู้ ขอ ถาม ช่วย บอก แนะนำ ทราบ มาจาก ย่อมาจาก หมายถึง แปลว่า เรียกว่า เรียก ชื่อ "
    "ชื่อเต็ม เต็ม ภาษาอังกฤษ ภาษาไทย อังกฤษ หมายความ ใช่ ใช่ไหม ใช่มั้ย "
    "นาน นานๆ ใช้เวลานาน ยาว กินเวลา "  # "นานแค่ไหน", "ยาวกี่ปี": how long
    "what which who when where why how much many"
)
"""Words that say what is asked, not about what; kept in the query, not counted as content."""
FUNCTION_WORDS = _wordlist(
    "ที่ ใน ของ และ หรือ กับ จาก ให้ ได้ เป็น มี จะ ไป มา แล้ว ก็ ว่า นี้ นี่ นั้น ไว้ อยู่ ถูก โดย ซึ่ง แต่ ถ้า หาก "
    "เมื่อ ยัง ไม่ ต้อง ควร อย่าง ทุก แบบ การ ความ กัน ตาม ถึง เรา ผม ฉัน หนู คุณ เขา มัน พวก ตัว อัน เอา ทำ "
    "เรื่อง ทั้ง ด้วย กว่า เท่า จริง ๆ วีค week บท โมดูล module คิด แค่ เหลือ ใหม่ ภายใน เสีย โดน เกิน ประมาณ "
    "ตอน ต่อ ละ ไหม ใช้ ไว้ อีก หลัง ก่อน เดี๋ยว เอาไว้ ไหน เลิก ทั้งหมด ตั้งแต่ รวมทั้ง ใช้เวลา นึง เท่าๆ อยากรู้ ร้าน ตก ราวๆ ราว "
    "พูด พูดถึง ได้ยิน "  # hearsay, "mlr ที่แบงค์พูดถึง": who said it is not what is asked about
    "เค้า ปกติ โดยปกติ "  # "เค้า" is chat for เขา; "ปกติ" (usually) hedges the question, not its topic
    "ออก ออกมา ขึ้น ขึ้นมา เยอะ ง่ายๆ เต็มๆ เพิ่ง ที่ว่า สนใจ ทำตาม เปลี่ยนเป็น เปลี่ยนไป ใส่ สาย "  # "ฉบับแรกออกเมื่อไหร่"
    "ญาติ "  # "ญาติทำโรงแป้งมัน...": who asks for whom is not what is asked about
    "ลืม ลืมละ ชอบ ส่วนใหญ่ เข้าไป "  # "ชื่ออะไรนะ ลืมละ", "ที่รัฐชอบพูด", "ส่วนใหญ่ยาวกี่ปี": the owner's aside
    "ขึ้นไป สัก บรรดา ค่อยๆ แค่นั้น จำไม่ได้ ร่วมกัน จัด เห็น โชว์ "  # "กี่%ขึ้นไป", "esg อะไรสักอย่าง", "ในบรรดา..."
    "คูณ หาร ตัวคูณ เลข เลขที่ ธรรมดา คุม ดึง เจอกัน โดยทั่วไป คร่าวๆ น่าจะ มั่ง แบบนี้ "  # "ต้องคูณเลขไหน", "ราวๆ"
    "เริ่ม เคย เข้ามา ให้ได้ เน็ต อินเทอร์เน็ต ในเน็ต "  # "เริ่มใช้วันไหน", "เคยซื้อขาย", "ที่เห็นในเน็ต": when, whether, hearsay
    "บวก บวกกัน รวมกัน ครบ แทน นอกจาก "  # "มิเตอร์ย่อยบวกกัน", "ทำครบทุกมาตรการ": how figures combine, not what they are
    "ตัวย่อ ชื่อย่อ ชื่อเล่น สะกด ศัพท์ คำศัพท์ อภิธานศัพท์ อภิธาน บทเรียน "  # the form of the answer, or the course itself
    "หนึ่ง สอง สาม สี่ ห้า หก เจ็ด แปด เก้า สิบ ร้อย พัน หมื่น แสน ล้าน ครึ่ง "
    "is are the a an of to do does can for in on at and or with my your our it this that be"
)
"""Grammar words that carry no topic (pythainlp's stop list also drops เขียน, เริ่ม, ส่ง, ปรับ)."""


class Asks(Enum):
    """The kind of answer a question wants; the answer leads with it."""

    NUMBER = "number"
    WHEN = "when"
    WHO = "who"
    WHERE = "where"
    YES_NO = "yes_no"
    DEFINITION = "definition"
    HOW = "how"
    OTHER = "other"


_ASKS: tuple[tuple[Asks, re.Pattern[str]], ...] = (
    (Asks.WHEN, re.compile(r"เมื่อไ[หร]|วันไหน|วันที่เท่า|ปีไหน|เดือนไหน|กี่โมง|ภายในวัน|when|what date|what time|deadline")),
    (Asks.NUMBER, re.compile(r"เท่า(?:ไห?ร่?|ใด)|กี่|how (?:much|many|long)|what percent|%|เปอร์เซ็น|ร้อยละ")),
    (Asks.WHO, re.compile(r"ใคร|หน่วยงานไหน|องค์กรไหน|บริษัทไหน|ธนาคารไหน|สถาบันไหน|\bwho\b")),
    (Asks.WHERE, re.compile(r"ที่ไหน|ตรงไหน|แถวไหน|\bwhere\b")),
    (Asks.DEFINITION, re.compile(r"คือ(?:อะไร|ไร)|หมายถึง|ย่อมาจาก|แปลว่า|เรียกว่าอะไร|what (?:is|are|does)|stand for")),
    (Asks.YES_NO, re.compile(r"มั้ย|มั๊ย|ไหม|ป่าว|ปะ$|ป่ะ|เปล่า|หรือไม่|ใช่ไหม|รึยัง|หรือยัง|^(?:is|are|can|does|do|should) ")),
    (Asks.HOW, re.compile(r"ยังไง|อย่างไร|ทำไง|วิธี|ขั้นตอน|\bhow\b")),
)


@dataclass(frozen=True)
class Word:
    """A content word: ``text`` as it stands in the repaired question, ``forms`` that count as it.

    ``forms`` are squashed (folded, no spaces); a glossary term's forms are all its names and
    variants, so "โซลาร์รูฟท็อป" in a passage counts for "โซล่าเซล" in the question.
    """

    text: str
    forms: tuple[str, ...]
    term: bool = False
    typed: str = ""
    """How a glossary term was typed ("คาบอนเครดิต"), to name it back in the user's words."""
    unit: bool = False
    """The unit asked for ("กี่ตัน"): what the answer is measured in, not what it is about."""


@dataclass(frozen=True)
class Understood:
    """One message, understood (see the module docstring)."""

    text: str
    query: str
    words: tuple[Word, ...]
    terms: tuple[GlossaryTerm, ...]
    asks: Asks
    unit: tuple[str, ...]
    figures: frozenset[float]
    focus: Word | None
    week: int | None
    rest: str
    language: str
    """``en`` when the message has Latin letters and no Thai, else ``th``."""


def _spaced(folded: str) -> str:
    text = _REPEATS.sub(r"\1", folded)
    text = _PER_UNIT.sub(r" \1 ละ ", text)
    text = _SINCE.sub(" ตั้งแต่ ", text)
    text = _FALSE_JOIN.sub(lambda m: " " + " ".join(filter(None, m.groups())) + " ", text)
    text = _PARTICLE_TAIL.sub(r" \1", text)
    text = _PERCENT.sub("%", text)
    text = _SCOPE_PAIR.sub(r"scope \1 scope \2", text)
    return _SCRIPT_EDGE.sub(" ", text)


def _drop_particles(text: str) -> str:
    """Each space-separated piece without its trailing particles ("คุ้มมั้ยคะ" -> "คุ้ม").

    Cut on newmm words, never on letters: "สถานะ" ends in "นะ" and "ระบบ" in "บ".
    """
    kept = []
    for piece in text.split():
        if THAI.search(piece):
            words = newmm(piece)
            while words and words[-1] in PARTICLES:
                words.pop()
            piece = "".join(words)
        if piece and piece not in PARTICLES:
            kept.append(piece)
    return " ".join(kept)


def _asks(folded: str) -> Asks:
    return next((asks for asks, pattern in _ASKS if pattern.search(folded)), Asks.OTHER)


def _unit(folded: str) -> tuple[str, tuple[str, ...]]:
    """The unit word asked for ("กี่ตัน" -> "ตัน") and the forms it is written in."""
    match = _UNIT_AFTER.search(folded) or _UNIT_BEFORE.search(folded)
    if match is None:
        return "", ()
    captured = match.group(1)
    pieces = [captured] if captured == "%" else newmm(captured) or [captured]
    unit = pieces[0]
    if unit == "ล้าน" and pieces[1:2] == ["ตัน"]:
        return unit, ("ล้าน", "mtco2e")  # "กี่ล้านตัน": the course writes "152 ล้านตัน" and "152 MtCO2e"
    if match.re is _UNIT_BEFORE and _PRICE.search(folded) and unit not in _MONEY:
        # "รถยกไฟฟ้าราคาคันละเท่าไหร่": a price per vehicle is answered in money, not by any figure
        # next to "คัน" ("ใช้ก๊าซ 300 กิโลกรัมต่อเดือน 1 คัน").
        return unit, _MONEY
    return unit, UNIT_FORMS.get(unit, (unit,))


SHORT_PIECE = 3
"""newmm pieces this short, next to a piece that is no dictionary word, are parts of one word."""


@lru_cache(maxsize=1)
def thai_dictionary() -> frozenset[str]:
    """pythainlp's Thai word list (loaded once)."""
    from pythainlp.corpus import thai_words

    return frozenset(thai_words())


_dictionary = thai_dictionary


def _content_words(text: str, mentions: Sequence[tuple[GlossaryTerm, str]], lexicon: Lexicon) -> tuple[Word, ...]:
    """Glossary terms as single words, then the other topic words (runs of fragments merged)."""
    words = [Word(t.term, lexicon.forms(t), term=True, typed=typed) for t, typed in mentions]
    term_forms = [f for w in words for f in w.forms]
    stop = PARTICLES | QUESTION_WORDS | FUNCTION_WORDS
    run: list[str] = []

    def add(word: str) -> None:
        # A piece of a term already counted ("ดีเซล" of น้ำมันดีเซล) is not a second word. The
        # material's words for the same idea count as the word ("คุ้ม" is found as "คืนทุน").
        if len(word) >= 2 and not any(word in form for form in term_forms):
            related = tuple(squash(r) for r in lexicon.related(word))
            words.append(Word(word, tuple(dict.fromkeys((squash(word), word, *_unglued(word, stop), *related)))))

    def flush() -> None:
        # Short dictionary words side by side ("ปี", "ลด") stay words; a run with a non-word
        # piece in it ("โซ|ล่า|เซ|ล") is one word newmm did not know.
        if run and all(piece in _dictionary() for piece in run):
            for piece in run:
                add(piece)
        elif run:
            add("".join(run))
        run.clear()

    text = _DEFINING.sub(" ", text)  # "ย่อมาจาก", "หมายถึง": how it is asked, not what about
    # The typed names of matched terms are taken out first, so "ติดโซล่าเซล" leaves "ติด".
    for form in sorted({f for f in term_forms if THAI.search(f)}, key=len, reverse=True):
        text = text.replace(form, " ")
    for token in thai.tokenize(text):
        if token in stop or _FIGURE.match(token):
            flush()
        elif THAI.search(token) and (len(token) <= SHORT_PIECE or (run and token not in _dictionary())):
            # newmm cuts a word it does not know into short pieces ("เซอติฟิเคต" -> เซ|อติ|ฟิ|เค|ต):
            # consecutive short pieces are one unknown word, not five. A longer piece that is no
            # word either ends the same word: "เจน|เนอ|เร|เตอร์" is one generator, "คาร์|บอไนซ์" one
            # loan's name, not "เนอ" and "บอไนซ์" for the reply to say the material never mentions.
            run.append(token)
        else:
            flush()
            add(token)
    flush()
    return tuple(dict.fromkeys(words))


_GLUED = ("ที่", "มี", "เสีย")
"""Function words newmm keeps glued to the next word as one dictionary word ("ที่รับรอง",
"มีเงิน", "เสียค่าธรรมเนียม"); the material writes "ได้รับรอง", "ด้วยเงิน", "ค่าธรรมเนียม"."""


def _unglued(word: str, stop: frozenset[str]) -> tuple[str, ...]:
    """The word without a glued function word in front, as a further form it counts as found by.

    Four characters at least, and no function word itself: "ที่ดิน" (land) is not "ดิน", and
    "ที่อยู่" (an address) is not "อยู่".
    """
    for prefix in _GLUED:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) >= 4 and rest not in stop:
            return (rest,)
    return ()


_MARKERS = frozenset(
    ("กี่", "เท่าไหร่", "เท่าไร", "อะไร", "ไร", "ไหน", "ใคร", "มั้ย", "ไหม", "ป่าว", "เมื่อไหร่", "ยังไง", "หรือไม่", "แค่ไหน", "บ้าง")
)


def _focus(tokens: Sequence[str], words: Sequence[Word]) -> Word | None:
    """The content word nearest before the first question word (the last one when none is asked)."""
    cut = next((i for i, t in enumerate(tokens) if t in _MARKERS), len(tokens))
    stop = PARTICLES | QUESTION_WORDS | FUNCTION_WORDS
    for token in reversed(tokens[:cut]):
        if token in stop or _FIGURE.match(token):
            continue
        for word in words:
            if word.unit:
                if token in word.forms:
                    break  # "ตันละเท่าไหร่": the unit, not the thing asked about; look further back
                continue
            if token == word.text or any(token in form for form in word.forms):
                return word
    return None


def understand(text: str, lexicon: Lexicon) -> Understood:
    """Read one message (see the module docstring)."""
    original = thai.normalize(text)
    folded = _spaced(lexicon.repair(thai.fold_for_matching(original)))
    week_match = _WEEK.search(folded)
    week = int(week_match.group(1)) if week_match else None
    mentions = lexicon.mentions(folded)
    terms = [term for term, _ in mentions]
    bare = _drop_particles(folded) or folded
    tokens = thai.tokenize(bare)
    unit_word, unit = _unit(folded)
    words = _content_words(_OWNER.sub(" ", bare), mentions, lexicon)
    if unit:
        # The unit asked for counts whichever way the material writes it ("ตัน" and "tCO2e").
        words = tuple(
            replace(w, forms=tuple(dict.fromkeys((*unit, *w.forms))), unit=True) if w.text == unit_word else w
            for w in words
        )
    if week is not None:
        words += (Word(f"สัปดาห์ที่ {week}", (f"สัปดาห์ที่{week}", f"week{week}", f"โมดูล{week}")),)
    # The material's word for a chat word joins the query, so retrieval looks where the answer is
    # written ("คุ้มมั้ย" -> passages on "คืนทุน").
    related = [r for w in words for r in lexicon.related(w.text) if r not in bare]
    query = " ".join((bare, *dict.fromkeys(related)))
    return Understood(
        text=original,
        query=f"{query} สัปดาห์ที่ {week}" if week is not None else query,
        words=words,
        terms=tuple(terms),
        asks=_asks(folded),
        unit=unit,
        figures=figures(bare) - ({float(week)} if week is not None else set()),
        focus=_focus(tokens, words),
        week=week,
        rest=" ".join(t for t in tokens if t not in QUESTION_WORDS and t not in PARTICLES),
        language="en" if not THAI.search(original) and re.search("[A-Za-z]", original) else "th",
    )


__all__ = ["Asks", "Lexicon", "Understood", "Word", "squash", "thai_dictionary", "understand"]
