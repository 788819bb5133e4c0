"""Save as FAQ: a mentor's reviewed answer becomes a curated ``kind: faq`` YAML file.

One file per ticket (``mentor-T-0042.yaml``) in the curated folder, in the format of
``knowledge/sample/course/faq.yaml`` plus attribution fields (``answered_by``, ``ticket``,
``answered_on``) that the FAQ loader turns into a line of the indexed text. One file per ticket
means two mentors saving different tickets never write the same file, and saving a ticket again
replaces its entry instead of duplicating it. ``nzap ingest`` indexes the folder with the course.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml  # type: ignore[import-untyped,unused-ignore]

from bot.mentoring.console.words import text


@dataclass(frozen=True)
class CuratedFaq:
    """One reviewed question and answer with who answered it, for which ticket, when."""

    reference: str
    question: str
    answer: str
    answered_by: str
    answered_on: date
    topics: tuple[str, ...] = ()
    module: int | None = None


def faq_file_name(reference: str) -> str:
    """The file a ticket's FAQ entry is saved in (``mentor-T-0042.yaml``)."""
    return f"mentor-{reference}.yaml"


def faq_yaml(entry: CuratedFaq, language: str = "th") -> str:
    """The YAML text of the curated FAQ file for ``entry``."""
    item: dict[str, object] = {
        "id": entry.reference,
        "question": entry.question,
        "answer": entry.answer,
    }
    if entry.topics:
        item["topics"] = list(entry.topics)
    if entry.module is not None:
        item["module"] = entry.module
    item.update(answered_by=entry.answered_by, ticket=entry.reference, answered_on=entry.answered_on.isoformat())
    data = {
        "kind": "faq",
        "title": text("faq_file.title", language, reference=entry.reference),
        "items": [item],
    }
    comment = text("faq_file.comment", language, name=entry.answered_by, reference=entry.reference)
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    return f"# {' '.join(comment.split())}\n{body}"


def save_faq(folder: Path, entry: CuratedFaq, language: str = "th") -> Path:
    """Write ``entry`` to its file in ``folder`` atomically (a reader never sees half a file); returns the path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / faq_file_name(entry.reference)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".faq-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(faq_yaml(entry, language))
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
