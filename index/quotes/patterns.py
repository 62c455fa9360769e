"""Attribution patterns: which speaker a cue gives which content to, in one sentence unit.

`find_attributions` looks for every cue of a unit and tries the patterns in order:

- `CLAUSE, according to SPEAKER.` and `According to SPEAKER, CLAUSE`;
- `X quoted SPEAKER as saying CLAUSE` (or the quote before it);
- `"Q," SPEAKER CUE.` and `"Q," CUE SPEAKER.` (a quote before the cue);
- `CLAUSE, CUE SPEAKER.` (an inverted speaker after a clause);
- `SPEAKER CUE: "Q"`, `SPEAKER CUE (that) CLAUSE` and `CLAUSE, SPEAKER CUE.`;
- `..., adding that CLAUSE` (a second statement of the clause's speaker);
- `"Q" ― SPEAKER` and `SPEAKER: "Q"` (vox pops, epigraphs, interviews).

Speakers are mentions as written; `index.quotes.coreference` resolves them afterwards.
"""

from __future__ import annotations

import dataclasses
import functools
import re

from index.quotes.cues import (
    content_after,
    cue_at,
    is_participle,
    on_condition,
    only_circumstance,
    participle_cut,
)
from index.quotes.lexicon import (
    AUXILIARIES,
    CAP_STOP,
    CLAUSE_VERBS,
    CLOSING_QUOTES,
    CUES,
    DETERMINERS,
    NEGATED_AUXILIARIES,
    OBJECT_PRONOUNS,
    PARTICIPLE_CUES,
    ROLE_HEADS,
    STANCE_VERBS,
    STATEMENT_NOUNS,
    SUBJECT_PRONOUNS,
    TIME_WORDS,
    TITLES,
    WEAK_CUES,
)
from index.quotes.mentions import (
    Mention,
    according_np,
    adverb_like,
    appositive_role,
    clause_start,
    full_name,
    np_left,
    np_right,
    subject_left,
    with_companions,
)
from index.quotes.tokens import Token, token_at, word_count

Span = tuple[int, int]

# "said as much", "said so": the content is elsewhere
_NO_CONTENT_RE = re.compile(
    r"(?:as much|so|this|that|it|otherwise|nothing|something)\b\W*$|(?:as much|so)\b"
)


# "was quoted as saying"
_PASSIVE_AUX = {"was", "were", "is", "are", "been", "being"}
# Words before a clause's subject: "But Smith ..."
_CLAUSE_OPENERS = {"but", "and", "so", "yet", "still", "meanwhile", "instead", "later"}


@dataclasses.dataclass
class Attribution:
    """A speaker mention, its cue and the span of what the speaker said."""

    mention: Mention
    cue: str
    start: int  # content span
    end: int
    kind: str  # "quote" or "reported"
    cue_pos: int
    nested: bool = False  # inside another attribution's content: "Flynn said Trump said ..."


@dataclasses.dataclass(frozen=True)
class _Unit:
    """The sentence unit being read: its tokens, its span and its long quotes."""

    text: str  # the whole article
    toks: list[Token]
    start: int
    end: int
    long_quotes: list[Span]


@dataclasses.dataclass(frozen=True)
class _Cue:
    """A cue in a unit: `toks[first:last + 1]` is `text` ("told reporters")."""

    text: str
    lemma: str
    first: int
    last: int
    start: int  # where its first token starts


def find_attributions(
    text: str, toks: list[Token], start: int, end: int, long_quotes: list[Span]
) -> list[Attribution]:
    """Every attribution in the unit `text[start:end]`, whose tokens are `toks`."""
    unit = _Unit(text, toks, start, end, long_quotes)
    out: list[Attribution] = []
    i = 0
    while i < len(toks):
        found = cue_at(toks, i)
        if found is None:
            i += 1
            continue
        cue_text, j = found
        cue = _Cue(cue_text, CUES.get(toks[i].low, toks[i].low), i, j, toks[i].start)
        # ", then says ...": the clause's subject goes on, whoever was named before the comma
        then = i > 1 and toks[i - 1].low == "then" and toks[i - 2].text == ","
        # "issued a statement saying ...": the statement is not the speaker, its issuer is
        issued = i > 0 and toks[i].low in PARTICIPLE_CUES and toks[i - 1].low in STATEMENT_NOUNS
        a = None if issued or then else _attribution_at(unit, cue)
        if a is None and _continues_clause(toks, i):
            a = _second_statement(unit, cue, out[-1]) if out else _subject_statement(unit, cue)
        if a is not None:
            out.append(a)
        i = j + 1
    out.extend(_dash_attributions(unit, out))
    if not out:
        line = _labelled_line(unit)
        if line is not None:
            out.append(line)
    _cut_at_coordinate_speakers(toks, out)
    _mark_nested(out)
    return out


# Conjunctions that set another speaker's statement beside one: "..., but Joe Doe said ...".
_CONTRASTS = frozenset({"but", "while", "whereas"})


def _cut_at_coordinate_speakers(toks: list[Token], attributions: list[Attribution]) -> None:
    """ "Ann Lee said the bill would fail, but Joe Doe said it would pass.": Lee's content ends
    at the comma; what follows is Doe's, said beside hers, not inside it."""
    for b in attributions:
        k = token_at(toks, b.mention.start, len(toks))
        if b.mention.kind != "name" or k < 2 or toks[k - 2].text != ",":
            continue
        if toks[k - 1].low not in _CONTRASTS:
            continue  # ", and he accused ...": the same speaker going on
        comma = toks[k - 2].start
        for a in attributions:
            if a is not b and a.kind == "reported" and a.start < comma < a.end <= b.end + 1:
                a.end = comma


