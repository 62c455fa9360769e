"""RSS and Atom feeds (feedparser): each entry with content or a summary becomes an article.

`parse_feed` gives the entries (index/feeds.py uses it to fetch the page of an entry that has
only a summary); `read_feed` turns a feed file into articles.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
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


@dataclass(frozen=True)
class FeedEntry:
    """One entry of a feed, before it becomes an article."""

    n: int  # its position in the feed, from 1
    title: str
    url: str | None
    author: str | None
    published_at: str | None
    body: str  # plain text: the entry's content, else its summary
    full: bool  # whether `body` is the entry's content (False: only a summary, or nothing)


def parse_feed(raw: bytes) -> tuple[str | None, list[FeedEntry]]:
    """The feed's title and its entries; Skip when it is malformed or has no entries."""
    check_binary(raw)
    # Bytes, never a str: feedparser would fetch a str that looks like a URL.
    parsed = feedparser.parse(raw)
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        raise Skip(f"malformed feed: {problem}" if problem else "feed has no entries")
    if parsed.get("bozo"):
        log.info("feed parsed leniently (%s)", parsed.get("bozo_exception"))
    feed_title = normalize_whitespace(parsed.feed.get("title") or "") or None
    entries = []
    for n, entry in enumerate(parsed.entries, start=1):
        body, full = _entry_text(entry)
        title = entry.get("title") or ""
        if (entry.get("title_detail") or {}).get("type") == "text/html":
            title = html_to_text(title)
        published = entry.get("published") or entry.get("updated") or entry.get("created")
        parsed_time = entry.get("published_parsed") or entry.get("updated_parsed")
        date_value = normalize_date(published) if published else None
        if date_value is None and parsed_time:
            year, month, day, hour, minute, second = parsed_time[:6]
            date_value = datetime(year, month, day, hour, minute, second, tzinfo=UTC).isoformat()
        entries.append(
            FeedEntry(
                n=n,
                title=title,
                url=entry.get("link") or None,
                author=entry.get("author"),
                published_at=date_value,
                body=body,
                full=full,
            )
        )
    return feed_title, entries


def entry_article(
    entry: FeedEntry,
    feed_title: str | None,
    fallback_id: str,
    origin: str,
    limits: IngestSettings,
    body: str | None = None,
) -> Article:
    """The article of one feed entry (with `body` instead of the entry's own, if given)."""
    return make_article(
        title=entry.title,
        body=entry.body if body is None else body,
        url=entry.url,
        source=feed_title,
        author=entry.author,
        published_at=entry.published_at,
        explicit_id=None,
        fallback_id=fallback_id,
        origin=origin,
        max_chars=limits.max_article_chars,
    )


def read_feed(
    path: Path,
    root: Path | None,
    raw: bytes,
    report: IngestReport,
    limits: IngestSettings | None = None,
) -> list[Article]:
    """Every usable entry of one feed file; an entry without text is skipped and recorded."""
    limits = limits or IngestSettings()
    feed_title, entries = parse_feed(raw)
    articles = []
    for entry in entries:
        where = f"{path}#{entry.n}"
        if not entry.body.strip():
            report.skip(where, "feed entry has no content or summary")
            continue
        try:
            fallback = f"{file_id(path, root)}#{entry.n}"
            articles.append(entry_article(entry, feed_title, fallback, where, limits))
        except Skip as exc:
            report.skip(where, str(exc))
    return articles


def _entry_text(entry: Any) -> tuple[str, bool]:
    """The entry's text and whether it is its full content (not only a summary)."""
    parts = entry.get("content") or []
    detail = max(parts, key=lambda c: len(c.get("value") or ""), default=None)
    full = bool(detail and (detail.get("value") or "").strip())
    if detail is None or not full:
        detail = entry.get("summary_detail") or {"value": entry.get("summary") or ""}
    value = detail.get("value") or ""
    if detail.get("type", "text/html") == "text/plain":
        return str(value), full
    return html_to_text(value), full
