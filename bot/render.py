"""Turn an `Answer` into Discord messages (embeds within Discord's limits) or terminal text.

Both renderings follow the same rules: the answer text keeps its `[n]` markers, who-said-what
answers list each statement with its speaker, and a Sources section lists every citation as
`[n] Title · Source · date` (a masked link with angle brackets in Discord, so no link preview
unfurls), the link opening the article at the cited words (`Citation.link`). An answer that
found nothing is a short plain message with no sources.

Text the bot did not write (questions, article text, titles, names, error messages) reaches
Discord only through `escape`, which makes it inert: no link, mention or formatting.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

import discord

from bot.models import Answer, Citation, Quote
from index.models import Article

log = logging.getLogger(__name__)

# Discord's limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits).
MESSAGE_LIMIT = 2000  # characters of a message's content
EMBED_DESCRIPTION_LIMIT = 4096
EMBED_TITLE_LIMIT = 256
EMBED_FIELDS_LIMIT = 25
EMBED_FIELD_NAME_LIMIT = 256
EMBED_FIELD_VALUE_LIMIT = 1024
EMBED_FOOTER_LIMIT = 2048
EMBED_TOTAL_LIMIT = 6000  # all titles, descriptions, fields and footers of one message together
EMBEDS_PER_MESSAGE_LIMIT = 10

EMBED_COLOUR = discord.Colour(0x5865F2)
NOT_FOUND_TEXT = "I couldn't find anything about that in the indexed news articles."
SOURCES_HEADING = "Sources"
SOURCES_CONTINUED = "Sources (continued)"
# Room kept in every embed for a "2/3" footer, so numbering parts never breaks the total.
FOOTER_RESERVE = 16
# Bounds on one source line, so a line always fits in one field value.
TITLE_CHARS = 200
SOURCE_CHARS = 60
URL_CHARS = 500

# A sentence ends with . ! ? or … , maybe followed by closing quotes or brackets and by the
# answer's citation markers ("... reporters." [1]); the whitespace after it is a boundary.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)\]]*(?:\s*\[\d+\])*(?=\s)")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# What makes text live in Discord, escaped with a backslash (Discord shows the character and
# drops the backslash). Matched in one pass, left to right, so no escape is escaped again:
# - a citation marker "[3]" (kept in answer text: the bot writes them) unless a "(" follows;
# - at a line start: headings, "-#" subtext, block quotes, lists ("- " only outside answers);
# - "://" (a bare or masked link needs it; "\://" is neither), the "." of an invite host,
#   "@everyone"/"@here", "<" (user, role, channel and command mentions, timestamps, emoji);
# - markdown characters: \ * _ ~ | ` and square brackets.
_DISCORD_SPECIAL = re.compile(
    r"(?P<marker>\[\d{1,4}\](?!\())"
    r"|^(?P<indent>[ \t]*)(?P<line>#{1,3}(?=[ \t])|-#(?=[ \t])|>{1,3}(?=[ \t])|[-+](?=[ \t])"
    r"|\d{1,9}[.)](?=[ \t]))"
    r"|:(?=//)"
    r"|(?<=discord)\.(?=gg/|com/invite)|(?<=discordapp)\.(?=com/invite)"
    r"|@(?=everyone|here)"
    r"|[\\*_~|`<\[\]]",
    re.MULTILINE | re.IGNORECASE,
)
# A host name or an IPv4/IPv6 address, as urlsplit gives it (lower case, no brackets).
_HOST = re.compile(r"[\w.-]+|[0-9a-f:.]+")
_QUOTE_MARKS = '"“”„«»'


@dataclass(frozen=True)
class Reply:
    """One Discord message of an answer: plain content, embeds, or both."""

    content: str | None = None
    embeds: tuple[discord.Embed, ...] = ()


# --------------------------------------------------------------------------- escaping


def escape(text: str, *, answer: bool = False) -> str:
    """Make user or article text inert in Discord: no link, mention, ping or formatting of its
    own, and nothing lost (Discord shows every character as written).

    The one escaping function: every piece of text the bot did not write itself goes through
    it before it reaches Discord. `answer=True` is for answer text, which keeps the bot's
    own `[n]` citation markers and "- " statement bullets as they are.
    """

    def sub(match: re.Match[str]) -> str:
        if match.group("marker") is not None:
            marker = match.group("marker")
            return marker if answer else "\\" + marker[:-1] + "\\]"
        line = match.group("line")
        if line is not None:
            indent = match.group("indent")
            if answer and line == "-":
                return match.group(0)
            if line[0].isdigit():  # "1." / "2)": escape the punctuation
                return f"{indent}{line[:-1]}\\{line[-1]}"
            return f"{indent}\\{line}"
        if answer and match.group(0) == "]":
            return "]"  # no "[" is left to open a link (and "\\://" cannot be its target)
        return "\\" + match.group(0)

    return _DISCORD_SPECIAL.sub(sub, text)


def _clip(escaped: str, limit: int) -> str:
    """Escaped text cut to `limit` characters with "…", never between a backslash and the
    character it escapes."""
    if len(escaped) <= limit:
        return escaped
    cut = limit - 1
    run = len(escaped[:cut]) - len(escaped[:cut].rstrip("\\"))
    if run % 2:  # the last kept backslash escapes the first dropped character
        cut -= 1
    return escaped[:cut] + "…"


def escape_line(text: str, limit: int | None = None) -> str:
    """`escape` for one line of text (a title, a name, a question): whitespace collapsed,
    then cut to `limit` characters when given."""
    escaped = escape(" ".join(text.split()))
    return escaped if limit is None else _clip(escaped, limit)


def escape_lines(text: str, limit: int | None = None) -> str:
    """`escape_line` for each line of a several-line text (a build summary), line breaks kept."""
    escaped = "\n".join(escape_line(line) for line in text.splitlines())
    return escaped if limit is None else _clip(escaped, limit)


def escape_title(title: str) -> str:
    """An article title or a source name, escaped so it cannot break a `[title](<url>)` link."""
    return escape_line(title)


def escape_text(text: str) -> str:
    """Article text in an answer, escaped, keeping the answer's `[n]` markers and bullets."""
    return escape(text, answer=True)