def _attribution_at(unit: _Unit, cue: _Cue) -> Attribution | None:
    """The attribution made by the cue, trying each pattern in turn."""
    before_q = [q for q in unit.long_quotes if q[1] <= cue.start]
    after_q = [q for q in unit.long_quotes if q[0] >= unit.toks[cue.last].end]
    if cue.lemma == "according" and cue.text == "according to":
        return _according_to(unit, cue)
    if _is_quoted_as_saying(unit.toks, cue):
        return _quoted_as_saying(unit, cue, before_q)
    if _is_passive_by(unit.toks, cue):
        return _passive_by(unit, cue)
    quote = _quote_before(unit, cue, before_q)
    if quote is None and _participle_after_comma(unit, cue):
        # "At a rally in Ames, Iowa, Lee spoke ..., saying": the participle's speaker is the
        # clause's subject (`_subject_statement`), not the last name before its comma
        return None
    left = subject_left(unit.text, unit.toks, cue.first)
    if left is not None and _object_of_a_relative(unit.toks, left):
        return None  # "Nothing the president said ..., the senator said": not the president's
    if quote is not None:
        a = _quote_then_speaker(unit, cue, quote, left, after_q)
        if a is not None:
            return a
    if left is None and quote is None and _opening_participle_cue(unit.toks, cue):
        return _opening_participle(unit, cue)
    if left is None:
        return _clause_then_inverted_speaker(unit, cue)
    if (
        cue.lemma in WEAK_CUES
        and not _weak_cue_speaks(unit.toks, cue)
        and not _as_speaker_cue(unit.toks, cue, left)
    ):
        return _opener(unit, cue, left)
    return _speaker_then_content(unit, cue, left, after_q)


# Words whose relative clause the subject and cue are: "Nothing the president said will ...":
# what was said is talked about, not reported. Not "what": PolNeAR reads "what he calls the
# 'Washington cartel'" as his words, and news means them so.
_RELATIVE_HEADS = frozenset("nothing anything everything something".split())


def _object_of_a_relative(toks: list[Token], subject: Mention) -> bool:
    k = token_at(toks, subject.start)
    return k > 0 and toks[k - 1].low in _RELATIVE_HEADS and toks[k - 1].quote < 0


def _participle_after_comma(unit: _Unit, cue: _Cue) -> bool:
    """ ", saying ...", ", telling reporters ...": a participle cue that adds to its clause (not
    one describing the name before it: "Ann Lee, writing in an email, ...")."""
    toks, i = unit.toks, cue.first
    if not (i > 1 and toks[i].low in PARTICIPLE_CUES and toks[i - 1].text == ","):
        return False
    before = np_left(unit.text, toks, i - 2, 0)
    return (
        before is None
        or before.kind != "name"
        or not clause_start(toks, before.start)
        or _state_of_a_place(toks, before.start)
    )


def _opening_participle_cue(toks: list[Token], cue: _Cue) -> bool:
    """A participle cue opening the sentence: "Noting that ..., Ann Lee voted no."."""
    first = toks[cue.first]
    return (
        first.low in PARTICIPLE_CUES
        and first.is_cap
        and not any(t.is_word for t in toks[: cue.first])
    )


# Words after a name that show it is no main clause's subject: "Mr. Dunn, who chairs ...".
_NOT_A_VERB = frozenset("and or who which whose of in at for to with".split())


def _opening_participle(unit: _Unit, cue: _Cue) -> Attribution | None:
    """`Noting that CLAUSE, SUBJECT VERB ...`: the clause is the main clause's subject's, a name
    or a pronoun right after the comma that ends it and right before a verb."""
    toks = unit.toks
    s, _ = content_after(toks, cue.last, unit.end)
    start = token_at(toks, s, len(toks))
    if start >= len(toks) or not (
        toks[start - 1].low == "that" or toks[start].low in SUBJECT_PRONOUNS
    ):
        return None  # "Recalling the pitfalls of ...": what they recalled, not what they said
    for c in range(start + 1, len(toks) - 1):
        if toks[c].text != "," or toks[c].quote >= 0:
            continue
        subject = np_right(unit.text, toks, c + 1, len(toks))
        if subject is None or subject.kind not in {"name", "pronoun"}:
            continue
        after = token_at(toks, subject.end, len(toks))
        if (
            after < len(toks)
            and toks[after].is_word
            and not toks[after].is_cap
            and toks[after].low not in _NOT_A_VERB
        ):
            return Attribution(subject, cue.text, s, toks[c].start, "reported", cue.start)
    return None


def _state_of_a_place(toks: list[Token], pos: int) -> bool:
    """The name at `pos` follows "in City," ("was in Bangor, Maine, promising"): a place."""
    x = token_at(toks, pos)
    return (
        x >= 3
        and toks[x - 1].text == ","
        and toks[x - 2].is_cap
        and toks[x - 3].low in {"in", "at", "from", "near", "outside", "to"}
    )


def _opener(
    unit: _Unit, cue: _Cue, left: Mention, circumstance: bool = False
) -> Attribution | None:
    """`Jo Akers agreed.` or `Ann Lee says:` before a quote: an attribution without content,
    whose speaker the next bare quote continues (`index.quotes.extraction`); with
    `circumstance`, words after the cue that say only when or where (`Ann Lee said in a
    statement.`)."""
    toks = unit.toks
    rest = toks[cue.last + 1 :]
    if any(t.quote >= 0 for t in rest) or (not circumstance and any(t.is_word for t in rest)):
        return None
    if any(t.quote >= 0 for t in toks[: cue.first]):
        return None
    # the speaker starts the sentence, maybe after "But" or a description ("City planner")
    lead = [t for t in toks if t.start < left.start]
    if len(lead) > 6 or any(not t.is_word or t.low in CUES for t in lead):
        return None
    if left.kind == "unknown":
        return None
    return Attribution(left, cue.text, unit.end, unit.end, "quote", cue.start)


def _according_to(unit: _Unit, cue: _Cue) -> Attribution | None:
    """`CLAUSE, according to SPEAKER.` and `according to SPEAKER, CLAUSE`."""
    toks, n, i = unit.toks, len(unit.toks), cue.first
    m = according_np(unit.text, toks, cue.last + 1, n)
    if m is None:
        return None
    k = cue.last + 1
    while k < n and toks[k].start < m.end:
        k += 1
    after = k < n and toks[k].text in {",", ":"}
    before = i > 0 and toks[i - 1].text in {",", "—", "–", "("}
    # `"... alleged," according to X`: the comma inside the closing marks
    quoted = i > 1 and toks[i - 1].text in CLOSING_QUOTES and toks[i - 2].text == ","
    if quoted and not after:
        return Attribution(m, cue.text, unit.start, toks[i - 1].end, "quote", cue.start)
    if before and after and _time_or_place(_words(toks, unit.start, toks[i - 1].start)):
        before = False  # "One evening in 2004, according to X, the senator phoned ..."
    if before:
        return Attribution(m, cue.text, unit.start, toks[i - 1].start, "reported", cue.start)
    if after:
        return Attribution(m, cue.text, toks[k].end, unit.end, "reported", cue.start)
    return None


def _is_quoted_as_saying(toks: list[Token], cue: _Cue) -> bool:
    """ "quoted him as saying", and the "as saying" of it (which no other pattern may read)."""
    i = cue.first
    return toks[i].low == "quoted" or (
        cue.lemma == "say" and toks[i].low == "saying" and i >= 2 and toks[i - 1].low == "as"
    )


