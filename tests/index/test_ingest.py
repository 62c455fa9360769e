"""Ingest: every source format, every skip path, encodings, dedup, globs, ids and the sample."""

from __future__ import annotations

import codecs
import json
import logging
from pathlib import Path

import pytest

from index.errors import IngestError
from index.ingest import (
    IngestReport,
    load_articles,
    normalize_date,
    normalize_url,
    read_file,
    source_from_url,
)
from index.models import Article

REPO = Path(__file__).resolve().parents[2]
SAMPLE_DIR = REPO / "data" / "sample"
SEED_TITLE = "Russia denies reporting Washington withdraws its troops from Venezuela"
PESKOV = (
    '"It seemed to be an indirect reference to some news reports because there was no official '
    'letter from Russia and there could be no (such) message," Kremlin spokesman Dmitry Peskov '
    "told reporters."
)
BODY = "The council approved the budget on Monday.\n\nThe mayor said it was a good day."


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def jsonl(*records: object) -> str:
    return "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n"


def load(tmp_path: Path, *names: str) -> tuple[list[Article], IngestReport]:
    report = IngestReport()
    articles = load_articles([tmp_path / n for n in names] or [tmp_path], report)
    return articles, report


# --- the sample corpus and the seed article ---------------------------------------------------


def test_sample_corpus_loads_the_seed_with_title_date_and_id() -> None:
    report = IngestReport()
    articles = load_articles([SAMPLE_DIR], report)
    seed = next(a for a in articles if a.id == "000_57a03034e1c4b1e0")
    assert seed.title == SEED_TITLE
    assert seed.published_at == "2019-06-04"
    assert seed.origin.endswith("000_57a03034e1c4b1e0.txt")
    assert report.skipped == []


def test_seed_article_footer_is_gone_and_peskov_paragraph_is_intact(tmp_path: Path) -> None:
    # The seed as scraped: no header lines, the title on the first line.
    raw = (SAMPLE_DIR / "000_57a03034e1c4b1e0.txt").read_text(encoding="utf-8")
    raw = raw.split("\n", 2)[2] if raw.startswith("Date:") else raw
    write(tmp_path / "000_57a03034e1c4b1e0.txt", raw)
    (seed,), _ = load(tmp_path)
    assert seed.title == SEED_TITLE
    assert seed.id == "000_57a03034e1c4b1e0"
    assert "التعليقات" not in seed.text and "تعليق" not in seed.text
    assert PESKOV in seed.text.split("\n")
    assert SEED_TITLE not in seed.text  # the title line is the title, not body text
    assert seed.text.startswith("The Kremlin denied on Tuesday")


# --- JSONL and JSON ------------------------------------------------------------------------


def test_jsonl_fields_are_read_and_the_id_is_kept_verbatim(tmp_path: Path) -> None:
    record = {
        "id": "Abc 123",
        "title": "  Budget   passes ",
        "url": "https://www.example.com/news/budget",
        "source": "Example News",
        "author": "Jane Roe",
        "published_at": "2024-03-05T10:20:00Z",
        "text": BODY,
    }
    write(tmp_path / "feed.jsonl", jsonl(record))
    (article,), report = load(tmp_path)
    assert article == Article(
        id="Abc 123",
        title="Budget passes",
        text=BODY,
        url="https://www.example.com/news/budget",
        source="Example News",
        author="Jane Roe",
        published_at="2024-03-05T10:20:00+00:00",
        origin=f"{tmp_path / 'feed.jsonl'}:1",
    )
    assert report.articles == 1 and report.files == 1


@pytest.mark.parametrize("key", ["body", "content"])
def test_jsonl_accepts_body_or_content_for_text(tmp_path: Path, key: str) -> None:
    write(tmp_path / "a.jsonl", jsonl({"title": "T", key: BODY}))
    (article,), _ = load(tmp_path)
    assert article.text == BODY


