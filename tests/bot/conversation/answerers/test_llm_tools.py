"""The LLM answerer computes with the calculators and the schedule, through a real HTTP stand-in of the model.

Expected figures are worked out here from the bundled course's ``emission_factors.yaml``, never
taken from the calculators.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.app.cli import sample_folder
from bot.app.composition import build_engine
from bot.app.terminal import ask_json
from bot.conversation.answerers.llm import MAX_TOOL_ROUNDS, LLMAnswerer
from bot.conversation.tools.llm_tools import build_llm_tools
from bot.conversation.tools.schedule import FixedClock
from bot.conversation.tools.toolbox import Toolbox
from bot.settings import LLMSettings, Settings
from bot.types import IncomingMessage, SourceList, TextReply
from knowledge.embedders import Embedder
from knowledge.sync import sync_folders
from prompts import load_labels
from tests.bot.conversation.answerers.test_llm_answerer import PASSAGES, FixedAnswerer
from tests.consent import consent
from tests.fakes import ChatError, ChatToolCalls, OpenAIChatStandIn, ToolCallSpec

QUESTION = "Our factory uses 50,000 kWh of electricity a month. How much CO2 is that per year?"
ELECTRICITY = ToolCallSpec("emissions", {"activity": "electricity", "amount": 50000, "unit": "kWh", "period": "month"})
FINAL = "Your 50,000 kWh a month emit 285 tCO2e a year (23.75 t a month), at 0.4750 kgCO2e per kWh [1]."


def _grid_factor() -> dict[str, Any]:
    data = yaml.safe_load((Path(sample_folder()) / "emission_factors.yaml").read_text(encoding="utf-8"))
    return next(f for f in data["factors"] if f["id"] == "grid_electricity")


@pytest.fixture
def chat() -> Iterator[OpenAIChatStandIn]:
    with OpenAIChatStandIn() as stand_in:
        yield stand_in


@pytest.fixture
def fallback() -> FixedAnswerer:
    return FixedAnswerer()


@pytest.fixture
def answerer(chat: OpenAIChatStandIn, fallback: FixedAnswerer) -> LLMAnswerer:
    settings = LLMSettings.model_validate(
        {"provider": "openai", "base_url": chat.url, "model": "typhoon-test", "timeout_seconds": 5, "max_retries": 0}
    )
    toolbox = Toolbox.from_course(Path(sample_folder()), clock=FixedClock(date(2026, 12, 1)))
    return LLMAnswerer.from_settings(settings, fallback, tools=build_llm_tools(toolbox))


def test_the_model_gets_the_emissions_computed_from_the_course_factor(
    chat: OpenAIChatStandIn, answerer: LLMAnswerer
) -> None:
    chat.script = [ChatToolCalls((ELECTRICITY,)), FINAL]
    answer = answerer.answer(QUESTION, PASSAGES, [])

    offered = {tool["function"]["name"] for tool in chat.requests[0]["body"]["tools"]}
    assert {"emissions", "solar_rooftop", "carbon_price", "schedule"} <= offered == set(answerer.tool_names)
    assert len(chat.requests) == 2
    [result] = chat.tool_results(1)
    factor = _grid_factor()
    computed = result["parsed"]["result"]
    assert computed["kgco2e"] == pytest.approx(50_000 * factor["value"])
    assert computed["tco2e_per_year"] == pytest.approx(50_000 * factor["value"] * 12 / 1000)
    assert computed["factor"]["year"] == factor["year"] and computed["factor"]["source"] == factor["source"]
    # The model's reply reaches the user, as the calculation it relied on, with the figures kept.
    assert answer.supported and answer.text == FINAL
    assert answer.kind == "calculation"
    assert answer.values is not None
    [run] = answer.values["tools"]  # type: ignore[index]
    assert run["tool"] == "emissions" and run["result"]["kgco2e"] == pytest.approx(50_000 * factor["value"])
    # [1] is still the first passage; the factor file follows it among the sources.
    assert answer.citations[0].source == PASSAGES[0].chunk.source
    assert any(c.source == "emission_factors.yaml" and str(factor["year"]) in c.title for c in answer.citations)


def test_a_calculation_answer_citing_no_passage_is_backed_by_the_factor_file(
    chat: OpenAIChatStandIn, answerer: LLMAnswerer
) -> None:
    chat.script = [ChatToolCalls((ELECTRICITY,)), "That is 285 tCO2e a year."]
    answer = answerer.answer(QUESTION, PASSAGES, [])
    assert answer.supported and [c.source for c in answer.citations] == ["emission_factors.yaml"]


def test_an_unknown_tool_and_bad_arguments_come_back_as_errors_the_model_can_correct(
    chat: OpenAIChatStandIn, answerer: LLMAnswerer
) -> None:
    chat.script = [
        ChatToolCalls(
            (
                ToolCallSpec("calculate_everything", {"x": 1}),
                ToolCallSpec("emissions", {"activity": "electricity", "amount": "lots", "unit": "gallon"}),
                ToolCallSpec("emissions", '{"activity": "electricity", "amount": 5'),
                ToolCallSpec("emissions", {"activity": "coal", "amount": 5, "unit": "tonne", "period": "month"}),
            )
        ),
        ChatToolCalls((ELECTRICITY,)),
        FINAL,
    ]
    answer = answerer.answer(QUESTION, PASSAGES, [])

    errors = [m["content"] for m in chat.tool_results(1)]
    assert len(errors) == 4 and all(e.startswith("error:") for e in errors)
    assert any("no tool named 'calculate_everything'" in e and "emissions" in e for e in errors)
    assert any("invalid arguments for emissions" in e and "amount" in e and "unit" in e for e in errors)
    assert any("not valid JSON" in e for e in errors)
    assert any("ถ่านหิน" in e for e in errors)  # the calculators' own refusal: no sourced factor for coal
    assert len(chat.requests) == 3 and answer.text == FINAL and answer.kind == "calculation"


def test_a_model_that_keeps_calling_tools_is_stopped_within_the_bound(
    chat: OpenAIChatStandIn, answerer: LLMAnswerer
) -> None:
    chat.script = [ChatToolCalls((ToolCallSpec("nonexistent", {}),), text="Let me check again.")]
    answer = answerer.answer(QUESTION, PASSAGES, [])

    assert len(chat.requests) == MAX_TOOL_ROUNDS + 1
    assert all("tools" in r["body"] for r in chat.requests[:-1]) and "tools" not in chat.requests[-1]["body"]
    # Nothing was computed and nothing is cited: the engine offers a mentor instead of an answer.
    assert not answer.supported and answer.kind is None


def test_a_provider_error_during_the_tool_loop_falls_back_to_the_offline_answer(
    chat: OpenAIChatStandIn, answerer: LLMAnswerer, fallback: FixedAnswerer
) -> None:
    chat.script = [ChatToolCalls((ELECTRICITY,)), ChatError(503)]
    answer = answerer.answer(QUESTION, PASSAGES, [])
    assert answer.mode == "extractive" and answer.note == load_labels("en")["llm_unavailable"]
    assert fallback.questions == [QUESTION]


def test_the_schedule_tool_answers_from_the_cohort_dates(chat: OpenAIChatStandIn, answerer: LLMAnswerer) -> None:
    chat.script = [ChatToolCalls((ToolCallSpec("schedule", {"when": "next_week", "about": "date"}),)), "Next week."]
    answer = answerer.answer("when is class next week?", PASSAGES, [])
    [result] = chat.tool_results(1)
    assert result["parsed"]["result"]["date"] == "2026-12-10" and result["parsed"]["result"]["date_be"] == "10/12/2569"
    assert answer.kind == "schedule"


def test_nzap_ask_json_shows_an_llm_calculation_with_its_values(
    chat: OpenAIChatStandIn, tmp_path: Path, embedder: Embedder
) -> None:
    course = tmp_path / "course"
    for part in ("emission_factors.yaml",):
        (course / part).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(Path(sample_folder()) / part, course / part)
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        data_dir=tmp_path / "data",
        llm={"provider": "openai", "base_url": chat.url, "model": "typhoon-test", "timeout_seconds": 5},
    )
    sync_folders([course], settings.resolved_index_dir(), embedder)
    engine = build_engine(settings, embedder)
    consent(engine, "cli", "U1")
    engine.set_language("cli", "U1", "en")
    chat.script = [ChatToolCalls((ELECTRICITY,)), FINAL]

    # Figures in words, which the engine's own calculators do not read: the LLM computes, with the tools.
    worded = "Our plant used fifty thousand units of power each month. What is that in carbon over a year?"
    outcome = engine.process(IncomingMessage(channel="cli", user_id="U1", text=worded))

    shown = ask_json(worded, outcome, "llm")
    assert shown["kind"] == "calculation" and shown["mode"] == "llm"
    assert shown["values"]["tools"][0]["result"]["tco2e_per_year"] == pytest.approx(50_000 * _grid_factor()["value"] * 12 / 1000)
    text = next(r for r in outcome.replies if isinstance(r, TextReply)).text
    assert "285 tCO2e" in text
    sources = next(r for r in outcome.replies if isinstance(r, SourceList))
    assert any(c.source == "emission_factors.yaml" for c in sources.citations)
