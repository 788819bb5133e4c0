"""The composition root: settings in, ready objects out (knowledge base, engine, server)."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from bot.conversation.answerers.base import Answerer
from bot.conversation.answerers.extractive import ExtractiveAnswerer
from bot.conversation.answerers.llm import LLMAnswerer
from bot.conversation.engine import ConversationEngine
from bot.conversation.policy import AnswerPolicy
from bot.limits import Limits, build_limits
from bot.mentoring import MentorGroups, Outbox, TicketService
from bot.mentoring.posts import post_replies
from bot.privacy import PrivacyDesk, PrivacyService
from bot.privacy.worker import RetentionWorker
from bot.settings import Settings
from bot.storage import ConversationRepository, Database, ProcessedEvents, open_database
from ingestion.chunking import ChunkingConfig
from knowledge.embedders import Embedder, EmbedderConfig, make_embedder
from knowledge.glossary import GlossaryExpander
from knowledge.index import KnowledgeIndex
from knowledge.retriever import HybridRetriever, RetrieverConfig, query_stopwords
from knowledge.vector_store import ChromaConfig
from prompts import check_prompts

if TYPE_CHECKING:
    from fastapi import FastAPI

    from bot.mentoring.console import MentorConsole
    from bot.mentoring.desk import MentorDesk
    from bot.mentoring.relay import Relay


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
) -> ConversationEngine:
    """The conversation engine over the live index, the database and the configured answerer.

    ``limits`` (built once per process with :func:`bot.limits.build_limits`) apply the per-user
    rate and answer slots; ``nzap serve`` passes them, the terminal commands do not.
    """
    retriever = build_retriever(settings, embedder)
    keyword = retriever.index.keyword
    stopwords = query_stopwords()
    extractive = ExtractiveAnswerer(idf=keyword.idf, stopwords=stopwords, language=settings.language)
    answerer: Answerer = extractive
    condense = None
    if settings.llm.provider != "none":
        check_prompts()
        llm = LLMAnswerer.from_settings(settings.llm, fallback=extractive, history_turns=settings.policy.history_turns)
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
        tickets=build_ticket_service(settings, database),
        answer_within_hours=settings.mentoring.answer_within_hours,
        limits=limits,
        privacy=PrivacyDesk(repository, build_privacy_service(settings, database)),
    )


def build_privacy_service(settings: Settings, database: Database) -> PrivacyService:
    """Export, erasure and the retention period over ``database``."""
    return PrivacyService(database, settings.privacy.retention_days)


def build_ticket_service(settings: Settings, database: Database) -> TicketService:
    """Tickets over ``database``, posted to the configured mentor groups."""
    m = settings.mentoring
    return TicketService(
        database,
        Outbox(database),
        MentorGroups(telegram_chat_id=m.telegram_group_chat_id, line_group_id=m.line_group_id),
        duplicate_window=timedelta(minutes=m.duplicate_window_minutes),
        follow_up_window=timedelta(hours=m.follow_up_window_hours),
        post_formatter=post_replies,
    )


def build_server(settings: Settings) -> FastAPI:
    """The webhook server: engine, processed-event store and the enabled channels."""
    from bot.app.server.app import create_app
    from bot.app.server.readiness import build_readiness
    from bot.channels import build_channels

    embedder = build_embedder(settings)
    database = open_database(settings.resolved_database_url())
    redis_url = settings.redis_url.get_secret_value() if settings.redis_url else None
    limits = build_limits(settings.limits, redis_url)
    engine = build_engine(settings, embedder, database=database, limits=limits)
    events = ProcessedEvents(database, limits.seen, limits.seen_ttl_seconds)
    channels = build_channels(settings, engine, events, desk=build_mentor_desk(settings, database))

    ready = build_readiness(settings, embedder, database)

    relay = build_relay(settings, database)
    retention = RetentionWorker(build_privacy_service(settings, database), settings.privacy.purge_every_hours)
    server = settings.server
    app = create_app(channels, ready, server.max_body_bytes, server.worker_threads, workers=[relay, retention])
    app.include_router(build_console(settings, database).router())
    return app


def build_relay(settings: Settings, database: Database) -> Relay:
    """The outbox relay with a sender for each configured platform, and the service-level checks."""
    from bot.channels.outbox_senders import LineOutboxSender, OutboxSender, TelegramOutboxSender
    from bot.mentoring.relay import Relay, RelayConfig
    from bot.mentoring.sla import ServiceLevels

    m = settings.mentoring
    tickets = build_ticket_service(settings, database)
    senders: list[OutboxSender] = []
    if settings.line.enabled:
        senders.append(LineOutboxSender(settings.line, m.relay_request_timeout_seconds))
    if settings.telegram.enabled:
        senders.append(TelegramOutboxSender(settings.telegram, tickets, m.relay_request_timeout_seconds))
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


def build_mentor_desk(settings: Settings, database: Database) -> MentorDesk:
    """Mentor actions from the LINE and Telegram mentor groups (claim, answer, close) over ``database``."""
    from bot.mentoring import MentorRegistry
    from bot.mentoring.desk import MentorDesk

    # Like the console, the desk creates no tickets, so its service needs no mentor groups.
    return MentorDesk(TicketService(database, Outbox(database)), MentorRegistry(database), language=settings.language)


def build_console(settings: Settings, database: Database) -> MentorConsole:
    """The mentor web console (``/console``) over the tickets and mentors in ``database``."""
    from bot.mentoring import MentorRegistry, Outbox, TicketService
    from bot.mentoring.console import ConsoleConfig, MentorConsole
    from bot.mentoring.console.security import stored_secret_key

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
    # The console claims, answers and closes; it creates no tickets, so it needs no mentor groups.
    tickets = TicketService(database, Outbox(database))
    mentors = MentorRegistry(database, m.console_lockout_failures, m.console_lockout_minutes)
    return MentorConsole(tickets, mentors, config)


def run_telegram_polling(settings: Settings) -> int:
    """Answer Telegram by long polling (local development without a public URL); blocks until Ctrl+C."""
    from bot.channels.telegram import run_polling

    if not settings.telegram.enabled:
        raise ValueError("--telegram-polling needs NZAP_TELEGRAM__BOT_TOKEN")
    embedder = build_embedder(settings)
    database = open_database(settings.resolved_database_url())
    engine = build_engine(settings, embedder, database=database)
    run_polling(settings.telegram, engine, ProcessedEvents(database), language=settings.language)
    return 0
