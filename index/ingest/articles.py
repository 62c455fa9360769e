"""Building an Article from what a reader found: cleaned text, a title, a source and an id.

Every article's text goes through `clean_text` here, before anything else sees it, so passages
and citation offsets computed downstream always point into the stored text.
"""

from __future__ import annotations

from index.clean import clean_text, normalize_whitespace
from index.ingest.dates import date_from_text, normalize_date
from index.ingest.dedup import source_from_url
from index.ingest.report import Skip
from index.models import Article

# Where a title has to be made up from the text, it is cut to about this length.
DERIVED_TITLE_CHARS = 100


def make_article(
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
    max_chars: int | None = None,
) -> Article:
    """The Article for one record; Skip when its text is over `max_chars` or cleaning leaves
    none."""
    if max_chars is not None and len(body) > max_chars:
        # Checked before cleaning, so that an absurd text costs no more than reading it.
        raise Skip(
            f"article text is {len(body):,} characters, above [ingest].max_article_chars = "
            f"{max_chars:,}; split it into several articles or raise the limit"
        )
    text = clean_text(body)
    if not text:
        raise Skip("no article text left after removing boilerplate")
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
        # The source's own field first, then a date the text states; never today's date.
        published_at=normalize_date(published_at) or date_from_text(text, url),
        origin=origin,
    )


def derive_title(text: str) -> str:
    """A title for an article that has none: its first line, cut at a word near 100 chars."""
    first = text.split("\n", 1)[0].strip()
    if len(first) <= DERIVED_TITLE_CHARS:
        return first
    cut = first[:DERIVED_TITLE_CHARS].rsplit(" ", 1)[0]
    return f"{cut}…"


def same_title(a: str, b: str) -> bool:
    """Whether a line repeats the title (whitespace, case and end punctuation aside)."""

    def key(s: str) -> str:
        return normalize_whitespace(s).rstrip(".!?:;").casefold()

    return key(a) == key(b)
