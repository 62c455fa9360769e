"""The whole config.toml: the engine's sections and the bot's, parsed and checked together."""

import typing
from dataclasses import fields

import pytest

from bot.settings import Settings, load_settings, parse_settings
from index.errors import ConfigError
from tests.conftest import REPO


def test_the_shipped_config_parses_and_matches_the_defaults():
    shipped = load_settings(REPO / "config.toml")
    defaults = parse_settings({}, base_dir=REPO)
    assert shipped == defaults  # config.toml documents exactly the defaults


def test_an_unknown_key_in_a_bot_section_names_the_key_and_the_expected_ones():
    with pytest.raises(ConfigError, match=r"unknown setting \[discord\]\.foo; expected one of"):
        parse_settings({"discord": {"foo": 1}})


def test_an_unknown_section_is_refused_naming_every_known_section():
    with pytest.raises(ConfigError, match=r"unknown section \[serch\]") as caught:
        parse_settings({"serch": {}})
    expected = (
        "answer, chunking, corpus, data, discord, embedding, feeds, index, ingest, llm, log, "
        "search, sources"
    )
    assert str(caught.value).endswith(f"expected one of: {expected}")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"discord": {"message_content": "yes"}}, r"must be true or false"),
        ({"discord": {"channels": [1, "x"]}}, r"\[discord\]\.channels\[1\] must be an integer"),
        ({"discord": {"channels": 5}}, r"must be a list of an integer"),
        ({"log": {"level": "LOUD"}}, r"\[log\]\.level must be one of"),
    ],
)
def test_a_wrong_type_or_value_names_the_key_and_what_was_expected(raw, message):
    with pytest.raises(ConfigError, match=message):
        parse_settings(raw)


def test_the_engines_checks_still_apply_to_the_whole_file():
    with pytest.raises(ConfigError, match=r"\[search\]\.k must be greater than 0"):
        parse_settings({"search": {"k": 0}, "discord": {"cooldown_seconds": 5}})


def test_integers_are_accepted_for_floats():
    assert parse_settings({"discord": {"cooldown_seconds": 5}}).discord.cooldown_seconds == 5.0


def test_data_dir_overrides_keep_the_bots_sections(tmp_path, monkeypatch):
    cfg = tmp_path / "c.toml"
    cfg.write_text('[data]\ndir = "rel/index"\n\n[discord]\ncooldown_seconds = 2\n')
    monkeypatch.setenv("NEWSBOT_DATA_DIR", str(tmp_path / "env"))
    from_env = load_settings(cfg)
    from_flag = load_settings(cfg, tmp_path / "flag")
    assert isinstance(from_env, Settings) and isinstance(from_flag, Settings)
    assert from_env.data_dir == tmp_path / "env"
    assert from_flag.data_dir == tmp_path / "flag"
    assert from_env.discord.cooldown_seconds == from_flag.discord.cooldown_seconds == 2.0


def test_a_retired_key_still_loads_with_a_warning_that_names_it(caplog):
    old = parse_settings({"answer": {"confident_relevance": 0.45, "min_relevance": 0.3}})
    assert old.answer.min_relevance == 0.3
    assert not hasattr(old.answer, "confident_relevance")
    assert "[answer].confident_relevance is no longer used" in caplog.text


def test_the_support_threshold_must_be_a_fraction():
    with pytest.raises(ConfigError, match=r"\[answer\]\.min_support"):
        parse_settings({"answer": {"min_support": 1.5}})


# Shaped like secrets, made up for the tests: a Discord bot token (three base64url parts), an
# OpenAI-style key, and a long hex key (which is also a valid environment variable name shape).
DISCORD_LIKE_TOKEN = "MTAxNzQ0NjE5NjE5NjE5NjE5Ng.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB"
SECRET_LIKE = (
    DISCORD_LIKE_TOKEN,
    "sk-proj-4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c",
    "A1b2C3d4E5f6A7b8C9d0E1f2A3b4C5d6E7f8",
)


