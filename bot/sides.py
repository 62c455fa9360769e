"""Both sides of a disputed claim: when an answer reports what someone said and a report in the
index denies or contradicts it, the answer shows that too, attributed and cited.

A counterpoint is a sentence of a related article (the claim's own article, its story's other
outlets, the passages retrieved for it) that disputes (a denial verb, "contrary to", "no such",
"not true"), names the claimant (surname or role: "contrary to the mayor's statement") and
shares at least `MIN_SHARED` content words with the claim. When a statement of
the speaker index lies in that sentence, it is shown with its speaker and cue ("Kremlin (denied):
it had informed Washington..."); otherwise the sentence itself, which names who disputes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.question import content_words
from index.chunking import split_sentences
from index.models import Article, Statement

DISPUTED = "Disputed:"
MIN_SHARED = 3  # content words a counterpoint shares with the claim (stems: "withdrew", "withdraw")
MAX_COUNTERPOINTS = 2
STEM_CHARS = 5

_DISPUTE = re.compile(
    r"\b(?:den(?:y|ies|ied|ial)|reject(?:s|ed)?|dismiss(?:es|ed)?|disput(?:e|es|ed)|"
    r"refut(?:e|es|ed)|contradict(?:s|ed)?|contrary to|no such|not true|untrue|false)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Counterpoint:
    """A span disputing a claim: a statement (with its speaker) or a sentence."""

    article_id: str
    start: int
    end: int
    text: str
    speaker: str | None = None
    cue: str | None = None
    shared: int = 0

    def line(self, n: int) -> str:
        """ "- Speaker (cue): text [n]", or "- sentence [n]" when it names its own speaker."""
        if self.speaker is None:
            return f"- {self.text} [{n}]"
        cue = f" ({self.cue})" if self.cue else ""
        return f"- {self.speaker}{cue}: {self.text} [{n}]"


def _stems(text: str) -> set[str]:
    return {w[:STEM_CHARS] for w in content_words(text)}


def _mention(claimants: Sequence[tuple[str, str | None]]) -> re.Pattern[str] | None:
    """The words a report uses for a claimant: the surname, the role's last word."""
    words = set()
    for name, role in claimants:
        for part in (name, role or ""):
            tokens = re.findall(r"[A-Za-z]{3,}", part)
            if tokens:
                words.add(tokens[-1].lower())
    if not words:
        return None
    return re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(words))) + r")\b", re.I)


def counterpoints(
    claims: Sequence[str],
    articles: Iterable[Article],
    statements: Sequence[Statement],
    claimants: Sequence[tuple[str, str | None]],
    shown: Iterable[str] = (),
) -> list[Counterpoint]:
    """Sentences of `articles` disputing one of `claims` made by `claimants` (name, role), best
    first: none that is a claim, a claimant's own statement or already `shown` (in the answer)."""
    names = {name for name, _ in claimants}
    mention = _mention(claimants)
    wanted = [_stems(c) for c in claims]
    said = [" ".join(c.split()) for c in claims]
    seen = {" ".join(s.split()) for s in shown}
    by_article: dict[str, list[Statement]] = {}
    for st in statements:
        by_article.setdefault(st.article_id, []).append(st)
    found: list[Counterpoint] = []
    for article in articles:
        for start, end in split_sentences(article.text):
            sentence = article.text[start:end]
            flat = " ".join(sentence.split())
            if not _DISPUTE.search(sentence) or any(c and c in flat for c in said):
                continue
            if mention is None or not mention.search(sentence):
                continue  # another dispute (agreeing with the claimant, or about another claim)
            if any(flat in s or s in flat for s in seen):
                continue
            stems = _stems(sentence)
            shared = max((len(stems & w) for w in wanted), default=0)
            if shared < MIN_SHARED:
                continue
            inside = [
                st for st in by_article.get(article.id, []) if start <= st.start and st.end <= end
            ]
            if any(st.speaker in names for st in inside):
                continue  # the claimant qualifying their own words
            point = Counterpoint(article.id, start, end, sentence, shared=shared)
            for st in inside:
                if _DISPUTE.search(f"{st.cue or ''} {st.text}"):
                    point = Counterpoint(
                        article.id, st.start, st.end, st.text, st.speaker, st.cue, shared
                    )
                    break
            found.append(point)
    found.sort(key=lambda p: -p.shared)  # stable: article order breaks ties
    return found[:MAX_COUNTERPOINTS]
