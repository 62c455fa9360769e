"""Embedding on a Ray cluster: a build's missing vectors computed by Ray Data worker actors.

`newsbot index --ray [ADDRESS]` builds as usual (ingest, chunking, BM25, the snapshot, the switch:
all in this process) except for one step: the passages the embedding cache lacks go through a
Ray Data `map_batches` over a pool of actors, each of which loads the configured model and
backend once and encodes batch after batch. The vectors come back to this process as each batch
is done and go into the same embedding cache a local build fills, so the snapshot is the one a
local build writes (same vectors within float tolerance) and a later local build reuses them.

Without an address a Ray instance is started on this machine for the one build (a trial of the
path, not a speed-up: a local build already uses every core) and stopped after it. Ray is an
optional extra, imported only here and only when asked for: `pip install 'newsbot[ray]'`.
"""

from __future__ import annotations

import contextlib
import logging
import math
import os
import re
import signal
import socket
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import ModuleType, TracebackType
from typing import Any

import numpy as np

from index.config import EmbeddingSettings
from index.errors import ClusterError

log = logging.getLogger(__name__)

INSTALL_HINT = "pip install 'newsbot[ray]'"
LOCAL_CPUS = 2  # the local instance: a trial of the cluster path, as the tests run it
# Starts of the local instance before giving up: on a loaded machine one start can fail and the
# next one time out too (seen in CI: a raylet that gave up, then "The current node timed out
# during startup"); each failed start costs Ray's own startup wait, about 20-30 s.
LOCAL_START_ATTEMPTS = 3
CPUS_PER_ACTOR = 1  # each actor encodes on one core, so a node runs one actor a core
MAX_BATCH = 256  # passages a batch, at most (as a local build encodes them)
CONNECT_TIMEOUT_SECONDS = 5.0  # a first TCP check of host:port, before Ray's long retries
# A local instance's server left running once Ray has stopped it gets this long to exit after
# SIGTERM, then SIGKILL and as long again.
SERVER_EXIT_SECONDS = 10.0
_HOST_PORT = re.compile(r"^(?:ray://)?(?P<host>\[[^\]]+\]|[^:/\s]+):(?P<port>\d{1,5})$")
# Ray's own chatter on a build's stderr: a progress line a second, the note that progress bars
# are off (the build reports its own progress).
_QUIET = {
    "ray": logging.WARNING,
    "ray.data": logging.WARNING,
    "ray.data._internal.progress": logging.ERROR,
}


def import_ray() -> ModuleType:
    """Ray, with Ray Data; a `ClusterError` telling how to install it when it is not there."""
    try:
        import ray
        import ray.data  # noqa: F401 - the extra is ray[data]: check that part too
    except ImportError as exc:
        raise ClusterError(
            f"embedding on a Ray cluster needs Ray, which is not installed ({exc}); run "
            f"`{INSTALL_HINT}`, or index without --ray"
        ) from exc
    return ray


def parse_address(address: str) -> tuple[str, int] | None:
    """(host, port) of a `host:port` or `ray://host:port` address; None for "auto"."""
    if address == "auto":
        return None
    m = _HOST_PORT.match(address.strip())
    if m is None or not 0 < int(m["port"]) < 65536:
        raise ClusterError(
            f"--ray {address!r} is not a Ray cluster address: give the head node's host:port "
            '(what `ray start --head` prints, e.g. 10.0.0.5:6379), or "auto" for the cluster '
            "started on this machine, or nothing to start a local Ray instance"
        )
    return m["host"].strip("[]"), int(m["port"])


def check_reachable(address: str, timeout: float = CONNECT_TIMEOUT_SECONDS) -> None:
    """Fail fast on an address nothing listens at (Ray itself retries for a minute or more)."""
    target = parse_address(address)
    if target is None:
        return
    try:
        with socket.create_connection(target, timeout=timeout):
            pass
    except OSError as exc:
        raise ClusterError(
            f"could not reach the Ray cluster at {address} ({exc.strerror or exc}); check the "
            "address (`ray status` on the head node shows it) and that this machine may connect "
            "to it. Nothing was built; the current index is unchanged"
        ) from exc


