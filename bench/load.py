"""Load benchmark: N concurrent users on LINE and Telegram against a real `nzap serve` process.

The server runs as its own process (as in production) over the bundled sample course, with
the LINE and Telegram APIs played by the test stand-ins on loopback (which also validate
every request against the specs). Each simulated user sends one signed webhook with a Thai
question, all at the same moment (or spread evenly over ``--spread`` seconds); one in ten
webhooks is delivered twice to check de-duplication. The webhooks go out from a process of
their own over raw HTTP (``bench/burst_client.py``), so the stand-ins' spec checks in this
process do not count as acknowledgement time. Reports webhook acknowledgement latency as the
sender saw it *and* as the web process measured it (its own ``nzap_webhook_seconds``
histogram, scraped before and after: from the request reaching the app to the response
starting), time until the answer reached the platform, throughput, errors, duplicate
answers and the server's memory. The simulated users have agreed to the privacy
notice beforehand (recorded in the server's database), so every webhook is a question.
Writes ``bench/results/load.json``.

With ``--redis`` the deployment of ``docs/deployment.md`` instead: the web process on
PostgreSQL (a fresh schema of ``--postgres``) enqueues into Redis, and ``--workers`` separate
``nzap worker`` processes answer (``bench/results/load-postgres-redis.json``); the memory
reported is each process's.

    python bench/load.py --users 200
    python bench/load.py --users 200 --redis redis://127.0.0.1:6379/8 --workers 2
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import hashlib
import hmac
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx

from bench.burst_client import event_loop
from bench.common import RESULTS, median, percentile
from bench.sample_eval import load_questions
from bench.services import postgres_schema
from bot.storage import open_database
from tests.consent import consent_in_database
from tests.line_stand_in import LineStandIn
from tests.serve_process import WorkerProcess
from tests.server_thread import free_port
from tests.telegram_stand_in import TOKEN as TELEGRAM_TOKEN
from tests.telegram_stand_in import TelegramStandIn

LINE_SECRET = "load-benchmark-line-secret-0001"
LINE_TOKEN = "load-benchmark-line-token"
TELEGRAM_SECRET = "load-benchmark-telegram-secret"
BOT_ID = "U75ff929f9524206c7777361bf595cb09"
RUN = os.getpid() % 100_000
"""Part of every event id: a second run on the same Redis would otherwise find its ids in the
de-duplication cache of the first (kept a day) and drop every webhook as already answered."""


def line_body(user: int, text: str) -> bytes:
    event = {
        "type": "message",
        "mode": "active",
        "timestamp": int(time.time() * 1000),
        "source": {"type": "user", "userId": f"U{user:032x}"},
        "webhookEventId": f"01L{RUN:05d}{user:018d}",
        "deliveryContext": {"isRedelivery": False},
        "replyToken": hashlib.md5(f"reply-{user}".encode()).hexdigest(),
        "message": {"id": str(700000000000 + user), "type": "text", "text": text, "quoteToken": f"q{user}"},
    }
    return json.dumps({"destination": BOT_ID, "events": [event]}, ensure_ascii=False).encode()


def telegram_body(user: int, text: str) -> bytes:
    person = {"id": 900000000 + user, "is_bot": False, "first_name": "ผู้ประกอบการ", "language_code": "th"}
    message = {
        "message_id": user + 1,
        "from": person,
        "chat": {"id": person["id"], "type": "private", "first_name": "ผู้ประกอบการ"},
        "date": int(time.time()),
        "text": text,
    }
    return json.dumps({"update_id": 500_000_000 + RUN * 1000 + user, "message": message}, ensure_ascii=False).encode()


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) the process has used so far: the server's own cost, whatever the machine's load."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def web_pids(pid: int) -> list[int]:
    """The web process and the other web processes it started (``NZAP_SERVER__WEB_PROCESSES``)."""
    children = Path(f"/proc/{pid}/task/{pid}/children")
    found = [pid]
    for child in children.read_text().split() if children.exists() else []:
        with contextlib.suppress(OSError):
            if "--shared-port" in Path(f"/proc/{child}/cmdline").read_bytes().decode(errors="replace"):
                found.append(int(child))
    return found


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def webhook_requests(users: int, questions: list[str], spread: float) -> list[dict[str, Any]]:
    """One signed webhook per user (LINE for even users, Telegram for odd), one in ten sent twice."""
    requests: list[dict[str, Any]] = []
    for user in range(users):
        text = questions[user % len(questions)]
        if user % 2 == 0:
            body = line_body(user, text)
            signature = base64.b64encode(hmac.new(LINE_SECRET.encode(), body, hashlib.sha256).digest()).decode()
            path, headers, key = "/webhooks/line", {"X-Line-Signature": signature}, f"U{user:032x}"
        else:
            body = telegram_body(user, text)
            path, headers, key = (
                "/webhooks/telegram",
                {"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET},
                str(900000000 + user),
            )
        headers["Content-Type"] = "application/json"
        at = spread * user / users if spread > 0 else 0.0
        requests.append(
            {
                "key": key,
                "path": path,
                "headers": headers,
                "body": base64.b64encode(body).decode(),
                "at": at,
                "times": 2 if user % 10 == 0 else 1,
            }
        )
    return requests


async def _script(name: str, port: int, **pipes: Any) -> asyncio.subprocess.Process:
    """Start ``bench/<name> --port <port>`` with its standard output piped to this process."""
    script = str(Path(__file__).resolve().parent / name)
    return await asyncio.create_subprocess_exec(
        sys.executable, script, "--port", str(port), stdout=asyncio.subprocess.PIPE, **pipes
    )


async def send(port: int, requests: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Send ``requests`` from a ``bench/burst_client.py`` process; its results."""
    sender = await _script("burst_client.py", port, stdin=asyncio.subprocess.PIPE)
    out, _ = await sender.communicate(json.dumps(requests).encode())
    results: list[dict[str, Any]] = json.loads(out)
    return results


