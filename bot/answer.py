"""Question -> answer with citations: who-said-what from the speaker index, otherwise an
extractive answer built from the best sentences of the retrieved passages (optionally rewritten
by an LLM whose citations are checked)."""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Any

import numpy as np

from bot.casing import (
    MIN_TYPO_LETTERS,
    common_in_english,
    is_english,
    misspells,
    recased,
    typed_without_capitals,
    typo_variants,
    unwritten,
)
from bot.evidence import (
    RARE_NAME,
    Support,
    act_unmet,
    asks_sum,
    contrast_unmet,
    count_unmet,
    creation_unmet,
    is_sum,
    kind_unnamed,
    kind_unwritten,
    missing_names,
    missing_people,
    missing_phrases,
    money_unmet,
    ordinal_given,
    phrase_in,
    question_names,
    scope_unmet,
    subject_named,
    superlative_unmet,
    support_probability,
    swapped_names,
    word_set,
)
from bot.framing import only_framing, spelled_out, unframed
from bot.lead import (
    MONTHS,
    PERSON,
    SUPPORTING_SENTENCES,
    WEEKDAYS,
    YEAR_PATTERN,
    Lead,
    Span,
    asked_office,
    bare_name,
    candidate_spans,
    capitalised_words,
    described_person,
    expected_type,
    full_name,
    lowercase_words,
    opening,
    qualified_role,
    question_words,
    ranked_leads,
    runner_up,
    supporting_sentences,
)
from bot.models import Answer, Citation, Conversation, Quote
from bot.outlets import reported_by
from bot.question import (
    STOPWORDS,
    Question,
    content_words,
    fold,
    listed_people,
    parse_question,
    question_language,
    surely_a_name,
)
from bot.settings import Settings
from bot.sides import DISPUTED, Counterpoint, counterpoints
from bot.timeframe import TimeFrame
from bot.vectors import SentenceModel, SnapshotVectors
from index.chunking import split_sentences
from index.models import Article, Hit, Statement
from index.quotes.lexicon import is_neutral_cue
from index.recency import Recency
from index.search import Filters, check_query
from index.speakers import (
    SpeakerMatch,
    holds_office,
    names_a_person,
    office_nouns,
    shortens_office,
)

if TYPE_CHECKING:
    from index.library import Library
    from index.search import Searcher

log = logging.getLogger(__name__)

NOT_FOUND = "I couldn't find anything about that in the indexed news articles."
NO_STATEMENTS = "I couldn't find any statements by {speaker} in the indexed news articles."
OFF_TOPIC = (
    "No statement by {speaker} in the indexed news mentions “{topic}”; here are their other "
    "statements."
)
UNSPOKEN_TOPIC = (
    "No statement by {speaker} in the indexed news mentions “{topic}”. The articles quoting "
    "them are about: {titles}."
)
RESPELLED = "Nobody called “{asked}” is quoted in the indexed news; I read it as {speaker}."
NOTHING_ABOUT = "I found nothing about {names} in the indexed news articles."
# Where the articles that would answer name another thing of the name's kind: "Chicago Public
# Schools" for "Cincinnati Public Schools".
NAMESAKE = (
    "I found nothing that answers that about {names}: the closest articles are about a namesake."
)
SEVERAL_CALLED = (
    "Several people called {asked} are quoted in the indexed news ({names}); ask about one of "
    "them by their full name."
)
TOPIC_SHARE = 0.5  # of a topic's words a passage must write to tell what someone said of it
CALLED_NAMED = 3  # people named when a given name alone calls several
CLOSEST = "The closest articles are about: {titles}."
IN_ENGLISH = (
    "The question looks like {language}; newsbot reads questions in English, so try it in English."
)
CLOSEST_TITLES = 3  # article titles named in a not-found answer
PHRASE_PROBE = 50  # passages searched for a name of several words the answer's articles lack
# words of a question typed without capitals looked up so (each a BM25 search, ~20-30 ms on the
# merged index): a question's names are a few of its words, a pasted text's are not all names
CASING_LOOKUPS = 8
# A misspelt word's likeliest variants checked for a passage that writes them as spelt (a stem
# the news holds is no word of the news: "lovere" is "lover" stemmed, "louvre" is written)
WRITTEN_CHECKS = 10
# "Several people match": the others named score at most this much below the one answered for
# (index/speakers.py's scores: 1.0 the full name, 0.95 an alias, 0.85 the surname, 0.7 a
# speaker known by surname alone), so that ties and near ties are named, lesser matches not
NEAR_MATCH = 0.1
# A message that is only a greeting or thanks ("hi", "thanks!") asks nothing to search for.
NOTHING_ASKED = "Ask me about the news, e.g. “What did the Kremlin say about Venezuela?”"
NOTHING_IN_PERIOD = "Nothing in the indexed news is dated {period}; these are the closest reports."
# Equal matches for an asked role whose articles are read for the topic (bounds the reading:
# "the judge" matches dozens of judges alike)
TOPIC_TIES = 10
WHATS_NEW_ITEMS = 5  # developments listed for "what's new about X", newest first
RECENT_FACTOR = 2.0  # "latest", "recently": the recency bonus counts this many times
MIN_SENTENCE_WORDS = 4
SIDE_PASSAGES = 5  # passages searched for reports disputing a claim (bot/sides.py)
QUERY_WORDS = 60  # words of the claims searched with

# Sentence scoring. These values were chosen on realtimeqa-dev before the tune/dev protocol;
# MMR_REDUNDANCY was re-chosen on realtimeqa-tune and the other bonuses checked there
# (docs/benchmarks.md, "Sentence constants on tune": `bench.answers --constant`). The not-found
# model in bot/evidence.py is fitted on relevance computed with DENSE_WEIGHT and LEXICAL_WEIGHT.
# Re-run `python -m bench.answers --set realtimeqa-tune` before and after changing any of them.
DENSE_WEIGHT = 0.6  # relevance = this x cosine(question, sentence) + ...
LEXICAL_WEIGHT = 0.4  # ... this x IDF-weighted share of the question's words in the sentence
NUMBER_BONUS = 0.1  # "how many" question, sentence holds a number
DATE_BONUS = 0.1  # "when" question, sentence holds a date, weekday or year
NAME_BONUS = 0.08  # "who"/"where" question, sentence names someone or somewhere not asked about
ROLE_BONUS = 0.1  # the question asks for the holder of a qualified role the sentence writes
# A sentence that asks or announces ("Where are the next Olympics?", "Here are the winners:");
# added for such sentences winning on shared words, sized with the values above.
FORM_PENALTY = 0.15
# A question naming a year ("the 2025 Nobel Peace Prize") is not answered by a sentence naming
# only other years ("won the 1964 Nobel Peace Prize"): the size of the type bonuses above.
YEAR_PENALTY = 0.1
MMR_REDUNDANCY = 0.2  # how much similarity to an already chosen sentence costs
KEEP_RATIO = 0.6  # a sentence scoring below this share of the best one is not added
# How many of a person's statements "Who is X?" reads for the role X is quoted under.
TITLED_STATEMENTS = 20
# "Who is the prime minister?": how many of each holder's statements are weighed (all but for a
# bound: a sample, taken in article order, skewed the weights), and how many holders are named
# in all (the answer's and the others in a note).
OFFICE_STATEMENTS = 5000
OFFICE_HOLDERS = 4
OTHER_HOLDERS = "Also quoted in that office: {names}."
# How alike (difflib's ratio) two surnames after one first name are to be one person misspelled:
# "Levitt"/"Leavitt" 0.92, "Kerry"/"Kelly" 0.6.
SAME_NAME_SIMILARITY = 0.85
REPEAT_SIMILARITY = 0.9  # a sentence this similar (cosine) to a chosen one repeats it: skipped
# Word matching in lexical_overlap: question and sentence words match when equal, or when the
# sentence word starts with the first PREFIX_CHARS letters of the question word (inflections:
# "reopened" and "reopens"), as long as that prefix has at least MIN_PREFIX_CHARS letters.
PREFIX_CHARS = 5
MIN_PREFIX_CHARS = 4

_NUMBER = re.compile(
    r"\b\d[\d,.]*\b|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|"
    r"dozen|dozens)\b",
    re.IGNORECASE,
)
_DATE = re.compile(
    rf"\b(?:{MONTHS}|{WEEKDAYS}|yesterday|today|tomorrow|(?:19|20)\d\d)\b", re.IGNORECASE
)
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")


def _cue_prefix(cue: str | None) -> str:
    return "" if is_neutral_cue(cue) else f"({cue}) "


class CitationBuilder:
    """Numbers cited articles in order of first use; each citation spans what was used."""

    def __init__(self, articles: Mapping[str, Article]) -> None:
        self._articles = articles
        self._order: list[str] = []
        self._spans: dict[str, tuple[int, int]] = {}

    def cite(self, article_id: str, start: int, end: int) -> int:
        if article_id not in self._spans:
            self._order.append(article_id)
            self._spans[article_id] = (start, end)
        else:
            s, e = self._spans[article_id]
            self._spans[article_id] = (min(s, start), max(e, end))
        return self._order.index(article_id) + 1

    def number_of(self, article_id: str) -> int:
        """The number of an article already cited."""
        return self._order.index(article_id) + 1

    def citations(self) -> tuple[Citation, ...]:
        return tuple(
            Citation.from_article(n, self._articles[article_id], *self._spans[article_id])
            for n, article_id in enumerate(self._order, start=1)
        )


@dataclass(frozen=True)
class Sentence:
    article_id: str
    start: int
    end: int
    text: str
    rank: int  # rank of the passage it came from (1 = best)


