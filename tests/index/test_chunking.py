import json

import pytest

from index.chunking import chunk_article, embed_text, fit_title, split_sentences
from index.models import Article
from tests.conftest import SEED, SHARED
from tests.fakes import FakeEmbedder


def _article(text: str, title: str = "A title") -> Article:
    return Article(id="a1", title=title, text=text)


def test_abbreviations_and_quotes_do_not_end_sentences():
    text = (
        'Mr. Smith flew to the U.S. on Monday. "We are ready," he said. '
        "Dr. Jones arrived at 5 p.m. on Jan. 5. It was fine."
    )
    sentences = [text[s:e] for s, e in split_sentences(text)]
    assert sentences == [
        "Mr. Smith flew to the U.S. on Monday.",
        '"We are ready," he said.',
        "Dr. Jones arrived at 5 p.m. on Jan. 5.",
        "It was fine.",
    ]


def test_paragraphs_are_split_separately():
    text = "Heading without a stop\n\nFirst sentence here. Second one."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "Heading without a stop",
        "First sentence here.",
        "Second one.",
    ]


def test_passage_spans_match_the_article_text():
    fake = FakeEmbedder()
    text = " ".join(f"Sentence number {i} talks about topic {i}." for i in range(60))
    article = _article(text)
    passages = chunk_article(article, fake.count_tokens, 40, fake.special_tokens, overlap=1)
    assert len(passages) > 3
    for p in passages:
        assert p.text == text[p.start : p.end]
        assert p.id == f"a1:{p.start}-{p.end}"
    # everything is covered, in order
    assert passages[0].start == 0 and passages[-1].end == len(text)
    for a, b in zip(passages, passages[1:], strict=False):
        assert b.start <= a.end  # overlap or adjacency, never a gap
        assert b.start > a.start  # always moving forward


def test_overlap_repeats_the_last_sentence():
    fake = FakeEmbedder()
    text = " ".join(f"Sentence {i} is here." for i in range(20))
    passages = chunk_article(_article(text), fake.count_tokens, 30, fake.special_tokens, 1)
    first, second = passages[0], passages[1]
    last_sentence = first.text.rsplit(". ", 1)[-1]
    assert second.text.startswith(last_sentence.rstrip("."))


def test_budget_includes_title_and_special_tokens():
    fake = FakeEmbedder()
    text = " ".join(f"Word{i} word word word word." for i in range(80))
    title = "A fairly long title with many words in it"
    passages = chunk_article(_article(text, title), fake.count_tokens, 50, 2, 1)
    assert len(passages) > 5  # 480 words do not fit in a few 50-token passages
    for p in passages:
        assert fake.count_tokens([embed_text(title, p.text)])[0] + 2 <= 50


def test_an_overlong_sentence_is_split_not_truncated():
    fake = FakeEmbedder()
    text = " ".join(f"w{i}" for i in range(500)) + "."
    passages = chunk_article(_article(text, ""), fake.count_tokens, 64, 2, 1)
    assert len(passages) > 5
    covered = set(" ".join(p.text for p in passages).replace(".", "").split())
    assert all(f"w{i}" in covered for i in range(500))
    assert all(fake.count_tokens([p.text])[0] + 2 <= 64 for p in passages)


def test_a_huge_title_is_shortened_in_the_prefix():
    fake = FakeEmbedder()
    title = " ".join(["word"] * 300)
    short = fit_title(title, fake.count_tokens)
    assert fake.count_tokens([short])[0] <= 48
    passages = chunk_article(_article("One sentence here.", title), fake.count_tokens, 256, 2, 1)
    assert [p.text for p in passages] == ["One sentence here."]


def test_empty_text_gives_no_passages():
    fake = FakeEmbedder()
    assert chunk_article(_article("   \n\n "), fake.count_tokens, 256, 2, 1) == []


@pytest.mark.model
def test_no_passage_exceeds_the_model_limit_with_the_real_tokenizer(real_embedder):
    """Measured with the model's own tokenizer, special tokens and title prefix included."""
    tokenizer = real_embedder._tokenizer
    limit = real_embedder.max_tokens
    assert limit == 256
    articles = [Article(id="seed", title=SEED.read_text().splitlines()[0], text=SEED.read_text())]
    with open(SHARED / "eval" / "realtimeqa-dev" / "corpus.jsonl", encoding="utf-8") as fh:
        for i, line in zip(range(120), fh, strict=False):
            row = json.loads(line)
            articles.append(Article(id=str(i), title=row["title"], text=row["text"]))
    longest = 0
    count = 0
    for article in articles:
        passages = chunk_article(
            article, real_embedder.count_tokens, limit, real_embedder.special_tokens, 1
        )
        title = fit_title(article.title, real_embedder.count_tokens)
        for p in passages:
            n = len(tokenizer(embed_text(title, p.text))["input_ids"])
            longest = max(longest, n)
            count += 1
            assert n <= limit, (article.id, p.start, n)
    assert count > 500
    assert longest > 200  # passages are actually filled up to near the limit
