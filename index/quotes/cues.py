"""Speech cues ("said", "told reporters", "according to") and the content span they introduce."""

from __future__ import annotations

from index.quotes.lexicon import (
    BASE_FORM_SUBJECTS,
    CAP_STOP,
    CLAUSE_VERBS,
    CUES,
    DETERMINERS,
    GROUP_HEADS,
    PARTICIPLE_CUES,
    PRONOUNS,
    STANCE_NOUN_REACH,
    STANCE_NOUNS,
    STANCE_VERBS,
    SUBJECT_PRONOUNS,
    TELL_OBJECTS,
    TIME_WORDS,
    WEEKDAYS,
)
from index.quotes.tokens import Token


def cue_at(toks: list[Token], i: int) -> tuple[str, int] | None:
    """(cue text, index of its last token) for a cue starting at token i."""
    t = toks[i]
    if t.quote >= 0:
        return None
    low = t.low
    n = len(toks)
    if low == "quoted":
        return "quoted", i
    if low == "according" and i + 1 < n and toks[i + 1].low == "to":
        return "according to", i + 1
    if low in {"put", "puts"}:
        # "as Marc Trevin put it, ...": "put it" is a cue, "put pressure on" none
        if i + 1 < n and toks[i + 1].low == "it" and i > 0 and toks[i - 1].quote < 0:
            return f"{t.text} it", i + 1
        return None
    if low in STANCE_VERBS:
        return _stance_phrase(toks, i)
    if low not in CUES:
        return None
    if _ends_a_name(toks, i):
        return None
    lemma = CUES[low]
    if low == lemma and i > 0:
        # "a Times report that", "the claim": nouns, not cues
        prev = toks[i - 1]
        plural_subject = prev.is_word and (
            prev.low in GROUP_HEADS
            or (prev.is_cap and prev.low.endswith("s"))
            or (prev.is_cap and _names_joined(toks, i - 1))
        )
        if prev.low not in BASE_FORM_SUBJECTS and not plural_subject:
            return None
    j = i
    # `"Is it?" asked Ann Lee`: right after a quote, the name is the speaker, not whom was asked
    inverted = i > 0 and toks[i - 1].quote >= 0
    if lemma in {"tell", "ask", "urge", "warn", "remind", "assure"} and i + 1 < n:
        nxt = toks[i + 1]
        if nxt.low in TELL_OBJECTS or (
            nxt.is_cap and nxt.is_word and nxt.quote < 0 and not inverted
        ):
            # "told reporters", "told The Washington Post", "asked him"
            j = i + 1
            while (
                j + 1 < n
                and toks[j + 1].is_word
                and toks[j + 1].quote < 0
                and (toks[j + 1].is_cap or (toks[j].low in {"the", "a", "an"}))
            ):
                j += 1
    elif i + 1 < n and (lemma, toks[i + 1].low) in {
        ("point", "out"),
        ("call", "for"),
        ("call", "on"),
    }:
        j = i + 1  # "pointed out", "called for", "called on"
    return " ".join(x.text for x in toks[i : j + 1]), j


def _names_joined(toks: list[Token], j: int) -> bool:
    """Names joined by "and" end at token j: "Jeb Bush and Chris Christie (say)"."""
    k = j
    while k > 0 and j - k < 4 and toks[k].is_cap and toks[k].is_word:
        k -= 1
    return k < j and k > 0 and toks[k].low == "and" and toks[k - 1].is_cap and toks[k - 1].is_word


def _stance_phrase(toks: list[Token], i: int) -> tuple[str, int] | None:
    """ "voiced confidence that", "made the case that", "floated the notion that": the verb and
    its stance noun are the cue when "that" follows the noun; the clause after is the content."""
    for j in range(i + 1, min(len(toks) - 1, i + 1 + STANCE_NOUN_REACH)):
        t = toks[j]
        if not t.is_word or t.quote >= 0:
            return None
        if t.low in STANCE_NOUNS and toks[j + 1].low == "that":
            return " ".join(x.text for x in toks[i : j + 1]), j
    return None


def _ends_a_name(toks: list[Token], i: int) -> bool:
    """A capitalised cue word that ends a name: "the director of the UCLA Anderson Forecast,",
    "a Reuters Report." (a headline's "Lee Says Yes" goes on with a word)."""
    t = toks[i]
    if not t.is_cap or i == 0:
        return False
    prev = toks[i - 1]
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    return (
        prev.is_cap
        and prev.is_word
        and prev.quote < 0
        and prev.low not in CAP_STOP
        and (nxt is None or not nxt.is_word)
    )


def content_after(toks: list[Token], j: int, end: int) -> tuple[int, int]:
    """Where the reported content starts after a cue: skip adverbials and 'that'."""
    k = j + 1
    n = len(toks)
    # "said Tuesday that", "says at a campaign stop in Toledo, Ohio, that", "told CNN that"
    for look in range(k, min(n, k + 14)):
        if toks[look].low == "that" and toks[look].quote < 0:
            between = toks[k:look]
            # "said his worry is that ...": a verb between makes "that" the start of
            # another clause, not of what was said
            # ("May" written so is the month, "said on May 5 that")
            if any(b.low in CLAUSE_VERBS and not b.is_cap for b in between):
                break
            if (
                all(
                    b.low in TIME_WORDS
                    or b.is_cap
                    or b.text in {",", "’s", "'s"}
                    or b.low.isdigit()
                    or (b.is_word and len(between) <= 8 and b.low not in CUES)
                    for b in between
                )
                and not any(b.text in {".", "?", "!"} for b in between)
                and not _is_clause(between)
            ):
                return toks[look].end, end
            break
        if toks[look].quote >= 0 or toks[look].text in {":"}:
            break
    # "said Wednesday he agrees", "told reporters last week the plan ...": a time, then the clause
    after = _after_time(toks, k)
    if k < after < n and _opens_clause(toks[after]) and toks[after].start < end:
        return toks[after].start, end
    # "said on Tuesday, ..." / "said Monday: ..."
    look = k
    while (
        look < n
        and toks[look].quote < 0
        and (toks[look].low in TIME_WORDS or (toks[look].is_cap and toks[look].low not in PRONOUNS))
    ):
        look += 1
    if look < n and look > k and toks[look].text in {",", ":"}:
        return toks[look].end, end
    if k < n and toks[k].text in {",", ":"}:
        return toks[k].end, end
    return toks[j].end, end


