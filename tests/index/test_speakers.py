"""Speaker lookup: by name, surname, role; several matches; topic re-ranking; article filter."""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest

from index.models import Statement
from index.quotes import extract_statements
from index.speakers import SpeakerIndex, _Asked
from tests.index.quotes.helpers import article, seed_article


@pytest.fixture(scope="module")
def seed_index() -> SpeakerIndex:
    return SpeakerIndex(extract_statements(seed_article()))


_offsets = itertools.count(0, 1000)


def st(speaker: str, text: str, article_id: str = "a1", role: str | None = None) -> Statement:
    """A statement at a fresh offset: later calls sit later in the (fake) article."""
    start = next(_offsets)
    return Statement(
        speaker=speaker,
        text=text,
        start=start,
        end=start + len(text),
        article_id=article_id,
        role=role,
        aliases=(speaker, speaker.split()[-1], *((role,) if role else ())),
        cue="said",
    )


def texts(index: SpeakerIndex, name: str, **kw: object) -> list[str]:
    matches = index.lookup(name, **kw)  # type: ignore[arg-type]
    return [s.text for s in matches[0].statements] if matches else []


def test_seed_peskov_by_surname(seed_index: SpeakerIndex) -> None:
    (match,) = seed_index.lookup("Peskov")
    assert match.speaker == "Dmitry Peskov"
    assert match.role == "Kremlin spokesman"
    joined = " | ".join(s.text for s in match.statements)
    for phrase in ("no official letter", "maintenance of equipment", "in accordance with a plan"):
        assert phrase in joined


def test_seed_rostek_includes_the_she_said_statement(seed_index: SpeakerIndex) -> None:
    joined = " | ".join(texts(seed_index, "Rostek"))
    assert "repair and maintain" in joined
    assert "has not changed for several years" in joined


def test_seed_lavrov_about_trump_puts_the_wall_street_journal_first(
    seed_index: SpeakerIndex,
) -> None:
    first = texts(seed_index, "Lavrov", topic="Trump")[0]
    assert "Wall Street Journal" in first
    # without the topic, text order decides: the "shock" statement comes first
    assert "Wall Street Journal" not in texts(seed_index, "Lavrov")[0]


@pytest.mark.parametrize(
    ("asked", "speaker"),
    [
        ("the Kremlin spokesman", "Dmitry Peskov"),
        ("Kremlin Spokesman", "Dmitry Peskov"),
        ("the Russian foreign minister", "Sergei Lavrov"),
        ("Dmitry Peskov", "Dmitry Peskov"),
        ("Mr. Peskov's", "Dmitry Peskov"),
        ("President Trump", "Donald Trump"),
        ("the Kremlin", "Kremlin"),
    ],
)
def test_seed_lookup_by_role_title_and_possessive(
    seed_index: SpeakerIndex, asked: str, speaker: str
) -> None:
    matches = seed_index.lookup(asked)
    assert matches and matches[0].speaker == speaker


def test_seed_trump_statement(seed_index: SpeakerIndex) -> None:
    assert any("withdrew most of their troops" in t for t in texts(seed_index, "Trump"))


def test_unknown_speaker_gives_no_match(seed_index: SpeakerIndex) -> None:
    assert seed_index.lookup("Angela Merkel") == []
    assert seed_index.lookup("") == []


def test_several_people_with_one_surname_are_all_returned_best_first() -> None:
    index = SpeakerIndex(
        [
            st("Donald Trump", "We will build the wall and make it great.", "a1"),
            st("Donald Trump", "The polls are rigged against me, believe me.", "a2"),
            st("Ivanka Trump", "My father supports paid family leave for mothers.", "a3"),
        ]
    )
    matches = index.lookup("Trump")
    assert [m.speaker for m in matches] == ["Donald Trump", "Ivanka Trump"]
    assert len(matches[0].statements) == 2
    # a first name picks one of them and beats the surname-only match
    assert [m.speaker for m in index.lookup("Ivanka Trump")] == ["Ivanka Trump"]


def test_surname_only_speaker_folds_into_the_single_full_name() -> None:
    index = SpeakerIndex(
        [
            st("Sergei Lavrov", "The sanctions will not change our position at all.", "a1"),
            st("Lavrov", "We have never interfered in any election anywhere.", "a2"),
        ]
    )
    (match,) = index.lookup("Lavrov")
    assert match.speaker == "Sergei Lavrov"
    assert len(match.statements) == 2


def test_a_pope_or_king_known_by_one_name_is_nobody_of_that_surname() -> None:
    # "What did Pope Leo say?" answered "Avery Leo (Pope) said:": the pope's statements were
    # filed under the one full name ending in "Leo"
    index = SpeakerIndex(
        [
            st("Avery Leo", "I would take a different route to get home tonight.", "a1"),
            st("Leo", "Every member of the community must stop the war.", "a2", role="Pope"),
            st("Charles", "We will remember their service with gratitude.", "a3", role="King"),
            st("Ray Charles", "The piano was the only friend I had for years.", "a4"),
        ]
    )
    pope = index.lookup("Pope Leo")[0]
    assert (pope.speaker, pope.role) == ("Leo", "Pope")
    assert [s.text for s in pope.statements] == ["Every member of the community must stop the war."]
    assert index.lookup("Avery Leo")[0].statements[0].text.startswith("I would take")
    assert index.lookup("King Charles")[0].speaker == "Charles"


