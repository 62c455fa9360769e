"""Speaker mentions: the noun phrase that names who speaks, read around a speech cue.

A mention is a name with its title and role ("Kremlin spokesman Dmitry Peskov"), a pronoun
("he"), a definite role ("the spokesman") or somebody nobody can name ("a spokesman"). This
module only reads mentions off the tokens; `index.quotes.coreference` decides whom they mean.
"""

from __future__ import annotations

import dataclasses
import re

from index.quotes.lexicon import (
    AUXILIARIES,
    CAP_STOP,
    CLOSING_QUOTES,
    COMPANION_HEADS,
    COUNTRIES,
    CUES,
    DEPARTMENTS,
    FEMALE_NAMES,
    FEMALE_TITLES,
    FIRST_NAMES,
    GROUP_HEADS,
    MALE_NAMES,
    MALE_TITLES,
    NAME_CONNECTORS,
    NAME_PARTICLES,
    NAME_SUFFIXES,
    NEGATED_AUXILIARIES,
    ORG_HEADS,
    PRONOUNS,
    ROLE_HEADS,
    SPEECH_LEADS,
    TITLES,
    US_STATES,
    WEEKDAYS,
    WHEN_WORDS,
)
from index.quotes.tokens import Token, token_at


@dataclasses.dataclass
class Mention:
    """A speaker as written: a name (with its role), a pronoun or a role-only phrase."""

    kind: str  # "name", "pronoun", "role", "office", "unknown"
    start: int
    end: int
    name: str = ""  # the name without titles: "Dmitry Peskov"
    role: str | None = None  # "Kremlin spokesman"
    title: str | None = None  # "Mr."
    is_org: bool = False
    is_group: bool = False
    gender: str | None = None  # from a pronoun or a title
    place: str | None = None  # "Oklahoma" of "Rep. Tom Cole of Oklahoma"; "Gotham" of an office
    definite: bool = True  # an office as "the mayor of Gotham", not "a spokesman for Jane Roe"


def last_token(name: str) -> str:
    """The surname of a name, lower-cased, suffixes ("Jr.") left out."""
    toks = [t for t in re.findall(r"[\w\-’']+", name) if t.lower() not in NAME_SUFFIXES]
    return norm_word(toks[-1]) if toks else ""


def is_place_abbreviation(name: str) -> bool:
    """ "Md.", "Va.", "N.J.": the end of "of Ashton, Md.," is no speaker."""
    return bool(re.fullmatch(r"(?:[A-Z][a-z]{1,4}\.|(?:[A-Z]\.){2,3})", name.strip()))


def gender_of(name: str) -> str | None:
    """ "m" or "f" from a person's first name, None when unknown."""
    toks = name.split()
    if len(toks) < 2:
        return None
    first = toks[0].lower()
    if first in FEMALE_NAMES:
        return "f"
    if first in MALE_NAMES:
        return "m"
    return None


def norm_word(w: str) -> str:
    """Lower-cased, without a possessive: "Clinton's" -> "clinton"."""
    w = w.lower().replace("’", "'")
    return w[:-2] if w.endswith("'s") else w.rstrip("'")


_NOT_A_NAME = ORG_HEADS | GROUP_HEADS | ROLE_HEADS | TITLES


def _place_before_name(name: list[Token]) -> int:
    """How many words of `name` are a country or US state before a known first name and a
    surname (0 when none are): "Israel Katz", "Wyoming Public Radio" and "Washington Free
    Beacon" are whole names."""
    for k in (2, 1):
        rest = name[k:]
        if (
            2 <= len(rest) <= 3
            and " ".join(t.low for t in name[:k]) in COUNTRIES | US_STATES
            and rest[0].low in FIRST_NAMES
            and all(t.is_cap and t.low not in _NOT_A_NAME for t in rest)
        ):
            return k
    return 0


_PLACE_PREPOSITIONS = frozenset({"in", "from", "at"})


def _place_after_preposition(toks: list[Token], k: int, chunk: list[Token]) -> int:
    """How many first words of `chunk` (which starts at token `k`) are a country or US state
    right after "in", "from" or "at" and before a name with no title: an opening phrase without
    its comma ("In Alaska Putin will ask"). 0 when there are none."""
    # (the token before the chunk is read even below `floor`: names are registered from the
    # chunk alone, "In" left out as a capitalised stop word)
    if k < 1 or toks[k - 1].low not in _PLACE_PREPOSITIONS:
        return 0
    if any(t.low in TITLES or t.low in ROLE_HEADS for t in chunk):
        return 0  # "in Texas Gov. Greg Abbott's view": the office keeps its place
    for n in (2, 1):
        if len(chunk) > n and " ".join(t.low for t in chunk[:n]) in COUNTRIES | US_STATES:
            return n
    return 0


def split_name_chunk(toks: list[Token]) -> tuple[list[Token], list[Token]]:
    """Split a capitalised chunk into (role/title part, name part) at its last title word."""
    if len(toks) >= 2 and toks[-1].low in GROUP_HEADS:
        return [], toks  # "Senate Democrats", "House Republicans": the group's whole name
    last_title = -1
    if (
        len(toks) >= 3
        and toks[0].low in DEPARTMENTS
        and all(t.is_cap and t.low not in ORG_HEADS | GROUP_HEADS for t in toks[1:])
    ):
        last_title = 0  # "(Secretary of) War Pete Hegseth"; not "Labor Relations Board"
    for i, t in enumerate(toks):
        if t.low in TITLES or t.low in ROLE_HEADS:
            last_title = i
        # "Secretary of State John Kerry": the "of X" belongs to the title
        if (
            i > 0
            and toks[i - 1].low == "of"
            and last_title == i - 2
            and t.low in TITLES | DEPARTMENTS
        ):
            last_title = i
    rest = toks[last_title + 2 :]
    if (
        last_title >= 0
        and len(rest) >= 3
        and toks[last_title + 1].low == "of"
        and all(t.is_cap or t.low in {"of", "the", "and"} for t in rest[:-2])
        and all(t.is_cap for t in rest[-2:])
    ):
        # "Supervisor of Elections Susan Bucher", "Director of National Intelligence James R.
        # Clapper": the office runs on to the person's first and last name
        initial = len(rest) >= 4 and re.fullmatch(r"[A-Z]\.", rest[-2].text) is not None
        last_title = len(toks) - (3 if initial else 2) - 1
    name = toks[last_title + 1 :]
    while name and name[0].low in NAME_CONNECTORS:
        name = name[1:]
    place = _place_before_name(name)
    if place:
        # "(Governor of) Pennsylvania Josh Shapiro", "(Ambassador to) Israel Mike Huckabee",
        # "Pennsylvania Gov. Pennsylvania Josh Shapiro": the place is where the office is
        last_title = len(toks) - len(name) + place - 1
        name = name[place:]
    if not name or all(t.low in ORG_HEADS for t in name):
        # an organisation named with a head word ("Republican National Committee", "Russian
        # Defense Ministry")
        return [], toks
    return toks[: last_title + 1], name


