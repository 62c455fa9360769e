"""The feedback store: shown answers by key, and "Not helpful" items appended under a lock."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from bot import feedback
from bot.feedback import Feedback, FeedbackStore, ShownAnswer, new_key
from bot.models import Answer, Citation


def an_answer(question: str = "What did Peskov say?") -> Answer:
    citation = Citation(
        n=1,
        article_id="a1",
        title="Russia denies troop withdrawal",
        url="https://news.example/1",
        source="Reuters",
        published_at="2019-06-04",
        text="There was no official letter.",
        start=0,
        end=29,
    )
    return Answer(
        question=question, text="Peskov said there was no letter [1].", citations=(citation,)
    )


def item(shown: ShownAnswer, user_id: int, at: str = "2026-01-01T00:00:00+00:00") -> Feedback:
    return Feedback(shown, user_id, f"user{user_id}", 10, 20, at)


@pytest.fixture
def store(tmp_path: Path) -> FeedbackStore:
    return FeedbackStore(tmp_path / "data")


def test_a_remembered_answer_is_found_by_its_key_after_reopening(store: FeedbackStore) -> None:
    key = new_key()
    shown = store.remember(key, an_answer())
    again = FeedbackStore(store.data_dir).shown(key)
    assert again == shown
    assert again is not None and again.question == "What did Peskov say?"
    assert again.citations[0].url == "https://news.example/1"
    assert again.snapshot is None  # no index in this data dir
    assert store.shown(new_key()) is None


def test_keys_fit_the_buttons_template() -> None:
    assert len({new_key() for _ in range(100)}) == 100
    assert all(len(k) == 32 and int(k, 16) >= 0 for k in (new_key(), new_key()))


def test_only_the_latest_answers_are_kept(
    store: FeedbackStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(feedback, "ANSWERS_KEPT", 3)
    keys = [new_key() for _ in range(5)]
    for key in keys:
        store.remember(key, an_answer())
    assert [store.shown(k) is not None for k in keys] == [False, False, True, True, True]


def test_items_are_listed_newest_first(store: FeedbackStore) -> None:
    shown = store.remember(new_key(), an_answer())
    assert store.items() == []
    assert store.record(item(shown, 1, "2026-01-01T00:00:00+00:00"))
    assert store.record(item(shown, 2, "2026-01-02T00:00:00+00:00"))
    assert [i.user_id for i in store.items()] == [2, 1]


def test_a_user_records_an_answer_once(store: FeedbackStore) -> None:
    one = store.remember(new_key(), an_answer())
    two = store.remember(new_key(), an_answer("And Lavrov?"))
    assert store.record(item(one, 1))
    assert not store.record(item(one, 1))
    assert store.record(item(one, 2))
    assert store.record(item(two, 1))
    assert len(store.items()) == 3
    assert len(store.feedback_file.read_text().splitlines()) == 3


def test_concurrent_clicks_never_interleave_and_count_once_per_user(store: FeedbackStore) -> None:
    shown = store.remember(new_key(), an_answer("x" * 5000))  # long lines, many writes
    users = [u for u in range(40) for _ in range(3)]  # every user clicks three times at once
    results: list[bool] = []
    start = threading.Barrier(len(users))

    def click(user_id: int) -> None:
        start.wait()
        results.append(store.record(item(shown, user_id)))

    threads = [threading.Thread(target=click, args=(u,)) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert results.count(True) == 40
    lines = store.feedback_file.read_text().splitlines()
    assert sorted(json.loads(line)["user_id"] for line in lines) == list(range(40))


def test_a_torn_last_line_is_skipped_and_the_next_record_stays_apart(
    store: FeedbackStore, caplog: pytest.LogCaptureFixture
) -> None:
    shown = store.remember(new_key(), an_answer())
    assert store.record(item(shown, 1))
    with open(store.feedback_file, "a", encoding="utf-8") as fh:
        fh.write('{"answer_key": "abc", "question": "cut sh')  # a crash mid-write
    assert [i.user_id for i in store.items()] == [1]
    assert "line 2 is not a feedback record" in caplog.text

    assert store.record(item(shown, 2))
    assert [i.user_id for i in store.items()] == [2, 1]


def test_lines_that_are_not_records_are_skipped(store: FeedbackStore) -> None:
    shown = store.remember(new_key(), an_answer())
    store.data_dir.mkdir(parents=True, exist_ok=True)
    store.feedback_file.write_text('[1, 2]\n{"user_id": 3}\nnot json\n\n')
    assert store.record(item(shown, 1))
    assert [i.user_id for i in store.items()] == [1]


def test_an_item_round_trips_through_json(store: FeedbackStore) -> None:
    shown = store.remember(new_key(), an_answer())
    original = item(shown, 7)
    assert Feedback.from_json(json.loads(json.dumps(original.to_json()))) == original
