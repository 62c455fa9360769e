"""A build over bad input: one bad article never aborts it, every limit hit and unreadable
source is named in the report `newsbot index` prints, and what could not be read is kept."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import index.build
from bot.cli import main
from index.ingest import sources
from index.library import Library
from tests.conftest import make_settings
from tests.fakes import FakeEmbedder

PESKOV = "Kremlin spokesman Dmitry Peskov said the talks with Washington would go on next week."


def write_article(folder: Path, name: str, title: str, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.txt"
    path.write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    return path


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Three articles that each yield a statement, one of them in a subdirectory."""
    folder = tmp_path / "corpus"
    write_article(folder, "talks", "Talks go on", PESKOV)
    write_article(folder, "budget", "Budget passes", PESKOV.replace("talks", "budget talks"))
    write_article(folder / "sub", "storm", "Storm hits", PESKOV.replace("talks", "storm talks"))
    return folder


def lib_for(tmp_path: Path, corpus: Path, fake: FakeEmbedder, **sections) -> Library:
    settings = make_settings(tmp_path / "data", corpus={"sources": [str(corpus)]}, **sections)
    return Library(settings, fake)


def failing_for(title: str, real):
    """`real`, except that it raises for the article with this title (an injected bug)."""

    def call(article, *args, **kwargs):
        if article.title == title:
            raise RuntimeError(f"injected failure on {title}")
        return real(article, *args, **kwargs)

    return call


def test_an_extraction_error_on_one_article_is_reported_and_the_rest_indexed(
    tmp_path, corpus, fake_embedder, monkeypatch
):
    monkeypatch.setattr(
        index.build,
        "extract_statements",
        failing_for("Budget passes", index.build.extract_statements),
    )
    lib = lib_for(tmp_path, corpus, fake_embedder)
    report = lib.build()
    assert report.added == 3 and report.skipped == 1
    ((where, why),) = report.skips
    assert where == f"{corpus / 'budget.txt'} (article 'budget', 'Budget passes')"
    assert "statements not extracted" in why and "RuntimeError: injected failure" in why
    searcher = lib.searcher()
    assert set(searcher.articles) == {"talks", "budget", "sub/storm"}  # its passages stand
    assert sorted(s.article_id for s in searcher.statements) == ["sub/storm", "talks"]
    assert "budget.txt (article 'budget', 'Budget passes')" in report.summary()


def test_a_chunking_error_on_one_article_is_reported_and_the_rest_indexed(
    tmp_path, corpus, fake_embedder, monkeypatch
):
    monkeypatch.setattr(
        index.build, "chunk_article", failing_for("Storm hits", index.build.chunk_article)
    )
    lib = lib_for(tmp_path, corpus, fake_embedder)
    report = lib.build()
    assert (report.added, report.skipped) == (2, 1)
    ((where, why),) = report.skips
    assert where.startswith(str(corpus / "sub" / "storm.txt")) and "'Storm hits'" in where
    assert why == "not indexed: RuntimeError: injected failure on Storm hits"
    assert set(lib.searcher().articles) == {"talks", "budget"}


def test_a_new_version_that_fails_leaves_the_indexed_one(
    tmp_path, corpus, fake_embedder, monkeypatch
):
    lib = lib_for(tmp_path, corpus, fake_embedder)
    lib.build()
    write_article(corpus / "sub", "storm", "Storm hits", "A new text that the chunker chokes on.")
    monkeypatch.setattr(
        index.build, "chunk_article", failing_for("Storm hits", index.build.chunk_article)
    )
    report = lib.build()
    assert (report.updated, report.removed, report.skipped) == (0, 0, 1)
    assert report.skips[0][1].endswith("; the version indexed before is kept")
    searcher = lib.searcher()
    assert "storm talks" in searcher.articles["sub/storm"].text
    assert "sub/storm" in {s.article_id for s in searcher.statements}