def mention_from_chunk(
    text: str, chunk: list[Token], role_toks: list[Token], det: str | None
) -> Mention:
    title_part, name_part = split_name_chunk(chunk)
    role_words = role_toks + title_part
    while role_words and role_words[-1].low in NAME_CONNECTORS:
        role_words = role_words[:-1]  # "a spokesman for the Pentagon": the role is "spokesman"
    name = text[name_part[0].start : name_part[-1].end]
    name = re.sub(r"['’]s?$", "", name) if name_part[-1].possessive else name
    low = [t.low for t in name_part]
    is_group = name_part[-1].low in GROUP_HEADS or " and " in name or "&" in name
    is_org = (
        det is not None
        or any(w in ORG_HEADS for w in low)
        or (len(name_part) == 1 and name_part[0].text.isupper() and len(name_part[0].text) > 1)
    )
    role = None
    titles = [t for t in role_words if t.low in TITLES and t.text.endswith(".")]
    if any(t.low in TITLES or t.low in ROLE_HEADS for t in role_words):
        role = text[role_words[0].start : role_words[-1].end]
        if all(t.low in TITLES and t.text.endswith(".") for t in role_words):
            role = None  # "Mr." is a title, not a role
    place = _person_of_place(name) if not (is_org or is_group) else None
    if place is not None:
        # "Rep. Tom Cole of Oklahoma" is Tom Cole; "Mayor Jane Roe of Gotham" the mayor of Gotham
        name, where = place
        role = f"{role} of {where}" if role else None
    else:
        where = None
    gender = None
    if titles:
        tl = titles[-1].low
        gender = "f" if tl in FEMALE_TITLES else "m" if tl in MALE_TITLES else None
    return Mention(
        "name",
        (role_words[0] if role_words else name_part[0]).start,
        name_part[-1].end,
        name=name,
        role=role,
        title=titles[-1].text if titles else None,
        is_org=is_org and not is_group,
        is_group=is_group,
        gender=gender,
        place=where,
    )


def _person_of_place(name: str) -> tuple[str, str] | None:
    """ "Tom Cole of Oklahoma" -> ("Tom Cole", "Oklahoma"): a person's name and where from."""
    m = re.fullmatch(r"([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)+) of ((?:the )?[A-Z].*)", name)
    return (m.group(1), m.group(2)) if m else None


def np_left(
    text: str, toks: list[Token], j: int, floor: int, possessive: bool = False
) -> Mention | None:
    """The speaker noun phrase ending at token j (inclusive), read leftwards."""
    m = _np_left(text, toks, j, floor, possessive)
    if m is not None and m.kind == "name" and m.is_group and " and " in m.name:
        return _with_listed_names(text, toks, m, floor)
    return m


def _with_listed_names(text: str, toks: list[Token], m: Mention, floor: int) -> Mention:
    """ "Gwen Ifill, Judy Woodruff and Jim Lehrer said": the names listed before the last two
    belong to the group too, when the list opens the clause ("In Washington, Ann Lee and Tom
    Hale said" lists no Washington)."""
    k = token_at(toks, m.start, floor)
    listed: list[tuple[Mention, int]] = []
    while k - 2 >= floor and toks[k - 1].text == ",":
        prev = _np_left(text, toks, k - 2, floor, False)
        if prev is None or prev.kind != "name" or prev.is_group or prev.is_org:
            break
        k = token_at(toks, prev.start, k - 2)
        listed.append((prev, k))
    for n in range(len(listed), 0, -1):
        first, at = listed[n - 1]
        before = toks[at - 1] if at > floor else None
        # a comma before the first name ends an opening phrase ("Last week, Ann Lee, ..."),
        # unless it follows a name left out ("In Washington, D.C., Ann Lee ...": not D.C.)
        opening = before is not None and not before.is_word
        if opening and before is not None and before.text == ",":
            opening = n == len(listed)
        if before is None or opening or before.low in _SUBJECT_OPENERS:
            names = [p.name for p, _ in reversed(listed[:n])]
            name = ", ".join([*names, m.name])
            return Mention("name", first.start, m.end, name=name, is_group=True)
    return m


