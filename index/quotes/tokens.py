"""Tokens, quote marks and sentence units of an article's paragraphs.

A paragraph is one line of the article. Its quotes are found first (`find_quotes`), so that each
token knows the quote it sits in and a sentence unit never cuts a quote in two
(`sentence_units`).
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Iterator

import blingfire

from index.quotes.lexicon import ABBREVIATIONS, CUES


@dataclasses.dataclass
class Token:
    """A word or punctuation mark with its span in the article."""

    text: str
    start: int
    end: int
    quote: int  # index of the enclosing long quote, -1 outside quotes

    @property
    def low(self) -> str:
        """Lower-cased, without a final period, with a straight apostrophe."""
        if len(self.text) == 2 and self.text[1] == "." and self.text[0].isupper():
            return self.text.lower()  # an initial ("A."), not the article "a"
        return self.text.lower().rstrip(".").replace("’", "'")

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()

    @property
    def is_cap(self) -> bool:
        t = self.text
        if not t[:1].isupper():
            # "al-Assad", "de Blasio": lower-case particles inside names
            return bool(re.match(r"(?:al|el|bin|ibn|de|van|von)-[A-Z]", t))
        return True

    @property
    def is_initial(self) -> bool:
        return len(self.text) == 2 and self.text[0].isupper() and self.text[1] == "."

    @property
    def possessive(self) -> bool:
        return bool(re.search(r"['’]s?$", self.text)) and self.text[:1].isupper()


_TOKEN_RE = re.compile(
    # a web address named as a source: Factcheck.org, Politico.com, news.com.au
    r"\w+(?:-\w+)*(?:\.\w+(?:-\w+)*)*\.(?:com|org|net|gov|edu|info|io|news|tv|co|uk|au|ca|de|fr)"
    r"(?![\w.-]*\w)"
    r"|[A-Za-z](?:\.[A-Za-z])+\.?"  # U.S., G.K.
    r"|[A-Z]-[A-Z](?:\.[A-Z])+\.?"  # a party and state: R-S.C., D-N.Y.
    r"|\w+(?:['’\-]\w+)*(?:['’](?=\s|$|[,.;:!?]))?"  # words, O'Brien, Clinton's, Jones'
    r"|--+"  # a dash typed as two hyphens
    r"|[^\w\s]",
    re.UNICODE,
)


def tokenize(text: str, start: int, end: int, quote_of: list[int]) -> list[Token]:
    """Tokens of `text[start:end]`; `quote_of[p - start]` is the quote around position p."""
    toks: list[Token] = []
    for m in _TOKEN_RE.finditer(text, start, end):
        s, e = m.start(), m.end()
        word = m.group()
        # "Mr." keeps its period: it is part of the title, not a sentence end.
        if (
            e < end
            and text[e] == "."
            and (word.lower() in ABBREVIATIONS or (len(word) == 1 and word.isupper()))
        ):
            e += 1
            word = text[s:e]
        if toks and toks[-1].end > s:
            continue  # the period already swallowed by the previous abbreviation
        if word.startswith("--") or (
            word == "-" and s > 0 and text[s - 1].isspace() and e < len(text) and text[e].isspace()
        ):
            word = "—"  # "Ann Lee -- the mayor's aide -- said", "Ann Lee - his aide - said"
        toks.append(Token(word, s, e, quote_of[s - start] if s - start < len(quote_of) else -1))
    return toks


def token_at(toks: list[Token], pos: int, default: int = 0) -> int:
    """The index of the first token starting at or after `pos` (`default` when none does)."""
    return next((x for x in range(len(toks)) if toks[x].start >= pos), default)


def find_quotes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of double-quoted text in a paragraph, quote marks included.

    A quote still open at the paragraph's end runs to it: news style opens each paragraph of
    a multi-paragraph quote and closes only the last one.
    """
    spans: list[tuple[int, int]] = []
    open_at = -1
    depth = 0
    marks: tuple[list[int], list[int]] | None = None  # closing, opening curly marks: positions
    i = start
    while i < end:
        ch = text[i]
        straight = ch == '"' or text.startswith("''", i)  # NYT style writes '' for "
        width = 2 if ch == "'" else 1
        if straight:
            if open_at < 0:
                open_at = i
            else:
                spans.append((open_at, i + width))
                open_at = -1
            i += width
            continue
        if (
            ch == "”"
            and open_at < 0
            and (i == start or text[i - 1].isspace())
            and (i + 1 < end and text[i + 1].isalnum())
        ):
            ch = "“"  # an opening mark typed as the closing one
        elif (
            ch == "“"
            and open_at >= 0
            and text[open_at] == "“"
            and not text[i - 1].isspace()
            and (i + 1 == end or text[i + 1].isspace() or text[i + 1] in ",.;:)")
        ):
            ch = "”"  # a closing mark typed as the opening one: `“It's unusual,“ said X`
        if ch in "“«„":
            if open_at >= 0 and text[open_at] in "“«„":
                if marks is None:  # found once per paragraph, so that it stays linear
                    marks = _curly_marks(text, start, end)
                closing = len(marks[0]) - bisect.bisect_left(marks[0], i)
                opening = len(marks[1]) - bisect.bisect_left(marks[1], i)
                if closing > opening:  # more marks close than open in the rest of the paragraph
                    depth += 1  # a quote inside the quote: `“... what he calls “hell” ...”`
                    i += 1
                    continue
                # a second opening mark: the first quote was never closed
                spans.append((open_at, i))
            if open_at < 0 or text[open_at] in "“«„":
                open_at = i
        elif ch in "”»" and open_at >= 0:
            if depth:
                depth -= 1
            else:
                spans.append((open_at, i + 1))
                open_at = -1
        i += 1
    if open_at >= 0:
        stop = end
        while stop > open_at and text[stop - 1].isspace():
            stop -= 1
        spans.append((open_at, stop))
    return spans


