"""Questions typed without capitals ("who is karoline leavitt"), written as the news writes
their words before they are parsed: names, roles and the kind of answer asked for are read
from capitals ("Who is X?", a rare name no article holds, a speaker's name)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable
from functools import cache

from spellchecker import SpellChecker

from bot.question import STOPWORDS

_CASED_WORD = re.compile(r"[^\W\d_][\w\-]*")
_TITLE_BEFORE = re.compile(  # an abbreviation a name follows: "Gov. Phil Scott", "U.S. Rep."
    r"(?:^|\s)(?:(?:Gov|Sens?|Reps?|Dr|Mrs?|Ms|St|Gen|Lt|Col|Sgt|Capt|Prof|Rev|Adm|Maj|Pres|Atty"
    r"|Jr|Sr|Mt|Ft)|(?:[A-Z]\.)*[A-Z])\.$"
)
_WORD_BEFORE = re.compile(r"(\S+)\s+$")  # the word just before, with its punctuation
_OPENS = frozenset('.!?:;"“‘(—–-|')  # the character before a word that starts a sentence
CAPITALISED_SHARE = 2  # a word is a name's when names open with it this many times as often as
# the texts write it in lower case (once is enough when they never write it so: a rare name)
# A word this long or longer, one typo from a word the news uses, is that word misspelt
# ("presidnet"), not a name; shorter words are one typo from too many ("pisa", "visa").
MIN_TYPO_LETTERS = 5
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
# An unknown word made of two words the texts write, each this long or longer, is their compound
# ("snowstorm"), not a name; shorter parts would make a compound of most words ("a", "us").
MIN_PART_LETTERS = 3
# A word no indexed article holds says the news does not cover what it names ("nairobi",
# "suriname"), unless English uses it often enough that a small index may lack it by chance
# ("send", "boiling", "tungsten"): pyspellchecker counts "send" 430,000 times, "boiling" 8,175,
# "tungsten" 494, and names such as "nairobi" and "suriname" at its floor, 50, as it counts two
# thirds of its 160,000 words. In the merged realtimeqa index no question to be found has a
# word of one piece that no article holds.
COMMON_WORD_COUNT = 100


def typed_without_capitals(text: str) -> bool:
    """A question typed all in lower case (but for its first letter and "I"), or all in
    capitals: its capitals say nothing about which words are names."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    if all(c.isupper() for c in letters):
        return len(letters) > 1
    words = _CASED_WORD.findall(text)
    return not any(
        any(c.isupper() for c in (w[1:] if i == 0 else w)) and w != "I" for i, w in enumerate(words)
    )


def recased(
    question: str,
    texts: Iterable[str],
    unknown: Collection[str] = (),
    elsewhere: Iterable[str] = (),
) -> str:
    """`question` (typed without capitals) with its words written as `texts` write them: a
    word they mostly capitalise, away from a sentence's start, as they most often write it
    ("what did nasa say" -> "what did NASA say", "subclade k" -> "subclade K"), and two words
    they write capitalised side by side more often than as typed ("phil scott" -> "Phil Scott",
    though "scott" alone is common; "new york" -> "New York", while "the mayor of new york"
    keeps "the" and "of"). Function words keep their case on their own.

    A word `texts` never write is written as `elsewhere` (other passages of the news: those
    holding it) write it, with `texts`: "the santa monica pier fire" asked of passages about
    the mayor's other statements is still "the Santa Monica Pier fire".

    A word the news never uses is a name too, as a user typing capitals would write it: one of
    `unknown` (in lower case: words no indexed article holds, nor misspelt: `typo_variants`),
    or a hyphenated word whose first part is one ("chandrayaan-3" -> "Chandrayaan-3"), unless
    it is two words of the texts run together ("port vellmouth" -> "port Vellmouth";
    "snowstorm" stays)."""
    near = _Casing(" ".join(" ".join(text.split()) for text in texts))
    extra = [" ".join(text.split()) for text in elsewhere]
    wide = _Casing(" ".join([near.joined, *extra])) if extra else near

    def casing(*words: str) -> _Casing:  # the texts, unless they never write one of the words
        return near if all(near.writes(w) for w in words) else wide

    typed = question.lower() if question.isupper() else question
    words = list(_CASED_WORD.finditer(typed))
    out = [casing(m.group()).written(m.group()) for m in words]
    for i in range(len(out) - 1):
        if typed[words[i].end() : words[i + 1].start()] != " ":
            continue
        if out[i].lower() in STOPWORDS and out[i + 1].lower() in STOPWORDS:
            continue
        pair = f"{out[i]} {out[i + 1]}"
        capital = " ".join(w[:1].upper() + w[1:] for w in (out[i], out[i + 1]))
        seen = casing(out[i], out[i + 1])
        if capital != pair and seen.count(capital) > seen.count(pair):
            out[i], out[i + 1] = capital.split(" ")
    # a word the news never uses (no text holds it, so none recased it), unless two words of
    # the texts run together
    heads = [word.lower().split("-")[0] for word in out]  # "chandrayaan" of "chandrayaan-3"
    named = [i for i, head in enumerate(heads) if head in unknown]
    if named:
        known = {m.group().lower() for m in _CASED_WORD.finditer(near.joined)}  # starts too
        for i in named:
            if not _compound(heads[i], known):
                out[i] = out[i][:1].upper() + out[i][1:]
    pieces, end = [], 0
    for m, word in zip(words, out, strict=True):
        pieces += [typed[end : m.start()], word]
        end = m.end()
    return "".join(pieces) + typed[end:]


