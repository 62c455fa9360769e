"""Hostile text for the Discord reply paths, and a check that what the bot sent is inert.

`HOSTILE` holds what a user could type or an article could carry to make the bot post a link,
a ping, a mention or formatting it did not mean to: masked links (the phishing case of issue 9),
bare and angle-bracketed URLs, invites, @everyone/@here, user/role/channel/command mentions,
timestamps and custom emoji, headings, block quotes, lists, code fences, emphasis, spoilers.

`live_constructs(text)` reads text as Discord's markdown does: a backslash makes the next
character plain, and what is left must hold no link, mention or formatting.
"""

from __future__ import annotations

import re

HOSTILE = (
    "[Click for free Nitro](https://evil.com)",
    "[Click](<https://evil.com/login>)",
    "[[1]](https://evil.com)",
    "[1] steam gift](https://evil.com)",
    "see https://evil.com/login now",
    "<https://evil.com>",
    "HTTP://EVIL.COM/x",
    "join discord.gg/freenitro",
    "@everyone and @here",
    "<@123456789012345678> <@!123456789012345678> <@&123456789012345678>",
    "<#123456789012345678> </reindex:123456789012345678>",
    "<t:0:R> <:pepe:123456789012345678> <a:party:123456789012345678>",
    "# Free Nitro\n## for everyone\n### now",
    "-# small print",
    "> quoted\n>>> quoted to the end",
    "- item\n* item\n+ item\n1. item\n2) item",
    "```py\nprint('hi')\n```",
    "`code` **bold** *it* _it_ __under__ ~~strike~~ ||spoiler||",
    "\\[pre-escaped](https://evil.com) \\",
)

_ESCAPED_PAIR = re.compile(r"\\(.)", re.DOTALL)
_LIVE = {
    "link": re.compile(r"(?i)[a-z][a-z0-9+.-]*://"),
    "invite": re.compile(r"(?i)discord(?:app)?\.(?:gg|com/invite)/"),
    "mention": re.compile(r"<(?:@|#|/|a?:|t:|id:)"),
    "everyone": re.compile(r"@(?:everyone|here)"),
    "heading, quote or list": re.compile(r"(?m)^[ \t]*(?:#{1,3}|-#|>{1,3}|[*+]|\d+[.)])[ \t]"),
    "list bullet": re.compile(r"(?m)^[ \t]*-[ \t]"),
    "code": re.compile(r"`"),
    "emphasis": re.compile(r"\*|_|~~|\|\|"),
}


def neutralize(text: str) -> str:
    """Text as Discord shows it, with every escaped character replaced by a plain dot."""
    return _ESCAPED_PAIR.sub("·", text)


def live_constructs(text: str, *, allow: tuple[str, ...] = ()) -> list[str]:
    """The kinds of live markdown in `text` (empty when it is inert), less those in `allow`."""
    plain = neutralize(text)
    return [kind for kind, pattern in _LIVE.items() if kind not in allow and pattern.search(plain)]


def unescape(text: str) -> str:
    return _ESCAPED_PAIR.sub(r"\1", text)
