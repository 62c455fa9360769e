"""Attribution patterns: which speaker a cue gives which content to."""

from __future__ import annotations

from index.quotes.extraction import is_long_quote
from index.quotes.patterns import Attribution, find_attributions
from index.quotes.tokens import find_quotes
from tests.index.quotes.helpers import extract, tokens


def attributions(text: str) -> list[tuple[str, str, str, str, bool]]:
    """(speaker as written, cue, content, kind, nested) of each attribution in a one-unit text."""
    long_q = [q for q in find_quotes(text, 0, len(text)) if is_long_quote(text, q)]
    found: list[Attribution] = find_attributions(text, tokens(text), 0, len(text), long_q)
    return [(a.mention.name, a.cue, text[a.start : a.end], a.kind, a.nested) for a in found]


def test_curly_quotes_with_cue_after_inverted_speaker_and_role() -> None:
    (st,) = extract(
        "“We will not accept this outcome under any circumstances,” said Foreign Minister "
        "Anna Berg."
    )
    assert st.speaker == "Anna Berg"
    assert st.role == "Foreign Minister"
    assert st.cue == "said"
    assert st.text == "“We will not accept this outcome under any circumstances,”"


def test_cue_before_the_quote() -> None:
    (st,) = extract('Senator Tom Hale said: "The bill is dead and everyone here knows it."')
    assert st.speaker == "Tom Hale"
    assert st.text == '"The bill is dead and everyone here knows it."'


def test_reported_speech_with_that_clause_and_adverbials() -> None:
    (st,) = extract(
        "Governor Maria Lopez told reporters on Monday that the state would appeal the ruling."
    )
    assert st.speaker == "Maria Lopez"
    assert st.cue == "told reporters"
    assert st.kind == "reported"
    assert st.text == "the state would appeal the ruling"


def test_nyt_double_apostrophe_quotes() -> None:
    (st,) = extract(
        "''The sooner he releases his entire returns, the better,'' Mr. Goldberg told CNBC."
    )
    assert st.speaker == "Goldberg"
    assert st.text.startswith("''The sooner")


def test_appositive_between_speaker_and_cue() -> None:
    (st,) = extract(
        "Donna Rawlings, 59, of Ashton, Md., who watched the ceremony, said the event brought "
        "back memories of her father."
    )
    assert st.speaker == "Donna Rawlings"
    assert st.text == "the event brought back memories of her father"


def test_according_to_names_the_source() -> None:
    (st,) = extract(
        "More than 100,000 people took part in the walk-in at 2,000 schools, according to "
        "the Alliance for Better Schools."
    )
    assert st.speaker == "Alliance for Better Schools"
    assert st.cue == "according to"
    assert st.text.startswith("More than 100,000 people")


def test_vox_pop_dash_attribution() -> None:
    (st,) = extract("“He represents our greatest shame and we deserve better.” ― Sonya Herridge")
    assert st.speaker == "Sonya Herridge"
    assert st.cue == "―"


def test_scare_quotes_without_cue_are_not_statements() -> None:
    assert extract('The so-called "deal of the century" collapsed on Tuesday.') == []


def test_speaker_cue_that_clause() -> None:
    assert attributions("Smith believes that the tax plan is fair.") == [
        ("Smith", "believes", " the tax plan is fair.", "reported", False)
    ]


def test_weak_cue_without_that_is_a_belief_not_a_statement() -> None:
    assert attributions("Smith believes the tax plan is fair.") == []


def test_said_as_much_has_no_content_of_its_own() -> None:
    assert attributions("Smith said as much.") == []


def test_clause_then_inverted_speaker() -> None:
    assert attributions("The talks went well, said Smith.") == [
        ("Smith", "said", "The talks went well", "reported", False)
    ]


def test_clause_then_speaker_and_cue() -> None:
    assert attributions("The talks went well, Smith said.") == [
        ("Smith", "said", "The talks went well", "reported", False)
    ]


def test_adding_that_is_a_second_statement_of_the_same_speaker() -> None:
    assert attributions(
        "Peskov said the talks went well, adding that more meetings would follow soon."
    ) == [
        ("Peskov", "said", " the talks went well", "reported", False),
        ("Peskov", "adding", " more meetings would follow soon.", "reported", True),
    ]


def test_quoted_as_saying_names_the_object_as_speaker() -> None:
    assert attributions("The Journal quoted him as saying the plan would fail badly.") == [
        ("him", "quoted as saying", " the plan would fail badly.", "reported", False)
    ]


def test_quote_after_the_attribution_continues_it() -> None:
    text = '"The plan will fail," Smith said, "and everyone knows it."'
    assert attributions(text) == [("Smith", "said", text, "quote", False)]


def test_attribution_inside_another_ones_content_is_nested() -> None:
    assert attributions("Flynn said Trump said the wall would be built.") == [
        ("Flynn", "said", " Trump said the wall would be built.", "reported", False),
        ("Trump", "said", " the wall would be built.", "reported", True),
    ]


def test_speaker_colon_quote() -> None:
    assert attributions('Martha Aguilar: "We came here to be heard today."') == [
        ("Martha Aguilar", ":", '"We came here to be heard today."', "quote", False)
    ]


def said(text: str) -> list[tuple[str, str]]:
    """(speaker, statement) of each statement extracted from a one-paragraph text."""
    return [(s.speaker, s.text) for s in extract(text)]


def test_passive_quoted_as_saying_names_the_subject() -> None:
    assert said("Mark Smith was quoted as saying that the plan would fail within a year.") == [
        ("Mark Smith", "the plan would fail within a year")
    ]
    assert said("The plan is doomed to fail in the long run, Jones was quoted as saying.") == [
        ("Jones", "The plan is doomed to fail in the long run")
    ]


def test_a_participle_or_second_verb_speaks_for_the_clause_subject() -> None:
    assert said(
        "Rubio pushed back on those claims Thursday, saying that the bill had the correct "
        "security components."
    ) == [("Rubio", "the bill had the correct security components")]
    assert said(
        "Gary Emineth, a former state party chairman, became a delegate and said he is leaning "
        "toward supporting Trump."
    ) == [("Gary Emineth", "he is leaning toward supporting Trump")]


def test_that_after_another_verb_does_not_start_the_content() -> None:
    assert said(
        "Rep. Tom Cole of Oklahoma, an ally of GOP leadership, said his biggest worry about "
        "Trump is that he is unpredictable."
    ) == [("Tom Cole", "his biggest worry about Trump is that he is unpredictable")]


def test_an_abbreviation_inside_an_appositive_keeps_the_speaker() -> None:
    assert said("Sen. Rand Paul, R-Ky., told Fox News that polls could be way off this year.") == [
        ("Rand Paul", "polls could be way off this year")
    ]


def test_a_quote_after_the_cue_is_never_a_circumstance() -> None:
    # "Of", "In", "At" start circumstances ("said in Paris"), but not when they open a quote
    assert said('Lena Ortiz told the Herald, "Of all the plans, I like the second one best."') == [
        ("Lena Ortiz", '"Of all the plans, I like the second one best."')
    ]


def test_clause_then_speaker_and_cue_with_a_time_after_it() -> None:
    assert said(
        "Two engineers from the plant were among the passengers, airline spokesman Omar Haddad "
        "said Thursday."
    ) == [("Omar Haddad", "Two engineers from the plant were among the passengers")]


