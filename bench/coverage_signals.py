"""How well can offline signals tell covered questions from uncovered ones?

The answer policy needs one number that is high for questions the course material answers
and low for those it does not (``bench/answers.py`` measures the policy itself). This
benchmark measures candidate signals on the SME question set (answerable vs unanswerable,
adversarial inputs left out) by ROC AUC: the probability that a random answerable question
scores above a random unanswerable one. 1.0 separates perfectly; 0.5 is a coin.

Signals, each computed on the product's default retrieval of the top 5 passages:
  * ``confidence``: the retriever's calibrated confidence (what the policy uses);
  * ``dense_top``, ``fused_margin``, ``idf_coverage``: its raw features;
  * ``coverage_top3``: the idf-weighted share of the question's content words found (as
    substrings, which tolerates Thai compounds) in the top 3 passages, with chat particles
    and question words left out;
  * ``best_sentence``: the same share within the single best sentence of the top 5, and
    ``best_two_sentences`` within two neighbouring sentences;
  * ``sentence_similarity``: the best cosine between the question and a sentence of the top 3
    passages, with the default embedder;
  * ``combined``: a logistic model over all of the above, scored by 5-fold cross-validation
    repeated 5 times (its in-sample AUC is reported too, to show how much is overfitting).
The best balanced operating point of each signal is reported as well, to show how far each
is from the issue's targets (90% of answerable answered and 90% of unanswerable escalated).

    python bench/coverage_signals.py
"""

from __future__ import annotations

import itertools
import json
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.app.runtime import configure_process

configure_process()

import numpy as np  # noqa: E402
import numpy.typing as npt  # noqa: E402

from bench.common import RESULTS  # noqa: E402
from bench.sample_eval import auc, load_questions  # noqa: E402
from bot.app.cli import sample_folder  # noqa: E402
from bot.app.composition import build_embedder, build_retriever  # noqa: E402
from bot.settings import Settings  # noqa: E402
from ingestion import thai  # noqa: E402
from knowledge.retriever import query_stopwords  # noqa: E402
from knowledge.sync import sync_folders  # noqa: E402

# Chat particles and question words that say nothing about the topic; some are newmm's
# splits of a particle glued to a question word (ไหนคะ -> ไห + นคะ).
_CHAT_WORDS_TEXT = (
    "กี่ ไหน ไห นคะ อ่ะ ฮะ เหรอ ป่าว มั่ง ไร ยังไง ไง ตอนนี้ หน่อย จ้า จัง นึง แน่ งง ดี ไหม มั้ย คะ ครับ ค่ะ "
    "นะ เลย ป่ะ ปะ บ้าง แล้ว ยัง เอา ได้ ต้อง ใช้ ทำ คิด รู้ อยาก ตัว เป๊ะ โดน วันนี้ ปัจจุบัน เท่าไร เท่าไหร่"
)
CHAT_WORDS = frozenset(_CHAT_WORDS_TEXT.split())
_NUMBER = re.compile(r"[\d.,%/]+")
Array = npt.NDArray[np.float64]


def _fit(x: Array, y: Array, positive_weight: float, l2: float = 1.0) -> Array:
    design = np.hstack([np.ones((len(x), 1)), x])
    weights = np.zeros(design.shape[1])
    sample = np.where(y == 1, 1.0, positive_weight)
    penalty = l2 * np.diag(np.r_[0.0, np.ones(design.shape[1] - 1)])
    for _ in range(50):
        p = 1 / (1 + np.exp(-design @ weights))
        gradient = design.T @ (sample * (p - y)) + penalty @ weights
        hessian = (design * (sample * p * (1 - p))[:, None]).T @ design + penalty
        weights -= np.linalg.solve(hessian, gradient)
    return weights


def _predict(weights: Array, x: Array) -> Array:
    result: Array = 1 / (1 + np.exp(-(np.hstack([np.ones((len(x), 1)), x]) @ weights)))
    return result