def safe_url(url: str | None) -> str | None:
    """An http(s) URL with a host, safe inside `(<...>)`, or None when there is none usable.

    A URL with a user name ("https://news.example@evil.com/") is refused: its host is not
    what it seems to be at a glance.
    """
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host or "@" in parts.netloc:
        return None
    if not _HOST.fullmatch(host):
        return None
    # Percent-encode whatever could end the angle-bracketed link early; keep existing escapes.
    url = quote(url, safe="%/:=&?~#+!$,;'@*.-_")
    return url if len(url) <= URL_CHARS else None


def citation_url(citation: Citation) -> str | None:
    """The link for a source line: the deep link to the cited words when it is safe and within
    `URL_CHARS`, else the article's plain URL (or None when neither is usable)."""
    return safe_url(citation.link) or safe_url(citation.url)


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def format_date(published_at: str | None) -> str | None:
    """The date part of an ISO date or datetime; other strings as given (shortened)."""
    if not published_at:
        return None
    match = _DATE.match(published_at.strip())
    return match.group(0) if match else _shorten(published_at, 32)


# --------------------------------------------------------------------------- splitting


def _hard_cut(text: str, limit: int) -> list[str]:
    pieces = []
    while len(text) > limit:
        cut = limit
        # Never separate an escaping backslash from the character it escapes.
        while cut > 1 and text[cut - 1] == "\\":
            cut -= 1
        pieces.append(text[:cut])
        text = text[cut:]
    return [*pieces, text] if text else pieces


def _sentences(text: str) -> list[str]:
    out, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        out.append(text[start : match.end()])
        start = match.end()
    out.append(text[start:])
    return out


