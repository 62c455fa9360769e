"""clean_text: whitespace and Unicode normalisation, and boilerplate removal that keeps the news."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.clean import (
    clean_text,
    dominant_script,
    is_furniture,
    is_timestamp,
    normalize_whitespace,
    removed_lines,
)

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample" / "000_57a03034e1c4b1e0.txt"
PESKOV = (
    '"It seemed to be an indirect reference to some news reports because there was no official '
    'letter from Russia and there could be no (such) message," Kremlin spokesman Dmitry Peskov '
    "told reporters."
)

STORY = (
    "The city council approved the budget on Monday after a long debate.\n\n"
    '"This is a good day for the city," Mayor Jane Doe said.'
)


def _with(line: str, where: str = "middle") -> str:
    """STORY with `line` as its own paragraph at the top, in the middle or at the end."""
    first, second = STORY.split("\n\n")
    parts = {"top": [line, first, second], "middle": [first, line, second]}
    return "\n\n".join(parts.get(where, [first, second, line]))


def test_seed_article_loses_its_arabic_comment_footer_and_keeps_peskov() -> None:
    cleaned = clean_text(SAMPLE.read_text(encoding="utf-8"))
    assert "التعليقات" not in cleaned
    assert "تعليق" not in cleaned
    assert PESKOV in cleaned.split("\n")
    assert cleaned.endswith('"Professional technicians regularly go to Venezuela to repair and '
                            'maintain the equipment," she said.')  # fmt: skip


def test_whitespace_is_normalised_and_paragraphs_keep_one_blank_line() -> None:
    raw = "  First  line\twith   spaces.   \r\n\r\n\r\n\r\nSecond\u00a0paragraph.\t \r\n\n\n"
    assert clean_text(raw) == "First line with spaces.\n\nSecond paragraph."


def test_text_is_nfc_normalised() -> None:
    assert clean_text("Cafe\u0301 owner said the cafe\u0301 would reopen.") == (
        "Café owner said the café would reopen."
    )


def test_control_characters_are_dropped_but_newlines_kept() -> None:
    raw = "The vote\x00 passed\x07 on Tuesday.\x85Officials\u200b said\x1b so.\nDone\x7f."
    assert clean_text(raw) == "The vote passed on Tuesday.\nOfficials said so.\nDone."


def test_single_newlines_between_lines_are_kept() -> None:
    raw = "First paragraph ends here.\nSecond paragraph starts here."
    assert clean_text(raw) == raw


def test_hard_wrapped_sentence_is_joined_back() -> None:
    raw = "The minister said the plan would\nbe announced next week.\n\nNext paragraph."
    assert clean_text(raw) == (
        "The minister said the plan would be announced next week.\n\nNext paragraph."
    )


@pytest.mark.parametrize(
    "junk",
    [
        "Add comment",
        "Add a comment",
        "Comments",
        "Comments (12)",
        "Share this",
        "Share this article",
        "Share on Facebook",
        "Facebook Twitter Email",
        "Advertisement",
        "ADVERTISEMENT",
        "Story continues below advertisement",
        "Read more",
        "Read more here.",
        "Related: Senate passes the spending bill after all-night session",
        "More: What we know about the storm so far",
        "READ MORE: Five things to watch in the debate",
        "Sign up for our daily newsletter",
        "Sign up for Today's Best Articles in your inbox",
        "Click here to subscribe",
        "We use cookies to improve your experience. By continuing you accept our cookie policy.",
        "© 2024 Daily Planet. All rights reserved.",
        "Copyright 2019 The Gazette",
        "Follow us on Twitter",
        "Need a news break? Check out the all new PLAY hub with puzzles, games and more!",
        "The Example app gets you to the heart of the news — fast. Download for award-winning "
        "coverage and more.",
        "This article contains affiliate links. If you make a purchase, we may earn a commission.",
        "Ajouter un commentaire",
        "Kommentare",
        "Добавить комментарий",
        "اضافة تعليق",
        "* * *",
        "|",
    ],
)
def test_boilerplate_line_is_removed_anywhere(junk: str) -> None:
    for where in ("top", "middle", "end"):
        assert clean_text(_with(junk, where)) == STORY, (junk, where)


@pytest.mark.parametrize(
    "news",
    [
        "Facebook shares fell 5% after the company said it would add comments to its app.",
        "The advertisement, which ran during the Super Bowl, drew complaints, officials said.",
        "Readers who want to share their views can attend Tuesday's hearing, the council said.",
        "Related charges were filed against two other men on Friday, prosecutors said.",
        "More than 200 people were evacuated from the building, the fire chief said.",
        "Cookies sold by the Girl Scouts raised $2 million this year, organisers said.",
        "Travel disruptions could take a while to unwind, even after the federal government halted "
        "its plans to cut flights at major airports. Click here to read more about it.",
        "Anyone with information can contact police at tips@example.gov, the sheriff said.",
        "Comments made by the senator on Friday drew criticism from both parties.",
        "Updated figures released Tuesday show unemployment fell to 3.9% in May 2024.",
        "June 3, 2019 was the day the talks collapsed, according to the report.",
    ],
)
def test_news_sentences_that_mention_boilerplate_words_are_kept(news: str) -> None:
    for where in ("top", "middle", "end"):
        assert news in clean_text(_with(news, where)).split("\n"), (news, where)


def test_trailing_short_lines_in_another_script_are_dropped() -> None:
    text = STORY + "\n\nالتعليقات والاراء\n\nاضافة تعليق\n\n評論"
    assert clean_text(text) == STORY


def test_foreign_script_line_inside_the_story_is_kept() -> None:
    quote = "На этом всё"
    text = f"{STORY}\n\n{quote}\n\nThe meeting ended at noon, officials said."
    assert quote in clean_text(text)


def test_long_foreign_paragraph_at_the_end_is_kept() -> None:
    arabic = (
        "قال المتحدث باسم الكرملين ديمتري بيسكوف للصحفيين إنه لم تكن هناك رسالة رسمية من روسيا "
        "ولا يمكن أن تكون هناك رسالة من هذا القبيل."
    )
    assert clean_text(f"{STORY}\n\n{arabic}").endswith(arabic)


def test_article_in_arabic_keeps_its_text_and_loses_its_comment_widget() -> None:
    body = "قال المتحدث إن المحادثات ستستأنف الأسبوع المقبل.\n\nوأضاف أن الوفد سيصل يوم الاثنين."
    assert clean_text(f"{body}\n\nاضافة تعليق") == body


def test_timestamp_lines_at_the_top_are_removed() -> None:
    text = "Feb. 10, 2026 Updated Feb. 12, 2026, 9:03 a.m. ET\n\nCNN —\n\n" + STORY
    assert clean_text(text) == STORY
    assert clean_text("Updated Oct. 24, 2025, 8:13 a.m. ET\n\n" + STORY) == STORY


@pytest.mark.parametrize("heading", ["2:45 p.m.", "Saturday, August 10"])
def test_bare_time_or_day_heading_an_entry_is_kept(heading: str) -> None:
    text = f"{heading}\n\n{STORY}"
    assert clean_text(text) == text


def test_timestamp_in_the_middle_of_a_long_article_is_kept() -> None:
    paragraphs = [f"Paragraph {n} of the story says something new." for n in range(8)]
    paragraphs.insert(6, "Jan. 3, 2026")
    text = "\n\n".join(paragraphs)
    assert clean_text(text) == text


def test_reporter_contact_and_credit_lines_at_the_end_are_removed() -> None:
    footer = (
        "Contributing: Reuters\n\n"
        "(This story has been updated to add new information.)\n\n"
        "Jane Roe is a trending news reporter for Example Daily. Reach her at jroe@example.com "
        "and follow her on X @janeroe."
    )
    assert clean_text(f"{STORY}\n\n{footer}") == STORY


def test_contact_line_before_the_last_paragraph_is_kept() -> None:
    contact = "Reach Jane Roe at jroe@example.com."
    text = f"{contact}\n\n{STORY}"
    assert clean_text(text) == text


def test_update_note_that_states_a_fact_is_kept() -> None:
    note = "This story has been updated to reflect that Gorbachev died at 91."
    assert clean_text(f"{STORY}\n\n{note}").endswith(note)


def test_cleaning_twice_changes_nothing() -> None:
    raw = SAMPLE.read_text(encoding="utf-8") + "\n\nShare this\n\nComments"
    once = clean_text(raw)
    assert clean_text(once) == once


def test_removed_lines_lists_exactly_what_was_dropped() -> None:
    text = f"{STORY}\n\nShare this\n\nاضافة تعليق"
    assert removed_lines(text) == ["Share this", "اضافة تعليق"]


def test_empty_and_all_boilerplate_texts_clean_to_empty() -> None:
    assert clean_text("") == ""
    assert clean_text("\n\n  \t\n") == ""
    assert clean_text("Advertisement\n\nShare this\n\nComments") == ""


def test_helpers() -> None:
    assert normalize_whitespace("  A\n title\t here ") == "A title here"
    assert dominant_script("Hello مرحبا world") == "LATIN"
    assert dominant_script("مرحبا بكم hi") == "ARABIC"
    assert dominant_script("123 !!") is None
    assert is_timestamp("Published 5:00 a.m. ET Jan. 3, 2026")
    assert is_timestamp("Updated 5:00 a.m. ET Jan. 3")
    assert not is_timestamp("May 2025 was the hottest on record")
    assert is_furniture("Share on WhatsApp")
    assert not is_furniture("WhatsApp said on Tuesday it would share data with Meta.")


def test_invisible_bidirectional_controls_are_dropped() -> None:
    # an embedding before a quote mark, an override that would reverse a reply citing the text
    raw = "\u202a”We will win,” said Ann Lee.\nThe \u202eoffer\u202c was \u2067final\u2069."
    assert clean_text(raw) == "”We will win,” said Ann Lee.\nThe offer was final."


# Photo captions scraped with their credits glued on: the credit reads as part of the next
# sentence ("Getty Images Harry plays touch rugby", a speaker "Getty Images Kontaveit").
@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        (
            "Fans cheer on Williams on Friday. Corey Sipkin/AFP/Getty Images Williams serves "
            "during Friday's match.",
            "Fans cheer on Williams on Friday. Williams serves during Friday's match.",
        ),
        (
            "Palmerston North, New Zealand, May 2015. Chris Jackson/Getty Images Harry plays "
            "touch rugby with schoolchildren.",
            "Palmerston North, New Zealand, May 2015. Harry plays touch rugby with schoolchildren.",
        ),
        ("Joe Raedle/Getty Images Crews clear the road.", "Crews clear the road."),
        ("The storm hit on Monday. Timothy A. Clary/AFP/Getty Images", "The storm hit on Monday."),
        ("Voters line up in Richmond. Steve Helber/AP", "Voters line up in Richmond."),
        (
            "Zelenskyy speaks. (Image credit: Miguel Medina/AFP via Getty Images) He left.",
            "Zelenskyy speaks. He left.",
        ),
        ("The minister spoke. DANIEL LEAL-OLIVAS/AFP/Getty Images", "The minister spoke."),
    ],
)
def test_photo_credits_are_cut_out_of_captions(raw: str, clean: str) -> None:
    assert clean_text(f"{STORY}\n\n{raw}") == f"{STORY}\n\n{clean}"


def test_a_line_that_is_only_a_credit_is_dropped() -> None:
    assert clean_text(_with("Marco Bello/Reuters")) == STORY


@pytest.mark.parametrize(
    "news",
    [
        # a slash and an agency's name in a sentence, not a credit after one
        "A Reuters/Ipsos poll released Wednesday found only 38% approval.",
        "He told AP that the talks had failed.",
        "The deal, first reported by Reuters, was signed on Friday.",
        "Students at Texas A&M/AP classes walked out.",
        # a credit's shape as a sentence's subject: after "A", or before a lower-case word
        "A Suffolk University/USA TODAY poll found the race tied.",
        "A Des Moines Register/Bloomberg Politics poll released Saturday found 28 percent.",
        "Getty Images CEO Craig Peters said the company would appeal.",
    ],
)
def test_agency_names_in_sentences_are_kept(news: str) -> None:
    assert clean_text(_with(news)) == _with(news)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        (
            "The couple married in 2011. John Stillwell - WPA Pool/Getty Images After the "
            "wedding they left.",
            "The couple married in 2011. After the wedding they left.",
        ),
        (
            "Floods reached the city in May (Image credit: Indranil Aditya/NurPhoto via Getty "
            "Images), officials said.",
            "Floods reached the city in May, officials said.",
        ),
        (
            "The prince met the president in 1972. Dieter Klar/picture-alliance/dpa/AP Images "
            "Prince Andrew is photographed.",
            "The prince met the president in 1972. Prince Andrew is photographed.",
        ),
    ],
)
def test_credits_with_dashes_lower_case_agencies_and_in_parentheses_are_cut(
    raw: str, clean: str
) -> None:
    assert clean_text(_with(raw)) == _with(clean)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        # a summary box's label glued to its first point would read as part of the sentence
        (
            "AI-assisted summary Paramount settled a lawsuit for $16 million.",
            "Paramount settled a lawsuit for $16 million.",
        ),
        ("Key points: Reno police will add patrols.", "Reno police will add patrols."),
    ],
)
def test_a_summary_label_is_cut_from_the_line_it_starts(raw: str, clean: str) -> None:
    assert clean_text(_with(raw, "top")) == f"{clean}\n\n{STORY}"


@pytest.mark.parametrize("label", ["AI-assisted summary", "Key Points", "Summary:"])
def test_a_line_that_is_only_a_summary_label_is_dropped(label: str) -> None:
    assert clean_text(_with(label)) == STORY


@pytest.mark.parametrize(
    "news",
    [
        "Summary judgment was granted on Friday.",
        "Key points of the deal were leaked to reporters.",
        "AI-assisted summaries are spreading across newsrooms.",
    ],
)
def test_words_that_only_look_like_a_summary_label_stay(news: str) -> None:
    assert clean_text(_with(news)) == _with(news)


@pytest.mark.parametrize(
    "promo",
    [
        "Expert NFL Playoffs picks: Exclusive betting insights only at USA TODAY.",
        "Expert MLB daily picks: Unique MLB betting insights only at USA TODAY",
    ],
)
def test_an_exclusive_content_promo_is_dropped(promo: str) -> None:
    assert clean_text(_with(promo)) == STORY


def test_an_exclusive_interview_in_the_news_stays() -> None:
    news = "The exclusive interview aired only on CBS, the network said."
    assert clean_text(_with(news)) == _with(news)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        # scraped paragraphs joined without a space: one "sentence" ran over three
        (
            "They were pardoned Nov. 25.Trump kept the tradition.Their names were chosen online.",
            "They were pardoned Nov. 25. Trump kept the tradition. Their names were chosen online.",
        ),
        (
            'He said it was over."The talks failed," she said.',
            'He said it was over." The talks failed," she said.',
        ),
        ("Who will win?Thomas Smith answers.", "Who will win? Thomas Smith answers."),
        # an address, an abbreviation or a name written so stays
        (
            "Ask Tiffany.Acosta@gannett.com, see usatoday.com/News or https://x.com/A.Bc today.",
            None,
        ),
        ("The U.S.Army and Node.js ran at 5 p.m. on Friday.", None),
    ],
)
def test_sentences_glued_without_a_space_are_split(raw: str, clean: str | None) -> None:
    assert clean_text(raw) == (raw if clean is None else clean)