def assert_not_shown(secret: str, text: str) -> None:
    """Not the secret, nor any 8 characters of it in a row."""
    pieces = {secret[i : i + 8] for i in range(len(secret) - 7)}
    assert not any(piece in text for piece in pieces), text


@pytest.mark.parametrize("secret", SECRET_LIKE)
@pytest.mark.parametrize("key", [("discord", "token_env"), ("llm", "api_key_env")])
def test_a_secret_written_where_its_variable_name_goes_is_refused_without_showing_it(secret, key):
    section, name = key
    with pytest.raises(ConfigError) as caught:
        parse_settings({section: {name: secret}})
    message = str(caught.value)
    assert f"[{section}].{name}" in message
    assert "looks like" in message and "not the" in message
    assert_not_shown(secret, message)


@pytest.mark.parametrize("name", ["DISCORD TOKEN", "1TOKEN", "", "TOKEN$"])
def test_an_env_key_that_is_no_variable_name_is_refused_naming_the_key(name):
    with pytest.raises(ConfigError, match=r"\[discord\]\.token_env must be the name of"):
        parse_settings({"discord": {"token_env": name}})


@pytest.mark.parametrize("secret", SECRET_LIKE)
def test_a_secret_in_any_config_error_is_masked(secret):
    with pytest.raises(ConfigError) as caught:
        parse_settings({"discord": {"guild_id": secret}})
    message = str(caught.value)
    assert "[discord].guild_id must be an integer" in message
    assert_not_shown(secret, message)


def test_environment_variable_names_are_accepted():
    settings = parse_settings({"discord": {"token_env": "NEWSBOT_DISCORD_TOKEN_2"}})
    assert settings.discord.token_env == "NEWSBOT_DISCORD_TOKEN_2"


# --------------------------------------------------------------------------- value ranges


def numeric_keys() -> list[tuple[str, str]]:
    """Every int or float key of every section, found from the settings classes themselves."""
    keys = []
    for section in fields(Settings):
        if section.name == "base_dir":
            continue
        section_type = typing.get_type_hints(Settings)[section.name]
        if typing.get_origin(section_type) is list:  # [[sources]]: see the test below
            continue
        hints = typing.get_type_hints(section_type)
        keys += [
            (section.name, f.name) for f in fields(section_type) if hints[f.name] in (int, float)
        ]
    return keys


NUMERIC_KEYS = numeric_keys()
BAD_NUMBERS = {"negative": -1, "huge": 10**20, "nan": float("nan"), "inf": float("inf")}


def test_the_numeric_keys_are_all_found():
    assert len(NUMERIC_KEYS) >= 27
    assert {("search", "k"), ("llm", "temperature"), ("discord", "guild_id")} <= set(NUMERIC_KEYS)


@pytest.mark.parametrize("bad", BAD_NUMBERS)
@pytest.mark.parametrize(("section", "key"), NUMERIC_KEYS, ids=lambda v: v)
def test_every_numeric_key_refuses_values_that_make_no_sense_naming_the_key(section, key, bad):
    with pytest.raises(ConfigError) as caught:
        parse_settings({section: {key: BAD_NUMBERS[bad]}})
    assert str(caught.value).startswith(f"[{section}].{key} must be"), str(caught.value)


