"""Understanding a question: who-said-what or not, whose words, about what, what kind of answer."""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from bot.framing import unframed
from bot.models import Conversation
from bot.timeframe import TimeFrame, parse_time, with_period_words
from index.quotes.lexicon import COUNTRIES, QUESTION_SPEECH_VERBS, US_STATES
from index.speakers import names_a_person

# Verbs of speech a who-said-what question uses ("what did X say / claim / tell reporters ..."),
# from the one speech-verb lexicon; longest first, so no verb is read as the start of a longer one.
SPEECH_VERBS = "|".join(sorted(QUESTION_SPEECH_VERBS, key=lambda verb: (-len(verb), verb)))
REACTION_NOUNS = (
    "reaction|response|statement|statements|comment|comments|remarks|position|view|views|"
    "message|answer|words|quote|quotes|stance|take"
)
_LEAD = r"^(?:and|so|but|also|ok|okay|then|now|well)?[\s,]*"
# The asked name never ends in a word that needs another after it: in "What did the state say"
# and "What did Todd Rokita and state House Speaker Brian Bosma say", "state" is no verb.
# (lower case only: "the F.A.A" ends in a capital A)
_NAME = r"(?P<name>.+?)(?-i:(?<!\band)(?<!\bor)(?<!\bthe)(?<!\ba)(?<!\ban)(?<!\bof)(?<!\bfor))"
# `{v}` comes before each verb or noun that ends the asked name: nothing for the loose patterns,
# a lower-case guard for the strict ones, which are tried first so that a capitalised word of the
# name is never read as the verb ("What did United States Citizenship ... say?", "What did the
# Washington Post say?"); a question written in title case still gets the loose reading.
_SPEAKER_TEMPLATES = [
    _LEAD + r"what\s+(?:else\s+)?(?:did|does|do|has|have|had|will|would)\s+" + _NAME + r"\s+"
    r"(?:(?:have\s+)?to\s+)?{v}(?:" + SPEECH_VERBS + r")\b(?P<rest>.*)$",
    _LEAD + r"how\s+(?:did|does|do|has|have)\s+" + _NAME + r"\s+"
    r"{v}(?:react|reacted|respond|responded|reply|replied|answer|answered)\b(?P<rest>.*)$",
    _LEAD + r"what\s+(?:was|is|were|are|has\s+been)\s+" + _NAME + r"(?:['’]s?|\s+of)\s+"
    r"{v}(?:" + REACTION_NOUNS + r")\b(?P<rest>.*)$",
    # without the owner's "'s" only before what it reacts to: "What was the White House
    # response to the ruling?"; "What is the Maillard reaction?" asks what a thing is
    _LEAD + r"what\s+(?:was|is|were|are|has\s+been)\s+" + _NAME + r"\s+"
    r"{v}(?:" + REACTION_NOUNS + r")\b(?P<rest>\s+(?:to|on|about|over|regarding)\b.*)$",
    _LEAD + r"(?:did|has|have|does)\s+" + _NAME + r"\s+{v}(?:say|said|comment|commented|speak|"
    r"spoken|spoke|respond|responded|react|reacted|deny|denied|confirm|confirmed|admit|"
    r"admitted|claim|claimed|tweet|tweeted|warn|warned)\b(?P<rest>.*)$",
    # "What's X been saying?", "What is X saying about Y?"
    _LEAD + r"what(?:['’]s|\s+(?:is|was|has|have|are|were))\s+" + _NAME + r"\s+(?:been\s+)?"
    r"{v}(?:saying|claiming|telling|tweeting|posting|arguing|warning|writing)\b(?P<rest>.*)$",
    # the echo question of a chat: "Peskov said what?", "So Lavrov said what about it?"
    _LEAD + _NAME + r"\s+{v}(?:said|says|say|claimed|claims)\s+what\b(?P<rest>.*)$",
    _LEAD
    + r"(?:give\s+me|show\s+me|list)\s+"
    + _NAME
    + r"['’]s?\s+{v}(?:"
    + REACTION_NOUNS
    + r")\b(?P<rest>.*)$",
]
_LOWER_CASE = r"(?-i:(?=[a-z]))"
# "What does starboard mean?", "What do the tariffs mean for prices?": what a word or a thing
# means now asks for a meaning or an effect, not for what somebody said. Someone's meaning is
# asked in the past ("What did Trump mean?") or of something said ("What does Peskov mean by
# escalation?").
_MEANING = re.compile(r"\bwhat\s+(?:does|do)\s.*\bmean$", re.IGNORECASE)
_BY = re.compile(r"\s*by\b", re.IGNORECASE)
# The longest speaker phrase looked up as a name: a name with its role and organisation ("Council
# on American-Islamic Relations Executive Director Nihad Awad", "Jeffrey Lewis of the James
# Martin Center for Nonproliferation Studies"); longer is a sentence ("What did the report ...
# say?"). Past _SURE_NAME_WORDS a phrase may be a description of an event rather than somebody
# ("Bush and his rivals for the Republican presidential nomination"): when no statements are
# found for it, the passages answer.
_MAX_NAME_WORDS = 12
# No name ends with a preposition: "What is an ellipsis in writing?" asks no one's writing.
_LAST_PREPOSITION = re.compile(r"\s(?:about|at|by|for|from|in|into|of|on|to|with)$")
_SURE_NAME_WORDS = 8
_SPEAKER_PATTERNS = [
    re.compile(template.replace("{v}", guard), re.IGNORECASE)
    for guard in (_LOWER_CASE, "")
    for template in _SPEAKER_TEMPLATES
]
_TOPIC = re.compile(
    r"\b(?:about|on|regarding|concerning|over|of|in\s+response\s+to|in\s+reaction\s+to|to"
    # where or when: "at her sentencing", "during the summit", "in the Diddy trial" (not "in
    # an interview": how, not what)
    r"|at|during|in(?=\s+the\b))\s+"
    r"(?P<topic>.+)$",
    re.IGNORECASE,
)
PRONOUNS = {"he", "she", "they", "him", "her", "them", "it", "his", "their", "its"}

