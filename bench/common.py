"""Shared pieces of the benchmarks: datasets, metrics, timing."""

from __future__ import annotations

import json
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tests.shared_files import shared_dir

SHARED = shared_dir() / "benchmarks"
RESULTS = Path(__file__).resolve().parent / "results"


@dataclass(frozen=True)
class Dataset:
    name: str
    passages: dict[str, str]
    queries: list[tuple[str, str]]  # (question, gold passage id)


def load_xquad(root: Path = SHARED) -> Dataset:
    data = json.loads((root / "xquad-th" / "xquad.th.json").read_text(encoding="utf-8"))
    passages: dict[str, str] = {}
    queries: list[tuple[str, str]] = []
    for article in data["data"]:
        for paragraph in article["paragraphs"]:
            pid = f"x{len(passages):04d}"
            passages[pid] = paragraph["context"]
            queries.extend((qa["question"], pid) for qa in paragraph["qas"])
    return Dataset("xquad-th", passages, queries)


def load_iapp(root: Path = SHARED) -> Dataset:
    folder = root / "iapp-wiki-qa"
    passages: dict[str, str] = {}
    by_text: dict[str, str] = {}
    for line in (folder / "contexts_all.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        pid = f"i{len(passages):04d}"
        passages[pid] = row["context"]
        by_text[row["context"]] = pid
    queries = []
    for line in (folder / "test.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        queries.append((row["question"], by_text[row["context"]]))
    return Dataset("iapp", passages, queries)


def ranks(ranked_ids: Sequence[Sequence[str]], gold: Sequence[str]) -> dict[str, float]:
    """hit@1, hit@5, MRR@10 over paragraph ids (already de-duplicated, best first)."""
    h1 = h5 = mrr = 0.0
    for ids, g in zip(ranked_ids, gold, strict=True):
        top = list(ids)[:10]
        if g in top:
            r = top.index(g) + 1
            h1 += r == 1
            h5 += r <= 5
            mrr += 1.0 / r
    n = len(gold)
    return {"hit@1": round(h1 / n, 4), "hit@5": round(h5 / n, 4), "mrr@10": round(mrr / n, 4)}


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else 0.0
