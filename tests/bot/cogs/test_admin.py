"""/reindex (bot/cogs/admin.py) through discord.py itself on simcord's simulated Discord:
admin checks, throttled progress, failures, and a real build served without downtime.
"""

from __future__ import annotations

import asyncio
import dataclasses
import re
import shutil
import threading
from pathlib import Path
from typing import Any

import discord
import pytest
import simcord

from bot.cogs.admin import REFUSED_TEXT, ProgressRelay, Throttle, describe_progress
from bot.settings import Settings
from index.errors import BuildInProgressError, IndexCorruptError, IndexMissingError
from index.library import IndexStats
from index.progress import BuildProgress, BuildReport
from tests.bot.conftest import World, edits_of_original, scripted
from tests.bot.hostile import HOSTILE, live_constructs
from tests.conftest import SAMPLE, make_settings

MULTILINE_HOSTILE = "\n".join(HOSTILE)


class ScriptedLibrary:
    """Reports `steps` progress updates, then a report; counts builds."""

    def __init__(
        self, steps: int = 50, fail: Exception | None = None, phase: str = "embedding"
    ) -> None:
        self.steps = steps
        self.fail = fail
        self.phase = phase
        self.builds: list[bool] = []

    def build(
        self,
        sources: Any = None,
        rebuild: bool = False,
        progress: Any = None,
    ) -> BuildReport:
        self.builds.append(rebuild)
        for i in range(1, self.steps + 1):
            if progress is not None:
                progress(BuildProgress(self.phase, i, self.steps))
        if self.fail is not None:
            raise self.fail
        return BuildReport(2, 0, 0, 0, 1, 7, 4, 0.5, "snap-2")

    def stats(self) -> IndexStats:
        raise IndexMissingError("none")


@pytest.mark.newsbot(library=ScriptedLibrary(), answerer=scripted("x"))
async def test_reindex_progress_edits_are_throttled(world: World) -> None:
    world.configure(admin_guilds=[world.guild.id])
    assert world.bot.settings.discord.progress_interval_seconds == 3.0
    result = await world.admin.slash(world.channel, "reindex", full=True)

    assert world.bot.library.builds == [True]  # type: ignore[attr-defined]
    edits = edits_of_original(world.env)
    # The clock stands still here, so 50 progress reports make a single progress edit.
    assert len(edits) == 2
    assert re.fullmatch(r"⏳ Full re-index in progress: embedding \d+/50 \(\d+%\)", edits[0])
    assert result.response is not None
    assert (
        result.response.content
        == "✅ Full re-index done: " + BuildReport(2, 0, 0, 0, 1, 7, 4, 0.5, "snap-2").summary()
    )