def test_among_equal_matches_the_one_who_spoke_of_the_topic_comes_first() -> None:
    # "What did the judge say in the Diddy trial?" answered with a judge in Ohio, quoted more
    index = SpeakerIndex(
        [
            st("Mira Holt", "The motion for a mistrial is denied.", "a1", role="Judge"),
            st("Mira Holt", "Closing arguments will begin on Monday.", "a2", role="Judge"),
            st(
                "Arun Sabo",
                "The jurors in the Diddy trial must not read the news.",
                "a3",
                role="Judge",
            ),
        ]
    )
    assert index.lookup("the judge")[0].speaker == "Mira Holt"  # quoted most
    diddy = index.lookup("the judge", topic="the Diddy trial")
    assert [m.speaker for m in diddy] == ["Arun Sabo", "Mira Holt"]
    assert diddy[0].on_topic and diddy[1].on_topic is False
    # a word starting alike speaks of the topic ("will begin" of "the beginning"), where
    # `_stem` leaves them apart
    assert index.lookup("Mira Holt", topic="the beginning")[0].on_topic
    assert index.lookup("Mira Holt", topic="the weather")[0].on_topic is False


def test_spellings_of_one_name_are_one_speaker() -> None:
    # articles spell an agency "F.B.I." or "FBI", and title a senator or not: one speaker each,
    # known by the spelling most statements use, so no answer calls the other a second match
    index = SpeakerIndex(
        [
            st("F.B.I.", "The director found no evidence of intent to break the law.", "a1"),
            st("FBI", "Agents will review the new emails as quickly as they can.", "a2"),
            st("FBI", "The bureau does not comment on ongoing investigations.", "a3"),
            st("Sen. Ada Quill", "The harbour bill will pass before the recess.", "a4"),
            st("Ada Quill", "We have the votes for the harbour bill today.", "a5"),
        ]
    )
    (fbi,) = index.lookup("F.B.I.")
    assert fbi.speaker == "FBI"
    assert len(fbi.statements) == 3
    assert [m.speaker for m in index.lookup("FBI")] == ["FBI"]
    (quill,) = index.lookup("Quill")
    assert len(quill.statements) == 2


def test_a_surname_only_speaker_does_not_outrank_the_full_names_that_share_it() -> None:
    # "Marlow" unresolved in one article, two full-named Marlows elsewhere: asked "Marlow",
    # the bare surname is no exact match for anyone in particular; the best-known comes first.
    index = SpeakerIndex(
        [
            st("Marlow", "The bridge tolls will rise again next spring.", "a1"),
            st("Edith Marlow", "Our schools need more teachers in every district.", "a2"),
            st("Edith Marlow", "The budget must fund classrooms before stadiums.", "a3"),
            st("Peter Marlow", "The harbour will reopen once the dredging is done.", "a4"),
        ]
    )
    matches = index.lookup("Marlow")
    assert matches[0].speaker == "Edith Marlow"
    assert {m.speaker for m in matches} == {"Marlow", "Edith Marlow", "Peter Marlow"}


def test_topic_reranks_by_lexical_relevance() -> None:
    index = SpeakerIndex(
        [
            st("Anna Berg", "The harvest was the best in ten years for our farmers."),
            st("Anna Berg", "Tariffs on steel will hurt every exporter in the region."),
        ]
    )
    assert "Tariffs" in texts(index, "Berg", topic="steel tariffs")[0]
    assert "harvest" in texts(index, "Berg", topic="the harvest")[0]


def test_article_ids_restrict_the_statements() -> None:
    index = SpeakerIndex(
        [
            st("Anna Berg", "The harvest was the best in ten years for our farmers.", "a1"),
            st("Anna Berg", "Tariffs on steel will hurt every exporter in the region.", "a2"),
        ]
    )
    assert texts(index, "Anna Berg", article_ids={"a2"}) == [
        "Tariffs on steel will hurt every exporter in the region."
    ]
    assert index.lookup("Anna Berg", article_ids=set()) == []


def test_limit_caps_statements_per_match() -> None:
    index = SpeakerIndex(
        [st("Anna Berg", f"Statement number {i} about the budget and taxes.") for i in range(9)]
    )
    assert len(index.lookup("Berg", limit=4)[0].statements) == 4


def test_a_few_statements_cover_several_articles_before_a_second_from_any() -> None:
    # three statements in the first article, one in each of two others: asked for three,
    # the answer takes the first of each article rather than all three of the first
    index = SpeakerIndex(
        [
            st("Anna Berg", "The harvest was the best in ten years for our farmers.", "a1"),
            st("Anna Berg", "Our farmers sold more grain abroad than ever before.", "a1"),
            st("Anna Berg", "The new silos will be finished by the autumn.", "a1"),
            st("Anna Berg", "Tariffs on steel will hurt every exporter in the region.", "a2"),
            st("Anna Berg", "The rail link to the port must be built this decade.", "a3"),
        ]
    )
    assert [s.article_id for s in index.lookup("Anna Berg", limit=3)[0].statements] == [
        "a1",
        "a2",
        "a3",
    ]
    # the rest follow in text order
    assert [s.article_id for s in index.lookup("Anna Berg")[0].statements] == [
        "a1",
        "a2",
        "a3",
        "a1",
        "a1",
    ]


def test_among_first_statements_what_was_said_comes_before_a_coloured_cue() -> None:
    # "(blasted) Shuster for cavorting with a lobbyist" is the reporter's account; "said ..."
    # the speaker's own words: with one statement to show from each of two articles, the
    # said one leads, and the account follows
    blasted = replace(
        st("Anna Berg", "the minister for cavorting with a lobbyist at the harbour", "a1"),
        cue="blasted",
    )
    said = st("Anna Berg", "The rail link to the port must be built this decade.", "a2")
    index = SpeakerIndex([blasted, said])
    assert [s.cue for s in index.lookup("Anna Berg")[0].statements] == ["said", "blasted"]
    # the first of each article still comes before a second "said" from any
    again = st("Anna Berg", "The silos will be finished by the autumn, whatever it costs.", "a2")
    index = SpeakerIndex([blasted, said, again])
    assert [s.text for s in index.lookup("Anna Berg")[0].statements] == [
        said.text,
        blasted.text,
        again.text,
    ]


def test_substantial_statements_come_before_fragments() -> None:
    index = SpeakerIndex(
        [
            st("Anna Berg", "a real disgrace"),
            st("Anna Berg", "The budget will be balanced by the end of next year."),
        ]
    )
    assert texts(index, "Berg")[0].startswith("The budget")