# "When Trump tapped Rubio, which senator cheered the pick?": a "when" opening a clause of its
# own (not "When did ...", "When is ...") and a comma before a wh-phrase says when the asked
# thing happened; the question is the wh-phrase after it. A phrase with no wh-word may come
# first ("Back in January 2018 when China's ambassador said ..., which spokeswoman ...?"), and
# the comma may be left out, as chat leaves it ("when reno tahoe said no which other us cities
# had been invited").
_OPENING_WHEN = re.compile(
    r"^(?:(?!\b(?:which|what|who|whom|whose|where|how|why)\b)[^?])*?"
    r"\bwhen\s+(?!(?:is|are|was|were|did|do|does|will|would|can|could|should|shall|has|have"
    r"|had|may|might|must)\b)[^?,]*?(?:,\s*|\s+)(?=(?:which|what|who|whom|whose|where|how)\b)",
    re.IGNORECASE,
)


def opening_clause_end(question: str) -> int:
    """Where the question starts after an opening "When ...," clause that says when the asked
    thing happened ("When Trump tapped Rubio, which senator ...?"); 0 when it has none."""
    m = _OPENING_WHEN.match(question)
    return m.end() if m else 0


WH_TYPES = [
    (
        "how_many",
        re.compile(r"\bhow\s+(?:many|much)\b|\bwhat\s+(?:number|percentage|amount)\b", re.I),
    ),
    ("when", re.compile(r"^\W*(?:and\s+)?when\b|\bwhat\s+(?:year|day|date|month|time)\b", re.I)),
    ("where", re.compile(r"^\W*(?:and\s+)?where\b|\bwhat\s+(?:country|city|state|place)\b", re.I)),
    (
        "who",
        re.compile(
            r"^\W*(?:and\s+)?(?:who|whom|whose)\b|\bwhich\s+(?:person|man|woman|company|team|country|group|organi[sz]ation)\b",
            re.I,
        ),
    ),
    ("why", re.compile(r"^\W*(?:and\s+)?why\b", re.I)),
    ("how", re.compile(r"^\W*(?:and\s+)?how\b", re.I)),
]

STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    out over own same she should so some such than that the their theirs them themselves then
    there these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your yours yourself yourselves did say said
    tell told says according also new week recently last year years this that many much happen
    happened happening what's whats today yesterday tonight latest lately recent newest currently
    weeks month months ago since""".split()
)
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-]*")


@dataclass(frozen=True)
class Question:
    """A parsed question."""

    text: str  # as asked, whitespace-normalised
    search_text: str  # what retrieval searches for (follow-ups add the earlier subject)
    kind: str  # "speaker", or a wh-type: who, when, where, how_many, why, how, what
    speaker: str | None = None  # the asked name or role, for kind == "speaker"
    topic: str | None = None  # "about Y"
    topic_kept: bool = False  # the topic is a follow-up's, kept from the earlier question
    keywords: tuple[str, ...] = ()  # content words, lower-case
    time: TimeFrame = TimeFrame()  # the period or recency it asks about ("this week")

    @property
    def lexical_text(self) -> str:
        """What BM25 matches: `search_text` with the relative time words ("this week") kept."""
        return with_period_words(self.search_text, self.time)

    @property
    def subject(self) -> str | None:
        """What a follow-up keeps: the topic, else the speaker, else the keywords."""
        if self.topic:
            return self.topic
        if self.speaker:
            return self.speaker
        return " ".join(self.keywords[:6]) or None


def content_words(text: str) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for w in _WORD.findall(text.lower().replace("’", "'")):
        w = w.removesuffix("'s").strip("'-")
        if len(w) > 1 and w not in STOPWORDS:
            seen.setdefault(w, None)
    return tuple(seen)


# A full name, then a relative clause about them: "Jim Whelan, who represents Atlantic City".
_NAME_THEN_WHO = re.compile(r"^((?:[A-Z][\w.'’-]*\s+)+[A-Z][\w.'’-]*),?\s+who\s+\S.*$")


# A word after the name stressing who spoke ("Sanders himself", "Rubio and Bush both"), in lower
# case: "Arts for All" keeps its last word.
_EMPHASIS = re.compile(r"\s+(?:(?i:himself|herself|itself|themselves)|both|all|each|alike)$")


def _clean_name(name: str) -> str:
    name = name.strip(" ,.?!\"'“”‘’")
    name = _NAME_THEN_WHO.sub(r"\1", name)
    name = _EMPHASIS.sub("", name)
    name = re.sub(r"^(?:the\s+)?(?:u\.s\.|us)\s+(?=president\b)", "", name, flags=re.I)
    return name


def _clean_topic(rest: str) -> str | None:
    rest = rest.strip().rstrip("?.! ")
    m = _TOPIC.search(rest)
    topic = (m.group("topic") if m else "").strip(" ,.?!")
    # "tell reporters about X": drop the audience, keep the subject
    topic = re.sub(r"^(?:the\s+)?(?:reporters|journalists|the\s+press|press)\s+about\s+", "", topic)
    return topic or None


# Chat markdown around words (Discord: **bold**, *italic*, _italic_, __underline__, ~~strike~~,
# ||spoiler||, `code`) and inline HTML pasted from web pages (<em>not</em>, &quot;): formatting,
# not words. Only paired markers that hug a run of text go, so "snake_case", "3 * 4" and "a < b"
# stay as they are.
_MARKDOWN = re.compile(r"(?<!\w)(\*\*|__|\*|_|~~|\|\||`)(?=\S)(.+?)(?<=\S)\1(?!\w)")
_INLINE_TAG = re.compile(
    r"</?(?:a|b|i|u|s|em|strong|span|mark|small|big|code|del|ins|sub|sup|q|cite|abbr|font)"
    r"(?:\s[^<>]{0,200})?>|<br\s*/?>",
    re.IGNORECASE,
)


# Function words of the languages a question most often comes in besides English, folded
# (no accents): a question holding two of one language's and none of English's is in that one.
_FOREIGN_WORDS = {
    "Spanish": frozenset(
        "que quien quienes cual cuales donde cuando como por para con una los las del es fue "
        "sobre dijo gano hizo esta estan son".split()
    ),
    "French": frozenset(
        "le les des du est qui quoi ou quand comment pourquoi une sur dit qu il elle ont a-t-il "
        "sont".split()
    ),
    "German": frozenset(
        "der die das und ist wer was wo wann wie warum hat ein eine uber sagte sind wurde".split()
    ),
    "Portuguese": frozenset(
        "o os quem onde quando como porque sobre disse foi um uma do da dos das sao".split()
    ),
    "Italian": frozenset("il gli chi che dove quando come perche ha detto sul della sono".split()),
}
_ENGLISH_WORDS = frozenset(
    "the a an what who whom which did does do is was were are of in on and how why where when "
    "say said says about to for with has have this that".split()
)


def fold(text: str) -> str:
    """Lower case without accents, so "Beyoncé" matches "Beyonce"."""
    return unaccented(text).lower()


def unaccented(text: str) -> str:
    """The text without accents, its case kept."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def question_language(question: str) -> str | None:
    """The language other than English the question is written in, if it plainly is one
    ("Quién ganó la Serie Mundial?": Spanish); None for English and for anything unsure."""
    words = re.findall(r"[a-z][a-z'-]*", fold(question))
    if not words or any(w in _ENGLISH_WORDS for w in words):
        return None
    counts = {lang: sum(w in vocab for w in words) for lang, vocab in _FOREIGN_WORDS.items()}
    lang, hits = max(counts.items(), key=lambda kv: kv[1])
    return lang if hits >= 2 else None


