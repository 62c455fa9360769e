"""Who said what: rule-based extraction of statements (direct quotes and reported speech).

The extractor follows the classic rule-based quote attribution recipe (a cue-verb lexicon,
capitalised-name chunking, quote pairing and recency-based coreference) because no NLP model
can be loaded at run time. For each article it:

1. splits paragraphs into quote-aware sentence units (blingfire, then repaired so that a quote
   is never cut in two and `."  "` starts a new unit);
2. finds attributions in each unit: `"Q," SPEAKER CUE.`, `"Q," CUE SPEAKER.`, `SPEAKER CUE: "Q"`,
   `SPEAKER CUE (that) CLAUSE`, `CLAUSE, SPEAKER CUE.`, `according to SPEAKER`,
   `... quoted SPEAKER as saying`, `, adding that CLAUSE`;
3. resolves the speaker mention: a name with its title and role ("Kremlin spokesman Dmitry
   Peskov"), a surname ("Peskov"), a pronoun (the most recent compatible speaker), a definite
   role ("the spokesman", resolved to the person introduced with that role);
4. attaches unattributed quotes that continue an attributed one (`"A," he said. "B."`).

Every `Statement.text` is exactly `article.text[start:end]`.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Iterator

import blingfire

from index.models import Article, Statement

log = logging.getLogger(__name__)

# --- lexicons -------------------------------------------------------------------------------

_CUE_LEMMAS = {
    "say": ("say", "says", "said", "saying"),
    "tell": ("tell", "tells", "told", "telling"),
    "add": ("add", "adds", "added", "adding"),
    "stress": ("stress", "stresses", "stressed", "stressing"),
    "deny": ("deny", "denies", "denied", "denying"),
    "express": ("express", "expresses", "expressed", "expressing"),
    "urge": ("urge", "urges", "urged", "urging"),
    "warn": ("warn", "warns", "warned", "warning"),
    "argue": ("argue", "argues", "argued", "arguing"),
    "claim": ("claim", "claims", "claimed", "claiming"),
    "insist": ("insist", "insists", "insisted", "insisting"),
    "note": ("note", "notes", "noted", "noting"),
    "write": ("write", "writes", "wrote", "writing"),
    "report": ("report", "reports", "reported", "reporting"),
    "announce": ("announce", "announces", "announced", "announcing"),
    "explain": ("explain", "explains", "explained", "explaining"),
    "suggest": ("suggest", "suggests", "suggested", "suggesting"),
    "acknowledge": ("acknowledge", "acknowledges", "acknowledged", "acknowledging"),
    "admit": ("admit", "admits", "admitted", "admitting"),
    "ask": ("ask", "asks", "asked", "asking"),
    "recall": ("recall", "recalls", "recalled", "recalling"),
    "respond": ("respond", "responds", "responded", "responding"),
    "reply": ("reply", "replies", "replied", "replying"),
    "declare": ("declare", "declares", "declared", "declaring"),
    "predict": ("predict", "predicts", "predicted", "predicting"),
    "concede": ("concede", "concedes", "conceded", "conceding"),
    "complain": ("complain", "complains", "complained", "complaining"),
    "maintain": ("maintain", "maintains", "maintained", "maintaining"),
    "tweet": ("tweet", "tweets", "tweeted", "tweeting"),
    "continue": ("continues", "continued"),
    "emphasize": ("emphasize", "emphasizes", "emphasized", "emphasizing", "emphasised"),
    "repeat": ("repeat", "repeats", "repeated", "repeating"),
    "promise": ("promise", "promises", "promised", "promising"),
    "pledge": ("pledge", "pledges", "pledged", "pledging"),
    "vow": ("vow", "vows", "vowed", "vowing"),
    "charge": ("charges", "charged"),
    "allege": ("allege", "alleges", "alleged", "alleging"),
    "confirm": ("confirm", "confirms", "confirmed", "confirming"),
    "caution": ("caution", "cautions", "cautioned", "cautioning"),
    "observe": ("observes", "observed"),
    "remark": ("remark", "remarks", "remarked"),
    "testify": ("testify", "testifies", "testified", "testifying"),
    "contend": ("contend", "contends", "contended", "contending"),
    "counter": ("counters", "countered"),
    "agree": ("agree", "agrees", "agreed", "agreeing"),
    "believe": ("believes", "believed"),
    "think": ("thinks",),
    "estimate": ("estimates", "estimated"),
    "predicts": ("forecast", "forecasts"),
    "state": ("states", "stated"),
    "mention": ("mentions", "mentioned"),
    "point": ("pointed",),
    "criticize": ("criticize", "criticizes", "criticized", "criticised", "criticizing"),
    "accuse": ("accuse", "accuses", "accused", "accusing"),
    "call": ("called", "calls"),
    "describe": ("describes", "described"),
    "joke": ("joke", "jokes", "joked", "joking"),
    "quip": ("quips", "quipped"),
    "boast": ("boasts", "boasted"),
    "lament": ("laments", "lamented"),
    "reiterate": ("reiterates", "reiterated", "reiterating"),
    "assert": ("asserts", "asserted", "asserting"),
    "demand": ("demands", "demanded", "demanding"),
    "announce2": ("proclaims", "proclaimed"),
}
_CUE_LEMMAS.update(
    {
        "condemn": ("condemn", "condemns", "condemned", "condemning"),
        "praise": ("praises", "praised", "praising"),
        "blast": ("blasts", "blasted", "blasting"),
        "slam": ("slams", "slammed", "slamming"),
        "reject": ("rejects", "rejected", "rejecting"),
        "dismiss": ("dismisses", "dismissed", "dismissing"),
        "defend": ("defends", "defended", "defending"),
        "hail": ("hails", "hailed", "hailing"),
        "welcome": ("welcomes", "welcomed", "welcoming"),
        "reveal": ("reveals", "revealed", "revealing"),
        "cite": ("cites", "cited", "citing"),
        "scold": ("scolds", "scolded", "scolding"),
        "recommend": ("recommends", "recommended", "recommending"),
        "propose": ("proposes", "proposed", "proposing"),
        "decry": ("decries", "decried", "decrying"),
        "denounce": ("denounces", "denounced", "denouncing"),
        "applaud": ("applauds", "applauded", "applauding"),
        "conclude": ("concludes", "concluded", "concluding"),
        "indicate": ("indicates", "indicated", "indicating"),
        "remind": ("reminds", "reminded", "reminding"),
        "assure": ("assures", "assured", "assuring"),
        "question": ("questioned", "questioning"),
        "challenge": ("challenged", "challenging"),
        "attack": ("attacked",),
        "endorse": ("endorses", "endorsed"),
        "laud": ("lauds", "lauded", "lauding"),
        "mock": ("mocks", "mocked", "mocking"),
        "brand": ("branded", "brands"),
        "label": ("labeled", "labelled"),
        "dub": ("dubbed",),
        "find": ("found",),
        "shout": ("shouted", "shouts"),
        "write2": ("posted",),
    }
)
_CUES = {form: lemma for lemma, forms in _CUE_LEMMAS.items() for form in forms}
# Cues that only mark speech when followed by "that", a quote or a colon: "believes the tax
# plan..." is a belief, "called the shots" is no speech.
_WEAK_CUES = {
    "believe",
    "think",
    "estimate",
    "predicts",
    "point",
    "state",
    "agree",
    "continue",
    "find",
}
# Participles that attach a second statement to the clause's speaker: ", adding that ...".
_PARTICIPLE_CUES = {f for f in _CUES if f.endswith("ing")}

_PRONOUNS = {"he": "m", "she": "f", "they": "p", "it": "o"}
_OBJ_PRONOUNS = {"him": "m", "her": "f", "them": "p", "it": "o"}

_TITLES = frozenset(
    """
    mr mrs ms miss dr sen sens rep reps gov gen lt col maj sgt capt adm prof rev gens cmdr cpl
    pvt atty supt president vice secretary senator governor former retired mayor judge justice
    speaker chancellor prime minister king queen prince princess pope ambassador attorney
    general chairman chairwoman rabbi sheriff representative congressman congresswoman premier
    leader chief director commissioner lieutenant colonel sergeant captain admiral sir dame lord
    lady father sister brother bishop cardinal president-elect nominee candidate spokesman
    spokeswoman spokesperson press deputy acting foreign defense state interior finance treasury
    majority minority house senate democratic republican gop presidential executive officer ceo
    chair founder head
    """.split()
)
_ROLE_HEADS = frozenset(
    """
    spokesman spokeswoman spokesperson spokesmen minister secretary president senator governor
    chairman chairwoman chair director chief ceo nominee candidate leader manager adviser
    advisor aide commissioner ambassador mayor judge justice general officer official analyst
    professor economist strategist pollster attorney lawyer prosecutor correspondent reporter
    editor columnist founder executive speaker whip treasurer counsel coach king queen prince
    pope premier chancellor deputy host anchor author historian scientist researcher expert
    activist organizer head member fellow commentator consultant surrogate operative physician
    doctor sheriff commander colonel lieutenant sergeant captain admiral congressman
    congresswoman representative lawmaker businessman businesswoman billionaire mogul partner
    president-elect director-general secretary-general superintendent sen rep gov gen lt col dr
    mr mrs ms owner student teacher worker resident voter supporter protester veteran father
    mother son daughter wife husband friend actor actress singer rapper star comedian writer
    blogger challenger incumbent delegate chairperson investor entrepreneur pastor
    """.split()
)
_ORG_HEADS = frozenset(
    """
    campaign committee agency ministry department company group government administration party
    organization organisation firm union council court board police military army newspaper
    network paper office kremlin house embassy center centre institute foundation association
    corporation bank fund commission bureau service times post journal news press channel
    magazine report study poll survey team coalition alliance caucus senate congress parliament
    cabinet state statement website spokesperson pentagon nations inc corp ltd complex
    federation league authority tribunal daily tribune
    """.split()
)
_GROUP_HEADS = frozenset(
    """
    officials experts analysts critics supporters aides advisers advisors leaders lawmakers
    democrats republicans people residents voters sources observers economists scientists
    researchers activists members investigators authorities prosecutors officers protesters
    police organizers witnesses spokesmen diplomats others americans europeans
    """.split()
)
# Capitalised words that start sentences or dates rather than names.
_CAP_STOP = frozenset(
    """
    the a an but and or so yet in on at for of to from by with as after before when while if
    though although because since also however meanwhile still now then later earlier asked
    speaking this that these those there here it he she they we i you his her their its our my
    your monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december instead indeed yes no not what why
    how who where which last next during over under about according despite unlike like even
    only just all both each every many most some several one two three first other another such
    once again already today tonight yesterday tomorrow until through thus therefore besides
    moreover furthermore nor either neither whether among amid against without within into onto
    upon said says told
    """.split()
)
_NAME_PARTICLES = frozenset(
    """
    de da di del van von der den le la bin ibn al el du dos das ben st
    """.split()
)
_NAME_CONNECTORS = {"of", "for", "on", "the", "and", "&"}
# Words skipped between a speaker and the cue: "has also said", "later told".
_AUX = frozenset(
    """
    has have had also later previously again then once repeatedly recently is was are were will
    would could did does do not never already publicly privately reportedly often frequently
    further flatly simply just first even still all both himself herself themselves itself now
    initially quickly last ultimately eventually subsequently since earlier explicitly openly
    bluntly angrily emphatically firmly strongly specifically immediately been being ever always
    usually tearfully proudly separately
    """.split()
)
_NEGATED_AUX = {
    "isn't",
    "wasn't",
    "aren't",
    "weren't",
    "doesn't",
    "didn't",
    "don't",
    "hasn't",
    "haven't",
    "hadn't",
    "won't",
    "wouldn't",
    "can't",
    "couldn't",
    "cannot",
}
# "Wells Fargo just this month announced"
_WHEN_WORDS = {"this", "last", "week", "month", "year", "morning", "today", "yesterday"}
_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr sen sens rep reps gov gen lt col maj sgt capt adm prof rev st jr sr inc corp co
    ltd no vs gens cmdr jan feb mar apr jun jul aug sep sept oct nov dec mich calif fla ill mass
    wash ariz conn pa ga va mont wis ky tenn ala la md minn mo nev okla ore tex colo del kan neb
    miss ind ark penn vt wyo
    """.split()
)
_TIME_WORDS = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday today yesterday tonight recently
    earlier later last this week month year morning afternoon evening night then again also
    previously repeatedly publicly privately once often in on at during after before while from
    to with an a the interview statement speech news conference briefing reporters told of his
    her their its own via through by when past days weeks ago
    """.split()
)

# Shorter quotes without a cue or a final comma are scare quotes or titles ("Fox and Friends").
_MIN_QUOTE_WORDS = 4
# Shorter contents ("as much", "in an interview", a show's name) say nothing on their own.
_MIN_STATEMENT_WORDS = 4


# --- tokens ---------------------------------------------------------------------------------


@dataclasses.dataclass
class _Token:
    text: str
    start: int
    end: int
    quote: int  # index of the enclosing long quote, -1 outside quotes

    @property
    def low(self) -> str:
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
    r"[A-Za-z](?:\.[A-Za-z])+\.?"  # U.S., G.K.
    r"|\w+(?:['’\-]\w+)*(?:['’](?=\s|$|[,.;:!?]))?"  # words, O'Brien, Clinton's, Jones'
    r"|[^\w\s]",
    re.UNICODE,
)


def _tokenize(text: str, start: int, end: int, quote_of: list[int]) -> list[_Token]:
    toks: list[_Token] = []
    for m in _TOKEN_RE.finditer(text, start, end):
        s, e = m.start(), m.end()
        word = m.group()
        # "Mr." keeps its period: it is part of the title, not a sentence end.
        if (
            e < end
            and text[e] == "."
            and (word.lower() in _ABBREVIATIONS or (len(word) == 1 and word.isupper()))
        ):
            e += 1
            word = text[s:e]
        if toks and toks[-1].end > s:
            continue  # the period already swallowed by the previous abbreviation
        toks.append(_Token(word, s, e, quote_of[s - start] if s - start < len(quote_of) else -1))
    return toks


# --- quotes and units -----------------------------------------------------------------------


def _find_quotes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of double-quoted text in a paragraph, quote marks included.

    A quote still open at the paragraph's end runs to it: news style opens each paragraph of
    a multi-paragraph quote and closes only the last one.
    """
    spans: list[tuple[int, int]] = []
    open_at = -1
    depth = 0
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
            ch = "“"  # a closing mark typed as the opening one
        if ch in "“«„":
            if open_at >= 0 and text[open_at] in "“«„":
                rest = text[i:end]
                if rest.count("”") + rest.count("»") > rest.count("“") + rest.count("«"):
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