def _np_left(
    text: str, toks: list[Token], j: int, floor: int, possessive: bool = False
) -> Mention | None:
    if j < floor:
        return None
    t = toks[j]
    if t.quote >= 0:
        return None
    if t.low in PRONOUNS and (
        j == floor or not toks[j - 1].is_cap or toks[j - 1].low in {"and", "but"}
    ):
        return Mention("pronoun", t.start, t.end, name=t.low, gender=PRONOUNS[t.low])
    if t.text == ")":  # "Sen. Jon Tester (D-Mont.) said"
        k = j
        while k > floor and toks[k].text != "(":
            k -= 1
        return np_left(text, toks, k - 1, floor) if toks[k].text == "(" else None
    if t.is_cap and t.is_word and (possessive or not t.possessive):
        office = _office_np(text, toks, j, floor)
        if office is not None:
            return office
        group = _group_in_place(text, toks, j, floor)
        if group is not None:
            return group
        k = j
        while k - 1 >= floor:
            p = toks[k - 1]
            if p.quote >= 0:
                break
            if p.is_cap and p.is_word and not p.possessive and p.low not in CAP_STOP:
                k -= 1
            elif p.low in NAME_PARTICLES | {"of", "for", "&", "and"}:
                first = k - 1  # the first word of a run of particles: "von der", "de la"
                while (
                    p.low in NAME_PARTICLES
                    and first - 1 >= floor
                    and toks[first - 1].low in NAME_PARTICLES
                    and not toks[first - 1].is_cap
                ):
                    first -= 1
                before = toks[first - 1] if first - 1 >= floor else None
                if (
                    before is None
                    or not (before.is_cap and before.is_word)
                    or before.low in CAP_STOP
                    or before.possessive
                ):
                    break
                if p.low == "and" and toks[k].low in TITLES:
                    break
                k = first - 1
            else:
                break
        chunk = toks[k : j + 1]
        while chunk and chunk[0].low in CAP_STOP:
            chunk = chunk[1:]
        if not chunk:
            return None
        k = j + 1 - len(chunk)
        place = _place_after_preposition(toks, k, chunk)
        if place:
            # "In Alaska Putin will ask ...", "From Texas Abbott told ...": where, then who
            chunk = chunk[place:]
            k += place
        # A one-word chunk at the start of a unit that is a common word ("Critics said").
        if chunk[-1].low in COMPANION_HEADS and len(chunk) == 1:
            return role_np(text, toks, j, floor)
        role_toks, det = _role_prefix(toks, k, floor)
        # "the venture capitalist Marc Andreessen": a person the article describes, no
        # organisation (an organisation's head word still makes one: "the think tank X Center")
        described = (
            det == "the"
            and len(chunk) >= 2
            and bool(role_toks)
            and not role_toks[-1].is_cap
            and role_toks[-1].low not in ORG_HEADS
        )
        m = mention_from_chunk(text, chunk, role_toks, None if described else det)
        if described:
            m.start = toks[k - len(role_toks) - 1].start  # from "the"
            return m
        if role_toks and not any(r.low in ROLE_HEADS or r.low in TITLES for r in role_toks):
            m.role = None  # "Russian military industrial complex Rostek": not a role
            m.start = chunk[0].start
        return m
    group = _name_and_companions(text, toks, j, floor)
    if group is not None:
        return group
    if t.is_word and (t.low in ROLE_HEADS or t.low in ORG_HEADS or t.low in GROUP_HEADS):
        return role_np(text, toks, j, floor)
    return None


# The words joining an office to what it governs, leads or speaks for.
_OFFICE_CONNECTORS = frozenset({"of", "for", "to"})
# Role words that are abbreviated titles, which a name follows rather than "of" ("Gov. Lee").
_TITLE_ABBREVIATIONS = frozenset("sen rep gov gen lt col dr mr mrs ms".split())
# Words before an office's role word that belong to it: "the former chief executive of Acme".
_OFFICE_MODIFIERS = 2


def _proper_run(toks: list[Token], j: int, floor: int, most: int | None = None) -> int | None:
    """Where the run of capitalised words ending at token j starts (`most` words at most);
    None when it is no proper name: a sentence's first word ("The") or an owner ("Gotham's")."""
    k = j
    while (
        k - 1 >= floor
        and (most is None or j - k + 1 < most)
        and toks[k - 1].is_cap
        and toks[k - 1].is_word
        and not toks[k - 1].possessive
        and toks[k - 1].low not in CAP_STOP
    ):
        k -= 1
    if toks[k].low in CAP_STOP or toks[j].possessive:
        return None
    return k


def _modifiers_start(toks: list[Token], head: int, floor: int, most: int) -> int:
    """Where the words describing the head word at token `head` start, `most` of them at the
    most: "former chief" of "the former chief executive", "Chinese" of "Chinese officials"
    (no article, cue, auxiliary, owner or punctuation)."""
    i = head
    while i - 1 >= floor and head - (i - 1) <= most:
        w = toks[i - 1]
        if not w.is_word or w.quote >= 0 or w.possessive:
            break
        if w.low in CAP_STOP or w.low in CUES or w.low in AUXILIARIES:
            break
        i -= 1
    return i


def _office_np(text: str, toks: list[Token], j: int, floor: int) -> Mention | None:
    """An office ending at token j: "the mayor of Gotham", "The Governor of Texas", "a
    spokesman for Jane Roe", "the President of the United States".

    The speaker is whoever holds it, never the place or person it is "of" or "for". A
    qualifier of three capitalised words or more that ends in no organisation's word runs on
    into the holder's own name ("the Governor of Texas Greg Abbott"): no office then.
    """
    k = _proper_run(toks, j, floor)
    if k is None:
        return None
    qualifier = toks[k : j + 1]
    if len(qualifier) > 2 and qualifier[-1].low not in ORG_HEADS:
        return None
    c = k - 1
    the = c - 1 >= floor and toks[c].low == "the"
    if the:
        c -= 1
    if c - 1 < floor or toks[c].low not in _OFFICE_CONNECTORS:
        return None
    r = c - 1
    head = toks[r]
    if head.low not in ROLE_HEADS or head.low in _TITLE_ABBREVIATIONS or not head.is_word:
        return None
    organisation = the or qualifier[-1].low in ORG_HEADS or qualifier[-1].text.isupper()
    if head.low.startswith("spokes") and organisation:
        return None  # "a spokesman for the Pentagon": the organisation speaks through them
    i = _modifiers_start(toks, r, floor, _OFFICE_MODIFIERS)
    det = toks[i - 1].low if i - 1 >= floor else None
    if det not in {"the", "a", "an"}:
        return None
    phrase = text[toks[i].start : toks[j].end]
    return Mention(
        "office",
        toks[i - 1].start,
        toks[j].end,
        name=phrase,
        role=phrase,
        place=text[qualifier[0].start : qualifier[-1].end],
        definite=det == "the",
    )


