"""The kept footprint: one entry per activity and user, the latest figure winning; SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace

from bot.storage import ConversationRepository, Database, FootprintRepository, KeptActivity

ELECTRICITY = KeptActivity(
    source="grid_electricity",
    factor_id="grid_electricity",
    name_th="ไฟฟ้าจากระบบสายส่ง",
    name_en="Grid electricity",
    amount=50_000,
    unit="kWh",
    period="month",
    kgco2e_per_year=285_000,
    scope=2,
    factor_year=2026,
    factor_source="อบก. (TGO)",
)
DIESEL = replace(
    ELECTRICITY,
    source="diesel:mobile",
    factor_id="diesel_mobile",
    name_th="น้ำมันดีเซล (ยานพาหนะบนถนน)",
    name_en="Diesel, on-road vehicles",
    amount=2_000,
    unit="litre",
    kgco2e_per_year=65_774.4,
    scope=1,
    factor_year=2022,
)


def test_a_later_figure_for_the_same_activity_replaces_the_earlier_one(database: Database) -> None:
    users = ConversationRepository(database)
    owner, neighbour = users.touch_user("line", "Uowner").id, users.touch_user("line", "Uneighbour").id
    footprints = FootprintRepository(database)
    footprints.keep(owner, [ELECTRICITY])
    footprints.keep(owner, [DIESEL])
    footprints.keep(neighbour, [ELECTRICITY])
    first = footprints.entries(owner)[0]

    footprints.keep(owner, [replace(ELECTRICITY, amount=40_000, kgco2e_per_year=228_000)])

    entries = footprints.entries(owner)
    assert [e.activity.source for e in entries] == ["grid_electricity", "diesel:mobile"], "first added first"
    assert entries[0].activity.amount == 40_000 and entries[0].activity.kgco2e_per_year == 228_000
    assert entries[0].created_at == first.created_at and entries[0].updated_at >= first.updated_at
    assert [e.activity.amount for e in footprints.entries(neighbour)] == [50_000], "another user's stays"


def test_clear_returns_what_it_removed_and_touches_no_one_else(database: Database) -> None:
    users = ConversationRepository(database)
    owner, neighbour = users.touch_user("telegram", "1001").id, users.touch_user("telegram", "1002").id
    footprints = FootprintRepository(database)
    footprints.keep(owner, [ELECTRICITY, DIESEL])
    footprints.keep(neighbour, [DIESEL])

    removed = footprints.clear(owner)

    assert [r.activity.name_th for r in removed] == ["ไฟฟ้าจากระบบสายส่ง", "น้ำมันดีเซล (ยานพาหนะบนถนน)"]
    assert footprints.entries(owner) == [] and footprints.clear(owner) == []
    assert len(footprints.entries(neighbour)) == 1
