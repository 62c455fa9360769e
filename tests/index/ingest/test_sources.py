"""Sources: directories, globs, missing paths, order and stable ids."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from index.errors import IngestError
from index.ingest import IngestReport, load_articles, sources
from tests.conftest import REPO
from tests.index.ingest.helpers import jsonl, load, write


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


def _expand_in_a_subprocess(pattern: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`load_articles([pattern])` in a child process that is killed if it hangs."""
    code = (
        "import sys\n"
        "from index.ingest import IngestReport, load_articles\n"
        "report = IngestReport()\n"
        "print(sorted(a.id for a in load_articles([sys.argv[1]], report)))\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code, pattern],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=60,  # the old glob ran for minutes (exponential in the loop's depth): fail
    )


@pytest.mark.parametrize("form", ["relative", "absolute"])
def test_a_glob_over_a_symlink_loop_ends_and_reads_each_file_once(
    tmp_path: Path, form: str
) -> None:
    write(tmp_path / "deep" / "a.txt", "A title\n\nText a.")
    write(tmp_path / "deep" / "sub" / "b.txt", "B title\n\nText b.")
    (tmp_path / "deep" / "sub" / "up").symlink_to(tmp_path / "deep")  # a loop
    (tmp_path / "deep" / "self").symlink_to(".")  # and another
    pattern = "deep/**/*.txt" if form == "relative" else str(tmp_path / "deep" / "**" / "*.txt")
    try:
        done = _expand_in_a_subprocess(pattern, tmp_path)
    except subprocess.TimeoutExpired:
        pytest.fail(f"expanding {pattern!r} over a symlink loop did not end in 60 s")
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "['a', 'sub/b']"


def test_a_directory_with_a_symlink_loop_is_walked_once(tmp_path: Path) -> None:
    write(tmp_path / "deep" / "a.txt", "A title\n\nText a.")
    (tmp_path / "deep" / "loop").symlink_to(tmp_path / "deep")
    assert [a.id for a in load_articles([tmp_path / "deep"])] == ["a"]
    # A named step of a pattern may pass a link (as glob does): one step, so no loop.
    assert [a.id for a in load_articles([str(tmp_path / "deep" / "*" / "*.txt")])] == ["loop/a"]


def _make_unlistable(directory: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """chmod 000 the directory; where that does not stop listing it (root), make it fail."""
    directory.chmod(0)
    try:
        os.listdir(directory)
    except PermissionError:
        return
    real = sources._list_dir

    def refuse(path: Path) -> list[os.DirEntry[str]]:
        if Path(path) == directory:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(sources, "_list_dir", refuse)


@pytest.mark.parametrize("form", ["directory", "glob"])
def test_an_unreadable_directory_is_reported_not_skipped_in_silence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, form: str
) -> None:
    _tree(tmp_path)
    locked = tmp_path / "a"
    _make_unlistable(locked, monkeypatch)
    try:
        source = tmp_path if form == "directory" else str(tmp_path / "**" / "*.txt")
        report = IngestReport()
        articles = load_articles([source], report)
    finally:
        locked.chmod(0o755)
    assert "a/z" not in [a.id for a in articles] and "b" in [a.id for a in articles]
    assert report.unreadable == [str(locked)]
    assert report.skipped == [
        (
            str(locked),
            "unreadable directory: Permission denied; its previously indexed articles are kept",
        )
    ]
