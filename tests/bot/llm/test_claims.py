"""Splitting the model's reply into cited sentences."""

from bot.llm import split_claims


def test_markers_after_the_full_stop_belong_to_the_sentence_before():
    claims = split_claims("No letter had been received. [1] Deliveries resume in May. [2, 3]\n[1]")

    assert [c.text for c in claims] == [
        "No letter had been received. [1]",
        "Deliveries resume in May. [2, 3] [1]",
    ]
    assert [c.numbers for c in claims] == [(1,), (2, 3, 1)]
    assert [c.body for c in claims] == ["No letter had been received.", "Deliveries resume in May."]


def test_markers_the_splitter_puts_before_the_next_sentence_move_back():
    claims = split_claims('Then, e.g. Mr. Smith said "ok." [1][3] Third [1, 2].')

    assert [c.numbers for c in claims] == [(1, 3), (1, 2)]
    assert claims[1].body == "Third."
