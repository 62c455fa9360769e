"""Text for a terminal: everything newsbot prints goes through `for_terminal` (or `json_text`).

Article titles, URLs and text, questions and error messages can carry control characters: an
escape sequence can retitle the terminal, clear it or recolour what follows, a carriage return
or backspace can hide what was printed before it, and a bidi override reverses what follows
("\u202egnp.exe" shows as "exe.png"). None of them is printed.
"""

from __future__ import annotations

import json
import logging
import re

# C0 controls but tab and newline, DEL, C1 controls (8-bit escape sequences), and the bidi
# marks, embeddings, overrides and isolates.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def for_terminal(text: str) -> str:
    """`text` without the control characters a terminal would act on."""
    return _CONTROL.sub("", text)


def json_text(data: object, *, indent: int | None = None) -> str:
    """`data` as JSON for a terminal: the same value when parsed, with the characters
    `json.dumps` leaves as they are (C1 controls, bidi marks) written as `\\uXXXX` escapes."""
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    # Outside strings JSON has only ASCII, so every such character is inside a string.
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class TerminalSafe(logging.Filter):
    """Strips control characters from log messages (an article's title in a warning)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        safe = for_terminal(message)
        if safe != message:
            record.msg, record.args = safe, None
        return True
