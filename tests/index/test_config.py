"""The engine's config sections and the parser every layer's settings go through."""

import pytest

from index.config import Settings, load_config, parse_config
from index.errors import ConfigError


def test_an_unknown_key_names_the_key_and_the_expected_ones():
    with pytest.raises(ConfigError, match=r"unknown setting \[search\]\.kk; expected one of"):
        parse_config({"search": {"kk": 3}}, Settings)


def test_an_unknown_section_is_refused():
    with pytest.raises(ConfigError, match=r"unknown section \[serch\]"):
        parse_config({"serch": {}}, Settings)


def test_the_engine_alone_knows_none_of_the_bots_sections():
    for section in ("answer", "llm", "discord", "log"):
        with pytest.raises(ConfigError, match=rf"unknown section \[{section}\]"):
            parse_config({section: {}}, Settings)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"search": {"k": "five"}}, r"\[search\]\.k must be an integer, got 'five'"),
        ({"search": {"k": 2.5}}, r"\[search\]\.k must be an integer"),
        ({"search": {"k": 0}}, r"\[search\]\.k must be greater than 0"),
        ({"search": "k=5"}, r"\[search\] must be a table"),
    ],
)
def test_a_wrong_type_or_value_names_the_key_and_what_was_expected(raw, message):
    with pytest.raises(ConfigError, match=message):
        parse_config(raw, Settings)


def test_a_missing_or_broken_file_is_reported(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_config(Settings, tmp_path / "nope.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[search\nk = 1")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(Settings, bad)


def test_data_dir_precedence(tmp_path, monkeypatch):
    cfg = tmp_path / "c.toml"
    cfg.write_text('[data]\ndir = "rel/index"\n')
    monkeypatch.delenv("NEWSBOT_DATA_DIR", raising=False)
    assert load_config(Settings, cfg).data_dir == tmp_path / "rel" / "index"  # relative to the file
    monkeypatch.setenv("NEWSBOT_DATA_DIR", str(tmp_path / "env"))
    assert load_config(Settings, cfg).data_dir == tmp_path / "env"
    assert load_config(Settings, cfg, tmp_path / "flag").data_dir == tmp_path / "flag"


def test_a_process_builds_unless_configured_not_to_and_names_where_builds_run():
    assert parse_config({}, Settings).index.builder is True
    reader = parse_config(
        {"index": {"builder": False, "builder_name": "the bot-0 worker"}}, Settings
    )
    assert reader.index.builder is False
    assert reader.index.builds_run_on == "the bot-0 worker"
    unnamed = parse_config({"index": {"builder": False}}, Settings)
    assert unnamed.index.builds_run_on == "the process configured with [index].builder = true"


@pytest.mark.parametrize("name", ["two\nlines", " padded", "x" * 101])
def test_a_builder_name_must_be_one_short_line(name):
    with pytest.raises(ConfigError, match=r"\[index\]\.builder_name must be one line of at most"):
        parse_config({"index": {"builder_name": name}}, Settings)
