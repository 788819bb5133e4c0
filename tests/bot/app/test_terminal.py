"""`nzap ask` and `nzap chat` as a user runs them: real processes, real index, Thai in and out."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
def cli_env(thai_folder: Path, tmp_path: Path) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "NZAP_DATA_DIR": str(tmp_path / "data")}
    subprocess.run(
        [sys.executable, "-m", "bot.app.cli", "ingest", str(thai_folder), "--quiet"],
        env=env,
        check=True,
        capture_output=True,
    )
    return env


@pytest.mark.slow
def test_ask_json_lines_contract(cli_env: dict[str, str]) -> None:
    questions = "ค่าไฟฟ้าปล่อยคาร์บอนกี่กิโลต่อหน่วย\nสูตรต้มยำกุ้งน้ำข้นทำไงคะ\n\nสวัสดีครับ\nใช้ไฟเดือนละ 2 หมื่นหน่วย ปล่อยปีละกี่ตัน\n"
    result = subprocess.run(
        [sys.executable, "-m", "bot.app.cli", "ask", "--json", "-"],
        env=cli_env,
        input=questions,
        capture_output=True,
        text=True,
        check=True,
    )
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["question"] for r in rows] == [
        "ค่าไฟฟ้าปล่อยคาร์บอนกี่กิโลต่อหน่วย",
        "สูตรต้มยำกุ้งน้ำข้นทำไงคะ",
        "สวัสดีครับ",
        "ใช้ไฟเดือนละ 2 หมื่นหน่วย ปล่อยปีละกี่ตัน",
    ]
    for row in rows:
        assert set(row) == {
            "question", "answer", "citations", "confidence", "escalate", "mode", "coverage", "kind", "values",
            "mentor_offered",
        }  # fmt: skip
        assert row["mode"] == "extractive" and isinstance(row["confidence"], float) and row["answer"]
    covered, recipe, greeting, calculation = rows
    assert "0.4750" in covered["answer"][:300] and covered["escalate"] is False
    assert (covered["kind"], covered["coverage"]) == ("answer", "answered")
    assert covered["citations"][0] == {
        "source": "week03.md",
        "title": "การคำนวณคาร์บอนจากค่าไฟฟ้า",
        "label": "สัปดาห์ที่ 3 · การคำนวณคาร์บอนจากค่าไฟฟ้า",
        "page": None,
        "module": "3",
        "week": 3,
    }
    # Off-topic: one line on what the assistant covers, no mentor offer, nothing quoted from the course.
    assert recipe["kind"] == "out_of_scope" and recipe["escalate"] is False and recipe["citations"] == []
    assert not recipe["mentor_offered"]
    assert greeting["kind"] == "smalltalk" and greeting["escalate"] is False and greeting["citations"] == []
    # The user's own figure: 20,000 kWh a month x 0.4750 kgCO2e/kWh x 12 = 114 tCO2e a year.
    assert calculation["kind"] == "calculation" and "114" in calculation["answer"].split("\n")[0]


@pytest.mark.slow
def test_chat_keeps_the_thread_and_buttons_work_by_number(cli_env: dict[str, str]) -> None:
    session = "ราคาแผงโซลาร์ยี่ห้อจินโกวัตต์ละเท่าไหร่ครับ\n1\nขอบคุณครับ\nออก\n"
    result = subprocess.run(
        [sys.executable, "-m", "bot.app.cli", "chat"],
        env=cli_env,
        input=session,
        capture_output=True,
        text=True,
        check=True,
    )
    out = result.stdout
    assert "[1] ส่งให้พี่เลี้ยง" in out and "[2] ไม่เป็นไร" in out
    assert "เลขเรื่อง T-0001" in out
    assert "ยินดีครับ" in out


@pytest.mark.slow
def test_chat_keeps_a_footprint_between_sessions_and_the_button_shows_it(cli_env: dict[str, str]) -> None:
    def chat(session: str) -> str:
        run = [sys.executable, "-m", "bot.app.cli", "chat"]
        return subprocess.run(run, env=cli_env, input=session, capture_output=True, text=True, check=True).stdout

    first = chat("ไฟ 50,000 หน่วย/เดือน\nดีเซล 2,000 ลิตร/เดือน\n1\nออก\n")
    assert "[1] ดูฟุตพริ้นท์" in first
    assert "ขอบเขตที่ 1 เชื้อเพลิงและสารทำความเย็นของกิจการ: 65.77 tCO2e" in first
    later = chat("/footprint\n/footprint clear\nออก\n")
    assert "รวม 350.77 tCO2e ต่อปี" in later and "แหล่งที่ปล่อยมากที่สุด: ไฟฟ้าจากระบบสายส่ง (81% ของทั้งหมด)" in later
    assert "ลบ 2 รายการ: ไฟฟ้าจากระบบสายส่ง, น้ำมันดีเซล" in later


@pytest.mark.slow
def test_ask_answers_a_calculation_without_promising_to_keep_it(cli_env: dict[str, str]) -> None:
    run = [sys.executable, "-m", "bot.app.cli", "ask", "ไฟ 50,000 หน่วย/เดือน"]
    out = subprocess.run(run, env=cli_env, capture_output=True, text=True, check=True).stdout
    assert "285 tCO2e" in out and "ฟุตพริ้นท์" not in out