def _quoted_as_saying(unit: _Unit, cue: _Cue, before_q: list[Span]) -> Attribution | None:
    """`X quoted SPEAKER as saying CLAUSE`, or the quote before it when no clause follows."""
    toks, n, i = unit.toks, len(unit.toks), cue.first
    if toks[i].low != "quoted":
        return None
    if i > 0 and toks[i - 1].low in _PASSIVE_AUX and i + 2 < n and toks[i + 1].low == "as":
        return _passive_quoted(unit, cue, before_q)
    k = i + 1
    x = k
    while x < n and not (toks[x].low == "as" and x + 1 < n and toks[x + 1].low == "saying"):
        x += 1
    if x >= n or x == k:
        return None
    if toks[k].low in {"a", "an", "some", "one", "two", "several", "many"}:
        # "quoted a source close to the ministry as saying": nobody to name
        m0 = Mention("unknown", toks[k].start, toks[x - 1].end)
        return Attribution(m0, "quoted as saying", toks[x + 1].end, unit.end, "reported", cue.start)
    m = (
        Mention(
            "pronoun",
            toks[k].start,
            toks[k].end,
            name=toks[k].low,
            gender=OBJECT_PRONOUNS[toks[k].low],
        )
        if toks[k].low in OBJECT_PRONOUNS and x == k + 1
        else np_left(unit.text, toks, x - 1, k)
    )
    if m is None:
        return None
    after = toks[x + 1].end
    if word_count(unit.text[after : unit.end]) >= 3:
        s, e = content_after(toks, x + 1, unit.end)
        return Attribution(m, "quoted as saying", s, e, "reported", cue.start)
    if before_q:
        s, e = before_q[-1]
        return Attribution(m, "quoted as saying", s, e, "quote", cue.start)
    return None


def _passive_quoted(unit: _Unit, cue: _Cue, before_q: list[Span]) -> Attribution | None:
    """`SPEAKER was quoted as saying CLAUSE` and `CLAUSE, SPEAKER was quoted as saying.`"""
    toks, i = unit.toks, cue.first
    m = subject_left(unit.text, toks, i)
    if m is None or toks[i + 2].low != "saying":
        return None
    after = toks[i + 2].end
    if word_count(unit.text[after : unit.end]) >= 3:
        s, e = content_after(toks, i + 2, unit.end)
        return Attribution(m, "quoted as saying", s, e, "reported", cue.start)
    if before_q and _opens_unit(toks, before_q[-1], unit.long_quotes):
        s, e = before_q[-1]
        return Attribution(m, "quoted as saying", s, e, "quote", cue.start)
    k = token_at(toks, m.start, len(toks))
    if k > 1 and toks[k - 1].text in {",", "—"}:
        return Attribution(
            m, "quoted as saying", toks[0].start, toks[k - 1].start, "reported", cue.start
        )
    return None


# Adverbs between a passive auxiliary and its participle: "was first reported by".
_PASSIVE_ADVERBS = {"first", "also", "later", "widely", "previously", "initially", "repeatedly"}


# Words that may follow the agent of a passive cue: its content or when and where.
_AFTER_AGENT = {
    "that", "whether", "if", "to", "about", "on", "in", "at", "during", "after", "before",
    "last", "this", "for", "over", "as", "when",
}  # fmt: skip


def _is_passive_by(toks: list[Token], cue: _Cue) -> bool:
    """ "was asked by X", "was first reported by X", "as reported by X" and a clause-initial
    "Asked by X"."""
    i, n = cue.first, len(toks)
    if toks[i].low.endswith("ing") or cue.last + 2 >= n or toks[cue.last + 1].low != "by":
        return False
    k = i - 1
    while k >= 0 and toks[k].low in _PASSIVE_ADVERBS:
        k -= 1
    if k < 0 or toks[k].low in _PASSIVE_AUX:
        return True
    # "As reported by Western Journalism, CLAUSE" and "CLAUSE, as first reported by X."
    return toks[k].low == "as" and (k == 0 or toks[k - 1].text == ",")


def _passive_by(unit: _Unit, cue: _Cue) -> Attribution | None:
    """`X was asked by SPEAKER whether ...`, `CLAUSE was announced by SPEAKER`, `It was said by
    SPEAKER that ...`: the agent speaks; the content follows it, or is the subject before."""
    toks, n = unit.toks, len(unit.toks)
    b = cue.last + 2
    if toks[b].low in OBJECT_PRONOUNS:
        m: Mention | None = Mention(
            "pronoun",
            toks[b].start,
            toks[b].end,
            name=toks[b].low,
            gender=OBJECT_PRONOUNS[toks[b].low],
        )
    else:
        m = np_right(unit.text, toks, b, n)
    if m is None or m.kind == "unknown":
        return None
    k = next((x for x in range(b, n) if toks[x].start >= m.end), n)
    if k < n and toks[k].is_word and toks[k].low not in _AFTER_AGENT:
        return None  # "by many Wall Street players": the phrase goes on past the name
    if k < n and cue.first > 2 and toks[cue.first - 2].text == "," and _resumes_clause(toks, k):
        # "The campaign, as reported by the Post, is ...": the interrupted clause, whole
        return Attribution(m, cue.text, toks[0].start, _unit_end(toks), "reported", cue.start)
    if k < n and toks[k].low not in {"on", "in", "at", "during", "after", "before", "last", "this"}:
        s, e = content_after(toks, k - 1, unit.end)
        if toks[k].low in {"whether", "if"}:
            s = toks[k].start
        if cue.first == 0:
            # "Asked by X whether ..., Y said": the question ends at the main clause
            e = next((t.start for t in toks[k:] if t.text == "," and t.quote < 0), e)
        if word_count(unit.text[s:e]) >= 3:
            return Attribution(m, cue.text, s, e, "reported", cue.start)
    aux = cue.first - 1
    while aux >= 0 and toks[aux].low in _PASSIVE_ADVERBS:
        aux -= 1
    if aux > 0 and toks[0].low != "it":
        return Attribution(m, cue.text, toks[0].start, toks[aux].start, "reported", cue.start)
    return None


