"""Duplicates: URLs compared without their spelling, the same text, and near-identical copies.

`Deduplicator` admits each article once; `NearDuplicates` estimates text similarity with MinHash
(index/stories.py uses it too, to group one story's articles from several outlets).
"""

from __future__ import annotations

import hashlib
import logging
import re
import zlib
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import numpy as np

from index.ingest.report import IngestReport
from index.models import Article

log = logging.getLogger(__name__)

# Texts this alike (estimated Jaccard similarity of word 5-grams) are copies of one article:
# the same story re-scraped with another footer, or syndicated with a changed line or two.
NEAR_DUPLICATE_SIMILARITY = 0.9

_WORD = re.compile(r"\w+")
_TRACKING_PARAMS = re.compile(r"^(?:utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid)$", re.I)


def normalize_url(url: str) -> str:
    """A URL reduced for comparison: no scheme, no `www.`, no trailing slash or tracking query."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    port = f":{parts.port}" if parts.port and parts.port not in (80, 443) else ""
    path = parts.path.rstrip("/")
    query = urlencode(
        sorted((k, v) for k, v in parse_qsl(parts.query) if not _TRACKING_PARAMS.match(k))
    )
    return f"{host}{port}{path}" + (f"?{query}" if query else "")


def source_from_url(url: str | None) -> str | None:
    """The host of `url` without `www.` ("usatoday.com"), or None."""
    if not url:
        return None
    host = (urlsplit(url.strip()).hostname or "").lower().removeprefix("www.")
    return host or None


def text_key(text: str) -> str:
    """Same key for texts that differ only in whitespace."""
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()


class Deduplicator:
    """Admits each article once: by normalised URL, by text, by near-identical text (optional),
    and with a unique id.

    Copies by text are duplicates only within one source (a re-scrape, a feed and its archive):
    the same wire story from two outlets is two reports, both kept and grouped into one story
    at index time (index/stories.py). One URL is one article whatever the source says.
    """

    def __init__(self, report: IngestReport, near_similarity: float | None) -> None:
        self.report = report
        self.by_url: dict[str, Article] = {}
        self.by_text: dict[tuple[str, str], Article] = {}
        self.ids: set[str] = set()
        self.near = NearDuplicates(near_similarity) if near_similarity else None

    def admit(self, article: Article) -> Article | None:
        url_key = normalize_url(article.url) if article.url else None
        txt_key = (_source_key(article), text_key(article.text))
        first = (self.by_url.get(url_key) if url_key else None) or self.by_text.get(txt_key)
        if first is None and self.near is not None:
            first = next(
                (a for a, _ in self.near.similar(article) if _source_key(a) == txt_key[0]), None
            )
            if first is not None:
                self.report.near_duplicates += 1
        if first is not None:
            self.report.duplicates += 1
            log.info("%s duplicates %s (%s): dropped", article.origin, first.origin, first.id)
            return None
        if self.near is not None:
            self.near.add(article)
        if article.id in self.ids:
            article = _with_unique_id(article, self.ids)
        self.ids.add(article.id)
        if url_key:
            self.by_url[url_key] = article
        self.by_text[txt_key] = article
        return article


def _source_key(article: Article) -> str:
    """The outlet an article is from, for "same source": its name, else its URL's host."""
    return (article.source or source_from_url(article.url) or "").casefold()