def _start_local(ray: ModuleType, runtime_env: dict[str, Any], keep: set[int]) -> None:
    """Start a Ray instance on this machine, trying LOCAL_START_ATTEMPTS times: on a machine
    loaded well beyond its cores Ray's raylet can give up waiting (about 20 s) for its own
    metrics agent to start (seen here at a load average of 32 on 2 cores). A failed attempt's
    servers are stopped: `ray.init` raises before it keeps a handle on them, so `ray.shutdown()`
    cannot (`keep`: the Ray processes of this one that were running before)."""
    for attempt in range(1, LOCAL_START_ATTEMPTS + 1):
        log.info("starting a local Ray instance (%d CPUs)", LOCAL_CPUS)
        try:
            ray.init(
                address="local",
                num_cpus=LOCAL_CPUS,
                include_dashboard=False,
                log_to_driver=False,
                logging_level=logging.WARNING,
                runtime_env=runtime_env,
            )
            return
        except Exception as exc:
            ray.shutdown()
            _stop_ray_children(ray, keep)
            if attempt == LOCAL_START_ATTEMPTS:
                raise
            log.warning(
                "the local Ray instance did not start (%s); trying again (attempt %d of %d)",
                exc,
                attempt + 1,
                LOCAL_START_ATTEMPTS,
            )


def _ray_children(ray: ModuleType) -> dict[int, str]:
    """This process's live child processes that run Ray's own programs (gcs_server, raylet, its
    Python monitors), pid -> name. Read from /proc: elsewhere than Linux, none are found."""
    package = str(Path(str(ray.__file__)).resolve().parent) + os.sep
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
            args = (stat.parent / "cmdline").read_bytes().split(b"\0")[:2]
        except OSError:  # exited meanwhile, or not ours to read
            continue
        name, _, rest = text.partition("(")[2].rpartition(")")
        fields = rest.split()
        if len(fields) < 2 or fields[0] == "Z" or int(fields[1]) != os.getpid():
            continue
        if any(os.fsdecode(a).startswith(package) for a in args):
            found[int(stat.parent.name)] = name
    return found


def _stop_ray_children(ray: ModuleType, keep: set[int]) -> None:
    """Stop the Ray server processes this process started that are still running (all but
    `keep`): SIGTERM, then SIGKILL after `SERVER_EXIT_SECONDS`; name any that outlive both."""
    left = {pid: n for pid, n in _ray_children(ray).items() if pid not in keep}
    for sig in (signal.SIGTERM, signal.SIGKILL):
        if not left:
            return
        names = ", ".join(left.values())
        log.info("stopping %d Ray process(es) left running: %s", len(left), names)
        for pid in left:
            with contextlib.suppress(ProcessLookupError):  # exited since it was listed
                os.kill(pid, sig)
        deadline = time.monotonic() + SERVER_EXIT_SECONDS
        while left and time.monotonic() < deadline:
            time.sleep(0.1)
            running = _ray_children(ray)
            left = {pid: n for pid, n in left.items() if pid in running}
    if left:
        log.warning(
            "Ray process(es) %s did not exit; stop them with `ray stop` or kill them",
            ", ".join(f"{n} (pid {pid})" for pid, n in left.items()),
        )


class EmbedActor:
    """One Ray Data worker: the configured model, loaded once, encoding batch after batch."""

    def __init__(self, settings: EmbeddingSettings, threads: int) -> None:
        from index.embedding import load_embedder

        self.model = load_embedder(settings)
        # One actor a core: torch's or onnxruntime's default of one thread a core would have
        # every actor on a node fight for every core.
        self.model.threads = threads  # type: ignore[attr-defined]

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        vectors = self.model.encode([str(t) for t in batch["text"]])
        return {"i": np.asarray(batch["i"]), "vector": vectors}


