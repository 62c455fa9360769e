"""The model's reply as claims: its sentences, each with the citation groups it carries."""

from __future__ import annotations

import re
from dataclasses import dataclass

import blingfire

from bot.llm.prompt import NO_ANSWER

# "[2]", "[1, 3]", "[1-3]", "[Passage 2]": one group of citation numbers.
CITATION = re.compile(
    r"\[\s*(?:passages?\s*)?(\d{1,3}(?:\s*(?:,|;|-|–|and)\s*\d{1,3})*)\s*\]", re.IGNORECASE
)
_CITATIONS_ONLY = re.compile(rf"^\s*(?:{CITATION.pattern}\s*)+[.!?]?\s*$", re.IGNORECASE)
_LEADING_CITATIONS = re.compile(rf"^\s*((?:{CITATION.pattern}\s*)+)", re.IGNORECASE)
_LIST_PREFIX = re.compile(r"^\s*(?:[-*•]|\d{1,2}[.)]|#{1,6})\s+")
# A sentence that says the passages do not answer ("The passages do not mention ...").
_REFUSAL = re.compile(
    r"\b(?:passages?|sources?|context|articles?|provided (?:text|information))\b[^.]*?"
    r"\b(?:do(?:es)?\s+not|don't|doesn't|does\s+not|did\s+not|cannot|can't|fails?\s+to)\s+"
    r"(?:answer|contain|mention|say|include|provide|specify|state|address|discuss|cover)"
    r"|\bno (?:relevant )?information\b|\bnot (?:mentioned|stated|covered) in\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Claim:
    """One sentence of the reply with its citation groups (numbers as the model wrote them)."""

    text: str
    groups: tuple[tuple[int, ...], ...]  # one tuple per [..] group, in order of appearance

    @property
    def numbers(self) -> tuple[int, ...]:
        seen: dict[int, None] = {}
        for group in self.groups:
            seen.update(dict.fromkeys(group))
        return tuple(seen)

    @property
    def body(self) -> str:
        """The sentence without its citation markers: what the support check compares."""
        return tidy(CITATION.sub(" ", self.text))


def split_claims(reply: str) -> list[Claim]:
    """Split the reply into sentences, each with the citation groups it carries.

    Markers the splitter leaves at the start of the next sentence ("... said so. [2] Then")
    belong to the sentence before them.
    """
    sentences: list[str] = []
    for line in reply.splitlines():
        line = _LIST_PREFIX.sub("", line).strip()
        if not line:
            continue
        for sentence in blingfire.text_to_sentences(line).split("\n"):
            sentence = sentence.strip()
            if not sentence:
                continue
            if sentences and _CITATIONS_ONLY.match(sentence):
                sentences[-1] = f"{sentences[-1]} {sentence}"
                continue
            lead = _LEADING_CITATIONS.match(sentence)
            if sentences and lead:
                sentences[-1] = f"{sentences[-1]} {lead.group(1).strip()}"
                sentence = sentence[lead.end() :].strip()
                if not sentence:
                    continue
            sentences.append(sentence)
    return [Claim(text=s, groups=_groups(s)) for s in sentences]


def _groups(sentence: str) -> tuple[tuple[int, ...], ...]:
    groups = []
    for m in CITATION.finditer(sentence):
        numbers: list[int] = []
        for part in re.split(r"\s*(?:,|;|and)\s*", m.group(1), flags=re.IGNORECASE):
            bounds = re.split(r"\s*[-–]\s*", part)
            if len(bounds) == 2 and int(bounds[0]) <= int(bounds[1]) <= int(bounds[0]) + 10:
                numbers.extend(range(int(bounds[0]), int(bounds[1]) + 1))
            else:
                numbers.extend(int(b) for b in bounds)
        groups.append(tuple(numbers))
    return tuple(groups)


def is_refusal(claim: Claim) -> bool:
    """The model saying the passages do not answer (with or without our exact phrase).

    "The article did not mention a letter [1]" can be news itself, so a phrase naming articles
    or sources counts only in an uncited sentence; one naming the passages always counts.
    """
    if NO_ANSWER.lower() in claim.text.lower():
        return True
    match = _REFUSAL.search(claim.text)
    if match is None:
        return False
    return not claim.numbers or "passage" in match.group(0).lower()


def tidy(text: str) -> str:
    """Whitespace collapsed, and no space left before punctuation a removed marker stood by."""
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([.,;:!?])", r"\1", text)  # "said [7]." with [7] removed -> "said."
    return text.strip()
