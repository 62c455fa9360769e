"""A served snapshot reads article and passage text from meta.sqlite when asked, not at load."""

import gc
import json
import shutil
import tracemalloc
from pathlib import Path

import numpy as np

from index.library import Library
from index.search import Searcher
from index.store import Layout, read_metadata
from index.tables import open_tables
from tests.conftest import make_settings

WORDS = "harbour storm election mayor vaccine clinic budget council river bridge".split()


def write_corpus(path: Path, articles: int, sentences: int) -> None:
    rng = np.random.default_rng(7)
    with open(path, "w", encoding="utf-8") as fh:
        for a in range(articles):
            body = " ".join(
                f"The {' '.join(rng.choice(WORDS, 8))} report number {a}-{s} was filed."
                for s in range(sentences)
            )
            row = {
                "id": f"art{a}",
                "title": f"Report {a}",
                "url": f"https://news.example/{a}",
                "source": "news.example" if a % 2 else "wire.example",
                "published_at": f"2026-01-{a % 28 + 1:02d}",
                "text": body,
            }
            fh.write(json.dumps(row) + "\n")


def build(tmp_path: Path, fake_embedder, articles: int = 6, sentences: int = 20) -> Library:
    corpus = tmp_path / "news.jsonl"
    write_corpus(corpus, articles, sentences)
    settings = make_settings(tmp_path / "data", corpus={"sources": [str(corpus)]})
    library = Library(settings, fake_embedder)
    library.build()
    return library


def test_lazy_tables_give_the_same_articles_and_passages_as_the_full_read(tmp_path, fake_embedder):
    library = build(tmp_path, fake_embedder)
    snapshot = Layout(library.settings.data_dir).current_dir()
    full = read_metadata(snapshot / "meta.sqlite")
    lazy = open_tables(snapshot / "meta.sqlite")
    assert len(lazy.passages) == len(full.passages) > 6
    assert list(lazy.passages) == full.passages
    assert lazy.passages[2:5] == full.passages[2:5]
    assert dict(lazy.articles) == full.articles
    assert [lazy.passages.article_id(i) for i in range(len(full.passages))] == [
        p.article_id for p in full.passages
    ]
    assert not lazy.statements.loaded  # statements are read when first needed
    assert lazy.statements.all() == full.statements and lazy.stories == full.stories
    assert lazy.statements.loaded
    wanted = {"art1", "art4"}
    assert list(lazy.passages.rows_of(wanted)) == [
        i for i, p in enumerate(full.passages) if p.article_id in wanted
    ]


def test_a_loaded_searcher_holds_no_article_or_passage_text(tmp_path, fake_embedder):
    # 30 articles of ~30 KB: 0.9 MB of article text, and as much again in passage copies,
    # when a snapshot's text is held in memory.
    library = build(tmp_path, fake_embedder, articles=30, sentences=400)
    snapshot = Layout(library.settings.data_dir).current_dir()
    text_bytes = sum(len(a.text) for a in read_metadata(snapshot / "meta.sqlite").articles.values())
    assert text_bytes > 800_000
    gc.collect()
    tracemalloc.start()
    try:
        searcher = Searcher(snapshot, library.settings, library.embedder)
        held, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert held < text_bytes / 4, f"the searcher holds {held} bytes for {text_bytes} of text"
    hit = searcher.search("harbour storm report", k=1)[0]
    assert hit.text == searcher.articles[hit.article_id].text[hit.start : hit.end] != ""


def test_a_searcher_answers_after_its_snapshot_is_deleted(tmp_path, fake_embedder):
    library = build(tmp_path, fake_embedder)
    searcher = library.searcher()
    before = [(h.passage_id, h.text) for h in searcher.search("election mayor", k=3)]
    shutil.rmtree(searcher.path)
    after = [(h.passage_id, h.text) for h in searcher.search("election mayor", k=3)]
    assert after == before and all(text for _, text in after)
    assert searcher.articles["art3"].text.startswith("The ")


def test_statements_still_read_after_their_snapshot_is_deleted(tmp_path, fake_embedder):
    # A searcher keeps serving a snapshot a later build has cleaned away; its statements are
    # read from connections opened with it.
    source = tmp_path / "quoted.jsonl"
    text = "“We will reopen the bridge in May,” the mayor, Jane Roe, said on Monday."
    source.write_text(json.dumps({"id": "q-bridge", "title": "Bridge", "text": text}) + "\n")
    settings = make_settings(tmp_path / "data", corpus={"sources": [str(source)]})
    library = Library(settings, fake_embedder)
    library.build()
    snapshot = Layout(settings.data_dir).current_dir()
    copy = tmp_path / "copy"
    shutil.copytree(snapshot, copy)
    statements = open_tables(copy / "meta.sqlite").statements
    shutil.rmtree(copy)
    (few,) = statements.of_articles(["q-bridge"])
    assert few.speaker == "Jane Roe"
    assert statements.all() == [few] and statements.loaded
