"""Rendering answers for Discord and the terminal: escaping, sources, splitting, limits."""

from __future__ import annotations

import re

import discord
import pytest

from bot import render
from bot.models import Answer, Citation, Quote
from bot.render import (
    EMBED_DESCRIPTION_LIMIT,
    EMBED_FIELD_VALUE_LIMIT,
    EMBED_FIELDS_LIMIT,
    EMBED_TOTAL_LIMIT,
    EMBEDS_PER_MESSAGE_LIMIT,
    MESSAGE_LIMIT,
    Reply,
    escape_text,
    escape_title,
    render_answer,
    render_text,
    source_line,
    split_text,
)
from tests.bot.hostile import HOSTILE, live_constructs, neutralize
from tests.bot.hostile import unescape as hostile_unescape


def cite(n: int, title: str = "Russia denies reporting troop withdrawal", **kw: object) -> Citation:
    values: dict[str, object] = {
        "article_id": f"a{n}",
        "title": title,
        "url": f"https://example.com/news/{n}",
        "source": "Reuters",
        "published_at": "2019-06-04T10:00:00Z",
        "text": "The Kremlin denied it.",
        "start": 0,
        "end": 22,
    }
    values.update(kw)
    return Citation(n=n, **values)  # type: ignore[arg-type]


def answer(text: str, citations: tuple[Citation, ...] = (), **kw: object) -> Answer:
    return Answer(question="What did the Kremlin say?", text=text, citations=citations, **kw)  # type: ignore[arg-type]


def all_embeds(replies: list[Reply]) -> list[discord.Embed]:
    return [e for r in replies for e in r.embeds]


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


# ------------------------------------------------------------------------- limits


def test_limits_are_discords_documented_values() -> None:
    assert MESSAGE_LIMIT == 2000
    assert EMBED_DESCRIPTION_LIMIT == 4096
    assert EMBED_FIELDS_LIMIT == 25
    assert EMBED_TOTAL_LIMIT == 6000
    assert EMBED_FIELD_VALUE_LIMIT == 1024
    assert EMBEDS_PER_MESSAGE_LIMIT == 10


# ------------------------------------------------------------------------- escaping


def test_markdown_in_a_title_cannot_break_the_link() -> None:
    title = "Putin's *secret* plan ] [click](https://evil.example) __now__ `x` ~~y~~ ||z||"
    line = source_line(cite(1, title=title))
    match = re.fullmatch(r"\[1\] \[(?P<text>.*)\]\(<(?P<url>[^>]+)>\) · Reuters · 2019-06-04", line)
    assert match, line
    text = match.group("text")
    # Every bracket and markdown character inside the link text is escaped...
    assert not re.search(r"(?<!\\)[\[\]*_`~|]", text), text
    # ...and unescaped it is the title as written.
    assert unescape(text) == title
    assert match.group("url") == "https://example.com/news/1#:~:text=The%20Kremlin%20denied%20it"


def test_escape_title_collapses_newlines_so_a_title_stays_on_one_line() -> None:
    # The heading mark is escaped; "> " is no block quote once it is mid-line.
    assert escape_title("# Breaking\n> news") == "\\# Breaking > news"


def test_source_without_url_shows_title_and_source_without_a_link() -> None:
    line = source_line(cite(2, url=None, source="AP", published_at=None))
    assert line == "[2] Russia denies reporting troop withdrawal · AP"
    assert "](" not in line


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.com/a", "not a url"])
def test_non_web_urls_are_not_linked(url: str) -> None:
    line = source_line(cite(3, url=url))
    assert "](" not in line
    assert line.startswith("[3] Russia denies")


def test_characters_that_would_end_the_link_early_are_percent_encoded() -> None:
    line = source_line(cite(4, url="https://example.com/a b>c(d)"))
    assert "(<https://example.com/a%20b%3Ec%28d%29#:~:text=The%20Kremlin%20denied%20it>)" in line


def test_a_source_links_to_the_cited_words_with_a_text_fragment() -> None:
    text = (
        "In March Trump urged Russia to leave Venezuela after Moscow - in a major solidarity "
        "move - deployed about 100 troops on its territory. [1]"
    )
    line = source_line(cite(1, text=text, published_at=None))
    assert line == (
        "[1] [Russia denies reporting troop withdrawal](<https://example.com/news/1"
        "#:~:text=In%20March%20Trump%20urged%20Russia,100%20troops%20on%20its%20territory"
        ">) · Reuters"
    )


