import pytest

from bot.models import Conversation
from bot.question import looks_like_follow_up, parse_question, plain_question
from index.quotes.lexicon import QUESTION_SPEECH_VERBS


@pytest.mark.parametrize(
    ("question", "speaker", "topic"),
    [
        ("What did Peskov say?", "Peskov", None),
        ("What's Peskov been saying?", "Peskov", None),
        ("What is the Kremlin saying about the troops?", "the Kremlin", "the troops"),
        ("what has Lavrov been telling reporters?", "Lavrov", None),
        ("What did Lavrov say about Trump?", "Lavrov", "Trump"),
        # where or when they spoke is a topic too
        ("What did the judge say in the Diddy trial?", "the judge", "the Diddy trial"),
        ("What did Elizabeth Holmes say at her sentencing?", "Elizabeth Holmes", "her sentencing"),
        ("What did Macron say during the summit?", "Macron", "the summit"),
        ("What did Peskov say in an interview?", "Peskov", None),
        (
            "what did the Kremlin spokesman tell reporters about the troops?",
            "the Kremlin spokesman",
            "the troops",
        ),
        (
            "What did Trump claim about Russian troops in Venezuela?",
            "Trump",
            "Russian troops in Venezuela",
        ),
        ("How did the Kremlin react?", "the Kremlin", None),
        ("What was Lavrov's reaction to the report?", "Lavrov", "the report"),
        ("What has Rostek denied?", "Rostek", None),
        ("Did Maduro comment on the deployment?", "Maduro", "the deployment"),
        ("What did the Kremlin spokesman say about X?", "the Kremlin spokesman", "X"),
        ("What did Peskov tell reporters?", "Peskov", None),
        ("How did Rostek react to the report?", "Rostek", "the report"),
        ("What was Lavrov's reaction?", "Lavrov", None),
        ("What was the White House response to the ruling?", "the White House", "the ruling"),
        (
            # "States" is a capitalised word of the name, not the verb
            "What did United States Citizenship and Immigration Services say?",
            "United States Citizenship and Immigration Services",
            None,
        ),
        ("Did Peskov deny the report?", "Peskov", None),
        ("What did the Washington Post say?", "the Washington Post", None),
        ("What Did Peskov Say?", "Peskov", None),
        ("What did the mayor of Gotham say about the flood?", "the mayor of Gotham", "the flood"),
        # a relative clause about the person is no part of the name
        (
            "What did Jim Whelan, who represents Atlantic City, say about the casinos?",
            "Jim Whelan",
            "the casinos",
        ),
        ("What did Jim Whelan who served as its mayor for many years say?", "Jim Whelan", None),
        ("What did voters who watched the debate say?", "voters who watched the debate", None),
        # a question verb inside the name ("state") never leaves it ending in "and" or "the"
        ("What did the state say about the flood?", "the state", "the flood"),
        (
            "What did Todd Rokita and state House Speaker Brian Bosma say?",
            "Todd Rokita and state House Speaker Brian Bosma",
            None,
        ),
        ("What did state Sen. Jane Doe say?", "state Sen. Jane Doe", None),
        ("What did the F.A.A say?", "the F.A.A", None),
        # a word stressing who spoke is no part of the name
        ("What did Sanders himself say?", "Sanders", None),
        ("What Did Sanders Himself Say?", "Sanders", None),
        ("What did Clinton herself say about the emails?", "Clinton", "the emails"),
        ("What did the Kremlin itself say?", "the Kremlin", None),
        ("What did Rubio and Bush both say?", "Rubio and Bush", None),
        ("What did Merkley, Brown and Menendez all say?", "Merkley, Brown and Menendez", None),
        ("What did the senators themselves say?", "the senators", None),
        # ... but a capitalised word is the name's own ("Arts for All")
        ("What did Arts for All say?", "Arts for All", None),
        # what someone meant: in the past, or "by" what they said
        ("What did Trump mean by that?", "Trump", None),
        ("What did Trump mean?", "Trump", None),
        ("What does Peskov mean by escalation?", "Peskov", None),
        ("What is Stephen King writing?", "Stephen King", None),
    ],
)
def test_who_said_what_questions_give_the_speaker_and_topic(question, speaker, topic):
    q = parse_question(question)
    assert (q.kind, q.speaker, q.topic) == ("speaker", speaker, topic)


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("How many troops did Russia deploy to Venezuela in March?", "how_many"),
        ("Who did Trump urge to leave Venezuela?", "who"),
        ("When did the Kremlin deny the report?", "when"),
        ("Where are the Russian experts working?", "where"),
        ("Why did Russia send troops?", "why"),
        ("What happened with the troops in Venezuela?", "what"),
        ("What is the boiling point of tungsten?", "what"),
        ("How many troops are in Venezuela?", "how_many"),
        ("What is the weather in Moscow?", "what"),
        # what a word or a thing means (now, and not "by" something said) asks no speaker
        ("What does starboard mean on a boat?", "what"),
        ("What does MAGA mean?", "what"),
        ("what does the latin phrase carpe diem mean", "what"),
        ("What does the Fed's rate cut mean for mortgages?", "what"),
        ("What do the new tariffs mean for car prices?", "what"),
        # no name ends with a preposition: "an ellipsis in" is no one writing
        ("What is an ellipsis in writing?", "what"),
        ("What is a semicolon for in writing?", "what"),
    ],
)
def test_other_questions_get_their_answer_type(question, kind):
    q = parse_question(question)
    assert q.kind == kind and q.speaker is None


