"""A damaged or deleted index while the server runs: the web chat answers 503 with a short message in
the user's language (never a 500, never a file path or Chroma's own error text), and ``/readyz`` says
"not ready" with a short reason only."""

from __future__ import annotations

import shutil
from pathlib import Path

import httpx

from bot.app.composition import build_server
from bot.i18n import message
from bot.settings import Settings
from knowledge.embedders import Embedder
from knowledge.sync import sync_folders
from tests.consent import consent_in_database
from tests.server_thread import serve
from tests.web_chat import WEB_COOKIE, new_session, web_user_id

QUESTION = "ค่าการปล่อยก๊าซเรือนกระจกของไฟฟ้าเท่าไหร่ครับ"


def _damage(chroma: Path) -> None:
    """Overwrite every file of the Chroma folder with junk, as a failed disk or a bad copy would."""
    for path in chroma.rglob("*"):
        if path.is_file():
            path.write_bytes(b"\x00junk" * 4096)


def test_a_damaged_index_is_a_503_with_a_thai_message_and_readyz_hides_the_details(
    thai_folder: Path, tmp_path: Path, embedder: Embedder
) -> None:
    settings = Settings(_env_file=None, data_dir=tmp_path / "data")  # type: ignore[call-arg]
    sync_folders([thai_folder], settings.resolved_index_dir(), embedder)
    app = build_server(settings)
    session = new_session()
    consent_in_database(app.state.server.services.database, "web", web_user_id(session))
    with serve(app) as url, httpx.Client(base_url=url, cookies={WEB_COOKIE: session}, timeout=60) as client:
        assert client.post("/api/chat", json={"text": QUESTION}).status_code == 200
        _damage(settings.resolved_index_dir())
        shutil.rmtree(settings.resolved_index_dir() / "generations", ignore_errors=True)
        refused = client.post("/api/chat", json={"text": "โซลาร์เซลล์คืนทุนกี่ปี"})
        ready = client.get("/readyz")
    assert refused.status_code == 503 and refused.headers["retry-after"]
    assert refused.json() == {"detail": message("server.index_unavailable", "th")}
    assert ready.status_code == 503
    problems = ready.json()["problems"]
    assert "index" in problems
    assert str(tmp_path) not in ready.text and "Error" not in ready.text and "/" not in problems["index"].split("`")[0]
