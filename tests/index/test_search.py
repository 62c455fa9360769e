"""Hybrid search: rankings, filters, near-duplicate collapsing, query checks, on each vector
store (the `library` fixture runs every test using it on FAISS and on Milvus)."""

import json
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from index.errors import QueryError
from index.library import Library
from index.search import Filters, Searcher
from tests.conftest import SAMPLE, make_settings

ARTICLES = [
    (
        "a-harbour",
        "Harbour reopens",
        "port.example",
        "2026-01-05",
        "The harbour reopened after the storm. Fishing boats returned to the harbour on Monday.",
    ),
    (
        "b-election",
        "Election results",
        "news.example",
        "2026-01-10",
        "The election results were announced. The mayor won a second term in the election.",
    ),
    (
        "c-vaccine",
        "Vaccine rollout",
        "news.example",
        "2026-02-01",
        "The vaccine rollout began in clinics. Nurses gave the first vaccine doses to patients.",
    ),
    (
        "d-harbour-copy",
        "Harbour reopens again",
        "mirror.example",
        "2026-02-03",
        "The harbour reopened after the storm. "
        "Fishing boats returned to the harbour on Monday too.",
    ),
]


@pytest.fixture
def library(tmp_path: Path, fake_embedder, any_store) -> Library:
    """The four articles, built on each vector store (FAISS, a real Milvus server)."""
    path = tmp_path / "news.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for aid, title, source, day, text in ARTICLES:
            row = {
                "id": aid,
                "title": title,
                "url": f"https://{source}/{aid}",
                "source": source,
                "published_at": day,
                "text": text,
            }
            fh.write(json.dumps(row) + "\n")
    settings = make_settings(tmp_path / "data", corpus={"sources": [str(path)]})
    lib = Library(settings, fake_embedder)
    lib.build()
    return lib


def ids(hits) -> list[str]:
    return [h.article_id for h in hits]


@pytest.mark.parametrize("mode", ["hybrid", "dense", "bm25"])
def test_every_mode_ranks_the_matching_article_first(library, mode):
    assert ids(library.searcher().search("vaccine doses nurses", k=1, mode=mode)) == ["c-vaccine"]


def test_near_duplicate_passages_are_collapsed(library):
    hits = library.searcher().search("harbour reopened storm fishing boats", k=4)
    assert ids(hits)[0] in {"a-harbour", "d-harbour-copy"}
    assert not {"a-harbour", "d-harbour-copy"} <= set(ids(hits))


def test_collapsing_can_be_turned_off(tmp_path, library, fake_embedder):
    settings = make_settings(
        tmp_path / "data",
        corpus={"sources": [str(tmp_path / "news.jsonl")]},
        search={"dedup_similarity": 1.0},
    )
    hits = Library(settings, fake_embedder).searcher().search("harbour storm boats", k=4)
    assert {"a-harbour", "d-harbour-copy"} <= set(ids(hits))


def test_source_filter(library):
    hits = library.searcher().search("harbour", k=5, filters=Filters(sources=["MIRROR.example"]))
    assert ids(hits) == ["d-harbour-copy"]


def test_date_range_filter(library):
    s = library.searcher()
    # Every article in the range is found (dense search reaches all of them), and no other.
    jan = Filters(date_from=date(2026, 1, 1), date_to=date(2026, 1, 31))
    assert set(ids(s.search("results harbour vaccine", k=5, filters=jan))) == {
        "a-harbour",
        "b-election",
    }
    feb = Filters(date_from=date(2026, 2, 1))
    assert set(ids(s.search("harbour", k=5, filters=feb))) == {"c-vaccine", "d-harbour-copy"}
    assert ids(s.search("harbour", k=5, filters=feb))[0] == "d-harbour-copy"


def test_a_filter_matching_nothing_returns_nothing(library):
    assert library.searcher().search("harbour", filters=Filters(sources=["nowhere"])) == []


