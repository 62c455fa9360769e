"""RSS and Atom feeds (feedparser): each entry with content or a summary becomes an article."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import feedparser

from index.clean import normalize_whitespace
from index.config import IngestSettings
from index.ingest.articles import make_article
from index.ingest.dates import normalize_date
from index.ingest.decoding import check_binary
from index.ingest.html_pages import html_to_text
from index.ingest.report import IngestReport, Skip
from index.ingest.sources import file_id
from index.models import Article

log = logging.getLogger(__name__)


def read_feed(
    path: Path,
    root: Path | None,
    raw: bytes,
    report: IngestReport,
    limits: IngestSettings | None = None,
) -> list[Article]:
    """Every usable entry of one feed file; an entry without text is skipped and recorded."""
    limits = limits or IngestSettings()
    check_binary(raw)
    # Bytes, never a str: feedparser would fetch a str that looks like a URL.
    parsed = feedparser.parse(raw)
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        raise Skip(f"malformed feed: {problem}" if problem else "feed has no entries")
    if parsed.get("bozo"):
        log.info("%s: feed parsed leniently (%s)", path, parsed.get("bozo_exception"))
    feed_title = normalize_whitespace(parsed.feed.get("title") or "") or None
    articles = []
    for n, entry in enumerate(parsed.entries, start=1):
        where = f"{path}#{n}"
        body = _entry_text(entry)
        if not body.strip():
            report.skip(where, "feed entry has no content or summary")
            continue
        title = entry.get("title") or ""
        if (entry.get("title_detail") or {}).get("type") == "text/html":
            title = html_to_text(title)
        url = entry.get("link") or None
        published = entry.get("published") or entry.get("updated") or entry.get("created")
        parsed_time = entry.get("published_parsed") or entry.get("updated_parsed")
        date_value = normalize_date(published) if published else None
        if date_value is None and parsed_time:
            year, month, day, hour, minute, second = parsed_time[:6]
            date_value = datetime(year, month, day, hour, minute, second, tzinfo=UTC).isoformat()
        try:
            articles.append(
                make_article(
                    title=title,
                    body=body,
                    url=url,
                    source=feed_title,
                    author=entry.get("author"),
                    published_at=date_value,
                    explicit_id=None,
                    fallback_id=f"{file_id(path, root)}#{n}",
                    origin=where,
                    max_chars=limits.max_article_chars,
                )
            )
        except Skip as exc:
            report.skip(where, str(exc))
    return articles


def _entry_text(entry: Any) -> str:
    parts = entry.get("content") or []
    detail = max(parts, key=lambda c: len(c.get("value") or ""), default=None)
    if not detail or not (detail.get("value") or "").strip():
        detail = entry.get("summary_detail") or {"value": entry.get("summary") or ""}
    value = detail.get("value") or ""
    if detail.get("type", "text/html") == "text/plain":
        return str(value)
    return html_to_text(value)