def test_clause_then_a_news_organisation_with_its_article() -> None:
    assert said("The factory will close next spring, the Daily Ledger reported.") == [
        ("Daily Ledger", "The factory will close next spring")
    ]


def test_question_quote_then_a_named_speaker_is_one_attribution() -> None:
    # `?"` ends a sentence, but "Vance said." is the attribution of the quote before it
    assert said('"Who is going to pay for all of this? Nobody?" Vance said. "Not us."') == [
        ("Vance", '"Who is going to pay for all of this? Nobody?" Vance said. "Not us."')
    ]


def test_quote_inside_a_clause_then_inverted_speaker_with_a_long_appositive() -> None:
    text = (
        'The plan "reads like a wish list, not a budget with any numbers in it," says Ann Cole, '
        "a former budget director of the state and the author of a history of its finances."
    )
    assert said(text) == [
        ("Ann Cole", 'The plan "reads like a wish list, not a budget with any numbers in it,"')
    ]


def test_inverted_role_then_the_name_in_apposition() -> None:
    assert said(
        '"We have never seen turnout like this before," said the county\'s election director, '
        "Paul Meyer, who has run the count since 2004."
    ) == [("Paul Meyer", '"We have never seen turnout like this before,"')]
    (st,) = extract('"The lines were hours long today," said another voter, Rosa Diaz.')
    assert (st.speaker, st.role) == ("Rosa Diaz", "another voter")


def test_a_quote_ending_in_a_comma_never_ends_the_sentence() -> None:
    assert said(
        '"Vote for us, vote today!!!," Denmark\'s Green Party leader Ida Holm wrote online.'
    ) == [("Ida Holm", '"Vote for us, vote today!!!,"')]


def test_long_descriptor_between_the_quote_and_the_speaker() -> None:
    assert said(
        '"These are hard days for farmers like us," former Green Party state office '
        "speechwriter Rita Vogel wrote in a column."
    ) == [("Rita Vogel", '"These are hard days for farmers like us,"')]


def test_person_described_with_the_and_a_common_noun_is_no_organisation() -> None:
    (st,) = extract(
        "The venture capitalist Carl Nilsen, who backed the mayor in 2018, said on Monday that he "
        "would sell his stake."
    )
    assert (st.speaker, st.text) == ("Carl Nilsen", "he would sell his stake")
    assert not extract("The Pentagon said on Monday that the drill went ahead as planned.")[
        0
    ].speaker.startswith("The")


def test_owner_before_an_appositive_speaker_keeps_the_speaker() -> None:
    assert said(
        "And Ohio's Lara Quinn, one of the few women on the board, said the vote was rushed."
    ) == [("Lara Quinn", "the vote was rushed")]


def test_name_in_apposition_after_a_description_speaks() -> None:
    assert said(
        "One farmer backing the plan, Tomas Berg of Grace Church in Dayton, said he had signed up "
        "forty neighbours."
    ) == [("Tomas Berg", "he had signed up forty neighbours")]


def test_a_short_title_in_quotes_inside_the_appositive_keeps_the_speaker() -> None:
    assert said(
        'Nina Park, a host on the radio show "Morning Drive," who later ran for office, said '
        "the station had been fair to her."
    ) == [("Nina Park", "the station had been fair to her")]


def test_weak_cue_then_a_quote_after_a_circumstance_is_speech() -> None:
    assert said(
        "As Ben Ortiz pointed out in March, “The budget leaves nothing for the rural schools.”"
    ) == [("Ben Ortiz", "“The budget leaves nothing for the rural schools.”")]


def test_a_statement_saying_speaks_for_its_issuer() -> None:
    assert said(
        "Union President Clara Moss issued a statement saying the deal was a betrayal of the "
        "workers."
    ) == [("Clara Moss", "the deal was a betrayal of the workers")]


def test_went_on_to_say_is_the_subjects_speech() -> None:
    assert said("Kerr went on to say, “Nobody in this town will forget what happened.”") == [
        ("Kerr", "“Nobody in this town will forget what happened.”")
    ]


def test_a_description_before_an_appositive_speaker_is_no_content() -> None:
    statements = said(
        "Ohio's attorney general, Lee Dunn, vowed to go after “anyone who attacks our people.”"
    )
    assert ("Lee Dunn", "Ohio's attorney general") not in statements
    assert said("The state's attorney general, Lee Dunn, said Friday.") == []


def test_an_infinitive_after_the_cue_gives_no_content_to_the_phrase_before() -> None:
    assert (
        said("During the long service, assistant pastor Ray Cole asked the congregation to stand.")
        == []
    )


def test_a_role_phrase_does_not_run_over_a_conjunction() -> None:
    assert (
        said(
            '"It is a busy time for all of us," she said, adding that Mr. Hale and his deputy, '
            "Rick Moore, would stay on."
        )
        == []
    )


def test_clause_then_speaker_and_cue_with_where_it_was_written() -> None:
    assert said(
        '"The records will be searched," and the results filed, the agency\'s lawyer Ana Ruiz '
        "wrote in a court filing."
    ) == [("Ana Ruiz", '"The records will be searched," and the results filed')]


def test_an_organisation_in_an_appositive_chain_gives_way_to_a_person() -> None:
    assert (
        said(
            "In a post on a news site, the Courier, and read widely, Lin Bo, a graduate student, "
            "urged readers to wait for the count."
        )[0][0]
        == "Lin Bo"
    )
    assert said("Last month, the Ledger, a local paper, revealed that the mill would close.") == [
        ("Ledger", "the mill would close")
    ]


def test_passive_with_by_names_the_agent_as_speaker() -> None:
    assert said(
        "Mayor Tom Reed was asked by host Lisa Grant whether the bridge would reopen soon."
    ) == [("Lisa Grant", "whether the bridge would reopen soon")]
    assert said(
        "The decision to close the plant was first announced by the Daily Ledger on Monday."
    ) == [("Daily Ledger", "The decision to close the plant")]
    assert said("It was said by Mayor Joan Watts that the road would reopen within weeks.") == [
        ("Joan Watts", "the road would reopen within weeks")
    ]


def test_a_participle_clause_with_by_names_the_asker() -> None:
    statements = said(
        'Asked by Lisa Grant whether the bridge would reopen, Tom Reed said, "Not this year."'
    )
    assert ("Lisa Grant", "whether the bridge would reopen") in statements


def test_clause_then_described_speaker_and_cue() -> None:
    assert said(
        "Many voters found the remark offensive, journalist Mia Cole said in asking the question."
    ) == [("Mia Cole", "Many voters found the remark offensive")]


def test_passive_with_by_needs_a_whole_noun_phrase() -> None:
    # "many Wall Street players": the agent is the players, not Wall Street
    assert (
        said(
            "The chairwoman has been criticized by many Wall Street players for holding rates low."
        )
        == []
    )


def test_according_to_after_a_time_phrase_gives_the_clause_after() -> None:
    assert said(
        "One evening in 2004, according to the biographer Lena Hart, the senator phoned every "
        "member of the board."
    ) == [("Lena Hart", "the senator phoned every member of the board")]


def test_according_to_with_a_colon() -> None:
    assert said("According to the Courier: “The mayor has no plans to run again next year.”") == [
        ("Courier", "“The mayor has no plans to run again next year.”")
    ]


