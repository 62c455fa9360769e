"""Statements of an article: attributions read unit by unit, speakers resolved, quotes continued.

For each paragraph the extractor finds its quotes and sentence units (`index.quotes.tokens`),
the attributions of each unit (`index.quotes.patterns`) and whom their speakers mean
(`index.quotes.coreference`). A bare quote after an attributed one continues it
(`"A," he said. "B."`), also into the next paragraph when the quote was left open.
"""

from __future__ import annotations

import bisect
import dataclasses
import logging
import re

from index.models import Article, Statement
from index.quotes.coreference import Coreference, Entity
from index.quotes.cues import trim
from index.quotes.patterns import Attribution, Span, find_attributions
from index.quotes.tokens import Token, find_quotes, paragraphs, sentence_units, tokenize, word_count

log = logging.getLogger(__name__)

# Shorter quotes without a cue or a final comma are scare quotes or titles ("Fox and Friends").
MIN_QUOTE_WORDS = 4
# Shorter contents ("as much", "in an interview", a show's name) say nothing on their own.
MIN_STATEMENT_WORDS = 4
# A "sentence" longer than this is no prose (a list or a dump without punctuation; the longest
# unit of the realtimeqa and polnear corpora has 657 tokens): no attribution is read from it,
# since the rules' cost grows with the square of a unit's length.
MAX_UNIT_TOKENS = 1000


def extract_statements(article: Article) -> list[Statement]:
    """Statements of the article with resolved speakers, in text order."""
    try:
        statements = _Extractor(article).run()
    except RecursionError:  # pathological text: skip the article's statements, keep indexing
        log.warning("statement extraction failed on article %s", article.id)
        return []
    statements.sort(key=lambda s: (s.start, s.end))
    return statements


def is_long_quote(text: str, quote: Span) -> bool:
    """A quote that can be a statement: long enough, or ending like speech (`...,"`)."""
    s, e = quote
    return word_count(text[s:e]) >= MIN_QUOTE_WORDS or bool(
        re.search(r"[.!?,]\W*$", text[s:e][:-1])
    )


def _quote_index(quotes: list[Span], start: int, end: int) -> list[int]:
    """For each character of `text[start:end]`, the index of the quote it is in, else -1."""
    quote_of = [-1] * (end - start)
    for qi, (s, e) in enumerate(quotes):
        for p in range(s, e):
            quote_of[p - start] = qi
    return quote_of


def _only_quotes(toks: list[Token]) -> bool:
    """True for a unit whose words are all quoted."""
    return all(t.quote >= 0 or not t.is_word for t in toks)


@dataclasses.dataclass
class _LastQuote:
    """A paragraph's last quoted speaker and statement, which a bare quote continues."""

    speaker: str | None = None
    statement: int | None = None


