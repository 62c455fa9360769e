"""Sources: the files that paths, directories (recursively) and glob patterns name; file ids."""

from __future__ import annotations

import glob
import os
import re
from pathlib import Path

from index.errors import IngestError

_GLOB_CHARS = re.compile(r"[*?[]")


def expand_source(source: str | Path) -> list[tuple[Path, Path]]:
    """The files a source names, each with the root its ids are relative to, in sorted order."""
    path = Path(source).expanduser()
    if path.is_dir():
        return [(f, path) for f in _walk(path)]
    if path.exists() or path.is_symlink():  # a broken link is reported when it is read
        return [(path, path.parent)]
    if _GLOB_CHARS.search(str(source)):
        root = _glob_root(path)
        matches = sorted(glob.glob(str(path), recursive=True))
        found: list[tuple[Path, Path]] = []
        for match in map(Path, matches):
            if match.is_dir():
                found.extend((f, root) for f in _walk(match))
            elif not match.name.startswith("."):
                found.append((match, root))
        if found:
            return sorted(found, key=lambda item: _rel(item[0], root))
        raise IngestError(
            f"no file matches the pattern {str(source)!r}; check the pattern, or quote it so "
            "the shell does not expand it"
        )
    raise IngestError(
        f"source {str(source)!r} does not exist; pass an existing file, directory or glob "
        "pattern (for example data/sample or 'news/*.jsonl')"
    )


def _walk(directory: Path) -> list[Path]:
    """Files under `directory`, recursively, hidden ones left out, sorted by relative path."""
    found = []
    for dirpath, dirnames, filenames in os.walk(directory):
        # Symlinked directories are not followed (os.walk default), which also rules out loops.
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            if not name.startswith("."):
                found.append(Path(dirpath) / name)
    return sorted(found, key=lambda f: _rel(f, directory))


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
