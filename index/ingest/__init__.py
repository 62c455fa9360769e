"""Ingest: read news sources (JSONL/JSON, text, Markdown, HTML, RSS/Atom) into cleaned Articles.

`load_articles` expands files, directories (recursively) and glob patterns (`sources`), reads each
file with `read_file` (`formats` picks the reader; `decoding` turns bytes into text), and drops
duplicates (same normalised URL, same text, or near-identical text: `dedup`). A bad file or a bad
JSONL line is skipped with a warning and recorded in the `IngestReport`; only a source path that
does not exist at all raises `IngestError`, since that is a mistake in the command, not in the data.

Every article's text goes through `clean_text` (in `articles.make_article`) before anything else
sees it, so passages and citation offsets computed downstream always point into the stored text.
"""

from index.ingest.articles import derive_title
from index.ingest.dates import date_from_text, normalize_date
from index.ingest.dedup import NEAR_DUPLICATE_SIMILARITY, normalize_url, source_from_url, text_key
from index.ingest.formats import SUPPORTED_SUFFIXES, read_file
from index.ingest.html_pages import html_to_text
from index.ingest.loader import load_articles
from index.ingest.report import IngestReport
from index.ingest.sources import expand_source, file_id

__all__ = [
    "NEAR_DUPLICATE_SIMILARITY",
    "SUPPORTED_SUFFIXES",
    "IngestReport",
    "derive_title",
    "expand_source",
    "file_id",
    "html_to_text",
    "load_articles",
    "date_from_text",
    "normalize_date",
    "normalize_url",
    "read_file",
    "source_from_url",
    "text_key",
]
