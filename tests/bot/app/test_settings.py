"""Settings come from one typed object; every setting is documented in .env.example."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel

from bot.app.composition import chroma_config, chunking_config
from bot.settings import Settings

REPO = Path(__file__).resolve().parents[3]


def _env_names(model: type[BaseModel], prefix: str = "NZAP_") -> list[str]:
    names = []
    for name, field in model.model_fields.items():
        annotation = field.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            names.extend(_env_names(annotation, f"{prefix}{name.upper()}__"))
        else:
            names.append(f"{prefix}{name.upper()}")
    return names


def test_env_example_documents_every_setting() -> None:
    example = (REPO / ".env.example").read_text(encoding="utf-8")
    missing = [name for name in _env_names(Settings) if f"{name}=" not in example]
    assert missing == []


def test_nested_environment_variables_reach_the_components(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NZAP_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("NZAP_CHROMA__MODE", "http")
    monkeypatch.setenv("NZAP_CHROMA__PORT", "8123")
    monkeypatch.setenv("NZAP_RETRIEVAL__CHUNK_MAX_TOKENS", "200")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.resolved_index_dir() == tmp_path / "index"
    chroma = chroma_config(settings)
    assert (chroma.mode, chroma.port) == ("http", 8123)
    assert chunking_config(settings).max_tokens == 200


def test_a_wrong_value_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NZAP_RETRIEVAL__FUSION", "magic")
    with pytest.raises(ValueError, match="fusion"):
        Settings(_env_file=None)  # type: ignore[call-arg]


def test_the_cohort_start_date_and_time_zone_are_read_and_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    cohort = Settings(_env_file=None).cohort  # type: ignore[call-arg]
    assert (cohort.start_date, cohort.timezone) == (None, "Asia/Bangkok")
    monkeypatch.setenv("NZAP_COHORT__START_DATE", "2026-11-02")
    assert str(Settings(_env_file=None).cohort.start_date) == "2026-11-02"  # type: ignore[call-arg]
    monkeypatch.setenv("NZAP_COHORT__TIMEZONE", "Asia/Bankok")
    with pytest.raises(ValueError, match="unknown time zone"):
        Settings(_env_file=None)  # type: ignore[call-arg]
