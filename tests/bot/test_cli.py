"""The `newsbot` command's error paths, in process (the happy paths with the real model are in
tests/test_cli_model.py)."""

import pytest

from bot.cli import main, read_batch


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_search_without_an_index_says_to_run_index(capsys, tmp_path):
    code, _, err = run(capsys, "search", "Peskov", "--data-dir", str(tmp_path))
    assert code == 1
    assert "no index has been built" in err and "newsbot index" in err


def test_a_wrong_config_key_fails_at_start_up_with_its_name(capsys, tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text("[search]\nkay = 3\n")
    code, _, err = run(capsys, "stats", "--config", str(cfg))
    assert code == 1 and "[search].kay" in err


def test_options_work_before_the_command_too(capsys, tmp_path):
    code, _, err = run(capsys, "--data-dir", str(tmp_path), "stats")
    assert code == 1 and str(tmp_path) in err


def test_indexing_a_missing_path_names_it(capsys, tmp_path):
    missing = tmp_path / "nowhere"
    code, _, err = run(capsys, "index", str(missing), "--data-dir", str(tmp_path / "d"))
    assert code == 1 and "nowhere" in err


def test_run_without_a_token_says_how_to_set_it(capsys, tmp_path, monkeypatch):
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    code, out, err = run(capsys, "run", "--data-dir", str(tmp_path))
    assert code == 2
    assert "DISCORD_TOKEN" in err + out and "export" in err + out


def test_run_without_an_index_fails_before_connecting_and_never_prints_the_token(
    capsys, tmp_path, monkeypatch
):
    monkeypatch.setenv("DISCORD_TOKEN", "secret-token-value")
    code, out, err = run(capsys, "run", "--data-dir", str(tmp_path))
    assert code == 1 and "newsbot index" in err
    assert "secret-token-value" not in out + err


def test_ask_and_search_need_a_question(capsys, tmp_path):
    assert run(capsys, "ask", "--data-dir", str(tmp_path))[0] == 1
    code, _, err = run(capsys, "search", "--data-dir", str(tmp_path))
    assert code == 1 and "--batch" in err


def test_batch_files_take_plain_lines_and_json_objects(tmp_path):
    path = tmp_path / "q.txt"
    path.write_text('What did Peskov say?\n\n{"question": "Who won?", "id": 1}\n{"query": "x"}\n')
    assert list(read_batch(str(path))) == ["What did Peskov say?", "Who won?", "x"]


@pytest.mark.parametrize("k", ["0", "-1", "two"])
def test_bad_k_is_a_usage_error(capsys, k):
    with pytest.raises(SystemExit) as exc:
        main(["search", "x", "-k", k])
    assert exc.value.code == 2
