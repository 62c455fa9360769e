"""The Discord bot: a `commands.Bot` that loads the ask, admin and feedback extensions and syncs
slash commands.

`create_bot()` builds it around a library (the index) and an answerer; `run()` is the
`newsbot run` command: it reads the token from the environment and starts the bot.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import sys
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, Protocol

import aiohttp
import discord
from discord import app_commands
from discord.ext import commands

from bot.feedback import FeedbackStore
from bot.health import HEARTBEAT_SECONDS, BotStatus, status_name, write_status
from bot.limits import Cooldown, InFlightLimit, Slot
from bot.models import Answer, Conversation
from bot.render import MESSAGE_LIMIT, escape_line
from index.config import mask_tokens
from index.errors import NewsbotError
from index.library import IndexStats, Library
from index.progress import BuildReport, ProgressCallback

if TYPE_CHECKING:
    from bot.settings import Settings
    from index.bootstrap import Bootstrap
    from index.search import Searcher

log = logging.getLogger(__name__)

EXTENSIONS = (
    "bot.cogs.ask",
    "bot.cogs.admin",
    "bot.cogs.feedback",
    "bot.cogs.latest",
    "bot.cogs.sources",
)
# Neither a question nor an article may ping anyone: every reply uses this, and so does the bot.
NO_MENTIONS = discord.AllowedMentions.none()
DEVELOPER_PORTAL = "https://discord.com/developers/applications"
# Gateway close codes newsbot explains: a shard id or count Discord refuses, and a connection
# that would carry too many servers (Discord requires sharding from 2,500 servers a connection).
CLOSE_INVALID_SHARD = 4010
CLOSE_SHARDING_REQUIRED = 4011
UNEXPECTED_ERROR_TEXT = "Something went wrong on my side (it has been logged). Please try again."

# How blocking work (an answer, an index build) leaves the event loop: asyncio.to_thread.
Offload = Callable[..., Awaitable[Any]]

# Secrets discord.py's DEBUG logs (`newsbot run -v`) carry: interaction and webhook tokens in
# request URLs (/interactions/<id>/<token>/callback, /webhooks/<id>/<token>/messages/...) and
# in the "token" field of gateway events (INTERACTION_CREATE payloads).
_URL_TOKEN = re.compile(r"(/(?:interactions|webhooks)/\d+/)[^/\s?#'\"]+")
_FIELD_TOKEN = re.compile(r"""(['"]token['"]\s*:\s*['"])[^'"]+""")
REDACTED = "<redacted>"


class AnswerSource(Protocol):
    """What the bot needs from `bot.answer.Answerer`."""

    def answer(
        self,
        question: str,
        conversation: Conversation | None = None,
        *,
        now: datetime | None = None,
        since: date | None = None,
    ) -> Answer: ...


class IndexLibrary(Protocol):
    """What the bot needs from `index.library.Library`."""

    def build(
        self,
        sources: Sequence[str] | None = None,
        rebuild: bool = False,
        progress: ProgressCallback | None = None,
    ) -> BuildReport: ...

    def stats(self) -> IndexStats: ...

    def searcher(self) -> Searcher: ...


class NewsBot(commands.Bot):
    """Answers questions about the indexed news: /ask, mentions, configured channels, /reindex,
    and records "Not helpful" feedback on answers."""

    def __init__(
        self,
        settings: Settings,
        library: IndexLibrary,
        answerer: AnswerSource,
        *,
        offload: Offload | None = None,
        feedback: FeedbackStore | None = None,
        bootstrap: Bootstrap | None = None,
        **kwargs: Any,
    ) -> None:
        intents = discord.Intents.default()
        # Privileged: only asked for when configured, since Discord must approve it in the portal.
        intents.message_content = settings.discord.message_content
        kwargs.setdefault("intents", intents)
        kwargs.setdefault("allowed_mentions", NO_MENTIONS)
        kwargs.setdefault("help_command", None)
        # Prefix commands are not used; questions arrive as mentions, handled by the ask cog.
        super().__init__(command_prefix=commands.when_mentioned, **kwargs)
        self.settings = settings
        self.library = library
        self.answerer = answerer
        self.offload: Offload = offload or asyncio.to_thread
        # "Not helpful" clicks and the answers they refer to, kept in the data directory.
        self.feedback = feedback or FeedbackStore(settings.data_dir)
        self.cooldown = Cooldown(settings.discord.cooldown_seconds)
        self.in_flight = InFlightLimit(settings.discord.max_in_flight)
        self.tree.on_error = self.on_app_command_error  # type: ignore[method-assign]
        # The status file `newsbot health` reads (bot/health.py): connected or not, the index.
        # Builds the index in the background when there is none to serve (index/bootstrap.py).
        self.bootstrap = bootstrap
        self._connected = False
        self._heartbeat: asyncio.Task[None] | None = None
        self._status_failed = False

    def health_status(self) -> BotStatus:
        """What the status file says: the gateway connection and the library's index."""
        library = self.library
        progress = getattr(library, "progress", None)
        error = getattr(library, "build_error", None)
        # A build on its way (started, not yet begun) counts as building, unless the last failed.
        pending = bool(getattr(library, "build_pending", False)) and error is None
        return BotStatus(
            pid=os.getpid(),
            updated_at=datetime.now(UTC).isoformat(timespec="seconds"),
            connected=self._connected and not self.is_closed(),
            snapshot=getattr(library, "loaded", None),
            building=bool(getattr(library, "building", False)) or pending,
            progress=progress.overall if progress is not None else None,
            build_error=error,
        )

    def write_status(self) -> None:
        """Rewrite the status file; a data directory that cannot be written is logged once
        (health then reports the bot as not running; answering goes on)."""
        try:
            write_status(self.settings.data_dir, self.health_status(), status_name(self.settings))
        except OSError as exc:
            if not self._status_failed:
                log.warning("cannot write the status file for `newsbot health`: %s", exc)
            self._status_failed = True
        else:
            self._status_failed = False

    async def _beat(self) -> None:
        while True:
            self.write_status()
            await asyncio.sleep(HEARTBEAT_SECONDS)

    async def on_connect(self) -> None:
        self._connected = True  # the gateway is up; READY follows

    async def on_disconnect(self) -> None:
        self._connected = False
        self.write_status()

    async def on_resumed(self) -> None:
        self._connected = True
        self.write_status()

    async def close(self) -> None:
        if self._heartbeat is not None:
            self._heartbeat.cancel()
            self._heartbeat = None
        if self.bootstrap is not None:
            self.bootstrap.stop()
        self._connected = False
        self.write_status()
        await super().close()

    async def compute_answer(
        self,
        slot: Slot,
        question: str,
        conversation: Conversation | None = None,
        *,
        now: datetime | None = None,
        since: date | None = None,
    ) -> Answer:
        """The answer to `question`, computed in a worker thread that keeps `slot` taken until
        it has finished: the one path every question takes (/ask, mentions, channels,
        follow-ups), and the one `bench.speed_during_build` measures."""
        answer = self.answerer.answer
        return await slot.run(self.offload, answer, question, conversation, now=now, since=since)

    async def setup_hook(self) -> None:
        self._heartbeat = asyncio.create_task(self._beat(), name="status heartbeat")
        if self.bootstrap is not None:
            # Logged in, so the token is good: load the index (and the model, so the first
            # question does not wait for it), or start building one in the background.
            await self.offload(self.bootstrap.start)
        for extension in EXTENSIONS:
            await self.load_extension(extension)
        cfg = self.settings.discord
        if cfg.channels and not self.intents.message_content:
            log.warning(
                "[discord].channels is set but [discord].message_content is false: messages in "
                "those channels arrive without their text, so only /ask and mentions will work. "
                "Enable the Message Content intent in the developer portal and set "
                "message_content = true."
            )
        try:
            if cfg.guild_id:
                guild = discord.Object(id=cfg.guild_id)
                self.tree.copy_global_to(guild=guild)
                synced = await self.tree.sync(guild=guild)
                log.info("synced %d slash commands to guild %d", len(synced), cfg.guild_id)
            else:
                synced = await self.tree.sync()
                log.info("synced %d slash commands globally (may take an hour)", len(synced))
        except discord.Forbidden:
            # Mentions still work; only the slash commands are missing, so keep running.
            log.error(
                "could not sync slash commands: invite the bot with the applications.commands "
                "scope%s",
                f" and check that it is in guild {cfg.guild_id}" if cfg.guild_id else "",
            )

    async def on_ready(self) -> None:
        self._connected = True
        self.write_status()
        log.info("logged in as %s in %d servers", self.user, len(self.guilds))

    async def on_message(self, message: discord.Message, /) -> None:
        # No prefix commands: the ask cog's listener decides which messages are questions.
        return

    async def on_app_command_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        """Last resort for errors a command did not handle: a short notice, never a traceback."""
        original = getattr(error, "original", error)
        if isinstance(original, NewsbotError):
            text = escape_line(str(original), MESSAGE_LIMIT)  # may name an article or a path
        elif isinstance(error, app_commands.CheckFailure):
            text = "You can't use this command here."
        else:
            log.error(
                "unhandled error in /%s",
                interaction.command.qualified_name if interaction.command else "?",
                exc_info=original,
            )
            text = UNEXPECTED_ERROR_TEXT
        await send_notice(interaction, text)


class ShardedNewsBot(NewsBot, commands.AutoShardedBot):
    """NewsBot on several gateway connections (`[discord].shards`): the shards listed in
    `[discord].shard_ids`, or all of them, each carrying the events of its share of the
    servers. Discord requires sharding from 2,500 servers; other processes can run the other
    shards against the same index."""

    async def on_ready(self) -> None:
        self._connected = True
        self.write_status()
        log.info(
            "logged in as %s in %d servers on shards %s of %s",
            self.user,
            len(self.guilds),
            ", ".join(str(i) for i in sorted(self.shards)),
            self.shard_count,
        )

    async def on_shard_ready(self, shard_id: int) -> None:
        log.info("shard %d of %s connected", shard_id, self.shard_count)


async def send_notice(interaction: discord.Interaction, text: str) -> None:
    """Tell the user something privately, whether or not the interaction was answered yet."""
    try:
        if interaction.response.is_done():
            await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
        else:
            await interaction.response.send_message(
                text, ephemeral=True, allowed_mentions=NO_MENTIONS
            )
    except discord.HTTPException:
        log.warning("could not send a notice to the user", exc_info=True)


def redact(text: str) -> str:
    """`text` without interaction, webhook or bot tokens."""
    text = _URL_TOKEN.sub(rf"\1{REDACTED}", text)
    return mask_tokens(_FIELD_TOKEN.sub(rf"\1{REDACTED}", text))


class RedactSecrets(logging.Filter):
    """Masks tokens in what a handler writes: the message, its arguments and any traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


def redact_logged_secrets() -> None:
    """Add `RedactSecrets` to every handler of the root logger, where the CLI's logs go (a
    filter on a handler sees the records of every logger, discord.py's included)."""
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, RedactSecrets) for f in handler.filters):
            handler.addFilter(RedactSecrets())