_DAY_PARTS = frozenset("morning afternoon evening night".split())
_PERIODS = _DAY_PARTS | frozenset("week month year weekend fall spring summer winter".split())
_TIME_ADVERBS = frozenset(
    "today yesterday tonight recently earlier later previously repeatedly publicly "
    "privately".split()
)


# Words that open a clause's subject: "said Wednesday he agrees", "said Tuesday the plan ...".
_SUBJECT_WORDS = SUBJECT_PRONOUNS | frozenset(
    "you it the a an his her their its our my this these those there no some many most all "
    "every".split()
)


def _opens_clause(t: Token) -> bool:
    """Whether token t can open a clause's subject (not a verb: "decries also makes ...")."""
    return t.quote < 0 and t.is_word and (t.is_cap or t.low in _SUBJECT_WORDS or t.low.isdigit())


def _after_time(toks: list[Token], k: int) -> int:
    """The token after a phrase saying when that starts at `k` ("Wednesday", "on Tuesday
    night", "last week", "earlier this month", "privately"); `k` when none starts there."""
    i, n = k, len(toks)
    while i < n:
        low = toks[i].low
        if low in _TIME_ADVERBS or (low == "on" and i + 1 < n and toks[i + 1].low in WEEKDAYS):
            i += 1
        elif low in WEEKDAYS and toks[i].is_cap:
            i += 2 if i + 1 < n and toks[i + 1].low in _DAY_PARTS else 1
        elif low in {"last", "this", "next"} and i + 1 < n and toks[i + 1].low in _PERIODS:
            i += 2
        else:
            break
    return i


def _is_clause(between: list[Token]) -> bool:
    """Words between a cue and a "that" that are a clause of their own, so that the "that" is
    inside what was said: a subject pronoun ("said he understands how hard that can be") or a
    name and a verb in the past ("said Mr. Dunn envisioned an approach that ...")."""
    if not between:
        return False
    if between[0].low in SUBJECT_PRONOUNS:
        return True
    x = 0
    while x < len(between) and between[x].is_cap:
        x += 1
    return (
        0 < x < len(between)
        and between[x].is_word
        and between[x].low.endswith("ed")
        and between[x].low not in TIME_WORDS
    )


# Words in -ing that are no participles: "said, nothing will change".
_NOT_PARTICIPLES = frozenset(
    "nothing something anything everything during according morning evening thing king "
    "spring string ring wing bring sing".split()
)


def is_participle(t: Token) -> bool:
    """A participle outside quotes ("adding", "pointing"): after an attribution's comma it says
    how it was said, not what."""
    return t.low in PARTICIPLE_CUES or (
        t.is_word
        and t.quote < 0
        and not t.is_cap
        and len(t.low) > 5
        and t.low.endswith("ing")
        and t.low not in _NOT_PARTICIPLES
    )


def on_condition(words: list[Token]) -> bool:
    """ "on condition of anonymity to speak freely about ...": how it was said, however long."""
    return [t.low for t in words[:3]] == ["on", "condition", "of"]


def only_circumstance(toks: list[Token], s: int, e: int) -> bool:
    """True for a "content" that is only when/where it was said: "Friday as he entered"."""
    words = [t for t in toks if s <= t.start < e and t.is_word]
    if on_condition(words):
        return True
    if not words or len(words) > 10 or any(t.quote >= 0 for t in words):
        return False  # a quote is what was said, even one opening "Of all the plans"
    before = [t for t in toks if t.end <= s]
    if before and before[-1].low == "that":
        return False  # "says that in retrospect she would ...": a clause, whatever opens it
    first = words[0].low
    if first == "to" and len(words) > 1:
        # "to reporters", "to the Times" say where; "urged them to wait" says what
        nxt = words[1]
        return nxt.low in TELL_OBJECTS or nxt.is_cap or nxt.low in {"his", "her", "their"}
    return first in TIME_WORDS and first not in DETERMINERS


def participle_cut(toks: list[Token], s: int, e: int) -> int:
    """End a content before `, adding that ...` (that belongs to a second statement)."""
    for i, t in enumerate(toks):
        if t.start <= s or t.start >= e or t.quote >= 0:
            continue
        if (
            t.low in PARTICIPLE_CUES
            and i > 0
            and toks[i - 1].text == ","
            and (
                i + 1 < len(toks)
                and (
                    toks[i + 1].low == "that"
                    or toks[i + 1].quote >= 0
                    or toks[i + 1].text in {",", ":"}
                )
            )
        ):
            return toks[i - 1].start
    return e


def trim(text: str, s: int, e: int) -> tuple[int, int]:
    """Content without surrounding spaces, commas and the sentence's final period."""
    while s < e and (text[s].isspace() or text[s] in ",:;—–-"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:—–-"):
        e -= 1
    if e > s and text[e - 1] == "." and not (e - 2 >= s and text[e - 2].isupper()):
        e -= 1
    return s, e