def test_headline_or_transcript_line_names_a_person_of_the_article() -> None:
    statements = said(
        "Hale: ‘We Will Not Back Down On The Bridge Tolls.’\n\n"
        "Governor Ada Hale spoke on Monday in Dayton.\n\n"
        "KERR: So you will veto the bill if it comes to your desk?\n\n"
        "The interview was with the host, Sam Kerr."
    )
    assert statements == [
        ("Ada Hale", "‘We Will Not Back Down On The Bridge Tolls.’"),
        ("Sam Kerr", "So you will veto the bill if it comes to your desk?"),
    ]


def test_a_label_before_a_colon_is_no_speaker() -> None:
    assert said("Breaking: The bridge will close on Monday for repairs.") == []
    assert said("Q: Will the bridge close on Monday for repairs at all?") == []
    assert said("The Latest: Bridge to close Monday for two weeks of repairs.") == []


def test_speaker_colon_quote_after_a_dash() -> None:
    assert said("Pollsters agree - Ann Berg: “Keep calling voters as late as you can.”") == [
        ("Ann Berg", "“Keep calling voters as late as you can.”")
    ]


def test_clause_then_as_speaker_cue() -> None:
    assert said("The turnout was the highest in decades, as the Daily Ledger reported.") == [
        ("Daily Ledger", "The turnout was the highest in decades")
    ]
    assert said("Invoking the old crisis is a scare tactic, as Dana Ruiz noted in a column.") == [
        ("Dana Ruiz", "Invoking the old crisis is a scare tactic")
    ]


def test_more_speech_verbs() -> None:
    assert said('Mayor Ann Rivera defended the plan, calling it "the only fair way forward."') == [
        ("Ann Rivera", 'it "the only fair way forward."')
    ]
    assert said('"Nobody reads the fine print anymore," mused columnist Joe Platt.') == [
        ("Joe Platt", '"Nobody reads the fine print anymore,"')
    ]
    assert said("Senator Kay Moss echoed that view, stating that the bill would fail.") == [
        ("Kay Moss", "the bill would fail")
    ]


def test_every_labelled_line_of_a_transcript_is_its_speakers() -> None:
    lines = "\n\n".join(
        f"KERR: Will you veto bill number {i} if it reaches you?\n\nHALE: I will veto it."
        for i in range(200)
    )
    statements = extract("Governor Ada Hale spoke to Sam Kerr.\n\n" + lines)
    assert {s.speaker for s in statements} == {"Sam Kerr", "Ada Hale"}
    assert len(statements) == 400


def test_a_participle_speaks_for_a_subject_after_an_introductory_phrase() -> None:
    assert said(
        "In a statement released Thursday, Rep. Hakeem Jeffries reacted to the news, saying "
        "the killer should be in prison."
    ) == [("Hakeem Jeffries", "the killer should be in prison")]
    assert said(
        "After the vote on Tuesday, Sen. Ann Lee shook her head, saying the bill would fail."
    ) == [("Ann Lee", "the bill would fail")]
    # an opening participle before a lower-case word ("Facing mounting criticism") is no
    # speaker called "Facing"; a name ending in -ing before its verb still speaks
    assert said(
        "Facing mounting criticism from both parties, Mr. Trump released a statement on "
        "Saturday, insisting that Mr. Khan had no right to criticize him."
    ) == [("Trump", "Mr. Khan had no right to criticize him")]
    assert said("Beijing warned the allies on Monday, saying the drills would raise tensions.") == [
        ("Beijing", "the drills would raise tensions")
    ]


def test_verbs_that_colour_a_quote_attribute_it() -> None:
    assert said('"If they were serious, they would have taken the other bill," Moss fumed.') == [
        ("Moss", '"If they were serious, they would have taken the other bill,"')
    ]
    assert said('Walter Hale sniped that the new chief was "learning on the job."') == [
        ("Walter Hale", 'the new chief was "learning on the job."')
    ]
    assert said('"Everyone told her not to do it," remembered Roy Vance, her spokesman.') == [
        ("Roy Vance", '"Everyone told her not to do it,"')
    ]
    # a weak one only before "that", a quote or a colon
    assert said(
        "Ada Lin, an economist at Harbor Analytics, calculates that 6,000 jobs pay less."
    ) == [("Ada Lin", "6,000 jobs pay less")]
    assert said("Dee Kepler remembered when the old church still stood there.") == []
    # blaming someone is saying so (polnear-tune: 8 of 9 annotated "blamed" were missed)
    assert said("Mayor Ann Rios blamed the flooding on years of neglect by the county.") == [
        ("Ann Rios", "the flooding on years of neglect by the county")
    ]


def test_a_quote_then_a_described_person_in_apposition_before_the_cue() -> None:
    assert said(
        '"We looked at thousands of interviews and found nothing useful," Acme\'s chief hiring '
        "officer, Lena Brock, told the Daily Ledger in 2013."
    ) == [("Lena Brock", '"We looked at thousands of interviews and found nothing useful,"')]


def test_a_quote_closed_with_an_opening_mark_is_still_its_speakers() -> None:
    assert said("“It's unusual and rarely done,“ said Lara Noble, an attorney.") == [
        ("Lara Noble", "“It's unusual and rarely done,“")
    ]


def test_according_to_a_name_with_of_inside_is_that_whole_name() -> None:
    assert said(
        "Turnout was the highest in decades, according to the Ohio Department of State."
    ) == [("Ohio Department of State", "Turnout was the highest in decades")]
    assert said("According to Paul Sperry of Border Watch, the vans left the camp at night.") == [
        ("Paul Sperry", "the vans left the camp at night")
    ]
    # "of" after a common noun still names the source after it
    assert said("The plan costs $9 billion, according to an analysis of the Tax Center.") == [
        ("Tax Center", "The plan costs $9 billion")
    ]


def test_as_a_speaker_put_it() -> None:
    assert said(
        'At the time, as prosecutor Marc Trevin put it, "apart from the wrong crowd there was '
        'not much to complain about."'
    ) == [("Marc Trevin", '"apart from the wrong crowd there was not much to complain about."')]
    assert said('"The senators are unmoved and the voters uninspired," as Dana Mills put it.') == [
        ("Dana Mills", '"The senators are unmoved and the voters uninspired,"')
    ]
    assert said("The senator put pressure on the committee to approve the plan quickly.") == []


def test_a_participle_after_a_comma_speaks_for_the_clauses_subject_after_an_intro() -> None:
    # The last name before ", saying" is a place of the introduction, not the speaker.
    (st,) = extract(
        "At a town hall in Dayton, Ohio, on Friday, Mayor Ada Quill defended the budget, "
        "saying that the city could not afford new cuts."
    )
    assert st.speaker == "Ada Quill"
    assert st.text == "the city could not afford new cuts"


def test_introductory_phrases_are_not_speakers() -> None:
    cases = {
        "Hours later, Quill returned the compliment, telling reporters that Berg was a friend.": (
            "Quill"
        ),
        "Inside the packed hall, Quill on Monday waved off the plan as naive, arguing that "
        "the county could not pay for it.": "Quill",
        "Walking to the next door, Tomas Berg talked about the campaign, and said that the "
        "turnout would be high.": "Tomas Berg",
        "Separately, Tomas Berg went after the council and called for a vote on the plan.": (
            "Tomas Berg"
        ),
    }
    for text, speaker in cases.items():
        assert [st.speaker for st in extract(text)] == [speaker], text


