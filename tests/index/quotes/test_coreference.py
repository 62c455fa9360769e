"""Coreference: surnames, pronouns and roles resolved to the speaker they mean."""

from __future__ import annotations

from index.quotes import extract_statements
from index.quotes.coreference import Coreference
from index.quotes.mentions import Mention
from tests.index.quotes.helpers import by_speaker, extract, seed_article


def test_seed_she_said_after_an_organisation_resolves_to_the_organisation() -> None:
    rostek = by_speaker(extract_statements(seed_article()), "Rostek")
    texts = [s.text for s in rostek]
    assert any("has not changed for several years" in t for t in texts)
    assert any("repair and maintain" in t for t in texts)
    assert any(s.cue == "denied" for s in rostek)


def test_seed_surname_mention_resolves_to_the_full_name_given_earlier() -> None:
    trump = by_speaker(extract_statements(seed_article()), "Donald Trump")
    assert any("withdrew most of their troops" in s.text for s in trump)
    assert not by_speaker(extract_statements(seed_article()), "Trump")


def test_pronoun_resolves_to_most_recent_speaker_of_matching_gender() -> None:
    statements = extract(
        '"We need a new approach to trade and to taxes," said Mark Dalton, a senator.\n\n'
        "Susan Reyes, his rival, said the plan would cost too much money.\n\n"
        '"It is simply not going to work for working families," he said.\n\n'
        '"I will keep fighting for this until the very end," she said.'
    )
    dalton = [s.text for s in by_speaker(statements, "Mark Dalton")]
    reyes = [s.text for s in by_speaker(statements, "Susan Reyes")]
    assert any("not going to work" in t for t in dalton)
    assert any("keep fighting" in t for t in reyes)
    assert not any("not going to work" in t for t in reyes)


def test_surname_resolves_to_the_right_person_when_two_share_it() -> None:
    statements = extract(
        "Hillary Clinton spoke first. Former President Bill Clinton said the economy had grown "
        "faster in the 1990s than ever before.\n\n"
        '"It is the craziest thing in the world," Clinton said.'
    )
    bill = [s.text for s in by_speaker(statements, "Bill Clinton")]
    assert any("craziest thing" in t for t in bill)
    assert not by_speaker(statements, "Hillary Clinton")


def test_role_only_mention_resolves_to_the_person_with_that_role() -> None:
    statements = extract(
        "Kremlin spokesman Dmitry Peskov said the talks had been useful for both sides.\n\n"
        '"Nobody has asked us about any of this before today," the spokesman said.'
    )
    peskov = [s.text for s in by_speaker(statements, "Dmitry Peskov")]
    assert any("Nobody has asked us" in t for t in peskov)


def test_organisation_speakers() -> None:
    statements = extract(
        '"The number of elements has not changed for several years," Rostek said in a '
        "statement.\n\nThe Kremlin denied that it had informed Washington of the withdrawal."
    )
    assert [s.speaker for s in statements] == ["Rostek", "Kremlin"]
    assert statements[1].cue == "denied"


def test_unnamed_speaker_does_not_lend_pronouns_to_an_earlier_one() -> None:
    statements = extract(
        '"The plan is sound and it will pass the Senate," Mark Dalton said.\n\n'
        '"It will not pass, not this year and not the next," a spokesman for the '
        "committee said. He added that the vote would be delayed until the spring."
    )
    dalton = [s.text for s in by_speaker(statements, "Mark Dalton")]
    assert dalton == ['"The plan is sound and it will pass the Senate,"']


TEXT = (
    "Senator Hillary Clinton spoke first.\n"
    "Clinton said more.\n"
    "Later, Kremlin spokesman Dmitry Peskov arrived.\n"
)


def mention(kind: str, at: str, name: str, **kw: str) -> Mention:
    start = TEXT.index(at)
    return Mention(kind, start, start + len(at), name=name, **kw)


def test_surname_becomes_the_full_name_given_before() -> None:
    ent = Coreference(TEXT).resolve(mention("name", "Clinton said", "Clinton"))
    assert ent is not None
    assert (ent.name, ent.role, ent.gender) == ("Hillary Clinton", "Senator", "f")
    assert ent.aliases == {"Clinton", "Hillary Clinton"}


