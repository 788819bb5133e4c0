"""The ``nzap`` command line: ``ingest``, ``search``, ``ask``, ``chat``, ``serve``, ``worker``, ``mentors``,
``tickets``, ``privacy``, ``remind``, ``line``, ``report`` and ``demo``.

The JSON output of ``search`` is a contract that other tools rely on; keep it stable.

The commands import the knowledge base, the engine and the server inside their functions:
:func:`~bot.app.runtime.configure_process` must set the thread variables before numpy and the
embedding model load, and ``nzap --help`` stays quick. Nothing here is imported late to dodge a cycle.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from bot.app import mentors_cli, privacy_cli, reach_cli, report_cli
from bot.app.runtime import configure_process
from bot.app.serving import SHARED_PORT_FLAG, serve
from bot.i18n import message, skip_reason
from bot.settings import Settings
from ingestion.progress import Progress

if TYPE_CHECKING:
    from ingestion.limits import IngestLimits
    from knowledge.passages import RetrievalResult
    from knowledge.sync import SyncReport

DEMO_QUESTION = "ค่าไฟ 10,000 หน่วยต่อเดือน ปล่อยคาร์บอนเท่าไหร่"


def sample_folder() -> Path:
    """The bundled Thai sample course (package data); its README for staff lies one level up."""
    return Path(str(resources.files("knowledge").joinpath("sample", "course")))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="nzap", description="NZAP SME assistant")
    sub = parser.add_subparsers(dest="command", required=True)

    ingest = sub.add_parser("ingest", help="index course files (incremental)")
    ingest.add_argument("paths", nargs="*", type=Path, help="files or folders")
    ingest.add_argument("--sample", action="store_true", help="ingest the bundled Thai sample course")
    ingest.add_argument("--index", type=Path, help="index folder (default: per-user data folder)")
    ingest.add_argument("--strict", action="store_true", help="fail if any file cannot be read")
    ingest.add_argument("--rebuild", action="store_true", help="re-embed everything (e.g. after changing embedder)")
    ingest.add_argument("--quiet", action="store_true", help="no progress bar")

    search = sub.add_parser("search", help="find passages for a question")
    search.add_argument("query", help="the question, or - to read one query per line (with --json)")
    search.add_argument("--index", type=Path)
    search.add_argument("--k", type=int, default=5)
    search.add_argument("--json", action="store_true", help="JSON output (one object per line)")

    ask = sub.add_parser("ask", help="answer a question from the course material")
    ask.add_argument("question", help="the question, or - to read one question per line (with --json)")
    ask.add_argument("--index", type=Path)
    ask.add_argument("--json", action="store_true", help="JSON output (one object per line)")

    evaluate = sub.add_parser("eval", help="run a question set (JSON Lines) and report figures per kind")
    evaluate.add_argument("questions", type=Path, help="e.g. bench/data/informal_tuning.jsonl")
    evaluate.add_argument("--index", type=Path)
    evaluate.add_argument("--json", action="store_true", help="the whole report as JSON")

    chat = sub.add_parser("chat", help="talk with the assistant in the terminal (keeps history)")
    chat.add_argument("--index", type=Path)

    serve = sub.add_parser("serve", help="run the webhook server (LINE, Telegram) with health checks")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--index", type=Path)
    serve.add_argument("--telegram-polling", action="store_true", help="poll Telegram instead of a webhook (dev)")
    serve.add_argument(SHARED_PORT_FLAG, action="store_true", help=argparse.SUPPRESS)  # see bot.app.serving

    worker = sub.add_parser("worker", help="answer the webhook events `nzap serve` queued (run several)")
    worker.add_argument("--index", type=Path)

    course = sub.add_parser("course", help="tools for programme staff who write the course")
    course_sub = course.add_subparsers(dest="course_command", required=True)
    check = course_sub.add_parser("check", help="check a course folder before publishing (exit 1 on errors)")
    check.add_argument("path", type=Path, help="the course folder (holds modules/, faq.yaml, ...)")
    check.add_argument("--en", action="store_true", help="report in English (default: the configured language)")

    mentors_cli.add_parser(sub)
    mentors_cli.add_tickets_parser(sub)
    privacy_cli.add_parser(sub)
    reach_cli.add_parsers(sub)
    report_cli.add_parser(sub)

    demo = sub.add_parser("demo", help="ingest the sample course, answer a sample question, then chat")
    demo.add_argument("--index", type=Path)
    demo.add_argument("question", nargs="?", default=DEMO_QUESTION)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``nzap`` script."""
    args = _parser().parse_args(argv)
    settings = Settings()
    if getattr(args, "index", None):
        settings = settings.model_copy(update={"index_dir": args.index})
    configure_process(settings.threads)
    lang = settings.language
    from knowledge.index import KnowledgeIndexError

    try:
        if args.command == "ingest":
            return _ingest(settings, args.paths, args.sample, args.strict, args.rebuild, args.quiet)
        if args.command == "search":
            return _search(settings, args.query, args.k, args.json, sys.stdin, sys.stdout)
        if args.command == "ask":
            from bot.app.terminal import ask

            return ask(settings, args.question, args.json, sys.stdin, sys.stdout)
        if args.command == "eval":
            from bot.app.terminal import evaluate_set

            return evaluate_set(settings, args.questions, args.json, sys.stdout)
        if args.command == "course":
            return _course_check(args.path, "en" if args.en else lang, sys.stdout)
        if args.command == "mentors":
            return mentors_cli.run(settings, args, sys.stdin, sys.stdout, sys.stderr)
        if args.command == "tickets":
            return mentors_cli.run_tickets(settings, args, sys.stdout)
        if args.command == "privacy":
            return privacy_cli.run(settings, args, sys.stdout, sys.stderr)
        if args.command == "remind":
            return reach_cli.run_remind(settings, args, sys.stdout, sys.stderr)
        if args.command == "line":
            return reach_cli.run_line(settings, args, sys.stdout, sys.stderr)
        if args.command == "report":
            return report_cli.run(settings, args, sys.stdout)
        if args.command == "serve":
            return serve(settings, args.host, args.port, args.telegram_polling, args.shared_port)
        if args.command == "worker":
            return _worker(settings)
        if args.command == "chat":
            from bot.app.terminal import chat

            return chat(settings, sys.stdin, sys.stdout)
        code = _ingest(settings, [], True, False, False, True)
        if code:
            return code
        from bot.app.terminal import ask, chat

        print(message("demo.question", lang, question=args.question))
        ask(settings, args.question, False, sys.stdin, sys.stdout)
        # On a terminal the demo goes on as a conversation; piped or in CI it stops after one answer.
        return chat(settings, sys.stdin, sys.stdout) if sys.stdin.isatty() else 0
    except KnowledgeIndexError as exc:
        print(message("error.index", lang, detail=exc), file=sys.stderr)
        return 2
    except FileNotFoundError as exc:
        print(message("error.path", lang, detail=exc), file=sys.stderr)
        return 2


