"""The answerer over the sample corpus, with the fake embedder (the real model: test_cli_model)."""

import threading
from datetime import date

import numpy as np
import pytest

from bot.answer import (
    NO_STATEMENTS,
    NOT_FOUND,
    NOTHING_ASKED,
    RESPELLED,
    Answerer,
    CitationBuilder,
    select_sentences,
)
from bot.models import Conversation
from bot.question import parse_question
from index.errors import QueryError
from index.models import Article, Statement
from tests.conftest import make_settings


def test_citations_are_numbered_in_order_of_first_use_and_span_what_was_used():
    articles = {
        "a": Article(id="a", title="A", text="0123456789" * 3, url="https://a.example/x"),
        "b": Article(id="b", title="B", text="abcdefghij" * 3, source="b.example"),
    }
    cites = CitationBuilder(articles)
    assert cites.cite("b", 5, 9) == 1
    assert cites.cite("a", 0, 4) == 2
    assert cites.cite("b", 12, 15) == 1
    b, a = cites.citations()
    assert (b.n, b.article_id, b.start, b.end) == (1, "b", 5, 15)
    assert b.text == articles["b"].text[5:15]
    assert (a.n, a.url, a.text) == (2, "https://a.example/x", "0123")


def test_mmr_skips_a_sentence_repeating_a_chosen_one():
    scores = np.array([1.0, 0.95, 0.8])
    sim = np.array([[1.0, 0.95, 0.1], [0.95, 1.0, 0.1], [0.1, 0.1, 1.0]])
    assert select_sentences(scores, sim, limit=2) == [0, 2]


def test_mmr_does_not_pad_with_weak_sentences():
    scores = np.array([1.0, 0.2])
    assert select_sentences(scores, np.eye(2), limit=3) == [0]


def test_a_bonus_that_is_no_evidence_orders_the_sentences_but_does_not_keep_weak_ones():
    relevance = np.array([0.5, 0.6, 0.25])
    dated = np.array([0.2, 0.0, 0.2])  # the first and last sentences' article is the newest
    # The same bonus on both sentences of the newest article would put the weak one within
    # KEEP_RATIO of the best (0.45 >= 0.6 * 0.7); against relevance it stays out (0.25 < 0.36).
    assert select_sentences(relevance + dated, np.eye(3), limit=3) == [0, 1, 2]
    chosen = select_sentences(relevance + dated, np.eye(3), limit=3, relevance=relevance)
    assert chosen == [0, 1]


def test_who_said_what_lists_the_speakers_statements_cited(answerer):
    answer = answerer.answer("What did Peskov say?")
    assert answer.found
    assert answer.quotes and all(q.speaker == "Dmitry Peskov" for q in answer.quotes)
    assert any("no official letter" in q.text for q in answer.quotes)
    assert "Dmitry Peskov (Kremlin spokesman) said:" in answer.text
    (citation,) = answer.citations
    assert citation.article_id == "000_57a03034e1c4b1e0"
    for q in answer.quotes:
        assert q.citation == 1
        assert q.text in citation.text  # the citation spans every quoted statement
        assert f"- {q.text} [1]" in answer.text


@pytest.mark.parametrize(
    "typed", ["What did _Peskov_ say?", "What did **Peskov** say?", "What did <b>Peskov</b> say?"]
)
def test_a_question_typed_with_markdown_gets_the_plain_questions_answer(answerer, typed):
    # Discord users format names; "_Peskov_" was not found at all, "<b>Peskov</b>" was answered
    # from passages instead of his statements.
    plain = answerer.answer("What did Peskov say?")
    formatted = answerer.answer(typed)
    assert formatted.found and formatted.quotes == plain.quotes and formatted.text == plain.text


def test_a_role_finds_the_person(answerer):
    answer = answerer.answer("What did the Kremlin spokesman say?")
    assert {q.speaker for q in answer.quotes} == {"Dmitry Peskov"}


def test_pronoun_resolved_statements_are_attributed(answerer):
    answer = answerer.answer("What did Rostek say?")
    assert any("repair and maintain" in q.text for q in answer.quotes)  # "she said"


def test_the_topic_ranks_statements(answerer):
    answer = answerer.answer("What did Lavrov say about Trump?")
    assert "Wall Street Journal" in answer.quotes[0].text


def test_a_topic_no_statement_mentions_is_not_found(answerer):
    # "What did the Kremlin say about NATO?" listed statements about Iran and Belarus as if
    # they answered it; then, said so, as a found answer
    answer = answerer.answer("What did Lavrov say about penguins?")
    assert not answer.found and not answer.quotes and not answer.citations
    assert answer.text.startswith(
        "No statement by Sergei Lavrov in the indexed news mentions “penguins”"
    )
    on_topic = answerer.answer("What did Lavrov say about Trump?")
    assert on_topic.found and on_topic.quotes
    assert on_topic.note is None or "mentions" not in on_topic.note


def test_the_extractive_answer_cites_the_sentences_it_uses(answerer):
    answer = answerer.answer("How many troops did Russia deploy to Venezuela in March?")
    assert answer.found and "100" in answer.text
    assert answer.text.count("[1]") >= 1
    citation = answer.citations[0]
    assert (
        citation.text
        == answerer.library.searcher()
        .articles[citation.article_id]
        .text[citation.start : citation.end]
    )


