"""The question inside a chat message's framing: "hey newsbot, can you tell me who Karoline
Leavitt is? thanks!" asks "Who is Karoline Leavitt?".

Greetings, thanks and "can you tell me …" say nothing about the news asked for, yet the question
is read from its first words ("What did X say?", "Who is X?") and its words are searched: a
greeting before "what did Peskov say?" made it a question about nothing the news holds.
"""

from __future__ import annotations

import re

_SEPARATOR = r"[\s,!.:;—–-]"
# The punctuation that ends a framing word: a hyphen only after a space ("hey - who …"), since
# one joined to the next word makes a compound ("Right-wing", "So-called", "Well-known", "Q-Anon")
_BREAK = r"(?:\s*[,!.:;—–]|\s+-)"
# What a question starts with once its framing is gone: a framing word followed by one of these
# needs no punctuation after it ("hey what did Peskov say").
_QUESTION_START = (
    r"(?:who|whom|whose|what|what['’]s|when|where|which|why|how|is|are|was|were|did|do|does|"
    r"has|have|had|can|could|would|will|should|tell|any|give|show|list|please|pls|plz)\b"
)
_ADDRESS = r"@?news\s?bot|bot"  # the bot addressed by name (a Discord mention is removed before)
_GREETING = (
    r"hey|hi|hello|hiya|heya|howdy|yo|greetings|good\s+(?:morning|afternoon|evening|day)|"
    r"morning|evening"
)
# a greeting word before a word in lower case greets ("hey tesla has …"); before a capital it may
# start a name ("Hello Kitty", "Hey Jude")
_HAILING = r"hey|hi|hello|hiya|heya|howdy|yo"
_AUDIENCE = r"there|all|everyone|everybody|folks|guys|team|friend"
_FILLER = r"ok(?:ay)?|so|well|um+|uh+|hmm+|right|alright"
_OPENING = re.compile(
    rf"^(?:(?:{_GREETING})(?:\s+(?:{_AUDIENCE}))?(?:\s*,?\s*(?:{_ADDRESS}))?"
    rf"|(?:{_ADDRESS})|(?:{_FILLER}))"
    rf"(?:{_BREAK}{_SEPARATOR}*|\s+(?={_QUESTION_START}|(?:{_GREETING}|{_ADDRESS}|{_FILLER})\b)"
    rf"|\s*$)"
    rf"|^(?:{_HAILING})\s+(?-i:(?=[a-z]))",
    re.IGNORECASE,
)
# "Quick question: …", "Q: …": a label, always followed by its punctuation.
_LABEL = re.compile(r"^(?:quick\s+)?(?:question|q)(?:\s*[:—–]|\s+-)\s*", re.IGNORECASE)
# "Sorry to bother you, but …", "Excuse me, …"
_APOLOGY = re.compile(
    r"^(?:(?:so\s+)?sorry|excuse\s+me|pardon(?:\s+me)?)"
    r"(?:\s+(?:to\s+(?:bother|interrupt|ask)|for\s+(?:bothering|interrupting|asking))"
    r"(?:\s+(?:you|u))?(?:\s+again)?)?"
    rf"(?:\s*,?\s*but\s+|{_BREAK}{_SEPARATOR}*|\s+(?={_QUESTION_START}))",
    re.IGNORECASE,
)
_PLEASE = re.compile(r"^(?:please|pls|plz|kindly)\b[\s,]*", re.IGNORECASE)
# Asking to be told, before the question it frames ("can you tell me who …", "do you know
# what …", "I was wondering when …", "… if the shutdown ended"), but not before "about": "tell
# me about X" already reads as the question it is.
_ASKING = re.compile(
    r"^(?:"
    r"(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+|pls\s+|kindly\s+)?"
    r"(?:tell|remind|show)\s+(?:me|us)"
    r"|(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+|pls\s+)?(?:let\s+(?:me|us)\s+know|"
    r"find\s+out|check|look\s+up)"
    r"|(?:do|does|would)\s+(?:you|u|anyone|anybody|someone|somebody)\s+(?:happen\s+to\s+)?know"
    r"|(?:anyone|anybody)\s+know|any\s+idea"
    r"|(?:i|we)(?:['’]d|\s+would)\s+(?:like|love)\s+to\s+know"
    r"|(?:i|we)\s+(?:want|need|wanna)(?:\s+to)?\s+know"
    r"|(?:i|we)\s+wonder"
    r"|(?:i['’]?m|i\s+am|i\s+was|i['’]ve\s+been|we\s+were|we['’]re|just)\s+"
    r"(?:wondering|curious)(?:\s+about)?"
    r")[\s,:]+(?!about\b)(?=\w)"
    # bare, only before a wh-word: "Tell me the latest on X", "Curious George …" are no frames
    r"|^(?:wondering|curious|(?:tell|remind|show)\s+(?:me|us)|let\s+(?:me|us)\s+know)[\s,:]+"
    r"(?=(?:who|whom|whose|what|when|where|which|why|how|if|whether)\b)",
    re.IGNORECASE,
)
_WH = r"who|whom|whose|what|when|where|why|which\s+\w+|how(?:\s+(?:many|much|long|old|big))?"
# "who Karoline Leavitt is" -> "who is Karoline Leavitt"
_COPULA_LAST = re.compile(rf"^({_WH})\s+(\S.*?)\s+(is|are|was|were)$", re.IGNORECASE)
# "what Peskov said about the talks" -> "what did Peskov say about the talks"
_SAID = re.compile(
    r"^what\s+(?!did\b|does\b|do\b|has\b|have\b|is\b|was\b)(\S.*?)\s+"
    r"(?:said|says|has\s+said|have\s+said|had\s+to\s+say|has\s+been\s+saying|"
    r"have\s+been\s+saying|was\s+saying|were\s+saying|is\s+saying|are\s+saying)\b(.*)$",
    re.IGNORECASE,
)
# "What did Peskov say, newsbot?"
_ADDRESS_LAST = re.compile(rf",\s*(?:{_ADDRESS})\s*(?=[?!.]*\s*$)", re.IGNORECASE)
_IF = re.compile(r"^(?:if|whether)\s+", re.IGNORECASE)
# Thanks and sign-offs after the question, with any emoji or emoticon that ends the message.
_CLOSING = re.compile(
    r"(?:(?<=[\s?!.,])|^)(?:"
    r"(?:thanks|thank\s+(?:you|u)|thx|tnx|ty|tia|cheers|please|pls|plz)"
    r"(?:\s+(?:so\s+much|a\s+lot|very\s+much|in\s+advance))?"
    r"(?:\s*,?\s*(?:" + _ADDRESS + "|" + _AUDIENCE + r"))?"
    r"|,\s*(?:" + _ADDRESS + r")"
    r")[\s!.]*$"
    r"|(?:\s*(?:[:;]-?[)D(P]|<3|[\U0001F300-\U0001FAFF\u2600-\u27BF\uFE0F]))+\s*$",
    re.IGNORECASE,
)


