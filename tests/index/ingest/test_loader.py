"""`load_articles`: the sample corpus and its seed article, and each file read once."""

from __future__ import annotations

from pathlib import Path

from index.ingest import IngestReport, load_articles
from tests.conftest import SAMPLE
from tests.index.ingest.helpers import BODY, load, write

SEED_TITLE = "Russia denies reporting Washington withdraws its troops from Venezuela"


PESKOV = (
    '"It seemed to be an indirect reference to some news reports because there was no official '
    'letter from Russia and there could be no (such) message," Kremlin spokesman Dmitry Peskov '
    "told reporters."
)


def test_sample_corpus_loads_the_seed_with_title_date_and_id() -> None:
    report = IngestReport()
    articles = load_articles([SAMPLE], report)
    seed = next(a for a in articles if a.id == "000_57a03034e1c4b1e0")
    assert seed.title == SEED_TITLE
    assert seed.published_at == "2019-06-04"
    assert seed.origin.endswith("000_57a03034e1c4b1e0.txt")
    assert report.skipped == []


def test_seed_article_footer_is_gone_and_peskov_paragraph_is_intact(tmp_path: Path) -> None:
    # The seed as scraped: no header lines, the title on the first line.
    raw = (SAMPLE / "000_57a03034e1c4b1e0.txt").read_text(encoding="utf-8")
    raw = raw.split("\n", 2)[2] if raw.startswith("Date:") else raw
    write(tmp_path / "000_57a03034e1c4b1e0.txt", raw)
    (seed,), _ = load(tmp_path)
    assert seed.title == SEED_TITLE
    assert seed.id == "000_57a03034e1c4b1e0"
    assert "التعليقات" not in seed.text and "تعليق" not in seed.text
    assert PESKOV in seed.text.split("\n")
    assert SEED_TITLE not in seed.text  # the title line is the title, not body text
    assert seed.text.startswith("The Kremlin denied on Tuesday")


def test_same_file_named_twice_is_read_once(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", f"T\n\n{BODY}")
    report = IngestReport()
    articles = load_articles([tmp_path, path, str(tmp_path / "*.txt")], report)
    assert len(articles) == 1 and report.files == 1 and report.duplicates == 0
