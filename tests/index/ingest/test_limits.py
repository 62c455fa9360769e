"""Bounded input: the [ingest] limits on a file's size and an article's length, each hit
reported by file, and near-duplicate signatures whose memory does not grow with the text."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from index.config import IngestSettings, Settings, parse_config
from index.errors import ConfigError
from index.ingest import IngestReport, load_articles
from index.ingest.dedup import NearDuplicates
from tests.index.ingest.helpers import BODY, jsonl, write

WORDS = "council budget mayor vote school road park library tax fee plan city".split()


def one_paragraph(chars: int) -> str:
    """A one-paragraph article of about `chars` characters: sentences, no line break."""
    sentences = []
    size, n = 0, 0
    while size < chars:
        s = f"The {WORDS[n % 12]} number {n} was approved by the {WORDS[(n * 7) % 12]} board."
        sentences.append(s)
        size += len(s) + 1
        n += 1
    return " ".join(sentences)[:chars]


def load_with(paths: list[Path], **limits: float) -> tuple[list, IngestReport]:
    report = IngestReport()
    articles = load_articles(paths, report, limits=IngestSettings(**limits))  # type: ignore[arg-type]
    return articles, report


def test_the_default_limits_are_sane() -> None:
    limits = Settings().ingest
    # Generous for real news (the longest realtimeqa article is 100k characters) ...
    assert limits.max_article_chars >= 150_000
    assert limits.max_file_mb >= 32
    assert limits.max_passages_per_article >= 300
    assert 5 <= limits.min_html_words <= 50
    # ... and below what took gigabytes or minutes: a 50 MB file, a 1 MB paragraph.
    assert limits.max_file_mb < 1024
    assert limits.max_article_chars < 1_000_000


def test_a_one_megabyte_one_paragraph_article_is_reported_with_the_default_limits(
    tmp_path: Path,
) -> None:
    big = write(tmp_path / "big.txt", "Huge\n\n" + one_paragraph(1_000_000))
    write(tmp_path / "small.txt", f"Small\n\n{BODY}")
    articles, report = load_with([tmp_path])
    assert [a.id for a in articles] == ["small"]
    ((where, why),) = report.skipped
    assert where == str(big)
    # (the text is the paragraph and the blank line after the title)
    assert why.startswith("article text is 1,000,001 characters, above [ingest].max_article")
    assert "[ingest].max_article_chars = 200,000; split it" in why
    assert f"{big} (article text is 1,000,001 characters" in report.summary()


def test_a_file_over_the_size_limit_is_reported_unread(tmp_path: Path) -> None:
    # The 50 MB one-line file of the issue, scaled down with the limit: 50 KB against 0.02 MB.
    big = write(tmp_path / "big.txt", "Big\n\n" + "word " * 10_000)
    write(tmp_path / "small.txt", f"Small\n\n{BODY}")
    articles, report = load_with([tmp_path], max_file_mb=0.02)
    assert [a.id for a in articles] == ["small"]
    ((where, why),) = report.skipped
    assert where == str(big)
    assert why.startswith("file is 48.8 KB, above [ingest].max_file_mb = 0.02; split it")
    assert report.unreadable == [str(big)]  # not read: what it held before is kept


def test_a_jsonl_line_over_the_article_limit_is_reported_by_file_and_line(tmp_path: Path) -> None:
    path = write(
        tmp_path / "a.jsonl",
        jsonl({"id": "ok", "text": BODY}, {"id": "long", "text": one_paragraph(5_000)}),
    )
    articles, report = load_with([path], max_article_chars=4_000)
    assert [a.id for a in articles] == ["ok"]
    ((where, why),) = report.skipped
    assert where == f"{path}:2" and "5,000 characters" in why and "max_article_chars" in why


def test_feeds_and_html_pages_are_held_to_the_article_limit(tmp_path: Path) -> None:
    long = one_paragraph(5_000)
    write(
        tmp_path / "a.html", f"<html><head><title>T</title></head><body><p>{long}</p></body></html>"
    )
    write(
        tmp_path / "b.rss",
        f"<rss version='2.0'><channel><title>W</title><item><title>I</title>"
        f"<description>{long}</description></item></channel></rss>",
    )
    articles, report = load_with([tmp_path], max_article_chars=4_000)
    assert articles == []
    assert [where for where, _ in report.skipped] == [
        str(tmp_path / "a.html"),
        f"{tmp_path / 'b.rss'}#1",
    ]
    assert all("max_article_chars" in why for _, why in report.skipped)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"max_file_mb": 0}, r"\[ingest\]\.max_file_mb must be greater than 0"),
        ({"max_file_mb": float("nan")}, r"\[ingest\]\.max_file_mb must be a finite number"),
        ({"max_article_chars": -1}, r"\[ingest\]\.max_article_chars must be 1 or more"),
        ({"max_passages_per_article": 0}, r"\[ingest\]\.max_passages_per_article must be"),
        ({"min_html_words": -1}, r"\[ingest\]\.min_html_words must be 0 or more"),
        ({"max_article_chars": 10**20}, r"\[ingest\]\.max_article_chars must be at most"),
        ({"max_article_chars": "big"}, r"\[ingest\]\.max_article_chars must be an integer"),
    ],
)
def test_a_wrong_limit_is_refused_naming_its_key(raw: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_config({"ingest": raw}, Settings)


def test_a_near_duplicate_signature_takes_bounded_memory() -> None:
    # Before: a (distinct 5-grams x 128) matrix, ~8 KB a 5-gram (160 MB for this text).
    text = " ".join(f"w{i}" for i in range(20_000))
    near = NearDuplicates(0.9)
    tracemalloc.start()
    try:
        signature = near.signature(text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert signature is not None and signature.shape == (128,)
    assert peak < 30 * 2**20, f"peak {peak / 2**20:.0f} MB"


def test_near_duplicates_are_still_found_and_distinct_texts_are_not() -> None:
    base = one_paragraph(3_000)
    near = NearDuplicates(0.9)
    a = near.signature(base)
    b = near.signature(base + " One more line.")
    c = near.signature(one_paragraph(6_000)[3_000:])
    assert float((a == b).mean()) >= 0.9
    assert float((a == c).mean()) < 0.5
