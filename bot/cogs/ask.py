"""Asking: /ask, mentions, configured channels and follow-up replies (/sources: sources.py).

Every path runs the same way: check the rate limits, show that the bot is working (a deferred
interaction or the typing indicator), compute the answer in a worker thread, then send the
rendered messages with mentions disabled. Each answer message remembers its question and
subject, so a reply to it is a follow-up ("and what did Lavrov say?"). An answer that found
something carries a "Not helpful" button under its last message (`bot.cogs.feedback`).
"""

from __future__ import annotations

import logging
import re
from collections import OrderedDict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.cogs.feedback import feedback_view
from bot.discord_bot import NO_MENTIONS, UNEXPECTED_ERROR_TEXT, send_notice
from bot.feedback import new_key
from bot.framing import only_framing
from bot.limits import Slot
from bot.models import Answer, Conversation
from bot.render import (
    MESSAGE_LIMIT,
    Reply,
    escape_line,
    render_answer,
)
from bot.timeframe import parse_since
from index.errors import IndexMissingError, IndexNotReadyError, NewsbotError

if TYPE_CHECKING:
    from bot.discord_bot import NewsBot

log = logging.getLogger(__name__)

# Discord drops an interaction not acknowledged within this time; /ask defers at once.
INTERACTION_DEADLINE_SECONDS = 3
QUESTION_MAX_CHARS = 1000  # the slash option's limit; the answerer enforces its own
SINCE_MAX_CHARS = 40
# Answer messages remembered for follow-ups; older ones are forgotten first.
CONVERSATION_MEMORY = 2000
HISTORY_QUESTIONS = 5  # earlier questions passed along with a follow-up
BUSY_RETRY_SECONDS = 10  # what a user is told to wait when every answer slot is busy

HELP_TEXT = (
    "Ask me about the news: mention me with a question, e.g. “@{name} what did the Kremlin say "
    "about Venezuela?”, or use `/ask`."
)
NO_INDEX_TEXT = (
    "No index has been built yet, so there is nothing to answer from. An admin can run "
    "`/reindex` (or `newsbot index` on the server)."
)


@dataclass(frozen=True)
class _Exchange:
    """What a follow-up inherits from the answer it replies to."""

    question: str
    subject: str | None
    history: tuple[str, ...]

    def follow_up(self) -> Conversation:
        return Conversation(question=self.question, subject=self.subject, history=self.history)


class ConversationMemory:
    """The question and subject behind each answer message, for the last `size` messages."""

    def __init__(self, size: int = CONVERSATION_MEMORY) -> None:
        self.size = size
        self._by_message: OrderedDict[int, _Exchange] = OrderedDict()

    def remember(
        self, message_ids: list[int], answer: Answer, earlier: Conversation | None
    ) -> None:
        history = (*earlier.history, earlier.question) if earlier else ()
        # A follow-up that names no new subject keeps talking about the earlier one.
        subject = answer.subject or (earlier.subject if earlier else None)
        exchange = _Exchange(answer.question, subject, history[-HISTORY_QUESTIONS:])
        for message_id in message_ids:
            self._by_message[message_id] = exchange
            self._by_message.move_to_end(message_id)
        while len(self._by_message) > self.size:
            self._by_message.popitem(last=False)

    def conversation_for(self, message_id: int | None) -> Conversation | None:
        exchange = self._by_message.get(message_id) if message_id is not None else None
        return exchange.follow_up() if exchange else None


def retry_text(seconds: float) -> str:
    """'try again <t:...:R>' as a Discord relative timestamp ('in 8 seconds')."""
    when = discord.utils.utcnow() + timedelta(seconds=max(1.0, seconds))
    return f"try again {discord.utils.format_dt(when, 'R')}"


def cooldown_text(seconds: float) -> str:
    return f"You're asking a bit fast: {retry_text(seconds)}."


def busy_text() -> str:
    return f"I'm busy answering other questions right now: {retry_text(BUSY_RETRY_SECONDS)}."


def not_ready_text(why: str) -> str:
    """'⏳ Still indexing, 42% …' from the library's reason why there is nothing to answer
    from yet (index/library.py's `not_ready`)."""
    return f"⏳ {escape_line(why[:1].upper() + why[1:], MESSAGE_LIMIT - 3)}."


