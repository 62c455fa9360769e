"""bench/llm.py counts, through the bot's own Answerer, how the LLM writer dealt with each
question: checked here against the fake OpenAI server, so the benchmark is known to work."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from bench.llm import NOT_ASKED, main, outcomes, summary
from bot.answer import Answerer
from bot.llm import LLMWriter
from tests.bot.fake_openai import FakeOpenAI
from tests.bot.llm.conftest import HITS, extractive, word_jaccard
from tests.conftest import SHARED, make_settings

GOOD = "Peskov told reporters that no official letter had been received [1]."


@pytest.fixture
def server() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as fake:
        yield fake


def test_the_benchmark_prints_its_help(monkeypatch, capsys):
    monkeypatch.setattr("sys.argv", ["bench.llm", "--help"])
    with pytest.raises(SystemExit) as exit_:
        main()
    assert exit_.value.code == 0
    assert "python -m bench.llm" in capsys.readouterr().out


class Writing:
    """Sends every question to the writer, as the Answerer does with a found answer."""

    def __init__(self, llm: LLMWriter) -> None:
        self.llm = llm

    def answer(self, question: str) -> Any:
        return self.llm.write(question, HITS, extractive())


def test_accepted_fallen_back_and_timed_out_answers_are_counted_apart(server):
    llm_settings = make_settings(Path("unused")).llm
    llm_settings = replace(
        llm_settings, enabled=True, base_url=server.base_url, timeout_seconds=1.0, min_support=0.25
    )
    server.stream(GOOD)
    server.stream("The weather in Moscow was sunny all week [1].")
    server.stream(GOOD, delay=5)
    server.stream(GOOD)

    rows = outcomes(Writing(LLMWriter(llm_settings, word_jaccard)), ["q1", "q2", "q3", "q4"])

    assert [r["outcome"] for r in rows] == ["llm", "unsupported", "timeout", "llm"]
    counts = summary(rows)
    assert (counts["llm"], counts["unsupported"], counts["timeout"]) == (2, 1, 1)
    assert counts["max_seconds"] < 1.0 + 1.0


def test_the_seed_questions_run_through_the_answerer_against_the_fake_server(
    server, tmp_path, fake_embedder
):
    from index.library import Library

    seed = SHARED / "eval" / "seed-questions.jsonl"
    if not seed.exists():
        pytest.skip(f"{seed} is not here")
    settings = make_settings(tmp_path / "data", llm={"enabled": True, "base_url": server.base_url})
    library = Library(settings, fake_embedder)
    library.build()
    questions = [json.loads(line)["question"] for line in seed.read_text().splitlines() if line]

    rows = outcomes(Answerer(library, settings), questions)  # the server scripted no reply: 500

    counts = summary(rows)
    assert counts["questions"] == len(questions)
    assert counts["failed"] == len(server.requests) > 0
    assert counts[NOT_ASKED] == len(questions) - len(server.requests)
    assert all(r["found"] or r["outcome"] == NOT_ASKED for r in rows)
