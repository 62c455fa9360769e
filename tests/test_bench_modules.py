"""The benchmarks are not run by the tests (they take minutes), but they must import, parse
their options, and keep their question sets apart from the reporting sets."""

import argparse
import importlib
import json

import numpy as np
import pytest

from tests.conftest import REPO, SHARED

BENCHES = [
    "bench.retrieval",
    "bench.answers",
    "bench.attribution",
    "bench.notfound",
    "bench.speed_build",
    "bench.speed_search",
    "bench.speed_memory",
    "bench.checksums",
    "bench.input_limits",
    "bench.time",
    "bench.llm",
    "bench.speed_during_build",
    "bench.speed_backends",
    "bench.speed_answer",
    "bench.million",
    "bench.milvus",
    "bench.sentence_ranking",
    "bench.tune_embedder",
    "bench.e5_check",
    "bench.naive",
    "bench.rerank",
]


@pytest.mark.parametrize("name", BENCHES)
def test_each_benchmark_imports_and_prints_its_help(name, monkeypatch, capsys):
    module = importlib.import_module(name)
    monkeypatch.setattr("sys.argv", [name, "--help"])
    with pytest.raises(SystemExit) as exit_:
        module.main()
    assert exit_.value.code == 0
    assert f"python -m {name}" in capsys.readouterr().out


def test_what_the_answers_bench_patches_is_there_to_patch():
    # --no-lead-baseline and --constant patch the answer path's names: a rename must not
    # break them at the end of a run
    import bench.answers as bench_answers

    module, _, name = bench_answers.NO_LEAD.rpartition(".")
    assert callable(getattr(importlib.import_module(module), name))
    for constant in bench_answers.SELECTION_CONSTANTS:
        assert isinstance(getattr(importlib.import_module("bot.answer"), constant), float)
    for constant in bench_answers.LEAD_CONSTANTS:
        assert isinstance(getattr(importlib.import_module("bot.lead"), constant), float)


def test_a_question_file_given_instead_of_the_sets_names_its_own_outputs():
    # `bench.answers --questions user-answers.jsonl` once overwrote the set's answers file
    from bench.common import chosen_dataset

    args = argparse.Namespace(
        set="realtimeqa-dev", corpus=None, questions=None, data_dir=None, backend=None
    )
    assert chosen_dataset(args).label == "realtimeqa-dev"
    args.questions = "bench/questions/user-answers.jsonl"
    assert chosen_dataset(args).label == "realtimeqa-dev-user-answers"
    args.backend = "onnx"
    assert chosen_dataset(args).label == "realtimeqa-dev-user-answers-backend=onnx"


def test_what_the_lower_case_benches_patch_is_there_to_patch():
    # --lower-case reads questions as typed by patching the recasing check of the answer path
    from bench.common import RECASING_CHECK

    module, _, name = RECASING_CHECK.rpartition(".")
    check = getattr(importlib.import_module(module), name)
    assert check("who is karoline leavitt") is True and check("Who is Leavitt?") is False


def test_what_the_typos_bench_patches_is_there_to_patch():
    # --typos turns the spelling rules off by patching the answer path's _spellings
    from bench.common import SPELLINGS

    module, _, name = SPELLINGS.rpartition(".")
    unknown = getattr(importlib.import_module(module), name)
    assert unknown.__code__.co_varnames[:2] == ("text", "searcher")


def test_the_typos_bench_counts_how_each_misspelt_word_is_read_back(tmp_path, monkeypatch):
    import json
    from types import SimpleNamespace

    import bench.notfound
    from tests.bot.test_unknown_word import Vocabulary

    questions = [
        "What did the president say?",  # "preisdent": read back as "president"
        "How tall is the tower?",  # "toer": too short for a typo, left as typed
        "What did thieves take?",  # "thieeves": read back as "thieves"
        "What happened in Vellmouth?",  # "vellnouth": a typo of no word of the news, a name
        "How did the mayor win?",  # "myaor": read back as "mayor"
    ]
    path = tmp_path / "set.jsonl"
    path.write_text("".join(json.dumps({"question": q}) + "\n" for q in questions))
    monkeypatch.setattr(bench.notfound, "question_sets", lambda: {"some-tune": (path, True)})
    bot = SimpleNamespace(library=SimpleNamespace(searcher=Vocabulary))

    out = bench.notfound.read_back(bot)

    assert out["some-tune"] == {"restored": 3, "as_typed": 1, "name": 1}
    assert out["tune_side"]["restored_share"] == 0.6
    assert "report_side" not in out  # no set of that side asked