def no_index_text(library: object) -> str:
    """What to say when the library has no snapshot to serve: why, when it knows."""
    not_ready = getattr(library, "not_ready", None)
    why = not_ready() if callable(not_ready) else None
    return not_ready_text(why) if why else NO_INDEX_TEXT


def error_text(exc: Exception) -> str:
    """The short message a person sees for an error while answering."""
    if isinstance(exc, IndexNotReadyError):
        return not_ready_text(str(exc))
    if isinstance(exc, IndexMissingError):
        return NO_INDEX_TEXT
    if isinstance(exc, NewsbotError):
        # The message may quote the question: escaped like any text the bot did not write.
        return escape_line(str(exc), MESSAGE_LIMIT) or UNEXPECTED_ERROR_TEXT
    return UNEXPECTED_ERROR_TEXT


@asynccontextmanager
async def typing_in(channel: discord.abc.Messageable) -> AsyncIterator[None]:
    """The typing indicator in `channel` for the block, when Discord allows it: a refusal
    (missing permission, rate limit) costs the indicator, never the answer."""
    typing = channel.typing()
    try:
        await typing.__aenter__()
        shown = True
    except discord.HTTPException as exc:
        log.info("no typing indicator (%s); answering without it", exc)
        shown = False
    try:
        yield
    finally:
        if shown:
            try:
                await typing.__aexit__(None, None, None)
            except discord.HTTPException as exc:
                log.info("could not stop the typing indicator (%s)", exc)