async def harness_floor(requests: list[dict[str, Any]]) -> dict[str, float | None]:
    """The sender's latency against a server that does nothing (``bench/null_server.py``), just before the run."""
    port = free_port()
    server = await _script("null_server.py", port)
    try:
        assert server.stdout is not None
        await asyncio.wait_for(server.stdout.readline(), 30)  # "ready"
        seconds = [float(r["seconds"]) for r in await send(port, requests) if r["status"] == 200]
    finally:
        server.kill()
        await server.wait()
    return {
        "p50": round(1000 * median(seconds), 1),
        "p99": round(1000 * percentile(seconds, 99), 1),
        "max": round(1000 * max(seconds), 1) if seconds else None,
    }


async def run(
    users: int,
    url: str,
    line: LineStandIn,
    telegram: TelegramStandIn,
    questions: list[str],
    server_pid: int,
    worker_pids: list[int],
    spread: float = 0.0,
) -> dict[str, Any]:
    """Send every user's webhook (all at once, or spread over ``spread`` seconds) and wait for the answers.

    The webhooks go out from a process of their own (``bench/burst_client.py``); this one watches
    the stand-ins for the answers and samples memory meanwhile. The same webhooks go to a server
    that does nothing first (``bench/null_server.py``): the floor the sender measures on its own.
    """
    requests = webhook_requests(users, questions, spread)
    floor = await harness_floor(requests)
    webs = web_pids(server_pid)
    before = server_histogram(url, len(webs))
    cpu_before = sum(cpu_seconds(p) for p in webs)
    cpu_after: float | None = None
    started = time.monotonic()
    peak = rss_mib(server_pid)
    worker_peaks = [rss_mib(pid) for pid in worker_pids]
    sending = asyncio.create_task(send(int(url.rsplit(":", 1)[1]), requests))
    # Wait for every answer, noting when each user's first answer reached the platform.
    delivered: dict[str, float] = {}
    deadline = time.monotonic() + 900
    acknowledged: set[str] | None = None  # users with a 200: a refused webhook (503) is the platform's to send again

    def waiting() -> bool:
        if not sending.done():
            return True
        return not (acknowledged is not None and acknowledged <= delivered.keys())

    while waiting() and time.monotonic() < deadline:
        if acknowledged is None and sending.done():
            acknowledged = {str(r["key"]) for r in sending.result() if r["status"] == 200}
        now = time.monotonic()
        for request in line.sent():
            to = request.body.get("to") or ""
            key = to if to else _reply_user(request, line)
            if key and key not in delivered:
                delivered[key] = now
        for call in telegram.calls("sendMessage"):
            key = str(call.params.get("chat_id"))
            if key not in delivered:
                delivered[key] = now
        if cpu_after is None and sending.done():
            cpu_after = sum(cpu_seconds(p) for p in webs)  # every webhook acknowledged: what they cost the web side
        peak = max(peak, rss_mib(server_pid))
        worker_peaks = [max(old, rss_mib(pid)) for old, pid in zip(worker_peaks, worker_pids, strict=True)]
        await asyncio.sleep(0.05)
    # Until the last answer arrived (not until the wait gave up on a user whose webhook was refused).
    elapsed = max(delivered.values(), default=time.monotonic()) - started
    results = await sending
    after = server_histogram(url, len(webs))
    await asyncio.sleep(2)  # let any duplicate answer arrive before counting
    answers_per_user: dict[str, int] = {}
    for request in line.sent():
        key = request.body.get("to") or _reply_user(request, line)
        answers_per_user[key] = answers_per_user.get(key, 0) + 1
    # Telegram: a long answer is several messages, so a duplicate is the same text sent to a chat twice.
    telegram_texts: dict[str, list[str]] = {}
    for call in telegram.calls("sendMessage"):
        telegram_texts.setdefault(str(call.params.get("chat_id")), []).append(str(call.params.get("text")))
    for key, texts in telegram_texts.items():
        answers_per_user[key] = max(texts.count(t) for t in texts)
    sent_at: dict[str, float] = {}
    for result in sorted(results, key=lambda r: float(r["sent"])):
        sent_at.setdefault(str(result["key"]), float(result["sent"]))
    acks = [float(r["seconds"]) for r in results if r["status"]]
    errors = [f"{r['key'][:4]} {r['status'] or r.get('error')}" for r in results if r["status"] != 200]
    delivery = [delivered[k] - sent_at[k] for k in delivered if k in sent_at]
    server = {channel: histogram_quantiles(after.get(channel, {}), before.get(channel, {})) for channel in after}
    return {
        "users": users,
        "arrivals": f"spread evenly over {spread:g} s" if spread > 0 else "all at once",
        "webhooks_sent": len(results),
        "errors": len(errors),
        "error_samples": errors[:5],
        "answered_users": len(delivered),
        # Lost: acknowledged (200) and never answered. A user whose every delivery was refused (503) is
        # counted apart: LINE (with redelivery on) and Telegram send such a webhook again; this benchmark does not.
        "lost": len((acknowledged or set()) - delivered.keys()),
        "refused_never_redelivered": users - len(acknowledged or set()),
        "duplicate_answers": sum(1 for n in answers_per_user.values() if n > 1),
        "ack_ms_p50": round(1000 * median(acks), 1),
        "ack_ms_p99": round(1000 * percentile(acks, 99), 1),
        "ack_ms_max": round(1000 * max(acks), 1) if acks else None,
        "harness_floor_ack_ms": floor,
        "sender_event_loop": event_loop(),
        "server_ack_ms": server,
        # The web process's CPU per webhook (with one worker process per core and nothing else running,
        # 200 webhooks at once cannot all be acknowledged sooner than about 200 times this).
        "server_cpu_ms_per_webhook": round(
            1000 * ((cpu_after or sum(cpu_seconds(p) for p in webs)) - cpu_before) / len(results), 2
        )
        if results
        else None,
        "delivered_s_p50": round(median(delivery), 2),
        "delivered_s_p95": round(percentile(delivery, 95), 2),
        "throughput_answers_per_s": round(len(delivered) / elapsed, 2),
        "server_rss_mib_peak": round(peak, 1),
        "worker_rss_mib_peak": [round(p, 1) for p in worker_peaks],
        "stand_in_violations": len(line.violations) + len(telegram.violations),
        "violation_samples": (line.violations + telegram.violations)[:5],
    }