def test_a_dateline_is_not_a_speaker() -> None:
    for dateline in ("DAYTON, Ohio (Reuters) -", "Dayton (AFP) –", "NORTH DAYTON, Ohio -"):
        statements = extract(
            f"{dateline} Senator Tomas Berg met flood victims on Thursday, saying that the "
            "state must rebuild the levees."
        )
        assert [st.speaker for st in statements] == ["Tomas Berg"], dateline


def test_an_introductory_phrase_without_a_subject_after_it_gives_no_speaker() -> None:
    # No comma ends the introduction: nobody is read off its first word.
    text = (
        "Hastily seizing on the storm ― much as he did last year ― Berg blamed the council, "
        "and stressed that the levees had failed."
    )
    assert all(st.speaker != "Hastily" for st in extract(text))


def test_the_place_a_speaker_is_introduced_at_is_not_the_speaker() -> None:
    (st,) = extract(
        "At Lakeside Club, where members pay $9,000 a year, Ada Quill, the club's president, "
        "suggested that the slump was caused by poor management."
    )
    assert st.speaker == "Ada Quill"


def test_contractions_and_participles_opening_a_sentence_are_not_names() -> None:
    texts = [
        "I'm old enough to remember Governor Ada Quill going on the radio in 1981, declaring "
        "a war on waste in every department.",
        "It’s become such a fixture that Berg thanked its members and called the union one of "
        "the pillars of his campaign.",
        "Having announced that she would not run again, Ada Quill went on to thank her staff.",
    ]
    for text in texts:
        speakers = {st.speaker for st in extract(text)}
        assert not speakers & {"I'm", "I", "It", "Having"}, (text, speakers)


def test_a_capitalised_cue_word_ending_a_name_is_not_a_cue() -> None:
    # "Forecast" is the end of the centre's name; both quotes are the economist's.
    (st,) = extract(
        '"The danger," said Rosa Lind, an economist who directs the Lakeside Economic '
        'Forecast, "is that we will attract workers and repel jobs."'
    )
    assert st.speaker == "Rosa Lind"
    assert st.text.endswith('repel jobs."')


def test_a_person_of_an_organisation_speaks_not_the_organisation() -> None:
    (st,) = extract(
        "Jonas Brandt of the Lakeside Institute for Water Studies wrote that the dam was unsafe."
    )
    assert st.speaker == "Jonas Brandt"
    (st,) = extract(
        "Mira Holt, president and CEO of Lakeside Growers Association stated, “It is not a "
        "political problem; it is a math problem.”"
    )
    assert st.speaker == "Mira Holt"
    assert st.role == "president and CEO of Lakeside Growers Association"
    # the organisation itself still speaks when nobody is named with it
    (st,) = extract("The Lakeside Growers Association said the harvest was the worst in years.")
    assert st.speaker == "Lakeside Growers Association"


def test_a_participle_describing_the_name_before_it_is_that_persons() -> None:
    (st,) = extract(
        "Rosa Lind, writing in the Lakeside Ledger this week, argued that the dam was unsafe."
    )
    assert st.speaker == "Rosa Lind"
    assert (st.cue, st.text) == ("argued", "the dam was unsafe")  # not "writing": "argued ..."
    # after an introduction, a person named in apposition is the subject
    (st,) = extract(
        "In early May, the campaign's state director, Jonas Brandt, reached out to the firm, "
        "writing in an email: “We want to use this as soon as we can.”"
    )
    assert st.speaker == "Jonas Brandt"


def test_an_inverted_speaker_followed_by_where_they_are() -> None:
    (st,) = extract(
        "Even Brazil has more pull through its television series, says political scientist "
        "Rosa Lind in Lisbon."
    )
    assert st.speaker == "Rosa Lind"
    assert st.text.startswith("Even Brazil")


def test_a_role_then_at_the_time_then_the_name_in_apposition() -> None:
    (st,) = extract(
        'The firm was "trying to change its image from a haven for crooks into a serious '
        'business," wrote the Danish ambassador at the time, Jonas K. Brandt.'
    )
    assert st.speaker == "Jonas K. Brandt"


def test_an_inverted_speaker_before_a_colon_or_a_description_then_the_quote() -> None:
    (st,) = extract(
        'In other words, explained TV moderator Rosa Lind: "What does that have to do with '
        'big donations?"'
    )
    assert st.speaker == "Rosa Lind"
    assert st.text == '"What does that have to do with big donations?"'
    (st,) = extract(
        "Said Mira Holt, who grew up with him on the same street, “We were all so proud of "
        "him and of his fights.”"
    )
    assert st.speaker == "Mira Holt"
    assert st.text.startswith("“We were all")


def test_a_description_ending_in_a_short_quote_before_the_cue() -> None:
    # The comma sits inside the closing marks of the nickname.
    (st,) = extract(
        "Tomas Berg, the hacker known as “Nightjar,” stated that he had reached the mayor's "
        "email server."
    )
    assert st.speaker == "Tomas Berg"
    assert st.text == "he had reached the mayor's email server"


def test_a_person_of_a_city_and_state_speaks_not_the_state() -> None:
    (st,) = extract("Rosa Lind of Dayton, Ohio says she thinks the mayor can win the primary.")
    assert st.speaker == "Rosa Lind"
    assert st.text == "she thinks the mayor can win the primary"


def test_a_sentence_adverb_opening_an_appositive_chain_is_no_speaker() -> None:
    (st,) = extract(
        "Similarly, Jonas K. Brandt, a former education minister, said he could not support "
        "the plan."
    )
    assert st.speaker == "Jonas K. Brandt"
    (st,) = extract("Kelly, a spokeswoman, said the plan was dead.")  # a name, not an adverb
    assert st.speaker == "Kelly"


def test_a_dateline_with_a_date_is_not_a_speaker() -> None:
    (st,) = extract(
        "LISBON, Aug 31 (Reuters) - Portugal's centre-right party leader, Rosa Lind, backed "
        "the treaty on Wednesday, saying the vote would bring stability to the region."
    )
    assert st.speaker == "Rosa Lind"


def test_names_that_look_like_openers_still_speak() -> None:
    # "-ing" and "-ly" names: a verb follows them, or nobody else is named after them
    (a, b) = extract(
        "Beijing has warned Lisbon against the sale of arms to the island, saying the deal "
        "would hurt ties."
    )
    assert a.speaker == b.speaker == "Beijing"
    (st,) = extract("Connolly, a Democrat, spoke at the rally, saying the plan was dead.")
    assert st.speaker == "Connolly"
    (st,) = extract("Connolly, a Democrat, said the plan was dead.")
    assert st.speaker == "Connolly"


def test_the_role_in_apposition_of_a_clauses_subject_is_kept() -> None:
    (st,) = extract(
        "Mira Holt, a spokeswoman, reacted to the ruling, saying that the firm would appeal it."
    )
    assert st.speaker == "Mira Holt"
    assert st.role == "spokeswoman"


def test_a_capitalised_time_word_is_part_of_the_name_before_the_cue() -> None:
    (st,) = extract("Lakeside Today reported last month that the dam had been inspected twice.")
    assert st.speaker == "Lakeside Today"
    (st,) = extract("Rosa Lind today said that the dam had been inspected twice.")
    assert st.speaker == "Rosa Lind"


