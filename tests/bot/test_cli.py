"""The `newsbot` command's error paths, in process (the happy paths with the real model are in
tests/test_cli_model.py)."""

import json
import re

import pytest

from bot.cli import main, read_batch
from bot.feedback import Feedback, FeedbackStore
from bot.links import deep_link
from bot.models import Answer, Citation


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


def test_run_without_an_index_goes_on_to_discord_and_never_prints_the_token(
    capsys, tmp_path, monkeypatch
):
    # An empty data directory is no reason to refuse: the bot builds its index once it is in
    # (tests/bot/test_deploy.py). Here Discord cannot be reached (no network in tests), or
    # refuses the token: either way the bot got as far as Discord, and built nothing before.
    monkeypatch.setenv("DISCORD_TOKEN", "secret-token-value")
    code, out, err = run(capsys, "run", "--data-dir", str(tmp_path))
    assert code in (1, 2) and "Discord" in err and "no index" not in err
    assert "secret-token-value" not in out + err
    assert not (tmp_path / "snapshots").exists()


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


# --------------------------------------------------------------------------- ask: deep links

ARTICLE_WITH_URL = """Title: Kremlin denies troop withdrawal
URL: https://news.example/kremlin-troops#top
Source: Example News
Date: 2019-06-04

Kremlin spokesman Dmitry Peskov told reporters there was no official letter from Russia and
there could be no such message about withdrawing troops from Venezuela, contrary to Trump's words.
"""


@pytest.fixture
def indexed_with_url(capsys, tmp_path, monkeypatch, fake_embedder) -> str:
    """A data dir indexing one article with a URL (the fake embedder stands in for the model)."""
    monkeypatch.setattr("index.embedding.load_embedder", lambda settings: fake_embedder)
    article = tmp_path / "kremlin.txt"
    article.write_text(ARTICLE_WITH_URL, encoding="utf-8")
    data = str(tmp_path / "data")
    code, _, err = run(capsys, "index", str(article), "--data-dir", data)
    assert code == 0, err
    return data


def test_ask_json_gives_each_citation_a_deep_link_beside_its_plain_url(capsys, indexed_with_url):
    code, out, err = run(
        capsys, "ask", "What did Peskov say?", "--json", "--data-dir", indexed_with_url
    )
    assert code == 0, err
    (citation,) = json.loads(out)["citations"]
    assert citation["url"] == "https://news.example/kremlin-troops#top"
    # The article's own fragment stays; the text directive follows it.
    assert citation["link"].startswith("https://news.example/kremlin-troops#top:~:text=")
    assert citation["link"] == deep_link(citation["url"], citation["text"])
    assert citation["link"] != citation["url"]


def test_ask_prints_the_deep_link_under_each_source(capsys, indexed_with_url):
    code, out, _ = run(capsys, "ask", "What did Peskov say?", "--data-dir", indexed_with_url)
    assert code == 0
    (line,) = [ln for ln in out.splitlines() if "news.example" in ln]
    assert line.startswith("    https://news.example/kremlin-troops#top:~:text=")


def test_ask_json_abstains_with_the_reason_and_cites_nothing(capsys, indexed_with_url):
    question = "How many troops did the mayor of Glimmerholt send to Venezuela?"
    code, out, err = run(capsys, "ask", question, "--json", "--data-dir", indexed_with_url)
    assert code == 0, err
    answer = json.loads(out)
    assert answer["found"] is False and answer["citations"] == [] and answer["quotes"] == []
    assert answer["answer"].startswith("I found nothing about “Glimmerholt”")
    assert "The closest articles are about: “Kremlin denies troop withdrawal”." in answer["answer"]


