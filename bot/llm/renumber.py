"""The checked claims as an Answer: citations renumbered in order of first use.

The extractive answer's quotes are carried over with their citation numbers moved into the
new numbering.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.llm.claims import CITATION, Claim, tidy
from bot.llm.prompt import Shown
from bot.models import Answer, Citation, Quote


def assemble_answer(kept: Sequence[Claim], shown: Sequence[Shown], fallback: Answer) -> Answer:
    """Renumber citations in order of first use and keep the extractive quotes pointing right."""
    by_n = {p.n: p for p in shown}
    renumber: dict[int, int] = {}
    citations: list[Citation] = []
    for claim in kept:
        for n in claim.numbers:
            if n not in renumber:
                renumber[n] = len(citations) + 1
                citations.append(Citation.from_hit(len(citations) + 1, by_n[n].hit))
    text = " ".join(_rewrite(claim, renumber) for claim in kept)
    quotes = _carry_quotes(fallback, citations)
    return Answer(
        question=fallback.question,
        text=text,
        citations=tuple(citations),
        quotes=quotes,
        found=True,
        note=fallback.note,
        subject=fallback.subject,
    )


def _carry_quotes(fallback: Answer, citations: list[Citation]) -> tuple[Quote, ...]:
    """The extractive quotes, their citation numbers moved into the new numbering.

    A quote whose span lies inside a passage the answer already cites points at that citation;
    any other quote's citation is appended after the answer's own.
    """
    old = {c.n: c for c in fallback.citations}
    moved: dict[int, int] = {}
    quotes: list[Quote] = []
    for q in fallback.quotes:
        source = old.get(q.citation)
        if source is None:
            quotes.append(q)  # it pointed nowhere before either; leave it as it was
            continue
        if q.citation not in moved:
            home = next(
                (
                    c.n
                    for c in citations
                    if c.article_id == source.article_id
                    and c.start <= source.start
                    and source.end <= c.end
                ),
                None,
            )
            if home is None:
                home = len(citations) + 1
                citations.append(source.renumbered(home))
            moved[q.citation] = home
        quotes.append(
            Quote(speaker=q.speaker, text=q.text, citation=moved[q.citation], role=q.role)
        )
    return tuple(quotes)


def _rewrite(claim: Claim, renumber: dict[int, int]) -> str:
    """The sentence with each citation group renumbered, and groups left empty removed."""
    groups = iter(claim.groups)

    def replace(_: re.Match[str]) -> str:
        numbers = [renumber[n] for n in next(groups) if n in renumber]
        return "".join(f"[{n}]" for n in dict.fromkeys(numbers))

    text = CITATION.sub(replace, claim.text)
    return tidy(text)
