"""HTML pages: main text and metadata, the short-page fallback, pages without text."""

from __future__ import annotations

from pathlib import Path

from index.models import Article
from tests.index.ingest.helpers import load, write

PAGE = """<!doctype html>
<html><head><title>Storm hits coast | Daily Planet</title>
<meta property="og:site_name" content="Daily Planet">
<meta property="og:title" content="Storm hits coast">
<meta name="author" content="Lois Lane">
<meta property="article:published_time" content="2024-03-05T10:20:00Z">
<link rel="canonical" href="https://www.dailyplanet.com/news/storm-hits-coast/">
</head><body><nav>Home | World | Sports</nav>
<article><h1>Storm hits coast</h1>
<p>A powerful storm hit the coast on Tuesday, officials said, knocking out power to thousands
of homes across the region and closing schools in three counties.</p>
<p>"We have never seen anything like it," said Mayor Jane Doe at a news conference, adding that
crews would work through the night to restore power to the hardest-hit neighbourhoods.</p>
</article>
<div id="comments" class="comments"><h3>Comments</h3><p>Great article! Loved it.</p></div>
<footer>Copyright 2024 Daily Planet. All rights reserved.</footer></body></html>
"""


def test_html_page_main_text_and_metadata(tmp_path: Path) -> None:
    write(tmp_path / "storm.html", PAGE)
    (article,), report = load(tmp_path)
    assert article.title == "Storm hits coast"
    assert article.url == "https://www.dailyplanet.com/news/storm-hits-coast/"
    assert article.id == Article.make_id(article.url, article.title, article.text)
    assert article.source == "Daily Planet"
    assert article.author == "Lois Lane"
    assert article.published_at == "2024-03-05"
    assert article.text.startswith("A powerful storm hit the coast on Tuesday")
    assert "said Mayor Jane Doe" in article.text
    for junk in ("Home | World", "Great article", "All rights reserved", "Comments"):
        assert junk not in article.text
    assert report.skipped == []


def test_short_html_page_falls_back_to_its_own_text(tmp_path: Path) -> None:
    write(
        tmp_path / "a.htm",
        "<html><head><title>Brief</title></head><body><p>One line.</p></body></html>",
    )
    (article,), _ = load(tmp_path)
    assert (article.id, article.title, article.text) == ("a", "Brief", "One line.")


def test_html_page_without_text_is_skipped(tmp_path: Path) -> None:
    write(
        tmp_path / "a.html",
        "<html><head><title>x</title></head><body><script>1</script></body></html>",
    )
    articles, report = load(tmp_path)
    assert articles == [] and "no article text" in report.skipped[0][1]