# Where a group is: "officials in Beijing", "protesters at Columbia", "voters from Ohio".
_GROUP_PLACE_WORDS = frozenset({"in", "at", "from"})
# Words before a group's head that belong to it: "local election officials in Ohio".
_GROUP_MODIFIERS = 2
# The most words of the place a group is in: "voters in New York City".
_GROUP_PLACE_WORDS_MOST = 4


def _group_in_place(text: str, toks: list[Token], j: int, floor: int) -> Mention | None:
    """A group and where it is, ending at token j: "Voters in Iowa said" is the voters, not
    Iowa; "Chinese officials in Beijing" the officials."""
    k = _proper_run(toks, j, floor, most=_GROUP_PLACE_WORDS_MOST)
    if k is None:
        return None
    p = k - 1
    if p - 1 >= floor and toks[p].low == "the":
        p -= 1  # "residents in the Bronx"
    if p - 1 < floor or toks[p].low not in _GROUP_PLACE_WORDS or toks[p - 1].low not in GROUP_HEADS:
        return None
    i = _modifiers_start(toks, p - 1, floor, _GROUP_MODIFIERS)
    phrase = text[toks[i].start : toks[j].end]
    # named as a speaker heads a line: "Protesters at Columbia said:"
    name = phrase[:1].upper() + phrase[1:]
    return Mention("name", toks[i].start, toks[j].end, name=name, is_group=True)


def _group_in_place_right(text: str, toks: list[Token], k: int, stop: int) -> Mention | None:
    """A group and where it is, starting at token k (after an inverted cue)."""
    g = k
    while g < stop and g - k < _GROUP_MODIFIERS and toks[g].low not in GROUP_HEADS:
        g += 1
    p = g + 1
    if p + 1 >= stop or toks[g].low not in GROUP_HEADS or toks[p].low not in _GROUP_PLACE_WORDS:
        return None
    j = p + 1 + (toks[p + 1].low == "the")
    while j + 1 < stop and toks[j + 1].is_cap and toks[j + 1].is_word and not toks[j].possessive:
        j += 1
    if j >= stop or not toks[j].is_cap:
        return None
    return _group_in_place(text, toks, j, k)


# Words that open the description of those who speak with a named speaker: "his attorneys",
# "other leaders", "top aides" (a capitalised word may too: "Pentagon spokesmen").
_COMPANION_OPENERS = frozenset(
    "his her their its other the several some many top senior fellow".split()
)
# Words before a clause's subject, besides punctuation and the start of the unit.
_SUBJECT_OPENERS = frozenset("but while as when because since after though although".split())


def _name_and_companions(text: str, toks: list[Token], j: int, floor: int) -> Mention | None:
    """A named speaker and the people who speak with them, ending at token j: one group.

    "Trump and his attorneys", "Mr. Xi and other leaders", "White House and Pentagon
    spokesmen". Only a clause's subject: in "the bill passed the Senate and officials said",
    the Senate is the object of another verb and "officials" nobody anyone can name.
    """
    if toks[j].is_cap or toks[j].low not in COMPANION_HEADS:
        return None
    a = j - 1
    while a > floor and j - a <= 4 and toks[a].low != "and":
        p = toks[a]
        if p.quote >= 0 or not p.is_word or p.low in CUES or p.low in AUXILIARIES:
            return None
        a -= 1
    if a <= floor or toks[a].low != "and":
        return None
    between = toks[a + 1 : j]
    if between and not between[0].is_cap and between[0].low not in _COMPANION_OPENERS:
        return None  # "Current and former officials": two words describing one group
    first = np_left(text, toks, a - 1, floor)
    if first is None or first.kind != "name":
        return None
    b = token_at(toks, first.start, a - 1)
    if b > floor and toks[b - 1].low == "the":
        b -= 1  # "The United States and its allies"
    before = toks[b - 1] if b > floor else None
    if before is not None and before.is_word and before.low not in _SUBJECT_OPENERS:
        return None
    name = f"{first.name} {text[toks[a].start : toks[j].end]}"
    return Mention("name", first.start, toks[j].end, name=name, is_group=True)


def _role_prefix(toks: list[Token], k: int, floor: int) -> tuple[list[Token], str | None]:
    """Descriptors before a name: "Kremlin spokesman", "Hillary Clinton's campaign manager"."""
    i = k
    while i - 1 >= floor and k - (i - 1) <= 7:
        p = toks[i - 1]
        if p.quote >= 0 or not p.is_word:
            break
        if p.low in {"the", "a", "an"}:
            return toks[i:k], p.low
        if p.low in CAP_STOP and not p.possessive:
            break
        if p.low in CUES or p.low in AUXILIARIES:
            break
        i -= 1
    role = toks[i:k]
    # Only a prefix that ends in a role word is a role: "complex Rostek" has none.
    if role and not (role[-1].low in ROLE_HEADS or role[-1].low in TITLES):
        role = []
    return role, None


def role_np(text: str, toks: list[Token], j: int, floor: int) -> Mention | None:
    """A role-only phrase ending at token j: "the spokesman", "the Kremlin's spokesman"."""
    i = j
    while i - 1 >= floor and j - (i - 1) <= 5:
        p = toks[i - 1]
        if p.quote >= 0 or not p.is_word or p.low in CUES or p.low in AUXILIARIES:
            break
        if p.low in {"the", "a", "an", "some", "one", "many", "several", "two", "three"}:
            i -= 1
            break
        if p.low in CAP_STOP:
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
        return Mention("unknown", toks[i].start, toks[j].end, name=phrase)
    kind = "role"
    return Mention(
        kind,
        toks[i].start,
        toks[j].end,
        name=phrase,
        role=phrase,
        is_org=head in ORG_HEADS,
        is_group=head in GROUP_HEADS,
    )