def test_nothing_relevant_says_so_and_cites_nothing(answerer):
    answer = answerer.answer("What is the boiling point of tungsten?")
    assert not answer.found
    assert answer.text.startswith(NOT_FOUND) and answer.citations == () and answer.quotes == ()


def test_a_question_in_another_language_is_told_to_ask_in_english(answerer):
    # "Quién ganó la Serie Mundial?" got only "I found nothing about “quien” or “Mundial”"
    answer = answerer.answer("¿Qué dijo Peskov sobre Venezuela?")
    assert not answer.found and answer.citations == ()
    assert "looks like Spanish" in answer.text and "in English" in answer.text
    english = answerer.answer("What is the boiling point of tungsten?")
    assert not english.found and "looks like" not in english.text


def test_a_named_speaker_without_statements_is_not_found(answerer):
    answer = answerer.answer("What did the Norwegian Foreign Ministry say?")
    assert not answer.found and not answer.quotes and not answer.citations
    assert "statements by the Norwegian Foreign Ministry" in answer.text


def test_a_generic_speaker_is_answered_from_passages(answerer):
    answer = answerer.answer("What did the newspaper say about Russian troops in Venezuela?")
    assert answer.found and not answer.quotes
    assert "[1]" in answer.text


def _quoting(settings, fake_embedder, *speakers: tuple[str, tuple[str, ...]]):
    """The sample library, its speaker index rebuilt with a statement by each of `speakers`
    (name, aliases) on the opening words of its first article."""
    from index.library import Library

    lib = Library(settings, fake_embedder)
    lib.build()
    searcher = lib.searcher()
    text = searcher.articles["000_57a03034e1c4b1e0"].text
    for thread in threading.enumerate():  # the statements read behind the first load
        if thread.name.startswith("statements "):
            thread.join()
    for speaker, aliases in speakers:
        searcher.statements.append(
            Statement(speaker, text[:20], 0, 20, "000_57a03034e1c4b1e0", aliases=aliases)
        )
    searcher._speakers = None  # the speaker index again, with the extra statements
    return lib


def test_several_matching_people_are_named(settings, fake_embedder):
    lib = _quoting(settings, fake_embedder, ("Ivanka Trump", ("Ivanka Trump", "Trump")))
    answer = Answerer(lib, settings).answer("What did Trump say?")
    assert answer.note is not None and "Several people match" in answer.note
    assert "Donald Trump" in answer.note and "Ivanka Trump" in answer.note
    assert answer.note in answer.text


def test_another_spelling_of_a_given_name_is_answered_and_said(settings, fake_embedder):
    # "What did Dmitri Peskov say?" found no statements: "Dmitri" is a known word (Medvedev's),
    # so no typo respells it, yet the Kremlin spokesman is quoted as Dmitry Peskov
    lib = _quoting(settings, fake_embedder, ("Dmitri Medvedev", ()))
    assert lib.searcher().speakers.respell("Dmitri Peskov") is None
    answer = Answerer(lib, settings).answer("What did Dmitri Peskov say?")
    assert answer.found and {q.speaker for q in answer.quotes} == {"Dmitry Peskov"}
    assert answer.note == RESPELLED.format(asked="Dmitri Peskov", speaker="Dmitry Peskov")


def test_a_lesser_match_is_not_named_as_another_person(settings, fake_embedder):
    # "What did Elon Musk say?" answered "Several people match “Elon Musk” (Elon Musk, Musk)":
    # a speaker known only by the surname matches the full name less well; it is no other person
    lib = _quoting(
        settings,
        fake_embedder,
        ("Trump", ("Trump",)),
        ("Ivanka Trump", ("Ivanka Trump",)),
        ("Trump and Pence", ("Trump and Pence", "Trump")),  # as the extractor names a pair
    )
    searcher = lib.searcher()
    assert [m.speaker for m in searcher.speakers.lookup("Donald Trump")][:2] == [
        "Donald Trump",
        "Trump",
    ]
    answer = Answerer(lib, settings).answer("What did Donald Trump say?")
    assert answer.found and answer.quotes[0].speaker == "Donald Trump"
    assert answer.note is None
    # nor are people who spoke together one more person called Trump
    assert "Trump and Pence" in [m.speaker for m in searcher.speakers.lookup("Trump")]
    answer = Answerer(lib, settings).answer("What did Trump say?")
    assert answer.note is not None and "Ivanka Trump" in answer.note
    assert "Pence" not in answer.note


@pytest.mark.parametrize("question", ["", "   ", "x" * 1001])
def test_empty_or_huge_questions_are_refused(answerer, question):
    with pytest.raises(QueryError):
        answerer.answer(question)


def test_a_follow_up_keeps_the_subject(answerer):
    first = answerer.answer("What did Peskov say about the maintenance of equipment?")
    follow = answerer.answer(
        "and what did Lavrov say?", Conversation(first.question, first.subject)
    )
    assert {q.speaker for q in follow.quotes} == {"Sergei Lavrov"}
    assert follow.subject == "the maintenance of equipment"


def test_a_follow_up_reads_the_earlier_question_inside_its_chat_framing(answerer):
    # a conversation remembers the question as typed, framing and all
    first = answerer.answer("hey newsbot, can you tell me what Peskov said? thanks")
    assert first.question == "hey newsbot, can you tell me what Peskov said? thanks"
    follow = answerer.answer("what else did he say?", Conversation(first.question))
    assert follow.quotes and {q.speaker for q in follow.quotes} == {"Dmitry Peskov"}