def test_k_bounds_the_hits_and_ranks_are_consecutive(library):
    searcher = library.searcher()
    # Dense search reaches every passage, so more than k always match: k alone decides.
    assert [len(searcher.search(q, k=2)) for q in ("the", "harbour")] == [2, 2]
    assert len(searcher.search("harbour", k=1)) == 1
    ranked = searcher.search("harbour election vaccine", k=3)
    assert [h.rank for h in ranked] == [1, 2, 3]
    assert all(a.score >= b.score for a, b in zip(ranked, ranked[1:], strict=False))


def test_hits_carry_text_span_and_article_metadata(library):
    hit = library.searcher().search("mayor second term", k=1)[0]
    article = library.searcher().articles[hit.article_id]
    assert hit.text == article.text[hit.start : hit.end]
    assert (hit.title, hit.url, hit.source, hit.published_at) == (
        "Election results",
        "https://news.example/b-election",
        "news.example",
        "2026-01-10",
    )
    assert set(hit.to_json()) == {
        "rank",
        "score",
        "passage_id",
        "article_id",
        "title",
        "url",
        "source",
        "published_at",
        "text",
        "start",
        "end",
    }


@pytest.mark.parametrize("query", ["", "   ", "\n\t"])
def test_an_empty_query_is_refused(library, query):
    with pytest.raises(QueryError, match="empty"):
        library.searcher().search(query)


def test_a_huge_query_is_refused_with_the_limit(library):
    with pytest.raises(QueryError, match="limit is 1000"):
        library.searcher().search("harbour " * 500)


def test_idf_ranks_rare_words_above_common_ones(library):
    searcher = library.searcher()
    common, rare, unseen = searcher.term_weights(["harbour", "mayor", "zeppelin"])
    assert unseen > rare > common > 0
    assert searcher.term_weights(["Harbours"]) == [common]  # stemmed and lower-cased as indexed


def test_rarity_is_idf_as_a_share_of_an_unseen_words(library):
    searcher = library.searcher()
    common, rare, unseen = searcher.rarity(["harbour", "mayor", "zeppelin"])
    assert unseen == 1.0 and 0 < common < rare < 1.0
    assert rare == searcher.term_weights(["mayor"])[0] / searcher.term_weights(["zeppelin"])[0]


def test_count_tokens_gives_the_snapshot_models_word_pieces(library, fake_embedder):
    texts = ["harbour", "mayor election", "vell-mouth"]
    assert library.searcher().count_tokens(texts) == fake_embedder.count_tokens(texts) == [1, 2, 3]


def test_encode_gives_the_snapshot_models_vectors(library, fake_embedder):
    texts = ["harbour storm", "mayor election"]
    vectors = library.searcher().encode(texts)
    assert vectors.shape == (2, fake_embedder.dimension)
    assert (vectors == fake_embedder.encode(texts)).all()


def test_recency_is_a_soft_prior_that_breaks_near_ties(library):
    from index.recency import Recency

    searcher = library.searcher()
    query = "harbour reopened storm fishing boats"
    plain = searcher.search(query, k=4)
    first = plain[0].article_id
    other = ({"a-harbour", "d-harbour-copy"} - {first}).pop()
    # "now" just after the other copy: a bonus larger than the gap puts it first ...
    other_day = date.fromisoformat(searcher.articles[other].published_at)
    now = Recency(now=other_day, weight=1.0, half_life_days=30)
    assert ids(searcher.search(query, k=1, recency=now)) == [other]
    # ... a tiny bonus changes nothing, and an unrelated recent article never wins.
    tiny = Recency(now=other_day, weight=1e-9, half_life_days=30)
    assert ids(searcher.search(query, k=4, recency=tiny)) == ids(plain)
    vaccine = Recency(now=date(2026, 2, 1), weight=0.01, half_life_days=1)
    assert ids(searcher.search("mayor election results", k=1, recency=vaccine)) == ["b-election"]


