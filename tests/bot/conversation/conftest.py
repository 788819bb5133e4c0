"""An index of part of the bundled sample course (real embedder, real retrieval), built once per run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.app.cli import sample_folder
from bot.app.composition import build_retriever
from bot.conversation.lexicon import Lexicon
from bot.settings import Settings
from knowledge.embedders import Embedder
from knowledge.glossary import read_terms
from knowledge.retriever import HybridRetriever
from knowledge.sync import sync_folders

# Two calculation weeks, the schedule and the glossary: enough for misspelled, English-mixed,
# covered and near-miss questions, small enough to embed in seconds.
SAMPLE_PARTS = (
    "modules/week03-emission-factors-calculation.md",
    "modules/week05-solar-rooftop.md",
    "schedule.yaml",
    "glossary.yaml",
)


@pytest.fixture(scope="session")
def sample_retriever(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> HybridRetriever:
    root = tmp_path_factory.mktemp("sample-course")
    course = root / "course"
    for part in SAMPLE_PARTS:
        target = course / part
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(sample_folder() / part, target)
    settings = Settings(_env_file=None, data_dir=root / "data")  # type: ignore[call-arg]
    sync_folders([course], settings.resolved_index_dir(), embedder)
    return build_retriever(settings, embedder)


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    """The bundled glossary and chat spellings (no index needed)."""
    return Lexicon.build(read_terms(Path(sample_folder()) / "glossary.yaml"))
