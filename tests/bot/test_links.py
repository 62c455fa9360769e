"""Deep links to the cited words: URL text fragments (`#:~:text=`) built from a cited span."""

from __future__ import annotations

import pytest

from bot.links import (
    EDGE_WORDS,
    WHOLE_TEXT_WORDS,
    clean_cited_text,
    deep_link,
    encode_directive_text,
    text_directive,
)
from bot.models import Citation

LONG = (
    "Russian military experts are still in Venezuela and are working on the maintenance "
    "of equipment previously provided, the Kremlin said on Tuesday."
)


def test_a_short_span_is_the_whole_text_with_spaces_as_percent_20() -> None:
    assert text_directive("The Kremlin denied it.") == "text=The%20Kremlin%20denied%20it"


def test_a_long_span_is_its_first_and_last_words_as_start_and_end() -> None:
    assert text_directive(LONG) == (
        "text=Russian%20military%20experts%20are%20still,the%20Kremlin%20said%20on%20Tuesday"
    )


def test_the_long_form_keeps_words_whole() -> None:
    directive = text_directive(LONG)
    assert directive is not None
    start, end = directive.removeprefix("text=").split(",")
    words = LONG.rstrip(".").split()
    assert start.split("%20") == words[:EDGE_WORDS]
    assert end.split("%20") == words[-EDGE_WORDS:]


def test_the_whole_text_is_used_up_to_the_word_limit() -> None:
    words = [f"w{i}" for i in range(WHOLE_TEXT_WORDS + 1)]
    assert text_directive(" ".join(words[:-1])) == "text=" + "%20".join(words[:-1])
    assert "," in (text_directive(" ".join(words)) or "")


def test_dash_comma_and_ampersand_are_encoded_since_they_are_directive_syntax() -> None:
    assert encode_directive_text("Moscow - in a major, solidarity & move") == (
        "Moscow%20%2D%20in%20a%20major%2C%20solidarity%20%26%20move"
    )
    assert text_directive("pro-Russian, anti-NATO & co") == (
        "text=pro%2DRussian%2C%20anti%2DNATO%20%26%20co"
    )


def test_hash_percent_brackets_and_non_ascii_are_percent_encoded_as_utf8() -> None:
    assert encode_directive_text("50% (#1) café “ok”") == (
        "50%25%20%28%231%29%20caf%C3%A9%20%E2%80%9Cok%E2%80%9D"
    )


def test_the_specs_explicit_characters_stay_as_they_are() -> None:
    assert encode_directive_text("a.b/c:d;e=f?g@h_i~j!k$l'm*n+o") == "a.b/c:d;e=f?g@h_i~j!k$l'm*n+o"


def test_whitespace_is_normalised_and_citation_markers_are_stripped() -> None:
    assert clean_cited_text("  “There was\n\tno  letter,” [1] he said [12].  ") == (
        "There was no letter,” he said"
    )
    assert text_directive("There was\nno [2] letter.") == "text=There%20was%20no%20letter"


def test_nothing_to_point_at_gives_no_directive() -> None:
    assert text_directive("  [1] … ") is None


def test_deep_link_appends_the_directive_to_the_url() -> None:
    assert deep_link("https://news.example/a?id=3", "The Kremlin denied it.") == (
        "https://news.example/a?id=3#:~:text=The%20Kremlin%20denied%20it"
    )


def test_an_existing_fragment_is_kept_before_the_directive() -> None:
    assert deep_link("https://news.example/a#section-2", "Peskov said") == (
        "https://news.example/a#section-2:~:text=Peskov%20said"
    )


def test_a_url_that_already_has_a_directive_is_left_alone() -> None:
    url = "https://news.example/a#:~:text=other"
    assert deep_link(url, "Peskov said") == url


@pytest.mark.parametrize("url", [None, ""])
def test_no_url_gives_no_link(url: str | None) -> None:
    assert deep_link(url, "Peskov said") is None


@pytest.mark.parametrize("url", ["ftp://news.example/a", "data/article.txt"])
def test_non_web_urls_get_no_directive(url: str) -> None:
    assert deep_link(url, "Peskov said") == url


def test_no_words_gives_the_plain_url() -> None:
    assert deep_link(" https://news.example/a ", "[1]") == "https://news.example/a"


def test_citation_link_is_in_its_json_beside_the_plain_url() -> None:
    citation = Citation(
        n=1,
        article_id="a",
        title="T",
        url="https://news.example/a",
        source=None,
        published_at=None,
        text="The Kremlin denied it.",
        start=0,
        end=22,
    )
    out = citation.to_json()
    assert out["url"] == "https://news.example/a"
    assert out["link"] == "https://news.example/a#:~:text=The%20Kremlin%20denied%20it"
    no_url = Citation(**{**citation.__dict__, "url": None})
    assert no_url.link is None and no_url.to_json()["link"] is None
