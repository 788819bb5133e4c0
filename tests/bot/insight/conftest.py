"""An index of three modules of the sample course (solar, supply chain and CBAM, green finance), built once;
the console with the staff dashboard over a seeded history (SQLite and PostgreSQL)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from bot.app.cli import sample_folder
from bot.app.composition import build_retriever
from bot.app.periodic import build_dashboard
from bot.app.server.app import create_app
from bot.mentoring import MentorRecord, MentorRegistry, Outbox, TicketService
from bot.mentoring.console import ConsoleConfig, MentorConsole
from bot.mentoring.console.config import LANGUAGE_COOKIE
from bot.settings import Settings
from bot.storage import Database
from knowledge.embedders import Embedder
from knowledge.sync import sync_folders
from tests.bot.mentoring.console.conftest import PASSWORD, SECRET, Clock, form_value
from tests.bot.storage.conftest import database, database_url  # noqa: F401  (shared fixtures)
from tests.insight_history import seed_history
from tests.server_thread import serve

MODULES = (
    "modules/week05-solar-rooftop.md",
    "modules/week08-supply-chain-scope3-cbam.md",
    "modules/week10-green-finance.md",
)


@pytest.fixture(scope="session")
def insight_index(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Path:
    """The index folder over :data:`MODULES`."""
    root = tmp_path_factory.mktemp("insight-course")
    for part in MODULES:
        target = root / "course" / part
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(sample_folder() / part, target)
    sync_folders([root / "course"], root / "index", embedder)
    return root / "index"


@dataclass
class DashboardConsole:
    """A running console with the staff dashboard over a seeded history, and who can sign in to it."""

    url: str
    database: Database
    tickets: TicketService
    outbox: Outbox
    mentors: MentorRegistry
    clock: Clock
    staff: MentorRecord
    mentor: MentorRecord

    def client(self, language: str | None = None) -> httpx.Client:
        cookies = {LANGUAGE_COOKIE: language} if language else None
        return httpx.Client(base_url=self.url, follow_redirects=False, timeout=120, cookies=cookies)

    def login(self, client: httpx.Client, username: str) -> None:
        page = client.get("/console/login")
        token = form_value(page.text, "csrf")
        data = {"csrf": token, "username": username, "password": PASSWORD, "next": ""}
        assert client.post("/console/login", data=data).status_code == 303


@pytest.fixture
def dashboard_console(
    database: Database,  # noqa: F811
    insight_index: Path,
    embedder: Embedder,
    tmp_path: Path,
) -> Iterator[DashboardConsole]:
    """The console as ``nzap serve`` wires it (the dashboard as an extension), over :func:`seed_history`."""
    clock = Clock()
    seed_history(database, clock.now)
    outbox = Outbox(database)
    tickets = TicketService(database, outbox)
    mentors = MentorRegistry(database)
    staff = mentors.add("คุณแพร ผู้ประสานงาน", web_username="prae", password=PASSWORD, staff=True)
    mentor = mentors.add("พี่สมชาย ใจดี", web_username="somchai", password=PASSWORD)
    settings = Settings(_env_file=None, data_dir=tmp_path / "data", index_dir=insight_index)  # type: ignore[call-arg]
    retriever = build_retriever(settings, embedder)
    dashboard = build_dashboard(settings, database, tickets, embedder, retriever)
    config = ConsoleConfig(secret_key=SECRET, faq_dir=tmp_path / "curated")
    app = create_app([], ready=lambda: {})
    app.include_router(MentorConsole(tickets, mentors, config, clock=clock, extensions=[dashboard]).router())
    with serve(app) as url:
        yield DashboardConsole(url, database, tickets, outbox, mentors, clock, staff, mentor)
