"""The speaker index: who said what, looked up by name, surname or role.

Built from the `Statement`s that `index.quotes.extract_statements` found at index time (the
snapshot stores them; this index is rebuilt on load, it is small). `lookup("Peskov")`,
`lookup("the Kremlin spokesman")` and `lookup("Dmitry Peskov")` all find Dmitry Peskov; when
several people match ("Trump": Donald and Ivanka), all are returned, best first, so the
answerer can say which one it answers about.
"""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from index.models import Statement
from index.quotes.lexicon import (
    GIVEN_NAMES,
    GROUP_HEADS,
    NAME_PARTICLES,
    ORG_HEADS,
    TITLE_ROLES,
    is_neutral_cue,
)

log = logging.getLogger(__name__)

# Words dropped from an asked name: "Sen. Bernie Sanders" is "Bernie Sanders", "Rear Admiral
# John Kirby" "John Kirby" (military, clergy and judicial titles too; not "Major", a first name).
_TITLE_WORDS = frozenset(
    """
    mr mrs ms miss dr sen sens rep gov gen lt col maj sgt capt adm prof rev president vice
    secretary senator governor former retired mayor judge justice chancellor prime minister king
    queen prince pope ambassador chairman chairwoman sheriff general representative congressman
    congresswoman premier speaker sir dame lord lady candidate nominee presidential republican
    democratic the us u.s president-elect leader director professor attorney
    admiral rear colonel sergeant captain commander cmdr lieutenant corporal cpl
    brigadier marshal commodore ensign pvt
    rabbi pastor reverend father bishop archbishop cardinal imam cleric monsignor deacon
    sheikh ayatollah
    magistrate chief justice-designate attorney-general solicitor commissioner superintendent
    supt atty
    """.split()
)
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_STOPWORDS = frozenset(
    """
    a an the and or of to in on at for by with about is was are were be been it its that this
    what did do does say said says he she they his her their as from has have had not but we i
    you who how why when where
    """.split()
)
_ROLE_NOUNS = frozenset(
    """
    spokesman spokeswoman spokesperson minister secretary president senator governor chairman
    chairwoman chair director chief ceo nominee candidate leader manager adviser advisor aide
    commissioner ambassador mayor judge justice general officer official analyst professor
    economist strategist pollster attorney lawyer prosecutor founder executive speaker premier
    chancellor king queen pope prince host moderator head commander sheriff representative
    congressman congresswoman lawmaker deputy envoy president-elect treasurer counsel
    admiral colonel sergeant captain lieutenant rabbi pastor bishop archbishop cardinal imam
    cleric magistrate czar tsar coach principal superintendent provost headmaster headteacher
    editor publisher administrator inspector auditor comptroller coordinator organizer
    organiser warden curator trustee emir sultan monarch emperor empress
    """.split()
)
# "mayor-elect", "governor-elect": a role too ("the mayor-elect of New York" is nobody's name)
_ROLE_NOUNS |= {f"{role}-elect" for role in _ROLE_NOUNS if "-" not in role}
_ROLE_FILLER = {"the", "a", "an", "former", "then", "current"}
_PAST_WORDS = frozenset({"former", "then", "late"})  # an office held before, not now
_PAST_PREFIXES = ("ex-", "then-", "former-")
_INITIALS = re.compile(r"(?:[a-z]\.)+[a-z]")  # "u.s" as `_words` leaves "U.S."
_ARTICLES = frozenset({"the", "a", "an"})
_POSSESSIVE_END = re.compile(r"['’]s?\s*$")


def _words(text: str) -> list[str]:
    return [
        w.replace("’", "'").removesuffix("'s").strip("'")
        for w in re.findall(r"[\w’'\-\.]+", text.lower())
    ]


def _name_tokens(name: str) -> tuple[str, ...]:
    """Lower-cased name tokens without titles, articles, possessives or dots."""
    toks = [w.replace(".", "") if w.count(".") > 1 else w.rstrip(".") for w in _words(name)]
    toks = [t for t in toks if t]
    while len(toks) > 1 and toks[0] in _TITLE_WORDS:
        toks = toks[1:]
    while len(toks) > 1 and toks[-1] in _NAME_SUFFIXES:
        toks = toks[:-1]  # "Joseph R. Biden Jr." is asked as "Biden"
    return tuple(toks)


def _suffix(name: str) -> str:
    """A generational suffix ending the name ("jr" of "Donald Trump Jr."), else ""."""
    words = [w.rstrip(".") for w in _words(name)]
    return words[-1] if len(words) > 1 and words[-1] in _NAME_SUFFIXES else ""


