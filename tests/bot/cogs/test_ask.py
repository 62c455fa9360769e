"""The /ask command, mentions, channels and follow-ups (bot/cogs/ask.py), through
discord.py itself on simcord's simulated Discord (no network).

Users act (slash commands, messages, replies) and the tests assert what Discord holds
afterwards and which REST calls the bot made. The answers come from the real library and
answerer on the sample corpus unless a test needs a controlled answer (scripted answerers).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Any

import discord
import pytest
import simcord

from bot import render
from bot.cogs.ask import HELP_TEXT, QUESTION_MAX_CHARS
from bot.discord_bot import UNEXPECTED_ERROR_TEXT
from bot.models import Answer, Citation, Conversation
from index.errors import QueryError
from tests.bot.conftest import (
    RecordingAnswerer,
    ScriptedAnswerer,
    World,
    scripted,
)
from tests.bot.hostile import HOSTILE, live_constructs

PESKOV = "What did Peskov say about Venezuela?"
NOTHING = "Who won the 1930 football world cup in Uruguay?"
TIMESTAMP = re.compile(r"<t:(\d+):R>")


def message_payloads(env: simcord.Env) -> Iterator[dict[str, Any]]:
    """The JSON of every REST call that created or edited a message."""
    for request in env.http_requests:
        body = request.json
        if not isinstance(body, dict):
            continue
        if "type" in body and "data" in body:  # an interaction callback with a message
            body = body["data"] or {}
        if "content" in body or "embeds" in body:
            yield body


def retry_seconds(text: str, env: simcord.Env) -> float:
    match = TIMESTAMP.search(text)
    assert match, f"no relative timestamp in {text!r}"
    return int(match.group(1)) - env.now().timestamp()


def echo_not_found(question: str, conversation: Conversation | None) -> Answer:
    return Answer(question=question, text=f"Nothing in the news about “{question}”.", found=False)


def long_answer(question: str, conversation: Conversation | None) -> Answer:
    sentence = "The Kremlin said the report was wrong and that its experts remain in Venezuela"
    paragraphs = [
        " ".join(f"{sentence} (part {p}.{s}) [{(p + s) % 30 + 1}]." for s in range(9))
        for p in range(14)
    ]
    citations = tuple(
        Citation(
            n=n,
            article_id=f"a{n}",
            title=f"Report {n}: " + "a rather long headline about Venezuela " * 4,
            url=f"https://news.example/{n}",
            source="Example News",
            published_at="2019-06-04",
            text="...",
            start=0,
            end=3,
        )
        for n in range(1, 31)
    )
    return Answer(question=question, text="\n\n".join(paragraphs), citations=citations)


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


# --------------------------------------------------------------------------- /ask


async def test_ask_defers_then_answers_with_an_embed_citing_the_article(world: World) -> None:
    result = await world.alice.slash(world.channel, "ask", question="What did Peskov say?")

    callbacks = [r for r in world.env.http_requests if r.path.endswith("/callback")]
    assert [c.json["type"] for c in callbacks] == [5]  # deferred ("thinking"), then edited
    response = result.response
    assert response is not None and not response.ephemeral
    (embed,) = response.embeds
    assert embed.title == "What did Peskov say?"
    assert "Dmitry Peskov" in (embed.description or "")
    assert "no official letter from Russia" in (embed.description or "")
    assert "[1]" in (embed.description or "")
    (sources,) = embed.fields
    assert sources.name == "Sources"
    assert sources.value == (
        "[1] Russia denies reporting Washington withdraws its troops from Venezuela · 2019-06-04"
    )


async def test_private_ask_is_seen_only_by_the_asker(world: World) -> None:
    result = await world.alice.slash(
        world.channel, "ask", question="What did Peskov say?", private=True
    )
    assert result.ephemeral
    assert result.response is not None and result.response.ephemeral
    assert result.response.embeds
    assert world.channel.history(viewer=world.admin) == []


@pytest.mark.newsbot(answerer=ScriptedAnswerer(long_answer))
async def test_a_long_answer_is_split_into_messages_within_discords_limits(world: World) -> None:
    result = await world.alice.slash(world.channel, "ask", question="Tell me everything")

    assert result.response is not None
    messages = [result.response, *result.followups]
    assert len(messages) > 1
    embeds: list[discord.Embed] = []
    for message in messages:
        assert len(message.content) <= render.MESSAGE_LIMIT
        assert len(message.embeds) <= render.EMBEDS_PER_MESSAGE_LIMIT
        assert sum(len(e) for e in message.embeds) <= render.EMBED_TOTAL_LIMIT
        embeds.extend(message.embeds)
    for embed in embeds:
        assert len(embed.description or "") <= render.EMBED_DESCRIPTION_LIMIT
        assert len(embed.fields) <= render.EMBED_FIELDS_LIMIT
        assert all(len(f.value or "") <= render.EMBED_FIELD_VALUE_LIMIT for f in embed.fields)
    # Nothing lost: every word in order, and each of the 30 sources once.
    expected = long_answer("", None)
    body = " ".join(e.description or "" for e in embeds)
    assert unescape(body).split() == expected.text.split()
    source_lines = [ln for e in embeds for f in e.fields for ln in (f.value or "").splitlines()]
    assert [int(ln[1 : ln.index("]")]) for ln in source_lines] == list(range(1, 31))
    # Paragraph boundaries are kept: no embed starts in the middle of a sentence.
    assert all(re.match(r"The Kremlin said", e.description) for e in embeds if e.description)


async def test_a_question_with_no_answer_gets_a_short_plain_reply(world: World) -> None:
    result = await world.alice.slash(world.channel, "ask", question=NOTHING)

    assert result.response is not None
    # No article names Uruguay: the reply says so, names the closest articles, cites nothing.
    assert result.response.content.startswith(
        "I found nothing about “Uruguay” in the indexed news articles. "
        "The closest articles are about: “"
    )
    assert result.response.embeds == []


@pytest.mark.newsbot(answerer=ScriptedAnswerer(echo_not_found), discord={"cooldown_seconds": 0})
async def test_everyone_and_mentions_in_a_question_ping_nobody(world: World) -> None:
    role = world.guild.create_role("Staff", mentionable=True)
    question = f"@everyone @here <@{world.admin.id}> <@&{role.id}> what happened?"

    result = await world.alice.slash(world.channel, "ask", question=question)
    await world.alice.send(world.channel, f"<@{world.bot.user.id}> {question}")

    assert result.response is not None and "@everyone" in result.response.content
    reply = world.channel.last_message
    assert reply is not None and reply.author == world.bot.user
    assert "@everyone" in reply.content and f"<@{world.admin.id}>" in reply.content
    # The bot may mention everyone in this server, so only allowed_mentions stops the pings.
    assert world.guild.me is not None and world.guild.me.guild_permissions.mention_everyone
    assert not reply.mention_everyone
    assert not result.response.message.mention_everyone
    payloads = list(message_payloads(world.env))
    assert len(payloads) >= 2
    for payload in payloads:
        mentions = payload.get("allowed_mentions")
        assert mentions is not None and mentions["parse"] == [], payload
        assert not mentions.get("users") and not mentions.get("roles")
        assert not mentions.get("replied_user")
    # And the bot itself defaults to no mentions, for any message a future change adds.
    assert world.bot.allowed_mentions is not None
    assert world.bot.allowed_mentions.to_dict() == discord.AllowedMentions.none().to_dict()


@pytest.mark.newsbot(discord={"cooldown_seconds": 30})
async def test_a_second_question_too_soon_is_told_when_to_retry(world: World) -> None:
    answerer = RecordingAnswerer(world.bot.answerer)
    world.bot.answerer = answerer

    first = await world.alice.slash(world.channel, "ask", question="What did Peskov say?")
    await world.env.advance_time(10)
    second = await world.alice.slash(world.channel, "ask", question="What did Lavrov say?")

    assert first.response is not None and first.response.embeds
    assert second.ephemeral and second.response is not None
    assert "try again" in second.response.content
    assert retry_seconds(second.response.content, world.env) == pytest.approx(20, abs=1)
    assert len(answerer.calls) == 1
    # Someone else is not held up by alice's cooldown.
    other = await world.admin.slash(world.channel, "ask", question="What did Lavrov say?")
    assert other.response is not None and other.response.embeds

    await world.env.advance_time(20)
    third = await world.alice.slash(world.channel, "ask", question="What did Lavrov say?")
    assert third.response is not None and third.response.embeds
    assert "Lavrov" in (third.response.embeds[0].description or "")
    assert [q for q, _ in answerer.calls] == [
        "What did Peskov say?",
        "What did Lavrov say?",
        "What did Lavrov say?",
    ]


@pytest.mark.newsbot(discord={"cooldown_seconds": 30})
async def test_the_cooldown_also_applies_to_mentions(world: World) -> None:
    mention = f"<@{world.bot.user.id}>"
    await world.alice.send(world.channel, f"{mention} What did Peskov say?")
    await world.alice.send(world.channel, f"{mention} What did Lavrov say?")

    reply = world.channel.last_message
    assert reply is not None and reply.author == world.bot.user
    assert "try again" in reply.content and not reply.embeds
    assert retry_seconds(reply.content, world.env) == pytest.approx(30, abs=1)


@pytest.mark.newsbot(answerer=scripted("x"), discord={"max_in_flight": 1, "cooldown_seconds": 0})
async def test_when_every_answer_slot_is_busy_the_user_is_told_to_retry(world: World) -> None:
    with world.bot.in_flight.slot():  # another answer is being computed
        result = await world.alice.slash(world.channel, "ask", question="What did Peskov say?")
    assert result.ephemeral and result.response is not None
    assert "busy" in result.response.content and TIMESTAMP.search(result.response.content)
    assert world.bot.answerer.calls == []  # type: ignore[attr-defined]


def refuse(question: str, conversation: Conversation | None) -> Answer:
    raise QueryError("The question is empty: ask about something in the news.")


def crash(question: str, conversation: Conversation | None) -> Answer:
    raise ZeroDivisionError("division by zero")


@pytest.mark.newsbot(answerer=ScriptedAnswerer(refuse))
async def test_a_bad_question_gets_the_answerers_message(world: World) -> None:
    result = await world.alice.slash(world.channel, "ask", question="?")
    assert result.response is not None
    assert result.response.content == "The question is empty: ask about something in the news."
    # The refused question does not count against the cooldown.
    again = await world.alice.slash(world.channel, "ask", question="??")
    assert again.response is not None and "try again" not in again.response.content


@pytest.mark.newsbot(answerer=ScriptedAnswerer(crash))
async def test_an_unexpected_error_is_logged_and_the_user_gets_a_brief_notice(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR):
        result = await world.alice.slash(world.channel, "ask", question="What did Peskov say?")
        await world.env.advance_time(30)
        await world.alice.send(world.channel, f"<@{world.bot.user.id}> What did Peskov say?")

    assert result.response is not None and result.response.content == UNEXPECTED_ERROR_TEXT
    reply = world.channel.last_message
    assert reply is not None and reply.content == UNEXPECTED_ERROR_TEXT
    assert "Traceback" not in reply.content and "ZeroDivisionError" not in reply.content
    logged = [r for r in caplog.records if r.exc_info and r.exc_info[0] is ZeroDivisionError]
    assert len(logged) == 2


# --------------------------------------------------------------------------- messages


async def test_a_mention_is_answered_as_a_reply_while_typing(world: World) -> None:
    answerer = RecordingAnswerer(world.bot.answerer)
    world.bot.answerer = answerer

    asked = await world.alice.send(world.channel, f"<@{world.bot.user.id}> what did Lavrov say?")

    reply = world.channel.last_message
    assert reply is not None and reply.author == world.bot.user
    assert reply.reference is not None and reply.reference.message_id == asked.id
    assert "Sergei Lavrov" in (reply.embeds[0].description or "")
    assert answerer.calls == [("what did Lavrov say?", None)]  # the mention is not in it
    typing = [r for r in world.env.http_requests if r.path.endswith("/typing")]
    assert typing and world.env.http_requests.index(typing[0]) < len(world.env.http_requests) - 1


@pytest.mark.parametrize(
    "typed",
    [
        # chat users type names in lower case: the bot reads them as the news writes them
        "who is sergei lavrov",
        # and frame their questions: greetings, "do you know …", thanks
        "hey newsbot, do you know who Sergei Lavrov is? thanks!",
        "hi! can you tell me who sergei lavrov is pls",
    ],
)
@pytest.mark.newsbot(discord={"cooldown_seconds": 0})
async def test_a_question_as_chat_users_type_it_is_answered_as_written(
    world: World, typed: str
) -> None:
    answers = []
    for question in ("Who is Sergei Lavrov?", typed):
        await world.alice.send(world.channel, f"<@{world.bot.user.id}> {question}")
        reply = world.channel.last_message
        assert reply is not None and reply.author == world.bot.user
        answers.append(reply.embeds[0].description or "")
    assert answers[0].startswith("**Russian Foreign Minister Sergei Lavrov** [1]. ")
    assert answers[1] == answers[0]


@pytest.mark.parametrize(
    ("status", "code"),
    [(403, 50013), (500, 0)],  # missing permission (discord.Forbidden); a failed request
)
async def test_a_refused_typing_indicator_does_not_cost_the_answer(
    world: World, status: int, code: int
) -> None:
    world.env.inject_error("POST", "/channels/*/typing", status=status, code=code, times=None)

    await world.alice.send(world.channel, f"<@{world.bot.user.id}> what did Lavrov say?")

    reply = world.channel.last_message
    assert reply is not None and reply.author == world.bot.user
    assert reply.content != UNEXPECTED_ERROR_TEXT
    assert "Sergei Lavrov" in (reply.embeds[0].description or "")


class _Refused:
    status = 429
    reason = "Too Many Requests"


async def test_a_typing_indicator_failing_to_stop_does_not_cost_the_answer(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def refuse(self: Any, *exc_info: Any) -> None:
        raise discord.HTTPException(_Refused(), "rate limited")  # type: ignore[arg-type]

    monkeypatch.setattr(discord.context_managers.Typing, "__aexit__", refuse)

    await world.alice.send(world.channel, f"<@{world.bot.user.id}> what did Lavrov say?")

    reply = world.channel.last_message
    assert reply is not None and reply.author == world.bot.user
    assert "Sergei Lavrov" in (reply.embeds[0].description or "")


async def test_messages_not_addressed_to_the_bot_are_ignored(world: World) -> None:
    await world.alice.send(world.channel, "what did Lavrov say?")
    history = world.channel.history()
    assert len(history) == 1 and history[0].author != world.bot.user


@pytest.mark.newsbot(discord={"message_content": True})
async def test_any_message_in_a_configured_channel_is_a_question(world: World) -> None:
    elsewhere = world.guild.create_text_channel("random")
    world.configure(channels=[world.channel.id])

    await world.alice.send(world.channel, "what did Lavrov say?")
    await world.admin.send(elsewhere, "what did Lavrov say?")

    reply = world.channel.last_message
    assert reply is not None and reply.author == world.bot.user
    assert "Sergei Lavrov" in (reply.embeds[0].description or "")
    assert all(m.author != world.bot.user for m in elsewhere.history())


@pytest.mark.newsbot(discord={"message_content": False, "channels": [1]})
async def test_without_the_content_intent_channels_are_skipped_but_mentions_work(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    world.configure(channels=[world.channel.id])
    assert not world.bot.intents.message_content
    assert any("message_content" in r.getMessage() for r in caplog.get_records("setup"))

    await world.alice.send(world.channel, "what did Lavrov say?")
    assert all(m.author != world.bot.user for m in world.channel.history())

    await world.alice.send(world.channel, f"<@{world.bot.user.id}> what did Lavrov say?")
    reply = world.channel.last_message
    assert reply is not None and reply.author == world.bot.user and reply.embeds


@pytest.mark.newsbot(discord={"cooldown_seconds": 0})
async def test_a_reply_to_an_answer_is_a_follow_up_keeping_the_subject(world: World) -> None:
    answerer = RecordingAnswerer(world.bot.answerer)
    world.bot.answerer = answerer
    first_subject = answerer.inner.answer(PESKOV, None).subject
    assert first_subject, "the first question names a subject to keep"

    await world.alice.send(world.channel, f"<@{world.bot.user.id}> {PESKOV}")
    answer = world.channel.last_message
    assert answer is not None and answer.author == world.bot.user
    # A reply pings the bot by default, so it arrives with its text even without the intent.
    await world.alice.send(world.channel, "and what did Lavrov say?", reply_to=answer)

    reply = world.channel.last_message
    assert reply is not None and reply.author == world.bot.user
    assert reply.reference is not None
    assert "Sergei Lavrov" in (reply.embeds[0].description or "")
    question, conversation = answerer.calls[-1]
    assert question == "and what did Lavrov say?"
    assert conversation == Conversation(question=PESKOV, subject=first_subject)

    # A reply to the follow-up's answer carries the thread along.
    await world.alice.send(world.channel, "and Trump?", reply_to=reply)
    _, third = answerer.calls[-1]
    assert third is not None and third.history == (PESKOV,)
    assert third.question == "and what did Lavrov say?" and third.subject == first_subject


@pytest.mark.newsbot(discord={"cooldown_seconds": 0, "message_content": True})
async def test_a_reply_to_an_ask_answer_is_a_follow_up(world: World) -> None:
    answerer = RecordingAnswerer(world.bot.answerer)
    world.bot.answerer = answerer

    asked = await world.alice.slash(world.channel, "ask", question=PESKOV)
    assert asked.response is not None
    await world.alice.send(world.channel, "and what did Lavrov say?", reply_to=asked.response)

    reply = world.channel.last_message
    assert reply is not None and reply.author == world.bot.user and reply.embeds
    _, conversation = answerer.calls[-1]
    assert conversation is not None and conversation.question == PESKOV


@pytest.mark.newsbot(discord={"message_content": True})
async def test_a_greeting_or_thanks_is_told_how_to_ask_and_not_searched(world: World) -> None:
    answerer = RecordingAnswerer(world.bot.answerer)
    world.bot.answerer = answerer
    how_to_ask = HELP_TEXT.format(name=world.bot.user.display_name)

    await world.alice.send(world.channel, f"<@{world.bot.user.id}> hi!")
    reply = world.channel.last_message
    assert reply is not None and reply.author == world.bot.user
    assert reply.content == how_to_ask and not reply.embeds

    await world.alice.send_dm("hello newsbot")
    assert world.alice.user.dm_channel.history()[-1].content == how_to_ask

    # in a channel where every message is a question, thanks to the others is not for the bot
    world.configure(channels=[world.channel.id])
    await world.alice.send(world.channel, "thanks all! :)")
    assert world.channel.last_message is not None
    assert world.channel.last_message.author != world.bot.user
    assert answerer.calls == []


async def test_a_direct_message_is_a_question(world: World) -> None:
    await world.alice.send_dm("what did Lavrov say?")
    history = world.alice.user.dm_channel.history()
    assert [m.author == world.bot.user for m in history] == [False, True]
    assert "Sergei Lavrov" in (history[-1].embeds[0].description or "")


# --------------------------------------------------------------------------- hostile text

# A slash command's option is one line; a message may have many.
ONE_LINE = " ".join(" ".join(HOSTILE).split())[:QUESTION_MAX_CHARS]
MANY_LINES = "\n".join(HOSTILE)
NEWS_URL = "https://news.example/1"


def hostile_found(question: str, conversation: Conversation | None) -> Answer:
    citation = Citation(
        n=1,
        article_id="a1",
        title=ONE_LINE,
        url=NEWS_URL,
        source=MANY_LINES,
        published_at="2019-06-04",
        text="x",
        start=0,
        end=1,
    )
    text = "\n\n".join(f"{h} [1]" for h in HOSTILE)
    return Answer(question=question, text=text, citations=(citation,))


def hostile_error(question: str, conversation: Conversation | None) -> Answer:
    raise QueryError(f"Cannot answer “{question}”.")


def sent_texts(env: simcord.Env) -> list[str]:
    """Every content, embed title, description and field the bot sent or edited, in order;
    the bot's own link to the article (in the Sources field) is taken out."""
    texts = []
    for payload in message_payloads(env):
        texts.append(payload.get("content") or "")
        for embed in payload.get("embeds") or []:
            texts += [embed.get("title") or "", embed.get("description") or ""]
            for f in embed.get("fields") or []:
                value = re.sub(r"^\[1\] \[", "[1] ", f["value"], flags=re.MULTILINE)
                value = re.sub(r"\]\(<" + re.escape(NEWS_URL) + r"[^<>\s]*>\)", "", value)
                texts += [f["name"], value]
    return [t for t in texts if t]