def test_surname_before_any_full_name_becomes_the_first_one_after() -> None:
    text = "Peskov said it.\nKremlin spokesman Dmitry Peskov spoke again.\n"
    ent = Coreference(text).resolve(Mention("name", 0, 6, name="Peskov"))
    assert ent is not None and ent.name == "Dmitry Peskov"


def test_pronoun_takes_the_last_speaker_of_its_gender_only() -> None:
    coref = Coreference(TEXT)
    clinton = mention("name", "Clinton said", "Clinton")
    ent = coref.resolve(clinton)
    assert ent is not None
    coref.remember(ent.name, clinton)
    she = coref.resolve(mention("pronoun", "Later", "she", gender="f"))
    assert she is not None and she.name == "Hillary Clinton"
    assert coref.resolve(mention("pronoun", "Later", "he", gender="m")) is None


def test_unnamed_last_speaker_keeps_a_pronoun_unresolved() -> None:
    coref = Coreference(TEXT)
    clinton = mention("name", "Clinton said", "Clinton")
    ent = coref.resolve(clinton)
    assert ent is not None
    coref.remember(ent.name, clinton)
    coref.remember(None, mention("unknown", "Later", "a spokesman"))
    assert coref.resolve(mention("pronoun", "arrived", "she", gender="f")) is None


def test_definite_role_is_the_person_introduced_with_it() -> None:
    coref = Coreference(TEXT)
    peskov = mention("name", "Kremlin spokesman Dmitry Peskov", "Dmitry Peskov")
    peskov.role = "Kremlin spokesman"
    coref.resolve(peskov)
    ent = coref.resolve(mention("role", "arrived", "the spokesman", role="the spokesman"))
    assert ent is not None and ent.name == "Dmitry Peskov"


def test_somebody_nobody_can_name_resolves_to_no_one() -> None:
    assert Coreference(TEXT).resolve(mention("unknown", "Later", "a spokesman")) is None


def test_organisation_is_known_without_its_article() -> None:
    ent = Coreference(TEXT).resolve(Mention("name", 0, 11, name="the Kremlin", is_org=True))
    assert ent is not None
    assert (ent.name, ent.is_org, ent.aliases) == ("Kremlin", True, {"the Kremlin"})


def test_definite_role_is_the_person_introduced_with_its_title() -> None:
    sts = extract(
        "Sen. Jane Doe said the bill would pass easily this week. The senator added that she "
        "expected some Republican votes."
    )
    assert [s.speaker for s in sts] == ["Jane Doe", "Jane Doe"]


# -- offices: "the mayor of Gotham", "a spokesman for Jane Roe" --


def speakers_of(text: str) -> list[tuple[str, str]]:
    return [(s.speaker, s.text) for s in extract(text)]


def test_an_office_is_its_holder_not_the_place_it_governs() -> None:
    assert speakers_of("The mayor of Gotham said the flood barriers had held overnight.") == [
        ("Mayor of Gotham", "the flood barriers had held overnight")
    ]
    assert speakers_of("The Governor of Arcadia said the border was secure again.") == [
        ("Governor of Arcadia", "the border was secure again")
    ]
    # a qualifier of two words, and one with its article
    assert speakers_of("The Secretary of Homeland Security said the ports were safe.")[0][0] == (
        "Secretary of Homeland Security"
    )
    assert speakers_of("The President of the United States said the talks went well.")[0][0] == (
        "President of the United States"
    )


def test_whom_a_spokesman_or_a_lawyer_speaks_for_is_not_the_speaker() -> None:
    for text, office in [
        ("A spokesman for Jane Roe said the campaign had raised more money.", "Spokesman for"),
        ("The lawyer for Tom Hale said his client would appeal the ruling.", "Lawyer for"),
        ("The wife of Tom Hale said the family was relieved by the news.", "Wife of"),
    ]:
        (speaker, _), *_ = speakers_of(text)
        assert speaker.startswith(office), text


