"""The composition root: settings in, ready objects out (knowledge base, engine, server).

Every service is built once, here: :func:`build_services` makes the database, the limits, the
one :class:`~bot.mentoring.TicketService` and the engine for ``serve`` (webhooks or
``--telegram-polling``, the same app), ``worker``-style background tasks, ``ask`` and
``chat``; :func:`build_server` adds the channels (one platform client each), the mentor desk,
the console, the outbox relay and the retention purge around them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import timedelta
from importlib import resources
from pathlib import Path

from fastapi import FastAPI

from bot.app.periodic import DigestWorker, build_dashboard, build_digest_worker, build_reminder_job, mentor_groups
from bot.app.server.app import BackgroundWorker, create_app
from bot.app.server.readiness import build_readiness
from bot.app.worker_processes import WorkerProcesses
from bot.channels import BuiltChannels, ChannelServices, build_channels
from bot.channels.jobs import HueyQueue, QueueConfig, open_huey
from bot.conversation.answerers.base import Answerer
from bot.conversation.answerers.extractive import ExtractiveAnswerer
from bot.conversation.answerers.llm import LLMAnswerer
from bot.conversation.engine import ConversationEngine
from bot.conversation.footprint import FootprintBook
from bot.conversation.policy import AnswerPolicy
from bot.conversation.reminders import ReminderDesk
from bot.conversation.tools.llm_tools import build_llm_tools
from bot.conversation.tools.schedule import SystemClock
from bot.conversation.tools.toolbox import Toolbox
from bot.limits import Limits, build_limits
from bot.mentoring import MentorRegistry, Outbox, TicketService
from bot.mentoring.console import ConsoleConfig, ConsoleExtension, MentorConsole
from bot.mentoring.console.security import stored_secret_key
from bot.mentoring.desk import MentorDesk
from bot.mentoring.posts import post_replies
from bot.mentoring.relay import OutboxSender, Relay, RelayConfig
from bot.mentoring.sla import ServiceLevels
from bot.privacy import PrivacyDesk, PrivacyService
from bot.privacy.worker import RetentionWorker
from bot.reminders import ReminderWorker
from bot.settings import Settings
from bot.storage import ConversationRepository, Database, FootprintRepository, ProcessedEvents, open_database
from bot.storage.database import events_file_beside
from bot.storage.reminders import ReminderBook
from ingestion import thai
from ingestion.chunking import ChunkingConfig
from knowledge.embedders import Embedder, EmbedderConfig, make_embedder
from knowledge.glossary import GlossaryExpander
from knowledge.index import KnowledgeIndex
from knowledge.retriever import HybridRetriever, RetrieverConfig, query_stopwords
from knowledge.vector_store import ChromaConfig
from prompts import check_prompts


def build_embedder(settings: Settings) -> Embedder:
    """The configured embedder (models load lazily on first use)."""
    s = settings.embedder
    return make_embedder(
        EmbedderConfig(
            backend=s.backend,
            model=s.model,
            base_url=s.base_url,
            api_key=s.api_key.get_secret_value() if s.api_key else None,
            dim=s.dim,
            query_prefix=s.query_prefix,
            passage_prefix=s.passage_prefix,
            batch_size=s.batch_size,
        )
    )


def chroma_config(settings: Settings) -> ChromaConfig:
    """Where the vectors are."""
    c = settings.chroma
    return ChromaConfig(mode=c.mode, host=c.host, port=c.port, ssl=c.ssl, collection_prefix=c.collection_prefix)


def chunking_config(settings: Settings) -> ChunkingConfig:
    """How documents are cut."""
    r = settings.retrieval
    return ChunkingConfig(max_tokens=r.chunk_max_tokens, overlap_tokens=r.chunk_overlap_tokens)


def build_retriever(settings: Settings, embedder: Embedder) -> HybridRetriever:
    """Open the live index and put the retriever over it."""
    index = KnowledgeIndex.open(settings.resolved_index_dir(), embedder, chroma_config(settings))
    r = settings.retrieval
    terms = index.glossary_terms() if r.glossary_expansion else []
    return HybridRetriever(
        index,
        embedder,
        RetrieverConfig(fusion=r.fusion, keyword_weight=r.keyword_weight, candidates=r.candidates),
        expander=GlossaryExpander(terms) if terms else None,
    )


def build_engine(
    settings: Settings,
    embedder: Embedder,
    database_url: str | None = None,
    database: Database | None = None,
    limits: Limits | None = None,
    tickets: TicketService | None = None,
    privacy: PrivacyService | None = None,
    footprints: bool = True,
) -> ConversationEngine:
    """The conversation engine over the live index, the database and the configured answerer.

    ``limits`` (built once per process with :func:`bot.limits.build_limits`) apply the per-user
    rate and answer slots; ``nzap serve`` passes them, the terminal commands do not. ``tickets``
    and ``privacy``: the process's services (built here over ``database`` when not given).
    ``footprints``: keep users' computed activities and answer ``/footprint`` (off for the one-shot
    ``nzap ask`` and ``nzap eval``, whose answers are forgotten at once).
    """
    retriever = build_retriever(settings, embedder)
    keyword = retriever.index.keyword
    stopwords = query_stopwords()
    extractive = ExtractiveAnswerer(idf=keyword.idf, stopwords=stopwords, language=settings.language)
    answerer: Answerer = extractive
    condense = None
    toolbox = build_toolbox(settings)
    if settings.llm.provider != "none":
        check_prompts()
        llm = LLMAnswerer.from_settings(
            settings.llm,
            fallback=extractive,
            history_turns=settings.policy.history_turns,
            # The same calculators and schedule as the engine's Toolbox, for what its reader misses.
            tools=build_llm_tools(toolbox),
        )
        answerer, condense = llm, llm.condense
    database = database or open_database(database_url or settings.resolved_database_url())
    repository = ConversationRepository(database)
    policy = settings.policy
    return ConversationEngine(
        retriever,
        answerer,
        repository,
        AnswerPolicy(answer_threshold=policy.answer_threshold),
        stopwords=stopwords,
        condense=condense,
        passages=policy.passages,
        history_turns=policy.history_turns,
        max_message_chars=policy.max_message_chars,
        tickets=tickets or build_ticket_service(settings, database),
        answer_within_hours=settings.mentoring.answer_within_hours,
        limits=limits,
        privacy=PrivacyDesk(repository, privacy or build_privacy_service(settings, database)),
        tools=toolbox,
        footprints=FootprintBook(FootprintRepository(database)) if footprints else None,
        # Reminders need a schedule to remind of, and a chat to come back to (not the one-shot commands).
        reminders=ReminderDesk(ReminderBook(database)) if footprints and toolbox.schedule is not None else None,
        feedback=settings.insight.feedback_buttons,
    )


def course_folder(settings: Settings) -> Path:
    """The course whose factor and schedule files the tools read: the setting, or the bundled sample."""
    return settings.cohort.course_dir or Path(str(resources.files("knowledge").joinpath("sample", "course")))


def build_toolbox(settings: Settings) -> Toolbox:
    """The calculators and the schedule over the course folder, with the cohort's start and time zone."""
    cohort = settings.cohort
    return Toolbox.from_course(course_folder(settings), cohort.start_date, SystemClock.named(cohort.timezone))