def plain_question(question: str) -> str:
    """`question` without chat markdown or inline HTML around its words, entities decoded:
    "What did _Peskov_ say?" asks what "What did Peskov say?" asks."""
    text = _INLINE_TAG.sub("", question)
    if "&" in text:
        text = html.unescape(text)
    for _ in range(3):  # nested: ***both*** or **_both_**
        plain = _MARKDOWN.sub(r"\2", text)
        if plain == text:
            break
        text = plain
    return text


def surely_a_name(speaker: str) -> bool:
    """A speaker phrase short enough to be somebody's name, not a description of an event."""
    return len(speaker.split()) <= _SURE_NAME_WORDS


# At most this many people are answered for one question ("What did A, B, C and D say?").
MAX_LISTED_PEOPLE = 4
_LIST_SEPARATOR = re.compile(r"\s*,\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+")


def listed_people(speaker: str) -> list[str]:
    """The people a speaker phrase lists: "Sanders and Clinton" -> ["Sanders", "Clinton"],
    "Bush, Christie and Sen. Rand Paul" -> three. None ([]) unless each part names a person or
    a role: "Sanders and his aides" is one group."""
    phrase = speaker.strip()
    if not surely_a_name(phrase):
        return []  # a long phrase may tell of an event: "Bush and his rivals for ..."
    parts = _with_regions([p for p in _LIST_SEPARATOR.split(phrase) if p], phrase)
    if not 2 <= len(parts) <= MAX_LISTED_PEOPLE:
        return []
    if phrase.islower():
        # typed without capitals ("trump and putin"): a part of a few words none of which is a
        # function word may be a name; the speaker index then says whether it is one
        return parts if all(_lower_case_name(p) for p in parts) else []
    return parts if all(_one_person(p) for p in parts) else []


def _with_regions(parts: list[str], phrase: str) -> list[str]:
    """The parts of a list with a state or a country written after a town's comma kept with it:
    "the mayor of Alamogordo, New Mexico" is one part, where "Trump, Mexico" are two."""
    kept: list[str] = []
    for part in parts:
        town = kept and " of " in kept[-1] and f"{kept[-1]}, {part}" in phrase
        if town and part.lower() in US_STATES | COUNTRIES:
            kept[-1] = f"{kept[-1]}, {part}"
        else:
            kept.append(part)
    return kept


def _lower_case_name(part: str) -> bool:
    """A part of a list typed in lower case that may name a person: "putin", "dmitry
    medvedev", a role ("the mayor"); not "his top aides" or "other leaders"."""
    words = part.split()
    if names_a_person(part):
        return True  # a role
    return len(words) <= 3 and not any(w in STOPWORDS or "'" in w or "’" in w for w in words)


