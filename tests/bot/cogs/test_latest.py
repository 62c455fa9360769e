"""/latest [topic] (bot/cogs/latest.py) and the time of /ask (`since`, "now" is when the question
was sent), through discord.py itself on simcord's simulated Discord (its clock starts on
2026-01-01)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bot import render
from bot.cogs.latest import LATEST_STORIES, NOTHING_ABOUT_TEXT
from bot.settings import Settings
from index.library import Library
from tests.bot.conftest import ScriptedAnswerer, World, scripted
from tests.conftest import make_settings

STORIES = [  # id, date, outlet, title, text
    ("harbour", "2025-12-20", "port.example", "Harbour reopens", "The harbour reopened."),
    (
        "strike-1",
        "2025-11-02",
        "wire.example",
        "Dock strike begins",
        "Dock workers began a strike.",
    ),
    ("strike-2", "2025-12-30", "daily.example", "Dock strike ends", "The dock strike ended."),
    ("future", "2026-02-01", "wire.example", "Dock strike anniversary", "A year of dock strike."),
    ("undated", None, "blog.example", "Dock strike thoughts", "Thoughts on the dock strike."),
]


def write_corpus(path: Path, rows: list[dict[str, Any]]) -> None:
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")


@pytest.fixture
def library(tmp_path: Path, fake_embedder: Any, settings: Settings) -> Library:
    path = tmp_path / "stories.jsonl"
    rows = [
        {"id": i, "published_at": d, "source": s, "title": t, "text": x, "url": f"https://{s}/{i}"}
        for i, d, s, t, x in STORIES
    ]
    write_corpus(path, rows)
    lib = Library(make_settings(settings.data_dir, corpus={"sources": [str(path)]}), fake_embedder)
    lib.build()
    return lib


def description(result: Any) -> str:
    assert result.response is not None
    (embed,) = result.response.embeds
    return embed.description or ""


@pytest.mark.newsbot(answerer=scripted("x"), discord={"cooldown_seconds": 0})
async def test_latest_lists_the_newest_stories_one_line_each_with_outlet_date_and_link(
    world: World,
) -> None:
    result = await world.alice.slash(world.channel, "latest")

    lines = description(result).splitlines()
    assert lines == [
        "2025-12-30 · daily.example · [Dock strike ends](<https://daily.example/strike-2>)",
        "2025-12-20 · port.example · [Harbour reopens](<https://port.example/harbour>)",
        "2025-11-02 · wire.example · [Dock strike begins](<https://wire.example/strike-1>)",
    ]  # dated after the interaction (2026-02-01) or undated: not listed


@pytest.mark.newsbot(answerer=scripted("x"), discord={"cooldown_seconds": 0})
async def test_latest_about_a_topic_lists_only_stories_about_it(world: World) -> None:
    result = await world.alice.slash(world.channel, "latest", topic="dock strike")
    assert result.response is not None
    assert result.response.embeds[0].title == "Latest about dock strike"
    assert [line.split(" · ")[0] for line in description(result).splitlines()] == [
        "2025-12-30",
        "2025-11-02",
    ]

    nothing = await world.alice.slash(world.channel, "latest", topic="volcano")
    assert nothing.response is not None
    assert nothing.response.content == NOTHING_ABOUT_TEXT.format(topic="volcano")


@pytest.mark.newsbot(answerer=scripted("x"))
async def test_latest_stays_within_discords_embed_limit(world: World, tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    rows = [
        {
            "id": f"long-{n}",
            "published_at": f"2025-12-{n + 1:02d}",
            "source": "outlet-with-a-long-name.example" * 2,
            "title": f"Story {n} " + "with a headline that goes on and on " * 8,
            "url": f"https://news.example/{n}/" + "x" * 400,
            "text": f"Story number {n} happened.",
        }
        for n in range(LATEST_STORIES + 5)
    ]
    write_corpus(path, rows)
    world.bot.library = Library(
        make_settings(tmp_path / "long-data", corpus={"sources": [str(path)]}),
        world.bot.library.embedder,  # type: ignore[attr-defined]
    )
    world.bot.library.build()
    result = await world.alice.slash(world.channel, "latest")

    lines = description(result).splitlines()
    assert len(description(result)) <= render.EMBED_DESCRIPTION_LIMIT
    assert 1 <= len(lines) < LATEST_STORIES  # whole lines only, the newest first
    assert lines[0].startswith(f"2025-12-{LATEST_STORIES + 5:02d} · ")


@pytest.mark.newsbot(answerer=scripted("ok"), discord={"cooldown_seconds": 0})
async def test_ask_is_answered_as_of_when_it_was_sent_and_since_a_given_day(world: World) -> None:
    answerer = world.bot.answerer
    assert isinstance(answerer, ScriptedAnswerer)
    await world.env.advance_time(3600)
    await world.alice.slash(world.channel, "ask", question="What happened this week?")
    await world.alice.slash(world.channel, "ask", question="Strikes?", since="2019")
    await world.alice.slash(world.channel, "ask", question="Strikes?", since="2025-12-01")
    await world.alice.slash(world.channel, "ask", question="Strikes?", since="last month")

    sent = world.env.now()
    assert [w["now"] for w in answerer.when] == [sent] * 4
    assert [w["since"] for w in answerer.when] == [
        None,
        date(2019, 1, 1),
        date(2025, 12, 1),
        date(2025, 12, 1),
    ]


@pytest.mark.newsbot(answerer=scripted("ok"))
async def test_ask_with_a_since_it_cannot_read_says_what_it_understands(world: World) -> None:
    result = await world.alice.slash(world.channel, "ask", question="Strikes?", since="soonish")
    assert result.response is not None
    assert "“soonish” is not a start date I understand" in result.response.content
    answerer = world.bot.answerer
    assert isinstance(answerer, ScriptedAnswerer) and answerer.calls == []


@pytest.mark.newsbot(answerer=scripted("ok"), discord={"cooldown_seconds": 0})
async def test_a_mentioned_question_is_answered_as_of_its_message(world: World) -> None:
    await world.env.advance_time(90)
    await world.alice.send(world.channel, f"<@{world.bot.user.id}> what happened today?")
    answerer = world.bot.answerer
    assert isinstance(answerer, ScriptedAnswerer)
    assert answerer.when == [{"now": world.env.now(), "since": None}]