class RayEncoder:
    """A `BatchEncoder` on a Ray cluster; a context manager that connects to it (or starts a
    local instance) on entry and disconnects (or stops it) on exit.

    `settings` must be the build's own [embedding] (its `cache_dir` resolved): the actors load
    exactly that model on that backend, so their vectors match the build's embedder's.
    """

    where = "ray"

    def __init__(
        self,
        settings: EmbeddingSettings,
        address: str | None = None,
        actors: int | None = None,
    ) -> None:
        self.settings = settings
        self.address = address or None
        self.actors = actors
        self._ray: ModuleType | None = None
        self._before: set[int] = set()  # Ray processes of this one's already running on entry

    def __enter__(self) -> RayEncoder:
        ray = import_ray()
        if self.address is not None:
            check_reachable(self.address)
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # no report to Anyscale
        for name, level in _QUIET.items():
            logging.getLogger(name).setLevel(level)
        # The workers run this process's `index` package, whatever version a node has installed
        # (its dependencies, the model package included, must be installed there).
        runtime_env = {"py_modules": [str(Path(__file__).resolve().parent)]}
        self._before = set(_ray_children(ray))
        try:
            if self.address is None:
                _start_local(ray, runtime_env, self._before)
            else:
                log.info("connecting to the Ray cluster at %s", self.address)
                ray.init(
                    address=self.address,
                    log_to_driver=False,
                    logging_level=logging.WARNING,
                    runtime_env=runtime_env,
                )
        except Exception as exc:  # Ray raises ConnectionError, RuntimeError, ValueError...
            ray.shutdown()
            where = f"the Ray cluster at {self.address}" if self.address else "a local Ray instance"
            hint = ""
            if self.address is not None and not os.environ.get("RAY_AUTH_MODE"):
                # Ray 2.60 sends its token to an explicit address only when told to.
                hint = (
                    "; if the cluster uses token authentication (Ray's default), set "
                    "RAY_AUTH_MODE=token and give its token in RAY_AUTH_TOKEN or "
                    "~/.ray/auth_token"
                )
            raise ClusterError(
                f"could not start or join {where} ({type(exc).__name__}: {exc}){hint}. "
                "Nothing was built; the current index is unchanged"
            ) from exc
        self._ray = ray
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False  # the build reports its own progress
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._ray is not None:
            self._ray.shutdown()  # stops a local instance; leaves a cluster running
            if self.address is None:
                # Ray signals its servers and waits a second for each: one slow to exit is
                # stopped here, so the build never leaves a local instance behind.
                _stop_ray_children(self._ray, keep=self._before)
            self._ray = None

    def _pool_size(self, texts: int) -> int:
        """Actors to start: as asked, else one a CPU of the cluster; never more than batches."""
        assert self._ray is not None
        if self.actors is not None:
            wanted = self.actors
        else:
            cpus = int(self._ray.cluster_resources().get("CPU", 1))
            wanted = max(1, cpus // CPUS_PER_ACTOR)
        return max(1, min(wanted, texts))

    def encode_batches(self, texts: Sequence[str]) -> Iterator[tuple[list[str], np.ndarray]]:
        if self._ray is None:
            raise RuntimeError("RayEncoder used outside its `with` block")
        if not texts:
            return
        ray = self._ray
        actors = self._pool_size(len(texts))
        # Batches small enough that every actor gets work, at most what a local build encodes.
        batch_size = max(1, min(MAX_BATCH, math.ceil(len(texts) / actors)))
        log.info(
            "embedding %d passages on Ray: %d actors, batches of %d", len(texts), actors, batch_size
        )
        rows = [{"i": i, "text": t} for i, t in enumerate(texts)]
        dataset = ray.data.from_items(rows).map_batches(
            EmbedActor,
            fn_constructor_args=(self.settings, CPUS_PER_ACTOR),
            batch_size=batch_size,
            batch_format="numpy",
            compute=ray.data.ActorPoolStrategy(size=actors),
            num_cpus=CPUS_PER_ACTOR,
        )
        try:
            for out in dataset.iter_batches(batch_size=None, batch_format="numpy"):
                index = [int(i) for i in out["i"]]
                yield [texts[i] for i in index], np.asarray(out["vector"], dtype=np.float32)
        except Exception as exc:  # a lost node or actor, a model that would not load there
            raise ClusterError(
                f"embedding on Ray failed ({_first_line(exc)}); the current index is unchanged "
                "and the vectors already done are cached: index again to go on"
            ) from exc


def _first_line(exc: BaseException) -> str:
    """The gist of a Ray error (they carry the worker's whole traceback)."""
    text = str(exc).strip()
    lines = [line for line in text.splitlines() if line.strip()]
    return f"{type(exc).__name__}: {lines[-1] if lines else text}"[:300]
