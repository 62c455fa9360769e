"""/reindex: rebuild the index from Discord, for admins, while /ask keeps answering.

The build runs in a worker thread; the library writes a new snapshot and switches to it only
at the end, so questions asked meanwhile are answered from the old one, and a failed build
leaves the old one serving. Progress travels from the worker thread to the event loop through
`ProgressRelay` and is shown by editing the command's response, at most every
`progress_interval_seconds`.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_bot import NO_MENTIONS, send_notice
from bot.render import escape_line, escape_lines
from index.errors import BuildInProgressError, NewsbotError
from index.progress import BuildProgress, BuildReport

if TYPE_CHECKING:
    from bot.discord_bot import NewsBot
    from bot.settings import DiscordSettings, Settings

log = logging.getLogger(__name__)

# An interaction token stops working after 15 minutes; later messages go to the channel.
INTERACTION_TOKEN_SECONDS = 15 * 60
ERROR_CHARS = 1500  # of a build's error or summary in its message (Discord's limit is 2,000)
REFUSED_TEXT = (
    "Only newsbot's admins can re-index: the users and roles listed in [discord].admin_users / "
    "admin_roles, and members with the Manage Server permission in the servers listed in "
    "[discord].admin_guilds."
)


def not_builder_text(settings: Settings, action: str) -> str:
    """Why `action` ("Re-indexing") is refused in a process configured not to build, and where
    it runs instead."""
    where = escape_line(settings.index.builds_run_on, ERROR_CHARS)
    return (
        f"{action} is not done by this bot process ([index].builder = false): builds and feed "
        f"refreshes run on {where}. Use the command in a server on that process's shards, or "
        "`newsbot index` on its machine; what it builds is answered from here as soon as it "
        "is ready."
    )


def is_admin(
    user_id: int,
    role_ids: Collection[int],
    guild_id: int | None,
    permissions: discord.Permissions,
    cfg: DiscordSettings,
) -> bool:
    """A configured admin user or role, or Manage Server in one of the admin guilds.

    The index is shared by every server the bot is in, so Manage Server elsewhere (any server
    that invited the bot) grants nothing; role ids are unique across Discord, so a configured
    role counts only in its own server. A DM has no guild and no permissions.
    """
    if user_id in cfg.admin_users or any(role_id in cfg.admin_roles for role_id in role_ids):
        return True
    return guild_id is not None and guild_id in cfg.admin_guild_ids and permissions.manage_guild


def interaction_is_admin(interaction: discord.Interaction, cfg: DiscordSettings) -> bool:
    """`is_admin` for the user of an interaction, from the interaction itself: the roles and
    permissions Discord sent with it, so a role taken away counts at the next command."""
    user = interaction.user
    roles = [role.id for role in user.roles] if isinstance(user, discord.Member) else []
    return is_admin(user.id, roles, interaction.guild_id, interaction.permissions, cfg)


def describe_progress(progress: BuildProgress | None) -> str:
    """'embedding 120/300 (40%)', or 'starting' before the first report."""
    if progress is None:
        return "starting"
    phase = escape_line(progress.phase)
    if progress.total:
        return f"{phase} {progress.done:,}/{progress.total:,} ({progress.percent:.0f}%)"
    return phase


class ProgressRelay:
    """Hands build progress from the worker thread to the event loop, coalescing bursts.

    The library may report after every passage; only the latest report matters, so at most
    one hand-off is queued on the loop at a time (`call_soon_threadsafe`, the one thread-safe
    way into the loop).
    """

    def __init__(
        self, loop: asyncio.AbstractEventLoop, deliver: Callable[[BuildProgress], None]
    ) -> None:
        self._loop = loop
        self._deliver = deliver
        self._lock = threading.Lock()
        self._latest: BuildProgress | None = None
        self._queued = False

    def __call__(self, progress: BuildProgress) -> None:  # worker thread
        with self._lock:
            self._latest = progress
            if self._queued:
                return
            self._queued = True
        self._loop.call_soon_threadsafe(self._flush)

    def _flush(self) -> None:  # event loop
        with self._lock:
            progress, self._latest, self._queued = self._latest, None, False
        if progress is not None:
            self._deliver(progress)


class Throttle:
    """True at most once every `interval` seconds (the first call always passes)."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self._last = float("-inf")

    def ready(self, now: float) -> bool:
        if now - self._last < self.interval:
            return False
        self._last = now
        return True


@dataclass
class _Build:
    """The build in progress, as the loop sees it."""

    user: str
    full: bool
    started: float  # time.monotonic()
    started_at: datetime
    progress: BuildProgress | None = None
    edit: asyncio.Task[None] | None = None
    edits: list[asyncio.Task[None]] = field(default_factory=list)


