"""Keeping computed activities per year, adding them up per scope, and recognising footprint requests."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from bot.conversation.footprint import FootprintCommand, footprint_command, kept_activity, summarise
from bot.conversation.footprint.summary import render
from bot.conversation.tools.emissions import emissions
from knowledge.emission_factors import FactorTable, find_factor_file, load_factor_table


@pytest.fixture(scope="module")
def table() -> FactorTable:
    factor_file = find_factor_file(Path(str(resources.files("knowledge").joinpath("sample", "course"))))
    assert factor_file is not None
    return load_factor_table(factor_file)


def test_activities_are_kept_per_year_with_their_factor_year(table: FactorTable) -> None:
    electricity = kept_activity(emissions(table, "grid_electricity", 50_000, "kWh", "month"))
    assert electricity is not None
    assert electricity.kgco2e_per_year == pytest.approx(285_000)
    assert (electricity.scope, electricity.factor_year, electricity.period) == (2, 2026, "month")
    daily = kept_activity(emissions(table, "diesel", 100, "litre", "day"))
    assert daily is not None and daily.kgco2e_per_year == pytest.approx(100 * 365 * 2.7406)


def test_an_amount_without_a_period_is_not_kept(table: FactorTable) -> None:
    assert kept_activity(emissions(table, "diesel", 2_000, "litre")) is None


def test_lpg_in_kilograms_or_litres_is_one_source_but_a_generator_is_not_a_truck(table: FactorTable) -> None:
    def source(activity: str, unit: str) -> str:
        kept = kept_activity(emissions(table, activity, 100, unit, "month"))
        assert kept is not None
        return kept.source

    assert source("lpg", "kg") == source("lpg", "litre")
    assert source("diesel_mobile", "litre") != source("diesel_stationary", "litre")
    assert source("refrigerant_r22", "kg") != source("refrigerant_r32", "kg")


def test_the_summary_adds_up_scopes_and_names_the_largest_source(table: FactorTable) -> None:
    kept = [
        kept_activity(emissions(table, "grid_electricity", 50_000, "kWh", "month")),
        kept_activity(emissions(table, "diesel", 2_000, "litre", "month")),
        kept_activity(emissions(table, "lpg", 500, "kg", "month")),
    ]
    summary = summarise([k for k in kept if k is not None])
    assert summary is not None
    assert [(s.scope, round(s.tco2e_per_year, 2)) for s in summary.scopes] == [(1, 84.45), (2, 285.0)]
    assert round(summary.total_tco2e_per_year, 2) == 369.45
    assert summary.largest.factor_id == "grid_electricity" and round(summary.largest_share, 2) == 0.77
    thai = render(summary, "th").splitlines()
    assert thai[0] == "ฟุตพริ้นท์คาร์บอนของคุณ (ต่อปี)"
    assert "ขอบเขตที่ 2 ไฟฟ้าที่ซื้อมาใช้: 285 tCO2e" in thai
    assert "• น้ำมันดีเซล (ยานพาหนะบนถนน) 2,000 ลิตร ต่อเดือน → 65.77 tCO2e (ค่าการปล่อยปี 2022)" in thai
    assert "รวม 369.45 tCO2e ต่อปี" in thai
    assert "แหล่งที่ปล่อยมากที่สุด: ไฟฟ้าจากระบบสายส่ง (77% ของทั้งหมด)" in thai
    assert max(len(line) for line in thai) < 100, "short lines for a phone"
    english = render(summary, "en")
    assert "• Grid electricity: 50,000 kWh per month → 285 tCO2e (2026 factor)" in english
    assert "Total: 369.45 tCO2e a year" in english


def test_nothing_to_summarise() -> None:
    assert summarise([]) is None


@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("/footprint", FootprintCommand.SHOW),
        ("/footprint@nzap_advisor_bot", FootprintCommand.SHOW),
        ("ฟุตพริ้นท์ของฉัน", FootprintCommand.SHOW),
        ("ดูฟุตพริ้นท์ครับ", FootprintCommand.SHOW),
        ("ขอดูคาร์บอนฟุตพริ้นท์ของร้านหน่อยค่ะ", FootprintCommand.SHOW),
        ("My footprint", FootprintCommand.SHOW),
        ("/footprint clear", FootprintCommand.CLEAR),
        ("/footprint ล้าง", FootprintCommand.CLEAR),
        ("ล้างฟุตพริ้นท์", FootprintCommand.CLEAR),
        ("ลบฟุตพริ้นท์ทั้งหมดครับ", FootprintCommand.CLEAR),
        ("clear my footprint", FootprintCommand.CLEAR),
        ("คาร์บอนฟุตพริ้นท์คืออะไร", None),
        ("ฟุตพริ้นท์ของไฟฟ้าคิดยังไง", None),
        ("ไฟ 50,000 หน่วย/เดือน", None),
    ],
)
def test_footprint_requests_are_whole_messages(text: str, command: FootprintCommand | None) -> None:
    assert footprint_command(text) is command
