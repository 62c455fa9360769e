"""Text and Markdown: optional `Key: value` header lines or front matter, a title line, a body."""

from __future__ import annotations

import re
from pathlib import Path

from index.config import IngestSettings
from index.ingest.articles import make_article, same_title
from index.ingest.report import Skip
from index.ingest.sources import file_id
from index.models import Article

# A first line longer than this is a paragraph, not a headline: it stays in the text.
MAX_TITLE_CHARS = 200
# A Markdown front-matter block longer than this is not front matter.
FRONT_MATTER_LINES = 60

_HEADER = re.compile(
    r"^(title|source|url|link|date|published|published_at|author|by)\s*:\s*(.*?)\s*$",
    re.IGNORECASE,
)
_HEADER_KEYS = {
    "title": "title",
    "source": "source",
    "url": "url",
    "link": "url",
    "date": "published_at",
    "published": "published_at",
    "published_at": "published_at",
    "author": "author",
    "by": "author",
}


def read_text(
    path: Path, root: Path | None, text: str, limits: IngestSettings | None = None
) -> Article:
    """A .txt/.md article: optional `Key: value` header lines, a title line, then the body."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    headers: dict[str, str] = {}
    i = _front_matter(lines, headers)
    while i < len(lines):
        match = _HEADER.match(lines[i].strip())
        if lines[i].strip() and not match:
            break
        if match:
            key = _HEADER_KEYS[match.group(1).lower()]
            headers.setdefault(key, match.group(2))
        i += 1
    body_lines = lines[i:]
    is_markdown = path.suffix.lower() in {".md", ".markdown"}
    first = next((n for n, line in enumerate(body_lines) if line.strip()), None)
    title = headers.get("title") or ""
    if first is not None:
        candidate = _title_line(body_lines[first], is_markdown)
        if title:
            if same_title(candidate, title):  # the Title: header repeated as the first line
                del body_lines[first]
        elif len(candidate) <= MAX_TITLE_CHARS:
            title = candidate
            del body_lines[first]
    body = "\n".join(body_lines)
    if not body.strip():
        raise Skip("no article text (only a title or header lines)")
    return make_article(
        title=title,
        body=body,
        url=headers.get("url"),
        source=headers.get("source"),
        author=headers.get("author"),
        published_at=headers.get("published_at"),
        explicit_id=None,
        fallback_id=file_id(path, root),
        origin=str(path),
        max_chars=(limits or IngestSettings()).max_article_chars,
    )


def _front_matter(lines: list[str], headers: dict[str, str]) -> int:
    """Read a Markdown front-matter block ("---" lines around `key: value`s) into `headers`.

    Returns the index of the first line after the block (0 when there is none).
    """
    first = next((n for n, line in enumerate(lines) if line.strip()), None)
    if first is None or lines[first].strip() != "---":
        return 0
    for end in range(first + 1, min(len(lines), first + FRONT_MATTER_LINES)):
        if lines[end].strip() in {"---", "..."}:
            for line in lines[first + 1 : end]:
                key, sep, value = line.partition(":")
                name = _HEADER_KEYS.get(key.strip().lower())
                if sep and name and value.strip():
                    headers.setdefault(name, value.strip().strip("\"'"))
            return end + 1
    return 0


def _title_line(line: str, is_markdown: bool) -> str:
    line = line.strip()
    if is_markdown:
        line = re.sub(r"^#{1,6}\s+|\s+#+$", "", line)
        line = re.sub(r"(\*\*|__|\*|`)(\S(?:.*?\S)?)\1", r"\2", line)  # **bold**, *em*, `code`
    return line