@pytest.mark.parametrize(
    "question",
    [
        "Who is Dmitry Peskov?",  # by name: the role the articles quote him under
        "Who is the Kremlin spokesman?",  # by office: who is quoted in it
        # typed without capitals: the name is recased from the retrieved article
        "who is dmitry peskov",
        "WHO IS DMITRY PESKOV?",
        # framed as in a chat: greetings, "do you know …", thanks
        "hey newsbot, do you know who Dmitry Peskov is? thanks!",
        "Hi! Could you tell me who the Kremlin spokesman is?",
        "i was wondering who dmitry peskov is :)",
        # a message that is only the name of a person quoted with a role
        "Peskov",
        "dmitry peskov?",
    ],
)
def test_ask_json_answers_who_a_quoted_person_is_with_their_role_first(
    capsys, indexed_with_url, question
):
    code, out, err = run(capsys, "ask", question, "--json", "--data-dir", indexed_with_url)
    assert code == 0, err
    answer = json.loads(out)
    assert answer["found"] is True and answer["question"] == question  # as typed
    assert answer["answer"].startswith("Kremlin spokesman Dmitry Peskov [1]. ")
    first = answer["citations"][0]
    assert "Kremlin spokesman Dmitry Peskov" in first["text"]
    assert first["link"].startswith(
        "https://news.example/kremlin-troops#top:~:text=Kremlin%20spokesman%20Dmitry%20Peskov"
    )


@pytest.mark.parametrize(
    "framed",
    [
        "hey newsbot, what did Peskov say?",
        "Can you tell me what Peskov said? thx",
        "Peskov said what?",
        "wat did peskov say",  # chat shorthand, in lower case
    ],
)
def test_ask_json_reads_the_question_inside_a_chat_framing(capsys, indexed_with_url, framed):
    answers = []
    for question in ("What did Peskov say?", framed):
        code, out, err = run(capsys, "ask", question, "--json", "--data-dir", indexed_with_url)
        assert code == 0, err
        answers.append(json.loads(out))
    assert answers[0]["found"] is True and "Dmitry Peskov" in answers[0]["answer"]
    assert answers[1]["question"] == framed  # as typed
    assert {k: v for k, v in answers[1].items() if k != "question"} == {
        k: v for k, v in answers[0].items() if k != "question"
    }


# --------------------------------------------------------------------------- --as-of


def test_ask_as_of_a_day_before_the_article_does_not_see_it(capsys, indexed_with_url):
    ask = ("ask", "What did Peskov say?", "--json", "--data-dir", indexed_with_url)
    code, out, err = run(capsys, *ask, "--as-of", "2019-06-04")
    assert code == 0, err
    (citation,) = json.loads(out)["citations"]
    assert citation["published_at"] == "2019-06-04"  # each cited article's date
    code, out, err = run(capsys, *ask, "--as-of", "2019-06-03")
    assert code == 0, err
    answer = json.loads(out)
    assert answer["found"] is False and answer["citations"] == []


def test_ask_prints_each_sources_date(capsys, indexed_with_url):
    code, out, _ = run(capsys, "ask", "What did Peskov say?", "--data-dir", indexed_with_url)
    assert code == 0
    assert "[1] Kremlin denies troop withdrawal · Example News · 2019-06-04" in out


def test_search_as_of_a_day_sees_only_what_was_published_by_then(capsys, indexed_with_url):
    search = ("search", "Peskov troops this week", "--json", "--data-dir", indexed_with_url)
    code, out, err = run(capsys, *search, "--as-of", "2019-06-06")
    assert code == 0, err
    hits = json.loads(out)
    assert hits and {h["published_at"] for h in hits} == {"2019-06-04"}
    assert all("week" not in h["text"] or "Peskov" in h["text"] for h in hits)
    code, out, err = run(capsys, *search, "--as-of", "2019-06-03")
    assert code == 0, err
    assert json.loads(out) == []


def test_search_still_matches_the_words_of_a_relative_period(
    capsys, tmp_path, monkeypatch, fake_embedder
):
    """BM25 matches "this week" even once --as-of has placed it: the report saying it wins."""
    monkeypatch.setattr("index.embedding.load_embedder", lambda settings: fake_embedder)
    rows = [
        ("w1", "The harbour crane union walked out over pay and rosters this week, the port said."),
        ("w2", "The harbour crane union walked out over pay."),
    ]
    path = tmp_path / "week.jsonl"
    path.write_text(
        "".join(
            json.dumps({"id": a, "title": "Harbour", "text": t, "published_at": "2026-03-12"})
            + "\n"
            for a, t in rows
        ),
        encoding="utf-8",
    )
    data = str(tmp_path / "data")
    code, _, err = run(capsys, "index", str(path), "--data-dir", data)
    assert code == 0, err
    question = "Did the harbour crane union walk out this week?"
    search = ("search", question, "--json", "--mode", "bm25", "--data-dir", data)
    code, out, err = run(capsys, *search, "--as-of", "2026-03-14")
    assert code == 0, err
    assert [h["article_id"] for h in json.loads(out)] == ["w1", "w2"]


