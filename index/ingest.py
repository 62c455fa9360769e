"""Ingest: read news sources (JSONL/JSON, text, Markdown, HTML, RSS/Atom) into cleaned Articles.

`load_articles` expands files, directories (recursively) and glob patterns, reads each file with
`read_file`, and drops duplicates (same normalised URL, same text, or near-identical text).
A bad file or a bad JSONL
line is skipped with a warning and recorded in the `IngestReport`; only a source path that does
not exist at all raises `IngestError`, since that is a mistake in the command, not in the data.

Every article's text goes through `clean_text` here, before anything else sees it, so passages
and citation offsets computed downstream always point into the stored text.
"""

from __future__ import annotations

import codecs
import email.utils
import glob
import hashlib
import html
import json
import logging
import os
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import feedparser
import lxml.html
import numpy as np
from dateutil import parser as date_parser
from lxml.etree import ParserError

from index.clean import clean_text, normalize_whitespace
from index.errors import IngestError
from index.models import Article

log = logging.getLogger(__name__)

JSONL_SUFFIXES = {".jsonl", ".ndjson"}
JSON_SUFFIXES = {".json"}
TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
SUPPORTED_SUFFIXES = JSONL_SUFFIXES | JSON_SUFFIXES | TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES

TEXT_FIELDS = ("text", "body", "content")
# Other spellings of the article fields found in scraped datasets and exports.
FIELD_ALIASES = {
    "title": ("title", "headline"),
    "url": ("url", "link"),
    "source": ("source", "site", "sitename", "publisher"),
    "author": ("author", "authors", "byline"),
    "published_at": ("published_at", "date", "published", "pubDate", "datePublished"),
}

# A first line longer than this is a paragraph, not a headline: it stays in the text.
MAX_TITLE_CHARS = 200
# Where a title has to be made up from the text, it is cut to about this length.
DERIVED_TITLE_CHARS = 100
# More control characters than this share of a decoded file means it is not text.
MAX_CONTROL_SHARE = 0.10
# More NUL bytes than this share means binary (one stray NUL in a text file is tolerated).
MAX_NUL_SHARE = 0.01
# Texts this alike (estimated Jaccard similarity of word 5-grams) are copies of one article:
# the same story re-scraped with another footer, or syndicated with a changed line or two.
NEAR_DUPLICATE_SIMILARITY = 0.9
# A Markdown front-matter block longer than this is not front matter.
FRONT_MATTER_LINES = 60
# Only the head of a file is looked at to sniff feeds and declared charsets.
SNIFF_BYTES = 4096

_MAGIC = {
    b"%PDF": "PDF document",
    b"PK\x03\x04": "ZIP archive (or Office document)",
    b"\x1f\x8b": "gzip archive",
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"\x7fELF": "executable",
    b"SQLite format 3": "SQLite database",
}
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
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)
_HTML_ROOT = re.compile(rb"<(?:!doctype html|html)\b", re.IGNORECASE)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_HTML_TAG = re.compile(r"</?(?:p|div|br|span|a|em|strong|b|i|li|ul|h[1-6])\b[^>]*>", re.I)
_NON_TEXT = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")
_GLOB_CHARS = re.compile(r"[*?[]")
_HAS_TIME = re.compile(r"\d{1,2}:\d{2}")
_HAS_YEAR = re.compile(r"(?<!\d)(?:1[89]|2[01])\d{2}(?!\d)")
_TRACKING_PARAMS = re.compile(r"^(?:utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid)$", re.I)


@dataclass
class IngestReport:
    """What a run read: articles kept, duplicates dropped, and every skip with its reason."""

    articles: int = 0  # articles yielded (after dedup)
    duplicates: int = 0  # dropped as duplicates (near duplicates included)
    near_duplicates: int = 0  # of those, dropped as near (not exact) duplicates
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (where, why)
    files: int = 0  # files looked at

    def skip(self, where: str, why: str) -> None:
        log.warning("skipped %s: %s", where, why)
        self.skipped.append((where, why))

    def summary(self, limit: int = 5) -> str:
        """One line for people: counts, then the first few skips with their reasons."""
        text = (
            f"ingested {self.articles} article{_s(self.articles)} from {self.files} "
            f"file{_s(self.files)}; {self.duplicates} duplicate{_s(self.duplicates)} dropped"
        )
        if self.near_duplicates:
            text += f" ({self.near_duplicates} near-identical)"
        text += f"; {len(self.skipped)} skipped"
        if self.skipped:
            shown = "; ".join(f"{where} ({why})" for where, why in self.skipped[:limit])
            more = len(self.skipped) - limit
            text += f": {shown}" + (f"; and {more} more" if more > 0 else "")
        return text


