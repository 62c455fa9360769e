"""Reading feed sources in a build, and what each feed's last refresh gave (the feed state).

A feed (a URL or a feed file) is read whole each time it is refreshed, but lists only its recent
entries: the build keeps what it indexed before (index/build.py), so this module only says which
articles the feed holds now. A URL is fetched with a conditional request (the ETag and
Last-Modified its last answer gave), so an unchanged feed costs one 304 and no parsing. An entry
with only a summary gets its article page fetched and its main text extracted; a page that
fails falls back to the summary with a warning. Nothing here raises for one bad feed: a failure
is recorded in the report and in the feed's state, and its indexed articles stay.

The state file (`feeds.json` in the data directory) holds, by source name, the validators of the
last answer and when and how the last refresh went; it is written after the snapshot switch, so
a 304 never stands for articles that were never indexed.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from index.config import FeedSettings, IngestSettings
from index.ingest.decoding import declared_charset, decode, read_bytes
from index.ingest.feeds import FeedEntry, entry_article, parse_feed
from index.ingest.html_pages import read_html
from index.ingest.http import Fetcher, FetchError
from index.ingest.report import IngestReport, Skip
from index.models import Article, stable_id
from index.sources import Source

log = logging.getLogger(__name__)

STATE_FILE = "feeds.json"
ERROR_CHARS = 300  # of a failure's reason kept in the state file


@dataclass
class FeedStatus:
    """How the last refresh of one feed went."""

    location: str
    checked_at: str  # ISO time (UTC) of the last refresh
    ok: bool
    error: str | None = None  # why it failed, when it did
    unchanged: bool = False  # answered 304 Not Modified
    entries: int = 0  # entries the feed listed
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class FeedState:
    """Every feed's `FeedStatus`, by source name, as last saved in the data directory."""

    path: Path
    feeds: dict[str, FeedStatus] = field(default_factory=dict)
    # origin -> (time read, robots.txt or None): see index/ingest/http.py
    robots: dict[str, tuple[float, str | None]] = field(default_factory=dict)

    @classmethod
    def load(cls, data_dir: Path) -> FeedState:
        path = data_dir / STATE_FILE
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            feeds = {name: FeedStatus(**value) for name, value in raw["feeds"].items()}
            robots = {
                origin: (float(when), None if text is None else str(text))
                for origin, (when, text) in raw.get("robots", {}).items()
            }
        except FileNotFoundError:
            return cls(path)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            # Only validators and times: losing them costs one full fetch of each feed.
            log.warning("%s is unreadable (%s); every feed is fetched in full", path, exc)
            return cls(path)
        return cls(path, feeds, robots)

    def save(self) -> None:
        """Write the state atomically (temporary file, then rename)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        doc = {
            "feeds": {name: asdict(status) for name, status in sorted(self.feeds.items())},
            "robots": {origin: list(entry) for origin, entry in sorted(self.robots.items())},
        }
        fd, tmp = tempfile.mkstemp(prefix=STATE_FILE + ".", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(doc, fh, indent=2)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


class FeedReader:
    """Reads the feed sources of one build; `statuses` collects how each went."""

    def __init__(
        self,
        cfg: FeedSettings,
        limits: IngestSettings,
        state: FeedState,
        now: datetime,
        fetcher: Fetcher | None = None,
    ) -> None:
        self.cfg = cfg
        self.limits = limits
        self.state = state
        self.now = now
        self.fetcher = fetcher or Fetcher(cfg, robots_cache=state.robots)
        self.statuses: dict[str, FeedStatus] = {}

    def read(
        self,
        source: Source,
        known: dict[str, Article],
        report: IngestReport,
        conditional: bool = True,
    ) -> list[Article]:
        """The articles the feed lists now; none when it is unchanged or failed (the build
        keeps its indexed ones). `known` are the source's indexed articles, by id: an entry
        already indexed from its page is not fetched again."""
        where = f"feed {source.name!r}"
        status = FeedStatus(
            location=source.location, checked_at=self.now.isoformat(timespec="seconds"), ok=True
        )
        self.statuses[source.name] = status
        before = self.state.feeds.get(source.name)
        if before is not None and before.location == source.location:
            status.etag, status.last_modified = before.etag, before.last_modified
        try:
            raw = self._fetch(source, status, conditional)
            if raw is None:
                return []
            feed_title, entries = parse_feed(raw)
        except (FetchError, Skip) as exc:
            status.ok, status.error = False, str(exc)[:ERROR_CHARS]
            report.skip(where, f"{exc}; its indexed articles are kept")
            return []
        status.entries = len(entries)
        articles = []
        for entry in entries:
            try:
                article = self._article(source, entry, feed_title, known, report)
            except Skip as exc:
                report.skip(f"{where} entry {entry.n}", str(exc))
                continue
            if article is not None:
                articles.append(article)
        return articles

    def _fetch(self, source: Source, status: FeedStatus, conditional: bool) -> bytes | None:
        """The feed's bytes; None when the server says it has not changed."""
        if not source.is_url:
            return read_bytes(Path(source.location), max_mb=self.limits.max_file_mb)
        etag = status.etag if conditional else None
        modified = status.last_modified if conditional else None
        response = self.fetcher.get(source.location, etag, modified)
        if response.not_modified:
            status.unchanged = True
            return None
        status.etag, status.last_modified = response.etag, response.last_modified
        return response.body

    def _article(
        self,
        source: Source,
        entry: FeedEntry,
        feed_title: str | None,
        known: dict[str, Article],
        report: IngestReport,
    ) -> Article | None:
        where = f"feed {source.name!r} entry {entry.n}"
        origin = f"{source.location}#{entry.n}"
        # An entry without a link is known by its content, never by its place in the feed
        # (which shifts as entries come and go).
        fallback = f"{source.name}#{stable_id(entry.title, entry.body)}"
        body = None
        if not entry.full and entry.url and _is_http(entry.url) and self.cfg.fetch_pages:
            known_one = known.get(Article.make_id(entry.url, "", ""))
            if known_one is not None:
                return known_one  # its page was read before: not fetched again
            try:
                body = self._page_text(entry.url)
            except (FetchError, Skip) as exc:
                if not entry.body.strip():
                    raise Skip(f"article page not fetched ({exc}) and no summary") from None
                report.warn(where, f"article page not fetched ({exc}); the summary is indexed")
        if body is None and not entry.body.strip():
            raise Skip("feed entry has no content or summary")
        return entry_article(entry, feed_title, fallback, origin, self.limits, body)

    def _page_text(self, url: str) -> str:
        """The main text of an article page; FetchError or Skip when there is none."""
        response = self.fetcher.get(url)
        raw = response.body
        text = decode(raw, response.charset or declared_charset(raw))
        page = read_html(Path(urlsplit(url).path or "/"), None, text, self.limits)
        return page.text


def _is_http(url: str) -> bool:
    return url.lower().startswith(("http://", "https://"))