def _query_variants(query: str) -> list[tuple[tuple[str, ...], float]]:
    """The asked name as given, and the name inside a descriptive phrase.

    "White House press secretary Josh Earnest" and "NBC's Dante Chinni" are asked as written
    in articles; the name is their trailing capitalised run. "Morgan of the Sierra Club" is
    "Morgan".
    """
    variants = [(_name_tokens(query), 1.0)]
    raw = [w.strip(',."“”()') for w in query.split()]
    raw = [w for w in raw if w]
    cut = -1
    for i, w in enumerate(raw[:-1]):
        lw = w.lower().rstrip(".")
        if (
            not w[:1].isupper()
            or lw in _TITLE_WORDS
            or lw in _ROLE_NOUNS
            or re.search(r"['’]s?$", w)
        ):
            cut = i
    # Only a capitalised run is a name: "the Norwegian foreign ministry" is not "Ministry".
    # "Phil Musser of digital consulting firm IMGE": the name is before the qualifier, and the
    # capitalised run the qualifier ends with ("IMGE") is what qualifies it, nobody's name.
    at = next((i for i, w in enumerate(raw) if w in _QUALIFIER_PREPOSITIONS), -1)
    first = at
    while first > 0 and _is_name_word(raw[first - 1]):
        first -= 1
    qualified_name = at - first >= 2
    tail = _name_tokens(" ".join(raw[cut + 1 :]))
    if (
        0 <= cut < len(raw) - 1
        and raw[cut].lower() != "and"  # "Britain and France" is not France
        and raw[cut].lower() not in {"in", "at", "from"}  # "voters in Iowa" are not Iowa
        and all(w[:1].isupper() for w in raw[cut + 1 :])
        and not (qualified_name and cut >= at)
        and not _is_bare_role(tail)  # "Podesta Group's CEO" is no CEO anyone
        and not all(w in ORG_HEADS for w in tail)  # "Ohio Democratic Party" is no "Party"
    ):
        variants.append((tail, 0.95))
    m = re.match(r"^(.+?)\s+(?:of|from|at)\s+(?:the\s+)?[A-Z].*$", query)
    if m:
        variants.append((_name_tokens(m.group(1)), 0.9))
    # "political scientist Ann Lee in Almaty": the capitalised run of two or more words before
    # the first lower-case preposition.
    if qualified_name:
        variants.append((_name_tokens(" ".join(raw[first:at])), 0.9))
    return variants


_QUALIFIER_PREPOSITIONS = frozenset({"of", "from", "at", "in", "with", "for"})


def _is_name_word(word: str) -> bool:
    """A capitalised word that is no title, role or possessive: part of a person's name."""
    low = word.lower().rstrip(".")
    return (
        word[:1].isupper()
        and low not in _TITLE_WORDS
        and low not in _ROLE_NOUNS
        and not re.search(r"['’]s?$", word)
    )


_QUALIFIED_ROLE = re.compile(
    r"^(?:the\s+|a\s+|an\s+)?(?P<role>[\w.’'\- ]+?)\s+(?:of|for|at|from|in)\s+(?:the\s+)?"
    r"(?P<qualifier>.+)$",
    re.IGNORECASE,
)


# "Gotham's mayor", "Acme Widgets' chief executive": the qualifier before the role.
_POSSESSIVE_ROLE = re.compile(
    r"^(?:the\s+)?(?P<qualifier>.+?)['’]s?\s+(?P<role>[\w.’'\- ]+)$", re.IGNORECASE
)