def test_when_no_article_can_be_indexed_the_old_index_stays(
    tmp_path, corpus, fake_embedder, monkeypatch
):
    lib = lib_for(tmp_path, corpus, fake_embedder)
    first = lib.build(rebuild=True)
    monkeypatch.setattr(index.build, "chunk_article", lambda *a, **k: 1 / 0)
    with pytest.raises(index.build.IngestError, match="none of the 3 articles"):
        lib.build(rebuild=True)
    assert lib.stats().snapshot == first.snapshot


def test_an_article_over_the_passage_limit_is_skipped_and_named(tmp_path, corpus, fake_embedder):
    long_body = " ".join(
        f"Sentence number {n} says something about the budget." for n in range(300)
    )
    write_article(corpus, "long", "A long one", long_body)
    lib = lib_for(tmp_path, corpus, fake_embedder, ingest={"max_passages_per_article": 3})
    report = lib.build()
    ((where, why),) = report.skips
    assert where.startswith(str(corpus / "long.txt"))
    assert why.startswith("not indexed: ") and "passages, above [ingest].max_passages" in why
    assert set(lib.searcher().articles) == {"talks", "budget", "sub/storm"}


def _make_unlistable(directory: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """chmod 000 the directory; where that does not stop listing it (root), make it fail."""
    directory.chmod(0)
    try:
        os.listdir(directory)
    except PermissionError:
        return
    real = sources._list_dir

    def refuse(path: Path):
        if Path(path) == directory:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(sources, "_list_dir", refuse)


def test_an_unreadable_directory_keeps_its_articles_and_is_named(
    tmp_path, corpus, fake_embedder, monkeypatch
):
    lib = lib_for(tmp_path, corpus, fake_embedder)
    lib.build()
    before = lib.searcher()
    storm_passages = sorted(p.id for p in before.passages if p.article_id == "sub/storm")
    _make_unlistable(corpus / "sub", monkeypatch)
    try:
        report = lib.build()
    finally:
        (corpus / "sub").chmod(0o755)
    assert (report.removed, report.kept, report.embedded) == (0, 1, 0)
    assert report.skips == (
        (
            str(corpus / "sub"),
            "unreadable directory: Permission denied; its previously indexed articles are kept",
        ),
    )
    assert f"{corpus / 'sub'} (unreadable directory: Permission denied" in report.summary()
    after = lib.searcher()
    assert set(after.articles) == {"talks", "budget", "sub/storm"}
    assert sorted(p.id for p in after.passages if p.article_id == "sub/storm") == storm_passages
    assert "sub/storm" in {s.article_id for s in after.statements}
    # Readable again and then deleted: it goes, as a deleted file always did.
    (corpus / "sub" / "storm.txt").unlink()
    monkeypatch.undo()
    assert lib.build().removed == 1


def test_a_file_over_the_size_limit_keeps_what_it_held(tmp_path, corpus, fake_embedder):
    lib = lib_for(tmp_path, corpus, fake_embedder)
    lib.build()
    write_article(corpus, "talks", "Talks go on", PESKOV + " " + "More words here. " * 100)
    small = lib_for(tmp_path, corpus, fake_embedder, ingest={"max_file_mb": 0.001})
    report = small.build()
    assert report.kept == 1 and report.removed == 0
    assert "max_file_mb = 0.001" in report.skips[0][1]
    assert "More words" not in small.searcher().articles["talks"].text


def test_newsbot_index_prints_each_limit_hit_by_file(tmp_path, corpus, capsys, monkeypatch):
    monkeypatch.setattr("index.embedding.load_embedder", lambda settings: FakeEmbedder())
    big = write_article(corpus, "big", "Big", "word " * 300)
    config = tmp_path / "config.toml"
    config.write_text("[ingest]\nmax_article_chars = 1000\n", encoding="utf-8")
    code = main(["index", str(corpus), "--config", str(config), "--data-dir", str(tmp_path / "d")])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "1 skipped" in out
    assert f"{big} (article text is 1,502 characters, above [ingest].max_article_chars" in out
