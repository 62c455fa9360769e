"""The index as the interfaces see it: the current snapshot for searching, and builds.

`Library.searcher()` returns the searcher of the current snapshot; `Library.build()` writes a
new snapshot and switches to it atomically. Searchers handed out before a switch keep working
on the old snapshot until they are dropped (zero downtime during a re-index).

A question never waits for a build: a build embeds with a model instance of its own (questions
keep theirs), and a new snapshot is loaded outside any lock a question takes, then swapped in as
one reference; until it is, questions are answered from the old one.
"""

from __future__ import annotations

import contextvars
import logging
import os
import threading
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from index.config import EmbeddingSettings, Settings, require_builder
from index.progress import BuildProgress, BuildReport, ProgressCallback

if TYPE_CHECKING:
    from index.embedding import BatchEncoder, Embedder
    from index.search import Searcher

log = logging.getLogger(__name__)

T = TypeVar("T")

# The questions' model encodes on one torch thread: an answer's encodes are small (a question,
# then it with its candidate sentences), and on 2 cores, with a build or another process on the
# other core, one thread measured faster: the answer path's sentence encode took 1.1-2.2 s
# against 2.7-3.1 s on two (medians, at a load of 4); bench.speed_during_build measures it all.
QUESTION_THREADS = 1
# A build in this process runs in a thread of its own at this much lower CPU priority (Linux:
# the nice value is per thread, and the torch threads it starts inherit it), so that on a busy
# machine the cores go to questions first and the build takes what is left. Measured by
# bench.speed_during_build at a load of 3 from other processes: answer p95 during a build 1.82 s
# with it, 2.14 and 2.51 s without; the price is the build's time while questions keep the
# cores busy (660 s against 122 s, with 3,721 questions answered meanwhile, 4 at a time).
BUILD_NICENESS = 10


@dataclass(frozen=True)
class IndexStats:
    articles: int
    passages: int
    statements: int
    sources: dict[str, int]  # source name -> article count
    newest_article: str | None
    built_at: str  # ISO timestamp of the snapshot's build
    model: str
    dimension: int
    faiss_index: str
    snapshot: str


def for_questions(model: Embedder) -> None:
    """Set a real model's threads for questions (fakes in tests have none to set)."""
    from index.embedding import SentenceTransformerEmbedder
    from index.onnx_embedding import OnnxEmbedder

    if isinstance(model, SentenceTransformerEmbedder | OnnxEmbedder):
        model.threads = QUESTION_THREADS


