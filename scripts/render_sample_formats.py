"""Render Markdown course modules into PDF, DOCX and PPTX, so the sample has every format.

    python scripts/render_sample_formats.py                    # the three bundled modules
    python scripts/render_sample_formats.py IN.md OUT.pdf      # any module, format from OUT

The front matter is never rendered as text: its ``title`` goes into the file's own title
metadata (PDF /Title, DOCX and PPTX core properties). PDF uses the system's TLWG Thai font
(Debian package ``fonts-thai-tlwg``), referenced in place; no font is copied into the repo.
fpdf2 is used without HarfBuzz shaping on purpose: its shaped output leaves some mark glyphs
without a Unicode mapping, which would break text extraction of the rendered file.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from ingestion.loaders.common import read_text, top_heading, usable_title  # noqa: E402
from ingestion.loaders.markdown import Block, parse_blocks, split_front_matter  # noqa: E402

TLWG_DIR = Path("/usr/share/fonts/truetype/tlwg")
FONT_REGULAR = TLWG_DIR / "Garuda.ttf"
FONT_BOLD = TLWG_DIR / "Garuda-Bold.ttf"
FONT_PACKAGE = "fonts-thai-tlwg"
# Arrows and math signs (→ ≈ −) that the TLWG fonts lack; DejaVu ships with fontconfig.
FALLBACK_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
_PLAIN_SIGNS = str.maketrans({"→": "->", "≈": "~", "−": "-"})
DOCX_THAI_FONT = "Tahoma"
"""Complex-script font named in the DOCX: present on every Windows, with Thai glyphs."""

MODULES = REPO / "knowledge" / "sample" / "course" / "modules"
OUTPUT = REPO / "knowledge" / "sample" / "course" / "formats"
SAMPLE_JOBS: tuple[tuple[str, str], ...] = (
    ("week03-emission-factors-calculation.md", "week03-emission-factors-calculation.pdf"),
    ("week04-energy-efficiency.md", "week04-energy-efficiency.docx"),
    ("week05-solar-rooftop.md", "week05-solar-rooftop.pptx"),
)


@dataclass(frozen=True)
class Module:
    """A parsed Markdown module: its title and body blocks (front matter removed)."""

    title: str
    blocks: list[Block]
    top_heading: str
    """Text of the single ``#`` heading that names the document, or ``""``."""


def read_module(path: Path) -> Module:
    """Parse ``path``; the title is the front matter's, else the first ``#`` heading, else the stem."""
    meta, body = split_front_matter(read_text(path))
    blocks = parse_blocks(body)
    headings = [(b.level, b.text) for b in blocks if b.kind == "heading"]
    title = usable_title(meta.get("title")) or next((t for lvl, t in headings if lvl == 1), "") or path.stem
    return Module(title=title, blocks=blocks, top_heading=top_heading(headings))


def require_thai_font() -> None:
    """Exit with a clear message when the TLWG font the PDF needs is missing."""
    for font in (FONT_REGULAR, FONT_BOLD):
        if not font.is_file():
            raise SystemExit(
                f"Thai font {font} not found: install the Debian package {FONT_PACKAGE} "
                f"(apt-get install -y {FONT_PACKAGE})"
            )


def _rows(block: Block) -> list[list[str]]:
    width = max(len(row) for row in block.rows)
    return [list(row) + [""] * (width - len(row)) for row in block.rows]


# --- PDF ------------------------------------------------------------------------------