def _course_check(folder: Path, lang: str, out: TextIO) -> int:
    """``nzap course check``: print the report; 1 when there are errors, else 0."""
    from knowledge.course_check import Severity, check_course, format_report

    findings = check_course(folder)
    out.write(format_report(findings, lang) + "\n")
    return 1 if any(f.severity is Severity.ERROR for f in findings) else 0


def _progress_bar(total: int) -> Progress:
    """A tqdm bar on an interactive terminal for long runs; nothing otherwise."""
    return _Bar(total)


class _Bar(Progress):
    def __init__(self, total: int) -> None:
        from tqdm import tqdm

        self._bar = tqdm(total=total, unit="chunk", disable=total < 50 or not sys.stderr.isatty())

    def update(self, n: int) -> None:
        self._bar.update(n)

    def close(self) -> None:
        self._bar.close()


def curated_folder(roots: list[Path], folder: Path) -> Path | None:
    """The folder of mentor answers saved as FAQ, when it exists and none of ``roots`` holds it already."""
    if not folder.is_dir():
        return None
    resolved = folder.resolve()
    if any(resolved.is_relative_to(root.resolve()) for root in roots):
        return None
    return folder


def _merged(first: SyncReport, second: SyncReport) -> SyncReport:
    """One report for two syncs in a row (the totals are the second's: the index after both)."""
    from knowledge.sync import SyncReport

    return SyncReport(
        added=first.added + second.added,
        changed=first.changed + second.changed,
        unchanged=first.unchanged + second.unchanged,
        removed=first.removed + second.removed,
        skipped=first.skipped + second.skipped,
        truncated=first.truncated + second.truncated,
        chunks_embedded=first.chunks_embedded + second.chunks_embedded,
        chunks_total=second.chunks_total,
        embed_seconds=first.embed_seconds + second.embed_seconds,
        seconds=first.seconds + second.seconds,
    )


def ingest_limits(settings: Settings) -> IngestLimits:
    """The ingest caps from the settings (megabytes there, bytes here)."""
    from ingestion.limits import MIB, IngestLimits

    caps = settings.ingest
    return IngestLimits(
        max_file_bytes=int(caps.max_file_mb * MIB),
        max_pages=caps.max_pages,
        max_chars=caps.max_chars,
        max_unzipped_bytes=int(caps.max_unzipped_mb * MIB),
    )