def test_index_over_extracted_statements_of_several_articles() -> None:
    a1 = article('"Our schools need more money this year," Mayor Ann Cole said.', id="a1")
    a2 = article("Ann Cole told reporters that the budget would pass by June.", id="a2")
    index = SpeakerIndex([*extract_statements(a1), *extract_statements(a2)])
    (match,) = index.lookup("Mayor Cole")
    assert {s.article_id for s in match.statements} == {"a1", "a2"}
    assert match.role == "Mayor"


def test_a_qualified_role_must_match_its_qualifier() -> None:
    index = SpeakerIndex(
        [
            st("Jane Roe", "The flood was the worst in a century here.", role="Mayor of Gotham"),
            st("Bob Stone", "The budget will be balanced next year.", role="Mayor"),
            st("CEO", "Our profits rose by a third this quarter."),
        ]
    )
    assert [m.speaker for m in index.lookup("the mayor of Gotham")] == ["Jane Roe"]
    assert index.lookup("the mayor of Metropolis") == []
    assert index.lookup("the CEO of Acme Widgets") == []  # "CEO" is a role, not a name


@pytest.mark.parametrize(
    ("asked", "role"),
    [
        ("the head coach of the Springfield Atoms", "England head coach"),
        ("the superintendent of Hill Valley schools", "schools superintendent"),
        ("the editor of the Daily Planet", "editor"),
    ],
)
def test_a_qualified_role_of_a_team_school_or_paper_must_match_its_qualifier(
    asked: str, role: str
) -> None:
    # "What did the head coach of the Springfield Atoms say?" listed England's head coach,
    # quoted in one article under her role with its country and in another without it
    words = role.split()
    alone = " ".join(words[-2:] if role.endswith("head coach") else words[-1:]).capitalize()
    index = SpeakerIndex(
        [
            st("Sarina Wiegman", "The squad is ready for the final.", role=role),
            st("Sarina Wiegman", "We have worked hard all year.", article_id="a2", role=alone),
        ]
    )
    assert [m.speaker for m in index.lookup("Sarina Wiegman")] == ["Sarina Wiegman"]
    assert index.lookup(asked) == []


def test_a_role_asked_with_the_is_no_surname() -> None:
    # "the Pope" named "Lizzy Pope" and "Amanda Pope" among the people it matches, beside the
    # Pope: after "the", a role word is the role, not a surname
    index = SpeakerIndex(
        [
            st("Francis", "Protect our common home.", role="Pope"),
            st("Lizzy Pope", "Our school lunches are healthier now.", role="nutrition director"),
            st("Stephen King", "I write every day.", role="author"),
        ]
    )
    assert [m.speaker for m in index.lookup("the Pope")] == ["Francis"]
    assert [m.speaker for m in index.lookup("the king")] == []
    # asked without "the", the word may still be a surname
    assert "Lizzy Pope" in [m.speaker for m in index.lookup("Pope")]
    assert [m.speaker for m in index.lookup("King")] == ["Stephen King"]


def test_an_office_is_not_the_officeholder() -> None:
    # "the Secretary of State" listed the speaker "Office" ("the Secretary of State’s Office
    # said"): a role written as a possessive is the speaker's owner, not the speaker's role
    index = SpeakerIndex(
        [
            st("Marco Rubio", "We sent rescue teams to the Caribbean.", role="Secretary of State"),
            st("Office", "There is no investigation.", role="Secretary of State’s"),
            st("Office", "Teams continue to search.", role="Sheriff's"),
        ]
    )
    assert [m.speaker for m in index.lookup("the Secretary of State")] == ["Marco Rubio"]
    assert index.lookup("the sheriff") == []


@pytest.mark.parametrize(
    ("asked", "role"),
    [
        ("the prime minister of Canada", "Canadian Prime Minister"),
        ("the president of Ukraine", "Ukrainian President"),
        ("the chancellor of Germany", "German Chancellor"),
        ("the president of France", "French President"),
        ("the prime minister of Britain", "British Prime Minister"),
        ("the president of the United States", "U.S. President"),
        ("the president of the United States", "American President"),
        ("the president of the U.S.", "US President"),
        ("the prime minister of the United Kingdom", "UK Prime Minister"),
    ],
)
def test_a_country_qualifies_a_role_written_with_its_nationality(asked: str, role: str) -> None:
    # "the prime minister of Canada" found nobody: "Canadian" is no longer form of "Canada"
    index = SpeakerIndex(
        [
            st("Jo Leader", "Tariffs will be answered.", role=role),
            st("Al Other", "The budget passed.", role="Prime Minister of Japan"),
        ]
    )
    assert [m.speaker for m in index.lookup(asked)] == ["Jo Leader"]
    assert index.lookup(asked.rsplit(" ", 1)[0] + " of Portugal") == []


def test_a_deputy_does_not_hold_the_office_asked() -> None:
    # "the governor of Texas" listed the lieutenant governor beside the governor
    index = SpeakerIndex(
        [
            st("Greg Abbott", "State agencies are responding to the floods.", role="Texas Gov."),
            st("Dan Patrick", "The Senate will meet in special session.", role="Texas Lt. Gov."),
            st("Jo Vance", "The agency will review the rule.", role="Deputy Mayor of Houston"),
        ]
    )
    assert [m.speaker for m in index.lookup("the governor of Texas")] == ["Greg Abbott"]
    assert [m.speaker for m in index.lookup("the lieutenant governor of Texas")] == ["Dan Patrick"]
    assert index.lookup("the mayor of Houston") == []
    assert [m.speaker for m in index.lookup("the deputy mayor of Houston")] == ["Jo Vance"]


