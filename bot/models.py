"""Value types of an answer: the text with [n] markers, its citations and quoted statements."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from bot.links import deep_link
from index.models import Article, Hit


@dataclass(frozen=True)
class Citation:
    """Source [n] of an answer: the article and the exact span the answer used."""

    n: int
    article_id: str
    title: str
    url: str | None
    source: str | None
    published_at: str | None
    text: str
    start: int
    end: int

    @classmethod
    def from_article(cls, n: int, article: Article, start: int, end: int) -> Citation:
        """Citation [n] of the span `start:end` of `article`."""
        return cls(
            n=n,
            article_id=article.id,
            title=article.title,
            url=article.url,
            source=article.source,
            published_at=article.published_at,
            text=article.text[start:end],
            start=start,
            end=end,
        )

    @classmethod
    def from_hit(cls, n: int, hit: Hit) -> Citation:
        """Citation [n] of a retrieved passage."""
        return cls(
            n=n,
            article_id=hit.article_id,
            title=hit.title,
            url=hit.url,
            source=hit.source,
            published_at=hit.published_at,
            text=hit.text,
            start=hit.start,
            end=hit.end,
        )

    def renumbered(self, n: int) -> Citation:
        """The same source as citation [n]."""
        return replace(self, n=n)

    @property
    def link(self) -> str | None:
        """The article's URL opening at the cited words (a text fragment); None without a url.

        `url` stays the article's plain URL (what scorers and deduplication match on).
        """
        return deep_link(self.url, self.text)

    def to_json(self) -> dict[str, object]:
        return {
            "n": self.n,
            "article_id": self.article_id,
            "title": self.title,
            "url": self.url,
            "link": self.link,
            "source": self.source,
            "published_at": self.published_at,
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True)
class Quote:
    """A statement attributed to a speaker, pointing at citation `citation`."""

    speaker: str
    text: str
    citation: int
    role: str | None = None

    def to_json(self) -> dict[str, object]:
        return {"speaker": self.speaker, "text": self.text, "citation": self.citation}


@dataclass(frozen=True)
class Answer:
    """What the bot says to a question (the `ask --json` contract)."""

    question: str
    text: str
    citations: tuple[Citation, ...] = ()
    quotes: tuple[Quote, ...] = ()
    found: bool = True
    note: str | None = None  # e.g. which of several matching people the answer is about
    subject: str | None = None  # the person or topic asked about, kept for follow-up questions
    lead: str | None = None  # the short span the text starts with ("Samsung"), when one answers

    def to_json(self) -> dict[str, object]:
        return {
            "question": self.question,
            "answer": self.text,
            "citations": [c.to_json() for c in self.citations],
            "quotes": [q.to_json() for q in self.quotes],
            "found": self.found,
        }


@dataclass(frozen=True)
class Conversation:
    """What a follow-up question inherits from the answer it replies to."""

    question: str
    subject: str | None = None
    history: tuple[str, ...] = field(default_factory=tuple)
