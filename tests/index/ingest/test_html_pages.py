"""HTML pages: main text and metadata, the short-page fallback, pages without text."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from index.config import IngestSettings
from index.ingest import IngestReport, load_articles
from index.models import Article
from tests.conftest import REPO
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


BRIEF = (
    "One line. The council approved the budget on Monday after a short debate, and the mayor "
    "said she would sign it this week."
)


def test_short_html_page_falls_back_to_its_own_text(tmp_path: Path) -> None:
    # Below trafilatura's thresholds, above [ingest].min_html_words.
    write(
        tmp_path / "a.htm",
        f"<html><head><title>Brief</title></head><body><p>{BRIEF}</p></body></html>",
    )
    (article,), _ = load(tmp_path)
    assert (article.id, article.title, article.text) == ("a", "Brief", BRIEF)


def test_html_page_without_text_is_skipped(tmp_path: Path) -> None:
    write(
        tmp_path / "a.html",
        "<html><head><title>x</title></head><body><script>1</script></body></html>",
    )
    articles, report = load(tmp_path)
    assert articles == [] and "no article text" in report.skipped[0][1]


NAV_ONLY = """<!doctype html><html><head><title>Daily Planet</title>
<script>window.app = {};</script></head><body>
<div class="menu"><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></div>
<div id="app"></div><div class="js-warning">enable js</div>
<script src="/bundle.js"></script></body></html>
"""


def test_a_page_of_navigation_and_scripts_is_skipped_with_a_reason(tmp_path: Path) -> None:
    path = write(tmp_path / "index.html", NAV_ONLY)
    articles, report = load(tmp_path)
    assert articles == []
    ((where, why),) = report.skipped
    assert where == str(path)
    assert why.startswith("only 2 words of text outside links, menus and scripts")
    assert "[ingest].min_html_words = 20" in why


def test_the_minimum_of_real_text_is_a_setting(tmp_path: Path) -> None:
    write(tmp_path / "index.html", NAV_ONLY)
    articles = load_articles([tmp_path], limits=IngestSettings(min_html_words=0))
    assert len(articles) == 1  # 0 turns the check off
    write(tmp_path / "storm.html", PAGE)
    report = IngestReport()
    kept = load_articles(
        [tmp_path / "storm.html"], report, limits=IngestSettings(min_html_words=60)
    )
    assert kept == [] and "fewer than [ingest].min_html_words = 60" in report.skipped[0][1]


def test_lxml_html_clean_is_a_declared_dependency() -> None:
    # lxml 5.2+ moved lxml.html.clean (which trafilatura's justext imports) to its own package;
    # whether pip brings it along otherwise depends on the pip version.
    with open(REPO / "pyproject.toml", "rb") as fh:
        project = tomllib.load(fh)["project"]
    names = {
        re.split(r"[<>=!~\[; ]", d, maxsplit=1)[0].lower().replace("_", "-")
        for d in project["dependencies"]
    }
    assert "lxml-html-clean" in names
    import lxml_html_clean  # noqa: F401  (installed, as declared)
