"""The /sources group (bot/cogs/sources.py) and its feed refresher, through discord.py itself on
simcord's simulated Discord, with feeds served by a real HTTP server on loopback."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from bot.cogs.ask import NO_INDEX_TEXT
from bot.cogs.sources import REFUSED_TEXT, SourcesCog
from bot.settings import Settings
from index.config import SourceSettings
from index.errors import IndexMissingError
from index.library import IndexStats
from index.progress import BuildReport
from index.sources import sources_file, write_sources_file
from tests.bot.cogs.test_ask import ONE_LINE, sent_texts
from tests.bot.conftest import World, scripted
from tests.bot.hostile import HOSTILE, live_constructs
from tests.conftest import make_settings
from tests.feed_server import FeedServer, Route, rss

FAST_FEEDS = {"timeout_seconds": 0.5, "host_delay_seconds": 0.0, "max_download_mb": 1.0}


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """The sample corpus, fast feed settings, and a sources file in the test's folder."""
    return make_settings(
        tmp_path / "data",
        feeds=FAST_FEEDS,
        data={"sources_file": str(tmp_path / "sources.json")},
    )


def story(n: int, words: str) -> dict[str, str]:
    text = (
        f"The {words} began on Monday, officials said. Crews worked through the night on the "
        f"{words}, and the city council met to discuss the {words} on Tuesday."
    )
    return {"title": f"Story {n}: {words}", "link": f"https://wire.example/{n}", "content": text}


@pytest.fixture
def wire(settings: Settings, feed_server: FeedServer) -> FeedServer:
    """Two feeds in the sources file before the bot starts: one serving, one missing."""
    feed_server.routes["/wire.rss"] = Route(
        rss("Wire", [story(1, "canal dredging"), story(2, "tram tests")])
    )
    write_sources_file(
        sources_file(settings),
        [
            SourceSettings(name="wire", feed=feed_server.url("/wire.rss"), interval_minutes=1),
            SourceSettings(name="down", feed=feed_server.url("/down.rss")),
        ],
    )
    return feed_server


def field_values(result: Any) -> dict[str, str]:
    assert result.response is not None
    (embed,) = result.response.embeds
    return {f.name: f.value or "" for f in embed.fields}


# --------------------------------------------------------------------------- /sources list


async def test_sources_lists_what_the_index_holds(world: World) -> None:
    result = await world.alice.slash(world.channel, "sources list")
    assert result.response is not None and result.response.ephemeral
    (embed,) = result.response.embeds
    fields = {f.name: f.value for f in embed.fields}
    assert fields["Articles"] == "1"
    assert fields["Passages"] == str(world.bot.library.stats().passages)
    assert fields["Newest article"] == "2019-06-04"
    assert re.fullmatch(r"<t:\d+:f> \(<t:\d+:R>\)", fields["Last build"] or "")


class NoIndexLibrary:
    def build(self, *args: Any, **kwargs: Any) -> BuildReport:
        raise AssertionError("not used")

    def stats(self) -> IndexStats:
        raise IndexMissingError("no index in /tmp/x")


@pytest.mark.newsbot(library=NoIndexLibrary(), answerer=scripted("x"))
async def test_sources_says_clearly_when_no_index_is_built(world: World) -> None:
    result = await world.alice.slash(world.channel, "sources list")
    assert result.response is not None and result.response.content == NO_INDEX_TEXT


async def test_sources_list_shows_each_source_with_its_articles_newest_and_last_refresh(
    wire: FeedServer, world: World
) -> None:
    fields = field_values(await world.alice.slash(world.channel, "sources list"))

    assert fields["Articles"] == "3"  # the sample's one and the wire's two
    wire_field = fields["wire (feed, added here)"]
    assert wire_field.startswith("2 articles · no dated article · refreshed <t:")
    assert re.search(r"refreshed <t:\d+:R>: ok\n", wire_field)
    down = fields["down (feed, added here)"]
    assert re.search(r"refreshed <t:\d+:R>: failed \(HTTP 404\)", down)
    (sample,) = [v for k, v in fields.items() if k.endswith("(files)")]
    assert sample.startswith("1 article · newest 2019-06-04")


async def test_a_new_entry_is_answered_after_the_next_refresh_without_a_restart(
    wire: FeedServer, world: World
) -> None:
    wire.routes["/wire.rss"] = Route(
        rss("Wire", [story(3, "lighthouse repainting"), story(1, "canal dredging")])
    )
    await world.env.advance_time(61)  # the wire's one-minute interval passes

    asked = await world.alice.slash(
        world.channel, "ask", question="What happened with the lighthouse repainting?"
    )

    assert asked.response is not None, world.bot.library.stats()
    assert asked.response.embeds, (asked.response.content, world.bot.library.stats())
    (embed, *_) = asked.response.embeds
    assert any("Story 3: lighthouse repainting" in (f.value or "") for f in embed.fields)


# --------------------------------------------------------------------------- add, remove


async def test_only_admins_may_add_or_remove_sources(world: World, settings: Settings) -> None:
    added = await world.alice.slash(world.channel, "sources add", url="https://x.example/rss")
    removed = await world.alice.slash(world.channel, "sources remove", name="x.example")

    assert added.response is not None and added.response.content == REFUSED_TEXT
    assert removed.response is not None and removed.response.content == REFUSED_TEXT
    assert not sources_file(settings).exists()


