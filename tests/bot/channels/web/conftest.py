"""The web chat served by uvicorn over a real engine, index and database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.app.composition import build_engine
from bot.app.server.app import create_app
from bot.channels.web import WebChannel
from bot.settings import Settings
from knowledge.embedders import Embedder
from knowledge.sync import sync_folders
from tests.consent import consent
from tests.server_thread import serve
from tests.web_chat import TESTER, web_user_id


@pytest.fixture
def base_url(thai_folder: Path, tmp_path: Path, embedder: Embedder) -> Iterator[str]:
    settings = Settings(_env_file=None, data_dir=tmp_path / "data")  # type: ignore[call-arg]
    sync_folders([thai_folder], settings.resolved_index_dir(), embedder)
    engine = build_engine(settings, embedder)
    consent(engine, "web", web_user_id(TESTER))  # the API tests' session agreed; the browser's must press the button
    app = create_app([WebChannel(engine)], ready=lambda: {})
    with serve(app) as url:
        yield url