# Chat shorthand for words a question is read by ("wat did trump say", "what did the govt
# say abt it"): in lower case only ("Angkor Wat", "Wen Jiabao", "Ur" are names), but for a
# question word that starts the message.
SHORTHAND = {
    "wat": "what",
    "wut": "what",
    "wht": "what",
    "whut": "what",
    "whats": "what's",
    "wats": "what's",
    "whos": "who's",
    "wheres": "where's",
    "wen": "when",
    "abt": "about",
    "govt": "government",
    "gov't": "government",
    "ppl": "people",
    "u": "you",
    "ur": "your",
    "bc": "because",
    "cuz": "because",
    "thru": "through",
    "pres": "president",
    "prez": "president",
}
_OPENING_SHORTHAND = frozenset({"wat", "wut", "wht", "whut", "whats", "wats", "whos", "wheres"})
_SHORT_WORD = re.compile(r"(?<![\w.'’@#-])([A-Za-z][A-Za-z'’]*)(?![\w.'’@-])")


def spelled_out(text: str) -> str:
    """`text` with chat shorthand written out ("wat did trump say abt brazil" -> "what did
    trump say about brazil"); `text` itself when it has none."""

    def word(m: re.Match[str]) -> str:
        typed = m.group(1)
        if typed in SHORTHAND:
            return SHORTHAND[typed]
        lower = typed.lower()
        if m.start() == 0 and lower in _OPENING_SHORTHAND and typed[1:].islower():
            return SHORTHAND[lower].capitalize()
        return typed

    return _SHORT_WORD.sub(word, text)


