"""/sources: what the index holds and where it comes from; the feed refresher in the background.

`/sources` is a command group (Discord cannot invoke a group itself): `/sources list` for
everyone, `/sources add <feed url>` and `/sources remove <name>` for admins (the same check as
/reindex). Added feeds are kept in the sources file beside the config (index/sources.py), never
by rewriting config.toml. The cog runs `index.refresher.Refresher` passes from an asyncio task,
started when the cog loads and cancelled when it unloads (the bot closing unloads it); each pass
is one build in a worker thread, so questions keep being answered meanwhile.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.cogs.admin import interaction_is_admin, not_builder_text
from bot.cogs.ask import no_index_text
from bot.discord_bot import NO_MENTIONS, send_notice
from bot.render import (
    EMBED_COLOUR,
    EMBED_FIELD_NAME_LIMIT,
    SOURCE_CHARS,
    escape_line,
    format_date,
)
from index.errors import ConfigError, IndexMissingError
from index.progress import BuildReport
from index.refresher import BUSY_RETRY_SECONDS, MAX_SLEEP_SECONDS, Refresher, SourceOverview
from index.sources import MAX_URL_CHARS, add_source, remove_source

if TYPE_CHECKING:
    from bot.discord_bot import NewsBot

log = logging.getLogger(__name__)

SOURCES_SHOWN = 10  # outlets listed by /sources list (the largest first)
CONFIGURED_SHOWN = 12  # configured sources listed, one embed field each (Discord allows 25)
LOCATION_CHARS = 120  # of a source's path or URL in its field
ERROR_CHARS = 300  # of the reason a refresh failed
NAME_CHARS = 80  # the longest source name accepted (index/config.py's SOURCE_NAME)
MIN_WAIT_SECONDS = 1.0  # between two refresher passes, whatever is due

REFUSED_TEXT = (
    "Only newsbot's admins can add or remove sources: the users and roles listed in "
    "[discord].admin_users / admin_roles, and members with the Manage Server permission in the "
    "servers listed in [discord].admin_guilds."
)


class SourcesCog(commands.GroupCog, group_name="sources"):
    """Where the news comes from."""

    def __init__(self, bot: NewsBot) -> None:
        self.bot = bot
        self.refresher = Refresher(bot.settings, self._build, clock=self._now)
        self._task: asyncio.Task[None] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._started = (datetime.now(UTC), 0.0)

    def _build(self, **options: Any) -> BuildReport:
        """The library's build, looked up when a pass runs (not when the cog loads)."""
        return self.bot.library.build(**options)

    def _now(self) -> datetime:
        """The time by the event loop's clock: monotonic (a wall-clock jump does not make
        every feed due, or none), and the one the loop's sleeps are measured by."""
        if self._loop is None:
            return datetime.now(UTC)
        wall, loop_time = self._started
        return wall + timedelta(seconds=self._loop.time() - loop_time)

    async def cog_load(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._started = (datetime.now(UTC), self._loop.time())
        if not self.bot.settings.index.builder:
            # The builder refreshes the feeds; this process serves the snapshots it switches to.
            log.info("not refreshing feeds here: [index].builder = false")
            return
        self._task = asyncio.create_task(self._refresh_loop(), name="feed refresher")

    async def cog_unload(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    # ------------------------------------------------------------------ the refresher

    def _has_feeds(self) -> bool:
        try:
            return any(s.kind == "feed" for s in self.refresher.sources())
        except ConfigError as exc:  # a sources file edited into nonsense: said once a pass
            log.error("cannot list the sources: %s", exc)
            return False

    async def _refresh_loop(self) -> None:
        """Refresh due feeds, then sleep until the next falls due (at most a minute, so a
        feed written into the sources file by hand is noticed)."""
        while True:
            busy = self._has_feeds() or self.refresher.prune_pending
            wait = await self._pass() if busy else None
            await asyncio.sleep(MAX_SLEEP_SECONDS if wait is None else max(MIN_WAIT_SECONDS, wait))

    async def _pass(self) -> float:
        """One refresher pass in a worker thread; the seconds until the next is due."""
        try:
            result = await self.bot.offload(self.refresher.run_once)
        except Exception:
            log.exception("the feed refresher failed; trying again later")
            return BUSY_RETRY_SECONDS
        if result is not None and result.busy:
            return BUSY_RETRY_SECONDS
        return float(self.refresher.seconds_to_next())

    # ------------------------------------------------------------------ /sources list

    @app_commands.command(name="list")
    async def list_sources(self, interaction: discord.Interaction) -> None:
        """What the index holds: each source with its articles, newest article, last refresh."""
        await interaction.response.defer(thinking=True, ephemeral=True)
        try:
            stats = await self.bot.offload(self.bot.library.stats)
        except IndexMissingError:
            await interaction.edit_original_response(
                content=no_index_text(self.bot.library), allowed_mentions=NO_MENTIONS
            )
            return
        try:
            rows = await self.bot.offload(self.refresher.overview)
        except ConfigError as exc:
            log.error("cannot list the sources: %s", exc)
            rows = []
        embed = discord.Embed(title="What I know", colour=EMBED_COLOUR)
        embed.add_field(name="Articles", value=f"{stats.articles:,}")
        embed.add_field(name="Passages", value=f"{stats.passages:,}")
        embed.add_field(name="Statements", value=f"{stats.statements:,}")
        newest = format_date(stats.newest_article)  # from an article: escaped
        embed.add_field(name="Newest article", value=escape_line(newest) if newest else "unknown")
        embed.add_field(name="Last build", value=_when(stats.built_at))
        top = sorted(stats.sources.items(), key=lambda kv: (-kv[1], kv[0]))
        lines = [f"{escape_line(name, SOURCE_CHARS)}: {n:,}" for name, n in top[:SOURCES_SHOWN]]
        if len(top) > SOURCES_SHOWN:
            lines.append(f"… and {len(top) - SOURCES_SHOWN} more")
        embed.add_field(
            name=f"Sources ({len(top)})", value="\n".join(lines) or "none", inline=False
        )
        for row in rows[:CONFIGURED_SHOWN]:
            name, value = _source_field(row)
            embed.add_field(name=name, value=value, inline=False)
        if len(rows) > CONFIGURED_SHOWN:
            embed.set_footer(text=f"… and {len(rows) - CONFIGURED_SHOWN} more configured sources")
        await interaction.edit_original_response(embed=embed, allowed_mentions=NO_MENTIONS)

    # ------------------------------------------------------------------ /sources add, remove

    @app_commands.command(name="add")
    @app_commands.describe(
        url="The feed's address (RSS or Atom), starting with https://",
        name="A short name for it (default: the site's name)",
    )
    async def add(
        self,
        interaction: discord.Interaction,
        url: app_commands.Range[str, 1, MAX_URL_CHARS],
        name: app_commands.Range[str, 1, NAME_CHARS] | None = None,
    ) -> None:
        """Add a news feed; it is fetched at once, then on its interval (admins only)."""
        if not interaction_is_admin(interaction, self.bot.settings.discord):
            await send_notice(interaction, REFUSED_TEXT)
            return
        if not self.bot.settings.index.builder:  # the sources file is the builder's
            await send_notice(interaction, not_builder_text(self.bot.settings, "Adding sources"))
            return
        await interaction.response.defer(thinking=True, ephemeral=True)
        try:
            source = await self.bot.offload(add_source, self.bot.settings, url, name)
        except ConfigError as exc:
            text = f"❌ Not added: {escape_line(str(exc), ERROR_CHARS)}"
        else:
            log.info("source %r (%s) added by %s", source.name, source.location, interaction.user)
            shown = escape_line(source.name, SOURCE_CHARS)
            await interaction.edit_original_response(
                content=f"⏳ Added the feed **{shown}**; fetching it now…",
                allowed_mentions=NO_MENTIONS,
            )
            await self._pass()  # at once, not at the refresher's next wake-up
            text = (
                f"✅ Added the feed **{shown}**; it is refreshed every "
                f"{source.interval_minutes:g} minutes. {await self._outcome(source.name)}"
            )
        await interaction.edit_original_response(content=text, allowed_mentions=NO_MENTIONS)

    async def _outcome(self, name: str) -> str:
        """How the last refresh of source `name` went, in a sentence."""
        try:
            rows = await self.bot.offload(self.refresher.overview)
        except Exception:
            log.exception("cannot describe source %r", name)
            return "`/sources list` shows how it went."
        row = next((r for r in rows if r.name == name), None)
        if row is None or row.ok is None:
            return "`/sources list` shows how it went."
        if not row.ok:
            return f"Its first refresh failed: {escape_line(row.error or '?', ERROR_CHARS)}"
        return f"It holds {row.articles:,} article{'' if row.articles == 1 else 's'}."

    @app_commands.command(name="remove")
    @app_commands.describe(name="The source's name, as /sources list shows it")
    async def remove(
        self, interaction: discord.Interaction, name: app_commands.Range[str, 1, NAME_CHARS]
    ) -> None:
        """Remove a feed added with /sources add; its articles leave the index (admins only)."""
        if not interaction_is_admin(interaction, self.bot.settings.discord):
            await send_notice(interaction, REFUSED_TEXT)
            return
        if not self.bot.settings.index.builder:
            text = not_builder_text(self.bot.settings, "Removing sources")
            await send_notice(interaction, text)
            return
        await interaction.response.defer(thinking=True, ephemeral=True)
        try:
            source = await self.bot.offload(remove_source, self.bot.settings, name)
        except ConfigError as exc:
            text = f"❌ Not removed: {escape_line(str(exc), ERROR_CHARS)}"
        else:
            log.info("source %r removed by %s", source.name, interaction.user)
            self.refresher.request_prune()
            await self._pass()  # a build that drops its articles, now
            text = (
                f"✅ Removed **{escape_line(source.name, SOURCE_CHARS)}**; its articles have "
                "left the index (or leave it with the next refresh, if a build was running)."
            )
        await interaction.edit_original_response(content=text, allowed_mentions=NO_MENTIONS)


def _source_field(row: SourceOverview) -> tuple[str, str]:
    """An embed field for one configured source: its name, then counts and last refresh."""
    kind = "feed" if row.kind == "feed" else "files"
    added = ", added here" if row.added else ""
    name = f"{escape_line(row.name, SOURCE_CHARS)} ({kind}{added})"[:EMBED_FIELD_NAME_LIMIT]
    newest = format_date(row.newest)
    parts = [
        f"{row.articles:,} article{'' if row.articles == 1 else 's'}",
        f"newest {escape_line(newest)}" if newest else "no dated article",
    ]
    if row.kind == "feed":
        if row.refreshed_at is None:
            parts.append("not refreshed yet")
        elif row.ok:
            parts.append(f"refreshed {_relative(row.refreshed_at)}: ok")
        else:
            why = escape_line(row.error or "unknown error", ERROR_CHARS)
            parts.append(f"refreshed {_relative(row.refreshed_at)}: failed ({why})")
    location = escape_line(row.location, LOCATION_CHARS)
    return name, f"{' · '.join(parts)}\n{location}"


def _moment(iso: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _relative(iso: str) -> str:
    moment = _moment(iso)
    return discord.utils.format_dt(moment, "R") if moment else escape_line(iso, 40)


def _when(iso: str) -> str:
    """A Discord timestamp for an ISO time (shown in each reader's time zone)."""
    moment = _moment(iso)
    if moment is None:
        return escape_line(iso) or "unknown"
    return f"{discord.utils.format_dt(moment, 'f')} ({discord.utils.format_dt(moment, 'R')})"


async def setup(bot: commands.Bot) -> None:
    from bot.discord_bot import NewsBot

    assert isinstance(bot, NewsBot), "the sources cog needs a NewsBot"
    await bot.add_cog(SourcesCog(bot))
