"""Text cleaning: normalise whitespace and Unicode, drop scraped boilerplate.

`clean_text` is applied to every article's text before anything else reads it, so the stored
text, the passages and the citation offsets all refer to the same (cleaned) string.

The rules are deliberately conservative: a line is removed only when it is a whole line of
page furniture (comment boxes, share buttons, ads, newsletter and app promos, cookie notices,
copyright lines), a timestamp/dateline fragment at the very top, or part of the trailing run of
footer lines (reporter contact lines, "Contributing:" credits, short lines in another script
such as an Arabic comment-box footer under an English article). Sentences are never edited;
lines are either kept whole or dropped whole. The one thing cut out of a line is a photo credit
("Chris Jackson/Getty Images") that a scraper glued between a caption and the next sentence,
where it would read as part of that sentence ("Getty Images Harry plays rugby"), and the label of
a summary box glued to its first point ("AI-assisted summary Paramount settled ...").
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections import Counter

import ftfy

log = logging.getLogger(__name__)

# How far from the top a timestamp or dateline fragment may sit and still count as page header.
HEAD_LINES = 5
# A footer line in another script longer than this is treated as content, not a widget label.
MAX_FOREIGN_FOOTER_CHARS = 80
# Promo/contact lines are short; a longer line is more likely a paragraph that merely mentions
# the same words, so it is kept.
MAX_PROMO_CHARS = 300
# Text allowed before a call to action on a promo line ("Support local journalism. Subscribe").
MAX_CTA_LEAD_CHARS = 80

# Control characters, and invisible ones that only get in the way of matching (soft hyphen,
# zero-width space, word joiner, BOM) or of showing the text: bidirectional embeddings,
# overrides and isolates (U+202A-E, U+2066-9), which, pasted from social media, hide a quote
# mark from the quote finder ("\u202a”Sorry...”"), and which would reverse the rest of a reply
# citing the text. ZWJ/ZWNJ are kept: they change how Persian, Indic scripts and emoji render;
# so are the LRM/RLM marks, which only steer the direction of the characters around them.
_DROP = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u00ad\u200b\u2060\ufeff\u202a-\u202e\u2066-\u2069]"
)
_SPACE_RUN = re.compile(r"[^\S\n]+")
_NOT_ASCII_LETTER = bytes(b for b in range(128) if not chr(b).isalpha())
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_BLANK_RUNS = re.compile(r"\n{3,}")

# Photo credits: a photographer's or archive's name, then "/" (or " - ") and more names, the
# last an agency of this list ("Timothy A. Clary/AFP/Getty Images", "Steve Helber/AP", "John
# Stillwell - WPA Pool/Getty Images"), at a line's start or after a sentence's end, where a
# caption's credit sits, not after "A" or "An" and not followed by a lower-case word: "a
# Reuters/Ipsos poll", "A Des Moines Register/Bloomberg Politics poll" and "A Suffolk
# University/USA TODAY poll found" stay. A parenthesised credit ("(Image credit: Leon
# Neal/Getty Images)", "(AP Photo/Susan Walsh)") goes wherever it is.
_AGENCY = (
    r"(?:Getty Imag\w*|AFP|AP(?: Images)?|Reuters|EPA(?:-EFE)?|Shutterstock|Bloomberg|"
    r"Imagn(?: Images)?|USA TODAY(?: NETWORK| Network| Sports)?|(?:The )?Associated Press|"
    r"Sipa USA|NurPhoto|ZUMA(?: Press)?(?: Wire)?|Alamy|Polaris|Redux|Corbis|Pool)"
)
_CREDIT_NAME = r"(?:[A-Z][\w'’&-]*|[A-Z]\.|de|da|van|von|del|la|le)"
_CREDIT_PART = r"[\w'’.&-]+(?: [\w'’.&,-]+){0,4}?"
_PHOTO_CREDIT = re.compile(
    r" ?\((?:AP Photo/|Photos?: |Image credit: |Credit: |Photo by )[^()\n]{1,80}\)"
    r"|(?:^|(?<=[.!?\"”’)] ))(?!An? )"
    rf"{_CREDIT_NAME}(?: {_CREDIT_NAME}){{0,4}}(?:(?: ?/ ?| - ){_CREDIT_PART})*?"
    rf"(?: ?/ ?| - ){_AGENCY}(?: via {_AGENCY})?(?=$| [^a-z])"
)

# A summary box's label at the start of a line, glued to the box's first point by the scraper.
# "AI-assisted summary" is a label wherever it starts a line; the common words need a colon
# ("Key points: ..."), so "Summary judgment was granted" and "Key points of the deal" stay.
_SUMMARY_LABEL = re.compile(
    r"^(?:AI-assisted summary\b:?|(?:key points|summary|in brief|at a glance):)\s*", re.IGNORECASE
)

_SOCIAL = (
    r"(?:facebook|twitter|x|whatsapp|linkedin|reddit|e-?mail|pinterest|telegram|instagram"
    r"|tiktok|threads|bluesky|flipboard|messenger|sms|copy link|print)"
)


def _rx(*patterns: str) -> re.Pattern[str]:
    """One case-insensitive pattern that must match a whole line (trailing punctuation allowed)."""
    body = "|".join(f"(?:{p})" for p in patterns)
    return re.compile(rf"(?:{body})[\s.:!?»›>|…]*", re.IGNORECASE)


# Whole lines that are page furniture wherever they appear. Several languages for the
# comment-box and share labels, since scraped pages come from everywhere.
_FURNITURE = _rx(
    # comment boxes
    r"(?:add|post|leave|write|submit|show|view|load|see|hide|read)(?: all| a| your| the)?"
    r"(?: \d+)? comments?",
    r"(?:\d+ )?comments?(?: \(\d+\))?",
    r"comments? (?:are|is) (?:closed|disabled)",
    r"(?:join|start) the (?:conversation|discussion)",
    r"be the first to comment",
    r"commentaires?|ajouter un commentaire|laisser un commentaire|réagir",
    r"comentarios?|añadir (?:un )?comentario|deja (?:un|tu) comentario|comentar",
    r"kommentare?|kommentar (?:hinzufügen|schreiben)|kommentieren",
    r"commenti|aggiungi (?:un )?commento|commenta",
    r"комментарии|добавить комментарий|оставить комментарий",
    r"التعليقات(?: والآراء| والاراء)?|(?:اضافة|إضافة|أضف|اضف) تعليق|تعليقات|شارك|مشاركة",
    r"评论|發表評論|发表评论|コメント|댓글",
    # share buttons
    rf"share(?: this)?(?: article| story| post| page| video)?(?: (?:on|via|to) {_SOCIAL})?",
    rf"{_SOCIAL}(?:\s*[|/,·•]?\s*{_SOCIAL})*",
    r"tweet(?: this)?|pin it|link copied|copy (?:the )?link",
    r"partager|compartir|teilen|condividi|поделиться",
    # ads
    r"advertisement|advertising|sponsored(?: content| links?)?|ad|publicité|anzeige|publicidad",
    r"(?:story|article) continues below(?: advertisement)?|skip advertisement",
    r"continue reading(?: below| the main story)?|scroll (?:down )?to continue(?: reading)?",
    # read-more links and promo headings
    r"(?:read|see|view|show|load) (?:more|all|next)(?: here| stories| articles)?",
    r"read the (?:full|whole|original) (?:story|article)(?: here)?",
    r"(?:related|recommended|trending|most read|most popular|popular|read next|more stories"
    r"|top stories|you may also like|you might also like|more from \S+(?: \S+){0,3})"
    r"(?: (?:articles?|stories|coverage|content|links|videos?|posts|news|reading))?",
    # copyright
    r"(?:©|\(c\)|copyright)\s.{0,150}",
    r".{0,150}\ball rights reserved\b.{0,60}",
    r"follow us(?: on .{0,80})?",
    # a summary box's heading alone on its line
    r"key points|summary|in brief|at a glance",
)

# "Related: <headline>", "More: <headline>", "READ MORE: <headline>": promo links to other
# stories. Only short lines: a colon after "more" can start a real sentence in long text.
_PROMO_PREFIX = re.compile(
    r"(?:related|more|read more|also read|see also|also see|read also|watch|listen|"
    r"read next|recommended|trending|lire aussi|à lire aussi|leer más|lesen sie auch|"
    r"mehr zum thema|читайте также)\s*[:：]",
    re.IGNORECASE,
)

# A sentence that opens with a call to action is a promo, not news ("Download for ...",
# "Sign up for our newsletter", "Click here", "SUBSCRIBE & SAVE", "Check out the all new ...").
_CALL_TO_ACTION = re.compile(
    r"(?:^|(?<=[.!?]\s))(?:download (?:for|the|our|now)|subscribe\b|sign up\b|"
    r"click here|tap here|check out (?:our|the all|all)|get the app|follow us\b|like us on|"
    r"never miss a story|register (?:now|here|for free)|log in to|sign in to)",
    re.IGNORECASE,
)

# Cookie banners and affiliate/betting disclosures, matched anywhere in a short line.
_NOTICE = re.compile(
    r"\b(?:we use cookies|(?:this|our) (?:web)?site uses cookies|accept (?:all )?cookies|"
    r"cookie (?:policy|settings|preferences|consent)|"
    r"(?:affiliate|sponsored) links?\b|how relevant is this ad to you|ad feedback|"
    r"sign up for .{0,60}\b(?:newsletter|inbox|emails?|alerts?)|"
    # "Expert NFL picks: Exclusive betting insights only at USA TODAY"
    r"\b(?:exclusive|unique)\b.{0,40}\b(?:insights|picks|deals|offers|content|access)\s+"
    r"only\s+(?:at|on)\b)",
    re.IGNORECASE,
)

# Affiliate and betting disclosures: "we may earn a commission" together with what it is for.
_DISCLOSURE = re.compile(
    r"\bmay earn (?:a )?(?:small )?(?:commission|revenue)\b.{0,200}"
    r"\b(?:links?|purchases?|referrals?|betting|affiliate|partners?)\b",
    re.IGNORECASE,
)

# Footer lines, only dropped in the trailing run at the end of an article.
_EMAIL_OR_HANDLE = r"(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?<!\w)@\w{2,})"
_FOOTER = [
    # reporter contact and bio lines: "Reach him at x@y.com", "Follow her on X @handle"
    re.compile(
        rf"\b(?:reach|contact|email|e-mail|follow|write to)\b.{{0,80}}{_EMAIL_OR_HANDLE}",
        re.IGNORECASE,
    ),
    re.compile(rf"^{_EMAIL_OR_HANDLE}\W*$"),
    # "Jane Doe is a trending news reporter for ...", "John Roe covers the White House for ..."
    re.compile(
        r"^(?!(?:The|A|An|He|She|It|They|This|That)\b)(?:[A-Z][\w.'’-]*\s){1,4}"
        r"(?:is|covers|writes|reports)\b.{0,120}\b(?:reporter|writer|correspondent|editor|"
        r"columnist|journalist|intern|contributor|producer|reporting fellow)\b"
    ),
    # credits and editorial notes
    re.compile(
        r"^\(?(?:contributing|additional reporting|reporting by|editing by|"
        r"compiled by|with reporting from)\b.{0,200}$",
        re.IGNORECASE,
    ),
    # Editorial notes; one that states a fact ("updated to reflect that X died at 91") is kept.
    re.compile(
        r"^\(?this (?:story|article|report) (?:has been|was|is|will be) "
        r"(?:updated|corrected)\b(?!.*\bthat\b)[^\d]{0,100}$",
        re.IGNORECASE,
    ),
    re.compile(r"^\(?(?:this is a developing story|developing story)\b.{0,150}$", re.IGNORECASE),
    re.compile(r"^(?:from )?.{0,40}\bwire (?:reports|services)\)?\.?$", re.IGNORECASE),
]

# A line that reports speech ("..., the sheriff said") is news, whatever else it contains.
_ATTRIBUTION = re.compile(r"\b(?:said|says|told|according to)\b", re.IGNORECASE)

# Timestamp lines at the top of scraped pages: "Updated Oct. 24, 2025, 8:13 a.m. ET",
# "Feb. 27, 2025, 4:49 p.m. ET", "Published 5:00 a.m. ET Jan. 3, 2026".
_MONTH = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)\.?|january|february|march|april"
    r"|june|july|august|september|october|november|december"
)
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?|\w+day"
_TIMESTAMP_TOKEN = re.compile(
    rf"(?<!\w)(?:{_MONTH}|{_WEEKDAY}|updated|published|posted|modified|last|on|at|and|"
    r"\d{1,2}(?::\d{2}){0,2}|\d{4}|\d{1,2}(?:st|nd|rd|th)|[ap]\.?m\.?|noon|"
    r"et|est|edt|ct|cst|cdt|mt|mst|mdt|pt|pst|pdt|gmt|utc|bst|cet|cest|z|"
    r"\d{4}-\d{2}-\d{2}(?:t[\d:.+z-]+)?|\d{1,2}/\d{1,2}/\d{2,4})(?!\w)|[|•·,/()–—-]",
    re.IGNORECASE,
)
# A bare clock time ("2:45 p.m.") heads a live-blog entry and a bare day ("Saturday, August 10")
# heads a schedule, so a page timestamp must hold a year, or a month together with a time.
_HAS_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_HAS_MONTH_AND_TIME = re.compile(
    rf"(?<!\w)(?:{_MONTH})(?!\w).*\d:\d\d|\d:\d\d.*(?<!\w)(?:{_MONTH})(?!\w)", re.I
)
# "CNN —", "Hong Kong CNN —", "WASHINGTON (AP) —": a dateline fragment left alone on a line.
_DATELINE_FRAGMENT = re.compile(r"^(?:[\w.'’()]+ ){0,4}[\w.'’()]+\s*[—–]$")


def normalize_whitespace(text: str) -> str:
    """One line, single spaces: for titles and other one-line fields."""
    return " ".join(_normalize_chars(text).split())


def clean_text(text: str) -> str:
    """Normalised, boilerplate-free article text: paragraphs separated by one blank line."""
    lines, keep = _mark(text)
    kept = [line for line, k in zip(lines, keep, strict=True) if k]
    return _BLANK_RUNS.sub("\n\n", "\n".join(kept)).strip("\n")


# A sentence's end glued to the next sentence's capitalised first word, as scrapers join
# paragraphs: "pardoned Nov. 25.Trump continued", "when?Thomas said". Not after a capital
# ("U.S.Army"), nor inside an address ("Tiffany.Acosta@gannett.com", "usatoday.com/News").
_GLUED_SENTENCE = re.compile(r"(?<=[a-z0-9)\]])([.!?][\"”’]?)(?=[A-Z][a-z])")
_ADDRESS = re.compile(r"@|://|www\.|\.(?:com|org|net|gov|edu|co|io)\b|/")


def _split_glued(line: str) -> str:
    def space(m: re.Match[str]) -> str:
        start = line.rfind(" ", 0, m.start()) + 1
        end = line.find(" ", m.end())
        token = line[start : end if end >= 0 else len(line)]
        return m.group() if _ADDRESS.search(token) else m.group() + " "

    return _GLUED_SENTENCE.sub(space, line)


def removed_lines(text: str) -> list[str]:
    """The non-blank lines `clean_text` drops from `text` (for audits and tests)."""
    lines, keep = _mark(text)
    return [line for line, k in zip(lines, keep, strict=True) if line and not k]


def _mark(text: str) -> tuple[list[str], list[bool]]:
    """The normalised lines of `text`, and for each whether it is kept."""
    lines = [_SPACE_RUN.sub(" ", line).strip() for line in _normalize_chars(text).split("\n")]
    lines = _unwrap(lines)
    lines = [_SPACE_RUN.sub(" ", _PHOTO_CREDIT.sub("", line)).strip() for line in lines]
    lines = [_SUMMARY_LABEL.sub("", _split_glued(line)) for line in lines]
    script = dominant_script("\n".join(lines))
    keep = [not is_furniture(line) for line in lines]
    _drop_header(lines, keep)
    _drop_footer(lines, keep, script)
    return lines, keep


# Text decoded twice upstream (UTF-8 bytes read as cp1252 or Latin-1 by a scraper or a CMS:
# "SarukhÃ¡n", "itâ€™s") shows a UTF-8 lead byte's character followed by a continuation byte's.
# Only text with such a pair goes to ftfy, which undoes the double decoding when that is
# unambiguous: ftfy reads about 6 MB/s, too slow to run on every article of every build, and
# clean text almost never has the pair ("café", "São Paulo", "Zürich" do not).
_MOJIBAKE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u00c2\u00c3\u0152\u0153\u0160\u0161\u0178\u017d"
    "\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030"
    "\u2039\u203a\u20ac\u2122]"
)


_COMBINING = re.compile("[\u0300-\u036f]")


def repair_mojibake(text: str) -> str:
    """`text` with UTF-8 that was decoded as cp1252 or Latin-1 decoded right ("Ã©" -> "é").

    Decomposed text (NFD: "A" + combining tilde for "Ã") is composed first: only then do the
    mis-decoded pairs show."""
    if _COMBINING.search(text) is not None:
        text = unicodedata.normalize("NFC", text)
    if _MOJIBAKE.search(text) is None:
        return text
    return ftfy.fix_encoding(text)


def _normalize_chars(text: str) -> str:
    # Before the C1 controls go: mis-decoded UTF-8 is made of them ("Ã\x89" is "É").
    text = unicodedata.normalize("NFC", repair_mojibake(text))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n").replace("\x0b", "\n")
    text = text.replace("\x0c", "\n").replace("\x85", "\n").replace("\t", " ")
    # Other control characters (NUL, C1 controls from mis-decoded bytes) carry no text.
    return _DROP.sub("", text)


def _unwrap(lines: list[str]) -> list[str]:
    """Join hard-wrapped lines: a line without closing punctuation followed by a lower-case one.

    Only inside a paragraph (no blank line between), so scraped text whose paragraphs are
    separated by blank lines is untouched.
    """
    out: list[str] = []
    for line in lines:
        prev = out[-1] if out else ""
        if prev and line and line[0].islower() and prev[-1] not in ".!?:;\"”’')]»…":
            out[-1] = f"{prev} {line}"
        else:
            out.append(line)
    return out


def is_furniture(line: str) -> bool:
    """True for a whole line of page furniture (comment box, share bar, ad, promo, notice)."""
    if not line:
        return False
    if not any(ch.isalnum() for ch in line):
        return True  # separators and bullets alone ("|", "* * *", "•••")
    if _FURNITURE.fullmatch(line):
        return True
    if len(line) > MAX_PROMO_CHARS:
        return False
    if _PROMO_PREFIX.match(line) or _NOTICE.search(line) or _DISCLOSURE.search(line):
        return True
    # A call to action drops the line only when little comes before it ("Need a news break?
    # Check out ..."); a news paragraph that ends with "Click here to read more" is kept.
    cta = _CALL_TO_ACTION.search(line)
    return cta is not None and cta.start() <= MAX_CTA_LEAD_CHARS


def is_timestamp(line: str) -> bool:
    """True for a line made only of dates, times and words like "Updated"."""
    if len(line) > 100 or not (_HAS_YEAR.search(line) or _HAS_MONTH_AND_TIME.search(line)):
        return False
    rest = _TIMESTAMP_TOKEN.sub(" ", line)
    return not rest.strip(" .,")


def _drop_header(lines: list[str], keep: list[bool]) -> None:
    seen = 0
    for i, line in enumerate(lines):
        if not line or not keep[i]:
            continue
        seen += 1
        if seen > HEAD_LINES:
            return
        if is_timestamp(line) or _DATELINE_FRAGMENT.match(line):
            keep[i] = False


def _drop_footer(lines: list[str], keep: list[bool], script: str | None) -> None:
    """Drop the trailing run of footer lines, stopping at the first line of real text."""
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        if not line or not keep[i]:
            continue
        if _is_footer(line, script):
            keep[i] = False
        else:
            return


def _is_footer(line: str, script: str | None) -> bool:
    if (
        len(line) <= MAX_PROMO_CHARS
        and not _ATTRIBUTION.search(line)
        and any(rx.search(line) for rx in _FOOTER)
    ):
        return True
    if is_timestamp(line):
        return True
    # A short label in another script than the article's (an Arabic "Add comment" under an
    # English story) is a widget of the page, not part of the story.
    own = dominant_script(line)
    return (
        len(line) <= MAX_FOREIGN_FOOTER_CHARS
        and own is not None
        and script is not None
        and own != script
    )


def char_script(ch: str) -> str | None:
    """The script of a letter ("LATIN", "ARABIC", "CJK"...), None for non-letters."""
    if not ch.isalpha():
        return None
    if ch < "\u0250":
        return "LATIN"
    name = unicodedata.name(ch, "")
    first = name.split(" ", 1)[0]
    if first in {"CJK", "HIRAGANA", "KATAKANA", "IDEOGRAPHIC", "HALFWIDTH", "FULLWIDTH"}:
        return "LATIN" if "LATIN" in name else "CJK"
    return first or None


def dominant_script(text: str, sample: int = 20_000) -> str | None:
    """The script most of the letters of `text` are written in (looking at its start)."""
    head = text[:sample]
    counts: Counter[str] = Counter()
    ascii_letters = len(head.encode("ascii", "ignore").translate(None, _NOT_ASCII_LETTER))
    if ascii_letters:
        counts["LATIN"] = ascii_letters
    for ch in _NON_ASCII.findall(head):  # only the rare non-ASCII characters go one by one
        script = char_script(ch)
        if script is not None:
            counts[script] += 1
    return counts.most_common(1)[0][0] if counts else None
