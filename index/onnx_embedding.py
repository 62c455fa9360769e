"""The ONNX embedder: the configured sentence-transformers model run by onnxruntime.

The ONNX file is exported from the model's own folder, offline, the first time it is needed, into
`[embedding].cache_dir` (never into the installed package), and reused after that. "onnx-int8"
quantises that export's weights to int8 per output channel (per tensor, the default, measured
cosine ~0.93 to torch; per channel 0.99). Pooling and normalisation are sentence-transformers'
own: the mean of the token vectors under the attention mask, then L2.

Each file is written under a temporary name and renamed into place, so a crash mid-export leaves
only a temporary file, which is never loaded and is removed once its writer is gone.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import threading
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from index.errors import ModelLoadError
from index.tokens import TokenCounter

log = logging.getLogger(__name__)

BACKENDS = ("torch", "onnx", "onnx-int8")
SMALL_BATCH = 8  # texts; a smaller encode (a question) runs on one thread, as the torch one does
_TMP = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.tmp$")


# (path, size, modification time) -> digest: a load asks more than once (is the export
# cached? then its name), and hashing ~90 MB of weights takes a noticeable fraction of a second.
_DIGESTS: dict[tuple[str, int, int], str] = {}
_DIGESTS_LOCK = threading.Lock()


def weights_digest(folder: Path) -> str:
    """A short hash of the model's weights file: an export is reused only for the same weights."""
    for name in ("model.safetensors", "pytorch_model.bin"):
        path = folder / name
        if path.exists():
            stat = path.stat()
            key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
            with _DIGESTS_LOCK:
                known = _DIGESTS.get(key)
            if known is not None:
                return known
            h = hashlib.sha256()
            with path.open("rb") as f:
                for block in iter(lambda: f.read(1 << 20), b""):
                    h.update(block)
            digest = h.hexdigest()[:12]
            with _DIGESTS_LOCK:
                _DIGESTS[key] = digest
            return digest
    raise ModelLoadError(f"{folder} holds no model.safetensors or pytorch_model.bin to export")


def check_pooling(folder: Path) -> None:
    """The ONNX path pools as all-MiniLM-L6-v2 does: mean tokens, then Normalize. Another
    model's pooling would give other vectors without a word, so it is refused."""
    modules = json.loads((folder / "modules.json").read_text())
    kinds = [m["type"].rsplit(".", 1)[-1] for m in modules]
    pooling = next((m for m in modules if m["type"].endswith(".Pooling")), None)
    config = json.loads((folder / pooling["path"] / "config.json").read_text()) if pooling else {}
    modes = sorted(k for k, v in config.items() if k.startswith("pooling_mode") and v)
    if kinds != ["Transformer", "Pooling", "Normalize"] or modes != ["pooling_mode_mean_tokens"]:
        raise ModelLoadError(
            f"{folder}: the ONNX backends support mean pooling with normalisation only (this "
            f'model has modules {kinds}, pooling {modes}); set [embedding].backend = "torch"'
        )


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # pragma: no cover - someone else's live process
        return True
    return True


def clean_temporaries(cache_dir: Path) -> list[Path]:
    """Remove half-written exports whose writing process has ended; returns what was removed."""
    removed = []
    for path in cache_dir.glob(".*.tmp"):
        m = _TMP.match(path.name)
        if m and int(m["pid"]) != os.getpid() and not _pid_alive(int(m["pid"])):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def _atomic(target: Path) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}.tmp")


