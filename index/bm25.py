"""The lexical side of hybrid search: BM25 over passages (bm25s, English stemming)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

import bm25s
import numpy as np
import Stemmer

from index.errors import IndexCorruptError

log = logging.getLogger(__name__)
# bm25s sets its own logger to DEBUG on import, which floods any log at INFO.
logging.getLogger("bm25s").setLevel(logging.WARNING)

_STEMMER = Stemmer.Stemmer("english")


def _tokenize(texts: Sequence[str]) -> bm25s.tokenization.Tokenized:
    return bm25s.tokenize(
        list(texts), stopwords="en", stemmer=_STEMMER.stemWords, show_progress=False
    )


def _layout_problem(model: bm25s.BM25, size: int) -> str | None:
    """What makes a loaded bm25s index unusable over `size` documents, or None.

    The score matrix is sparse by term: `indptr[t]:indptr[t + 1]` delimits term t's entries in
    `data` (scores) and `indices` (documents). One pass over each array (numpy, at load).
    """
    scores = getattr(model, "scores", None) or {}
    data, indices, indptr = (scores.get(k) for k in ("data", "indices", "indptr"))
    if data is None or indices is None or indptr is None:
        return "its score matrix is incomplete"
    if scores.get("num_docs") != size:
        return f"it indexes {scores.get('num_docs')} documents, the snapshot has {size}"
    if len(indices) != len(data):
        return f"it has {len(indices)} document numbers for {len(data)} scores"
    if len(indptr) == 0 or indptr[0] != 0 or indptr[-1] != len(data) or np.any(np.diff(indptr) < 0):
        return "its term pointers (indptr) are out of order or out of range"
    if len(indices) and (int(indices.min()) < 0 or int(indices.max()) >= size):
        return f"it refers to documents outside 0..{size - 1}"
    ids = list((getattr(model, "vocab_dict", None) or {}).values())
    if ids and (min(ids) < 0 or max(ids) >= len(indptr)):
        return "its vocabulary refers to terms it does not hold"
    return None


class BM25Index:
    """BM25 (Okapi, bm25s's defaults k1=1.5, b=0.75) over a fixed list of documents."""

    def __init__(self, model: bm25s.BM25, size: int) -> None:
        self._model = model
        self.size = size

    @classmethod
    def build(cls, texts: Sequence[str]) -> BM25Index:
        model = bm25s.BM25()
        if texts:
            model.index(_tokenize(texts), show_progress=False)
        return cls(model, len(texts))

    def save(self, path: Path) -> None:
        path.mkdir(parents=True, exist_ok=True)
        if self.size:
            self._model.save(str(path))

    @classmethod
    def load(cls, path: Path, size: int) -> BM25Index:
        """The index saved in `path` over `size` documents; IndexCorruptError when its files
        do not describe such an index (a search would otherwise fail, or silently mislead)."""
        if size == 0:
            return cls(bm25s.BM25(), 0)
        model = bm25s.BM25.load(str(path), mmap=True)
        problem = _layout_problem(model, size)
        if problem is not None:
            raise IndexCorruptError(f"{path} is damaged: {problem}; run `newsbot index --rebuild`")
        return cls(model, size)

    def idf(self, words: Sequence[str]) -> list[float]:
        """Inverse document frequency of each word (stemmed as indexed); unseen words get the
        highest value, since a word the corpus never uses is the most telling one."""
        n = max(self.size, 1)
        frequency = self._document_frequencies()
        out = []
        for word in words:
            df = frequency(_STEMMER.stemWord(word.lower()))
            out.append(float(np.log(1.0 + (n - df + 0.5) / (df + 0.5))))
        return out

    def rarity(self, words: Sequence[str]) -> list[float]:
        """Each word's IDF as a share of the highest possible (a word no document holds): 1.0
        for an unseen word, near 0 for one almost every document uses."""
        highest = float(np.log(1.0 + (max(self.size, 1) + 0.5) / 0.5))
        return [w / highest for w in self.idf(words)]

    def _document_frequencies(self) -> Callable[[str], int]:
        """How many documents hold a stemmed term (0 for a term the corpus never uses).

        bm25s (0.3.16) has no public document-frequency API, so this reads its index layout:
        `vocab_dict` maps a term to its column of the sparse term-by-document score matrix,
        and `scores["indptr"]` holds that matrix's column pointers, so a column's length is the
        term's document count. Only this method knows that layout; if a bm25s upgrade changes
        it, tests/index/test_search.py's IDF test fails here.
        """
        vocab = getattr(self._model, "vocab_dict", None) or {}
        indptr = (getattr(self._model, "scores", None) or {}).get("indptr")

        def frequency(term: str) -> int:
            tid = vocab.get(term)
            return 0 if tid is None or indptr is None else int(indptr[tid + 1] - indptr[tid])

        return frequency

    def search(self, query: str, k: int, mask: np.ndarray | None = None) -> list[tuple[int, float]]:
        """(document row, score) best first; only rows with mask 1 when a mask is given."""
        if self.size == 0 or k <= 0:
            return []
        tokens = _tokenize([query])
        if not tokens.ids or not tokens.ids[0]:
            return []  # only stop words, or nothing the corpus has ever seen
        k = min(k, self.size)
        docs, scores = self._model.retrieve(
            tokens, k=k, show_progress=False, weight_mask=mask, n_threads=1
        )
        return [
            (int(d), float(s)) for d, s in zip(docs[0], scores[0], strict=True) if float(s) > 0.0
        ]