def np_right(text: str, toks: list[Token], j: int, stop: int) -> Mention | None:
    """The speaker after an inverted cue: `"...," said Kremlin spokesman Dmitry Peskov.`"""
    if j >= stop:
        return None
    t = toks[j]
    if t.low in PRONOUNS:
        return Mention("pronoun", t.start, t.end, name=t.low, gender=PRONOUNS[t.low])
    k = j
    det = None
    if t.low in {"the", "a", "an"}:
        det = t.low
        k += 1
    group = _group_in_place_right(text, toks, k, stop)
    if group is not None:
        return group  # `"...," said voters in Iowa.`
    e = k
    while (
        e < stop
        and toks[e].is_word
        and toks[e].quote < 0
        and (
            (toks[e].is_cap and toks[e].low not in CAP_STOP)
            or _surname_like_stop(toks, e, k, stop)
            or toks[e].low in ROLE_HEADS
            or toks[e].low in ORG_HEADS
            or (toks[e].low in NAME_PARTICLES and _particles_then_cap(toks, e, stop))
            or (
                # "Secretary of State", "Association of Flight Attendants"; not "Easley for
                # Morning Consult"; "a spokesman for the Foreign Ministry"
                toks[e].low in {"of", "for"}
                and e + 1 < stop
                and (
                    toks[e + 1].is_cap
                    or (toks[e + 1].low == "the" and e + 2 < stop and toks[e + 2].is_cap)
                )
                and e > k
                and toks[e - 1].low in ORG_HEADS | ROLE_HEADS | TITLES
            )
            or (
                toks[e].low == "the"
                and e > k
                and toks[e - 1].low in {"of", "for"}
                and e + 1 < stop
                and toks[e + 1].is_cap
            )
            or (
                e > k and toks[e].low in {"press", "campaign", "foreign", "former", "top", "senior"}
            )
            or (
                e == k
                and not toks[e].is_cap
                and e + 1 < stop
                and toks[e + 1].is_word
                and (toks[e + 1].low in ROLE_HEADS or toks[e + 1].is_cap)
            )
            or _before_role_head(toks, e, stop)
        )
    ):
        e += 1
        if toks[e - 1].possessive and e < stop:
            continue
    if e == k:
        # "said retired neurosurgeon Ben Carson", "said another leading advocate, Andrew
        # Pincus": a description in lower case, then the person's full name
        d = k + 1 if toks[k].low == "another" else k
        described = _described_person(text, toks, d, stop)
        if described is None:
            return None
        person, end = described
        person.role = person.role or text[toks[d].start : end]
        return person
    office = _office_np(text, toks, e - 1, j) if det is not None and e - 1 > k else None
    if office is not None:
        # `said the mayor of Gotham, Ann Lee,`: the holder named in apposition speaks
        named = _appositive_name(text, toks, _after_then(toks, e, stop), stop)
        if named is not None:
            named.role = named.role or office.name
            return named
        return office
    span = toks[k:e]
    # the name is the trailing capitalised run; the rest is the role
    n = len(span)
    while n > 0 and span[n - 1].is_cap and not (n < len(span) and span[n - 1].possessive):
        n -= 1  # stop at an owner: "NBC's Dante Chinni" is Dante Chinni
    name_toks = span[n:]
    if name_toks:
        m = mention_from_chunk(text, name_toks, span[:n], det)
        if m.is_org or (e < stop and _is_descriptor_word(toks[e]) and not _past_tense(toks[e])):
            # `said a spokesman for Ruritania's Foreign Ministry, Oleg Volkov,` and `said another
            # Twitter user, Jo Beyer`: the organisation or the capitalised modifier describes
            # the person named in apposition, who speaks
            described = _described_person(text, toks, e, stop)
            if described is not None:
                person, end = described
                person.role = person.role or text[span[0].start : end]
                return person
            if span[-1].possessive:
                return None  # "said Clinton's introducer": not Clinton, and nobody named
        return m
    named = _appositive_name(text, toks, _after_then(toks, e, stop), stop)
    if named is not None:
        # `said the county's election director, Paul Meyer,`: the name in apposition speaks
        named.role = named.role or text[span[0].start : span[-1].end]
        return named
    return role_np(text, toks, e - 1, j)


# Words that end a speaker read after an inverted cue: "said Doyle and others at the rally".
_AFTER_SPEAKER = frozenset("at in on during after before who from to of".split())


def _ends_in_title(name: str) -> bool:
    words = name.split()
    return bool(words) and words[-1].lower().rstrip(".") in TITLES | ROLE_HEADS


def with_companions(text: str, toks: list[Token], m: Mention | None, stop: int) -> Mention | None:
    """A speaker read after an inverted cue, with who speaks with them: `said Doyle and others,`,
    `said Gwen Ifill and Judy Woodruff.`, `wrote Jason Dana, Robyn Dawes and Nathanial Peterson.`
    The names are one group, as "Gwen Ifill and Judy Woodruff said" is; else `m` as it is."""
    if m is None or m.kind != "name" or m.name.endswith(".") or _ends_in_title(m.name):
        return m  # "said former Pennsylvania Gov. and DNC Chairman Ed Rendell": one person
    names = [m]
    e = min(token_at(toks, m.end, stop), stop)
    while e + 1 < stop and toks[e].text == "," and toks[e + 1].is_cap:
        nxt = np_right(text, toks, e + 1, stop)
        if nxt is None or nxt.kind != "name" or nxt.is_group:
            return m
        names.append(nxt)
        e = min(token_at(toks, nxt.end, stop), stop)
    if e < stop and toks[e].text == "," and e + 1 < stop and toks[e + 1].low == "and":
        e += 1  # the serial comma
    if e + 1 >= stop or toks[e].low != "and":
        return m
    last = np_right(text, toks, e + 1, stop) if toks[e + 1].is_cap else None
    if last is not None and last.kind == "name" and not last.is_group:
        names.append(last)
        name = ", ".join(n.name for n in names[:-1]) + f" and {last.name}"
        return Mention("name", m.start, last.end, name=name, is_group=True)
    if len(names) > 1:
        return m
    h = e + 1
    while h < stop and h - e <= 4 and toks[h].is_word and toks[h].low not in COMPANION_HEADS:
        h += 1
    if not (h < stop and not toks[h].is_cap and toks[h].low in COMPANION_HEADS):
        return m
    if h + 1 < stop and toks[h + 1].is_word and toks[h + 1].low not in _AFTER_SPEAKER:
        return m  # "said Doyle and others agreed": the phrase goes on
    name = f"{m.name} {text[toks[e].start : toks[h].end]}"
    return Mention("name", m.start, toks[h].end, name=name, is_group=True)


