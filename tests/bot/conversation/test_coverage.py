"""The three tiers come from measured signals and fitted cut-offs shipped with the package."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from bot.conversation.composer import clip
from bot.conversation.coverage import FEATURES, HEDGES, CoverageModel, Signals, Tier


def _signals(**changes: float) -> Signals:
    good = {
        "confidence": 0.95,
        "lead_coverage": 1.0,
        "passage_coverage": 1.0,
        "missing_share": 0.0,
        "missing_rare": 0.0,
        "unknown_share": 0.0,
        "hedged": 0.0,
        "type_ok": 1.0,
        "focus_in_lead": 1.0,
        "current": 0.0,
        "rare_in_lead": 1.0,
    }
    return Signals(**{**good, **changes})


def test_the_bundled_model_says_how_it_was_fitted() -> None:
    data = json.loads(resources.files("knowledge").joinpath("coverage.json").read_text(encoding="utf-8"))
    assert set(data["weights"]) == set(FEATURES)
    assert 0 < data["thresholds"]["partial"] < data["thresholds"]["answered"] < 1
    assert data["auc"]["model_leave_one_out"] > 0.8 and "informal_tuning.jsonl" in data["fitted_on"]
    # Only the tuning set and sets marked spent (measured once, fairly, before any tuning) are fitted on.
    readme = (Path(__file__).resolve().parents[3] / "bench" / "data" / "README.md").read_text(encoding="utf-8")
    spent = {line.split("`")[1] for line in readme.splitlines() if line.startswith("| `") and "**spent**" in line}
    assert set(data["fitted_on"]) <= spent | {"informal_tuning.jsonl"}


def test_a_well_covered_question_is_answered_and_a_gap_is_not() -> None:
    model = CoverageModel.bundled()
    assert model.tier(model.probability(_signals())) is Tier.ANSWERED
    gap = _signals(
        lead_coverage=0.4, passage_coverage=0.6, missing_share=0.4, missing_rare=1.0, focus_in_lead=0.0, rare_in_lead=0.0
    )
    assert model.tier(model.probability(gap)) is not Tier.ANSWERED


def test_more_of_the_question_missing_never_raises_the_probability() -> None:
    model = CoverageModel.bundled()
    probabilities = [model.probability(_signals(missing_share=m, missing_rare=m)) for m in (0.0, 0.3, 0.6, 1.0)]
    assert probabilities == sorted(probabilities, reverse=True)


def test_nothing_retrieved_is_not_covered() -> None:
    model = CoverageModel.bundled()
    assert model.tier(0.99, has_passages=False) is Tier.NOT_COVERED


def test_the_material_s_own_hedges_are_recognised() -> None:
    assert HEDGES.search("เดิมกำหนดปิดรับคำขอวันที่ 30 ธันวาคม 2025 ส่วนกำหนดเวลาปัจจุบันยังไม่ยืนยัน")
    assert HEDGES.search("วิธีนับส่วนที่ส่งออกควรปรึกษาผู้ทวนสอบก่อน")
    assert HEDGES.search("ราคาขึ้นอยู่กับขนาดระบบ")
    assert not HEDGES.search("ค่าการปล่อยของไฟฟ้าคือ 0.4750 kgCO2e ต่อ kWh")


def test_a_long_sentence_is_cut_at_a_word() -> None:
    text = "ราคาติดตั้ง ประมาณ 18,000 บาทต่อ kWp " * 20
    cut = clip(text, 300)
    assert len(cut) <= 300 and cut.endswith("…") and text.startswith(cut[:-1])
    assert clip("สั้น", 300) == "สั้น"


def test_more_of_the_question_found_never_lowers_the_probability() -> None:
    """The fit keeps every signal to its direction (a free fit on five sets gave ``rare_in_lead`` a
    negative weight beside ``lead_coverage``): finding more of the question never counts against it."""
    model = CoverageModel.bundled()
    assert model.probability(_signals(rare_in_lead=0.0)) <= model.probability(_signals())
    for name in ("confidence", "lead_coverage", "passage_coverage", "type_ok", "focus_in_lead"):
        assert model.probability(_signals(**{name: 0.0})) <= model.probability(_signals()), name
    for name in ("hedged", "current", "unknown_share"):
        assert model.probability(_signals(**{name: 1.0})) <= model.probability(_signals()), name