def build_privacy_service(settings: Settings, database: Database, events: Database | None = None) -> PrivacyService:
    """Export, erasure and the retention period over ``database`` (erasure empties the log of ``events`` too)."""
    also = () if events is None or events is database else (events,)
    p = settings.privacy
    return PrivacyService(database, p.retention_days, held_minutes=p.held_question_minutes, also_flush=also)


def build_ticket_service(settings: Settings, database: Database) -> TicketService:
    """Tickets over ``database``, posted to the configured mentor groups (the process builds one)."""
    m = settings.mentoring
    return TicketService(
        database,
        Outbox(database),
        mentor_groups(settings),
        duplicate_window=timedelta(minutes=m.duplicate_window_minutes),
        follow_up_window=timedelta(hours=m.follow_up_window_hours),
        post_formatter=post_replies,
    )


@dataclass(frozen=True)
class Services:
    """The services of one process, each built once from the settings."""

    settings: Settings
    embedder: Embedder
    database: Database
    limits: Limits | None
    """Per-user rates and answer slots; ``None`` for the terminal commands."""
    tickets: TicketService
    privacy: PrivacyService
    engine: ConversationEngine
    events: ProcessedEvents
    """The processed-events store the channels de-duplicate webhooks with."""
    events_database: Database  # that of ``events``: ``database`` itself, or on SQLite a file of its own


