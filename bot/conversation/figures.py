"""The numeric values written in a text, so that "1.2ล้าน" in a question finds "1,200,000".

    figures("ระบบ1.2ล้าน ค่าไฟ5.5บาท")   # frozenset({1200000.0, 5.5})
    figures("≈ 4.28 tCO2e")              # frozenset({4.28})

Thousands separators are dropped, Thai digits folded, and a Thai multiplier right after a
number applies (พัน, หมื่น, แสน, ล้าน). Numbers glued to a Latin word (CO2e, R-22, ISO 14064)
are names, not values. This is a stop-gap: ``ingestion.thai.numbers.find_quantities`` (units
and ranges) is being written elsewhere and should replace it once it lands.
"""

from __future__ import annotations

import re

from ingestion import thai

_NUMBER = re.compile(r"(?<![a-z0-9.\-])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(พัน|หมื่น|แสน|ล้าน)?")
_MULTIPLIER = {"พัน": 1e3, "หมื่น": 1e4, "แสน": 1e5, "ล้าน": 1e6}


def figures(text: str) -> frozenset[float]:
    """The values of the numbers written in ``text`` (see the module docstring)."""
    out = set()
    for match in _NUMBER.finditer(thai.fold_for_matching(text)):
        whole, fraction, multiplier = match.groups()
        value = float(whole.replace(",", "") + (fraction or ""))
        out.add(round(value * _MULTIPLIER.get(multiplier or "", 1.0), 6))
    return frozenset(out)
