"""The answer's value types: citations built from an article span or a retrieved passage."""

from bot.models import Citation
from index.models import Article, Hit

ARTICLE = Article(
    id="a1",
    title="Harbour reopens",
    text="The harbour reopened after the storm. Boats returned on Monday.",
    url="https://port.example/a1",
    source="port.example",
    published_at="2026-01-05",
)


def test_a_citation_from_an_article_quotes_exactly_its_span():
    assert Citation.from_article(2, ARTICLE, 4, 36) == Citation(
        2,
        "a1",
        "Harbour reopens",
        "https://port.example/a1",
        "port.example",
        "2026-01-05",
        "harbour reopened after the storm",
        4,
        36,
    )


def test_a_citation_from_a_hit_carries_the_passage_and_its_article():
    hit = Hit(1, 0.5, "p1", "a1", "Harbour reopens", None, "port.example", None, "Boats.", 38, 44)
    assert Citation.from_hit(3, hit) == Citation(
        3, "a1", "Harbour reopens", None, "port.example", None, "Boats.", 38, 44
    )


def test_renumbering_keeps_the_source_and_changes_only_the_number():
    first = Citation.from_article(1, ARTICLE, 0, 10)
    moved = first.renumbered(4)
    assert (moved.n, first.n) == (4, 1)
    assert moved.to_json() | {"n": 1} == first.to_json()