def server_histogram(url: str, processes: int = 1) -> dict[str, dict[float, float]]:
    """The web processes' own acknowledgement times (``nzap_webhook_seconds``, 2xx): cumulative count per bucket,
    summed over ``processes`` web processes (told apart by their ``process_start_time_seconds``; each scrape, on a
    connection of its own, reaches one of them)."""
    seen: dict[str, str] = {}
    for _ in range(200):
        if len(seen) >= processes:
            break
        text = httpx.get(url + "/metrics", timeout=60, headers={"Connection": "close"}).text
        started = next((line for line in text.splitlines() if line.startswith("process_start_time_seconds")), "")
        seen.setdefault(started, text)
    if len(seen) < processes:
        raise SystemExit(f"the metrics of only {len(seen)} of {processes} web processes could be read")
    buckets: dict[str, dict[float, float]] = {}
    for text in seen.values():
        for line in text.splitlines():
            if line.startswith("nzap_webhook_seconds_bucket{") and 'status="2xx"' in line:
                labels, value = line.rsplit(" ", 1)
                channel = labels.split('channel="', 1)[1].split('"', 1)[0]
                bound = float(labels.split('le="', 1)[1].split('"', 1)[0])
                per_channel = buckets.setdefault(channel, {})
                per_channel[bound] = per_channel.get(bound, 0.0) + float(value)
    return buckets


