"""Stories: one event's articles from several outlets, grouped at index time.

Two articles tell one story when their texts overlap heavily (the estimated Jaccard similarity
of their word 5-grams, by the MinHash of index/ingest/dedup.py, reaches `STORY_SIMILARITY`: a
wire story and the edits each outlet makes to it) and they were published within `STORY_DAYS`
of each other (an undated article is matched on its text alone). Grouping is incremental: an
article indexed before and unchanged keeps its story; a new or changed one joins the story of
its most similar article, or starts one of its own. Memory is one 128-number signature and its
band keys an article, time linear in the articles (LSH finds the candidates).

Search keeps one hit a story, the best, and records the story's other articles on it, so the
top results are not filled with copies of one wire story (`collapse_stories`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from index.ingest.dedup import NearDuplicates
from index.models import Article, stable_id

if TYPE_CHECKING:
    from index.store import Metadata

# Lower than the 0.9 of a duplicate: outlets cut, retitle and add a paragraph to a wire story.
# Texts that merely share a paragraph stay well below it (tests/index/test_stories.py).
STORY_SIMILARITY = 0.5
STORY_DAYS = 3  # reports of one event published further apart are follow-ups, not copies


def story_id(article: Article) -> str:
    """The id of a story started by `article` (stable: the same article, the same id)."""
    return stable_id("story", article.id, article.content_hash)


def _day(article: Article) -> date | None:
    try:
        return date.fromisoformat((article.published_at or "")[:10])
    except ValueError:
        return None


def close_in_time(a: Article, b: Article, days: int = STORY_DAYS) -> bool:
    """Published within `days` of each other, or at least one of them undated."""
    da, db = _day(a), _day(b)
    return da is None or db is None or abs((da - db).days) <= days


def group_stories(articles: Sequence[Article], last: Metadata | None = None) -> dict[str, str]:
    """Article id -> story id for `articles`, in their order.

    `last` is the previous snapshot's metadata: an article whose content is unchanged since
    keeps its story; the others are matched against every article, in order.
    """
    previous = last.articles if last is not None else {}
    previous_stories = last.stories if last is not None else {}
    stories: dict[str, str] = {}
    fresh: list[Article] = []
    for article in articles:
        old = previous.get(article.id)
        known = previous_stories.get(article.id)
        if known is not None and old is not None and old.content_hash == article.content_hash:
            stories[article.id] = known
        else:
            fresh.append(article)
    if fresh:
        near = NearDuplicates(STORY_SIMILARITY)
        for article in articles:
            if article.id in stories:
                near.add(article)
        for article in fresh:
            matches = [(sim, other) for other, sim in near.similar(article)]
            matches = [(sim, other) for sim, other in matches if close_in_time(article, other)]
            if matches:
                best = max(matches, key=lambda m: m[0])[1]  # the first added on ties
                stories[article.id] = stories[best.id]
            else:
                stories[article.id] = story_id(article)
            near.add(article)
    return {a.id: stories[a.id] for a in articles}


def collapse_stories(
    ranked: Sequence[int], story_of: Callable[[int], tuple[str, str]]
) -> list[int]:
    """Keep ids in order, dropping an id whose story an earlier kept id of another article
    already holds. `story_of(id)` is (article id, story id); passages of one article are not
    collapsed here (near-duplicate passages are, by `collapse_near_duplicates`)."""
    holder: dict[str, str] = {}  # story id -> the article whose passage represents it
    kept: list[int] = []
    for doc in ranked:
        article, story = story_of(doc)
        first = holder.setdefault(story, article)
        if first == article:
            kept.append(doc)
    return kept
