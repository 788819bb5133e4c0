"""Reading a message for the calculators: its amounts, the activities it names, and which goes with which.

Works on the folded text (lower case, Arabic digits) with every quantity masked, so the words
inside "800 ลิตร/เดือน" are not read twice. Activities are found in a fixed order, each one
masked once found: electricity-bill words, activities with no factor (coal), the factor file's
aliases (longest first), refrigerant and oil words; look-alikes (``ปั่นไฟ``, ``ก๊าซเรือนกระจก``)
are masked before any of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from bot.conversation.tools import calculation_words as words
from bot.conversation.tools.emissions import ACCEPTED_UNITS, UNKNOWN_ACTIVITY, UNSUPPORTED_ACTIVITIES
from ingestion.thai import normalize
from ingestion.thai.numbers import Quantity, find_quantities
from knowledge.emission_factors import EmissionFactor, FactorTable

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_NOT_AN_AMOUNT = frozenset({"percent", "kW", "kWp", "tCO2e", "kgCO2e", "cylinder"})
_CONTEXT = 40  # characters around an activity word searched for "truck" or "generator"


@dataclass(frozen=True)
class Mention:
    """An activity named in a message, where, and the units an amount for it may come in."""

    kind: str  # factor | bill | unsupported | unknown | oil | refrigerant | implicit
    activity: str
    start: int
    end: int
    label: str
    accepts: frozenset[str]  # units it can take; "" stands for an amount with no unit


@dataclass(frozen=True)
class Message:
    """A message read for calculation: its quantities, and the text around them with them masked."""

    plain: str  # folded text with every quantity masked
    quantities: tuple[Quantity, ...]
    asked_period: str | None
    stated_period: str | None
    framing_period: str | None = None  # "ปีที่แล้ว ... 96,500 kWh", "รอบบิลเดือน มี.ค.": the span the figures cover
    folded: str = ""  # the folded text with the quantities left in, for what stands between two of them

    def has(self, pattern: re.Pattern[str]) -> bool:
        """The pattern occurs outside the quantities."""
        return pattern.search(self.plain) is not None


def mask(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with ``spans`` overwritten by ``_``: the same length, so offsets keep their meaning."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = "_" * (end - start)
    return "".join(chars)


def read_message(message: str) -> Message:
    """Quantities, and the period asked for or stated in words, of one message."""
    norm = normalize(message)
    # fold_for_matching, one character for one so that offsets into normalize(message) still hold.
    folded = "".join(c.lower() if len(c.lower()) == 1 else c for c in norm).translate(_THAI_DIGITS)
    quantities = tuple(find_quantities(message))
    plain = mask(folded, [(q.start, q.end) for q in quantities])
    asked = min((m for p in words.ASKED_PERIOD if (m := p.search(plain))), key=lambda m: m.start(), default=None)
    stated = next(
        (
            m
            for m in words.STATED_PERIOD.finditer(plain)
            if asked is None or not asked.start() <= m.start() < asked.end()
        ),
        None,
    )
    framed = words.FRAMING_PERIOD.search(plain)
    framing = words.period_of(framed) if framed else None
    if framing is None and any(
        not words.TARGET_YEAR.search(folded[max(0, m.start() - 14) : m.start()])
        for m in words.CALENDAR_YEAR.finditer(folded)
    ):
        framing = "year"  # "ใช้ 1,100 ลิตรในปี 2568", "in 2025": the figures cover that whole year
    return Message(
        plain=plain,
        quantities=quantities,
        asked_period=words.period_of(asked) if asked else None,
        stated_period=words.period_of(stated) if stated else None,
        framing_period=framing,
        folded=folded,
    )


def _accepts(table: FactorTable, factor: EmissionFactor) -> frozenset[str]:
    units = {"", *(u for v in table.variants(factor.activity) for u in ACCEPTED_UNITS.get(v.activity_unit, set()))}
    if factor.activity == "lpg":
        units.add("cylinder")  # LPG is bought by the tank
    return frozenset(units)


def _choose_use(table: FactorTable, factor: EmissionFactor, context: str, centre: int) -> EmissionFactor:
    """Diesel in a truck is mobile, in a generator stationary: the nearer word decides."""
    if not factor.default:
        return factor  # the user named the variant ("น้ำมันเตาเกรด A")
    variants = {v.use: v for v in table.variants(factor.activity) if v.activity_unit == factor.activity_unit}
    if not {"mobile", "stationary"} <= set(variants):
        return factor
    mobile = words.LPG_MOBILE if factor.activity == "lpg" else words.MOBILE
    distances = {
        use: min((abs(m.start() - centre) for m in pattern.finditer(context)), default=None)
        for use, pattern in (("stationary", words.STATIONARY), ("mobile", mobile))
    }
    found = {use: d for use, d in distances.items() if d is not None}
    return variants[min(found, key=lambda use: found[use])] if found else factor


_UNSUPPORTED_UNITS = frozenset({"kg", "tonne", "litre", ""})
"""Units an amount of a fuel without a factor may come in (so that the refusal names it)."""


def find_mentions(message: Message, table: FactorTable) -> list[Mention]:
    """Every activity the message names, in order, with the units each can take."""
    look_alikes = [m.span() for p in (words.NOT_ACTIVITY, words.SOLAR) for m in p.finditer(message.plain)]
    searched = mask(message.plain, look_alikes)
    found: list[Mention] = []

    def take(kind: str, activity: str, span: tuple[int, int], label: str, accepts: frozenset[str]) -> None:
        nonlocal searched
        found.append(Mention(kind, activity, span[0], span[1], label, accepts))
        searched = mask(searched, [span])

    electricity = message.has(words.ELECTRICITY) or any(q.unit == "kWh" for q in message.quantities)
    for m in words.BILL.finditer(searched):
        if not electricity and words.BARE_BILL.fullmatch(m.group()):
            continue  # "ร้านจ่ายบิลเดือนละ 70,000 บาท": a bill for what? The baht are asked about.
        take("bill", "grid_electricity", m.span(), "ค่าไฟ", frozenset({"THB", "kWh", ""}))
    for activity, pattern in words.UNSUPPORTED.items():
        for m in pattern.finditer(searched):
            take("unsupported", activity, m.span(), UNSUPPORTED_ACTIVITIES[activity], _UNSUPPORTED_UNITS)
    aliases = table.find_aliases(searched)
    for alias in aliases:
        take("factor", alias.factor.id, (alias.start, alias.end), alias.alias, _accepts(table, alias.factor))
    for m in words.REFRIGERANT.finditer(searched):
        take("refrigerant", "", m.span(), m.group(), frozenset({"kg", ""}))
    for m in words.OIL.finditer(searched):
        rest = re.match(r"[ก-๛]*", searched[m.end() :])
        kind_of_oil = words.OIL_STOP.split(rest.group() if rest else "", maxsplit=1)[0]
        if len(kind_of_oil) >= 2:
            take(
                "unknown",
                UNKNOWN_ACTIVITY,
                (m.start(), m.end() + len(kind_of_oil)),
                m.group() + kind_of_oil,
                frozenset({"litre", "kg", "tonne", ""}),
            )
        else:
            take("oil", "", m.span(), "น้ำมัน", frozenset({"litre", ""}))
    found = _fuel_of_oil(table, message, found)
    context = mask(message.plain, [(f.start, f.end) for f in found])
    chosen = []
    for mention in sorted(found, key=lambda f: f.start):
        factor = table.get(mention.activity) if mention.kind == "factor" else None
        if factor is not None:
            window = context[max(0, mention.start - _CONTEXT) : mention.end + _CONTEXT]
            centre = min(mention.start, _CONTEXT)
            mention = replace(mention, activity=_choose_use(table, factor, window, centre).id)
        chosen.append(mention)
    return chosen


def _fuel_of_oil(table: FactorTable, message: Message, found: list[Mention]) -> list[Mention]:
    """A bare "น้ำมัน" beside a named fuel is that fuel; with a generator or a truck and no fuel named, diesel.

    "เครื่องปั่นไฟดีเซลใช้น้ำมัน 220 ลิตร" names diesel once and says น้ำมัน for it; "generator ใช้น้ำมัน
    120 ลิตร" and "เครื่องปั่นไฟโรงงาน เดือนละ 80 ลิตร" name no fuel, and a generator runs on diesel
    (stationary); so does a truck ("รถ 6 ล้อ 3 คัน คันละ 600 ลิตร", mobile). A car or a motorbike may
    run on petrol, so "น้ำมัน" for them is still asked about.
    """
    fuels = [m for m in found if m.kind == "factor" and "litre" in m.accepts]
    oils = [m for m in found if m.kind == "oil"]
    generator, use = words.GENERATOR.search(message.plain), "stationary"
    if generator is None:
        generator, use = words.TRUCK.search(message.plain), "mobile"
    if fuels:
        return [m for m in found if m.kind != "oil"]
    if generator is None or any(m.kind in ("factor", "bill", "unsupported", "unknown") for m in found):
        return found
    # "เครื่องปั่นไฟนับเป็นสโคปไหน", "รถกระบะ 3 คัน ถ้าเปลี่ยนเป็นอีวี": questions for the course. A
    # generator may give its litres without the unit; a truck's bare number is a count of trucks or wheels.
    fuel_units = ("litre", None) if use == "stationary" else ("litre",)
    if not any(q.unit in fuel_units for q in message.quantities):
        return found
    diesel = table.get(_GENERATOR_FUEL)
    if diesel is None:
        return found
    variant = next((v for v in table.variants(diesel.activity) if v.use == use), diesel)
    where = oils[0] if oils else None
    start, end = (where.start, where.end) if where else generator.span()
    mention = Mention("implicit", variant.id, start, end, generator.group(), _accepts(table, variant))
    return sorted([m for m in found if m.kind != "oil"] + [mention], key=lambda m: m.start)


_GENERATOR_FUEL = "diesel"
"""The fuel of a generator when none is named: the factor file's activity of that name."""


