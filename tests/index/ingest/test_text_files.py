"""Text and Markdown files: title lines, header lines, front matter, long first lines."""

from __future__ import annotations

from pathlib import Path

from index.models import Article
from tests.index.ingest.helpers import BODY, load, write


def test_text_file_first_line_is_the_title(tmp_path: Path) -> None:
    write(tmp_path / "news" / "a.txt", f"\n\n  Budget passes  \n\n{BODY}\n")
    (article,), _ = load(tmp_path)
    assert (article.id, article.title, article.text) == ("news/a", "Budget passes", BODY)
    assert article.url is None and article.published_at is None


def test_text_header_lines_fill_the_metadata(tmp_path: Path) -> None:
    content = (
        "Title: Budget passes\nSource: Example News\nURL: https://example.com/budget/\n"
        "Date: Tue, 04 Jun 2019 10:00:00 GMT\nAuthor: Jane Roe\n\n"
        f"Budget passes\n\n{BODY}"
    )
    write(tmp_path / "a.txt", content)
    (article,), _ = load(tmp_path)
    assert article.title == "Budget passes"
    assert article.text == BODY  # the repeated title line is dropped
    assert article.source == "Example News"
    assert article.url == "https://example.com/budget/"
    assert article.id == Article.make_id(article.url, article.title, article.text)
    assert article.author == "Jane Roe"
    assert article.published_at == "2019-06-04T10:00:00+00:00"


def test_title_header_without_a_repeat_keeps_the_first_line_as_text(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", f"Title: Budget passes\n\n{BODY}")
    (article,), _ = load(tmp_path)
    assert article.title == "Budget passes"
    assert article.text == BODY


def test_markdown_heading_is_the_title(tmp_path: Path) -> None:
    write(tmp_path / "story.md", f"# Budget **passes**\n\n{BODY}")
    (article,), _ = load(tmp_path)
    assert (article.id, article.title, article.text) == ("story", "Budget passes", BODY)


def test_markdown_front_matter_fills_the_metadata(tmp_path: Path) -> None:
    front = '---\ntitle: "Budget passes"\ndate: 2024-03-05\nlayout: post\nauthor: Jane Roe\n---\n'
    write(tmp_path / "post.md", f"{front}\n{BODY}")
    (article,), _ = load(tmp_path)
    assert (article.title, article.published_at, article.author) == (
        "Budget passes",
        "2024-03-05",
        "Jane Roe",
    )
    assert article.text == BODY


def test_text_file_with_only_a_title_is_skipped(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "Just a headline\n")
    articles, report = load(tmp_path)
    assert articles == [] and report.skipped[0][0] == str(path)
    assert "no article text" in report.skipped[0][1]


def test_long_first_line_is_kept_as_text(tmp_path: Path) -> None:
    paragraph = "The council " + "approved a long list of measures " * 10 + "on Monday."
    write(tmp_path / "a.txt", paragraph)
    (article,), _ = load(tmp_path)
    assert article.text == paragraph
    assert article.title.endswith("…") and paragraph.startswith(article.title[:-1])
