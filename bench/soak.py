"""Soak benchmark: mixed traffic for a long time against two web processes and two workers.

The deployment of ``docs/deployment.md`` on loopback: two ``nzap serve`` web processes and two
``nzap worker`` processes on one PostgreSQL database (a fresh schema), the Redis queue and a
``chroma run`` process, over the bundled sample course; the web processes record and enqueue
LINE events, the workers answer them (``--inline``: the older shape, each web process answers
in its own threads). LINE is the stand-in (which validates every request against the spec). For
``--minutes`` simulated SMEs talk to the assistant as people do, each at their own pace:

* LINE users: first contact (privacy notice), consent, then questions (answerable ones from
  the SME question set, one in eight not covered by the material); an offer of a mentor is
  accepted half of the time. One webhook in ten is delivered again to the *other* worker, as a
  platform retry after a slow acknowledgement would be.
* Web chat users: the same, through ``POST /api/chat``.
* A mentor (this process, through the ticket service on the same database, as the console
  does) answers every open ticket a few seconds after it appears; the relays of both workers
  deliver the answers.

Counted: errors (non-2xx from a worker, or a request that failed), duplicates (a LINE reply
token used twice, a mentor answer pushed twice), lost (a LINE event never replied to within
two minutes, a mentor answer never pushed), latency from sending to the reply reaching the
platform (LINE) or the response (web), also per five minutes of the run, and each process's
memory (RSS) over time: the growth is the mean of the last tenth of the run minus the mean of
the first tenth after warm-up.
Writes ``bench/results/soak.json``.

    python bench/soak.py --minutes 30
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.pool import NullPool

from bench.common import RESULTS, median, percentile
from bench.load import rss_mib
from bench.sample_eval import load_questions
from bot.channels.web.identity import COOKIE, new_session
from bot.mentoring import MentorRegistry, Outbox, TicketService
from bot.storage import open_database
from tests.bot.channels.line.conftest import sign
from tests.chroma_server import chroma_run
from tests.line_stand_in import PUSH, REPLY, LineStandIn
from tests.serve_process import REPO, ServeProcess, WorkerProcess

SECRET = "soak-benchmark-line-secret"
BOT_ID = "U75ff929f9524206c7777361bf595cb09"
MENTOR_MARK = "[พี่เลี้ยง"
LOST_AFTER = 120.0


@dataclass
class Tally:
    """What the simulated users saw."""

    sent: int = 0
    errors: list[str] = field(default_factory=list)
    line_latency: list[float] = field(default_factory=list)
    line_ack: list[float] = field(default_factory=list)
    """How long each LINE webhook took to be acknowledged (at the client)."""
    web_latency: list[float] = field(default_factory=list)
    line_timeline: list[tuple[float, float]] = field(default_factory=list)  # (seconds into the run, latency)
    lost_events: int = 0
    unacknowledged_events: int = 0
    """LINE events none of whose deliveries got a 200 (LINE would send them again; not counted as lost)."""
    duplicate_deliveries: int = 0
    escalations: int = 0


def line_event(user: str, token: str, *, text: str | None = None, postback: str | None = None) -> bytes:
    event: dict[str, Any] = {
        "mode": "active",
        "timestamp": int(time.time() * 1000),
        "source": {"type": "user", "userId": user},
        "webhookEventId": f"01{uuid.uuid4().hex[:24].upper()}",
        "deliveryContext": {"isRedelivery": False},
        "replyToken": token,
    }
    if postback is not None:
        event |= {"type": "postback", "postback": {"data": postback}}
    else:
        message = {"id": str(random.randrange(10**17)), "type": "text", "text": text, "quoteToken": uuid.uuid4().hex}
        event |= {"type": "message", "message": message}
    return json.dumps({"destination": BOT_ID, "events": [event]}, ensure_ascii=False).encode()


async def line_user(
    client: httpx.AsyncClient,
    workers: list[str],
    line: LineStandIn,
    questions: list[str],
    stop: float,
    tally: Tally,
    lost_after: float = LOST_AFTER,
) -> None:
    user = "U" + uuid.uuid4().hex
    steps: list[tuple[str | None, str | None]] = [("สวัสดีครับ", None), (None, "consent:yes")]
    while time.monotonic() < stop:
        if not steps:
            steps.append((random.choice(questions), None))
        text, postback = steps.pop(0)
        token = uuid.uuid4().hex
        body = line_event(user, token, text=text, postback=postback)
        first, other = random.sample(workers, 2)
        headers = {"Content-Type": "application/json", "X-Line-Signature": sign(body, SECRET)}
        started = time.monotonic()
        pushes_before = _answer_pushes(line, user)
        acknowledged = False
        for url in [first, other] if random.random() < 0.1 else [first]:
            tally.sent += 1
            try:
                posted = time.monotonic()
                response = await client.post(f"{url}/webhooks/line", content=body, headers=headers)
                tally.line_ack.append(time.monotonic() - posted)
                acknowledged = acknowledged or response.status_code == 200
                if response.status_code != 200:
                    tally.errors.append(f"line {response.status_code}")
            except httpx.HTTPError as error:
                tally.errors.append(f"line {type(error).__name__}")
        if not acknowledged:  # LINE sends a webhook again that was not acknowledged; this simulation does not
            tally.unacknowledged_events += 1
            continue
        reply = await _wait_for_reply(line, token, user, pushes_before, started + lost_after)
        if reply is None:
            tally.lost_events += 1
            continue
        tally.line_latency.append(time.monotonic() - started)
        tally.line_timeline.append((started, time.monotonic() - started))
        offered = [
            item["action"].get("data") for m in reply.messages for item in (m.get("quickReply") or {}).get("items", [])
        ]
        # The offer's payload names its question (``escalate:yes@q42``, bot/buttons.py): pressed as it came.
        escalate = next((o for o in offered if str(o).startswith("escalate:yes")), None)
        if escalate is not None and random.random() < 0.5:
            steps.insert(0, (None, str(escalate)))
            tally.escalations += 1
        await asyncio.sleep(random.uniform(3, 8))


def _answer_pushes(line: LineStandIn, user: str) -> int:
    """Pushes to ``user`` that are not a mentor's answer: an answer whose reply token had gone stale is pushed."""
    return sum(
        1
        for request in line.sent(PUSH)
        if request.body.get("to") == user and not any(MENTOR_MARK in t for t in request.texts)
    )


