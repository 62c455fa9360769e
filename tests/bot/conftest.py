"""Fixtures for the Discord bot under simcord (a simulated Discord running discord.py itself).

`simcord_bot` builds the real `NewsBot` around the real library and answerer (the sample
corpus, fake embedder). A test changes what it gets with the `newsbot` marker:

    @pytest.mark.newsbot(discord={"cooldown_seconds": 0}, answerer=ScriptedAnswerer(...))

`discord` overrides `[discord]` settings; `answerer` and `library` replace the real ones (e.g.
a scripted answer that is very long, or nothing found); `offload="held"` runs index builds on
a thread the test can hold (`HeldBuilds`).
"""

from __future__ import annotations

import asyncio
import contextvars
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import discord
import pytest
import simcord

from bot.discord_bot import NewsBot, create_bot
from bot.models import Answer, Conversation
from bot.settings import Settings


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "newsbot(discord=None, answerer=None, library=None, offload=None): "
        "how the simcord_bot fixture builds the bot",
    )


class ScriptedAnswerer:
    """Answers with `reply(question, conversation)` and records every question it was asked."""

    def __init__(self, reply: Callable[[str, Conversation | None], Answer]) -> None:
        self.reply = reply
        self.calls: list[tuple[str, Conversation | None]] = []
        self.when: list[dict[str, Any]] = []  # the `now` and `since` of each question

    def answer(
        self, question: str, conversation: Conversation | None = None, **when: Any
    ) -> Answer:
        self.calls.append((question, conversation))
        self.when.append(when)
        return self.reply(question, conversation)


def scripted(text: str, *, found: bool = True, **kw: Any) -> ScriptedAnswerer:
    return ScriptedAnswerer(lambda q, c: Answer(question=q, text=text, found=found, **kw))


class RecordingAnswerer:
    """Wraps a real answerer and records the questions and conversations it receives."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.calls: list[tuple[str, Conversation | None]] = []

    def answer(
        self, question: str, conversation: Conversation | None = None, **when: Any
    ) -> Answer:
        self.calls.append((question, conversation))
        return self.inner.answer(question, conversation, **when)


class HeldBuilds:
    """An offload that runs index builds on a plain thread, so a test can hold one midway.

    simcord waits for executor work (asyncio.to_thread) before an action returns, so a build
    that blocks would block the test. A build run here is awaited under `env.external_wait`:
    the action returns while the build is still busy, other work (answers) still goes through
    `asyncio.to_thread`, and `finish()` waits for the builds.
    """

    def __init__(self) -> None:
        self.env: simcord.Env | None = None
        self.builds: list[asyncio.Future[Any]] = []

    async def __call__(self, func: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        if getattr(func, "__name__", "") != "build":
            return await asyncio.to_thread(func, *args, **kwargs)
        assert self.env is not None, "the world fixture binds HeldBuilds to the env"
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Any] = loop.create_future()
        self.builds.append(future)

        def work() -> None:
            try:
                result = func(*args, **kwargs)
            except BaseException as exc:  # handed to the awaiting task, which reports it
                loop.call_soon_threadsafe(_settle, future, None, exc)
            else:
                loop.call_soon_threadsafe(_settle, future, result, None)

        # Like asyncio.to_thread, the thread runs in a copy of the caller's context.
        context = contextvars.copy_context()
        threading.Thread(target=context.run, args=(work,), daemon=True).start()
        return await self.env.external_wait(asyncio.shield(future), reason="held index build")

    async def finish(self, timeout: float = 30.0) -> None:
        """Wait until every build has finished, then let the bot finish reacting."""
        assert self.env is not None
        await asyncio.wait_for(asyncio.gather(*self.builds, return_exceptions=True), timeout)
        await self.env.settle()


def _settle(future: asyncio.Future[Any], result: Any, exc: BaseException | None) -> None:
    if future.done():
        return
    if exc is not None:
        future.set_exception(exc)
    else:
        future.set_result(result)


def _marker_options(request: pytest.FixtureRequest) -> dict[str, Any]:
    marker = request.node.get_closest_marker("newsbot")
    return dict(marker.kwargs) if marker else {}


@pytest.fixture
def bot_settings(settings: Settings, request: pytest.FixtureRequest) -> Settings:
    """The test settings with the marker's `[discord]` and `[index]` overrides."""
    options = _marker_options(request)
    return replace(
        settings,
        discord=replace(settings.discord, **options.get("discord", {})),
        index=replace(settings.index, **options.get("index", {})),
    )