def histogram_quantiles(after: dict[float, float], before: dict[float, float]) -> dict[str, Any]:
    """Count, p50 and p99 in milliseconds of the requests between two scrapes (Prometheus's interpolation)."""
    bounds = sorted(after)
    counts = [after[b] - before.get(b, 0.0) for b in bounds]
    total = counts[-1] if counts else 0.0

    def quantile(q: float) -> float | None:
        if not total:
            return None
        rank = q * total
        lower, below = 0.0, 0.0
        for bound, count in zip(bounds, counts, strict=True):
            if count >= rank:
                if bound == float("inf"):
                    return round(1000 * lower, 1)
                share = (rank - below) / (count - below) if count > below else 1.0
                return round(1000 * (lower + (bound - lower) * share), 1)
            lower, below = bound, count
        return None

    within = {f"under_{int(b * 1000)}ms": int(c) for b, c in zip(bounds, counts, strict=True) if b in (0.025, 0.1)}
    return {"requests": int(total), "p50_ms": quantile(0.5), "p99_ms": quantile(0.99), **within}


def _reply_user(request: Any, line: LineStandIn) -> str:
    """Replies carry a reply token, not a user: map it back through the token we generated."""
    token = request.body.get("replyToken", "")
    return REPLY_TOKENS.get(token, token)


REPLY_TOKENS: dict[str, str] = {}


def warm_up(url: str, line: LineStandIn, question: str) -> None:
    """One question answered before the run: the worker processes have loaded the index and the models."""
    body = line_body(WARM_UP_USER, question)
    signature = base64.b64encode(hmac.new(LINE_SECRET.encode(), body, hashlib.sha256).digest()).decode()
    headers = {"X-Line-Signature": signature, "Content-Type": "application/json"}
    httpx.post(url + "/webhooks/line", content=body, headers=headers, timeout=30).raise_for_status()
    deadline = time.monotonic() + 300
    while not line.sent() and time.monotonic() < deadline:
        time.sleep(0.1)
    if not line.sent():
        raise SystemExit("the warm-up question was not answered")
    line.clear()