def unwritten(question: str, texts: Iterable[str], unknown: Collection[str] = ()) -> list[str]:
    """The words of `question` that `texts` never write (in any case, away from a sentence's
    start: where its capital says nothing), but for function words, `unknown` ones (which no
    indexed article holds) and words a typo from one the texts write ("johny" beside "Johnny
    Depp": a typo, though some article names a Johny): where to look further for how the news
    writes them (`recased`'s `elsewhere`)."""
    near = _Casing(" ".join(" ".join(text.split()) for text in texts))
    held = {m.group().lower() for m in _CASED_WORD.finditer(near.joined)}  # starts too
    return [
        word
        for word in dict.fromkeys(m.group().lower() for m in _CASED_WORD.finditer(question))
        if not near.writes(word)
        and word not in STOPWORDS
        and word not in unknown
        and not misspells(word, held)
    ]


class _Casing:
    """How a text (passages joined) writes each word: its forms away from a sentence's start,
    and which capitalised forms open a run of capitals."""

    def __init__(self, joined: str) -> None:
        self.joined = joined
        self.forms: dict[str, Counter[str]] = defaultdict(Counter)
        self.opening: Counter[str] = Counter()
        for m in _CASED_WORD.finditer(joined):
            if self._inside(m.start()):
                self.forms[m.group().lower()][m.group()] += 1
                before = _WORD_BEFORE.search(joined[max(0, m.start() - 40) : m.start()])
                if m.group()[0].isupper() and not (before and before.group(1)[0].isupper()):
                    self.opening[m.group()] += 1

    def _inside(self, start: int) -> bool:
        """Whether a word at `start` is not where a sentence (or the text) starts."""
        before = self.joined[max(0, start - 12) : start].rstrip()
        if before.endswith(".") and _TITLE_BEFORE.search(before):
            return True  # "Gov. Phil Scott", "U.S. Rep."
        return bool(before) and before[-1] not in _OPENS

    def writes(self, word: str) -> bool:
        """Whether the text writes `word` (in any case) away from a sentence's start."""
        return word.lower() in self.forms

    def written(self, word: str) -> str:
        """`word` as the text writes it: its usual capitalised form when that is a name's."""
        seen = self.forms.get(word.lower())
        if word.lower() in STOPWORDS or not seen:
            return word
        capitals = Counter({f: n for f, n in seen.items() if f[0].isupper()})
        if not capitals:
            return word
        # Written in lower case too, a word is a name's only if it opens names often enough:
        # "city" is capitalised inside "Kansas City" but written "the city" when alone.
        lower = seen[word.lower()]
        if lower and sum(self.opening[f] for f in capitals) < CAPITALISED_SHARE * lower:
            return word
        return capitals.most_common(1)[0][0]

    def count(self, phrase: str) -> int:
        """How often the text writes `phrase` as written, away from a sentence's start."""
        found = re.finditer(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", self.joined)
        return sum(self._inside(m.start()) for m in found)


def _compound(word: str, known: Collection[str]) -> bool:
    """Whether `word` is two words of `known` written as one ("snowstorm": "snow", "storm")."""
    return any(
        word[:i] in known and word[i:] in known
        for i in range(MIN_PART_LETTERS, len(word) - MIN_PART_LETTERS + 1)
    )


@cache
def _english() -> SpellChecker:
    """English at large: pyspellchecker's English word list (about 160,000 words, shipped in
    the package: nothing is downloaded), loaded once, then only read."""
    return SpellChecker(language="en", distance=1)


def common_in_english(word: str) -> bool:
    """Whether `word` (in lower case) is used in English at large more than at the floor of
    pyspellchecker's counts ("send", "tungsten"; not "nairobi"): at least COMMON_WORD_COUNT
    times in its 1.6 billion words."""
    return _english().word_frequency.dictionary.get(word, 0) >= COMMON_WORD_COUNT


def is_english(word: str) -> bool:
    """Whether `word` (in lower case) is a word of English at large ("sonnet", "notary"),
    which no typo made ("recnetly", "lovure")."""
    return word in _english()


def misspells(word: str, words: Collection[str]) -> bool:
    """Whether `word` is one typo from one of `words` (`typo_variants`)."""
    return any(v in words for v in typo_variants(word))


def typo_variants(word: str) -> list[str]:
    """Every word one typo from `word`, once each, in the order typos are read back: two
    neighbours swapped, a letter added (typists leave letters out most), changed, left out;
    none when `word` is too short for a typo to tell (`MIN_TYPO_LETTERS`)."""
    if len(word) < MIN_TYPO_LETTERS:
        return []
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    swapped = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    added = [a + c + b for a, b in splits for c in _LETTERS]
    changed = [a + c + b[1:] for a, b in splits if b for c in _LETTERS]
    left_out = [a + b[1:] for a, b in splits if b]
    variants = dict.fromkeys(swapped + added + changed + left_out)  # in order, once each
    variants.pop(word, None)
    return list(variants)
