"""The HTTP chat client against a real HTTP server on loopback that plays an OpenAI-compatible
API (tests/bot/fake_openai.py), driven through the writer as the bot drives it."""

from __future__ import annotations

import json
import logging
import re
import socket
import time
from collections.abc import Iterator, Sequence
from dataclasses import replace

import pytest

from bot.llm import LLMWriter, OpenAIChatClient, build_messages
from bot.llm.client import SENTENCE_GRACE_TOKENS
from bot.llm.prompt import passage_block
from bot.llm.tokens import JOIN_SLACK, MESSAGE_OVERHEAD, estimate_tokens
from bot.models import Answer
from bot.settings import LLMSettings
from index.models import Hit
from tests.bot.fake_openai import FakeOpenAI
from tests.bot.llm.conftest import (
    FOOTBALL,
    HITS,
    KEY_ENV,
    PESKOV,
    ROSTEK,
    SECRET,
    extractive,
    word_jaccard,
)


@pytest.fixture
def server() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as fake:
        yield fake


@pytest.fixture
def settings(settings: LLMSettings, server: FakeOpenAI) -> LLMSettings:
    return replace(settings, base_url=server.base_url)


def write(settings: LLMSettings, fallback: Answer | None = None, hits: Sequence[Hit] = HITS):
    fallback = fallback or extractive()
    return LLMWriter(settings, word_jaccard).write("What did Peskov say?", hits, fallback)


def test_request_is_a_chat_completion_with_model_and_temperature(server, settings):
    server.answer("Peskov told reporters that no official letter had been received [1].")

    write(replace(settings, temperature=0.2, base_url=server.base_url + "/"))

    (request,) = server.requests
    assert request.method == "POST"
    assert request.path == "/v1/chat/completions"
    assert request.body["model"] == "test-model"
    assert request.body["temperature"] == 0.2
    assert [m["role"] for m in request.body["messages"]] == ["system", "user"]
    user = request.message("user")
    for n, h in enumerate(HITS, start=1):
        assert f'<passage id="{n}">' in user
        assert h.text in user


@pytest.mark.parametrize(
    "body",
    [
        "this is not json {",
        '{"choices": []}',
        '{"choices": [{"message": {"role": "assistant"}}]}',
        '{"choices": [{"message": {"role": "assistant", "content": "   "}}]}',
        '{"error": "overloaded"}',
    ],
    ids=["not-json", "no-choices", "no-content", "empty-content", "no-choices-key"],
)
def test_malformed_reply_gives_the_fallback_and_a_warning(server, settings, caplog, body):
    server.respond(200, body)
    fallback = extractive()

    with caplog.at_level(logging.WARNING, logger="bot.llm"):
        answer = write(settings, fallback)

    assert answer is fallback
    assert "using the extractive answer" in caplog.text
    assert PESKOV not in caplog.text


def test_http_500_gives_the_fallback_and_names_the_status(server, settings, caplog):
    server.respond(500, '{"error": {"message": "internal error"}}')
    fallback = extractive()

    with caplog.at_level(logging.WARNING, logger="bot.llm"):
        answer = write(settings, fallback)

    assert answer is fallback
    assert "HTTP 500" in caplog.text


def test_slow_reply_beyond_the_timeout_gives_the_fallback(server, settings, caplog):
    server.answer("Peskov told reporters that no official letter had been received [1].", delay=3)
    fallback = extractive()

    with caplog.at_level(logging.WARNING, logger="bot.llm"):
        answer = write(replace(settings, timeout_seconds=0.3), fallback)

    assert answer is fallback
    assert "0.3 s" in caplog.text or "timed out" in caplog.text


def test_connection_refused_gives_the_fallback(settings, caplog):
    with socket.socket() as sock:  # a port that was free a moment ago and has no listener now
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    fallback = extractive()

    with caplog.at_level(logging.WARNING, logger="bot.llm"):
        answer = write(replace(settings, base_url=f"http://127.0.0.1:{port}/v1"), fallback)

    assert answer is fallback
    assert "cannot reach" in caplog.text


def test_authorization_header_is_sent_only_when_the_key_variable_is_set(
    server, settings, monkeypatch
):
    reply = "Peskov told reporters that no official letter had been received [1]."
    server.answer(reply)
    write(settings)
    monkeypatch.setenv(KEY_ENV, SECRET)
    server.answer(reply)
    write(settings)

    without_key, with_key = server.requests
    assert "authorization" not in without_key.headers
    assert with_key.headers["authorization"] == f"Bearer {SECRET}"


