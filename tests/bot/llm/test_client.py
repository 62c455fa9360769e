"""The HTTP chat client against a real HTTP server on loopback that plays an OpenAI-compatible
API (tests/bot/fake_openai.py), driven through the writer as the bot drives it."""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator, Sequence
from dataclasses import replace

import pytest

from bot.llm import LLMWriter
from bot.models import Answer
from bot.settings import LLMSettings
from index.models import Hit
from tests.bot.fake_openai import FakeOpenAI
from tests.bot.llm.conftest import HITS, KEY_ENV, PESKOV, SECRET, extractive, word_jaccard


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
