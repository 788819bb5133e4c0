"""Answers written by a LangChain chat model from numbered passages, with checked citations.

The model sees the passages as ``[1]..[n]`` and must cite them the same way. Its reply is
checked, not trusted: markers that name no given passage are removed, the rest are renumbered
in order of first use so that ``[1]`` in the text is the first entry of ``Answer.citations``,
and a reply that cites nothing (or says :data:`NOT_IN_MATERIAL`) is returned as unsupported so
the engine can offer a mentor. When the provider is down, slow or refuses, the offline
``fallback`` answers instead, with a note saying so.

With ``tools`` (:func:`bot.conversation.tools.llm_tools.build_llm_tools`) the model may call the
calculators and the schedule instead of doing arithmetic itself: at most :data:`MAX_TOOL_ROUNDS`
rounds of calls, each answered with a ``ToolMessage`` (an error text for an unknown tool or bad
arguments), then one last request without tools so that the loop always ends in a reply. An
answer that quotes a tool's figures may cite the course file the figures came from instead of a
passage, and carries what the tools computed (``Answer.kind``/``values``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import replace
from importlib.resources.abc import Traversable
from typing import Any

from langchain_core.language_models import BaseChatModel, LanguageModelInput
from langchain_core.messages import AIMessage, BaseMessage, ToolCall, ToolMessage
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate
from langchain_core.runnables import Runnable
from langchain_core.tools import BaseTool

from bot.conversation.answerers.base import Answerer, citation_for
from bot.conversation.answerers.chat_model import build_chat_model, is_provider_error, is_unavailable
from bot.conversation.tools.llm_tools import CALCULATION, ToolRun
from bot.settings import LLMSettings
from bot.types import Answer, Citation, Turn
from knowledge.passages import Passage
from prompts import LANGUAGES, load_labels, load_prompt

logger = logging.getLogger(__name__)

NOT_IN_MATERIAL = "NOT_IN_MATERIAL"
"""The line the model must answer with when the passages do not contain the answer."""

MAX_TOOL_ROUNDS = 3
"""Rounds of tool calls per answer; one more request (without tools) then asks for the reply.

Three covers the real chains (emissions, then the carbon price of the result, then a correction
after an error) while bounding a model that keeps calling tools to four requests.
"""

# A run of markers such as "[2]", "[2][3]" or "[2, 3]", with the spaces before it, so that a
# dropped marker leaves no stray space before the following punctuation.
_MARKERS = re.compile(r"(?P<space>[ \t]*)(?P<run>(?:\[\s*\d+(?:\s*,\s*\d+)*\s*\])+)")
_NUMBER = re.compile(r"\d+")
_ANY_MARKER = re.compile(r"[ \t]*\[\s*\d+(?:\s*,\s*\d+)*\s*\]")
# Reasoning models (Typhoon reasoning, Qwen 3 on Ollama) may put their thinking in the reply;
# an unclosed block means the answer was cut off inside it.
_THINKING = re.compile(r"<think>.*?(?:</think>|\Z)", re.DOTALL | re.IGNORECASE)
# The tags that delimit data blocks in the prompts: data must not be able to close its block.
_DELIMITERS = re.compile(r"</?\s*(?:passages|history|question)\s*>", re.IGNORECASE)
_QUOTES = "\"'“”‘’`"


def question_language(text: str) -> str:
    """``en`` when most letters of ``text`` are Latin, else ``th`` (also for text without letters)."""
    letters = [c for c in text if c.isalpha()]
    latin = sum(1 for c in letters if c.isascii())
    return "en" if letters and 2 * latin > len(letters) else "th"


def _data(text: str) -> str:
    return _DELIMITERS.sub("", text).strip()


def _strip_thinking(reply: str) -> str:
    return _THINKING.sub("", reply).strip()


def format_passages(passages: Sequence[Passage], labels: dict[str, str]) -> str:
    """The passages as numbered blocks: ``[n] title > heading | week | page or slide``, then the text."""
    blocks = []
    for number, passage in enumerate(passages, start=1):
        chunk = passage.chunk
        title = " > ".join(part for part in (chunk.title, *chunk.heading_path) if part)
        header = [f"[{number}] {_data(title)}"]
        if chunk.week is not None:
            header.append(labels["passage_week"].format(week=chunk.week))
        if chunk.page is not None:
            header.append(labels["passage_page"].format(page=chunk.page))
        if chunk.slide is not None:
            header.append(labels["passage_slide"].format(slide=chunk.slide))
        blocks.append(" | ".join(header) + "\n" + _data(chunk.text))
    return "\n\n".join(blocks)


def format_history(history: Sequence[Turn], labels: dict[str, str], turns: int) -> str:
    """The last ``turns`` messages as ``speaker: text`` lines, oldest first."""
    recent = list(history)[-turns:] if turns > 0 else []
    lines = []
    for turn in recent:
        speaker = labels["history_assistant"] if turn.role == "assistant" else labels["history_user"]
        # Old answers cite passages of an earlier retrieval; their numbers would mislead the model.
        text = _ANY_MARKER.sub("", turn.text) if turn.role == "assistant" else turn.text
        lines.append(f"{speaker}: {_data(text)}")
    return "\n".join(lines) or labels["history_none"]


def resolve_citations(reply: str, passages: Sequence[Passage]) -> tuple[str, list[Citation]]:
    """The reply with valid markers renumbered by first use and invalid ones removed, and the citations.

    Two passages with the same citation (same file, page and heading) share one number.
    """
    citations: list[Citation] = []
    numbers: dict[Citation, int] = {}

    def renumber(match: re.Match[str]) -> str:
        kept: list[int] = []
        for raw in _NUMBER.findall(match["run"]):
            given = int(raw)
            if not 1 <= given <= len(passages):
                continue
            citation = citation_for(passages[given - 1])
            if citation not in numbers:
                citations.append(citation)
                numbers[citation] = len(citations)
            if numbers[citation] not in kept:
                kept.append(numbers[citation])
        return match["space"] + "".join(f"[{n}]" for n in kept) if kept else ""

    return _MARKERS.sub(renumber, reply).strip(), citations


def _grounded_share(text: str) -> float:
    """The share of the answer's non-empty lines that cite a passage."""
    lines = [line for line in text.splitlines() if line.strip()]
    return sum(1 for line in lines if _ANY_MARKER.search(line)) / len(lines) if lines else 0.0


