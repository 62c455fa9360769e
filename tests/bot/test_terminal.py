"""Text for a terminal (bot/terminal.py): control characters never printed, JSON still exact."""

import io
import json
import logging

import pytest

from bot.terminal import TerminalSafe, for_terminal, json_text

HOSTILE = "\x1b]0;pwned\x07\x1b[2J\x1b[31mred\x1b[0m \x9b31m \u202egnp.exe\u202c \r\x08\x00\x7f!"


def test_control_characters_are_stripped_and_the_rest_is_kept() -> None:
    assert for_terminal(HOSTILE) == "]0;pwned[2J[31mred[0m 31m gnp.exe !"


@pytest.mark.parametrize(
    "text", ["line one\n\tline two", "Café — «news» 📰", "مرحبا بالعالم", "日本語のニュース"]
)
def test_printable_text_tabs_newlines_and_any_script_are_untouched(text: str) -> None:
    assert for_terminal(text) == text


def test_json_for_a_terminal_is_the_same_value_with_controls_escaped() -> None:
    data = {"title": HOSTILE, "n": [1, "é"]}
    text = json_text(data, indent=2)
    assert for_terminal(text) == text
    assert json.loads(text) == data
    assert "\\u009b" in text and "\\u202e" in text and "é" in text


def test_log_messages_lose_their_control_characters() -> None:
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.addFilter(TerminalSafe())
    log = logging.getLogger("tests.terminal")
    log.addHandler(handler)
    try:
        log.warning("skipped %s", HOSTILE)
    finally:
        log.removeHandler(handler)
    assert out.getvalue() == "skipped ]0;pwned[2J[31mred[0m 31m gnp.exe !\n"
