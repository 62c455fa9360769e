"""JSONL and JSON: one article a record, with the field spellings scraped datasets use."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from index.config import IngestSettings
from index.ingest.articles import make_article
from index.ingest.dates import normalize_date
from index.ingest.html_pages import html_to_text
from index.ingest.report import IngestReport, Skip
from index.ingest.sources import file_id
from index.models import Article

TEXT_FIELDS = ("text", "body", "content")
# Other spellings of the article fields found in scraped datasets and exports.
FIELD_ALIASES = {
    "title": ("title", "headline"),
    "url": ("url", "link"),
    "source": ("source", "site", "sitename", "publisher"),
    "author": ("author", "authors", "byline"),
    "published_at": ("published_at", "date", "published", "pubDate", "datePublished"),
}

_HTML_TAG = re.compile(r"</?(?:p|div|br|span|a|em|strong|b|i|li|ul|h[1-6])\b[^>]*>", re.I)


def read_jsonl(
    path: Path,
    root: Path | None,
    text: str,
    report: IngestReport,
    limits: IngestSettings | None = None,
) -> list[Article]:
    """One article a line; a malformed or unusable line is skipped and recorded, a field of the
    wrong type is warned about with its file:line."""
    limits = limits or IngestSettings()
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
            articles.append(_from_record(record, path, root, where, f"#{lineno}", report, limits))
        except Skip as exc:
            report.skip(where, str(exc))
    return articles


def read_json(
    path: Path,
    root: Path | None,
    text: str,
    report: IngestReport,
    limits: IngestSettings | None = None,
) -> list[Article]:
    """One object, a list of objects, or {"articles": [...]}; JSON lines are read as JSONL."""
    limits = limits or IngestSettings()
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":  # one object per line in a .json file: read it as JSONL
            return read_jsonl(path, root, text, report, limits)
        raise Skip(f"malformed JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]
    if isinstance(data, dict):
        return [_from_record(data, path, root, str(path), "", report, limits)]
    if not isinstance(data, list):
        raise Skip(f"expected a JSON object or a list of objects, got {type(data).__name__}")
    articles = []
    for n, record in enumerate(data, start=1):
        where = f"{path}#{n}"
        try:
            articles.append(_from_record(record, path, root, where, f"#{n}", report, limits))
        except Skip as exc:
            report.skip(where, str(exc))
    return articles


def _from_record(
    record: Any,
    path: Path,
    root: Path | None,
    where: str,
    n: str,
    report: IngestReport,
    limits: IngestSettings,
) -> Article:
    """One JSON object to an Article; `n` is the "#<n>" used in its id when it has no other.

    A field of the wrong type is not turned into text silently: it is warned about at `where`.
    """
    if not isinstance(record, dict):
        raise Skip(f"expected a JSON object, got {type(record).__name__}")
    body = next((record[k] for k in TEXT_FIELDS if _present(record.get(k))), None)
    if body is None:
        raise Skip("no text (expected a non-empty 'text', 'body' or 'content' field)")
    if not isinstance(body, str):
        raise Skip(f"the article text must be a string, got {type(body).__name__}")
    if _HTML_TAG.search(body):
        body = html_to_text(body)
    fields = {}
    for name, aliases in FIELD_ALIASES.items():
        fields[name] = _field(record, name, aliases, lambda what: report.warn(where, what))
    return make_article(
        title=fields["title"],
        body=body,
        url=fields["url"],
        source=fields["source"],
        author=fields["author"],
        published_at=fields["published_at"],
        explicit_id=_explicit_id(record.get("id"), lambda what: report.warn(where, what)),
        fallback_id=file_id(path, root) + n,
        origin=where,
        max_chars=limits.max_article_chars,
    )


def _present(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _explicit_id(value: object, warn: Callable[[str], None]) -> str | None:
    """The record's own id: a string or an integer; anything else is warned about and ignored."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
        return str(value)
    warn(f"'id' is {_kind(value)}, not a string or an integer; ignored (the id comes from the URL)")
    return None


def _field(
    record: dict[str, Any], name: str, aliases: Sequence[str], warn: Callable[[str], None]
) -> str | None:
    """The first usable spelling of field `name`; a value of the wrong type is warned about."""
    for key in aliases:
        value = record.get(key)
        if value is None or value == "":
            continue
        text = _text_of(name, key, value, warn)
        if text is None:
            continue
        if name == "published_at" and normalize_date(text) is None:
            warn(f"'{key}' {text!r} is not a date that can be read; indexed without a date")
            continue
        return text
    return None


def _text_of(name: str, key: str, value: object, warn: Callable[[str], None]) -> str | None:
    """A field's value as text, when its type allows it; None (warned) when it does not."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):  # {"name": ...} or {"href": ...}, as feeds and APIs export
        inner = value.get("name") or value.get("href") or value.get("url")
        if isinstance(inner, str) and inner.strip():
            return inner
    elif isinstance(value, list) and name == "author":  # several authors
        names = [v.get("name") if isinstance(v, dict) else v for v in value]
        if all(isinstance(v, str) for v in names if v):
            return ", ".join(str(v) for v in names if v) or None
    elif isinstance(value, int | float) and not isinstance(value, bool):
        if name == "published_at":  # epoch seconds (or milliseconds)
            return normalize_date(value) or str(value)
        if name == "title":
            warn(f"'{key}' is a number ({value}), not text; read as the title {str(value)!r}")
            return str(value)
    warn(f"'{key}' is {_kind(value)}, not text; ignored")
    return None


def _kind(value: object) -> str:
    """ "a boolean (true)", "a list", ... for a message about a JSON value."""
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__
