"""Articles for the statement-extraction tests: the seed article and small hand-written ones."""

from __future__ import annotations

from index.models import Article, Statement
from index.quotes import extract_statements
from index.quotes.tokens import Token, find_quotes, tokenize
from tests.conftest import SEED

# The ingest cleaner removes these scraped comment-box lines; the seed file still has them.
COMMENT_BOX = ("التعليقات والاراء", "اضافة تعليق")


def seed_article() -> Article:
    raw = SEED.read_text(encoding="utf-8")
    lines = [line for line in raw.split("\n") if line.strip() not in COMMENT_BOX]
    text = "\n".join(lines).rstrip() + "\n"
    return Article(id="seed", title=text.split("\n", 1)[0], text=text)


def article(text: str, id: str = "a1") -> Article:
    return Article(id=id, title="Title", text="Title.\n\n" + text)


def extract(text: str) -> list[Statement]:
    """Statements of a one-off article, each checked to be an exact span of it."""
    art = article(text)
    statements = extract_statements(art)
    for st in statements:
        assert st.text == art.text[st.start : st.end]
        assert st.article_id == art.id
    return statements


def by_speaker(statements: list[Statement], speaker: str) -> list[Statement]:
    return [s for s in statements if s.speaker == speaker]


def tokens(text: str) -> list[Token]:
    """The tokens of a one-paragraph text, each knowing the quote it is in."""
    quote_of = [-1] * len(text)
    for qi, (s, e) in enumerate(find_quotes(text, 0, len(text))):
        for p in range(s, e):
            quote_of[p] = qi
    return tokenize(text, 0, len(text), quote_of)