def test_jsonl_without_id_uses_the_url_then_the_file_and_line(tmp_path: Path) -> None:
    url = "https://news.example.org/a"
    write(tmp_path / "sub" / "feed.jsonl", jsonl({"url": url, "text": BODY}, {"text": "Other."}))
    first, second = load_articles([tmp_path])
    assert first.id == Article.make_id(url, first.title, first.text)
    assert first.source == "news.example.org"  # from the URL host
    assert first.title == "The council approved the budget on Monday."  # first line of text
    assert second.id == "sub/feed#2"
    assert second.source is None


def test_jsonl_html_content_is_converted_to_text(tmp_path: Path) -> None:
    write(
        tmp_path / "a.jsonl", jsonl({"title": "T", "content": "<p>One &amp; two.</p><p>Three.</p>"})
    )
    (article,), _ = load(tmp_path)
    assert article.text == "One & two.\n\nThree."


def test_malformed_jsonl_lines_are_skipped_with_file_and_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = write(
        tmp_path / "feed.jsonl",
        jsonl(
            {"id": "good-1", "title": "A", "text": "First story."},
            '{"id": "broken", "text": ',
            '["not", "an", "object"]',
            {"id": "no-text", "title": "B"},
            {"id": "empty-text", "title": "C", "text": "   "},
            {"id": "list-text", "text": ["a"]},
            "",
            {"id": "good-2", "title": "D", "text": "Second story."},
        ),
    )
    with caplog.at_level(logging.WARNING, logger="index.ingest"):
        articles, report = load(tmp_path)
    assert [a.id for a in articles] == ["good-1", "good-2"]
    assert [where for where, _ in report.skipped] == [f"{path}:{n}" for n in (2, 3, 4, 5, 6)]
    reasons = dict(report.skipped)
    assert reasons[f"{path}:2"].startswith("malformed JSON")
    assert "JSON object" in reasons[f"{path}:3"]
    assert "'text'" in reasons[f"{path}:4"] and "'text'" in reasons[f"{path}:5"]
    assert "string" in reasons[f"{path}:6"]
    assert f"{path}:2" in caplog.text and "malformed JSON" in caplog.text


def test_json_file_with_a_list_or_one_object(tmp_path: Path) -> None:
    write(tmp_path / "list.json", json.dumps([{"title": "A", "text": "One."}, {"text": "Two."}]))
    write(tmp_path / "one.json", json.dumps({"id": "x", "title": "B", "text": "Three."}))
    articles, report = load(tmp_path)
    assert [(a.id, a.text) for a in articles] == [
        ("list#1", "One."),
        ("list#2", "Two."),
        ("x", "Three."),
    ]
    assert articles[1].origin.endswith("list.json#2")
    assert report.skipped == []


def test_json_file_holding_json_lines_is_read_as_jsonl(tmp_path: Path) -> None:
    write(tmp_path / "a.json", jsonl({"id": "1", "text": "One."}, {"id": "2", "text": "Two."}))
    assert [a.id for a in load(tmp_path)[0]] == ["1", "2"]


def test_malformed_json_file_is_skipped(tmp_path: Path) -> None:
    path = write(tmp_path / "bad.json", '{"title": "x", ')
    articles, report = load(tmp_path)
    assert articles == []
    assert report.skipped[0][0] == str(path) and "malformed JSON" in report.skipped[0][1]


# --- text and Markdown --------------------------------------------------------------------


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


# --- HTML ----------------------------------------------------------------------------------

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


