"""End to end through the `newsbot` command with the real model (marked `model`; runs in CI)."""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, SAMPLE, SHARED

pytestmark = pytest.mark.model

ARABIC_FOOTER = ("التعليقات والاراء", "اضافة تعليق")


def newsbot(*args: str, data_dir: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    env.pop("DISCORD_TOKEN", None)
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args, "--data-dir", str(data_dir)],
        cwd=REPO,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="module")
def sample_index(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("sample-index")
    proc = newsbot("index", str(SAMPLE), data_dir=data)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "1 added" in proc.stdout
    return data


def test_search_puts_peskovs_words_first(sample_index):
    proc = newsbot("search", "What did Peskov say?", "--json", data_dir=sample_index)
    assert proc.returncode == 0, proc.stderr[-3000:]
    hits = json.loads(proc.stdout)
    first = hits[0]
    assert "no official letter" in first["text"] or "maintenance of equipment" in first["text"]
    assert first["article_id"] == "000_57a03034e1c4b1e0"
    assert (
        first["title"] == "Russia denies reporting Washington withdraws its troops from Venezuela"
    )


def test_the_arabic_footer_is_nowhere_in_the_index(sample_index):
    snapshots = list((sample_index / "snapshots").iterdir())
    assert snapshots
    for snap in snapshots:
        db = sqlite3.connect(snap / "meta.sqlite")
        texts = [row[0] for row in db.execute("SELECT text FROM articles")]
        texts += [row[0] for row in db.execute("SELECT text FROM statements")]
        db.close()
        assert texts
        for text in texts:
            for footer in ARABIC_FOOTER:
                assert footer not in text
        for path in snap.rglob("*"):
            if path.is_file():
                for footer in ARABIC_FOOTER:
                    assert footer.encode() not in path.read_bytes()


def test_reindexing_the_sample_embeds_nothing(sample_index):
    proc = newsbot("index", str(SAMPLE), data_dir=sample_index)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "0 embedded" in proc.stdout and "1 unchanged" in proc.stdout


def test_seed_questions_pass_through_ask_batch(sample_index, tmp_path):
    questions = SHARED / "eval" / "seed-questions.jsonl"
    proc = newsbot("ask", "--batch", str(questions), "--json", data_dir=sample_index)
    assert proc.returncode == 0, proc.stderr[-3000:]
    answers = tmp_path / "answers.jsonl"
    answers.write_text(proc.stdout)
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    for row in rows:
        assert set(row) >= {"question", "answer", "citations", "quotes", "found"}
    score = subprocess.run(
        [sys.executable, str(SHARED / "eval" / "score_answers.py"), str(questions), str(answers)],
        capture_output=True,
        text=True,
    )
    assert score.returncode == 0, score.stdout + score.stderr
    assert json.loads(score.stdout)["passed"] == 7


def test_off_topic_question_is_not_found_and_cites_nothing(sample_index):
    proc = newsbot("ask", "What is the boiling point of tungsten?", "--json", data_dir=sample_index)
    out = json.loads(proc.stdout)
    assert out["found"] is False and out["citations"] == [] and out["quotes"] == []


def test_search_batch_writes_one_json_line_per_query(sample_index):
    proc = newsbot(
        "search",
        "--batch",
        "-",
        "-k",
        "2",
        data_dir=sample_index,
        stdin='Peskov\n\n{"question": "Rostek statement"}\n',
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    lines = [json.loads(x) for x in proc.stdout.splitlines()]
    assert [x["query"] for x in lines] == ["Peskov", "Rostek statement"]
    assert all(1 <= len(x["hits"]) <= 2 for x in lines)


def test_stats_reports_the_sample(sample_index):
    proc = newsbot("stats", "--json", data_dir=sample_index)
    stats = json.loads(proc.stdout)
    assert stats["articles"] == 1 and stats["model"].endswith("all-MiniLM-L6-v2")
    assert stats["dimension"] == 384 and stats["newest_article"] == "2019-06-04"


def test_the_readme_chat_example_is_what_the_bot_answers(sample_index):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split("you> What did Peskov say?\n", 1)[1].split("```", 1)[0]
    proc = newsbot("ask", "What did Peskov say?", data_dir=sample_index)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert block.strip() and proc.stdout.strip() == block.strip()