def _implied_tanks(message: Message) -> list[Quantity]:
    """ "วันละถัง", "เดือนละถัง": one tank a day or a month, with the one left unwritten."""
    return [
        Quantity(1.0, "cylinder", words.period_of(m), m.start(), m.end(), m.group())
        for m in words.ONE_TANK.finditer(message.plain)
    ]


def combine_cylinders(message: Message, mentions: list[Mention]) -> tuple[list[Quantity], Quantity | None]:
    """Fuel bought by the tank or drum: tanks x size; a count of LPG tanks with no size is returned as missing.

    The size is kilograms (LPG, "ถัง 15 กก.") or litres ("น้ำมันเตา 20 ถัง ถังละ 200 ลิตร"). Tanks
    and kilograms with no fuel named are LPG ("ใช้ถัง 48 กก. 2 ถังต่อเดือน"): an implicit mention
    is appended to ``mentions``.
    """
    pool = list(message.quantities)
    counts = [q for q in pool if q.unit == "cylinder" and q.per is None] or _implied_tanks(message)
    if not counts:
        return pool, None

    def by_the_tank(q: Quantity) -> bool:
        return q.per == "cylinder" or "ถัง" in message.plain[max(0, q.start - 6) : q.start]

    sizes = [q for q in pool if q.unit in ("kg", "litre") and by_the_tank(q)]
    takes_tanks = any("cylinder" in m.accepts for m in mentions)
    if not takes_tanks:
        sizes = [q for q in sizes if q.unit == "litre" or not mentions]
        if not sizes:
            return pool, None
        if not mentions and sizes[0].unit == "kg":
            mentions.append(Mention("implicit", "lpg", sizes[0].start, sizes[0].start, "แก๊ส", frozenset({"kg"})))
    count = counts[0]
    sizes = sizes or [q for q in pool if q.unit == "kg" and q.per is None]
    if not sizes:
        return [q for q in pool if q is not count], count
    size = sizes[0]
    # The total stands where the count stands: in "10 cylinders of LPG a month, 15 kg each" the
    # activity sits between count and size, and must still be found next to the amount.
    total = Quantity(
        count.value * size.value,
        size.unit,
        count.period or size.period,
        count.start,
        count.end,
        f"{count.text} x {size.text}",
    )
    return [q for q in pool if q is not count and q is not size] + [total], None


