"""Value types of an answer: the text with [n] markers, its citations and quoted statements."""

from __future__ import annotations

from dataclasses import dataclass, field


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

    def to_json(self) -> dict[str, object]:
        return {
            "n": self.n,
            "article_id": self.article_id,
            "title": self.title,
            "url": self.url,
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