def _quote_before(unit: _Unit, cue: _Cue, before_q: list[Span]) -> Span | None:
    """The quote a cue after it attributes: the last one before the cue.

    A quote inside a clause (`The answers are "not meeting the demand," says X.`) stands for the
    whole clause; but `In his book, "Title," Mr. X suggested looking at...` is no quote.
    """
    if not before_q:
        return None
    quote = before_q[-1]
    if _opens_unit(unit.toks, quote, unit.long_quotes):
        return quote
    if _ends_like_speech(unit.text, quote) and not any(
        t.is_word for t in unit.toks if quote[1] <= t.start < cue.start
    ):
        # `The plan "reads like a wish list," says X, ...`: a quote ending like speech right
        # before the cue is what was said, however long the speaker's description
        return (unit.toks[0].start, quote[1])
    rest = [t for t in unit.toks[cue.last + 1 :] if t.is_word and t.quote < 0]
    if len(rest) <= 16 and not any(t.low == "that" for t in rest):
        return (unit.toks[0].start, quote[1])
    return None


def _ends_like_speech(text: str, q: Span) -> bool:
    """A quote whose last character inside the marks is a comma, "?" or "!"."""
    inner = text[q[0] : q[1]].rstrip("”\"'’» ")
    return inner[-1:] in {",", "?", "!"}


def _opens_unit(toks: list[Token], q: Span, long_q: list[Span]) -> bool:
    """True when nothing but punctuation or another quote comes before quote q."""
    if any(e <= q[0] for _, e in long_q):
        return True
    return not any(t.is_word and t.quote < 0 for t in toks if t.start < q[0])


def _quote_then_speaker(
    unit: _Unit, cue: _Cue, quote: Span, left: Mention | None, after_q: list[Span]
) -> Attribution | None:
    """`"Q," SPEAKER CUE.` and `"Q," CUE SPEAKER.`, continued by a quote after them."""
    toks = unit.toks
    gap_toks = [t for t in toks if quote[1] <= t.start < cue.start]
    if left is not None:
        lead = [t for t in gap_toks if t.start < left.start]
        # a few words, or a longer description of the speaker without punctuation ("former
        # Green Party state office speechwriter Rita Vogel")
        # or a description in apposition before the name (`"Q," the firm's hiring chief,
        # Lu Bock, told ...`)
        described = (
            len(lead) <= 9
            and len(lead) >= 2
            and lead[-1].text == ","
            and all(t.is_word for t in lead[:-1])
            and any(t.low in ROLE_HEADS or t.low in TITLES for t in lead)
            and left.kind == "name"
        )
        if (
            (len(lead) <= 4 or (len(lead) <= 8 and all(t.is_word for t in lead)) or described)
            and not any(t.text in {".", "?", "!", ";"} or t.low in CUES for t in lead)
            and left.start >= quote[1]
        ):
            end = _continuation(unit, cue, after_q, quote[1])
            return Attribution(left, cue.text, quote[0], end, "quote", cue.start)
    # a participle is never inverted: in '... "founded ISIS," saying they were ...' "they"
    # is the subject of the participle's clause, not the quote's speaker
    if not any(t.is_word for t in gap_toks) and toks[cue.first].low not in PARTICIPLE_CUES:
        right = with_companions(
            unit.text, toks, np_right(unit.text, toks, cue.last + 1, len(toks)), len(toks)
        )
        if right is not None:
            end = _continuation(unit, cue, after_q, quote[1])
            return Attribution(right, cue.text, quote[0], end, "quote", cue.start)
    return None


def _continuation(unit: _Unit, cue: _Cue, after_q: list[Span], end: int) -> int:
    """`"A," he said, "B."` : the quote after the attribution continues the statement."""
    if not after_q:
        return end
    qs, qe = after_q[0]
    gap = unit.text[unit.toks[cue.last].end : qs]
    # the gap is the attribution, perhaps with a description of the speaker (", an economist
    # who directs the UCLA Anderson Forecast,")
    if len(gap) < 150 and not re.search(r"[.!?]", gap.strip(" ,:—–")[:-1] or ""):
        return qe
    return end


def _clause_then_inverted_speaker(unit: _Unit, cue: _Cue) -> Attribution | None:
    """`CLAUSE, said Smith.` and `CLAUSE, noted NBC's Dante Chinni.`; `Said Ann Lee, who ...,
    "Q"` and `In other words, explained Ann Lee: "Q"` (the quote after the speaker)."""
    toks, n, i = unit.toks, len(unit.toks), cue.first
    opens = i == 0 or (i > 1 and toks[i - 1].text == "," and toks[0].start < toks[i - 1].start)
    if not opens:
        return None
    right = with_companions(unit.text, toks, np_right(unit.text, toks, cue.last + 1, n), n)
    if right is None or right.kind not in {"name", "role", "office"}:
        return None
    k = cue.last + 1
    while k < n and toks[k].start < right.end:
        k += 1
    quoted = _quote_after_speaker(unit, toks, k)
    if quoted is not None:
        return Attribution(right, cue.text, quoted[0], quoted[1], "quote", cue.start)
    if i == 0:
        return None
    if _resumes_clause(toks, k) and toks[i - 1].text == ",":
        # "The plan, said Ann Lee, would cost 400 jobs.": the clause goes on past the speaker
        start = toks[_after_dateline(toks, i)].start
        return Attribution(right, cue.text, start, _unit_end(toks), "reported", cue.start)
    rest = [t for t in toks[k:] if t.is_word]
    if (
        k >= n
        or toks[k].text in {",", ".", "(", "—"}
        # "..., says political scientist Ann Lee in Almaty." / "... at the university."
        or (rest and rest[0].low in {"in", "at", "from"} and _time_or_place(rest))
    ):
        return Attribution(right, cue.text, toks[0].start, toks[i - 1].start, "reported", cue.start)
    return None


def _quote_after_speaker(unit: _Unit, toks: list[Token], k: int) -> Span | None:
    """The quote after an inverted speaker ending before token k: right after a colon or a
    comma, or after a description of the speaker set off by commas (", who grew up here,")."""
    if k >= len(toks) or toks[k].text not in {":", ","}:
        return None
    q = next((q for q in unit.long_quotes if q[0] >= toks[k].end), None)
    if q is None:
        return None
    between = [t for t in toks[k + 1 :] if t.end <= q[0]]
    if toks[k].text == ":" and any(t.is_word for t in between):
        return None
    if toks[k].text == "," and (not between or between[-1].text not in {",", ":"}):
        return None
    if any(t.text in {".", "?", "!", ";"} or t.low in CUES for t in between):
        return None
    return q