def test_recency_bonus_halves_with_each_half_life_and_ignores_undated_or_future():
    from index.recency import Recency, apply_recency, recency_bonus

    assert recency_bonus(0, 0.02, 30) == pytest.approx(0.02)
    assert recency_bonus(30, 0.02, 30) == pytest.approx(0.01)
    assert recency_bonus(None, 0.02, 30) == 0.0
    assert recency_bonus(-1, 0.02, 30) == 0.0
    now = date(2026, 3, 1)
    days = {1: date(2025, 5, 5), 2: now, 3: None}
    ranked = [(1, 0.10), (2, 0.095), (3, 0.099)]
    prior = Recency(now, 0.01, 30)
    assert [d for d, _ in apply_recency(ranked, lambda d: prior.bonus(days[d]))] == [2, 1, 3]
    none = Recency(now, 0.0, 30)
    assert [d for d, _ in apply_recency(ranked, lambda d: none.bonus(days[d]))] == [1, 3, 2]


def test_an_article_dated_in_the_asked_period_gains_the_period_bonus():
    from index.recency import Recency

    week = Recency(date(2026, 3, 8), 0.0, 30, date(2026, 3, 2), date(2026, 3, 8), 0.05)
    assert week.bonus(date(2026, 3, 2)) == week.bonus(date(2026, 3, 8)) == 0.05
    assert week.bonus(date(2026, 3, 1)) == week.bonus(None) == 0.0
    since = Recency(date(2026, 3, 8), 0.0, 30, date(2019, 1, 1), None, 0.05)
    assert since.bonus(date(2019, 1, 1)) == 0.05 and since.bonus(date(2018, 12, 31)) == 0.0


def test_newest_lists_dated_articles_newest_first(library):
    searcher = library.searcher()
    assert [a.id for a in searcher.newest(3)] == ["d-harbour-copy", "c-vaccine", "b-election"]
    among = ["a-harbour", "b-election", "missing"]
    assert [a.id for a in searcher.newest(5, among)] == ["b-election", "a-harbour"]
    assert searcher.newest(0) == []


def test_statements_in_gives_those_articles_statements_in_index_order(tmp_path, fake_embedder):
    quoted = tmp_path / "quoted.jsonl"
    text = (
        "“We will reopen the bridge in May,” the mayor, Jane Roe, said on Monday. "
        "“The repairs are on schedule,” Roe added."
    )
    quoted.write_text(json.dumps({"id": "q-bridge", "title": "Bridge", "text": text}) + "\n")
    settings = make_settings(tmp_path / "data", corpus={"sources": [str(SAMPLE), str(quoted)]})
    lib = Library(settings, fake_embedder)
    lib.build()
    searcher = lib.searcher()
    # A snapshot loaded afresh answers for a few articles from SQLite before (or without)
    # reading every statement: at a million passages that read is most of a cold start.
    fresh = Searcher(searcher.path, settings, fake_embedder)
    assert not fresh._statements.loaded
    some = fresh.statements_in(["q-bridge"])
    assert [st.article_id for st in some] == ["q-bridge", "q-bridge"]
    assert not fresh._statements.loaded
    assert fresh.statements_in(["q-bridge"]) == searcher.statements_in(["q-bridge"])
    by_article = {st.article_id for st in searcher.statements}
    assert len(by_article) == 2
    assert fresh.statements_in(by_article) == searcher.statements
    for aid in by_article:
        expected = [st for st in searcher.statements if st.article_id == aid]
        assert expected and searcher.statements_in([aid]) == expected
    assert searcher.statements_in(by_article) == searcher.statements
    assert searcher.statements_in(["no-such-article"]) == []


def test_only_filters_that_leave_out_an_article_restrict_the_search(library):
    searcher = library.searcher()
    assert not searcher.restricts(Filters())
    assert not searcher.restricts(Filters(not_after=date(2026, 2, 3)))  # the newest article's day
    assert searcher.restricts(Filters(not_after=date(2026, 2, 2)))
    assert searcher.restricts(Filters(sources=["news.example"]))
    assert searcher.restricts(Filters(date_from=date(2020, 1, 1)))  # undated articles leave
    later = searcher.search("harbour storm", filters=Filters(not_after=date(2030, 1, 1)))
    assert later == searcher.search("harbour storm")