@pytest.mark.parametrize("greeting", ["hi", "Hello newsbot!", "thanks so much :)"])
def test_a_greeting_or_thanks_is_answered_with_how_to_ask(answerer, greeting):
    answer = answerer.answer(greeting)
    assert (answer.found, answer.text, answer.question) == (False, NOTHING_ASKED, greeting)
    assert answer.citations == ()


def test_only_a_quoted_persons_name_alone_asks_who_they_are(answerer):
    searcher = answerer.library.searcher()
    assert answerer._named("Peskov", searcher) == "Who is Peskov?"
    assert answerer._named("Dmitry Peskov?", searcher) == "Who is Dmitry Peskov?"
    # a place, a name nobody is quoted under, a question: as typed
    for text in ("Venezuela", "Glimmerholt", "What did Peskov say?"):
        assert answerer._named(text, searcher) == text


def test_answer_json_follows_the_contract(answerer):
    out = answerer.answer("What did Peskov say?").to_json()
    assert set(out) == {"question", "answer", "citations", "quotes", "found"}
    assert set(out["citations"][0]) == {
        "n",
        "article_id",
        "title",
        "url",
        "link",
        "source",
        "published_at",
        "text",
        "start",
        "end",
    }
    assert set(out["quotes"][0]) == {"speaker", "text", "citation"}


def test_the_not_found_threshold_is_a_setting(tmp_path, fake_embedder):
    from index.library import Library

    strict = make_settings(tmp_path / "d", answer={"min_relevance": 0.99})
    lib = Library(strict, fake_embedder)
    lib.build()
    assert not Answerer(lib, strict).answer("Who did Trump urge to leave Venezuela?").found


def test_the_support_threshold_is_a_setting(tmp_path, fake_embedder):
    from index.library import Library

    settings = make_settings(tmp_path / "d")
    lib = Library(settings, fake_embedder)
    lib.build()
    question = "How many troops did Russia deploy to Venezuela in March?"
    assert Answerer(lib, settings).answer(question).found
    strict = make_settings(tmp_path / "d", answer={"min_support": 1.0})
    refused = Answerer(lib, strict).answer(question)
    assert not refused.found and refused.citations == ()
    assert refused.text.startswith(NOT_FOUND)


def test_a_name_no_article_holds_is_not_found_and_named(answerer):
    answer = answerer.answer("How many troops did Glimmerholt deploy to Venezuela in March?")
    assert not answer.found and answer.citations == () and answer.quotes == ()
    assert answer.text.startswith("I found nothing about “Glimmerholt” in the indexed news")
    # It says what the closest articles are about, by title, without citing them.
    assert "The closest articles are about: “" in answer.text


def test_the_evidence_of_an_answer_is_open_to_calibration(answerer):
    evidence = answerer.evidence("How many troops did Russia deploy to Venezuela in March?")
    assert evidence is not None and evidence.missing == () and evidence.support is not None
    assert 0.0 < evidence.support.article_coverage <= 1.0
    assert 0.0 < evidence.probability < 1.0
    assert answerer.evidence("What did Peskov say?") is None  # the speaker index answers it
    unknown = answerer.evidence("What did Glimmerholt deploy to Venezuela?")
    assert unknown is not None and unknown.missing == ("glimmerholt",)


@pytest.mark.parametrize(
    ("sentence", "penalised"),
    [
        ("Where are the next Winter Olympics?", True),
        ("Here are all the winners since 1959:", True),
        ('"Is this the end?"', True),
        ("The Games will be held in Milan and Cortina.", False),
    ],
)
def test_questions_and_lead_ins_are_not_taken_as_answers(sentence, penalised):
    from bot.answer import form_penalty

    assert (form_penalty(sentence) > 0) is penalised


@pytest.mark.parametrize(
    ("question", "who"),
    [
        ("What did the mayor of Gotham say about the flood?", "the mayor of Gotham"),
        ("What did the CEO of Acme Widgets say?", "the CEO of Acme Widgets"),
    ],
)
def test_an_unknown_qualified_role_gets_no_statements(answerer, question, who):
    answer = answerer.answer(question)
    assert not answer.found
    assert not answer.quotes
    assert who in answer.text


def test_statements_of_a_speaker_whose_rare_names_no_cited_article_holds_are_not_given(answerer):
    # The speaker index matches "Lavrov" and "Kremlin", but no cited article names
    # "Glimmerholt" or "Galactic": the statements would be someone else's.
    for speaker in ("Lavrov of Glimmerholt", "the president of the Galactic Kremlin"):
        answer = answerer.answer(f"What did {speaker} say?")
        assert not answer.found and answer.quotes == () and answer.citations == ()
        assert f"statements by {speaker} in the indexed" in answer.text


# --------------------------------------------------------------------------- disputed claims


def test_who_said_what_shows_the_kremlins_denial_of_trumps_claim_attributed_and_cited(answerer):
    answer = answerer.answer("What did Trump claim about Russian troops in Venezuela?")
    claim = '- "Russia told us that they withdrew most of their troops from Venezuela," [1]'
    denial = "- Kremlin (denied): it had informed Washington of withdrawing most of its troops"
    assert claim in answer.text and denial in answer.text
    assert answer.text.index("Disputed:") < answer.text.index(denial)
    assert {q.speaker for q in answer.quotes} == {"Donald Trump"}  # the asked speaker's only
    (citation,) = answer.citations
    article = answerer.library.searcher().articles[citation.article_id]
    assert citation.text == article.text[citation.start : citation.end]
    assert "it had informed Washington" in citation.text


