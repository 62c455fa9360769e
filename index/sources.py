"""The sources a build reads, by name: the config's `[[sources]]`, its `[corpus].sources`
(unnamed: named by their path), and the feeds the bot's admins add at run time (the sources
file).

A source is files (a file, folder or glob: an article whose file is deleted leaves the index) or
a feed (a URL or a feed file: an entry that drops out of the feed stays until its retention runs
out). The sources file lives beside the config, not in the data directory (which only holds what
a build can make again), and is written atomically (a temporary file renamed over it).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from index.config import FEED_KEEP_DAYS, Settings, SourceSettings, check_source
from index.errors import ConfigError

MAX_URL_CHARS = 2000  # a feed URL longer than this is refused (browsers' practical limit)
SOURCES_FILE_VERSION = 1


@dataclass(frozen=True)
class Source:
    """One source as a build reads it; `location` is an absolute path or glob, or a URL."""

    name: str
    kind: Literal["files", "feed"]
    location: str
    interval_minutes: float = 60.0
    keep_days: float = 0.0  # 0: no expiry
    added: bool = False  # from the sources file, so removable from there

    @property
    def is_url(self) -> bool:
        return is_url(self.location)


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def _from_settings(entry: SourceSettings, settings: Settings, added: bool) -> Source:
    where = entry.feed or entry.path
    location = where if is_url(where) else str(settings.resolve(where))
    return Source(
        name=entry.name,
        kind="feed" if entry.feed else "files",
        location=location,
        interval_minutes=entry.interval_minutes,
        keep_days=entry.retention_days,
        added=added,
    )


def configured_sources(settings: Settings) -> list[Source]:
    """Every configured source: `[corpus].sources`, `[[sources]]`, then the sources file's."""
    out = [_unnamed(path, _location(path, settings)) for path in settings.corpus.sources]
    out.extend(_from_settings(entry, settings, added=False) for entry in settings.sources)
    taken = {s.name for s in out}
    for entry in read_sources_file(sources_file(settings)):
        if entry.name in taken:  # the config was edited since: the config wins
            continue
        taken.add(entry.name)
        out.append(_from_settings(entry, settings, added=True))
    return out


def _location(path: str, settings: Settings) -> str:
    return path if is_url(path) else str(settings.resolve(path))


def sources_from_args(args: Sequence[str]) -> list[Source]:
    """Sources named on the command line: URLs are feeds, anything else files (relative to
    the working directory, as any command-line path)."""
    return [_unnamed(a, a if is_url(a) else os.path.abspath(os.path.expanduser(a))) for a in args]


def _unnamed(name: str, location: str) -> Source:
    """A source given as a bare path or URL: a URL is a feed (with a feed's retention)."""
    if is_url(location):
        return Source(name=name, kind="feed", location=location, keep_days=FEED_KEEP_DAYS)
    return Source(name=name, kind="files", location=location)


def sources_file(settings: Settings) -> Path:
    return settings.resolve(settings.data.sources_file)


def read_sources_file(path: Path) -> list[SourceSettings]:
    """The feeds added at run time; none when the file does not exist."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as exc:
        raise ConfigError(
            f"the sources file {path} cannot be read ({exc}); fix or delete it (it holds the "
            "feeds added with /sources add)"
        ) from None
    entries = raw.get("sources") if isinstance(raw, dict) else None
    if not isinstance(entries, list):
        raise ConfigError(f'the sources file {path} has no "sources" list; fix or delete it')
    out = []
    for i, item in enumerate(entries, start=1):
        key = f"{path} entry #{i}"
        if not isinstance(item, dict) or set(item) - {"name", "feed", "interval_minutes"}:
            raise ConfigError(f"{key} must hold name, feed and interval_minutes; fix or delete it")
        try:
            entry = SourceSettings(
                name=str(item.get("name", "")),
                feed=str(item.get("feed", "")),
                interval_minutes=float(item.get("interval_minutes", 60.0)),
            )
        except (TypeError, ValueError):
            raise ConfigError(f"{key}: interval_minutes must be a number") from None
        check_source(key, entry)
        out.append(entry)
    return out


def write_sources_file(path: Path, entries: Sequence[SourceSettings]) -> None:
    """Replace the sources file atomically: a reader sees the old list or the new one."""
    doc = {
        "version": SOURCES_FILE_VERSION,
        "sources": [
            {"name": e.name, "feed": e.feed, "interval_minutes": e.interval_minutes}
            for e in entries
        ],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(doc, fh, indent=2)
            fh.write("\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def check_feed_url(url: str) -> str:
    """The URL, stripped, when it can be a feed's; ConfigError saying what is wrong if not."""
    url = url.strip()
    if len(url) > MAX_URL_CHARS:
        raise ConfigError(f"the URL is longer than {MAX_URL_CHARS} characters")
    if not is_url(url) or not urlsplit(url).hostname or not url.isprintable() or " " in url:
        raise ConfigError("give the feed's full address, starting with http:// or https://")
    return url


def add_source(settings: Settings, url: str, name: str | None = None) -> Source:
    """Add a feed to the sources file; ConfigError when the URL or name is bad or taken."""
    url = check_feed_url(url)
    existing = configured_sources(settings)
    for s in existing:
        if s.location == url:
            raise ConfigError(f"that feed is already a source, named {s.name!r}")
    taken = {s.name for s in existing}
    if name is None:
        base = (urlsplit(url).hostname or "feed").removeprefix("www.")[:70]
        name, n = base, 2
        while name in taken:
            name, n = f"{base}-{n}", n + 1
    elif name in taken:
        raise ConfigError(f"a source named {name!r} already exists; choose another name")
    entry = SourceSettings(name=name, feed=url)
    check_source("the new source", entry)
    path = sources_file(settings)
    write_sources_file(path, [*read_sources_file(path), entry])
    return _from_settings(entry, settings, added=True)


def remove_source(settings: Settings, name: str) -> Source:
    """Remove a feed added at run time (not one of the config file's); ConfigError when there
    is none of that name."""
    path = sources_file(settings)
    entries = read_sources_file(path)
    kept = [e for e in entries if e.name != name]
    if len(kept) == len(entries):
        if any(s.name == name for s in configured_sources(settings)):
            raise ConfigError(
                f"{name!r} is set in the config file, where it can be removed; only the sources "
                "added here can be removed here"
            )
        raise ConfigError(f"there is no source named {name!r}; /sources list shows them")
    write_sources_file(path, kept)
    (gone,) = [e for e in entries if e.name == name]
    return _from_settings(gone, settings, added=True)