async def _wait_for_reply(line: LineStandIn, token: str, user: str, pushes_before: int, deadline: float) -> Any:
    """The reply with ``token``, or a push to ``user`` (a late answer, after its token went stale)."""
    while time.monotonic() < deadline:
        for request in line.sent(REPLY):
            if request.body.get("replyToken") == token:
                return request
        if _answer_pushes(line, user) > pushes_before:
            return next(r for r in reversed(line.sent(PUSH)) if r.body.get("to") == user)
        await asyncio.sleep(0.1)
    return None


async def web_user(
    client: httpx.AsyncClient, workers: list[str], questions: list[str], stop: float, tally: Tally, sessions: list[str]
) -> None:
    session = new_session()  # the server-issued cookie a browser would hold, one per simulated user
    sessions.append(session)
    cookie = {"Cookie": f"{COOKIE}={session}"}
    steps: list[dict[str, str]] = [{"text": "สวัสดีค่ะ"}, {"action": "consent:yes"}]
    while time.monotonic() < stop:
        if not steps:
            steps.append({"text": random.choice(questions)})
        payload = steps.pop(0)
        started = time.monotonic()
        tally.sent += 1
        try:
            response = await client.post(f"{random.choice(workers)}/api/chat", json=payload, headers=cookie)
        except httpx.HTTPError as error:
            tally.errors.append(f"web {type(error).__name__}")
            continue
        if response.status_code != 200 or not response.json().get("replies"):
            tally.errors.append(f"web {response.status_code}")
            continue
        tally.web_latency.append(time.monotonic() - started)
        offered = [o.get("action") for r in response.json()["replies"] for o in r.get("options", [])]
        escalate = next((o for o in offered if str(o).startswith("escalate:yes")), None)
        if escalate is not None and random.random() < 0.5:
            steps.insert(0, {"action": str(escalate)})
            tally.escalations += 1
        await asyncio.sleep(random.uniform(3, 8))


