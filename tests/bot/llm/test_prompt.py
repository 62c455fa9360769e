"""What the model is shown: passages numbered within the context budget."""

from bot.llm import select_passages
from tests.bot.llm.conftest import HITS, PESKOV


def test_a_first_passage_over_budget_is_cut_at_a_word_and_later_ones_left_out():
    shown = select_passages(HITS, context_chars=40)

    assert len(shown) == 1
    assert len(shown[0].text) <= 40
    head = shown[0].text.removesuffix(" …")
    assert PESKOV.startswith(head)
    assert PESKOV[len(head)] == " "  # cut between words, not inside one
