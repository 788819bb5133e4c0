"""Every user-facing text exists in Thai, and English (where given) asks for the same values."""

from __future__ import annotations

import importlib
import pkgutil
import string

import pytest

import bot.i18n
from bot.i18n.catalogue import LANGUAGES, Catalogue, Texts

AREAS = sorted(
    name
    for module in pkgutil.iter_modules(bot.i18n.__path__)
    if isinstance(getattr(importlib.import_module(f"bot.i18n.{(name := module.name)}"), "MESSAGES", None), dict)
)


def _placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


def test_every_area_keeps_its_texts_in_one_catalogue_module() -> None:
    assert {"core", "console", "limits", "line", "mentor_groups", "privacy", "schedule", "telegram"} <= set(AREAS)


@pytest.mark.parametrize("area", AREAS)
def test_every_text_has_thai_and_the_same_placeholders_in_every_language(area: str) -> None:
    catalogue: Catalogue = importlib.import_module(f"bot.i18n.{area}").MESSAGES
    for key, texts in catalogue.items():
        assert texts.get("th"), f"{area}: {key} has no Thai text"
        assert set(texts) <= set(LANGUAGES), f"{area}: {key} has an unknown language {set(texts) - set(LANGUAGES)}"
        for language, text in texts.items():
            assert _placeholders(text) == _placeholders(texts["th"]), f"{area}: {key} [{language}]"


def test_a_missing_language_falls_back_to_thai() -> None:
    text = Texts({"greet": {"th": "สวัสดีครับ คุณ{name}"}})
    assert text("greet", "en", name="สมชาย") == "สวัสดีครับ คุณสมชาย"