async def mentor(database_url: str, stop: float, answered: dict[str, str]) -> None:
    """Answers every open ticket a few seconds after it appears, as a mentor at the console would."""
    database = open_database(database_url)
    tickets = TicketService(database, Outbox(database))
    me = MentorRegistry(database).add("พี่เลี้ยงทดสอบ", web_username=f"soak{uuid.uuid4().hex[:6]}", password="x" * 12)
    try:
        while time.monotonic() < stop:
            for ticket in await asyncio.to_thread(tickets.queue, {"open"}):
                # Each answer gets its own mark: a reopened ticket answered again is a new message, not a duplicate.
                mark = f"{ticket.reference}#{len(answered) + 1}"
                text = f"{MENTOR_MARK} {mark}] ลองเทียบค่าไฟ 3 เดือนล่าสุด แล้วส่งบิลมาให้ดูได้เลยครับ"
                await asyncio.to_thread(tickets.answer, ticket.id, me.id, text)
                answered[mark] = ticket.channel
            await asyncio.sleep(3)
    finally:
        database.close()


def _count_mentor_marks(text_: str, counts: dict[str, int]) -> None:
    if MENTOR_MARK in text_:
        reference = text_.split(MENTOR_MARK, 1)[1].split("]", 1)[0].strip()
        counts[reference] = counts.get(reference, 0) + 1


async def sample_memory(
    pids: list[int], stop: float, samples: list[tuple[float, list[float]]], loads: list[float] | None = None
) -> None:
    """Every process's resident memory every 10 s (and the machine's 1-minute load average beside it)."""
    started = time.monotonic()
    while time.monotonic() < stop:
        samples.append((time.monotonic() - started, [rss_mib(pid) for pid in pids]))
        if loads is not None:
            loads.append(os.getloadavg()[0])
        await asyncio.sleep(10)