def create_bot(
    settings: Settings, library: IndexLibrary, answerer: AnswerSource, **kwargs: Any
) -> NewsBot:
    """The bot, ready for `bot.start(token)`; extra keyword arguments go to `commands.Bot`.

    Unsharded (one gateway connection) unless `[discord].shards` is set: then a
    `ShardedNewsBot` running the configured shards.
    """
    cfg = settings.discord
    if not cfg.sharded:
        return NewsBot(settings, library, answerer, **kwargs)
    kwargs.setdefault("shard_count", cfg.shard_count)  # None: as many as Discord recommends
    kwargs.setdefault("shard_ids", cfg.shard_ids)  # None: all of them
    return ShardedNewsBot(settings, library, answerer, **kwargs)


def _missing_token_message(env_name: str) -> str:
    return (
        f"newsbot run: no Discord bot token in the environment variable {env_name}.\n"
        f"Set it, then run again:\n"
        f"    export {env_name}=<your bot token>\n"
        f"Get a token at {DEVELOPER_PORTAL} -> your application -> Bot -> Reset Token "
        f"(see docs/discord.md). To try newsbot without Discord, run `newsbot chat`."
    )


def _shard_refused_message(code: int, settings: Settings) -> str:
    cfg = settings.discord
    now = "unsharded" if not cfg.sharded else f"shards = {cfg.shards!r}"
    if code == CLOSE_SHARDING_REQUIRED:
        return (
            f"newsbot run: Discord requires more shards for this bot ({now}): it is in too many "
            'servers for one connection. Set [discord].shards = "auto" to run as many as Discord '
            "recommends in this process, or a larger shards = N with each process's shard_ids "
            "(see docs/discord.md, Many servers)."
        )
    return (
        f"newsbot run: Discord refused the shard this process identified with ({now}, "
        f"shard_ids = {cfg.shard_ids}): every process must be given the same [discord].shards "
        "total and ids below it."
    )