def _weak_cue_speaks(toks: list[Token], cue: _Cue) -> bool:
    """A weak cue ("believes", "pointed") marks speech only before "that", a quote or a colon."""
    nxt = toks[cue.last + 1] if cue.last + 1 < len(toks) else None
    if nxt is not None and (nxt.low == "that" or nxt.quote >= 0 or nxt.text == ":"):
        return True
    # "pointed out in March, “...”": a quote after a circumstance
    s, _ = content_after(toks, cue.last, toks[-1].end)
    first = next((t for t in toks if t.start >= s), None)
    return first is not None and first.quote >= 0 and first.start > toks[cue.last].end


def _as_speaker_cue(toks: list[Token], cue: _Cue, left: Mention) -> bool:
    """ "As Paul Ryan has pointed out, CLAUSE": a weak cue in this frame speaks the clause."""
    k = token_at(toks, left.start, len(toks))
    if k == 0 or toks[k - 1].low != "as" or cue.last + 1 >= len(toks):
        return False
    opens = k == 1 or toks[k - 2].low in _CLAUSE_OPENERS or toks[k - 2].text == ","
    return opens and toks[cue.last + 1].text == ","


def _speaker_then_content(
    unit: _Unit, cue: _Cue, left: Mention, after_q: list[Span]
) -> Attribution | None:
    """`SPEAKER CUE: "Q"` and `SPEAKER CUE (that) CLAUSE`; `CLAUSE, SPEAKER CUE.` when empty."""
    text, toks = unit.text, unit.toks
    k = token_at(toks, left.start, len(toks))
    if k > 1 and toks[k - 1].text == "," and _resumes_clause(toks, cue.last + 1):
        # "The decision, Ann Lee said, was final.": the clause before the speaker goes on
        start = toks[_after_dateline(toks, k)].start
        return Attribution(left, cue.text, start, _unit_end(toks), "reported", cue.start)
    if _opens_new_clause(toks, cue.last + 1):
        # "CLAUSE, KING-TV reported, while in Chicago ...": what follows is the reporter's
        before = _clause_then_speaker(unit, cue, left)
        if before is not None:
            return before
    a = k - 1 if k > 0 and toks[k - 1].low == "the" else k  # "as the Ledger reported"
    if a > 2 and toks[a - 1].low == "as" and toks[a - 2].text == ",":
        # "CLAUSE, as The New York Times reported on Tuesday, and ...": the clause before
        # (not "At the time, as Marc Trevin put it, ..." nor "Of course, as ...": an opening)
        opening = _words(toks, toks[0].start, toks[a - 2].start)
        while opening and opening[0].low in _CLAUSE_OPENERS:
            opening = opening[1:]
        if len(opening) > _OPENING_WORDS and not _time_or_place(opening):
            return _clause_then_speaker(unit, cue, left)
    s, e = content_after(toks, cue.last, unit.end)
    if _NO_CONTENT_RE.match(text[s:e].strip().lower()):
        return None
    quote = _quote_after_circumstance(unit, s, after_q)
    if quote is not None:
        # "said after the meeting with the mayor: "Q"": the quote is what was said
        return Attribution(left, cue.text, quote[0], quote[1], "quote", cue.start)
    k = token_at(toks, s, len(toks))
    if 0 < k < len(toks) and toks[k - 1].text == ",":
        # "CLAUSE, the Post reported, citing two officials", "CLAUSE, Lee said, pointing to the
        # numbers": the participle adds to the attribution; the content is the clause before
        # (with no clause before, "X responded, painting Y as Z" says it in the participle)
        if toks[k].low in PARTICIPLE_CUES:
            return _clause_then_speaker(unit, cue, left)
        if k == cue.last + 2 and is_participle(toks[k]):
            before = _clause_then_speaker(unit, cue, left)
            if before is not None:
                return before
    if toks[cue.first].low in PARTICIPLE_CUES and k < len(toks) and toks[k].low in CUES:
        # "Ann Lee, writing in the Ledger, argued that ...": the verb after the aside speaks
        return None
    if cue.lemma == "tell" and _only_whom_told(toks, s, e, cue.last > cue.first):
        # "CLAUSE, Ann Lee told a Senate panel Wednesday.": the one told, then the sentence ends
        return _clause_then_speaker(unit, cue, left)
    if only_circumstance(toks, s, e):
        # "said Friday as he entered the talks" says nothing; "..., she said on Friday in an
        # interview.": the content is the clause before
        if _time_or_place(_words(toks, s, e)):
            return _clause_then_speaker(unit, cue, left) or _opener(unit, cue, left, True)
        return None
    e = participle_cut(toks, s, e)
    kind = "reported"
    for qs, qe in after_q:
        if qs <= s + 2 and qe >= e - 2:
            kind = "quote"
            s, e = qs, max(e, qe)
    if word_count(text[s:e]) == 0:
        return _clause_then_speaker(unit, cue, left) or _opener(unit, cue, left)
    return Attribution(left, cue.text, s, e, kind, cue.start)


def _quote_after_circumstance(unit: _Unit, s: int, after_q: list[Span]) -> Span | None:
    """The quote right after a colon that ends a phrase of where, when or how after the cue
    ("said after the meeting with the mayor: "Q"", "reported after the FBI left the scene:
    "Q""); none when the words before the colon are a clause ("said the plan is simple:")."""
    toks = unit.toks
    x = token_at(toks, s, len(toks))
    words = []
    while x < len(toks) and toks[x].text != ":":
        if toks[x].quote >= 0 or toks[x].text in {".", "?", "!", ";"}:
            return None
        if toks[x].is_word:
            words.append(toks[x])
        x += 1
    if x >= len(toks) or not words or len(words) > 2 * _CIRCUMSTANCE_WORDS:
        return None
    if not (words[0].low in _CIRCUMSTANCE_PREPOSITIONS or words[0].low in TIME_WORDS):
        return None
    if words[0].low in DETERMINERS:
        return None
    colon_end = toks[x].end
    return next(
        (q for q in after_q if q[0] >= colon_end and not unit.text[colon_end : q[0]].strip()),
        None,
    )


def _only_whom_told(toks: list[Token], s: int, e: int, told_whom: bool) -> bool:
    """A short phrase after "told" that names only whom it was told (and when or where): "a
    Senate panel Wednesday", "a crowd of supporters in Ohio"; not "the committee the plan
    failed" (a verb: what was told). `told_whom`: the cue has taken in whom ("told a crowd")."""
    words = _words(toks, s, e)
    return (
        0 < len(words) <= _CIRCUMSTANCE_WORDS
        and (told_whom or words[0].low in DETERMINERS)
        and not any(
            t.quote >= 0
            or t.low in CLAUSE_VERBS
            or t.low == "that"
            or (not t.is_cap and (t.low.endswith("ed") or t.low in NEGATED_AUXILIARIES))
            for t in words
        )
    )