def test_statements_nobody_disputes_get_no_disputed_section(answerer):
    for question in ("What did Peskov say?", "What did Lavrov say about Trump?"):
        assert "Disputed:" not in answerer.answer(question).text


def test_a_question_about_the_claim_shows_the_claim_and_its_denial(answerer):
    answer = answerer.answer("Did Russia tell the US it withdrew its troops from Venezuela?")
    assert "Russia told us that they withdrew most of their troops" in answer.text
    assert "The Kremlin denied" in answer.text or "Kremlin (denied)" in answer.text


def test_a_long_speaker_phrase_without_statements_is_answered_from_passages(answerer):
    # Nine words and more may tell of an event, not name somebody: no "no statements by ...".
    question = "What did the Russian military personnel who landed in Venezuela in March say?"
    q = parse_question(question)
    assert q.kind == "speaker" and len(q.speaker.split()) > 8
    answer = answerer.answer(question)
    assert answer.found and "[1]" in answer.text
    assert "statements by" not in answer.text


def test_a_long_speaker_phrase_is_answered_by_the_person_it_names_in_full(answerer):
    answer = answerer.answer(
        "What did Kremlin spokesman Dmitry Peskov of the Russian presidential administration say?"
    )
    assert answer.found and answer.quotes
    assert {quote.speaker for quote in answer.quotes} == {"Dmitry Peskov"}
    # a list of people is no one of them: the passages answer, not Peskov's statements
    answer = answerer.answer(
        "What did Venezuela, Cuba, Nicaragua and Dmitry Peskov of the Russian government say?"
    )
    assert not answer.quotes


# --------------------------------------------------------------------------- several people


def test_people_asked_together_who_spoke_apart_each_get_their_statements(answerer):
    answer = answerer.answer("What did Peskov and Lavrov say?")
    assert answer.found
    headings = [line for line in answer.text.splitlines() if line.endswith(" said:")]
    assert [h.split(" (")[0] for h in headings] == ["Dmitry Peskov", "Sergei Lavrov"]
    assert {q.speaker for q in answer.quotes} == {"Dmitry Peskov", "Sergei Lavrov"}
    searcher = answerer.library.searcher()
    for c in answer.citations:
        assert searcher.articles[c.article_id].text[c.start : c.end] == c.text
    for quote in answer.quotes:
        assert any(quote.text in c.text for c in answer.citations if c.n == quote.citation)


@pytest.mark.parametrize(
    ("stressed", "plain"),
    [
        ("What did Peskov himself say?", "What did Peskov say?"),
        ("What did Peskov and Lavrov both say?", "What did Peskov and Lavrov say?"),
    ],
)
def test_a_word_stressing_who_spoke_answers_as_the_plain_question(answerer, stressed, plain):
    stressed_answer, plain_answer = answerer.answer(stressed), answerer.answer(plain)
    assert stressed_answer.found and stressed_answer.quotes
    assert stressed_answer.text == plain_answer.text
    assert stressed_answer.quotes == plain_answer.quotes


def test_a_listed_person_without_statements_is_named_and_the_others_answered(answerer):
    answer = answerer.answer("What did Peskov and Glimmerholt say?")
    assert answer.found
    assert answer.note == NO_STATEMENTS.format(speaker="Glimmerholt")
    assert answer.text.startswith(answer.note)
    assert {q.speaker for q in answer.quotes} == {"Dmitry Peskov"}


def test_a_listed_name_a_typo_away_is_answered_and_the_respelling_said(answerer):
    answer = answerer.answer("What did Peskv and Lavrov say?")
    assert answer.found
    assert answer.note == RESPELLED.format(asked="Peskv", speaker="Dmitry Peskov")
    headings = [line for line in answer.text.splitlines() if line.endswith(" said:")]
    assert [h.split(" (")[0] for h in headings] == ["Dmitry Peskov", "Sergei Lavrov"]
    assert {q.speaker for q in answer.quotes} == {"Dmitry Peskov", "Sergei Lavrov"}


def test_nobody_listed_with_statements_is_not_found(answerer):
    answer = answerer.answer("What did Glimmerholt and Quarnby say?")
    assert not answer.found and answer.quotes == () and answer.citations == ()


@pytest.mark.parametrize(
    ("sentence", "ended"),
    [
        ("this answer is about Donald Trump Jr..", "this answer is about Donald Trump Jr."),
        ("this answer is about Dmitry Peskov.", "this answer is about Dmitry Peskov."),
    ],
)
def test_a_note_ending_in_a_name_with_its_own_full_stop_gets_no_second(sentence, ended):
    # "... this answer is about Donald Trump Jr.." ended the several-match note
    from bot.answer import _full_stop

    assert _full_stop(sentence) == ended