def _after_then(toks: list[Token], e: int, stop: int) -> int:
    """Past "at the time", "then" or "now" after a role: "the ambassador at the time, Jo Lee"."""
    words = [t.low for t in toks[e : min(stop, e + 3)]]
    if words[:3] == ["at", "the", "time"]:
        return e + 3
    if words[:1] in (["then"], ["now"]):
        return e + 1
    return e


def _is_descriptor_word(t: Token) -> bool:
    """A lower-case content word that can go on describing a person ("user", "constituent",
    "retired")."""
    return (
        t.is_word and not t.is_cap and t.quote < 0 and t.low not in CAP_STOP and t.low not in CUES
    )


def _past_tense(t: Token) -> bool:
    """A verb's past tense after a name, no description of a person: "Obama thanked Joe
    Biden and said" is Obama speaking."""
    return t.low.endswith("ed") and len(t.low) > 4 and t.low not in ROLE_HEADS


def _described_person(
    text: str, toks: list[Token], e: int, stop: int
) -> tuple[Mention, int] | None:
    """The person a description from token e on leads to: ", Jo Beyer" after a comma ending
    the description, or a full name right after it ("constituent Dan Golvek"); with where the
    description ends."""
    x = e
    while x < stop and x - e < 4 and _is_descriptor_word(toks[x]):
        x += 1
    if x < stop and toks[x].text == ",":
        m = _appositive_name(text, toks, x, stop)
    elif x > e and x < stop and toks[x].is_cap:
        m = np_right(text, toks, x, stop)
    else:
        return None
    if m is None or m.kind != "name" or m.is_org or m.is_group or len(m.name.split()) < 2:
        return None
    return m, toks[x - 1].end


# Words of CAP_STOP that are also surnames; not weekdays ("said Ann Lee Monday.").
_SURNAME_STOPS = frozenset({"may", "from"})


def _surname_like_stop(toks: list[Token], e: int, k: int, stop: int) -> bool:
    """A capitalised "May" or "From" that ends a name after a first name: "said Theresa May.",
    "said Al From, who ..." (not "said Ann Lee Monday.", nor "May 5")."""
    t = toks[e]
    if not (t.is_cap and t.is_word and t.low in _SURNAME_STOPS) or e == k:
        return False
    prev = toks[e - 1]
    if not prev.is_cap or prev.low in CAP_STOP or prev.possessive or prev.low in TITLES:
        return False
    return e + 1 >= stop or not (toks[e + 1].is_word or toks[e + 1].text.isdigit())


def _auxiliary_as_surname(toks: list[Token], j: int) -> bool:
    """ "George Will wrote": a capitalised "Will" after a name is its surname, not an auxiliary
    before the cue."""
    return (
        toks[j].text == "Will"
        and j > 0
        and toks[j - 1].is_cap
        and toks[j - 1].is_word
        and toks[j - 1].low not in CAP_STOP
    )


def _particles_then_cap(toks: list[Token], e: int, stop: int) -> bool:
    """Whether the name particles from `toks[e]` on ("von der", "de la") lead to a capitalised
    word: the surname they belong to."""
    while e < stop and toks[e].low in NAME_PARTICLES and not toks[e].is_cap:
        e += 1
    return e < stop and toks[e].is_cap and toks[e].is_word


def _before_role_head(toks: list[Token], e: int, stop: int) -> bool:
    """A lower-case word that modifies a role a few words on: "county's election director"."""
    for x in range(e, min(stop, e + 4)):
        t = toks[x]
        if not t.is_word or t.quote >= 0 or t.is_cap or t.low in CUES or t.low in CAP_STOP:
            return False  # "Mr. Hale and his deputy": a conjunction ends the phrase
        if x > e and t.low in ROLE_HEADS:
            return True
    return False


def _appositive_name(text: str, toks: list[Token], e: int, stop: int) -> Mention | None:
    """The person's name after a role and a comma, ending its clause: ", Paul Meyer, who"."""
    if not (e + 1 < stop and toks[e].text == ","):
        return None
    m = np_right(text, toks, e + 1, stop)
    if m is None or m.kind != "name" or m.is_org or m.is_group:
        return None
    after = next((t for t in toks[e + 1 : stop] if t.start >= m.end), None)
    if after is None or after.text in {",", ".", "(", ";", "—"} or after.low == "who":
        return m
    return None