def _ingest(settings: Settings, paths: list[Path], sample: bool, strict: bool, rebuild: bool, quiet: bool) -> int:
    from bot.app.composition import build_embedder, chroma_config, chunking_config
    from ingestion.limits import NotLocalPathError, check_local
    from knowledge.sync import StrictModeError, sync_folders

    lang = settings.language
    roots = [*paths, *([sample_folder()] if sample else [])]
    if not roots:
        print(message("ingest.no_paths", lang), file=sys.stderr)
        return 2
    for root in roots:
        try:
            check_local(root)
        except NotLocalPathError:
            print(message("ingest.not_local", lang, path=root), file=sys.stderr)
            return 2
    limits = ingest_limits(settings)
    index_dir = settings.resolved_index_dir()
    embedder = build_embedder(settings)
    try:
        report = sync_folders(
            roots,
            index_dir,
            embedder,
            chroma_config(settings),
            chunking_config(settings),
            strict=strict,
            rebuild=rebuild,
            progress=None if quiet else _progress_bar,
            limits=limits,
        )
        curated = curated_folder(roots, settings.resolved_faq_dir())
        if curated is not None:
            # Mentor answers saved as FAQ in the console are indexed with every ingest. A sync of
            # their own: the course's files keep their source names (one root gets no prefix), and
            # a sync leaves files of roots it was not given alone.
            more = sync_folders(
                [curated],
                index_dir,
                embedder,
                chroma_config(settings),
                chunking_config(settings),
                strict=strict,
                limits=limits,
            )
            report = _merged(report, more)
    except StrictModeError as exc:
        print(message("error.strict", lang, detail=exc), file=sys.stderr)
        return 1
    for source, reason in report.skipped:
        print(message("ingest.skipped", lang, source=source, reason=skip_reason(reason, lang)), file=sys.stderr)
    for note in report.truncated:
        print(message(f"ingest.truncated_{note.what}", lang, source=note.source, limit=note.limit), file=sys.stderr)
    print(
        message(
            "ingest.summary",
            lang,
            added=len(report.added),
            changed=len(report.changed),
            unchanged=len(report.unchanged),
            removed=len(report.removed),
            skipped=len(report.skipped),
            embedded=report.chunks_embedded,
            total=report.chunks_total,
            seconds=report.seconds,
        )
    )
    print(message("ingest.index", lang, path=index_dir))
    return 0


def _worker(settings: Settings) -> int:
    from bot.app.worker import run_worker
    from bot.observability.logs import configure_from_settings

    configure_from_settings(settings)
    return run_worker(settings)


def result_json(result: RetrievalResult) -> dict[str, Any]:
    """The stable JSON shape of one search."""
    return {
        "query": result.query,
        "confidence": round(result.confidence, 4),
        "results": [
            {
                "rank": rank,
                "score": round(p.score, 6),
                "source": p.chunk.source,
                "title": p.chunk.title,
                "page": p.chunk.page,
                "slide": p.chunk.slide,
                "heading": " > ".join(p.chunk.heading_path),
                "module": p.chunk.module,
                "week": p.chunk.week,
                "text": p.chunk.text,
            }
            for rank, p in enumerate(result.passages, start=1)
        ],
    }


def _search(settings: Settings, query: str, k: int, as_json: bool, stdin: TextIO, stdout: TextIO) -> int:
    from bot.app.composition import build_embedder, build_retriever

    retriever = build_retriever(settings, build_embedder(settings))
    if query == "-":
        # One query per line; models are loaded once and queries embedded in batches.
        batch: list[str] = []
        for line in stdin:
            if line.strip():
                batch.append(line.strip())
            if len(batch) == 32:
                _emit(retriever.retrieve_many(batch, k), as_json, settings.language, stdout)
                batch = []
        if batch:
            _emit(retriever.retrieve_many(batch, k), as_json, settings.language, stdout)
        return 0
    _emit([retriever.retrieve(query, k)], as_json, settings.language, stdout)
    return 0


def _emit(results: list[RetrievalResult], as_json: bool, lang: str, out: TextIO) -> None:
    for result in results:
        if as_json:
            out.write(json.dumps(result_json(result), ensure_ascii=False) + "\n")
            continue
        out.write(f"{result.query}\n{message('search.confidence', lang, confidence=result.confidence)}\n")
        if not result.passages:
            out.write(message("search.none", lang) + "\n")
        for rank, p in enumerate(result.passages, start=1):
            where = [p.chunk.source]
            if p.chunk.week is not None:
                where.append(message("search.week", lang, week=p.chunk.week))
            if p.chunk.page is not None:
                where.append(message("search.page", lang, page=p.chunk.page))
            if p.chunk.slide is not None:
                where.append(message("search.slide", lang, slide=p.chunk.slide))
            heading = " > ".join((p.chunk.title, *p.chunk.heading_path))
            out.write(f"\n{rank}. {heading}  [{', '.join(where)}]  ({p.score:.3f})\n{p.chunk.text}\n")
    out.flush()


if __name__ == "__main__":
    raise SystemExit(main())