def test_of_equal_matches_the_one_whose_articles_are_about_the_topic_is_answered(
    tmp_path, fake_embedder, capsys, monkeypatch
):
    # "What did the judge say in the Diddy trial?" answered with a judge of another trial, quoted
    # more often; only the articles, not the judges' words, name the Diddy trial
    from tests.bot.conftest import ask_json, built_library

    ohio = (
        '"The motion for a mistrial is denied and the trial goes on," Judge Mira Holt said. '
        '"Closing arguments will begin on Monday morning in this trial," Judge Mira Holt said.'
    )
    diddy = (
        "The Diddy trial resumed on Tuesday in Manhattan. "
        '"The jurors must not read the news during this trial," Judge Arun Sabo said.'
    )
    library = built_library(
        tmp_path,
        fake_embedder,
        {
            "ohio": ("Grubb trial: judge denies mistrial", ohio),
            "diddy": ("Diddy trial recap: the jury hears from Cassie", diddy),
        },
    )
    texts = {a.id: a.text for a in library.searcher().articles.values()}
    plain = ask_json(capsys, library, monkeypatch, "What did the judge say?", texts)
    assert plain["quotes"][0]["speaker"] == "Mira Holt"  # quoted most
    asked = ask_json(
        capsys, library, monkeypatch, "What did the judge say in the Diddy trial?", texts
    )
    assert [q["speaker"] for q in asked["quotes"]] == ["Arun Sabo"]
    assert "this answer is about Arun Sabo" in asked["answer"]


def test_mmr_reads_its_redundancy_cost_when_called(monkeypatch):
    # bench.answers --constant MMR_REDUNDANCY=... patches the module: no default bound early.
    scores = np.array([1.0, 0.9, 0.8])
    sim = np.array([[1.0, 0.2, 0.0], [0.2, 1.0, 0.0], [0.0, 0.0, 1.0]])
    assert select_sentences(scores, sim, limit=2) == [0, 1]  # 0.9 - 0.35 * 0.2 > 0.8
    monkeypatch.setattr("bot.answer.MMR_REDUNDANCY", 1.0)
    assert select_sentences(scores, sim, limit=2) == [0, 2]  # 0.9 - 1.0 * 0.2 < 0.8


def corpus_answerer(tmp_path, fake_embedder, rows: list[tuple[str, ...]]) -> Answerer:
    """An answerer over the articles (id, title, text[, published_at]) of `rows`, written as
    JSON lines."""
    import json

    from index.library import Library

    path = tmp_path / "articles.jsonl"
    keys = ("id", "title", "text", "published_at")
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(dict(zip(keys, row, strict=False))) + "\n")
    settings = make_settings(tmp_path / "data", corpus={"sources": [str(path)]})
    library = Library(settings, fake_embedder)
    library.build()
    return Answerer(library, settings)


def test_a_sentence_naming_only_other_years_than_the_asked_one_is_penalised():
    from bot.answer import YEAR_PENALTY, year_penalty

    asked = "Who won the 2025 Nobel Peace Prize?"
    assert year_penalty(asked, "Martin Luther King Jr. won the 1964 Nobel Peace Prize.") == (
        YEAR_PENALTY
    )
    # the asked year among others, no year at all, or a question naming none: no penalty
    assert year_penalty(asked, "After the 2024 prize, the 2025 one went to Machado.") == 0.0
    assert year_penalty(asked, "Machado won the prize on Friday.") == 0.0
    assert year_penalty("Who won the Nobel Peace Prize?", "King won it in 1964.") == 0.0
    # a season written "2025-26" names 2025
    assert year_penalty("Who leads the 2025 season?", "The 2025-26 season opened.") == 0.0


def test_the_year_penalty_lowers_the_score_of_the_other_years_sentence_only(
    tmp_path, fake_embedder, monkeypatch
):
    import bot.answer
    from bot.question import parse_question

    rows = [
        ("old", "Peace prize history", "Martin Luther King Jr. won the 1964 Nobel Peace Prize."),
        ("new", "Peace prize goes to Machado", "Maria Machado won the 2025 Peace Prize."),
    ]
    answerer = corpus_answerer(tmp_path, fake_embedder, rows)
    library = answerer.library
    q = parse_question("Who won the 2025 Nobel Peace Prize?")
    searcher = library.searcher()

    def scores() -> dict[str, float]:
        hits = searcher.search(q.search_text, k=8)
        weighed = answerer._weigh(q, hits, searcher)
        assert weighed is not None
        return {
            s.article_id: float(x) for s, x in zip(weighed.sentences, weighed.scores, strict=True)
        }

    penalty, penalised = bot.answer.YEAR_PENALTY, scores()
    assert penalty > 0
    monkeypatch.setattr(bot.answer, "YEAR_PENALTY", 0.0)
    plain = scores()
    assert plain["old"] - penalised["old"] == pytest.approx(penalty)
    assert plain["new"] == pytest.approx(penalised["new"])


@pytest.fixture
def refusing(tmp_path, fake_embedder) -> Answerer:
    """The answerer over the sample with a support model that refuses everything."""
    from index.library import Library

    settings = make_settings(tmp_path / "d", answer={"min_support": 1.0})
    lib = Library(settings, fake_embedder)
    lib.build()
    return Answerer(lib, settings)


def test_a_question_only_about_a_named_subject_is_found_when_a_best_sentence_names_it(refusing):
    answerer = refusing  # only the named subject can find an answer
    answer = answerer.answer("Who is Nicolas Maduro?")
    assert answer.found and answer.citations
    assert "Maduro" in answer.text.split("[1]")[0]
    # a question asking more than the name still needs the support model
    assert not answerer.answer("How many troops did Nicolas Maduro deploy?").found
    # both names are in the article, but no sentence names "Nicolas Peskov"
    assert not answerer.answer("Who is Nicolas Peskov?").found


