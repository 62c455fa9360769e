"""End to end through the `newsbot` command with the real model (marked `model`; runs in CI)."""

import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

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
    assert stats["articles"] == 1 and stats["model"].endswith("all-MiniLM-L6-v2@onnx")
    assert stats["dimension"] == 384 and stats["newest_article"] == "2019-06-04"


def test_the_readme_chat_example_is_what_the_bot_answers(sample_index):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split("you> What did Peskov say?\n", 1)[1].split("```", 1)[0]
    proc = newsbot("ask", "What did Peskov say?", data_dir=sample_index)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert block.strip() and proc.stdout.strip() == block.strip()


def chat_until_answered(
    data: Path, question: str, timeout: float = 300.0, until: Any = None
) -> list[str]:
    """`newsbot chat` asked `question` again and again until it answers (not "still indexing");
    every reply it gave, one string each. With `until`, the chat is kept open until it is true."""
    import queue
    import threading
    import time

    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    env.pop("DISCORD_TOKEN", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "chat", "--data-dir", str(data)],
        cwd=REPO,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        bufsize=1,
    )
    assert proc.stdin is not None and proc.stdout is not None
    lines: queue.Queue[str] = queue.Queue()
    out = proc.stdout
    threading.Thread(
        target=lambda: [lines.put(x) for x in iter(out.readline, "")], daemon=True
    ).start()
    replies: list[str] = []
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            proc.stdin.write(question + "\n")
            proc.stdin.flush()
            reply: list[str] = []
            # A reply ends with a blank line (an answer) or is one "newsbot: ..." line.
            while True:
                line = lines.get(timeout=max(1.0, deadline - time.monotonic()))
                if line.startswith("newsbot: ") and "in the background" in line:
                    continue  # the banner saying a build started
                reply.append(line)
                if line.startswith("newsbot: ") or (line == "\n" and len(reply) > 1):
                    break
            replies.append("".join(reply))
            if "still indexing" not in replies[-1]:
                while until is not None and not until() and time.monotonic() < deadline:
                    time.sleep(0.5)
                return replies
            time.sleep(0.5)
        raise AssertionError(f"no answer within {timeout}s: {replies[-3:]}")
    finally:
        proc.stdin.close()
        proc.wait(60)


def test_chat_on_an_empty_data_dir_says_still_indexing_then_answers(tmp_path):
    data = tmp_path / "fresh"  # not even created: a fresh machine
    replies = chat_until_answered(data, "What did Peskov say?")
    assert re.search(r"still indexing, \d+%", replies[0]), replies[0]
    assert "Peskov" in replies[-1] and "[1]" in replies[-1], replies[-1]
    assert (data / "current").exists()


def test_chat_on_an_older_format_snapshot_answers_from_it_and_rebuilds(sample_index, tmp_path):
    import shutil

    data = tmp_path / "old"
    shutil.copytree(sample_index, data)
    old = (data / "current").read_text().strip()
    manifest_path = data / "snapshots" / old / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    for key in ("files", "stories", "backend", "model_file", "extractor"):
        manifest.pop(key, None)
    manifest_path.write_text(json.dumps(manifest | {"format": 1}))
    db = sqlite3.connect(data / "snapshots" / old / "meta.sqlite")
    db.execute("ALTER TABLE articles DROP COLUMN story")
    db.commit()
    db.close()

    def switched() -> bool:
        return (data / "current").read_text().strip() != old

    replies = chat_until_answered(data, "What did Peskov say?", until=switched)
    assert len(replies) == 1  # answered at once, from the old snapshot
    assert "Peskov" in replies[0] and "[1]" in replies[0]
    # Meanwhile the rebuild in the background wrote the current format and switched to it.
    current = (data / "current").read_text().strip()
    assert current != old
    manifest = json.loads((data / "snapshots" / current / "manifest.json").read_text())
    assert manifest["format"] == 2 and "extractor" in manifest
