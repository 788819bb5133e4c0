"""PowerPoint loader (.pptx): one section per slide, with tables, groups and speaker notes."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.exc import PackageNotFoundError
from pptx.shapes.autoshape import Shape
from pptx.shapes.base import BaseShape
from pptx.shapes.graphfrm import GraphicFrame
from pptx.shapes.group import GroupShape
from pptx.slide import Slide

from ingestion.documents import LoadedDocument, Section
from ingestion.loaders.common import make_document, open_package, usable_title

NOTES_PREFIX = "บันทึกผู้บรรยาย: "
"""Put before a slide's speaker notes so answers can say the text came from the notes."""

_TITLE_TYPES = frozenset({PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.VERTICAL_TITLE})
# Footer, date and slide-number placeholders repeat on every slide and carry no content.
_FURNITURE = frozenset({PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.SLIDE_NUMBER})


def _placeholder_type(shape: BaseShape) -> object:
    return shape.placeholder_format.type if shape.is_placeholder else None


def _title_shape(slide: Slide) -> Shape | None:
    for shape in slide.shapes:
        if not isinstance(shape, Shape) or _placeholder_type(shape) not in _TITLE_TYPES:
            continue
        if shape.has_text_frame and shape.text_frame.text.strip():
            return shape
    return None


def _reading_order(shapes: Iterable[BaseShape]) -> list[BaseShape]:
    """Top to bottom, then left to right; the XML order is z-order, not reading order."""
    return sorted(shapes, key=lambda s: (s.top or 0, s.left or 0))


def _shape_lines(shapes: Iterable[BaseShape], skip: BaseShape | None) -> Iterator[str]:
    for shape in _reading_order(shapes):
        if skip is not None and shape.shape_id == skip.shape_id:
            continue
        if _placeholder_type(shape) in _FURNITURE:
            continue
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP and isinstance(shape, GroupShape):
            yield from _shape_lines(shape.shapes, skip)
        elif isinstance(shape, GraphicFrame) and shape.has_table:
            for row in shape.table.rows:
                cells = [" ".join(cell.text.split()) for cell in row.cells]
                if any(cells):
                    yield " | ".join(c for c in cells if c)
        elif isinstance(shape, Shape) and shape.has_text_frame:
            for paragraph in shape.text_frame.paragraphs:
                text = "".join(run.text for run in paragraph.runs) or paragraph.text
                if text.strip():
                    yield "  " * paragraph.level + text


def _notes(slide: Slide) -> str:
    if not slide.has_notes_slide:
        return ""
    frame = slide.notes_slide.notes_text_frame
    return frame.text.strip() if frame is not None else ""


def load_pptx(path: Path, source: str, *, max_pages: int | None = None) -> list[LoadedDocument]:
    """Load a presentation: a section per slide (``slide`` is 1-based), notes included; at most ``max_pages`` slides."""
    presentation = open_package(Presentation, path, "PPTX", PackageNotFoundError)
    sections: list[Section] = []
    first_title = ""
    for number, slide in enumerate(presentation.slides, 1):
        if max_pages is not None and number > max_pages:
            break
        title_shape = _title_shape(slide)
        slide_title = " ".join(title_shape.text_frame.text.split()) if title_shape is not None else ""
        if number == 1:
            first_title = slide_title
        lines = list(_shape_lines(slide.shapes, title_shape))
        notes = _notes(slide)
        if notes:
            lines.append(NOTES_PREFIX + notes)
        path_ = (slide_title,) if slide_title else ()
        # A slide with only a title still says something (a section divider, a question).
        text = "\n".join(lines) if lines else slide_title
        sections.append(Section(text=text, heading_path=path_, slide=number))
    title = usable_title(presentation.core_properties.title) or usable_title(first_title)
    return [make_document(source, title, sections)]
