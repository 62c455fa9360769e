"""What the model is shown: passages numbered within the token budget."""

from bot.llm import select_passages
from bot.llm.prompt import passage_block
from bot.llm.tokens import estimate_tokens
from tests.bot.llm.conftest import HITS, PESKOV


def test_a_first_passage_over_budget_is_cut_at_a_word_and_later_ones_left_out():
    shown = select_passages(HITS, budget=60, count=estimate_tokens)

    assert len(shown) == 1
    assert estimate_tokens(passage_block(1, HITS[0], shown[0].text)) <= 60
    assert len(shown[0].text) < len(PESKOV)
    head = shown[0].text.removesuffix(" …")
    assert PESKOV.startswith(head)
    assert PESKOV[len(head)] == " "  # cut between words, not inside one