def test_key_never_appears_in_logs(server, settings, monkeypatch, caplog):
    monkeypatch.setenv(KEY_ENV, SECRET)
    server.respond(401, f'{{"error": {{"message": "Incorrect API key provided: {SECRET}"}}}}')
    server.respond(200, "not json")
    server.answer("Peskov told reporters that no official letter had been received [1].")

    with caplog.at_level(logging.DEBUG):
        for _ in range(3):
            write(settings)

    assert len(server.requests) == 3
    assert "HTTP 401" in caplog.text
    assert SECRET not in caplog.text


def test_loopback_server_is_reached_directly_even_with_a_proxy_in_the_environment(
    server, settings, monkeypatch
):
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    dead = "http://127.0.0.1:9"  # the discard port: nothing listens there
    for name in ("HTTP_PROXY", "http_proxy"):
        monkeypatch.setenv(name, dead)
    server.answer("Peskov told reporters that no official letter had been received [1].")

    answer = write(settings)

    assert len(server.requests) == 1
    assert answer.citations[0].article_id == "a1"


def test_reasoning_scratchpad_is_not_part_of_the_answer(server, settings):
    server.answer(
        "<think>Passage 3 is about football [3].</think>"
        "Peskov told reporters that no official letter had been received [1]."
    )

    answer = write(settings)

    assert answer.text == "Peskov told reporters that no official letter had been received [1]."


# -- bounded generation, one deadline, a token budget (issue 13) ------------------------------

GOOD = "Peskov told reporters that no official letter had been received [1]."


def timed_write(settings: LLMSettings, fallback: Answer | None = None) -> tuple[Answer, float]:
    start = time.monotonic()
    answer = write(settings, fallback)
    return answer, time.monotonic() - start


def test_every_request_asks_for_a_stream_of_at_most_max_tokens(server, settings):
    server.stream(GOOD)
    server.stream(GOOD)

    write(replace(settings, max_tokens=123))
    answer = write(settings)

    assert [r.body["max_tokens"] for r in server.requests] == [123, settings.max_tokens]
    assert all(r.body["stream"] is True for r in server.requests)
    assert answer.text == GOOD


def test_a_streamed_reply_is_checked_like_a_whole_one(server, settings):
    server.stream(GOOD + " Russia will double its gas exports to China next winter [2].")

    answer = write(settings)

    assert answer.text == GOOD
    assert [c.article_id for c in answer.citations] == ["a1"]


def test_a_runaway_server_ignoring_max_tokens_is_cut_at_a_sentence_end_past_the_limit(
    server, settings
):
    server.stream(GOOD + " ", forever=True, ignore_max_tokens=True)
    client = OpenAIChatClient(replace(settings, max_tokens=20))
    messages = [{"role": "user", "content": "What did Peskov say?"}]

    reply = client.complete(messages, deadline=time.monotonic() + 30)

    # 15 streamed tokens a sentence: the limit falls in the second, which is kept whole.
    assert reply == f"{GOOD} {GOOD}"
    (streamed,) = server.streams
    assert streamed.finished.wait(10)
    # The connection was closed, so the server stopped (what it sent meanwhile sat unread in
    # the socket buffers).
    assert streamed.client_gone


def test_a_runaway_server_without_sentence_ends_is_cut_soon_after_max_tokens(server, settings):
    server.stream("and on ", forever=True, ignore_max_tokens=True)
    client = OpenAIChatClient(replace(settings, max_tokens=30))

    reply = client.complete([{"role": "user", "content": "q"}], deadline=time.monotonic() + 30)

    assert 30 <= len(reply.split()) <= 30 + SENTENCE_GRACE_TOKENS

    (streamed,) = server.streams
    assert streamed.finished.wait(10)
    assert streamed.client_gone


def test_a_runaway_server_gives_a_checked_answer_well_before_the_deadline(server, settings):
    server.stream(GOOD + " ", forever=True, ignore_max_tokens=True)

    answer, elapsed = timed_write(replace(settings, max_tokens=20, timeout_seconds=20))

    assert answer.text == f"{GOOD} {GOOD}"
    assert elapsed < 10  # cut at the token limit, not at the 20 s deadline