def test_a_named_subject_is_its_question_words_all_in_one_best_sentence():
    from bot.evidence import subject_named

    def rarity(words: list[str]) -> list[float]:
        return [0.9 if w == "diwali" else 0.2 for w in words]

    said = ["Dr. Anthony Fauci retired in 2022.", "Diwali began on Monday."]
    assert subject_named("Who is Anthony Fauci?", ["anthony", "fauci"], said, rarity)
    assert subject_named("What is Diwali?", ["diwali"], said, rarity)
    # a common single name, a name split across sentences, a question with more than a name
    assert not subject_named("What is America?", ["america"], ["America voted."], rarity)
    assert not subject_named("Who is Anthony Diwali?", ["anthony", "diwali"], said, rarity)
    assert not subject_named(
        "Who fired Anthony Fauci?", ["fired", "anthony", "fauci"], said, rarity
    )


def test_who_made_a_named_subject_is_named_with_the_act_in_one_best_sentence():
    # "Who founded TSMC?" was refused: a short question is far from any whole passage, and the
    # sentence naming "the founder of TSMC" was the evidence
    from bot.evidence import subject_named

    def rarity(words: list[str]) -> list[float]:
        return [0.9] * len(words)

    founder = ["TSMC was founded by Morris Chang in 1987.", "TSMC builds chips in Arizona."]
    assert subject_named("Who founded TSMC?", ["founded", "tsmc"], founder, rarity)
    assert subject_named(
        "Who founded TSMC?", ["founded", "tsmc"], ["Morris Chang, the founder of TSMC."], rarity
    )
    # the subject without the act, or an act that is not making it, is no evidence
    assert not subject_named(
        "Who founded TSMC?", ["founded", "tsmc"], ["TSMC builds chips in Arizona."], rarity
    )
    assert not subject_named("Who fired TSMC's chief?", ["fired", "tsmc", "chief"], founder, rarity)
    assert not subject_named(
        "Who founded TSMC in Taiwan?", ["founded", "tsmc", "taiwan"], founder, rarity
    )


def test_a_named_subject_may_hold_a_particle_between_its_name_words():
    from bot.evidence import subject_named

    def rarity(words: list[str]) -> list[float]:
        return [0.9] * len(words)

    said = ["The gang Tren de Aragua began in a Venezuelan prison."]
    assert subject_named("What is Tren de Aragua?", ["tren", "de", "aragua"], said, rarity)
    assert subject_named(
        "Who is Ursula von der Leyen?",
        ["ursula", "von", "der", "leyen"],
        ["Ursula von der Leyen spoke."],
        rarity,
    )
    # a particle outside a name is a word of the question like any other
    assert not subject_named("What is de Tren?", ["de", "tren"], said, rarity)


def test_who_is_a_quoted_person_leads_with_the_role_an_article_gives_them(answerer):
    answer = answerer.answer("Who is Dmitry Peskov?")
    assert answer.found and answer.lead == "Kremlin spokesman Dmitry Peskov"
    assert answer.text.startswith("Kremlin spokesman Dmitry Peskov [1]. ")
    assert "Kremlin spokesman Dmitry Peskov" in answer.citations[0].text
    # asked by the surname the articles also call him by: the same lead
    assert answerer.answer("Who is Peskov?").lead == "Kremlin spokesman Dmitry Peskov"
    # nobody quotes Maduro: no role to lead with, the sentences naming him only
    maduro = answerer.answer("Who is Nicolas Maduro?")
    assert maduro.found and maduro.lead is None and "Maduro" in maduro.text


def test_a_role_written_after_the_name_leads_too(tmp_path, fake_embedder):
    rows = [
        (
            "covid",
            "Fauci warns on winter",
            "Anthony Fauci, the nation's top infectious disease expert, said the country was "
            "not out of the woods. Hospitals in Ohio filled up again in December.",
        ),
        ("flu", "Flu season", "Anthony Fauci retired from government in 2022 after decades."),
    ]
    answer = corpus_answerer(tmp_path, fake_embedder, rows).answer("Who is Anthony Fauci?")
    lead = "Anthony Fauci, the nation's top infectious disease expert"
    assert answer.found and answer.lead == lead
    assert answer.text.startswith(f"{lead} [1]. ")
    assert answer.citations[0].article_id == "covid"
    # the lead and at most two sentences
    assert answer.text.count("[") <= 3


def test_who_is_a_person_the_news_quotes_with_a_role_is_found_whatever_the_support_model(
    refusing,
):
    answer = refusing.answer("Who is Peskov?")
    assert answer.found and answer.lead == "Kremlin spokesman Dmitry Peskov"
    # Rostek (a company) is quoted under no role: nothing names it so, the model refuses it
    assert not refusing.answer("Who is Rostek?").found