@pytest.mark.parametrize("verb", sorted(QUESTION_SPEECH_VERBS))
def test_every_question_verb_of_the_lexicon_asks_who_said_what(verb):
    q = parse_question(f"What did Peskov {verb} about the troops?")
    assert (q.kind, q.speaker, q.topic) == ("speaker", "Peskov", "the troops")


def test_keywords_drop_stop_words():
    assert parse_question("What is the boiling point of tungsten?").keywords == (
        "boiling",
        "point",
        "tungsten",
    )


def test_a_follow_up_speaker_question_keeps_the_earlier_topic():
    earlier = Conversation("What did Peskov say about the troops?", subject="the troops")
    q = parse_question("and what did Lavrov say?", earlier)
    assert (q.speaker, q.topic) == ("Lavrov", "the troops")
    assert "troops" in q.search_text
    assert q.topic_kept  # not asked: Lavrov's other statements still answer it
    asked = parse_question("and what did Lavrov say about the ships?", earlier)
    assert asked.topic == "the ships" and not asked.topic_kept


def test_a_pronoun_speaker_resolves_to_the_earlier_speaker():
    q = parse_question("What else did he say?", Conversation("What did Peskov say?"))
    assert q.speaker == "Peskov"


def test_a_pronoun_without_context_is_not_a_speaker():
    q = parse_question("What did he say?")
    assert q.speaker is None and q.kind == "what"


def test_a_named_reaction_is_a_thing_not_a_speakers_reaction():
    # "What is the Maillard reaction ...?" (offtopic-fresh36) was read as what "the Maillard"
    # said, and answered with the statements of a Sonya Mallard
    q = parse_question("What is the Maillard reaction, and why does it make steak taste better?")
    assert q.speaker is None and q.kind == "what"


def test_a_follow_up_general_question_searches_with_the_earlier_subject():
    q = parse_question("and why?", Conversation("troops in Venezuela", subject="venezuela troops"))
    assert "venezuela troops" in q.search_text


@pytest.mark.parametrize(
    ("question", "expected"),
    [("and Lavrov?", True), ("What else did he say?", True), ("Who won the election?", False)],
)
def test_follow_up_detection(question, expected):
    assert looks_like_follow_up(question) is expected