async def test_an_admin_adds_a_feed_that_is_fetched_at_once_then_removes_it(
    world: World, feed_server: FeedServer, settings: Settings
) -> None:
    feed_server.routes["/news.rss"] = Route(rss("News", [story(7, "harbour crane")]))
    world.configure(admin_guilds=[world.guild.id])

    added = await world.admin.slash(
        world.channel, "sources add", url=feed_server.url("/news.rss"), name="news"
    )

    assert added.response is not None
    assert added.response.content == (
        "✅ Added the feed **news**; it is refreshed every 60 minutes. It holds 1 article."
    )
    assert '"name": "news"' in sources_file(settings).read_text()
    assert world.bot.library.stats().articles == 2
    asked = await world.alice.slash(world.channel, "ask", question="What about the harbour crane?")
    assert asked.response is not None and "harbour crane" in str(asked.response.embeds[0].fields)

    removed = await world.admin.slash(world.channel, "sources remove", name="news")

    assert removed.response is not None and removed.response.content.startswith(
        "✅ Removed **news**; its articles have left the index"
    )
    assert world.bot.library.stats().articles == 1


async def test_a_bad_address_or_name_is_refused_with_the_reason(world: World) -> None:
    world.configure(admin_guilds=[world.guild.id])

    bad = await world.admin.slash(world.channel, "sources add", url="ftp://x.example/rss")
    unknown = await world.admin.slash(world.channel, "sources remove", name="nope")

    assert bad.response is not None and bad.response.content == (
        # escaped: a reason is text the bot did not write
        "❌ Not added: give the feed's full address, starting with http\\:// or https\\://"
    )
    assert unknown.response is not None
    assert unknown.response.content.startswith("❌ Not removed: there is no source named 'nope'")


async def test_unloading_the_cog_stops_its_refresher(world: World) -> None:
    cog = world.bot.get_cog("SourcesCog")
    # discord.py loads an extension as a module of its own: compare the class by name.
    assert type(cog).__name__ == SourcesCog.__name__ and cog._task is not None
    task = cog._task

    await world.bot.unload_extension("bot.cogs.sources")

    assert task.done() and cog._task is None


# --------------------------------------------------------------------------- not the builder

READER = {"builder": False, "builder_name": "bot-0"}


@pytest.mark.newsbot(index=READER)
async def test_a_process_that_does_not_build_never_refreshes_feeds_but_lists_them(
    world: World, settings: Settings, feed_server: FeedServer
) -> None:
    # A feed the builder added (the sources file is shared), due at once and every minute.
    feed_server.routes["/wire.rss"] = Route(rss("Wire", [story(1, "canal dredging")]))
    wire = SourceSettings(name="wire", feed=feed_server.url("/wire.rss"), interval_minutes=1)
    write_sources_file(sources_file(settings), [wire])
    await world.env.advance_time(61)  # the refresher (a minute's sleep at most) would wake

    listed = field_values(await world.alice.slash(world.channel, "sources list"))

    assert feed_server.requests == []  # no feed fetched here
    assert world.bot.library.stats().articles == 1  # the sample's, as built
    assert listed["Articles"] == "1"
    assert listed["wire (feed, added here)"].startswith("0 articles · no dated article · not ")


@pytest.mark.newsbot(index=READER)
async def test_adding_or_removing_a_source_where_builds_do_not_run_is_refused(
    world: World, settings: Settings
) -> None:
    world.configure(admin_guilds=[world.guild.id])

    added = await world.admin.slash(world.channel, "sources add", url="https://x.example/rss")
    removed = await world.admin.slash(world.channel, "sources remove", name="x.example")

    for result, action in ((added, "Adding sources"), (removed, "Removing sources")):
        assert result.ephemeral and result.response is not None
        assert result.response.content.startswith(
            f"{action} is not done by this bot process ([index].builder = false): builds and "
            "feed refreshes run on bot-0."
        )
    assert not sources_file(settings).exists()


# --------------------------------------------------------------------------- hostile text


class HostileSourcesLibrary:
    def build(self, *args: Any, **kwargs: Any) -> BuildReport:
        raise AssertionError("not used")

    def stats(self) -> IndexStats:
        sources = {h: 100 - n for n, h in enumerate(HOSTILE)}
        return IndexStats(1, 2, 3, sources, ONE_LINE, "2019-06-04T10:00:00", "m", 3, "flat", "s")


@pytest.mark.newsbot(library=HostileSourcesLibrary(), answerer=scripted("x"))
async def test_hostile_source_names_in_sources_reach_discord_inert(world: World) -> None:
    result = await world.alice.slash(world.channel, "sources list")
    assert result.response is not None
    (embed,) = result.response.embeds
    listed = next(f.value for f in embed.fields if f.name.startswith("Sources"))
    assert "Click for free Nitro" in (listed or "")
    # The bot's own build time is a Discord timestamp; the rest is inert.
    texts = [t for t in sent_texts(world.env) if not re.fullmatch(r"<t:\d+:f> \(<t:\d+:R>\)", t)]
    for text in texts:
        assert live_constructs(text) == [], text