def test_among_equal_holders_of_a_role_the_one_most_often_called_it_comes_first() -> None:
    # "the Vice President" answered for Joe Biden, a former vice president quoted more often
    # than the one the articles call "Vice President" most
    index = SpeakerIndex(
        [
            *(st("Joe Biden", f"We will finish the job {i}.", role="President") for i in range(5)),
            st("Joe Biden", "I will be there.", role="Vice President"),
            *(st("JD Vance", f"The border is safe {i}.", role="Vice President") for i in range(3)),
        ]
    )
    assert [m.speaker for m in index.lookup("the Vice President")][:1] == ["JD Vance"]
    assert [m.speaker for m in index.lookup("the president")][:1] == ["Joe Biden"]


def test_an_elected_role_is_a_role() -> None:
    # "the mayor-elect of New York" was answered for a speaker "New York" ("New York said"):
    # "mayor-elect" was no role, so the words after "of" were read as a name
    index = SpeakerIndex(
        [
            st("New York", "The state will appeal the ruling."),
            st("Zohran Mamdani", "We will freeze the rent.", role="New York City Mayor-elect"),
        ]
    )
    assert [m.speaker for m in index.lookup("the mayor-elect of New York")] == ["Zohran Mamdani"]
    assert [m.speaker for m in index.lookup("the governor-elect of Virginia")] == []


def test_the_qualifier_of_a_role_is_no_surname() -> None:
    # "the CEO of Nvidia" listed the company among the people matching it: the asked phrase's
    # last word was read as a surname and the speaker "Nvidia" ("Nvidia said in a statement")
    # as a person known by surname only; "the governor of Texas" listed "Texas" the same way
    index = SpeakerIndex(
        [
            st("Jensen Huang", "Our chips will be made in the United States.", role="Nvidia CEO"),
            st("Nvidia", "The company will comply with the new export rules."),
            st("Greg Abbott", "State agencies are responding to the floods.", role="Texas Gov."),
            st("Texas", "The state will appeal the ruling to the Supreme Court."),
        ]
    )
    assert [m.speaker for m in index.lookup("the CEO of Nvidia")] == ["Jensen Huang"]
    assert [m.speaker for m in index.lookup("the governor of Texas")] == ["Greg Abbott"]
    # asked by its own name, the organisation still answers
    assert [m.speaker for m in index.lookup("Nvidia")][:1] == ["Nvidia"]


def test_a_role_written_with_a_place_is_no_name_for_that_place() -> None:
    # "the governor of California" was answered with a congressman's statements: his role
    # "Democratic Rep. of California" without its titles left the alias "of California", and
    # the asked phrase without its titles was "of California" too, an alias match (0.95)
    # above the governor's own role (0.9)
    index = SpeakerIndex(
        [
            st(
                "John Garamendi",
                "Our relations with Russia are nonexistent.",
                role="Democratic Rep. of California",
            ),
            st("Gavin Newsom", "There is no fire season, it's fire year.", role="California Gov."),
        ]
    )
    assert [m.speaker for m in index.lookup("the governor of California")] == ["Gavin Newsom"]
    assert [m.speaker for m in index.lookup("the representative of California")] == [
        "John Garamendi"
    ]


@pytest.mark.parametrize(
    "asked", ["Gotham's mayor", "the Acme Widgets CEO's deputy", "Acme Widgets' CEO"]
)
def test_a_role_qualified_by_a_possessive_must_match_it_too(asked: str) -> None:
    index = SpeakerIndex(
        [
            st("Jane Roe", "The flood was the worst in a century here.", role="Mayor of Gotham"),
            st("Bob Stone", "The budget will be balanced next year.", role="Mayor"),
            st("Ann Lee", "Our profits rose by a third this quarter.", role="Globex CEO"),
        ]
    )
    found = [m.speaker for m in index.lookup(asked)]
    assert found == (["Jane Roe"] if asked.startswith("Gotham") else [])
    assert [m.speaker for m in index.lookup("Metropolis's mayor")] == []


def test_another_organisations_role_does_not_answer_a_possessive_one() -> None:
    # "Podesta Group's CEO" was answered with the statements of "the former CEO of
    # Hewlett-Packard": the possessive was dropped and "CEO" alone matched
    a1 = article(
        "“Our profits rose by a third this quarter, and they will rise again,” the former CEO "
        "of Globex added on Monday."
    )
    index = SpeakerIndex(extract_statements(a1))
    assert index.lookup("Acme Widgets' CEO") == []
    assert len(index.lookup("Globex's CEO")) == 1
    assert len(index.lookup("the CEO of Globex")) == 1
    # the role written before the name in apposition qualifies the person it names
    a2 = article("The Acme Widgets CEO's deputy, Kim Fritts, said the two firms had agreed.")
    a3 = article("Globex's CEO, Kim Fritts, said the two firms had agreed to merge by June.")
    index = SpeakerIndex(extract_statements(a3))
    assert [m.speaker for m in index.lookup("Globex's CEO")] == ["Kim Fritts"]
    assert [m.speaker for m in index.lookup("the CEO of Globex")] == ["Kim Fritts"]
    assert SpeakerIndex(extract_statements(a2)).lookup("Globex's CEO") == []


def test_a_name_suffix_is_not_the_surname() -> None:
    index = SpeakerIndex(
        [st("Joseph R. Biden Jr.", "The economy is growing faster than expected.")]
    )
    assert [m.speaker for m in index.lookup("Biden")] == ["Joseph R. Biden Jr."]


def _every_speaker(index: SpeakerIndex, asked: object) -> list[object]:
    return list(index._speakers)


