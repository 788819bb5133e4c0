"""Chunks are whole sentences, fit the embedder, carry their place, and keep stable ids."""

from __future__ import annotations

import itertools

from pythainlp.tokenize import word_tokenize

from ingestion.chunking import ChunkingConfig, chunk_document
from ingestion.documents import LoadedDocument, Section
from knowledge.embedders import Embedder

LONG_THAI = (
    "การใช้พลังงานอย่างมีประสิทธิภาพช่วยลดต้นทุนและลดการปล่อยก๊าซเรือนกระจกของกิจการขนาดกลางและขนาดย่อม "
    "ผู้ประกอบการควรเริ่มจากการสำรวจการใช้ไฟฟ้าของเครื่องจักรแต่ละเครื่อง "
    "มอเตอร์ที่ติดตั้งอุปกรณ์ปรับความเร็วรอบสามารถลดการใช้ไฟฟ้าได้มากเมื่อทำงานที่ความเร็วต่ำกว่าพิกัด "
    "ระบบอัดอากาศที่รั่วทำให้สูญเสียพลังงานโดยไม่มีใครสังเกต "
)


def _document(text: str) -> LoadedDocument:
    return LoadedDocument(
        source="modules/week04.md",
        title="การใช้พลังงานอย่างมีประสิทธิภาพ",
        module=4,
        week=4,
        sections=(Section("บทนำ", ("บทนำ",)), Section(text, ("มอเตอร์", "อุปกรณ์ปรับรอบ"))),
    )


def test_chunks_fit_the_embedder_with_their_title_and_headings(embedder: Embedder) -> None:
    config = ChunkingConfig(max_tokens=96, overlap_tokens=16)
    chunks = chunk_document(_document(LONG_THAI * 6), "hash", config, embedder.count_tokens)
    assert len(chunks) > 3
    for chunk in chunks:
        assert embedder.count_tokens(chunk.embedding_text()) <= config.max_tokens + 8
        assert chunk.title == "การใช้พลังงานอย่างมีประสิทธิภาพ"
        assert chunk.module == 4 and chunk.week == 4
    body = [c for c in chunks if c.heading_path == ("มอเตอร์", "อุปกรณ์ปรับรอบ")]
    assert body and body[0].embedding_text().startswith("การใช้พลังงานอย่างมีประสิทธิภาพ > มอเตอร์ > อุปกรณ์ปรับรอบ")


def test_no_chunk_starts_or_ends_inside_a_word(embedder: Embedder) -> None:
    # One 2,000-character sentence with no spaces forces cuts between words.
    sentence = LONG_THAI.replace(" ", "") * 5
    words = word_tokenize(sentence, engine="newmm")
    boundaries = {sum(len(w) for w in words[:i]) for i in range(len(words) + 1)}
    chunks = chunk_document(
        _document(sentence), "hash", ChunkingConfig(max_tokens=80, overlap_tokens=0), embedder.count_tokens
    )
    body = [c.text for c in chunks if c.heading_path[0] == "มอเตอร์"]
    assert len(body) > 3
    assert "".join(body) == sentence
    position = 0
    for text in body:
        assert position in boundaries
        position += len(text)


def test_neighbouring_chunks_overlap(embedder: Embedder) -> None:
    chunks = chunk_document(
        _document(LONG_THAI * 6), "hash", ChunkingConfig(max_tokens=96, overlap_tokens=40), embedder.count_tokens
    )
    body = [c.text for c in chunks if c.heading_path[0] == "มอเตอร์"]
    assert any(a.split(" ")[-1] in b for a, b in itertools.pairwise(body))


def test_ids_are_stable_and_change_with_content(embedder: Embedder) -> None:
    first = chunk_document(_document(LONG_THAI), "h1", ChunkingConfig(), embedder.count_tokens)
    again = chunk_document(_document(LONG_THAI), "h1", ChunkingConfig(), embedder.count_tokens)
    edited = chunk_document(_document(LONG_THAI + "เพิ่มประโยคใหม่"), "h2", ChunkingConfig(), embedder.count_tokens)
    assert [c.id for c in first] == [c.id for c in again]
    assert len({c.id for c in first}) == len(first)
    assert first[-1].id != edited[-1].id
    assert first[0].id == edited[0].id  # the untouched introduction keeps its id
