"""Deep links: an article URL that opens at the cited words, with a URL text fragment.

A text fragment (WICG "URL Fragment Text Directives", https://wicg.github.io/scroll-to-text-fragment/)
is `#:~:text=[prefix-,]textStart[,textEnd][,-suffix]`: browsers that support it scroll to the
first match and highlight it; the others ignore it and open the page at the top. A short cited
span is given whole; a long one as `textStart,textEnd` (its first and last words), which matches
the same range and keeps the URL short.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

FRAGMENT_DIRECTIVE = ":~:"  # starts the directives inside a URL fragment
EDGE_WORDS = 5  # words in textStart and in textEnd for a long span
# A span of up to this many words is given whole (textStart,textEnd would save little).
WHOLE_TEXT_WORDS = 2 * EDGE_WORDS + 2

_CITATION_MARKER = re.compile(r"\[\d+\]")
# Kept as they are in a directive's text: the spec's TextDirectiveExplicitChar less "(" and ")",
# which chat clients and terminals take as the end of a link. Everything else is percent-encoded
# as UTF-8, in particular "-", "," and "&", which are the directive syntax, and spaces (%20).
_KEPT = "!$'*+./:;=?@_~"


def encode_directive_text(text: str) -> str:
    """Percent-encode text for use inside a text directive (`-`, `,`, `&` included)."""
    # quote() keeps "-" (it is unreserved in a URL); in a directive it marks a prefix or suffix.
    return quote(text, safe=_KEPT).replace("-", "%2D")


def clean_cited_text(text: str) -> str:
    """The cited words as a page shows them: no `[n]` markers, whitespace collapsed, and no
    quote marks or punctuation at either end (a page may render those differently)."""
    words = _CITATION_MARKER.sub(" ", text).split()
    flat = " ".join(words)
    start, end = 0, len(flat)
    while start < end and not flat[start].isalnum():
        start += 1
    while end > start and not flat[end - 1].isalnum():
        end -= 1
    return flat[start:end]


def text_directive(text: str) -> str | None:
    """`text=...` for the cited text: the whole text when short, else `textStart,textEnd`.

    Words are kept whole. None when nothing is left to point at.
    """
    words = clean_cited_text(text).split(" ")
    if words == [""]:
        return None
    if len(words) <= WHOLE_TEXT_WORDS:
        return "text=" + encode_directive_text(" ".join(words))
    first = encode_directive_text(" ".join(words[:EDGE_WORDS]))
    last = encode_directive_text(" ".join(words[-EDGE_WORDS:]))
    return f"text={first},{last}"


def deep_link(url: str | None, text: str) -> str | None:
    """`url` with a text fragment pointing at `text`; None without a url.

    A URL that already has a fragment keeps it (`#section:~:text=...`); one that already
    carries directives (`:~:`), that is not http(s), or with no words to point at is returned
    as given.
    """
    if not url:
        return None
    url = url.strip()
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return url
    directive = text_directive(text)
    if scheme not in ("http", "https") or FRAGMENT_DIRECTIVE in url or directive is None:
        return url
    separator = FRAGMENT_DIRECTIVE if "#" in url else "#" + FRAGMENT_DIRECTIVE
    return url + separator + directive
