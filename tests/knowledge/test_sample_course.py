"""The bundled sample course: complete, sourced, and every figure traceable to the fact sheet."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml
from pythainlp.tokenize import word_tokenize

from bot.app.cli import sample_folder
from tests.shared_files import shared_dir

COURSE = sample_folder()
MODULES = sorted((COURSE / "modules").glob("*.md"))
# Weekly modules carry a week number; topic guides (guide-*.md) answer programme questions
# that do not belong to one week and carry none.
WEEKLY = [p for p in MODULES if p.stem.startswith("week")]
FACTS = shared_dir() / "domain" / "FACTS.md"
# Figures of the topic guides, each with its source, in the repository's own fact sheet.
GUIDE_FACTS = Path(__file__).resolve().parents[2] / "docs" / "course_facts_v2.md"
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
ARITHMETIC = re.compile(r"[×÷=+]|\d\s*[-−–]\s*\d")


def _split(path: Path) -> tuple[dict[str, object], str]:
    _, front, body = path.read_text(encoding="utf-8").split("---", 2)
    return yaml.safe_load(front), body


def _numbers(text: str) -> list[str]:
    return [n.replace(",", "").rstrip(".") for n in NUMBER.findall(text)]


def test_twelve_modules_one_per_week() -> None:
    weeks = sorted(int(_split(p)[0]["week"]) for p in WEEKLY)  # type: ignore[call-overload]
    assert weeks == list(range(1, 13))


def test_guides_cover_the_programme_gaps_without_a_week() -> None:
    guides = {p.stem: _split(p)[0] for p in MODULES if p.stem.startswith("guide-")}
    assert {
        "guide-go-together-season2",
        "guide-finance-loans-guarantees",
        "guide-alternative-energy",
        "guide-solar-permits-tariffs",
        "guide-renewable-certificates",
        "guide-carbon-labels-tgo",
        "guide-sector-guides",
    } <= set(guides)
    assert all("week" not in meta for meta in guides.values())


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.stem)
def test_module_has_front_matter_sources_and_length(path: Path) -> None:
    meta, body = _split(path)
    assert meta.get("week") == meta.get("module")
    assert meta["title"] and meta["topics"]
    sources = meta["sources"]
    assert isinstance(sources, list) and sources
    for source in sources:
        assert source["title"] and "date" in source
    assert "\n## แหล่งข้อมูล" in body
    listed = body.split("\n## แหล่งข้อมูล", 1)[1]
    for source in sources:
        if source.get("url"):
            assert source["url"] in listed, f"{source['url']} is in the front matter but not in the sources section"
    words = sum(1 for w in word_tokenize(body, engine="newmm") if re.search(r"\w", w))
    # The year rule writes "พ.ศ. 2568 (ค.ศ. 2025)" where a module once wrote "2025": about 90
    # more words in week 1, no more prose; the cap keeps a module readable in one sitting. A
    # guide points to the week that owns a fact instead of restating it, so it may be shorter.
    assert (900 if path.stem.startswith("guide-") else 1200) <= words <= 2600


@pytest.mark.parametrize("stem", ["week03", "week04", "week05"])
def test_calculation_modules_have_two_worked_examples(stem: str) -> None:
    path = next(p for p in MODULES if p.stem.startswith(stem))
    worked = [line for line in _split(path)[1].splitlines() if "=" in line and re.search(r"\d\s*[×÷*/]\s*\d", line)]
    assert len(worked) >= 2


def test_the_newcomer_question_is_answered_by_module_three() -> None:
    body = _split(next(p for p in MODULES if p.stem.startswith("week03")))[1]
    assert "10,000 × 0.4750 = 4,750" in body


def _traceable(number: str, facts: set[str], derived: set[str]) -> bool:
    if number in facts or number in derived:
        return True
    value = float(number)
    if value.is_integer() and value <= 12:
        return True  # week numbers, list positions, months
    if value.is_integer() and 2500 <= value <= 2700 and str(int(value) - 543) in facts:
        return True  # a Buddhist Era year of a dated fact
    for scale in (1000, 1_000_000, 100):  # the same figure in other units (ล้าน vs billion, % vs share)
        for scaled in (value * scale, value / scale):
            if f"{scaled:g}" in facts or (scaled.is_integer() and str(int(scaled)) in facts):
                return True
    return False


def test_every_figure_comes_from_the_fact_sheet_or_shows_its_arithmetic() -> None:
    if not FACTS.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"the fact sheet {FACTS} must be beside the checkout in CI")
        pytest.skip(f"the fact sheet {FACTS} is not beside this checkout")
    sheet = FACTS.read_text(encoding="utf-8") + GUIDE_FACTS.read_text(encoding="utf-8")
    facts = {f"{float(n):g}" for n in _numbers(sheet)} | set(_numbers(sheet))
    problems = []
    for path in MODULES:
        body = _split(path)[1].split("\n## แหล่งข้อมูล", 1)[0]
        lines = body.splitlines()
        # A line with arithmetic, or one that states a hypothetical, introduces its figures;
        # a figure computed there may be quoted again later in the module.
        introducing = [line for line in lines if ARITHMETIC.search(line) or "สมมติ" in line]
        derived = {n for line in introducing for n in _numbers(line)}
        derived |= {f"{float(n):g}" for n in derived}
        for line in lines:
            if line in introducing or "http" in line:
                continue
            for number in _numbers(line):
                if not _traceable(number, facts, derived) and not _traceable(f"{float(number):g}", facts, derived):
                    problems.append(f"{path.name}: {number} in: {line.strip()[:100]}")
    assert problems == []


def test_every_bundled_file_loads_in_every_format() -> None:
    from ingestion.loaders import SUPPORTED_SUFFIXES, load_file

    files = sorted(p for p in COURSE.rglob("*") if p.is_file())
    suffixes = {p.suffix for p in files}
    assert {".md", ".yaml", ".pdf", ".docx", ".pptx"} <= suffixes
    for path in files:
        assert path.suffix in SUPPORTED_SUFFIXES, path
        documents = load_file(path, path.relative_to(COURSE).as_posix())  # raises SkipFile if unreadable
        assert documents and all(d.sections for d in documents)
    faq = load_file(COURSE / "faq.yaml", "faq.yaml")
    assert len(faq) >= 40 and all(d.kind == "faq" for d in faq)
