"""An emission factor file (``kind: emission_factors``) is indexed as one readable Thai passage."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.app.cli import sample_folder
from ingestion.loaders import SkipFile, load_file

FACTORS = """kind: emission_factors
title: "ค่าการปล่อยที่ใช้คำนวณ"
notice: "ตรวจกับรายการทางการของ อบก. ก่อนใช้"
factors:
  - id: grid_electricity
    name_th: "ไฟฟ้าจากระบบสายส่ง"
    name_en: "Grid electricity"
    value: 0.4750
    unit: "kgCO2e/kWh"
    activity_unit: kWh
    scope: 2
    year: 2026
    source: "อบก. (TGO) ผ่าน Nation Thailand"
    url: "https://www.nationthailand.com/news/policy/40059019"
  - id: refrigerant_r22
    name_th: "สารทำความเย็น R-22"
    value: 1760
    unit: "kgCO2e/kg"
    activity_unit: kg
    scope: 1
    year: 2022
    source: "อบก. (TGO) ชุดค่าเมษายน 2022"
    url: "https://example.org"
parameters:
  solar_cost:
    name_th: "ราคาติดตั้งโซลาร์ต่อ kWp"
    low: 18000
    high: 40000
    unit: "THB/kWp"
    source: "CAP Solar"
    url: "https://capsolar.co.th/en/tools/solar-calculator"
  grid_tariff:
    name_th: "ค่าไฟต่อหน่วย"
    value: 4.5
    unit: "THB/kWh"
    assumption: true
    source: "บทเรียนสัปดาห์ที่ 4"
    url: "https://example.org"
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "emission_factors.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_one_passage_lists_every_factor_with_value_unit_scope_year_and_source(tmp_path: Path) -> None:
    (document,) = load_file(_write(tmp_path, FACTORS), "emission_factors.yaml")
    assert (document.title, document.kind) == ("ค่าการปล่อยที่ใช้คำนวณ", "emission_factors")
    factors, parameters, notice = (s.text for s in document.sections)
    assert factors.splitlines() == [
        "ไฟฟ้าจากระบบสายส่ง (Grid electricity): 0.4750 kgCO2e/kWh ขอบเขตที่ 2 ปี 2026 ที่มา: อบก. (TGO) ผ่าน Nation Thailand",
        "สารทำความเย็น R-22: 1,760 kgCO2e/kg ขอบเขตที่ 1 ปี 2022 ที่มา: อบก. (TGO) ชุดค่าเมษายน 2022",
    ]
    assert parameters.splitlines() == [
        "ราคาติดตั้งโซลาร์ต่อ kWp: 18,000–40,000 THB/kWp ที่มา: CAP Solar",
        "ค่าไฟต่อหน่วย: 4.5 THB/kWh (สมมติฐาน) ที่มา: บทเรียนสัปดาห์ที่ 4",
    ]
    assert notice == "หมายเหตุ: ตรวจกับรายการทางการของ อบก. ก่อนใช้"


def test_a_factor_without_a_source_is_skipped_with_its_name(tmp_path: Path) -> None:
    text = FACTORS.replace('    source: "อบก. (TGO) ผ่าน Nation Thailand"\n', "")
    with pytest.raises(SkipFile, match=r"grid_electricity.*missing source"):
        load_file(_write(tmp_path, text), "emission_factors.yaml")


def test_the_bundled_factor_file_is_indexed() -> None:
    (document,) = load_file(sample_folder() / "emission_factors.yaml", "emission_factors.yaml")
    text = "\n".join(s.text for s in document.sections)
    for figure in ("0.4750 kgCO2e/kWh", "2.7406 kgCO2e/litre", "3.1134 kgCO2e/kg", "0.0562 kgCO2e/MJ", "1,300"):
        assert figure in text