def test_a_server_streaming_slowly_forever_is_cut_at_the_deadline(server, settings, caplog):
    server.stream(GOOD + " ", forever=True, ignore_max_tokens=True, token_delay=0.05)
    fallback = extractive()
    timeout = 1.5

    with caplog.at_level(logging.WARNING, logger="bot.llm"):
        answer, elapsed = timed_write(replace(settings, timeout_seconds=timeout), fallback)

    assert answer is fallback
    assert elapsed < timeout + 1.0  # generous: the deadline, not the stream, ends the wait
    assert "not ready" in caplog.text
    (streamed,) = server.streams
    assert streamed.finished.wait(10)
    assert streamed.client_gone  # the client stopped reading and closed the connection


def test_a_server_that_sleeps_past_the_deadline_gives_the_extractive_answer_in_time(
    server, settings
):
    server.stream(GOOD, delay=4)
    fallback = extractive()
    llm = LLMWriter(replace(settings, timeout_seconds=0.5), word_jaccard)

    start = time.monotonic()
    answer = llm.write("What did Peskov say?", HITS, fallback)
    elapsed = time.monotonic() - start

    assert answer is fallback
    assert elapsed < 0.5 + 1.0
    assert llm.total.timeout == 1 and llm.total.llm == 0


def test_a_server_error_event_in_the_stream_gives_the_fallback(server, settings, caplog):
    body = b'data: {"error": {"message": "model crashed"}}\n\n'
    server.respond(200, body, content_type="text/event-stream")
    fallback = extractive()

    with caplog.at_level(logging.WARNING, logger="bot.llm"):
        answer = write(settings, fallback)

    assert answer is fallback
    assert "error in the stream" in caplog.text


def test_a_context_overflow_from_the_server_falls_back_and_says_what_to_lower(
    server, settings, caplog
):
    overflow = {
        "error": {
            "code": 400,
            "message": "the request exceeds the available context size, try increasing it",
            "type": "exceed_context_size_error",
        }
    }
    server.respond(400, json.dumps(overflow))
    fallback = extractive()

    with caplog.at_level(logging.WARNING, logger="bot.llm"):
        answer = write(settings, fallback)

    assert answer is fallback
    assert "HTTP 400" in caplog.text and "[llm].context_tokens" in caplog.text
    assert "available context size" not in caplog.text  # the body itself is never logged


def test_a_server_without_tokenize_is_probed_once_and_the_estimate_used(server, settings):
    server.stream(GOOD)
    server.stream(GOOD)
    llm = LLMWriter(settings, word_jaccard)

    llm.write("What did Peskov say?", HITS, extractive())
    llm.write("What did Peskov say?", HITS, extractive())

    assert [r.path for r in server.tokenize_requests] == ["/tokenize"]
    assert len(server.requests) == 2
    assert llm.total.llm == 2


def window_for(settings: LLMSettings, passages: int, count) -> int:
    """The smallest context window that holds the first `passages` hits, by `count`."""
    fixed = sum(
        count(m["content"]) + MESSAGE_OVERHEAD
        for m in build_messages("What did Peskov say?", [], 5)
    )
    blocks = sum(
        count(passage_block(n, h, h.text)) + JOIN_SLACK
        for n, h in enumerate(HITS[:passages], start=1)
    )
    return settings.max_tokens + MESSAGE_OVERHEAD + fixed + blocks


def fake_count(text: str) -> int:
    return len(re.findall(r"\w+|[^\w\s]", text))  # the fake server's tokenizer


def test_the_servers_tokenizer_is_used_where_it_offers_one(settings):
    estimated_one = window_for(settings, 1, estimate_tokens)
    assert window_for(settings, 3, fake_count) <= estimated_one  # the counts tell apart
    with FakeOpenAI(tokenizer=True) as server:
        server.stream(GOOD)
        tight = replace(settings, base_url=server.base_url, context_tokens=estimated_one)

        answer = write(tight)

        user = server.requests[0].message("user")
        assert '<passage id="3">' in user  # all three fit by the server's count
        assert len(server.tokenize_requests) >= 4  # instructions, question, each passage
        assert answer.text == GOOD


def test_passages_beyond_the_token_budget_are_dropped_lowest_ranked_first(server, settings):
    server.stream(GOOD)
    window = window_for(settings, 2, estimate_tokens)  # two passages fit, not three

    write(replace(settings, context_tokens=window))

    user = server.requests[0].message("user")
    assert PESKOV in user and ROSTEK in user
    assert FOOTBALL not in user
