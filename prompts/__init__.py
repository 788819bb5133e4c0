"""Prompt templates as files (Thai and English), loaded and checked at start-up.

A prompt is the file ``<name>.<language>.md`` in this package; ``{name}`` marks a
placeholder and ``{{``/``}}`` a literal brace. Short texts that the code puts around prompts
and answers (passage labels, the note shown when the AI service is down) live in
``labels.yaml``. :func:`check_prompts` verifies every file against :data:`PROMPTS` and
:data:`LABELS` so that a broken edit stops the program at start-up, not at the first question.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import yaml

LANGUAGES = ("th", "en")
"""Every language a prompt may exist in; Thai is the one that must always exist."""
DEFAULT_LANGUAGE = "th"
LABELS_FILE = "labels.yaml"


@dataclass(frozen=True)
class PromptSpec:
    """What the code expects of one prompt: its placeholders and the languages it exists in."""

    placeholders: frozenset[str]
    languages: tuple[str, ...] = LANGUAGES


PROMPTS: dict[str, PromptSpec] = {
    "answer": PromptSpec(frozenset({"not_found_marker"})),
    "answer_user": PromptSpec(frozenset({"passages", "history", "question"})),
    "condense": PromptSpec(frozenset({"history", "question"})),
}
"""The prompt files and the placeholders each must contain, exactly."""

LABELS: dict[str, frozenset[str]] = {
    "llm_unavailable": frozenset(),
    "passage_week": frozenset({"week"}),
    "passage_page": frozenset({"page"}),
    "passage_slide": frozenset({"slide"}),
    "history_user": frozenset(),
    "history_assistant": frozenset(),
    "history_none": frozenset(),
}
"""The keys of ``labels.yaml`` and the placeholders each text must contain, in every language."""


class PromptError(RuntimeError):
    """A prompt file is missing, unreadable, or its placeholders differ from what the code fills in."""


@dataclass(frozen=True)
class PromptText:
    """The text of one prompt file in one language."""

    name: str
    language: str
    text: str

    @property
    def placeholders(self) -> frozenset[str]:
        """The ``{placeholders}`` the text contains."""
        return placeholders_of(self.text)


def placeholders_of(text: str) -> frozenset[str]:
    """The placeholder names of a ``str.format`` template; :class:`PromptError` when braces are unbalanced."""
    try:
        return frozenset(field for _, field, _, _ in string.Formatter().parse(text) if field is not None)
    except ValueError as error:
        raise PromptError(f"unbalanced braces ({error}); write {{{{ and }}}} for literal braces") from error


def _root(directory: Traversable | None) -> Traversable:
    return directory if directory is not None else resources.files(__name__)


def _where(directory: Traversable | None, filename: str) -> str:
    return str(Path(str(directory)) / filename) if directory is not None else f"prompts/{filename}"


def _read(directory: Traversable | None, filename: str) -> str:
    file = _root(directory).joinpath(filename)
    if not file.is_file():
        raise PromptError(f"{_where(directory, filename)}: file missing")
    return file.read_text(encoding="utf-8")


def load_prompt(name: str, language: str, directory: Traversable | None = None) -> PromptText:
    """The prompt ``name`` in ``language``, or in Thai when that language does not exist for it.

    ``directory`` replaces the bundled prompts folder (tests use a temporary copy).
    """
    spec = PROMPTS.get(name)
    if spec is None:
        raise PromptError(f"unknown prompt {name!r}; known: {', '.join(sorted(PROMPTS))}")
    chosen = language if language in spec.languages else DEFAULT_LANGUAGE
    return PromptText(name=name, language=chosen, text=_read(directory, f"{name}.{chosen}.md"))


def _read_labels(directory: Traversable | None) -> dict[str, Any]:
    try:
        data = yaml.safe_load(_read(directory, LABELS_FILE))
    except yaml.YAMLError as error:
        raise PromptError(f"{_where(directory, LABELS_FILE)}: not valid YAML ({error})") from error
    if not isinstance(data, dict):
        raise PromptError(f"{_where(directory, LABELS_FILE)}: expected a mapping of keys to languages")
    return data


def load_labels(language: str, directory: Traversable | None = None) -> dict[str, str]:
    """Every label of ``labels.yaml`` in ``language`` (Thai for a label missing in that language)."""
    labels: dict[str, str] = {}
    for key, texts in _read_labels(directory).items():
        if isinstance(texts, dict):
            text = texts.get(language, texts.get(DEFAULT_LANGUAGE))
            if isinstance(text, str):
                labels[str(key)] = text
    return labels


def _placeholder_problems(where: str, text: str, expected: frozenset[str]) -> list[str]:
    try:
        found = placeholders_of(text)
    except PromptError as error:
        return [f"{where}: {error}"]
    problems = [f"{where}: missing placeholder {{{name}}}" for name in sorted(expected - found)]
    problems += [f"{where}: unexpected placeholder {{{name}}}" for name in sorted(found - expected)]
    return problems


def _prompt_problems(directory: Traversable | None) -> list[str]:
    problems: list[str] = []
    for name, spec in PROMPTS.items():
        for language in spec.languages:
            filename = f"{name}.{language}.md"
            try:
                text = _read(directory, filename)
            except PromptError as error:
                problems.append(str(error))
                continue
            problems += _placeholder_problems(_where(directory, filename), text, spec.placeholders)
    return problems


def _label_problems(directory: Traversable | None) -> list[str]:
    try:
        data = _read_labels(directory)
    except PromptError as error:
        return [str(error)]
    problems: list[str] = []
    for key, expected in LABELS.items():
        texts = data.get(key)
        for language in LANGUAGES:
            where = f"{_where(directory, LABELS_FILE)} {key}.{language}"
            text = texts.get(language) if isinstance(texts, dict) else None
            if not isinstance(text, str):
                problems.append(f"{where}: missing text")
                continue
            problems += _placeholder_problems(where, text, expected)
    return problems


def check_prompts(directory: Traversable | None = None) -> None:
    """Verify every prompt file and label at start-up; raise one :class:`PromptError` listing all problems."""
    problems = _prompt_problems(directory) + _label_problems(directory)
    if problems:
        raise PromptError("prompt files do not match the code:\n  " + "\n  ".join(problems))