def test_an_office_is_the_person_the_article_names_in_it() -> None:
    sts = speakers_of(
        "Arcadia Gov. Greg Abbott toured the border on Monday with state troopers.\n\n"
        "The Governor of Arcadia said the border was secure again."
    )
    assert sts == [("Greg Abbott", "the border was secure again")]
    # the holder of that office, not of another one with the same title
    sts = speakers_of(
        "Gotham Mayor Ann Lee met Mayor Tom Hale of Metropolis on Friday.\n\n"
        "The mayor of Metropolis said the two cities would share the cost of the dam."
    )
    assert sts == [("Tom Hale", "the two cities would share the cost of the dam")]


def test_a_definite_role_is_the_person_the_article_introduced_with_it() -> None:
    sts = speakers_of(
        "Arcadia Gov. Greg Abbott toured the border on Monday with state troopers.\n\n"
        "The governor said the border was secure again."
    )
    assert sts == [("Greg Abbott", "the border was secure again")]


def test_a_place_after_in_is_no_part_of_the_name_after_it() -> None:
    # "In Alaska Putin will ask Trump to ..." (no comma after the opening phrase) made a speaker
    # "Alaska Putin", offered beside Vladimir Putin for "What did Putin say?"
    text = (
        "Vladimir Putin wants a deal. In Alaska Putin will ask Trump to force Ukraine to give up"
        " Donetsk, officials said. From Texas Abbott told reporters the floods were terrible."
    )
    assert {st.speaker for st in extract(text)} <= {"Vladimir Putin", "Abbott", "Putin"}
    assert [st.speaker for st in extract(text)][-1:] == ["Abbott"]
    # a place that opens the name without a preposition before it stays (it is the name)
    assert speakers_of("In the end Israel Katz said the talks had failed.")[0][0] == "Israel Katz"
    # and an office named with its place keeps it
    assert speakers_of("In Austin Texas Gov. Greg Abbott said the border was secure.")[0][0] == (
        "Greg Abbott"
    )


def test_an_office_then_a_name_is_still_that_person() -> None:
    assert speakers_of("The Governor of Arcadia Greg Abbott said the border was secure.")[0][0] == (
        "Greg Abbott"
    )
    assert speakers_of("Secretary of State John Kerry said the talks went well today.")[0][0] == (
        "John Kerry"
    )
    # every cabinet department's secretary, not only State's and Defense's ("War Pete Hegseth")
    for department in ("War", "Energy", "Labor", "Commerce", "Education", "Agriculture"):
        said = f'"We will finish this work quickly," said Secretary of {department} Pete Hegseth.'
        assert [st.speaker for st in extract(said)] == ["Pete Hegseth"], department
    # a place before a full name is where the office is ("Pennsylvania Josh Shapiro")
    for said, who in (
        ("said Governor of Pennsylvania Josh Shapiro.", "Josh Shapiro"),
        ("said Governor of New York Mike Hochul.", "Mike Hochul"),
        ("said Pennsylvania Gov. Pennsylvania Josh Shapiro.", "Josh Shapiro"),
        ("Wyoming Public Radio said.", "Wyoming Public Radio"),
        ("Israel Katz said.", "Israel Katz"),  # no first name after "Israel": his name
    ):
        text = f'"We will finish this work quickly and together," {said}'
        assert [st.speaker for st in extract(text)] == [who], said
    # organisations named with "of" stay organisations
    assert speakers_of("The Department of Homeland Security said the ports were safe.")[0][0] == (
        "Department of Homeland Security"
    )


def test_a_definite_role_is_not_somebody_named_before_the_last_person_mentioned() -> None:
    sts = speakers_of(
        "President Tom Hale met World Bank President Jim Yong Kim on Friday.\n\n"
        "Hale said the accord would send a powerful signal to investors everywhere. The president "
        "also said that he would sign it next week."
    )
    assert ("Jim Yong Kim", "he would sign it next week") not in sts


def test_a_person_described_by_an_office_speaks() -> None:
    sts = speakers_of(
        "Sam Lau, the communications director for the Iowa Democratic Party said the count "
        "was final."
    )
    assert sts == [("Sam Lau", "the count was final")]


