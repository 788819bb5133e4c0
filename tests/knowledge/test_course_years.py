"""`nzap course check`, the year rule: a bare Common Era year in Thai text is an error with its file and line."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from bot.app.cli import _course_check
from knowledge.course_check import Finding, check_course
from knowledge.course_yaml_checks import check_schedule
from knowledge.course_years import check_years

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "knowledge" / "sample" / "course"

HEAD = (
    '---\nweek: 1\ntitle: "Net Zero (ค.ศ. 2025 title)"\nsources:\n'
    '  - title: "Nation Thailand, 30 November 2025"\n'
    '    url: "https://www.nationthailand.com/news/policy/40059019"\n    date: "2025-11-30"\n---\n# สัปดาห์ที่ 1\n\n'
)


def _course(tmp_path: Path, body: str, **files: str) -> Path:
    folder = tmp_path / "course"
    (folder / "modules").mkdir(parents=True)
    (folder / "modules" / "week01.md").write_text(HEAD + body + "\n", encoding="utf-8")
    for name, text in files.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder


def _years(folder: Path) -> list[Finding]:
    return [f for f in check_course(folder) if "Common Era" in f.en]


def test_a_bare_common_era_year_in_a_module_is_an_error_with_its_line(tmp_path: Path) -> None:
    body = "ค่าใหม่มีผลตั้งแต่ 1 มกราคม พ.ศ. 2569 (ค.ศ. 2026)\n\nค่าเดิมใช้ได้ถึง 31 มีนาคม 2026"
    [finding] = _years(_course(tmp_path, body))
    assert (finding.file, finding.line) == ("modules/week01.md", 13)
    assert "พ.ศ. 2569 (ค.ศ. 2026)" in finding.th and "ค.ศ." in finding.th


@pytest.mark.parametrize(
    "line",
    [
        "ไทยตั้งเป้า Net Zero ภายในปี 2050",
        "ไทยตั้งเป้า Net Zero ภายในปี ค.ศ. 2050",  # CE label outside brackets
        "ลงนามเมื่อ 15 สิงหาคม 2025 (พ.ศ. 2568)",  # the eras the wrong way round
        "FTIX ดำเนินการในปี 2023-2024",
        "ปี2026ค่าไฟขึ้น",
    ],
)
def test_each_way_of_writing_a_bare_ce_year_is_caught(tmp_path: Path, line: str) -> None:
    assert len(_years(_course(tmp_path, line))) == 1


@pytest.mark.parametrize(
    "line",
    [
        "มีผลตั้งแต่ 1 มกราคม พ.ศ. 2569 (ค.ศ. 2026)",
        "FTIX ดำเนินการในปี พ.ศ. 2566–2567 (ค.ศ. 2023–2024)",
        "เป้าหมายมีสองปี (พ.ศ. 2593 และ พ.ศ. 2608 หรือ ค.ศ. 2050 และ 2065)",
        "ผลิตไฟได้ (ปี พ.ศ. 2569 (ค.ศ. 2026)) ราว 1,300 หน่วย",
        "หลักสูตร NZAP 2026 และงาน ESG Symposium 2023 ของเอสซีจี",
        "หลักสูตร Net Zero Accelerator Program (NZAP) 2026 ขยายเป็น 12 สัปดาห์",
        "ตามเป้า SBTi 2030 target ของบริษัทแม่",
        "ระเบียบ (EU) 2025/2083 และมาตรฐาน ISO 14064-1:2018",
        "กองทุนเริ่มด้วยเงิน 2,000 ล้านบาท ใช้ไฟ 2000 kWh ต่อเดือน",
        "ดูที่ https://example.org/2025/report และ sahawatthanakit1988.com",
        "<!-- ผู้เขียน: ตรวจตัวเลขปี 2025 อีกครั้ง --> ข้อความ",
        "No Thai on this line: in 2025 the EU started",
        "## แหล่งข้อมูล\n\n- Nation Thailand, ข่าว 30 พฤศจิกายน 2025: https://www.nationthailand.com/x (2025-11-30)",
    ],
)
def test_the_documented_exceptions_pass(tmp_path: Path, line: str) -> None:
    assert _years(_course(tmp_path, line)) == []


def test_the_faq_and_the_glossary_are_checked_but_yaml_comments_are_not(tmp_path: Path) -> None:
    faq = 'kind: faq\nitems:\n  # ตรวจเมื่อ 2025\n  - {id: a, question: "q", answer: "อนุมัติเมื่อ 2 ธันวาคม 2025"}\n'
    glossary = 'kind: glossary\nterms:\n  - term: "NDC"\n    definition: "เป้าหมายปี 2030 ของไทย"\n'
    findings = _years(_course(tmp_path, "ข้อความ", faq=faq, glossary=glossary))
    assert sorted((f.file, f.line) for f in findings) == [("faq.yaml", 4), ("glossary.yaml", 4)]


def test_the_report_names_file_and_line_in_thai(tmp_path: Path) -> None:
    out = io.StringIO()
    assert _course_check(_course(tmp_path, "ภายในปี 2030"), "th", out) == 1
    assert "modules/week01.md:11: ปี 2030 เป็น ค.ศ. ในข้อความภาษาไทย" in out.getvalue()


def test_the_bundled_course_follows_the_year_rule() -> None:
    findings: list[Finding] = []
    for path in sorted((SAMPLE / "modules").glob("*.md")):
        findings += check_years(path.name, path.read_text(encoding="utf-8"), markdown=True)
    for name in ("faq.yaml", "glossary.yaml", "schedule.yaml"):
        findings += check_years(name, (SAMPLE / name).read_text(encoding="utf-8"), markdown=False)
    assert findings == [], [f"{f.file}:{f.line}" for f in findings]


def test_the_bundled_schedule_is_in_date_order_without_warnings() -> None:
    assert check_schedule("schedule.yaml", SAMPLE / "schedule.yaml") == []