def _unsupported(text: str = "") -> Answer:
    return Answer(text=text, citations=[], confidence=0.0, supported=False, mode="llm")


def _first_line(reply: str) -> str:
    for line in reply.splitlines():
        if line.strip():
            return line.strip().strip(_QUOTES).strip()
    return ""


class LLMAnswerer:
    """An :class:`Answerer` that asks a LangChain chat model to answer from the passages.

    ``fallback`` (the offline extractive answerer) answers whenever the provider fails; the
    answer then carries a note for the user. ``history_turns`` recent messages go with each question.
    """

    mode = "llm"

    def __init__(
        self,
        model: BaseChatModel,
        fallback: Answerer,
        history_turns: int = 6,
        prompts_dir: Traversable | None = None,
        tools: Sequence[BaseTool] = (),
    ) -> None:
        self._fallback = fallback
        self._history_turns = history_turns
        self._labels = {language: load_labels(language, prompts_dir) for language in LANGUAGES}
        parser = StrOutputParser()
        # Lines of the instructions long enough to be recognised if a model repeats them.
        self._instruction_lines = {
            line.strip()
            for language in LANGUAGES
            for line in load_prompt("answer", language, prompts_dir).text.splitlines()
            if len(line.strip()) >= 30 and "{" not in line
        }
        self._model = model
        self._tools = {tool.name: tool for tool in tools}
        self._with_tools = _bind(model, list(tools)) if tools else None
        self._answer: dict[str, ChatPromptTemplate] = {}
        self._condense: dict[str, Runnable[dict[str, Any], str]] = {}
        for language in LANGUAGES:
            self._answer[language] = ChatPromptTemplate.from_messages(
                [
                    ("system", load_prompt("answer", language, prompts_dir).text),
                    ("human", load_prompt("answer_user", language, prompts_dir).text),
                ]
            )
            condense_prompt = ChatPromptTemplate.from_messages(
                [("human", load_prompt("condense", language, prompts_dir).text)]
            )
            self._condense[language] = condense_prompt | model | parser

    @property
    def tool_names(self) -> tuple[str, ...]:
        """The tools the model may call (none when no toolbox was given or the model cannot call tools)."""
        return tuple(self._tools) if self._with_tools is not None else ()

    @classmethod
    def from_settings(
        cls, settings: LLMSettings, fallback: Answerer, history_turns: int = 6, tools: Sequence[BaseTool] = ()
    ) -> LLMAnswerer:
        """An answerer over the chat model that ``settings`` describe, with ``tools`` to compute with."""
        return cls(build_chat_model(settings), fallback, history_turns, tools=tools)

    def answer(self, question: str, passages: list[Passage], history: list[Turn]) -> Answer:
        """The model's answer from ``passages``, or the fallback's when the provider fails."""
        if not passages:
            return _unsupported()
        language = question_language(question)
        labels = self._labels[language]
        values = {
            "not_found_marker": NOT_IN_MATERIAL,
            "passages": format_passages(passages, labels),
            "history": format_history(history, labels, self._history_turns),
            "question": _data(question),
        }
        replied = self._converse(self._answer[language].format_messages(**values))
        if replied is None:
            return replace(self._fallback.answer(question, passages, history), note=labels["llm_unavailable"])
        reply, runs = replied
        return self._checked(reply, passages, runs)

    def condense(self, question: str, history: list[Turn]) -> str:
        """``question`` rewritten to stand on its own using ``history``; unchanged without history or on failure."""
        if not history:
            return question
        language = question_language(question)
        values = {
            "history": format_history(history, self._labels[language], self._history_turns),
            "question": _data(question),
        }
        reply = self._invoke(self._condense[language], values)
        if reply is None:
            return question
        return _first_line(_strip_thinking(reply)) or question

    def _converse(self, messages: list[BaseMessage]) -> tuple[str, list[ToolRun]] | None:
        """The model's final reply and the tool runs it relied on; ``None`` when the provider failed.

        Each round the model either replies or asks for tools; the calls are run and their results
        (or error texts) go back as ``ToolMessage``s. After :data:`MAX_TOOL_ROUNDS` rounds the model
        is asked once more without tools, so that it must reply with what it has.
        """
        runs: list[ToolRun] = []
        for round_number in range(MAX_TOOL_ROUNDS + 1):
            model = self._with_tools if self._with_tools is not None and round_number < MAX_TOOL_ROUNDS else self._model
            reply = self._invoke(model, messages)
            if reply is None:
                return None
            if not isinstance(reply, AIMessage) or not (reply.tool_calls or reply.invalid_tool_calls):
                return str(reply.text), runs
            if model is self._model:
                # Asked without tools and still calling them: what text there is, is the reply.
                logger.warning("LLM kept calling tools after %d rounds; using its text", MAX_TOOL_ROUNDS)
                return str(reply.text), runs
            messages = [*messages, reply]
            for call in reply.tool_calls:
                result = self._run_tool(call)
                messages.append(result)
                if result.status == "success" and isinstance(result.artifact, ToolRun):
                    runs.append(result.artifact)
            for invalid in reply.invalid_tool_calls:
                # Arguments that are not JSON at all: the provider could not parse them into a call.
                name = invalid.get("name") or "?"
                text = f"error: the arguments of {name} are not valid JSON; call it again with a JSON object"
                messages.append(ToolMessage(content=text, tool_call_id=invalid.get("id") or "", status="error"))
        return None  # not reached: the last round asks without tools and returns above

    def _run_tool(self, call: ToolCall) -> ToolMessage:
        """The result of one tool call, or an error text when the tool does not exist."""
        tool = self._tools.get(call["name"])
        if tool is None:
            known = ", ".join(self._tools)
            text = f"error: there is no tool named {call['name']!r}; the tools are: {known}"
            return ToolMessage(content=text, tool_call_id=call.get("id") or "", name=call["name"], status="error")
        result = tool.invoke(call)
        assert isinstance(result, ToolMessage)  # a tool invoked with a ToolCall answers with a ToolMessage
        return result

    def _checked(self, reply: str, passages: Sequence[Passage], runs: Sequence[ToolRun] = ()) -> Answer:
        text = _strip_thinking(reply)
        if NOT_IN_MATERIAL in text:
            return _unsupported()
        if any(line in text for line in self._instruction_lines):
            # A model talked into repeating its instructions: the reply is withheld entirely.
            logger.warning("LLM reply repeated the system prompt; withheld")
            return _unsupported()
        text, citations = resolve_citations(text, passages)
        # Figures a tool computed come from the course's own files: those files back the answer too.
        # They go after the passages so that the markers [1]..[n] in the text keep their numbers.
        tool_citations = [c for run in runs for c in run.citations if c not in citations]
        if not citations and not runs:
            return _unsupported(text)
        return Answer(
            text=text,
            citations=[*citations, *dict.fromkeys(tool_citations)],
            confidence=_grounded_share(text),
            supported=True,
            mode="llm",
            kind=_kind(runs),
            values={"tools": [run.as_json() for run in runs]} if runs else None,
        )

    def _invoke(self, runnable: Runnable[Any, Any], values: Any) -> Any:
        """The runnable's output, or ``None`` when the provider failed (logged); any other error is a bug and raises."""
        try:
            return runnable.invoke(values)
        except Exception as error:
            if not is_provider_error(error):
                raise
            self._log_failure(error)
            return None

    @staticmethod
    def _log_failure(error: BaseException) -> None:
        if is_unavailable(error):
            logger.warning("LLM provider unavailable (%s); answering offline", type(error).__name__)
        else:
            # Usually configuration (wrong key, unknown model): worth an operator's attention.
            logger.error("LLM provider refused the request (%s: %s); answering offline", type(error).__name__, error)


def _bind(model: BaseChatModel, tools: list[BaseTool]) -> Runnable[LanguageModelInput, AIMessage] | None:
    """``model`` with ``tools`` bound, or ``None`` (logged) when its integration cannot call tools."""
    try:
        return model.bind_tools(tools)
    except NotImplementedError:
        logger.warning("chat model %s cannot call tools; answering without calculators", type(model).__name__)
        return None


def _kind(runs: Sequence[ToolRun]) -> str | None:
    """``calculation`` when any calculator ran, else ``schedule`` when the schedule did, else ``None``."""
    kinds = {run.kind for run in runs}
    return CALCULATION if CALCULATION in kinds else next(iter(kinds), None)