def _pack(pieces: Iterable[str], sep: str, limit: int) -> list[str]:
    """Join pieces greedily with `sep` into chunks of at most `limit` characters."""
    chunks: list[str] = []
    current = ""
    for piece in pieces:
        candidate = f"{current}{sep}{piece}" if current else piece
        if len(candidate) <= limit:
            current = candidate
        else:
            if current:
                chunks.append(current)
            current = piece
    if current:
        chunks.append(current)
    return chunks


# Boundaries from the strongest to the weakest: each level splits what the one before could
# not fit, and the pieces are joined again with the level's own separator.
_LEVELS: tuple[tuple[Callable[[str], list[str]], str], ...] = (
    (_PARAGRAPH_BREAK.split, "\n\n"),
    (lambda text: text.split("\n"), "\n"),
    (_sentences, " "),
    (str.split, " "),
)


def _split(text: str, limit: int, level: int) -> list[str]:
    text = text.strip()
    if len(text) <= limit:
        return [text] if text else []
    if level == len(_LEVELS):
        return _hard_cut(text, limit)
    splitter, sep = _LEVELS[level]
    units: list[str] = []
    for part in splitter(text):
        units.extend(_split(part, limit, level + 1))
    # Pieces of one split unit never merge again: they did not fit with a separator as
    # short as this one.
    return _pack(units, sep, limit)


def split_text(text: str, limit: int) -> list[str]:
    """Split text into chunks of at most `limit` characters.

    Paragraph boundaries first, then lines, then sentences, then words; only a single word
    longer than the limit is cut. No text is lost: the chunks hold the same words in order.
    """
    if limit <= 0:
        raise ValueError("limit must be positive")
    return _split(text, limit, 0)


# --------------------------------------------------------------------------- pieces


def source_line(citation: Citation) -> str:
    """`[n] [Title](<url>) · Source · date` for Discord; without a url, title and source."""
    title = escape_line(citation.title or "Untitled", TITLE_CHARS)
    url = citation_url(citation)
    parts = [f"[{title}](<{url}>)" if url else title]
    if citation.source:
        parts.append(escape_line(citation.source, SOURCE_CHARS))
    date = format_date(citation.published_at)
    if date:
        parts.append(escape_line(date))
    return f"[{citation.n}] " + " · ".join(parts)


def story_line(article: Article) -> str:
    """`date · Outlet · [Title](<url>)`: one line of /latest (no link preview unfurls)."""
    title = escape_title(_shorten(article.title or "Untitled", TITLE_CHARS))
    url = safe_url(article.url)
    parts = [format_date(article.published_at) or "undated"]
    if article.source:
        parts.append(escape_title(_shorten(article.source, SOURCE_CHARS)))
    parts.append(f"[{title}](<{url}>)" if url else title)
    return " · ".join(parts)


def _new_quotes(answer: Answer) -> list[Quote]:
    """Statements not already written out in the answer text (no repeats)."""
    body = " ".join(answer.text.split())
    return [q for q in answer.quotes if " ".join(q.text.split()) not in body]


def _quote_line(quote: Quote, *, markdown: bool) -> str:
    text = " ".join(quote.text.split())
    if markdown:
        speaker = f"**{escape_line(quote.speaker)}**"
        role = f" ({escape_line(quote.role)})" if quote.role else ""
        text = escape_text(text)
    else:
        speaker = quote.speaker
        role = f" ({quote.role})" if quote.role else ""
    text = text.strip(_QUOTE_MARKS)
    return f"• {speaker}{role}: “{text}” [{quote.citation}]"


def _body(answer: Answer, *, markdown: bool) -> str:
    paragraphs = []
    if answer.note and " ".join(answer.note.split()) not in " ".join(answer.text.split()):
        paragraphs.append(f"*{escape_text(answer.note)}*" if markdown else answer.note)
    text = answer.text.strip()
    if text and markdown and answer.lead and text.startswith(answer.lead):
        # The span that answers stands out; the rest is escaped as article text.
        lead = escape_text(answer.lead)
        paragraphs.append(f"**{lead}**{escape_text(text[len(answer.lead) :])}")
    elif text:
        paragraphs.append(escape_text(text) if markdown else text)
    quotes = _new_quotes(answer)
    if quotes:
        paragraphs.append("\n".join(_quote_line(q, markdown=markdown) for q in quotes))
    return "\n\n".join(paragraphs)


