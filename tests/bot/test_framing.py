"""A chat message's framing (greetings, "can you tell me …", thanks) is not the question."""

from __future__ import annotations

import pytest

from bot.framing import spelled_out, unframed
from bot.question import parse_question


@pytest.mark.parametrize(
    ("typed", "question"),
    [
        # greetings and the bot's name before the question
        ("hey newsbot, what did Peskov say?", "What did Peskov say?"),
        ("Hi! What did Peskov say?", "What did Peskov say?"),
        ("hey what did peskov say", "What did peskov say"),  # no punctuation
        ("Good morning everyone - who won the race?", "Who won the race?"),
        ("yo bot who is Eric Adams", "Who is Eric Adams"),
        ("Quick question: who won the NYC mayoral race?", "Who won the NYC mayoral race?"),
        ("ok so, please who is Eric Adams?", "Who is Eric Adams?"),
        ("Sorry to bother you, but who Eric Adams is?", "Who is Eric Adams?"),
        ("excuse me - what did Peskov say?", "What did Peskov say?"),
        ("Sorry, but what Peskov said about the talks?", "What did Peskov say about the talks?"),
        # thanks, the bot's name and emoji after it
        ("What did Peskov say? thanks", "What did Peskov say?"),
        ("What did Peskov say? Thank you so much! :)", "What did Peskov say?"),
        ("What did Peskov say, newsbot?", "What did Peskov say?"),
        ("who is Eric Adams pls 🙏", "Who is Eric Adams"),
        # asking to be told, the indirect question put in question order
        ("Do you know who Karoline Leavitt is?", "Who is Karoline Leavitt?"),
        ("I was wondering who Zohran Mamdani is", "Who is Zohran Mamdani?"),
        (
            "can you tell me what Peskov said about the talks?",
            "What did Peskov say about the talks?",
        ),
        ("Tell me what the Kremlin has said", "What did the Kremlin say?"),
        ("tell me what happened when Trump said it", "What happened when Trump said it?"),
        (
            "any idea which country elected a woman this week?",
            "Which country elected a woman this week?",
        ),
        (
            "I'd like to know how many people died in the floods",
            "How many people died in the floods?",
        ),
        ("Does anyone know if the shutdown ended?", "The shutdown ended?"),
        ("could you please tell me where the summit is", "Where is the summit?"),
        # a greeting before a word in lower case; a frame before a statement with a wh-word
        (
            "hey tesla struck a deal with which chip maker? thx",
            "Tesla struck a deal with which chip maker?",
        ),
        (
            "I was wondering, the parade was held in which city?",
            "The parade was held in which city?",
        ),
        ("Do you know the name of the storm?", "The name of the storm?"),
        ("tell me who won", "Who won?"),
    ],
)
def test_the_question_inside_its_framing(typed: str, question: str) -> None:
    assert unframed(typed) == question


@pytest.mark.parametrize(
    "text",
    [
        "What did Peskov say?",
        "Hello Kitty maker Sanrio: what happened?",  # a name, not a greeting
        "Explain how a bill becomes a law to a ten-year-old.",  # a request, not a frame
        "Tell me about Zohran Mamdani",  # reads as the question it is
        "can you tell me about the shutdown?",
        "Tell me the latest on the shutdown",
        "Curious George author dies: who was he?",  # a frame's word, in a name
        "Hey Jude turns 60: who wrote it?",
        # a framing word joined to the next by a hyphen makes a compound
        "Right-wing groups: who leads them?",
        "So-called experts said what?",
        "Well-known critics of Trump: who are they?",
        "Q-Anon followers: what do they believe?",
        "Who did Trump thank?",
        "Sorry seems to be the hardest word: who sang it?",
        "What is it?",
        "What is a bot?",
        "Who is the bot's maker, thanks to whom it runs?",
        "An amusement park is a great place to have some fun. Where was the first one built?",
        "thanks!",  # nothing but framing: left as typed
        "hi",
    ],
)
def test_a_question_without_framing_is_left_as_typed(text: str) -> None:
    assert unframed(text) == text


def test_a_framed_question_is_parsed_as_the_question_inside() -> None:
    q = parse_question(
        unframed("hey newsbot, can you tell me what Peskov said about Venezuela? thx")
    )
    assert (q.kind, q.speaker, q.topic) == ("speaker", "Peskov", "Venezuela")
    assert "newsbot" not in q.search_text and "thx" not in q.search_text


@pytest.mark.parametrize("echo", ["Peskov said what?", "So Peskov said what about Venezuela?"])
def test_an_echo_question_asks_what_the_person_said(echo: str) -> None:
    q = parse_question(echo)
    assert (q.kind, q.speaker) == ("speaker", "Peskov")


@pytest.mark.parametrize(
    ("typed", "spelled"),
    [
        ("wat did trump say abt brazil", "what did trump say about brazil"),
        ("Wut did Peskov say?", "What did Peskov say?"),
        (
            "whats the govt doing thru the shutdown",
            "what's the government doing through the shutdown",
        ),
        ("what did pres trump tell u", "what did president trump tell you"),
        # names and abbreviations that look like shorthand stay
        ("Angkor Wat: what happened?", "Angkor Wat: what happened?"),
        ("Wen Jiabao said what?", "Wen Jiabao said what?"),
        ("What did U.S. officials say?", "What did U.S. officials say?"),
        ("what did u.s. officials say", "what did u.s. officials say"),
        ("Where did U2 play?", "Where did U2 play?"),
    ],
)
def test_chat_shorthand_is_written_out(typed: str, spelled: str) -> None:
    assert spelled_out(typed) == spelled