def _curly_marks(text: str, start: int, end: int) -> tuple[list[int], list[int]]:
    """Positions of the closing (”, ») and the opening (“, «) marks of `text[start:end]`."""
    closing = [m.start() for m in re.finditer("[”»]", text[start:end])]
    opening = [m.start() for m in re.finditer("[“«]", text[start:end])]
    return [p + start for p in closing], [p + start for p in opening]


# What may follow a cue that ends an attribution: where, when and to whom it was said ("said of
# the plan", "told reporters on Monday", "said in a statement"), not a clause of its own ("said
# the plan would fail": its content).
_AFTER_CUE = (
    "of about in on at to during after before while when as last this yesterday today tonight "
    "earlier later recently afterward afterwards reporters journalists me us him her them"
).split()

# `"...?" Vance said.`: a short unit that is only a name and a cue attributes the quote ending
# the unit before it (a question or exclamation ends a sentence, the attribution follows). At
# most 8 words after the cue, opening with one of _AFTER_CUE or a name ("told CNN"), or up to
# 21 opening "of the" (what it was said of), and no "that". The name may have a description
# in apposition: `"...!" Will Estrada, the county chairman, said.`
_NAME_THEN_CUE_RE = re.compile(
    r"(?:(?:[A-Z][\w.'’-]*\s+){1,4}"
    r"|(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*,\s+[^,\"“”.!?;]{1,80},\s+)(?:"
    + "|".join(sorted((f for f in CUES if not f.endswith("ing")), key=len, reverse=True))
    + r")\b[^\s\"“”]*(?:\s+(?:[A-Z]|(?:"
    + "|".join(_AFTER_CUE)
    + r")\b)[^\s\"“”]*(?:\s+(?!that\b)[^\s\"“”]+){0,7}"
    # "said of the encounter he had last week with Trump at a rally": about what, however long
    + r"|\s+of\s+(?:the|a|an|his|her|their|its)\b(?:\s+(?!that\b)[^\s\"“”]+){1,20})?"
    # "..., looking pleased": a participle saying how it was said
    + r"(?:,\s+[a-z]+ing\b(?:\s+[^\s\"“”]+){0,12})?\s*$"
)


# `"Vote today!!!," Ida Holm wrote.`: a quote ending in a comma never ends a sentence.
_COMMA_QUOTE_END_RE = re.compile(r",(?:[”\"]|'')$")


def word_count(s: str) -> int:
    """Words in `s`, punctuation not counted."""
    return len(re.findall(r"\w+", s))


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the non-blank lines of `text`, without surrounding spaces."""
    pos = 0
    for line in text.split("\n"):
        s, e = pos, pos + len(line)
        pos = e + 1
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            yield s, e


def _after_versus(para: str, pos: int) -> bool:
    """Whether the text before `pos` ends with the "v." of a case name (spaces aside); looks
    back only that far, so a long paragraph's cuts stay linear."""
    i = pos
    while i > 0 and para[i - 1].isspace():
        i -= 1
    if i < 2 or para[i - 2 : i] != "v.":
        return False
    return i == 2 or not (para[i - 3].isalnum() or para[i - 3] in "_.")


def sentence_units(
    text: str, ps: int, pe: int, quotes: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Sentence units of a paragraph that never cut a quote in two."""
    para = text[ps:pe]
    try:
        _, offsets = blingfire.text_to_sentences_and_offsets(para)
    except Exception:  # blingfire rejects some control characters; keep the paragraph whole
        offsets = [(0, len(para))]
    # blingfire ends a sentence at the "v." of a case name ("Roe v. Wade"): not a sentence end
    cuts = sorted({ps + s for s, _ in offsets if s > 0 and not _after_versus(para, s)})
    # A new unit starts where a sentence-ending quote is followed by a new quote or sentence:
    # `... Friends." "I mean` (blingfire keeps these together).
    for m in re.finditer(r"[.!?](?:[”\"]|'') +(?=[“\"A-Z]|'')", para):
        cuts.append(ps + m.end())
    # Quotes do not overlap and come in order: the one a position may be in is found by
    # bisection, so a paragraph's cost stays linear in its length.
    quote_starts = [s for s, _ in quotes]

    def in_quote(pos: int) -> bool:
        i = bisect.bisect_left(quote_starts, pos) - 1
        return i >= 0 and quotes[i][0] < pos < quotes[i][1] - 1

    good = sorted({c for c in cuts if not in_quote(c)})
    bounds = [ps, *good, pe]
    units: list[tuple[int, int]] = []
    for s, e in zip(bounds, bounds[1:], strict=False):
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            # `"...?" she asked.` and `"..." ― Name` belong to the unit before them
            if units and (
                text[s] in "―—–-"
                or text[s].islower()
                or text[units[-1][1] - 1] in "―—–"
                or (text[units[-1][1] - 1] in "”\"'" and _NAME_THEN_CUE_RE.match(text, s, e))
                or _COMMA_QUOTE_END_RE.search(text, units[-1][0], units[-1][1])
            ):
                units[-1] = (units[-1][0], e)
            else:
                units.append((s, e))
    return units
