"""The bot over real sockets: `bot.start(token)` against a fake Discord (tests/bot/fake_discord/).

discord.py does the real work here: login over HTTP, the zlib-compressed gateway, its own
parsers for READY, GUILD_CREATE, INTERACTION_CREATE and MESSAGE_CREATE, command sync and the
interaction webhooks. The tests assert what reached "Discord": the REST calls the bot made.
"""

from __future__ import annotations

import asyncio
import io
import logging
import shutil
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import aiohttp
import discord
import pytest
import yarl

from bot.answer import Answerer
from bot.cogs.admin import REFUSED_TEXT
from bot.discord_bot import NewsBot, ShardedNewsBot, create_bot, redact_logged_secrets
from bot.discord_bot import run as run_bot
from bot.models import Answer, Citation, Conversation
from bot.settings import Settings
from index.library import Library
from tests.bot.fake_discord import FakeDiscord, RestCall
from tests.conftest import SAMPLE, make_settings
from tests.fakes import FakeEmbedder

TOKEN = "fake-token.must-never-be-logged"
TIMEOUT = 15.0  # seconds; only ever reached when the bot is broken
QUESTION = "What did Peskov say?"
# The headline of the seed article (data/sample/000_57a03034e1c4b1e0.txt), the one that quotes
# Kremlin spokesman Dmitry Peskov: the answer must cite it.
SEED_TITLE = "Russia denies reporting Washington withdraws its troops from Venezuela"

MakeBot = Callable[..., NewsBot]


@pytest.fixture
async def server(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeDiscord]:
    fake = FakeDiscord(TOKEN)
    await fake.start()
    # Class attributes read by every Route and every gateway connection; monkeypatch restores
    # the real Discord addresses after the test.
    monkeypatch.setattr(discord.http.Route, "BASE", fake.api_base)
    monkeypatch.setattr(
        discord.gateway.DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(fake.gateway_url)
    )
    yield fake
    await fake.stop()


@pytest.fixture
def make_bot(settings: Settings, library: Any, answerer: Any) -> MakeBot:
    """A NewsBot on the sample index; keyword arguments override [discord] settings."""

    def make(**discord_settings: Any) -> NewsBot:
        bot_settings = replace(settings, discord=replace(settings.discord, **discord_settings))
        return create_bot(
            bot_settings,
            library,
            answerer,
            # No waiting for more guilds or member chunks: the fake has one small guild.
            guild_ready_timeout=0.05,
            chunk_guilds_at_startup=False,
        )

    return make


