"""An index of three modules of the sample course (solar, supply chain and CBAM, green finance), built once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.app.cli import sample_folder
from knowledge.embedders import Embedder
from knowledge.sync import sync_folders

MODULES = (
    "modules/week05-solar-rooftop.md",
    "modules/week08-supply-chain-scope3-cbam.md",
    "modules/week10-green-finance.md",
)


@pytest.fixture(scope="session")
def insight_index(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Path:
    """The index folder over :data:`MODULES`."""
    root = tmp_path_factory.mktemp("insight-course")
    for part in MODULES:
        target = root / "course" / part
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(sample_folder() / part, target)
    sync_folders([root / "course"], root / "index", embedder)
    return root / "index"
