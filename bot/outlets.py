"""One story told by several outlets: an answer drawn from it cites each outlet that reported
it ("Reported by AP [1], Reuters [2] and BBC [3].") instead of repeating the same fact.

Search keeps one hit a story and records the story's other articles on it (`Hit.also`,
index/stories.py). Each other outlet is cited at the words of its own article that carry what
the answer used: the same sentence when the outlet printed it, else its most alike sentence;
an outlet whose article holds nothing alike is not named.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Protocol

from index.chunking import split_sentences
from index.ingest.dedup import source_from_url
from index.models import Article, Hit

MAX_OUTLETS = 6  # outlets named for one story (the first cited among them)
MIN_OVERLAP = 0.6  # share of a used sentence's words an outlet's sentence must hold
REPORTED_BY = "Reported by {outlets}."

_WORD = re.compile(r"\w+")


class Citations(Protocol):
    """How an answer numbers its citations (bot/answer.py's CitationBuilder)."""

    def cite(self, article_id: str, start: int, end: int) -> int: ...

    def number_of(self, article_id: str) -> int: ...


def outlet(article: Article) -> str:
    """The outlet's name: the article's source, else its URL's host, else its title."""
    return article.source or source_from_url(article.url) or article.title or article.id


def join_names(names: Sequence[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def matching_span(article: Article, used: Sequence[str]) -> tuple[int, int] | None:
    """The span of `article` that reports what the `used` sentences say: one of them verbatim,
    else the sentence sharing most of a used sentence's words (at least MIN_OVERLAP)."""
    for text in used:
        at = article.text.find(text)
        if at >= 0:
            return at, at + len(text)
    wanted = [set(_WORD.findall(t.lower())) for t in used]
    best, best_span = 0.0, None
    for start, end in split_sentences(article.text):
        words = set(_WORD.findall(article.text[start:end].lower()))
        for want in wanted:
            share = len(want & words) / len(want) if want else 0.0
            if share > best:
                best, best_span = share, (start, end)
    return best_span if best >= MIN_OVERLAP else None


def reported_by(
    used: dict[str, list[str]],
    hits: Sequence[Hit],
    articles: Mapping[str, Article],
    cites: Citations,
) -> list[str]:
    """One "Reported by ..." sentence for each story the answer drew on that other outlets
    reported too; `used` maps each cited article to the sentences taken from it, and the other
    outlets are cited in `cites`, after what the answer cites already."""
    also = {h.article_id: h.also for h in hits if h.also}
    lines: list[str] = []
    for article_id, sentences in used.items():
        if article_id not in also:
            continue
        first = articles[article_id]
        named = {outlet(first).casefold()}
        parts = [f"{outlet(first)} [{cites.number_of(article_id)}]"]
        for other in also[article_id]:
            if len(parts) >= MAX_OUTLETS or outlet(other).casefold() in named:
                continue
            span = matching_span(other, sentences)
            if span is None:
                continue
            named.add(outlet(other).casefold())
            parts.append(f"{outlet(other)} [{cites.cite(other.id, *span)}]")
        if len(parts) > 1:
            lines.append(REPORTED_BY.format(outlets=join_names(parts)))
    return lines