def test_cited_text_cannot_end_the_angle_bracketed_link_early() -> None:
    line = source_line(cite(1, text="Oil > $100) <b>, traders said"))
    assert "(<https://example.com/news/1#:~:text=Oil%20%3E%20$100%29%20%3Cb%3E%2C%20traders" in line
    assert line.count("<") == 1 and line.count(">") == 1


def test_a_deep_link_over_the_url_cap_falls_back_to_the_plain_url() -> None:
    url = "https://example.com/" + "a" * (render.URL_CHARS - len("https://example.com/"))
    assert len(url) == render.URL_CHARS
    line = source_line(cite(1, url=url))
    assert f"](<{url}>)" in line
    assert ":~:" not in line


def test_the_url_cap_applies_after_percent_encoding() -> None:
    url = "https://example.com/" + "|" * (render.URL_CHARS - len("https://example.com/"))
    assert len(url) == render.URL_CHARS
    assert render.safe_url(url) is None  # each "|" becomes "%7C"
    assert "](" not in source_line(cite(1, url=url, text=""))


def test_answer_text_markdown_is_escaped_but_citation_markers_stay_plain() -> None:
    escaped = escape_text("He said *never* [1]. See [here](https://x.example) ||now|| [2].")
    assert "\\*never\\*" in escaped
    assert "\\[here](" in escaped  # no masked link can form
    assert "\\|\\|now\\|\\|" in escaped
    assert "[1]" in escaped and "[2]" in escaped and "\\[1" not in escaped


# ------------------------------------------------------------------------- splitting


def test_split_prefers_paragraph_boundaries() -> None:
    first = "First paragraph, one sentence [1]."
    second = "Second paragraph. It has two sentences [2]."
    chunks = split_text(f"{first}\n\n{second}", len(second) + 5)
    assert chunks == [first, second]


def test_split_falls_back_to_sentence_boundaries_keeping_markers_with_their_sentence() -> None:
    text = 'Peskov denied it [1]. "It seemed indirect," he said. [2] Lavrov was shocked [3].'
    chunks = split_text(text, 40)
    assert chunks == [
        "Peskov denied it [1].",
        '"It seemed indirect," he said. [2]',
        "Lavrov was shocked [3].",
    ]


def test_split_cuts_a_single_overlong_word_and_loses_nothing() -> None:
    text = "short " + "x" * 25 + " end."
    chunks = split_text(text, 10)
    assert all(len(c) <= 10 for c in chunks)
    assert "".join(chunks).replace(" ", "") == text.replace(" ", "")


def test_split_never_separates_an_escape_from_its_character() -> None:
    chunks = split_text("a" * 9 + "\\*" + "b" * 9, 10)
    assert all(not c.endswith("\\") for c in chunks)
    assert "".join(chunks) == "a" * 9 + "\\*" + "b" * 9


# ------------------------------------------------------------------------- answers


def long_answer(paragraphs: int = 12, citations: int = 40) -> Answer:
    sentence = "The Kremlin said the report was wrong and that experts remain in Venezuela"
    paras = [
        " ".join(f"{sentence} (part {p}.{s}) [{(p + s) % citations + 1}]." for s in range(8))
        for p in range(paragraphs)
    ]
    cites = tuple(
        cite(n, title=f"Article number {n} " + "with a long title " * 6)
        for n in range(1, citations + 1)
    )
    return answer("\n\n".join(paras), cites)


def test_a_long_answer_is_split_within_every_limit_and_loses_nothing() -> None:
    a = long_answer()
    replies = render_answer(a)
    embeds = all_embeds(replies)
    assert len(replies) > 1, "the answer is long enough to need several messages"
    for reply in replies:
        assert len(reply.embeds) <= EMBEDS_PER_MESSAGE_LIMIT
        assert sum(len(e) for e in reply.embeds) <= EMBED_TOTAL_LIMIT
        assert reply.content is None or len(reply.content) <= MESSAGE_LIMIT
    for embed in embeds:
        assert len(embed.description or "") <= EMBED_DESCRIPTION_LIMIT
        assert len(embed.fields) <= EMBED_FIELDS_LIMIT
        assert all(len(f.value or "") <= EMBED_FIELD_VALUE_LIMIT for f in embed.fields)
        assert len(embed) <= EMBED_TOTAL_LIMIT
    # Every word of the answer, in order, and every source, exactly once.
    body = "\n\n".join(e.description for e in embeds if e.description)
    assert unescape(body).split() == a.text.split()
    lines = [line for e in embeds for f in e.fields for line in (f.value or "").splitlines()]
    assert [int(line.split("]")[0][1:]) for line in lines] == list(range(1, 41))
    # The parts are numbered so a reader knows more follows.
    assert embeds[0].footer.text == f"1/{len(embeds)}"


