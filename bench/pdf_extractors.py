"""Which PDF text extractor reads Thai best? Character error rate per extractor and generator.

Builds the same Thai paragraphs (tone marks over upper vowels, sara am with tone marks,
descender letters, Arabic and Thai digits) into PDFs with several generators and TLWG
fonts, extracts them with pypdf, pdfplumber (pdfminer.six), pypdfium2 (PDFium) and poppler's
``pdftotext``, and scores each result against the source text after
``ingestion.thai.normalize`` (Levenshtein distance / reference length, whitespace ignored).
Prints a table and writes ``bench/results/pdf_extractors.json``.

    python bench/pdf_extractors.py
    python bench/pdf_extractors.py --fonts Garuda Norasi --no-libreoffice

Generators: ``fpdf2`` (no shaping), ``fpdf2-shaped`` (HarfBuzz shaping, when uharfbuzz is
installed), ``reportlab``, and ``libreoffice`` (DOCX converted by ``soffice``, when installed).
Needs the Debian package fonts-thai-tlwg.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import RESULTS
from ingestion.loaders.pdf import DEFAULT_EXTRACTOR
from tests.ingestion.thai_pdf import (
    THAI_PARAGRAPHS,
    cer,
    extractors,
    has_text_shaping,
    make_pdf_fpdf2,
    make_pdf_libreoffice,
    make_pdf_reportlab,
    soffice,
    tlwg_font,
)

DEFAULT_FONTS = ("Garuda", "Norasi", "Loma", "Kinnari", "Sawasdee")
Generator = Callable[[Path, str], Path]


def generators(libreoffice: bool) -> dict[str, Generator]:
    """The PDF generators available on this machine, by name."""
    found: dict[str, Generator] = {
        "fpdf2": lambda path, font: make_pdf_fpdf2(path, font=font),
        "reportlab": lambda path, font: make_pdf_reportlab(path, font=font),
    }
    if has_text_shaping():
        found["fpdf2-shaped"] = lambda path, font: make_pdf_fpdf2(path, font=font, shaping=True)
    if libreoffice and soffice():
        found["libreoffice"] = lambda path, font: make_pdf_libreoffice(path, font=font)
    return found


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def run(fonts: list[str], libreoffice: bool) -> dict[str, object]:
    """Measure every extractor on every generator and font; returns the JSON document."""
    reference = "\n".join(THAI_PARAGRAPHS)
    readers = extractors()
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as work:
        for generator, make in generators(libreoffice).items():
            for font in fonts:
                pdf = Path(work) / f"{generator}-{font}.pdf"
                make(pdf, font)
                for name, extract in readers.items():
                    started = time.perf_counter()
                    try:
                        text, error = extract(pdf), ""
                    except Exception as exc:  # an extractor that crashes scores 1.0, with the reason
                        text, error = "", f"{type(exc).__name__}: {exc}"
                    rows.append(
                        {
                            "generator": generator,
                            "font": font,
                            "extractor": name,
                            "cer": round(cer(reference, text), 5) if not error else 1.0,
                            "seconds": round(time.perf_counter() - started, 4),
                            "error": error,
                        }
                    )
    summary: dict[str, dict[str, float]] = {}
    for name in readers:
        scores = [float(str(r["cer"])) for r in rows if r["extractor"] == name]
        summary[name] = {"mean_cer": round(statistics.fmean(scores), 5), "max_cer": round(max(scores), 5)}
        for generator in generators(libreoffice):
            per = [float(str(r["cer"])) for r in rows if r["extractor"] == name and r["generator"] == generator]
            summary[name][f"mean_cer_{generator}"] = round(statistics.fmean(per), 5)
    return {
        "metric": "character error rate after ingestion.thai.normalize, all whitespace removed",
        "reference_characters": len("".join(reference.split())),
        "fonts": fonts,
        "generators": list(generators(libreoffice)),
        "chosen_extractor": DEFAULT_EXTRACTOR,
        "summary": summary,
        "results": rows,
        "environment": {
            "python": platform.python_version(),
            **{
                p: _version(p)
                for p in ("pypdf", "pdfplumber", "pdfminer.six", "pypdfium2", "fpdf2", "reportlab", "uharfbuzz")
            },
        },
    }


def print_table(report: dict[str, object]) -> None:
    """Print CER (%) per extractor (columns) for each generator and font (rows)."""
    rows = report["results"]
    assert isinstance(rows, list)
    names = list(dict.fromkeys(str(r["extractor"]) for r in rows))
    keys = list(dict.fromkeys((str(r["generator"]), str(r["font"])) for r in rows))
    print(f"{'generator':<14}{'font':<10}" + "".join(f"{n:>12}" for n in names))
    for generator, font in keys:
        cells = {
            str(r["extractor"]): float(r["cer"]) for r in rows if r["generator"] == generator and r["font"] == font
        }
        print(f"{generator:<14}{font:<10}" + "".join(f"{cells[n] * 100:>11.2f}%" for n in names))
    summary = report["summary"]
    assert isinstance(summary, dict)
    for label, key in (("mean", "mean_cer"), ("max", "max_cer")):
        print(f"{label:<24}" + "".join(f"{summary[n][key] * 100:>11.2f}%" for n in names))
    print(f"chosen for ingestion/loaders/pdf.py: {report['chosen_extractor']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Thai CER of PDF text extractors")
    parser.add_argument("--fonts", nargs="+", default=list(DEFAULT_FONTS), help="TLWG font names")
    parser.add_argument("--no-libreoffice", action="store_true", help="skip the LibreOffice generator")
    parser.add_argument("--out", type=Path, default=RESULTS / "pdf_extractors.json")
    args = parser.parse_args(argv)
    for font in args.fonts:
        tlwg_font(font)  # fail early, naming the Debian package
    report = run(args.fonts, not args.no_libreoffice)
    print_table(report)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