def run(settings: Settings, library: Library | None = None) -> int:
    """`newsbot run`: start the bot with the token from the environment; the exit status.

    `library` defaults to the configured index and model (tests pass one with a fake model).
    """
    redact_logged_secrets()  # before discord.py logs anything (-v logs every request)
    env_name = settings.discord.token_env
    token = os.environ.get(env_name, "").strip()
    if not token:
        print(_missing_token_message(env_name), file=sys.stderr)
        return 2

    # Imported here: loading the engine is slow and not needed to report a missing token.
    from bot.answer import Answerer
    from index.bootstrap import Bootstrap

    library = library or Library(settings)
    # With no index to serve, or an outdated one, the bot builds it in the background once it
    # has logged in; questions meanwhile are told "still indexing, N%" (or the old snapshot
    # answers them).
    answerer = Answerer(library, settings)
    answerer.sentence_model.model()  # loaded, or exported in the background, from now
    bot = create_bot(settings, library, answerer, bootstrap=Bootstrap(library))
    try:
        # log_handler=None: keep the logging the CLI configured instead of discord.py's own.
        bot.run(token, log_handler=None)
    except discord.LoginFailure:
        print(
            f"newsbot run: Discord rejected the token in {env_name} (invalid or reset). "
            f"Copy a fresh one from {DEVELOPER_PORTAL} -> your application -> Bot.",
            file=sys.stderr,
        )
        return 2
    except discord.PrivilegedIntentsRequired:
        print(
            "newsbot run: [discord].message_content is true but the Message Content intent is "
            f"not enabled for this bot. Enable it at {DEVELOPER_PORTAL} -> your application -> "
            "Bot -> Privileged Gateway Intents, or set message_content = false.",
            file=sys.stderr,
        )
        return 2
    except discord.ConnectionClosed as exc:
        if exc.code not in (CLOSE_INVALID_SHARD, CLOSE_SHARDING_REQUIRED):
            raise
        print(_shard_refused_message(exc.code, settings), file=sys.stderr)
        return 2
    except NewsbotError as exc:
        print(f"newsbot run: {exc}", file=sys.stderr)
        return 1
    except (aiohttp.ClientConnectionError, OSError) as exc:
        print(
            f"newsbot run: cannot reach Discord ({exc.__class__.__name__}: {exc}); "
            "check this machine's network connection and try again.",
            file=sys.stderr,
        )
        return 1
    finally:
        if report_usage := getattr(getattr(answerer, "llm", None), "report_usage", None):
            report_usage("at shutdown")  # how LLM answers went (it also logs hourly)
    return 0