def build_services(
    settings: Settings, *, database_url: str | None = None, rate_limits: bool = True, footprints: bool = True
) -> Services:
    """Every service of the process over one database (``database_url``, else the configured one) and the
    webhook event record (on SQLite in a file of its own: :func:`events_file_beside`). ``footprints``: see
    :func:`build_engine`."""
    embedder = build_embedder(settings)
    database = open_database(url := database_url or settings.resolved_database_url())
    separate = settings.events_database_url or events_file_beside(url)
    events_database = open_database(separate) if separate else database
    limits = None
    if rate_limits:
        limits = build_limits(settings.limits, settings.redis_url.get_secret_value() if settings.redis_url else None)
    tickets = build_ticket_service(settings, database)
    privacy = build_privacy_service(settings, database, events_database)
    engine = build_engine(
        settings, embedder, database=database, limits=limits, tickets=tickets, privacy=privacy, footprints=footprints
    )
    events = ProcessedEvents(events_database, *((limits.seen, limits.seen_ttl_seconds) if limits else ()))
    return Services(settings, embedder, database, limits, tickets, privacy, engine, events, events_database)


@dataclass(frozen=True)
class Server:
    """What a process runs over the services: the channels, the mentor side and the background workers."""

    services: Services
    desk: MentorDesk
    channels: BuiltChannels
    relay: Relay
    retention: RetentionWorker
    console: MentorConsole
    queue: HueyQueue | None = None
    """Where webhook events go to the workers; ``None`` (``NZAP_QUEUE__BACKEND=inline``): answered here."""
    spawned: WorkerProcesses | None = None
    """The ``nzap worker`` processes ``nzap serve`` started itself (``NZAP_QUEUE__WORKERS``)."""
    reminders: ReminderWorker = field(default_factory=lambda: ReminderWorker(None, 0))
    """The session reminders' periodic task (run where the relay runs)."""
    digest: DigestWorker | None = None
    """The weekly digest to the mentor groups (``NZAP_INSIGHT__WEEKLY_DIGEST``); ``None`` when off."""

    @property
    def workers(self) -> list[BackgroundWorker]:
        """What runs beside the webhooks for the app's lifetime.

        With a queue, the worker processes run the relay and the retention purge; the web
        process only starts them (on one machine) or nothing (``nzap worker`` runs elsewhere).
        """
        if self.queue is None:
            return [self.relay, self.retention, self.reminders, *([self.digest] if self.digest is not None else [])]
        return [self.spawned] if self.spawned is not None else []


def queue_config(settings: Settings) -> QueueConfig | None:
    """The queue of the settings; ``None`` for ``inline`` (answered in the web process)."""
    backend = settings.queue.backend
    if backend == "inline":
        return None
    return QueueConfig(backend, settings.resolved_queue_url(), settings.queue.name)


def build_parts(
    settings: Settings, services: Services, *, telegram_polling: bool = False, queue: HueyQueue | None = None
) -> Server:
    """The channels, mentor desk, relay, retention purge and console over ``services``: the same for the
    web process (``serve``, with or without ``--telegram-polling``) and the worker processes (``worker``)."""
    database = services.database
    desk = MentorDesk(services.tickets, MentorRegistry(database), language=settings.language)
    channel_services = ChannelServices(
        services.engine,
        services.events,
        desk,
        services.tickets,
        telegram_polling,
        limits=services.limits,
        queue=queue,
        lease_seconds=settings.queue.lease_seconds,
    )
    channels = build_channels(settings, channel_services)
    return Server(
        services,
        desk,
        channels,
        build_relay(settings, services.tickets, channels.outbox_senders),
        RetentionWorker(services.privacy, settings.privacy.purge_every_hours),
        build_console(
            settings,
            database,
            services.tickets,
            [build_dashboard(settings, database, services.tickets, services.embedder, services.engine.retriever)],
        ),
        queue,
        reminders=ReminderWorker(
            build_reminder_job(settings, database, build_toolbox(settings).schedule),
            settings.reminders.check_every_minutes,
        ),
        digest=build_digest_worker(settings, database, services.embedder, services.engine.retriever),
    )


