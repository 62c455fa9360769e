"""/latest [topic]: the newest indexed stories, optionally about a topic, one line each with
the outlet, the date and a link."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.answer import newest_stories
from bot.cogs.ask import busy_text, cooldown_text, error_text
from bot.discord_bot import NO_MENTIONS, send_notice
from bot.render import EMBED_COLOUR, EMBED_DESCRIPTION_LIMIT, EMBED_TITLE_LIMIT, story_line
from index.errors import IndexMissingError

if TYPE_CHECKING:
    from bot.discord_bot import NewsBot
    from index.models import Article

log = logging.getLogger(__name__)

LATEST_STORIES = 10  # lines /latest shows
TOPIC_MAX_CHARS = 200
NOTHING_TEXT = "No dated stories in the index yet."
NOTHING_ABOUT_TEXT = "No dated stories about “{topic}” in the index."


def latest_embed(stories: list[Article], topic: str | None) -> discord.Embed:
    """The stories, newest first, as many whole lines as fit in one embed's description."""
    title = f"Latest about {topic}" if topic else "Latest stories"
    lines: list[str] = []
    size = 0
    for story in stories:
        line = story_line(story)
        if size + len(line) + 1 > EMBED_DESCRIPTION_LIMIT:
            break
        lines.append(line)
        size += len(line) + 1
    embed = discord.Embed(
        title=title[:EMBED_TITLE_LIMIT], description="\n".join(lines), colour=EMBED_COLOUR
    )
    return embed


class LatestCog(commands.Cog):
    """The newest stories."""

    def __init__(self, bot: NewsBot) -> None:
        self.bot = bot

    @app_commands.command(name="latest")
    @app_commands.describe(topic="Only stories about this (e.g. the dock strike)")
    async def latest(
        self,
        interaction: discord.Interaction,
        topic: app_commands.Range[str, 1, TOPIC_MAX_CHARS] | None = None,
    ) -> None:
        """The newest indexed stories, optionally about a topic: outlet, date and link."""
        user_id = interaction.user.id
        wait = self.bot.cooldown.try_acquire(user_id)
        if wait:
            await send_notice(interaction, cooldown_text(wait))
            return
        with self.bot.in_flight.slot() as admitted:
            if not admitted:
                self.bot.cooldown.reset(user_id)
                await send_notice(interaction, busy_text())
                return
            await interaction.response.defer(thinking=True)
            topic = " ".join(topic.split()) if topic else None
            try:
                searcher = await self.bot.offload(self.bot.library.searcher)
                stories = await self.bot.offload(
                    newest_stories, searcher, topic, LATEST_STORIES, interaction.created_at
                )
            except Exception as exc:
                self.bot.cooldown.reset(user_id)
                if not isinstance(exc, IndexMissingError):
                    log.exception("/latest failed")
                text = error_text(exc)
                await interaction.edit_original_response(content=text, allowed_mentions=NO_MENTIONS)
                return
        if not stories:
            text = NOTHING_ABOUT_TEXT.format(topic=topic) if topic else NOTHING_TEXT
            await interaction.edit_original_response(
                content=discord.utils.escape_markdown(text), allowed_mentions=NO_MENTIONS
            )
            return
        await interaction.edit_original_response(
            embed=latest_embed(stories, topic), allowed_mentions=NO_MENTIONS
        )


async def setup(bot: commands.Bot) -> None:
    from bot.discord_bot import NewsBot

    assert isinstance(bot, NewsBot), "the latest cog needs a NewsBot"
    await bot.add_cog(LatestCog(bot))