def test_according_to_after_a_quote_ending_in_a_comma_inside_the_marks() -> None:
    (st,) = extract(
        "“The evidence cannot prove every element of the crime alleged,” according to a court "
        "filing by state attorney Rosa Lind."
    )
    assert st.speaker == "Rosa Lind"
    assert st.text.startswith("“The evidence") and st.text.endswith("alleged,”")


def test_a_cue_with_only_when_or_where_after_it_opens_the_next_quote() -> None:
    (st,) = extract(
        "Mira Holt, the spokeswoman for the Lakeside party, said in a statement. “There are "
        "no paper ballots to recount. The count was a unique event.”"
    )
    assert st.speaker == "Mira Holt"
    assert st.text.startswith("“There are no paper ballots")


def test_a_state_after_a_city_is_no_speaker_of_the_participle_after_it() -> None:
    (st,) = extract(
        "Ann Lee was 300 miles away in Dayton, Ohio, promising to rebuild every levee in the "
        "county by spring."
    )
    assert st.speaker == "Ann Lee"


def test_a_name_with_two_particles_is_read_whole() -> None:
    # "von der", "van den", "de la": each particle is lower case, only the surname after them
    # is capitalised
    (st,) = extract(
        "Commission President Greta von der Lind said the bloc would answer the tariffs soon."
    )
    assert st.speaker == "Greta von der Lind"
    (st,) = extract("“We will answer the tariffs soon,” said Commissioner Pieter van den Berg.")
    assert st.speaker == "Pieter van den Berg"
    (st,) = extract("Rosa de la Vega told reporters that the dam had been inspected twice.")
    assert st.speaker == "Rosa de la Vega"


def test_a_web_address_that_speaks_keeps_its_domain() -> None:
    (st,) = extract("The real number is closer to 15 percent, according to Factcheck.org.")
    assert st.speaker == "Factcheck.org"
    (st,) = extract("Lakeside News.com reported that the dam had been inspected twice.")
    assert st.speaker == "Lakeside News.com"


def test_an_outlet_described_before_its_name_reports_the_clause() -> None:
    for described in ("the newspaper Lakeside Daily", "Portuguese newspaper Lakeside Daily"):
        (st,) = extract(f"The engineer was based in Johannesburg, {described} reported.")
        assert st.speaker == "Lakeside Daily"
        assert st.text == "The engineer was based in Johannesburg"


def test_a_quote_ending_a_sentence_then_a_described_speaker_and_the_cue() -> None:
    # the quote ends its sentence ("!", or a nested quote's period): the attribution after it,
    # with the speaker's description in apposition, is a unit of its own
    (st,) = extract(
        "“We have got to win the county!” Will Dean, the chairman for the exurb, said of the "
        "encounter he had last week."
    )
    assert (st.speaker, st.role) == ("Will Dean", "chairman for the exurb")
    assert st.text == "“We have got to win the county!”"
    # a clause after the cue is what was said, not an attribution of the quote before
    sts = extract("“It is over.” Jane Doe, the mayor, said the plan would fail.")
    assert [(s.speaker, s.text) for s in sts] == [("Jane Doe", "the plan would fail")]


def test_a_surname_that_is_also_a_month_or_a_modal_is_read_as_the_name() -> None:
    (st,) = extract("“The deal will be delivered on time,” said Prime Minister Rosa May.")
    assert st.speaker == "Rosa May"
    (st,) = extract("“The party has lost its way,” said Al From, who helped found the group.")
    assert st.speaker == "Al From"
    (st,) = extract("Columnist Jorge Will wrote that the party had lost its way.")
    assert st.speaker == "Jorge Will"
    (st,) = extract("Brian May has said the band would tour again next year.")
    assert st.speaker == "Brian May"
    # the month is still a date, and "will" written lower case still an auxiliary
    (st,) = extract("Ann Lee said on May 5 that the plan will pass.")
    assert (st.speaker, st.text) == ("Ann Lee", "the plan will pass")
    (st,) = extract("The plan will pass, Ann Lee said in May.")
    assert st.speaker == "Ann Lee"


def test_a_spokesman_for_the_organisation_named_in_apposition_speaks() -> None:
    (st,) = extract(
        "“We will respond to this attack,” said a spokesman for the Lakeside Defense Forces, "
        "Avi Cohen."
    )
    assert (st.speaker, st.role) == ("Avi Cohen", "spokesman for the Lakeside Defense Forces")
    # without a name, the organisation speaks, and its role is no "spokesman for the"
    (st,) = extract("“We will respond to this attack,” said a spokesman for the Pentagon.")
    assert (st.speaker, st.role) == ("Pentagon", "spokesman")
    # an organisation whose name ends in Forces is one name, not "Forces" with a role
    (st,) = extract("The soldiers were killed near the border, the Lakeside Defense Forces said.")
    assert (st.speaker, st.role) == ("Lakeside Defense Forces", None)


def test_a_role_opening_the_clause_before_the_name_in_apposition_is_the_speakers_role() -> None:
    (st,) = extract("The Lakeside Group's CEO, Kim Fritts, said the two firms had agreed.")
    assert (st.speaker, st.role) == ("Kim Fritts", "Lakeside Group's CEO")
    (st,) = extract("On Monday, the state's attorney general, Lee Dunn, said the plan would fail.")
    assert (st.speaker, st.role) == ("Lee Dunn", "state's attorney general")


def test_a_weekday_after_an_inverted_speaker_is_no_part_of_the_name() -> None:
    (st,) = extract("“The deal will be delivered on time and in full,” said Ann Smith Monday.")
    assert st.speaker == "Ann Smith"


def test_a_named_speaker_and_those_who_speak_with_them_are_one_group() -> None:
    (st,) = extract("Ann Lee and her attorneys have said the company would return in some form.")
    assert (st.speaker, st.text) == (
        "Ann Lee and her attorneys",
        "the company would return in some form",
    )
    (st,) = extract("City Hall and Pentagon spokesmen said the ban prevented any planning at all.")
    assert st.speaker == "City Hall and Pentagon spokesmen"
    (st,) = extract("Since May, Mr. Tan and other leaders have said output must be cut this year.")
    assert st.speaker == "Tan and other leaders"
    (st,) = extract("The United States and its allies said the sanctions would stay in place.")
    assert st.speaker == "United States and its allies"
    (st,) = extract("“We will not back down from this fight,” Ann Lee and her supporters said.")
    assert st.speaker == "Ann Lee and her supporters"


def test_a_name_and_companions_after_another_verb_are_no_speakers() -> None:
    # the name is the object of "passed" and "met": "officials" and "aides" are nobody named
    assert extract("The bill passed the Senate and officials said it would become law soon.") == []
    assert extract("He met Ann Lee and her aides said the meeting went well for both sides.") == []
    # two words describing one unnamed group: "Current" is nobody
    assert extract("Current and former officials said the case cast a shadow on the inquiry.") == []


