"""Which format a file holds (its extension, else a sniff of its head) and `read_file`."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from index.config import IngestSettings
from index.ingest.decoding import (
    SNIFF_BYTES,
    Unreadable,
    check_binary,
    declared_charset,
    decode,
    read_bytes,
)
from index.ingest.feeds import read_feed
from index.ingest.html_pages import read_html
from index.ingest.json_records import read_json, read_jsonl
from index.ingest.report import IngestReport, Skip
from index.ingest.text_files import read_text
from index.models import Article

log = logging.getLogger(__name__)

JSONL_SUFFIXES = {".jsonl", ".ndjson"}
JSON_SUFFIXES = {".json"}
TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
SUPPORTED_SUFFIXES = JSONL_SUFFIXES | JSON_SUFFIXES | TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES

_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)
_HTML_ROOT = re.compile(rb"<(?:!doctype html|html)\b", re.IGNORECASE)


def read_file(
    path: Path,
    root: Path | None,
    report: IngestReport,
    limits: IngestSettings | None = None,
) -> list[Article]:
    """Read one file (which may hold many articles); a bad file is skipped, never raised.

    A file that is there but cannot be read (permissions, I/O errors, over `max_file_mb`) is
    recorded in `report.unreadable` too, so that a build keeps what it held before.
    """
    limits = limits or IngestSettings()
    where = str(path)
    try:
        raw = read_bytes(path, max_mb=limits.max_file_mb)
        if not raw.strip():
            raise Skip("empty file")
        kind = _kind(path, raw)
        if kind == "jsonl":
            return read_jsonl(path, root, decode(raw), report, limits)
        if kind == "json":
            return read_json(path, root, decode(raw), report, limits)
        if kind == "text":
            return [read_text(path, root, decode(raw), limits)]
        if kind == "html":
            return [read_html(path, root, decode(raw, declared_charset(raw)), limits)]
        return read_feed(path, root, raw, report, limits)
    except Unreadable as exc:
        report.unreadable_source(where, str(exc))
    except Skip as exc:
        report.skip(where, str(exc))
    except Exception as exc:  # a parser bug on one file must not abort the whole run
        log.exception("unexpected error while reading %s", where)
        report.skip(where, f"could not be read ({type(exc).__name__}: {exc})")
    return []


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
        check_binary(raw)
        raise Skip("not an RSS or Atom feed (no <rss>, <feed> or <rdf:RDF> element)")
    if _HTML_ROOT.search(head):
        return "html"
    check_binary(raw)
    what = f"extension {suffix!r}" if suffix else "no extension"
    raise Skip(
        f"unsupported file type ({what}); expected one of "
        f"{', '.join(sorted(SUPPORTED_SUFFIXES))} or an RSS/Atom feed"
    )
