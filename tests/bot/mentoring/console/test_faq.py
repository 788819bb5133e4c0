"""A mentor's answer saved as FAQ is indexed by the next ingest with its attribution, and found."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.app.cli import curated_folder, main
from bot.mentoring.console.faq import CuratedFaq, faq_file_name, save_faq
from knowledge.embedders import Embedder
from knowledge.index import KnowledgeIndex
from knowledge.retriever import HybridRetriever
from knowledge.sync import sync_folders

ENTRY = CuratedFaq(
    reference="T-0042",
    question="ติดโซลาร์รูฟท็อปขนาดเล็กที่ร้านต้องขออนุญาตอะไรบ้าง",
    answer="ระบบไม่เกิน 10 กิโลวัตต์ ให้แจ้งการไฟฟ้าส่วนภูมิภาคผ่านระบบออนไลน์ และขออนุญาตดัดแปลงอาคารกับท้องถิ่น",
    answered_by="พี่สมชาย ใจดี",
    answered_on=date(2026, 11, 26),
    topics=("โซลาร์รูฟท็อป", "ใบอนุญาต"),
    module=5,
)
ATTRIBUTION = "ตอบโดยพี่เลี้ยง พี่สมชาย ใจดี (เรื่อง T-0042, 26 พฤศจิกายน 2569)"


def test_saving_again_replaces_the_entry_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    folder = tmp_path / "curated"
    first = save_faq(folder, ENTRY)
    second = save_faq(folder, CuratedFaq(**{**ENTRY.__dict__, "answer": "คำตอบที่แก้แล้ว"}))
    assert first == second == folder / faq_file_name("T-0042")
    assert [p.name for p in folder.iterdir()] == ["mentor-T-0042.yaml"]
    text = second.read_text(encoding="utf-8")
    assert text.startswith("# บันทึกจากคอนโซลพี่เลี้ยงโดย พี่สมชาย ใจดี (T-0042)")
    assert "คำตอบที่แก้แล้ว" in text and "ระบบไม่เกิน 10" not in text


def test_the_next_ingest_indexes_the_entry_with_its_attribution(
    tmp_path: Path, thai_folder: Path, embedder: Embedder
) -> None:
    folder = tmp_path / "curated"
    save_faq(folder, ENTRY)
    index_dir = tmp_path / "index"
    report = sync_folders([thai_folder, folder], index_dir, embedder)
    assert "curated/mentor-T-0042.yaml" in report.added and not report.skipped
    index = KnowledgeIndex.open(index_dir, embedder)
    [chunk] = [c for c in index.chunks if c.source == "curated/mentor-T-0042.yaml"]
    assert chunk.kind == "faq" and chunk.module == 5 and chunk.topics == ("โซลาร์รูฟท็อป", "ใบอนุญาต")
    assert chunk.title == ENTRY.question
    assert ATTRIBUTION in chunk.text and ENTRY.answer in chunk.text
    assert chunk.heading_path == (ATTRIBUTION,)
    found = HybridRetriever(index, embedder).retrieve("ร้านจะติดโซลาร์รูฟท็อป ต้องขออนุญาตไหม", k=3)
    assert found.passages[0].chunk.source == "curated/mentor-T-0042.yaml"


def test_nzap_ingest_takes_the_curated_folder_along(
    tmp_path: Path, thai_folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)  # no .env from the developer's working folder
    monkeypatch.setenv("NZAP_DATA_DIR", str(tmp_path / "data"))
    assert main(["ingest", str(thai_folder), "--quiet"]) == 0
    assert "เพิ่ม 2" in capsys.readouterr().out  # no curated folder yet: the course only
    save_faq(tmp_path / "data" / "curated", ENTRY)
    assert main(["ingest", str(thai_folder), "--quiet"]) == 0
    # Only the new file is embedded; the course keeps its source names (no folder prefix).
    assert "เพิ่ม 1 แก้ไข 0 ไม่เปลี่ยน 2 ลบ 0" in capsys.readouterr().out
    index = KnowledgeIndex.open(tmp_path / "data" / "index", None)
    assert {c.source for c in index.chunks} == {"week03.md", "credits.txt", "mentor-T-0042.yaml"}
    [chunk] = [c for c in index.chunks if c.source == "mentor-T-0042.yaml"]
    assert ATTRIBUTION in chunk.text
    assert main(["ingest", str(thai_folder), "--quiet"]) == 0
    assert "เพิ่ม 0 แก้ไข 0 ไม่เปลี่ยน 3 ลบ 0" in capsys.readouterr().out


def test_the_curated_folder_is_taken_once(tmp_path: Path) -> None:
    course, curated = tmp_path / "course", tmp_path / "data" / "curated"
    course.mkdir()
    assert curated_folder([course], curated) is None  # not created yet
    curated.mkdir(parents=True)
    assert curated_folder([course], curated) == curated
    assert curated_folder([course, curated], curated) is None  # named on the command line
    assert curated_folder([tmp_path], curated) is None  # inside a folder being ingested