_NAME_INNER = frozenset({"of", "the", "de", "da", "del", "van", "von", "der", "la", "le", "al"})


def _one_person(part: str) -> bool:
    """A part of a list that names one person, place or organisation: a capitalised name,
    maybe after a description ("former TV anchor Katie Couric", "Sen. Rand Paul of Kentucky"),
    or a role ("the governor", "the mayor of Gotham"); not "Gorka's analysis", "other leaders"
    or "his top aides"."""
    words = part.split()
    if re.search(r"['’]s?\b|[:\"“”]", part) or not names_a_person(part):
        return False
    if not words[-1][:1].isupper():
        return not any(w[:1].isupper() for w in words)  # a role in lower case: "the governor"
    # the name: the capitalised run at the end ("of", "de" ... inside it)
    i = len(words)
    while i > 0 and (words[i - 1][:1].isupper() or words[i - 1] in _NAME_INNER):
        i -= 1
    return not any(w[:1].isupper() for w in words[:i])


def parse_question(
    question: str, conversation: Conversation | None = None, now: datetime | date | None = None
) -> Question:
    """Parse `question`; a follow-up inherits the subject of the earlier question.

    Its time words ("this week", "since 2019", "latest") become `time`, relative to `now`;
    relative ones are left out of `search_text` (the embedding's) but kept in `lexical_text`.
    """
    text = " ".join(plain_question(question).split())
    time, timeless = parse_time(text, now)
    bare = timeless.rstrip("?!. ")
    kind, speaker, topic = "what", None, None
    topic_kept = False
    for pattern in _SPEAKER_PATTERNS:
        m = pattern.match(bare)
        if m and _MEANING.search(bare[: m.start("rest")]) and not _BY.match(m.group("rest")):
            break  # a meaning asked for: no speaker
        if m:
            name = _clean_name(m.group("name"))
            if (
                name
                and len(name.split()) <= _MAX_NAME_WORDS
                and not _LAST_PREPOSITION.search(name)
                and not re.match(r"(?i)^(?:you|i|we)$", name)
            ):
                kind, speaker, topic = "speaker", name, _clean_topic(m.group("rest"))
                break
    if kind != "speaker":
        asked = bare[opening_clause_end(bare) :]  # the question after a "When ...," clause
        for wh, pattern in WH_TYPES:
            if pattern.search(asked):
                kind = wh
                break

    earlier = parse_question(conversation.question) if conversation else None
    if speaker and speaker.lower() in PRONOUNS and earlier and earlier.speaker:
        speaker = earlier.speaker  # "what else did he say?"
    if speaker and speaker.lower() in PRONOUNS:
        speaker = None
        kind = "what"
    search_text = timeless
    if conversation is not None:
        subject = conversation.subject or (earlier.subject if earlier else None)
        earlier_topic = conversation.subject or (earlier.topic if earlier else None)
        if kind == "speaker" and not topic and earlier_topic and earlier_topic != speaker:
            topic = earlier_topic  # "and what did Lavrov say?" after "what did Peskov say about X?"
            topic_kept = True
        if subject and subject.lower() not in text.lower():
            search_text = f"{text} {subject}"
    for part in (topic, speaker):
        if part and part.lower() not in search_text.lower():
            search_text = f"{part} {search_text}"
    return Question(
        text=text,
        search_text=search_text,
        kind=kind,
        speaker=speaker,
        topic=topic,
        topic_kept=topic_kept,
        keywords=content_words(search_text),
        time=time,
    )


_FOLLOW_UP = re.compile(
    r"^\W*(?:and|also|so|then|what\s+about|how\s+about|what\s+else)\b"
    r"|\b(?:he|she|they|him|her|them|his|hers|their|theirs)\b",
    re.IGNORECASE,
)


def looks_like_follow_up(question: str) -> bool:
    """Whether a question leans on the one before ("and Lavrov?", "what else did he say?").

    Used where there is no explicit reply (the terminal chat); on Discord a reply is explicit.
    Chat framing before it does not hide it ("ok, and Lavrov?").
    """
    return bool(_FOLLOW_UP.search(unframed(question)))