def test_a_short_answer_is_one_embed_with_its_sources() -> None:
    a = answer(
        "The Kremlin denied it [1]. Lavrov expressed shock [2].", (cite(1), cite(2, url=None))
    )
    (reply,) = render_answer(a)
    (embed,) = reply.embeds
    assert embed.title == "What did the Kremlin say?"
    assert embed.description == "The Kremlin denied it [1]. Lavrov expressed shock [2]."
    (field,) = embed.fields
    assert field.name == "Sources"
    assert field.value == (
        "[1] [Russia denies reporting troop withdrawal]"
        "(<https://example.com/news/1#:~:text=The%20Kremlin%20denied%20it>) · Reuters"
        " · 2019-06-04\n[2] Russia denies reporting troop withdrawal · Reuters · 2019-06-04"
    )
    assert embed.footer.text is None


def test_not_found_is_a_short_plain_reply_without_sources() -> None:
    a = Answer(question="Who won the 1930 World Cup?", text="", found=False)
    assert render_answer(a) == [Reply(content=render.NOT_FOUND_TEXT)]
    said = Answer(question="q", text="Nothing in the articles mentions that.", found=False)
    assert render_answer(said) == [Reply(content="Nothing in the articles mentions that.")]


def test_who_said_what_lists_each_statement_with_its_speaker() -> None:
    quotes = (
        Quote("Dmitry Peskov", "There was no official letter from Russia.", 1, "Kremlin spokesman"),
        Quote("Sergei Lavrov", "I can not even imagine the source.", 2),
    )
    a = answer("Two officials spoke:", (cite(1), cite(2)), quotes=quotes)
    description = render_answer(a)[0].embeds[0].description or ""
    assert (
        "• **Dmitry Peskov** (Kremlin spokesman): “There was no official letter from Russia.” [1]"
        in description
    )
    assert "• **Sergei Lavrov**: “I can not even imagine the source.” [2]" in description


def test_statements_already_in_the_answer_text_are_not_repeated() -> None:
    text = "Dmitry Peskov said:\n- There was no official letter from Russia. [1]"
    quotes = (Quote("Dmitry Peskov", "There was no official letter from Russia.", 1),)
    description = render_answer(answer(text, (cite(1),), quotes=quotes))[0].embeds[0].description
    assert description is not None
    assert description.count("no official letter") == 1
    assert "\n- There was" in description  # the answer's own bullets keep their markdown


def test_terminal_text_has_the_same_parts_without_markdown() -> None:
    quotes = (Quote("Dmitry Peskov", "No letter *was* sent.", 1, "Kremlin spokesman"),)
    a = answer(
        "Peskov spoke [1].", (cite(1, title="A *bold* [title]"), cite(2, url=None)), quotes=quotes
    )
    assert render_text(a) == (
        "Peskov spoke [1].\n\n"
        "• Dmitry Peskov (Kremlin spokesman): “No letter *was* sent.” [1]\n\n"
        "Sources:\n"
        "[1] A *bold* [title] · Reuters · 2019-06-04\n"
        "    https://example.com/news/1#:~:text=The%20Kremlin%20denied%20it\n"
        "[2] Russia denies reporting troop withdrawal · Reuters · 2019-06-04"
    )
    assert render_text(Answer(question="q", text="", found=False)) == render.NOT_FOUND_TEXT


# ------------------------------------------------------------------------- hostile text


@pytest.mark.parametrize("text", HOSTILE)
def test_one_line_user_text_is_inert_in_discord_and_loses_nothing(text: str) -> None:
    escaped = escape_title(text)
    assert live_constructs(escaped) == [], escaped
    assert hostile_unescape(escaped) == " ".join(text.split())


@pytest.mark.parametrize("text", HOSTILE)
def test_article_text_in_an_answer_is_inert_in_discord_and_loses_nothing(text: str) -> None:
    escaped = escape_text(text)
    # Only "- " bullets stay: the answer's own statement lists are written that way.
    assert live_constructs(escaped, allow=("list bullet",)) == [], escaped
    assert hostile_unescape(escaped) == text


def hostile_citation(n: int, text: str, url: str | None = "https://news.example/1") -> Citation:
    return cite(n, title=text, source=text, url=url, published_at=text, text=text)