def test_who_holds_an_office_is_its_most_and_latest_quoted_holder_named_with_it(
    tmp_path, fake_embedder
):
    rows = [
        (
            "old",
            "Bureau chief speaks",
            "Bureau Director Alma Reyes said the audit was complete. The bureau will publish "
            "its report in May.",
            "2025-01-10",
        ),
        (
            "new",
            "New bureau chief speaks",
            "Bureau Director Tomas Brandt said the bureau would hire more auditors. He took "
            "office in March.",
            "2026-03-20",
        ),
    ]
    answerer = corpus_answerer(tmp_path, fake_embedder, rows)
    answer = answerer.answer("Who is the bureau director?")
    assert answer.found and answer.lead == "Bureau Director Tomas Brandt"
    assert answer.text.startswith("Bureau Director Tomas Brandt [1]. Bureau Director Tomas Brandt")
    assert [c.article_id for c in answer.citations] == ["new"]
    assert answer.note == "Also quoted in that office: Alma Reyes."
    # as of a day before the new director was quoted, the old one is the answer
    then = answerer.answer("Who's the current bureau director?", now=date(2025, 6, 1))
    assert then.lead == "Bureau Director Alma Reyes" and then.note is None
    # an office nobody is quoted in is answered from the passages, as before
    assert answerer.answer("Who is the bureau spokesman?").lead is None


def test_a_qualified_office_counts_its_holders_statements_under_its_shorter_form(
    tmp_path, fake_embedder
):
    # "Who is the US president?" answered Joe Biden, quoted as "US President" until 2024 and
    # as "Former US President" since, over Donald Trump, quoted as "U.S. President" once in
    # 2020 and as "President" in this year's articles
    old = "US President Joe Biden said the bill would lower costs. The vote was close."
    rows = [(f"old{i}", "Bill passes", old, f"2024-0{i}-10") for i in range(1, 4)]
    rows += [
        (
            "past",
            "Biden speaks",
            "Former US President Joe Biden said he would write a book. The crowd cheered.",
            "2025-07-08",
        ),
        (
            "first",
            "Tariffs",
            "U.S. President Donald Trump said tariffs would start in August. Markets fell.",
            "2020-07-01",
        ),
        *(
            (
                f"new{i}",
                "Trade",
                f"President Donald Trump said the talks number {i} went well. Aides agreed.",
                f"2025-07-0{i}",
            )
            for i in range(2, 6)
        ),
        (
            "paris",
            "Paris",
            "President Emmanuel Macron said France would join the talks. Paris agreed.",
            "2025-07-09",
        ),
        (
            "surname",
            "Wall",
            "US President Trump said the wall would be finished. Crews kept working.",
            "2025-07-03",
        ),
        (
            "melania",
            "Gala",
            "First lady Melania Trump said the gala raised money for schools. Guests danced.",
            "2025-07-04",
        ),
        (
            "vice",
            "Vance",
            "U.S. Vice President JD Vance said the deal was close. Talks went on.",
            "2025-07-09",
        ),
    ]
    answerer = corpus_answerer(tmp_path, fake_embedder, rows)
    answer = answerer.answer("Who is the US president?")
    assert answer.found and answer.lead == "U.S. President Donald Trump"
    # Macron is "President" too, but never the US president, Vance holds another office, and
    # "Trump" (an article naming him by surname alone) is the same man: the note names none
    # of them
    assert answer.note == "Also quoted in that office: Joe Biden."


def test_where_is_a_name_leads_with_a_place_from_a_sentence_naming_it(tmp_path, fake_embedder):
    # "Where is Brown University?" led "University of Colorado" from "Brown attended college at
    # the University of Colorado": a sentence about somebody called Brown
    rows = [
        (
            "coach",
            "Coach Brown",
            "Brown attended college at the University of Colorado. He coached for years.",
        ),
        (
            "campus",
            "Brown University campus",
            "Brown University, in Providence, Rhode Island, held classes again on Monday.",
        ),
    ]
    answerer = corpus_answerer(tmp_path, fake_embedder, rows)
    answer = answerer.answer("Where is Brown University?")
    assert answer.found and answer.lead == "Providence"
    assert answer.citations[0].article_id == "campus"
    # no sentence naming it says where: no place is led with, the sentences answer
    rows[1] = ("campus", "Brown University email", "Brown University sent an email on Sunday.")
    (tmp_path / "other").mkdir()
    answerer = corpus_answerer(tmp_path / "other", fake_embedder, rows)
    answer = answerer.answer("Where is Brown University?")
    assert answer.found and answer.lead is None
    # nor when no sentence names it at all
    (tmp_path / "none").mkdir()
    answerer = corpus_answerer(tmp_path / "none", fake_embedder, rows[:1])
    assert answerer.answer("Where is Brown University?").lead is None


def test_an_office_holder_is_named_with_the_role_of_their_latest_statements(
    tmp_path, fake_embedder
):
    # "Who is the attorney general?" led "Florida Attorney General Pam Bondi", the role she
    # was quoted under most, years ago, not the one of this year's articles
    rows = [
        (
            f"fl{i}",
            "Florida",
            f"Florida Attorney General Pam Bondi said the state would sue number {i}. Done.",
            f"2018-0{i}-10",
        )
        for i in range(1, 4)
    ]
    rows.append(
        (
            "us",
            "Justice",
            "Attorney General Pam Bondi said the department would appeal the ruling. Done.",
            "2025-06-10",
        )
    )
    answerer = corpus_answerer(tmp_path, fake_embedder, rows)
    answer = answerer.answer("Who is the attorney general?")
    assert answer.found and answer.lead == "Attorney General Pam Bondi"
    assert answer.citations[0].article_id == "us"