def test_names_after_an_inverted_cue_with_and_are_one_group() -> None:
    (st,) = extract(
        "“The contrast will be clear to every voter,” said Tom Doyle and others at the rally."
    )
    assert st.speaker == "Tom Doyle and others"
    (st,) = extract("“The debate will be held in Milwaukee,” said Gwen Ifill and Judy Woodruff.")
    assert st.speaker == "Gwen Ifill and Judy Woodruff"
    (st,) = extract(
        "“Our simple recommendation is not to use them,” wrote Jason Dana, Robyn Dawes and "
        "Nathan Peterson."
    )
    assert st.speaker == "Jason Dana, Robyn Dawes and Nathan Peterson"
    # two titles of one person are no group
    (st,) = extract("“We will win it back,” said former Lakeside Gov. and Party Chairman Ed Rowe.")
    assert " and " not in st.speaker
    # a verb after "and" is the speaker's next act, no one speaking with them
    (st,) = extract("“We will win the state by a wide margin,” said Ann Lee and added a warning.")
    assert st.speaker == "Ann Lee"


def test_a_plural_role_alone_at_the_start_names_nobody() -> None:
    # "Allies" and "Lawyers" are people nobody can name, as "Critics" are
    assert extract("Allies said he does not see any need to engage either man.") == []
    assert extract("Lawyers said the ruling would be appealed within a week.") == []


def test_a_clause_interrupted_by_its_attribution_is_the_statement_whole() -> None:
    # the subject before the speaker belongs to what was said: "was final" alone says nothing
    (st,) = extract("The decision, Ann Lee said, was final and would not be revisited.")
    assert (st.speaker, st.text) == (
        "Ann Lee",
        "The decision, Ann Lee said, was final and would not be revisited",
    )
    (st,) = extract("The plan to close the plant, said Ann Lee, would cost the town 400 jobs.")
    assert st.text == "The plan to close the plant, said Ann Lee, would cost the town 400 jobs"
    (st,) = extract("WASHINGTON — The decision, Ann Lee said, was final and would stand.")
    assert st.text == "The decision, Ann Lee said, was final and would stand"
    # an aside about the speaker is no continuation of the clause
    (st,) = extract(
        "The plan to close the plant, said Ann Lee, who chairs the board, was a mistake."
    )
    assert st.text == "The plan to close the plant"


def test_a_clause_the_writer_adds_after_an_attribution_is_not_the_speakers() -> None:
    (a, b) = extract(
        "In Seattle, marchers held white roses aloft, the Ledger reported, while in Tacoma the "
        "parade began with a moment of silence, the Tacoma Star reported."
    )
    assert (a.speaker, a.text) == ("Ledger", "In Seattle, marchers held white roses aloft")
    assert (b.speaker, b.text) == (
        "Tacoma Star",
        "in Tacoma the parade began with a moment of silence",
    )
    (st,) = extract("The plan would cost 400 jobs, Ann Lee said, and the town may never recover.")
    assert st.text == "The plan would cost 400 jobs"


def test_what_a_quote_was_said_of_may_be_long_and_the_quote_is_still_attributed() -> None:
    (st,) = extract(
        "“We have got to win this county. How do we win it?” Will Estrada, the county "
        "chairman, said of the encounter he had last week with the candidate at a rally."
    )
    assert (st.speaker, st.text) == (
        "Will Estrada",
        "“We have got to win this county. How do we win it?”",
    )


def test_names_listed_before_the_last_two_belong_to_the_group() -> None:
    (st,) = extract("Gwen Ifill, Judy Woodruff and Jim Lehrer said the debate would be in Ohio.")
    assert st.speaker == "Gwen Ifill, Judy Woodruff and Jim Lehrer"
    (st,) = extract("Sens. Ann Lee, Tom Hale and Bo Kerr all said the bill would fail this week.")
    assert st.speaker == "Ann Lee, Tom Hale and Bo Kerr"
    # a place or a day before the names opens the clause: nobody listed
    (st,) = extract("In Washington, Ann Lee and Tom Hale said the bill would fail this week.")
    assert st.speaker == "Ann Lee and Tom Hale"
    (st,) = extract("In Dallas, Texas, Ann Lee and Tom Hale said the bill would fail.")
    assert st.speaker == "Ann Lee and Tom Hale"
    (st,) = extract("Last week, Ann Lee, Tom Hale and Bo Kerr said the bill would fail.")
    assert st.speaker == "Ann Lee, Tom Hale and Bo Kerr"


def test_a_statement_set_beside_another_speakers_ends_at_the_contrast() -> None:
    a, b = extract(
        "Ann Lee said the bill would fail in the Senate, but Joe Doe said it would pass soon."
    )
    assert (a.speaker, a.text) == ("Ann Lee", "the bill would fail in the Senate")
    assert (b.speaker, b.text) == ("Joe Doe", "it would pass soon")
    # the same speaker going on is no other statement beside hers
    (st,) = extract("Ann Lee said the bill would fail, and she accused the chair of stalling it.")
    assert st.text.startswith("the bill would fail, and she accused")


def test_a_clause_then_speaker_and_added_gives_both_statements() -> None:
    for cue in ("added that", "also warned that"):
        a, b = extract(f"The plan would cost 400 jobs, Ann Lee said, and {cue} the town may fail.")
        assert (a.speaker, a.text) == ("Ann Lee", "The plan would cost 400 jobs")
        assert (b.speaker, b.text) == ("Ann Lee", "the town may fail")


def test_the_subject_speaks_after_a_verb_with_a_named_object() -> None:
    # the name after the subject's verb is its object, not a described person who speaks
    (st,) = extract("Ann Lee thanked Joe Doe and said the town owed him a debt of gratitude.")
    assert (st.speaker, st.text) == ("Ann Lee", "the town owed him a debt of gratitude")
    # a described person still speaks when the words before the name describe them
    (st,) = extract('"We won the state by a lot of votes," said Twitter user Jo Beyer.')
    assert st.speaker == "Jo Beyer"


def test_but_joins_a_second_verb_of_the_same_subject() -> None:
    (st,) = extract("Ann Lee used to back the plan, but now said it would cost the town too much.")
    assert (st.speaker, st.text) == ("Ann Lee", "it would cost the town too much")
    (st,) = extract("Ann Lee backed the plan but said it would cost the town too much.")
    assert st.speaker == "Ann Lee"


def test_a_party_and_state_aside_after_the_subject_is_skipped() -> None:
    (st,) = extract(
        "In a statement released Thursday, Rep. Ann Lee (D-N.Y.) reacted to the news, saying: "
        "“The killer should be in prison for the rest of his life.”"
    )
    assert st.speaker == "Ann Lee"
    (st,) = extract(
        "Sen. Ann Lee (R-Ky.) voted against the bill and said it would add to the debt."
    )
    assert (st.speaker, st.text) == ("Ann Lee", "it would add to the debt")


def test_an_owners_described_person_speaks_and_never_the_owner() -> None:
    (st,) = extract(
        '"It is about time that we had a woman running this country," exhorted '
        "Clinton's introducer, actress Ann Lee Curtis."
    )
    assert st.speaker == "Ann Lee Curtis"
    assert (
        extract('"It is about time that we had a woman in charge," said Clinton\'s introducer.')
        == []
    )


def test_a_stance_noun_and_that_make_a_cue() -> None:
    (st,) = extract(
        "Ann Lee, chairman of the county party, voiced confidence that her rival would be easy "
        "to defeat in a debate."
    )
    assert (st.speaker, st.text) == ("Ann Lee", "her rival would be easy to defeat in a debate")
    (st,) = extract("Joe Doe floated the notion that a joint ticket would win the convention.")
    assert (st.speaker, st.text) == ("Joe Doe", "a joint ticket would win the convention")
    (st,) = extract("Joe Doe also made the point that the plan would cost the town 400 jobs.")
    assert st.text == "the plan would cost the town 400 jobs"
    # the verbs without a stance noun and "that" report no speech
    assert extract("Ann Lee made a profit that year on the sale of the old house.") == []
    assert extract("Ann Lee shared a photo of the crowd that gathered at the rally.") == []


