"""The house rules of docs/architecture.md: imports point down, lazy or not.

The contracts live in pyproject.toml ([tool.importlinter]); this test runs them in every test run,
so an import that runs back up (for example ``bot.storage`` importing ``bot.conversation``) fails CI.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    command = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    assert command, "import-linter is part of the dev extras: pip install -e '.[dev]'"
    return subprocess.run(
        [command, "--no-cache", "--config", str(root / "pyproject.toml")],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
    )


def test_every_layering_contract_is_kept() -> None:
    result = _lint_imports(REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "back_import"),
    [
        ("bot/storage/events.py", "from bot.conversation import engine as _engine  # noqa: F401"),
        ("ingestion/chunking.py", "from knowledge import index as _index  # noqa: F401"),
        ("bot/mentoring/relay.py", "def _late() -> None:\n    from bot.channels import line  # noqa: F401"),
    ],
)
def test_a_back_import_breaks_the_contracts(tmp_path: Path, module: str, back_import: str) -> None:
    """The contracts can fail: a copy of the tree with one import running back up is refused."""
    copy = tmp_path / "tree"
    for name in ("bot", "knowledge", "ingestion", "prompts"):
        shutil.copytree(REPO / name, copy / name, ignore=shutil.ignore_patterns("__pycache__", "sample"))
    shutil.copy(REPO / "pyproject.toml", copy / "pyproject.toml")
    target = copy / module
    target.write_text(target.read_text(encoding="utf-8") + "\n\n" + back_import + "\n", encoding="utf-8")

    result = _lint_imports(copy)

    assert result.returncode != 0
    assert "BROKEN" in result.stdout
