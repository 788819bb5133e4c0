"""Channels are switched on by their settings alone (the names are a contract)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.app.composition import build_engine
from bot.channels import ChannelServices, build_channels
from bot.settings import Settings
from bot.storage import ProcessedEvents, open_database
from knowledge.embedders import Embedder
from knowledge.sync import sync_folders


def test_line_and_telegram_are_enabled_by_their_environment_variables(
    monkeypatch: pytest.MonkeyPatch, thai_folder: Path, tmp_path: Path, embedder: Embedder
) -> None:
    monkeypatch.setenv("NZAP_DATA_DIR", str(tmp_path / "data"))
    off = Settings(_env_file=None)  # type: ignore[call-arg]
    sync_folders([thai_folder], off.resolved_index_dir(), embedder)
    database = open_database("sqlite://")
    engine = build_engine(off, embedder, database=database)
    services = ChannelServices(engine, ProcessedEvents(database))
    assert [c.name for c in build_channels(off, services).plugins] == ["web"]

    monkeypatch.setenv("NZAP_LINE__CHANNEL_SECRET", "line-secret")
    monkeypatch.setenv("NZAP_LINE__CHANNEL_ACCESS_TOKEN", "line-token")
    monkeypatch.setenv("NZAP_LINE__API_BASE_URL", "http://127.0.0.1:9/line")
    monkeypatch.setenv("NZAP_TELEGRAM__BOT_TOKEN", "123456:telegram-token")
    monkeypatch.setenv("NZAP_TELEGRAM__WEBHOOK_SECRET", "telegram-secret")
    monkeypatch.setenv("NZAP_TELEGRAM__API_BASE_URL", "http://127.0.0.1:9/bot")
    on = Settings(_env_file=None)  # type: ignore[call-arg]
    assert on.line.api_base_url == "http://127.0.0.1:9/line"
    assert on.telegram.api_base_url == "http://127.0.0.1:9/bot"
    assert [c.name for c in build_channels(on, services).plugins] == ["web", "line", "telegram"]