def export_onnx(folder: Path, target: Path) -> None:
    """Export the transformer of the sentence-transformers model in `folder` to `target`."""
    import torch
    from transformers import AutoModel

    class Hidden(torch.nn.Module):
        """The transformer's token vectors from positional inputs (what the exporter traces)."""

        def __init__(self) -> None:
            super().__init__()
            self.inner = AutoModel.from_pretrained(str(folder)).eval()

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.inner(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    model = Hidden().eval()
    sample = {
        "input_ids": torch.ones((2, 8), dtype=torch.long),
        "attention_mask": torch.ones((2, 8), dtype=torch.long),
        "token_type_ids": torch.zeros((2, 8), dtype=torch.long),
    }
    axes = {0: "batch", 1: "sequence"}
    tmp = _atomic(target)
    try:
        # The tracer warns about shape checks it freezes; none of them depends on the batch or
        # the length (the tests compare padded batches against torch).
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(
                model,
                tuple(sample.values()),
                str(tmp),
                input_names=list(sample),
                output_names=["last_hidden_state"],
                dynamic_axes={**dict.fromkeys(sample, axes), "last_hidden_state": axes},
                opset_version=17,
                dynamo=False,
            )
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def quantize_int8(source: Path, target: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    tmp = _atomic(target)
    # onnxruntime logs on the root logger while it quantises: dozens of INFO lines a model
    # ("Quantization parameters for tensor ... not specified") and advice to pre-process shapes,
    # which changes nothing measurable here (cosine to torch 0.994 without it). Neither is
    # logged; its other warnings are.
    quiet = _QuietQuantiser()
    logging.getLogger().addFilter(quiet)
    try:
        quantize_dynamic(str(source), str(tmp), per_channel=True, weight_type=QuantType.QInt8)
        os.replace(tmp, target)
    finally:
        logging.getLogger().removeFilter(quiet)
        tmp.unlink(missing_ok=True)


class _QuietQuantiser(logging.Filter):
    """Drops onnxruntime's quantisation chatter: its INFO records and its pre-processing advice."""

    ADVICE = "pre-processing before quantization"

    def filter(self, record: logging.LogRecord) -> bool:
        if self.ADVICE in record.getMessage():
            return False
        return record.levelno >= logging.WARNING or "onnxruntime" not in record.pathname


def export_paths(folder: Path, cache_dir: Path) -> tuple[Path, Path]:
    """Where the fp32 and the int8 exports of the model in `folder` go in `cache_dir`."""
    stem = f"{re.sub(r'[^A-Za-z0-9_.-]+', '_', folder.name)}-{weights_digest(folder)}"
    return cache_dir / f"{stem}.onnx", cache_dir / f"{stem}.int8.onnx"


def exported(folder: Path, cache_dir: Path, backend: str) -> bool:
    """Whether `backend`'s file for the model in `folder` is already in `cache_dir` (loading it
    then takes a fraction of a second; exporting it takes seconds)."""
    fp32, int8 = export_paths(folder, cache_dir)
    return (fp32 if backend == "onnx" else int8).exists()


def onnx_file(folder: Path, cache_dir: Path, backend: str) -> Path:
    """The ONNX file for `backend`, exported (and quantised) into `cache_dir` if not there yet."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    for path in clean_temporaries(cache_dir):
        log.warning("removed a half-written model export: %s", path)
    fp32, int8 = export_paths(folder, cache_dir)
    if not fp32.exists():
        log.info("exporting %s to ONNX in %s (once)", folder, cache_dir)
        export_onnx(folder, fp32)
    if backend == "onnx":
        return fp32
    if not int8.exists():
        log.info("quantising %s to int8 (per channel)", fp32.name)
        quantize_int8(fp32, int8)
    return int8


class OnnxEmbedder:
    """The `Embedder` protocol on onnxruntime; safe to share between threads.

    onnxruntime's `run` is thread-safe; tokenizers are not, so encoding and counting each have a
    tokenizer of their own behind a lock.
    """

    def __init__(
        self,
        folder: Path,
        name: str,
        cache_dir: Path,
        backend: str = "onnx",
        batch_size: int = 64,
        threads: int | None = None,
    ) -> None:
        from transformers import AutoTokenizer

        if backend not in ("onnx", "onnx-int8"):
            raise ValueError(f"not an ONNX backend: {backend!r}")
        self.backend = backend
        self.name = f"{name}@{backend}"  # vectors of another backend never mix with these
        self.batch_size = batch_size
        self.threads = threads  # for an encode of more than SMALL_BATCH texts (None: every core)
        try:
            check_pooling(folder)
            config = json.loads((folder / "sentence_bert_config.json").read_text())
            self._tokenizer: Any = AutoTokenizer.from_pretrained(str(folder))
            self.path = onnx_file(folder, cache_dir, backend)
        except (OSError, ValueError) as exc:
            raise ModelLoadError(
                f"could not prepare the ONNX model from {folder} ({exc}); set "
                '[embedding].backend = "torch" or point [embedding].model at a local '
                "sentence-transformers folder"
            ) from exc
        self.max_tokens = int(config.get("max_seq_length") or 512)
        self._lower = bool(config.get("do_lower_case", False))
        self._counter = TokenCounter(self._tokenizer)
        self._tokenizing = threading.Lock()
        self._special = self._counter.special
        self._pad_id = int(self._tokenizer.pad_token_id or 0)
        self._sessions: dict[int, Any] = {}
        self._sessions_lock = threading.Lock()
        self._inputs = {i.name for i in self._session(1).get_inputs()}
        self.dimension = int(self.encode(["dimension"]).shape[1])

    @property
    def special_tokens(self) -> int:
        return self._special

    def _session(self, threads: int) -> Any:
        """One session per thread count (onnxruntime fixes it at creation)."""
        import onnxruntime as ort

        with self._sessions_lock:
            if threads not in self._sessions:
                options = ort.SessionOptions()
                options.intra_op_num_threads = threads
                options.inter_op_num_threads = 1
                self._sessions[threads] = ort.InferenceSession(
                    str(self.path), options, providers=["CPUExecutionProvider"]
                )
            return self._sessions[threads]

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, getattr(self, "dimension", 0)), dtype=np.float32)
        threads = 1 if len(texts) <= SMALL_BATCH else (self.threads or os.cpu_count() or 1)
        session = self._session(threads)
        clean = [str(t).strip() for t in texts]  # as sentence-transformers
        if self._lower:
            clean = [t.lower() for t in clean]
        # Tokenised once, unpadded; batches are then cut by token length, so each pads only to
        # its own longest text (sorting by characters, as sentence-transformers does, padded 500
        # realtimeqa passages by 9.7%; by tokens 4.0%: bench.speed_backends).
        with self._tokenizing:
            feed = self._tokenizer(
                clean, padding=False, truncation="longest_first", max_length=self.max_tokens
            )
        ids: list[list[int]] = feed["input_ids"]
        types: list[list[int]] | None = feed.get("token_type_ids")
        out = np.empty((len(clean), 0), dtype=np.float32)
        for idx in length_batches([len(x) for x in ids], self.batch_size):
            inputs = padded([ids[i] for i in idx], self._pad_id)
            if "token_type_ids" in self._inputs:
                inputs["token_type_ids"] = (
                    padded([types[i] for i in idx], 0)["input_ids"]
                    if types is not None
                    else np.zeros_like(inputs["input_ids"])
                )
            hidden = session.run(None, {k: v for k, v in inputs.items() if k in self._inputs})[0]
            vecs = mean_pool(hidden, inputs["attention_mask"])
            if out.shape[1] == 0:
                out = np.empty((len(clean), vecs.shape[1]), dtype=np.float32)
            out[idx] = vecs
        return out

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return self._counter.count(texts)


def length_batches(lengths: Sequence[int], batch_size: int) -> list[np.ndarray]:
    """Indices of `lengths` cut into batches of similar length, longest first (the first batch
    shows at once whether the longest inputs fit in memory, as sentence-transformers does)."""
    order = np.argsort(-np.asarray(lengths, dtype=np.int64), kind="stable")
    return [order[i : i + batch_size] for i in range(0, len(order), batch_size)]


def padded(rows: Sequence[Sequence[int]], pad_id: int) -> dict[str, np.ndarray]:
    """Token id rows right-padded to the longest with `pad_id`, and their attention mask."""
    width = max(len(r) for r in rows)
    ids = np.full((len(rows), width), pad_id, dtype=np.int64)
    mask = np.zeros((len(rows), width), dtype=np.int64)
    for i, r in enumerate(rows):
        ids[i, : len(r)] = r
        mask[i, : len(r)] = 1
    return {"input_ids": ids, "attention_mask": mask}


def mean_pool(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """sentence-transformers' mean pooling and Normalize: masked mean, then unit L2 length."""
    m = mask[:, :, None].astype(np.float32)
    summed = (hidden.astype(np.float32) * m).sum(axis=1)
    mean = summed / np.clip(m.sum(axis=1), 1e-9, None)
    norms = np.linalg.norm(mean, axis=1, keepdims=True)
    return np.ascontiguousarray(mean / np.maximum(norms, 1e-12), dtype=np.float32)