@pytest.mark.parametrize("bad", BAD_NUMBERS)
@pytest.mark.parametrize("key", ["interval_minutes", "keep_days"])
def test_every_numeric_key_of_a_source_refuses_values_that_make_no_sense(key, bad):
    entry = {"name": "wire", "feed": "https://x.example/rss", key: BAD_NUMBERS[bad]}
    with pytest.raises(ConfigError) as caught:
        parse_settings({"sources": [entry]})
    assert str(caught.value).startswith(f"[[sources]] #1.{key} must be"), str(caught.value)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (
            {"search": {"dense_weight": -0.5}},
            r"^\[search\]\.dense_weight must be 0 or more, got -0.5$",
        ),
        (
            {"search": {"bm25_weight": float("nan")}},
            r"^\[search\]\.bm25_weight must be a finite number",
        ),
        (
            {"search": {"dense_weight": 0, "bm25_weight": 0}},
            r"at least one of \[search\]\.dense_weight",
        ),
        ({"index": {"hnsw_ef_search": -5}}, r"^\[index\]\.hnsw_ef_search must be greater than 0"),
        (
            {"answer": {"max_quotes": -1}},
            r"^\[answer\]\.max_quotes must be greater than 0, got -1$",
        ),
        (
            {"answer": {"sentence_candidates": -1}},
            r"^\[answer\]\.sentence_candidates must be 0 or more, got -1$",
        ),
        (
            {"answer": {"vector_cache": -5}},
            r"^\[answer\]\.vector_cache must be 0 or more, got -5$",
        ),
        ({"llm": {"temperature": -0.1}}, r"^\[llm\]\.temperature must be 0 or more, got -0.1$"),
        ({"llm": {"temperature": 3}}, r"^\[llm\]\.temperature must be at most 2"),
        ({"discord": {"guild_id": -5}}, r"^\[discord\]\.guild_id must be 0 or more, got -5$"),
        ({"search": {"k": 5000}}, r"^\[search\]\.k must be at most 1000, got 5000$"),
    ],
)
def test_values_named_in_issue_9_are_refused_with_the_key_and_the_bound(raw, message):
    with pytest.raises(ConfigError, match=message):
        parse_settings(raw)


@pytest.mark.parametrize("key", ["channels", "admin_roles", "admin_users", "admin_guilds"])
@pytest.mark.parametrize("bad", [0, -1, 2**64])
def test_discord_ids_must_be_snowflakes(key, bad):
    with pytest.raises(ConfigError, match=rf"^\[discord\]\.{key}\[1\] must be"):
        parse_settings({"discord": {key: [123, bad]}})


def test_a_nan_in_the_config_file_is_refused_naming_the_key(tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text("[search]\ndense_weight = nan\n")
    with pytest.raises(ConfigError, match=r"\[search\]\.dense_weight must be a finite number"):
        load_settings(cfg)


@pytest.mark.parametrize(
    ("discord", "count", "ids"),
    [
        ({}, None, None),  # unsharded: one connection, as before
        ({"shards": "auto"}, None, None),  # as many as Discord recommends, all here
        ({"shards": 4}, 4, None),  # all four here
        ({"shards": 4, "shard_ids": [2, 3]}, 4, [2, 3]),  # this process's share of four
    ],
)
def test_shards_are_auto_or_a_count_with_this_processs_shard_ids(discord, count, ids):
    settings = parse_settings({"discord": discord})
    assert settings.discord.sharded == ("shards" in discord)
    assert settings.discord.shard_count == count
    assert settings.discord.shard_ids == ids


@pytest.mark.parametrize(
    ("discord", "message"),
    [
        ({"shards": "many"}, r'\[discord\]\.shards must be "auto" or the total number of shards'),
        ({"shards": 2.0}, r"\[discord\]\.shards must be a string or an integer, got 2\.0"),
        ({"shards": True}, r"\[discord\]\.shards must be a string or an integer, got True"),
        ({"shards": 0}, r"\[discord\]\.shards must be 1 or more, got 0"),
        ({"shard_ids": [0]}, r"shard_ids needs \[discord\]\.shards .* but it is unset"),
        ({"shards": "auto", "shard_ids": [0]}, r'but it is "auto"'),
        ({"shards": 2, "shard_ids": []}, r"\[discord\]\.shard_ids is empty"),
        ({"shards": 2, "shard_ids": [0, 2]}, r"shard_ids\[1\] is 2, but shard ids run from 0 to 1"),
        ({"shards": 2, "shard_ids": [-1]}, r"shard_ids\[0\] is -1, but shard ids run from 0 to 1"),
        ({"shards": 3, "shard_ids": [1, 1]}, r"shard_ids lists shard 1 more than once"),
        ({"shards": 3, "shard_ids": "0-1"}, r"shard_ids must be a list of an integer"),
    ],
)
def test_bad_shard_settings_say_what_is_wrong_and_what_is_expected(discord, message):
    with pytest.raises(ConfigError, match=message):
        parse_settings({"discord": discord})