def _word_count(s: str) -> int:
    return len(re.findall(r"\w+", s))


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
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


def _units(text: str, ps: int, pe: int, quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence units of a paragraph that never cut a quote in two."""
    para = text[ps:pe]
    try:
        _, offsets = blingfire.text_to_sentences_and_offsets(para)
    except Exception:  # blingfire rejects some control characters; keep the paragraph whole
        offsets = [(0, len(para))]
    cuts = sorted({ps + s for s, _ in offsets if s > 0})
    # A new unit starts where a sentence-ending quote is followed by a new quote or sentence:
    # `... Friends." "I mean` (blingfire keeps these together).
    for m in re.finditer(r"[.!?](?:[”\"]|'') +(?=[“\"A-Z]|'')", para):
        cuts.append(ps + m.end())
    inside = [(s, e) for s, e in quotes]

    def in_quote(pos: int) -> bool:
        return any(s < pos < e - 1 for s, e in inside)

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
                text[s] in "―—–-" or text[s].islower() or text[units[-1][1] - 1] in "―—–"
            ):
                units[-1] = (units[-1][0], e)
            else:
                units.append((s, e))
    return units


# --- mentions -------------------------------------------------------------------------------


@dataclasses.dataclass
class _Mention:
    """A speaker as written: a name (with its role), a pronoun or a role-only phrase."""

    kind: str  # "name", "pronoun", "role", "unknown"
    start: int
    end: int
    name: str = ""  # the name without titles: "Dmitry Peskov"
    role: str | None = None  # "Kremlin spokesman"
    title: str | None = None  # "Mr."
    is_org: bool = False
    is_group: bool = False
    gender: str | None = None  # from a pronoun or a title


@dataclasses.dataclass
class _Entity:
    name: str
    role: str | None = None
    aliases: set[str] = dataclasses.field(default_factory=set)
    is_org: bool = False
    is_group: bool = False
    gender: str | None = None

    @property
    def surname(self) -> str:
        return _last_token(self.name)


def _last_token(name: str) -> str:
    toks = [t for t in re.findall(r"[\w\-’']+", name) if t.lower() not in _NAME_SUFFIXES]
    return _norm_word(toks[-1]) if toks else ""


_NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


def _is_place_abbreviation(name: str) -> bool:
    """ "Md.", "Va.", "N.J.": the end of "of Ashton, Md.," is no speaker."""
    return bool(re.fullmatch(r"(?:[A-Z][a-z]{1,4}\.|(?:[A-Z]\.){2,3})", name.strip()))


def _gender_of(name: str) -> str | None:
    """ "m" or "f" from a person's first name, None when unknown."""
    toks = name.split()
    if len(toks) < 2:
        return None
    first = toks[0].lower()
    if first in _FEMALE_NAMES:
        return "f"
    if first in _MALE_NAMES:
        return "m"
    return None


def _norm_word(w: str) -> str:
    w = w.lower().replace("’", "'")
    return w[:-2] if w.endswith("'s") else w.rstrip("'")


_FEMALE_TITLES = {"mrs", "ms", "miss", "madam", "dame", "lady", "queen", "princess", "sister"}
_MALE_TITLES = {"mr", "sir", "lord", "king", "prince", "father", "brother"}
# Common first names, for "he"/"she" agreement (a pronoun never resolves to a person of the
# other gender when the first name says which it is).
_FEMALE_NAMES = set(
    """
    mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty
    margaret sandra ashley kimberly emily donna michelle dorothy carol amanda melissa deborah
    stephanie rebecca sharon laura cynthia kathleen amy shirley angela helen anna brenda pamela
    nicole emma samantha katherine christine debra rachel catherine carolyn janet ruth maria
    heather diane virginia julie joyce victoria olivia kelly christina lauren joan evelyn judith
    megan cheryl andrea hannah martha jacqueline frances gloria ann teresa kathryn sara janice
    jean alice madison doris abigail julia judy grace denise amber marilyn beverly danielle
    theresa sophia marie diana brittany natalie isabella charlotte rose alexis kayla hillary
    claire condoleezza nikki sheryl elena angela theresa marine ivanka melania chelsea kellyanne
    huma donna nancy elizabeth dianne tammy kirsten kamala michele debbie sonia ruth susana
    carly sarah michele jill tulsi maxine loretta janet sally valerie kristen jessica jennifer
    christina carla karen krystal adriana ariana esther julie sonya martha katrina kate katie
    samantha gina penny robin ruth yvonne wendy paula monica melanie leslie kristin jane
    gretchen erin dana anne alison
    """.split()
)
_MALE_NAMES = set(
    """
    james robert john michael william david richard joseph thomas charles christopher daniel
    matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy
    ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin
    scott brandon benjamin samuel gregory frank alexander raymond patrick jack dennis jerry
    tyler aaron jose adam nathan henry douglas zachary peter kyle walter ethan jeremy harold
    keith christian roger noah gerald carl terry sean austin arthur lawrence jesse dylan bryan
    joe jordan billy bruce albert willie gabriel logan alan juan wayne roy ralph randy eugene
    vincent russell elijah louis bobby philip phil johnny barack bill bernie mike mitt ted tim
    newt rudy chris jeb marco rand reince corey dmitry sergei vladimir boris francois
    xi ban shinzo justin benjamin bibi hassan recep emmanuel matteo jean-marc
    nicolas hugo evo lloyd earl marc fred chad craig douglas jorge
    francisco luis oscar edwin steve steven jake jeff sherrod harry mitch chuck lindsey orrin
    jim tom dick rick ricky rob bob ben dan doug greg ken len ron sam stan will woody ernest
    josh robby jason jared reid rahm rex ivan igor dmitri alexei mikhail yuri andrei
    """.split()
) - {"lindsey"}


def _split_name_chunk(toks: list[_Token]) -> tuple[list[_Token], list[_Token]]:
    """Split a capitalised chunk into (role/title part, name part) at its last title word."""
    last_title = -1
    for i, t in enumerate(toks):
        if t.low in _TITLES or t.low in _ROLE_HEADS:
            last_title = i
        # "Secretary of State John Kerry": the "of X" belongs to the title
        if (
            i > 0
            and toks[i - 1].low == "of"
            and last_title == i - 2
            and t.low in _TITLES | {"state", "defense", "homeland", "justice", "health"}
        ):
            last_title = i
    name = toks[last_title + 1 :]
    while name and name[0].low in _NAME_CONNECTORS:
        name = name[1:]
    if not name or all(t.low in _ORG_HEADS for t in name):
        # an organisation named with a head word ("Republican National Committee", "Russian
        # Defense Ministry")
        return [], toks
    return toks[: last_title + 1], name


def _mention_from_chunk(
    text: str, chunk: list[_Token], role_toks: list[_Token], det: str | None
) -> _Mention:
    title_part, name_part = _split_name_chunk(chunk)
    role_words = role_toks + title_part
    name = text[name_part[0].start : name_part[-1].end]
    name = re.sub(r"['’]s?$", "", name) if name_part[-1].possessive else name
    low = [t.low for t in name_part]
    is_group = name_part[-1].low in _GROUP_HEADS or " and " in name or "&" in name
    is_org = (
        det is not None
        or any(w in _ORG_HEADS for w in low)
        or (len(name_part) == 1 and name_part[0].text.isupper() and len(name_part[0].text) > 1)
    )
    role = None
    titles = [t for t in role_words if t.low in _TITLES and t.text.endswith(".")]
    if any(t.low in _TITLES or t.low in _ROLE_HEADS for t in role_words):
        role = text[role_words[0].start : role_words[-1].end]
        if all(t.low in _TITLES and t.text.endswith(".") for t in role_words):
            role = None  # "Mr." is a title, not a role
    gender = None
    if titles:
        tl = titles[-1].low
        gender = "f" if tl in _FEMALE_TITLES else "m" if tl in _MALE_TITLES else None
    return _Mention(
        "name",
        (role_words[0] if role_words else name_part[0]).start,
        name_part[-1].end,
        name=name,
        role=role,
        title=titles[-1].text if titles else None,
        is_org=is_org and not is_group,
        is_group=is_group,
        gender=gender,
    )


def _np_left(
    text: str, toks: list[_Token], j: int, floor: int, possessive: bool = False
) -> _Mention | None:
    """The speaker noun phrase ending at token j (inclusive), read leftwards."""
    if j < floor:
        return None
    t = toks[j]
    if t.quote >= 0:
        return None
    if t.low in _PRONOUNS and (
        j == floor or not toks[j - 1].is_cap or toks[j - 1].low in {"and", "but"}
    ):
        return _Mention("pronoun", t.start, t.end, name=t.low, gender=_PRONOUNS[t.low])
    if t.text == ")":  # "Sen. Jon Tester (D-Mont.) said"
        k = j
        while k > floor and toks[k].text != "(":
            k -= 1
        return _np_left(text, toks, k - 1, floor) if toks[k].text == "(" else None
    if t.is_cap and t.is_word and (possessive or not t.possessive):
        k = j
        while k - 1 >= floor:
            p = toks[k - 1]
            if p.quote >= 0:
                break
            if p.is_cap and p.is_word and not p.possessive and p.low not in _CAP_STOP:
                k -= 1
            elif (
                p.low in _NAME_PARTICLES | {"of", "for", "&", "and"}
                and k - 2 >= floor
                and toks[k - 2].is_cap
                and toks[k - 2].is_word
                and toks[k - 2].low not in _CAP_STOP
                and not toks[k - 2].possessive
            ):
                if p.low == "and" and not (toks[k - 2].is_cap and toks[k].low not in _TITLES):
                    break
                k -= 2
            else:
                break
        chunk = toks[k : j + 1]
        while chunk and chunk[0].low in _CAP_STOP:
            chunk = chunk[1:]
        if not chunk:
            return None
        k = j + 1 - len(chunk)
        # A one-word chunk at the start of a unit that is a common word ("Critics said").
        if chunk[-1].low in _GROUP_HEADS and len(chunk) == 1:
            return _role_np(text, toks, j, floor)
        role_toks, det = _role_prefix(toks, k, floor)
        m = _mention_from_chunk(text, chunk, role_toks, det)
        if role_toks and not any(r.low in _ROLE_HEADS or r.low in _TITLES for r in role_toks):
            m.role = None  # "Russian military industrial complex Rostek": not a role
            m.start = chunk[0].start
        return m
    if t.is_word and (t.low in _ROLE_HEADS or t.low in _ORG_HEADS or t.low in _GROUP_HEADS):
        return _role_np(text, toks, j, floor)
    return None


def _role_prefix(toks: list[_Token], k: int, floor: int) -> tuple[list[_Token], str | None]:
    """Descriptors before a name: "Kremlin spokesman", "Hillary Clinton's campaign manager"."""
    i = k
    while i - 1 >= floor and k - (i - 1) <= 7:
        p = toks[i - 1]
        if p.quote >= 0 or not p.is_word:
            break
        if p.low in {"the", "a", "an"}:
            return toks[i:k], p.low
        if p.low in _CAP_STOP and not p.possessive:
            break
        if p.low in _CUES or p.low in _AUX:
            break
        i -= 1
    role = toks[i:k]
    # Only a prefix that ends in a role word is a role: "complex Rostek" has none.
    if role and not (role[-1].low in _ROLE_HEADS or role[-1].low in _TITLES):
        role = []
    return role, None


def _role_np(text: str, toks: list[_Token], j: int, floor: int) -> _Mention | None:
    """A role-only phrase ending at token j: "the spokesman", "the Kremlin's spokesman"."""
    i = j
    while i - 1 >= floor and j - (i - 1) <= 5:
        p = toks[i - 1]
        if p.quote >= 0 or not p.is_word or p.low in _CUES or p.low in _AUX:
            break
        if p.low in {"the", "a", "an", "some", "one", "many", "several", "two", "three"}:
            i -= 1
            break
        if p.low in _CAP_STOP:
            break
        i -= 1
    det = (
        toks[i].low
        if toks[i].low in {"the", "a", "an", "some", "one", "many", "several", "two", "three"}
        else None
    )
    words = toks[i + (1 if det else 0) : j + 1]
    if not words:
        return None
    phrase = text[words[0].start : words[-1].end]
    head = toks[j].low
    if det != "the":
        # "a spokesman", "officials": nobody the reader can name
        return _Mention("unknown", toks[i].start, toks[j].end, name=phrase)
    kind = "role"
    return _Mention(
        kind,
        toks[i].start,
        toks[j].end,
        name=phrase,
        role=phrase,
        is_org=head in _ORG_HEADS,
        is_group=head in _GROUP_HEADS,
    )


def _np_right(text: str, toks: list[_Token], j: int, stop: int) -> _Mention | None:
    """The speaker after an inverted cue: `"...," said Kremlin spokesman Dmitry Peskov.`"""
    if j >= stop:
        return None
    t = toks[j]
    if t.low in _PRONOUNS:
        return _Mention("pronoun", t.start, t.end, name=t.low, gender=_PRONOUNS[t.low])
    k = j
    det = None
    if t.low in {"the", "a", "an"}:
        det = t.low
        k += 1
    e = k
    while (
        e < stop
        and toks[e].is_word
        and toks[e].quote < 0
        and (
            (toks[e].is_cap and toks[e].low not in _CAP_STOP)
            or toks[e].low in _ROLE_HEADS
            or toks[e].low in _ORG_HEADS
            or (toks[e].low in _NAME_PARTICLES and e + 1 < stop and toks[e + 1].is_cap)
            or (
                # "Secretary of State", "Association of Flight Attendants"; not "Easley for
                # Morning Consult"
                toks[e].low in {"of", "for"}
                and e + 1 < stop
                and toks[e + 1].is_cap
                and e > k
                and toks[e - 1].low in _ORG_HEADS | _ROLE_HEADS | _TITLES
            )
            or (
                e > k and toks[e].low in {"press", "campaign", "foreign", "former", "top", "senior"}
            )
            or (
                e == k
                and not toks[e].is_cap
                and e + 1 < stop
                and toks[e + 1].is_word
                and (toks[e + 1].low in _ROLE_HEADS or toks[e + 1].is_cap)
            )
        )
    ):
        e += 1
        if toks[e - 1].possessive and e < stop:
            continue
    if e == k:
        return None
    span = toks[k:e]
    # the name is the trailing capitalised run; the rest is the role
    n = len(span)
    while n > 0 and span[n - 1].is_cap and not (n < len(span) and span[n - 1].possessive):
        n -= 1  # stop at an owner: "NBC's Dante Chinni" is Dante Chinni
    name_toks = span[n:]
    if name_toks:
        return _mention_from_chunk(text, name_toks, span[:n], det)
    return _role_np(text, toks, e - 1, j)


# --- attribution patterns -------------------------------------------------------------------


@dataclasses.dataclass
class _Attribution:
    mention: _Mention
    cue: str
    start: int  # content span
    end: int
    kind: str
    cue_pos: int
    nested: bool = False


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    """Content without surrounding spaces, commas and the sentence's final period."""
    while s < e and (text[s].isspace() or text[s] in ",:;—–-"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:—–-"):
        e -= 1
    if e > s and text[e - 1] == "." and not (e - 2 >= s and text[e - 2].isupper()):
        e -= 1
    return s, e


_TELL_OBJECTS = {
    "reporters",
    "journalists",
    "him",
    "her",
    "them",
    "us",
    "me",
    "supporters",
    "voters",
    "lawmakers",
    "members",
    "the",
    "a",
    "an",
    "colleagues",
    "listeners",
    "viewers",
    "readers",
    "audiences",
    "crowds",
    "students",
    "senators",
    "congress",
}
# Before a base-form cue ("say", "warn"), only these make it a verb: "they say", "will warn".
_BASE_FORM_SUBJECTS = {
    "they",
    "we",
    "i",
    "you",
    "will",
    "would",
    "could",
    "did",
    "do",
    "does",
    "may",
    "might",
    "must",
    "can",
    "should",
    "not",
    "never",
    "to",
    "also",
    "often",
    "still",
    "now",
    "and",
}


def _cue_at(toks: list[_Token], i: int) -> tuple[str, int] | None:
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
    if low not in _CUES:
        return None
    lemma = _CUES[low]
    if low == lemma and i > 0:
        # "a Times report that", "the claim": nouns, not cues
        prev = toks[i - 1]
        plural_subject = prev.is_word and (
            prev.low in _GROUP_HEADS or (prev.is_cap and prev.low.endswith("s"))
        )
        if prev.low not in _BASE_FORM_SUBJECTS and not plural_subject:
            return None
    j = i
    if lemma in {"tell", "ask", "urge", "warn", "remind", "assure"} and i + 1 < n:
        nxt = toks[i + 1]
        if nxt.low in _TELL_OBJECTS or (nxt.is_cap and nxt.is_word and nxt.quote < 0):
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


def _content_after(text: str, toks: list[_Token], j: int, end: int, lemma: str) -> tuple[int, int]:
    """Where the reported content starts after a cue: skip adverbials and 'that'."""
    k = j + 1
    n = len(toks)
    # "said Tuesday that", "says at a campaign stop in Toledo, Ohio, that", "told CNN that"
    for look in range(k, min(n, k + 14)):
        if toks[look].low == "that" and toks[look].quote < 0:
            between = toks[k:look]
            if all(
                b.low in _TIME_WORDS
                or b.is_cap
                or b.text in {",", "’s", "'s"}
                or b.low.isdigit()
                or (b.is_word and len(between) <= 8 and b.low not in _CUES)
                for b in between
            ) and not any(b.text in {".", "?", "!"} for b in between):
                return toks[look].end, end
            break
        if toks[look].quote >= 0 or toks[look].text in {":"}:
            break
    # "said on Tuesday, ..." / "said Monday: ..."
    look = k
    while (
        look < n
        and toks[look].quote < 0
        and (
            toks[look].low in _TIME_WORDS or (toks[look].is_cap and toks[look].low not in _PRONOUNS)
        )
    ):
        look += 1
    if look < n and look > k and toks[look].text in {",", ":"}:
        return toks[look].end, end
    if k < n and toks[k].text in {",", ":"}:
        return toks[k].end, end
    return toks[j].end, end


def _only_circumstance(toks: list[_Token], s: int, e: int) -> bool:
    """True for a "content" that is only when/where it was said: "Friday as he entered"."""
    words = [t for t in toks if s <= t.start < e and t.is_word]
    if not words or len(words) > 10:
        return False
    first = words[0].low
    return first in _TIME_WORDS and first not in {"a", "an", "the", "his", "her", "their", "its"}


def _participle_cut(toks: list[_Token], s: int, e: int) -> int:
    """End a content before `, adding that ...` (that belongs to a second statement)."""
    for i, t in enumerate(toks):
        if t.start <= s or t.start >= e or t.quote >= 0:
            continue
        if (
            t.low in _PARTICIPLE_CUES
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


class _Extractor:
    def __init__(self, article: Article) -> None:
        self.article = article
        self.text = article.text
        self.entities: dict[str, _Entity] = {}
        self.recent: list[tuple[str | None, _Mention]] = []  # speakers, oldest first
        self.name_mentions: list[tuple[int, _Mention]] = []
        # clause-initial names outside quotes ("Clinton leaned in ..."): pronoun referents
        self.subject_mentions: list[tuple[int, _Mention]] = []
        self.unit_start = 0
        self.statements: list[Statement] = []
        self.speakers: list[_Entity] = []  # the entity of each statement
        self.spans: list[tuple[int, int]] = []

    # -- entities --

    def _register_names(self) -> None:
        """Every capitalised name in the article, so that "Trump" can become "Donald Trump"."""
        text = self.text
        in_quote = [False] * len(text)
        for ps, pe in _paragraphs(text):
            for qs, qe in _find_quotes(text, ps, pe):
                for p in range(qs, qe):
                    in_quote[p] = True
        toks = _tokenize(text, 0, len(text), [-1] * len(text))
        i = 0
        while i < len(toks):
            if toks[i].is_cap and toks[i].is_word and toks[i].low not in _CAP_STOP:
                j = i
                while (
                    j + 1 < len(toks)
                    and toks[j + 1].is_word
                    and text[toks[j].end : toks[j + 1].start] in {" ", "\xa0"}
                    and (
                        (toks[j + 1].is_cap and toks[j + 1].low not in _CAP_STOP)
                        or toks[j + 1].low in _NAME_PARTICLES
                    )
                    and not toks[j].possessive
                ):
                    j += 1
                m = _np_left(text, toks, j, i, possessive=True)
                if m is not None and m.kind == "name" and len(m.name.split()) >= 2:
                    self.name_mentions.append((m.start, m))
                if (
                    m is not None
                    and m.kind == "name"
                    and not toks[j].possessive
                    and not in_quote[toks[i].start]
                    and j + 1 < len(toks)
                    and toks[j + 1].is_word
                    and toks[j + 1].text[:1].islower()
                    and toks[j + 1].low not in {"and", "of", "or", "for", "to", "in", "on"}
                    and self._global_clause_start(toks, i)
                ):
                    self.subject_mentions.append((m.start, m))
                i = j + 1
            else:
                i += 1

    def _global_clause_start(self, toks: list[_Token], i: int) -> bool:
        if i == 0 or "\n" in self.text[toks[i - 1].end : toks[i].start]:
            return True
        prev = toks[i - 1]
        if prev.low in _TITLES and prev.is_cap:
            return self._global_clause_start(toks, i - 1)
        return prev.text in {".", ",", ";", ":", "—", "?", "!"} or (
            prev.is_cap and prev.low in _CAP_STOP
        )

    def _entity_for(self, m: _Mention, pos: int) -> _Entity | None:
        if m.kind == "name":
            return self._resolve_name(m, pos)
        if m.kind == "pronoun":
            return self._resolve_pronoun(m)
        if m.kind == "role":
            return self._resolve_role(m)
        return None

    def _resolve_name(self, m: _Mention, pos: int) -> _Entity:
        name = m.name
        toks = name.split()
        if m.is_group or m.is_org:
            key = re.sub(r"^(?:the|The)\s+", "", name)
            ent = self.entities.get(key)
            if ent is None:
                ent = _Entity(key, m.role, is_org=m.is_org, is_group=m.is_group)
                self.entities[key] = ent
            ent.aliases.add(name)
            return ent
        full = name
        if len(toks) == 1 or (len(toks) == 2 and toks[0].rstrip(".").lower() in _TITLES):
            full = self._expand_surname(_last_token(name), pos) or name
        ent = self.entities.get(full)
        if ent is None:
            ent = _Entity(full, m.role, is_org=m.is_org)
            self.entities[full] = ent
        if m.role and (ent.role is None or len(m.role) > len(ent.role)):
            ent.role = m.role
        if ent.role is None:
            # the role given where the name was introduced: "US President Donald Trump's"
            ent.role = next(
                (x.role for _, x in self.name_mentions if x.name == full and x.role), None
            )
        if m.gender:
            ent.gender = m.gender
        elif ent.gender is None:
            ent.gender = _gender_of(full)
        ent.aliases.add(name)
        ent.aliases.add(full)
        surname = full.split()[-1]
        if surname != full:
            ent.aliases.add(surname)
        return ent

    def _expand_surname(self, surname: str, pos: int) -> str | None:
        # 1. the most recent speaker with that surname ("Clinton said" after "Bill Clinton said")
        for key, _ in reversed(self.recent):
            ent = self.entities.get(key) if key else None
            if ent and ent.surname == surname and len(ent.name.split()) >= 2:
                return ent.name
        # 2. the nearest full-name mention before, else the first one after
        before = [m for p, m in self.name_mentions if p < pos and _last_token(m.name) == surname]
        if before:
            return before[-1].name
        after = [m for p, m in self.name_mentions if p >= pos and _last_token(m.name) == surname]
        return after[0].name if after else None

    def _resolve_pronoun(self, m: _Mention) -> _Entity | None:
        """The most recent compatible speaker or sentence subject before the pronoun."""
        want = m.gender
        recent = self.recent[-6:]
        floor = recent[0][1].start if recent else 0
        cands: list[tuple[int, str | None, _Mention]] = [
            (men.start, key, men) for key, men in recent
        ]
        if want in {"m", "f"}:
            cands += [
                (pos, "", men)
                for pos, men in self.subject_mentions
                if floor <= pos < self.unit_start and pos < m.start
            ]
        cands.sort(key=lambda c: c[0], reverse=True)
        for i, (pos, key, men) in enumerate(cands):
            if key is None:
                if i == 0:
                    # an unnamed speaker ("a spokesman said ... he added") is the referent
                    return None
                continue
            if key == "":
                ent = self._person_entity(men, pos)
                if ent is None or ent.gender != want:
                    continue
                return ent
            ent = self.entities[key]
            if want in {"m", "f"}:
                if ent.is_group:
                    continue
                if ent.gender and ent.gender != want:
                    continue
                if not ent.gender and not ent.is_org:
                    ent.gender = want
                return ent
            if want == "p" and (ent.is_group or ent.is_org):
                return ent
            if want == "o" and ent.is_org:
                return ent
        if want == "p" and self.recent and self.recent[-1][0]:
            return self.entities[self.recent[-1][0]]  # singular "they"
        return None

    def _person_entity(self, m: _Mention, pos: int) -> _Entity | None:
        """The entity of a sentence subject when it is clearly a person of known gender."""
        full = m.name
        if len(full.split()) == 1:
            full = self._expand_surname(_last_token(full), pos) or full
        gender = m.gender or _gender_of(full)
        if gender is None:
            return None
        ent = self._resolve_name(m, pos)
        ent.gender = ent.gender or gender
        return ent

    def _resolve_role(self, m: _Mention) -> _Entity | None:
        phrase = re.sub(r"^(?:the|The)\s+", "", m.name).lower().split()
        head = phrase[-1] if phrase else ""
        best: _Entity | None = None
        for ent in self.entities.values():
            if ent.role and head in ent.role.lower().replace(".", "").split():
                rwords = set(ent.role.lower().replace(".", "").split())
                if set(phrase) - rwords <= {"former", "russian", "us", "u.s."}:
                    best = ent  # later entities win: the most recently introduced
        if best is None and m.is_org:
            # "the agency" may be the organisation named just before ("the Agency" in its name)
            for key, _ in reversed(self.recent[-4:]):
                org = self.entities.get(key) if key else None
                if org and org.is_org and head in org.name.lower().split():
                    return org
        return best

    # -- extraction --

    def run(self) -> list[Statement]:
        self._register_names()
        text = self.text
        prev_para_quote_speaker: str | None = None
        for ps, pe in _paragraphs(text):
            quotes = _find_quotes(text, ps, pe)
            long_quotes = [
                (s, e)
                for s, e in quotes
                if _word_count(text[s:e]) >= _MIN_QUOTE_WORDS
                or re.search(r"[.!?,]\W*$", text[s:e][:-1])
            ]
            quote_of = [-1] * (pe - ps)
            for qi, (s, e) in enumerate(quotes):
                for p in range(s, e):
                    quote_of[p - ps] = qi
            toks_all = _tokenize(text, ps, pe, quote_of)
            units = _units(text, ps, pe, quotes)
            last_quote_speaker: str | None = None
            last_quote_stmt: int | None = None
            para_start_stmts = len(self.statements)
            for us, ue in units:
                self.unit_start = us
                toks = [t for t in toks_all if us <= t.start < ue]
                if not toks:
                    continue
                unit_quotes = [(s, e) for s, e in quotes if us <= s < ue]
                unit_long = [(s, e) for s, e in long_quotes if us <= s < ue]
                attrs = self._attributions(toks, us, ue, unit_quotes, unit_long)
                if not attrs:
                    # a bare quote continuing the previous speaker's quote
                    if unit_long and self._only_quotes(toks, unit_long):
                        spk = last_quote_speaker
                        if spk is None and len(self.statements) == para_start_stmts:
                            spk = prev_para_quote_speaker
                        if spk is not None:
                            s0, e0 = unit_long[0][0], unit_long[-1][1]
                            if last_quote_stmt is not None and self._merge(last_quote_stmt, e0):
                                continue
                            if self._emit(self.entities[spk], s0, e0, None, "quote"):
                                last_quote_stmt = len(self.statements) - 1
                    continue
                for a in attrs:
                    ent = self._entity_for(a.mention, a.mention.start)
                    key = ent.name if ent else None
                    if not a.nested:
                        self.recent.append((key, a.mention))
                    if ent is None:
                        continue
                    s, e = _trim(text, a.start, a.end)
                    if e <= s or _word_count(text[s:e]) < _MIN_STATEMENT_WORDS:
                        continue
                    if self._emit(ent, s, e, a.cue, a.kind) and a.kind == "quote":
                        last_quote_speaker = key
                        last_quote_stmt = len(self.statements) - 1
            # Only a quote left open at the paragraph's end continues into the next paragraph
            # (news style for multi-paragraph quotes); vox-pop lists are not continuations.
            open_end = (
                bool(long_quotes) and long_quotes[-1][1] == pe and text[pe - 1] not in ("”\"'»")
            )
            prev_para_quote_speaker = (
                last_quote_speaker if last_quote_stmt is not None and open_end else None
            )
        return self._finish()

    def _only_quotes(self, toks: list[_Token], long_q: list[tuple[int, int]]) -> bool:
        return all(t.quote >= 0 or not t.is_word for t in toks) and bool(long_q)

    def _merge(self, idx: int, new_end: int) -> bool:
        """Extend a statement over `"A," he said. "B"` when B follows in the same paragraph."""
        st = self.statements[idx]
        between = self.text[st.end : new_end]
        if "\n" in between:
            return False
        s, e = st.start, new_end
        self.statements[idx] = dataclasses.replace(st, text=self.text[s:e], start=s, end=e)
        self.spans[idx] = (s, e)
        return True

    def _emit(self, ent: _Entity, s: int, e: int, cue: str | None, kind: str) -> bool:
        """Record a statement; False when a statement of the same speaker already covers it."""
        for i, (a, b) in enumerate(self.spans):
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
        return True

    def _finish(self) -> list[Statement]:
        """Statements with each speaker's role and aliases as known at the article's end."""
        out = []
        for st, ent in zip(self.statements, self.speakers, strict=True):
            aliases = tuple(sorted(ent.aliases | ({ent.role} if ent.role else set())))
            out.append(dataclasses.replace(st, role=ent.role, aliases=aliases))
        return out

    def _attributions(
        self,
        toks: list[_Token],
        us: int,
        ue: int,
        quotes: list[tuple[int, int]],
        long_q: list[tuple[int, int]],
    ) -> list[_Attribution]:
        text = self.text
        out: list[_Attribution] = []
        n = len(toks)
        i = 0
        used_quote: set[int] = set()
        while i < n:
            found = _cue_at(toks, i)
            if found is None:
                i += 1
                continue
            cue, j = found
            lemma = _CUES.get(toks[i].low, toks[i].low)
            a = self._attribution_at(toks, i, j, cue, lemma, us, ue, long_q, used_quote)
            if (
                a is None
                and out
                and i > 0
                and (
                    (
                        toks[i].low in _PARTICIPLE_CUES
                        and (toks[i - 1].text == "," or toks[i - 1].low in {"before", "after"})
                    )
                    or toks[i - 1].low == "and"
                )
            ):
                # ", adding that ...", "accused X and asserted that ...": the speaker of the
                # clause says this too
                s, e = _content_after(text, toks, j, ue, lemma)
                e = _participle_cut(toks, s, e)
                if _word_count(text[s:e]) >= 3:
                    prev = out[-1]
                    if prev.start < toks[i - 1].start < prev.end:
                        prev.end = toks[i - 1].start
                    a = _Attribution(prev.mention, cue, s, e, "reported", toks[i].start)
                    a.nested = True
            if a is not None:
                out.append(a)
            i = j + 1
        out.extend(self._dash_attributions(toks, long_q, out))
        # Mark attributions nested in another one's content ("Flynn said Trump said ...").
        for a in out:
            for b in out:
                if a is not b and b.start <= a.cue_pos < b.end and b.start <= a.mention.start:
                    a.nested = True
        return out

    def _attribution_at(
        self,
        toks: list[_Token],
        i: int,
        j: int,
        cue: str,
        lemma: str,
        us: int,
        ue: int,
        long_q: list[tuple[int, int]],
        used: set[int],
    ) -> _Attribution | None:
        text = self.text
        n = len(toks)
        cue_start = toks[i].start
        before_q = [q for q in long_q if q[1] <= cue_start]
        after_q = [q for q in long_q if q[0] >= toks[j].end]

        if lemma == "according" and cue == "according to":
            m = self._according_np(toks, j + 1, n)
            if m is None:
                return None
            k = j + 1
            while k < n and toks[k].start < m.end:
                k += 1
            if i > 0 and toks[i - 1].text in {",", "—", "–", "("}:
                s, e = us, toks[i - 1].start  # "CONTENT, according to X."
                return _Attribution(m, cue, s, e, "reported", cue_start)
            if k < n and toks[k].text == ",":
                return _Attribution(m, cue, toks[k].end, ue, "reported", cue_start)
            return None

        # "quoted him as saying" / "X quoted SPEAKER as saying that ..."
        if toks[i].low == "quoted" or (
            lemma == "say" and toks[i].low == "saying" and i >= 2 and toks[i - 1].low == "as"
        ):
            return self._quoted_as_saying(toks, i, ue, before_q, cue_start)

        # ` "Q," SPEAKER CUE.`  and  ` "Q," CUE SPEAKER.`
        prev_q = before_q[-1] if before_q else None
        if prev_q is not None and not self._opens_unit(toks, prev_q, long_q):
            # `The answers are "not meeting the demand," says X.`: the statement is the whole
            # clause; but `In his book, "Title," Mr. X suggested looking at...` is no quote.
            rest = [t for t in toks[j + 1 :] if t.is_word and t.quote < 0]
            if len(rest) <= 16 and not any(t.low == "that" for t in rest):
                prev_q = (toks[0].start, prev_q[1])
            else:
                prev_q = None
        left = self._subject_left(toks, i)
        if prev_q is not None:
            gap_toks = [t for t in toks if prev_q[1] <= t.start < cue_start]
            lead = [t for t in gap_toks if left is not None and t.start < left.start]
            if (
                left is not None
                and len(lead) <= 4
                and not any(t.text in {".", "?", "!", ";"} or t.low in _CUES for t in lead)
                and left.start >= prev_q[1]
            ):
                s, e = prev_q
                e = self._continuation(toks, j, ue, after_q, e)
                used.add(s)
                return _Attribution(left, cue, s, e, "quote", cue_start)
            if not any(t.is_word for t in gap_toks):
                right = _np_right(text, toks, j + 1, n)
                if right is not None:
                    s, e = prev_q
                    e = self._continuation(toks, j, ue, after_q, e)
                    used.add(s)
                    return _Attribution(right, cue, s, e, "quote", cue_start)
        if left is None:
            # `CLAUSE, said Smith.` / `CLAUSE, noted NBC's Dante Chinni.`
            if i > 1 and toks[i - 1].text == "," and toks[0].start < toks[i - 1].start:
                right = _np_right(text, toks, j + 1, n)
                if right is not None and right.kind in {"name", "role"}:
                    k = j + 1
                    while k < n and toks[k].start < right.end:
                        k += 1
                    if k >= n or toks[k].text in {",", ".", "(", "—"}:
                        return _Attribution(
                            right, cue, toks[0].start, toks[i - 1].start, "reported", cue_start
                        )
            return None
        if lemma in _WEAK_CUES:
            nxt = toks[j + 1] if j + 1 < n else None
            if nxt is None or not (nxt.low == "that" or nxt.quote >= 0 or nxt.text == ":"):
                return None
        # `SPEAKER CUE: "Q"` and `SPEAKER CUE (that) CLAUSE`
        s, e = _content_after(text, toks, j, ue, lemma)
        if re.match(
            r"(?:as much|so|this|that|it|otherwise|nothing|something)\b\W*$|(?:as much|so)\b",
            text[s:e].strip().lower(),
        ):
            return None  # "said as much", "said so": the content is elsewhere
        if _only_circumstance(toks, s, e):
            return None  # "said Friday as he entered the talks"
        e = _participle_cut(toks, s, e)
        kind = "reported"
        for qs, qe in after_q:
            if qs <= s + 2 and qe >= e - 2:
                kind = "quote"
                s, e = qs, max(e, qe)
        if _word_count(text[s:e]) == 0:
            # `CLAUSE, SPEAKER CUE.`: the content is before the speaker
            first = toks[0]
            if left.start > first.start:
                k = next((x for x in range(len(toks)) if toks[x].start >= left.start), len(toks))
                if k > 0 and toks[k - 1].text in {",", "—"}:
                    return _Attribution(
                        left, cue, first.start, toks[k - 1].start, "reported", cue_start
                    )
            return None
        return _Attribution(left, cue, s, e, kind, cue_start)

    @staticmethod
    def _opens_unit(toks: list[_Token], q: tuple[int, int], long_q: list[tuple[int, int]]) -> bool:
        """True when nothing but punctuation or another quote comes before quote q."""
        if any(e <= q[0] for _, e in long_q):
            return True
        return not any(t.is_word and t.quote < 0 for t in toks if t.start < q[0])

    def _dash_attributions(
        self, toks: list[_Token], long_q: list[tuple[int, int]], found: list[_Attribution]
    ) -> list[_Attribution]:
        """`"Q" ― Martha Aguilar` (vox pops, epigraphs) and `Martha Aguilar: "Q"`."""
        out = []
        taken = {(a.start, a.end) for a in found}
        n = len(toks)
        for qs, qe in long_q:
            if any(a.start <= qs < a.end for a in found) or (qs, qe) in taken:
                continue
            k = next((x for x in range(n) if toks[x].start >= qe), n)
            if k < n and toks[k].text in {"―", "—", "–", "-"} and k + 1 < n:
                m = _np_right(self.text, toks, k + 1, n)
                if m is not None and m.kind == "name":
                    out.append(_Attribution(m, toks[k].text, qs, qe, "quote", toks[k].start))
                    continue
            b = max((x for x in range(n) if toks[x].end <= qs), default=-1)
            if b >= 1 and toks[b].text == ":":
                m = _np_left(self.text, toks, b - 1, 0)
                if m is not None and m.kind == "name" and m.start == toks[0].start:
                    out.append(_Attribution(m, ":", qs, qe, "quote", toks[b].start))
        return out

    def _continuation(
        self, toks: list[_Token], j: int, ue: int, after_q: list[tuple[int, int]], e: int
    ) -> int:
        """`"A," he said, "B."` : the quote after the attribution continues the statement."""
        if not after_q:
            return e
        qs, qe = after_q[0]
        gap = self.text[toks[j].end : qs]
        if len(gap) < 60 and not re.search(r"[.!?]", gap.strip(" ,:—–")[:-1] or ""):
            return qe
        return e

    def _subject_left(self, toks: list[_Token], i: int) -> _Mention | None:
        j = i - 1
        while (
            j >= 0
            and toks[j].quote < 0
            and (
                toks[j].low in _AUX
                or toks[j].low in _NEGATED_AUX
                or toks[j].low in _WHEN_WORDS
                or (
                    toks[j].text.endswith("ly") and toks[j].text.islower() and len(toks[j].text) > 4
                )
            )
        ):
            j -= 1
        if j < 0:
            return None
        m = _np_left(self.text, toks, j, 0)
        if m is not None:
            return m
        # appositives: "Flynn, a top Trump surrogate, said", "Donna Sampson Rawlings, 53, of
        # Silver Spring, Md., said": the name is the first NP of the comma chain that starts
        # the clause.
        if toks[j].text not in {",", "—", "–"}:
            return None
        best: tuple[_Mention, int] | None = None
        k = j
        while k > 0 and j - k <= 40:
            t = toks[k]
            if t.quote >= 0 or t.text in {".", "?", "!", ";", ":"}:
                break
            if t.text in {",", "—", "–", "("}:
                m = _np_left(self.text, toks, k - 1, 0)
                if (
                    m is not None
                    and m.kind in {"name", "pronoun"}
                    and not _is_place_abbreviation(m.name)
                    and self._clause_start(toks, m.start)
                ):
                    best = (m, k)  # keep walking: the leftmost NP of the chain is the speaker
            k -= 1
        if best is None:
            return None
        m, k = best
        first = toks[k + 1]
        appos = self.text[first.start : toks[j - 1].end]
        if (
            k < j
            and m.role is None
            and first.low in {"a", "an", "the"}
            and any(w in _ROLE_HEADS for w in re.findall(r"\w+", appos.lower()))
            and len(appos.split()) <= 8
        ):
            m.role = re.sub(r"^(?:a|an|the)\s+", "", appos).split(",")[0]
        return m

    @staticmethod
    def _clause_start(toks: list[_Token], pos: int) -> bool:
        """True when a speaker NP starting at `pos` begins its clause."""
        idx = next((x for x in range(len(toks)) if toks[x].start >= pos), 0)
        if idx == 0:
            return True
        prev = toks[idx - 1]
        return (
            prev.text in {",", "—", "–", ";", ":", "(", "''", '"', "”"}
            or (prev.low in _CAP_STOP and prev.is_cap)
            or prev.low in {"and", "but", "while", "as", "when", "because"}
            or prev.quote >= 0
        )

    def _according_np(self, toks: list[_Token], k: int, n: int) -> _Mention | None:
        e = k
        while e < n and toks[e].quote < 0 and toks[e].text not in {",", ".", ";", ")", "—"}:
            e += 1
        if e == k:
            return None
        # "according to a statement from Rostek" -> Rostek; "according to the Times" -> Times
        for x in range(e - 1, k - 1, -1):
            if toks[x].low in {"from", "by", "of"} and x + 1 < e:
                m = _np_left(self.text, toks, e - 1, x + 1)
                if m is not None and m.kind in {"name", "role"}:
                    return m
                break
        return _np_left(self.text, toks, e - 1, k)

    def _quoted_as_saying(
        self,
        toks: list[_Token],
        i: int,
        ue: int,
        before_q: list[tuple[int, int]],
        cue_start: int,
    ) -> _Attribution | None:
        n = len(toks)
        if toks[i].low == "quoted":
            k = i + 1
            x = k
            while x < n and not (toks[x].low == "as" and x + 1 < n and toks[x + 1].low == "saying"):
                x += 1
            if x >= n or x == k:
                return None
            if toks[k].low in {"a", "an", "some", "one", "two", "several", "many"}:
                # "quoted a source close to the ministry as saying": nobody to name
                m0 = _Mention("unknown", toks[k].start, toks[x - 1].end)
                return _Attribution(
                    m0, "quoted as saying", toks[x + 1].end, ue, "reported", cue_start
                )
            m = (
                _Mention(
                    "pronoun",
                    toks[k].start,
                    toks[k].end,
                    name=toks[k].low,
                    gender=_OBJ_PRONOUNS[toks[k].low],
                )
                if toks[k].low in _OBJ_PRONOUNS and x == k + 1
                else _np_left(self.text, toks, x - 1, k)
            )
            if m is None:
                return None
            cue = "quoted as saying"
            after = toks[x + 1].end
            rest = _word_count(self.text[after:ue])
            if rest >= 3:
                s, e = _content_after(self.text, toks, x + 1, ue, "say")
                return _Attribution(m, cue, s, e, "reported", cue_start)
            if before_q:
                s, e = before_q[-1]
                return _Attribution(m, cue, s, e, "quote", cue_start)
        return None


def extract_statements(article: Article) -> list[Statement]:
    """Statements of the article with resolved speakers, in text order."""
    try:
        statements = _Extractor(article).run()
    except RecursionError:  # pathological text: skip the article's statements, keep indexing
        log.warning("statement extraction failed on article %s", article.id)
        return []
    statements.sort(key=lambda s: (s.start, s.end))
    return statements
