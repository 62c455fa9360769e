"""Small value types passed between the engine's stages."""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol


def stable_id(*parts: str, length: int = 16) -> str:
    """A short, stable hex id from the given parts (same input, same id, across runs)."""
    h = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()
    return h[:length]


@dataclass(frozen=True)
class Article:
    """One news article, cleaned. `text` is what is indexed; spans point into it."""

    id: str
    title: str
    text: str
    url: str | None = None
    source: str | None = None
    author: str | None = None
    published_at: str | None = None  # ISO date or datetime, as given
    origin: str = ""  # where it was read from (file path, file:line)

    @staticmethod
    def make_id(url: str | None, title: str, text: str) -> str:
        """Id from the URL, or from the content when there is none."""
        if url:
            return stable_id("url", url.strip())
        return stable_id("text", title.strip(), text.strip())

    @property
    def content_hash(self) -> str:
        return stable_id(
            self.title, self.text, self.url or "", self.source or "", self.published_at or ""
        )


@dataclass(frozen=True)
class Passage:
    """A sentence-aligned slice of an article: `text == article.text[start:end]`."""

    id: str
    article_id: str
    start: int
    end: int
    text: str

    @staticmethod
    def make_id(article_id: str, start: int, end: int) -> str:
        return f"{article_id}:{start}-{end}"


@dataclass(frozen=True)
class Hit:
    """A ranked passage with its article's metadata (the `search --json` contract)."""

    rank: int
    score: float
    passage_id: str
    article_id: str
    title: str
    url: str | None
    source: str | None
    published_at: str | None
    text: str
    start: int
    end: int
    dense_score: float = 0.0  # cosine similarity of the passage to the query, 0 if not scored
    bm25_score: float = 0.0
    # The other articles of this passage's story (the same report from other outlets), whose
    # hits were collapsed into this one (index/stories.py).
    also: tuple[Article, ...] = ()

    def to_json(self) -> dict[str, object]:
        """The `search --json` fields; `also` (the story's other articles) only when it has some."""
        out: dict[str, object] = {
            "rank": self.rank,
            "score": round(self.score, 6),
            "passage_id": self.passage_id,
            "article_id": self.article_id,
            "title": self.title,
            "url": self.url,
            "source": self.source,
            "published_at": self.published_at,
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }
        if self.also:
            out["also"] = [
                {
                    "article_id": a.id,
                    "title": a.title,
                    "url": a.url,
                    "source": a.source,
                    "published_at": a.published_at,
                }
                for a in self.also
            ]
        return out


@dataclass(frozen=True)
class Statement:
    """Something a speaker said, found in an article: one entry of the speaker index."""

    speaker: str  # canonical full name ("Dmitry Peskov", "Rostek")
    text: str  # the statement, exactly `article.text[start:end]`
    start: int
    end: int
    article_id: str
    role: str | None = None  # "Kremlin spokesman"
    aliases: tuple[str, ...] = field(default_factory=tuple)  # "Peskov", "Dmitry Peskov"...
    cue: str | None = None  # "told reporters", "said"
    kind: str = "quote"  # "quote" (direct) or "reported" (indirect speech)


@dataclass(frozen=True)
class Filters:
    """Optional restrictions on the articles searched."""

    sources: Collection[str] | None = None  # source names, case-insensitive
    date_from: date | None = None
    date_to: date | None = None
    article_ids: Collection[str] | None = None
    # Nothing published after this day (a replay of the past); undated articles stay.
    not_after: date | None = None

    @property
    def active(self) -> bool:
        return bool(
            self.sources or self.date_from or self.date_to or self.article_ids or self.not_after
        )


class Dated(Protocol):
    """Anything with an article's publication date (an Article, or its row without the text)."""

    @property
    def published_at(self) -> str | None: ...


def article_day(article: Dated) -> date | None:
    """The day an article was published, or None when undated (or the date does not parse)."""
    if not article.published_at:
        return None
    try:
        return date.fromisoformat(article.published_at[:10])
    except ValueError:
        return None