def assert_source_lines_are_inert(value: str, citations: tuple[Citation, ...]) -> None:
    """Each line is `[n] [title](<url>) · source · date` (or without the link): the bot's own
    link stays, pointing where the citation's URL says; everything else is inert."""
    lines = value.splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == [f"[{c.n}]" for c in citations]
    for line, citation in zip(lines, citations, strict=True):
        rest = line.split(" ", 1)[1]
        link = re.match(r"\[(?P<title>(?:\\.|[^\\\]])*)\]\(<(?P<url>[^<>\s()]+)>\)", rest)
        if link:
            assert citation.url is not None
            assert link.group("url").startswith(citation.url.split("#")[0])
            assert live_constructs(link.group("title")) == [], line
            rest = rest[link.end() :]
        else:
            assert render.citation_url(citation) is None, line
        assert live_constructs(rest) == [], line


def test_every_part_of_a_found_answer_is_inert_in_discord() -> None:
    question = " ".join(HOSTILE)
    citations = (
        hostile_citation(1, " ".join(HOSTILE)),
        *(hostile_citation(n, text, url=None) for n, text in enumerate(HOSTILE, start=2)),
        hostile_citation(50, "x", url="javascript:alert(1)"),
    )
    text = "\n\n".join(f"{h} [{n}]" for n, h in enumerate(HOSTILE, start=1))
    replies = render_answer(Answer(question=question, text=text, citations=citations))
    embeds = all_embeds(replies)

    assert embeds[0].title is not None and live_constructs(embeds[0].title) == []
    shown = hostile_unescape(embeds[0].title)
    assert shown.endswith("…") and " ".join(question.split()).startswith(shown[:-1])
    descriptions = "\n\n".join(e.description or "" for e in embeds)
    assert live_constructs(descriptions, allow=("list bullet",)) == []
    value = "\n".join(f.value or "" for e in embeds for f in e.fields)
    assert_source_lines_are_inert(value, citations)
    assert all(r.content is None for r in replies)


def test_statements_notes_and_leads_of_hostile_text_are_inert_except_the_bots_own_bold() -> None:
    hostile = " ".join(" ".join(HOSTILE).split())  # the bot's bold spans one line
    quotes = tuple(Quote(h, f"quoted {h}", 1, h) for h in HOSTILE)
    a = Answer(
        question="q",
        text=f"{hostile} said it [1].",
        lead=hostile,
        note=f"Several people match {hostile}",
        quotes=quotes,
        citations=(cite(1),),
    )
    description = "\n".join(e.description or "" for e in all_embeds(render_answer(a)))
    plain = neutralize(description)
    # The bot's own formatting: the note in italics, the lead and each speaker in bold.
    plain = re.sub(r"^\*(.*)\*$", r"\1", plain, count=1, flags=re.MULTILINE)
    plain = re.sub(r"^\*\*(.*?)\*\*", r"\1", plain, flags=re.MULTILINE)
    plain = re.sub(r"^• \*\*(.*?)\*\*", r"• \1", plain, flags=re.MULTILINE)
    assert live_constructs(plain) == [], plain


@pytest.mark.parametrize("text", HOSTILE)
def test_a_not_found_reply_is_inert_in_discord(text: str) -> None:
    said = f"I couldn't find any statements by {text} in the indexed news articles."
    (reply,) = render_answer(Answer(question=text, text=said, found=False))
    assert reply.content is not None and reply.embeds == ()
    assert live_constructs(reply.content) == [], reply.content
    assert hostile_unescape(reply.content) == " ".join(said.split())


def test_an_escaped_not_found_reply_stays_within_a_message() -> None:
    said = "*" * 3000
    (reply,) = render_answer(Answer(question="q", text=said, found=False))
    assert reply.content is not None and len(reply.content) <= MESSAGE_LIMIT
    assert live_constructs(reply.content) == []


@pytest.mark.parametrize(
    "url",
    [
        "https://news.example@evil.com/",  # a user name that reads like the host
        "https:evil.com",  # no host
        "https:///evil.com",
        "data:text/html,<b>x</b>",
        "http://exa mple.com/",
    ],
)
def test_urls_without_a_plain_web_host_are_not_linked(url: str) -> None:
    assert render.safe_url(url) is None
    line = source_line(cite(1, url=url))
    assert "](" not in line and live_constructs(line.split(" ", 1)[1]) == []


def test_a_closing_parenthesis_in_a_url_cannot_break_out_of_the_link() -> None:
    line = source_line(cite(1, url="https://news.example/a)](https://evil.com)", text=""))
    link = re.fullmatch(r"\[1\] \[.*\]\(<(?P<url>[^<>\s()]+)>\) · Reuters · 2019-06-04", line)
    assert link, line
    assert link.group("url") == "https://news.example/a%29%5D%28https://evil.com%29"
