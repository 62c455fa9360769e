"""HTML: a page's main text and metadata (trafilatura), and `html_to_text` for fragments."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import lxml.html
from lxml.etree import ParserError

from index.config import IngestSettings
from index.ingest.articles import make_article, same_title
from index.ingest.report import Skip
from index.ingest.sources import file_id
from index.models import Article

_BLOCK_TAGS = {
    "p", "div", "section", "article", "header", "footer", "main", "blockquote", "pre", "ul",
    "ol", "li", "dl", "dt", "dd", "table", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "figure",
    "figcaption", "hr",
}  # fmt: skip
# Where a page's words are not article text: links, menus, forms, scripts.
_NOT_PROSE = (
    ".//a|.//nav|.//header|.//footer|.//aside|.//menu|.//form|.//button|.//select|.//label"
    "|.//script|.//style|.//noscript|.//template|.//iframe|.//svg"
)
_WORD = re.compile(r"\w+")


def read_html(
    path: Path, root: Path | None, text: str, limits: IngestSettings | None = None
) -> Article:
    """One HTML page: its main text (boilerplate dropped) and the metadata it declares.

    A page with fewer than `min_html_words` words of prose (navigation, a script-only app
    shell: "Home News enable js") is skipped: it is no article.
    """
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    limits = limits or IngestSettings()
    doc = trafilatura.bare_extraction(
        text, with_metadata=True, include_comments=False, include_tables=True
    )
    meta: dict[str, Any] = {}
    body = ""
    if doc is not None:
        meta = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
        # trafilatura puts one block element a line; they become paragraphs.
        body = "\n\n".join(line for line in (meta.get("text") or "").split("\n") if line.strip())
    if not body.strip():  # too short for trafilatura's thresholds: take the page's own text
        body = html_to_text(text)
    title = meta.get("title") or _html_title(text) or ""
    if title and body:
        first, _, rest = body.strip().partition("\n")
        if same_title(first, title):
            body = rest
    if not body.strip():
        raise Skip("no article text found in the HTML page")
    # trafilatura keeps link lists when a page has nothing else: count the page's own prose too.
    words = min(len(_WORD.findall(body)), prose_words(text))
    if words < limits.min_html_words:
        raise Skip(
            f"only {words} word{'' if words == 1 else 's'} of text outside links, menus and "
            f"scripts (fewer than [ingest].min_html_words = {limits.min_html_words}): a "
            "navigation or script page, not an article"
        )
    return make_article(
        title=title,
        body=body,
        url=meta.get("url"),
        source=meta.get("sitename") or meta.get("hostname"),
        author=meta.get("author"),
        published_at=meta.get("date"),
        explicit_id=None,
        fallback_id=file_id(path, root),
        origin=str(path),
        max_chars=limits.max_article_chars,
    )


def _html_title(text: str) -> str | None:
    match = re.search(r"<title[^>]*>(.*?)</title>", text, re.IGNORECASE | re.DOTALL)
    return html.unescape(match.group(1)).strip() if match else None


def prose_words(markup: str) -> int:
    """How many words of a page are outside links, menus, forms and scripts."""
    try:
        root = lxml.html.fromstring(markup)
    except (ParserError, ValueError):
        return len(_WORD.findall(re.sub(r"<[^>]+>", " ", markup)))
    body = root.find("body") if root.tag == "html" else None
    root = body if body is not None else root  # the <title> is not prose
    for el in root.xpath(_NOT_PROSE):
        el.drop_tree()  # the text after the element (its tail) stays
    return len(_WORD.findall(str(root.text_content())))


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment or page: block elements become paragraphs."""
    if "<" not in markup:
        return html.unescape(markup)
    try:
        root = lxml.html.fromstring(markup)
    except (ParserError, ValueError):
        return html.unescape(re.sub(r"<[^>]+>", " ", markup))
    if root.tag == "html":
        body = root.find("body")
        root = body if body is not None else root
    for el in root.xpath(".//script|.//style|.//noscript|.//template|.//nav|.//form|.//aside"):
        el.drop_tree()
    for el in root.iter():
        el.text = re.sub(r"\s+", " ", el.text) if el.text else el.text
        el.tail = re.sub(r"\s+", " ", el.tail) if el.tail else el.tail
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "br":
            el.tail = "\n" + (el.tail or "")
        elif tag in _BLOCK_TAGS:
            el.text = "\n\n" + (el.text or "")
            el.tail = "\n\n" + (el.tail or "")
    return str(root.text_content())
