"""A sync killed with SIGKILL at any moment leaves the previous index answering searches."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from knowledge.embedders import Embedder
from knowledge.index import KnowledgeIndex, current_generation
from knowledge.retriever import HybridRetriever
from knowledge.sync import sync_folders

QUESTION = "ค่าไฟฟ้า 10,000 หน่วย ปล่อยคาร์บอนเท่าไร"


def _ingest_command(folder: Path, index_dir: Path) -> list[str]:
    return [sys.executable, "-m", "bot.app.cli", "ingest", str(folder), "--index", str(index_dir), "--quiet"]


def _grow(folder: Path, files: int) -> None:
    """Add enough Thai text that the next sync takes a few seconds."""
    for i in range(files):
        body = "\n\n".join(
            f"## หัวข้อที่ {j}\n\nเอกสารประกอบการอบรมฉบับที่ {i} ส่วนที่ {j} อธิบายการลดการใช้พลังงานในโรงงาน "
            f"ด้วยการปรับปรุงระบบอัดอากาศ ระบบแสงสว่าง และการบำรุงรักษาหม้อไอน้ำอย่างสม่ำเสมอ ครั้งที่ {i * 10 + j}"
            for j in range(6)
        )
        (folder / f"extra-{i:03d}.md").write_text(f"# เอกสารเพิ่มเติม {i}\n\n{body}\n", encoding="utf-8")


@pytest.mark.slow
def test_sigkill_during_ingest_keeps_the_previous_index(thai_folder: Path, index_dir: Path, embedder: Embedder) -> None:
    sync_folders([thai_folder], index_dir, embedder)
    before = HybridRetriever(KnowledgeIndex.open(index_dir, embedder), embedder).retrieve(QUESTION, k=3)
    live = current_generation(index_dir)
    _grow(thai_folder, 40)

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    started = time.monotonic()
    subprocess.run(_ingest_command(thai_folder, index_dir / "timing"), env=env, check=True, capture_output=True)
    full = time.monotonic() - started

    # Kill at points spread over a whole run: start-up, loading, embedding, writing, switching.
    for fraction in (0.15, 0.4, 0.65, 0.8, 0.9, 0.97):
        process = subprocess.Popen(
            _ingest_command(thai_folder, index_dir), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(full * fraction)
        if process.poll() is not None:
            break  # this run was faster than the timing run; the index must then be complete
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        after_kill = current_generation(index_dir)
        index = KnowledgeIndex.open(index_dir, embedder)
        result = HybridRetriever(index, embedder).retrieve(QUESTION, k=3)
        if after_kill == live:
            assert [p.chunk.id for p in result.passages] == [p.chunk.id for p in before.passages]
        else:  # killed after the switch: the new generation must be whole
            assert index.manifest.files == 42
            assert index.vectors.count() == len(index.chunks)
            assert result.passages[0].chunk.source == "week03.md"
            break

    final = sync_folders([thai_folder], index_dir, embedder)
    assert final.skipped == []
    index = KnowledgeIndex.open(index_dir, embedder)
    assert index.manifest.files == 42
    assert index.vectors.count() == len(index.chunks)
    assert HybridRetriever(index, embedder).retrieve(QUESTION, k=1).passages[0].chunk.source == "week03.md"
    generations = sorted(p.name for p in (index_dir / "generations").iterdir())
    assert len(generations) <= 2  # debris of killed runs was cleaned up