def qualified_role(query: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """ "the mayor of Gotham" (or "Gotham's mayor") -> (("mayor",), ("gotham",)): a role and
    what qualifies it.

    None when the words before "of" are not a role ("Tom Cole of Oklahoma" is a name), nor
    those after a possessive ("NBC's Dante Chinni").
    """
    m = _QUALIFIED_ROLE.match(query.strip()) or _POSSESSIVE_ROLE.match(query.strip())
    if m is None:
        return None
    role = _role_tokens(m.group("role"))
    if not role or role[-1] not in _ROLE_NOUNS:
        return None
    qualifier = _short_countries(w for w in _words(m.group("qualifier")) if w not in _STOPWORDS)
    return (role, qualifier) if qualifier else None


# Countries of two words, as roles write them: "U.S. President", "UK Prime Minister".
_SHORT_COUNTRIES = {"united states": "us", "united kingdom": "uk"}


def _short_countries(words: Iterable[str]) -> tuple[str, ...]:
    """The words with a two-word country as roles write it ("united states" -> "us")."""
    joined = " ".join(words)
    for country, short in _SHORT_COUNTRIES.items():
        joined = re.sub(rf"\b{country}\b", short, joined)
    return tuple(joined.split())


def names_a_person(phrase: str) -> bool:
    """A capitalised name or a person's role ("the mayor"): somebody statements are by."""
    if any(w[:1].isupper() for w in phrase.split()):
        return True
    role = _role_tokens(phrase)
    return bool(role) and role[-1] in _ROLE_NOUNS


def office_nouns(office: str) -> frozenset[str]:
    """The role nouns of an asked office ("the governor of California": governor)."""
    return frozenset(t for t in _role_tokens(office) if t in _ROLE_NOUNS)


def holds_office(role: str, office: str) -> bool:
    """Whether a role a speaker is quoted under ("New York City Mayor", "Texas Gov.") is the
    asked office ("the mayor of New York", "the governor of Texas"): every word of the office
    (its abbreviations written out) is one of the role's, and the office names a role. A
    sentence naming the office holds it too ("California Gov. Gavin Newsom said ...")."""
    asked = _office_words(office)
    if not asked or not any(t in _ROLE_NOUNS for t in asked) or _another_office(role, office):
        return False
    return set(asked) <= set(_role_tokens(role))


def shortens_office(role: str, office: str) -> bool:
    """Whether a role is the asked office with less said: "President" for "the US president",
    "Mayor" for "the mayor of New York". Only of someone also quoted in the office itself
    (`holds_office`) is it that office: most presidents are nobody's US president."""
    words = set(_role_tokens(role)) - _STOPWORDS
    return (
        bool(words & _ROLE_NOUNS)
        and words <= set(_office_words(office))
        and not _another_office(role, office)
    )


def _office_words(office: str) -> tuple[str, ...]:
    """An office's words as roles write them: "of the United States" -> "us"."""
    return _short_countries(t for t in _role_tokens(office) if t not in _STOPWORDS)


def _another_office(role: str, office: str) -> bool:
    """A role held before ("Former US President", "ex-CEO") or under the office ("U.S. Vice
    President", "Deputy Mayor") when the office is not asked so."""

    def marks(text: str) -> set[str]:
        words = _words(text)
        past = any(w in _PAST_WORDS or w.startswith(_PAST_PREFIXES) for w in words)
        under = {p for w in words for p in w.split("-") if p in _SUBORDINATE}
        return under | ({"past"} if past else set())

    return not marks(role) <= marks(office)


def _names_a_group(tokens: tuple[str, ...]) -> bool:
    """ "Britain and France", "Sanders and his allies": asked together, not by the last name.

    Not when a title or role introduces the last name after the "and": "Institute for Water and
    Soil Studies Director Jonas Brandt" is Jonas Brandt.
    """
    if "&" in tokens:
        return True
    if "and" not in tokens[:-1]:
        return False
    after = tokens[len(tokens) - tokens[::-1].index("and") :]
    return not any(w in _TITLE_WORDS or w in _ROLE_NOUNS for w in after)


# How well a group one of whose names is the asked full name matches it: asked only when nobody
# matches on their own.
GROUP_MEMBER_SCORE = 0.6


def _within(name: tuple[str, ...], tokens: tuple[str, ...]) -> bool:
    """A full name (two words or more) that is a run of a group's name words."""
    n = len(name)
    return n >= 2 and any(tokens[i : i + n] == name for i in range(len(tokens) - n + 1))


def _is_bare_role(tokens: tuple[str, ...]) -> bool:
    """A "name" that is only a role or title ("CEO", "Mayor"): nobody in particular."""
    return bool(tokens) and all(t in _ROLE_NOUNS or t in _TITLE_WORDS for t in tokens)


def _written_out(title: str) -> str:
    """An abbreviated title written out ("gov" -> "governor"); any other word as it is."""
    return TITLE_ROLES.get(title, (title,))[0]


def _role_tokens(role: str) -> tuple[str, ...]:
    """A role's words, an abbreviated title written out: "Texas Gov." -> ("texas", "governor");
    initials as one word: "U.S. President" -> ("us", "president"), as "US President"."""
    return tuple(_role_word(t) for t in _words(role) if t not in _ROLE_FILLER)


def _role_word(token: str) -> str:
    word = token.rstrip(".")
    if _INITIALS.fullmatch(word):
        word = word.replace(".", "")
    return _written_out(word)


def _office_head(role: tuple[str, ...]) -> tuple[str, ...]:
    """The role words of an office before what it is of: "mayor of gotham" -> ("mayor",)."""
    for i, w in enumerate(role):
        if w in {"of", "for", "to"} and i > 0:
            return role[:i]
    return role


def _stem(word: str) -> str:
    """A light suffix stripper: enough for "withdraw"/"withdrew"-free lexical matching."""
    for suf in ("ations", "ation", "ings", "ing", "ies", "ied", "es", "ed", "s"):
        if len(word) > len(suf) + 3 and word.endswith(suf):
            return word[: -len(suf)]
    return word


# Words before a role's head that make it another office: the lieutenant governor is not the
# governor, the deputy mayor not the mayor ("acting" and "interim" hold the office itself).
_SUBORDINATE = frozenset("lieutenant deputy vice assistant associate under".split())


def _holds(asked: tuple[str, ...], role: tuple[str, ...]) -> bool:
    """Whether a role (its tokens) is the asked one's office: it has the asked head, and
    no subordinate word before that head the asked role lacks."""
    head = asked[-1]
    if head not in role:
        return False
    before = role[: role.index(head)]
    return not any(w in _SUBORDINATE and w not in asked for w in before[-1:])


def _called(sp: _Speaker, asked: _Asked) -> int:
    """How many of the speaker's statements name them by the asked role ("Vice President";
    the role of "the mayor of Gotham"); 0 when a name is asked."""
    role = asked.qualified[0] if asked.qualified is not None else asked.role
    if not role or role[-1] not in _ROLE_NOUNS:
        return 0
    return sum(
        count
        for text, count in sp.roles.items()
        if set(role) <= set(tokens := _role_tokens(text)) and _holds(role, tokens)
    )


def _known(word: str, known: set[str]) -> bool:
    """`word` of a qualifier among `known` words (written without dots), or a longer form of
    it, or its nationality: "Russia's foreign minister" is the "Russian Foreign Minister", "the
    prime minister of Canada" the "Canadian Prime Minister", "the president of France" the
    "French President"."""
    # "the president of the U.S." is the "U.S. President", the "US President" too
    word = word.replace(".", "")
    if word in known or _NATIONALITY.get(word) in known:
        return True
    # a country and its nationality share all but the country's last letter: "Canad(a|ian)",
    # "Ukrain(e|ian)", "Mexic(o|an)", "German(y)", "Chin(a|ese)"
    stem = max(MIN_STEM, len(word) - 1)
    return len(word) >= MIN_STEM and any(
        k.startswith(word) or (len(k) >= stem and k[:stem] == word[:stem]) for k in known
    )


# The shortest qualifier word compared by its stem: "Iran" and "Iraq" share three letters.
MIN_STEM = 4
# Countries whose nationality is no longer form of their name (`_known` finds the others).
_NATIONALITY = {
    "france": "french",
    "britain": "british",
    "uk": "british",
    "us": "american",
    "spain": "spanish",
    "netherlands": "dutch",
    "holland": "dutch",
    "switzerland": "swiss",
    "greece": "greek",
    "poland": "polish",
    "sweden": "swedish",
    "denmark": "danish",
    "finland": "finnish",
    "norway": "norwegian",
    "turkey": "turkish",
    "philippines": "filipino",
    "wales": "welsh",
    "scotland": "scottish",
    "ireland": "irish",
}


# Courtesy titles: an article that quotes "Dr. Oz" may call him only "Mehmet Oz", its
# administrator, so they tell nobody apart by their absence.
COURTESY_TITLES = frozenset("mr mrs ms miss dr doctor sir dame".split())
# Title words that say nothing of which person is meant: "the", "former", a party.
_UNTELLING_TITLES = frozenset(
    "the former retired us u.s candidate nominee presidential republican democratic".split()
)
# What a title the asker gives adds to a name's match when the speaker holds it: "Admiral
# Harris" is the admiral among the Harrises, who all match the surname alike.
TITLE_BONUS = 0.05
# A speaker with a generational suffix ("Donald Trump Jr.") for a name asked without one
SUFFIX_FACTOR = 0.8
# The shortest asked word read as a typo of a known name: a shorter one is too often somebody
# else's name one letter away ("Bush", "Rush", "Bust").
RESPELL_MIN_CHARS = 5
# Another spelling of a given name shares its first VARIANT_PREFIX letters and is at most
# VARIANT_EDITS typos away ("Dmitri"/"Dmitry", "Mohammed"/"Mohamed").
VARIANT_PREFIX = 4
VARIANT_EDITS = 2
# A given name alone ("What did Hillary say?") is read as the person quoted by it at least this
# many times as often as anyone else with that given name (one quoted three times to another's
# once); closer, it could be either.
GIVEN_NAME_LEAD = 3


def _asked_titles(query: str) -> frozenset[str]:
    """The titles before an asked name, written out: "Adm. Harris" -> {"admiral"}."""
    words = [w.rstrip(".") for w in _words(query)]
    titles = []
    for w in words[:-1]:
        if w not in _TITLE_WORDS:
            break
        if w not in _UNTELLING_TITLES:
            titles.append(_written_out(w))
    return frozenset(titles)


@dataclass(frozen=True)
class _Asked:
    """An asked name parsed once for a lookup (not once a speaker compared with it)."""

    text: str
    name: tuple[str, ...]
    variants: list[tuple[tuple[str, ...], float]]
    qualified: tuple[tuple[str, ...], tuple[str, ...]] | None
    role: tuple[str, ...]
    titles: frozenset[str] = frozenset()
    suffix: str = ""
    # "the Pope", "the king": a role after an article, never a surname ("Lizzy Pope")
    role_only: bool = False

    @classmethod
    def of(cls, query: str) -> _Asked:
        name = _name_tokens(query)
        words = _words(query)
        return cls(
            query,
            name,
            _query_variants(query),
            qualified_role(query),
            _role_tokens(query),
            _asked_titles(query),
            _suffix(query),
            role_only=bool(words) and words[0] in _ARTICLES and _is_bare_role(name),
        )

    def words(self) -> set[str]:
        """Every word a speaker must share with the asked name to match it at all."""
        out = set(self.name) | set(self.role)
        for q, _ in self.variants:
            out.update(q)
        if self.qualified is not None:
            out.update(self.qualified[0])
        return out


def _topic_score(statement: Statement, topic_terms: dict[str, float]) -> float:
    """How much of the topic (`SpeakerIndex._topic_terms`) the statement mentions."""
    words = {_stem(w) for w in _words(statement.text)}
    return sum(wt for term, wt in topic_terms.items() if term in words)


# A topic word is spoken of when a statement's word starts with the same TOPIC_PREFIX letters
# ("pollution" by "polluting"): `_stem` leaves such pairs apart.
TOPIC_PREFIX = 5


def _speaks_of(statement: Statement, topic_terms: dict[str, float]) -> bool:
    """Whether the statement mentions one of the topic's words (`SpeakerIndex._topic_terms`),
    or a word sharing its first TOPIC_PREFIX letters."""
    words = {_stem(w) for w in _words(statement.text)}
    prefixes = {w[:TOPIC_PREFIX] for w in words if len(w) >= TOPIC_PREFIX}
    return any(
        term in words or (len(term) >= TOPIC_PREFIX and term[:TOPIC_PREFIX] in prefixes)
        for term in topic_terms
    )


@dataclass(frozen=True)
class SpeakerMatch:
    """A speaker that matches an asked name, with their statements, most relevant first."""

    speaker: str
    role: str | None
    aliases: tuple[str, ...]
    score: float  # how well the asked name matches: 1.0 exact full name ... 0.6 loose role,
    # and TITLE_BONUS more when the speaker holds the title asked ("Admiral Harris")
    statements: tuple[Statement, ...]
    is_group: bool = False  # people who spoke together: "Trump and Hegseth"
    # With a topic asked: whether one of `statements` holds one of its words (or of a person's
    # it names), or a word starting alike (`_speaks_of`); None without a topic
    on_topic: bool | None = None
    # Asked by a title and a surname alone ("Captain Hook"), matched by that surname, and never
    # given that title (nor a role with its word): somebody else who shares the surname
    # ("Brian Hook")
    title_unheld: bool = False


_GROUP_IN_PLACE = re.compile(
    r"\b(?:" + "|".join(sorted(GROUP_HEADS)) + r")\s+(?:in|at|from)\s", re.IGNORECASE
)


def _is_group_name(name: str) -> bool:
    """People who speak together: "Gwen Ifill and Judy Woodruff", "Voters in Iowa" (never
    folded into somebody by a surname: "Iowa" is nobody's)."""
    return " and " in name or "," in name or "&" in name or bool(_GROUP_IN_PLACE.search(name))


def is_office(statement: Statement) -> bool:
    """A statement by whoever holds an office ("Mayor of Gotham", its role "mayor of Gotham"):
    the extractor names an office's speaker by the office when the article names no holder."""
    return statement.role is not None and statement.role.lower() == statement.speaker.lower()


@dataclass
class _Speaker:
    name: str
    tokens: tuple[str, ...]
    roles: Counter[str]
    aliases: set[str]
    statements: list[Statement]
    is_group: bool
    is_office: bool = False  # "Mayor of Gotham": no surname, its name already says its role
    suffix: str = ""  # "jr": "Donald Trump Jr." is not "Donald Trump", though asked as "Trump"

    @property
    def role(self) -> str | None:
        if self.is_office:
            return None
        return self.roles.most_common(1)[0][0] if self.roles else None

    @property
    def surname(self) -> str:
        # "Mayor of Gotham" is nobody called Gotham
        return self.tokens[-1] if self.tokens and not self.is_office else ""

    @property
    def regnal(self) -> bool:
        """Known by one name under a sovereign's or pope's title ("Pope Leo", "King Charles",
        "Prince Harry"): that name is a given name, not a surname."""
        return len(self.tokens) == 1 and any(
            w in _REGNAL_TITLES for role in self.roles for w in role.lower().split()
        )

    @cached_property
    def for_someone(self) -> bool:
        """A role "for" somebody else ("Lawyer for Musk"): the words after it are that other
        person's name ("Club for Growth" is the club's own name: no role before "for")."""
        return any(
            w == "for" and i > 0 and self.tokens[i - 1] in _ROLE_NOUNS
            for i, w in enumerate(self.tokens)
        )


# Titles before a given name: "Pope Leo" is nobody called Leo by surname.
_REGNAL_TITLES = frozenset(
    "pope king queen prince princess emperor empress sultan emir sheikh crown".split()
)
# Words that are surely no part of a person's name before it: titles, roles, function words.
_NO_NAME_WORDS = _TITLE_WORDS | _ROLE_NOUNS | _STOPWORDS


def _distinct(statements: Sequence[Statement], limit: int) -> list[Statement]:
    """The first `limit` statements without repeats of one already kept: a live blog repeating
    a paragraph, two outlets printing the same wire copy. Reads only as far as it needs to (a
    much-quoted speaker has thousands)."""
    seen: set[tuple[str, ...]] = set()
    out: list[Statement] = []
    for st in statements:
        if len(out) == limit:
            break
        words = tuple(_words(st.text))
        if words not in seen:
            seen.add(words)
            out.append(st)
    return out


def _merge(into: _Speaker, sp: _Speaker) -> None:
    """`sp`'s statements, names and roles are `into`'s: the same person."""
    into.statements.extend(sp.statements)
    into.aliases.update(sp.aliases)
    into.roles.update(sp.roles)


class SpeakerIndex:
    """Statements grouped by speaker, searchable by name, surname or role."""

    def __init__(self, statements: Sequence[Statement]) -> None:
        # One speaker a name however it is spelled: "F.B.I." and "FBI", "Sen. Ada Quill" and
        # "Ada Quill" (the tokens drop case, dots and titles); shown as most statements spell it.
        speakers: dict[tuple[str, ...], _Speaker] = {}
        spellings: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
        for st in statements:
            # an office keeps its title: "Mayor of Gotham" and "Governor of Gotham" are two
            toks = tuple(_words(st.speaker)) if is_office(st) else _name_tokens(st.speaker)
            group = _is_group_name(st.speaker)
            suffix = _suffix(st.speaker)
            key = (*(toks or (st.speaker,)), suffix, "&" if group else "")
            sp = speakers.get(key)
            if sp is None:
                sp = speakers[key] = _Speaker(
                    st.speaker, toks, Counter(), set(), [], group, suffix=suffix
                )
            sp.is_office = sp.is_office or is_office(st)
            spellings[key][st.speaker] += 1
            sp.statements.append(st)
            sp.aliases.update(st.aliases)
            if st.role and not _POSSESSIVE_END.search(st.role):
                # "the Secretary of State’s Office said": the office is no secretary of state
                sp.roles[st.role] += 1
        for key, sp in speakers.items():
            sp.name = spellings[key].most_common(1)[0][0]
            sp.aliases.update(spellings[key])
        # A person's name read with a description before it ("Texas-based Matt Mackowiak",
        # "Texas Gov. Greg Abbott", "Does Donald Trump") is the person of the full name it
        # ends with, when that name speaks too. Only after a word that is surely no name: one
        # with a hyphen, a title or role, a function word. ("Mary Ann Smith" is not "Ann
        # Smith", nor "Pierre de Vos" "de Vos"; "Hollywood Chamber of Commerce" is no person.)
        full_names = {
            (sp.tokens, sp.suffix): key
            for key, sp in speakers.items()
            if len(sp.tokens) >= 2
            and not sp.is_group
            and not sp.is_office
            and sp.tokens[0] not in NAME_PARTICLES
            and not any(t in _STOPWORDS or t in ORG_HEADS or t in GROUP_HEADS for t in sp.tokens)
        }
        for key, sp in sorted(speakers.items(), key=lambda kv: -len(kv[1].tokens)):
            if sp.is_group or sp.is_office:
                continue
            for cut in range(1, len(sp.tokens) - 1):
                target = full_names.get((sp.tokens[cut:], sp.suffix))
                if target is None or target not in speakers:
                    continue
                before = sp.tokens[cut - 1]
                if "-" in before or before in _NO_NAME_WORDS:
                    _merge(speakers[target], sp)
                    del speakers[key]
                break
        # A speaker known only by a surname in some article ("Trump") is the same person as
        # the one full name with that surname, when there is exactly one.
        # With its suffix: "Trump" alone is Donald Trump, "Trump Jr." Donald Trump Jr.
        by_surname: dict[tuple[str, str], list[_Speaker]] = defaultdict(list)
        for sp in speakers.values():
            if len(sp.tokens) >= 2 and not sp.is_group and not sp.is_office:
                by_surname[sp.surname, sp.suffix].append(sp)
        for key, sp in list(speakers.items()):
            if sp.regnal:
                continue  # "Pope Leo", "King Charles": a given name, nobody's surname
            if len(sp.tokens) == 1 and len(by_surname.get((sp.surname, sp.suffix), [])) == 1:
                _merge(by_surname[sp.surname, sp.suffix][0], sp)
                del speakers[key]
        # Surnames that several full-named people share: a speaker known by that surname alone
        # is then one of them, no better a match for the bare surname than they are.
        self._shared_surnames = {name for (name, _), v in by_surname.items() if len(v) >= 2}
        # The given names of the people sharing each such surname ("trump": donald, melania)
        given_names: dict[str, set[str]] = defaultdict(set)
        for (name, _), people in by_surname.items():
            if name in self._shared_surnames:
                given_names[name].update(p.tokens[0] for p in people)
        self._given_names = dict(given_names)  # read by lookups in many threads: never written
        for sp in speakers.values():
            sp.statements.sort(key=lambda s: (s.article_id, s.start))
        self._speakers = list(speakers.values())
        self._alias_norm = {
            id(sp): {
                tuple(_words(a)) if sp.is_office else _name_tokens(a)
                for a in sp.aliases | {sp.name}
            }
            for sp in self._speakers
        }
        # Word -> the speakers (by position) whose name, aliases or roles hold it: a speaker
        # matches an asked name only through a shared word (equal names, a surname, a role's
        # head), so a lookup scores those speakers rather than every one.
        self._by_word: dict[str, list[int]] = defaultdict(list)
        for i, sp in enumerate(self._speakers):
            words = set(sp.tokens).union(*self._alias_norm[id(sp)])
            words.update(w for role in sp.roles for w in _role_tokens(role))
            for w in words:
                self._by_word[w].append(i)
        log.debug("speaker index: %d speakers, %d statements", len(speakers), len(statements))

    def __len__(self) -> int:
        return len(self._speakers)

    # -- spelling --

    @cached_property
    def _letters(self) -> frozenset[str]:
        """The letters known names are written with (a race computes them twice, harmlessly)."""
        return frozenset(c for word in self._by_word if word.isalpha() for c in word)

    def _one_typo_from(self, word: str) -> set[str]:
        """The known words one typo from `word`: a letter dropped, added, changed, or two
        neighbours swapped (every such spelling tried: a few hundred set lookups, no table)."""
        splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
        spellings = {a + b[1:] for a, b in splits if b}
        spellings.update(a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1)
        for c in self._letters:
            spellings.update(a + c + b[1:] for a, b in splits if b)
            spellings.update(a + c + b for a, b in splits)
        spellings.discard(word)
        return {w for w in spellings if w in self._by_word}

    def respell(self, name: str) -> str | None:
        """`name` with each word no speaker's name holds written as the one known word a typo
        away ("Dmitri Peskv" -> "Dmitry Peskov"); None when no word changes. A word with several
        such neighbours, or shorter than RESPELL_MIN_CHARS letters, stays as typed: "Bush" is
        one letter from "Rush" and "Bust"."""
        changed = False

        def fix(m: re.Match[str]) -> str:
            nonlocal changed
            typed = m.group(0)
            word = typed.lower()
            if len(word) < RESPELL_MIN_CHARS or word in self._by_word:
                return typed
            near = self._one_typo_from(word)
            if len(near) != 1:
                return typed
            changed = True
            (known,) = near
            return known.capitalize() if typed[0].isupper() else known

        respelled = re.sub(r"[^\W\d_]+", fix, name)
        return respelled if changed else None

    def given_name_variant(self, name: str) -> str | None:
        """The one quoted person `name` ("Dmitri Peskov", "Sergei Lavrov") names with another
        spelling of the given name ("Dmitry Peskov"): the same surname, a given name that
        starts with the same VARIANT_PREFIX letters and ends a typo or two apart (as
        transliterations differ: Dmitri/Dmitry, Sergei/Sergey, Mohammed/Mohamed); None when no
        such person, or several, is quoted. "Mark Rubio" is not "Marco Rubio", nor "Mary
        Trump" "Mark Trump": a different given name may be somebody else."""
        tokens = _name_tokens(name)
        if len(tokens) != 2 or len(tokens[0]) < VARIANT_PREFIX:
            return None
        given, surname = tokens
        found = {
            sp.name
            for i in self._by_word.get(surname, ())
            if not (sp := self._speakers[i]).is_group
            and len(sp.tokens) == 2
            and sp.surname == surname
            and sp.tokens[0] != given
            and sp.tokens[0][:VARIANT_PREFIX] == given[:VARIANT_PREFIX]
            and _edits(sp.tokens[0], given) <= VARIANT_EDITS
        }
        return found.pop() if len(found) == 1 else None

    def _by_given_name(self, name: str) -> list[_Speaker]:
        """The people the news quotes with `name`, a common given name alone (`GIVEN_NAMES`),
        as their given name, most quoted first; none when `name` is more than one word or no
        given name ("Fox" is no given name of Fox News, nor "Wisconsin" of a "Wisconsin
        Republican")."""
        tokens = _name_tokens(name)
        if len(tokens) != 1 or tokens[0] not in GIVEN_NAMES:
            return []
        people = [
            sp
            for i in self._by_word.get(tokens[0], ())
            if not (sp := self._speakers[i]).is_group
            and not sp.is_office
            and len(sp.tokens) >= 2
            and sp.tokens[0] == tokens[0]
        ]
        # a name that goes on from another one's full name is named after them: "Oprah
        # Winfrey Network" is no second Oprah
        named = {tuple(sp.tokens) for sp in people}
        people = [
            sp
            for sp in people
            if not any(tuple(sp.tokens[:n]) in named for n in range(2, len(sp.tokens)))
        ]
        return sorted(people, key=lambda sp: (-len(sp.statements), sp.name))

    def called_by_given_name(self, name: str) -> list[str]:
        """The names of the people quoted with `name` as their given name ("Ted": Ted Cruz,
        Ted Lieu), most quoted first (`_by_given_name`)."""
        return [sp.name for sp in self._by_given_name(name)]

    def given_name_alone(self, name: str) -> str | None:
        """The person `name`, a given name alone, names ("Hillary": Hillary Clinton), when the
        news quotes one person with that given name, or one GIVEN_NAME_LEAD times as often as
        any other; None when nobody is, or several are about as often."""
        people = self._by_given_name(name)
        if not people:
            return None
        if len(people) > 1 and len(people[0].statements) < GIVEN_NAME_LEAD * len(
            people[1].statements
        ):
            return None
        return people[0].name

    @property
    def speakers(self) -> list[str]:
        return sorted(sp.name for sp in self._speakers)

    # -- lookup --

    def _candidates(self, asked: _Asked) -> list[_Speaker]:
        """The speakers sharing a word with the asked name, in index order."""
        rows: set[int] = set()
        for w in asked.words():
            rows.update(self._by_word.get(w, ()))
        return [self._speakers[i] for i in sorted(rows)]

    def _match_score(self, sp: _Speaker, asked: _Asked) -> float:
        if asked.suffix != sp.suffix:
            if asked.suffix:
                return 0.0  # "Trump Jr." asked: not his father
            if len(asked.name) >= 2:
                # "Donald Trump" asked: his son matches the name's words less well than he
                # does (a surname alone matches both: "Biden" is Joseph R. Biden Jr. too)
                return SUFFIX_FACTOR * self._suffixless_score(sp, asked)
        return self._suffixless_score(sp, asked)

    def _suffixless_score(self, sp: _Speaker, asked: _Asked) -> float:
        if _is_bare_role(sp.tokens):
            return 0.0  # "CEO said": a role read as a name answers for nobody
        if asked.qualified is not None:
            # "the mayor of Gotham": that mayor, never another; a name as asked still counts,
            # but whole: the qualifier is no surname ("Nvidia" is not "the CEO of Nvidia")
            return max(
                self._qualified_score(sp, *asked.qualified),
                self._name_score(sp, asked.name, surname=False),
            )
        if asked.role_only:
            return self._role_score(sp, asked.role)
        best = 0.0
        for q, factor in asked.variants:
            best = max(best, factor * self._name_score(sp, q))
        return max(best, self._role_score(sp, asked.role))

    def _role_words(self, sp: _Speaker) -> set[str]:
        """Every word of the speaker's roles, and the titles their names were written with."""
        words = {w for role in sp.roles for w in _role_tokens(role)}
        for alias in sp.aliases:
            for w in (w.rstrip(".") for w in _words(alias)):
                if w not in _TITLE_WORDS:
                    break
                words.add(_written_out(w))
        return words

    def _name_score(self, sp: _Speaker, q: tuple[str, ...], surname: bool = True) -> float:
        """How well `q` names the speaker; with `surname` False only as their full name or an
        alias, never by a shared surname."""
        if not q or q[0] == "of":
            # what is left of "the governor of California" without its titles: a place that
            # qualifies a role, no name ("Rep. of California" leaves the same alias)
            return 0.0
        if q == sp.tokens:
            if len(q) == 1 and q[0] in self._shared_surnames:
                # "Bush" asked, "Bush" unresolved in one article, Jeb and George W. Bush in
                # others: the surname alone says no more about this speaker than about them,
                # so the one with most statements (the best-known Bush) comes first.
                return 0.85
            return 1.0
        # "Lawyer for Musk" is the lawyer, not Musk
        if q in self._alias_norm[id(sp)] and not (
            sp.for_someone and len(q) < len(sp.tokens) and q == sp.tokens[-len(q) :]
        ):
            return 0.95
        if (
            surname
            and not sp.for_someone
            and not sp.is_group
            and sp.tokens
            and not _names_a_group(q)
            and not _GROUP_IN_PLACE.search(" ".join(q))
            and sp.surname not in GROUP_HEADS  # "Republicans" is nobody's surname
        ):
            if len(q) == 1 and q[0] == sp.surname:
                return 0.85
            if len(q) >= 2 and q[-1] == sp.surname:
                if len(sp.tokens) == 1:
                    if sp.surname in self._shared_surnames and (
                        q[0] not in self._given_names.get(sp.surname, ())
                    ):
                        # "Mark Trump" asked, the news quoting Donald, Melania and Ivanka Trump
                        # and a "Trump" left unresolved: a given name none of them has is
                        # nobody the news quotes
                        return 0.0
                    return 0.7  # only the surname is known for this speaker
                first = sp.tokens[0]
                if q[0] == first or (len(q[0]) <= 2 and first.startswith(q[0])):
                    return 0.9  # first and last name, a middle name or initial left out
                if first in q[1:-1]:
                    return 0.8  # "Secretary of State John Kerry" asked with its title
        return 0.0

    def _qualified_score(
        self, sp: _Speaker, role: tuple[str, ...], qualifier: tuple[str, ...]
    ) -> float:
        """The role's head in the speaker's roles and every qualifier word in what is known of
        them: their roles, names and aliases ("Mayor of Gotham", "Gotham Mayor Jane Roe")."""
        known = {w for text in [*sp.roles, *sp.aliases, sp.name] for w in _role_tokens(text)}
        has_role = any(_holds(role, _role_tokens(r)) for r in sp.roles)
        if not has_role or not set(role) <= known:
            return 0.0
        undotted = {k.replace(".", "") for k in known}  # once, not once a qualifier word
        return 0.85 if all(_known(w, undotted) for w in qualifier) else 0.0

    def _role_score(self, sp: _Speaker, rq: tuple[str, ...]) -> float:
        # roles: "the Kremlin spokesman", "the Russian foreign minister"
        if not rq or rq[-1] not in _ROLE_NOUNS:
            return 0.0
        best = 0.0
        for role in sp.roles:
            rt = _office_head(_role_tokens(role))
            if not rt or not rq:
                continue
            if rq == rt:
                best = max(best, 0.9)
            elif rq[-1] == rt[-1] and set(rq) <= set(rt):
                best = max(best, 0.6 + 0.2 * len(rq) / len(rt))
        return best

    def lookup(
        self,
        name: str,
        topic: str | None = None,
        article_ids: Collection[str] | None = None,
        limit: int = 6,
    ) -> list[SpeakerMatch]:
        """Speakers matching `name`, best first, each with up to `limit` statements.

        `topic` puts the statements that mention it (or words related to it, such as the
        aliases of a person it names) first; `article_ids` keeps only those articles.
        """
        allowed = set(article_ids) if article_ids is not None else None
        scored: list[tuple[float, int, _Speaker, list[Statement]]] = []
        asked = _Asked.of(name)
        candidates = self._candidates(asked)

        def add(sp: _Speaker, score: float) -> None:
            sts = [s for s in sp.statements if allowed is None or s.article_id in allowed]
            if sts:
                scored.append((score, len(sts), sp, sts))

        for sp in candidates:
            score = self._match_score(sp, asked)
            if score > 0 and asked.titles and asked.titles <= self._role_words(sp):
                score += TITLE_BONUS
            if score > 0:
                add(sp, score)
        if not scored:
            # "Judy Woodruff", who spoke only with Gwen Ifill: what they said together
            for sp in candidates:
                if sp.is_group and _within(asked.name, sp.tokens):
                    add(sp, GROUP_MEMBER_SCORE)
        topic_terms = self._topic_terms(topic) if topic else {}
        ranked = [
            (score, count, sp, self.rank_statements(sts, topic_terms))
            for score, count, sp, sts in scored
        ]
        # Equal matches ("the judge": every judge's role matches alike): the one who spoke of
        # the topic first ("... in the Diddy trial"), then the one the articles most often
        # call by the asked role (the vice president now, not a former one quoted more), then
        # the one quoted most.
        ranked.sort(
            key=lambda x: (
                -x[0],
                -(_topic_score(x[3][0], topic_terms) if topic_terms else 0.0),
                -_called(x[2], asked),
                -x[1],
                x[2].name,
            )
        )
        out = []
        # "Captain Hook": a title that tells who (not "Mr.", "Dr."), before a surname alone
        telling = asked.titles - COURTESY_TITLES if len(asked.name) == 1 else frozenset()
        for score, _, sp, sts in ranked:
            shown = _distinct(sts, limit)
            on_topic = None
            if topic_terms:
                # the words saying who they are tell nothing of what they said: "Vermont" of
                # the Vermont senator ("Sanders, a Vermont independent, told CNN ...") is none
                own = {_stem(w) for w in (*sp.tokens, *self._role_words(sp))}
                told = {t: wt for t, wt in topic_terms.items() if t not in own} or topic_terms
                on_topic = any(_speaks_of(st, told) for st in shown)
            out.append(
                SpeakerMatch(
                    speaker=sp.name,
                    role=sp.role,
                    aliases=tuple(sorted(sp.aliases)),
                    score=score,
                    statements=tuple(shown),
                    is_group=sp.is_group,
                    on_topic=on_topic,
                    title_unheld=bool(telling)
                    and len(sp.tokens) > 1
                    and not telling & self._role_words(sp),
                )
            )
        return out

    def _topic_terms(self, topic: str) -> dict[str, float]:
        """Topic words (weight 1) and related words (0.5): the aliases of a person it names."""
        terms: dict[str, float] = {}
        for w in _words(topic):
            if w not in _STOPWORDS and len(w) > 1:
                terms[_stem(w)] = 1.0
        asked = _Asked.of(topic)
        for sp in self._candidates(asked):
            if self._match_score(sp, asked) >= 0.85:
                for alias in sp.aliases | ({sp.role} if sp.role else set()):
                    for w in _words(alias):
                        if w not in _STOPWORDS and w not in _TITLE_WORDS | {"president"}:
                            terms.setdefault(_stem(w), 0.5)
                    for w in _role_tokens(alias):
                        if w in {"president", "minister", "spokesman", "secretary"}:
                            terms.setdefault(w, 0.25)
        return terms

    @staticmethod
    def rank_statements(
        statements: Sequence[Statement], topic_terms: dict[str, float] | None = None
    ) -> list[Statement]:
        """Most relevant first: topic overlap, then substantial statements, the first of each
        article before the second of any, a plain "said" before a coloured cue, text order."""

        def relevance(st: Statement) -> float:
            return _topic_score(st, topic_terms) if topic_terms else 0.0

        order = {id(s): i for i, s in enumerate(statements)}
        # The speaker's n-th substantial statement in its article: the first of each article
        # come before the second of any, so that a few statements cover several articles.
        nth: dict[int, int] = {}
        seen: Counter[str] = Counter()
        for st in sorted(statements, key=lambda s: (s.article_id, s.start)):
            if len(re.findall(r"\w+", st.text)) >= 6:
                nth[id(st)] = seen[st.article_id]
                seen[st.article_id] += 1

        def key(st: Statement) -> tuple[float, int, int, int, int]:
            substantial = 0 if id(st) in nth else 1
            # among the first statements of their articles, what was said before what was
            # denied, blasted or recounted: the words are the speaker's own more often
            coloured = 0 if is_neutral_cue(st.cue) else 1
            return (-relevance(st), substantial, nth.get(id(st), 0), coloured, order[id(st)])

        return sorted(statements, key=key)


def _edits(a: str, b: str) -> int:
    """The Levenshtein distance between two words."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        diagonal, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            diagonal, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, diagonal + (ca != cb))
    return row[-1]
