"""JSONL and JSON: one article a record, with the field spellings scraped datasets use."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

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


def read_jsonl(path: Path, root: Path | None, text: str, report: IngestReport) -> list[Article]:
    """One article a line; a malformed or unusable line is skipped and recorded."""
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
        except Skip as exc:
            report.skip(where, str(exc))
    return articles


def read_json(path: Path, root: Path | None, text: str, report: IngestReport) -> list[Article]:
    """One object, a list of objects, or {"articles": [...]}; JSON lines are read as JSONL."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":  # one object per line in a .json file: read it as JSONL
            return read_jsonl(path, root, text, report)
        raise Skip(f"malformed JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]
    if isinstance(data, dict):
        return [_from_record(data, path, root, str(path), "")]
    if not isinstance(data, list):
        raise Skip(f"expected a JSON object or a list of objects, got {type(data).__name__}")
    articles = []
    for n, record in enumerate(data, start=1):
        where = f"{path}#{n}"
        try:
            articles.append(_from_record(record, path, root, where, f"#{n}"))
        except Skip as exc:
            report.skip(where, str(exc))
    return articles


def _from_record(record: Any, path: Path, root: Path | None, where: str, n: str) -> Article:
    """One JSON object to an Article; `n` is the "#<n>" used in its id when it has no other."""
    if not isinstance(record, dict):
        raise Skip(f"expected a JSON object, got {type(record).__name__}")
    body = next((record[k] for k in TEXT_FIELDS if _present(record.get(k))), None)
    if body is None:
        raise Skip("no text (expected a non-empty 'text', 'body' or 'content' field)")
    if not isinstance(body, str):
        raise Skip(f"the article text must be a string, got {type(body).__name__}")
    if _HTML_TAG.search(body):
        body = html_to_text(body)
    fields = {name: _field(record, aliases) for name, aliases in FIELD_ALIASES.items()}
    raw_id = record.get("id")
    explicit = str(raw_id) if raw_id is not None and str(raw_id).strip() else None
    return make_article(
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
