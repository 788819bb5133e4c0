"""``nzap ask`` and ``nzap chat``: the conversation engine in a terminal."""

from __future__ import annotations

import getpass
import json
from pathlib import Path
from typing import Any, TextIO

from bot.app.composition import build_services
from bot.app.evaluation import evaluate, format_report, load_question_set
from bot.buttons import ButtonPayload
from bot.conversation.engine import ConversationEngine, Outcome
from bot.conversation.policy import Decision
from bot.conversation.replies import ACCEPT_ESCALATION
from bot.i18n.render import citation_line, render_text
from bot.settings import Settings
from bot.types import IncomingMessage, QuickReplies, SourceList
from ingestion import thai

EXIT_WORDS = {"exit", "quit", "/exit", "/quit", "ออก", "จบ"}


_TOOLS = ("calculation", "schedule")
_TOOL_COVERAGE = "answered"


def _is_offer(action: str) -> bool:
    """Whether a button's payload is the "pass it to a mentor" offer (whatever turn it belongs to)."""
    pressed = ButtonPayload.decode(action)
    return pressed is not None and pressed.kind == ACCEPT_ESCALATION


def _answered(outcome: Outcome) -> bool:
    values = outcome.values or {}
    return not values.get("clarify") and not values.get("refused")


def ask_json(question: str, outcome: Outcome, mode: str) -> dict[str, Any]:
    """The stable JSON shape of one answered question.

    ``escalate`` is true only when the material does not cover the question (``coverage`` is
    ``not_covered``); ``kind`` says what the reply is (``answer``, ``smalltalk``, ``out_of_scope``,
    ``refusal``, ``calculation``, ``schedule``, ...); ``values`` holds what a tool computed.
    """
    citations = [c for r in outcome.replies if isinstance(r, SourceList) for c in r.citations]
    text = render_text([r for r in outcome.replies if not isinstance(r, SourceList)], "th")
    return {
        "question": question,
        "answer": text,
        "citations": [
            {
                "source": c.source,
                "title": c.title,
                "label": citation_line(c, "th"),
                "page": c.page,
                "module": None if c.module is None else str(c.module),
                "week": c.week,
            }
            for c in citations
        ],
        "confidence": round(outcome.retrieval.confidence, 4) if outcome.retrieval else 0.0,
        "escalate": outcome.coverage == "not_covered" or outcome.decision is Decision.ESCALATE,
        # A calculator or schedule answer is answered from the course's own files (unless it asks back).
        "coverage": outcome.coverage or (_TOOL_COVERAGE if outcome.kind in _TOOLS and _answered(outcome) else None),
        "kind": outcome.kind,
        "values": outcome.values or {},
        "mentor_offered": any(
            isinstance(r, QuickReplies) and any(_is_offer(o.action) for o in r.options) for r in outcome.replies
        ),
        "mode": outcome.answer.mode if outcome.answer else mode,
    }


def ask(settings: Settings, question: str, as_json: bool, stdin: TextIO, stdout: TextIO) -> int:
    """Answer one question, or one per line of standard input, each on its own (no shared history)."""
    # Questions asked from the command line are not kept: the conversation lives in memory only.
    engine = build_services(settings, database_url="sqlite://", rate_limits=False, footprints=False).engine
    mode = "extractive" if settings.llm.provider == "none" else "llm"
    questions = [line.rstrip("\n") for line in stdin] if question == "-" else [question]
    for number, text in enumerate(questions):
        if question == "-" and not text.strip():
            continue
        # The terminal is a channel: what arrives is normalised here, once (see IncomingMessage).
        outcome = engine.process(IncomingMessage(channel="cli", user_id=f"ask-{number}", text=thai.normalize(text)))
        if as_json:
            stdout.write(json.dumps(ask_json(text, outcome, mode), ensure_ascii=False) + "\n")
        else:
            stdout.write(render_text(outcome.replies, settings.language) + "\n")
        stdout.flush()
    return 0


def evaluate_set(settings: Settings, path: Path, as_json: bool, stdout: TextIO) -> int:
    """``nzap eval``: every question of a set asked on its own, through the configured answerer."""
    engine = build_services(settings, database_url="sqlite://", rate_limits=False, footprints=False).engine
    mode = "extractive" if settings.llm.provider == "none" else "llm"
    counter = iter(range(1_000_000))

    def ask_one(question: str) -> dict[str, Any]:
        incoming = IncomingMessage(channel="cli", user_id=f"eval-{next(counter)}", text=thai.normalize(question))
        return ask_json(question, engine.process(incoming), mode)

    report = evaluate(load_question_set(path), ask_one)
    stdout.write((json.dumps(report, ensure_ascii=False, indent=2) if as_json else format_report(report)) + "\n")
    return 0


def chat(settings: Settings, stdin: TextIO, stdout: TextIO) -> int:
    """An interactive conversation; typing a number presses the matching button."""
    engine: ConversationEngine = build_services(settings, rate_limits=False).engine
    user = f"terminal-{getpass.getuser()}"
    stdout.write(
        render_text(engine.handle(IncomingMessage(channel="cli", user_id=user, text="help")), settings.language) + "\n"
    )
    buttons: QuickReplies | None = None
    while True:
        stdout.write("\n> ")
        stdout.flush()
        line = stdin.readline()
        if not line or line.strip().lower() in EXIT_WORDS:
            return 0
        text = line.strip()
        incoming = IncomingMessage(channel="cli", user_id=user, text=thai.normalize(text))
        if buttons and text.isdigit() and 1 <= int(text) <= len(buttons.options):
            incoming = IncomingMessage(channel="cli", user_id=user, action=buttons.options[int(text) - 1].action)
        replies = engine.handle(incoming)
        buttons = next((r for r in replies if isinstance(r, QuickReplies)), None)
        stdout.write(render_text(replies, settings.language) + "\n")