def assert_all_inert(env: simcord.Env, *, allow: tuple[str, ...] = ()) -> None:
    texts = sent_texts(env)
    assert texts
    for text in texts:
        assert live_constructs(text, allow=allow) == [], text


@pytest.mark.newsbot(answerer=ScriptedAnswerer(hostile_found), discord={"cooldown_seconds": 0})
async def test_hostile_text_in_a_question_and_an_answer_reaches_discord_inert(
    world: World,
) -> None:
    asked = await world.alice.slash(world.channel, "ask", question=ONE_LINE)
    await world.alice.send(world.channel, f"<@{world.bot.user.id}> {MANY_LINES}")

    assert asked.response is not None and asked.response.embeds
    assert unescape(asked.response.embeds[0].title or "").startswith("[Click for free Nitro](")
    reply = world.channel.last_message
    assert reply is not None and reply.author == world.bot.user and reply.embeds
    # The answer's own "- " bullets are the only markdown left to article text.
    assert_all_inert(world.env, allow=("list bullet",))


@pytest.mark.newsbot(answerer=ScriptedAnswerer(echo_not_found), discord={"cooldown_seconds": 0})
async def test_hostile_text_in_a_not_found_reply_reaches_discord_inert(world: World) -> None:
    asked = await world.alice.slash(world.channel, "ask", question=ONE_LINE)
    await world.alice.send(world.channel, f"<@{world.bot.user.id}> {MANY_LINES}")

    assert asked.response is not None
    assert unescape(asked.response.content) == f"Nothing in the news about “{ONE_LINE}”."
    assert_all_inert(world.env)


async def test_a_masked_link_in_a_speaker_not_found_reply_is_not_a_link(world: World) -> None:
    # Issue 9's report: the reply named the "speaker", a phishing link, as a clickable link.
    phishing = "[Click for free Nitro](https://evil.com)"
    asked = await world.alice.slash(world.channel, "ask", question=f"What did {phishing} say?")

    assert asked.response is not None
    assert unescape(asked.response.content) == (
        f"I couldn't find any statements by {phishing} in the indexed news articles."
    )
    assert_all_inert(world.env)


@pytest.mark.newsbot(answerer=ScriptedAnswerer(hostile_error), discord={"cooldown_seconds": 0})
async def test_hostile_text_in_an_error_reply_reaches_discord_inert(world: World) -> None:
    asked = await world.alice.slash(world.channel, "ask", question=ONE_LINE)
    await world.alice.send(world.channel, f"<@{world.bot.user.id}> {MANY_LINES}")

    assert asked.response is not None and asked.response.content.startswith("Cannot answer")
    assert len(sent_texts(world.env)) == 2
    assert_all_inert(world.env)