def unframed(text: str) -> str:
    """The question in `text` without the chat framing around it: greetings and the bot's name
    before it, "can you tell me" / "do you know" / "I was wondering" before a wh-clause (put
    back in question order: "who X is" -> "who is X", "what X said" -> "what did X say"), thanks
    after it. `text` itself when nothing frames it, or when nothing but framing is left."""
    rest = _inside(text)
    if rest == text.strip() or not re.search(r"\w", rest):
        return text
    return rest[:1].upper() + rest[1:]


def only_framing(text: str) -> bool:
    """Whether `text` is nothing but framing: a greeting, thanks ("hi", "thanks newsbot!")."""
    return bool(re.search(r"\w", text)) and not re.search(r"\w", _inside(text))


def _inside(text: str) -> str:
    rest = text.strip()
    for _ in range(6):  # "hey newsbot, quick question: please …"
        before = rest
        rest = _OPENING.sub("", rest, count=1)
        rest = _LABEL.sub("", rest, count=1)
        rest = _APOLOGY.sub("", rest, count=1)
        rest = _PLEASE.sub("", rest, count=1)
        if rest == before:
            break
    for _ in range(4):  # "… ? thanks so much :)"
        before = rest
        rest = _CLOSING.sub("", rest, count=1).rstrip(" ,")
        rest = _ADDRESS_LAST.sub("", rest, count=1)
        if rest == before:
            break
    asking = _ASKING.match(rest)
    return _question_order(rest[asking.end() :]) if asking else _indirect_order(rest)


# Words that end a clause's subject: "what happened when Trump said …" has none to move.
_CLAUSE_WORDS = frozenset(
    "when after before while because that which who whom if since as until once where why how "
    "and or happened".split()
)
_MAX_SUBJECT_WORDS = 12


def _subject(words: str) -> bool:
    """Whether `words` can be the subject an indirect question puts before its verb."""
    split = words.lower().split()
    return len(split) <= _MAX_SUBJECT_WORDS and not _CLAUSE_WORDS.intersection(split)


def _question_order(clause: str) -> str:
    """An indirect question in the order of a direct one."""
    mark = "?" if clause.rstrip().endswith("?") else ""
    bare = clause.rstrip(" ?.!")
    copula = _COPULA_LAST.match(bare)
    if copula and _subject(copula.group(2)):
        wh, subject, verb = copula.groups()
        return f"{wh} {verb} {subject}?"
    said = _SAID.match(bare)
    if said and _subject(said.group(1)):
        return f"what did {said.group(1)} say{said.group(2)}?"
    return _IF.sub("", bare) + (mark or "?")


def _indirect_order(text: str) -> str:
    """A question left in the order of an indirect one once its framing is gone ("Sorry to
    bother you, but who X is?", "… what X said about Y?"), in question order; any other text
    as it is."""
    bare = text.rstrip(" ?.!")
    copula, said = _COPULA_LAST.match(bare), _SAID.match(bare)
    if copula and _subject(copula.group(2)) or said and _subject(said.group(1)):
        return _question_order(text)
    return text