class AskCog(commands.Cog):
    """Questions and answers."""

    def __init__(self, bot: NewsBot) -> None:
        self.bot = bot
        self.memory = ConversationMemory()

    async def _compute(
        self,
        slot: Slot,
        question: str,
        conversation: Conversation | None,
        now: datetime,
        since: str | None = None,
    ) -> Answer:
        """The answer as of `now` (when the question was sent), from articles since `since`,
        computed in a worker thread that keeps `slot` until it returns."""
        start = parse_since(since, now) if since else None
        return await self.bot.compute_answer(slot, question, conversation, now=now, since=start)

    async def _feedback_view(self, answer: Answer) -> discord.ui.View | None:
        """The "Not helpful" button for an answer that found something, once the answer is
        kept for it; None otherwise (the answer is still sent when keeping it fails)."""
        if not answer.found:
            return None
        key = new_key()
        try:
            await self.bot.offload(self.bot.feedback.remember, key, answer)
        except Exception:
            log.exception(
                "could not keep answer %s for feedback; sending it without the button", key
            )
            return None
        return feedback_view(key)

    # ------------------------------------------------------------------ /ask

    @app_commands.command(name="ask")
    @app_commands.describe(
        question="What you want to know about the news (e.g. what did Peskov say?)",
        private="Reply only to you (nobody else sees the answer)",
        since="Only articles since then: a date (2025-03-01), a year (2019) or a month (March)",
    )
    async def ask(
        self,
        interaction: discord.Interaction,
        question: app_commands.Range[str, 1, QUESTION_MAX_CHARS],
        private: bool = False,
        since: app_commands.Range[str, 1, SINCE_MAX_CHARS] | None = None,
    ) -> None:
        """Ask a question about the indexed news; the answer cites its sources."""
        age = (discord.utils.utcnow() - interaction.created_at).total_seconds()
        if age > INTERACTION_DEADLINE_SECONDS:
            log.warning("/ask reached the bot %.1fs after it was sent; Discord may drop it", age)
        user_id = interaction.user.id
        wait = self.bot.cooldown.try_acquire(user_id)
        if wait:
            await send_notice(interaction, cooldown_text(wait))
            return
        with self.bot.in_flight.slot() as slot:
            if not slot:
                self.bot.cooldown.reset(user_id)
                await send_notice(interaction, busy_text())
                return
            await interaction.response.defer(thinking=True, ephemeral=private)
            try:
                answer = await self._compute(slot, question, None, interaction.created_at, since)
            except Exception as exc:
                self.bot.cooldown.reset(user_id)  # nothing was answered: let them fix and retry
                if not isinstance(exc, NewsbotError):
                    log.exception("answering /ask failed")
                await interaction.edit_original_response(
                    content=error_text(exc), allowed_mentions=NO_MENTIONS
                )
                return
        view = await self._feedback_view(answer)
        replies = render_answer(answer)
        ids = await self._send_interaction_replies(interaction, replies, private, view)
        self.memory.remember(ids, answer, None)

    async def _send_interaction_replies(
        self,
        interaction: discord.Interaction,
        replies: list[Reply],
        private: bool,
        view: discord.ui.View | None,
    ) -> list[int]:
        """Send the replies in order, the view under the last one."""
        first, *rest = replies
        message = await interaction.edit_original_response(
            content=first.content,
            embeds=list(first.embeds),
            allowed_mentions=NO_MENTIONS,
            view=view if not rest and view else discord.utils.MISSING,
        )
        ids = [message.id]
        for i, reply in enumerate(rest, start=2):
            followup = await interaction.followup.send(
                content=reply.content or discord.utils.MISSING,
                embeds=list(reply.embeds),
                ephemeral=private,
                allowed_mentions=NO_MENTIONS,
                view=view if i == len(replies) and view else discord.utils.MISSING,
                wait=True,
            )
            ids.append(followup.id)
        return ids

    # ------------------------------------------------------------------ messages

    def _question_from(
        self, message: discord.Message
    ) -> tuple[str, Conversation | None, bool] | None:
        """(question, what it follows up on, whether the bot was mentioned), or None when the
        message is not addressed to the bot."""
        me = self.bot.user
        if me is None or message.author.bot or message.webhook_id is not None:
            return None
        reference = message.reference
        conversation = self.memory.conversation_for(reference.message_id if reference else None)
        mention = re.compile(rf"<@!?{me.id}>")
        mentioned = me in message.mentions or mention.search(message.content) is not None
        channels = self.bot.settings.discord.channels
        # Threads started in a configured channel count as that channel.
        parent_id = getattr(message.channel, "parent_id", None)
        in_channel = message.channel.id in channels or parent_id in channels
        in_dm = message.guild is None
        if conversation is None and not (mentioned or in_channel or in_dm):
            return None
        # Mentions of the bot are how people address it, not part of the question.
        question = mention.sub(" ", message.content)
        return " ".join(question.split()), conversation, mentioned

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        found = self._question_from(message)
        if found is None:
            return
        question, conversation, mentioned = found
        if not question or only_framing(question):
            # Without the message-content intent, other messages arrive empty: not for us. A
            # greeting or thanks asks nothing: how to ask, for whoever spoke to the bot itself
            # (in a configured channel, "thanks all!" is not for it).
            if (mentioned or message.guild is None) and message.content:
                name = self.bot.user.display_name if self.bot.user else "newsbot"
                await self._reply(message, HELP_TEXT.format(name=name))
            return
        try:
            await self._answer_message(message, question, conversation)
        except Exception:
            log.exception("answering a message in channel %s failed", message.channel.id)
            await self._reply(message, UNEXPECTED_ERROR_TEXT)

    async def _answer_message(
        self, message: discord.Message, question: str, conversation: Conversation | None
    ) -> None:
        user_id = message.author.id
        wait = self.bot.cooldown.try_acquire(user_id)
        if wait:
            await self._reply(message, cooldown_text(wait))
            return
        with self.bot.in_flight.slot() as slot:
            if not slot:
                self.bot.cooldown.reset(user_id)
                await self._reply(message, busy_text())
                return
            try:
                async with typing_in(message.channel):
                    answer = await self._compute(slot, question, conversation, message.created_at)
            except NewsbotError as exc:
                self.bot.cooldown.reset(user_id)  # nothing was answered: let them fix and retry
                await self._reply(message, error_text(exc))
                return
        view = await self._feedback_view(answer)
        replies = render_answer(answer)
        ids = []
        for i, reply in enumerate(replies, start=1):
            send = message.reply if i == 1 else message.channel.send
            sent = await send(
                content=reply.content,
                embeds=list(reply.embeds),
                allowed_mentions=NO_MENTIONS,
                view=view if i == len(replies) and view else discord.utils.MISSING,
            )
            ids.append(sent.id)
        self.memory.remember(ids, answer, conversation)

    async def _reply(self, message: discord.Message, text: str) -> None:
        try:
            await message.reply(text, allowed_mentions=NO_MENTIONS)
        except discord.HTTPException:
            log.warning("could not reply in channel %s", message.channel.id, exc_info=True)


async def setup(bot: commands.Bot) -> None:
    from bot.discord_bot import NewsBot

    assert isinstance(bot, NewsBot), "the ask cog needs a NewsBot"
    await bot.add_cog(AskCog(bot))