@pytest.mark.newsbot(
    library=ScriptedLibrary(fail=RuntimeError("disk full")), answerer=scripted("x")
)
async def test_a_failed_reindex_reports_the_error(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    world.configure(admin_guilds=[world.guild.id])
    result = await world.admin.slash(world.channel, "reindex")
    assert result.response is not None
    assert result.response.content.startswith("❌ Re-index failed")
    assert "previous index keeps serving" in result.response.content
    assert any(r.exc_info and r.exc_info[0] is RuntimeError for r in caplog.records)


@pytest.mark.newsbot(library=ScriptedLibrary(), answerer=scripted("x"))
async def test_reindex_is_refused_for_a_non_admin_even_if_the_command_is_opened(
    world: World,
) -> None:
    # The command's default permissions hide it from members without Manage Server...
    with pytest.raises((simcord.SetupError, simcord.BackendError)):
        await world.alice.slash(world.channel, "reindex")
    # ...and when a server admin opens it to everyone, the bot still checks in code.
    commands = await world.bot.tree.fetch_commands()
    reindex = next(c for c in commands if c.name == "reindex")
    world.guild.set_command_permissions(reindex, {world.guild.default_role: True})

    result = await world.alice.slash(world.channel, "reindex")
    assert result.ephemeral and result.response is not None
    assert result.response.content == REFUSED_TEXT
    assert world.bot.library.builds == []  # type: ignore[attr-defined]


@pytest.mark.newsbot(library=ScriptedLibrary(steps=1), answerer=scripted("x"))
async def test_configured_admin_roles_and_users_may_reindex(world: World) -> None:
    reporters = world.guild.create_role("Reporters")
    bob = world.guild.add_member(world.env.create_user("bob"), roles=[reporters])
    commands = await world.bot.tree.fetch_commands()
    reindex = next(c for c in commands if c.name == "reindex")
    world.guild.set_command_permissions(reindex, {world.guild.default_role: True})
    world.configure(admin_roles=[reporters.id], admin_users=[world.alice.id])

    by_role = await bob.slash(world.channel, "reindex")
    by_user = await world.alice.slash(world.channel, "reindex")

    for result in (by_role, by_user):
        assert result.response is not None
        assert result.response.content.startswith("✅ Re-index done")
    assert world.bot.library.builds == [False, False]  # type: ignore[attr-defined]


@pytest.mark.newsbot(
    library=ScriptedLibrary(steps=1),
    answerer=scripted("x"),
    index={"builder": False, "builder_name": "the *bot-0* worker"},
)
async def test_reindex_on_a_process_that_does_not_build_is_refused_naming_where_builds_run(
    world: World,
) -> None:
    world.configure(admin_guilds=[world.guild.id])

    result = await world.admin.slash(world.channel, "reindex")

    assert result.ephemeral and result.response is not None
    assert result.response.content == (
        "Re-indexing is not done by this bot process ([index].builder = false): builds and "
        "feed refreshes run on the \\*bot-0\\* worker. Use the command in a server on that "
        "process's shards, or `newsbot index` on its machine; what it builds is answered from "
        "here as soon as it is ready."
    )
    assert world.bot.library.builds == []  # type: ignore[attr-defined]


def assert_refused(result: simcord.InteractionResult) -> None:
    assert result.ephemeral and result.response is not None
    assert result.response.content == REFUSED_TEXT


@pytest.mark.newsbot(library=ScriptedLibrary(steps=1), answerer=scripted("x"))
async def test_manage_server_in_another_server_does_not_allow_reindex(world: World) -> None:
    world.configure(admin_guilds=[world.guild.id])
    # Someone invites the (globally synced) bot to a server they manage...
    theirs = world.env.create_guild("Mallory's server")
    mods = theirs.create_role("Mods", permissions=discord.Permissions(manage_guild=True))
    mallory = theirs.add_member(world.env.create_user("mallory"), roles=[mods])
    lobby = theirs.create_text_channel("lobby")

    assert_refused(await mallory.slash(lobby, "reindex", full=True))
    assert world.bot.library.builds == []  # type: ignore[attr-defined]
    # ...while the same right in the admin guild does allow it.
    allowed = await world.admin.slash(world.channel, "reindex")
    assert allowed.response is not None and allowed.response.content.startswith("✅")


@pytest.mark.newsbot(library=ScriptedLibrary(steps=1), answerer=scripted("x"))
async def test_manage_server_alone_grants_nothing_on_a_globally_synced_bot(world: World) -> None:
    assert world.bot.settings.discord.guild_id == 0
    assert world.bot.settings.discord.admin_guilds is None  # the default
    assert_refused(await world.admin.slash(world.channel, "reindex"))
    assert world.bot.library.builds == []  # type: ignore[attr-defined]


HOME_GUILD_ID = 1456074443980800777


@pytest.mark.newsbot(
    library=ScriptedLibrary(steps=1), answerer=scripted("x"), discord={"guild_id": HOME_GUILD_ID}
)
async def test_with_a_guild_id_its_manage_server_members_may_reindex_by_default(
    simcord_env: simcord.Env,
) -> None:
    bot = simcord_env.bot
    assert bot.settings.discord.admin_guilds is None  # type: ignore[attr-defined]
    home = simcord_env.create_guild("Home", id=HOME_GUILD_ID)
    channel = home.create_text_channel("news")
    editors = home.create_role("Editors", permissions=discord.Permissions(manage_guild=True))
    erin = home.add_member(simcord_env.create_user("erin"), roles=[editors])

    result = await erin.slash(channel, "reindex")
    assert result.response is not None and result.response.content.startswith("✅ Re-index done")


@pytest.mark.newsbot(library=ScriptedLibrary(steps=1), answerer=scripted("x"))
@pytest.mark.parametrize("how", ["configured admin role", "Manage Server role"])
async def test_a_member_who_loses_the_role_between_two_commands_is_refused(
    world: World, how: str
) -> None:
    if how == "configured admin role":
        role = world.guild.create_role("Reporters")
        world.configure(admin_roles=[role.id])
    else:
        role = world.guild.create_role(
            "Moderators", permissions=discord.Permissions(manage_guild=True)
        )
        world.configure(admin_guilds=[world.guild.id])
    bob = world.guild.add_member(world.env.create_user("bob"), roles=[role])
    commands = await world.bot.tree.fetch_commands()
    reindex = next(c for c in commands if c.name == "reindex")
    world.guild.set_command_permissions(reindex, {world.guild.default_role: True})

    builds: list[bool] = world.bot.library.builds  # type: ignore[attr-defined]
    builds.clear()  # the marker's library is shared by both parameters

    first = await bob.slash(world.channel, "reindex")
    assert first.response is not None and first.response.content.startswith("✅ Re-index done")
    world.env.backend.remove_member_role(world.guild.id, bob.id, role.id)
    await world.env.settle()

    assert_refused(await bob.slash(world.channel, "reindex"))
    assert builds == [False]


HOSTILE_LINE = " ".join(" ".join(HOSTILE).split())


def reindex_texts(world: World) -> list[str]:
    """Everything the bot said about /reindex: the progress, the result and the notices."""
    sent = [(r.json or {}) for r in world.env.http_requests if isinstance(r.json, dict)]
    texts = [body.get("content") or "" for body in sent]
    texts += [((body.get("data") or {}).get("content") or "") for body in sent]
    return [t for t in texts if t]


@pytest.mark.newsbot(
    library=ScriptedLibrary(
        steps=3, fail=IndexCorruptError(f"cannot read {MULTILINE_HOSTILE}"), phase=HOSTILE_LINE
    ),
    answerer=scripted("x"),
)
async def test_hostile_text_in_build_progress_and_errors_reaches_discord_inert(
    world: World,
) -> None:
    world.configure(admin_guilds=[world.guild.id])
    result = await world.admin.slash(world.channel, "reindex")

    assert result.response is not None
    assert result.response.content.startswith("❌ Re-index failed: cannot read \\[Click for free")
    assert any(t.startswith("⏳ Re-index in progress: ") for t in edits_of_original(world.env))
    texts = reindex_texts(world)
    assert len(texts) >= 2
    for text in texts:
        assert live_constructs(text) == [], text


class HeldLibrary(ScriptedLibrary):
    """A build that waits for the test to release it."""

    def __init__(self) -> None:
        super().__init__(steps=1)
        self.started, self.release = threading.Event(), threading.Event()

    def build(self, sources: Any = None, rebuild: bool = False, progress: Any = None) -> Any:
        self.started.set()
        assert self.release.wait(30), "the test never released the build"
        return super().build(sources, rebuild, progress)


@pytest.mark.newsbot(library=HeldLibrary(), answerer=scripted("x"), offload="held")
async def test_a_hostile_name_in_the_already_running_notice_reaches_discord_inert(
    world: World,
) -> None:
    library: HeldLibrary = world.bot.library  # type: ignore[assignment]
    mallory = world.guild.add_member(world.env.create_user("mallory"), nick=HOSTILE_LINE[:32])
    world.configure(admin_guilds=[world.guild.id], admin_users=[mallory.id])
    commands = await world.bot.tree.fetch_commands()
    reindex = next(c for c in commands if c.name == "reindex")
    world.guild.set_command_permissions(reindex, {world.guild.default_role: True})

    await mallory.slash(world.channel, "reindex")
    assert await asyncio.to_thread(library.started.wait, 30)
    second = await world.admin.slash(world.channel, "reindex")
    library.release.set()
    await world.bot.offload.finish()  # type: ignore[attr-defined]

    assert second.response is not None
    notice = second.response.content
    assert notice.startswith("A re-index is already running (started by \\[Click for free")
    # The bot's own relative time ("<t:...:R>") is the one live part.
    assert live_constructs(re.sub(r"<t:\d+:R>", "", notice)) == [], notice


def test_throttle_lets_one_edit_through_per_interval() -> None:
    throttle = Throttle(3.0)
    assert [throttle.ready(t) for t in (0.0, 1.0, 2.9, 3.0, 3.1, 6.5)] == [
        True,
        False,
        False,
        True,
        False,
        True,
    ]


async def test_progress_relay_coalesces_reports_from_the_worker_thread() -> None:
    loop = asyncio.get_running_loop()
    delivered: list[tuple[BuildProgress, bool]] = []
    relay = ProgressRelay(
        loop, lambda p: delivered.append((p, threading.current_thread() is threading.main_thread()))
    )

    def worker() -> None:
        for i in range(1, 1001):
            relay(BuildProgress("embedding", i, 1000))

    await asyncio.to_thread(worker)
    for _ in range(3):
        await asyncio.sleep(0)  # let the queued hand-offs run
    assert 1 <= len(delivered) < 1000
    assert delivered[-1][0] == BuildProgress("embedding", 1000, 1000)  # the latest wins
    assert all(on_loop for _, on_loop in delivered)  # delivered on the loop's thread


def test_describe_progress_shows_phase_counts_and_percentage() -> None:
    assert describe_progress(BuildProgress("embedding", 120, 300)) == "embedding 120/300 (40%)"
    assert describe_progress(BuildProgress("switching", 0, 0)) == "switching"
    assert describe_progress(None) == "starting"


class TestReindexWithTheRealEngine:
    """A real build on a corpus the test adds an article to, held midway by the test."""

    NEW_ARTICLE = (
        "Date: 2019-06-05\n\n"
        "Norway hosts talks between Venezuela's government and opposition\n\n"
        "Norwegian mediators hosted a new round of talks in Oslo between representatives of "
        "Venezuela's government and the opposition, the Norwegian foreign ministry said.\n"
    )
    QUESTION = "Where did Norwegian mediators host talks?"
    # The old index has no article naming Norway's mediators: the answer says so.
    NOT_IN_OLD_INDEX = "I found nothing about “Norwegian” in the indexed news articles."

    @pytest.fixture
    def settings(self, tmp_path: Path) -> Settings:
        corpus = tmp_path / "corpus"
        shutil.copytree(SAMPLE, corpus)
        return make_settings(tmp_path / "data", corpus={"sources": [str(corpus)]})

    @pytest.mark.newsbot(offload="held", discord={"cooldown_seconds": 0})
    async def test_reindex_serves_the_old_index_until_the_new_one_is_ready(
        self, world: World, settings: Settings
    ) -> None:
        reached, release = threading.Event(), threading.Event()
        real_build = world.bot.library.build

        def build(sources: Any = None, rebuild: bool = False, progress: Any = None) -> Any:
            def hold(p: BuildProgress) -> None:
                if progress is not None:
                    progress(p)
                if p.phase == "embedding" and not reached.is_set():
                    reached.set()
                    assert release.wait(30), "the test never released the build"

            return real_build(sources, rebuild, hold)

        world.bot.library.build = build  # type: ignore[method-assign]
        world.configure(admin_guilds=[world.guild.id])
        before = await world.alice.slash(world.channel, "ask", question=self.QUESTION)
        assert before.response is not None
        assert before.response.content.startswith(self.NOT_IN_OLD_INDEX)
        (Path(settings.corpus.sources[0]) / "001_oslo_talks.txt").write_text(self.NEW_ARTICLE)

        first = await world.admin.slash(world.channel, "reindex")
        assert await asyncio.to_thread(reached.wait, 30), "the build runs and is held"
        await world.env.settle()  # the progress it reported reaches the loop

        # While it runs: a second /reindex is told so, and /ask answers from the old index.
        second = await world.admin.slash(world.channel, "reindex")
        assert second.ephemeral and second.response is not None
        assert second.response.content.startswith("A re-index is already running")
        assert "embedding" in second.response.content and "%" in second.response.content
        during = await world.alice.slash(world.channel, "ask", question=self.QUESTION)
        assert during.response is not None
        assert during.response.content.startswith(self.NOT_IN_OLD_INDEX)
        old = await world.alice.slash(world.channel, "ask", question="What did Peskov say?")
        assert old.response is not None and old.response.embeds
        assert any(e.startswith("⏳ Re-index in progress: ") for e in edits_of_original(world.env))

        release.set()
        await world.bot.offload.finish()  # type: ignore[attr-defined]

        assert first.response is not None
        assert first.response.content.startswith("✅ Re-index done: indexed: 1 added")
        after = await world.alice.slash(world.channel, "ask", question=self.QUESTION)
        assert after.response is not None and after.response.embeds
        (embed,) = after.response.embeds
        assert "Oslo" in (embed.description or "")
        assert "Norway hosts talks" in (embed.fields[0].value or "")


class SkippingLibrary(ScriptedLibrary):
    """A build that skipped an article whose file name and title are hostile."""

    def build(self, sources: Any = None, rebuild: bool = False, progress: Any = None) -> Any:
        report = super().build(sources, rebuild, progress)
        return dataclasses.replace(
            report,
            skips=((f"{HOSTILE_LINE}.html", "only 3 words of text"),),
            warnings=(("feed.jsonl:3", f"title is a number: {HOSTILE_LINE}"),),
        )


@pytest.mark.newsbot(library=SkippingLibrary(steps=1), answerer=scripted("x"))
async def test_hostile_names_in_the_build_summary_reach_discord_inert(world: World) -> None:
    world.configure(admin_guilds=[world.guild.id])
    result = await world.admin.slash(world.channel, "reindex")

    assert result.response is not None
    done = result.response.content
    assert done.startswith("✅ Re-index done: indexed: 2 added"), done
    assert "\nskipped: \\[Click for free" in done
    assert live_constructs(done) == [], done


@pytest.mark.newsbot(
    library=ScriptedLibrary(
        steps=0, fail=BuildInProgressError("a build is already running (embedding, 40%)")
    ),
    answerer=scripted("x"),
)
async def test_reindex_during_another_build_says_how_far_that_build_is(world: World) -> None:
    world.configure(admin_guilds=[world.guild.id])
    result = await world.admin.slash(world.channel, "reindex")

    assert result.response is not None
    text = result.response.content
    assert text.startswith("❌ Another build is already running"), text
    assert "embedding, 40%" in text
    assert "The current index keeps serving." in text
