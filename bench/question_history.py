"""A generated programme history: the project's own question sets asked by simulated SMEs over 12 weeks.

Each distinct question of ``bench/data`` (the SME set, the informal sets, the calculation and
schedule sets; not the blind sets being written, ``informal_test4`` and ``calculations_blind4``)
is answered once by the real engine, as ``nzap ask`` runs it over the bundled course (offline
extractive answers, the real tiers). The answers are cached in ``--answers``. The history is
then written as the engine stores it (users, conversations, the question and the answer with its
tier and sources) for ``--questions`` asks by ``--users`` simulated SMEs on LINE, Telegram and
the web chat over 12 weeks from ``--start``: a question about week N's module is asked most in
week N. Users rate some answers (👍 more on answered, 👎 more on partial, with reasons), ask a
mentor for part of what was not covered (tickets claimed and answered by four mentors, after
delays drawn from a log-normal), and a few answers are saved as FAQ entries.

    python bench/question_history.py --database sqlite:////tmp/nzap-h17/history.db [--questions 2400]

The same writer fills the 100,000-question database of ``bench/report_speed.py``.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.app.runtime import configure_process

configure_process()

from sqlalchemy import insert, select, text  # noqa: E402

from bot.storage import Database, open_database  # noqa: E402
from bot.storage.engagement_models import AnswerFeedback  # noqa: E402
from bot.storage.models import Conversation, Mentor, Message, Ticket, TicketEvent, User  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"
SETS = (
    "sme_questions.jsonl",
    "informal_tuning.jsonl",
    "informal_test.jsonl",
    "informal_test2.jsonl",
    "informal_test3.jsonl",
    "calculations.jsonl",
    "calculations_blind.jsonl",
    "calculations_blind2.jsonl",
    "calculations_blind3.jsonl",
    "calculation_latency.jsonl",
    "schedule.jsonl",
)
"""Read by name: the blind sets being written now (``*4.jsonl``) are never opened."""
CACHE = Path("/tmp/nzap-h17")
CHANNELS = (("line", 0.6), ("telegram", 0.25), ("web", 0.15))
MENTORS = ("พี่นก", "พี่ต้น", "พี่แอน", "พี่บอย")
WEEKS = 12
REASONS = ("off_topic", "not_enough", "unclear")
_STORED_KINDS = ("answer", "clarify", "out_of_scope", "refusal", "calculation", "schedule")
"""What the engine keeps as a question and an answer (small talk is not stored)."""


def load_questions() -> list[str]:
    """Every distinct question of :data:`SETS`, in file order."""
    seen: dict[str, None] = {}
    for name in SETS:
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                question = str(json.loads(line).get("question", "")).strip()
                if question:
                    seen.setdefault(question, None)
    return list(seen)


def answer_all(questions: list[str], cache: Path, index_dir: Path, cached_only: bool = False) -> list[dict[str, Any]]:
    """The engine's outcome for each question (cached in ``cache``; only new questions are answered).

    ``cached_only``: the questions already answered in ``cache`` and no others (on a busy machine).
    """
    known: dict[str, dict[str, Any]] = {}
    if cache.exists():
        known = {a["question"]: a for a in json.loads(cache.read_text(encoding="utf-8"))}
    if cached_only:
        return [known[q] for q in questions if q in known]
    missing = [q for q in questions if q not in known]
    if missing:
        from bench.big_index import bench_settings, sync_index
        from bot.app.cli import sample_folder
        from bot.app.composition import build_services
        from bot.types import IncomingMessage

        sync_index(index_dir, [sample_folder()])
        settings = bench_settings(index_dir)
        services = build_services(settings, database_url="sqlite://", rate_limits=False, footprints=False)
        for number, question in enumerate(missing):
            outcome = services.engine.process(IncomingMessage("cli", f"history-{number}", question))
            citations = [asdict(c) for c in outcome.answer.citations] if outcome.answer else []
            known[question] = {
                "question": question,
                "kind": outcome.kind,
                "coverage": outcome.coverage,
                "confidence": outcome.retrieval.confidence if outcome.retrieval else None,
                "mode": outcome.answer.mode if outcome.answer else None,
                "citations": citations,
                "reply": "\n".join(getattr(r, "text", "") for r in outcome.replies if getattr(r, "text", "")),
            }
            if number % 100 == 99:
                print(f"answered {number + 1}/{len(missing)}", file=sys.stderr)
                cache.write_text(json.dumps(list(known.values()), ensure_ascii=False), encoding="utf-8")
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps(list(known.values()), ensure_ascii=False), encoding="utf-8")
    return [known[q] for q in questions]


def _week_of(answer: dict[str, Any]) -> int | None:
    weeks = [c.get("week") for c in answer["citations"] if c.get("week")]
    return int(weeks[0]) if weeks else None


def _lognormal_minutes(rng: random.Random, median: float, spread: float = 0.8) -> timedelta:
    return timedelta(minutes=rng.lognormvariate(math.log(median), spread))


def write_history(
    database: Database,
    answers: list[dict[str, Any]],
    questions: int,
    users: int,
    start: datetime,
    seed: int = 17,
    batch: int = 20_000,
) -> dict[str, int]:
    """Write ``questions`` asks (stored kinds only) by ``users`` SMEs over 12 weeks from ``start``; counts written.

    Meant for a fresh database (ids are given here, so that one bulk insert per table suffices).
    """
    rng = random.Random(seed)
    stored = [a for a in answers if a["kind"] in _STORED_KINDS]
    by_week: dict[int | None, list[dict[str, Any]]] = {}
    for answer in stored:
        by_week.setdefault(_week_of(answer), []).append(answer)
    with database.session() as session:
        first_user = (session.scalar(select(User.id).order_by(User.id.desc()).limit(1)) or 0) + 1
        first_message = (session.scalar(select(Message.id).order_by(Message.id.desc()).limit(1)) or 0) + 1
        first_ticket = (session.scalar(select(Ticket.number).order_by(Ticket.number.desc()).limit(1)) or 0) + 1
        mentor_ids = []
        for name in MENTORS:
            mentor = session.scalar(select(Mentor).where(Mentor.name == name))
            if mentor is None:
                mentor = Mentor(name=name, active=True, created_at=start)
                session.add(mentor)
                session.flush()
            mentor_ids.append(mentor.id)
        user_rows, conversation_rows = [], []
        channels: list[str] = []
        for offset in range(users):
            channel = rng.choices([c for c, _ in CHANNELS], [w for _, w in CHANNELS])[0]
            channels.append(channel)
            user_id = first_user + offset
            user_rows.append({
                "id": user_id, "channel": channel, "platform_user_id": f"sim-{user_id}", "display_name": None,
                "language": "th", "created_at": start, "last_seen_at": start, "consent_status": "given",
                "consent_version": "1", "consent_at": start,
            })  # fmt: skip
            conversation_rows.append({"id": user_id, "user_id": user_id, "started_at": start, "ended_at": None})
        session.execute(insert(User), user_rows)
        session.execute(insert(Conversation), conversation_rows)
    messages: list[dict[str, Any]] = []
    feedback: list[dict[str, Any]] = []
    tickets: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    counts = {"questions": 0, "feedback": 0, "tickets": 0, "faq": 0}
    message_id = first_message
    weeks_with_answers = [w for w in by_week if w is not None]
    for _ in range(questions):
        week = rng.randrange(WEEKS) + 1
        # Half the questions are about this week's module (when the course has one), the rest about anything.
        pool = by_week.get(week) if week in weeks_with_answers and rng.random() < 0.5 else stored
        answer = rng.choice(pool or stored)
        at = start + timedelta(
            days=(week - 1) * 7 + rng.randrange(7), hours=1 + rng.randrange(14), minutes=rng.randrange(60)
        )
        offset = rng.randrange(users)
        user_id = first_user + offset
        asked_id, answer_id = message_id, message_id + 1
        message_id += 2
        coverage = answer["coverage"]
        messages.append({
            "id": asked_id, "conversation_id": user_id, "role": "user", "text": answer["question"], "created_at": at,
            "confidence": None, "mode": None, "citations": [], "escalate": False, "coverage": None,
        })  # fmt: skip
        messages.append({
            "id": answer_id, "conversation_id": user_id, "role": "assistant", "text": answer["reply"],
            "created_at": at + timedelta(seconds=2), "confidence": answer["confidence"],
            "mode": answer["mode"] if answer["kind"] == "answer" else answer["kind"],
            "citations": answer["citations"], "escalate": coverage == "not_covered", "coverage": coverage,
        })  # fmt: skip
        counts["questions"] += 1
        if coverage in ("answered", "partial"):
            up, down = (0.18, 0.03) if coverage == "answered" else (0.06, 0.22)
            draw = rng.random()
            if draw < up + down:
                rating = "up" if draw < up else "down"
                reason = rng.choice(REASONS) if rating == "down" and rng.random() < 0.6 else None
                rated = at + timedelta(minutes=1)
                feedback.append({
                    "message_id": answer_id, "user_id": user_id, "channel": channels[offset], "rating": rating,
                    "reason": reason, "question": answer["question"], "citations": answer["citations"],
                    "coverage": coverage, "created_at": rated, "updated_at": rated,
                })  # fmt: skip
                counts["feedback"] += 1
        if coverage == "not_covered" and rng.random() < 0.45:
            number = first_ticket + counts["tickets"]
            created = at + timedelta(minutes=1)
            claimed = created + _lognormal_minutes(rng, 25)
            answered = claimed + _lognormal_minutes(rng, 70)
            mentor = rng.choice(mentor_ids)
            done = answered < start + timedelta(weeks=WEEKS)
            tickets.append({
                "id": number, "number": number, "user_id": user_id, "conversation_id": user_id,
                "channel": channels[offset], "platform_user_id": f"sim-{user_id}", "chat_id": None,
                "display_name": None, "language": "th", "question": answer["question"], "context": {},
                "tags": [], "status": "answered" if done else "claimed", "assignee_mentor_id": mentor,
                "answer": "คำตอบจากพี่เลี้ยง" if done else None, "created_at": created, "updated_at": answered,
                "claimed_at": claimed, "answered_at": answered if done else None, "closed_at": None,
                "waiting_since": created, "reminded_at": None, "coordinator_notified_at": None, "mentor_posts": {},
            })  # fmt: skip
            counts["tickets"] += 1
            if done and rng.random() < 0.08:
                events.append({
                    "ticket_id": number, "at": answered + timedelta(minutes=5), "actor": f"mentor:{mentor}",
                    "action": "saved_as_faq", "detail": {"path": f"curated/faq-T{number:04d}.yaml"},
                })  # fmt: skip
                counts["faq"] += 1
    with database.session() as session:
        for table, rows in ((Message, messages), (AnswerFeedback, feedback), (Ticket, tickets), (TicketEvent, events)):
            for begin in range(0, len(rows), batch):
                session.execute(insert(table), rows[begin : begin + batch])
        if session.get_bind().dialect.name == "postgresql":
            # Ids were given here: move PostgreSQL's sequences past them, so rows added later get fresh ones.
            for name in ("users", "conversations", "messages", "tickets"):
                session.execute(
                    text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), (SELECT max(id) FROM {name}))")
                )
    return counts


def main() -> None:
    """Answer the sets (cached), then write the history to ``--database``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default=f"sqlite:///{CACHE / 'history.db'}")
    parser.add_argument("--questions", type=int, default=2400)
    parser.add_argument("--users", type=int, default=150)
    parser.add_argument("--start", default="2026-09-07", help="first day of the 12 weeks (a Monday, UTC)")
    parser.add_argument("--answers", type=Path, default=CACHE / "answers.json")
    parser.add_argument("--index", type=Path, default=CACHE / "index")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--cached-only", action="store_true", help="ask only the questions already in --answers")
    parser.add_argument("--distinct", type=int, default=0, help="answer a seeded sample of this many (0: all)")
    args = parser.parse_args()
    questions = load_questions()
    if args.distinct:
        questions = random.Random(args.seed).sample(questions, min(args.distinct, len(questions)))
    answers = answer_all(questions, args.answers, args.index, args.cached_only)
    start = datetime.fromisoformat(args.start).replace(tzinfo=UTC)
    with open_database(args.database) as database:
        counts = write_history(database, answers, args.questions, args.users, start, args.seed)
    tiers: dict[str, int] = {}
    for answer in answers:
        tiers[str(answer["coverage"] or answer["kind"])] = tiers.get(str(answer["coverage"] or answer["kind"]), 0) + 1
    print(json.dumps({"distinct_questions": len(answers), "outcomes": tiers, "written": counts}, ensure_ascii=False))


if __name__ == "__main__":
    main()