def subject_left(text: str, toks: list[Token], i: int) -> Mention | None:
    """The speaker before the cue at token i, skipping "has also", "just this month" and
    "went on to"."""
    j = i - 1
    for lead in SPEECH_LEADS:
        if j - len(lead) + 1 >= 0 and tuple(t.low for t in toks[j - len(lead) + 1 : j + 1]) == lead:
            j -= len(lead)
            break
    j = _before_auxiliaries(toks, j)
    while (before := _before_circumstance(toks, j)) != j:
        # only a subject that starts its clause: in "Diaz, the chairman of the party in
        # Miami-Dade County, said" the phrase is part of the description
        m = np_left(text, toks, before, 0)
        if m is None or m.kind not in {"name", "pronoun"} or not clause_start(toks, m.start):
            break
        j = _before_auxiliaries(toks, before)
    if j < 0:
        return None
    m = np_left(text, toks, j, 0)
    if m is not None and m.kind == "office":
        return _apposed_holder(text, toks, m) or m
    if m is not None:
        holder = _member_of(text, toks, m) if m.is_org else _from_city_of(text, toks, m)
        return holder or m
    # appositives: "Flynn, a top Trump surrogate, said", "Donna Sampson Rawlings, 53, of
    # Silver Spring, Md., said": the name is the first NP of the comma chain that starts
    # the clause.
    if toks[j].text in CLOSING_QUOTES and j > 0 and toks[j - 1].text == ",":
        j -= 1  # `Ann Lee, the hacker known as "Guccifer," stated`: the comma inside the marks
    if toks[j].text not in {",", "—", "–"}:
        return None
    best: tuple[Mention, int] | None = None
    k = j
    while k > 0 and j - k <= 40:
        t = toks[k]
        # a period before a comma ends an abbreviation ("R-Ky.,"), not the sentence
        ends = t.text in {"?", "!", ";", ":"} or (t.text == "." and toks[k + 1].text != ",")
        if (t.quote >= 0 and not _is_short_quote(toks, t.quote)) or ends:
            break
        if t.text in {",", "—", "–", "("}:
            named = _named_after(text, toks, k, j)
            if named is not None:
                # "The Podesta Group's CEO, Kimberley Fritts, said": the role before the name
                named.role = named.role or _role_opening(text, toks, k)
                best = _leftmost(best, (named, _comma_after(toks, named, j)))
            m = np_left(text, toks, k - 1, 0)
            if (
                m is not None
                and m.kind in {"name", "pronoun"}
                and not is_place_abbreviation(m.name)
                # "Similarly," opening the unit is no name when a person is named after it
                and not (
                    k == 1 and adverb_like(toks[0]) and best is not None and full_name(best[0])
                )
                and clause_start(toks, m.start)
            ):
                best = _leftmost(best, (m, k))
        k -= 1
    if best is None:
        return None
    m, k = best
    if k < j and m.role is None:
        m.role = appositive_role(text, toks, k, j)
    return m


def _before_auxiliaries(toks: list[Token], j: int) -> int:
    """The token before the auxiliaries, adverbs and time words that end at token j: "has
    also", "just this month", "however"."""
    while (
        j >= 0
        and toks[j].quote < 0
        and (
            (toks[j].low in AUXILIARIES and not _auxiliary_as_surname(toks, j))
            or toks[j].low in NEGATED_AUXILIARIES
            or (toks[j].low in WHEN_WORDS and not toks[j].is_cap)  # not "USA Today reported"
            # "Priebus later Thursday told" (but "on Thursday" is a phrase of its own)
            or (toks[j].low in WEEKDAYS and (j == 0 or toks[j - 1].low not in _CIRCUMSTANCE_LEFT))
            or (toks[j].text.endswith("ly") and toks[j].text.islower() and len(toks[j].text) > 4)
            or toks[j].low in _SENTENCE_ADVERBS
        )
    ):
        j -= 1
    return j


# Adverbs between a subject and its cue: "Carter however said", "Lee too said".
_SENTENCE_ADVERBS = frozenset(
    "however too instead though nonetheless nevertheless meanwhile indeed likewise".split()
)
# Prepositions of a short phrase between a subject and its cue: "Trump on Tuesday said".
_CIRCUMSTANCE_LEFT = frozenset("on in at during via over through".split())
_CIRCUMSTANCE_LEFT_TOKENS = 5
# Words of a time ending in "ago": "less than two weeks ago", "a few days ago".
_AGO_WORDS = frozenset(
    """
    a an one two three four five six seven eight nine ten few several couple of than less more
    about nearly some just only over hours days weeks months years hour day week month year
    """.split()
)


def _before_circumstance(toks: list[Token], j: int) -> int:
    """The token before a short phrase of when, where or how that ends at token j and follows
    the subject ("Trump on Tuesday said", "Lee in an interview said", "the department two weeks
    ago said"); j when there is none."""
    if j < 1 or toks[j].quote >= 0:
        return j
    if toks[j].low == "ago":
        k = j - 1
        while k >= 0 and (toks[k].low in _AGO_WORDS or toks[k].text.isdigit()):
            k -= 1
        return k if k < j - 1 else j
    for p in range(j - 1, max(-1, j - _CIRCUMSTANCE_LEFT_TOKENS), -1):
        t = toks[p]
        if not t.is_word or t.quote >= 0 or t.low in CUES:
            return j
        if t.low in _CIRCUMSTANCE_LEFT and not t.is_cap:
            subject = toks[p - 1] if p > 0 else None
            if subject is not None and (
                (subject.is_cap and subject.is_word) or subject.low in PRONOUNS
            ):
                return p - 1
            return j
    return j


def appositive_role(text: str, toks: list[Token], k: int, j: int) -> str | None:
    """The role set off by the comma at token k, up to token j: ", a top Trump surrogate," is
    "top Trump surrogate"; none when the words hold no role word."""
    if k + 1 >= j:
        return None
    first = toks[k + 1]
    appos = text[first.start : toks[j - 1].end]
    if (
        first.low in {"a", "an", "the"}
        and any(w in ROLE_HEADS for w in re.findall(r"\w+", appos.lower()))
        and len(appos.split()) <= 8
    ):
        return re.sub(r"^(?:a|an|the)\s+", "", appos).split(",")[0]
    return None


def _member_of(text: str, toks: list[Token], org: Mention) -> Mention | None:
    """The person an organisation before the cue belongs to: "Jeffrey Lewis of the James Martin
    Center wrote", "Ann Lee, president and CEO of the Acme Association stated"."""
    x = token_at(toks, org.start) - 1
    if x >= 0 and toks[x].low == "the":
        x -= 1
    if x >= 1 and toks[x].low in {"of", "at", "for", "from"}:
        p = np_left(text, toks, x - 1, 0)
        if p is not None and full_name(p):
            return p
    # a description of the person in apposition: ", president and CEO of"
    y = x
    while y >= 0 and x - y < 8 and toks[y].is_word and toks[y].quote < 0:
        y -= 1
    if y < 1 or y == x or toks[y].text != ",":
        return None
    described = toks[y + 1 : x + 1]
    if not any(t.low in ROLE_HEADS or t.low in TITLES for t in described + [toks[x + 1]]):
        return None
    p = np_left(text, toks, y - 1, 0)
    if p is None or not full_name(p) or not clause_start(toks, p.start):
        return None
    p.role = p.role or text[described[0].start : org.end]
    return p