def test_a_lookup_scores_only_speakers_sharing_a_word_yet_finds_what_scoring_all_finds(
    seed_index: SpeakerIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The word index only saves work: every name, surname, alias, role and qualified role of
    the seed article's speakers (and words nobody has) gives the matches scoring every
    speaker gives, in the same order, topic re-ranking included."""
    index = SpeakerIndex(
        [
            *extract_statements(seed_article()),
            st("Jane Roe", "Gotham will rebuild the bridge by spring.", "a2", "Mayor of Gotham"),
            st("John Roe", "Metropolis opposes the bridge tolls entirely.", "a3", "mayor"),
        ]
    )
    asked = {"the mayor of Gotham", "the mayor", "Dmitry", "nobody at all", "Glimmerholt"}
    for sp in index._speakers:
        asked.update([sp.name, sp.surname, *sp.aliases, *sp.roles])
    for name in sorted(asked):
        for topic in (None, "Trump", "the bridge"):
            pruned = index.lookup(name, topic=topic)
            with monkeypatch.context() as m:
                m.setattr(SpeakerIndex, "_candidates", _every_speaker)
                full = index.lookup(name, topic=topic)
            assert pruned == full, name
    assert len(index._candidates(_Asked.of("Peskov"))) < len(index._speakers)
    assert texts(index, "the mayor of Gotham") == ["Gotham will rebuild the bridge by spring."]


@pytest.mark.parametrize(
    "asked",
    [
        "Admiral Mike Mullen",
        "Rear Admiral Mike Mullen",
        "Colonel Mike Mullen",
        "Rabbi Mike Mullen",
        "Pastor Mike Mullen",
        "Archbishop Mike Mullen",
        "Magistrate Mike Mullen",
    ],
)
def test_military_clergy_and_judicial_titles_are_dropped_from_an_asked_name(asked: str) -> None:
    index = SpeakerIndex([st("Mike Mullen", "The alliance will hold firm through the winter.")])
    matches = index.lookup(asked)
    assert [m.speaker for m in matches] == ["Mike Mullen"]
    assert matches[0].score == 1.0


@pytest.mark.parametrize(
    "asked",
    [
        "Phil Musser of digital consulting firm IMGE",
        "political scientist Phil Musser in Almaty",
        "Phil Musser with the Heritage Foundation",
    ],
)
def test_a_name_before_a_lowercase_qualifier_is_the_asked_person(asked: str) -> None:
    index = SpeakerIndex(
        [
            st("Phil Musser", "The message resonates with a large chunk of voters."),
            st("Ann Imge", "Nothing about this race is settled yet, she said."),
        ]
    )
    assert [m.speaker for m in index.lookup(asked)] == ["Phil Musser"]


@pytest.mark.parametrize(
    "question",
    [
        "What did Jonas Brandt of the Lakeside Institute for Water Studies say?",
        "What did Lakeside Institute for Water and Soil Studies Executive Director Jonas Brandt "
        "say?",
    ],
)
def test_a_person_asked_with_a_long_affiliation_is_found(question: str) -> None:
    # Nine and eleven words: such names were read as sentences, not as a speaker to look up.
    from bot.question import parse_question

    a1 = article(
        "Jonas Brandt of the Lakeside Institute for Water Studies wrote that the dam was unsafe.",
    )
    index = SpeakerIndex(extract_statements(a1))
    q = parse_question(question)
    assert q.kind == "speaker"
    assert q.speaker is not None
    assert [m.speaker for m in index.lookup(q.speaker)] == ["Jonas Brandt"]


def test_a_group_is_found_by_its_names_and_answers_for_none_of_its_members_alone() -> None:
    index = SpeakerIndex(
        extract_statements(
            article(
                "Ann Lee and her attorneys have said the company would return in some form. "
                "Ann Lee said the case was a waste of everybody's time and money."
            )
        )
    )
    assert texts(index, "Ann Lee and her attorneys") == ["the company would return in some form"]
    # what she said with others is theirs together: asked alone, she has her own words
    assert texts(index, "Ann Lee") == ["the case was a waste of everybody's time and money"]


def test_a_group_asked_is_not_answered_by_whoever_has_its_last_name() -> None:
    index = SpeakerIndex([st("France", "the summit would go ahead as planned next week")])
    assert index.lookup("Britain and France") == []
    assert index.lookup("Ann Lee and her allies") == []
    assert texts(index, "France") == ["the summit would go ahead as planned next week"]


def test_an_organisation_asked_is_not_answered_by_another_with_the_same_head_word() -> None:
    index = SpeakerIndex([st("Democrat Party", "the vote had been fair and open to everyone")])
    # "Democratic" reads like a title ("Democratic Sen. Ann Lee"), but "Party" is no surname
    assert index.lookup("Ohio Democratic Party") == []
    assert texts(index, "Democrat Party") == ["the vote had been fair and open to everyone"]


def test_a_person_who_spoke_only_with_others_is_answered_with_what_they_said_together() -> None:
    index = SpeakerIndex(
        extract_statements(
            article(
                "Gwen Ifill and Judy Woodruff said the debate would be held in Milwaukee. "
                "Gwen Ifill said the questions would be about the economy and nothing else."
            )
        )
    )
    (match,) = index.lookup("Judy Woodruff")
    assert match.speaker == "Gwen Ifill and Judy Woodruff"
    assert [s.text for s in match.statements] == ["the debate would be held in Milwaukee"]
    # who also spoke alone is answered with their own words, the group not mixed in
    assert [m.speaker for m in index.lookup("Gwen Ifill")] == ["Gwen Ifill"]
    # a surname alone is too little to pick somebody out of a group
    assert index.lookup("Woodruff") == []


# -- offices: statements extracted from "the mayor of Gotham said" --


def office_index() -> SpeakerIndex:
    statements = []
    for i, text in enumerate(
        [
            "The mayor of Gotham said the flood barriers had held through the night.",
            "The mayor of Metropolis said the two cities would share the cost of the dam.",
            "Gotham Police Commissioner Jim Gordon said the streets were quiet again.",
            "The Governor of Gotham said the state would pay for the repairs this year.",
        ]
    ):
        statements += extract_statements(article(text, id=f"a{i}"))
    return SpeakerIndex(statements)


def test_an_office_is_found_by_its_qualifier_and_shown_without_a_repeated_role() -> None:
    index = office_index()
    (match,) = index.lookup("the mayor of Gotham")
    assert (match.speaker, match.role) == ("Mayor of Gotham", None)
    assert [s.text for s in match.statements] == ["the flood barriers had held through the night"]


def test_the_place_an_office_governs_says_nothing() -> None:
    assert [m.speaker for m in office_index().lookup("Gotham")] == []
    assert [m.speaker for m in office_index().lookup("Metropolis")] == []


def test_a_bare_role_finds_every_office_with_it() -> None:
    matches = office_index().lookup("the mayor")
    assert sorted(m.speaker for m in matches) == ["Mayor of Gotham", "Mayor of Metropolis"]


def test_an_abbreviated_title_is_the_office_it_stands_for() -> None:
    index = SpeakerIndex(
        extract_statements(
            article("Arcadia Gov. Greg Abbott said the border was secure and troops would come.")
        )
    )
    for asked in ["the Governor of Arcadia", "the governor", "Arcadia's governor"]:
        assert [m.speaker for m in index.lookup(asked)] == ["Greg Abbott"], asked


def test_a_title_asked_picks_the_person_who_holds_it_among_namesakes() -> None:
    index = SpeakerIndex(
        [
            st("Kamala Harris", "the campaign would visit every swing state this fall", "a1"),
            st("Kamala Harris", "the debate had gone well for the campaign overall", "a2"),
            st("Harry B. Harris", "the navy saw them as a professional force", "a3", "Admiral"),
        ]
    )
    assert index.lookup("Admiral Harris")[0].speaker == "Harry B. Harris"
    assert index.lookup("Adm. Harris")[0].speaker == "Harry B. Harris"
    # without a title the one with most statements comes first, as before
    assert index.lookup("Harris")[0].speaker == "Kamala Harris"


def test_a_title_nobody_of_the_surname_holds_marks_each_namesake() -> None:
    index = SpeakerIndex(
        [
            st("Brian Hook", "the talks would resume next month in Geneva", "a1", "envoy"),
            st("Harry B. Harris", "the navy saw them as a professional force", "a2", "Admiral"),
        ]
    )
    # "Captain Hook": matched by the surname, never called a captain
    assert [(m.speaker, m.title_unheld) for m in index.lookup("Captain Hook")] == [
        ("Brian Hook", True)
    ]
    assert index.lookup("Capt. Hook")[0].title_unheld
    # the title held, none asked, a courtesy title, or the full name asked: no mark
    assert not index.lookup("Admiral Harris")[0].title_unheld
    assert not index.lookup("Hook")[0].title_unheld
    assert not index.lookup("Mr. Hook")[0].title_unheld
    assert not index.lookup("Captain Brian Hook")[0].title_unheld


def test_a_group_somewhere_is_asked_by_its_name_not_folded_into_a_namesake() -> None:
    statements = extract_statements(
        article("Voters in Arcadia said the economy mattered most to them this year.", id="a1")
    ) + [st("Arcadia", "the state would pay for the new bridge next year", "a2")]
    index = SpeakerIndex(statements)
    (match,) = index.lookup("voters in Arcadia")
    assert match.speaker == "Voters in Arcadia"
    assert [s.text for s in match.statements] == ["the economy mattered most to them this year"]
    assert index.lookup("Arcadia")[0].speaker == "Arcadia"


def test_a_group_word_is_nobodys_surname() -> None:
    index = SpeakerIndex([st("Republicans", "they would support the nominee after all", "a1")])
    assert index.lookup("Gay Republicans") == []
    assert [m.speaker for m in index.lookup("Republicans")] == ["Republicans"]


def test_a_group_named_with_its_chamber_is_asked_by_that_name() -> None:
    index = SpeakerIndex(
        extract_statements(article("House Republicans said the bill would pass next week."))
    )
    assert [m.speaker for m in index.lookup("House Republicans")] == ["House Republicans"]


# --------------------------------------------------------------------------- typos


@pytest.mark.parametrize(
    ("typed", "respelled"),
    [
        ("Peskv", "Peskov"),  # a letter dropped
        ("Peskkov", "Peskov"),  # added
        ("Peskow", "Peskov"),  # changed
        ("peksov", "peskov"),  # two neighbours swapped; lower case stays lower case
        ("Paskav", None),  # two changes
        ("Xpeskox", None),  # a letter added and one changed: two typos
        ("Dmitri Peskov", "Dmitry Peskov"),
        ("Kremlin spokesman Peskoov", "Kremlin spokesman Peskov"),
        ("Peskov", None),  # nothing to respell
        ("Glimmerholt", None),  # no known word a typo away
        ("Perri", "Perry"),  # one letter from "Perry", two from "Kerry"
    ],
)
def test_an_unknown_word_is_respelled_as_the_one_known_word_a_typo_away(
    typed: str, respelled: str | None
) -> None:
    index = SpeakerIndex(
        [
            st("Dmitry Peskov", "no official letter", role="Kremlin spokesman"),
            st("Bob Perry", "the budget is fine"),
            st("Ann Kerry", "the budget is not fine"),
        ]
    )
    assert index.respell(typed) == respelled


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("Dmitri Peskov", "Dmitry Peskov"),  # a transliteration: the same person
        ("Mohamed Salah", "Mohammed Salah"),
        ("Dmitry Peskov", None),  # as quoted: nothing to read otherwise
        ("Mark Rubio", None),  # "Marco Rubio" is a different given name, maybe somebody else
        ("Mary Trump", None),  # "Mark Trump": the same
        ("Dmitri Medvedev", None),  # as quoted
        ("Sergei Lavrov", None),  # two people it could be: no guess
        ("Peskov", None),  # no given name
    ],
)
def test_another_spelling_of_a_given_name_reads_as_the_one_person_quoted(
    typed: str, read: str | None
) -> None:
    index = SpeakerIndex(
        [
            st("Dmitry Peskov", "no official letter", role="Kremlin spokesman"),
            st("Dmitri Medvedev", "the sanctions will fail"),  # "dmitri" is a known word
            st("Mohammed Salah", "we will win"),
            st("Marco Rubio", "Maduro must go", role="Secretary of State"),
            st("Mark Trump", "the budget is fine"),
            st("Sergey Lavrov", "the talks go on"),
            st("Sergiy Lavrov", "the talks are over"),
        ]
    )
    assert index.given_name_variant(typed) == read


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("Hillary", "Hillary Clinton"),  # the one person the news quotes with that given name
        ("Elon", "Elon Musk"),  # a given name the news uses often, beyond the commonest
        ("Bernie", "Bernie Sanders"),  # quoted far more often than the other Bernie
        ("Ted", None),  # two, quoted about as often: no guess
        ("Clinton", None),  # a surname: the lookup's, not a given name's
        ("Hillary Clinton", None),  # more than a given name
        ("Quill", None),  # nobody's given name
        ("Fox", None),  # no given name: the first word of a channel's name
        ("Wisconsin", None),  # nor of a description read as a name
    ],
)
def test_a_given_name_alone_reads_as_the_one_person_quoted_by_it(
    typed: str, read: str | None
) -> None:
    index = SpeakerIndex(
        [
            st("Hillary Clinton", "we are stronger together"),
            st("Hillary Clinton", "I will fight for you", "a2"),
            st("Bernie Sanders", "the system is rigged"),
            st("Bernie Sanders", "we need a political revolution", "a2"),
            st("Bernie Sanders", "health care is a right", "a3"),
            st("Bernie Madoff", "I am sorry"),
            st("Ted Cruz", "I will repeal it"),
            st("Ted Lieu", "the bill is wrong"),
            st("Jo Quill", "the river is rising"),
            st("Elon Musk", "the rocket will fly"),
            st("Fox News", "the emails held classified information"),
            st("Wisconsin Republican", "the checks are unconstitutional"),
        ]
    )
    assert index.given_name_alone(typed) == read
    if read is not None:
        assert index.called_by_given_name(typed)[0] == read
    assert index.called_by_given_name("Ted") == ["Ted Cruz", "Ted Lieu"]
    assert index.called_by_given_name("Fox") == []


def test_the_words_saying_who_a_speaker_is_are_no_topic_they_spoke_of() -> None:
    # "What did Bernie Sanders say about the maple syrup shortage in Vermont?" listed "Sanders,
    # a Vermont independent, told CNN ..." as on the topic
    index = SpeakerIndex(
        [
            st(
                "Bernie Sanders",
                "Sanders, a Vermont independent, said the bill fails",
                role="Vermont Sen.",
            )
        ]
    )
    assert (
        index.lookup("Bernie Sanders", topic="the syrup shortage in Vermont")[0].on_topic is False
    )
    assert index.lookup("Bernie Sanders", topic="the bill")[0].on_topic
    # a topic of their own words alone is still theirs to speak of
    assert index.lookup("Bernie Sanders", topic="Vermont")[0].on_topic


def test_a_name_going_on_from_a_persons_is_no_second_person_of_the_given_name() -> None:
    # "Several people called Oprah are quoted (Oprah Winfrey and Oprah Winfrey Network)"
    index = SpeakerIndex(
        [
            st("Ted Cruz", "I will repeal it"),
            st("Ted Cruz", "the border is open", "a2"),
            st("Ted Cruz Foundation", "the gala raised money"),
            st("Ted Lieu", "the bill is wrong"),
        ]
    )
    assert index.called_by_given_name("Ted") == ["Ted Cruz", "Ted Lieu"]
    alone = SpeakerIndex([st("Ted Cruz", "I will repeal it"), st("Ted Cruz Foundation", "a gala")])
    assert alone.given_name_alone("Ted") == "Ted Cruz"


def test_a_given_name_none_of_a_shared_surnames_people_has_matches_nobody() -> None:
    # "What did Mark Trump say?" was answered with the statements of a "Trump" left unresolved
    index = SpeakerIndex(
        [
            st("Donald Trump", "tariffs are great", role="President"),
            st("Melania Trump", "be best"),
            st("Trump", "we will win"),
            st("Jo Quill", "the river is rising"),
            st("Quill", "the levee holds"),  # merged: one full-named Quill
            st("Lee", "taxes will rise"),  # the surname alone, no full name known
        ]
    )
    assert index.lookup("Mark Trump") == []
    assert index.lookup("Donald Trump")[0].speaker == "Donald Trump"
    assert "Trump" in [m.speaker for m in index.lookup("Trump")]
    assert index.lookup("Jo Quill")[0].speaker == "Jo Quill"
    assert index.lookup("Ann Lee")[0].speaker == "Lee"  # may be her: nobody else is known


def test_a_word_a_typo_from_several_known_words_or_short_stays_as_typed() -> None:
    index = SpeakerIndex(
        [
            st("Bob Perry", "the budget is fine"),
            st("Ann Kerry", "the budget is not fine"),
            st("Jo Bush", "taxes will rise"),
        ]
    )
    assert index.respell("Berry") is None  # Perry or Kerry: no guess
    assert index.respell("Bsuh") is None  # four letters: "Bush", or somebody else
    assert index.lookup("Berry") == [] and index.lookup("Bsuh") == []


def test_a_son_named_jr_is_not_his_father() -> None:
    # "Donald Trump Jr." was filed under Donald Trump: the suffix left the name's key
    index = SpeakerIndex(
        [
            st("Donald Trump", "The tariffs will make the country rich again."),
            st("Donald Trump Jr.", "My father has never been stronger in the polls."),
            st("Trump", "We will build the wall and Mexico will pay for it."),
            st("Trump Jr.", "The campaign has never had more volunteers."),
        ]
    )
    (father, *_) = index.lookup("Donald Trump")
    assert father.speaker == "Donald Trump" and father.score == 1.0
    # a bare "Trump" is the father, named in full, not the son
    assert {s.text for s in father.statements} == {
        "The tariffs will make the country rich again.",
        "We will build the wall and Mexico will pay for it.",
    }
    son = index.lookup("Donald Trump Jr.")
    assert [m.speaker for m in son] == ["Donald Trump Jr."]
    assert {s.text for s in son[0].statements} == {
        "My father has never been stronger in the polls.",
        "The campaign has never had more volunteers.",
    }
    assert [m.speaker for m in index.lookup("Trump Jr.")] == ["Donald Trump Jr."]
    assert index.lookup("Trump")[0].speaker == "Donald Trump"


def test_a_name_read_with_a_description_before_it_is_the_person_it_ends_with() -> None:
    # "Texas-based Matt Mackowiak" and "Does Donald Trump" were speakers of their own, listed
    # beside the person as others matching the name, with statements of their own
    index = SpeakerIndex(
        [
            st("Donald Trump", "The tariffs will make the country rich again."),
            st("Does Donald Trump", "The wall will be built.", "a2"),
            st("Texas-based Matt Mackowiak", "The race is far from over.", "a3"),
            st("Matt Mackowiak", "Turnout will decide it.", "a4"),
            st("Texas Gov. Greg Abbott", "State agencies are responding.", "a5"),
            st("Greg Abbott", "The floods were devastating.", "a5"),
        ]
    )
    assert [m.speaker for m in index.lookup("Donald Trump")] == ["Donald Trump"]
    assert len(index.lookup("Donald Trump")[0].statements) == 2
    assert [m.speaker for m in index.lookup("Matt Mackowiak")] == ["Matt Mackowiak"]
    assert len(index.lookup("Matt Mackowiak")[0].statements) == 2
    assert [m.speaker for m in index.lookup("Greg Abbott")] == ["Greg Abbott"]


def test_another_persons_or_organisations_longer_name_is_not_merged() -> None:
    index = SpeakerIndex(
        [
            st("Ann Smith", "The school will reopen in May."),
            st("Mary Ann Smith", "The library will close for repairs.", "a2"),
            st("de Vos", "Observers were deployed.", "a3"),
            st("Pierre de Vos", "I have been rubbernecking this election.", "a4"),
            st("U.S. Chamber of Commerce", "Six million jobs rely on trade.", "a5"),
            st("Hollywood Chamber of Commerce", "The star will not be removed.", "a6"),
        ]
    )
    for name in ["Mary Ann Smith", "Pierre de Vos", "Hollywood Chamber of Commerce"]:
        (match, *_) = index.lookup(name)
        assert match.speaker == name and len(match.statements) == 1


def test_a_statement_the_articles_repeat_is_listed_once() -> None:
    # a live blog repeated a paragraph: "What did Trump say about Alaska?" listed the same
    # quote twice, crowding out a third statement
    said = "We're going for a meeting with President Putin in Alaska."
    index = SpeakerIndex(
        [
            st("Donald Trump", said, "a1"),
            st("Donald Trump", said, "a1"),
            st("Donald Trump", said.upper(), "a2"),  # the same words, another outlet's copy
            st("Donald Trump", "Lisa Murkowski is bad for Alaska.", "a3"),
        ]
    )
    (match,) = index.lookup("Donald Trump", limit=3)
    assert sorted(s.text for s in match.statements) == sorted(
        [said, "Lisa Murkowski is bad for Alaska."]
    )


def test_somebody_for_a_person_is_not_that_person() -> None:
    # "What did Musk say about Trump?" named "Lawyer for Musk" among the people called Musk
    index = SpeakerIndex(
        [
            st("Elon Musk", "The party will field candidates next year."),
            st("Lawyer for Musk", "The lawsuit has no merit.", "a2"),
            st("Club for Growth Action", "The ads will run through November.", "a3"),
        ]
    )
    assert [m.speaker for m in index.lookup("Musk")] == ["Elon Musk"]
    # an organisation's own name with "for" in it still answers for its last words
    asked = "fiscally conservative Club for Growth Action"
    assert [m.speaker for m in index.lookup(asked)] == ["Club for Growth Action"]
    assert [m.speaker for m in index.lookup("Lawyer for Musk")] == ["Lawyer for Musk"]


@pytest.mark.parametrize(
    ("role", "office", "held"),
    [
        ("Fed Chair", "the Fed chair", True),
        ("New York City Mayor", "the mayor of New York", True),
        ("California Gov.", "the governor of California", True),
        ("Mayor", "the mayor of New York", False),  # which city's mayor is not said
        ("Texas Gov.", "the governor of California", False),
        ("Prince", "the prime minister", False),
        ("", "the winner", False),  # no role asked: nobody holds it
        ("Former US President", "the US president", False),  # held before, not now
        ("ex-CEO", "the CEO", False),
        ("Former President", "the former president", True),
        ("U.S. Vice President", "the US president", False),  # another office
        ("Deputy Mayor of Houston", "the deputy mayor of Houston", True),
    ],
)
def test_a_role_holds_an_office_when_it_has_every_word_of_it(
    role: str, office: str, held: bool
) -> None:
    from index.speakers import holds_office

    assert holds_office(role, office) is held


def test_an_offices_role_nouns_are_its_words_naming_a_role() -> None:
    from index.speakers import office_nouns

    assert office_nouns("the governor of California") == {"governor"}
    assert office_nouns("the Fed chair") == {"chair"}
    assert office_nouns("the Commanders' owner") == frozenset()


@pytest.mark.parametrize(
    ("role", "office", "shorter"),
    [
        ("President", "the US president", True),
        ("Mayor", "the mayor of New York", True),
        ("U.S. President", "the US president", True),
        ("Vice President", "the US president", False),  # another office
        ("Former President", "the US president", False),
        ("New York", "the mayor of New York", False),  # no role
        ("Texas Gov.", "the governor", False),  # says more than asked: that is holds_office's
    ],
)
def test_a_role_shortens_an_office_when_its_words_are_some_of_the_offices(
    role: str, office: str, shorter: bool
) -> None:
    from index.speakers import shortens_office

    assert shortens_office(role, office) is shorter