def test_an_office_asked_for_statements_is_its_holder_in_the_recent_news(tmp_path, fake_embedder):
    # "What did the Pope say about immigrants?" answered for Francis, quoted as Pope for years,
    # though the articles of this year quote Leo XIV
    rows = [
        (
            f"f{i}",
            "Francis speaks",
            f"Pope Francis said the faithful should pray for peace number {i}. Crowds listened.",
            f"2024-0{i}-10",
        )
        for i in range(1, 6)
    ]
    rows += [
        (
            f"l{i}",
            "Leo speaks",
            f"Pope Leo said the church must welcome the poor number {i}. Pilgrims cheered.",
            f"2025-0{i + 5}-10",
        )
        for i in range(1, 3)
    ]
    rows.append(
        (
            "l9",
            "Leo XIV speaks",
            "Pope Leo XIV said the church would open its doors to all. Pilgrims cheered.",
            "2025-09-10",
        )
    )
    answerer = corpus_answerer(tmp_path, fake_embedder, rows)
    answer = answerer.answer("What did the Pope say?")
    assert answer.found and answer.quotes[0].speaker == "Leo XIV"
    assert answer.note is not None and answer.note.startswith(
        "Several people match “the Pope” (Leo XIV, Francis); this answer is about Leo XIV."
    )
    # on a topic neither spoke of, the holder is the one said to have said nothing of it
    immigrants = answerer.answer("What did the Pope say about immigrants?")
    assert not immigrants.found and not immigrants.quotes
    assert "this answer is about Leo XIV. No statement by Leo XIV" in immigrants.text
    # a topic one of them spoke of still decides
    peace = answerer.answer("What did the Pope say about peace?")
    assert peace.quotes[0].speaker == "Francis"
    # and a past moment, the holder then
    then = answerer.answer("What did the Pope say?", now=date(2024, 12, 31))
    assert then.quotes[0].speaker == "Francis"


def test_a_name_written_as_a_run_of_anothers_words_or_misspelled_is_that_person():
    from bot.answer import _same_person

    assert _same_person("Trump", "Donald Trump") and _same_person("Leo", "Leo XIV")
    assert not _same_person("Donald Trump", "Donald Trump")
    assert not _same_person("Leon", "Leo XIV") and not _same_person("Don", "Donald Trump")
    # a middle initial more or less ("Several people match “Donald Trump” (Donald Trump, Donald
    # J. Trump)")
    assert _same_person("Donald J. Trump", "Donald Trump")
    assert _same_person("Donald Trump", "Donald J Trump")
    assert not _same_person("Donald J. Trump", "Donald Trump Jr.")
    # a misspelling of the surname ("Who is the White House press secretary?" noted "Karoline
    # Levitt" beside Karoline Leavitt); another first name, or another surname, is another person
    assert _same_person("Karoline Levitt", "Karoline Leavitt")
    assert not _same_person("Mike Carney", "Mark Carney")
    assert not _same_person("John Kerry", "John Kelly")


def test_an_office_nobody_holds_is_not_answered_by_sentences_naming_no_such_office(
    tmp_path, fake_embedder
):
    rows = [
        ("awards", "Gotham Awards", "The film Sinners won best picture at the Gotham Awards."),
        ("fair", "Springfield fair", "The mayor of Springfield opened the county fair on Monday."),
        ("gotham", "Gotham budget", "The Gotham council passed a budget for new parks on Friday."),
    ]
    answerer = corpus_answerer(tmp_path, fake_embedder, rows)
    answer = answerer.answer("Who is the mayor of Gotham?")
    assert not answer.found and answer.citations == ()
    # asked as chat asks it ("Any idea who the mayor of Missoula, Montana is at the moment?"
    # was led "KECI-TV" from a sentence naming Missoula and no mayor: offtopic-fresh39)
    answer = answerer.answer("Any idea who the mayor of Gotham is at the moment?")
    assert not answer.found and answer.citations == ()
    # the office a sentence names in full is answered from it
    springfield = answerer.answer("Who is the mayor of Springfield?")
    assert springfield.found and springfield.citations[0].article_id == "fair"


def test_an_offices_names_may_be_in_the_article_of_the_sentence_naming_its_role(
    tmp_path, fake_embedder
):
    # "Who's the CEO of the coalition trying to bring the Winter Olympics to Reno-Tahoe?" was
    # refused: the sentence naming the CEO calls them the Winter "Games"; its article names the
    # Olympics
    bid = (
        "Gotham wants to host the Winter Olympics in 2034. Jane Roe, the Gotham Winter Games "
        "Coalition's chief executive and CEO, said the bid was strong."
    )
    rows = [
        ("bid", "Gotham bids for the Winter Olympics", bid),
        ("fair", "Springfield fair", "The mayor of Springfield opened the county fair on Monday."),
    ]
    answerer = corpus_answerer(tmp_path, fake_embedder, rows)
    answer = answerer.answer(
        "Who is the CEO of the coalition bringing the Winter Olympics to Gotham?"
    )
    assert answer.found and answer.citations[0].article_id == "bid"
    assert "Jane Roe" in answer.text
    # a role's sentence in an article naming another place is still no answer
    answer = answerer.answer("Who is the mayor of Gotham?")
    assert not answer.found and answer.citations == ()