@pytest.mark.parametrize(
    ("typed", "plain"),
    [
        ("What did **Peskov** say?", "What did Peskov say?"),
        ("What did _Peskov_ say?", "What did Peskov say?"),
        ("What did *Peskov* say?", "What did Peskov say?"),
        ("What did __Peskov__ say?", "What did Peskov say?"),
        ("What did ***Peskov*** say?", "What did Peskov say?"),
        ("What did **_Peskov_** say?", "What did Peskov say?"),
        ("What did ||Peskov|| say?", "What did Peskov say?"),
        ("What did `Peskov` say?", "What did Peskov say?"),
        ("What did <b>Peskov</b> say?", "What did Peskov say?"),
        ("What should you <em>not</em> wear?", "What should you not wear?"),
        ("the &quot;letter&quot; &amp; the troops", 'the "letter" & the troops'),
        ("What did the *New York Times* report?", "What did the New York Times report?"),
        # Not formatting: left as typed.
        ("Is 3 * 4 = 12?", "Is 3 * 4 = 12?"),
        ("what is snake_case_name?", "what is snake_case_name?"),
        ("rate of 5*3*2", "rate of 5*3*2"),
        ("is a < b and c > d?", "is a < b and c > d?"),
        ("AT&T profits?", "AT&T profits?"),
        ("x_1 and y_2", "x_1 and y_2"),
    ],
)
def test_chat_markdown_and_inline_html_are_formatting_not_words(typed, plain):
    assert plain_question(typed) == plain


@pytest.mark.parametrize("typed", ["What did _Peskov_ say?", "What did <b>Peskov</b> say?"])
def test_a_formatted_name_is_still_the_asked_speaker(typed):
    q = parse_question(typed)
    assert (q.kind, q.speaker, q.text) == ("speaker", "Peskov", "What did Peskov say?")


@pytest.mark.parametrize(
    ("phrase", "people"),
    [
        ("Sanders and Clinton", ["Sanders", "Clinton"]),
        ("Peskov, Lavrov and Trump", ["Peskov", "Lavrov", "Trump"]),
        ("the mayor of Gotham and Gov. Greg Abbott", ["the mayor of Gotham", "Gov. Greg Abbott"]),
        # a town's state or country after its comma is where it is, nobody listed ("What has
        # the mayor of Alamogordo, New Mexico said ...?" answered what "New Mexico said")
        ("the mayor of Alamogordo, New Mexico", []),
        ("the mayor of Lyon, France and Macron", ["the mayor of Lyon, France", "Macron"]),
        ("the mayor of Gotham, Mexico and Canada", ["the mayor of Gotham, Mexico", "Canada"]),
        ("Trump, Mexico and Canada", ["Trump", "Mexico", "Canada"]),
        # one group, or one person described: not a list of people
        ("Sanders and his top aides", []),
        ("Netanyahu and other right-wing Israeli leaders", []),
        ("Bolton and Gorka's analysis", []),
        ("Peter Orszag, Obama's former budget director", []),
        ("Bush and his rivals for the Republican presidential nomination", []),
        ("Peskov", []),
        # typed all in lower case, as chat often is: names without their capitals
        ("trump and putin", ["trump", "putin"]),
        ("peskov, lavrov and dmitry medvedev", ["peskov", "lavrov", "dmitry medvedev"]),
        ("sanders and his top aides", []),
        ("netanyahu and other leaders", []),
        # one capital says the writer capitalises: "his aides" is then no name
        ("Sanders and aides", []),
    ],
)
def test_the_people_a_speaker_phrase_lists(phrase, people):
    from bot.question import listed_people

    assert listed_people(phrase) == people


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Quién ganó la Serie Mundial?", "Spanish"),
        ("Qu'a dit Macron sur l'Ukraine?", "French"),
        ("O que disse Lula sobre o Brasil?", "Portuguese"),
        ("Cosa ha detto Meloni sul governo?", "Italian"),
        # English, names from other languages, and one foreign word are not enough
        ("What did de Blasio say about la Liga?", None),
        ("Que Sera Sera", None),
        ("Who is Jose de la Cruz?", None),
    ],
)
def test_the_language_of_a_question_not_in_english(question, language):
    from bot.question import question_language

    assert question_language(question) == language