def test_the_typos_bench_makes_one_typo_of_each_kind_in_turn_in_the_longest_word():
    from bench.notfound import lower_cased_typo

    asked = "Who won the US Open recently?"
    assert [lower_cased_typo(asked, n, "x") for n in range(5)] == [
        "who won the us open recnetly?",  # swapped
        "who won the us open recetly?",  # left out
        "who won the us open recenntly?",  # doubled
        "who won the us open receotly?",  # changed
        "who won the us open recnetly?",  # in turn
    ]
    assert lower_cased_typo("Who is Li Na?", 0, "x") == "who is li na?"  # no word to misspell


def test_what_the_framed_benches_patch_is_there_to_patch():
    # --framed reads questions as typed by patching the unframing of the answer path
    from bench.common import UNFRAMING

    module, _, name = UNFRAMING.rpartition(".")
    unframe = getattr(importlib.import_module(module), name)
    assert unframe("hey, who is Karoline Leavitt? thanks") == "Who is Karoline Leavitt?"


def test_what_the_bare_names_bench_patches_is_there_to_patch():
    # --bare-names reads a name alone as typed by patching the answer path's bare_name
    from bench.notfound import BARE_NAME

    module, _, name = BARE_NAME.rpartition(".")
    read = getattr(importlib.import_module(module), name)
    assert read("Karoline Leavitt?") == "Karoline Leavitt" and read("Who is Leavitt?") is None


def test_the_benches_chat_framings_keep_the_question_and_differ_by_side():
    from bench.common import FRAMINGS, framed

    assert not set(FRAMINGS["tune"]) & set(FRAMINGS["report"])
    asked = [framed("Who is Eric Adams?", n, "tune") for n in range(len(FRAMINGS["tune"]))]
    assert len(set(asked)) == len(FRAMINGS["tune"])  # each framing in turn
    assert "hey, who is Eric Adams?" in asked and "do you know who Eric Adams is?" in asked
    said = framed("What did Peskov say about Venezuela?", 4, "tune")
    assert said == "can you tell me what Peskov said about Venezuela?"
    assert framed("NFL teams: which won?", 0, "tune") == "hey, NFL teams: which won?"


def test_our_offtopic_questions_are_not_the_reporting_ones_nor_each_others():
    sets = [REPO / "bench" / "questions" / f"offtopic-{name}.jsonl" for name in ("tune", "check")]
    questions = [
        {json.loads(line)["question"].lower() for line in path.read_text().splitlines()}
        for path in sets
    ]
    assert all(len(q) >= 40 for q in questions)
    assert not questions[0] & questions[1]
    reporting = SHARED / "eval" / "offtopic-questions.jsonl"
    if not reporting.exists():
        pytest.skip(f"{reporting} is not here")
    reported = {json.loads(line)["question"].lower() for line in reporting.open() if line.strip()}
    assert not (questions[0] | questions[1]) & reported


def test_no_offtopic_question_is_asked_twice_across_our_sets_and_the_reporting_one():
    # each blind set measures questions no other set (nor rule written from one) has seen
    paths = sorted((REPO / "bench" / "questions").glob("offtopic-*.jsonl"))
    reporting = SHARED / "eval" / "offtopic-questions.jsonl"
    if reporting.exists():
        paths.append(reporting)
    seen: dict[str, str] = {}
    for path in paths:
        for line in path.read_text().splitlines():
            question = json.loads(line)["question"].lower()
            assert question not in seen, f"{question!r} in {path.name} and {seen[question]}"
            seen[question] = path.name
    assert len(paths) >= 6


def test_the_naive_baseline_chunks_at_whitespace_and_fuses_both_rankers():
    from bench.naive import Chunk, NaiveBaseline, chunks_of
    from tests.fakes import FakeEmbedder

    assert chunks_of("aaa bbb ccc dd", 7) == ["aaa bbb", "ccc dd"]
    assert chunks_of("  abcdefghij  ", 4) == ["abcd", "efgh", "ij"]  # a long word is cut
    assert chunks_of("", 10) == []
    texts = [
        "The storm flooded the harbour in Gotham overnight.",
        "Voters in Arcadia chose a new governor on Tuesday.",
        "The harbour reopened after the flood waters fell.",
    ]
    chunks = [Chunk({"url": f"u{i}", "title": f"t{i}"}, t) for i, t in enumerate(texts)]
    embedder = FakeEmbedder()
    naive = NaiveBaseline(chunks, embedder.encode(texts), embedder, 60)
    hits = naive.search("Which governor did voters in Arcadia choose?")
    assert [h["rank"] for h in hits] == [1, 2, 3]
    assert hits[0]["url"] == "u1" and hits[0]["text"] == texts[1]
    # reciprocal rank fusion: first in both rankings scores 2 / (60 + 1)
    assert hits[0]["score"] == pytest.approx(2 / 61, abs=1e-6)