def _balanced_point(scores: Array, y: Array) -> dict[str, float]:
    best = (0.0, 0.0, 0.0, 0.0)
    for threshold in np.unique(scores):
        answered = float(np.mean(scores[y == 1] >= threshold))
        escalated = float(np.mean(scores[y == 0] < threshold))
        if min(answered, escalated) > min(best[1], best[2]):
            best = (float(threshold), answered, escalated, 0.0)
    return {"answerable_answered": round(best[1], 3), "unanswerable_escalated": round(best[2], 3)}


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="nzap-signals-"))
    settings = Settings(_env_file=None, data_dir=work, index_dir=work / "index")
    embedder = build_embedder(settings)
    sync_folders([sample_folder()], settings.resolved_index_dir(), embedder)
    retriever = build_retriever(settings, embedder)
    keyword = retriever.index.keyword
    stopwords = query_stopwords() | CHAT_WORDS
    questions = [q for q in load_questions() if q["type"] in ("answerable", "unanswerable")]
    names = [
        "confidence", "dense_top", "fused_margin", "idf_coverage", "coverage_top3",
        "best_sentence", "best_two_sentences", "sentence_similarity",
    ]  # fmt: skip
    rows: list[list[float]] = []
    labels: list[float] = []
    for q in questions:
        text = str(q["question"])
        result = retriever.retrieve(text, k=5)
        tokens = dict.fromkeys(keyword.query_tokens(text))
        words = [t for t in tokens if t not in stopwords and not _NUMBER.fullmatch(t)]
        idf = {t: keyword.idf(t) for t in words}
        total = sum(idf.values()) or 1.0

        def share(haystack: str, idf: dict[str, float] = idf, total: float = total) -> float:
            return sum(w for t, w in idf.items() if t in haystack) / total

        folded = [thai.fold_for_matching(p.chunk.embedding_text()) for p in result.passages]
        sentences = [[thai.fold_for_matching(s) for s in thai.sentences(p.chunk.text)] for p in result.passages]
        best_one = max((share(s) for group in sentences for s in group), default=0.0)
        best_two = max((share(a + b) for group in sentences for a, b in itertools.pairwise(group)), default=0.0)
        raw = [s for p in result.passages[:3] for s in thai.sentences(p.chunk.text) if len(s) > 15]
        similarity = 0.0
        if raw:
            vectors = embedder.embed_documents(raw)
            similarity = float(np.max(vectors @ embedder.embed_queries([text])[0]))
        features = result.features
        rows.append([
            result.confidence, features.get("dense_top", 0.0), features.get("fused_margin", 0.0),
            features.get("idf_coverage", 0.0), share(" ".join(folded[:3])),
            best_one, max(best_one, best_two), similarity,
        ])  # fmt: skip
        labels.append(1.0 if q["type"] == "answerable" else 0.0)

    x, y = np.array(rows), np.array(labels)
    report: dict[str, object] = {"answerable": int(y.sum()), "unanswerable": int(len(y) - y.sum()), "signals": {}}
    signals: dict[str, object] = {}
    for i, name in enumerate(names):
        column = x[:, i]
        signals[name] = {
            "auc": round(auc(list(column[y == 1]), list(column[y == 0])), 3),
            **_balanced_point(column, y),
        }
    z = (x - x.mean(0)) / (x.std(0) + 1e-9)
    weight = float(y.sum() / (len(y) - y.sum()))
    scores = np.zeros(len(y))
    rng = np.random.default_rng(0)
    repeats = 5
    for _ in range(repeats):
        folds = np.array_split(rng.permutation(len(y)), 5)
        for fold in folds:
            train = np.setdiff1d(np.arange(len(y)), fold)
            scores[fold] += _predict(_fit(z[train], y[train], weight), z[fold]) / repeats
    in_sample = _predict(_fit(z, y, weight), z)
    signals["combined"] = {
        "auc": round(auc(list(scores[y == 1]), list(scores[y == 0])), 3),
        "auc_in_sample": round(auc(list(in_sample[y == 1]), list(in_sample[y == 0])), 3),
        **_balanced_point(scores, y),
    }
    report["signals"] = signals
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "coverage_signals.json").write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