def render_pdf(module: Module, out: Path) -> Path:
    """Write ``module`` as an A4 PDF with the Garuda font; the title goes into /Title."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    require_thai_font()
    pdf = FPDF(format="A4")
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_font("garuda", "", str(FONT_REGULAR))
    pdf.add_font("garuda", "B", str(FONT_BOLD))
    plain_signs = not FALLBACK_FONT.is_file()
    if not plain_signs:
        pdf.add_font("dejavu", "", str(FALLBACK_FONT))
        pdf.set_fallback_fonts(["dejavu"])
    pdf.set_title(module.title)
    pdf.set_lang("th")
    pdf.set_creator("scripts/render_sample_formats.py")
    pdf.add_page()

    def write(text: str, size: float, style: str = "", indent: float = 0, gap: float = 2) -> None:
        pdf.set_font("garuda", style, size)
        pdf.set_x(pdf.l_margin + indent)
        text = text.translate(_PLAIN_SIGNS) if plain_signs else text
        pdf.multi_cell(pdf.epw - indent, size * 0.55, text, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(gap)

    if not module.top_heading:
        write(module.title, 18, "B", gap=4)
    for block in module.blocks:
        if block.kind == "heading":
            pdf.ln(3 if block.level <= 2 else 1)
            write(block.text, {1: 18, 2: 15, 3: 13}.get(block.level, 12), "B", gap=2)
        elif block.kind == "item":
            marker = "•" if block.marker in "-*+" else block.marker
            write(f"{marker} {block.text}", 12, indent=5 + 6 * block.level, gap=1)
        elif block.kind == "table":
            pdf.set_font("garuda", "", 10)
            bold = FontFace(emphasis="BOLD")
            with pdf.table(text_align="LEFT", line_height=5.5, headings_style=bold) as table:
                for cells in _rows(block):
                    row = table.row()
                    for cell in cells:
                        row.cell(cell.translate(_PLAIN_SIGNS) if plain_signs else cell)
            pdf.ln(3)
        elif block.text.strip():
            write(block.text, 12, gap=3)
    out.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(out))
    return out


# --- DOCX -----------------------------------------------------------------------------


def render_docx(module: Module, out: Path) -> Path:
    """Write ``module`` as a Word document: ``#`` is the Title style, ``##`` Heading 1, and so on."""
    import docx
    from docx.oxml.ns import qn

    document = docx.Document()
    document.core_properties.title = module.title
    normal = document.styles["Normal"]
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:cs"), DOCX_THAI_FONT)
    # The module's own # heading becomes the Title, so its ## sections are Heading 1.
    shift = 1 if module.top_heading else 0
    if not module.top_heading:
        document.add_heading(module.title, 0)
    for block in module.blocks:
        if block.kind == "heading":
            is_top = shift and block.level == 1 and block.text == module.top_heading
            document.add_heading(block.text, 0 if is_top else min(max(block.level - shift, 1), 9))
        elif block.kind == "item":
            if block.marker in "-*+":
                document.add_paragraph(block.text, style="List Bullet 2" if block.level else "List Bullet")
            else:
                paragraph = document.add_paragraph(f"{block.marker} {block.text}")
                paragraph.paragraph_format.left_indent = docx.shared.Cm(0.75 * (block.level + 1))
        elif block.kind == "table":
            rows = _rows(block)
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = document.styles["Table Grid"]
            for r, cells in enumerate(rows):
                for c, text in enumerate(cells):
                    cell = table.cell(r, c)
                    cell.text = text
                    if r == 0:
                        for run in cell.paragraphs[0].runs:
                            run.bold = True
            document.add_paragraph()
        elif block.text.strip():
            document.add_paragraph(block.text)
    out.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(out))
    return out


# --- PPTX -----------------------------------------------------------------------------


@dataclass
class _Slide:
    title: str
    notes: str = ""
    bullets: list[tuple[int, str, bool]] | None = None  # (level, text, bold)


def _slides(module: Module) -> tuple[list[str], list[_Slide]]:
    """Paragraphs before the first ``##`` (for the title slide's notes), and one slide per ``##``."""
    intro: list[str] = []
    slides: list[_Slide] = []
    for block in module.blocks:
        if block.kind == "heading" and block.level <= 2:
            if block.level == 2:
                slides.append(_Slide(block.text, bullets=[]))
            elif block.text != module.top_heading:
                intro.append(block.text)
            continue
        if not slides:
            intro.extend(line for line in _block_texts(block))
            continue
        slide = slides[-1]
        bullets = slide.bullets if slide.bullets is not None else []
        slide.bullets = bullets
        if block.kind == "paragraph" and not slide.notes:
            slide.notes = block.text
        elif block.kind == "heading":
            bullets.append((0, block.text, True))
        elif block.kind == "item":
            bullets.append(
                (
                    min(block.level + 1, 4),
                    block.text if block.marker in "-*+" else f"{block.marker} {block.text}",
                    False,
                )
            )
        else:
            bullets.extend((0, line, False) for line in _block_texts(block))
    return intro, slides


