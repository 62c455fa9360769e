"""Coreference: whom a speaker mention means ("Peskov", "he", "the spokesman" -> Dmitry Peskov).

The article is read in order. Every capitalised name is registered up front, so that a surname
can become the full name given earlier (or, failing that, later); pronouns go to the most recent
compatible speaker or sentence subject; a definite role goes to the person introduced with it.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import re

from index.quotes.lexicon import CAP_STOP, FIRST_NAMES, NAME_PARTICLES, TITLE_ROLES, TITLES
from index.quotes.mentions import Mention, gender_of, last_token, np_left
from index.quotes.tokens import Token, find_quotes, paragraphs, tokenize

# Where a person named in an office is from: "Mayor Tom Hale| of Metropolis".
_OF_PLACE = re.compile(r",? of (?:the )?([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2})")
# The longest apposition (in tokens) between a sentence's subject and its verb: "Ebrahim Raisi,
# Iran's president, criticized ..."
MAX_APPOSITION = 10
# Words of a definite role that say nothing of the person: "the former governor".
_ROLE_FILLER = frozenset({"former", "then", "current", "russian", "us", "u.s."})


@dataclasses.dataclass
class Entity:
    """A person, organisation or group that speaks, with every name it goes by."""

    name: str
    role: str | None = None
    aliases: set[str] = dataclasses.field(default_factory=set)
    is_org: bool = False
    is_group: bool = False
    gender: str | None = None
    titled: set[str] = dataclasses.field(default_factory=set)  # "senator" from "Sen."

    @property
    def surname(self) -> str:
        return last_token(self.name)


class Coreference:
    """The people and organisations of one article, and whom each speaker mention means."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.entities: dict[str, Entity] = {}
        self.recent: list[tuple[str | None, Mention]] = []  # speakers, oldest first
        self.name_mentions: list[tuple[int, Mention]] = []
        # clause-initial names outside quotes ("Clinton leaned in ..."): pronoun referents
        self.subject_mentions: list[tuple[int, Mention]] = []
        self.role_mentions: list[tuple[int, Mention]] = []  # people named with a role or title
        self.unit_start = 0  # where the sentence unit being read starts
        self._register_names()
        # Indexes over the registered names, so that each lookup costs the same however long
        # the article is (a scan per mention made a long article's extraction quadratic).
        # Names are registered in text order; sorting (stably) only makes bisection safe.
        self.name_mentions.sort(key=lambda pm: pm[0])
        self.subject_mentions.sort(key=lambda pm: pm[0])
        self.role_mentions.sort(key=lambda pm: pm[0])
        self._subject_starts = [p for p, _ in self.subject_mentions]
        self._by_surname: dict[str, tuple[list[int], list[Mention]]] = {}
        self._first_role: dict[str, str] = {}
        self._speaker_by_surname: dict[str, str] = {}  # the latest full-named speaker of each
        for p, m in self.name_mentions:
            starts, mentions = self._by_surname.setdefault(last_token(m.name), ([], []))
            starts.append(p)
            mentions.append(m)
            if m.role:
                self._first_role.setdefault(m.name, m.role)

    def resolve(self, m: Mention) -> Entity | None:
        """The entity a speaker mention means; None for somebody nobody can name."""
        if m.kind == "name":
            return self._resolve_name(m, m.start)
        if m.kind == "pronoun":
            return self._resolve_pronoun(m)
        if m.kind == "role":
            return self._resolve_role(m)
        if m.kind == "office":
            return self._resolve_office(m)
        return None

    def remember(self, speaker: str | None, m: Mention) -> None:
        """Record a speaker (None when unnamed) as the most recent one, for later pronouns."""
        self.recent.append((speaker, m))
        ent = self.entities.get(speaker) if speaker else None
        if ent is not None and len(ent.name.split()) >= 2:
            self._speaker_by_surname[ent.surname] = ent.name

    def _register_names(self) -> None:
        """Every capitalised name in the article, so that "Trump" can become "Donald Trump"."""
        text = self.text
        in_quote = [False] * len(text)
        for ps, pe in paragraphs(text):
            for qs, qe in find_quotes(text, ps, pe):
                for p in range(qs, qe):
                    in_quote[p] = True
        toks = tokenize(text, 0, len(text), [-1] * len(text))
        i = 0
        while i < len(toks):
            if self._participle_opener(toks, i):
                i += 1  # "Rebuking Trump, California passes ...": Trump, not "Rebuking Trump"
                continue
            if toks[i].is_cap and toks[i].is_word and toks[i].low not in CAP_STOP:
                j = i
                while (
                    j + 1 < len(toks)
                    and toks[j + 1].is_word
                    and text[toks[j].end : toks[j + 1].start] in {" ", "\xa0"}
                    and (
                        (toks[j + 1].is_cap and toks[j + 1].low not in CAP_STOP)
                        or toks[j + 1].low in NAME_PARTICLES
                    )
                    and not toks[j].possessive
                ):
                    j += 1
                m = np_left(text, toks, j, i, possessive=True)
                if m is not None and m.kind == "name" and len(m.name.split()) >= 2:
                    self.name_mentions.append((m.start, m))
                if m is not None and m.kind == "name" and m.role and not (m.is_org or m.is_group):
                    self.role_mentions.append((m.start, m))  # "President Obama" too
                if (
                    m is not None
                    and m.kind == "name"
                    and not toks[j].possessive
                    and not in_quote[toks[i].start]
                    and not (
                        i > 0 and toks[i - 1].low in {"the", "a", "an"}
                    )  # "The Murdoch outlets"
                    and self._verb_follows(toks, j + 1)
                    and self._global_clause_start(toks, i)
                ):
                    self.subject_mentions.append((m.start, m))
                i = j + 1
            else:
                i += 1

    @staticmethod
    def _verb_follows(toks: list[Token], k: int) -> bool:
        """A lower-case word (the verb, as near as can be told) at `k`, or after an apposition
        between commas there: "Ebrahim Raisi, Iran's president, criticized ..."."""
        if k < len(toks) and toks[k].text == ",":
            end = next(
                (
                    e
                    for e in range(k + 1, min(k + 1 + MAX_APPOSITION, len(toks)))
                    if toks[e].text in {",", ".", ";", ":", "“", "”", '"'}
                ),
                None,
            )
            if end is None or toks[end].text != ",":
                return False
            k = end + 1
        return (
            k < len(toks)
            and toks[k].is_word
            and toks[k].text[:1].islower()
            and toks[k].low not in {"and", "of", "or", "for", "to", "in", "on", "who", "which"}
        )

    def _participle_opener(self, toks: list[Token], i: int) -> bool:
        """A clause opened by a participle before a name ("Rebuking Trump, ...", "Citing
        Marsh's history"): the participle is no first name (unless a known one: "Sterling")."""
        tok = toks[i]
        return (
            tok.is_cap
            and tok.is_word
            and len(tok.low) >= 6
            and tok.low.endswith("ing")
            and tok.low not in FIRST_NAMES
            and i + 1 < len(toks)
            and toks[i + 1].is_cap
            and self._global_clause_start(toks, i)
        )

    def _global_clause_start(self, toks: list[Token], i: int) -> bool:
        if i == 0 or "\n" in self.text[toks[i - 1].end : toks[i].start]:
            return True
        prev = toks[i - 1]
        if prev.low in TITLES and prev.is_cap:
            return self._global_clause_start(toks, i - 1)
        return prev.text in {".", ",", ";", ":", "—", "?", "!"} or (
            prev.is_cap and prev.low in CAP_STOP
        )

    def _resolve_name(self, m: Mention, pos: int) -> Entity:
        name = m.name
        toks = name.split()
        if m.is_group or m.is_org:
            key = re.sub(r"^(?:the|The)\s+", "", name)
            ent = self.entities.get(key)
            if ent is None:
                ent = Entity(key, m.role, is_org=m.is_org, is_group=m.is_group)
                self.entities[key] = ent
            ent.aliases.add(name)
            return ent
        full = name
        if len(toks) == 1 or (len(toks) == 2 and toks[0].rstrip(".").lower() in TITLES):
            full = self._expand_surname(last_token(name), pos) or name
        elif all(t.lower() in NAME_PARTICLES for t in toks[:-1]):
            # "Des Cars said" (a sentence's capital) is the "Laurence des Cars" named earlier;
            # only a full name ending in these very words ("Al Gore" is not "Tipper Gore")
            fuller = self._expand_surname(last_token(name), pos)
            if fuller is not None and fuller.lower().endswith(" " + name.lower()):
                full = fuller
        ent = self.entities.get(full)
        if ent is None:
            ent = Entity(full, m.role, is_org=m.is_org)
            self.entities[full] = ent
        if m.role and (ent.role is None or len(m.role) > len(ent.role)):
            ent.role = m.role
        if ent.role is None:
            # the role given where the name was introduced: "US President Donald Trump's"
            ent.role = self._first_role.get(full)
        if m.title:
            ent.titled.update(TITLE_ROLES.get(m.title.lower().rstrip("."), ()))
        if m.gender:
            ent.gender = m.gender
        elif ent.gender is None:
            ent.gender = gender_of(full)
        ent.aliases.add(name)
        ent.aliases.add(full)
        if m.place:
            ent.aliases.add(f"{name} of {m.place}")  # asked as written: "Tom Cole of Oklahoma"
        surname = full.split()[-1]
        if surname != full:
            ent.aliases.add(surname)
        return ent

    def _expand_surname(self, surname: str, pos: int) -> str | None:
        # 1. the most recent speaker with that surname ("Clinton said" after "Bill Clinton said")
        recent = self._speaker_by_surname.get(surname)
        if recent is not None:
            return recent
        # 2. the nearest full-name mention before, else the first one after
        starts, mentions = self._by_surname.get(surname, ([], []))
        i = bisect.bisect_left(starts, pos)  # mentions[:i] are before pos, mentions[i:] after
        if i > 0:
            return mentions[i - 1].name
        return mentions[i].name if i < len(mentions) else None

    def _resolve_pronoun(self, m: Mention) -> Entity | None:
        """The most recent compatible speaker or sentence subject before the pronoun."""
        want = m.gender
        recent = self.recent[-6:]
        floor = recent[0][1].start if recent else 0
        cands: list[tuple[int, str | None, Mention]] = [
            (men.start, key, men) for key, men in recent
        ]
        if want in {"m", "f"}:
            lo = bisect.bisect_left(self._subject_starts, floor)
            hi = bisect.bisect_left(self._subject_starts, m.start)
            cands += [(pos, "", men) for pos, men in self.subject_mentions[lo:hi]]
        cands.sort(key=lambda c: c[0], reverse=True)
        passed_speaker = False  # a named speaker more recent than an unnamed one was passed over
        for pos, key, men in cands:
            if key is None:
                if not passed_speaker:
                    # an unnamed speaker ("a spokesman said ... he added") is the referent
                    return None
                continue
            if key == "":
                # a sentence subject, its own sentence's too ("While Biden was in New York, he
                # ... said"), where a name of unknown gender will do ("Ebrahim Raisi, Iran's
                # president, criticized ...: “...,” he said"); one of another gender stands
                # between nobody and the pronoun
                ent = self._person_entity(men, pos, any_gender=pos >= self.unit_start)
                if ent is None or ent.gender not in {want, None}:
                    continue
                ent.gender = want
                return ent
            passed_speaker = True
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
        # No "they" falls back on a person: after "Ailes said ... executives say they ...",
        # they are the executives (a group named nobody), not Ailes.
        return None

    def _person_entity(self, m: Mention, pos: int, any_gender: bool = False) -> Entity | None:
        """The entity of a sentence subject when it is clearly a person of known gender (or,
        with `any_gender`, a person named in full)."""
        full = m.name
        if len(full.split()) == 1:
            full = self._expand_surname(last_token(full), pos) or full
        gender = m.gender or gender_of(full)
        # of unknown gender, only a full name ("Ebrahim Raisi"): a single word may be a place
        # ("Michigan was only doing what 40 states do, he told the court")
        if gender is None and not (
            any_gender and len(full.split()) >= 2 and not (m.is_org or m.is_group)
        ):
            return None
        ent = self._resolve_name(m, pos)
        ent.gender = ent.gender or gender
        return ent

    def _resolve_role(self, m: Mention) -> Entity | None:
        phrase = re.sub(r"^(?:the|The)\s+", "", m.name).lower().split()
        head = phrase[-1] if phrase else ""
        best: Entity | None = None
        for ent in self.entities.values():
            if ent.role and head in ent.role.lower().replace(".", "").split():
                rwords = set(ent.role.lower().replace(".", "").split())
                if set(phrase) - rwords <= _ROLE_FILLER:
                    best = ent  # later entities win: the most recently introduced
            elif phrase == [head] and head in ent.titled:
                best = ent  # "the senator" after "Sen. Jane Doe"
        if best is None and not (m.is_org or m.is_group):
            # "the governor" after "Texas Gov. Greg Abbott toured ...": the person the article
            # introduced in that role, though they had not spoken yet
            named = self._named_before(m.start, head, set(phrase) - _ROLE_FILLER)
            if named is not None:
                return self._resolve_name(named[1], named[0])
        if best is None and m.is_org:
            # "the agency" may be the organisation named just before ("the Agency" in its name)
            for key, _ in reversed(self.recent[-4:]):
                org = self.entities.get(key) if key else None
                if org and org.is_org and head in org.name.lower().split():
                    return org
        return best

    def _role_words(self, m: Mention) -> set[str]:
        """What a person's mention says they are: their role's words, what their title means
        ("Gov." is a governor) and where they are from ("Mayor Tom Hale of Metropolis")."""
        if m.is_org or m.is_group or not m.role:
            return set()
        words = set(m.role.lower().replace(".", "").split())
        for w in list(words):
            words.update(TITLE_ROLES.get(w, ()))
        place = m.place
        if place is None:
            after = _OF_PLACE.match(self.text, m.end)
            place = after.group(1) if after else None
        if place:
            words.update(last_token(w) for w in place.split())
        return words

    def _last_mentioned(self, surname: str, pos: int) -> int:
        """Where the person with `surname` was last named, or quoted, before `pos` (-1: not)."""
        starts, _ = self._by_surname.get(surname, ([], []))
        last = starts[bisect.bisect_left(starts, pos) - 1] if starts and starts[0] < pos else -1
        for p, m in itertools.chain(self.subject_mentions, self.role_mentions):
            if last < p < pos and last_token(m.name) == surname:
                last = p
        for key, spoken in self.recent:
            ent = self.entities.get(key) if key else None
            if ent is not None and ent.surname == surname and last < spoken.start < pos:
                last = spoken.start
        return last

    def _full_name_of(self, named: Mention, head: str) -> Mention | None:
        """A role's holder by their full name: "President Obama" is the Obama the article names
        in full with that role (or just "Obama" when it names none in full); None when that is
        not clear (President Bush after Jeb Bush and George W. Bush were named)."""
        if len(named.name.split()) >= 2:
            return named
        _, mentions = self._by_surname.get(last_token(named.name), ([], []))
        people = {m.name: m for m in mentions if not (m.is_org or m.is_group)}
        if not people:
            return named
        # "Michelle Obama" named in full is no "President Obama": only a full name given with
        # the role is the holder's
        held = [m for m in people.values() if head in self._role_words(m)]
        return held[0] if len(held) == 1 else None

    def _named_before(self, pos: int, head: str, others: set[str]) -> tuple[int, Mention] | None:
        """The person named before `pos` with `head` and all of `others` among their role
        words; of several, the one mentioned last: "the president" after "Obama said" is
        Obama, though "World Bank President Jim Yong Kim" was named in between."""
        holders: dict[str, tuple[int, Mention]] = {}
        for p, named in self.role_mentions:
            if p >= pos:
                break
            words = self._role_words(named)
            if head in words and others <= words:
                full = self._full_name_of(named, head)
                if full is not None:
                    holders[last_token(named.name)] = (p, full)
        if not holders:
            return None
        latest = max(holders, key=lambda surname: self._last_mentioned(surname, pos))
        return holders[latest]

    def _resolve_office(self, m: Mention) -> Entity:
        """ "the mayor of Gotham": the person the article named in that office before, else
        the office itself, a speaker of its own ("Mayor of Gotham", never "Gotham")."""
        office = m.name.lower().split()
        at = next((i for i, w in enumerate(office) if w in {"of", "for", "to"}), len(office))
        head = office[at - 1]
        qualifier = last_token(m.place or "")
        if m.definite:
            holder = self._named_before(m.start, head, {qualifier})
            if holder is not None:
                return self._resolve_name(holder[1], holder[0])
        name = m.name[:1].upper() + m.name[1:]
        ent = self.entities.get(name)
        if ent is None:
            ent = self.entities[name] = Entity(name, role=m.name)
        ent.aliases.update({m.name, f"the {m.name}"})
        return ent

    # -- extraction --