class _Extractor:
    def __init__(self, article: Article) -> None:
        self.article = article
        self.text = article.text
        self.coref = Coreference(article.text)
        self.statements: list[Statement] = []
        self.speakers: list[Entity] = []  # the entity of each statement
        self.spans: list[Span] = []
        # Statements that reach into the unit being read: only they can cover a new one (a
        # statement never starts before its unit), so checking them alone keeps it linear.
        self.reaching: list[int] = []

    def run(self) -> list[Statement]:
        carried: str | None = None
        for ps, pe in paragraphs(self.text):
            carried = self._read_paragraph(ps, pe, carried)
        return self._finish()

    def _read_paragraph(self, ps: int, pe: int, carried: str | None) -> str | None:
        """Read one paragraph; the speaker whose quote runs on into the next one, if any.

        `carried` is the speaker of the quote the paragraph before left open.
        """
        text = self.text
        quotes = find_quotes(text, ps, pe)
        long_quotes = [q for q in quotes if is_long_quote(text, q)]
        toks_all = tokenize(text, ps, pe, _quote_index(quotes, ps, pe))
        # Tokens and quotes are in text order: a unit's own are found by bisection, so that a
        # paragraph costs time linear in its length (a scan per unit made it quadratic).
        starts = [t.start for t in toks_all]
        long_starts = [s for s, _ in long_quotes]
        last = _LastQuote()
        first_statement = len(self.statements)
        for us, ue in sentence_units(text, ps, pe, quotes):
            self.coref.unit_start = us
            self.reaching = [i for i in self.reaching if self.spans[i][1] > us]
            toks = toks_all[bisect.bisect_left(starts, us) : bisect.bisect_left(starts, ue)]
            if not toks or len(toks) > MAX_UNIT_TOKENS:
                continue
            unit_long = long_quotes[
                bisect.bisect_left(long_starts, us) : bisect.bisect_left(long_starts, ue)
            ]
            attributions = find_attributions(text, toks, us, ue, unit_long)
            if attributions:
                self._record(attributions, last)
            elif unit_long and _only_quotes(toks):
                speaker = last.speaker
                if speaker is None and len(self.statements) == first_statement:
                    speaker = carried
                if speaker is not None:
                    self._continue_quote(speaker, unit_long, last)
        # Only a quote left open at the paragraph's end continues into the next paragraph
        # (news style for multi-paragraph quotes); vox-pop lists are not continuations.
        open_end = bool(long_quotes) and long_quotes[-1][1] == pe and text[pe - 1] not in ("”\"'»")
        if last.statement is None and text[pe - 1] == ":":
            return last.speaker  # `Reporter Ann Lee says:` and the quote in the next paragraph
        return last.speaker if last.statement is not None and open_end else None

    def _record(self, attributions: list[Attribution], last: _LastQuote) -> None:
        """Resolve each attribution's speaker and emit its statement."""
        for a in attributions:
            ent = self.coref.resolve(a.mention)
            key = ent.name if ent else None
            if not a.nested:
                self.coref.remember(key, a.mention)
            if ent is None:
                continue
            s, e = trim(self.text, a.start, a.end)
            if e <= s or word_count(self.text[s:e]) < MIN_STATEMENT_WORDS:
                if a.kind == "quote":  # `"We are ready," Ruiz said. "Whether ..."` goes on
                    last.speaker, last.statement = key, None
                continue
            if self._emit(ent, s, e, a.cue, a.kind) and a.kind == "quote":
                last.speaker = key
                last.statement = len(self.statements) - 1

    def _continue_quote(self, speaker: str, quotes: list[Span], last: _LastQuote) -> None:
        """A bare quote continuing the speaker's last quote: merged into it, or a new statement."""
        s, e = quotes[0][0], quotes[-1][1]
        if last.statement is not None and self._merge(last.statement, e):
            return
        if self._emit(self.coref.entities[speaker], s, e, None, "quote"):
            last.statement = len(self.statements) - 1

    def _merge(self, idx: int, new_end: int) -> bool:
        """Extend a statement over `"A," he said. "B"` when B follows in the same paragraph."""
        st = self.statements[idx]
        between = self.text[st.end : new_end]
        if "\n" in between:
            return False
        s, e = st.start, new_end
        self.statements[idx] = dataclasses.replace(st, text=self.text[s:e], start=s, end=e)
        self.spans[idx] = (s, e)
        if idx not in self.reaching:
            self.reaching.append(idx)
        return True

    def _emit(self, ent: Entity, s: int, e: int, cue: str | None, kind: str) -> bool:
        """Record a statement; False when a statement of the same speaker already covers it."""
        # A statement starting before the unit (none does today) is checked against them all.
        near = self.reaching if s >= self.coref.unit_start else range(len(self.spans))
        for i in near:
            a, b = self.spans[i]
            if a <= s and e <= b and self.statements[i].speaker == ent.name:
                return False
        st = Statement(
            speaker=ent.name,
            text=self.text[s:e],
            start=s,
            end=e,
            article_id=self.article.id,
            cue=cue,
            kind=kind,
        )
        self.statements.append(st)
        self.spans.append((s, e))
        self.speakers.append(ent)
        self.reaching.append(len(self.spans) - 1)
        return True

    def _finish(self) -> list[Statement]:
        """Statements with each speaker's role and aliases as known at the article's end."""
        out = []
        for st, ent in zip(self.statements, self.speakers, strict=True):
            aliases = tuple(sorted(ent.aliases | ({ent.role} if ent.role else set())))
            out.append(dataclasses.replace(st, role=ent.role, aliases=aliases))
        return out
