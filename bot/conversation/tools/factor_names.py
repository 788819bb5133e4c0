"""How answers name an emission factor: short Thai and English names, and the list of what can be computed."""

from __future__ import annotations

from bot.conversation.tools.calculator_texts import Bilingual, Listed
from knowledge.emission_factors import EmissionFactor, FactorTable


def short_name(factor: EmissionFactor) -> str:
    """``น้ำมันดีเซล`` from ``น้ำมันดีเซล (ยานพาหนะบนถนน)``, ``น้ำมันเตา`` from ``น้ำมันเตา ชนิด C``."""
    return factor.name_th.split(" (")[0].split(" ชนิด")[0]


def short_name_en(factor: EmissionFactor) -> str:
    """``Diesel`` from ``Diesel, on-road vehicles``, ``LPG`` from ``LPG (by weight)``."""
    return factor.name_en.split(" (")[0].split(",")[0]


def factor_name(factor: EmissionFactor, inside: bool = False) -> Bilingual:
    """A factor's short name in both languages (:func:`short_name`, :func:`short_name_en`).

    ``inside``: the name stands inside an English sentence ("litres of diesel"), so it starts in
    lower case unless it is an acronym ("LPG", "CNG").
    """
    english = short_name_en(factor)
    if inside and english[1:2].islower():
        english = english[0].lower() + english[1:]
    return Bilingual(short_name(factor), english)


def known_activities(table: FactorTable) -> Listed:
    """The activities the table can compute, for "no factor" messages."""
    names: list[Bilingual] = []
    for factor in table:
        name = factor_name(factor, inside=True)
        if not factor.default:
            name = Bilingual(factor.name_th.split(" ")[0], name.en)
        if (factor.default or table.default_for(factor.activity) is None) and name.th not in [n.th for n in names]:
            names.append(name)
    return Listed(tuple(names), "list.names")
