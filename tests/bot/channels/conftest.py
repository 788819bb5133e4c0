"""An index of part of the bundled sample course, built once per run for the channels' conversation tests.

Rooftop solar (week 5) and the glossary: enough for a misspelled term, an off-topic question, a
near miss the material does not answer, and thanks. Engines only read an index, so every test's
server shares this one (``Settings.index_dir``) and keeps its own database.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.app.cli import sample_folder
from bot.settings import Settings
from knowledge.embedders import Embedder
from knowledge.sync import sync_folders

COURSE_PARTS = ("modules/week05-solar-rooftop.md", "glossary.yaml")


@pytest.fixture(scope="session")
def course_index(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Path:
    """The index folder over :data:`COURSE_PARTS` of the sample course."""
    root = tmp_path_factory.mktemp("channel-course")
    for part in COURSE_PARTS:
        target = root / "course" / part
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(sample_folder() / part, target)
    sync_folders([root / "course"], root / "index", embedder)
    return root / "index"


def course_settings(data_dir: Path, course_index: Path, **sections: object) -> Settings:
    """Settings of a server answering from the shared course index, with its own data folder."""
    return Settings(_env_file=None, data_dir=data_dir, index_dir=course_index, **sections)  # type: ignore[call-arg]
