"""Stories: one event's articles from several outlets grouped at index time, incrementally, and
collapsed into one search hit that records the other outlets."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path

from index.library import Library
from index.models import Article
from index.search import Filters
from index.store import Layout, Metadata, read_manifest, read_metadata, write_manifest
from index.stories import collapse_stories, group_stories
from tests.conftest import make_settings
from tests.fakes import FakeEmbedder
from tests.story_corpus import ARTICLES, BBC, OTHER, REUTERS, WIRE, write_corpus


def article(aid: str, text: str, day: str | None = "2026-03-02", source: str = "AP") -> Article:
    return Article(id=aid, title=aid, text=text, source=source, published_at=day)


def test_one_wire_story_from_three_outlets_is_one_story_and_other_news_is_not():
    stories = group_stories(
        [
            article("ap", WIRE),
            article("flood", OTHER),
            article("reuters", REUTERS, source="Reuters"),
            article("bbc", BBC, "2026-03-03", "BBC"),
        ]
    )
    assert stories["ap"] == stories["reuters"] == stories["bbc"]
    assert stories["flood"] != stories["ap"]
    assert list(stories) == ["ap", "flood", "reuters", "bbc"]


def test_the_same_text_months_later_is_another_story_and_undated_text_matches_on_text():
    stories = group_stories(
        [
            article("ap", WIRE),
            article("anniversary", REUTERS, "2026-09-01", "Reuters"),
            article("undated", BBC, None, "BBC"),
        ]
    )
    assert stories["anniversary"] != stories["ap"]
    assert stories["undated"] == stories["ap"]


def test_an_unchanged_article_keeps_its_story_and_a_new_one_joins_it():
    ap, flood = article("ap", WIRE), article("flood", OTHER)
    last = Metadata({"ap": ap, "flood": flood}, [], [], {"ap": "story-1", "flood": "story-2"})
    stories = group_stories([ap, flood, article("reuters", REUTERS, source="Reuters")], last)
    assert stories == {"ap": "story-1", "flood": "story-2", "reuters": "story-1"}
    # A changed article is grouped again by its new text.
    changed = replace(flood, text=BBC)
    assert group_stories([ap, changed], last)["flood"] == "story-1"


def test_collapsing_keeps_the_best_passage_of_a_story_and_every_passage_of_its_article():
    story_of = {1: ("ap", "s"), 2: ("reuters", "s"), 3: ("flood", "t"), 4: ("ap", "s")}.get
    assert collapse_stories([2, 1, 3, 4], lambda r: story_of(r)) == [2, 3]
    assert collapse_stories([1, 2, 3, 4], lambda r: story_of(r)) == [1, 3, 4]


def build_library(tmp_path: Path, fake: FakeEmbedder, rows=ARTICLES, **sections) -> Library:
    corpus = write_corpus(tmp_path / "corpus", rows)
    settings = make_settings(tmp_path / "data", corpus={"sources": [str(corpus)]}, **sections)
    library = Library(settings, fake)
    library.build()
    return library


def test_a_build_stores_stories_and_a_rebuild_adds_an_outlet_to_its_story(tmp_path, fake_embedder):
    first = [r for r in ARTICLES if r[0] != "bbc-bridge"]
    library = build_library(tmp_path, fake_embedder, first)
    snapshot = Layout(library.settings.data_dir).current_dir()
    before = read_metadata(snapshot / "meta.sqlite").stories
    assert before["ap-bridge"] == before["reuters-bridge"] != before["flood"]
    assert read_manifest(snapshot)["stories"] == len(first) - 1

    write_corpus(tmp_path / "corpus", ARTICLES)
    library.build()
    after = read_metadata(Layout(library.settings.data_dir).current_dir() / "meta.sqlite").stories
    assert after["bbc-bridge"] == before["ap-bridge"]
    assert {k: after[k] for k in before} == before  # unchanged articles keep their stories


def test_search_shows_one_hit_for_the_story_and_names_the_other_outlets(tmp_path, fake_embedder):
    # Near-duplicate passages are collapsed by their vectors too: not here, to see the stories.
    library = build_library(tmp_path, fake_embedder, search={"dedup_similarity": 1.0})
    hits = library.searcher().search("Elm Street bridge closed cracks steel supports", k=5)
    bridge = [h for h in hits if h.article_id.endswith("-bridge")]
    assert len({h.article_id for h in bridge}) == 1
    (top,) = {h.article_id: h for h in bridge}.values()
    assert {a.source for a in top.also} | {top.source} == {"AP", "Reuters", "BBC"}
    assert [a["url"] for a in top.to_json()["also"]] == [a.url for a in top.also]
    # A filter that rules out an outlet leaves it out of the hit's other outlets too.
    (only,) = library.searcher().search(
        "Elm Street bridge cracks", k=1, filters=Filters(sources=["AP", "BBC"])
    )
    assert {a.source for a in only.also} | {only.source} == {"AP", "BBC"}


def test_a_snapshot_written_before_stories_is_still_served(tmp_path, fake_embedder):
    library = build_library(tmp_path, fake_embedder)
    snapshot = Layout(library.settings.data_dir).current_dir()
    # Format 1: no story column (and the manifest says so); its checksums are rewritten.
    db = sqlite3.connect(snapshot / "meta.sqlite")
    db.execute("ALTER TABLE articles DROP COLUMN story")
    db.commit()
    db.close()
    manifest = json.loads((snapshot / "manifest.json").read_text())
    manifest["format"] = 1
    manifest.pop("files")
    write_manifest(snapshot / "manifest.json", manifest)

    fresh = Library(library.settings, fake_embedder)
    hits = fresh.searcher().search("Elm Street bridge cracks", k=5)
    assert hits and all(h.also == () for h in hits)
    assert fresh.searcher().stories == {}
    fresh.build()  # the next build groups them
    assert fresh.searcher().stories["reuters-bridge"] == fresh.searcher().stories["ap-bridge"]