# The most words of a phrase that opens a sentence before ", as SPEAKER CUE": "Of course".
_OPENING_WORDS = 3


# The verb that takes a clause up again after an aside: "The plan, said Ann Lee, would cost ...".
_FINITE_VERBS = frozenset(
    "is was are were will would can could should must might has have had does did".split()
) | frozenset(NEGATED_AUXILIARIES)


def _resumes_clause(toks: list[Token], k: int) -> bool:
    """A comma at token k, then a finite verb: the clause interrupted by the attribution goes
    on (", would cost ..."), not an aside about the speaker (", who ...", ", the chairman")."""
    return (
        k + 1 < len(toks)
        and toks[k].text == ","
        and toks[k + 1].quote < 0
        and toks[k + 1].low in _FINITE_VERBS
    )


# Conjunctions that open a clause of the writer's after ", SPEAKER CUE,".
_CLAUSE_CONJUNCTIONS = frozenset("and but while whereas although though as yet so".split())


def _opens_new_clause(toks: list[Token], k: int) -> bool:
    """A comma at token k, then a conjunction opening another clause: ", while in Chicago",
    ", and added that" (a second statement of the same speaker, read by its own cue)."""
    return (
        k + 2 < len(toks)
        and toks[k].text == ","
        and toks[k + 1].low in _CLAUSE_CONJUNCTIONS
        and toks[k + 2].low not in {"that", "then"}
    )


def _unit_end(toks: list[Token]) -> int:
    """Where a unit's words end: before its final stop."""
    last = len(toks) - 1
    while last > 0 and toks[last].text in {".", "!", "?", ";"}:
        last -= 1
    return toks[last].end


def _words(toks: list[Token], s: int, e: int) -> list[Token]:
    return [t for t in toks if s <= t.start < e and t.is_word]


# Prepositions that start where or how something was said: "in a court filing", "at a rally".
_CIRCUMSTANCE_PREPOSITIONS = {
    "in", "on", "at", "during", "via", "through", "after", "before", "while", "with", "from",
    "over",
}  # fmt: skip


# The most words of a phrase saying only where or how: "in a memo to the inspector general".
_CIRCUMSTANCE_WORDS = 8


def _time_or_place(words: list[Token]) -> bool:
    """Words that only say when, where or how: "Friday", "in a court filing", "to reporters";
    not an infinitive ("to stand") or a clause."""
    if on_condition(words):
        return True
    if all(t.low in TIME_WORDS or t.is_cap or t.low.isdigit() for t in words):
        return True
    if not words or len(words) > _CIRCUMSTANCE_WORDS:
        return False
    first, nxt = words[0].low, words[1] if len(words) > 1 else None
    if first == "to":
        return nxt is not None and (nxt.low in {"the", "a", "an"} or nxt.is_cap)
    return first in _CIRCUMSTANCE_PREPOSITIONS


def _clause_then_speaker(unit: _Unit, cue: _Cue, left: Mention) -> Attribution | None:
    """`CLAUSE, SPEAKER CUE.`: the content is before the speaker."""
    toks = unit.toks
    first = toks[0]
    if left.start <= first.start:
        return None
    k = token_at(toks, left.start, len(toks))
    d = k
    while d > 1 and k - d < 3 and _is_descriptor(toks[d - 1]):
        d -= 1  # ", journalist Mia Cole said": a description before the name
    if d < k and d > 1 and (toks[d - 1].low in {"the", "a"} or _nationality(toks[d - 1])):
        d -= 1  # ", the newspaper Lakeside Daily reported", ", Portuguese newspaper X reports"
    if d > 0 and toks[d - 1].text in {",", "—"}:
        k = d
    if k > 1 and toks[k - 1].low == "the":
        k -= 1  # "..., the Daily Ledger reported": the article is no part of the name
    if k > 1 and toks[k - 1].low == "as":
        k -= 1  # "CLAUSE, as Reuters reported."
    if k > 1 and (toks[k - 2].low in ROLE_HEADS or toks[k - 2].low in TITLES):
        # "CLAUSE, his top aide, Tad Devine, said": the description has a comma before it
        c = next((c for c in range(k - 3, max(0, k - 9), -1) if toks[c].text == ","), None)
        if (
            c is not None
            and c > 2
            and toks[c + 1].low in DETERMINERS  # ", his top aide, Tad Devine,"
            and not _time_or_place(_words(toks, first.start, toks[c].start))
        ):
            left.role = left.role or unit.text[toks[c + 1].start : toks[k - 2].end]
            return Attribution(left, cue.text, first.start, toks[c].start, "reported", cue.start)
        # "The state's attorney general, Lee Dunn, said": a description, no clause; but "Bush
        # is joining the show as an anchor, NBC announced" has one: a verb, no comma after
        after = next((t for t in toks if t.start >= left.end), None)
        verb = any(
            t.low in _FINITE_VERBS or (t.low.endswith("ed") and not t.is_cap)
            for t in toks[1 : k - 1]
        )
        if not verb or after is None or after.text == ",":
            return None
    if (
        k > 0
        and first.low in _CIRCUMSTANCE_PREPOSITIONS
        and not any(t.text == "," for t in toks[: k - 1])
    ):
        return None  # "In a direct appeal to voters, Mr. Khan pleaded with them": no clause
    if k > 0 and toks[k - 1].text in {",", "—"}:
        # "A, KING-TV reported, while B, the Sun-Times reported.": B is the Sun-Times's
        for x in range(k - 5, 0, -1):
            if toks[x].low in CUES and _opens_new_clause(toks, x + 1):
                first = toks[x + 3]
                break
        return Attribution(left, cue.text, first.start, toks[k - 1].start, "reported", cue.start)
    return None


def _nationality(t: Token) -> bool:
    """A capitalised adjective of a country or people: "Portuguese", "Russian", "Israeli"."""
    return t.is_cap and t.is_word and bool(re.search(r"(?:an|ese|ish|ch|i)$", t.text))


def _is_descriptor(t: Token) -> bool:
    """A lower-case common noun that may describe a person: "journalist", "longtime"."""
    return t.is_word and not t.is_cap and t.low not in CAP_STOP and t.low not in CUES


