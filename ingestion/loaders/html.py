"""HTML loader (.html, .htm): the page's main text, cut into sections at h1-h6."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup
from bs4.element import Comment, Declaration, Doctype, NavigableString, ProcessingInstruction, Tag

from ingestion.documents import LoadedDocument
from ingestion.loaders.common import HeadingSections, make_document, top_heading, usable_title

# Page furniture that is not course text.
_DROP = (
    "nav",
    "header",
    "footer",
    "aside",
    "script",
    "style",
    "form",
    "noscript",
    "template",
    "svg",
    "iframe",
    "button",
    "select",
    "dialog",
)
_HEADING = re.compile(r"^h([1-6])$")
_BLOCK = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "blockquote",
        "pre",
        "figure",
        "figcaption",
        "details",
        "summary",
        "address",
        "hr",
        "body",
        "center",
        "fieldset",
        "caption",
    }
)
_NOT_TEXT = (Comment, Declaration, Doctype, ProcessingInstruction)
_SPACE = re.compile(r"\s+")


class _Walker:
    """Turns the element tree into heading events and text lines, in document order."""

    def __init__(self, builder: HeadingSections) -> None:
        self.builder = builder
        self.buffer: list[str] = []

    def flush(self, prefix: str = "") -> None:
        text = "".join(self.buffer).strip()
        self.buffer = []
        if text:
            self.builder.line(prefix + text)

    def walk(self, node: Tag, pre: bool = False) -> None:
        for child in node.children:
            if isinstance(child, _NOT_TEXT):
                continue
            if isinstance(child, NavigableString):
                self.buffer.append(str(child) if pre else _SPACE.sub(" ", str(child)))
                continue
            if not isinstance(child, Tag):
                continue
            self.element(child, pre)

    def element(self, tag: Tag, pre: bool) -> None:
        name = tag.name.lower()
        heading = _HEADING.match(name)
        if heading:
            self.flush()
            self.builder.heading(int(heading.group(1)), tag.get_text(" ", strip=True))
        elif name == "br":
            self.flush()
        elif name == "li":
            self.flush()
            self.buffer.append("- ")
            self.walk(tag, pre)
            self.flush()
        elif name == "tr":
            self.flush()
            cells = [_SPACE.sub(" ", c.get_text(" ", strip=True)) for c in tag.find_all(["td", "th"])]
            row = " | ".join(c for c in cells if c)
            if row:
                self.builder.line(row)
        elif name == "pre":
            self.flush()
            self.walk(tag, pre=True)
            for line in "".join(self.buffer).split("\n"):
                self.builder.line(line)
            self.buffer = []
        elif name in _BLOCK:
            self.flush()
            self.walk(tag, pre)
            self.flush()
        else:
            self.walk(tag, pre)


def _main_content(soup: BeautifulSoup) -> Tag:
    for tag in soup.find_all(_DROP):
        # An <article>'s own <header> holds its title, unlike the site header around it.
        if tag.name == "header" and tag.find_parent(["article", "main"]) is not None:
            tag.unwrap()
        elif not tag.decomposed:
            tag.decompose()
    for tag in soup.find_all(role="navigation"):
        tag.decompose()
    main = soup.find("main") or soup.find(role="main")
    if isinstance(main, Tag):
        return main
    articles = [a for a in soup.find_all("article") if isinstance(a, Tag)]
    if len(articles) == 1:
        return articles[0]
    if articles:
        # Several articles (a listing page): keep them all, in order, and nothing else.
        holder = soup.new_tag("div")
        for article in articles:
            holder.append(article.extract())
        return holder
    body = soup.body
    return body if body is not None else soup


def load_html(path: Path, source: str) -> list[LoadedDocument]:
    """Load an HTML page: navigation and page furniture dropped, ``<main>``/``<article>`` preferred."""
    # Bytes, not text: BeautifulSoup reads the page's own charset (TIS-620 pages exist).
    soup = BeautifulSoup(path.read_bytes(), "lxml")
    title_tag = soup.find("title")
    title = usable_title(title_tag.get_text(" ", strip=True) if title_tag else "")
    content = _main_content(soup)
    headings = [(int(t.name[1]), t.get_text(" ", strip=True)) for t in content.find_all(_HEADING) if isinstance(t, Tag)]
    if not title:
        title = next((text for level, text in headings if level == 1 and text), "")
    builder = HeadingSections(title, top_heading(headings))
    walker = _Walker(builder)
    walker.walk(content)
    walker.flush()
    return [make_document(source, title, builder.sections())]
