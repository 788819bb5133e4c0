"""Unanswered and disliked questions grouped into topics, each labelled and placed in the course.

Questions are embedded with the embedder the index uses (the vectors are kept, keyed by the
answer, so a question is embedded once and goes when the question does), then grouped
by average-linkage agglomeration on centred cosine similarity: a handful of topics a
coordinator can read. Each topic is labelled with its most
telling words (pythainlp ``newmm`` tokens weighted by how much more often they occur in the
topic than in the other topics, c-TF-IDF) and mapped to the course module its questions
retrieve most often.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import numpy.typing as npt
from sqlalchemy import delete, insert, select
from sqlalchemy.exc import IntegrityError

from bot.insight.figures import AskedQuestion
from bot.storage.database import Database
from bot.storage.engagement_models import QuestionVector
from ingestion.thai import fold_for_matching
from ingestion.thai.words import tokenize
from knowledge.embedders import Embedder
from knowledge.retriever import HybridRetriever, query_stopwords

_EXAMPLES = 5
_PLACE_BY = 3
"""Example questions retrieved to place a topic in a module (a vote)."""
_LABEL_WORDS = 3
_MIN_LABEL_CHARS = 2
_THAI = re.compile(r"[\u0e00-\u0e7f]")
_EXTRA_STOPWORDS = frozenset(
    {"ครับ", "คะ", "ค่ะ", "นะ", "มั้ย", "ไหม", "ป่าว", "เปล่า", "บ้าง", "ยังไง", "อะไร", "เท่าไหร่", "เท่าไร", "ได้",
     "หรือ", "แบบ", "หน่อย", "คับ", "จ้า", "จ้ะ", "อ่ะ", "อะ", "เลย", "ต้อง", "ไง", "ไร", "กี่", "ควร", "ทำ", "มี"}
)  # fmt: skip
"""Particles and question words owners type that say nothing about the topic."""


@dataclass(frozen=True)
class Topic:
    """A group of similar questions: its label, where it sits in the course, and how it was asked."""

    label: list[str]
    """The topic's most telling words, most telling first."""
    questions: int
    """How many questions (not distinct texts) it holds."""
    examples: list[str]
    """Distinct questions as users typed them, the most asked first."""
    module: int | None = None
    week: int | None = None
    module_title: str | None = None
    why: dict[str, int] = field(default_factory=dict)
    """How many were ``not_covered``, ``partial`` or ``disliked``."""
    channels: dict[str, int] = field(default_factory=dict)
    example_answers: list[int] = field(default_factory=list)
    """For each example, the answer (message id) of its latest asking: whose question a ticket would carry."""


@dataclass
class _Group:
    centre: npt.NDArray[np.float32]
    members: list[int] = field(default_factory=list)
    weight: int = 0


def group_topics(
    questions: Sequence[AskedQuestion],
    embedder: Embedder,
    database: Database | None = None,
    retriever: HybridRetriever | None = None,
    *,
    similarity: float = 0.05,
    max_topics: int = 12,
    cluster_limit: int = 800,
) -> list[Topic]:
    """Topics of ``questions``, largest first (at most ``max_topics``; the rest are left out, not merged).

    ``similarity`` is the average centred cosine below which two groups stay apart; ``cluster_limit``
    bounds the texts clustered pairwise (the most asked), the others join their nearest topic.
    """
    distinct: dict[str, list[AskedQuestion]] = {}
    folded: dict[str, str] = {}  # the same text is asked many times: fold it once (it was half the time)
    for question in questions:
        key = folded.get(question.text)
        if key is None:
            key = folded[question.text] = fold_for_matching(question.text).strip()
        distinct.setdefault(key, []).append(question)
    if not distinct:
        return []
    keys = sorted(distinct, key=lambda k: -len(distinct[k]))
    vectors = _vectors([distinct[k] for k in keys], embedder, database)
    weights = [len(distinct[k]) for k in keys]
    groups = _cluster(vectors, weights, similarity, cluster_limit)
    groups.sort(key=lambda g: -g.weight)
    words = [_words(distinct[k][0].text) for k in keys]
    shown = groups[:max_topics]
    topics = [_topic(group, keys, distinct, words, groups) for group in shown]
    if retriever is None:
        return topics
    # The examples' own vectors (kept, or just embedded) place them: retrieval need not embed them again.
    examples = [vectors[_by_asked(group, keys, distinct)[:_PLACE_BY]] for group in shown]
    return _placed(topics, retriever, examples)