def _continues_clause(toks: list[Token], i: int) -> bool:
    """A cue that adds to the clause before it: ", adding that ...", "... and asserted that",
    "... but now says", "issued a statement saying ..."."""
    if i == 0:
        return False
    prev = toks[i - 1]
    j = i - 1
    while (
        j > 0 and i - j <= 3 and (toks[j].low in _COORDINATE_ADVERBS or toks[j].low in TIME_WORDS)
    ):
        j -= 1  # "and also said", "but now says", "but on Tuesday wrote"
    if j < i - 1 and toks[j].low in {"and", "but"}:
        prev = toks[j]
    elif j < i - 1 and toks[j].text == "," and toks[i - 1].low == "then":
        return True  # ", then says": the subject goes on
    if prev.text in CLOSING_QUOTES and i > 1 and toks[i - 2].text == ",":
        prev = toks[i - 2]  # 'a defense of "New York values," saying': the comma inside
    return (
        toks[i].low in PARTICIPLE_CUES
        and (prev.text == "," or prev.low in {"before", "after"} or prev.low in STATEMENT_NOUNS)
    ) or prev.low in {"and", "but"}


# Adverbs between a coordinating conjunction and the cue it joins: "but now said".
_COORDINATE_ADVERBS = frozenset({"also", "now", "then", "later", "still", "again"})


# The longest introductory phrase before a clause's subject: "In a statement released Thursday,".
_INTRO_TOKENS = 10


def _subject_statement(unit: _Unit, cue: _Cue) -> Attribution | None:
    """`SPEAKER did X, saying CLAUSE` and `SPEAKER did X and said CLAUSE`: the clause's subject
    speaks, when the unit starts with it (a name, a pronoun or a definite role), perhaps after a
    dateline and an introductory phrase."""
    toks = unit.toks
    k = _after_dateline(toks, cue.first)
    while k < cue.first and toks[k].low in _CLAUSE_OPENERS:
        k += 1
    if k < cue.first and _opens_with_circumstance(toks, k):
        # "In a statement released Thursday, Rep. Ann Lee reacted ..., saying", "Hours later,
        # Lee ...", "Walking to the car, Lee ...": the subject follows a short introductory
        # phrase, and is the first NP after one of its commas that a verb follows ("At an event
        # in Ames, Iowa, on Sunday, Lee tried ...": not "Iowa")
        # ("In May, the firm's director, Jo Lee, wrote ..., saying": failing a verb, the
        # first person named in full)
        m, named = None, None
        for x in range(k + 1, min(cue.first, k + 2 * _INTRO_TOKENS)):
            if toks[x].quote >= 0:
                break
            if toks[x].text != ",":
                continue
            c = np_right(unit.text, toks, x + 1, cue.first)
            if c is None or c.kind not in {"name", "pronoun", "role", "office"}:
                continue
            y = next((y for y in range(x + 1, cue.first) if toks[y].start >= c.end), cue.first)
            y = _past_parenthetical(toks, y, cue.first)
            after = toks[y] if y < cue.first else None
            if after is not None and after.is_word and not after.is_cap:
                m = c
                break
            if named is None and after is not None and after.text == "," and full_name(c):
                named = c
        m = m or named
        if m is None and not (adverb_like(toks[k]) and toks[k + 1].text == ","):
            return None
        # an -ly word may be a name after all ("Connolly, a Democrat, spoke ..., saying")
        m = m or np_right(unit.text, toks, k, cue.first)
    else:
        m = np_right(unit.text, toks, k, cue.first)
    if m is None or m.kind not in {"name", "pronoun", "role", "office"}:
        return None
    x = next((x for x in range(k, cue.first) if toks[x].start >= m.end), cue.first)
    x = _past_parenthetical(toks, x, cue.first)  # "Rep. Ann Lee (D-N.Y.) reacted ..., saying"
    if x >= cue.first - 1 or not (toks[x].text == "," or toks[x].text[:1].islower()):
        return None  # no verb of its own between the subject and the cue
    if toks[x].text == "," and m.role is None:
        # "Kelly, a spokeswoman, reacted ..., saying": the role in apposition
        close = next((y for y in range(x + 1, cue.first) if toks[y].text == ","), None)
        m.role = appositive_role(unit.text, toks, x, close) if close is not None else None
    s, e = content_after(toks, cue.last, unit.end)
    e = participle_cut(toks, s, e)
    if word_count(unit.text[s:e]) < 3 or only_circumstance(toks, s, e):
        return None
    if _NO_CONTENT_RE.match(unit.text[s:e].strip().lower()):
        return None
    return Attribution(m, cue.text, s, e, "reported", cue.start)


# The longest aside in brackets after a name: "(D-N.Y.)", "(R-Ky.)", "(pictured)".
_PARENTHETICAL_TOKENS = 8


def _past_parenthetical(toks: list[Token], x: int, stop: int) -> int:
    """The token after a short aside in brackets that starts at x, else x."""
    if x >= stop or toks[x].text != "(":
        return x
    for y in range(x + 1, min(stop, x + _PARENTHETICAL_TOKENS + 1)):
        if toks[y].text == ")":
            return y + 1
    return x


# Words that open a sentence with when, where or how something happened: "Hours later,",
# "Inside the hall,", "Likewise,".
_INTRO_OPENERS = {
    "hours", "days", "weeks", "months", "years", "minutes", "moments", "seconds", "shortly",
    "soon", "later", "earlier", "afterward", "afterwards", "likewise", "similarly", "separately",
    "inside", "outside", "across", "near", "amid", "among", "under", "following", "despite",
    "throughout", "ahead", "back", "upon", "for", "by", "as", "since", "until", "within",
    "here", "there",
    # a clause or a participle before the subject: "When asked whom she supported, Lee smiled
    # and said", "Asked about it, Lee ...", "If pressed, Lee ..."
    "when", "once", "if", "although", "though", "because", "asked", "pressed",
}  # fmt: skip


def _opens_with_circumstance(toks: list[Token], k: int) -> bool:
    """Token k opens an introductory phrase, not the subject: a preposition ("In a statement"),
    a time ("Hours later"), a sentence adverb ("Separately,", "Notably,") or a participle
    ("Walking to the car", "Weighing in")."""
    t = toks[k]
    if t.low in _CIRCUMSTANCE_PREPOSITIONS or t.low in _INTRO_OPENERS:
        return True
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    if nxt is None or not t.is_cap:
        return False
    # "Separately, ...", "Hastily seizing on ..." (not "Kelly, a spokeswoman,": too short to be
    # an adverb)
    participle = nxt.is_word and not nxt.is_cap and nxt.low.endswith("ing")
    if adverb_like(t) and (nxt.text == "," or participle):
        return True
    # a participle goes on with its object or a preposition ("Walking to", "Citing the",
    # "Facing mounting criticism"); a name ending in -ing with a verb ("Beijing has warned",
    # "King would say", "Manning told") does not
    return t.low.endswith("ing") and (
        nxt.low in _PARTICIPLE_OBJECTS
        or (
            nxt.is_word
            and not nxt.is_cap
            and nxt.low not in AUXILIARIES
            and nxt.low not in CUES
            and nxt.low not in STANCE_VERBS
            and not nxt.low.endswith(("ed", "s"))
        )
    )


