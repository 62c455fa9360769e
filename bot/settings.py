"""The whole config.toml: the engine's sections (index/config.py) and the bot's own.

The bot's sections ([answer], [llm], [discord], [log]) live here, beside the code that reads
them; `index/` knows nothing of them. One file, one parse: every key, type and value of every
section is checked at start-up, and a section neither layer knows is refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from index import config
from index.config import (
    EMBEDDING_BACKENDS,
    MAX_K,
    require_env_names,
    require_fractions,
    require_range,
)
from index.errors import ConfigError

_VALID_LEVELS = {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}
MAX_ID = 2**64 - 1  # Discord ids (snowflakes) are unsigned 64-bit numbers
AUTO_SHARDS = "auto"  # [discord].shards: as many shards as Discord recommends (GET /gateway/bot)
MAX_SHARDS = 100_000  # far above the largest bots' counts; stops a typo, not a real bot


SNAPSHOT_BACKEND = "snapshot"  # [answer].sentence_backend: whatever made the snapshot's vectors
SENTENCE_BACKENDS = (SNAPSHOT_BACKEND, *EMBEDDING_BACKENDS)


@dataclass(frozen=True)
class AnswerSettings:
    max_sentences: int = 3
    max_quotes: int = 3
    passages: int = 8
    min_relevance: float = 0.35  # below this relevance the evidence is never enough
    min_support: float = 0.5  # the evidence model's probability below which nothing is found
    # Candidate sentences encoded per question: the best this many by words and their
    # passage's cosine (0: all, ~80-100). Chosen on realtimeqa-tune (docs/benchmarks.md).
    sentence_candidates: int = 12
    # A sentence's bonus for its article's date: full for the retrieved articles nearest the
    # period the question asks about (none named: the newest), halving with each
    # [search].recency_half_life_days further away. News asked without a date is about the
    # latest story, not last year's on the same subject. Chosen on realtimeqa-tune.
    date_weight: float = 0.2
    vector_cache: int = 4096  # question and sentence vectors remembered per snapshot (0: none)
    # The backend that scores candidate sentences against the question: the snapshot's model
    # run by "onnx-int8", "onnx" or "torch", or "snapshot" (the backend that made the index).
    # Question and sentences are encoded together by the same one, so scores never mix
    # backends; the index's vectors and the search's question vector stay the snapshot's.
    sentence_backend: str = "onnx-int8"

    # Keys of earlier versions, accepted with a warning so that old config files still load.
    RETIRED: ClassVar[dict[str, str]] = {
        "confident_relevance": "answers are now found or not found, with no hedged middle",
    }


@dataclass(frozen=True)
class LLMSettings:
    enabled: bool = False
    base_url: str = "http://127.0.0.1:11434/v1"
    model: str = "llama3.1"
    api_key_env: str = "NEWSBOT_LLM_API_KEY"
    timeout_seconds: float = 30.0  # the whole LLM answer: connect, generate and check
    max_tokens: int = 400  # the reply's length: a Discord answer of a few sentences
    context_tokens: int = 4096  # the model's context window: prompt and reply together
    temperature: float = 0.0
    min_support: float = 0.45

    RETIRED: ClassVar[dict[str, str]] = {
        "context_chars": "replaced by context_tokens, the model's context window in tokens, "
        "from which the question, the instructions and max_tokens are subtracted",
    }


@dataclass(frozen=True)
class DiscordSettings:
    token_env: str = "DISCORD_TOKEN"
    guild_id: int = 0
    message_content: bool = False
    channels: list[int] = field(default_factory=list)
    admin_roles: list[int] = field(default_factory=list)
    admin_users: list[int] = field(default_factory=list)
    # Guilds whose Manage Server members are admins; None (unset): [guild_id] when it is set.
    admin_guilds: list[int] | None = None
    cooldown_seconds: float = 10.0
    max_in_flight: int = 4
    progress_interval_seconds: float = 3.0
    # Unset: one unsharded connection. "auto" or a count: AutoShardedBot runs the shards listed
    # in shard_ids (unset: all of them) in this process.
    shards: str | int | None = None
    shard_ids: list[int] | None = None

    @property
    def sharded(self) -> bool:
        return self.shards is not None

    @property
    def shard_count(self) -> int | None:
        """The total number of shards when configured as a number (None: unsharded, or "auto"
        and asked of Discord at start-up)."""
        return self.shards if isinstance(self.shards, int) else None

    @property
    def admin_guild_ids(self) -> frozenset[int]:
        """The guilds whose Manage Server members may run admin commands."""
        if self.admin_guilds is not None:
            return frozenset(self.admin_guilds)
        return frozenset({self.guild_id}) if self.guild_id else frozenset()


@dataclass(frozen=True)
class LogSettings:
    level: str = "INFO"


@dataclass(frozen=True)
class Settings(config.Settings):
    """Every section of config.toml: the engine's (inherited) and the bot's."""

    answer: AnswerSettings = field(default_factory=AnswerSettings)
    llm: LLMSettings = field(default_factory=LLMSettings)
    discord: DiscordSettings = field(default_factory=DiscordSettings)
    log: LogSettings = field(default_factory=LogSettings)

    def validate(self) -> None:
        super().validate()
        require_env_names(
            {
                "[discord].token_env": self.discord.token_env,
                "[llm].api_key_env": self.llm.api_key_env,
            }
        )
        answer, llm, discord = self.answer, self.llm, self.discord
        require_range("[answer].max_sentences", answer.max_sentences, above=0, at_most=50)
        require_range("[answer].max_quotes", answer.max_quotes, above=0, at_most=50)
        require_range("[answer].passages", answer.passages, above=0, at_most=MAX_K)
        require_range("[answer].sentence_candidates", answer.sentence_candidates, 0, 10_000)
        require_range("[answer].date_weight", answer.date_weight, 0, 100)
        require_range("[answer].vector_cache", answer.vector_cache, 0, 10_000_000)
        if answer.sentence_backend not in SENTENCE_BACKENDS:
            raise ConfigError(
                "[answer].sentence_backend must be one of "
                f"{', '.join(map(repr, SENTENCE_BACKENDS))}, got {answer.sentence_backend!r}"
            )
        require_range("[llm].timeout_seconds", llm.timeout_seconds, above=0, at_most=3600)
        require_range("[llm].max_tokens", llm.max_tokens, above=0, at_most=100_000)
        require_range("[llm].context_tokens", llm.context_tokens, above=0, at_most=10**7)
        if llm.context_tokens <= llm.max_tokens:
            raise ConfigError(
                f"[llm].context_tokens ({llm.context_tokens}) must be larger than "
                f"[llm].max_tokens ({llm.max_tokens}): the window holds the prompt and the reply"
            )
        require_range("[llm].temperature", llm.temperature, 0, 2)  # OpenAI's range
        require_range("[discord].guild_id", discord.guild_id, 0, MAX_ID)  # 0: synced globally
        require_range("[discord].cooldown_seconds", discord.cooldown_seconds, 0, 86_400)
        require_range("[discord].max_in_flight", discord.max_in_flight, above=0, at_most=1024)
        # At least a second apart (Discord rate-limits edits); within the 15-minute token.
        require_range(
            "[discord].progress_interval_seconds", discord.progress_interval_seconds, 1, 900
        )
        ids = {
            "[discord].channels": discord.channels,
            "[discord].admin_roles": discord.admin_roles,
            "[discord].admin_users": discord.admin_users,
            "[discord].admin_guilds": discord.admin_guilds or [],
        }
        for key, values in ids.items():
            for i, value in enumerate(values):
                require_range(f"{key}[{i}]", value, above=0, at_most=MAX_ID)
        _check_shards(discord)
        if self.log.level.upper() not in _VALID_LEVELS:
            raise ConfigError(f"[log].level must be one of {', '.join(sorted(_VALID_LEVELS))}")
        require_fractions(
            {
                "[llm].min_support": llm.min_support,
                "[answer].min_relevance": answer.min_relevance,
                "[answer].min_support": answer.min_support,
            }
        )


def _check_shards(discord: DiscordSettings) -> None:
    """[discord].shards is "auto" or a count; shard_ids, distinct ids below that count."""
    shards, ids = discord.shards, discord.shard_ids
    if isinstance(shards, str) and shards != AUTO_SHARDS:
        raise ConfigError(
            f'[discord].shards must be "auto" or the total number of shards, got {shards!r}'
        )
    if isinstance(shards, int):
        require_range("[discord].shards", shards, 1, MAX_SHARDS)
    if ids is None:
        return
    count = discord.shard_count
    if count is None:
        how = "is unset" if shards is None else 'is "auto" (the count is only known at start-up)'
        raise ConfigError(
            f"[discord].shard_ids needs [discord].shards to be the total number of shards across "
            f"every process, but it {how}; set e.g. shards = 4 with shard_ids = [0, 1] here "
            "and [2, 3] in the other process"
        )
    if not ids:
        raise ConfigError(
            "[discord].shard_ids is empty: list the shards this process runs, or remove the key "
            "to run all of them"
        )
    for i, shard_id in enumerate(ids):
        if not 0 <= shard_id < count:
            raise ConfigError(
                f"[discord].shard_ids[{i}] is {shard_id}, but shard ids run from 0 to "
                f"{count - 1} with [discord].shards = {count}"
            )
    if len(set(ids)) != len(ids):
        twice = sorted({x for x in ids if ids.count(x) > 1})
        raise ConfigError(f"[discord].shard_ids lists shard {twice[0]} more than once")


def parse_settings(raw: dict[str, Any], base_dir: Path | None = None) -> Settings:
    """Turn a parsed TOML document into Settings, checking every key, type and value."""
    return config.parse_config(raw, Settings, base_dir)


def load_settings(path: str | Path | None = None, data_dir: str | Path | None = None) -> Settings:
    """Read the config file (or defaults), then apply NEWSBOT_DATA_DIR and --data-dir."""
    return config.load_config(Settings, path, data_dir)
