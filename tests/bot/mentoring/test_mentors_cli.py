"""``nzap mentors add|list|remove`` as an operator runs it (a real process, the configured database)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.mentoring import MentorRegistry
from bot.storage import open_database

REPO = Path(__file__).resolve().parents[3]


def nzap(database_url: str, tmp_path: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "NZAP_DATA_DIR": str(tmp_path / "data"),
        "NZAP_DATABASE_URL": database_url,
    }
    return subprocess.run(
        [sys.executable, "-m", "bot.app.cli", "mentors", *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow
def test_add_list_remove(database_url: str, tmp_path: Path) -> None:
    assert "ยังไม่มีพี่เลี้ยง" in nzap(database_url, tmp_path, "list").stdout
    added = nzap(
        database_url,
        tmp_path,
        "add", "--name", "พี่นก สมใจ", "--telegram", "123456", "--web", "nok", "--password-stdin",
        stdin="รหัสผ่านที่ยาวพอ\n",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "เพิ่มพี่เลี้ยงแล้ว: #1 พี่นก สมใจ" in added.stdout
    assert nzap(database_url, tmp_path, "add", "--name", "พี่หมี", "--line", "U" + "c" * 32).returncode == 0
    listing = nzap(database_url, tmp_path, "list").stdout.splitlines()
    assert listing[1].split("\t") == ["1", "พี่นก สมใจ", "123456", "-", "nok", "พี่เลี้ยง"]
    assert listing[2].split("\t")[1:4] == ["พี่หมี", "-", "U" + "c" * 32]
    with open_database(database_url) as database:
        registry = MentorRegistry(database)
        assert registry.verify_password("nok", "รหัสผ่านที่ยาวพอ") is not None
        assert registry.by_telegram(123456) is not None
    removed = nzap(database_url, tmp_path, "remove", "nok")
    assert removed.returncode == 0 and "นำพี่เลี้ยงออกแล้ว" in removed.stdout
    assert [line.split("\t")[1] for line in nzap(database_url, tmp_path, "list").stdout.splitlines()[1:]] == ["พี่หมี"]
    assert nzap(database_url, tmp_path, "remove", "2").returncode == 0


@pytest.mark.slow
def test_refusals_are_clear_and_exit_2(database_url: str, tmp_path: Path) -> None:
    no_password = nzap(database_url, tmp_path, "add", "--name", "พี่นก", "--web", "nok")
    assert no_password.returncode == 2 and "--password-stdin" in no_password.stderr
    short = nzap(database_url, tmp_path, "add", "--name", "พี่นก", "--web", "nok", "--password-stdin", stdin="1234\n")
    assert short.returncode == 2 and "สั้นเกินไป" in short.stderr
    no_identity = nzap(database_url, tmp_path, "add", "--name", "พี่นก")
    assert no_identity.returncode == 2 and "เพิ่มพี่เลี้ยงไม่ได้" in no_identity.stderr
    assert nzap(database_url, tmp_path, "add", "--name", "พี่นก", "--telegram", "1").returncode == 0
    taken = nzap(database_url, tmp_path, "add", "--name", "คนอื่น", "--telegram", "1")
    assert taken.returncode == 2 and "มีพี่เลี้ยง" in taken.stderr
    unknown = nzap(database_url, tmp_path, "remove", "nobody")
    assert unknown.returncode == 2 and "ไม่พบพี่เลี้ยง nobody" in unknown.stderr


@pytest.mark.slow
def test_the_staff_role_is_granted_at_add_or_later_and_taken_away(database_url: str, tmp_path: Path) -> None:
    staff = nzap(
        database_url, tmp_path, "add", "--name", "คุณแพร ผู้ประสานงาน", "--web", "prae", "--password-stdin", "--staff",
        stdin="รหัสผ่านที่ยาวพอ\n",
    )  # fmt: skip
    assert staff.returncode == 0, staff.stderr
    assert nzap(database_url, tmp_path, "add", "--name", "พี่นก", "--telegram", "42").returncode == 0
    listing = [line.split("\t") for line in nzap(database_url, tmp_path, "list").stdout.splitlines()[1:]]
    assert [(row[1], row[5]) for row in listing] == [("คุณแพร ผู้ประสานงาน", "เจ้าหน้าที่โครงการ"), ("พี่นก", "พี่เลี้ยง")]
    granted = nzap(database_url, tmp_path, "role", "2", "staff")
    assert granted.returncode == 0 and "#2 พี่นก: บทบาท เจ้าหน้าที่โครงการ" in granted.stdout
    assert nzap(database_url, tmp_path, "role", "prae", "mentor").returncode == 0
    with open_database(database_url) as database:
        assert [(m.name, m.staff) for m in MentorRegistry(database).list()] == [
            ("คุณแพร ผู้ประสานงาน", False),
            ("พี่นก", True),
        ]
    unknown = nzap(database_url, tmp_path, "role", "nobody", "staff")
    assert unknown.returncode == 2 and "ไม่พบพี่เลี้ยง nobody" in unknown.stderr
