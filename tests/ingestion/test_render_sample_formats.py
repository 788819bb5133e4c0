"""scripts/render_sample_formats.py: Markdown rendered to PDF, DOCX and PPTX reads back via the loaders."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from docx import Document
from pptx import Presentation
from pypdf import PdfReader

from ingestion.loaders import load_file
from ingestion.loaders.pptx import NOTES_PREFIX

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "render_sample_formats.py"

MODULE = """---
week: 5
module: 5
title: "โซลาร์รูฟท็อปสำหรับ SME"
topics: ["solar rooftop", "kWp"]
sources:
  - title: "ผู้ขายรายหนึ่ง"
    url: "https://example.org/solar"
---

# โซลาร์รูฟท็อปสำหรับ SME

บทนี้ช่วยประเมิน**ขนาดระบบ**จากบิลค่าไฟ

## ตัวเลขพื้นฐาน

ตัวเลขในส่วนนี้เป็นช่วงโดยประมาณจากผู้ขาย

| รายการ | ค่า |
|---|---|
| ไฟที่ผลิตได้ | 1,300 kWh ต่อ kWp ต่อปี |
| พื้นที่หลังคา | 6.5 ตารางเมตรต่อ kWp |

- ราคาติดตั้งประมาณ 18,000 บาทต่อ kWp
- ระยะคืนทุน 4–7 ปี

## การลดคาร์บอน

ไฟฟ้าที่ผลิตเองช่วยลดการปล่อยในขอบเขตที่ 2 ได้ทันที

### ตัวอย่างการคำนวณ

1 kWp × 1,300 kWh × 0.4750 ≈ 617.5 kgCO2e ต่อปี

1. วัดพื้นที่หลังคา
2. ขอใบเสนอราคาอย่างน้อย 2 ราย
"""


@pytest.fixture(scope="module")
def renderer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("render_sample_formats", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def markdown(tmp_path: Path) -> Path:
    path = tmp_path / "week05-solar.md"
    path.write_text(MODULE, encoding="utf-8")
    return path


def _no_front_matter(text: str) -> None:
    for leftover in ("week: 5", "sources", "example.org", "topics", "---"):
        assert leftover not in text


@pytest.mark.needs_system
def test_pdf_rendering(renderer: ModuleType, markdown: Path, tmp_path: Path, thai_font: Path) -> None:
    out = renderer.render(markdown, tmp_path / "out" / "solar.pdf")
    assert PdfReader(str(out)).metadata.title == "โซลาร์รูฟท็อปสำหรับ SME"
    [doc] = load_file(out, "solar.pdf")
    assert doc.title == "โซลาร์รูฟท็อปสำหรับ SME"
    text = "\n".join(s.text for s in doc.sections)
    _no_front_matter(text)
    for expected in (
        "ขนาดระบบ",
        "1,300 kWh ต่อ kWp ต่อปี",
        "ระยะคืนทุน 4–7 ปี",
        "ขอบเขตที่ 2",
        "617.5 kgCO2e",
        "ขอใบเสนอราคาอย่างน้อย 2 ราย",
    ):
        assert expected in " ".join(text.split()), expected
    assert "**" not in text


def test_docx_rendering(renderer: ModuleType, markdown: Path, tmp_path: Path) -> None:
    out = renderer.render(markdown, tmp_path / "solar.docx")
    document = Document(str(out))
    assert document.core_properties.title == "โซลาร์รูฟท็อปสำหรับ SME"
    styles = {p.style.name for p in document.paragraphs if p.text == "ตัวเลขพื้นฐาน"}
    assert styles == {"Heading 1"}
    [doc] = load_file(out, "solar.docx")
    assert doc.title == "โซลาร์รูฟท็อปสำหรับ SME"
    assert [s.heading_path for s in doc.sections] == [
        (),
        ("ตัวเลขพื้นฐาน",),
        ("การลดคาร์บอน",),
        ("การลดคาร์บอน", "ตัวอย่างการคำนวณ"),
    ]
    assert doc.sections[0].text == "บทนี้ช่วยประเมินขนาดระบบจากบิลค่าไฟ"
    assert "รายการ | ค่า\nไฟที่ผลิตได้ | 1,300 kWh ต่อ kWp ต่อปี" in doc.sections[1].text
    assert "- ราคาติดตั้งประมาณ 18,000 บาทต่อ kWp" in doc.sections[1].text
    _no_front_matter("\n".join(s.text for s in doc.sections))


def test_pptx_rendering(renderer: ModuleType, markdown: Path, tmp_path: Path) -> None:
    out = renderer.render(markdown, tmp_path / "solar.pptx")
    assert Presentation(str(out)).core_properties.title == "โซลาร์รูฟท็อปสำหรับ SME"
    [doc] = load_file(out, "solar.pptx")
    assert doc.title == "โซลาร์รูฟท็อปสำหรับ SME"
    assert [(s.slide, s.heading_path) for s in doc.sections] == [
        (1, ("โซลาร์รูฟท็อปสำหรับ SME",)),
        (2, ("ตัวเลขพื้นฐาน",)),
        (3, ("การลดคาร์บอน",)),
    ]
    cover, basics, carbon = (s.text for s in doc.sections)
    assert cover.endswith(NOTES_PREFIX + "บทนี้ช่วยประเมินขนาดระบบจากบิลค่าไฟ")
    assert basics.endswith(NOTES_PREFIX + "ตัวเลขในส่วนนี้เป็นช่วงโดยประมาณจากผู้ขาย")
    assert "รายการ | ค่า" in basics and "ราคาติดตั้งประมาณ 18,000 บาทต่อ kWp" in basics
    assert "ตัวอย่างการคำนวณ" in carbon and "1. วัดพื้นที่หลังคา" in carbon
    assert carbon.endswith(NOTES_PREFIX + "ไฟฟ้าที่ผลิตเองช่วยลดการปล่อยในขอบเขตที่ 2 ได้ทันที")
    _no_front_matter("\n".join(s.text for s in doc.sections))


def test_command_line_renders_one_file_and_rejects_unknown_formats(markdown: Path, tmp_path: Path) -> None:
    out = tmp_path / "cli.docx"
    done = subprocess.run([sys.executable, str(SCRIPT), str(markdown), str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert out.is_file()
    bad = subprocess.run(
        [sys.executable, str(SCRIPT), str(markdown), str(tmp_path / "x.odt")], capture_output=True, text=True
    )
    assert bad.returncode != 0 and "use .pdf, .docx or .pptx" in bad.stderr


def test_missing_thai_font_fails_with_the_package_name(
    renderer: ModuleType, markdown: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(renderer, "FONT_REGULAR", tmp_path / "nowhere" / "Garuda.ttf")
    with pytest.raises(SystemExit, match="fonts-thai-tlwg"):
        renderer.render(markdown, tmp_path / "x.pdf")
