"""Build Thai PDFs at test time and measure how well text extractors read them back.

Used by the tests and by ``bench/pdf_extractors.py``. The PDFs are generated, never shipped,
with real Thai fonts from Debian's ``fonts-thai-tlwg``; two generators embed fonts
differently (fpdf2 writes its own subset and ToUnicode map, LibreOffice goes through its
own PDF export), and fpdf2 is run with and without HarfBuzz shaping because shaping swaps
in positioned mark glyphs, which is where extractors go wrong on Thai.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from ingestion.thai import normalize

TLWG_DIR = Path("/usr/share/fonts/truetype/tlwg")
TLWG_PACKAGE = "fonts-thai-tlwg"

# Real course-style Thai: tone marks over upper vowels (ที่ นี้ สื่อ ชื่อ ซื้อ), sara am with
# and without a tone (น้ำ ทำ คำ กำ), descender letters (ญ ฐ ฎ ฏ ฤ), Arabic and Thai digits.
THAI_PARAGRAPHS: tuple[str, ...] = (
    "การคำนวณการปล่อยก๊าซเรือนกระจกขององค์กรเริ่มจากการเก็บข้อมูลกิจกรรม เช่น ปริมาณไฟฟ้าที่ใช้"
    "ในแต่ละเดือน ซึ่งดูได้จากใบแจ้งหนี้ค่าไฟฟ้า แล้วคูณด้วยค่าสัมประสิทธิ์ 0.4999 กิโลกรัม"
    "คาร์บอนไดออกไซด์เทียบเท่าต่อหน่วย",
    "ถ้าโรงงานใช้น้ำมันดีเซล 1,250 ลิตรต่อปี ให้นำตัวเลขนี้ไปคูณกับค่าการปล่อยของน้ำมันดีเซล "
    "ผลลัพธ์ที่ได้คือการปล่อยในขอบเขตที่ 1 ซึ่งเป็นการเผาไหม้โดยตรงของกิจการ ส่วนน้ำประปาที่ซื้อมา"
    "ก็ต้องนับด้วย",
    "ผู้ประกอบการควรทำบัญชีคาร์บอนทุกปี เพื่อติดตามว่ามาตรการประหยัดพลังงานที่นำมาใช้ได้ผลจริง"
    "หรือไม่ สื่อการสอนนี้มีตัวอย่างการคำนวณ 3 แบบ ที่นี่เราจะเริ่มจากแบบที่ง่ายที่สุดก่อน "
    "คำแนะนำคือให้กำหนดชื่อผู้รับผิดชอบข้อมูลแต่ละเรื่องให้ชัดเจน",
    "รัฐบาลกำหนดเป้าหมายลดการปล่อยก๊าซเรือนกระจกลงร้อยละ 30 ถึง 40 ภายในปี พ.ศ. ๒๕๗๓ "
    "ผู้ที่สนใจควรศึกษากฎหมาย ฐานข้อมูล และมาตรฐานที่เกี่ยวข้อง เช่น ISO 14064-1 "
    "รวมทั้งประกาศของหน่วยงานที่กำกับดูแลปฏิบัติการด้านพลังงาน",
    "คำถามที่พบบ่อย: ต้องใช้ข้อมูลกี่เดือน คำตอบ: อย่างน้อย 12 เดือน เพราะการใช้พลังงานเปลี่ยนไป"
    "ตามฤดูกาล ฤดูร้อนใช้เครื่องปรับอากาศมากกว่าฤดูหนาว ปู่ย่าตายายมักดื่มน้ำเย็นมากขึ้นในหน้าร้อน",
)


class FontMissingError(RuntimeError):
    """A Thai font needed to build the test PDFs is not installed."""


def tlwg_font(name: str = "Garuda") -> Path:
    """Path of a TLWG TrueType font, or :class:`FontMissingError` naming the Debian package."""
    path = TLWG_DIR / f"{name}.ttf"
    if not path.is_file():
        raise FontMissingError(
            f"Thai font {path} not found: install the Debian package {TLWG_PACKAGE} (apt-get install -y {TLWG_PACKAGE})"
        )
    return path


def has_text_shaping() -> bool:
    """True when uharfbuzz is importable, so fpdf2 can shape Thai text."""
    return importlib.util.find_spec("uharfbuzz") is not None


def make_pdf_fpdf2(
    path: Path,
    paragraphs: tuple[str, ...] | list[str] = THAI_PARAGRAPHS,
    *,
    font: str = "Garuda",
    shaping: bool = False,
    title: str | None = None,
    pages: list[list[str]] | None = None,
) -> Path:
    """Write ``paragraphs`` to a PDF with fpdf2 and a TLWG font; ``pages`` puts each list on its own page."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("thai", "", str(tlwg_font(font)))
    if shaping:
        pdf.set_text_shaping(True)
    if title:
        pdf.set_title(title)
    pdf.set_font("thai", size=14)
    for page in pages if pages is not None else [list(paragraphs)]:
        pdf.add_page()
        for paragraph in page:
            pdf.multi_cell(0, 9, paragraph, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
    pdf.output(str(path))
    return path


def make_pdf_reportlab(
    path: Path, paragraphs: tuple[str, ...] | list[str] = THAI_PARAGRAPHS, *, font: str = "Garuda"
) -> Path:
    """Write ``paragraphs`` with ReportLab (which shapes through uharfbuzz when it is installed)."""
    from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped,unused-ignore]
    from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped,unused-ignore]
    from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped,unused-ignore]
    from reportlab.platypus import Paragraph, SimpleDocTemplate  # type: ignore[import-untyped,unused-ignore]

    pdfmetrics.registerFont(TTFont(f"tlwg-{font}", str(tlwg_font(font))))
    style = ParagraphStyle("thai", fontName=f"tlwg-{font}", fontSize=14, leading=22, spaceAfter=8)
    SimpleDocTemplate(str(path)).build([Paragraph(p, style) for p in paragraphs])
    return path


