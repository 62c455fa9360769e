"""Answers to questions about time: periods, "what's new", replays as of a day, `since`."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from bot.answer import NOTHING_IN_PERIOD, Answerer, TimeWindow, asked_period, date_bonus
from bot.question import parse_question
from index.library import Library
from tests.conftest import make_settings

# The dock strike, told over a year; one report is undated.
STRIKE = [
    ("s1", "2025-06-02", "Dock workers in Rotterdam began a strike over pay on Monday."),
    ("s2", "2025-11-20", "The Rotterdam dock strike entered its sixth month as talks failed."),
    ("s3", "2026-03-10", "Rotterdam dock workers voted to end the strike after a new pay deal."),
    ("s4", "2026-03-20", "Rotterdam dock strike leaders signed the final pay deal with the port."),
    ("s5", None, "The Rotterdam dock strike cost the port millions in lost trade, workers said."),
]
NOW = datetime(2026, 3, 14, 12, 0)
PERIOD_WEIGHT = 0.05  # larger than the gap between neighbouring fused scores here


@pytest.fixture
def answerer(tmp_path: Path, fake_embedder) -> Answerer:
    path = tmp_path / "strike.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for aid, day, text in STRIKE:
            row = {"id": aid, "title": f"Dock strike {aid}", "text": text, "published_at": day}
            row["url"] = f"https://port.example/{aid}"
            fh.write(json.dumps(row) + "\n")
    settings = make_settings(tmp_path / "data", corpus={"sources": [str(path)]})
    library = Library(settings, fake_embedder)
    library.build()
    from dataclasses import replace

    from bot.settings import load_settings

    bot_settings = load_settings(None, settings.data_dir)
    search = replace(bot_settings.search, period_weight=PERIOD_WEIGHT)
    return Answerer(library, replace(bot_settings, search=search))


def cited(answer) -> list[str]:
    return [c.article_id for c in answer.citations]


def test_whats_new_lists_developments_newest_first_each_dated_and_cited(answerer):
    answer = answerer.answer("What's new about the Rotterdam dock strike?", now=NOW)
    assert answer.found
    lines = answer.text.splitlines()
    # s4 is dated after now: a replay as of NOW never sees it.
    assert "s4" not in cited(answer)
    days = [line.split(":")[0].removeprefix("- ") for line in lines]
    dated = [d for d in days if d != "undated"]
    assert dated == sorted(dated, reverse=True) and dated[0] == "2026-03-10"
    for line, citation in zip(lines, answer.citations, strict=True):
        assert line.endswith(f"[{citation.n}]")
        assert citation.text in line
        assert line.startswith(f"- {(citation.published_at or 'undated')[:10]}: ")


def test_a_period_in_the_question_puts_articles_dated_in_it_first(answerer):
    asked = "Rotterdam dock strike pay talks this week?"
    searcher = answerer.library.searcher()

    def first(now):
        q = parse_question(asked, now=now)
        hits, note = answerer.retrieve(q, searcher, TimeWindow.of(q.time, now, None))
        assert note is None
        return hits[0].article_id

    assert first(None) != "s3"  # without a "now", any date
    assert first(NOW) == "s3"  # the only report of the week up to NOW
    answer = answerer.answer(asked, now=NOW)
    assert answer.found and "s3" in cited(answer) and answer.note is None


def test_the_words_naming_a_relative_period_still_count_for_bm25(tmp_path, fake_embedder):
    """Two reports of one week, alike but for "this week": the one saying it is searched for."""
    rows = [
        ("w1", "The harbour crane union walked out over pay and rosters this week, the port said."),
        ("w2", "The harbour crane union walked out over pay."),
    ]
    path = tmp_path / "week.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for aid, text in rows:
            row = {"id": aid, "title": "Harbour", "text": text, "published_at": "2026-03-12"}
            fh.write(json.dumps(row | {"url": f"https://port.example/{aid}"}) + "\n")
    settings = make_settings(tmp_path / "data", corpus={"sources": [str(path)]})
    library = Library(settings, fake_embedder)
    library.build()
    from bot.settings import load_settings

    bot = Answerer(library, load_settings(None, settings.data_dir))
    q = parse_question("Did the harbour crane union walk out this week?", now=NOW)
    hits, _ = bot.retrieve(q, library.searcher(), TimeWindow.of(q.time, NOW, None))
    assert [h.article_id for h in hits] == ["w1", "w2"]


def test_a_period_with_nothing_in_it_answers_from_other_dates_and_says_so(answerer):
    answer = answerer.answer("Rotterdam dock strike pay talks yesterday?", now=NOW)
    assert answer.found and answer.citations
    assert answer.note == NOTHING_IN_PERIOD.format(period="on 2026-03-13")


def test_replaying_a_day_never_cites_an_article_published_after_it(answerer):
    asked = "Rotterdam dock strike final pay deal signed"
    assert "s4" in cited(answerer.answer(asked))
    assert "s4" in cited(answerer.answer(asked, now=datetime(2026, 3, 21)))
    assert "s4" not in cited(answerer.answer(asked, now=NOW))


def test_since_keeps_articles_published_on_or_after_the_day(answerer):
    answer = answerer.answer("Rotterdam dock strike", now=NOW, since=date(2025, 11, 1))
    assert answer.found and set(cited(answer)) <= {"s2", "s3"}


def test_now_alone_does_not_drop_undated_articles(answerer):
    answer = answerer.answer("Rotterdam dock strike cost millions in lost trade", now=NOW)
    assert "s5" in cited(answer)


def test_a_question_asked_after_every_article_searches_no_subset(answerer, monkeypatch):
    """The bot asks every question as of now, which leaves out no article: the search scans
    the whole index, not a list of every row (the same answer, without listing the rows)."""
    import index.vectors

    seen: list[object] = []
    real = index.vectors.search_faiss

    def spy(faiss, query, k, allowed=None, *rest):  # type: ignore[no-untyped-def]
        seen.append(allowed)
        return real(faiss, query, k, allowed, *rest)

    monkeypatch.setattr(index.vectors, "search_faiss", spy)
    later = datetime(2027, 1, 1)
    question = "What did Rotterdam dock strike leaders sign with the port?"
    answer = answerer.answer(question, now=later)
    assert answer.found and seen and all(a is None for a in seen)
    assert answer == answerer.answer(question)  # as if no day were given
    seen.clear()
    answerer.answer(question, now=NOW)  # before s4: a real restriction
    assert seen and all(a is not None for a in seen)


# -- the date of the sentences an answer is made of ------------------------------------------

# One final, two years: the older report matches the question's words more closely.
FINALS = [
    ("f2022", "2022-07-31", "England beat Germany in the Women's Euro final at Wembley."),
    ("f2025", "2025-07-27", "England defeated Spain in the Women's Euro final in Basel."),
]


def _finals_answerer(tmp_path: Path, fake_embedder, **answer) -> Answerer:
    from dataclasses import replace

    from bot.settings import load_settings

    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / "finals.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for aid, day, text in FINALS:
            row = {"id": aid, "title": "Women's Euro final", "text": text, "published_at": day}
            fh.write(json.dumps(row | {"url": f"https://sport.example/{aid}"}) + "\n")
    settings = make_settings(tmp_path / "data", corpus={"sources": [str(path)]})
    library = Library(settings, fake_embedder)
    library.build()
    bot_settings = load_settings(None, settings.data_dir)
    return Answerer(library, replace(bot_settings, answer=replace(bot_settings.answer, **answer)))


def test_a_question_without_a_date_is_answered_from_the_newest_story(tmp_path, fake_embedder):
    asked = "Which team did England beat in the Women's Euro final?"
    undated = _finals_answerer(tmp_path / "a", fake_embedder, date_weight=0.0).answer(asked)
    assert undated.found and undated.lead == "Germany"  # the closer match, three years older
    answer = _finals_answerer(tmp_path / "b", fake_embedder).answer(asked)
    assert answer.found and answer.lead == "Spain"
    assert cited(answer)[0] == "f2025"


def test_date_bonus_is_full_nearest_the_asked_period_and_halves_with_distance():
    days = [date(2025, 7, 1), date(2025, 5, 2), None, date(2024, 7, 1)]
    # No period: relative to the newest article, not to today.
    assert date_bonus(days, 0.2, 30).tolist() == pytest.approx(
        [0.2, 0.2 * 0.5 ** (60 / 30), 0.0, 0.2 * 0.5 ** (365 / 30)]
    )
    # Inside the period: full; outside it, by the days to its nearer end.
    in_2024 = (date(2024, 1, 1), date(2024, 12, 31))
    assert date_bonus(days, 0.2, 30, in_2024).tolist() == pytest.approx(
        [0.2 * 0.5 ** (182 / 30), 0.2 * 0.5 ** (122 / 30), 0.0, 0.2]
    )
    # A period nothing retrieved falls in ("this week", asked today of an archive): the
    # articles nearest it get the full bonus.
    this_week = (date(2026, 12, 1), date(2026, 12, 7))
    assert date_bonus(days, 0.2, 30, this_week)[0] == pytest.approx(0.2)
    assert date_bonus(days, 0.0, 30).tolist() == [0.0] * 4
    assert date_bonus([None, None], 0.2, 30).tolist() == [0.0, 0.0]


def test_asked_period_is_the_period_of_the_time_words_only():
    asked = parse_question("Who won the final this week?", now=datetime(2026, 3, 14))
    assert asked.time.period
    assert asked_period(asked) == (asked.time.date_from, asked.time.date_to)
    # A year that dates the event, not the news: the newest reports still come first.
    assert asked_period(parse_question("Who won the 2025 women's Euros?")) is None
    assert asked_period(parse_question("Who won the final?")) is None
