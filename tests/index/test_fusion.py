from index.fusion import collapse_near_duplicates, reciprocal_rank_fusion


def test_rrf_ranks_documents_found_by_both_lists_first():
    fused = reciprocal_rank_fusion([[1, 2, 3], [3, 4, 1]], k=60)
    assert [doc for doc, _ in fused] == [1, 3, 2, 4]


def test_rrf_scores_are_the_sum_of_reciprocal_ranks():
    fused = dict(reciprocal_rank_fusion([[7, 8], [8]], k=10))
    assert fused[7] == 1 / 11
    assert fused[8] == 1 / 12 + 1 / 11


def test_rrf_weights_shift_the_ranking():
    lists = [[1, 2], [2, 1]]
    assert [d for d, _ in reciprocal_rank_fusion(lists, [2.0, 1.0], k=1)] == [1, 2]
    assert [d for d, _ in reciprocal_rank_fusion(lists, [1.0, 2.0], k=1)] == [2, 1]


def test_rrf_breaks_ties_by_first_appearance():
    assert [d for d, _ in reciprocal_rank_fusion([[5, 6], [6, 5]])] == [5, 6]


def test_rrf_rejects_mismatched_weights():
    import pytest

    with pytest.raises(ValueError):
        reciprocal_rank_fusion([[1]], [1.0, 2.0])


def test_collapse_drops_near_duplicates_of_better_hits():
    sims = {frozenset((1, 2)): 0.99, frozenset((1, 3)): 0.2, frozenset((2, 3)): 0.3}

    def sim(a: int, b: int) -> float:
        return sims[frozenset((a, b))]

    assert collapse_near_duplicates([1, 2, 3], sim, 0.9) == [1, 3]
    assert collapse_near_duplicates([2, 1, 3], sim, 0.9) == [2, 3]
    assert collapse_near_duplicates([1, 2, 3], sim, 1.0) == [1, 2, 3]
    assert collapse_near_duplicates([1, 2, 3], sim, 0.9, limit=1) == [1]