def build_server(settings: Settings, *, telegram_polling: bool = False) -> FastAPI:
    """The app of ``nzap serve``: with ``telegram_polling``, Telegram is polled in its lifespan instead of
    taking webhooks, and everything else (limits, mentor desk, queue and workers, relay, retention) is the same.

    The parts are kept on ``app.state.server`` (a :class:`Server`).
    """
    if telegram_polling and not settings.telegram.enabled:
        raise ValueError("--telegram-polling needs NZAP_TELEGRAM__BOT_TOKEN")
    services = build_services(settings)
    config = queue_config(settings)
    queue = HueyQueue(open_huey(config)) if config is not None else None
    server = build_parts(settings, services, telegram_polling=telegram_polling, queue=queue)
    if queue is not None and settings.queue.workers > 0:
        server = replace(server, spawned=WorkerProcesses(settings.queue.workers, settings.index_dir))
    ready = build_readiness(settings, services.embedder, services.database, queue.depth if queue else None)
    s = settings.server
    app = create_app(
        server.channels.plugins,
        ready,
        s.max_body_bytes,
        s.worker_threads,
        workers=server.workers,
        api_docs=s.api_docs,
        language=settings.language,
        warm_up=(lambda: warm_up(services.engine)) if s.warm_up else None,
    )
    app.include_router(server.console.router())
    app.state.server = server
    return app


WARM_UP_QUESTION = "ค่าไฟฟ้า 1,000 หน่วย ปล่อยก๊าซเรือนกระจกเท่าไหร่"
"""A Thai course question whose retrieval and splitting load every model an answer needs."""


def warm_up(engine: ConversationEngine) -> None:
    """Load the models before the first user needs them (1.7 to 2.1 s measured on the first answer).

    A retrieval loads the embedder's weights, the Thai word dictionary and the vector store;
    splitting what it found loads the sentence model. Nothing is written: no user, no message.
    Splitting every chunk ahead (the answerers' sentence caches) is left out: on a large course
    it would take minutes of CPU the workers need for answers.
    """
    result = engine.retriever.retrieve(WARM_UP_QUESTION, k=3)
    for passage in result.passages:
        thai.sentences(passage.chunk.text)


def build_relay(settings: Settings, tickets: TicketService, senders: list[OutboxSender]) -> Relay:
    """The outbox relay over the channels' senders (one per configured platform), with the service-level checks."""
    m = settings.mentoring
    coordinators: list[tuple[str, str]] = []
    if m.coordinator_telegram_chat_id is not None:
        coordinators.append(("telegram", str(m.coordinator_telegram_chat_id)))
    if m.coordinator_line_id:
        coordinators.append(("line", m.coordinator_line_id))
    levels = ServiceLevels(
        tickets,
        remind_after=timedelta(minutes=m.remind_after_minutes),
        coordinator_after=timedelta(minutes=m.coordinator_after_minutes),
        coordinators=coordinators,
    )
    config = RelayConfig(
        poll_seconds=m.relay_poll_seconds,
        max_attempts=m.relay_max_attempts,
        backoff_seconds=m.relay_backoff_seconds,
        lease_seconds=m.relay_lease_seconds,
    )
    return Relay(tickets.outbox, tickets, senders, config, service_levels=levels)


def build_console(
    settings: Settings,
    database: Database,
    tickets: TicketService | None = None,
    extensions: Sequence[ConsoleExtension] = (),
) -> MentorConsole:
    """The mentor web console (``/console``) over the tickets and mentors in ``database``, with ``extensions``."""
    m = settings.mentoring
    secret = m.console_secret_key.get_secret_value() if m.console_secret_key else stored_secret_key(settings.data_dir)
    config = ConsoleConfig(
        secret_key=secret,
        faq_dir=settings.resolved_faq_dir(),
        cookie_secure=m.console_cookie_secure,
        session_hours=m.console_session_hours,
        lockout_minutes=m.console_lockout_minutes,
        language=settings.language,
    )
    mentors = MentorRegistry(database, m.console_lockout_failures, m.console_lockout_minutes)
    return MentorConsole(tickets or build_ticket_service(settings, database), mentors, config, extensions=extensions)
