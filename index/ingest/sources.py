"""Sources: the files that paths, directories (recursively) and glob patterns name; file ids.

Directories are walked without following symbolic links to directories, whatever the path form
(a directory, or a glob with `**`), so a link loop cannot make a walk endless. A directory that
cannot be listed is recorded in the report as unreadable, never skipped in silence.
"""

from __future__ import annotations

import fnmatch
import os
import re
from pathlib import Path

from index.errors import IngestError
from index.ingest.report import IngestReport

_GLOB_CHARS = re.compile(r"[*?[]")


def expand_source(
    source: str | Path, report: IngestReport | None = None
) -> list[tuple[Path, Path]]:
    """The files a source names, each with the root its ids are relative to, in sorted order.

    Directories that cannot be listed are recorded in `report` (see `IngestReport.unreadable`).
    """
    report = report if report is not None else IngestReport()
    unreadable_before = len(report.unreadable)
    path = Path(source).expanduser()
    try:
        is_dir, exists = path.is_dir(), path.exists() or path.is_symlink()
    except OSError as exc:  # a parent directory that may not be searched
        report.unreadable_source(str(path), f"unreadable: {exc.strerror or exc}")
        return []
    if is_dir:
        return [(f, path) for f in _walk(path, report)]
    if exists:  # a broken link is reported when it is read
        return [(path, path.parent)]
    if _GLOB_CHARS.search(str(source)):
        root = _glob_root(path)
        found: list[tuple[Path, Path]] = []
        for match in _glob(root, path.parts[len(root.parts) :], report):
            if match.is_dir():
                found.extend((f, root) for f in _walk(match, report))
            elif not match.name.startswith("."):
                found.append((match, root))
        if found:
            return sorted(found, key=lambda item: _rel(item[0], root))
        if len(report.unreadable) > unreadable_before:
            return []  # the files may well be in what could not be listed: reported there
        raise IngestError(
            f"no file matches the pattern {str(source)!r}; check the pattern, or quote it so "
            "the shell does not expand it"
        )
    raise IngestError(
        f"source {str(source)!r} does not exist; pass an existing file, directory or glob "
        "pattern (for example data/sample or 'news/*.jsonl')"
    )


def _list_dir(directory: Path) -> list[os.DirEntry[str]]:
    """The entries of one directory; raises OSError when it cannot be listed."""
    with os.scandir(directory) as entries:
        return list(entries)


def _entries(directory: Path, report: IngestReport, hidden: bool = False) -> list[tuple[str, str]]:
    """(name, kind) of each entry, sorted, hidden ones left out unless asked for; kind is "dir"
    (to descend into), "link" (a link to a directory: not followed) or "file". A directory that
    cannot be listed is reported and yields nothing."""
    try:
        listed = _list_dir(directory)
    except OSError as exc:
        report.unreadable_source(str(directory), f"unreadable directory: {exc.strerror or exc}")
        return []
    out = []
    for entry in listed:
        if entry.name.startswith(".") and not hidden:
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                kind = "dir"
            elif entry.is_dir():
                kind = "link"
            else:
                kind = "file"
        except OSError:
            kind = "file"  # reported when it is read
        out.append((entry.name, kind))
    return sorted(out)


def _walk(directory: Path, report: IngestReport) -> list[Path]:
    """Files under `directory`, recursively, hidden ones left out, sorted by relative path.

    Links to directories below `directory` are not followed (as with `os.walk`): no loops.
    """
    found = []
    stack = [directory]
    while stack:
        current = stack.pop()
        for name, kind in _entries(current, report):
            if kind == "dir":
                stack.append(current / name)
            elif kind == "file":
                found.append(current / name)
    return sorted(found, key=lambda f: _rel(f, directory))


def _glob(base: Path, parts: tuple[str, ...], report: IngestReport) -> list[Path]:
    """Paths under `base` that match the pattern `parts` (as `glob.glob(recursive=True)`).

    `**` matches any number of directories, descending only into real directories, never
    through a link: a link loop cannot make the match endless.
    """
    if not parts:
        return [base]
    head, rest = parts[0], parts[1:]
    if head == "**":
        if not rest:
            return [base]  # every file below: the caller walks it
        out = _glob(base, rest, report)
        for name, kind in _entries(base, report):
            if kind == "dir":
                out.extend(_glob(base / name, parts, report))
        return out
    if not _GLOB_CHARS.search(head):
        nxt = base / head
        return _glob(nxt, rest, report) if os.path.lexists(nxt) else []
    out = []
    for name, kind in _entries(base, report, hidden=head.startswith(".")):
        if fnmatch.fnmatchcase(name, head):
            if not rest:
                out.append(base / name)
            elif kind in ("dir", "link"):  # one named step: a link is safe to follow here
                out.extend(_glob(base / name, rest, report))
    return out


def _glob_root(pattern: Path) -> Path:
    """The directory part of a glob pattern before its first wildcard."""
    parts: list[str] = []
    for part in pattern.parts:
        if _GLOB_CHARS.search(part):
            break
        parts.append(part)
    return Path(*parts) if parts else Path(".")


def _rel(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            pass
    return path.name


def file_id(path: Path, root: Path | None) -> str:
    """The id of an article read from a file: its path under the source root, no extension."""
    rel = _rel(path, root)
    stem, dot, ext = rel.rpartition(".")
    return stem if dot and stem and "/" not in ext else rel