def not_found_text(answer: Answer) -> str:
    """The short plain reply for an answer that found nothing (unescaped: for the terminal)."""
    text = " ".join(answer.text.split()) or NOT_FOUND_TEXT
    return _shorten(text, MESSAGE_LIMIT)


def _not_found_message(answer: Answer) -> str:
    """The not-found reply for Discord: it usually repeats the question, so it is escaped."""
    return escape_line(answer.text or NOT_FOUND_TEXT, MESSAGE_LIMIT)


# --------------------------------------------------------------------------- Discord


def _embed_size(embed: discord.Embed) -> int:
    return len(embed)


def _fields_fit(embed: discord.Embed, name: str, value: str) -> bool:
    return (
        len(embed.fields) < EMBED_FIELDS_LIMIT
        and _embed_size(embed) + len(name) + len(value) + FOOTER_RESERVE <= EMBED_TOTAL_LIMIT
    )


def _group_into_replies(embeds: Sequence[discord.Embed]) -> list[Reply]:
    """Pack embeds into messages: at most 10 embeds and 6,000 characters a message."""
    replies: list[Reply] = []
    batch: list[discord.Embed] = []
    size = 0
    for embed in embeds:
        n = _embed_size(embed)
        if batch and (len(batch) >= EMBEDS_PER_MESSAGE_LIMIT or size + n > EMBED_TOTAL_LIMIT):
            replies.append(Reply(embeds=tuple(batch)))
            batch, size = [], 0
        batch.append(embed)
        size += n
    if batch:
        replies.append(Reply(embeds=tuple(batch)))
    return replies


def render_answer(answer: Answer) -> list[Reply]:
    """The Discord messages for an answer, each within Discord's limits, in order."""
    if not answer.found:
        return [Reply(content=_not_found_message(answer))]

    title = escape_line(answer.question, EMBED_TITLE_LIMIT) or None
    # The first embed carries the title, so its description leaves room for it.
    budget = EMBED_DESCRIPTION_LIMIT
    blocks = split_text(_body(answer, markdown=True), budget) or ["(no answer text)"]
    embeds = [discord.Embed(description=block, colour=EMBED_COLOUR) for block in blocks]
    if title:
        embeds[0].title = title
    # A description near 4,096 plus a title still fits in 6,000; only fields can overflow.
    values = _pack((source_line(c) for c in answer.citations), "\n", EMBED_FIELD_VALUE_LIMIT)
    for i, value in enumerate(values):
        name = SOURCES_HEADING if i == 0 else SOURCES_CONTINUED
        if not _fields_fit(embeds[-1], name, value):
            embeds.append(discord.Embed(colour=EMBED_COLOUR))
        embeds[-1].add_field(name=name, value=value, inline=False)
    if len(embeds) > 1:
        for i, embed in enumerate(embeds, start=1):
            embed.set_footer(text=f"{i}/{len(embeds)}")
    return _group_into_replies(embeds)


# --------------------------------------------------------------------------- terminal


def render_text(answer: Answer) -> str:
    """The same answer as plain terminal text: body, statements, then numbered sources."""
    if not answer.found:
        return not_found_text(answer)
    lines = [_body(answer, markdown=False)]
    if answer.citations:
        lines.append("")
        lines.append(f"{SOURCES_HEADING}:")
        for c in answer.citations:
            parts = [" ".join((c.title or "Untitled").split())]
            parts += [p for p in (c.source, format_date(c.published_at)) if p]
            lines.append(f"[{c.n}] " + " · ".join(parts))
            if c.link:
                lines.append(f"    {c.link}")
    return "\n".join(lines)
