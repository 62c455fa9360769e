"""Trustworthy "not found": fit the evidence model on tune sets, report abstention on others.

    python -m bench.notfound --fit     # fit bot/evidence.py's weights (prints them to paste)
    python -m bench.notfound --fit --reuse   # the same from the evidence the last --fit saved
    python -m bench.notfound --fit --reuse --cv   # cross-validate the ridge penalty
    python -m bench.notfound           # found / abstained rates with the weights in the code
    python -m bench.notfound --drop answer_type   # the same, refitted without a feature
    python -m bench.notfound --fit --reuse --cv --drop answer_type   # and its CV
    python -m bench.notfound --fit --reuse --cv --seeds 20   # CV pooled over 20 fold splits
    python -m bench.notfound --no-named-subject   # the report with the named-subject rules off
    python -m bench.notfound --make-who-is   # write the who-is question sets (committed)
    python -m bench.notfound --lower-case    # every set typed in lower case, recased and not
    python -m bench.notfound --typos         # in lower case with a typo, unknown words on and off,
                                             # and how each misspelt word is read back
    python -m bench.notfound --framed    # every set in a chat framing, unframed and not
    python -m bench.notfound --bare-names    # the who-is sets asked by a name alone

Both run the bot's own `Answerer` over one index of the realtimeqa-tune and -dev corpora
together (about 2,900 articles; built once into bench/out/rtqa-merged-index).

--fit: each realtimeqa-tune question should be found, each question of
bench/questions/offtopic-tune.jsonl should not. Questions the name check already decides (a
name of the question that no retrieved article holds) are left out of the fit; the rest give
the features of `bot.evidence.Support`. An L2-regularised logistic regression is fitted to
them, then its bias is moved so that SUPPORT_TARGET_FOUND of the tune questions are found (a
news bot that refuses real questions is worse than one that sometimes answers loosely).

Report: the share of each set's questions answered as they should be, each with a bootstrap 95%
interval: `found: true` for realtimeqa-tune and realtimeqa-dev and the user-* and who-is sets
(questions the news answers), `found: false` for the off-topic sets
(../shared/eval/offtopic-questions.jsonl, the reporting set, and ours in bench/questions). `SETS`
below lists every set with where it comes from and its side: tune sets rules may be chosen on,
report sets only reported (realtimeqa-dev, who-is-dev, the blind user-answers-fresh* sets and
the off-topic sets never fitted on, which are also pooled).
--lower-case: the same with every question typed in lower case, as chat users type them,
answered as the bot answers (recasing the question from the passages it finds, bot/casing.py)
and, in the same run, with the question read as typed.
--typos: the same in lower case with one typo in each question's longest word, answered as the
bot answers (a word no article holds read as the word of the news it misspells, or as a name)
and with those rules off; first, how the misspelt word of each question is read back (restored
to the word written, another word, a name, or as typed), by set and pooled by side.
--framed: the same with every question in a chat framing (greetings, "can you tell me …",
thanks: bench.common.FRAMINGS, the tune side's list for sets rules are chosen on, the report
side's for the others), answered as the bot answers (bot/framing.py), read as typed, and as
written; `same_as_written` is the share of framed questions answered exactly as written.
--bare-names: the who-is sets asked by the name alone ("Karoline Leavitt") and the surname alone
("Leavitt"), as the bot reads them ("Who is X?" for a person the news quotes with a role) and
as typed: found rates, and the share led by the "Who is X?" question's lead.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

import numpy as np

from bench.common import (
    EVAL,
    OFFTOPIC_TUNE,
    OUT,
    QUESTIONS,
    RECASING_CHECK,
    SPELLINGS,
    UNFRAMING,
    answerer,
    ask_batch,
    bench_settings,
    bootstrap_interval,
    dataset,
    framed,
    indexed,
    log,
    read_jsonl,
    write_jsonl,
    write_results,
)
from bot import evidence as support_model
from bot.answer import _spellings
from bot.evidence import FEATURES, SUPPORT_TARGET_FOUND
from index.quotes.lexicon import FIRST_NAMES

TUNE, REPORT = "tune", "report"  # the side a set is on: rules may be chosen on it, or not


@dataclass(frozen=True)
class QuestionSet:
    """A question set of the report: its file, whether its questions should be found, and its
    side. The off-topic sets of the report side were never fitted on: they are pooled too."""

    path: Path
    should_find: bool
    side: str


# "Who is X?" for the people most quoted in one realtimeqa corpus's articles and never in the
# other's (`--make-who-is` writes them from the merged index): questions about a named person
# the news covers, which a Discord user asks most and the quiz questions never do. Never fitted
# on; the tune set is for choosing, the dev set for reporting.
WHO_IS = {
    "realtimeqa-tune": QUESTIONS / "who-is-tune.jsonl",
    "realtimeqa-dev": QUESTIONS / "who-is-dev.jsonl",
}
WHO_IS_COUNT = {"realtimeqa-tune": 60, "realtimeqa-dev": 40}
# Every set the report asks, in its order: the questions' file, whether they should be found,
# and the side it is on (TUNE: rules may be chosen on it; REPORT: only reported). The off-topic
# sets of the report side were never fitted on (UNFITTED_OFFTOPIC): they are also pooled.
SETS: dict[str, QuestionSet] = {
    "realtimeqa-tune": QuestionSet(EVAL / "realtimeqa-tune" / "questions.jsonl", True, TUNE),
    "realtimeqa-dev": QuestionSet(EVAL / "realtimeqa-dev" / "questions.jsonl", True, REPORT),
    "offtopic-tune": QuestionSet(OFFTOPIC_TUNE, False, TUNE),
    "offtopic-report": QuestionSet(EVAL / "offtopic-questions.jsonl", False, REPORT),
    # 60 more questions the news should not answer, of the same kinds as offtopic-tune.jsonl but
    # written later and never fitted on: abstention on off-topic questions nobody tuned on.
    "offtopic-check": QuestionSet(QUESTIONS / "offtopic-check.jsonl", False, REPORT),
    # 60 more, written in the twenty-seventh round before any run and committed before the first:
    # measured once, to tell whether the not-found rules carry to questions none was written from.
    "offtopic-fresh": QuestionSet(QUESTIONS / "offtopic-fresh.jsonl", False, REPORT),
    # 40 more, written later in that round and run once as written: officials of made-up teams,
    # firms and schools, and general knowledge asked with a number, a date or a place.
    "offtopic-fresh2": QuestionSet(QUESTIONS / "offtopic-fresh2.jsonl", False, REPORT),
    # 40 more, written in the twenty-eighth round and committed before their first run: general
    # knowledge, how-to, sums, fiction, made-up officials and place-scoped superlatives.
    "offtopic-fresh3": QuestionSet(QUESTIONS / "offtopic-fresh3.jsonl", False, REPORT),
    # 40 more, written in the twenty-ninth round and committed before their first run: general
    # knowledge, how-to, sums and definitions, fiction, made-up officials and places, measures.
    "offtopic-fresh4": QuestionSet(QUESTIONS / "offtopic-fresh4.jsonl", False, REPORT),
    # 40 more, written in the thirtieth round and committed before their first run: general
    # knowledge, how-to, sums, fiction, made-up officials, places and people.
    "offtopic-fresh5": QuestionSet(QUESTIONS / "offtopic-fresh5.jsonl", False, REPORT),
    # 40 more, written in the thirty-third round and committed before their first run: general
    # knowledge, how-to, sums, science explained, fiction, made-up officials, places and firms.
    "offtopic-fresh6": QuestionSet(QUESTIONS / "offtopic-fresh6.jsonl", False, REPORT),
    # 40 more, written in the thirty-fourth round and committed before their first run: general
    # knowledge, how-to, sums and measures, science explained, fiction, made-up officials, firms and
    # places (a first draft repeated earlier sets' questions and was replaced before counting).
    "offtopic-fresh7": QuestionSet(QUESTIONS / "offtopic-fresh7.jsonl", False, REPORT),
    # 40 more, written later in the thirty-fourth round and committed before their first run:
    # general knowledge, how-to, sums and measures, science explained, fiction, made-up officials,
    # firms, schools and places.
    "offtopic-fresh8": QuestionSet(QUESTIONS / "offtopic-fresh8.jsonl", False, REPORT),
    # 40 more, written at the end of the thirty-fourth round, after its rules, and committed before
    # their first run: the same kinds.
    "offtopic-fresh9": QuestionSet(QUESTIONS / "offtopic-fresh9.jsonl", False, REPORT),
    # 40 more, written at the start of the thirty-fifth round and committed before their first run:
    # the same kinds, checked by hand against every earlier set for near repeats.
    "offtopic-fresh10": QuestionSet(QUESTIONS / "offtopic-fresh10.jsonl", False, REPORT),
    # 40 more, written later in the thirty-fifth round, after its rules, and committed before their
    # first run: the same kinds, checked by hand as fresh10 was.
    "offtopic-fresh11": QuestionSet(QUESTIONS / "offtopic-fresh11.jsonl", False, REPORT),
    # 40 more, written at the start of the thirty-sixth round and committed before their first run:
    # the same kinds, each checked against every earlier set for near repeats (difflib ratio above
    # 0.55 read by hand; 40 kept of 124 drafts, the rest repeating earlier questions or topics).
    "offtopic-fresh12": QuestionSet(QUESTIONS / "offtopic-fresh12.jsonl", False, REPORT),
    # 40 more, written later in the thirty-sixth round, after its rules, and committed before their
    # first run: the same kinds, checked as fresh12 was (40 kept of 75 drafts).
    "offtopic-fresh13": QuestionSet(QUESTIONS / "offtopic-fresh13.jsonl", False, REPORT),
    # 40 more, written at the end of the thirty-sixth round, after its rules (the city bonus too),
    # and committed before their first run: checked as fresh12 was (40 kept of 73 drafts).
    "offtopic-fresh14": QuestionSet(QUESTIONS / "offtopic-fresh14.jsonl", False, REPORT),
    "offtopic-fresh15": QuestionSet(QUESTIONS / "offtopic-fresh15.jsonl", False, REPORT),
    "offtopic-fresh16": QuestionSet(QUESTIONS / "offtopic-fresh16.jsonl", False, REPORT),
    # 40 more, written in the thirty-eighth round before any of its rules and committed before their
    # first run: checked against every earlier set as fresh12 was (40 drawn by a seeded shuffle
    # from 53 kept of 190 drafts: most drafts repeated an earlier question).
    "offtopic-fresh17": QuestionSet(QUESTIONS / "offtopic-fresh17.jsonl", False, REPORT),
    # 40 more, written in the thirty-ninth round and committed before their first run: requests and
    # yes/no questions ("Can you recommend ...", "Is a tomato a fruit ...?", "Tell me a joke ...",
    # "Should I ..."), a form no earlier set asked in (every one opened with a question word).
    # Drawn by a seeded shuffle from the same 129 drafts as offtopic-forms-tune.jsonl.
    "offtopic-fresh18": QuestionSet(QUESTIONS / "offtopic-fresh18.jsonl", False, REPORT),
    # 40 more, written in the fortieth round and committed before their first run: of 140 drafts,
    # 53 passed the similarity check against every earlier set (as fresh12's did) and 13 of those
    # were dropped by hand as an earlier question's topic asked again; in a seeded shuffle.
    "offtopic-fresh19": QuestionSet(QUESTIONS / "offtopic-fresh19.jsonl", False, REPORT),
    # 40 more, written in the fortieth round after its rules and committed before their first run:
    # news of invented places, people, companies and events, asked as news is ("How many people
    # were injured in the Harborview train derailment?", "What did the CEO of Lumora Foods say
    # about the recall?"): what a user asks about news the index does not hold. Of 55 drafts, 44
    # passed the similarity check and 4 of those were dropped by hand as earlier questions' forms
    # or names asked again; in a seeded shuffle.
    "offtopic-fresh20": QuestionSet(QUESTIONS / "offtopic-fresh20.jsonl", False, REPORT),
    # 39 more, written in the forty-first round and committed before their first run: real people,
    # places and companies the indexed news names, asked about events it does not cover ("What did
    # Gavin Newsom say about the Lake Tahoe ferry accident?"), each checked by a search of both
    # corpora for an article holding the name and the event's words. Of 40, one was dropped by the
    # similarity check against every earlier set.
    "offtopic-fresh21": QuestionSet(QUESTIONS / "offtopic-fresh21.jsonl", False, REPORT),
    # 40 more of fresh21's kind, written in the forty-first round after its rules and committed
    # before their first run, naming none of fresh21's people, places or companies: a clean measure
    # of the rules written from fresh21.
    "offtopic-fresh22": QuestionSet(QUESTIONS / "offtopic-fresh22.jsonl", False, REPORT),
    # Details no article gives of stories the news covers ("Which prison was Bryan Kohberger sent
    # to?"), written in the forty-second round from articles drawn at random (seed 2323), each
    # checked against every article naming the story, and committed before their first run.
    "offtopic-fresh23": QuestionSet(QUESTIONS / "offtopic-fresh23.jsonl", False, REPORT),
    # 40 more of fresh21's kind (real names asked about events the news does not cover), written in
    # the forty-second round from articles drawn at random (seed 2424), naming none of fresh21 to
    # fresh23's people, places or companies, and committed before their first run: a clean measure
    # of that round's rules, asked as written and (`--lower-case`) as chat users type.
    "offtopic-fresh24": QuestionSet(QUESTIONS / "offtopic-fresh24.jsonl", False, REPORT),
    # 40 more, written in the forty-third round and committed before their first run (seed 2525):
    # odd ones of fresh23's kind (a detail no article gives of a story the news covers, checked
    # against every article naming the story), even ones of fresh21's (real names and events the
    # news does not cover), naming none of fresh21 to fresh24's people, places or companies.
    "offtopic-fresh25": QuestionSet(QUESTIONS / "offtopic-fresh25.jsonl", False, REPORT),
    # 40 more, written in the forty-fourth round and committed before their first run (seed 2626),
    # of four kinds in turn: a detail no article gives of a story the news covers, real events the
    # news does not cover, general knowledge or how-to, and a role or organisation with a qualifier
    # no article names ("the mayor of <a town the news never names>").
    "offtopic-fresh26": QuestionSet(QUESTIONS / "offtopic-fresh26.jsonl", False, REPORT),
    # 40 more of the same four kinds in turn, written in the forty-fifth round from other stories
    # (seed 2727) and committed before their first run.
    "offtopic-fresh27": QuestionSet(QUESTIONS / "offtopic-fresh27.jsonl", False, REPORT),
    # 40 more of the same four kinds in turn, written in the forty-sixth round from other stories
    # (seed 2828) and committed before their first run.
    "offtopic-fresh28": QuestionSet(QUESTIONS / "offtopic-fresh28.jsonl", False, REPORT),
    # 40 more of the same four kinds in turn, written in the forty-seventh round from other
    # stories (seed 2929) and committed before their first run.
    "offtopic-fresh29": QuestionSet(QUESTIONS / "offtopic-fresh29.jsonl", False, REPORT),
    # 40 more of the same four kinds in turn, written in the forty-eighth round from other
    # stories (seed 3030) and committed before their first run.
    "offtopic-fresh30": QuestionSet(QUESTIONS / "offtopic-fresh30.jsonl", False, REPORT),
    # 40 more of the same four kinds in turn, written in the forty-ninth round from other
    # stories (seed 3131) and committed before their first run.
    "offtopic-fresh31": QuestionSet(QUESTIONS / "offtopic-fresh31.jsonl", False, REPORT),
    # 40 more of the same four kinds in turn, written in the fiftieth round from other stories
    # (seed 3232) and committed before their first run.
    "offtopic-fresh32": QuestionSet(QUESTIONS / "offtopic-fresh32.jsonl", False, REPORT),
    # 40 more of the same four kinds in turn, written in the fifty-first round from other
    # stories (seed 3333) and committed before their first run.
    "offtopic-fresh33": QuestionSet(QUESTIONS / "offtopic-fresh33.jsonl", False, REPORT),
    # 40 more of the same four kinds in turn, written in the fifty-second round from other
    # stories (seed 3434) and committed before their first run.
    "offtopic-fresh34": QuestionSet(QUESTIONS / "offtopic-fresh34.jsonl", False, REPORT),
    # 40 more of the same four kinds in turn, written in the fifty-third round from other
    # stories (seed 3535) and committed before their first run.
    "offtopic-fresh35": QuestionSet(QUESTIONS / "offtopic-fresh35.jsonl", False, REPORT),
    # 40 more of the same four kinds in turn, written in the fifty-fourth round from other
    # stories (seed 3636) and committed before their first run.
    "offtopic-fresh36": QuestionSet(QUESTIONS / "offtopic-fresh36.jsonl", False, REPORT),
    # 40 more of the same four kinds in turn, written in the fifty-fifth round from other
    # stories (seed 3737) and committed before their first run.
    "offtopic-fresh37": QuestionSet(QUESTIONS / "offtopic-fresh37.jsonl", False, REPORT),
    "offtopic-fresh38": QuestionSet(QUESTIONS / "offtopic-fresh38.jsonl", False, REPORT),
    "offtopic-fresh39": QuestionSet(QUESTIONS / "offtopic-fresh39.jsonl", False, REPORT),
    # The other 40 drawn from those drafts: the requests and yes/no questions to choose any rule of
    # that form on (fresh18 is only reported).
    "offtopic-forms-tune": QuestionSet(QUESTIONS / "offtopic-forms-tune.jsonl", False, TUNE),
    # Fifty stories drawn at random (seed 7171), each asked in the forty-fourth round about a detail
    # its article gives (user-detail-tune) and, in the same form, about one no article gives
    # (offtopic-detail-tune, each checked against every article naming the story): fresh23's kind
    # with the story held fixed, to choose rules on.
    "offtopic-detail-tune": QuestionSet(QUESTIONS / "offtopic-detail-tune.jsonl", False, TUNE),
    # Questions worded as people type them in a chat ("Is melatonin bad for you?", "what came out of
    # the UFO hearings in congress"), each answered by an article of the realtimeqa-tune corpus:
    # the found rate beyond quiz-style questions. Written for this report; never fitted on.
    "user-tune": QuestionSet(QUESTIONS / "user-tune.jsonl", True, TUNE),
    # Short questions written from article titles of both realtimeqa corpora while checking the lead
    # span (issue 8, fifteenth round): each is answered by an article of the merged index. Never
    # fitted on.
    "user-leads": QuestionSet(QUESTIONS / "user-leads.jsonl", True, TUNE),
    # "Which X is the <superlative> ...?" questions written from sentences of both realtimeqa
    # corpora that give one ("Thanksgiving is the busiest holiday for travel"), in the thirty-fourth
    # round when a missing superlative became a reason for "not found": what that rule may cost real
    # questions of its shape, which the quiz sets hardly ask. Never fitted on.
    "user-superlatives": QuestionSet(QUESTIONS / "user-superlatives.jsonl", True, TUNE),
    # "Who founded / wrote / directed X?" questions written, in the same round, from sentences of
    # both corpora that name a maker ("Morris Chang, the founder of TSMC"): what the rule asking the
    # shown sentences to tell of the act may cost real questions of that shape. Never fitted on.
    "user-creators": QuestionSet(QUESTIONS / "user-creators.jsonl", True, TUNE),
    # General "Why ...?" and "How ...?" questions, naming nothing, written in the thirty-eighth
    # round from titles of both corpora's articles that explain something ("Why was the penny
    # discontinued?", "How to fall asleep faster ..."), before a rule asking the shown sentences of
    # such a question for a reason or a way was tried: what such a rule costs real questions of that
    # shape (this one cost too many and was not written). Never fitted on.
    "user-reasons": QuestionSet(QUESTIONS / "user-reasons.jsonl", True, TUNE),
    # Requests and yes/no questions the news answers ("Did Trump pardon the Thanksgiving turkeys?",
    # "Tell me about the Louvre heist."), written in the thirty-ninth round from titles of both
    # corpora's articles with the off-topic sets of that form: what a rule for the form may cost
    # real questions. Never fitted on.
    "user-forms": QuestionSet(QUESTIONS / "user-forms.jsonl", True, TUNE),
    "user-detail-tune": QuestionSet(QUESTIONS / "user-detail-tune.jsonl", True, TUNE),
    # Answerable questions a user would type, written in the forty-first round from articles of the
    # merged corpus drawn at random (seed 2112) and committed before their first run; their answers
    # are read by `bench.answers --questions`, their found rate here. Of 40, six were dropped: one
    # by the similarity check, five as a fact an earlier set already asks.
    "user-answers-fresh": QuestionSet(QUESTIONS / "user-answers-fresh.jsonl", True, REPORT),
    # 40 more, written in the forty-second round from other random articles (seed 4343) and
    # committed before their first run: a clean measure of the forty-first round's answer rules.
    "user-answers-fresh2": QuestionSet(QUESTIONS / "user-answers-fresh2.jsonl", True, REPORT),
    # 40 more, written in the forty-third round from other random articles (seed 4545) and committed
    # before their first run: a clean measure of the forty-second round's answer rules.
    "user-answers-fresh3": QuestionSet(QUESTIONS / "user-answers-fresh3.jsonl", True, REPORT),
    # 40 more, written in the forty-fourth round from other random articles (seed 4646) and
    # committed before their first run, which was on the code with that round's rule (c9ba9fb).
    "user-answers-fresh4": QuestionSet(QUESTIONS / "user-answers-fresh4.jsonl", True, REPORT),
    # 40 more, written in the forty-fifth round from other random articles (seed 5151) and committed
    # before their first run.
    "user-answers-fresh5": QuestionSet(QUESTIONS / "user-answers-fresh5.jsonl", True, REPORT),
    # 40 more, written in the forty-sixth round from other random articles (seed 6161) and
    # committed before their first run.
    "user-answers-fresh6": QuestionSet(QUESTIONS / "user-answers-fresh6.jsonl", True, REPORT),
    # 40 more, written in the forty-seventh round from other random articles (seed 7272) and
    # committed before their first run.
    "user-answers-fresh7": QuestionSet(QUESTIONS / "user-answers-fresh7.jsonl", True, REPORT),
    # 40 more, written in the forty-eighth round from other random articles (seed 8383) and
    # committed before their first run.
    "user-answers-fresh8": QuestionSet(QUESTIONS / "user-answers-fresh8.jsonl", True, REPORT),
    # 40 more, written in the forty-ninth round from other random articles (seed 9494) and
    # committed before their first run.
    "user-answers-fresh9": QuestionSet(QUESTIONS / "user-answers-fresh9.jsonl", True, REPORT),
    # 40 more, written in the fiftieth round from other random articles (seed 1010) and
    # committed before their first run.
    "user-answers-fresh10": QuestionSet(QUESTIONS / "user-answers-fresh10.jsonl", True, REPORT),
    # 40 more, written in the fifty-first round from other random articles (seed 1111) and
    # committed before their first run.
    "user-answers-fresh11": QuestionSet(QUESTIONS / "user-answers-fresh11.jsonl", True, REPORT),
    # 40 more, written in the fifty-second round from other random articles (seed 1212) and
    # committed before their first run.
    "user-answers-fresh12": QuestionSet(QUESTIONS / "user-answers-fresh12.jsonl", True, REPORT),
    # 40 more, written in the fifty-third round from other random articles (seed 1313) and
    # committed before their first run.
    "user-answers-fresh13": QuestionSet(QUESTIONS / "user-answers-fresh13.jsonl", True, REPORT),
    # 40 more, written in the fifty-fourth round from other random articles (seed 1414) and
    # committed before their first run.
    "user-answers-fresh14": QuestionSet(QUESTIONS / "user-answers-fresh14.jsonl", True, REPORT),
    # 40 more, written in the fifty-fifth round from other random articles (seed 1515) and
    # committed before their first run.
    "user-answers-fresh15": QuestionSet(QUESTIONS / "user-answers-fresh15.jsonl", True, REPORT),
    "user-answers-fresh16": QuestionSet(QUESTIONS / "user-answers-fresh16.jsonl", True, REPORT),
    "user-answers-fresh17": QuestionSet(QUESTIONS / "user-answers-fresh17.jsonl", True, REPORT),
    "who-is-tune": QuestionSet(WHO_IS["realtimeqa-tune"], True, TUNE),
    "who-is-dev": QuestionSet(WHO_IS["realtimeqa-dev"], True, REPORT),
}
_PERSON_NAME = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+){1,2}")
# Ridge penalty of the fit (features are shares and cosines, all about 0..1), chosen by
# `--fit --reuse --cv` (5-fold cross-validation on the tune sets): the strongest penalty whose
# held-out folds abstain on as many off-topic questions as weaker ones do.
L2 = 0.0002
CV_PENALTIES = (0.01, 0.005, 0.002, 0.001, 0.0005, 0.0002, 0.0001, 0.00005)
STEPS = 20000
RATE = 1.0


def fit_logistic(x: np.ndarray, y: np.ndarray, penalty: float = L2) -> tuple[np.ndarray, float]:
    """Weights and bias of an L2-regularised logistic regression, by gradient descent."""
    w = np.zeros(x.shape[1])
    b = 0.0
    for _ in range(STEPS):
        p = 1.0 / (1.0 + np.exp(-(x @ w + b)))
        grad = p - y
        w -= RATE * (x.T @ grad / len(y) + penalty * w)
        b -= RATE * float(grad.mean())
    return w, b


FIT_ROWS = OUT / "notfound-fit.jsonl"


def evidence_rows(bot: Any) -> list[dict[str, Any]]:
    """Each tune question's and off-topic tune question's evidence, as the answerer weighs it."""
    tune = [q["question"] for q in read_jsonl(dataset("realtimeqa-tune").questions)]
    off = [q["question"] for q in read_jsonl(OFFTOPIC_TUNE)]
    rows = []
    for group, questions in (("tune", tune), ("offtopic", off)):
        for question in questions:
            ev = bot.evidence(question)
            row: dict[str, Any] = {"group": group, "question": question}
            if ev is None or ev.support is None:
                row["missing"] = list(ev.missing) if ev is not None else None
            else:
                row["features"] = ev.support.features()
            rows.append(row)
    write_jsonl(FIT_ROWS, rows)
    return rows


def columns(rows: list[dict[str, Any]], drop: Sequence[str] = ()) -> np.ndarray:
    """The scored rows' features, but the dropped ones: a matrix, one row a question. Saved
    evidence from another version of the model cannot be refitted."""
    x = [r["features"] for r in rows if "features" in r]
    if any(len(f) != len(FEATURES) for f in x):
        raise SystemExit(
            f"{FIT_ROWS} has other features than {FEATURES}: run --fit without --reuse"
        )
    unknown = set(drop) - set(FEATURES)
    if unknown:
        raise SystemExit(f"--drop: no feature {sorted(unknown)}; the features are {FEATURES}")
    keep = [i for i, name in enumerate(FEATURES) if name not in drop]
    return np.array(x)[:, keep]


def fit(rows: list[dict[str, Any]], drop: Sequence[str] = ()) -> dict[str, Any]:
    """Fit the support model (a dropped feature gets weight 0); the bias is set from the
    weights as printed, rounded, so the pasted model finds exactly the target share."""
    tune = [r for r in rows if r["group"] == "tune"]
    off = [r for r in rows if r["group"] == "offtopic"]
    gated = {
        g: sum(bool(r.get("missing")) for r in rows if r["group"] == g)
        for g in ("tune", "offtopic")
    }
    xa = columns(rows, drop)
    ya = np.array([r["group"] == "tune" for r in rows if "features" in r], dtype=float)
    w, b = fit_logistic(xa, ya)
    w = np.round(w, 4)
    # Move the bias so that the target share of all tune questions is found (those the name
    # check refused count as not found). It is rounded up past the cut: the question at the
    # cut, with the rounded weights, stays found.
    z = xa[ya == 1] @ w
    allowed_misses = int(np.floor((1 - SUPPORT_TARGET_FOUND) * len(tune))) - gated["tune"]
    cut = np.sort(z)[max(allowed_misses, 0)] if len(z) else 0.0
    bias = round(float(-cut) + 1e-4, 4)
    zo = xa[ya == 0] @ w + bias
    weights = iter(w)
    return {
        "features": list(FEATURES),
        "weights": [0.0 if name in drop else float(next(weights)) for name in FEATURES],
        "bias": bias,
        "fitted_bias": round(b, 4),
        "tune_questions": len(tune),
        "tune_refused_by_names": gated["tune"],
        "offtopic_questions": len(off),
        "offtopic_refused_by_names": gated["offtopic"],
        "offtopic_refused_by_support": int((zo < 0).sum()),
    }


def cross_validate(
    rows: list[dict[str, Any]], drop: Sequence[str] = (), folds: int = 5, seeds: int = 1
) -> None:
    """For each ridge penalty: fit on 4/5 of the scored tune rows, set the bias for the target
    found rate on those, and count the held-out fifth; print the pooled held-out rates (pooled
    over `seeds` different splits into folds: one split's figures move by a question or two)."""
    x = columns(rows, drop)
    y = np.array([r["group"] == "tune" for r in rows if "features" in r], dtype=float)
    splits = [np.random.default_rng(seed).permutation(len(y)) % folds for seed in range(seeds)]
    print("L2        found (tune, held out)  abstained (off-topic, held out)")
    for penalty in CV_PENALTIES:
        found, abstained = [], []
        for fold in splits:
            for f in range(folds):
                train, test = fold != f, fold == f
                w, _ = fit_logistic(x[train], y[train], penalty)
                z = np.sort(x[train][y[train] == 1] @ w)
                cut = z[int(np.floor((1 - SUPPORT_TARGET_FOUND) * len(z)))]
                zt = x[test] @ w
                found += list(zt[y[test] == 1] >= cut)
                abstained += list(zt[y[test] == 0] < cut)
        print(f"{penalty:<9} {np.mean(found):.3f}                   {np.mean(abstained):.3f}")


def make_who_is(searcher: Any) -> None:
    """Write WHO_IS: "Who is X?" for the WHO_IS_COUNT speakers with the most statements in one
    corpus's articles and none in the other's, X a plain two- or three-word name whose first
    word is a known first name (not an extraction slip such as "More Information")."""
    quoted = {}
    for name in WHO_IS:
        ids = {row["id"] for row in read_jsonl(EVAL / name / "corpus.jsonl")}  # its own articles
        quoted[name] = Counter(
            st.speaker
            for st in searcher.statements_in(ids)
            if _PERSON_NAME.fullmatch(st.speaker) and st.speaker.split()[0].lower() in FIRST_NAMES
        )
    for name, path in WHO_IS.items():
        others = set().union(*(c for other, c in quoted.items() if other != name))
        people = [p for p, _ in quoted[name].most_common() if p not in others]
        rows = [{"question": f"Who is {p}?"} for p in people[: WHO_IS_COUNT[name]]]
        write_jsonl(path, rows)
        log(f"{path}: {len(rows)} questions")


def report(bot: Any, suffix: str = "", retyped: Retyping | None = None) -> dict[str, Any]:
    """Each set's found or abstained rate; `retyped`: with every question typed otherwise (in
    lower case, in a chat framing), as chat users often type them."""
    out: dict[str, Any] = {}
    unfitted: list[bool] = []
    for name, (path, should_find) in question_sets().items():
        questions = [q["question"] for q in read_jsonl(path)]
        if retyped is not None:
            questions = [retyped(q, n, name) for n, q in enumerate(questions)]
        answers = ask_batch(bot, questions)
        write_jsonl(OUT / f"notfound-{name}{suffix}.jsonl", answers)
        right = [bool(a["found"]) == should_find for a in answers]
        if name in UNFITTED_OFFTOPIC:
            unfitted += right
        out[name] = _rate(right, "found_rate" if should_find else "abstained")
        log(f"{name}: {json.dumps(out[name])}")
    # every off-topic question never fitted on, pooled: a tighter interval than any one set's
    out["offtopic-unfitted-pooled"] = _rate(unfitted, "abstained")
    log(f"offtopic-unfitted-pooled: {json.dumps(out['offtopic-unfitted-pooled'])}")
    return out


def question_sets() -> dict[str, tuple[Any, bool]]:
    """Every set the report asks: its questions' file, and whether they should be found."""
    return {name: (s.path, s.should_find) for name, s in SETS.items()}


def read_back(bot: Any) -> dict[str, Any]:
    """How the bot reads the word `lower_cased_typo` misspells in each question of every set
    (bot/answer.py `_spellings`): as the word written ("restored"), as another word, as a name,
    or as typed (a word some article holds, or one piece of the model's vocabulary); counted by
    set, and pooled over the sets rules are chosen on and over the others."""
    searcher = bot.library.searcher()
    out: dict[str, Any] = {}
    pooled: dict[str, Counter[str]] = {"tune_side": Counter(), "report_side": Counter()}
    for name, (path, _) in question_sets().items():
        counts: Counter[str] = Counter()
        for n, q in enumerate(read_jsonl(path)):
            as_typed = lower_cased_typo(q["question"], n, name)
            written = re.findall(r"[a-z]+", q["question"].lower())
            typed = re.findall(r"[a-z]+", as_typed)
            if len(written) != len(typed) or written == typed:
                continue  # no word long enough for a typo
            word, typo = next((w, t) for w, t in zip(written, typed, strict=True) if w != t)
            read = _spellings(as_typed, searcher)
            counts[
                "as_typed"
                if typo not in read
                else "name"
                if read[typo] is None
                else "restored"
                if read[typo] == word
                else "another_word"
            ] += 1
        out[name] = dict(counts)
        pooled["report_side" if name in REPORT_SIDE else "tune_side"].update(counts)
    for side, counts in pooled.items():
        total = sum(counts.values())
        if not total:
            continue
        out[side] = dict(counts) | {"restored_share": round(counts["restored"] / total, 3)}
        log(f"{side}: {json.dumps(out[side])}")
    return out


# A question as some user types it, from the question as written, its place in its set and the
# set's name.
Retyping = Callable[[str, int, str], str]


def lower_cased(question: str, n: int, name: str) -> str:
    return question.lower()


def lower_cased_typo(question: str, n: int, name: str) -> str:
    """In lower case with one typo in its longest word (five letters or more), of the kinds
    fast typing makes, in turn by the question's place `n`: the middle two letters swapped
    ("recently" -> "recnetly"), the middle letter left out ("recetly"), doubled ("recenntly"),
    or changed to the next letter of the alphabet ("receotly")."""
    typed = question.lower()
    words = re.findall(r"[a-z]{5,}", typed)
    if not words:
        return typed
    word = max(words, key=len)
    i = len(word) // 2
    head, letter, tail = word[:i], word[i], word[i + 1 :]
    typo = (
        head[:-1] + letter + head[-1],  # swapped with the letter before
        head,  # left out
        head + letter + letter,  # doubled
        head + chr((ord(letter) - ord("a") + 1) % 26 + ord("a")),  # changed
    )[n % 4] + tail
    return typed.replace(word, typo, 1)


def chat_framed(question: str, n: int, name: str) -> str:
    """In a chat framing: the tune side's for sets rules are chosen on, the report side's for
    the others."""
    return framed(question, n, "report" if name in REPORT_SIDE else "tune")


# The off-topic sets no weight was fitted on (rules were written from some of their questions:
# docs/benchmarks.md says which), pooled in the report.
UNFITTED_OFFTOPIC = tuple(
    name for name, s in SETS.items() if s.side == REPORT and not s.should_find
)
REPORT_SIDE = tuple(name for name, s in SETS.items() if s.side == REPORT)


def bare_names(bot: Any) -> dict[str, Any]:
    """The who-is sets asked by the name alone ("Karoline Leavitt") and by the surname alone
    ("Leavitt"), as the bot reads them (bot/answer.py `_named`: "Who is X?") and read as typed:
    the found rate and the share led by the written question's lead."""
    out: dict[str, Any] = {}
    for name in ("who-is-tune", "who-is-dev"):
        written = ask_batch(bot, [q["question"] for q in read_jsonl(WHO_IS[_CORPUS[name]])])
        names = [_WHO_IS_NAME.match(a["question"]).group(1) for a in written]  # type: ignore[union-attr]
        for form, asked in (("name", names), ("surname", [n.split()[-1] for n in names])):
            for reading in ("read", "as_typed"):
                if reading == "read":
                    answers = ask_batch(bot, asked)
                else:
                    with mock.patch(BARE_NAME, return_value=None):
                        answers = ask_batch(bot, asked)
                write_jsonl(OUT / f"notfound-{name}-{form}-{reading}.jsonl", answers)
                same = [
                    bool(b["found"]) and _lead(b["answer"]) == _lead(a["answer"])
                    for a, b in zip(written, answers, strict=True)
                ]
                key = f"{name} by {form}, {reading}"
                out[key] = _rate([bool(b["found"]) for b in answers], "found_rate") | {
                    "led_as_written": round(float(np.mean(same)), 3)
                }
                log(f"{key}: {json.dumps(out[key])}")
    return out


BARE_NAME = "bot.answer.bare_name"  # patched to return None: a bare name read as typed
_CORPUS = {"who-is-tune": "realtimeqa-tune", "who-is-dev": "realtimeqa-dev"}
_WHO_IS_NAME = re.compile(r"^Who is (.+)\?$")


def _lead(answer: str) -> str:
    """The lead span of an answer: what comes before its first "[1]."."""
    return answer.split(" [1].", 1)[0] if " [1]." in answer else ""


# the suffixes of the files `report` writes for questions typed otherwise than as written
RETYPED_SUFFIXES = ("-framed", "-lower-case", "-typos")


def same_as_written(suffix: str) -> dict[str, Any]:
    """Per set, the share of framed questions whose answer (text and found) is the question's
    as written, from the files `report` wrote."""
    out: dict[str, Any] = {}
    for written in sorted(OUT.glob(f"notfound-*{suffix}.jsonl")):
        name = written.name.removeprefix("notfound-").removesuffix(f"{suffix}.jsonl")
        framed_file = OUT / f"notfound-{name}{suffix}-framed.jsonl"
        if any(r in name for r in RETYPED_SUFFIXES) or not framed_file.exists():
            continue
        pairs = zip(read_jsonl(written), read_jsonl(framed_file), strict=True)
        same = [(a["answer"], a["found"]) == (b["answer"], b["found"]) for a, b in pairs]
        out[name] = _rate(same, "same")
    return out


def _rate(right: Sequence[bool], key: str) -> dict[str, Any]:
    """The share of right answers under `key`, with its bootstrap 95% interval."""
    low, high = bootstrap_interval(list(right))
    return {
        "n": len(right),
        key: round(float(np.mean(right)), 3),
        "ci95": [round(low, 3), round(high, 3)],
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--fit", action="store_true", help="fit the evidence model's weights")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help=f"--fit from the evidence in {FIT_ROWS.name} (no index)",
    )
    parser.add_argument("--cv", action="store_true", help="with --fit --reuse: choose the penalty")
    parser.add_argument(
        "--seeds", type=int, default=1, help="with --cv: pool this many splits into folds"
    )
    parser.add_argument(
        "--drop",
        type=lambda v: tuple(v.split(",")),
        default=(),
        help=f"leave these features out (refitted from {FIT_ROWS.name}): an ablation",
    )
    parser.add_argument(
        "--no-named-subject",
        action="store_true",
        help="report with the named-subject rules off (subject_named, the who-is role)",
    )
    parser.add_argument(
        "--lower-case",
        action="store_true",
        help="report with every question typed in lower case, recased by the bot and not",
    )
    parser.add_argument(
        "--typos",
        action="store_true",
        help="report with every question in lower case with a typo, read with the words no "
        "article holds respelled or taken for names (bot/answer.py _spellings) and without",
    )
    parser.add_argument(
        "--framed",
        action="store_true",
        help="report with every question in a chat framing, unframed by the bot and not",
    )
    parser.add_argument(
        "--bare-names",
        action="store_true",
        help="ask the who-is sets by the name alone and the surname alone, read and as typed",
    )
    parser.add_argument(
        "--make-who-is",
        action="store_true",
        help="write the who-is question sets from the merged index's speakers",
    )
    args = parser.parse_args()
    if args.fit and args.reuse and args.cv:
        cross_validate(read_jsonl(FIT_ROWS), args.drop, seeds=args.seeds)
        return
    if args.fit and args.reuse:
        result = fit(read_jsonl(FIT_ROWS), args.drop)
        print(json.dumps(result, indent=2))
        return
    if args.fit and args.drop:
        raise SystemExit("--drop refits from the saved evidence: use it with --fit --reuse")
    suffix = ""
    if args.drop:  # report with the model refitted without them, instead of the code's
        ablated = fit(read_jsonl(FIT_ROWS), args.drop)
        support_model.SUPPORT_WEIGHTS = tuple(ablated["weights"])
        support_model.SUPPORT_BIAS = ablated["bias"]
        suffix = "-without-" + "-".join(args.drop)
    data = dataset("realtimeqa-tune")
    settings = bench_settings(data.index_dir)
    bot = answerer(indexed(data, settings), settings)
    if args.make_who_is:
        make_who_is(bot.library.searcher())
        return
    if args.fit:
        result = fit(evidence_rows(bot))
        write_results("notfound-fit", result)
        print(json.dumps(result, indent=2))
        print(f"SUPPORT_WEIGHTS = {tuple(result['weights'])}\nSUPPORT_BIAS = {result['bias']}")
    elif args.lower_case:
        # the bot recases a question typed without capitals from the passages it retrieves
        # (bot/casing.py); beside it, the same lower-case questions read as typed
        result = {"recased": report(bot, suffix + "-lower-case", lower_cased)}
        with mock.patch(RECASING_CHECK, return_value=False):
            result["as_typed"] = report(bot, suffix + "-lower-case-as-typed", lower_cased)
        write_results("notfound-lower-case" + suffix, result)
        print(json.dumps(result, indent=2))
    elif args.typos:
        # a lower-case word no article holds is read as the word of the news it misspells, or
        # else as a name; beside it, the same questions with both rules off
        result = {"read_back": read_back(bot)}
        result["spellings"] = report(bot, suffix + "-typos", lower_cased_typo)
        with mock.patch(SPELLINGS, return_value={}):
            result["rule_off"] = report(bot, suffix + "-typos-rule-off", lower_cased_typo)
        write_results("notfound-typos" + suffix, result)
        print(json.dumps(result, indent=2))
    elif args.bare_names:
        result = bare_names(bot)
        write_results("notfound-bare-names", result)
        print(json.dumps(result, indent=2))
    elif args.framed:
        # the bot reads the question inside a chat framing (bot/framing.py); beside it, the
        # same framed questions read as typed, and the questions as written
        result = {"unframed": report(bot, suffix + "-framed", chat_framed)}
        with mock.patch(UNFRAMING, side_effect=lambda text: text):
            result["as_typed"] = report(bot, suffix + "-framed-as-typed", chat_framed)
        result["as_written"] = report(bot, suffix)
        result["same_as_written"] = same_as_written(suffix)
        write_results("notfound-framed" + suffix, result)
        print(json.dumps(result, indent=2))
    else:
        if args.no_named_subject:
            suffix += "-no-named-subject"
            with (
                mock.patch("bot.answer.subject_named", return_value=False),
                mock.patch("bot.answer.described_person", return_value=None),
            ):
                result = report(bot, suffix)
        else:
            result = report(bot, suffix)
        write_results("notfound" + suffix, result)
        print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