def test_a_definite_role_is_nobody_when_its_holder_shares_a_surname() -> None:
    sts = speakers_of(
        "Jeb Bush and George W. Bush campaigned in Columbia. President Bush spoke first.\n\n"
        "Jeb Bush said the race was far from over for his campaign. The former president said "
        "that the state had always been kind to his family."
    )
    assert ("Jeb Bush", "the state had always been kind to his family") not in sts


def test_an_office_speaks_in_every_shape_of_attribution() -> None:
    for text in [
        "“The dam will hold for another week,” said the mayor of Gotham.",
        "According to the mayor of Gotham, the dam would hold for another week.",
        "A spokeswoman for Jane Roe declined to comment, saying that the dam would hold.",
    ]:
        (speaker, _), *_ = speakers_of(text)
        assert speaker in {"Mayor of Gotham", "Spokeswoman for Jane Roe"}, text


def test_a_group_somewhere_is_the_group_not_the_place() -> None:
    for text, group in [
        ("Voters in Arcadia said the economy mattered most to them.", "Voters in Arcadia"),
        (
            "Chinese officials in Beijing said the talks would go on.",
            "Chinese officials in Beijing",
        ),
        (
            "Residents in the Bronx said the water reached the second floor.",
            "Residents in the Bronx",
        ),
    ]:
        assert [s for s, _ in speakers_of(text)] == [group], text
    # after the cue too
    assert speakers_of("“We will stay until the end of term,” said protesters at Columbia.") == [
        ("Protesters at Columbia", "“We will stay until the end of term,”")
    ]
    # a person somewhere is still the person
    assert speakers_of("Ann Lee in Arcadia said the storm had passed by then.")[0][0] == "Ann Lee"


def test_they_is_never_a_person_the_article_named_before() -> None:
    # "they" after a bare group ("executives ... say") is the group, which names nobody: the
    # person who spoke before did not say it
    statements = extract(
        "Roger Ailes said the network would be fine.\n\n"
        "Though executives who have worked with Lachlan Murdoch say they assume he shares some "
        "of his father's views, they also say he does not readily advertise them.\n\n"
        "Some producers say they expect changes, and they also say the shift will take time."
    )
    ailes = [s.text for s in by_speaker(statements, "Roger Ailes")]
    assert ailes == ["the network would be fine"]


def test_they_after_an_organisation_is_the_organisation() -> None:
    statements = extract(
        "Mara Quill, a trader, said prices would rise sharply over the coming winter months.\n\n"
        "Northwind Energy Corp. said on Monday that output fell by a third in the storm. They "
        "also said the plant would reopen in May after repairs."
    )
    northwind = [s.text for s in by_speaker(statements, "Northwind Energy Corp.")]
    assert any("plant would reopen" in t for t in northwind)
    assert not any("plant would reopen" in s.text for s in by_speaker(statements, "Mara Quill"))


def test_a_pronoun_after_its_own_sentences_subject_is_that_subject() -> None:
    # "While Biden was in New York, he ... told a story" was Netanyahu's: the subject named
    # earlier in the pronoun's own sentence was left out of the candidates
    statements = extract(
        "President Joe Biden spoke at the United Nations on Tuesday.\n\n"
        "Biden sat down with Israeli Prime Minister Benjamin Netanyahu on the sidelines. "
        "Netanyahu had been pushing to meet with Biden at the White House.\n\n"
        "While Biden was in New York, he took time for fundraisers and said the economy was "
        "growing faster than anyone had expected."
    )
    biden = [s.text for s in by_speaker(statements, "Joe Biden")]
    assert any("economy was growing" in t for t in biden)
    assert not by_speaker(statements, "Benjamin Netanyahu")


def test_a_question_or_pronoun_word_before_a_name_is_no_part_of_it() -> None:
    # "Does Donald Trump think ...?" registered the name "Does Donald Trump", and a later
    # "Trump said" became that speaker; "Everything Mamdani has said" made Mamdani's namesake
    statements = extract(
        "Does Donald Trump think the tariffs will work? Trump said on Monday the tariffs would "
        "make the country rich.\n\n"
        "Everything Mamdani has said he would do for New Yorkers confirms this thesis."
    )
    assert [s.speaker for s in statements] == ["Donald Trump"]
    assert statements[0].text == "the tariffs would make the country rich"


