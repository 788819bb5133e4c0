"""The hybrid retriever on real Thai text: ranking, filters, scores and confidence."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.embedders import Embedder
from knowledge.index import KnowledgeIndex
from knowledge.retriever import HybridRetriever, RetrieverConfig
from knowledge.sync import sync_folders


class CountingEmbedder:
    """The real embedder, counting the queries it is asked to embed (how many per call)."""

    def __init__(self, embedder: Embedder) -> None:
        self._embedder = embedder
        self.embedded: list[int] = []

    def __getattr__(self, name: str) -> object:
        return getattr(self._embedder, name)

    def embed_queries(self, texts: list[str]) -> object:
        self.embedded.append(len(texts))
        return self._embedder.embed_queries(texts)


@pytest.fixture
def retriever(thai_folder: Path, index_dir: Path, embedder: Embedder) -> HybridRetriever:
    sync_folders([thai_folder], index_dir, embedder)
    return HybridRetriever(KnowledgeIndex.open(index_dir, embedder), embedder)


def test_informal_question_finds_the_worked_example(retriever: HybridRetriever) -> None:
    result = retriever.retrieve("ค่าไฟ10000หน่วยต่อเดือนปล่อยคาร์บอนเท่าไหร่ครับ", k=3)
    top = result.passages[0]
    assert top.chunk.source == "week03.md"
    assert "4,750" in top.chunk.text
    assert top.chunk.heading_path == ("ตัวอย่างการคำนวณ",)
    assert top.keyword_score is not None and top.keyword_score > 0
    assert top.dense_score is not None and 0 < top.dense_score <= 1
    assert [p.score for p in result.passages] == sorted((p.score for p in result.passages), reverse=True)


def test_filters_restrict_both_sides(retriever: HybridRetriever) -> None:
    result = retriever.retrieve("คาร์บอนเครดิต", k=5, filters={"module": 3})
    assert result.passages
    assert all(p.chunk.module == 3 for p in result.passages)
    by_source = retriever.retrieve("ไฟฟ้า", k=5, filters={"source": "credits.txt"})
    assert all(p.chunk.source == "credits.txt" for p in by_source.passages)


def test_confidence_is_higher_for_covered_questions(retriever: HybridRetriever) -> None:
    covered = retriever.retrieve("ค่าการปล่อยก๊าซเรือนกระจกของไฟฟ้าจาก อบก. เท่ากับเท่าไร", k=3)
    unrelated = retriever.retrieve("สูตรต้มยำกุ้งน้ำข้นใส่นมสดกี่ช้อน", k=3)
    assert 0.0 <= unrelated.confidence < covered.confidence <= 1.0


def test_empty_query_returns_nothing_with_zero_confidence(retriever: HybridRetriever) -> None:
    result = retriever.retrieve("   ", k=3)
    assert result.passages == [] and result.confidence == 0.0


@pytest.mark.parametrize("fusion", ["keyword", "dense", "rrf", "minmax"])
def test_every_fusion_method_ranks_the_obvious_passage_first(
    thai_folder: Path, index_dir: Path, embedder: Embedder, fusion: str
) -> None:
    sync_folders([thai_folder], index_dir, embedder)
    retriever = HybridRetriever(KnowledgeIndex.open(index_dir, embedder), embedder, RetrieverConfig(fusion=fusion))
    assert retriever.retrieve("โครงการ T-VER ของ อบก.", k=1).passages[0].chunk.source == "credits.txt"


def test_vectors_the_caller_has_are_used_instead_of_embedding_again(
    thai_folder: Path, index_dir: Path, embedder: Embedder
) -> None:
    sync_folders([thai_folder], index_dir, embedder)
    counting = CountingEmbedder(embedder)
    retriever = HybridRetriever(KnowledgeIndex.open(index_dir, embedder), counting)  # type: ignore[arg-type]
    questions = ["ค่าไฟ10000หน่วยต่อเดือนปล่อยคาร์บอนเท่าไหร่ครับ", "คาร์บอนเครดิตซื้อขายที่ไหน"]
    fresh = retriever.retrieve_many(questions, k=3)
    kept = retriever.retrieve_many(questions, k=3, vectors=embedder.embed_queries(questions))
    assert counting.embedded == [2]  # only the first call embedded
    for a, b in zip(fresh, kept, strict=True):
        assert [p.chunk.text for p in a.passages] == [p.chunk.text for p in b.passages]
        assert a.confidence == pytest.approx(b.confidence)


def test_a_message_judged_before_retrieval_is_embedded_once(
    thai_folder: Path, index_dir: Path, embedder: Embedder
) -> None:
    sync_folders([thai_folder], index_dir, embedder)
    counting = CountingEmbedder(embedder)
    retriever = HybridRetriever(KnowledgeIndex.open(index_dir, embedder), counting)  # type: ignore[arg-type]
    question = "ใช้ไฟเดือนละ 8000 หน่วย ปล่อยคาร์บอนเท่าไหร่คะ"
    vector = retriever.query_vector(question)  # what the engine asks for to judge the message
    result = retriever.retrieve(question)
    assert counting.embedded == [1]
    assert vector is not None and result.vector == pytest.approx(vector)
    assert result.passages and result.passages[0].chunk.source == "week03.md"


GLOSSARY_ENTRY = "ภาษีคาร์บอน (carbon tax): ภาษีที่รัฐเก็บตามปริมาณคาร์บอนของเชื้อเพลิง ใครเก็บภาษีคาร์บอน\n"
NOTES = {
    "excise.txt": "ผู้ผลิตและผู้นำเข้าน้ำมันจ่ายรวมในอัตราสรรพสามิตเดิม ราคาขายปลีกจึงไม่เปลี่ยน\n",
    "pricing.txt": "อัตราที่กรมสรรพสามิตคิดกับดีเซลและเบนซินรวมส่วนของก๊าซเรือนกระจกไว้แล้ว\n",
    "solar.txt": "การติดตั้งแผงโซลาร์บนหลังคาโรงงานช่วยลดค่าไฟฟ้า ควรตรวจโครงสร้างหลังคาก่อนติดตั้ง\n",
    "boiler.txt": "หม้อไอน้ำที่ใช้น้ำมันเตาควรตรวจประสิทธิภาพการเผาไหม้ทุกปี\n",
    "label.txt": "ฉลากคาร์บอนฟุตพริ้นท์ของผลิตภัณฑ์ขอได้ที่ อบก. หลังทวนสอบ\n",
}


def test_a_glossary_entry_matching_every_word_does_not_bury_the_other_keyword_matches(
    tmp_path: Path, index_dir: Path, embedder: Embedder
) -> None:
    """A term's glossary entry matches every word of the question and scores four times the rest
    on BM25; the passage below it that answers with the question's words (น้ำมัน) must still rank
    above one that shares none of them and is found on vectors alone."""
    folder = tmp_path / "course"
    folder.mkdir()
    (folder / "glossary.txt").write_text(GLOSSARY_ENTRY, encoding="utf-8")
    for name, text in NOTES.items():
        (folder / name).write_text(text, encoding="utf-8")
    sync_folders([folder], index_dir, embedder)
    retriever = HybridRetriever(KnowledgeIndex.open(index_dir, embedder), embedder)
    result = retriever.retrieve("ภาษีคาร์บอนใครเก็บจากน้ำมันครับ", k=6)
    sources = [p.chunk.source for p in result.passages]
    assert sources[0] == "glossary.txt"
    assert sources.index("excise.txt") < sources.index("pricing.txt")
