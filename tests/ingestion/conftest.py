"""Fixtures for the loader tests: the Thai fonts the generated PDFs need."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ingestion.thai_pdf import FontMissingError, tlwg_font


def require_tlwg_font(name: str = "Garuda") -> Path:
    """The TLWG font ``name``; fails the test (never skips) naming the Debian package to install."""
    try:
        return tlwg_font(name)
    except FontMissingError as error:
        pytest.fail(str(error), pytrace=False)


@pytest.fixture
def thai_font() -> Path:
    """Garuda, from Debian's fonts-thai-tlwg: the font the PDF tests write with."""
    return require_tlwg_font("Garuda")
