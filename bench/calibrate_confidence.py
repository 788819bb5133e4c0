"""Fit the retriever's confidence (probability that the top passage is relevant).

Labelled queries come from three places, each run through the product's default retriever:
  * XQuAD-th and iApp questions over their own corpus: label 1 when the top passage is the
    question's paragraph, else 0;
  * questions of each set asked against the other corpus: label 0 (nothing there answers);
  * our SME question set over the bundled sample: answerable ones labelled by whether the top
    passage comes from the answering module or quotes the gold answer (a FAQ or glossary entry
    that does neither is left out: it may answer in its own words), unanswerable ones 0.
A logistic model over the retriever's features is fitted (L2-regularised Newton steps) and
checked with 5-fold cross-validation (Brier score and expected calibration error); the
weights go to ``knowledge/confidence.json``.

Needs the benchmark indexes from ``bench/retrieval.py`` (same ``--work`` folder) and builds
the sample index itself.

    python bench/calibrate_confidence.py
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.app.runtime import configure_process

configure_process()

import numpy as np  # noqa: E402
import numpy.typing as npt  # noqa: E402

from bench.common import RESULTS, load_iapp, load_xquad  # noqa: E402
from bench.sample_eval import load_questions  # noqa: E402
from bot.app.cli import sample_folder  # noqa: E402
from ingestion.chunking import ChunkingConfig  # noqa: E402
from knowledge.confidence import FEATURES  # noqa: E402
from knowledge.embedders import EmbedderConfig, make_embedder  # noqa: E402
from knowledge.index import KnowledgeIndex  # noqa: E402
from knowledge.retriever import HybridRetriever  # noqa: E402
from knowledge.sync import sync_folders  # noqa: E402

CONFIDENCE_FILE = Path(__file__).resolve().parents[1] / "knowledge" / "confidence.json"


def fit(x: npt.NDArray[np.float64], y: npt.NDArray[np.float64], l2: float = 1e-2) -> npt.NDArray[np.float64]:
    """Logistic regression by Newton's method; returns [bias, weights...]."""
    design = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(design.shape[1])
    penalty = l2 * np.eye(design.shape[1])
    penalty[0, 0] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-design @ w))
        gradient = design.T @ (p - y) + penalty @ w
        hessian = design.T @ (design * (p * (1 - p))[:, None]) + penalty
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def predict(w: npt.NDArray[np.float64], x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    return np.asarray(1 / (1 + np.exp(-(w[0] + x @ w[1:]))), dtype=np.float64)


def ece(p: npt.NDArray[np.float64], y: npt.NDArray[np.float64], bins: int = 10) -> float:
    edges = np.linspace(0, 1, bins + 1)
    total = 0.0
    for low, high in itertools.pairwise(edges):
        mask = (p >= low) & ((p < high) if high < 1 else (p <= high))
        if mask.any():
            total += mask.sum() / len(p) * abs(p[mask].mean() - y[mask].mean())
    return float(total)


def collect(work: Path) -> tuple[list[list[float]], list[int], list[str]]:
    embedder = make_embedder(EmbedderConfig())
    rows: list[list[float]] = []
    labels: list[int] = []
    groups: list[str] = []
    rng = random.Random(7)
    datasets = {"xquad": load_xquad(), "iapp": load_iapp()}
    max_tokens = ChunkingConfig().max_tokens
    for name, dataset in datasets.items():
        index = KnowledgeIndex.open(work / f"{name}-{max_tokens}", embedder)
        retriever = HybridRetriever(index, embedder)
        other = datasets["iapp" if name == "xquad" else "xquad"]
        own = rng.sample(dataset.queries, min(600, len(dataset.queries)))
        foreign = rng.sample(other.queries, 300)
        for (question, gold), label_group in [*((q, "own") for q in own), *((q, "foreign") for q in foreign)]:
            result = retriever.retrieve(question, k=1)
            if not result.passages:
                continue
            correct = label_group == "own" and result.passages[0].chunk.source == gold
            rows.append([result.features[f] for f in FEATURES])
            labels.append(int(correct))
            groups.append(f"{name}-{label_group}")
    sample_dir = Path(tempfile.mkdtemp(prefix="nzap-calib-")) / "index"
    sync_folders([sample_folder()], sample_dir, embedder)
    index = KnowledgeIndex.open(sample_dir, embedder)
    retriever = HybridRetriever(index, embedder)
    for q in load_questions():
        if q["type"] == "adversarial":
            continue
        result = retriever.retrieve(str(q["question"]), k=1)
        if not result.passages:
            continue
        top = result.passages[0].chunk
        if q["type"] == "answerable":
            gold = "".join(str(q["gold_answer"]).split())
            correct = Path(top.source).stem == Path(str(q["source"])).stem or gold in "".join(top.text.split())
            if not correct and top.kind != "course":
                # A FAQ or glossary entry may answer in its own words: its relevance cannot be
                # judged against the module's gold span, so it is left out rather than guessed.
                continue
        else:
            correct = False
        rows.append([result.features[f] for f in FEATURES])
        labels.append(int(correct))
        groups.append(f"sample-{q['type']}")
    return rows, labels, groups


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--work", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "nzap-bench")
    args = parser.parse_args()
    rows, labels, groups = collect(args.work)
    x, y = np.array(rows, dtype=np.float64), np.array(labels, dtype=np.float64)
    folds = np.arange(len(y)) % 5
    np.random.default_rng(3).shuffle(folds)
    held_out = np.zeros(len(y))
    for k in range(5):
        w = fit(x[folds != k], y[folds != k])
        held_out[folds == k] = predict(w, x[folds == k])
    w = fit(x, y)
    by_group = {
        g: {
            "n": int(sum(1 for gg in groups if gg == g)),
            "mean_label": round(float(y[[gg == g for gg in groups]].mean()), 3),
            "mean_confidence": round(float(held_out[[gg == g for gg in groups]].mean()), 3),
        }
        for g in sorted(set(groups))
    }
    report = {
        "fitted": date.today().isoformat(),
        "how": "logistic regression on retriever features; labels from XQuAD-th, iApp (own and foreign "
        "questions) and the SME question set; see bench/calibrate_confidence.py",
        "examples": len(y),
        "cv_brier": round(float(np.mean((held_out - y) ** 2)), 4),
        "cv_ece": round(ece(held_out, y), 4),
        "groups": by_group,
        "bias": round(float(w[0]), 4),
        "weights": {f: round(float(v), 4) for f, v in zip(FEATURES, w[1:], strict=True)},
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))
    CONFIDENCE_FILE.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "confidence_calibration.json").write_text(
        json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8"
    )


if __name__ == "__main__":
    main()
