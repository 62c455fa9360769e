"""The "Not helpful" button under each answer that found something.

The button is a `discord.ui.DynamicItem`: its custom_id carries the answer's key, and the item
class is registered with the bot when this extension loads (in `setup_hook`), so a button keeps
working after the bot restarts; the answer is looked up in the data directory's store
(`bot.feedback`). A click is acknowledged at once with an ephemeral "thinking" response, then
recorded in a worker thread, then answered privately.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any

import discord
from discord.ext import commands

from bot.discord_bot import NO_MENTIONS, UNEXPECTED_ERROR_TEXT
from bot.feedback import Feedback

if TYPE_CHECKING:
    from bot.discord_bot import NewsBot

log = logging.getLogger(__name__)

CUSTOM_ID_LIMIT = 100  # characters of a component's custom_id (Discord's limit)
CUSTOM_ID_PREFIX = "newsbot:not-helpful:"
BUTTON_LABEL = "Not helpful"
BUTTON_EMOJI = "\N{THUMBS DOWN SIGN}"

RECORDED_TEXT = "Thanks, noted: this answer was not helpful. The admins will look into it."
ALREADY_RECORDED_TEXT = "You already marked this answer as not helpful; it is recorded."
UNKNOWN_ANSWER_TEXT = (
    "I no longer have this answer on record, so I can't note feedback on it. "
    "Ask again and mark the new answer if it is still wrong."
)


class NotHelpfulButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=re.escape(CUSTOM_ID_PREFIX) + r"(?P<key>[0-9a-f]{32})",
):
    """Records that the clicking user found the answer with this key not helpful."""

    def __init__(self, key: str) -> None:
        custom_id = CUSTOM_ID_PREFIX + key
        assert len(custom_id) <= CUSTOM_ID_LIMIT
        super().__init__(
            discord.ui.Button(
                label=BUTTON_LABEL,
                emoji=BUTTON_EMOJI,
                style=discord.ButtonStyle.secondary,
                custom_id=custom_id,
            )
        )
        self.key = key

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> NotHelpfulButton:
        return cls(match["key"])

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        # Acknowledge first (Discord drops an interaction not answered within 3 seconds).
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            text = await self._record(interaction)
        except Exception:
            log.exception("recording feedback on answer %s failed", self.key)
            text = UNEXPECTED_ERROR_TEXT
        await interaction.edit_original_response(content=text, allowed_mentions=NO_MENTIONS)

    async def _record(self, interaction: discord.Interaction[Any]) -> str:
        bot: NewsBot = interaction.client
        store = bot.feedback
        shown = await bot.offload(store.shown, self.key)
        if shown is None:
            return UNKNOWN_ANSWER_TEXT
        item = Feedback(
            answer=shown,
            user_id=interaction.user.id,
            user_name=interaction.user.name,
            guild_id=interaction.guild_id,
            channel_id=interaction.channel_id,
            recorded_at=interaction.created_at.isoformat(timespec="seconds"),
        )
        if not await bot.offload(store.record, item):
            return ALREADY_RECORDED_TEXT
        log.info("user %s marked answer %s not helpful", interaction.user.id, self.key)
        return RECORDED_TEXT


def feedback_view(key: str) -> discord.ui.View:
    """The view under an answer: its "Not helpful" button (no timeout: it outlives restarts)."""
    view = discord.ui.View(timeout=None)
    view.add_item(NotHelpfulButton(key))
    return view


async def setup(bot: commands.Bot) -> None:
    bot.add_dynamic_items(NotHelpfulButton)