def timeline(points: list[tuple[float, float]], start: float, every: float = 300.0) -> list[dict[str, Any]]:
    """Latency per ``every`` seconds of the run: median, p95 and how many replies."""
    buckets: dict[int, list[float]] = {}
    for at, latency in points:
        buckets.setdefault(int((at - start) // every), []).append(latency)
    return [
        {
            "from_minute": round(k * every / 60),
            "replies": len(v),
            "p50_s": round(median(v), 2),
            "p95_s": round(percentile(v, 95), 2),
        }
        for k, v in sorted(buckets.items())
    ]


async def run(
    minutes: float,
    users: int,
    workers: list[ServeProcess],
    line: LineStandIn,
    database_url: str,
    processes: dict[str, int],
    lost_after: float = LOST_AFTER,
    timeout: float = 90.0,
) -> dict[str, Any]:
    all_questions = load_questions()
    questions = [str(q["question"]) for q in all_questions if q["type"] == "answerable"]
    uncovered = [str(q["question"]) for q in all_questions if q["type"] == "unanswerable"]
    mixed = questions + uncovered * max(1, len(questions) // (7 * len(uncovered)))
    tally = Tally()
    answered: dict[str, str] = {}
    sessions: list[str] = []
    memory: list[tuple[float, list[float]]] = []
    loads: list[float] = []
    urls = [w.url for w in workers]
    begun = time.monotonic()
    stop = begun + 60 * minutes
    # Idle connections expire before uvicorn's keep-alive (5 s) closes them: reusing one the server is closing
    # at that moment fails the request with a ReadError (a race of HTTP/1.1 keep-alive, not of the app).
    limits = httpx.Limits(max_connections=2 * users, keepalive_expiry=2.0)
    async with httpx.AsyncClient(timeout=timeout, limits=limits) as client:
        tasks = [sample_memory(list(processes.values()), stop, memory, loads), mentor(database_url, stop, answered)]
        for index in range(users):
            tasks.append(
                line_user(client, urls, line, mixed, stop, tally, lost_after)
                if index % 3
                else web_user(client, urls, mixed, stop, tally, sessions)
            )
        await asyncio.gather(*tasks)
        # Drain: answers in flight reach the stand-in, the relays deliver the last mentor answers.
        await asyncio.sleep(30)
        collected: dict[str, int] = {}
        for session in sessions:  # the page polls /api/chat/updates; once here, after the run
            response = await client.get(f"{urls[0]}/api/chat/updates", headers={"Cookie": f"{COOKIE}={session}"})
            for reply in response.json().get("replies", []):
                _count_mentor_marks(str(reply.get("text", "")), collected)
    replies_per_token: dict[str, int] = {}
    for request in line.sent(REPLY):
        token = request.body.get("replyToken", "")
        replies_per_token[token] = replies_per_token.get(token, 0) + 1
    duplicates = sum(n - 1 for n in replies_per_token.values() if n > 1)
    delivered = dict(collected)
    for request in line.sent(PUSH):
        for text_ in request.texts:
            _count_mentor_marks(text_, delivered)
    mentor_lost = sum(1 for reference in answered if reference not in delivered)
    mentor_duplicates = sum(n - 1 for n in delivered.values() if n > 1)
    steady = [m for m in memory if m[0] >= 60] or memory
    tenth = max(1, len(steady) // 10)
    growth = [
        round(sum(s[1][i] for s in steady[-tenth:]) / tenth - sum(s[1][i] for s in steady[:tenth]) / tenth, 1)
        for i in range(len(processes))
    ]
    return {
        "minutes": minutes,
        "simulated_users": users,
        "webhooks_and_requests_sent": tally.sent,
        "errors": len(tally.errors),
        "error_samples": tally.errors[:5],
        "lost_line_events": tally.lost_events,
        "unacknowledged_line_events": tally.unacknowledged_events,
        "duplicate_line_replies": duplicates,
        "mentor_answers": len(answered),
        "mentor_answers_by_channel": {c: list(answered.values()).count(c) for c in sorted(set(answered.values()))},
        "mentor_answers_lost": mentor_lost,
        "duplicate_mentor_answers": mentor_duplicates,
        "duplicates": duplicates + mentor_duplicates,
        "lost": tally.lost_events + mentor_lost,
        "escalations_accepted": tally.escalations,
        "line_reply_s_p50": round(median(tally.line_latency), 2) if tally.line_latency else None,
        "line_reply_s_p95": round(percentile(tally.line_latency, 95), 2) if tally.line_latency else None,
        "line_reply_s_p99": round(percentile(tally.line_latency, 99), 2) if tally.line_latency else None,
        "line_ack_s_p50": round(median(tally.line_ack), 3) if tally.line_ack else None,
        "line_ack_s_p99": round(percentile(tally.line_ack, 99), 3) if tally.line_ack else None,
        "line_ack_s_max": round(max(tally.line_ack), 2) if tally.line_ack else None,
        "slow_line_acks_over_2s": sum(1 for a in tally.line_ack if a > 2.0),
        "slow_web_requests_over_10s": sum(1 for w in tally.web_latency if w > 10.0),
        "web_s_p50": round(median(tally.web_latency), 2) if tally.web_latency else None,
        "web_s_p95": round(percentile(tally.web_latency, 95), 2) if tally.web_latency else None,
        "line_reply_over_time": timeline(tally.line_timeline, begun),
        "processes": list(processes),
        "rss_mib_start": [round(v, 1) for v in steady[0][1]] if steady else [],
        "rss_mib_end": [round(v, 1) for v in steady[-1][1]] if steady else [],
        "rss_growth_mib": growth,
        "rss_mib_every_5_minutes": [
            {"minute": round(at / 60, 1), "rss_mib": [round(v, 1) for v in values]}
            for at, values in memory[:: max(1, len(memory) // max(1, round(minutes / 5)))]
        ],
        "stand_in_violations": len(line.violations),
        "load_average_1m_every_5_minutes": [
            round(v, 1) for v in loads[:: max(1, len(loads) // max(1, round(minutes / 5)))]
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--users", type=int, default=30, help="simulated SMEs talking at once")
    parser.add_argument("--postgres", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/14")
    parser.add_argument("--inline", action="store_true", help="no queue: each web process answers itself")
    parser.add_argument("--out", default="soak.json", help="file name under bench/results")
    parser.add_argument(
        "--lost-after", type=float, default=LOST_AFTER, help="seconds without a LINE reply before it counts as lost"
    )
    parser.add_argument("--timeout", type=float, default=90.0, help="client time-out per request, seconds")
    parser.add_argument(
        "--index", type=Path, help="an embedded index `nzap ingest --sample` built before (no `chroma run`, no ingest)"
    )
    args = parser.parse_args()
    random.seed(2569)
    schema = f"nzap_soak_{uuid.uuid4().hex[:10]}"
    admin = create_engine(args.postgres, poolclass=NullPool)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    database_url = (
        make_url(args.postgres)
        .update_query_dict({"options": f"-csearch_path={schema}"})
        .render_as_string(hide_password=False)
    )
    work = Path(tempfile.mkdtemp(prefix="nzap-soak-"))
    try:
        chroma_server = (
            contextlib.nullcontext(None) if args.index else chroma_run(work / "chroma", collection_prefix="soak")
        )
        with chroma_server as chroma, LineStandIn() as line:
            env = {
                **os.environ,
                "PYTHONPATH": str(REPO),
                "NZAP_INDEX_DIR": str(args.index or work / "index"),
                "NZAP_DATABASE_URL": database_url,
                "NZAP_REDIS_URL": args.redis,
                "NZAP_LINE__CHANNEL_SECRET": SECRET,
                "NZAP_LINE__CHANNEL_ACCESS_TOKEN": line.access_token,
                "NZAP_LINE__API_BASE_URL": line.url,
                "NZAP_MENTORING__CONSOLE_SECRET_KEY": "soak-benchmark-console-key-0123456789",
                "NZAP_LOG__LEVEL": "WARNING",
                # All simulated web users come from 127.0.0.1: the per-address limit would be theirs together.
                "NZAP_LIMITS__MESSAGES_PER_MINUTE_PER_ADDRESS": "6000",
                "NZAP_LIMITS__BURST_PER_ADDRESS": "1000",
            }
            if chroma is not None:
                env |= {
                    "NZAP_CHROMA__MODE": "http",
                    "NZAP_CHROMA__HOST": chroma.host,
                    "NZAP_CHROMA__PORT": str(chroma.port),
                    "NZAP_CHROMA__COLLECTION_PREFIX": chroma.collection_prefix,
                }
            if args.inline:
                env["NZAP_QUEUE__BACKEND"] = "inline"
            else:
                env |= {"NZAP_QUEUE__BACKEND": "redis", "NZAP_QUEUE__NAME": schema, "NZAP_QUEUE__WORKERS": "0"}
            if not args.index:
                subprocess.run(
                    [sys.executable, "-m", "bot.app.cli", "ingest", "--sample", "--quiet"],
                    env={**env, "NZAP_DATA_DIR": str(work / "ingest")},
                    check=True,
                    capture_output=True,
                )
            workers = [ServeProcess({**env, "NZAP_DATA_DIR": str(work / f"w{i}")}, work / f"w{i}.log") for i in (1, 2)]
            answerers = [
                WorkerProcess({**env, "NZAP_DATA_DIR": str(work / f"q{i}")}, work / f"q{i}.log")
                for i in ((1, 2) if not args.inline else ())
            ]
            try:
                for worker in workers:
                    worker.start()
                for answerer in answerers:  # after the web processes, which have migrated the database
                    answerer.start()
                processes = {f"web{i + 1}": w.process.pid for i, w in enumerate(workers) if w.process}
                processes |= {f"worker{i + 1}": a.process.pid for i, a in enumerate(answerers) if a.process}
                load_before = os.getloadavg()
                report = asyncio.run(
                    run(args.minutes, args.users, workers, line, database_url, processes, args.lost_after, args.timeout)
                )
                report["load_average_at_start"] = [round(v, 2) for v in load_before]
                report["client_timeout_s"] = args.timeout
                report["lost_after_s"] = args.lost_after
                shape = "inline, 2 web processes" if args.inline else "redis queue, 2 web + 2 worker processes"
                report["setup"] = shape
                report["load_average_1m_at_end"] = round(os.getloadavg()[0], 2)
            finally:
                for answerer in answerers:
                    answerer.stop()
                for worker in workers:
                    worker.stop()
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
    print(json.dumps(report, indent=2, ensure_ascii=False))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / args.out).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