def _s(n: int) -> str:
    return "" if n == 1 else "s"


class _Skip(Exception):
    """This file (or line) cannot be read as an article; the message says why."""


# ---------------------------------------------------------------------------------------------
# Sources


def load_articles(
    paths: Sequence[str | Path],
    report: IngestReport | None = None,
    near_duplicate_similarity: float | None = NEAR_DUPLICATE_SIMILARITY,
) -> list[Article]:
    """Read every source (files, directories recursively, globs), clean, deduplicate.

    Never raises for one bad file: it is skipped and recorded in `report`. Raises IngestError
    only when a given path does not exist and matches no file as a glob pattern. Articles whose
    texts are at least `near_duplicate_similarity` alike (estimated Jaccard similarity of their
    word 5-grams) count as duplicates too; None turns that off.
    """
    report = report if report is not None else IngestReport()
    files = [item for source in paths for item in expand_source(source)]
    seen_files: set[Path] = set()
    dedup = _Deduplicator(report, near_duplicate_similarity)
    articles: list[Article] = []
    for path, root in files:
        key = Path(os.path.abspath(path))
        if key in seen_files:  # the same file named twice (a directory and a glob, say)
            continue
        seen_files.add(key)
        report.files += 1
        for article in read_file(path, root, report):
            kept = dedup.admit(article)
            if kept is not None:
                articles.append(kept)
    report.articles = len(articles)
    log.info("%s", report.summary())
    return articles


def expand_source(source: str | Path) -> list[tuple[Path, Path]]:
    """The files a source names, each with the root its ids are relative to, in sorted order."""
    path = Path(source).expanduser()
    if path.is_dir():
        return [(f, path) for f in _walk(path)]
    if path.exists() or path.is_symlink():  # a broken link is reported when it is read
        return [(path, path.parent)]
    if _GLOB_CHARS.search(str(source)):
        root = _glob_root(path)
        matches = sorted(glob.glob(str(path), recursive=True))
        found: list[tuple[Path, Path]] = []
        for match in map(Path, matches):
            if match.is_dir():
                found.extend((f, root) for f in _walk(match))
            elif not match.name.startswith("."):
                found.append((match, root))
        if found:
            return sorted(found, key=lambda item: _rel(item[0], root))
        raise IngestError(
            f"no file matches the pattern {str(source)!r}; check the pattern, or quote it so "
            "the shell does not expand it"
        )
    raise IngestError(
        f"source {str(source)!r} does not exist; pass an existing file, directory or glob "
        "pattern (for example data/sample or 'news/*.jsonl')"
    )


def _walk(directory: Path) -> list[Path]:
    """Files under `directory`, recursively, hidden ones left out, sorted by relative path."""
    found = []
    for dirpath, dirnames, filenames in os.walk(directory):
        # Symlinked directories are not followed (os.walk default), which also rules out loops.
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            if not name.startswith("."):
                found.append(Path(dirpath) / name)
    return sorted(found, key=lambda f: _rel(f, directory))


def _glob_root(pattern: Path) -> Path:
    """The directory part of a glob pattern before its first wildcard."""
    parts: list[str] = []
    for part in pattern.parts:
        if _GLOB_CHARS.search(part):
            break
        parts.append(part)
    return Path(*parts) if parts else Path(".")


