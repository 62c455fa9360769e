"""The benchmarks are not run by the tests (they take minutes), but they must import, parse
their options, and keep their question sets apart from the reporting sets."""

import importlib
import json

import pytest

from tests.conftest import REPO, SHARED

BENCHES = [
    "bench.retrieval",
    "bench.answers",
    "bench.attribution",
    "bench.notfound",
    "bench.speed_build",
    "bench.speed_search",
    "bench.speed_memory",
    "bench.checksums",
    "bench.input_limits",
    "bench.time",
    "bench.llm",
    "bench.speed_during_build",
    "bench.speed_backends",
    "bench.milvus",
]


@pytest.mark.parametrize("name", BENCHES)
def test_each_benchmark_imports_and_prints_its_help(name, monkeypatch, capsys):
    module = importlib.import_module(name)
    monkeypatch.setattr("sys.argv", [name, "--help"])
    with pytest.raises(SystemExit) as exit_:
        module.main()
    assert exit_.value.code == 0
    assert f"python -m {name}" in capsys.readouterr().out


def test_the_offtopic_tuning_questions_are_not_the_reporting_ones():
    tune = REPO / "bench" / "questions" / "offtopic-tune.jsonl"
    questions = [json.loads(line)["question"] for line in tune.read_text().splitlines()]
    assert len(questions) >= 40
    assert len(set(questions)) == len(questions)
    reporting = SHARED / "eval" / "offtopic-questions.jsonl"
    if not reporting.exists():
        pytest.skip(f"{reporting} is not here")
    reported = {json.loads(line)["question"].lower() for line in reporting.open() if line.strip()}
    assert not {q.lower() for q in questions} & reported
