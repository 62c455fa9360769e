"""A deploy that starts itself, over real sockets against the fake Discord: the bot on an empty
data directory answers "still indexing, N%" until its background build switches, then answers
normally; it writes the status file `newsbot health` reads (exit 0 while connected, 1 once it
has gone or its heartbeat is stale)."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.answer import Answerer
from bot.cli import main
from bot.discord_bot import create_bot
from bot.health import STALE_SECONDS, STATUS_FILE, BotStatus, check_health, write_status
from bot.settings import Settings
from index.bootstrap import Bootstrap
from index.library import Library
from tests.bot import test_discord_gateway
from tests.bot.fake_discord import FakeDiscord
from tests.bot.test_discord_gateway import (
    QUESTION,
    SEED_TITLE,
    TIMEOUT,
    Running,
    assert_clean,
    embed_text,
)
from tests.fakes import FakeEmbedder
from tests.index.test_library import Gate, ModelFake

server = test_discord_gateway.server  # the fake Discord fixture
STILL_INDEXING = re.compile(r"Still indexing, (\d+)%")


@pytest.fixture
def gate() -> Any:
    gate = Gate()
    yield gate
    gate.open()


def health(capsys: pytest.CaptureFixture[str], data_dir: Path) -> tuple[int, dict[str, Any]]:
    code = main(["health", "--data-dir", str(data_dir)])
    out = capsys.readouterr().out
    assert len(out.splitlines()) == 1, out  # one JSON line
    return code, json.loads(out)


def make_bot(settings: Settings, library: Library, bootstrap: Bootstrap | None) -> Any:
    return create_bot(
        settings,
        library,
        Answerer(library, settings),
        bootstrap=bootstrap,
        guild_ready_timeout=0.05,
        chunk_guilds_at_startup=False,
    )


async def ask(server: FakeDiscord) -> dict[str, Any]:
    sent = await server.send_slash_command("ask", {"question": QUESTION})
    edit = await server.wait_for_call("PATCH", sent.original_path, timeout=TIMEOUT)
    return edit.json


async def test_an_empty_data_dir_answers_still_indexing_then_cited_answers_without_restart(
    server: FakeDiscord, settings: Settings, gate: Gate, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = replace(settings, discord=replace(settings.discord, cooldown_seconds=0))
    assert not settings.data_dir.exists()  # a fresh machine
    library = Library(settings, FakeEmbedder(), build_embedder=ModelFake(gate))
    bootstrap = Bootstrap(library)
    async with Running(make_bot(settings, library, bootstrap)):
        assert gate.reached.wait(TIMEOUT)  # the first build is embedding
        first = await ask(server)
        found = STILL_INDEXING.search(first["content"])
        assert found is not None, first
        assert 30 <= int(found.group(1)) < 100 and not first.get("embeds")
        # Connected and building its first index: healthy, nothing loaded yet.
        code, seen = health(capsys, settings.data_dir)
        assert code == 0, seen
        assert seen["discord_connected"] is True and seen["index_loaded"] is False

        gate.open()
        assert bootstrap.join(TIMEOUT)
        answer = await ask(server)
        assert answer["embeds"] and SEED_TITLE in embed_text(answer["embeds"][-1])
        assert "Still indexing" not in (answer.get("content") or "")
        bot_status = json.loads((settings.data_dir / STATUS_FILE).read_text())
        assert bot_status["connected"] is True
    assert_clean(server)


async def test_health_follows_the_running_bot_and_its_heartbeat(
    server: FakeDiscord,
    settings: Settings,
    library: Library,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = settings.data_dir
    code, seen = health(capsys, data)  # an index, but no bot has ever run
    assert code == 1 and seen["discord_connected"] is False
    assert seen["snapshot"] == library.loaded and seen["index_loaded"] is False
    assert any("no bot status" in p for p in seen["problems"])

    bot = make_bot(settings, library, Bootstrap(library))
    async with Running(bot):
        bot.write_status()
        code, seen = health(capsys, data)
        assert code == 0, seen
        assert seen["index_loaded"] is True and seen["snapshot"] == library.loaded
        assert seen["discord_connected"] is True and seen["problems"] == []
        assert 0 <= seen["snapshot_age_seconds"] < 600
        assert seen["heartbeat_age_seconds"] is not None
    # Closed: the bot said so on its way out.
    code, seen = health(capsys, data)
    assert code == 1 and seen["discord_connected"] is False
    assert any("not connected" in p for p in seen["problems"])


def status(**changes: Any) -> BotStatus:
    fields: dict[str, Any] = {
        "pid": 1,
        "updated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "connected": True,
        "snapshot": None,
        "building": False,
        "progress": None,
        "build_error": None,
    }
    return BotStatus(**(fields | changes))


def test_a_stale_heartbeat_is_not_connected_whatever_it_says(
    settings: Settings, library: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    old = datetime.now(UTC) - timedelta(seconds=STALE_SECONDS + 5)
    write_status(
        settings.data_dir,
        status(updated_at=old.isoformat(timespec="seconds"), snapshot=library.loaded),
    )
    code, seen = health(capsys, settings.data_dir)
    assert code == 1 and seen["discord_connected"] is False and seen["index_loaded"] is False
    assert any("is not running or hangs" in p for p in seen["problems"])


def test_a_bot_whose_first_build_failed_is_unhealthy_and_says_why(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    write_status(settings.data_dir, status(build_error="no articles could be read from x"))
    code, seen = health(capsys, settings.data_dir)
    assert code == 1 and seen["discord_connected"] is True and seen["index_loaded"] is False
    assert any("no articles could be read" in p for p in seen["problems"])


def test_last_refresh_is_the_newest_feed_refresh(settings: Settings, library: Library) -> None:
    (settings.data_dir / "feeds.json").write_text(
        json.dumps(
            {
                "feeds": {
                    "a": {"location": "x", "checked_at": "2026-01-02T10:00:00+00:00", "ok": True},
                    "b": {"location": "y", "checked_at": "2026-01-03T09:00:00+00:00", "ok": False},
                }
            }
        )
    )
    report = check_health(settings.data_dir)
    assert report.last_refresh == "2026-01-03T09:00:00+00:00"


async def test_two_shard_processes_on_an_empty_data_dir_only_the_builder_builds(
    server: FakeDiscord, tmp_path: Path, gate: Gate, capsys: pytest.CaptureFixture[str]
) -> None:
    """Shard 0 ([index].builder) builds the first index; shard 1 says where builds run until
    it switches, then answers from it. Each writes its own status file, which `newsbot health`
    with that process's config reads."""
    from tests.bot.test_discord_gateway import without_identify_wait
    from tests.conftest import make_settings

    builder = make_settings(
        tmp_path / "data", discord={"shards": 2, "shard_ids": [0], "cooldown_seconds": 0}
    )
    reader = replace(
        builder,
        index=replace(builder.index, builder=False, builder_name="the shard-0 worker"),
        discord=replace(builder.discord, shard_ids=[1]),
    )
    zero, one = server.add_guild("Zero", shard=(0, 2)), server.add_guild("One", shard=(1, 2))
    libraries = [
        Library(builder, FakeEmbedder(), build_embedder=ModelFake(gate)),
        Library(reader, FakeEmbedder()),
    ]
    bootstraps = [Bootstrap(lib) for lib in libraries]
    bots = [
        without_identify_wait(make_bot(cfg, lib, boot))
        for cfg, lib, boot in zip((builder, reader), libraries, bootstraps, strict=True)
    ]

    async def ask_in(guild: Any) -> dict[str, Any]:
        sent = await server.send_slash_command(
            "ask", {"question": QUESTION}, channel_id=guild.general_channel_id
        )
        edit = await server.wait_for_call("PATCH", sent.original_path, timeout=TIMEOUT)
        return edit.json

    async with Running(bots[0]), Running(bots[1]):
        assert gate.reached.wait(TIMEOUT)
        assert STILL_INDEXING.search((await ask_in(zero))["content"])
        waiting = (await ask_in(one))["content"]
        assert "builds run on the shard-0 worker" in waiting, waiting
        assert not libraries[1].building and bootstraps[1].join(0)  # it started no build

        gate.open()
        assert bootstraps[0].join(TIMEOUT)
        for guild in (zero, one):
            answer = await ask_in(guild)
            assert answer["embeds"] and SEED_TITLE in embed_text(answer["embeds"][-1])
        for cfg, bot in zip((builder, reader), bots, strict=True):
            bot.write_status()
            config = tmp_path / f"shard{cfg.discord.shard_ids[0]}.toml"
            config.write_text(
                f"[discord]\nshards = 2\nshard_ids = {cfg.discord.shard_ids}\n"
                f"[index]\nbuilder = {str(cfg.index.builder).lower()}\n"
            )
            code = main(["health", "--config", str(config), "--data-dir", str(cfg.data_dir)])
            seen = json.loads(capsys.readouterr().out)
            assert code == 0 and seen["index_loaded"] is True, seen
    names = sorted(p.name for p in builder.data_dir.glob("bot-status*.json"))
    assert names == ["bot-status-shards-0-0.json", "bot-status-shards-1-1.json"]
    assert_clean(server)