def _by_asked(group: _Group, keys: list[str], distinct: dict[str, list[AskedQuestion]]) -> list[int]:
    """The group's rows, the most asked text first: its examples in order."""
    return sorted(group.members, key=lambda row: -len(distinct[keys[row]]))


def _vectors(
    items: list[list[AskedQuestion]], embedder: Embedder, database: Database | None
) -> npt.NDArray[np.float32]:
    """One unit vector per distinct text: kept ones read back, the others embedded now and kept."""
    dim = embedder.dim
    out = np.zeros((len(items), dim), dtype=np.float32)
    known: dict[int, bytes] = {}
    if database is not None:
        ids = [q.answer_id for group in items for q in group]
        with database.session() as session:
            for start in range(0, len(ids), 5000):
                rows = session.execute(
                    select(QuestionVector.message_id, QuestionVector.vector).where(
                        QuestionVector.embedder == embedder.id, QuestionVector.message_id.in_(ids[start : start + 5000])
                    )
                ).all()
                known.update({message_id: vector for message_id, vector in rows})
    missing: list[int] = []
    for row, group in enumerate(items):
        kept = next((known[q.answer_id] for q in group if q.answer_id in known), None)
        if kept is not None and len(kept) == dim * 4:
            out[row] = np.frombuffer(kept, dtype=np.float32)
        else:
            missing.append(row)
    if missing:
        fresh = np.asarray(embedder.embed_queries([items[row][0].text for row in missing]), dtype=np.float32)
        for row, vector in zip(missing, fresh, strict=True):
            out[row] = vector
    if database is not None:
        _keep(database, embedder.id, items, known, out)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return (out / np.where(norms == 0, 1, norms)).astype(np.float32)


def _keep(
    database: Database,
    embedder_id: str,
    items: list[list[AskedQuestion]],
    known: dict[int, bytes],
    out: npt.NDArray[np.float32],
) -> None:
    """Store the vector of every question that has none yet (one write, whatever the count)."""
    rows = [
        {"message_id": q.answer_id, "embedder": embedder_id, "vector": out[row].tobytes()}
        for row, group in enumerate(items)
        for q in group
        if q.answer_id not in known
    ]
    if not rows:
        return
    try:
        with database.session() as session:
            # A question re-embedded by another model replaces the old vector.
            stale = [r["message_id"] for r in rows]
            for start in range(0, len(stale), 5000):
                batch = stale[start : start + 5000]
                session.execute(delete(QuestionVector).where(QuestionVector.message_id.in_(batch)))
            session.execute(insert(QuestionVector), rows)
    except IntegrityError:
        # Another process (a second worker's report, the dashboard) stored these vectors between our read
        # and this write. The vectors are a cache of the same embedder's output, so theirs serve as well.
        return


def _cluster(vectors: npt.NDArray[np.float32], weights: list[int], similarity: float, limit: int) -> list[_Group]:
    """Average-linkage agglomeration of the ``limit`` most asked texts; every other text joins its nearest group.

    The vectors are centred on their mean first: e5 puts every Thai question within a narrow cone
    (cosines of 0.8-0.9 whatever the topic), and centring spreads them so that one threshold
    separates topics. Merging stops when the best pair of groups is less similar than ``similarity``.
    """
    centred = vectors - vectors.mean(axis=0, keepdims=True)
    centred /= np.maximum(np.linalg.norm(centred, axis=1, keepdims=True), 1e-9)
    head = min(len(centred), limit)
    sims = (centred[:head] @ centred[:head].T).astype(np.float64)
    np.fill_diagonal(sims, -np.inf)
    sizes = np.ones(head)
    members: list[list[int]] = [[row] for row in range(head)]
    for _ in range(head - 1):
        i, j = divmod(int(np.argmax(sims)), head)
        if sims[i, j] < similarity:
            break
        # Lance-Williams update for average linkage: the merged group's similarity to every other group.
        merged = (sizes[i] * sims[i] + sizes[j] * sims[j]) / (sizes[i] + sizes[j])
        sims[i], sims[:, i] = merged, merged
        sims[i, i] = -np.inf
        sims[j], sims[:, j] = -np.inf, -np.inf
        sizes[i] += sizes[j]
        members[i].extend(members[j])
        members[j] = []
    groups = [_Group(centred[rows].mean(axis=0), rows) for rows in members if rows]
    if head < len(centred):
        centres = np.stack([g.centre for g in groups])
        for row in range(head, len(centred)):
            groups[int(np.argmax(centres @ centred[row]))].members.append(row)
    for group in groups:
        group.weight = sum(weights[row] for row in group.members)
    return groups


