"""The [llm] keys of config.toml: the token budget's keys and the one they retired."""

import logging

import pytest

from bot.settings import LLMSettings, parse_settings
from index.errors import ConfigError


def test_max_tokens_and_context_tokens_have_defaults_sized_for_a_discord_answer():
    settings = parse_settings({})

    assert settings.llm.max_tokens == LLMSettings.max_tokens == 400
    assert settings.llm.context_tokens == 4096


def test_context_chars_is_retired_with_a_message_naming_what_replaced_it(caplog):
    with caplog.at_level(logging.WARNING):
        settings = parse_settings({"llm": {"context_chars": 12000}})

    assert settings.llm.context_tokens == 4096
    assert "[llm].context_chars is no longer used" in caplog.text
    assert "replaced by context_tokens" in caplog.text


def test_a_context_window_no_larger_than_the_reply_is_refused_naming_both_keys():
    with pytest.raises(ConfigError, match=r"\[llm\]\.context_tokens \(400\) must be larger than"):
        parse_settings({"llm": {"context_tokens": 400, "max_tokens": 400}})