def soffice() -> str | None:
    """The LibreOffice binary, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def make_pdf_libreoffice(
    path: Path, paragraphs: tuple[str, ...] | list[str] = THAI_PARAGRAPHS, *, font: str = "Norasi"
) -> Path:
    """Write ``paragraphs`` to a DOCX in ``font`` and convert it to ``path`` with LibreOffice."""
    import docx
    from docx.oxml.ns import qn

    tlwg_font(font)
    binary = soffice()
    if binary is None:
        raise FileNotFoundError("LibreOffice (soffice) is not installed")
    document = docx.Document()
    for paragraph in paragraphs:
        run = document.add_paragraph().add_run(paragraph)
        run.font.name = font
        # Word keeps a separate font slot for complex scripts such as Thai.
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:cs"), font)
        run.font.complex_script = True
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / f"{path.stem}.docx"
        document.save(str(source))
        subprocess.run(
            [
                binary,
                f"-env:UserInstallation=file://{work}/profile",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                work,
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        shutil.move(str(Path(work) / f"{path.stem}.pdf"), path)
    return path


# --- extractors, each returning the whole text of a PDF -------------------------------


def extract_pypdf(path: Path) -> str:
    """Text by pypdf."""
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def extract_pdfplumber(path: Path) -> str:
    """Text by pdfplumber (pdfminer.six underneath)."""
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def extract_pypdfium2(path: Path) -> str:
    """Text by pypdfium2 (PDFium)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return "\n".join(pdf[i].get_textpage().get_text_bounded() for i in range(len(pdf)))
    finally:
        pdf.close()


def extract_pdftotext(path: Path) -> str:
    """Text by poppler's ``pdftotext`` command."""
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, timeout=60)
    return result.stdout.decode("utf-8")


def extractors() -> dict[str, Callable[[Path], str]]:
    """The extractors available here, by name; pdftotext only when poppler-utils is installed."""
    found: dict[str, Callable[[Path], str]] = {
        "pypdf": extract_pypdf,
        "pdfplumber": extract_pdfplumber,
        "pypdfium2": extract_pypdfium2,
    }
    if shutil.which("pdftotext"):
        found["pdftotext"] = extract_pdftotext
    return found


# --- character error rate -------------------------------------------------------------


def _squash(text: str) -> str:
    return "".join(text.split())


def levenshtein(a: str, b: str) -> int:
    """Edit distance (insertions, deletions, substitutions) between two strings."""
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def cer(reference: str, hypothesis: str) -> float:
    """Character error rate of ``hypothesis`` after :func:`normalize`, all whitespace ignored."""
    ref = _squash(normalize(reference))
    hyp = _squash(normalize(hypothesis))
    return levenshtein(ref, hyp) / max(len(ref), 1)
