"""The "Not helpful" button through discord.py on simcord's simulated Discord: who sees it, what
a click records, once per user and answer, and that it still works after the bot restarts."""

from __future__ import annotations

from typing import Any

import pytest
import simcord

from bot.cogs.feedback import (
    ALREADY_RECORDED_TEXT,
    BUTTON_LABEL,
    CUSTOM_ID_LIMIT,
    CUSTOM_ID_PREFIX,
    RECORDED_TEXT,
    UNKNOWN_ANSWER_TEXT,
)
from bot.discord_bot import UNEXPECTED_ERROR_TEXT, create_bot
from bot.models import Answer, Citation, Conversation
from tests.bot.conftest import ScriptedAnswerer, World

PESKOV = "What did Peskov say?"
NOTHING = "Who won the 1930 football world cup in Uruguay?"
EPHEMERAL = 64


def cited(question: str, conversation: Conversation | None) -> Answer:
    citations = tuple(
        Citation(
            n=n,
            article_id=f"a{n}",
            title=f"Report {n}",
            url=f"https://news.example/{n}" if n == 1 else None,
            source="Example News",
            published_at="2019-06-04",
            text="The Kremlin denied it.",
            start=0,
            end=22,
        )
        for n in (1, 2)
    )
    return Answer(question=question, text="The Kremlin denied it [1] [2].", citations=citations)


def buttons(message: Any) -> list[dict[str, Any]]:
    return [c for row in message.components for c in row.get("components", [])]


def callbacks(env: simcord.Env) -> list[dict[str, Any]]:
    return [r.json for r in env.http_requests if r.path.endswith("/callback")]


# --------------------------------------------------------------------------- the button


@pytest.mark.newsbot(answerer=ScriptedAnswerer(cited))
async def test_a_click_is_acknowledged_privately_and_records_the_answer(world: World) -> None:
    asked = await world.alice.slash(world.channel, "ask", question="Did the Kremlin deny it?")
    assert asked.response is not None
    (button,) = buttons(asked.response)
    assert button["label"] == BUTTON_LABEL
    assert button["custom_id"].startswith(CUSTOM_ID_PREFIX)
    assert len(button["custom_id"]) <= CUSTOM_ID_LIMIT
    before = len(callbacks(world.env))

    clicked = await world.alice.click(asked.response, label=BUTTON_LABEL)

    # Acknowledged at once with a private "thinking" response, then edited with the outcome.
    (ack,) = callbacks(world.env)[before:]
    assert ack["type"] == 5 and ack["data"]["flags"] & EPHEMERAL
    assert clicked.ephemeral and clicked.response is not None
    assert clicked.response.content == RECORDED_TEXT
    # Nobody else sees the acknowledgement; the answer itself is unchanged.
    assert all(m.content != RECORDED_TEXT for m in world.channel.history(viewer=world.admin))

    (item,) = world.bot.feedback.items()
    key = button["custom_id"].removeprefix(CUSTOM_ID_PREFIX)
    assert item.to_json() == {
        "answer_key": key,
        "question": "Did the Kremlin deny it?",
        "answer": "The Kremlin denied it [1] [2].",
        "citations": [
            {"n": 1, "url": "https://news.example/1", "title": "Report 1"},
            {"n": 2, "url": None, "title": "Report 2"},
        ],
        "snapshot": world.bot.library.stats().snapshot,  # the index serving at the time
        "answered_at": item.answer.created_at,
        "user_id": world.alice.id,
        "user_name": "alice",
        "guild_id": world.guild.id,
        "channel_id": world.channel.id,
        "recorded_at": world.env.now().isoformat(timespec="seconds"),
    }


async def test_feedback_names_the_snapshot_that_answered(world: World) -> None:
    asked = await world.alice.slash(world.channel, "ask", question=PESKOV)
    assert asked.response is not None

    await world.alice.click(asked.response, label=BUTTON_LABEL)

    (item,) = world.bot.feedback.items()
    assert item.answer.snapshot == world.bot.library.stats().snapshot
    assert item.answer.question == PESKOV and "Peskov" in item.answer.text
    assert [c.n for c in item.answer.citations] == [1]


@pytest.mark.newsbot(answerer=ScriptedAnswerer(cited))
async def test_each_user_records_an_answer_once_and_others_still_can(world: World) -> None:
    asked = await world.alice.slash(world.channel, "ask", question="Did the Kremlin deny it?")
    assert asked.response is not None

    first = await world.alice.click(asked.response, label=BUTTON_LABEL)
    again = await world.alice.click(asked.response, label=BUTTON_LABEL)
    other = await world.admin.click(asked.response, label=BUTTON_LABEL)

    assert first.response is not None and first.response.content == RECORDED_TEXT
    assert again.ephemeral and again.response is not None
    assert again.response.content == ALREADY_RECORDED_TEXT
    assert other.response is not None and other.response.content == RECORDED_TEXT
    items = world.bot.feedback.items()
    assert [i.user_id for i in items] == [world.admin.id, world.alice.id]  # newest first