def test_a_short_phrase_of_time_or_place_between_subject_and_cue() -> None:
    for between in ("on Tuesday", "in an interview", "two weeks ago", "however", "too"):
        (st,) = extract(f"Ann Lee {between} said the plan was dead in the water.")
        assert (st.speaker, st.text) == ("Ann Lee", "the plan was dead in the water"), between
    (st,) = extract(
        "The State Department less than two weeks ago said for the first time that secret "
        "material had passed through the server."
    )
    assert st.speaker == "State Department"
    # a phrase inside the speaker's description is no circumstance of the subject
    (st,) = extract(
        "Joe Doe, a former aide and now the chairman of the Republican Party in Dade County, "
        "said the candidate was very much in touch with his background."
    )
    assert st.speaker == "Joe Doe"


def test_a_party_and_state_abbreviation_is_one_token() -> None:
    (st,) = extract(
        "Sen. Ann Lee, R-S.C., a long-shot presidential candidate, said the coalition is "
        "overselling its successes."
    )
    assert (st.speaker, st.text) == ("Ann Lee", "the coalition is overselling its successes")


def test_a_lower_case_description_after_the_cue_then_the_name() -> None:
    (st,) = extract('"I will not call it a mistake, so forget it," said retired surgeon Ann Lee.')
    assert st.speaker == "Ann Lee"
    (st,) = extract(
        '"The odds are better than even that it passes," said another advocate, Jo Lee.'
    )
    assert st.speaker == "Jo Lee"
    # a description that names nobody is no speaker
    assert (
        extract('"The odds are better than even that it passes," said people close to Jo Lee.')
        == []
    )


def test_an_office_with_of_runs_on_to_the_persons_name() -> None:
    for office, name in (
        ("County Supervisor of Elections", "Ann Lee"),
        ("Director of National Intelligence", "James R. Clapper"),
    ):
        (st,) = extract(f"{office} {name} said that the count would be over by Friday.")
        assert st.speaker == name, office


def test_the_participle_speaks_for_the_subject_after_a_failed_cue_or_a_quoted_phrase() -> None:
    # "continued" is a cue word, but here it attributes nothing: the participle still speaks
    (st,) = extract(
        "In an interview, Ann Lee continued to question his temperament, saying the senator "
        "could not make deals as president."
    )
    assert (st.speaker, st.text) == ("Ann Lee", "the senator could not make deals as president")
    # the comma before the participle inside the marks of a quoted phrase
    (st,) = extract(
        "Ann Lee delivered a defense of “New York values,” saying the city embodied the heart "
        "and soul of America."
    )
    assert (st.speaker, st.text) == ("Ann Lee", "the city embodied the heart and soul of America")
    # and the participle is never inverted: "they" is the subject of its clause
    # (what she blamed is her statement too)
    blamed, st = extract(
        "Gov. Ann Lee blamed the media for the fuss over the claim that the mayor “founded "
        "the gang,” saying they were nitpicking at his wording."
    )
    assert (blamed.speaker, blamed.cue) == ("Ann Lee", "blamed")
    assert (st.speaker, st.text) == ("Ann Lee", "they were nitpicking at his wording")


def test_here_and_there_open_an_introduction() -> None:
    (st,) = extract(
        "Here in Columbia, Ann Lee stepped up her emphasis on the courts, saying that the "
        "system had failed young people."
    )
    assert st.speaker == "Ann Lee"


def test_names_joined_by_and_are_a_plural_subject_of_say() -> None:
    (st,) = extract("Ann Lee and Joe Doe say the senator has not been tested as governors have.")
    assert (st.speaker, st.text) == (
        "Ann Lee and Joe Doe",
        "the senator has not been tested as governors have",
    )


def test_a_clause_ending_in_a_role_word_before_the_speaker_is_still_a_clause() -> None:
    (st,) = extract("Ann Lee is joining the morning show as an anchor, NBC announced on Tuesday.")
    assert (st.speaker, st.text) == ("NBC", "Ann Lee is joining the morning show as an anchor")
    # a description in apposition (no verb, or a comma after the name) is no clause
    assert extract("The state's attorney general, Lee Dunn said.") == []


def test_as_a_source_reported_attributes_the_clause_before_or_after_the_aside() -> None:
    (st,) = extract(
        "Ann Lee also met the mayor that day, as The Ledger reported on Tuesday, and she will "
        "join the team."
    )
    assert (st.speaker, st.text) == ("Ledger", "Ann Lee also met the mayor that day")
    (st,) = extract("Ann Lee was among those backing the plan, as the Ledger reported a day later.")
    assert st.text == "Ann Lee was among those backing the plan"
    (st,) = extract("Ann Lee soured on the plan long ago, the Ledger reported, citing two aides.")
    assert (st.speaker, st.text) == ("Ledger", "Ann Lee soured on the plan long ago")
    (st,) = extract("As reported by the Ledger, investigators found 2,200 emails on the server.")
    assert (st.speaker, st.text) == ("Ledger", "investigators found 2,200 emails on the server")
    (st,) = extract("The campaign, as reported by the Ledger, is a key part of the plan.")
    assert st.text == "The campaign, as reported by the Ledger, is a key part of the plan"
    # an opening phrase before ", as SPEAKER put it," is no clause of theirs
    (st,) = extract('Of course, as Ann Lee put it, "the stage itself was the winner of the night."')
    assert st.text == '"the stage itself was the winner of the night."'


def test_a_long_phrase_of_where_after_the_cue_leaves_the_clause_before() -> None:
    (st,) = extract(
        "Two emails have been placed in secure storage, Ann Lee, the undersecretary, wrote in "
        "a memo to the inspector general."
    )
    assert (st.speaker, st.text) == ("Ann Lee", "Two emails have been placed in secure storage")
    # but an opening phrase alone is no clause
    assert extract("In a direct appeal to voters, Ann Lee pleaded with them to reject it.") == []


def test_but_and_a_time_join_a_second_verb_of_the_same_subject() -> None:
    (st,) = extract(
        "Ann Lee has been critical of the mayor but on Tuesday wrote that she agreed with him."
    )
    assert (st.speaker, st.text) == ("Ann Lee", "she agreed with him")


def test_then_and_that_keep_the_subjects_second_statement() -> None:
    # ", then says": the subject goes on, not the name before the comma
    (st,) = extract(
        "Ann Lee offered the man a job as Secretary of Defense, then says she will welcome "
        "advice from anyone."
    )
    assert (st.speaker, st.text) == ("Ann Lee", "she will welcome advice from anyone")
    # after "that" the content is a clause, even when it opens with "in retrospect"
    (st,) = extract(
        "Ann Lee has disputed both critiques, but says that in retrospect she would have "
        "decided differently."
    )
    assert st.text == "in retrospect she would have decided differently"


def test_as_a_speaker_pointed_out_a_weak_cue_speaks_the_clause() -> None:
    (st,) = extract("And as Ann Lee pointed out, court rulings have a lasting impact on women.")
    assert (st.speaker, st.text) == ("Ann Lee", "court rulings have a lasting impact on women")
    assert extract("As Ann Lee pointed out the window, the crowd cheered at the sight.") == []