def pair_amounts(pool: list[Quantity], mentions: list[Mention]) -> dict[int, Quantity]:
    """Pair amounts with activities (by index into ``mentions``): the nearest fitting one before, else after.

    Amounts with a unit are paired first; an amount with no unit only takes an activity still free
    before it. Kilowatt-hours nobody claimed are electricity: an implicit mention is appended.
    """
    assigned: dict[int, Quantity] = {}
    amounts = sorted((q for q in pool if q.per is None and q.unit not in _NOT_AN_AMOUNT), key=lambda q: q.start)
    for with_unit in (True, False):
        for q in (q for q in amounts if (q.unit is not None) == with_unit):
            fits = [i for i, m in enumerate(mentions) if i not in assigned and (q.unit or "") in m.accepts]
            before = [i for i in fits if mentions[i].end <= q.start]
            after = [i for i in fits if mentions[i].start >= q.end] if with_unit else []
            if before:
                assigned[max(before, key=lambda i: mentions[i].end)] = q
            elif after:
                assigned[min(after, key=lambda i: mentions[i].start)] = q
            elif q.unit == "kWh":  # "มิเตอร์ขึ้น 1,850 หน่วย": units are electricity
                mentions.append(Mention("implicit", "grid_electricity", q.start, q.start, "ไฟฟ้า", frozenset()))
                assigned[len(mentions) - 1] = q
    # A bill in baht next to the kWh it paid for would count the same electricity twice.
    if any(mentions[i].activity == "grid_electricity" and q.unit == "kWh" for i, q in assigned.items()):
        assigned = {i: q for i, q in assigned.items() if not (mentions[i].kind == "bill" and q.unit != "kWh")}
    return assigned
