"""The rows of a user's data export (``/mydata``, ``nzap privacy export``) in their JSON form."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.storage.engagement_models import FootprintEntry


def footprint_row(entry: FootprintEntry) -> dict[str, Any]:
    """One kept activity as ``/mydata`` shows it."""
    return {
        "activity": entry.source,
        "name": entry.name_th,
        "amount": entry.amount,
        "unit": entry.unit,
        "period": entry.period,
        "kgco2e_per_year": entry.kgco2e_per_year,
        "scope": entry.scope,
        "factor": entry.factor_id,
        "factor_year": entry.factor_year,
        "factor_source": entry.factor_source,
        "created_at": iso(entry.created_at),
        "updated_at": iso(entry.updated_at),
    }


def shown_text(payload: list[dict[str, Any]] | None) -> str:
    """The words of a web transcript row (texts, button labels and source titles), one item a line."""
    lines: list[str] = []
    for item in payload or []:
        if item.get("text"):
            lines.append(str(item["text"]))
        lines += [str(o.get("label", "")) for o in item.get("options") or []]
        lines += [str(c.get("title", "")) for c in item.get("citations") or []]
    return "\n".join(line for line in lines if line)


def iso(value: datetime | None) -> str | None:
    """A stored time as ISO 8601 (``None`` stays ``None``)."""
    return None if value is None else value.isoformat()