@pytest.mark.newsbot(answerer=ScriptedAnswerer(cited), discord={"cooldown_seconds": 0})
async def test_the_same_user_can_mark_two_different_answers(world: World) -> None:
    one = await world.alice.slash(world.channel, "ask", question="Did the Kremlin deny it?")
    two = await world.alice.slash(world.channel, "ask", question="Did Moscow deny it?")
    assert one.response is not None and two.response is not None

    await world.alice.click(one.response, label=BUTTON_LABEL)
    clicked = await world.alice.click(two.response, label=BUTTON_LABEL)

    assert clicked.response is not None and clicked.response.content == RECORDED_TEXT
    questions = [i.answer.question for i in world.bot.feedback.items()]
    assert questions == ["Did Moscow deny it?", "Did the Kremlin deny it?"]


async def test_an_answer_that_found_nothing_has_no_button(world: World) -> None:
    asked = await world.alice.slash(world.channel, "ask", question=NOTHING)
    assert asked.response is not None and asked.response.embeds == []
    assert buttons(asked.response) == []


async def test_a_mention_answer_has_the_button_too(world: World) -> None:
    await world.alice.send(world.channel, f"<@{world.bot.user.id}> what did Lavrov say?")
    answer = world.channel.last_message
    assert answer is not None and answer.author == world.bot.user

    clicked = await world.admin.click(answer, label=BUTTON_LABEL)

    assert clicked.response is not None and clicked.response.content == RECORDED_TEXT
    (item,) = world.bot.feedback.items()
    assert item.answer.question == "what did Lavrov say?" and item.user_name == "erin"


async def test_a_mention_answer_that_found_nothing_has_no_button(world: World) -> None:
    await world.alice.send(world.channel, f"<@{world.bot.user.id}> {NOTHING}")
    answer = world.channel.last_message
    assert answer is not None and answer.author == world.bot.user
    assert answer.embeds == [] and answer.components == []


def long_answer(question: str, conversation: Conversation | None) -> Answer:
    paragraph = "The Kremlin said the report was wrong. " * 90
    return Answer(question=question, text="\n\n".join([paragraph] * 4), citations=())


@pytest.mark.newsbot(answerer=ScriptedAnswerer(long_answer))
async def test_an_answer_in_several_messages_has_one_button_under_the_last(world: World) -> None:
    asked = await world.alice.slash(world.channel, "ask", question="Tell me everything")
    assert asked.response is not None
    messages = [asked.response, *asked.followups]
    assert len(messages) > 1
    assert [len(buttons(m)) for m in messages] == [0] * (len(messages) - 1) + [1]


@pytest.mark.newsbot(answerer=ScriptedAnswerer(cited))
async def test_a_private_answer_can_be_marked_by_its_asker(world: World) -> None:
    asked = await world.alice.slash(
        world.channel, "ask", question="Did the Kremlin deny it?", private=True
    )
    assert asked.response is not None and asked.response.ephemeral

    clicked = await world.alice.click(asked.response, label=BUTTON_LABEL)

    assert clicked.response is not None and clicked.response.content == RECORDED_TEXT
    assert len(world.bot.feedback.items()) == 1


@pytest.mark.newsbot(answerer=ScriptedAnswerer(cited))
async def test_the_button_still_works_after_the_bot_restarts(world: World) -> None:
    asked = await world.alice.slash(world.channel, "ask", question="Did the Kremlin deny it?")
    assert asked.response is not None
    await world.alice.click(asked.response, label=BUTTON_LABEL)
    old = world.bot

    # A new process: a new bot and store over the same data directory.
    await world.env.restart_bot(create_bot(old.settings, old.library, old.answerer))
    assert world.env.bot is not old

    clicked = await world.admin.click(asked.response, label=BUTTON_LABEL)
    again = await world.alice.click(asked.response, label=BUTTON_LABEL)

    assert clicked.response is not None and clicked.response.content == RECORDED_TEXT
    assert again.response is not None and again.response.content == ALREADY_RECORDED_TEXT
    items = world.env.bot.feedback.items()  # type: ignore[attr-defined]
    assert [i.user_id for i in items] == [world.admin.id, world.alice.id]
    assert items[0].answer.question == "Did the Kremlin deny it?"


@pytest.mark.newsbot(answerer=ScriptedAnswerer(cited))
async def test_a_forgotten_answer_is_said_so_and_nothing_is_recorded(world: World) -> None:
    asked = await world.alice.slash(world.channel, "ask", question="Did the Kremlin deny it?")
    assert asked.response is not None
    world.bot.feedback.answers_file.unlink()  # e.g. the data directory was cleared

    clicked = await world.alice.click(asked.response, label=BUTTON_LABEL)

    assert clicked.ephemeral and clicked.response is not None
    assert clicked.response.content == UNKNOWN_ANSWER_TEXT
    assert world.bot.feedback.items() == []


@pytest.mark.newsbot(answerer=ScriptedAnswerer(cited))
async def test_a_failure_to_record_is_logged_and_told_privately(
    world: World, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    asked = await world.alice.slash(world.channel, "ask", question="Did the Kremlin deny it?")
    assert asked.response is not None

    def full_disk(item: Any) -> bool:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(world.bot.feedback, "record", full_disk)
    clicked = await world.alice.click(asked.response, label=BUTTON_LABEL)

    assert clicked.ephemeral and clicked.response is not None
    assert clicked.response.content == UNEXPECTED_ERROR_TEXT
    assert any(r.exc_info and r.exc_info[0] is OSError for r in caplog.records)