@pytest.fixture
def simcord_bot(bot_settings: Settings, request: pytest.FixtureRequest) -> NewsBot:
    options = _marker_options(request)
    # The real index is only built when a test uses it.
    library = options.get("library") or request.getfixturevalue("library")
    answerer = options.get("answerer") or request.getfixturevalue("answerer")
    offload = options.get("offload")
    if offload == "held":
        offload = HeldBuilds()
    return create_bot(bot_settings, library, answerer, offload=offload)


@dataclass
class World:
    """A server with the bot, a #news channel, a member and an admin."""

    env: simcord.Env
    bot: NewsBot
    guild: simcord.GuildHandle
    channel: simcord.ChannelHandle
    alice: simcord.MemberActor
    admin: simcord.MemberActor

    def configure(self, **discord_settings: Any) -> None:
        """Change `[discord]` settings of the running bot (e.g. channel ids known only now)."""
        s = self.bot.settings
        self.bot.settings = replace(s, discord=replace(s.discord, **discord_settings))


@pytest.fixture
def world(simcord_env: simcord.Env) -> World:
    env = simcord_env
    bot = env.bot
    assert isinstance(bot, NewsBot)
    if isinstance(bot.offload, HeldBuilds):
        bot.offload.env = env
    guild = env.create_guild("Newsroom")
    channel = guild.create_text_channel("news")
    admins = guild.create_role("Editors", permissions=discord.Permissions(manage_guild=True))
    alice = guild.add_member(env.create_user("alice"))
    admin = guild.add_member(env.create_user("erin"), roles=[admins])
    return World(env, bot, guild, channel, alice, admin)


def edits_of_original(env: simcord.Env) -> list[str]:
    """The contents the bot put in interaction responses, in order."""
    return [
        (r.json or {}).get("content") or ""
        for r in env.http_requests
        if r.method == "PATCH" and r.path.endswith("/messages/@original")
    ]


def built_library(tmp_path: Any, embedder: Any, articles: dict[str, tuple[str, str]]) -> Any:
    """A library built over plain-text articles (name -> (title, body)) in `tmp_path`."""
    from index.library import Library
    from tests.conftest import make_settings, write_article

    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, (title, body) in articles.items():
        write_article(folder, name, title, body)
    settings = make_settings(tmp_path / "d", corpus={"sources": [str(folder)]})
    library = Library(settings, embedder)
    library.build()
    return library


def library_of(folder: Any, embedder: Any, articles: list[tuple[str, str, str, str, str]]) -> Any:
    """A library built in `folder` (a temporary path) over `articles` (id, source, date, title,
    text) alone, with `embedder`."""
    from index.library import Library
    from tests.conftest import make_settings
    from tests.story_corpus import write_corpus

    corpus = write_corpus(folder / "corpus", articles)
    library = Library(make_settings(folder / "data", corpus={"sources": [str(corpus)]}), embedder)
    library.build()
    return library


def council_meetings(count: int = 8) -> list[tuple[str, str, str, str, str]]:
    """`count` articles of other news (id, source, date, title, text), beside a test's story,
    so that the story's names are as rare in the index as in a real one."""
    return [
        (
            f"other{i}",
            "City Desk",
            f"2025-04-1{i}",
            f"Council meeting {i}",
            f"The council met on day {i} to discuss the budget for roads, schools and parks. "
            f"Members voted {i} to 2.",
        )
        for i in range(count)
    ]


def texts_of(articles: list[tuple[str, str, str, str, str]]) -> dict[str, str]:
    """Article id -> text of `articles` (id, source, date, title, text), as `library_of` reads
    them: what `ask_json` checks each citation against."""
    return {aid: text for aid, _, _, _, text in articles}


def ask_json(
    capsys: Any, library: Any, monkeypatch: Any, question: str, texts: dict[str, str]
) -> dict[str, Any]:
    """`newsbot ask QUESTION --json` over `library`'s index with its embedder: the answer,
    each citation checked to quote its article (`texts`: article id -> text) exactly."""
    import json

    from bot.cli import main

    monkeypatch.setattr("index.embedding.load_embedder", lambda settings: library.embedder)
    code = main(["ask", question, "--json", "--data-dir", str(library.settings.data_dir)])
    out, err = capsys.readouterr()
    assert code == 0, err
    answer: dict[str, Any] = json.loads(out)
    for c in answer["citations"]:
        assert texts[c["article_id"]][c["start"] : c["end"]] == c["text"]
    return answer