class Library:
    """The data directory's index: the current searcher, builds, and stats."""

    def __init__(
        self,
        settings: Settings,
        embedder: Embedder | None = None,
        build_embedder: Embedder | None = None,
    ) -> None:
        """`embedder` answers questions (default: the configured model, loaded on first use).
        Builds embed with `build_embedder`; by default a model loaded for each build when
        `embedder` comes from the settings, so that questions never wait for a build's turn on
        the model (measured: a shared model made answers during a build wait up to a minute),
        else `embedder` itself."""
        self.settings = settings
        self._embedder = embedder
        self._build_embedder = build_embedder
        self._own_model = embedder is None
        self._lock = threading.Lock()  # loading the model
        # The model of a snapshot built before [embedding] changed (name -> model): it serves
        # that snapshot until the build with the configured model replaces it.
        self._earlier_models: dict[str, Embedder] = {}
        # The loaded snapshot: replaced whole, read without a lock (a reference is atomic).
        self._searcher: Searcher | None = None
        self._loading = threading.Lock()  # one snapshot load at a time
        self._served_for: Path | None = None  # the `current` the loaded searcher was chosen for
        self._failed: Path | None = None  # a `current` that would not load: not retried
        self._building = threading.Lock()
        self.progress: BuildProgress | None = None  # of the build running in this process
        # Why the last build in this process failed (None after one succeeds): what questions
        # are told while there is no snapshot to serve.
        self.build_error: str | None = None
        # A build is on its way (index/bootstrap.py starts one in the background): questions
        # before it has begun are told "still indexing" too, not "no index".
        self.build_pending = False

    @property
    def embedder(self) -> Embedder:
        """The embedding model, loaded on first use (a few seconds)."""
        with self._lock:
            if self._embedder is None:
                from index.embedding import load_embedder

                model = load_embedder(self.embedding_settings())
                for_questions(model)
                self._embedder = model
            return self._embedder

    @property
    def owns_model(self) -> bool:
        """Whether the questions' model comes from the settings (not one handed in, as tests
        and benchmarks do): only then is there a configured model to run on another backend."""
        return self._own_model

    def embedding_settings(self) -> EmbeddingSettings:
        """[embedding] with the model cache directory resolved against the data directory."""
        return replace(self.settings.embedding, cache_dir=str(self.settings.model_cache_dir))

    def _model_for_build(self) -> Embedder:
        if self._build_embedder is not None:
            return self._build_embedder
        if not self._own_model:
            return self.embedder
        from index.embedding import load_embedder

        log.info("loading a model for the build (questions keep their own)")
        return load_embedder(self.embedding_settings())  # on every core: builds encode in bulk

    def _keep_for_questions(self, model: Embedder) -> None:
        """After a build: its model answers questions if none is loaded (`newsbot index`)."""
        with self._lock:
            if self._embedder is None:
                for_questions(model)
                self._embedder = model

    def searcher(self) -> Searcher:
        """The current snapshot's searcher.

        Only the first load is waited for. When `current` has moved (a build in another
        process), the new snapshot loads in a background thread and this returns the one
        already loaded until the new one is ready: a question never waits for a load.
        """
        from index.errors import IndexCorruptError, IndexMissingError, IndexNotReadyError
        from index.store import Layout

        loaded = self._searcher
        if loaded is None:
            first: Path | None = None
            try:
                first = Layout(self.settings.data_dir).current_dir()
                if self.building and first == self._failed:
                    raise IndexCorruptError(f"snapshot {first.name} cannot be served")
                return self._swap(first)
            except (IndexMissingError, IndexCorruptError) as exc:
                if self.building and first is not None:
                    self._failed = first  # not loaded again for each question meanwhile
                why = self.not_ready()
                if why is None:
                    raise
                raise IndexNotReadyError(why) from exc
        current = Layout(self.settings.data_dir).current_dir()
        if current != self._served_for and current != self._failed:
            self._load_in_background(current)
        return loaded

    @property
    def loaded(self) -> str | None:
        """The name of the snapshot questions are answered from, None before one is loaded."""
        searcher = self._searcher
        return searcher.name if searcher is not None else None

    def not_ready(self) -> str | None:
        """Why questions cannot be answered yet when no snapshot is loaded and a build in this
        process is running ("still indexing, N%") or failed; None otherwise."""
        if self._searcher is not None:
            return None
        if not self.settings.index.builder:
            return (
                f"there is no index yet: builds run on {self.settings.index.builds_run_on}, and "
                "its first snapshot is answered from here as soon as it switches"
            )
        if self.building or (self.build_pending and self.build_error is None):
            p = self.progress
            step = f" ({p.phase} {p.done:,}/{p.total:,})" if p is not None and p.total else ""
            percent = p.overall if p is not None else 0.0
            return (
                f"still indexing, {percent:.0f}%{step}; questions are answered as soon as the "
                "first index is ready"
            )
        if self.build_error is not None:
            return (
                f"there is no index yet: building it failed ({self.build_error}); it is tried "
                "again later, or re-index now"
            )
        return None

    def _swap(self, current: Path) -> Searcher:
        """Serve what `current` calls for, loading it unless it is loaded (one load at a time)."""
        with self._loading:
            return self._load(current)

    def _load(self, current: Path) -> Searcher:
        """Serve `current`, or the previous snapshot if it is damaged, loading it first (checking
        its files is part of the load); the caller holds `_loading`."""
        from index.search import Searcher
        from index.store import Layout, serving_snapshot

        loaded = self._searcher
        if loaded is not None and self._served_for == current:
            return loaded
        snapshot = serving_snapshot(Layout(self.settings.data_dir))
        if loaded is None or loaded.path != snapshot:
            embedder = self._model_of(snapshot)
            log.info("loading snapshot %s", snapshot.name)
            new = Searcher(snapshot, self.settings, embedder)
            if loaded is None:
                # Nothing serves yet: answer now, read who-said-what's statements behind.
                new.warm_statements()
            else:
                # The old snapshot serves meanwhile: switch once the new one has everything.
                new.read_statements()
            loaded = new
            self._searcher = loaded  # the swap: readers see the old searcher or the new one
        self._served_for = current
        return loaded

    def _model_of(self, snapshot: Path) -> Embedder:
        """The model whose vectors `snapshot` holds: the configured one, or, after
        [embedding].model or .backend changed, the model recorded in the snapshot, so that it
        answers until a build with the configured model replaces it (`model_change` says
        why that build is needed). A recorded model that cannot be loaded leaves the
        configured one, which the searcher refuses with what to do."""
        from index.embedding import load_embedder, recorded_model
        from index.store import read_manifest

        configured = self.embedder
        manifest = read_manifest(snapshot)
        name = manifest.get("model")
        if not self._own_model or not isinstance(name, str) or name == configured.name:
            self._earlier_models.clear()  # the configured model's snapshot: none needed now
            return configured
        if name not in self._earlier_models:
            backend = str(manifest.get("backend") or "torch")
            try:
                model = load_embedder(recorded_model(name, backend, self.embedding_settings()))
            except Exception as exc:  # noqa: BLE001 - any failure: the searcher says what to do
                log.warning("cannot load %s, which made snapshot %s: %s", name, snapshot.name, exc)
                return configured
            for_questions(model)
            self._earlier_models = {name: model}
            log.warning(
                "snapshot %s was made by %s, not the configured %s: it answers with its own "
                "model until a build with the configured one replaces it",
                snapshot.name,
                name,
                configured.name,
            )
        return self._earlier_models[name]

    def model_change(self, searcher: Searcher) -> str | None:
        """Why `searcher`'s snapshot needs a build with the configured model (None: it was made
        by that model)."""
        if searcher.embedder.name == self.embedder.name:
            return None
        return (
            f"it was embedded by {searcher.embedder.name}, and {self.embedder.name} is configured"
        )

    def _load_in_background(self, current: Path) -> None:
        if not self._loading.acquire(blocking=False):
            return  # a load is under way; the old snapshot serves until it is done

        def load() -> None:
            try:
                self._load(current)
            except Exception as exc:  # a damaged file or a failing disk: not retried per question
                self._failed = current
                log.error(
                    "could not load snapshot %s (%s); still serving the old one", current.name, exc
                )
            finally:
                self._loading.release()

        threading.Thread(target=load, name=f"load {current.name}", daemon=True).start()

    @property
    def building(self) -> bool:
        return self._building.locked()

    def build(
        self,
        sources: Sequence[str] | None = None,
        rebuild: bool = False,
        progress: ProgressCallback | None = None,
        before_switch: Callable[..., None] | None = None,
        refresh: Collection[str] | None = None,
        encoder: BatchEncoder | None = None,
    ) -> BuildReport:
        """Build a new snapshot and serve it; blocking (call from a worker thread).

        `refresh` names the sources to read again (default: all of them; see index/build.py);
        `encoder` embeds elsewhere (a Ray cluster: index/ray_embedding.py).
        Raises `NotBuilderError` when the settings say this process does not build.
        """
        require_builder(self.settings)  # before the lock: a non-builder never takes it
        from index.build import build
        from index.errors import BuildInProgressError, NewsbotError
        from index.store import Layout

        if not self._building.acquire(blocking=False):
            p = self.progress
            where = f" ({p.phase}, {p.percent:.0f}%)" if p else ""
            raise BuildInProgressError(f"a build is already running{where}")

        def track(p: BuildProgress) -> None:
            self.progress = p
            if progress is not None:
                progress(p)

        def run() -> BuildReport:
            model = self._model_for_build()
            report = build(
                self.settings,
                model,
                sources,
                rebuild,
                track,
                before_switch,
                refresh=refresh,
                encoder=encoder,
            )
            self._keep_for_questions(model)
            return report

        try:
            report = _at_low_priority(run)
        except BuildInProgressError:
            raise  # another process is building: nothing failed here
        except Exception as exc:
            self.build_error = (
                str(exc)
                if isinstance(exc, NewsbotError)
                else f"unexpected {type(exc).__name__}; details in the log"
            )
            raise
        else:
            self.build_error = None
        finally:
            self.progress = None
            self._building.release()
        # Load the new snapshot now, not on the next question (questions meanwhile: the old one).
        self._swap(Layout(self.settings.data_dir).current_dir())
        return report

    def stats(self) -> IndexStats:
        """What the current snapshot holds; reads the snapshot, not the model (fast)."""
        from index.models import Article
        from index.store import Layout, read_manifest, read_metadata, serving_snapshot
        from index.tables import ArticleInfo

        loaded = self._searcher
        articles: list[ArticleInfo] | list[Article]
        snapshot = serving_snapshot(Layout(self.settings.data_dir))
        if loaded is not None and loaded.path == snapshot:
            m, articles, passages, statements = (
                loaded.manifest,
                list(loaded.articles.infos()),
                len(loaded.passages),
                len(loaded.statements),
            )
        else:
            m = read_manifest(snapshot)
            meta = read_metadata(snapshot / "meta.sqlite")
            articles, passages, statements = (
                list(meta.articles.values()),
                len(meta.passages),
                len(meta.statements),
            )
        sources: dict[str, int] = {}
        newest: str | None = None
        for a in articles:
            key = a.source or "(unknown)"
            sources[key] = sources.get(key, 0) + 1
            if a.published_at and (newest is None or a.published_at > newest):
                newest = a.published_at
        return IndexStats(
            articles=len(articles),
            passages=passages,
            statements=statements,
            sources=dict(sorted(sources.items(), key=lambda kv: (-kv[1], kv[0]))),
            newest_article=newest,
            built_at=str(m.get("built_at", "")),
            model=str(m.get("model", "")),
            dimension=int(m.get("dimension", 0)),
            faiss_index=(
                f"milvus {m.get('collection')} ({m.get('milvus_index')})"
                if m.get("store") == "milvus"
                else str(m.get("faiss", ""))
            ),
            snapshot=snapshot.name,
        )


def _at_low_priority(work: Callable[[], T]) -> T:
    """`work()` in a new thread niced by BUILD_NICENESS; returns or raises what it does."""
    out: list[T] = []
    failed: list[BaseException] = []

    def run() -> None:
        try:
            me = threading.get_native_id()
            os.setpriority(
                os.PRIO_PROCESS, me, min(19, os.getpriority(os.PRIO_PROCESS, me) + BUILD_NICENESS)
            )
        except (AttributeError, OSError) as exc:  # not Linux, or not allowed: run as it is
            log.debug("could not lower the build's priority: %s", exc)
        try:
            out.append(work())
        except BaseException as exc:  # handed to the caller's thread
            failed.append(exc)

    # In a copy of the caller's context, as asyncio.to_thread runs its work.
    context = contextvars.copy_context()
    thread = threading.Thread(target=context.run, args=(run,), name="build", daemon=True)
    thread.start()
    thread.join()
    if failed:
        raise failed[0]
    return out[0]