def _block_texts(block: Block) -> list[str]:
    if block.kind == "table":
        return [" | ".join(cell for cell in row if cell) for row in block.rows]
    return [line for line in block.text.split("\n") if line.strip()]


EMU_PER_POINT = 12700
SLIDE_FONT_SIZES = (20, 18, 16, 14, 12, 11, 10, 9, 8)


def _fitting_size(bullets: list[tuple[int, str]], width: float, height: float) -> int:
    """The largest font size (pt) at which the bullets should fit the body box.

    python-pptx's ``fit_text`` cannot wrap Thai (it breaks only at spaces and fails on a
    longer run), so this estimates: an average glyph is about half the font size wide and a
    Thai line, with its upper and lower marks, about 1.6 times the size high.
    """
    for size in SLIDE_FONT_SIZES:
        lines = 0
        for level, text in bullets:
            usable = width - 30 - 27 * level  # bullet indent per level
            per_line = max(1, int(usable / (size * 0.5)))
            lines += -(-len(text) // per_line)
        if lines * size * 1.6 <= height:
            return size
    return SLIDE_FONT_SIZES[-1]


def render_pptx(module: Module, out: Path) -> Path:
    """Write ``module`` as slides: a title slide, then one slide per ``##`` section.

    Each section's first paragraph becomes the speaker notes; the rest of its text, its
    ``###`` headings, list items and table rows become bullets.
    """
    from pptx import Presentation
    from pptx.util import Pt

    presentation = Presentation()
    presentation.core_properties.title = module.title
    intro, slides = _slides(module)
    first = presentation.slides.add_slide(presentation.slide_layouts[0])
    if first.shapes.title is not None:
        first.shapes.title.text = module.title
    for shape in list(first.placeholders)[1:]:
        shape.element.getparent().remove(shape.element)  # an empty subtitle box adds nothing
    if intro:
        first.notes_slide.notes_text_frame.text = "\n".join(intro)
    for spec in slides:
        slide = presentation.slides.add_slide(presentation.slide_layouts[1])
        if slide.shapes.title is not None:
            slide.shapes.title.text = spec.title
        body = slide.placeholders[1].text_frame
        body.word_wrap = True
        for index, (level, text, bold) in enumerate(spec.bullets or [(0, spec.notes, False)]):
            paragraph = body.paragraphs[0] if index == 0 else body.add_paragraph()
            paragraph.text = text
            paragraph.level = level
            for run in paragraph.runs:
                run.font.bold = bold
        size = _fitting_size(
            [(level, text) for level, text, _ in spec.bullets or []],
            slide.placeholders[1].width / EMU_PER_POINT,
            slide.placeholders[1].height / EMU_PER_POINT,
        )
        for paragraph in body.paragraphs:
            for run in paragraph.runs:
                run.font.size = Pt(size)
        if spec.notes:
            slide.notes_slide.notes_text_frame.text = spec.notes
    out.parent.mkdir(parents=True, exist_ok=True)
    presentation.save(str(out))
    return out


RENDERERS = {".pdf": render_pdf, ".docx": render_docx, ".pptx": render_pptx}


def render(source: Path, out: Path) -> Path:
    """Render the Markdown module ``source`` to ``out``, in the format of its suffix."""
    renderer = RENDERERS.get(out.suffix.lower())
    if renderer is None:
        kind = out.suffix or "a file without a suffix"
        raise SystemExit(f"cannot render to {kind}: use .pdf, .docx or .pptx")
    if not source.is_file():
        raise SystemExit(f"Markdown module not found: {source}")
    return renderer(read_module(source), out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("source", nargs="?", type=Path, help="a Markdown module (default: the sample's)")
    parser.add_argument("output", nargs="?", type=Path, help="the file to write; .pdf, .docx or .pptx")
    args = parser.parse_args(argv)
    if args.source is not None:
        if args.output is None:
            parser.error("give the output file too")
        jobs = [(args.source, args.output)]
    else:
        jobs = [(MODULES / name, OUTPUT / target) for name, target in SAMPLE_JOBS]
    for source, target in jobs:
        print(f"{source} -> {render(source, target)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
