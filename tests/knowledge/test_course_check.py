"""`nzap course check`: one small course per problem kind, and the bundled course passes."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from bot.app.cli import _course_check
from ingestion.loaders import load_file
from knowledge.course_check import Finding, Severity, check_course, format_report
from knowledge.embedders import Embedder
from knowledge.sync import sync_folders

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "knowledge" / "sample" / "course"

GOOD_SOURCE = (
    '  - title: "TGO news"\n    url: "https://www.nationthailand.com/news/policy/40059019"\n    date: "2025-11-30"\n'
)
FACTORS = """kind: emission_factors
factors:
  - id: grid_electricity
    value: 0.4750
    unit: "kgCO2e/kWh"
"""


def _module(sources: str = GOOD_SOURCE, body: str = "ไฟฟ้า 1 หน่วยปล่อย 0.4750 kgCO2e/kWh") -> str:
    return f'---\nweek: 3\ntitle: "ค่าการปล่อย"\nsources:\n{sources}---\n# สัปดาห์ที่ 3\n\n{body}\n'


def _course(tmp_path: Path, module: str | None = None, **files: str) -> Path:
    folder = tmp_path / "course"
    (folder / "modules").mkdir(parents=True)
    (folder / "modules" / "week03.md").write_text(module or _module(), encoding="utf-8")
    (folder / "emission_factors.yaml").write_text(FACTORS, encoding="utf-8")
    for name, text in files.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder


def _errors(folder: Path) -> list[Finding]:
    return [f for f in check_course(folder) if f.severity is Severity.ERROR]


def test_a_clean_small_course_has_no_findings(tmp_path: Path) -> None:
    assert check_course(_course(tmp_path)) == []


def test_an_empty_url_in_the_source_list_is_an_error(tmp_path: Path) -> None:
    source = '  - title: "a code file"\n    url: ""\n    date: "undated"\n'
    [finding] = _errors(_course(tmp_path, _module(sources=source)))
    assert (finding.file, finding.line) == ("modules/week03.md", 6)
    assert "empty URL" in finding.en


@pytest.mark.parametrize(
    "url",
    [
        "https://www.smebank.co.th/en/press-release/",
        "https://example.org/report...",
        "www.tgo.or.th/page",
        "https://tgo/x",
    ],
)
def test_a_truncated_or_malformed_url_is_an_error(tmp_path: Path, url: str) -> None:
    source = f'  - title: "a page"\n    url: "{url}"\n    date: "2025-01-02"\n'
    assert len(_errors(_course(tmp_path, _module(sources=source)))) == 1


def test_a_module_without_sources_or_with_a_bad_date_is_an_error(tmp_path: Path) -> None:
    assert "no source list" in _errors(_course(tmp_path, _module(sources="")))[0].en
    undated = GOOD_SOURCE.replace("2025-11-30", "")
    assert "no valid date" in _errors(_course(tmp_path / "b", _module(sources=undated)))[0].en


def test_an_author_note_visible_to_learners_is_an_error_but_a_marked_one_is_not(tmp_path: Path) -> None:
    visible = _module(body="> [ผู้เขียน] ตรวจตัวเลขนี้กับ FACTS อีกครั้ง\n\nเนื้อหาสำหรับผู้เรียน")
    [finding] = _errors(_course(tmp_path, visible))
    assert finding.line == 11 and "author note" in finding.en
    marked = _module(body="<!-- ผู้เขียน: ตรวจตัวเลขนี้อีกครั้ง TODO -->\nเนื้อหาสำหรับผู้เรียน")
    assert _errors(_course(tmp_path / "b", marked)) == []


def test_the_markdown_loader_drops_author_notes(tmp_path: Path) -> None:
    path = tmp_path / "week03.md"
    path.write_text(_module(body="<!-- ผู้เขียน: ยังไม่ยืนยัน\nสองบรรทัด -->\nเนื้อหาสำหรับผู้เรียน"), encoding="utf-8")
    text = " ".join(s.text for d in load_file(path, "week03.md") for s in d.sections)
    assert "เนื้อหาสำหรับผู้เรียน" in text and "ผู้เขียน" not in text and "สองบรรทัด" not in text


def test_a_factor_that_disagrees_with_the_factor_file_is_an_error(tmp_path: Path) -> None:
    [finding] = _errors(_course(tmp_path, _module(body="ใช้ค่า 0.4705 kgCO2e ต่อ kWh คูณหน่วยไฟ")))
    assert finding.line == 11 and "grid_electricity = 0.475" in finding.en
    # Far-off numbers (another quantity) and explicitly older values are left alone.
    other = _module(body="ค่าเก่า 0.4999 kgCO2e/kWh\n\nสินค้าปล่อย 1.2 kgCO2e/kWh ของผลผลิต")
    assert _errors(_course(tmp_path / "b", other)) == []


SESSION = '  - {{week: {week}, weekday: {day}, start: "09:00", end: "12:00", topic: x}}\n'


@pytest.mark.parametrize(
    ("sessions", "expected"),
    [
        ([(2, "thursday"), (1, "thursday")], "out of order"),
        ([(1, "thursday"), (1, "thursday")], "duplicate session"),
        ([(0, "thursday")], "invalid week"),
        ([(1, "someday")], "invalid weekday"),
    ],
)
def test_a_schedule_out_of_order_or_invalid_is_an_error(
    tmp_path: Path, sessions: list[tuple[int, str]], expected: str
) -> None:
    text = "kind: schedule\nsessions:\n" + "".join(SESSION.format(week=w, day=d) for w, d in sessions)
    [finding] = _errors(_course(tmp_path, schedule=text))
    assert expected in finding.en and finding.file == "schedule.yaml"


def test_schedule_dates_must_be_valid_and_in_order(tmp_path: Path) -> None:
    text = 'kind: schedule\nsessions:\n  - {date: "2027-01-14"}\n  - {date: "2027-01-07"}\n  - {date: "2027-02-30"}\n'
    messages = [f.en for f in _errors(_course(tmp_path, schedule=text))]
    assert any("before the previous" in m for m in messages) and any("invalid date" in m for m in messages)


def test_a_glossary_term_repeated_across_aliases_is_an_error(tmp_path: Path) -> None:
    glossary = (
        'kind: glossary\nterms:\n  - term: "ค่าการปล่อย"\n    aliases: ["EF", "emission factor"]\n'
        '  - term: "ตัวปล่อย"\n    aliases: ["ef"]\n'
    )
    [finding] = _errors(_course(tmp_path, glossary=glossary))
    assert (finding.file, finding.line) == ("glossary.yaml", 5) and "'ef'" in finding.en


@pytest.mark.parametrize(
    "cited",
    [
        "https://archyde.com/cabinet-approves-a-loan",
        "https://iiab.me/kiwix/content/wikipedia_en_all_maxi_2023-10/A/Carbon_dioxide-equivalent",
        "ไฟล์โค้ดบน GitHub (ไม่ทราบชื่อ repository)",
    ],
)
def test_a_banned_source_is_flagged_in_modules_and_the_faq(tmp_path: Path, cited: str) -> None:
    faq = f'kind: faq\nitems:\n  - {{id: a, question: "q", answer: "ที่มา: {cited}"}}\n'
    findings = _errors(_course(tmp_path, _module(body=f"ที่มา: {cited}"), faq=faq))
    assert {f.file for f in findings} == {"modules/week03.md", "faq.yaml"}
    assert all("banned source" in f.en for f in findings)


def test_the_first_mention_of_tgo_must_be_the_full_name(tmp_path: Path) -> None:
    short_first = "ค่าการปล่อยของ อบก. คือ 0.4750 kgCO2e/kWh\n\nองค์การบริหารจัดการก๊าซเรือนกระจก (องค์การมหาชน) (อบก. / TGO)"
    [finding] = check_course(_course(tmp_path, _module(body=short_first)))
    assert (finding.severity, finding.file, finding.line) == (Severity.ERROR, "modules/week03.md", 11)
    assert "full form" in finding.en and "ชื่อเต็ม" in finding.th


def test_the_full_name_first_then_the_abbreviation_passes_and_a_bare_tgo_later_is_a_warning(tmp_path: Path) -> None:
    body = (
        "ค่าการปล่อยขององค์การบริหารจัดการก๊าซเรือนกระจก (องค์การมหาชน) (อบก. / TGO) คือ 0.4750 kgCO2e/kWh\n\n"
        "## ขึ้นทะเบียนกับ TGO\n\nให้ผู้ทวนสอบที่ขึ้นทะเบียนกับ อบก. (TGO-registered verifier) ตรวจ "
        "ดู https://ghgreduction.tgo.or.th/TGO\n<!-- TGO: note for authors -->\n"
    )
    assert check_course(_course(tmp_path, _module(body=body))) == []
    [warning] = check_course(_course(tmp_path / "b", _module(body=body + "\nส่งรายงานให้ TGO ภายในเดือนมีนาคม\n")))
    assert warning.severity is Severity.WARNING and "อบก." in warning.th


def test_a_tgo_source_title_or_a_word_containing_the_letters_is_not_a_mention(tmp_path: Path) -> None:
    body = "ผู้ประกอบการไฟฟ้า 1 หน่วยปล่อย 0.4750 kgCO2e/kWh\n\n## แหล่งข้อมูล\n\n- TGO news: https://www.nationthailand.com/news/policy/40059019\n"
    assert check_course(_course(tmp_path, _module(body=body))) == []


def test_the_report_is_thai_by_default_with_file_and_line(tmp_path: Path) -> None:
    source = '  - title: "a code file"\n    url: ""\n    date: "undated"\n'
    out = io.StringIO()
    assert _course_check(_course(tmp_path, _module(sources=source)), "th", out) == 1
    assert "ข้อผิดพลาด (1)" in out.getvalue() and "modules/week03.md:6: แหล่งข้อมูล: URL ว่าง" in out.getvalue()
    assert format_report([], "en") == "No problems found."


def test_the_bundled_course_passes_the_check() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bot.app.cli", "course", "check", str(SAMPLE), "--en"],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 error(s)" in done.stdout or "No problems found." in done.stdout


def test_a_readme_for_authors_is_not_indexed(tmp_path: Path, index_dir: Path, embedder: Embedder) -> None:
    folder = _course(tmp_path)
    (folder / "README.md").write_text("# สำหรับผู้เขียน\n\nกฎการเขียนหลักสูตร", encoding="utf-8")
    report = sync_folders([folder], index_dir, embedder)
    assert "README.md" not in report.added and "modules/week03.md" in report.added


def test_a_key_written_twice_in_a_glossary_term_is_an_error_at_its_line(tmp_path: Path) -> None:
    """YAML would keep the second ``aliases:`` silently; the checker names the key and the line."""
    glossary = (
        'kind: glossary\nterms:\n  - term: "ค่าการปล่อย"\n    aliases: ["EF"]\n'
        '    definition: "ปริมาณที่ปล่อยต่อหน่วยกิจกรรม"\n    aliases: ["emission factor"]\n'
    )
    [finding] = _errors(_course(tmp_path, glossary=glossary))
    assert (finding.file, finding.line) == ("glossary.yaml", 6) and "'aliases' twice" in finding.en
