import pytest

from index.config import load_settings, parse_settings
from index.errors import ConfigError
from tests.conftest import REPO


def test_the_shipped_config_parses_and_matches_the_defaults():
    shipped = load_settings(REPO / "config.toml")
    defaults = parse_settings({}, base_dir=REPO)
    assert shipped == defaults  # config.toml documents exactly the defaults


def test_an_unknown_key_names_the_key_and_the_expected_ones():
    with pytest.raises(ConfigError, match=r"unknown setting \[search\]\.kk; expected one of"):
        parse_settings({"search": {"kk": 3}})


def test_an_unknown_section_is_refused():
    with pytest.raises(ConfigError, match=r"unknown section \[serch\]"):
        parse_settings({"serch": {}})


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"search": {"k": "five"}}, r"\[search\]\.k must be an integer, got 'five'"),
        ({"search": {"k": 2.5}}, r"\[search\]\.k must be an integer"),
        ({"discord": {"message_content": "yes"}}, r"must be true or false"),
        ({"discord": {"channels": [1, "x"]}}, r"\[discord\]\.channels\[1\] must be an integer"),
        ({"discord": {"channels": 5}}, r"must be a list of an integer"),
        ({"search": {"k": 0}}, r"\[search\]\.k must be greater than 0"),
        ({"log": {"level": "LOUD"}}, r"\[log\]\.level must be one of"),
        ({"search": "k=5"}, r"\[search\] must be a table"),
    ],
)
def test_a_wrong_type_or_value_names_the_key_and_what_was_expected(raw, message):
    with pytest.raises(ConfigError, match=message):
        parse_settings(raw)


def test_integers_are_accepted_for_floats():
    assert parse_settings({"discord": {"cooldown_seconds": 5}}).discord.cooldown_seconds == 5.0


def test_a_missing_or_broken_file_is_reported(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_settings(tmp_path / "nope.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[search\nk = 1")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(bad)


def test_data_dir_precedence(tmp_path, monkeypatch):
    cfg = tmp_path / "c.toml"
    cfg.write_text('[data]\ndir = "rel/index"\n')
    monkeypatch.delenv("NEWSBOT_DATA_DIR", raising=False)
    assert load_settings(cfg).data_dir == tmp_path / "rel" / "index"  # relative to the file
    monkeypatch.setenv("NEWSBOT_DATA_DIR", str(tmp_path / "env"))
    assert load_settings(cfg).data_dir == tmp_path / "env"
    assert load_settings(cfg, tmp_path / "flag").data_dir == tmp_path / "flag"