def candidate_sentences(hits: Sequence[Hit]) -> list[Sentence]:
    """Sentences of the hits, each once (passages overlap), in hit order."""
    seen: set[tuple[str, int]] = set()
    out: list[Sentence] = []
    for hit in hits:
        for s, e in split_sentences(hit.text):
            key = (hit.article_id, hit.start + s)
            text = hit.text[s:e]
            if key in seen or len(text.split()) < MIN_SENTENCE_WORDS:
                continue
            seen.add(key)
            out.append(Sentence(hit.article_id, hit.start + s, hit.start + e, text, hit.rank))
    return out


def shortlist(
    sentences: Sequence[Sentence],
    hits: Sequence[Hit],
    lexical: np.ndarray,
    bonus: np.ndarray,
    limit: int,
) -> list[int]:
    """The indices (in order) of the `limit` sentences worth encoding (0: all of them), by
    their score with the passage's cosine to the question standing in for their own."""
    if limit <= 0 or len(sentences) <= limit:
        return list(range(len(sentences)))
    passage = {h.rank: h.dense_score for h in hits}
    guess = (
        DENSE_WEIGHT * np.array([passage.get(s.rank, 0.0) for s in sentences])
        + LEXICAL_WEIGHT * lexical
        + bonus
    )
    # Stable: among equal guesses the earlier (better-ranked passage) sentence stays.
    best = np.argsort(-guess, kind="stable")[:limit]
    return sorted(int(i) for i in best)


def lexical_overlap(
    keywords: Sequence[str], text: str, weights: Sequence[float] | None = None
) -> float:
    """Share of the question's content words found in `text` (prefix match for inflections),
    each word counted by its weight (IDF: rare words tell more than common ones)."""
    if not keywords:
        return 0.0
    weights = weights if weights is not None else [1.0] * len(keywords)
    words = content_words(text)
    found = 0.0
    for k, weight in zip(keywords, weights, strict=True):
        stem = k[:PREFIX_CHARS] if len(k) > PREFIX_CHARS else k
        if any(w == k or (len(stem) >= MIN_PREFIX_CHARS and w.startswith(stem)) for w in words):
            found += weight
    total = sum(weights)
    return found / total if total else 0.0


def asked_period(q: Question) -> tuple[date | None, date | None] | None:
    """The dates `q`'s time words ask about ("this week", "in March", "since 2019"), or None.

    A year named otherwise ("the 2025 women's Euros", "data breaches in 2024" asked without a
    "now") is no period: it often dates the event, not the news about it (a settlement of 2024's
    breaches is reported in 2025). Measured on realtimeqa-tune: a question naming a year
    answered from that year's articles lost a question (docs/benchmarks.md)."""
    return (q.time.date_from, q.time.date_to) if q.time.period else None


def date_bonus(
    days: Sequence[date | None],
    weight: float,
    half_life_days: float,
    period: tuple[date | None, date | None] | None = None,
) -> np.ndarray:
    """Each sentence's bonus for its article's date: `weight` for the dated articles nearest
    `period` (or, with none, the newest of `days`), halving with each `half_life_days` further
    away; undated articles have none. Nearest among the retrieved articles, not to today, so an
    archive's latest story on a subject counts as its news, and a period nothing was retrieved
    from still prefers the articles closest to it."""
    known = [d for d in days if d is not None]
    if not known or weight == 0:
        return np.zeros(len(days))
    start, end = period if period is not None else (max(known), max(known))

    def gap(d: date) -> int:
        if start is not None and d < start:
            return (start - d).days
        if end is not None and d > end:
            return (d - end).days
        return 0

    nearest = min(gap(d) for d in known)
    return np.array(
        [0.0 if d is None else weight * 0.5 ** ((gap(d) - nearest) / half_life_days) for d in days]
    )


def type_bonus(kind: str, question: str, text: str) -> float:
    """A small bonus for sentences holding the kind of thing the question asks for."""
    if kind == "how_many":
        return NUMBER_BONUS if _NUMBER.search(text) else 0.0
    if kind == "when":
        return DATE_BONUS if _DATE.search(text) else 0.0
    if kind in ("who", "where"):
        asked = {w.lower() for w in re.findall(r"\w+", question)}
        names = [n for n in _NAME.findall(text) if n.lower() not in asked]
        return NAME_BONUS if names else 0.0
    return 0.0


# How many of the best sentences `answer_type_present` looks in: the answer's own two.
TYPED_SENTENCES = 2


def answer_type_present(question: str, texts: Sequence[str], scores: np.ndarray) -> float:
    """1.0 when one of the best-scored sentences holds a span of the kind `question` asks for
    ("Who invented the telephone?" answered by sentences naming only a company has none), 0.0
    when none does, 0.5 when the question asks for no kind of span."""
    expected = expected_type(question)
    if expected is None:
        return 0.5
    asked = question_words(question)
    known, common = capitalised_words(texts), lowercase_words(texts)
    best = np.argsort(-scores, kind="stable")[:TYPED_SENTENCES]
    return float(any(candidate_spans(texts[i], expected, asked, known, common) for i in best))


def qualified_role_sentences(question: str, texts: Sequence[str]) -> list[bool]:
    """For each of `texts`, whether it writes the role the question asks a person of with its
    named qualifier (`qualified_role`: "Colorado College political scientist") and a person of
    the kind asked: "says Tom Cronin, a Colorado College political scientist" names whom
    "Which Colorado College political scientist weighed in on ...?" asks for, however weakly
    the rest of the question's words are matched."""
    role = qualified_role(question)
    expected = expected_type(question)
    if role is None or expected is None:
        return [False] * len(texts)
    written = re.compile(rf"(?<!\w){re.escape(role)}(?!\w)", re.IGNORECASE)
    holding = [bool(written.search(t)) for t in texts]
    if not any(holding):
        return holding
    asked = question_words(question)
    known, common = capitalised_words(texts), lowercase_words(texts)
    return [
        held and bool(candidate_spans(t, expected, asked, known, common))
        for t, held in zip(texts, holding, strict=True)
    ]


_ASKING_WORDS = frozenset(
    """what who whom whose which where when why how did does do is are was were can could will
    would should""".split()
)


def asks(text: str) -> bool:
    """A question ("Who is Karoline Leavitt?") or a heading worded as one, without a full stop
    ("Did Zohran Mamdani win", "How to follow updates on the shutdown")."""
    end = text.rstrip(" \"'”’)]")
    if end.endswith("?"):
        return True
    words = text.split(maxsplit=1)
    return bool(words) and words[0].lower() in _ASKING_WORDS and not end.endswith((".", "!"))


def _full_stop(sentence: str) -> str:
    """The sentence ended by one full stop where it ends in a name with its own ("... about
    Donald Trump Jr.." is "... about Donald Trump Jr.")."""
    return sentence[:-1] if sentence.endswith("..") else sentence


def year_penalty(question: str, text: str) -> float:
    """A sentence naming years, none of them a year the question names, tells of another
    year's event ("the 1964 Nobel Peace Prize" for "the 2025 Nobel Peace Prize")."""
    asked = set(YEAR_PATTERN.findall(question))
    if not asked:
        return 0.0
    named = set(YEAR_PATTERN.findall(text))
    return YEAR_PENALTY if named and not named & asked else 0.0


def form_penalty(text: str) -> float:
    """Sentences that ask or announce ("Where are the next Olympics?", "Here are the
    winners:") echo a question's words without answering it."""
    end = text.rstrip(" \"'”’)]")
    return FORM_PENALTY if end.endswith(("?", ":")) else 0.0


def select_sentences(
    scores: np.ndarray,
    similarity: np.ndarray,
    limit: int,
    redundancy: float | None = None,
    relevance: np.ndarray | None = None,
) -> list[int]:
    """Maximal marginal relevance: the best sentences that do not repeat each other. A sentence
    is added only while its `relevance` (by default its score) is within KEEP_RATIO of the
    best's: a bonus that orders the sentences without being evidence (the article's date) does
    not loosen that bar."""
    chosen: list[int] = []
    if len(scores) == 0:
        return chosen
    relevance = scores if relevance is None else relevance
    cost = MMR_REDUNDANCY if redundancy is None else redundancy
    best = float(relevance.max())
    remaining = set(range(len(scores)))
    while remaining and len(chosen) < limit:

        def value(i: int) -> float:
            penalty = max((similarity[i, j] for j in chosen), default=0.0)
            return float(scores[i]) - cost * float(penalty)

        i = max(sorted(remaining), key=value)
        if chosen and (
            relevance[i] < KEEP_RATIO * best or similarity[i, chosen].max() > REPEAT_SIMILARITY
        ):
            remaining.discard(i)
            continue
        chosen.append(i)
        remaining.discard(i)
    return chosen


def shown_after_lead(
    leads: Sequence[Lead], chosen: Sequence[int], vectors: np.ndarray
) -> list[int]:
    """The sentences an answer shows after its lead (`leads[0]`): the lead's own, then a close
    call's (`runner_up`) unless it repeats the lead's (REPEAT_SIMILARITY, by the sentences'
    unit `vectors`), else the best other of `chosen`."""
    lead, close = leads[0], runner_up(leads)
    if close is not None and (
        float(vectors[close.sentence] @ vectors[lead.sentence]) > REPEAT_SIMILARITY
    ):
        close = None
    return supporting_sentences(lead.sentence, chosen, None if close is None else close.sentence)


@dataclass(frozen=True)
class Evidence:
    """What decided found or not found: question names no retrieved article holds, else the
    support features and the evidence model's probability (bot/evidence.py)."""

    missing: tuple[str, ...] = ()
    support: Support | None = None
    probability: float | None = None
    # a question only about a named subject, and one of the best sentences names it in full
    # (bot/evidence.py `subject_named`): found, whatever the support model says
    named: bool = False