@pytest.mark.parametrize("command", ["ask", "search", "chat"])
def test_a_bad_as_of_is_a_usage_error_naming_the_value(capsys, command):
    with pytest.raises(SystemExit) as exc:
        main(
            [command, "x", "--as-of", "last tuesday"]
            if command != "chat"
            else [command, "--as-of", "last tuesday"]
        )
    assert exc.value.code == 2
    assert "'last tuesday' is not a date like 2026-01-31" in capsys.readouterr().err


# --------------------------------------------------------------------------- feedback


def test_feedback_without_any_says_so(capsys, tmp_path):
    code, out, _ = run(capsys, "feedback", "--data-dir", str(tmp_path))
    assert code == 0 and out == "No feedback recorded yet.\n"
    code, out, _ = run(capsys, "feedback", "--json", "--data-dir", str(tmp_path))
    assert code == 0 and json.loads(out) == []


def test_feedback_lists_the_recorded_items_newest_first(capsys, tmp_path):
    store = FeedbackStore(tmp_path)
    citation = Citation(1, "a1", "Kremlin denies", "https://news.example/1", None, None, "x", 0, 1)
    answer = Answer("What did Peskov say?", "He denied it [1].", (citation,))
    shown = store.remember("0" * 32, answer)
    store.record(Feedback(shown, 11, "alice", 5, 6, "2026-01-01T10:00:00+00:00"))
    store.record(Feedback(shown, 12, "erin", 5, 6, "2026-01-02T10:00:00+00:00"))

    code, out, _ = run(capsys, "feedback", "--json", "--data-dir", str(tmp_path))
    assert code == 0
    items = json.loads(out)
    assert [(i["user_name"], i["recorded_at"]) for i in items] == [
        ("erin", "2026-01-02T10:00:00+00:00"),
        ("alice", "2026-01-01T10:00:00+00:00"),
    ]
    assert items[1] == {
        "answer_key": "0" * 32,
        "question": "What did Peskov say?",
        "answer": "He denied it [1].",
        "citations": [{"n": 1, "url": "https://news.example/1", "title": "Kremlin denies"}],
        "snapshot": None,
        "answered_at": shown.created_at,
        "user_id": 11,
        "user_name": "alice",
        "guild_id": 5,
        "channel_id": 6,
        "recorded_at": "2026-01-01T10:00:00+00:00",
    }

    code, out, _ = run(capsys, "feedback", "--data-dir", str(tmp_path))
    assert code == 0
    assert out.index("not helpful to erin (12)") < out.index("not helpful to alice (11)")
    assert "  question: What did Peskov say?\n  answer:   He denied it [1].\n" in out
    assert "  [1] Kremlin denies <https://news.example/1>\n  guild 5 · channel 6\n" in out


def test_run_with_the_token_written_into_token_env_refuses_it_and_never_prints_it(
    capsys, tmp_path, monkeypatch
):
    token = "MTAxNzQ0NjE5NjE5NjE5NjE5Ng.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB"
    cfg = tmp_path / "c.toml"
    cfg.write_text(f'[discord]\ntoken_env = "{token}"\n')
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    code, out, err = run(capsys, "run", "--config", str(cfg), "--data-dir", str(tmp_path))
    assert code == 1
    assert "[discord].token_env" in err and "looks like" in err
    for i in range(len(token) - 7):
        assert token[i : i + 8] not in out + err


# --------------------------------------------------------------------------- terminal escapes

# What an article's title or URL may carry to take over a terminal: an OSC title change, clear
# screen, colours (7-bit ESC and 8-bit CSI), a bidi override that reverses what follows, and a
# carriage return, backspace and NUL that hide what was printed before them.
TERMINAL_HOSTILE = (
    "\x1b]0;pwned\x07\x1b[2J\x1b[31mred\x1b[0m \x9b31m \u202egnp.exe\u202c \r\x08\x00!"
)
TERMINAL_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


