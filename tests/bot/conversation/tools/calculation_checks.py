"""What the calculator tests check a reply against: the course's own factor file, never the calculators.

Shared by the wording-family tests, so every family is judged the same way: a computed figure within
0.5 % of amount x factor, or exactly one short question back.
"""

from __future__ import annotations

import math

from bot.conversation.tools.toolbox import Toolbox


def factor_value(toolbox: Toolbox, factor_id: str) -> float:
    """The factor's value as the course's ``emission_factors.yaml`` states it."""
    assert toolbox.factors is not None
    factor = toolbox.factors.get(factor_id)
    assert factor is not None, factor_id
    return factor.value


def grid_tariff(toolbox: Toolbox) -> float:
    """The electricity tariff (baht per kWh) the course states."""
    assert toolbox.factors is not None
    value = toolbox.factors.parameter("grid_tariff").value
    assert value is not None
    return value


def computed(toolbox: Toolbox, text: str) -> dict[str, object]:
    """The values of a reply that computed a figure (neither a question back nor a refusal)."""
    reply = toolbox.answer(text)
    assert reply is not None, text
    assert reply.kind == "calculation"
    assert not reply.values.get("clarify") and not reply.values.get("refused"), reply.text
    return reply.values


def asked_back(toolbox: Toolbox, text: str) -> str:
    """The one short question the bot asks back (Thai), checked to be a single question."""
    reply = toolbox.answer(text)
    assert reply is not None, text
    assert reply.values.get("clarify") is True, reply.text
    assert reply.text.count("?") == 1 and len(reply.text) < 160, reply.text
    return reply.text


def close_to(got: object, want: float) -> bool:
    """``got`` is a number within 0.5 % of ``want`` (the benchmark's tolerance)."""
    return isinstance(got, int | float) and math.isclose(float(got), want, rel_tol=0.005)