def test_the_chat_style_questions_are_none_of_the_eval_sets_questions():
    user = REPO / "bench" / "questions" / "user-tune.jsonl"
    questions = [json.loads(line)["question"] for line in user.read_text().splitlines()]
    assert len(questions) >= 40
    assert len(set(questions)) == len(questions)
    evals = sorted((SHARED / "eval").glob("realtimeqa-*/questions.jsonl"))
    if not evals:
        pytest.skip(f"{SHARED / 'eval'} is not here")
    asked = {json.loads(line)["question"].lower() for path in evals for line in path.open()}
    assert not {q.lower() for q in questions} & asked


def test_padding_counts_the_word_pieces_a_batch_order_adds():
    from bench.speed_backends import padding

    # batches [10, 2] and [9, 3]: 20 + 18 pieces computed for 24 real ones
    assert padding([10, 9, 3, 2], [0, 3, 1, 2], batch_size=2) == pytest.approx(38 / 24 - 1)
    assert padding([10, 9, 3, 2], [0, 1, 2, 3], batch_size=2) == pytest.approx(26 / 24 - 1)


def test_the_backend_plot_is_a_png_of_each_backend(tmp_path):
    from bench.speed_backends import plot

    row = {"median_passages_per_s": 20.0, "median_ratio_to_torch": 1.0}
    rows = {b: row for b in ("torch", "onnx", "onnx-int8")}
    path = tmp_path / "docs" / "backends.png"
    plot({"cpus": 2, "encode": rows, "build": {"backends": rows}}, path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size > 5000


def test_a_backend_chosen_on_the_command_line_gets_its_own_index_and_settings():
    import argparse

    from bench.common import (
        MODELS,
        add_dataset_args,
        bench_settings,
        chosen_dataset,
        dataset_settings,
    )

    parser = argparse.ArgumentParser()
    add_dataset_args(parser, "realtimeqa-dev", ("realtimeqa-dev", "realtimeqa-tune"))
    torch_set = chosen_dataset(parser.parse_args([]))
    int8 = chosen_dataset(parser.parse_args(["--set", "realtimeqa-tune", "--backend", "onnx-int8"]))
    assert int8.index_dir == torch_set.index_dir.with_name("rtqa-merged-index-onnx-int8")
    assert (int8.label, torch_set.label) == ("realtimeqa-tune-backend=onnx-int8", "realtimeqa-dev")
    settings = dataset_settings(int8)
    assert settings.embedding.backend == "onnx-int8"
    assert settings.model_cache_dir == MODELS and settings.data_dir == int8.index_dir
    configured = bench_settings(torch_set.index_dir)
    assert dataset_settings(torch_set) == configured  # no --backend: the configured one


def test_the_support_fit_finds_its_target_share_with_the_weights_it_prints():
    from bench.notfound import fit
    from bot.evidence import FEATURES, SUPPORT_TARGET_FOUND

    rng = np.random.default_rng(0)
    rows = [
        {"group": group, "features": list(rng.normal(shift, 0.3, len(FEATURES)))}
        for group, shift in [("tune", 0.6)] * 150 + [("offtopic", 0.2)] * 60
    ]
    result = fit(rows)
    weights, bias = np.array(result["weights"]), result["bias"]
    # printed rounded, and the model as printed (what is pasted into bot/evidence.py) finds the
    # target share, not one question fewer for the rounding
    assert all(round(w, 4) == w for w in weights) and round(bias, 4) == bias
    z = np.array([r["features"] for r in rows[:150]]) @ weights + bias
    assert (z >= 0).mean() == pytest.approx(SUPPORT_TARGET_FOUND, abs=0.5 / 150)
    dropped = fit(rows, drop=("answer_type",))
    assert dict(zip(FEATURES, dropped["weights"], strict=True))["answer_type"] == 0.0
    with pytest.raises(SystemExit, match="no feature"):
        fit(rows, drop=("no_such_feature",))


def test_the_extractor_recall_counts_annotated_statements_found_with_their_speaker():
    from bench.attribution import statement_recall
    from bench.common import load_scorer

    scorer = load_scorer("score_attribution")
    text = (
        "Title.\n\nAnn Lee said the council would vote on the budget next week. "
        "The weather was fine and the streets were full of people that day."
    )
    articles = [{"id": "a1", "title": "Title", "text": text}]
    said = {"article_id": "a1", "speaker": "Mayor Ann Lee"}
    attributions = [
        {**said, "content": "the council would vote on the budget next week"},
        {**said, "content": "the streets were full of people that day"},  # not extracted
        {**said, "content": "too short to keep"},  # under 6 words: left out, as the questions
        {**said, "speaker": "Joe Doe", "content": "the council would vote on the budget next week"},
    ]
    assert statement_recall(scorer, articles, attributions) == {
        "annotated": 3,
        "extracted": 1,
        "recall": 0.333,
    }


def test_the_statements_counted_wrong_are_split_by_what_they_match():
    from bench.attribution import WRONG_KINDS, per_question, wrong_kinds
    from bench.common import load_scorer

    scorer = load_scorer("score_attribution")
    own = "we now live in a world where television shows never die"
    showtime = "it is irresistible to have something with awareness already built in"
    roe = "the city budget will be balanced by the end of next year"
    doe = "the weather will be fine for the parade on Sunday morning"
    attributions = [
        {"article_id": "tv", "speaker": "David Nevins", "content": own},
        {"article_id": "tv", "speaker": "Mr. Nevins of Showtime", "content": showtime},
        {"article_id": "tv", "speaker": "Jane Roe", "content": roe},
        {"article_id": "parade", "speaker": "John Doe", "content": doe},
    ]
    questions = [{"key": scorer.key(a["speaker"]), "gold": [a["content"]]} for a in attributions]
    said = [own, showtime, roe, "the weather will be fine for the parade", "nothing anyone said"]
    rows = [
        {
            "quotes": [{"speaker": "David Nevins", "text": t, "citation": 1} for t in said],
            "citations": [{"n": 1, "article_id": "tv"}],
        },
        *({"quotes": [], "citations": []} for _ in attributions[1:]),
    ]
    assert per_question(scorer, questions, rows)[0] == (1, 3, True)  # the scorer's count
    assert wrong_kinds(scorer, questions, rows, attributions) == dict(
        zip(WRONG_KINDS, (1, 1, 1), strict=True)
    )


def test_slices_deal_every_article_once_with_its_own_attributions_and_questions(
    tmp_path, monkeypatch
):
    import json

    import bench.attribution
    from bench.attribution import sliced
    from bench.common import Dataset, read_jsonl

    folder = tmp_path / "set"
    folder.mkdir()
    articles = [{"id": f"a{i}", "title": "T", "text": "Text."} for i in range(7)]
    said = "the council would vote on the budget next week"
    surnames = ["Lee", "Diaz", "Okafor", "Berg", "Tanaka", "Moreau", "Silva"]
    attributions = [
        {"article_id": f"a{i}", "speaker": f"Ann {surnames[i]}", "content": said} for i in range(7)
    ]
    for name, rows in (("articles.jsonl", articles), ("attributions.jsonl", attributions)):
        (folder / name).write_text("".join(json.dumps(r) + "\n" for r in rows))
    monkeypatch.setattr(bench.attribution, "OUT", tmp_path / "out")
    data = Dataset("polnear-x", folder / "articles.jsonl", folder / "q.jsonl", tmp_path / "i")

    parts = sliced(data, 3)

    assert [p.name for p in parts] == ["polnear-x-slice1", "polnear-x-slice2", "polnear-x-slice3"]
    ids = [[a["id"] for a in read_jsonl(p.corpus)] for p in parts]
    assert sorted(sum(ids, [])) == sorted(a["id"] for a in articles)  # each article once
    assert [len(i) for i in ids] == [3, 2, 2]
    for part, held in zip(parts, ids, strict=True):
        mine = read_jsonl(part.corpus.with_name("attributions.jsonl"))
        assert sorted(a["article_id"] for a in mine) == sorted(held)
        # one question a speaker of the slice, made by score_attribution.py's make-questions
        asked = {q["speaker"] for q in read_jsonl(part.questions)}
        assert asked == {f"Ann {surnames[int(i[1:])]}" for i in held}
    assert sliced(data, 3) == parts  # the seeded shuffle deals the same slices every run
    with pytest.raises(SystemExit, match="between 2 and the set's 7 articles"):
        sliced(data, 8)


def test_answers_varies_only_the_constants_that_choose_sentences():
    import argparse

    import bot.answer
    from bench.answers import SELECTION_CONSTANTS, parse_constant

    assert parse_constant("KEEP_RATIO=0.5,0.7") == ("KEEP_RATIO", [0.5, 0.7])
    # Every name the option accepts is a constant the answer path reads at call time.
    assert all(isinstance(getattr(bot.answer, name), float) for name in SELECTION_CONSTANTS)
    # The relevance weights feed the fitted found decision: not a sweep's to change.
    for bad in ("DENSE_WEIGHT=0.5", "KEEP_RATIO", "NOPE=1"):
        with pytest.raises(argparse.ArgumentTypeError, match="NAME one of"):
            parse_constant(bad)


def test_ask_batch_answers_as_of_the_moment_given_as_newsbot_ask_does():
    # bench.answers --as-asked-today: the answerer gets `now`, as `newsbot ask` gives it today
    from datetime import UTC, datetime

    from bench.common import ask_batch
    from bot.models import Answer
    from index.errors import NewsbotError

    seen = []

    class Recording:
        def answer(self, question, now=None):
            seen.append(now)
            if not question.strip():
                raise NewsbotError("empty question")
            return Answer(question=question, text="ok", found=True)

    moment = datetime(2026, 12, 4, tzinfo=UTC)
    rows = ask_batch(Recording(), ["What happened?", " "], moment)
    assert seen == [moment, moment]
    assert [r["found"] for r in rows] == [True, False]
    assert rows[1]["error"] == "empty question"
    ask_batch(Recording(), ["What happened?"])
    assert seen[-1] is None  # without one: no "now", as the benches have asked so far


def test_a_lead_constant_may_vary_as_the_selection_constants_do():
    from bench.answers import parse_constant

    assert parse_constant("ACT_BONUS=0,0.1") == ("ACT_BONUS", [0.0, 0.1])
    assert parse_constant("KEEP_RATIO=0.5") == ("KEEP_RATIO", [0.5])
    with pytest.raises(argparse.ArgumentTypeError, match="ACT_BONUS"):
        parse_constant("DENSE_WEIGHT=0.5")


def test_leads_are_counted_over_all_questions_and_over_those_led():
    from bench.answers import lead_summary

    rows = [
        {"lead": "Salt Lake City", "lead_correct": True},
        {"lead": "Utah", "lead_correct": False},
        {"lead": None, "lead_correct": False},
        {"lead": None, "lead_correct": False},
    ]
    assert lead_summary(rows) == {
        "leads_given": 0.5,
        "lead_accuracy": 0.25,
        "lead_precision": 0.5,
    }
    assert lead_summary([{"lead": None, "lead_correct": False}])["lead_precision"] is None


def test_the_lead_is_read_from_the_answers_start_only_when_it_leads():
    from bench.answers import lead_of

    assert lead_of("Salt Lake City [1]. 2034 Winter Olympics: Salt Lake City, Utah [1]") == (
        "Salt Lake City"
    )
    # an answer starting with a sentence (cited without a full stop after it) has no lead
    assert lead_of("The Games go to Utah. [1] Salt Lake City [2] hosts. [2]") is None
    assert lead_of("I couldn't find anything about that in the indexed news articles.") is None


def test_the_user_answer_questions_are_answered_and_none_of_the_eval_sets():
    path = REPO / "bench" / "questions" / "user-answers.jsonl"
    rows = [json.loads(line) for line in path.read_text().splitlines()]
    assert len(rows) >= 20 and all(r["answer"].strip() for r in rows)
    assert len({r["question"] for r in rows}) == len(rows)
    evals = sorted((SHARED / "eval").glob("realtimeqa-*/questions.jsonl"))
    asked = {json.loads(line)["question"].lower() for path in evals for line in path.open()}
    assert len(evals) == 2 and not {r["question"].lower() for r in rows} & asked


def test_the_rerank_bench_reads_word_pairs_and_orders_by_its_model():
    from bench.rerank import first_relevant, pairs, ranked
    from bench.retrieval import paired_gap

    # consecutive content words, function words left out
    assert pairs("The mayor of Boston said it.") == {("mayor", "boston")}
    assert first_relevant(np.array([0.0, 0.0, 1.0]), np.array([2, 0, 1])) == 0
    assert first_relevant(np.array([0.0, 1.0]), np.array([0, 1])) == 1
    # beyond the top 10 nothing counts, as for score_retrieval.py
    assert first_relevant(np.array([0.0] * 11 + [1.0]), np.arange(12)) is None
    # the model's scores order the candidates: here the second feature decides
    row = {"x": np.array([[1.0, 0.0], [0.0, 1.0]]), "y": np.array([0.0, 1.0])}
    model = (np.array([0.0, 1.0]), 0.0, (np.zeros(2), np.ones(2)))
    assert list(ranked(row, model)) == [1, 0]
    # the paired gap: one question gained at rank 1, one lost from rank 3
    gap = paired_gap([0, None], [None, 2])
    assert gap["hits@5"] == 0.0 and gap["mrr@10"] == round((1 - 1 / 3) / 2, 3)
