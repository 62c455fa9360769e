"""The bot as a whole (bot/discord_bot.py) on simcord's simulated Discord: command sync, errors
no command handles, and `run()` with a missing or rejected token.
"""

from __future__ import annotations

import asyncio
import io
import logging
import threading
from collections.abc import Iterator
from typing import Any

import discord
import pytest
import simcord

from bot.discord_bot import UNEXPECTED_ERROR_TEXT, redact_logged_secrets, run
from bot.settings import Settings
from index.errors import IndexCorruptError
from index.library import IndexStats, Library
from index.progress import BuildReport
from tests.bot.conftest import World, scripted
from tests.bot.fake_discord import FakeDiscord
from tests.bot.hostile import HOSTILE, live_constructs

HOSTILE_TEXT = " ".join(HOSTILE)


class CrashingLibrary:
    def build(self, *args: Any, **kwargs: Any) -> BuildReport:
        raise AssertionError("not used")

    def stats(self) -> IndexStats:
        raise OSError("database is locked")


@pytest.mark.newsbot(library=CrashingLibrary(), answerer=scripted("x"))
async def test_an_error_no_command_handles_gets_a_brief_notice_and_is_logged(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    result = await world.alice.slash(world.channel, "sources list")

    simcord.assert_error(world.env, OSError, contains="database is locked")
    # The notice replaces the deferred "thinking..." placeholder.
    assert result.response is not None and result.response.content == UNEXPECTED_ERROR_TEXT
    assert result.response.ephemeral
    assert any(r.exc_info and r.exc_info[0] is OSError for r in caplog.records)


class HostileErrorLibrary(CrashingLibrary):
    def stats(self) -> IndexStats:
        raise IndexCorruptError(f"cannot read {HOSTILE_TEXT}")


@pytest.mark.newsbot(library=HostileErrorLibrary(), answerer=scripted("x"))
async def test_an_engine_error_no_command_handles_reaches_discord_inert(world: World) -> None:
    result = await world.alice.slash(world.channel, "sources list")

    simcord.assert_error(world.env, IndexCorruptError, contains="cannot read")
    assert result.response is not None
    assert result.response.content.startswith("cannot read \\[Click for free")
    assert live_constructs(result.response.content) == [], result.response.content


def test_run_without_a_token_says_how_to_set_it(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    assert run(settings) == 2
    err = capsys.readouterr().err
    assert "export DISCORD_TOKEN=" in err
    assert "https://discord.com/developers/applications" in err


def test_run_reports_an_invalid_token_without_showing_it(
    settings: Settings,
    library: Library,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    # A local fake Discord (tests/bot/fake_discord/) answers 401 to any other token.
    loop = asyncio.new_event_loop()
    server = threading.Thread(target=loop.run_forever, daemon=True)
    server.start()

    async def start() -> FakeDiscord:
        fake = FakeDiscord("the-right-token")
        await fake.start()
        return fake

    fake = asyncio.run_coroutine_threadsafe(start(), loop).result(10)
    try:
        monkeypatch.setattr(discord.http.Route, "BASE", fake.api_base)
        monkeypatch.setenv("DISCORD_TOKEN", "a-wrong-token")
        with caplog.at_level(logging.DEBUG):
            assert run(settings, library) == 2
    finally:
        asyncio.run_coroutine_threadsafe(fake.stop(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        server.join(10)
        loop.close()
    err = capsys.readouterr().err
    assert "rejected the token in DISCORD_TOKEN" in err
    assert "a-wrong-token" not in err
    assert any(r.name.startswith("discord") for r in caplog.records)  # DEBUG logs were captured
    assert all("a-wrong-token" not in r.getMessage() for r in caplog.records)


@pytest.mark.newsbot(discord={"guild_id": 0})
async def test_commands_are_synced_globally_without_a_guild_id(world: World) -> None:
    commands = await world.bot.tree.fetch_commands()
    assert {c.name for c in commands} == {"ask", "sources", "reindex", "latest"}
    assert all(c.description for c in commands)
    ask = next(c for c in commands if c.name == "ask")
    assert all(o.description for o in ask.options)
    assert {o.name for o in ask.options} == {"question", "private", "since"}


GUILD_ID = 1456074443980800999


@pytest.mark.newsbot(discord={"guild_id": GUILD_ID})
async def test_with_a_guild_id_commands_are_synced_to_that_guild(simcord_env: simcord.Env) -> None:
    bot = simcord_env.bot
    assert await bot.tree.fetch_commands() == []  # nothing global
    synced = await bot.tree.fetch_commands(guild=discord.Object(GUILD_ID))
    assert {c.name for c in synced} == {"ask", "sources", "reindex", "latest"}

    guild = simcord_env.create_guild(id=GUILD_ID)
    channel = guild.create_text_channel("news")
    alice = guild.add_member(simcord_env.create_user("alice"))
    result = await alice.slash(channel, "ask", question="What did Peskov say?")
    assert result.response is not None and result.response.embeds


INTERACTION_TOKEN = "aW50ZXJhY3Rpb246MTQ1NjA3NDQ0Mzk4MDgwMDAxMjpzZWNyZXQtdG9rZW4tdmFsdWU"


@pytest.fixture
def root_output() -> Iterator[io.StringIO]:
    """What a handler on the root logger writes (as the CLI's -v logging does), with
    `redact_logged_secrets()` applied as `newsbot run` applies it."""
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    root = logging.getLogger()
    root.addHandler(handler)
    level = root.level
    root.setLevel(logging.DEBUG)
    try:
        redact_logged_secrets()
        yield out
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


def test_debug_logs_never_show_interaction_tokens(root_output: io.StringIO) -> None:
    # The records discord.py 2.7.1 logs at DEBUG, with an interaction's token in them.
    http = logging.getLogger("discord.http")
    url = f"https://discord.com/api/v10/interactions/1456074443980800012/{INTERACTION_TOKEN}"
    http.debug("%s %s with %s has returned %s", "POST", f"{url}/callback", '{"type": 5}', 204)
    webhook_url = (
        f"https://discord.com/api/v10/webhooks/1456/{INTERACTION_TOKEN}/messages/@original"
    )
    logging.getLogger("discord.webhook.async_").debug(
        "Webhook ID %s with %s %s has returned status code %s", 1456, "PATCH", webhook_url, 200
    )
    event = {"t": "INTERACTION_CREATE", "d": {"id": "1", "token": INTERACTION_TOKEN}}
    logging.getLogger("discord.gateway").debug("For Shard ID %s: WebSocket Event: %s", None, event)
    try:
        raise RuntimeError(f"404 for url={webhook_url}")
    except RuntimeError:
        http.exception("request failed")
    bot_token = "MTAxNzQ0NjE5NjE5NjE5NjE5Ng.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB"
    logging.getLogger("discord.client").debug("logging in with %s", bot_token)

    text = root_output.getvalue()
    assert "/interactions/1456074443980800012/<redacted>/callback" in text
    assert "/webhooks/1456/<redacted>/messages/@original" in text
    assert "'token': '<redacted>'" in text and "RuntimeError" in text
    assert INTERACTION_TOKEN[:12] not in text
    assert bot_token not in text and "GhIjKl" not in text


def test_newsbot_run_masks_tokens_in_logs_from_the_start(
    root_output: io.StringIO,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    handler = logging.getLogger().handlers[-1]
    handler.filters.clear()  # as the CLI's handler starts
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    assert run(settings) == 2
    logging.getLogger("discord.http").debug("POST /interactions/1/%s/callback", INTERACTION_TOKEN)
    assert INTERACTION_TOKEN not in root_output.getvalue()
