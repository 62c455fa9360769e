"""One build: sources -> articles -> passages (+ statements) -> vectors -> a new snapshot.

Unchanged articles keep their passages and statements from the previous snapshot, and every
passage's vector comes from the embedding cache when its text was embedded before, so a re-index
of an unchanged corpus embeds nothing. A build that would write exactly what the current snapshot
holds (a feed refresh that found nothing new) writes nothing: that snapshot stays current.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

from index.bm25 import BM25Index
from index.cache import EmbeddingCache
from index.chunking import chunk_article, embed_text, fit_title
from index.config import Settings
from index.embedding import BatchEncoder, Embedder
from index.errors import ClusterError, IndexCorruptError, IndexMissingError, IngestError
from index.feeds import FeedReader, FeedState
from index.ingest import IngestReport, load_articles
from index.ingest.http import Fetcher
from index.models import Article, Passage, Statement
from index.progress import BuildProgress, BuildReport, ProgressCallback
from index.quotes import EXTRACTOR_VERSION, extract_statements
from index.sources import Source, configured_sources, sources_from_args
from index.store import (
    PARTIAL,
    SNAPSHOT_FORMAT,
    ArticleOrigin,
    Layout,
    Metadata,
    build_lock,
    clean_leftovers,
    complete_snapshots,
    finish_snapshot,
    read_manifest,
    read_metadata,
    read_origins,
    save_vectors,
    serving_snapshot,
    switch_current,
    write_manifest,
    write_metadata,
    write_origins,
)
from index.stories import group_stories
from index.vectors import RowMeta, VectorStore, configured_store

log = logging.getLogger(__name__)

EMBED_BATCH = 256  # passages per encode call between progress reports


@dataclass(frozen=True)
class _Previous:
    path: Path
    manifest: dict[str, object]
    meta: Metadata
    origins: dict[str, ArticleOrigin]


def _previous(layout: Layout) -> _Previous | None:
    try:
        snapshot = serving_snapshot(layout)  # never reuse a damaged snapshot's data
        return _Previous(
            snapshot,
            read_manifest(snapshot),
            read_metadata(snapshot / "meta.sqlite"),
            read_origins(snapshot),
        )
    except IndexMissingError:
        return None
    except IndexCorruptError as exc:
        log.warning("the current index is unusable, building from scratch: %s", exc)
        return None


def build(
    settings: Settings,
    embedder: Embedder,
    sources: Sequence[str] | None = None,
    rebuild: bool = False,
    progress: ProgressCallback | None = None,
    before_switch: Callable[[Path], None] | None = None,
    *,
    refresh: Collection[str] | None = None,
    now: datetime | None = None,
    fetcher: Fetcher | None = None,
    encoder: BatchEncoder | None = None,
) -> BuildReport:
    """Build a snapshot of `sources` (default: the config's) and make it current.

    The passages the embedding cache lacks are embedded by `embedder`, or by `encoder` when
    given (a Ray cluster); `embedder` still counts tokens for chunking and names the model.

    `refresh` names the sources to read again (default: all); the others keep what they
    held. A feed's articles stay when they drop out of the feed, until their source's
    retention (`keep_days`, counted from publication, else from first sighting) runs out.
    """
    started = time.monotonic()
    now = now or datetime.now(UTC)
    layout = Layout(settings.data_dir)
    report_progress: ProgressCallback = progress or (lambda p: None)
    # Sources given by the caller are relative to the working directory, like any command-line
    # path; the config's are relative to the config file.
    every = sources_from_args(sources) if sources else configured_sources(settings)
    chosen = [s for s in every if refresh is None or s.name in refresh]
    paths = [s.location for s in chosen]

    store = configured_store(settings)
    with build_lock(layout):
        _clean(layout, settings, store)
        report_progress(BuildProgress("reading", 0, len(chosen)))
        ingest = IngestReport()
        found = _previous(layout)
        feeds = FeedReader(
            settings.feeds, settings.ingest, FeedState.load(layout.root), now, fetcher
        )
        before = found.meta.articles if found is not None else {}
        origins = found.origins if found is not None else {}
        articles, names = _read(chosen, before, origins, ingest, settings, feeds, rebuild)
        articles = _unique_ids(articles, ingest)
        carried = _carried(before, origins, articles, every, chosen, partial=refresh is not None)
        articles.extend(carried)
        names.update((a.id, origins[a.id].source) for a in carried if a.id in origins)

        max_tokens = min(settings.chunking.max_tokens, embedder.max_tokens)
        chunk_key = [embedder.name, max_tokens, settings.chunking.overlap_sentences]
        previous = None if rebuild else found
        reusable: dict[str, Article] = {}
        old_passages: dict[str, list[Passage]] = {}
        old_statements: dict[str, list[Statement]] = {}
        prev_ids: set[str] = set()
        same_extractor = False
        kept: list[Article] = []
        if previous is not None:
            manifest, meta = previous.manifest, previous.meta
            prev_ids = set(meta.articles)
            # A source that is there but could not be read is not a source that was deleted.
            kept = _kept_from_unreadable(meta.articles, articles, ingest.unreadable)
            articles.extend(kept)
            names.update((a.id, origins[a.id].source) for a in kept if a.id in origins)
            if manifest.get("chunking") == chunk_key:
                reusable = meta.articles
                for p in meta.passages:
                    old_passages.setdefault(p.article_id, []).append(p)
                same_extractor = manifest.get("extractor") == EXTRACTOR_VERSION
                for s in meta.statements if same_extractor else ():
                    old_statements.setdefault(s.article_id, []).append(s)
        articles, seen, expired = _retained(articles, names, origins, every, now)
        if not articles:
            raise IngestError(
                f"no articles could be read from {', '.join(paths) or 'the sources'} "
                f"({len(ingest.skipped)} files skipped, {expired} expired); the current index "
                "is unchanged"
            )

        def passages_of(article: Article) -> list[Passage]:
            """The article's passages; raises _Unindexable (or any error) when it cannot be."""
            found = chunk_article(
                article,
                embedder.count_tokens,
                max_tokens,
                embedder.special_tokens,
                settings.chunking.overlap_sentences,
            )
            limit = settings.ingest.max_passages_per_article
            if len(found) > limit:
                raise _Unindexable(
                    f"{len(found):,} passages, above [ingest].max_passages_per_article = "
                    f"{limit:,}; split the article or raise the limit"
                )
            return found

        added = updated = unchanged = 0
        indexed: list[Article] = []
        passages: list[Passage] = []
        statements: list[Statement] = []
        texts: list[str] = []
        for i, article in enumerate(articles):
            if i % 50 == 0:
                report_progress(BuildProgress("chunking", i, len(articles)))
            old = reusable.get(article.id)
            if old is not None and old.content_hash == article.content_hash:
                unchanged += 1
                mine = old_passages.get(article.id, [])
                if same_extractor:
                    statements.extend(old_statements.get(article.id, []))
                else:  # the extraction rules changed since: their passages still stand
                    statements.extend(_statements(article, ingest))
            else:
                # One bad article (a chunker or extractor bug, a limit hit) must not cost the
                # build: it is reported, and the version indexed before stays if there is one.
                try:
                    mine = passages_of(article)
                except Exception as exc:
                    why = _failure(exc, "not indexed")
                    if old is None:
                        ingest.skip(_name(article), why)
                        continue
                    ingest.skip(_name(article), f"{why}; the version indexed before is kept")
                    article, mine = old, old_passages.get(old.id, [])
                    unchanged += 1
                    if same_extractor:
                        statements.extend(old_statements.get(old.id, []))
                    else:
                        statements.extend(_statements(old, ingest))
                else:
                    if article.id in prev_ids:
                        updated += 1
                    else:
                        added += 1
                    statements.extend(_statements(article, ingest))
            indexed.append(article)
            title = fit_title(article.title, embedder.count_tokens)
            passages.extend(mine)
            texts.extend(embed_text(title, p.text) for p in mine)
        report_progress(BuildProgress("chunking", len(articles), len(articles)))
        if not indexed:
            raise IngestError(
                f"none of the {len(articles)} articles read could be indexed "
                f"({len(ingest.skipped)} skipped: {ingest.summary()}); the current index is "
                "unchanged"
            )
        articles = indexed
        removed = len(prev_ids - {a.id for a in articles})
        # An unchanged article keeps its story; a new one joins one or starts its own.
        stories = group_stories(articles, previous.meta if previous is not None else None)

        origins_now = {a.id: ArticleOrigin(names.get(a.id, ""), seen[a.id]) for a in articles}
        facts: dict[str, object] = {
            "format": SNAPSHOT_FORMAT,
            "model": embedder.name,  # backend included ("...@onnx-int8"; torch: none)
            "backend": getattr(embedder, "backend", "torch"),
            "model_file": str(getattr(embedder, "path", "")),
            "dimension": embedder.dimension,
            "chunking": chunk_key,
            "extractor": EXTRACTOR_VERSION,
            "articles": len(articles),
            "passages": len(passages),
            "statements": len(statements),
            "stories": len(set(stories.values())),
            "sources": paths,
            "by_source": _by_source(articles, names),
        }
        if (
            previous is not None
            and not (added or updated or removed)
            and _holds(previous, layout, facts, origins_now, stories, store, len(passages))
        ):
            log.info("nothing changed since snapshot %s: it stays current", previous.path.name)
            _save_feed_state(feeds)
            return BuildReport(
                added=0,
                updated=0,
                removed=0,
                skipped=len(ingest.skipped),
                unchanged=unchanged,
                passages=len(passages),
                embedded=0,
                seconds=time.monotonic() - started,
                snapshot=previous.path.name,
                skips=tuple(ingest.skipped),
                warnings=tuple(ingest.warnings),
                kept=len(kept),
                expired=expired,
                kept_current=True,
            )

        vectors, embedded = _embed_all(
            texts, embedder, layout, not rebuild, report_progress, encoder
        )

        report_progress(BuildProgress("writing", 0, 1))
        name = layout.new_snapshot_name()
        partial = layout.snapshots / (name + PARTIAL)
        partial.mkdir(parents=True)
        save_vectors(partial / "vectors.npy", vectors)
        # FAISS writes into the folder; Milvus fills a collection named after the snapshot,
        # dropped by the next build if this one dies before the switch.
        stored = store.write(partial, name, vectors, RowMeta.of(passages, articles))
        BM25Index.build(texts).save(partial / "bm25")
        write_metadata(partial / "meta.sqlite", articles, passages, statements, stories)
        write_origins(partial, origins_now)
        write_manifest(
            partial / "manifest.json",
            {
                "name": name,
                "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
                # where this build's missing vectors were computed (the cache may hold others)
                "embedded_on": encoder.where if encoder is not None else "local",
                **stored,  # the store, and what it needs to open the vectors again
                **facts,
            },
        )
        final = finish_snapshot(partial)
        report_progress(BuildProgress("writing", 1, 1))
        if before_switch is not None:
            before_switch(final)
        report_progress(BuildProgress("switching", 0, 1))
        switch_current(layout, name)
        store.switched(stored)
        _save_feed_state(feeds)
        _clean(layout, settings, store)
        report_progress(BuildProgress("switching", 1, 1))

    return BuildReport(
        added=added,
        updated=updated,
        removed=removed,
        skipped=len(ingest.skipped),
        unchanged=unchanged,
        passages=len(passages),
        embedded=embedded,
        seconds=time.monotonic() - started,
        snapshot=name,
        skips=tuple(ingest.skipped),
        warnings=tuple(ingest.warnings),
        kept=len(kept),
        expired=expired,
    )


def _holds(
    previous: _Previous,
    layout: Layout,
    facts: dict[str, object],
    origins: dict[str, ArticleOrigin],
    stories: dict[str, str],
    store: VectorStore,
    count: int,
) -> bool:
    """Whether the current snapshot holds what this build would write: the same articles
    (the caller checked none was added, changed or removed), read from the same sources into
    the same passages and statements by the same model and rules, stored alike."""
    manifest = previous.manifest
    if previous.path != layout.current_dir():
        return False  # `current` is damaged and an older snapshot serves: write a good one
    # The manifest went through JSON: compare what this build would record, as JSON reads it.
    if any(manifest.get(key) != json.loads(json.dumps(value)) for key, value in facts.items()):
        return False
    return (
        origins == previous.origins
        and stories == previous.meta.stories
        and store.holds(manifest, count)
    )


def _clean(layout: Layout, settings: Settings, store: VectorStore) -> None:
    """Remove crashed and old snapshots, then the store's generations none of those left names
    (a crashed build's half-written collection, those of the snapshots just removed)."""
    clean_leftovers(layout, settings.index.keep_snapshots)
    store.drop_unlisted(complete_snapshots(layout))


def _read(
    chosen: Sequence[Source],
    before: dict[str, Article],
    origins: dict[str, ArticleOrigin],
    ingest: IngestReport,
    settings: Settings,
    feeds: FeedReader,
    rebuild: bool,
) -> tuple[list[Article], dict[str, str]]:
    """The articles the chosen sources hold now, and the source name of each, by id."""
    files = [s for s in chosen if s.kind == "files"]
    source_of: dict[str, int] = {}
    articles = (
        load_articles(
            [s.location for s in files], ingest, limits=settings.ingest, source_of=source_of
        )
        if files
        else []
    )
    names = {a.id: files[source_of[a.id]].name for a in articles if a.id in source_of}
    for source in chosen:
        if source.kind != "feed":
            continue
        known = {aid: a for aid, a in before.items() if _source(origins, aid) == source.name}
        # A conditional request only when what the feed held is indexed: a 304 keeps it.
        fresh = feeds.read(source, known, ingest, conditional=bool(known) and not rebuild)
        for a in fresh:
            names.setdefault(a.id, source.name)
        articles.extend(fresh)
    return articles, names


def _source(origins: dict[str, ArticleOrigin], article_id: str) -> str | None:
    origin = origins.get(article_id)
    return origin.source if origin is not None and origin.source else None


def _carried(
    before: dict[str, Article],
    origins: dict[str, ArticleOrigin],
    read: list[Article],
    every: Sequence[Source],
    chosen: Sequence[Source],
    partial: bool,
) -> list[Article]:
    """Indexed articles that stay without being read: those of a feed (an entry that dropped
    out, or a feed unchanged or unreachable) and, in a partial refresh, those of the sources
    not refreshed (or whose source is not known)."""
    present = {a.id for a in read}
    feeds = {s.name for s in chosen if s.kind == "feed"}
    configured = {s.name for s in every}
    refreshed = {s.name for s in chosen}
    out = []
    for aid, article in before.items():
        if aid in present:
            continue
        name = _source(origins, aid)
        if name in feeds or (
            partial and (name is None or (name in configured and name not in refreshed))
        ):
            out.append(article)
    return out


def _retained(
    articles: list[Article],
    names: dict[str, str],
    origins: dict[str, ArticleOrigin],
    every: Sequence[Source],
    now: datetime,
) -> tuple[list[Article], dict[str, str], int]:
    """The articles within their source's retention, when each was first seen, and how many
    expired: older than `keep_days` by publication date, else by first sighting."""
    keep_days = {s.name: s.keep_days for s in every}
    stamp = now.isoformat(timespec="seconds")
    out, seen, expired = [], {}, 0
    for a in articles:
        origin = origins.get(a.id)
        first_seen = origin.first_seen if origin is not None else stamp
        days = keep_days.get(names.get(a.id, ""), 0.0)
        if days and now - (_moment(a.published_at) or _moment(first_seen) or now) > timedelta(
            days=days
        ):
            expired += 1
            continue
        out.append(a)
        seen[a.id] = first_seen
    return out, seen, expired


def _moment(iso: str | None) -> datetime | None:
    """An ISO date or time as an aware UTC datetime (a date is its midnight, UTC)."""
    if not iso:
        return None
    try:
        moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _by_source(articles: Sequence[Article], names: dict[str, str]) -> dict[str, dict[str, object]]:
    """Per source name: its article count and newest publication date (for /sources list)."""
    out: dict[str, dict[str, object]] = {}
    for a in articles:
        entry = out.setdefault(names.get(a.id) or "", {"articles": 0, "newest": None})
        entry["articles"] = int(str(entry["articles"])) + 1
        newest = entry["newest"]
        if a.published_at and (newest is None or a.published_at > str(newest)):
            entry["newest"] = a.published_at
    return out


def _save_feed_state(feeds: FeedReader) -> None:
    """Remember each feed's validators and outcome, once its articles are served."""
    if not feeds.statuses:
        return
    feeds.state.feeds.update(feeds.statuses)
    feeds.state.robots = feeds.fetcher.robots_cache
    try:
        feeds.state.save()
    except OSError as exc:  # the next refresh fetches in full: costly, not wrong
        log.warning("could not save the feed state %s: %s", feeds.state.path, exc)


class _Unindexable(Exception):
    """An article over one of the [ingest] limits that only chunking can tell."""


def _name(article: Article) -> str:
    """Where an article came from and what it is, for a report: 'file:3 (id, "title")'."""
    title = article.title if len(article.title) <= 80 else article.title[:79] + "…"
    return f"{article.origin} (article {article.id!r}, {title!r})"


def _failure(exc: Exception, outcome: str) -> str:
    """The reason given for an article the build could not handle, traceback logged if a bug."""
    if isinstance(exc, _Unindexable):
        return f"{outcome}: {exc}"
    log.exception("unexpected error on one article (%s)", outcome)
    return f"{outcome}: {type(exc).__name__}: {exc}"


def _statements(article: Article, ingest: IngestReport) -> list[Statement]:
    """The article's statements; none (reported) when extraction fails on it."""
    try:
        return extract_statements(article)
    except Exception as exc:
        ingest.skip(_name(article), _failure(exc, "statements not extracted (passages indexed)"))
        return []


def _kept_from_unreadable(
    previous: dict[str, Article], read: list[Article], unreadable: list[str]
) -> list[Article]:
    """Previously indexed articles whose file or directory could not be read this time."""
    if not unreadable:
        return []
    present = {a.id for a in read}
    prefixes = tuple(
        p for path in unreadable for p in (path.rstrip(os.sep) + os.sep, path + ":", path + "#")
    )
    return [
        a
        for a in previous.values()
        if a.id not in present and (a.origin in unreadable or a.origin.startswith(prefixes))
    ]


def _unique_ids(articles: list[Article], ingest: IngestReport) -> list[Article]:
    seen: set[str] = set()
    out = []
    for a in articles:
        if a.id in seen:
            log.warning("%s: article id %r is already used; skipped", a.origin, a.id)
            ingest.skipped.append((a.origin, f"duplicate article id {a.id!r}"))
            continue
        seen.add(a.id)
        out.append(a)
    return out


def _embed_all(
    texts: list[str],
    embedder: Embedder,
    layout: Layout,
    use_cache: bool,
    progress: ProgressCallback,
    encoder: BatchEncoder | None = None,
) -> tuple[np.ndarray, int]:
    """Vectors for `texts` (cached ones reused); returns them and how many were embedded.

    Each batch goes into the cache as soon as it is done, so a build that fails half-way
    (a cluster lost) still saves the next one that much embedding."""
    cache = EmbeddingCache(layout.cache_file, embedder.name, embedder.dimension)
    try:
        known = cache.get_many(texts) if use_cache else {}
        # Sorted by length so each batch pads little: the same trick encode() uses inside.
        missing = sorted(dict.fromkeys(t for t in texts if t not in known), key=len)
        progress(BuildProgress("embedding", 0, len(missing)))
        batches = (
            encoder.encode_batches(missing)
            if encoder is not None and missing
            else _local_batches(embedder, missing)
        )
        done = 0
        for batch, vecs in batches:
            if vecs.shape != (len(batch), embedder.dimension):
                raise ClusterError(
                    f"the {encoder.where if encoder else 'local'} embedder returned vectors of "
                    f"shape {vecs.shape} for {len(batch)} texts, not {embedder.dimension} "
                    "dimensions each: are its model and backend the configured ones?"
                )
            cache.put_many(zip(batch, vecs, strict=True))
            known.update(zip(batch, vecs, strict=True))
            done += len(batch)
            progress(BuildProgress("embedding", done, len(missing)))
        lost = [t for t in missing if t not in known]
        if lost:
            raise ClusterError(f"{len(lost)} passages came back without a vector; index again")
    finally:
        cache.close()
    if not texts:
        return np.zeros((0, embedder.dimension), dtype=np.float32), 0
    return np.stack([known[t] for t in texts]).astype(np.float32), len(missing)


def _local_batches(embedder: Embedder, texts: list[str]) -> Iterator[tuple[list[str], np.ndarray]]:
    for start in range(0, len(texts), EMBED_BATCH):
        batch = texts[start : start + EMBED_BATCH]
        yield batch, embedder.encode(batch)
