"""The index manifest: what built an index, so that a mismatch is caught when it is opened."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 1
TOKENIZER_ID = "pythainlp-newmm+nzap-fold/1"


@dataclass(frozen=True)
class Manifest:
    """Written last into each generation; a generation without one is incomplete."""

    generation: str
    collection: str
    embedder_id: str
    dim: int
    chunking: dict[str, int]
    files: int
    chunks: int
    built_at: str
    build_seconds: float
    schema_version: int = SCHEMA_VERSION
    tokenizer: str = TOKENIZER_ID
    extra: dict[str, Any] = field(default_factory=dict)

    def write(self, path: Path) -> None:
        """Write as JSON (the caller makes the write durable)."""
        path.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=2), encoding="utf-8")

    @classmethod
    def read(cls, path: Path) -> Manifest:
        """Read a manifest written by :meth:`write`."""
        return cls(**json.loads(path.read_text(encoding="utf-8")))