def _apposed_holder(text: str, toks: list[Token], office: Mention) -> Mention | None:
    """The person an office before the cue describes: "Sam Lau, the communications director
    for the Iowa Democratic Party said" is Sam Lau."""
    x = token_at(toks, office.start) - 1
    if x < 1 or toks[x].text != ",":
        return None
    p = np_left(text, toks, x - 1, 0)
    if p is None or p.kind != "name" or not full_name(p) or not clause_start(toks, p.start):
        return None
    p.role = p.role or office.name
    return p


def _from_city_of(text: str, toks: list[Token], state: Mention) -> Mention | None:
    """The person from a city before the state before the cue: "Ann Lee of Columbia, South
    Carolina says" is Ann Lee, not South Carolina."""
    x = token_at(toks, state.start) - 1
    if x < 1 or toks[x].text != ",":
        return None
    p = np_left(text, toks, x - 1, 0)
    if p is None or p.place is None or not full_name(p) or not clause_start(toks, p.start):
        return None
    p.place = f"{p.place}, {state.name}"
    return p


def full_name(m: Mention) -> bool:
    """A person named with a first name and a surname at least."""
    return m.kind == "name" and not m.is_org and not m.is_group and len(m.name.split()) >= 2


def adverb_like(t: Token) -> bool:
    """A capitalised -ly word long enough to be a sentence adverb ("Separately"), or a name
    ("Connolly"): which one, the rest of the sentence says."""
    return t.is_cap and t.low.endswith("ly") and len(t.low) > 5


def _leftmost(best: tuple[Mention, int] | None, found: tuple[Mention, int]) -> tuple[Mention, int]:
    """The leftmost NP of an appositive chain is the speaker, but a person before any
    organisation: "on a news site, the Courier, and quoted widely, Lin Bo, a student, urged"."""
    if best is not None and found[0].is_org and not best[0].is_org:
        return best
    return found


def _is_short_quote(toks: list[Token], quote: int) -> bool:
    """A quoted title inside an appositive ("the radio show "Morning Drive,""), not speech."""
    return sum(1 for t in toks if t.quote == quote and t.is_word) <= 6


def _named_after(text: str, toks: list[Token], k: int, j: int) -> Mention | None:
    """A person's full name right after the comma at k, in an appositive chain ending at j:
    "One farmer backing the plan, Tomas Berg of Grace Church in Dayton, said"."""
    m = np_right(text, toks, k + 1, j)
    if m is None or m.kind != "name" or m.is_org or m.is_group or len(m.name.split()) < 2:
        return None
    after = next((t for t in toks[k + 1 : j + 1] if t.start >= m.end), None)
    if after is None or after.text == "," or after.low in {"of", "in", "at", "from", "with"}:
        return m
    return None


def _role_opening(text: str, toks: list[Token], k: int) -> str | None:
    """The role that opens the clause before the comma at k ("The Podesta Group's CEO", "the
    company's chief executive"): a few words, from the unit's start or after a comma, with a
    role word last; none otherwise."""
    i = k
    while i > 0 and k - i < 8 and toks[i - 1].is_word and toks[i - 1].quote < 0:
        i -= 1
    if i == k or (i > 0 and toks[i - 1].text != ",") or toks[k - 1].low not in ROLE_HEADS:
        return None
    words = toks[i:k]
    if words[0].low in {"the", "a", "an"}:
        words = words[1:]
    if not words or any(w.low in CUES for w in words):
        return None
    return text[words[0].start : words[-1].end]


def _comma_after(toks: list[Token], m: Mention, j: int) -> int:
    """The index of the first comma after mention m, at most j."""
    return next((x for x in range(j + 1) if toks[x].start >= m.end and toks[x].text == ","), j)


# Words whose object is no subject: "At Boca West, where ..., Jay Dee, its president, said".
_PREPOSITIONS = frozenset(
    """
    in on at for of to from by with during over under about despite unlike like among amid
    against without within into onto upon through inside outside near across
    """.split()
)


def clause_start(toks: list[Token], pos: int) -> bool:
    """True when a speaker NP starting at `pos` begins its clause."""
    idx = token_at(toks, pos)
    if idx > 0 and toks[idx - 1].low == "the":
        idx -= 1  # "Last month, the Ledger, a local paper, revealed"
    if idx > 0 and toks[idx - 1].possessive:
        # an owner before the name: "North Carolina's Ada Fisher", "Google's Laszlo Bock"
        idx -= 1
        while idx > 0 and toks[idx - 1].is_cap and toks[idx - 1].low not in CAP_STOP:
            idx -= 1
    if idx == 0:
        return True
    prev = toks[idx - 1]
    return (
        prev.text in {",", "—", "–", ";", ":", "(", "''", '"', "”"}
        or (prev.low in CAP_STOP and prev.is_cap and prev.low not in _PREPOSITIONS)
        or prev.low in {"and", "but", "while", "as", "when", "because"}
        or prev.quote >= 0
    )


def according_np(text: str, toks: list[Token], k: int, n: int) -> Mention | None:
    """The source named after "according to", from token k on."""
    e = k
    while e < n and toks[e].quote < 0 and toks[e].text not in {",", ".", ";", ":", ")", "—"}:
        e += 1
    if e == k:
        return None
    office = _office_np(text, toks, e - 1, k)
    if office is not None:
        return office  # "according to the mayor of Gotham"
    # "according to a statement from Rostek" -> Rostek; "according to the Times" -> Times
    for x in range(e - 1, k - 1, -1):
        if toks[x].low == "of" and x > k and toks[x - 1].is_cap:
            continue  # "the Florida Department of State", "Paul Sperry of Counter Jihad": one name
        if toks[x].low in {"from", "by", "of"} and x + 1 < e:
            m = np_left(text, toks, e - 1, x + 1)
            if m is not None and m.kind in {"name", "role", "office"}:
                return m
            break
    return np_left(text, toks, e - 1, k)