def test_a_description_set_off_by_commas_before_the_name_leaves_the_clause_before() -> None:
    (st,) = extract("The senator will stay in the race, his top aide, Tad Devine, told the Post.")
    assert (st.speaker, st.text) == ("Tad Devine", "The senator will stay in the race")
    # an opening phrase before the description is no clause of theirs
    assert extract("In a statement on Tuesday, the attorney general, Lee Dunn, said.") == []


def test_a_weekday_between_subject_and_cue() -> None:
    (st,) = extract('Ann Lee later Thursday told Fox News: "Both of them are meeting next week."')
    assert st.speaker == "Ann Lee"


def test_a_that_inside_the_reported_clause_is_not_its_start() -> None:
    # the words before that "that" are a clause of their own, not when or where it was said
    (st,) = extract("Ann Lee said he understands how hard that can be for anyone.")
    assert st.text == "he understands how hard that can be for anyone"
    (st,) = extract("Ann Lee said Mr. Dunn envisioned an approach that exploited regional feuds.")
    assert st.text == "Mr. Dunn envisioned an approach that exploited regional feuds"
    # a place, a time or to whom it was said still comes before the "that" of the content
    (st,) = extract("Ann Lee wrote in a memo to the inspector general that the plan had failed.")
    assert st.text == "the plan had failed"
    (st,) = extract("Ann Lee told The Washington Post in an interview that the plan had failed.")
    assert st.text == "the plan had failed"
    (st,) = extract("Ann Lee said privately last week that the plan had failed.")
    assert st.text == "the plan had failed"


def test_a_time_between_the_cue_and_a_clause_without_that() -> None:
    (st,) = extract("Ann Lee said Wednesday he agrees with the judge's remarks on the case.")
    assert (st.speaker, st.text) == ("Ann Lee", "he agrees with the judge's remarks on the case")
    (st,) = extract("Ann Lee said on Tuesday night the company would appeal the ruling.")
    assert st.text == "the company would appeal the ruling"
    (st,) = extract("Ann Lee told reporters last week the company would appeal the ruling.")
    assert st.text == "the company would appeal the ruling"
    # a time alone is no content
    assert extract("The plan was dropped. Ann Lee said Wednesday.") == []


def test_a_participle_after_the_attribution_is_how_it_was_said() -> None:
    # "pointing to ...", "looking ...": what the speaker did while saying it, not what was said
    (st,) = extract("The plan will fail in the end, Ann Lee said, pointing to the numbers.")
    assert (st.speaker, st.text) == ("Ann Lee", "The plan will fail in the end")
    (st,) = extract('"What kind of people do I have here?" Ann Lee asked, looking pleased.')
    assert (st.speaker, st.text) == ("Ann Lee", '"What kind of people do I have here?"')
    # "nothing" is no participle
    (st,) = extract("Ann Lee said, nothing will change for the families in the town.")
    assert st.text == "nothing will change for the families in the town"


def test_asked_right_after_a_quote_names_the_speaker_not_whom_was_asked() -> None:
    (st,) = extract('"Is the mayor running against his own party?" asked Mr. Dunn.')
    assert (st.speaker, st.text) == ("Dunn", '"Is the mayor running against his own party?"')
    (st,) = extract('"Why would you not raise it?" asked Ann Lee, now a partner at a firm.')
    assert st.speaker == "Ann Lee"
    # elsewhere the name after "asked" is whom was asked
    (st,) = extract('Ann Lee asked Mr. Dunn: "Why would you not raise it with the board?"')
    assert st.speaker == "Ann Lee"


def test_an_opening_participle_speaks_for_the_main_clauses_subject() -> None:
    (st,) = extract(
        "Noting that both parties battled staunch opposition from the media, Ann Lee put her "
        "finger on one facet of the race."
    )
    assert (st.speaker, st.text) == (
        "Ann Lee",
        "both parties battled staunch opposition from the media",
    )
    # a name inside the participle's clause is not its speaker
    (st,) = extract(
        "Arguing that Mr. Dunn, who chairs the panel, had misled voters, Ann Lee voted no."
    )
    assert (st.speaker, st.text) == ("Ann Lee", "Mr. Dunn, who chairs the panel, had misled voters")
    # with no subject after it, nobody is the speaker
    assert extract("Noting that the plan failed, the report ends on a hopeful note.") == []
    # a noun after the participle is what they recalled, not what they said
    assert extract("Recalling the pitfalls of the last election, Ann Lee began early.") == []


def test_whom_it_was_told_ending_the_sentence_leaves_the_clause_before() -> None:
    (st,) = extract("The force will assist the fighters, Ann Lee told a Senate panel Wednesday.")
    assert (st.speaker, st.text) == ("Ann Lee", "The force will assist the fighters")
    (st,) = extract("The plan is dead, Ann Lee told a crowd of supporters in Ohio.")
    assert st.text == "The plan is dead"
    # a clause after the one told is what was told
    (st,) = extract("Ann Lee told the committee the plan failed in every county.")
    assert st.text == "the plan failed in every county"


def test_on_condition_of_anonymity_is_how_it_was_said() -> None:
    (st,) = extract(
        "He was unable to find a single taker, Ann Lee said, on condition of anonymity to "
        "speak freely about his party's nominee."
    )
    assert (st.speaker, st.text) == ("Ann Lee", "He was unable to find a single taker")


def test_a_spaced_hyphen_or_a_double_hyphen_is_a_dash() -> None:
    for dash in ("-", "--", "—"):
        (st,) = extract(
            f"Ann Lee {dash} the mayor's chief of staff {dash} said the budget would be cut."
        )
        assert (st.speaker, st.text) == ("Ann Lee", "the budget would be cut")


def test_where_or_when_then_a_colon_and_a_quote_the_quote_is_what_was_said() -> None:
    for said in (
        "said after the meeting with the mayor",
        "wrote in a blog post on Tuesday",
        "reported after the police appear to have left the scene",
    ):
        (st,) = extract(f'Ann Lee {said}: "We will not give up on this city, ever."')
        assert (st.speaker, st.text) == ("Ann Lee", '"We will not give up on this city, ever."')
    # a clause before the colon is what was said
    (st,) = extract('Ann Lee said the plan is simple: "Build the road and open it."')
    assert st.text.startswith("the plan is simple")


def test_a_subordinate_clause_before_the_subject_of_and_said() -> None:
    for intro in ("When asked whom she supported,", "Asked about it,", "If pressed,"):
        (st,) = extract(
            f"{intro} Ann Lee smiled and said, ''I'm waiting for Mr. Dunn to get in the race.''"
        )
        assert (st.speaker, st.text) == (
            "Ann Lee",
            "''I'm waiting for Mr. Dunn to get in the race.''",
        )


def test_what_somebody_said_talked_about_is_not_their_statement() -> None:
    statements = extract(
        "President Tom Hale spoke on Sunday night. Nothing the president said “will calm "
        "anybody's fears about the plant,” the senator said."
    )
    assert not any(s.speaker == "Tom Hale" for s in statements)
    statements = extract("Everything Ann Lee said about the wall was untrue, the report found.")
    assert not any(s.speaker == "Ann Lee" for s in statements)