def test_a_participle_opening_a_clause_is_no_first_name() -> None:
    # the heading "Rebuking Trump, California passes Prop 50" registered the full name
    # "Rebuking Trump", and every later "Trump claimed" in the article went to it
    statements = extract(
        "Rebuking Trump, California passes Prop 50 to redistrict in favor of Democrats.\n\n"
        "On his social media site, Trump claimed the ballot measure was rigged against "
        "Republicans in the state."
    )
    assert [s.speaker for s in statements] == ["Trump"]
    # an organisation's name keeps its first word
    statements = extract("Turning Point USA said the event would go ahead as planned next week.")
    assert [s.speaker for s in statements] == ["Turning Point USA"]


def test_he_said_after_a_quote_is_the_subject_of_its_own_sentence() -> None:
    # "Ebrahim Raisi, Iran's president, criticized ...: “...,” he said" was Netanyahu's: the
    # subject before an apposition was no sentence subject, and "Ebrahim" no known first name
    statements = extract(
        "Biden sat down with Israeli Prime Minister Benjamin Netanyahu on the sidelines. "
        "Netanyahu had been pushing to meet with Biden at the White House.\n\n"
        "Ebrahim Raisi, Iran’s president, criticized the U.S. for pulling out of the nuclear "
        "deal: “They represent the past,” he said, “and we are the future.”"
    )
    assert not by_speaker(statements, "Benjamin Netanyahu")
    assert any("represent the past" in s.text for s in by_speaker(statements, "Ebrahim Raisi"))


def test_a_place_opening_the_pronouns_sentence_is_not_he() -> None:
    statements = extract(
        "Michigan Attorney General Bill Schuette asked the Supreme Court for quick action. "
        "Schuette said the lower-court judges were wrong.\n\n"
        "Michigan was only doing what 40 states already do, he told the court in his filing."
    )
    schuette = [s.text for s in by_speaker(statements, "Bill Schuette")]
    assert any("40 states" in t for t in schuette)


def test_a_name_after_the_is_no_sentence_subject() -> None:
    # "The Murdoch outlets have been standing in the way, he said" is David Fenton's, not
    # Rupert Murdoch's: the name modifies "outlets"
    statements = extract(
        "Rupert Murdoch owns the newspaper.\n\n"
        "David Fenton, a longtime strategist, said its main goal was a carbon trading system. "
        "The Murdoch outlets have been standing in the way, he said, by creating a ''false "
        "reality bubble denying science'' that scares amenable Republican politicians away."
    )
    assert not by_speaker(statements, "Rupert Murdoch")
    assert any("false reality bubble" in s.text for s in by_speaker(statements, "David Fenton"))


def test_a_surname_with_a_particle_is_the_full_name_given_earlier() -> None:
    # "des Cars" is a surname with its particle; opening a sentence it is capitalised ("Des").
    sts = speakers_of(
        "The Louvre's director, Laurence des Cars, visited the gallery on Monday.\n\n"
        "Des Cars said the cameras had failed to spot the burglars.\n\n"
        '"The warnings came true last Sunday," des Cars said.'
    )
    assert [s for s, _ in sts] == ["Laurence des Cars", "Laurence des Cars"]
    # A particle that is also a first name ("Al", "Ben") still starts a name of its own.
    sts = speakers_of(
        "Tipper Gore spoke first at the rally on Monday.\n\n"
        "Al Gore said the climate bill would pass this year."
    )
    assert [s for s, _ in sts] == ["Al Gore"]


def test_a_czar_or_an_envoy_is_a_role_not_part_of_the_name() -> None:
    # "Border Czar Tom Homan" was a speaker of its own, apart from "Tom Homan"
    sts = extract(
        "White House Border Czar Tom Homan said the removals would go on all year.\n\n"
        "Special Envoy Steve Witkoff said the talks in Moscow were productive."
    )
    assert [(s.speaker, s.role) for s in sts] == [
        ("Tom Homan", "White House Border Czar"),
        ("Steve Witkoff", "Special Envoy"),
    ]