WARM_UP_USER = 999_999


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--redis", help="queue mode on Redis (with PostgreSQL) instead of the SQLite defaults")
    parser.add_argument("--postgres", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    parser.add_argument("--workers", type=int, default=2, help="`nzap worker` processes (with --redis)")
    parser.add_argument("--index", type=Path, help="an index `nzap ingest --sample` built before (skips the ingest)")
    parser.add_argument("--spread", type=float, default=0.0, help="send over this many seconds (0: all at once)")
    parser.add_argument("--web-processes", type=int, default=1, help="NZAP_SERVER__WEB_PROCESSES of the server")
    parser.add_argument("--out", help="file name under bench/results (default load.json / load-postgres-redis.json)")
    args = parser.parse_args()
    with postgres_schema(args.postgres, "nzap_load") if args.redis else contextlib.nullcontext("") as database_url:
        report = measure(args, database_url)
    print(json.dumps(report, indent=2, ensure_ascii=False))
    RESULTS.mkdir(parents=True, exist_ok=True)
    name = args.out or ("load-postgres-redis.json" if args.redis else "load.json")
    (RESULTS / name).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def measure(args: argparse.Namespace, database_url: str) -> dict[str, Any]:
    """Start the server (and the workers), run the users, stop everything; the figures."""
    for user in range(0, args.users, 2):
        REPLY_TOKENS[hashlib.md5(f"reply-{user}".encode()).hexdigest()] = f"U{user:032x}"
    questions = [str(q["question"]) for q in load_questions() if q["type"] == "answerable"]
    work = Path(tempfile.mkdtemp(prefix="nzap-load-"))
    env = {**os.environ, "NZAP_DATA_DIR": str(work), "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    if args.index:
        env["NZAP_INDEX_DIR"] = str(args.index)
    else:
        subprocess.run(
            [sys.executable, "-m", "bot.app.cli", "ingest", "--sample", "--quiet"],
            env=env,
            check=True,
            capture_output=True,
        )
    with LineStandIn(LINE_TOKEN) as line, TelegramStandIn(TELEGRAM_TOKEN) as telegram:
        env |= {
            "NZAP_LINE__CHANNEL_SECRET": LINE_SECRET,
            "NZAP_LINE__CHANNEL_ACCESS_TOKEN": LINE_TOKEN,
            "NZAP_LINE__API_BASE_URL": line.url,
            "NZAP_TELEGRAM__BOT_TOKEN": TELEGRAM_TOKEN,
            "NZAP_TELEGRAM__WEBHOOK_SECRET": TELEGRAM_SECRET,
            "NZAP_TELEGRAM__API_BASE_URL": telegram.url,
        }
        if args.redis:
            env |= {
                "NZAP_DATABASE_URL": database_url,
                "NZAP_REDIS_URL": args.redis,
                "NZAP_QUEUE__BACKEND": "redis",
                "NZAP_QUEUE__NAME": f"load{os.getpid()}",
                "NZAP_QUEUE__WORKERS": "0",
            }
        env["NZAP_SERVER__WEB_PROCESSES"] = str(args.web_processes)
        workers = [WorkerProcess(env) for _ in range(args.workers if args.redis else 0)]
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "bot.app.cli", "serve", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 600  # a busy shared machine imports slowly
            while True:
                try:
                    if httpx.get(url + "/readyz", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("the server did not start")
                time.sleep(0.3)
            for worker in workers:  # after the server, which has migrated the database
                worker.start()
            # The server has created and migrated the database; the users agreed to the notice before.
            with open_database(database_url or f"sqlite:///{work / 'nzap.db'}") as database:
                consent_in_database(database, "line", *(f"U{u:032x}" for u in range(0, args.users, 2)))
                consent_in_database(database, "telegram", *(str(900000000 + u) for u in range(1, args.users, 2)))
            warm_up(url, line, questions[0])
            idle = rss_mib(server.pid)
            pids = [w.process.pid for w in workers if w.process]
            load_before = os.getloadavg()[0]
            report = asyncio.run(run(args.users, url, line, telegram, questions, server.pid, pids, args.spread))
            report["load_average_1m_before"] = round(load_before, 2)
            report["server_rss_mib_idle"] = round(idle, 1)
            report["setup"] = f"postgresql+redis, {len(workers)} nzap worker processes" if workers else "sqlite"
            report["web_processes"] = args.web_processes
            report["load_average_1m_after"] = round(os.getloadavg()[0], 2)
        finally:
            for worker in workers:
                worker.stop()
            server.terminate()
            try:  # its worker processes finish what they are answering first (up to 30 s); then no longer
                server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=30)
    return report


if __name__ == "__main__":
    main()