# --- feeds -----------------------------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example Wire</title><link>https://wire.example.com/</link>
<item><title>Storm hits coast</title><link>https://wire.example.com/storm</link>
<pubDate>Tue, 04 Jun 2019 10:00:00 GMT</pubDate><author>desk@example.com (Jane Roe)</author>
<description>&lt;p&gt;A storm hit the coast.&lt;/p&gt;&lt;p&gt;Power was cut.&lt;/p&gt;
</description>
</item>
<item><title>No link here</title><description>Plain summary text.</description></item>
<item><title>Empty</title><link>https://wire.example.com/empty</link></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title>
<entry><title>Vote passes</title><link href="https://atom.example.org/vote"/>
<id>urn:uuid:1</id><updated>2024-03-05T10:20:00+01:00</updated>
<author><name>John Doe</name></author>
<content type="html">&lt;p&gt;The vote passed.&lt;br/&gt;Next line.&lt;/p&gt;</content>
</entry></feed>
"""


def test_rss_feed_entries_become_articles(tmp_path: Path) -> None:
    path = write(tmp_path / "wire.rss", RSS)
    articles, report = load(tmp_path)
    storm, nolink = articles
    assert storm.title == "Storm hits coast"
    assert storm.url == "https://wire.example.com/storm"
    assert storm.id == Article.make_id(storm.url, storm.title, storm.text)
    assert storm.source == "Example Wire"
    assert storm.published_at == "2019-06-04T10:00:00+00:00"
    assert storm.text == "A storm hit the coast.\n\nPower was cut."
    assert storm.origin == f"{path}#1"
    assert (nolink.id, nolink.text) == ("wire#2", "Plain summary text.")
    assert report.skipped == [(f"{path}#3", "feed entry has no content or summary")]


def test_atom_feed_with_xml_extension(tmp_path: Path) -> None:
    write(tmp_path / "news.xml", ATOM)
    (article,), _ = load(tmp_path)
    assert article.title == "Vote passes"
    assert article.source == "Atom News"
    assert article.author == "John Doe"
    assert article.published_at == "2024-03-05T10:20:00+01:00"
    assert article.text == "The vote passed.\nNext line."


def test_feed_is_recognised_by_content_whatever_its_extension(tmp_path: Path) -> None:
    write(tmp_path / "download.cgi", RSS)
    write(tmp_path / "feed", ATOM)
    articles, _ = load(tmp_path)
    assert [a.title for a in articles] == ["Storm hits coast", "No link here", "Vote passes"]


def test_xml_that_is_not_a_feed_is_skipped(tmp_path: Path) -> None:
    path = write(tmp_path / "sitemap.xml", '<?xml version="1.0"?><urlset><url/></urlset>')
    articles, report = load(tmp_path)
    assert articles == []
    assert report.skipped[0][0] == str(path) and "not an RSS or Atom feed" in report.skipped[0][1]


# --- bad files ---------------------------------------------------------------------------


def test_unknown_extension_is_skipped_with_a_reason(tmp_path: Path) -> None:
    path = write(tmp_path / "notes.docx.bak", "Some text.")
    articles, report = load(tmp_path)
    assert articles == []
    assert report.skipped == [(str(path), report.skipped[0][1])]
    assert "unsupported file type" in report.skipped[0][1] and ".bak" in report.skipped[0][1]


def test_directory_named_like_a_file_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.mkdir()
    report = IngestReport()
    assert read_file(path, tmp_path, report) == []
    assert report.skipped[0][0] == str(path) and report.skipped[0][1].startswith("unreadable")


def test_broken_symlink_in_a_directory_is_skipped(tmp_path: Path) -> None:
    write(tmp_path / "good.txt", f"Title\n\n{BODY}")
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "missing.txt")
    articles, report = load(tmp_path)
    assert [a.id for a in articles] == ["good"]
    assert report.skipped[0][0] == str(link)
    assert "unreadable" in report.skipped[0][1] and "missing.txt" in report.skipped[0][1]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t\n ", "empty file"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary file (PNG image)"),
        (b"text\x00\x00\x00\x00 with many NULs\x00\x00\x00\x00\x00\x00", "binary file"),
        (bytes(range(1, 32)) * 40 + b"abc", "mostly non-text"),
        (b"\xff\xfe" + "ok".encode("utf-16-le") + b"\x00\xd8", "undecodable"),
    ],
)
def test_bad_file_is_skipped_with_its_reason(tmp_path: Path, content: bytes, reason: str) -> None:
    path = write(tmp_path / "bad.txt", content)
    write(tmp_path / "good.txt", f"Good title\n\n{BODY}")
    articles, report = load(tmp_path)
    assert [a.id for a in articles] == ["good"]  # one bad file never aborts the run
    assert report.skipped[0][0] == str(path)
    assert reason in report.skipped[0][1]


def test_skip_is_logged_as_a_warning_naming_the_file(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = write(tmp_path / "blob.txt", b"\x00\x01\x02\x03" * 50)
    with caplog.at_level(logging.WARNING, logger="index.ingest"):
        load(tmp_path)
    assert any(str(path) in r.getMessage() and r.levelno == logging.WARNING for r in caplog.records)


def test_text_left_empty_by_cleaning_is_skipped(tmp_path: Path) -> None:
    write(
        tmp_path / "a.jsonl",
        jsonl({"id": "junk", "title": "T", "text": "Advertisement\n\nShare this"}),
    )
    articles, report = load(tmp_path)
    assert articles == [] and "boilerplate" in report.skipped[0][1]


# --- encodings ----------------------------------------------------------------------------

TEXT = "Café owner “Zoë” said: ‘We reopen’ — 50% off."


DOC = f"Title line\n\n{TEXT}"


@pytest.mark.parametrize(
    "encoded",
    [
        DOC.encode("utf-8"),
        codecs.BOM_UTF8 + DOC.encode("utf-8"),
        codecs.BOM_UTF16_LE + DOC.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + DOC.encode("utf-16-be"),
        DOC.encode("utf-16-le"),  # no BOM: recognised from the NUL pattern
        DOC.encode("cp1252"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "utf-16-no-bom", "cp1252"],
)
def test_encodings_are_decoded(tmp_path: Path, encoded: bytes) -> None:
    write(tmp_path / "a.txt", encoded)
    (article,), report = load(tmp_path)
    assert (article.title, article.text) == ("Title line", TEXT)  # no BOM left in the title
    assert report.skipped == []


def test_legacy_single_byte_bytes_decode(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", b"caf\xe9 news\n\nHe said \x93yes\x94 to the caf\xe9.")
    (article,), _ = load(tmp_path)
    assert (article.title, article.text) == ("café news", "He said “yes” to the café.")


def test_latin1_byte_undefined_in_cp1252_still_decodes(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", b"Title\n\nNa\xefve \x81 text.")
    (article,), _ = load(tmp_path)
    assert article.text == "Naïve text."  # U+0081 is a control character: dropped


def test_utf8_file_with_one_cp1252_line_keeps_both(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "Título\n\nZoë said “hi”.\n".encode() + b"caf\xe9 line.")
    (article,), _ = load(tmp_path)
    assert (article.title, article.text) == ("Título", "Zoë said “hi”.\ncafé line.")


def test_html_declared_charset_is_honoured(tmp_path: Path) -> None:
    page = (
        '<html><head><meta charset="koi8-r"><title>Новости</title></head>'
        "<body><p>Привет, мир.</p></body></html>"
    )
    write(tmp_path / "a.html", page.encode("koi8-r"))
    (article,), _ = load(tmp_path)
    assert (article.title, article.text) == ("Новости", "Привет, мир.")


# --- duplicates ---------------------------------------------------------------------------


def test_same_url_in_other_spellings_is_indexed_once(tmp_path: Path) -> None:
    write(
        tmp_path / "a.jsonl",
        jsonl(
            {"url": "https://www.example.com/story/1/", "text": "First version."},
            {"url": "http://example.com/story/1", "text": "Second version."},
            {"url": "https://EXAMPLE.com/story/1?utm_source=x#top", "text": "Third version."},
            {"url": "https://example.com/story/2", "text": "Other story."},
        ),
    )
    articles, report = load(tmp_path)
    assert [a.text for a in articles] == ["First version.", "Other story."]
    assert report.duplicates == 2 and report.articles == 2


def test_same_text_in_two_files_is_indexed_once(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", f"Budget passes\n\n{BODY}")
    write(tmp_path / "b.txt", "Budget passes again\n\n" + BODY.replace(" ", "   ") + "\n\n\n")
    articles, report = load(tmp_path)
    assert [a.id for a in articles] == ["a"]
    assert report.duplicates == 1


LONG = (
    "The city council voted on Monday to approve a budget of 2 billion dollars for the coming "
    "year, ending months of debate over police funding, school repairs and a new library. "
    "Council members said the plan raises property taxes slightly while cutting fees for small "
    "businesses. The mayor, who had threatened a veto, said she would sign it because the final "
    "version restored money for parks and after-school programmes that had been cut in spring. "
    "Opponents said the budget relied on optimistic revenue forecasts and warned of deficits.\n\n"
    "The vote came after a public hearing that lasted nearly six hours, during which dozens of "
    "residents spoke for and against the spending plan. Teachers asked for more money for "
    "classroom supplies, while a group of shop owners urged the council to delay the tax "
    "increase until the local economy recovers. The finance director told members that the city "
    "would review its revenue estimates in the autumn and propose changes if sales tax receipts "
    "fall short. The budget takes effect on the first of July."
)


def test_near_identical_copy_is_indexed_once(tmp_path: Path) -> None:
    # A re-scrape of the same story with a credit line added at the end.
    copy = LONG + "\n\nThis story was first published by the Wire news service on Monday."
    write(tmp_path / "a.jsonl", jsonl({"id": "orig", "text": LONG}, {"id": "copy", "text": copy}))
    articles, report = load(tmp_path)
    assert [a.id for a in articles] == ["orig"]
    assert (report.duplicates, report.near_duplicates) == (1, 1)
    assert "(1 near-identical)" in report.summary()


def test_near_duplicate_detection_can_be_turned_off(tmp_path: Path) -> None:
    copy = LONG.replace("Monday", "Tuesday")
    write(tmp_path / "a.jsonl", jsonl({"id": "orig", "text": LONG}, {"id": "copy", "text": copy}))
    articles = load_articles([tmp_path], near_duplicate_similarity=None)
    assert [a.id for a in articles] == ["orig", "copy"]


def test_articles_sharing_a_paragraph_are_not_near_duplicates(tmp_path: Path) -> None:
    other = (
        (
            "Heavy rain flooded several streets downtown on Sunday night, and firefighters rescued "
            "four people from cars stranded in rising water near the river, officials said. "
        )
        * 2
        + LONG.split(". ")[0]
        + "."
    )
    short_a, short_b = "Stocks rose on Monday.", "Stocks rose on Tuesday."
    write(
        tmp_path / "a.jsonl",
        jsonl(*({"id": str(n), "text": t} for n, t in enumerate([LONG, other, short_a, short_b]))),
    )
    articles, report = load(tmp_path)
    assert [a.id for a in articles] == ["0", "1", "2", "3"]
    assert report.duplicates == 0


def test_same_file_named_twice_is_read_once(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", f"T\n\n{BODY}")
    report = IngestReport()
    articles = load_articles([tmp_path, path, str(tmp_path / "*.txt")], report)
    assert len(articles) == 1 and report.files == 1 and report.duplicates == 0


def test_clashing_ids_are_made_unique(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "One\n\nFirst text.")
    write(tmp_path / "a.md", "Two\n\nSecond text.")
    write(tmp_path / "x.jsonl", jsonl({"id": "a", "text": "Third text."}))
    articles, _ = load(tmp_path)
    assert [a.id for a in articles] == ["a", "a-2", "a-3"]  # a.md sorts before a.txt


# --- sources: directories, globs, missing paths, order -------------------------------------


def _tree(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", "B title\n\nText b.")
    write(tmp_path / "a" / "z.txt", "Z title\n\nText z.")
    write(tmp_path / "a" / "deep" / "y.md", "Y title\n\nText y.")
    write(
        tmp_path / "c.jsonl",
        jsonl({"id": "c1", "text": "Text c1."}, {"id": "c2", "text": "Text c2."}),
    )
    write(tmp_path / ".hidden" / "h.txt", "H\n\nHidden.")
    write(tmp_path / ".DS_Store", b"\x00\x00\x00\x01Bud1")


def test_directories_are_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    _tree(tmp_path)
    articles, report = load(tmp_path)
    assert [a.id for a in articles] == ["a/deep/y", "a/z", "b", "c1", "c2"]
    assert report.skipped == []  # hidden files and directories are not sources


def test_ids_are_stable_across_runs(tmp_path: Path) -> None:
    _tree(tmp_path)
    first = [(a.id, a.text) for a in load_articles([tmp_path])]
    second = [(a.id, a.text) for a in load_articles([tmp_path])]
    assert first == second


def test_file_given_directly_gets_its_stem_as_id(tmp_path: Path) -> None:
    _tree(tmp_path)
    (article,) = load_articles([tmp_path / "a" / "deep" / "y.md"])
    assert article.id == "y"


def test_glob_patterns_select_files_relative_to_the_pattern_root(tmp_path: Path) -> None:
    _tree(tmp_path)
    assert [a.id for a in load_articles([str(tmp_path / "*.txt")])] == ["b"]
    deep = load_articles([str(tmp_path / "**" / "*.md")])
    assert [a.id for a in deep] == ["a/deep/y"]
    assert [a.id for a in load_articles([str(tmp_path / "a*")])] == ["a/deep/y", "a/z"]


def test_glob_matching_nothing_raises_a_usage_error(tmp_path: Path) -> None:
    pattern = str(tmp_path / "*.jsonl")
    with pytest.raises(IngestError, match="no file matches"):
        load_articles([pattern])


def test_missing_path_raises_a_usage_error_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "nope" / "corpus.jsonl"
    with pytest.raises(IngestError) as exc:
        load_articles([missing])
    assert str(missing) in str(exc.value) and "does not exist" in str(exc.value)


# --- report and helpers -------------------------------------------------------------------


def test_summary_counts_and_names_skips(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", f"T\n\n{BODY}")
    write(tmp_path / "b.txt", f"T2\n\n{BODY}")
    write(tmp_path / "c.pdf", b"%PDF-1.4 ...")
    _, report = load(tmp_path)
    summary = report.summary()
    assert summary.startswith("ingested 1 article from 3 files; 1 duplicate dropped; 1 skipped")
    assert "c.pdf (binary file (PDF document)" in summary


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-06-04", "2019-06-04"),
        ("2019-06-04T10:00:00Z", "2019-06-04T10:00:00+00:00"),
        ("2019-06-04 10:00", "2019-06-04T10:00:00"),
        ("Tue, 04 Jun 2019 10:00:00 GMT", "2019-06-04T10:00:00+00:00"),
        ("June 4, 2019", "2019-06-04"),
        ("4 June 2019", "2019-06-04"),
        ("Jun. 4, 2019, 8:13 a.m.", "2019-06-04T08:13:00"),
        (1559642400, "2019-06-04T10:00:00+00:00"),
        ("June 2019", None),
        ("Monday", None),
        ("yesterday", None),
        ("not a date 2019", None),
        ("", None),
        (None, None),
    ],
)
def test_dates_are_normalised_to_iso(value: object, expected: str | None) -> None:
    assert normalize_date(value) == expected


def test_url_helpers() -> None:
    assert (
        normalize_url("https://www.Example.com/a/b/?utm_medium=x&id=3#frag")
        == "example.com/a/b?id=3"
    )
    assert normalize_url("http://example.com/a/b?id=3") == "example.com/a/b?id=3"
    assert source_from_url("https://www.usatoday.com/story/x") == "usatoday.com"
    assert source_from_url(None) is None