def _words(text: str) -> set[str]:
    """The content words of a question: newmm tokens and pairs of neighbouring tokens, without particles,
    question words and numbers. Pairs put back what newmm cuts in a chat spelling (``โซ`` + ``ล่า``)."""
    stop = query_stopwords() | _EXTRA_STOPWORDS
    tokens = tokenize(text)
    useful = [w not in stop and not w.replace(".", "").isdigit() for w in tokens]
    words = {w for w, keep in zip(tokens, useful, strict=True) if keep and len(w) >= _MIN_LABEL_CHARS}
    for i in range(len(tokens) - 1):
        if useful[i] and useful[i + 1] and _THAI.match(tokens[i]) and _THAI.match(tokens[i + 1]):
            words.add(tokens[i] + tokens[i + 1])
    return words


def _topic(
    group: _Group,
    keys: list[str],
    distinct: dict[str, list[AskedQuestion]],
    words: list[set[str]],
    groups: list[_Group],
) -> Topic:
    asked = [q for row in group.members for q in distinct[keys[row]]]
    # Each distinct text's first asking in ``distinct`` is its latest (the questions come newest first).
    latest = [distinct[keys[row]][0] for row in _by_asked(group, keys, distinct)]
    return Topic(
        label=_label(group, words, groups, distinct, keys),
        questions=len(asked),
        examples=[q.text for q in latest[:_EXAMPLES]],
        why=dict(Counter(q.why for q in asked).most_common()),
        channels=dict(Counter(q.channel for q in asked).most_common()),
        example_answers=[q.answer_id for q in latest[:_EXAMPLES]],
    )


def _label(
    group: _Group,
    words: list[set[str]],
    groups: list[_Group],
    distinct: dict[str, list[AskedQuestion]],
    keys: list[str],
) -> list[str]:
    """c-TF-IDF: words frequent in this topic's questions and rare in the other topics."""
    in_topic: Counter[str] = Counter()
    for row in group.members:
        for word in words[row]:
            in_topic[word] += len(distinct[keys[row]])
    topics_with: Counter[str] = Counter()
    for other in groups:
        topics_with.update({w for row in other.members for w in words[row]})
    scored = {w: n * math.log(1 + len(groups) / topics_with[w]) for w, n in in_topic.items()}
    label: list[str] = []
    # Best first, the longer word on a tie; a word inside one already chosen (ล่า in โซล่า) adds nothing.
    for word, _ in sorted(scored.items(), key=lambda item: (-round(item[1], 6), -len(item[0]), item[0])):
        if not any(word in chosen or chosen in word for chosen in label):
            label.append(word)
        if len(label) == _LABEL_WORDS:
            break
    return label


def _placed(
    topics: list[Topic], retriever: HybridRetriever, vectors: list[npt.NDArray[np.float32]]
) -> list[Topic]:
    """Each topic with the course module its example questions retrieve most often (top passage, a vote)."""
    placed = []
    for topic, examples in zip(topics, vectors, strict=True):
        results = retriever.retrieve_many(topic.examples[:_PLACE_BY], k=3, vectors=examples)
        votes: Counter[tuple[int | None, int | None, str]] = Counter()
        for result in results:
            # The best passage that belongs to a module (a glossary or FAQ entry belongs to none).
            chunks = [p.chunk for p in result.passages]
            chunk = next((c for c in chunks if c.module is not None), chunks[0] if chunks else None)
            if chunk is not None:
                votes[(chunk.module, chunk.week, chunk.title)] += 1
        if not votes:
            placed.append(topic)
            continue
        (module, week, title), _ = votes.most_common(1)[0]
        placed.append(replace(topic, module=module, week=week, module_title=title))
    return placed