@dataclass(frozen=True)
class _Weighed:
    sentences: list[Sentence]
    scores: np.ndarray  # relevance plus the answer-type bonus, one per sentence
    dated: np.ndarray  # each sentence's bonus for its article's date: orders, proves nothing
    vectors: np.ndarray  # the sentences' embeddings
    evidence: Evidence
    # article id -> title and text of each retrieved article, as the evidence read them
    texts: dict[str, str]


def _named_in_full(speaker: str, phrase: str) -> bool:
    """Every word of the speaker's name is in the asked phrase, and no list of people comes
    before it ("Bush, Christie and Sen. Rand Paul")."""
    asked = [w.lower() for w in _NAME_WORD.findall(phrase)]
    name = [w.lower() for w in _NAME_WORD.findall(speaker)]
    if not name or not all(w in asked for w in name):
        return False
    before = phrase.lower()[: min(phrase.lower().find(w) for w in name)]
    return "," not in before and " and " not in f" {before}"


_NAME_WORD = re.compile(r"[\w'’.-]+")


def _listing(names: Sequence[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _spellings(text: str, searcher: Searcher) -> dict[str, str | None]:
    """The words of `text` typed in lower case that no indexed article holds and that the
    model's vocabulary splits into pieces (rare in English at large and unused by the news)
    or English seldom uses ("nairobi": `common_in_english`; a plain word a small index happens
    to lack, "send", is one piece and common), each with the word of
    the news it misspells, or None when it misspells none: most likely a name ("vellmouth"),
    or a word of English the news never uses ("sonnet", no typo of "bonnet": `is_english`),
    which a refusal names as it names a name.
    The word it misspells is the variant a typo away whose stem the most articles hold (the
    likeliest word the user meant: "recnetly" is "recently"); of variants with that stem, a
    whole word of the vocabulary ("captured", not "capturred"), then the first in
    `typo_variants`' order ("president" before "presided"). Of the WRITTEN_CHECKS likeliest,
    the first some passage writes as spelt comes first: a stem is not a word ("lovure" is
    "louvre", not "lovere", stemmed "lover"). A word too short for a typo to tell is neither.
    The first part of a hyphenated word ("chandrayaan-3") is read as a name in the same way,
    never as a typo: a typo there would not be respelled."""
    typed = dict.fromkeys(_LOWER_WORD.findall(text))
    heads = [h for h in dict.fromkeys(_HYPHENATED_HEAD.findall(text)) if h not in typed]
    words = [w for w in [*typed, *heads] if len(w) >= MIN_TYPO_LETTERS and w not in STOPWORDS]
    rarity = searcher.rarity(words)
    pieces = searcher.count_tokens(words)
    out: dict[str, str | None] = {}
    for word, r, n in zip(words, rarity, pieces, strict=True):
        if r < 1.0 or (n < 2 and common_in_english(word)):
            continue
        if is_english(word):
            out[word] = None  # a word of English the news never uses: no typo, named as a name is
            continue
        variants = typo_variants(word)
        held = searcher.rarity(variants)
        likeliest = min(held, default=1.0)
        if likeliest >= 1.0:
            out[word] = None  # a typo of no word of the news: a name
            continue
        if word not in typed:
            continue  # a hyphenated word's first part: a typo there would not be respelled
        known = [i for i, h in enumerate(held) if h < 1.0]
        split = dict(zip(known, searcher.count_tokens([variants[i] for i in known]), strict=True))
        likeliest_first = sorted(known, key=lambda i: (held[i], split[i] > 1, i))
        out[word] = variants[
            next(
                (i for i in likeliest_first[:WRITTEN_CHECKS] if _written(variants[i], searcher)),
                likeliest_first[0],
            )
        ]
    return out


def _written(word: str, searcher: Searcher) -> bool:
    """Whether a passage writes `word` as spelt (of those BM25 finds for it, which match its
    stem)."""
    return any(word in word_set([text]) for text in _probed(word, searcher))


def _probed(query: str, searcher: Searcher) -> Iterator[str]:
    """The texts of the PHRASE_PROBE passages BM25 finds for `query` in the whole index: where
    a word or name the answer's articles lack would be, if the news used it."""
    return (searcher.passages[row].text for row, _ in searcher.lexical(query, PHRASE_PROBE))


# a word typed in lower case, not part of a hyphenated or possessive one
_LOWER_WORD = re.compile(r"(?<![\w'’\-])[a-z]+(?![\w'’\-])")
# the first part of a hyphenated word typed in lower case ("chandrayaan" of "chandrayaan-3")
_HYPHENATED_HEAD = re.compile(r"(?<![\w'’\-])([a-z]+)-\w")


def _respelled(text: str, spellings: dict[str, str | None]) -> str:
    """`text` with each misspelt word of `spellings` written as the news writes it."""
    return _LOWER_WORD.sub(lambda m: spellings.get(m.group()) or m.group(), text)


def _read(typed: str) -> str:
    """The question a chat message asks: its shorthand written out, its framing left out."""
    return unframed(spelled_out(typed))


class Answerer:
    """Answers questions from the library's current snapshot."""

    def __init__(self, library: Library, settings: Settings, llm: Any = None) -> None:
        self.library = library
        self.settings = settings
        self.llm = llm
        # Question and sentence vectors, remembered per snapshot ([answer].vector_cache).
        self.vectors = SnapshotVectors(settings.answer.vector_cache)
        # What scores candidate sentences against the question ([answer].sentence_backend).
        self.sentence_model = SentenceModel(library, settings.answer.sentence_backend)
        if llm is None and settings.llm.enabled:
            from bot.llm import LLMWriter, cosine_similarity

            # The lambda keeps the model unloaded until the first LLM answer is checked.
            support = cosine_similarity(lambda texts: self.library.embedder.encode(texts))
            self.llm = LLMWriter(settings.llm, support, max_sentences=settings.answer.max_sentences)

    def answer(
        self,
        question: str,
        conversation: Conversation | None = None,
        *,
        now: datetime | date | None = None,
        since: date | None = None,
    ) -> Answer:
        """Answer `question`; `now` places its time words ("this week") and excludes articles
        published after it (a replay of the past never sees the future); `since` keeps only
        articles published on or after that day."""
        asked = check_query(question, self.settings.search.max_query_chars)
        if only_framing(asked):
            return Answer(question=asked, text=NOTHING_ASKED, found=False)
        searcher = self.library.searcher()
        # the question inside any chat framing ("hey, can you tell me who X is? thanks"),
        # shorthand written out, words of the news misspelt in lower case read as those words,
        # then, typed without capitals, written as the news writes its words; a name alone asks
        # who that is
        read = _read(asked)
        spellings = _spellings(read, searcher)  # typos of words the news uses, and names
        unknown = {word for word, meant in spellings.items() if meant is None}
        respelled = {meant for meant in spellings.values() if meant is not None}
        text = self._recased(_respelled(read, spellings), searcher, unknown, respelled)
        text = self._named(text, searcher)
        if conversation is not None:  # remembered as typed, framing and all
            conversation = replace(conversation, question=_read(conversation.question))
        # the capitals of a question typed without them are the bot's guesses ("house
        # repubicans" read "House Repubicans"): no name of theirs must be in the cited articles
        cased = not typed_without_capitals(read)
        answer = self._answer(text, searcher, conversation, now, since, cased)
        # the question as the user typed it, whatever framing and casing the bot read it with
        return answer if text == asked else replace(answer, question=asked)

    def _recased(
        self, text: str, searcher: Searcher, unknown: set[str], respelled: set[str]
    ) -> str:
        """`text` typed without capitals, written as the passages it finds write its words
        ("who is karoline leavitt" -> "who is Karoline Leavitt"), the `unknown` words as names,
        the words it never writes as other passages do (but the words `respelled` from a typo);
        any other text as it is."""
        if not typed_without_capitals(text):
            return text
        hits = searcher.search(
            text,
            k=self.settings.answer.passages,
            vector=self._query_vector(text, searcher),
        )
        texts = [h.text for h in hits]
        # a word the passages found never write ("what did karen bass say about the santa
        # monica pier fire", found passages on her other statements) is written as the
        # passages holding it write it: a name asked about that no answer's article holds (not
        # a word read from a typo, "johny" read "johns": the bot's guess, no name of the asker's)
        looked_up = unwritten(text, texts, unknown | respelled)[:CASING_LOOKUPS]
        elsewhere = [t for word in looked_up for t in _probed(word, searcher)]
        return recased(text, texts, unknown, elsewhere)

    def _named(self, text: str, searcher: Searcher) -> str:
        """A message that is only the name of a person the news quotes with a role ("Mamdani",
        "Karoline Leavitt?") asks who they are: "Who is Mamdani?". Any other text as it is."""
        name = bare_name(text)
        if name is None or self._titled(name, searcher) is None:
            return text
        return f"Who is {name}?"

    def _answer(
        self,
        text: str,
        searcher: Searcher,
        conversation: Conversation | None,
        now: datetime | date | None,
        since: date | None,
        cased: bool = True,
    ) -> Answer:
        q = parse_question(text, conversation, now)
        when = TimeWindow.of(q.time, now, since)
        if q.kind == "speaker" and q.speaker:
            allowed = when.article_ids(searcher)
            spoken, asked = self._speaker_answer(q, searcher, allowed), q.speaker
            if spoken is None:
                spoken, asked = self._respelled_answer(q, searcher, allowed)
            if spoken is None:
                missing: tuple[str, ...] = ()
            elif spoken.found:
                missing = self._missing(asked, (c.article_id for c in spoken.citations), searcher)
            else:  # none of their statements speaks of the topic: are they whom it asks for?
                missing = self._missing(asked, self._quoting(asked, searcher, allowed), searcher)
            if spoken is not None and spoken.found and not missing and q.topic:
                cited = [c.article_id for c in spoken.citations]
                texts = _article_texts(cited, searcher)
                rare = rare_missing_names(q.topic, texts, searcher)
                if rare and _bare_role(asked):
                    # "the judge" names nobody: the topic says which judge, and when no article
                    # of the statements holds its names ("the Hallow Creek pollution case"),
                    # they are some other judge's
                    hits, _ = self.retrieve(q, searcher, when)
                    return self._not_found(q, hits, searcher, rare)
                # a named speaker's statements are on the topic only in articles holding its
                # names, rare or not: "What did Trump say about the Tokyo subway strike?" is not
                # answered by his statements on another strike
                if missing_names(q.topic, texts) and not q.topic_kept:
                    speakers = list(dict.fromkeys(quote.speaker for quote in spoken.quotes))
                    read = RESPELLED.format(asked=q.speaker, speaker=speakers[0])
                    note = _full_stop(read) if asked != q.speaker else None
                    spoken = _unspoken(q, speakers, cited, searcher, note)
            if spoken is not None and not spoken.found and not missing and not _bare_role(asked):
                # None of their statements speaks of the topic (`_unspoken`); a passage naming
                # them may still tell what they said of it, in words the extractor did not
                # read as a statement ("President Obama said Thanksgiving Day is ...")
                hits, _ = self.retrieve(q, searcher, when)
                told = self._extractive(q, hits, searcher, cased)
                if told.found and _tells_of(told.text, asked, q.topic or ""):
                    return told
            if spoken is not None and not missing:
                return spoken
            each = self._people_answer(q, searcher, allowed)
            if each is not None:
                return each
            called = searcher.speakers.called_by_given_name(q.speaker)
            if len(called) > 1:
                # "What did Ted say?", the news quoting Ted Cruz and Ted Lieu about as often
                text = SEVERAL_CALLED.format(asked=q.speaker, names=_listing(called[:CALLED_NAMED]))
                return Answer(question=q.text, text=text, found=False, subject=q.topic)
            if surely_a_name(q.speaker) and (missing or names_a_person(q.speaker)):
                # A named speaker (or a role: "the mayor of Gotham") with no statements:
                # sentences that merely mention them would be passed off as their words
                # (measured: under half are), so say so.
                return Answer(
                    question=q.text,
                    text=NO_STATEMENTS.format(speaker=q.speaker),
                    found=False,
                    subject=q.topic,
                )
            # "what did the report say about X?": not a person; answer from passages (and so
            # for a long phrase, which may tell of an event: "Bush and his rivals for ... say")
        office = asked_office(q.text)
        if office is not None:
            held = self._office_answer(q, office, searcher, when.article_ids(searcher))
            if held is not None:
                return held
        hits, note = self.retrieve(q, searcher, when)
        if q.time.newest_first:
            return self._whats_new(q, hits, searcher, note)
        answer = self._extractive(q, hits, searcher, cased)
        if self.llm is not None and answer.found:
            answer = self.llm.write(q.text, hits, answer)
        if note and answer.found:
            answer = replace(answer, note=note)
        return answer

    def retrieve(
        self, q: Question, searcher: Searcher, when: TimeWindow, k: int | None = None
    ) -> tuple[list[Hit], str | None]:
        """The passages for `q`, those dated in its period first when they match well; a note
        when none of them is dated in the period."""
        k = k or self.settings.answer.passages
        cfg = self.settings.search
        recency = when.recency(cfg.recency_weight, cfg.recency_half_life_days, cfg.period_weight)
        hits = searcher.search(
            q.search_text,
            k=k,
            filters=when.filters(),
            recency=recency,
            vector=self._query_vector(q.search_text, searcher),
            lexical_query=q.lexical_text,
        )
        if not when.period or any(when.in_period(h.published_at) for h in hits):
            return hits, None
        return hits, NOTHING_IN_PERIOD.format(period=when.frame.describe())

    def _query_vector(self, text: str, searcher: Searcher) -> np.ndarray:
        """The vector `searcher.search` would encode for `text`, through the vector cache (the
        sentence scoring that follows needs it too)."""
        return self.vectors.encode(searcher, [_normal(text)])[0]

    # -- who said what -----------------------------------------------------------------------

    def _missing(
        self, speaker: str, article_ids: Iterable[str], searcher: Searcher
    ) -> tuple[str, ...]:
        """Rare names of the asked speaker ("the president of the Galactic Senate") that none
        of the articles (those cited, or quoted) holds: then the statements are some other
        speaker's."""
        return rare_missing_names(speaker, _article_texts(article_ids, searcher), searcher)

    def _quoting(self, asked: str, searcher: Searcher, article_ids: set[str] | None) -> list[str]:
        """The articles of the statements an answer for `asked` would list."""
        found = self._best_speaker(asked, None, searcher, article_ids)
        shown = found[0].statements[: self.settings.answer.max_quotes] if found else ()
        return [st.article_id for st in shown]

    def _best_speaker(
        self, asked: str, topic: str | None, searcher: Searcher, article_ids: set[str] | None
    ) -> tuple[SpeakerMatch, list[str]] | None:
        """The speaker `asked` names, with the others it could name too; None without one."""
        matches = searcher.speakers.lookup(
            asked, topic=topic, article_ids=article_ids, limit=self.settings.answer.max_quotes
        )
        if not surely_a_name(asked):
            # a long phrase names its speaker in full ("Jo Lee of the Lakeside Institute for
            # Water Studies"); a part of it matching somebody is chance ("... THE REST OF THE
            # WORLD" is not "Trump World", "Bush, Christie and Sen. Rand Paul" not Rand Paul)
            matches = [m for m in matches if _named_in_full(m.speaker, asked)]
        # "Captain Hook" is not "Brian Hook", whom no article calls a captain
        matches = [m for m in matches if not m.title_unheld]
        if not matches or not matches[0].statements:
            return None
        if _is_office(asked):
            matches = self._current_first(matches, asked, topic, searcher, article_ids)
        elif topic:
            matches = _topic_first(matches, topic, searcher)
        best = matches[0]
        # only other people matching about as well are worth naming: not the speaker "Musk"
        # (known by surname alone) beside "Elon Musk" asked in full, nor "Tesla and Musk"
        return best, [
            m.speaker
            for m in matches[1:]
            if m.speaker != best.speaker
            and m.score >= best.score - NEAR_MATCH
            and not m.is_group
            and not _same_person(m.speaker, best.speaker)
        ]

    def _current_first(
        self,
        matches: list[SpeakerMatch],
        office: str,
        topic: str | None,
        searcher: Searcher,
        article_ids: set[str] | None,
    ) -> list[SpeakerMatch]:
        """Among the people matching an asked office alike ("the Pope": Francis, Leo XIV), the
        one whose articles say most of the topic (`topic_scores`), then the one quoted most
        lately (each statement halving per half-life older than the newest), first: the
        holder now."""
        tied = [m for m in matches if m.score >= matches[0].score][:TOPIC_TIES]
        if len(tied) < 2:
            return matches
        every = {
            m.speaker: m.statements
            for m in searcher.speakers.lookup(
                office, article_ids=article_ids, limit=OFFICE_STATEMENTS
            )
        }
        weights = recency_weights(
            [every.get(m.speaker, m.statements) for m in tied],
            searcher,
            self.settings.search.recency_half_life_days,
        )
        said = topic_scores(tied, topic, searcher) if topic else [0.0] * len(tied)
        order = sorted(range(len(tied)), key=lambda i: (-said[i], -weights[i]))
        return [*(tied[i] for i in order), *matches[len(tied) :]]

    def _respelled_answer(
        self, q: Question, searcher: Searcher, article_ids: set[str] | None
    ) -> tuple[Answer | None, str]:
        """For a name nobody is quoted under, the answer for the one name a typo away ("Peskv",
        "Dmitri Peskv"), another spelling of its given name away ("Dmitri Peskov") or that a
        given name alone calls ("Hillary"), saying so; with the name answered for (the asked
        one if none)."""
        assert q.speaker is not None
        speakers = searcher.speakers
        respelled = (
            speakers.respell(q.speaker)
            or speakers.given_name_variant(q.speaker)
            or speakers.given_name_alone(q.speaker)
        )
        if respelled is None:
            return None, q.speaker
        spoken = self._speaker_answer(replace(q, speaker=respelled), searcher, article_ids)
        if spoken is None:
            return None, q.speaker
        meant = spoken.quotes[0].speaker if spoken.quotes else respelled
        said = _full_stop(RESPELLED.format(asked=q.speaker, speaker=meant))
        note = f"{said} {spoken.note}" if spoken.note else said
        return replace(spoken, text=f"{said}\n{spoken.text}", note=note), respelled

    def _speaker_answer(
        self, q: Question, searcher: Searcher, article_ids: set[str] | None = None
    ) -> Answer | None:
        assert q.speaker is not None
        found = self._best_speaker(q.speaker, q.topic, searcher, article_ids)
        if found is None:
            return None
        best, others = found
        note = None
        if others:
            note = (
                f"Several people match “{q.speaker}” ({', '.join([best.speaker, *others[:3]])}); "
                + _full_stop(f"this answer is about {best.speaker}.")
            )
        return self._statements_answer(q, [best], searcher, article_ids, note)

    def _people_answer(
        self, q: Question, searcher: Searcher, article_ids: set[str] | None = None
    ) -> Answer | None:
        """ "What did Sanders and Clinton say?" when they spoke apart: each one's statements, in
        the order asked; a note names whoever said nothing the articles report."""
        assert q.speaker is not None
        names = listed_people(q.speaker)
        people: list[SpeakerMatch] = []
        silent: list[str] = []
        notes: list[str] = []
        for name in names:
            best = self._listed_person(name, q.topic, searcher, article_ids)
            if best is None and (respelled := searcher.speakers.respell(name)):
                best = self._listed_person(respelled, q.topic, searcher, article_ids)
                if best is not None:
                    notes.append(_full_stop(RESPELLED.format(asked=name, speaker=best.speaker)))
            if best is None:
                silent.append(name)
            elif all(p.speaker != best.speaker for p in people):
                people.append(best)
        if not people:
            return None
        if silent:
            notes.insert(0, NO_STATEMENTS.format(speaker=_listing(silent)))
        note = " ".join(notes) or None
        return self._statements_answer(q, people, searcher, article_ids, note)

    def _listed_person(
        self, name: str, topic: str | None, searcher: Searcher, article_ids: set[str] | None
    ) -> SpeakerMatch | None:
        """The speaker one name of a listing means, if the articles quote them."""
        found = self._best_speaker(name, topic, searcher, article_ids)
        if found is None:
            return None
        best = found[0]
        shown = best.statements[: self.settings.answer.max_quotes]
        if self._missing(name, (st.article_id for st in shown), searcher):
            return None  # "Lavrov of Glimmerholt": somebody else's statements
        return best

    def _statements_answer(
        self,
        q: Question,
        people: Sequence[SpeakerMatch],
        searcher: Searcher,
        article_ids: set[str] | None,
        note: str | None,
    ) -> Answer:
        """Each person's statements under their name, cited, then reports disputing them; not
        found (`_unspoken`, the only answer of theirs not found) when none of the statements
        speaks of an asked topic."""
        off_topic = [p.speaker for p in people if p.on_topic is False]
        if q.topic and not q.topic_kept and len(off_topic) == len(people):
            # their other statements would be passed off as what they said of the topic (a
            # role alone on a topic whose names their articles lack is answered by `_answer`:
            # nothing is known of that topic, "the Hallow Creek pollution case"); a follow-up
            # that did not ask a topic ("and what did Lavrov say?") gets them, said so
            quoting = [st.article_id for p in people for st in p.statements]
            if not (_bare_role(q.speaker or "") and self._missing(q.topic, quoting, searcher)):
                return _unspoken(q, off_topic, quoting, searcher, note)
        if off_topic and q.topic:
            said = OFF_TOPIC.format(speaker=_listing(off_topic), topic=q.topic)
            note = f"{note} {said}" if note else said
        cites = CitationBuilder(searcher.articles)
        quotes: list[Quote] = []
        lines: list[str] = [note] if note else []
        listed: list[Statement] = []
        for person in people:
            who = f"{person.speaker} ({person.role})" if person.role else person.speaker
            lines.append(f"{who} said:")
            for st in person.statements[: self.settings.answer.max_quotes]:
                n = cites.cite(st.article_id, st.start, st.end)
                quote = Quote(speaker=person.speaker, text=st.text, citation=n, role=person.role)
                quotes.append(quote)
                lines.append(f"- {_cue_prefix(st.cue)}{st.text} [{n}]")
                listed.append(st)
        disputes = self._counterpoints(
            [st.text for st in listed],
            [st.article_id for st in listed],
            searcher,
            article_ids,
            claimants=[(p.speaker, p.role) for p in people],
        )
        lines.extend(_dispute_lines(disputes, cites))
        return Answer(
            question=q.text,
            text="\n".join(lines),
            citations=cites.citations(),
            quotes=tuple(quotes),
            found=True,
            note=note,
            subject=q.topic,
        )

    def _counterpoints(
        self,
        claims: Sequence[str],
        article_ids: Sequence[str],
        searcher: Searcher,
        allowed: set[str] | None,
        claimants: Sequence[tuple[str, str | None]],
        shown: Sequence[str] = (),
    ) -> list[Counterpoint]:
        """Reports disputing `claims` (bot/sides.py) in their articles, their stories' other
        outlets, and the articles a search for the claims finds (within `allowed`)."""
        related = dict.fromkeys(
            other.id for aid in article_ids for other in searcher.story_articles(aid)
        )
        query = " ".join(" ".join(claims).split()[:QUERY_WORDS])
        if query:
            filters = Filters(article_ids=allowed) if allowed is not None else None
            vector = self._query_vector(query, searcher)
            for hit in searcher.search(query, k=SIDE_PASSAGES, filters=filters, vector=vector):
                related.setdefault(hit.article_id)
        articles = [searcher.articles[a] for a in related if allowed is None or a in allowed]
        ids = {a.id for a in articles}
        statements = searcher.statements_in(ids)
        return counterpoints(claims, articles, statements, claimants, shown)

    # -- extractive ----------------------------------------------------------------------------

    def evidence(self, question: str) -> Evidence | None:
        """What the extractive path weighs to decide found or not found for `question` (None
        when the speaker index answers it, or no passage has a sentence): for calibration."""
        q = parse_question(check_query(question, self.settings.search.max_query_chars))
        searcher = self.library.searcher()
        if q.kind == "speaker" and q.speaker and self._speaker_answer(q, searcher) is not None:
            return None
        hits = searcher.search(
            q.search_text,
            k=self.settings.answer.passages,
            vector=self._query_vector(q.search_text, searcher),
        )
        weighed = self._weigh(q, hits, searcher)
        return weighed.evidence if weighed is not None else None

    def _weigh(self, q: Question, hits: Sequence[Hit], searcher: Searcher) -> _Weighed | None:
        """Score the candidate sentences of `hits` and the evidence they give."""
        sentences = candidate_sentences(hits)
        if not sentences:
            return None
        articles = {h.article_id: searcher.articles[h.article_id] for h in hits}
        texts = {aid: f"{a.title}\n{a.text}" for aid, a in articles.items()}
        missing = rare_missing_names(q.text, texts.values(), searcher) or unknown_phrases(
            q.text, texts.values(), searcher
        )
        if missing:  # no need to score sentences: nothing retrieved is about what was asked
            return _Weighed(
                sentences, np.zeros(0), np.zeros(0), np.zeros((0, 0)), Evidence(missing), texts
            )
        idf = searcher.term_weights(q.keywords)
        lexical = np.array([lexical_overlap(q.keywords, s.text, idf) for s in sentences])
        bonus = np.array(
            [
                type_bonus(q.kind, q.text, s.text)
                - form_penalty(s.text)
                - year_penalty(q.text, s.text)
                for s in sentences
            ]
        )
        # "Crescent City Manager Eric Weir said ..." for "Who's the Crescent City manager who
        # ...?": the sentence naming someone with the very role asked, qualifier and all
        roled = np.array(qualified_role_sentences(q.text, [s.text for s in sentences]), bool)
        bonus += ROLE_BONUS * roled
        # The date helps choose among sentences; it is no evidence that any of them answers.
        dated = date_bonus(
            [_day(articles[s.article_id].published_at) for s in sentences],
            self.settings.answer.date_weight,
            self.settings.search.recency_half_life_days,
            asked_period(q),
        )
        keep = shortlist(sentences, hits, lexical, bonus, self.settings.answer.sentence_candidates)
        if len(keep) < len(sentences):
            sentences = [sentences[i] for i in keep]
            lexical, bonus, dated, roled = lexical[keep], bonus[keep], dated[keep], roled[keep]
        question = _normal(q.search_text)
        # Question and sentences by one model in one call: their cosines never mix backends.
        model = self.sentence_model.model()
        vecs = self.vectors.encode(searcher, [question] + [s.text for s in sentences], model)
        qvec, svecs = vecs[0], vecs[1:]
        dense = svecs @ qvec
        # No bonus for the passage's rank: on realtimeqa-dev it pulled answers towards the
        # first passage's other sentences and cost accuracy (0.51 with it, 0.57 without).
        relevance = DENSE_WEIGHT * dense + LEXICAL_WEIGHT * lexical
        scores = relevance + bonus
        support = Support(
            best_sentence=float(relevance.max()),
            best_dense=float(dense.max()),
            best_passage=max(h.dense_score for h in hits),
            passage_coverage=max(lexical_overlap(q.keywords, h.text, idf) for h in hits),
            article_coverage=max(lexical_overlap(q.keywords, t, idf) for t in texts.values()),
            answer_type=answer_type_present(q.text, [s.text for s in sentences], scores),
        )
        best = np.argsort(-scores, kind="stable")[:TYPED_SENTENCES]
        named = subject_named(
            q.text, q.keywords, [sentences[i].text for i in best], searcher.rarity
        ) or bool(roled.any())
        evidence = Evidence((), support, support_probability(support), named)
        return _Weighed(sentences, scores, dated, svecs, evidence, texts)

    def _too_weak(self, evidence: Evidence, titled: bool = False) -> bool:
        """The best sentence is barely relevant, or the support model finds too little support
        and the question is not about a subject the best sentences name (nor, `titled`, about
        a person the news quotes and names with a role)."""
        assert evidence.support is not None and evidence.probability is not None
        return evidence.support.best_sentence < self.settings.answer.min_relevance or (
            evidence.probability < self.settings.answer.min_support
            and not evidence.named
            and not titled
        )

    def _titled(self, name: str, searcher: Searcher) -> tuple[str, int, int] | None:
        """Where an article names `name` with the role it is quoted under ("FBI Director Kash
        Patel", "Anthony Fauci, the nation's top infectious disease expert"): the article and
        the span, for the speaker the name is in full; None when no article writes it so."""
        matches = searcher.speakers.lookup(name, limit=TITLED_STATEMENTS)
        asked = fold(name).casefold()
        match = next(
            (
                m
                for m in matches
                if asked in {fold(a).casefold() for a in (m.speaker, *m.aliases)} and not m.is_group
            ),
            None,
        )
        return _titled_span(match, searcher) if match is not None else None

    def _office_answer(
        self, q: Question, office: str, searcher: Searcher, article_ids: set[str] | None
    ) -> Answer | None:
        """ "Who is the Fed chair?": the person the recent articles quote most in that office,
        as an article names them with it, and the sentence saying so; the others quoted in it
        are named in a note. None when nobody is quoted in it (the passages answer instead)."""
        matches = searcher.speakers.lookup(office, article_ids=article_ids, limit=OFFICE_STATEMENTS)

        def roles(m: SpeakerMatch) -> tuple[list[str], list[str]]:
            """The roles of `m` in that office: those naming it in full, and, for someone
            quoted so, its shorter forms ("President" for one also quoted as "US President",
            as the articles mostly call the US president)."""
            written = {r for r in (m.role, *(st.role for st in m.statements)) if r}
            full = [r for r in written if holds_office(r, office)]
            if not full:
                return [], []
            return full, [r for r in written if r not in full and shortens_office(r, office)]

        # each speaker quoted in that very office, with the roles of theirs that hold it
        quoted = [(m, *roles(m)) for m in matches if not m.is_group and m.statements]
        in_office = [(m, full, shorter) for m, full, shorter in quoted if full]
        # Statements in the office, each halving per half-life older than the newest: the
        # holder now, not one quoted once in a history piece or years ago.
        held = [full + shorter for _, full, shorter in in_office]
        weights = recency_weights(
            [
                [st for st in m.statements if (st.role if st.role is not None else m.role) in h]
                for (m, _, _), h in zip(in_office, held, strict=True)
            ],
            searcher,
            self.settings.search.recency_half_life_days,
        )
        # who is quoted in that very office, the most and latest quoted first, as an article
        # names them with it (a role misread from one sentence is seldom written so)
        order = sorted(range(len(in_office)), key=lambda i: -weights[i])
        named: list[tuple[SpeakerMatch, tuple[str, int, int]]] = []
        for m, full, shorter in (in_office[i] for i in order):
            if any(_same_person(m.speaker, n.speaker) for n, _ in named):
                continue  # "Trump" or "Karoline Levitt", filed apart, is no other holder
            # named as an article names them with the office in full, else with its shorter
            # form; each in the role of their latest statements first ("Attorney General Pam
            # Bondi" now, not "Florida Attorney General", quoted more often years ago)
            ranked = [
                *self._latest_first(m, full, searcher),
                *self._latest_first(m, shorter, searcher),
            ]
            span = _titled_span(m, searcher, ranked)
            if span is not None:
                named.append((m, span))
                if len(named) == OFFICE_HOLDERS:
                    break
        if not named:
            return None
        (_, (article_id, start, end)), *rest = named
        text = searcher.articles[article_id].text
        cites = CitationBuilder(searcher.articles)
        lead = text[start:end]
        parts = [f"{lead} [{cites.cite(article_id, start, end)}]."]
        sentence = next(((a, b) for a, b in split_sentences(text) if a <= start < b), None)
        if sentence is not None:
            a, b = sentence
            parts.append(f"{_full_stop(text[a:b].strip())} [{cites.cite(article_id, a, b)}]")
        others = [m.speaker for m, _ in rest]
        return Answer(
            question=q.text,
            text=" ".join(parts),
            citations=cites.citations(),
            found=True,
            note=OTHER_HOLDERS.format(names=_listing(others)) if others else None,
            subject=q.subject,
            lead=lead,
        )

    def _latest_first(self, m: SpeakerMatch, roles: list[str], searcher: Searcher) -> list[str]:
        """`roles` of `m`, the one of their most and latest statements first (each statement
        halving per half-life older than their newest)."""
        weights = recency_weights(
            [
                [st for st in m.statements if (st.role if st.role is not None else m.role) == role]
                for role in roles
            ],
            searcher,
            self.settings.search.recency_half_life_days,
        )
        order = sorted(range(len(roles)), key=lambda i: -weights[i])
        return [roles[i] for i in order]

    @staticmethod
    def _office_unnamed(q: Question, best: Sequence[str], articles: Sequence[str]) -> bool:
        """ "Who is the mayor of Gotham?" that nobody is quoted as (`_office_answer`) is not
        answered by sentences naming no mayor of Gotham (a "Gotham Awards" winner, another
        city's mayor): one of the best two sentences (`best`) must name a role of the office
        ("the ex-Abercrombie CEO charged with ..." needs "CEO", not "ex" or "charged"), and
        it or its article (`articles`, one each) every name in it ("the Reno-Tahoe Winter
        Games Coalition's CEO" is the CEO of the coalition bringing the Winter Olympics to
        Reno-Tahoe in an article on that bid)."""
        office = asked_office(q.text)
        nouns = office_nouns(office) if office else frozenset()
        if office is None or not nouns:
            return False
        names = set(question_names(office))
        return not any(
            nouns & office_nouns(text) and names <= word_set([text, article])
            for text, article in zip(best, articles, strict=True)
        )

    def _extractive(
        self, q: Question, hits: Sequence[Hit], searcher: Searcher, cased: bool = True
    ) -> Answer:
        """The answer from the passages `hits`. The question's rare names must be in the articles
        the answer cites; unless `cased` (its capitals the asker's own), not a name a typo from a
        word the passages write."""
        weighed = self._weigh(q, hits, searcher)
        if weighed is None:
            return self._not_found(q, hits, searcher)
        evidence = weighed.evidence
        if evidence.missing:
            log.info("no retrieved article names %s: not found", evidence.missing)
            return self._not_found(q, hits, searcher, evidence.missing)
        described = described_person(q.text)
        titled = self._titled(described, searcher) if described else None
        if self._too_weak(evidence, titled is not None):
            log.info("evidence too weak (%s): not found", evidence)
            return self._not_found(q, hits, searcher)
        # the two best-scored sentences, which the office and superlative checks read
        top = [
            weighed.sentences[i]
            for i in np.argsort(-weighed.scores, kind="stable")[:TYPED_SENTENCES]
        ]
        best = [s.text for s in top]
        articles = [searcher.articles[s.article_id] for s in top]
        if self._office_unnamed(q, best, [weighed.texts[s.article_id] for s in top]):
            log.info("no best sentence names the office asked for: not found")
            return self._not_found(q, hits, searcher)
        if kind_unwritten(q.text, list(weighed.texts.values())):
            # "Which law firm is representing the union?" over articles on the suit that never
            # write "firm": whatever they lead with, it is not named as one
            log.info("no retrieved article writes the kind of thing asked for: not found")
            return self._not_found(q, hits, searcher)
        if scope_unmet(q.text, best, [a.text for a in articles]):
            log.info("the best sentences give another place's superlative: not found")
            return self._not_found(q, hits, searcher)
        if act_unmet(q.text, best):
            log.info("the best sentences give a first of another act: not found")
            return self._not_found(q, hits, searcher)
        svecs, relevance, sentences = weighed.vectors, weighed.scores, weighed.sentences
        scores = relevance + weighed.dated
        # A sentence that asks ("Who is Karoline Leavitt?", a heading "Did Zohran Mamdani
        # win") tells the reader nothing, however well it matches: it is never shown.
        asking = np.array([asks(s.text) for s in sentences])
        if not asking.all():
            scores = np.where(asking, -np.inf, scores)
            relevance = np.where(asking, -np.inf, relevance)
        chosen = select_sentences(
            scores, svecs @ svecs.T, self.settings.answer.max_sentences, relevance=relevance
        )
        leads = ranked_leads(
            q.text, [s.text for s in sentences], scores.tolist(), [h.text for h in hits]
        )
        # "Who was the first person to climb Mount Everest?" is led from a sentence giving
        # that first, not by an official quoted on this year's climbers
        firsts = _giving_first(q.text, leads, [s.text for s in sentences])
        if leads and not firsts:
            log.info("no lead's sentence gives the first asked for: not found")
            return self._not_found(q, hits, searcher)
        leads = firsts
        if leads and asks_sum(q.text) and not is_sum(leads[0].span.text):
            # "How much did the repair cost?" led "250 million gallons": the best sentences
            # tell of the plant, not of what its repair cost (a sum further down is another's)
            log.info("the lead is no sum of money: not found")
            return self._not_found(q, hits, searcher)
        lead = leads[0] if leads else None
        expected = expected_type(q.text)
        if lead is None and expected is not None and expected.dimension is not None:
            # "What is the melting point of chocolate?" is answered by a temperature or not at all
            log.info("no sentence gives the %s asked for: not found", expected.dimension)
            return self._not_found(q, hits, searcher)
        if lead is not None:
            # The span that answers first, then the sentence it came from and one more.
            chosen = shown_after_lead(leads, chosen, svecs)
        elif titled is not None:
            chosen = chosen[:SUPPORTING_SENTENCES]
        shown = [sentences[i].text for i in chosen]
        if superlative_unmet(q.text, shown):
            log.info("no sentence to show gives the superlative asked for: not found")
            return self._not_found(q, hits, searcher)
        if kind_unnamed(q.text, shown):
            log.info("no sentence to show names the kind of thing asked about: not found")
            return self._not_found(q, hits, searcher)
        if contrast_unmet(q.text, shown):
            log.info("no sentence to show compares the two things asked about: not found")
            return self._not_found(q, hits, searcher)
        # a lead names the maker or the date only from a sentence telling of the act
        if creation_unmet(q.text, shown[:1] if lead is not None else shown):
            log.info("no sentence to show tells of the act asked about: not found")
            return self._not_found(q, hits, searcher)
        # `shown` starts with the lead's own sentence when there is a lead
        if count_unmet(q.text, lead.span.text if lead is not None else None, shown):
            log.info("no sentence to show counts what was asked about: not found")
            return self._not_found(q, hits, searcher)
        if money_unmet(q.text, shown):
            log.info("no sentence to show gives the sum of money asked for: not found")
            return self._not_found(q, hits, searcher)
        answering = [sentences[i].article_id for i in chosen]
        if lead is None and titled is not None:
            answering.append(titled[0])
        # every rare name of the question in an article the answer cites, not only in some
        # retrieved one: "Who did Disney pick to build its theme park in Abu Dhabi?" is not
        # answered from articles on Walt Disney World
        cited_texts = _article_texts(answering, searcher)
        missing = rare_missing_names(q.text, cited_texts, searcher) if answering else ()
        if _as_typed(missing, hits, cased):
            log.info("a rare name of the question is in no article the answer cites: not found")
            return self._not_found(q, hits, searcher)
        # nor answered from articles naming a namesake of one of its names: "Cincinnati Public
        # Schools" asked, only "Chicago Public Schools" written where the answer comes from
        swapped = _as_typed(swapped_names(q.text, cited_texts), hits, cased)
        if swapped:
            log.info("the cited articles name a namesake of %s: not found", swapped)
            return self._not_found(q, hits, searcher, swapped, NAMESAKE)
        cites = CitationBuilder(searcher.articles)
        parts = []
        used: dict[str, list[str]] = {}  # article id -> the sentences taken from it
        lead_text = None
        if lead is not None:
            s = sentences[lead.sentence]
            lead_text, start = lead.span.text, s.start + lead.span.start
            if expected is not None and expected.kind == PERSON:
                # "Mamdani" is answered as the article first names him: "Zohran Mamdani".
                full = full_name(lead_text, searcher.articles[s.article_id].text)
                if full is not None:
                    lead_text, start = full.text, full.start
            n = cites.cite(s.article_id, start, start + len(lead_text))
            lead_text = opening(lead_text)  # the article's words, as a reply starts
            parts.append(f"{lead_text} [{n}].")
        elif titled is not None:
            # "Who is Kash Patel?": "FBI Director Kash Patel", as an article writes him when
            # quoting him, then two sentences on him.
            article_id, start, end = titled
            lead_text = searcher.articles[article_id].text[start:end]
            n = cites.cite(article_id, start, end)
            parts.append(f"{lead_text} [{n}].")
        for i in chosen:
            s = sentences[i]
            n = cites.cite(s.article_id, s.start, s.end)
            parts.append(f"{s.text} [{n}]")
            used.setdefault(s.article_id, []).append(s.text)
        text = " ".join(parts)
        # Someone's claim in the answer that another report disputes: both sides are shown.
        cited = {sentences[i].article_id for i in chosen}
        claims = [
            st
            for st in searcher.statements_in(cited)
            if any(
                sentences[i].article_id == st.article_id
                and sentences[i].start <= st.start < sentences[i].end
                for i in chosen
            )
        ]
        if claims:
            disputes = self._counterpoints(
                [st.text for st in claims],
                [h.article_id for h in hits],
                searcher,
                None,
                claimants=list(dict.fromkeys((st.speaker, st.role) for st in claims)),
                shown=[sentences[i].text for i in chosen],
            )
            text = "\n".join([text, *_dispute_lines(disputes, cites)])
        # The other outlets of the stories used are cited once each, not repeated.
        outlets = reported_by(used, hits, searcher.articles, cites)
        if outlets:
            text += "\n\n" + "\n".join(outlets)
        return Answer(
            question=q.text,
            text=text,
            citations=cites.citations(),
            found=True,
            subject=q.subject,
            lead=lead_text if lead_text is not None and text.startswith(lead_text) else None,
        )

    def _whats_new(
        self, q: Question, hits: Sequence[Hit], searcher: Searcher, note: str | None
    ) -> Answer:
        """ "What's new about X": the best sentence of each relevant article, newest first,
        each with its date and citation."""
        weighed = self._weigh(q, hits, searcher)
        if weighed is None or weighed.evidence.missing:
            return self._not_found(q, hits, searcher, weighed.evidence.missing if weighed else ())
        if self._too_weak(weighed.evidence):
            return self._not_found(q, hits, searcher)
        best: dict[str, int] = {}  # article id -> index of its best sentence
        top = float(weighed.scores.max())
        for i, s in enumerate(weighed.sentences):
            if weighed.scores[i] < KEEP_RATIO * top:
                continue
            if s.article_id not in best or weighed.scores[i] > weighed.scores[best[s.article_id]]:
                best[s.article_id] = i
        ranked = sorted(best.items(), key=lambda kv: -float(weighed.scores[kv[1]]))
        chosen = ranked[:WHATS_NEW_ITEMS]
        # Newest first; undated articles last, in order of relevance.
        chosen.sort(key=lambda kv: searcher.articles[kv[0]].published_at or "", reverse=True)
        cites = CitationBuilder(searcher.articles)
        lines = []
        for article_id, i in chosen:
            s = weighed.sentences[i]
            n = cites.cite(s.article_id, s.start, s.end)
            day = (searcher.articles[article_id].published_at or "")[:10] or "undated"
            lines.append(f"- {day}: {s.text} [{n}]")
        return Answer(
            question=q.text,
            text="\n".join(lines),
            citations=cites.citations(),
            found=True,
            note=note,
            subject=q.subject,
        )

    def _not_found(
        self,
        q: Question,
        hits: Sequence[Hit],
        searcher: Searcher,
        missing: Sequence[str] = (),
        saying: str = NOTHING_ABOUT,
    ) -> Answer:
        """Nothing answers: say so, name what was missing (`saying` it so), and what the closest
        articles cover (titles only: nothing is cited, since nothing answered)."""
        lines = [saying.format(names=_names(q.text, missing)) if missing else NOT_FOUND]
        language = question_language(q.text)
        if language is not None:
            lines.append(IN_ENGLISH.format(language=language))
        titles = list(dict.fromkeys(searcher.articles[h.article_id].title for h in hits))
        titles = [t for t in titles if t][:CLOSEST_TITLES]
        if titles:
            lines.append(CLOSEST.format(titles="; ".join(f"“{t}”" for t in titles)))
        return Answer(question=q.text, text=" ".join(lines), found=False, subject=q.subject)


def _as_typed(names: Sequence[str], hits: Sequence[Hit], cased: bool) -> tuple[str, ...]:
    """`names` but, typed without capitals (not `cased`), those the bot cased from a word the
    news misspells too: the capitals are the bot's reading, and "house repubicans" (of
    "Republicans") or "ozzy osborne" (of "Osbourne") name nobody else."""
    if cased or not names:
        return tuple(names)
    written = word_set(h.text for h in hits)
    return tuple(name for name in names if not _misspells(name, written))


def _misspells(name: str, written: set[str]) -> bool:
    """Whether a word of `name` is a typo of one of the `written` words (folded)."""
    return any(misspells(word, written) for word in word_set([name]))


def _article_texts(article_ids: Iterable[str], searcher: Searcher) -> list[str]:
    """The title and text of each article of `article_ids`, once each, as names are looked
    for in them."""
    return [
        f"{a.title}\n{a.text}" for a in (searcher.articles[i] for i in dict.fromkeys(article_ids))
    ]


def _unspoken(
    q: Question,
    speakers: Sequence[str],
    article_ids: Iterable[str],
    searcher: Searcher,
    note: str | None = None,
) -> Answer:
    """Not found: none of `speakers`' statements (in `article_ids`) speaks of the asked topic.
    Says so after any `note` on whom the name was read as, and names the articles that do quote
    them; nothing is cited."""
    assert q.topic is not None
    titles = list(dict.fromkeys(searcher.articles[a].title for a in article_ids))
    titles = [t for t in titles if t][:CLOSEST_TITLES]
    said = UNSPOKEN_TOPIC.format(
        speaker=_listing(speakers),
        topic=q.topic,
        titles="; ".join(f"“{t}”" for t in titles),
    )
    return Answer(
        question=q.text,
        text=f"{note} {said}" if note else said,
        found=False,
        subject=q.topic,
    )


def _dispute_lines(disputes: Sequence[Counterpoint], cites: CitationBuilder) -> list[str]:
    """ "Disputed:" and one cited line a counterpoint; nothing when there is none."""
    if not disputes:
        return []
    return [DISPUTED] + [p.line(cites.cite(p.article_id, p.start, p.end)) for p in disputes]


def _normal(text: str) -> str:
    """`text` as `Searcher.search` encodes it (whitespace collapsed): one cache entry."""
    return " ".join(text.split())


def _giving_first(question: str, leads: Sequence[Lead], sentences: Sequence[str]) -> list[Lead]:
    """The leads some sentence naming them gives the first asked for (`ordinal_given`), each
    from that sentence: "Vermont" is led once, from its best sentence ("the Vermont labeling
    law"), though another says "Vermont ... becomes the first state to require labeling"."""
    out = []
    for lead in leads:
        order = [lead.sentence, *(j for j in range(len(sentences)) if j != lead.sentence)]
        for j in order:
            at = sentences[j].find(lead.span.text)
            if at >= 0 and ordinal_given(question, sentences[j]):
                span = Span(lead.span.text, at, at + len(lead.span.text))
                out.append(replace(lead, span=span, sentence=j))
                break
    return out


def _tells_of(text: str, asked: str, topic: str) -> bool:
    """Whether a sentence of `text` writes the last capitalised word of the asked speaker's
    name ("Obama" of "Barack Obama", "Apple" of "Apple's CEO") and at least TOPIC_SHARE of the
    topic's words (or words starting with their first PREFIX_CHARS letters): "President Obama
    said Thanksgiving Day is ..." tells what Obama said of Thanksgiving; "Michelle Obama led
    several chants" does not, nor "the Kansas City Chiefs" of "the Kansas City Royals stadium
    vote"."""
    names = [w.removesuffix("'s").removesuffix("’s") for w in asked.split() if w[:1].isupper()]
    words = content_words(topic)
    if not names or not words:
        return False
    name = re.compile(rf"(?<!\w){re.escape(names[-1])}(?!\w)")
    return any(
        name.search(text[a:b]) and lexical_overlap(words, text[a:b]) >= TOPIC_SHARE
        for a, b in split_sentences(text)
    )


def _bare_role(speaker: str) -> bool:
    """A speaker asked by a role alone, without a name ("the judge", "the head coach"; not
    "the Kremlin spokesman" or "Judge Holbrook")."""
    return not any(w[:1].isupper() for w in speaker.split())


def _names(question: str, missing: Sequence[str]) -> str:
    """The missing name words as the question wrote them ("Glimmerholt", not "glimmerholt")."""
    shown = []
    for word in missing:
        match = re.search(rf"\b{re.escape(word)}\b", question, re.IGNORECASE)
        shown.append(match.group(0) if match else word)
    return " or ".join(f"“{w}”" for w in shown)


def recency_weights(
    statement_lists: Sequence[Sequence[Statement]], searcher: Searcher, half_life: float
) -> list[float]:
    """Each list's statements counted, each halving per `half_life` days its article is older
    than the newest article among all the lists (an undated one counts in full)."""
    days = {
        st.article_id: _day(searcher.articles[st.article_id].published_at)
        for sts in statement_lists
        for st in sts
    }
    latest = max((d for d in days.values() if d is not None), default=None)

    def weight(day: date | None) -> float:
        age = (latest - day).days if latest is not None and day is not None else 0
        return float(0.5 ** (max(age, 0) / half_life))

    return [sum(weight(days[st.article_id]) for st in sts) for sts in statement_lists]


def _is_office(asked: str) -> bool:
    """Whether an asked speaker is an office ("the Pope", "the FBI director"): "the" and a
    role noun, so its holder now is meant."""
    return asked.lower().startswith("the ") and bool(office_nouns(asked))


def _topic_first(matches: list[SpeakerMatch], topic: str, searcher: Searcher) -> list[SpeakerMatch]:
    """Among the matches as good as the first ("the judge": every judge alike), the one whose
    statements' articles say most of the topic comes first (`topic_scores`); the order is kept
    on a tie."""
    tied = [m for m in matches if m.score >= matches[0].score][:TOPIC_TIES]
    if len(tied) < 2:
        return matches
    said = topic_scores(tied, topic, searcher)
    first = tied[max(range(len(tied)), key=lambda i: said[i])]  # the first of equals on a tie
    return [first, *(m for m in matches if m is not first)]


def topic_scores(matches: Sequence[SpeakerMatch], topic: str, searcher: Searcher) -> list[float]:
    """How much each match's statements' articles say of the topic: its words present,
    weighted by IDF ("Diddy" tells a trial apart, "trial" does not)."""
    words = list(dict.fromkeys(fold(w) for w in content_words(topic)))  # as word_set folds
    if not words:
        return [0.0] * len(matches)
    weights = dict(zip(words, searcher.term_weights(words), strict=True))

    def said(m: SpeakerMatch) -> float:
        articles = (searcher.articles[a] for a in dict.fromkeys(s.article_id for s in m.statements))
        present = word_set(f"{a.title}\n{a.text}" for a in articles)
        return sum(wt for w, wt in weights.items() if w in present)

    return [said(m) for m in matches]


def _titled_span(
    match: SpeakerMatch, searcher: Searcher, roles: Sequence[str] | None = None
) -> tuple[str, int, int] | None:
    """Where an article of the speaker's statements names them with a role they are quoted
    under: the article and the span. The `roles` given, in their order; else the roles they
    are quoted under most first, then their own."""
    if roles is None:
        roles = [r for r, _ in Counter(st.role for st in match.statements if st.role).most_common()]
        if match.role and match.role not in roles:
            roles.append(match.role)
    for role in roles:
        # the statements quoted under that role first: their articles write it so
        for st in sorted(match.statements, key=lambda st: st.role != role):
            text = searcher.articles[st.article_id].text
            for pattern in _titled_patterns(role, match.speaker):
                found = pattern.search(text)
                if found is not None:
                    return st.article_id, found.start(), found.end()
    return None


_INITIAL = re.compile(r"(?<= )[a-z]\.?(?= )")  # a middle initial between spaces


def _uninitialled(name: str) -> str:
    """`name` in lower case without its middle initials."""
    return " ".join(_INITIAL.sub(" ", f" {name.lower()} ").split())


def _same_person(other: str, name: str) -> bool:
    """Whether the speaker `other` is the person `name` filed apart: a run of its words
    ("Trump" of "Donald Trump", "Leo" of "Leo XIV"), the same with a middle initial ("Donald J.
    Trump"), or the same first name with the surname misspelled ("Karoline Levitt" of
    "Karoline Leavitt", at least SAME_NAME_SIMILARITY alike)."""
    if other == name:
        return False
    if f" {other.lower()} " in f" {name.lower()} ":
        return True
    if _uninitialled(other) == _uninitialled(name):
        return True  # a middle initial more or less: "Donald J. Trump" of "Donald Trump"
    first, _, rest = other.lower().partition(" ")
    name_first, _, name_rest = name.lower().partition(" ")
    return (
        bool(rest)
        and first == name_first
        and SequenceMatcher(None, rest, name_rest).ratio() >= SAME_NAME_SIMILARITY
    )


def _titled_patterns(role: str, name: str) -> list[re.Pattern[str]]:
    """A role written before the name ("FBI Director Kash Patel") or after it, set off by a
    comma ("Anthony Fauci, the nation's top infectious disease expert")."""
    r, n = (r"\s+".join(map(re.escape, part.split())) for part in (role, name))
    return [
        re.compile(rf"(?<!\w){r}\s+{n}(?!\w)"),
        re.compile(rf"(?<!\w){n},\s+(?:(?:the|a|an)\s+)?{r}(?!\w)"),
    ]


def rare_missing_names(text: str, texts: Iterable[str], searcher: Searcher) -> tuple[str, ...]:
    """The rare names of `text` (bot/evidence.py) that none of `texts` holds."""
    missing = missing_names(text, texts)
    if not missing:  # only a rare name singles out a subject the articles should name
        return ()
    rarity = searcher.rarity(missing)
    return tuple(n for n, r in zip(missing, rarity, strict=True) if r >= RARE_NAME)


def unknown_phrases(text: str, texts: Iterable[str], searcher: Searcher) -> tuple[str, ...]:
    """The names of several words of `text` (bot/evidence.py) that none of `texts` names and
    no passage of the index names either (of the PHRASE_PROBE passages BM25 finds for the name
    itself): a name the news never uses ("the Great Wall of China" over articles on the border
    wall), not one the retrieved articles merely leave out ("South America"); and the people
    it names in full whose surname none of `texts` writes ("Ashley Madison", each word too
    common to be a rare name), unless a passage names them so."""
    texts = list(texts)
    return tuple(
        phrase
        for phrase in [*missing_phrases(text, texts), *missing_people(text, texts)]
        if not any(phrase_in(phrase, passage) for passage in _probed(phrase, searcher))
    )


@dataclass(frozen=True)
class TimeWindow:
    """The dates an answer may draw on: the question's period, the asker's `since`, nothing
    after `now`; and the recency preference relative to `now`."""

    frame: TimeFrame
    now: date | None = None
    since: date | None = None

    @classmethod
    def of(cls, frame: TimeFrame, now: datetime | date | None, since: date | None) -> TimeWindow:
        if isinstance(now, datetime):
            now = (now.astimezone(UTC) if now.tzinfo else now).date()
        return cls(frame, now, since)

    @property
    def period(self) -> bool:
        return self.frame.period

    def filters(self) -> Filters:
        """`since` is a filter, and so is `now` (nothing published after it); the question's
        period is a preference (`recency`)."""
        return Filters(date_from=self.since, not_after=self.now)

    def in_period(self, published_at: str | None) -> bool:
        day = _day(published_at)
        if day is None or not self.period:
            return False
        f = self.frame
        return (f.date_from is None or day >= f.date_from) and (
            f.date_to is None or day <= f.date_to
        )

    def article_ids(self, searcher: Searcher) -> set[str] | None:
        """The articles a who-said-what answer may quote (None: all of them)."""
        f = self.filters()
        return searcher.allowed_articles(f) if searcher.restricts(f) else None

    def recency(
        self, weight: float, half_life_days: float, period_weight: float = 0.0
    ) -> Recency | None:
        if self.now is None:
            return None
        factor = RECENT_FACTOR if self.frame.recent else 1.0
        return Recency(
            self.now,
            weight * factor,
            half_life_days,
            self.frame.date_from,
            self.frame.date_to,
            period_weight,
        )


def _day(published_at: str | None) -> date | None:
    try:
        return date.fromisoformat((published_at or "")[:10])
    except ValueError:
        return None


def newest_stories(
    searcher: Searcher, topic: str | None, limit: int, now: datetime | date | None = None
) -> list[Article]:
    """The newest dated articles (published by `now`), or the newest of those about `topic`
    (articles whose passages share words with it among its best search hits)."""
    when = TimeWindow.of(TimeFrame(), now, None)
    if not topic:
        allowed = searcher.allowed_articles(when.filters())
        return searcher.newest(limit, allowed)
    hits = searcher.search(topic, k=searcher.settings.search.candidates, filters=when.filters())
    about = dict.fromkeys(h.article_id for h in hits if h.bm25_score > 0)
    return searcher.newest(limit, list(about))
