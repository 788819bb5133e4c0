"""Draft an FAQ entry from a question users asked: the YAML item for the course's ``faq.yaml``.

Nothing is written: the course files belong to the programme team, who paste the entry under
``items:`` (or keep the downloaded file) and run ``nzap ingest``. The entry has the fields of
``knowledge/sample/course/faq.yaml`` (``id``, ``question``, ``answer``, ``topics``, ``module``),
indented to sit in that list, so the pasted file still loads.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import yaml  # type: ignore[import-untyped,unused-ignore]

from ingestion import thai
from ingestion.loaders.common import as_strings


@dataclass(frozen=True)
class FaqDraft:
    """The fields of one FAQ entry as the staff member left them in the form."""

    question: str
    answer: str = ""
    topics: str = ""
    module: str = ""
    id: str = ""

    @classmethod
    def from_form(cls, form: dict[str, str]) -> FaqDraft:
        """The draft from a form's fields (normalised Thai, trimmed)."""
        value = {
            name: thai.normalize(form.get(name, "")).strip()
            for name in ("question", "answer", "topics", "module", "id")
        }
        return cls(" ".join(value["question"].split()), **{k: v for k, v in value.items() if k != "question"})

    @property
    def entry_id(self) -> str:
        """The id given, else ``faq-new-`` and a short digest of the question (the team renumbers as they like)."""
        return self.id or "faq-new-" + hashlib.sha256(self.question.encode("utf-8")).hexdigest()[:6]

    def yaml_item(self) -> str:
        """The entry as a ``- id: ...`` item indented by two spaces, to paste under ``items:`` of ``faq.yaml``."""
        item: dict[str, object] = {"id": self.entry_id, "question": self.question, "answer": self.answer}
        topics = as_strings(self.topics)
        if topics:
            item["topics"] = list(topics)
        if self.module.isdigit():
            item["module"] = int(self.module)
        body = yaml.safe_dump([item], allow_unicode=True, sort_keys=False, width=1000, default_flow_style=None)
        return "".join(f"  {line}\n" for line in body.splitlines())