@pytest.fixture
def indexed_hostile(capsys, tmp_path, monkeypatch, fake_embedder) -> str:
    """A data dir indexing one JSONL article whose title, URL and source hold escape codes."""
    monkeypatch.setattr("index.embedding.load_embedder", lambda settings: fake_embedder)
    record = {
        "title": f"Kremlin {TERMINAL_HOSTILE} denies",
        "url": f"https://news.example/{TERMINAL_HOSTILE}",
        "source": f"Example {TERMINAL_HOSTILE} News",
        "published_at": "2019-06-04",
        "text": "Kremlin spokesman Dmitry Peskov told reporters there was no official letter "
        f"from Russia {TERMINAL_HOSTILE} about withdrawing troops from Venezuela.",
    }
    path = tmp_path / "articles.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    data = str(tmp_path / "data")
    code, _, err = run(capsys, "index", str(path), "--data-dir", data)
    assert code == 0, err
    return data


@pytest.mark.parametrize(
    "command",
    [
        ["ask", "What did Peskov say?"],
        ["search", "Peskov letter"],
        ["stats"],
        ["ask", "What did Peskov say?", "--json"],
        ["search", "Peskov letter", "--json"],
    ],
)
def test_escape_codes_in_articles_never_reach_the_terminal(capsys, indexed_hostile, command):
    code, out, err = run(capsys, *command, "--data-dir", indexed_hostile)
    assert code == 0, err
    assert "red" in out  # the printable rest of the text is kept
    assert not TERMINAL_CONTROL.search(out + err), repr(out + err)
    if "--json" in command:
        data = json.loads(out)  # still valid JSON, the text intact behind json's escapes
        hits = data["citations"] if "ask" in command else data
        assert hits[0]["url"] == f"https://news.example/{TERMINAL_HOSTILE}"


def test_escape_codes_in_a_batch_question_and_an_error_never_reach_the_terminal(
    capsys, tmp_path, indexed_hostile
):
    batch = tmp_path / "q.txt"
    batch.write_text(f"What did Peskov {TERMINAL_HOSTILE} say?\n" + "x" * 2000 + "\n")
    code, out, err = run(capsys, "ask", "--batch", str(batch), "--data-dir", indexed_hostile)
    assert code == 0, err
    lines = out.strip().split("\n")
    assert len(lines) >= 2 and all(json.loads(line) for line in lines)
    assert not TERMINAL_CONTROL.search(out + err)
    cfg = tmp_path / "c.toml"
    cfg.write_text('[search]\n"k\\u001b]0;pwned\\u0007\\u202e" = 1\n', encoding="utf-8")
    code, out, err = run(capsys, "stats", "--config", str(cfg))
    assert code == 1 and "unknown setting [search].k" in err
    assert not TERMINAL_CONTROL.search(out + err), repr(err)


def test_escape_codes_in_feedback_never_reach_the_terminal(capsys, tmp_path):
    store = FeedbackStore(tmp_path)
    citation = Citation(
        1, "a1", TERMINAL_HOSTILE, f"https://x/{TERMINAL_HOSTILE}", None, None, "x", 0, 1
    )
    answer = Answer(f"q {TERMINAL_HOSTILE}", f"a {TERMINAL_HOSTILE} [1].", (citation,))
    shown = store.remember("0" * 32, answer)
    store.record(Feedback(shown, 11, TERMINAL_HOSTILE, 5, 6, "2026-01-01T10:00:00+00:00"))
    code, out, err = run(capsys, "feedback", "--data-dir", str(tmp_path))
    assert code == 0 and "not helpful to" in out
    assert not TERMINAL_CONTROL.search(out + err), repr(out)


def test_an_absurdly_large_k_is_a_usage_error_stating_the_bound(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["search", "x", "-k", "100000000"])
    assert exc.value.code == 2
    assert "at most 1000" in capsys.readouterr().err


@pytest.mark.parametrize("command", [["index"], ["refresh"], ["refresh", "--watch"]])
def test_index_and_refresh_on_a_non_builder_config_are_refused_naming_the_builder(
    capsys, tmp_path, command
):
    cfg = tmp_path / "reader.toml"
    cfg.write_text('[index]\nbuilder = false\nbuilder_name = "the bot-0 worker"\n')
    code, _, err = run(capsys, *command, "--config", str(cfg), "--data-dir", str(tmp_path / "d"))
    assert code == 1
    assert "[index].builder = false" in err and "run on the bot-0 worker" in err
    assert not (tmp_path / "d" / "build.lock").exists()