def _rel(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            pass
    return path.name


def file_id(path: Path, root: Path | None) -> str:
    """The id of an article read from a file: its path under the source root, no extension."""
    rel = _rel(path, root)
    stem, dot, ext = rel.rpartition(".")
    return stem if dot and stem and "/" not in ext else rel


# ---------------------------------------------------------------------------------------------
# One file


def read_file(path: Path, root: Path | None, report: IngestReport) -> list[Article]:
    """Read one file (which may hold many articles); a bad file is skipped, never raised."""
    where = str(path)
    try:
        raw = _read_bytes(path)
        if not raw.strip():
            raise _Skip("empty file")
        kind = _kind(path, raw)
        if kind == "jsonl":
            return _read_jsonl(path, root, _decode(raw), report)
        if kind == "json":
            return _read_json(path, root, _decode(raw), report)
        if kind == "text":
            return [_read_text(path, root, _decode(raw))]
        if kind == "html":
            return [_read_html(path, root, _decode(raw, _declared_charset(raw)))]
        return _read_feed(path, root, raw, report)
    except _Skip as exc:
        report.skip(where, str(exc))
    except Exception as exc:  # a parser bug on one file must not abort the whole run
        log.exception("unexpected error while reading %s", where)
        report.skip(where, f"could not be read ({type(exc).__name__}: {exc})")
    return []


def _read_bytes(path: Path) -> bytes:
    if path.is_symlink() and not path.exists():
        raise _Skip(f"unreadable: broken symbolic link to {os.readlink(path)}")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise _Skip(f"unreadable: {exc.strerror or exc}") from None


def _kind(path: Path, raw: bytes) -> str:
    suffix = path.suffix.lower()
    head = raw[:SNIFF_BYTES]
    is_feed = bool(_FEED_ROOT.search(head))
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in JSON_SUFFIXES:
        return "json"
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix in HTML_SUFFIXES:
        return "html"
    if is_feed:
        return "feed"
    if suffix in FEED_SUFFIXES:
        _check_binary(raw)
        raise _Skip("not an RSS or Atom feed (no <rss>, <feed> or <rdf:RDF> element)")
    if _HTML_ROOT.search(head):
        return "html"
    _check_binary(raw)
    what = f"extension {suffix!r}" if suffix else "no extension"
    raise _Skip(
        f"unsupported file type ({what}); expected one of "
        f"{', '.join(sorted(SUPPORTED_SUFFIXES))} or an RSS/Atom feed"
    )


# ---------------------------------------------------------------------------------------------
# Decoding


def _decode(raw: bytes, declared: str | None = None) -> str:
    """Bytes to text: BOMs honoured, then UTF-8, then cp1252, then Latin-1, line by line."""
    if not raw.strip():
        raise _Skip("empty file")
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if raw.startswith(bom):
            try:
                return _check_text(raw.decode(encoding))
            except UnicodeDecodeError as exc:
                raise _Skip(
                    f"undecodable: its byte-order mark says {encoding.upper()}, but byte "
                    f"{exc.start} is invalid ({exc.reason}); re-save the file as UTF-8"
                ) from None
    bom_less_utf16 = _utf16_without_bom(raw)
    if bom_less_utf16:
        return _check_text(raw.decode(bom_less_utf16, errors="replace"))
    _check_binary(raw)
    if declared:
        try:
            return _check_text(raw.decode(declared))
        except (LookupError, UnicodeDecodeError):
            log.debug("declared charset %s does not decode; guessing instead", declared)
    try:
        return _check_text(raw.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    # Line by line, so a UTF-8 file with a few pasted cp1252 lines keeps both intact.
    return _check_text("\n".join(_decode_legacy(line) for line in raw.split(b"\n")))


def _decode_legacy(line: bytes) -> str:
    for encoding in ("utf-8", "cp1252"):
        try:
            return line.decode(encoding)
        except UnicodeDecodeError:
            continue
    return line.decode("latin-1")  # every byte is a Latin-1 character


def _utf16_without_bom(raw: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when NULs sit in every other byte, as in BOM-less UTF-16 text."""
    sample = raw[:SNIFF_BYTES]
    if len(sample) < 4 or len(raw) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


def _check_binary(raw: bytes) -> None:
    for magic, what in _MAGIC.items():
        if raw.startswith(magic):
            raise _Skip(f"binary file ({what}); convert it to text, HTML or JSONL first")
    if raw.count(0) > MAX_NUL_SHARE * len(raw):
        raise _Skip("binary file (contains NUL bytes); only text formats can be indexed")


def _check_text(text: str) -> str:
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise _Skip("empty file")
    bad = len(_NON_TEXT.findall(text))
    if bad > MAX_CONTROL_SHARE * len(text):
        raise _Skip("binary file (mostly non-text characters); only text formats can be indexed")
    return text


def _declared_charset(raw: bytes) -> str | None:
    match = _CHARSET.search(raw[:SNIFF_BYTES])
    return match.group(1).decode("ascii", "replace") if match else None


# ---------------------------------------------------------------------------------------------
# Formats


def _read_jsonl(path: Path, root: Path | None, text: str, report: IngestReport) -> list[Article]:
    articles = []
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            report.skip(where, f"malformed JSON: {exc.msg} (column {exc.colno})")
            continue
        try:
            articles.append(_from_record(record, path, root, where, f"#{lineno}"))
        except _Skip as exc:
            report.skip(where, str(exc))
    return articles


def _read_json(path: Path, root: Path | None, text: str, report: IngestReport) -> list[Article]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":  # one object per line in a .json file: read it as JSONL
            return _read_jsonl(path, root, text, report)
        raise _Skip(f"malformed JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]
    if isinstance(data, dict):
        return [_from_record(data, path, root, str(path), "")]
    if not isinstance(data, list):
        raise _Skip(f"expected a JSON object or a list of objects, got {type(data).__name__}")
    articles = []
    for n, record in enumerate(data, start=1):
        where = f"{path}#{n}"
        try:
            articles.append(_from_record(record, path, root, where, f"#{n}"))
        except _Skip as exc:
            report.skip(where, str(exc))
    return articles


def _from_record(record: Any, path: Path, root: Path | None, where: str, n: str) -> Article:
    """One JSON object to an Article; `n` is the "#<n>" used in its id when it has no other."""
    if not isinstance(record, dict):
        raise _Skip(f"expected a JSON object, got {type(record).__name__}")
    body = next((record[k] for k in TEXT_FIELDS if _present(record.get(k))), None)
    if body is None:
        raise _Skip("no text (expected a non-empty 'text', 'body' or 'content' field)")
    if not isinstance(body, str):
        raise _Skip(f"the article text must be a string, got {type(body).__name__}")
    if _HTML_TAG.search(body):
        body = html_to_text(body)
    fields = {name: _field(record, aliases) for name, aliases in FIELD_ALIASES.items()}
    raw_id = record.get("id")
    explicit = str(raw_id) if raw_id is not None and str(raw_id).strip() else None
    return _make_article(
        title=fields["title"],
        body=body,
        url=fields["url"],
        source=fields["source"],
        author=fields["author"],
        published_at=fields["published_at"],
        explicit_id=explicit,
        fallback_id=file_id(path, root) + n,
        origin=where,
    )


def _present(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _field(record: dict[str, Any], aliases: Sequence[str]) -> str | None:
    for key in aliases:
        value = record.get(key)
        if value is None or value == "":
            continue
        if isinstance(value, list):  # several authors
            names = [v.get("name") if isinstance(v, dict) else v for v in value]
            value = ", ".join(str(v) for v in names if v)
        elif isinstance(value, dict):
            value = value.get("name") or value.get("href") or value.get("url")
        if isinstance(value, int | float) and key in FIELD_ALIASES["published_at"]:
            return normalize_date(value)
        return str(value) if value not in (None, "") else None
    return None


def _read_text(path: Path, root: Path | None, text: str) -> Article:
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
            if _same_title(candidate, title):  # the Title: header repeated as the first line
                del body_lines[first]
        elif len(candidate) <= MAX_TITLE_CHARS:
            title = candidate
            del body_lines[first]
    body = "\n".join(body_lines)
    if not body.strip():
        raise _Skip("no article text (only a title or header lines)")
    return _make_article(
        title=title,
        body=body,
        url=headers.get("url"),
        source=headers.get("source"),
        author=headers.get("author"),
        published_at=headers.get("published_at"),
        explicit_id=None,
        fallback_id=file_id(path, root),
        origin=str(path),
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


def _same_title(a: str, b: str) -> bool:
    def key(s: str) -> str:
        return normalize_whitespace(s).rstrip(".!?:;").casefold()

    return key(a) == key(b)


def _read_html(path: Path, root: Path | None, text: str) -> Article:
    import trafilatura  # imported here: it is slow to import and only HTML needs it

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
        if _same_title(first, title):
            body = rest
    if not body.strip():
        raise _Skip("no article text found in the HTML page")
    return _make_article(
        title=title,
        body=body,
        url=meta.get("url"),
        source=meta.get("sitename") or meta.get("hostname"),
        author=meta.get("author"),
        published_at=meta.get("date"),
        explicit_id=None,
        fallback_id=file_id(path, root),
        origin=str(path),
    )


def _html_title(text: str) -> str | None:
    match = re.search(r"<title[^>]*>(.*?)</title>", text, re.IGNORECASE | re.DOTALL)
    return html.unescape(match.group(1)).strip() if match else None


def _read_feed(path: Path, root: Path | None, raw: bytes, report: IngestReport) -> list[Article]:
    _check_binary(raw)
    # Bytes, never a str: feedparser would fetch a str that looks like a URL.
    parsed = feedparser.parse(raw)
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        raise _Skip(f"malformed feed: {problem}" if problem else "feed has no entries")
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
                _make_article(
                    title=title,
                    body=body,
                    url=url,
                    source=feed_title,
                    author=entry.get("author"),
                    published_at=date_value,
                    explicit_id=None,
                    fallback_id=f"{file_id(path, root)}#{n}",
                    origin=where,
                )
            )
        except _Skip as exc:
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


# ---------------------------------------------------------------------------------------------
# Building an Article


def _make_article(
    *,
    title: str | None,
    body: str,
    url: str | None,
    source: str | None,
    author: str | None,
    published_at: str | None,
    explicit_id: str | None,
    fallback_id: str,
    origin: str,
) -> Article:
    text = clean_text(body)
    if not text:
        raise _Skip("no article text left after removing boilerplate")
    url = (url or "").strip() or None
    title = normalize_whitespace(title or "") or derive_title(text)
    source = normalize_whitespace(source or "") or source_from_url(url)
    author = normalize_whitespace(author or "") or None
    if explicit_id is not None:
        article_id = explicit_id
    elif url:
        article_id = Article.make_id(url, title, text)
    else:
        article_id = fallback_id
    return Article(
        id=article_id,
        title=title,
        text=text,
        url=url,
        source=source or None,
        author=author,
        published_at=normalize_date(published_at),
        origin=origin,
    )


def derive_title(text: str) -> str:
    """A title for an article that has none: its first line, cut at a word near 100 chars."""
    first = text.split("\n", 1)[0].strip()
    if len(first) <= DERIVED_TITLE_CHARS:
        return first
    cut = first[:DERIVED_TITLE_CHARS].rsplit(" ", 1)[0]
    return f"{cut}…"


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


_BLOCK_TAGS = {
    "p", "div", "section", "article", "header", "footer", "main", "blockquote", "pre", "ul",
    "ol", "li", "dl", "dt", "dd", "table", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "figure",
    "figcaption", "hr",
}  # fmt: skip


def normalize_date(value: object) -> str | None:
    """ISO `YYYY-MM-DD`, or a full ISO datetime when a time is known; None if unparseable."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float) and not isinstance(value, bool):
        seconds = value / 1000 if value > 1e11 else value  # epoch milliseconds, as JS writes
        try:
            return datetime.fromtimestamp(seconds, tz=UTC).isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    if not text or not _HAS_YEAR.search(text):
        return None  # "Monday" or "June 3" would be resolved against today: not a date
    parsed = _parse_datetime(text)
    if parsed is None or not 1800 <= parsed.year <= 2200:
        return None
    if _HAS_TIME.search(text):
        return parsed.isoformat()
    return parsed.date().isoformat()


def _parse_datetime(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text)  # RSS: "Tue, 04 Jun 2019 10:00:00 GMT"
    except (TypeError, ValueError, IndexError):
        pass
    # Parse twice with different defaults: a field that changes was missing from the text, and a
    # date without its day is not a date we can state.
    try:
        a = date_parser.parse(text, default=datetime(2000, 1, 1))
        b = date_parser.parse(text, default=datetime(2001, 2, 2))
    except (ValueError, OverflowError):
        return None
    if (a.year, a.month, a.day) != (b.year, b.month, b.day):
        return None
    return a


# ---------------------------------------------------------------------------------------------
# Duplicates


def normalize_url(url: str) -> str:
    """A URL reduced for comparison: no scheme, no `www.`, no trailing slash or tracking query."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    port = f":{parts.port}" if parts.port and parts.port not in (80, 443) else ""
    path = parts.path.rstrip("/")
    query = urlencode(
        sorted((k, v) for k, v in parse_qsl(parts.query) if not _TRACKING_PARAMS.match(k))
    )
    return f"{host}{port}{path}" + (f"?{query}" if query else "")


def source_from_url(url: str | None) -> str | None:
    """The host of `url` without `www.` ("usatoday.com"), or None."""
    if not url:
        return None
    host = (urlsplit(url.strip()).hostname or "").lower().removeprefix("www.")
    return host or None


def text_key(text: str) -> str:
    """Same key for texts that differ only in whitespace."""
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()


class _Deduplicator:
    """Admits each article once: by normalised URL, by text, by near-identical text (optional),
    and with a unique id."""

    def __init__(self, report: IngestReport, near_similarity: float | None) -> None:
        self.report = report
        self.by_url: dict[str, Article] = {}
        self.by_text: dict[str, Article] = {}
        self.ids: set[str] = set()
        self.near = _NearDuplicates(near_similarity) if near_similarity else None

    def admit(self, article: Article) -> Article | None:
        url_key = normalize_url(article.url) if article.url else None
        txt_key = text_key(article.text)
        first = (self.by_url.get(url_key) if url_key else None) or self.by_text.get(txt_key)
        if first is None and self.near is not None:
            first = self.near.find(article)
            if first is not None:
                self.report.near_duplicates += 1
        if first is not None:
            self.report.duplicates += 1
            log.info("%s duplicates %s (%s): dropped", article.origin, first.origin, first.id)
            return None
        if self.near is not None:
            self.near.add(article)
        if article.id in self.ids:
            article = _with_unique_id(article, self.ids)
        self.ids.add(article.id)
        if url_key:
            self.by_url[url_key] = article
        self.by_text[txt_key] = article
        return article


class _NearDuplicates:
    """Finds an earlier article whose text is nearly the same (a re-scraped or syndicated copy).

    MinHash over word 5-grams estimates the Jaccard similarity of two texts; locality-sensitive
    hashing (bands of the signature) finds the candidates without comparing every pair, so a
    100k-article corpus stays fast. Hashes are seeded constants, so results are reproducible.
    """

    PERMUTATIONS = 128
    BANDS = 32  # 4 rows a band: pairs above ~0.4 similarity become candidates
    SHINGLE_WORDS = 5
    MIN_WORDS = 50  # short texts (feed summaries) differ in a word that matters; exact only

    def __init__(self, similarity: float) -> None:
        self.similarity = similarity
        rng = np.random.default_rng(20240605)
        self.a = rng.integers(1, 2**63, self.PERMUTATIONS, dtype=np.uint64) | np.uint64(1)
        self.b = rng.integers(0, 2**63, self.PERMUTATIONS, dtype=np.uint64)
        self.buckets: dict[tuple[int, bytes], list[int]] = {}
        self.signatures: list[Any] = []
        self.articles: list[Article] = []
        self._last: tuple[str, Any] | None = None

    def _signature(self, text: str) -> Any:
        if self._last is not None and self._last[0] == text:
            return self._last[1]
        words = re.findall(r"\w+", text.casefold())
        if len(words) < self.MIN_WORDS:
            signature = None
        else:
            n = self.SHINGLE_WORDS
            hashes = np.fromiter(
                {zlib.crc32(" ".join(words[i : i + n]).encode()) for i in range(len(words) - n)},
                dtype=np.uint64,
            )
            # Multiply-shift hashing: one cheap universal hash per permutation (wraps mod 2^64).
            with np.errstate(over="ignore"):
                mixed = (hashes[:, None] * self.a[None, :] + self.b[None, :]) >> np.uint64(32)
            signature = mixed.min(axis=0).astype(np.uint32)
        self._last = (text, signature)
        return signature

    def _bands(self, signature: Any) -> list[tuple[int, bytes]]:
        rows = self.PERMUTATIONS // self.BANDS
        return [(b, signature[b * rows : (b + 1) * rows].tobytes()) for b in range(self.BANDS)]

    def find(self, article: Article) -> Article | None:
        signature = self._signature(article.text)
        if signature is None:
            return None
        candidates = sorted(
            {i for key in self._bands(signature) for i in self.buckets.get(key, ())}
        )
        for i in candidates:
            if float((self.signatures[i] == signature).mean()) >= self.similarity:
                return self.articles[i]
        return None

    def add(self, article: Article) -> None:
        signature = self._signature(article.text)
        if signature is None:
            return
        index = len(self.articles)
        self.articles.append(article)
        self.signatures.append(signature)
        for key in self._bands(signature):
            self.buckets.setdefault(key, []).append(index)


def _with_unique_id(article: Article, taken: set[str]) -> Article:
    """Two articles with one id (a.txt and a.md, or a repeated JSONL id): number the later one.

    Renaming loses nothing and is deterministic, since files and articles come in a fixed order.
    """
    n = 2
    while f"{article.id}-{n}" in taken:
        n += 1
    new_id = f"{article.id}-{n}"
    log.warning("%s: id %r is already used, indexed as %r", article.origin, article.id, new_id)
    return Article(**{**article.__dict__, "id": new_id})