# What follows an opening participle: "Walking to the car", "Weighing in", "Citing his record".
_PARTICIPLE_OBJECTS = {
    "to", "in", "at", "on", "about", "with", "from", "for", "after", "into", "over", "through",
    "out", "up", "back", "down", "off", "before", "during", "across", "along", "around",
    "the", "a", "an", "his", "her", "their", "its", "this", "that", "these", "those", "our",
}  # fmt: skip


def _after_dateline(toks: list[Token], stop: int) -> int:
    """The first token after a dateline opening the unit ("ORLANDO, Fla. (Reuters) -",
    "Washington (AFP) –", "MYRTLE BEACH, S.C. —"), else 0."""
    for x in range(min(stop, 10)):
        t = toks[x]
        if t.text in {"-", "—", "–", "―"}:
            head = [w for w in toks[:x] if w.is_word]
            agency = any(w.text == "(" for w in toks[:x])
            caps = bool(head) and head[0].text.isupper() and len(head[0].text) > 1
            return x + 1 if head and (agency or caps) else 0
        if t.quote >= 0 or (t.is_word and not t.is_cap and not t.text.isdigit()):
            return 0  # a dateline is capitalised words, a date and an agency in brackets
    return 0


def _second_statement(unit: _Unit, cue: _Cue, prev: Attribution) -> Attribution | None:
    """What the speaker of the previous attribution says too; cuts that one's content short."""
    toks = unit.toks
    s, e = content_after(toks, cue.last, unit.end)
    e = participle_cut(toks, s, e)
    if word_count(unit.text[s:e]) < 3:
        return None
    joint = toks[cue.first - 1].start
    if prev.start < joint < prev.end:
        prev.end = joint
    return Attribution(prev.mention, cue.text, s, e, "reported", cue.start, nested=True)


def _dash_attributions(unit: _Unit, found: list[Attribution]) -> list[Attribution]:
    """`"Q" ― Martha Aguilar` (vox pops, epigraphs) and `Martha Aguilar: "Q"`."""
    toks, n = unit.toks, len(unit.toks)
    out = []
    taken = {(a.start, a.end) for a in found}
    for qs, qe in unit.long_quotes:
        if any(a.start <= qs < a.end for a in found) or (qs, qe) in taken:
            continue
        k = token_at(toks, qe, n)
        if k < n and toks[k].text in {"―", "—", "–", "-"} and k + 1 < n:
            m = np_right(unit.text, toks, k + 1, n)
            if m is not None and m.kind == "name":
                out.append(Attribution(m, toks[k].text, qs, qe, "quote", toks[k].start))
                continue
        b = max((x for x in range(n) if toks[x].end <= qs), default=-1)
        if b >= 1 and toks[b].text == ":":
            m = np_left(unit.text, toks, b - 1, 0)
            if m is not None and m.kind == "name" and _starts_or_follows_dash(toks, m):
                out.append(Attribution(m, ":", qs, qe, "quote", toks[b].start))
    return out


def _starts_or_follows_dash(toks: list[Token], m: Mention) -> bool:
    """`Ann Berg: "..."` at the start of the unit, or after a dash (`Pollsters agree - Ann
    Berg: "..."`, news round-ups)."""
    if m.start == toks[0].start:
        return True
    k = token_at(toks, m.start)
    return k > 0 and toks[k - 1].text in {"-", "—", "–"}


def _labelled_line(unit: _Unit) -> Attribution | None:
    """`Hale: ‘We Will Not Back Down.’` (a headline) and `KERR: So you will veto it?` (a
    transcript): a paragraph opening with a person's name and a colon is that person's.

    Only a name the article gives in full elsewhere counts ("Governor Ada Hale", "Sam Kerr"):
    "Breaking:", "Q:" and "The Latest:" name nobody.
    """
    text, toks = unit.text, unit.toks
    if unit.start > 0 and text[unit.start - 1] != "\n":
        return None
    b = next((x for x in range(min(len(toks), 5)) if toks[x].text == ":"), None)
    if b is None or b == 0 or any(t.quote >= 0 for t in toks[:b]):
        return None
    m = np_left(text, toks, b - 1, 0)
    if m is None or m.kind != "name" or m.start != toks[0].start or m.is_group:
        return None
    if word_count(text[toks[b].end : unit.end]) < 4 or not _named_in_full(text, unit, m.name):
        return None
    m.is_org = False  # "KERR:" is Sam Kerr, not an acronym
    s = toks[b].end
    kind = "quote" if toks[b + 1].quote >= 0 else "reported"
    return Attribution(m, ":", s, unit.end, kind, toks[b].start)


def _named_in_full(text: str, unit: _Unit, name: str) -> bool:
    """True when the article names the person elsewhere with a first name and the surname."""
    starts = _full_names(text).get(name.split()[-1].lower(), [])
    return any(not unit.start <= p < unit.end for p in starts)


# "First Last" and "First M. Last" anywhere, overlapping ("Governor Ada Hale" gives "Ada Hale")
_FULL_NAME_RE = re.compile(r"(?=\b[A-Z][A-Za-z]+ (?:[A-Z]\. )*([A-Z][A-Za-z'’-]*)\b)")


@functools.lru_cache(maxsize=4)
def _full_names(text: str) -> dict[str, list[int]]:
    """Where each surname of a full name starts a full name in the article, read once per
    article (a transcript has a labelled line per paragraph)."""
    out: dict[str, list[int]] = {}
    for m in _FULL_NAME_RE.finditer(text):
        out.setdefault(m.group(1).lower(), []).append(m.start())
    return out


def _mark_nested(attributions: list[Attribution]) -> None:
    """Mark attributions inside another one's content ("Flynn said Trump said ...")."""
    for a in attributions:
        for b in attributions:
            if a is not b and b.start <= a.cue_pos < b.end and b.start <= a.mention.start:
                a.nested = True