class NearDuplicates:
    """Finds earlier articles whose texts are nearly the same (re-scraped or syndicated copies).

    MinHash over word 5-grams estimates the Jaccard similarity of two texts; locality-sensitive
    hashing (bands of the signature) finds the candidates without comparing every pair, so a
    100k-article corpus stays fast. Hashes are seeded constants, so results are reproducible.
    """

    PERMUTATIONS = 128
    BANDS = 32  # 4 rows a band: pairs above ~0.4 similarity become candidates
    SHINGLE_WORDS = 5
    MIN_WORDS = 50  # short texts (feed summaries) differ in a word that matters; exact only
    HASH_CHUNK = 4096  # 5-grams hashed at a time: a 4096 x 128 matrix (4 MB), whatever the text

    def __init__(self, similarity: float) -> None:
        self.similarity = similarity
        rng = np.random.default_rng(20240605)
        self.a = rng.integers(1, 2**63, self.PERMUTATIONS, dtype=np.uint64) | np.uint64(1)
        self.b = rng.integers(0, 2**63, self.PERMUTATIONS, dtype=np.uint64)
        self.position = rng.integers(1, 2**63, self.SHINGLE_WORDS, dtype=np.uint64) | np.uint64(1)
        self.buckets: dict[tuple[int, bytes], list[int]] = {}
        self.signatures: list[Any] = []
        self.articles: list[Article] = []
        self._last: tuple[str, Any] | None = None

    def signature(self, text: str) -> Any:
        """MinHash of the text's word 5-grams, in time linear in its length and in memory
        bounded by `HASH_CHUNK` (not by the number of distinct 5-grams)."""
        if self._last is not None and self._last[0] == text:
            return self._last[1]
        folded = text.casefold()  # one copy; the words are hashed as they are found
        words = np.fromiter(
            (
                zlib.crc32(w.group().encode("utf-8", "surrogatepass"))
                for w in _WORD.finditer(folded)
            ),
            dtype=np.uint64,
        )
        if len(words) < self.MIN_WORDS:
            signature = None
        else:
            # A 5-gram's hash mixes its words' hashes, each position with its own multiplier
            # (all arithmetic wraps mod 2^64): no 5-gram string is ever built.
            count = len(words) - self.SHINGLE_WORDS + 1
            shingles = np.zeros(count, dtype=np.uint64)
            with np.errstate(over="ignore"):
                for k, factor in enumerate(self.position):
                    shingles += words[k : k + count] * factor
            shingles = np.unique(shingles)
            lowest = np.full(self.PERMUTATIONS, np.iinfo(np.uint64).max, dtype=np.uint64)
            for start in range(0, len(shingles), self.HASH_CHUNK):
                chunk = shingles[start : start + self.HASH_CHUNK]
                # Multiply-shift hashing: one cheap universal hash per permutation.
                with np.errstate(over="ignore"):
                    mixed = (chunk[:, None] * self.a[None, :] + self.b[None, :]) >> np.uint64(32)
                np.minimum(lowest, mixed.min(axis=0), out=lowest)
            signature = lowest.astype(np.uint32)
        self._last = (text, signature)
        return signature

    def _bands(self, signature: Any) -> list[tuple[int, bytes]]:
        rows = self.PERMUTATIONS // self.BANDS
        return [(b, signature[b * rows : (b + 1) * rows].tobytes()) for b in range(self.BANDS)]

    def similar(self, article: Article) -> list[tuple[Article, float]]:
        """The articles added before whose estimated similarity to `article` reaches the
        threshold, with it, in the order they were added."""
        signature = self.signature(article.text)
        if signature is None:
            return []
        candidates = sorted(
            {i for key in self._bands(signature) for i in self.buckets.get(key, ())}
        )
        found = []
        for i in candidates:
            similarity = float((self.signatures[i] == signature).mean())
            if similarity >= self.similarity:
                found.append((self.articles[i], similarity))
        return found

    def find(self, article: Article) -> Article | None:
        """The first article added before that `article` nearly duplicates, or None."""
        found = self.similar(article)
        return found[0][0] if found else None

    def add(self, article: Article) -> None:
        signature = self.signature(article.text)
        if signature is None:
            return
        index = len(self.articles)
        self.articles.append(article)
        self.signatures.append(signature)
        for key in self._bands(signature):
            self.buckets.setdefault(key, []).append(index)


def _with_unique_id(article: Article, taken: set[str]) -> Article:
    """Two articles with one id (a.txt and a.md, or a repeated JSONL id): number the later one.

    Renaming loses nothing and is deterministic, since files and articles come in a fixed order.
    """
    n = 2
    while f"{article.id}-{n}" in taken:
        n += 1
    new_id = f"{article.id}-{n}"
    log.warning("%s: id %r is already used, indexed as %r", article.origin, article.id, new_id)
    return Article(**{**article.__dict__, "id": new_id})