class AdminCog(commands.Cog):
    """Index maintenance for admins."""

    def __init__(self, bot: NewsBot) -> None:
        self.bot = bot
        self.build: _Build | None = None

    def _allowed(self, interaction: discord.Interaction) -> bool:
        """Checked on every admin command (see `interaction_is_admin`)."""
        return interaction_is_admin(interaction, self.bot.settings.discord)

    @app_commands.command(name="reindex")
    @app_commands.describe(full="Rebuild everything from scratch instead of only what changed")
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.guild_only()
    async def reindex(self, interaction: discord.Interaction, full: bool = False) -> None:
        """Re-read the configured news sources and rebuild the index (admins only)."""
        # Checked here as well: server admins can change a command's default permissions.
        if not self._allowed(interaction):
            await send_notice(interaction, REFUSED_TEXT)
            return
        if not self.bot.settings.index.builder:
            await send_notice(interaction, not_builder_text(self.bot.settings, "Re-indexing"))
            return
        running = self.build
        if running is not None:
            await send_notice(
                interaction,
                f"A re-index is already running (started by {escape_line(running.user)} "
                f"{discord.utils.format_dt(running.started_at, 'R')}): "
                f"{describe_progress(running.progress)}. Wait for it to finish.",
            )
            return
        build = _Build(
            user=interaction.user.display_name,
            full=full,
            started=time.monotonic(),
            started_at=discord.utils.utcnow(),
        )
        self.build = build
        try:
            await interaction.response.defer(thinking=True)
            await self._run_build(interaction, build)
        finally:
            self.build = None

    async def _run_build(self, interaction: discord.Interaction, build: _Build) -> None:
        kind = "Full re-index" if build.full else "Re-index"
        loop = asyncio.get_running_loop()

        throttle = Throttle(self.bot.settings.discord.progress_interval_seconds)

        def show(progress: BuildProgress) -> None:
            build.progress = progress
            # One edit in flight at a time: Discord rate-limits edits of the same message.
            if build.edit is not None and not build.edit.done():
                return
            if not throttle.ready(time.monotonic()):
                return
            text = f"⏳ {kind} in progress: {describe_progress(progress)}"
            build.edit = loop.create_task(self._edit(interaction, build, text, final=False))
            build.edits.append(build.edit)

        relay = ProgressRelay(loop, show)
        log.info("%s started by %s", kind.lower(), build.user)
        try:
            report: BuildReport = await self.bot.offload(
                self.bot.library.build, rebuild=build.full, progress=relay
            )
        except BuildInProgressError as exc:
            # A feed refresh in this process says how far it is; another process cannot.
            text = (
                f"❌ Another build is already running ({escape_line(str(exc), ERROR_CHARS)}: "
                "a feed refresh, or `newsbot index` on the server); try again when it has "
                "finished. The current index keeps serving."
            )
        except NewsbotError as exc:
            log.warning("%s failed: %s", kind.lower(), exc)
            error = escape_line(str(exc), ERROR_CHARS)
            text = f"❌ {kind} failed: {error}\nThe previous index keeps serving."
        except Exception:
            log.exception("%s failed", kind.lower())
            text = (
                f"❌ {kind} failed with an unexpected error (details are in the bot's log). "
                "The previous index keeps serving."
            )
        else:
            summary = report.summary()
            log.info("%s done: %s", kind.lower(), summary)
            # The summary names skipped files and articles: text the bot did not write.
            text = f"✅ {kind} done: {escape_lines(summary, ERROR_CHARS)}"
        # The last progress edit must not land after (and over) the final message.
        if build.edits:
            await asyncio.gather(*build.edits, return_exceptions=True)
        await self._edit(interaction, build, text, final=True)

    async def _edit(
        self, interaction: discord.Interaction, build: _Build, text: str, *, final: bool
    ) -> None:
        """Edit the command's response; the final result falls back to a channel message."""
        try:
            if time.monotonic() - build.started < INTERACTION_TOKEN_SECONDS:
                await interaction.edit_original_response(content=text, allowed_mentions=NO_MENTIONS)
                return
        except discord.HTTPException:
            log.warning("could not edit the /reindex response", exc_info=True)
        if not final:
            return
        channel = interaction.channel
        if isinstance(channel, discord.abc.Messageable):
            try:
                await channel.send(text, allowed_mentions=NO_MENTIONS)
            except discord.HTTPException:
                log.warning("could not post the /reindex result", exc_info=True)


async def setup(bot: commands.Bot) -> None:
    from bot.discord_bot import NewsBot

    assert isinstance(bot, NewsBot), "the admin cog needs a NewsBot"
    await bot.add_cog(AdminCog(bot))