def test_a_date_bonus_lifts_an_article_once_not_each_of_its_passages(tmp_path, fake_embedder):
    """The date is the article's, so its bonus goes to its best passage only: a period bonus
    does not fill the top results with every passage of one article dated in the period."""
    from index.recency import Recency

    rows = [
        (
            "in-week",
            "2026-03-05",
            "The crane union strike closed the harbour. Talks resumed on Friday. "
            "The port said little. Ships waited outside for days.",
        ),
        ("older", "2025-11-02", "The crane union strike closed the harbour for a day in November."),
        ("oldest", "2025-06-01", "A crane union strike at the harbour was called off in June."),
    ]
    path = tmp_path / "news.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for aid, day, text in rows:
            row = {"id": aid, "title": "Harbour", "url": f"https://x.example/{aid}", "text": text}
            fh.write(json.dumps(row | {"published_at": day}) + "\n")
    settings = make_settings(
        tmp_path / "data",
        corpus={"sources": [str(path)]},
        chunking={"max_tokens": 16, "overlap_sentences": 0},
    )
    lib = Library(settings, fake_embedder)
    lib.build()
    searcher = lib.searcher()
    query = "crane union strike harbour"
    plain = searcher.search(query, k=10)
    assert ids(plain).count("in-week") >= 2 and ids(plain)[0] != "in-week"
    week = Recency(date(2026, 3, 8), 0.0, 30, date(2026, 3, 2), date(2026, 3, 8), 1.0)
    boosted = searcher.search(query, k=10, recency=week)
    # Its best passage first; everything else keeps its order without the bonus.
    best = next(h for h in plain if h.article_id == "in-week")
    assert boosted[0].passage_id == best.passage_id
    rest = [h.passage_id for h in plain if h.passage_id != best.passage_id]
    assert [h.passage_id for h in boosted[1:]] == rest


def test_apply_recency_gives_each_group_its_bonus_once():
    from index.recency import apply_recency

    ranked = [(1, 0.10), (2, 0.09), (3, 0.08), (4, 0.07)]
    article = {1: "a", 2: "b", 3: "b", 4: "c"}
    bonus = {1: 0.0, 2: 0.05, 3: 0.05, 4: 0.0}
    every = apply_recency(ranked, bonus.__getitem__)
    assert [d for d, _ in every] == [2, 3, 1, 4]
    once = apply_recency(ranked, bonus.__getitem__, article.__getitem__)
    assert [d for d, _ in once] == [2, 1, 3, 4]
    assert dict(once)[3] == 0.08


def test_unreadable_statements_are_a_clear_error_when_needed(tmp_path, fake_embedder):
    import sqlite3

    from index.errors import IndexCorruptError
    from index.tables import open_tables

    settings = make_settings(tmp_path / "data")
    lib = Library(settings, fake_embedder)
    lib.build()
    path = lib.searcher().path
    meta = path / "meta.sqlite"
    db = sqlite3.connect(meta)
    db.execute("ALTER TABLE statements RENAME COLUMN speaker TO who")
    db.commit()
    db.close()
    statements = open_tables(meta).statements  # the load itself does not read them
    with pytest.raises(IndexCorruptError, match="unreadable statements.*newsbot index --rebuild"):
        statements.of_articles(["art1"])
    with pytest.raises(IndexCorruptError, match="unreadable statements"):
        statements.all()


def test_a_question_pasted_from_a_page_decoded_twice_is_repaired_like_the_articles():
    from index.search import check_query

    # the articles' text is repaired when indexed (index/clean.py): the question must match it
    assert check_query(" What did Arturo SarukhÃ¡n say?  ", 1000) == (
        "What did Arturo Sarukhán say?"
    )
    assert check_query("Where is São Paulo?", 1000) == "Where is São Paulo?"
    # and so when the question arrives decomposed (NFD): "A" + combining tilde for "Ã"
    decomposed = unicodedata.normalize("NFD", "What did Pe\u00c3\u00b1a Nieto say?")
    assert check_query(decomposed, 1000) == "What did Peña Nieto say?"