@pytest.fixture(autouse=True)
def no_errors_logged(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """Every test here is a normal session: nothing may be logged as an error."""
    caplog.set_level(logging.DEBUG)
    yield
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == []


class Running:
    """A bot started with `bot.start(TOKEN)` in a task, stopped with `bot.close()`."""

    def __init__(self, bot: NewsBot) -> None:
        self.bot = bot
        self.task: asyncio.Task[None] | None = None

    async def __aenter__(self) -> NewsBot:
        self.task = asyncio.create_task(self.bot.start(TOKEN))
        async with asyncio.timeout(TIMEOUT):
            while not self.bot.is_ready():
                if self.task.done():
                    self.task.result()  # raises whatever stopped the bot
                    raise AssertionError("the bot stopped before it was ready")
                await asyncio.sleep(0.01)
        return self.bot

    async def __aexit__(self, *exc_info: object) -> None:
        async with asyncio.timeout(TIMEOUT):
            await self.bot.close()
            if self.task is not None:
                await asyncio.gather(self.task, return_exceptions=True)


def assert_clean(server: FakeDiscord) -> None:
    """The bot called only routes Discord has, with bodies Discord accepts."""
    assert server.unknown_calls == [], "the bot called routes the fake Discord does not know"
    assert server.rejected_calls == [], "Discord would have refused these messages"
    assert server.failed_calls == [], "Discord answered these calls with an error"


def embed_text(embed: dict[str, Any]) -> str:
    fields = [f"{f['name']}\n{f['value']}" for f in embed.get("fields", [])]
    return "\n".join([embed.get("title", ""), embed.get("description", ""), *fields])


def sources_lines(embeds: list[dict[str, Any]]) -> list[str]:
    return [
        line
        for embed in embeds
        for f in embed.get("fields", [])
        if f["name"].startswith("Sources")
        for line in f["value"].splitlines()
    ]


def assert_pings_nobody(call: RestCall) -> None:
    mentions = call.json["allowed_mentions"]
    assert mentions["parse"] == []  # no @everyone/@here, no roles, no users
    assert not mentions.get("users") and not mentions.get("roles")


def assert_cited_answer(embeds: list[dict[str, Any]], answer: Answer) -> None:
    """The embeds show `answer`: its [n] markers, its statements' speaker, and its sources."""
    assert answer.found and answer.citations
    body = "\n".join(embed_text(e) for e in embeds)
    text = "\n".join(e.get("description", "") for e in embeds)  # the answer, without sources
    for citation in answer.citations:
        assert f"[{citation.n}]" in text
    lines = sources_lines(embeds)
    assert [line.split(" ", 1)[0] for line in lines] == [f"[{c.n}]" for c in answer.citations]
    for line, citation in zip(lines, answer.citations, strict=True):
        assert citation.title in line
    for quote in answer.quotes:
        assert quote.speaker in body


def test_fake_discord_was_written_for_discord_py_2_7_1() -> None:
    # tests/bot/fake_discord/ mirrors discord.py 2.7.1's routes and payloads: upgrading
    # discord.py means re-reading its http.py/gateway.py/state.py against the fake first.
    assert discord.__version__ == "2.7.1"


async def test_bot_logs_in_syncs_its_commands_and_connects(
    server: FakeDiscord, make_bot: MakeBot
) -> None:
    async with Running(make_bot()):
        paths = [(c.method, c.path) for c in server.calls]
        app = server.application_id
        assert paths[:3] == [
            ("GET", "/users/@me"),
            ("GET", "/oauth2/applications/@me"),
            ("PUT", f"/applications/{app}/commands"),  # guild_id = 0: global sync
        ]
        assert all(c.authorized for c in server.calls)
        commands = {c["name"]: c for c in server.calls[2].json}
        assert {"ask", "reindex"} <= set(commands)
        question = next(o for o in commands["ask"]["options"] if o["name"] == "question")
        assert question["type"] == 3 and question["required"] is True  # a required string
        assert commands["ask"]["description"]
        # The gateway connection was the zlib-compressed JSON one discord.py asks for.
        assert server.gateway_queries == [
            {"v": "10", "encoding": "json", "compress": "zlib-stream"}
        ]
    assert_clean(server)


async def test_guild_id_setting_syncs_commands_to_that_guild(
    server: FakeDiscord, make_bot: MakeBot
) -> None:
    async with Running(make_bot(guild_id=int(server.guild_id))):
        sync = server.calls_to(
            "PUT", f"/applications/{server.application_id}/guilds/{server.guild_id}/commands"
        )
        assert len(sync) == 1 and "ask" in [c["name"] for c in sync[0].json]
        assert server.calls_to("PUT", f"/applications/{server.application_id}/commands") == []
        # Discord routes the guild command's interaction back to it.
        sent = await server.send_slash_command("ask", {"question": QUESTION})
        assert sent.payload["data"]["guild_id"] == server.guild_id
        edit = await server.wait_for_call("PATCH", sent.original_path, timeout=TIMEOUT)
        assert edit.json["embeds"]
    assert_clean(server)


async def test_ask_defers_then_edits_its_response_with_a_cited_answer(
    server: FakeDiscord, make_bot: MakeBot, answerer: Any
) -> None:
    expected = answerer.answer(QUESTION)
    async with Running(make_bot()):
        sent = await server.send_slash_command("ask", {"question": QUESTION})
        edit = await server.wait_for_call("PATCH", sent.original_path, timeout=TIMEOUT)

    callbacks = server.calls_to("POST", sent.callback_path)
    assert len(callbacks) == 1
    callback = callbacks[0]
    assert callback.json["type"] == 5  # deferred "thinking": acknowledged before the work
    assert callback.query == {"with_response": "1"}
    assert server.index_of(callback) < server.index_of(edit)

    embeds = edit.json["embeds"]
    assert_cited_answer(embeds, expected)
    assert any(SEED_TITLE in line for line in sources_lines(embeds))
    assert "Peskov" in embeds[0]["description"]
    assert_pings_nobody(edit)
    # The answer fits in the original response: no follow-up messages, no channel messages.
    assert server.calls_to("POST", sent.followup_path) == []
    assert [c for c in server.calls if c.path.startswith("/channels/")] == []
    assert_clean(server)


async def test_mention_gets_a_reply_with_typing_and_the_cited_answer(
    server: FakeDiscord, make_bot: MakeBot, answerer: Any
) -> None:
    expected = answerer.answer(QUESTION)
    channel = server.general_channel_id
    async with Running(make_bot()):
        # Without the message-content intent, Discord still shows a message that mentions
        # the bot in full; the fake blanks every other message, as Discord does.
        question = await server.send_mention(QUESTION)
        reply = await server.wait_for_call("POST", f"/channels/{channel}/messages", timeout=TIMEOUT)

    typing = server.calls_to("POST", f"/channels/{channel}/typing")
    assert typing and server.index_of(typing[0]) < server.index_of(reply)
    assert str(reply.json["message_reference"]["message_id"]) == question["id"]
    assert_cited_answer(reply.json["embeds"], expected)
    assert any(SEED_TITLE in line for line in sources_lines(reply.json["embeds"]))
    assert_pings_nobody(reply)
    # discord.py omits replied_user unless it is true, and Discord's default is not to ping.
    assert not reply.json["allowed_mentions"].get("replied_user")  # not the asker either
    assert len(server.calls_to("POST", f"/channels/{channel}/messages")) == 1
    assert_clean(server)


async def test_a_reply_to_an_answer_without_a_mention_is_answered_as_a_follow_up(
    server: FakeDiscord, make_bot: MakeBot, answerer: Any
) -> None:
    first = answerer.answer(QUESTION)
    follow_up = "and what did Lavrov say?"
    expected = answerer.answer(follow_up, Conversation(question=QUESTION, subject=first.subject))
    messages = f"/channels/{server.general_channel_id}/messages"
    # With the content intent, a reply that does not ping the bot still carries its text.
    async with Running(make_bot(message_content=True)):
        await server.send_mention(QUESTION)
        answer = await server.wait_for_call("POST", messages, timeout=TIMEOUT)
        answer_id = server.response_to(answer)["id"]
        # The fake records a call before answering it; a full /sources round trip makes sure
        # the bot has read the answer's id (and remembered it) before the follow-up arrives.
        sources = await server.send_slash_command("sources list", {})
        await server.wait_for_call("PATCH", sources.original_path, timeout=TIMEOUT)
        # Another reader replies to the bot's answer with the ping turned off: no mention, so
        # only the reply makes it a question for the bot.
        reply = await server.send_message(follow_up, author=server.admin_user, reply_to=answer_id)
        second = await server.wait_for_call(
            "POST", messages, after=server.index_of(answer) + 1, timeout=TIMEOUT
        )

    assert str(second.json["message_reference"]["message_id"]) == reply["id"]
    assert_cited_answer(second.json["embeds"], expected)
    assert "Lavrov" in second.json["embeds"][0]["description"]
    assert_pings_nobody(second)
    assert_clean(server)


async def test_messages_outside_configured_channels_without_a_mention_get_no_reply(
    server: FakeDiscord, make_bot: MakeBot, answerer: Any
) -> None:
    news = server.news_channel_id
    general = server.general_channel_id
    bot = make_bot(channels=[int(news)], message_content=True)
    async with Running(bot):
        await server.send_message(QUESTION, channel_id=general)  # not addressed to the bot
        # A question in the configured channel, sent after: once it is answered, the bot has
        # long handled the first message (gateway events arrive in order).
        await server.send_message(QUESTION, channel_id=news, author=server.admin_user)
        reply = await server.wait_for_call("POST", f"/channels/{news}/messages", timeout=TIMEOUT)

    assert_cited_answer(reply.json["embeds"], answerer.answer(QUESTION))
    assert [c for c in server.calls if c.path.startswith(f"/channels/{general}/")] == []
    assert_clean(server)


async def test_without_the_content_intent_channel_messages_arrive_blank_and_are_ignored(
    server: FakeDiscord, make_bot: MakeBot
) -> None:
    news = server.news_channel_id
    general = server.general_channel_id
    bot = make_bot(channels=[int(news)], message_content=False)
    async with Running(bot):
        await server.send_message(QUESTION, channel_id=news)  # arrives with empty content
        await server.send_mention(QUESTION, channel_id=general)
        await server.wait_for_call("POST", f"/channels/{general}/messages", timeout=TIMEOUT)
    assert [c for c in server.calls if c.path.startswith(f"/channels/{news}/")] == []
    assert_clean(server)


# --------------------------------------------------------------------------- shards


def without_identify_wait(bot: NewsBot) -> NewsBot:
    """discord.py waits 5 s before each IDENTIFY after the first (Discord's rate for one
    identify at a time); the fake has no such limit, so the tests do not wait."""

    async def no_wait(shard_id: int | None, *, initial: bool = False) -> None:
        return None

    bot.before_identify_hook = no_wait  # type: ignore[method-assign]
    return bot


async def ask_and_mention_answered(server: FakeDiscord, guild_id: str) -> None:
    """/ask and a mention in that guild's #general both get their cited answer."""
    channel = server.guild(guild_id).general_channel_id
    sent = await server.send_slash_command("ask", {"question": QUESTION}, channel_id=channel)
    assert sent.payload["guild_id"] == guild_id
    edit = await server.wait_for_call("PATCH", sent.original_path, timeout=TIMEOUT)
    assert any(SEED_TITLE in line for line in sources_lines(edit.json["embeds"]))
    await server.send_mention(QUESTION, channel_id=channel)
    reply = await server.wait_for_call("POST", f"/channels/{channel}/messages", timeout=TIMEOUT)
    assert any(SEED_TITLE in line for line in sources_lines(reply.json["embeds"]))


async def test_two_shards_identify_as_0_and_1_of_2_and_answer_on_both(
    server: FakeDiscord, make_bot: MakeBot
) -> None:
    server.recommended_shards = 2  # shards = "auto": the count comes from GET /gateway/bot
    first = server.guild()
    second = server.add_guild("Elsewhere", shard=(1 - first.shard(2), 2))
    bot = without_identify_wait(make_bot(shards="auto", cooldown_seconds=0))

    async with Running(bot):
        assert isinstance(bot, ShardedNewsBot) and bot.shard_count == 2
        assert sorted(i["shard"] for i in server.identifies) == [[0, 2], [1, 2]]
        assert len(server.gateway_queries) == 2  # one websocket a shard
        assert {g.id for g in bot.guilds} == {int(first.id), int(second.id)}
        # Each guild's events arrive on its own shard's connection only (the fake dispatches
        # as Discord does), so both connections carry questions and both are answered.
        for guild in (first, second):
            await ask_and_mention_answered(server, guild.id)
            assert bot.get_guild(int(guild.id)).shard_id == guild.shard(2)  # type: ignore[union-attr]

    assert len(server.calls_to("GET", "/gateway/bot")) == 1
    assert_clean(server)


async def test_a_process_with_shard_ids_connects_only_its_shards(
    server: FakeDiscord, make_bot: MakeBot
) -> None:
    mine = server.add_guild("Mine", shard=(1, 2))
    theirs = server.add_guild("Theirs", shard=(0, 2))
    bot = make_bot(shards=2, shard_ids=[1], cooldown_seconds=0)

    async with Running(bot):
        assert [i["shard"] for i in server.identifies] == [[1, 2]]
        assert {g.id for g in bot.guilds} == {int(g.id) for g in server.guilds if g.shard(2) == 1}
        await ask_and_mention_answered(server, mine.id)
        # Shard 0's guilds are another process's: Discord sends their events there, not here.
        with pytest.raises(AssertionError, match="no identified gateway session"):
            await server.send_mention(QUESTION, channel_id=theirs.general_channel_id)

    assert server.calls_to("GET", "/gateway/bot") == []  # the count is configured
    assert_clean(server)


async def test_two_processes_split_the_shards_and_only_the_builder_builds(
    server: FakeDiscord, tmp_path: Path
) -> None:
    """Two bot processes (here: two bots on one event loop, each with its own Library) on one
    data directory: shard 0 builds, shard 1 refuses /reindex and serves what shard 0 built."""
    news = tmp_path / "news"
    shutil.copytree(SAMPLE, news)
    builder = make_settings(
        tmp_path / "data",
        corpus={"sources": [str(news)]},
        discord={"shards": 2, "shard_ids": [0], "cooldown_seconds": 0},
    )
    reader = replace(
        builder,
        index=replace(builder.index, builder=False, builder_name="the shard-0 worker"),
        discord=replace(builder.discord, shard_ids=[1]),
    )
    zero, one = server.add_guild("Zero", shard=(0, 2)), server.add_guild("One", shard=(1, 2))
    admin_guilds = [int(g.id) for g in server.guilds]
    builder = replace(builder, discord=replace(builder.discord, admin_guilds=admin_guilds))
    reader = replace(reader, discord=replace(reader.discord, admin_guilds=admin_guilds))
    Library(builder, FakeEmbedder()).build()  # what both serve at start
    bots = []
    for cfg in (builder, reader):
        library = Library(cfg, FakeEmbedder())
        bot = create_bot(
            cfg,
            library,
            Answerer(library, cfg),
            guild_ready_timeout=0.05,
            chunk_guilds_at_startup=False,
        )
        bots.append(bot)
    reader_library = bots[1].library

    async with Running(bots[0]), Running(bots[1]):
        assert sorted(i["shard"] for i in server.identifies) == [[0, 2], [1, 2]]
        refused = await server.send_slash_command(
            "reindex", {}, user=server.admin_user, channel_id=one.general_channel_id
        )
        refusal = await server.wait_for_call("POST", refused.callback_path, timeout=TIMEOUT)
        assert refusal.json["type"] == 4 and refusal.json["data"]["flags"] & 64
        assert refusal.json["data"]["content"].startswith(
            "Re-indexing is not done by this bot process ([index].builder = false): builds and "
            "feed refreshes run on the shard-0 worker."
        )
        (news / "lighthouse.txt").write_text(
            "Lighthouse keepers strike\n\nThe lighthouse keepers of Glimmerholt went on strike "
            "on Monday, the union said.\n"
        )
        sent = await server.send_slash_command(
            "reindex", {}, user=server.admin_user, channel_id=zero.general_channel_id
        )
        done = await server.wait_for_call(
            "PATCH",
            sent.original_path,
            where=lambda c: (c.json.get("content") or "").startswith("✅"),
            timeout=TIMEOUT,
        )
        new_snapshot = bots[0].library.stats().snapshot
        assert new_snapshot in done.json["content"]
        # The reader loads the builder's switch in the background, at its next question.
        async with asyncio.timeout(TIMEOUT):
            while reader_library.searcher().path.name != new_snapshot:
                await asyncio.sleep(0.05)
        channel = one.general_channel_id
        asked = await server.send_slash_command(
            "ask", {"question": "Why did the lighthouse keepers strike?"}, channel_id=channel
        )
        edit = await server.wait_for_call("PATCH", asked.original_path, timeout=TIMEOUT)
        assert any("Lighthouse keepers strike" in x for x in sources_lines(edit.json["embeds"]))

    assert_clean(server)


async def test_reindex_by_an_admin_rebuilds_and_reports(
    server: FakeDiscord, make_bot: MakeBot, library: Any
) -> None:
    before = library.stats().snapshot
    async with Running(make_bot(admin_guilds=[int(server.guild_id)])):
        sent = await server.send_slash_command("reindex", {"full": True}, user=server.admin_user)
        done = await server.wait_for_call(
            "PATCH",
            sent.original_path,
            where=lambda c: not (c.json.get("content") or "").startswith("⏳"),
            timeout=TIMEOUT,
        )
    assert server.calls_to("POST", sent.callback_path)[0].json["type"] == 5
    assert library.stats().snapshot != before
    assert library.stats().snapshot in done.json["content"]
    assert_pings_nobody(done)
    assert_clean(server)


async def test_reindex_is_refused_to_a_member_without_manage_server(
    server: FakeDiscord, make_bot: MakeBot, library: Any
) -> None:
    before = library.stats().snapshot
    async with Running(make_bot()):
        # Discord hides /reindex from non-admins by default, but server admins can change
        # that; the bot checks the member's permissions itself.
        sent = await server.send_slash_command("reindex", {}, user=server.member_user)
        refusal = await server.wait_for_call("POST", sent.callback_path, timeout=TIMEOUT)
    assert refusal.json["type"] == 4  # an immediate message, not a deferred build
    assert refusal.json["data"]["flags"] & 64  # ephemeral: only the asker sees it
    assert server.calls_to("PATCH", sent.original_path) == []
    assert library.stats().snapshot == before
    assert_clean(server)


async def assert_reindex_refused(server: FakeDiscord, library: Any, **send: Any) -> None:
    """/reindex sent with `send` (user, dm) is refused privately and builds nothing."""
    before = library.stats().snapshot
    sent = await server.send_slash_command("reindex", {"full": True}, **send)
    refusal = await server.wait_for_call("POST", sent.callback_path, timeout=TIMEOUT)
    assert refusal.json["type"] == 4  # an immediate message, not a deferred build
    assert refusal.json["data"]["flags"] & 64  # ephemeral: only the asker sees it
    assert refusal.json["data"]["content"] == REFUSED_TEXT
    assert server.calls_to("PATCH", sent.original_path) == []
    assert library.stats().snapshot == before


async def test_manage_server_alone_does_not_allow_reindex_on_a_globally_synced_bot(
    server: FakeDiscord, make_bot: MakeBot, library: Any
) -> None:
    # guild_id = 0 and no admin_guilds: anyone can invite a public bot to a server they
    # manage, so Manage Server there must not rebuild the index everyone shares.
    async with Running(make_bot()):
        await assert_reindex_refused(server, library, user=server.admin_user)
    assert_clean(server)


async def test_reindex_in_a_direct_message_is_refused_even_to_a_server_admin(
    server: FakeDiscord, make_bot: MakeBot, library: Any
) -> None:
    # The admin has Manage Server in the admin guild, but a DM carries no guild permissions.
    async with Running(make_bot(admin_guilds=[int(server.guild_id)])):
        await assert_reindex_refused(server, library, user=server.admin_user, dm=True)
    assert_clean(server)


class LongAnswerer:
    """An answerer whose every answer is far over one Discord message, with many sources."""

    sentences = 240
    sources = 40

    def answer(
        self, question: str, conversation: Conversation | None = None, **when: Any
    ) -> Answer:
        citations = tuple(
            Citation(
                n=n,
                article_id=f"article-{n}",
                title=f"Headline number {n} of a long list of articles " + "x" * 100,
                url=f"https://news.example/{n}/" + "y" * 80,
                source="Example News",
                published_at="2019-06-04",
                text="...",
                start=0,
                end=3,
            )
            for n in range(1, self.sources + 1)
        )
        paragraphs = [
            " ".join(
                f"Sentence {i} reports one more fact about the events [{i % self.sources + 1}]."
                for i in range(start, start + 20)
            )
            for start in range(0, self.sentences, 20)
        ]
        return Answer(question=question, text="\n\n".join(paragraphs), citations=citations)


async def test_a_long_answer_is_split_into_messages_discord_accepts(
    server: FakeDiscord, settings: Settings, library: Any
) -> None:
    long_answerer = LongAnswerer()
    bot = create_bot(
        settings, library, long_answerer, guild_ready_timeout=0.05, chunk_guilds_at_startup=False
    )
    async with Running(bot):
        sent = await server.send_slash_command("ask", {"question": QUESTION})
        await server.wait_for_call("PATCH", sent.original_path, timeout=TIMEOUT)
        # The Sources section ends the answer: wait for the message that lists the last one.
        last = f"[{long_answerer.sources}] "
        await server.wait_for_call(
            "POST",
            sent.followup_path,
            where=lambda c: any(line.startswith(last) for line in sources_lines(c.json["embeds"])),
            timeout=TIMEOUT,
        )

    # Every part was within Discord's limits (the fake refuses what Discord would refuse).
    assert_clean(server)
    parts = server.calls_to("PATCH", sent.original_path) + server.calls_to(
        "POST", sent.followup_path
    )
    assert len(parts) > 1
    for part in parts:
        assert_pings_nobody(part)
    embeds = [embed for part in parts for embed in part.json["embeds"]]
    # No sentence lost, none out of order; sources listed once each, in order.
    text = " ".join(" ".join(e.get("description", "").split()) for e in embeds)
    positions = [text.find(f"Sentence {i} reports") for i in range(long_answerer.sentences)]
    assert -1 not in positions and positions == sorted(positions)
    numbers = [line.split(" ", 1)[0] for line in sources_lines(embeds)]
    assert numbers == [f"[{n}]" for n in range(1, long_answerer.sources + 1)]


async def test_the_token_never_reaches_the_logs(
    server: FakeDiscord, make_bot: MakeBot, caplog: pytest.LogCaptureFixture
) -> None:
    async with Running(make_bot()):
        sent = await server.send_slash_command("ask", {"question": QUESTION})
        await server.wait_for_call("PATCH", sent.original_path, timeout=TIMEOUT)
    assert any(r.name.startswith("discord") for r in caplog.records)  # DEBUG logs were captured
    assert TOKEN not in caplog.text
    assert all(TOKEN not in r.getMessage() for r in caplog.records)
    assert_clean(server)


async def test_debug_logs_of_a_running_bot_never_show_interaction_tokens(
    server: FakeDiscord, make_bot: MakeBot
) -> None:
    out = io.StringIO()
    handler = logging.StreamHandler(out)  # the CLI's stderr handler, at -v (DEBUG)
    logging.getLogger().addHandler(handler)
    try:
        redact_logged_secrets()  # as `newsbot run` does
        async with Running(make_bot()):
            sent = await server.send_slash_command("ask", {"question": QUESTION})
            await server.wait_for_call("PATCH", sent.original_path, timeout=TIMEOUT)
    finally:
        logging.getLogger().removeHandler(handler)
    logged = out.getvalue()
    # discord.py logged the interaction's requests and event, with the token masked.
    assert f"/interactions/{sent.id}/<redacted>/callback" in logged
    assert "'token': '<redacted>'" in logged
    assert sent.token not in logged and TOKEN not in logged
    assert_clean(server)


@pytest.fixture
def server_in_thread(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeDiscord]:
    """The fake Discord on its own event loop thread, for code that runs its own loop."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="fake-discord", daemon=True)
    thread.start()
    fake = FakeDiscord(TOKEN)
    asyncio.run_coroutine_threadsafe(fake.start(), loop).result(TIMEOUT)
    monkeypatch.setattr(discord.http.Route, "BASE", fake.api_base)
    monkeypatch.setattr(
        discord.gateway.DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(fake.gateway_url)
    )
    try:
        yield fake
    finally:
        asyncio.run_coroutine_threadsafe(fake.stop(), loop).result(TIMEOUT)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(TIMEOUT)
        loop.close()


def test_newsbot_run_reports_a_token_discord_rejects(
    server_in_thread: FakeDiscord,
    settings: Settings,
    library: Library,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    wrong = "wrong-token.must-never-be-printed"
    monkeypatch.setenv(settings.discord.token_env, wrong)

    assert run_bot(settings, library) == 2

    err = capsys.readouterr().err
    assert "rejected the token" in err and settings.discord.token_env in err
    assert wrong not in err and wrong not in caplog.text
    # Discord said 401 to the login, and the bot went no further.
    assert [(c.method, c.path, c.authorized) for c in server_in_thread.calls] == [
        ("GET", "/users/@me", False)
    ]


async def test_fake_discord_refuses_messages_over_discords_limits(server: FakeDiscord) -> None:
    # The fake's limits are what make "assert_clean" meaningful: check they bite.
    url = f"{server.api_base}/channels/{server.general_channel_id}/messages"
    too_long = {"embeds": [{"description": "x" * 4097}]}
    async with (
        aiohttp.ClientSession(headers={"Authorization": f"Bot {TOKEN}"}) as http,
        http.post(url, json=too_long) as response,
    ):
        assert response.status == 400
        assert (await response.json())["code"] == 50035
    assert len(server.rejected_calls) == 1
    server.rejected_calls.clear()


def test_newsbot_run_says_to_shard_when_discord_requires_it(
    server_in_thread: FakeDiscord,
    settings: Settings,
    library: Library,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    server_in_thread.max_guilds_per_shard = 1  # Discord's 2,500, made small
    server_in_thread.add_guild("Second")
    monkeypatch.setenv(settings.discord.token_env, TOKEN)

    assert run_bot(settings, library) == 2  # unsharded: one connection for both guilds

    err = capsys.readouterr().err
    assert "Discord requires more shards for this bot (unsharded)" in err
    assert '[discord].shards = "auto"' in err
    assert len(server_in_thread.identifies) == 1 and "shard" not in server_in_thread.identifies[0]
