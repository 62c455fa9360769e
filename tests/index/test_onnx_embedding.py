"""The ONNX backends against the torch model they are exported from (index/onnx_embedding.py)."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from index.config import EmbeddingSettings
from index.errors import ConfigError, IndexCorruptError
from tests.conftest import make_settings

pytestmark = pytest.mark.model

PASSAGES = [
    "The central bank raised interest rates by half a point on Wednesday, its third rise this "
    "year, saying inflation had not yet turned.",
    "Flooding closed the harbour road for a second day; the mayor said repairs would take weeks.",
    "  Who won the election?  ",
    "Shares of the carmaker fell 8% after it cut its forecast, blaming chip shortages. " * 12,
    "A",
    "Le président a rencontré les dirigeants européens à Bruxelles mardi.",
]


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("models")


@pytest.fixture(scope="module")
def onnx(cache_dir: Path) -> Any:
    from index.embedding import load_embedder

    return load_embedder(EmbeddingSettings(backend="onnx", cache_dir=str(cache_dir)))


@pytest.fixture(scope="module")
def onnx_int8(cache_dir: Path, onnx: Any) -> Any:
    from index.embedding import load_embedder

    return load_embedder(EmbeddingSettings(backend="onnx-int8", cache_dir=str(cache_dir)))


def cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.asarray((a * b).sum(axis=1))


def test_onnx_fp32_vectors_match_torch(real_embedder: Any, onnx: Any) -> None:
    got = onnx.encode(PASSAGES)
    assert got.dtype == np.float32 and got.shape == (len(PASSAGES), real_embedder.dimension)
    assert cosines(got, real_embedder.encode(PASSAGES)).min() > 0.9999
    assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)


def test_onnx_int8_vectors_stay_close_to_torch(real_embedder: Any, onnx_int8: Any) -> None:
    cos = cosines(onnx_int8.encode(PASSAGES), real_embedder.encode(PASSAGES))
    assert cos.mean() >= 0.985 and cos.min() > 0.98


def test_onnx_counts_tokens_and_limits_as_the_torch_model(real_embedder: Any, onnx: Any) -> None:
    assert onnx.count_tokens(PASSAGES) == real_embedder.count_tokens(PASSAGES)
    assert (onnx.max_tokens, onnx.special_tokens) == (
        real_embedder.max_tokens,
        real_embedder.special_tokens,
    )
    assert onnx.name == f"{real_embedder.name}@onnx"


def test_concurrent_encodes_and_counts_give_the_same_results(onnx_int8: Any) -> None:
    expected = onnx_int8.encode(PASSAGES)
    counts = onnx_int8.count_tokens(PASSAGES)
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(5):
                assert np.allclose(onnx_int8.encode(PASSAGES), expected, atol=1e-5)
                assert onnx_int8.encode(PASSAGES[:2]).shape == (2, onnx_int8.dimension)
                assert onnx_int8.count_tokens(PASSAGES) == counts
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def test_the_export_goes_to_the_cache_dir_and_is_reused(
    cache_dir: Path, onnx_int8: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import index.onnx_embedding as mod
    from index.embedding import default_model_path, load_embedder

    assert onnx_int8.path.parent == cache_dir
    files = sorted(p.name for p in cache_dir.iterdir())
    assert len(files) == 2 and all(name.endswith(".onnx") for name in files)
    assert not any(default_model_path().rglob("*.onnx"))  # never into the installed package

    def refuse(*args: Any) -> None:
        raise AssertionError("exported again")

    monkeypatch.setattr(mod, "export_onnx", refuse)
    monkeypatch.setattr(mod, "quantize_int8", refuse)
    again = load_embedder(EmbeddingSettings(backend="onnx-int8", cache_dir=str(cache_dir)))
    assert again.path == onnx_int8.path


def test_quantising_does_not_flood_the_log(
    onnx: Any, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from index.onnx_embedding import quantize_int8

    # onnxruntime logs dozens of INFO lines a model on the root logger ("Quantization
    # parameters for tensor ... not specified"): a deployer's first answer printed them all
    with caplog.at_level(logging.INFO):
        quantize_int8(onnx.path, tmp_path / "model.int8.onnx")
    assert (tmp_path / "model.int8.onnx").stat().st_size > 1_000_000
    chatter = [r for r in caplog.records if "onnxruntime" in r.pathname]
    assert chatter == [], [r.getMessage() for r in chatter[:3]]


def test_a_half_written_export_is_ignored_and_cleaned(tmp_path: Path, real_embedder: Any) -> None:
    from index.embedding import default_model_path, load_embedder
    from index.onnx_embedding import weights_digest

    # A writer killed mid-export: its temp file under the final file's name, its process gone.
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        text=True,
        capture_output=True,
        check=True,
    ).stdout.strip()
    stem = f"model-{weights_digest(default_model_path())}"
    leftover = tmp_path / f".{stem}.onnx.{dead}.tmp"
    leftover.write_bytes(b"half an onnx file")
    live = tmp_path / f".{stem}.onnx.{os.getppid()}.tmp"  # another process still writing
    live.write_bytes(b"being written")

    model = load_embedder(EmbeddingSettings(backend="onnx", cache_dir=str(tmp_path)))
    assert not leftover.exists() and live.exists()
    assert model.path == tmp_path / f"{stem}.onnx"
    assert cosines(model.encode(PASSAGES), real_embedder.encode(PASSAGES)).min() > 0.9999


def test_an_unknown_backend_is_refused_naming_the_key(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"\[embedding\]\.backend must be one of"):
        make_settings(tmp_path, embedding={"backend": "onnx-fp16"})


def test_switching_backend_re_embeds_and_questions_use_the_snapshots_backend(
    tmp_path: Path, real_embedder: Any, cache_dir: Path
) -> None:
    from index.library import Library
    from index.search import Searcher

    torch_settings = make_settings(tmp_path / "data")
    first = Library(torch_settings, real_embedder).build()
    assert first.embedded > 0

    settings = make_settings(
        tmp_path / "data", embedding={"backend": "onnx-int8", "cache_dir": str(cache_dir)}
    )
    library = Library(settings)
    report = library.build()
    assert report.embedded == first.embedded  # nothing taken from torch's cached vectors
    snapshot = library.searcher().path
    manifest = json.loads((snapshot / "manifest.json").read_text())
    assert manifest["backend"] == "onnx-int8"
    assert manifest["model"] == library.embedder.name == f"{real_embedder.name}@onnx-int8"
    assert manifest["model_file"].endswith(".int8.onnx")
    assert library.searcher().search("interest rates")  # the question encoded by onnx-int8
    with pytest.raises(IndexCorruptError, match="--rebuild"):
        Searcher(snapshot, settings, real_embedder)  # torch vectors never meet int8 ones


def test_after_a_backend_change_the_old_snapshot_answers_until_the_new_one_replaces_it(
    tmp_path: Path, real_embedder: Any, cache_dir: Path
) -> None:
    from index.bootstrap import Bootstrap
    from index.library import Library

    Library(make_settings(tmp_path / "data"), real_embedder).build()  # made by torch
    settings = make_settings(
        tmp_path / "data", embedding={"backend": "onnx-int8", "cache_dir": str(cache_dir)}
    )
    library = Library(settings)  # the bot restarted with the new backend configured
    old = library.searcher()  # served, not refused: questions need not wait for the re-embed
    assert old.embedder.name == real_embedder.name  # its questions encoded by torch
    assert old.search("troops Venezuela")
    why = Bootstrap(library).needed()  # what makes the bot rebuild in the background
    assert why is not None and f"{library.embedder.name} is configured" in why

    report = library.build()
    for _ in range(300):  # the new snapshot loads behind the old one
        if library.searcher().path.name == report.snapshot:
            break
        threading.Event().wait(0.1)
    new = library.searcher()
    assert new.path.name == report.snapshot and new.embedder is library.embedder
    assert new.embedder.name.endswith("@onnx-int8") and new.search("troops Venezuela")
    assert Bootstrap(library).needed() is None
    assert library._earlier_models == {}  # torch's model is let go


def test_a_snapshot_whose_model_cannot_be_loaded_is_refused_saying_to_rebuild(
    tmp_path: Path, real_embedder: Any
) -> None:
    from index.library import Library
    from index.store import Layout

    Library(make_settings(tmp_path / "data"), real_embedder).build()
    manifest_path = Layout(tmp_path / "data").current_dir() / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["model"] = str(tmp_path / "a-model-since-deleted")
    manifest_path.write_text(json.dumps(manifest))
    library = Library(make_settings(tmp_path / "data"))
    with pytest.raises(
        IndexCorruptError, match="built with model .*a-model-since-deleted.*--rebuild"
    ):
        library.searcher()


def test_a_model_pooled_otherwise_is_refused(tmp_path: Path) -> None:
    import shutil

    from index.embedding import default_model_path
    from index.errors import ModelLoadError
    from index.onnx_embedding import OnnxEmbedder

    folder = tmp_path / "cls-model"
    shutil.copytree(default_model_path(), folder)
    pooling = folder / "1_Pooling" / "config.json"
    config = json.loads(pooling.read_text())
    config.update(pooling_mode_mean_tokens=False, pooling_mode_cls_token=True)
    pooling.write_text(json.dumps(config))
    with pytest.raises(ModelLoadError, match="mean pooling"):
        OnnxEmbedder(folder, "cls-model", tmp_path / "models")
    assert not (tmp_path / "models").exists()  # refused before any export


def test_batches_are_cut_by_token_length_longest_first() -> None:
    from index.onnx_embedding import length_batches

    # Characters would order these otherwise: what pads is the token count.
    batches = length_batches([3, 250, 7, 249, 3, 120], batch_size=2)
    assert [b.tolist() for b in batches] == [[1, 3], [5, 2], [0, 4]]


def test_rows_are_padded_to_the_longest_with_a_mask() -> None:
    from index.onnx_embedding import padded

    got = padded([[101, 7, 102], [101, 102]], pad_id=0)
    assert got["input_ids"].tolist() == [[101, 7, 102], [101, 102, 0]]
    assert got["attention_mask"].tolist() == [[1, 1, 1], [1, 1, 0]]
    assert got["input_ids"].dtype == np.int64


def test_a_text_gets_the_same_vector_whatever_batch_it_is_padded_in(onnx: Any) -> None:
    together = onnx.encode(PASSAGES * 3)  # more than SMALL_BATCH: the bulk path, mixed lengths
    alone = np.concatenate([onnx.encode([p]) for p in PASSAGES])
    assert np.allclose(together, np.tile(alone, (3, 1)), atol=1e-5)


def test_the_weights_are_hashed_once_until_the_file_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a sentence model's first load asked for the digest twice (is an export cached? then the
    # export's name), reading 90 MB each time
    from index import onnx_embedding as mod

    weights = tmp_path / "model.safetensors"
    weights.write_bytes(b"first weights")
    reads = []
    real_open = Path.open

    def counting_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self == weights and "r" in (args[0] if args else kwargs.get("mode", "r")):
            reads.append(self)
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", counting_open)
    first = mod.weights_digest(tmp_path)
    assert mod.weights_digest(tmp_path) == first
    assert len(reads) == 1
    weights.write_bytes(b"other weights, another size")
    assert mod.weights_digest(tmp_path) != first
    assert len(reads) == 2
