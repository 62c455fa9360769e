"""Hybrid search over one snapshot: vector (FAISS or Milvus) and BM25 candidates, fused."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Collection, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from index.bm25 import BM25Index
from index.clean import repair_mojibake
from index.config import Settings
from index.embedding import Embedder
from index.errors import IndexCorruptError, QueryError
from index.fusion import collapse_near_duplicates, reciprocal_rank_fusion
from index.models import Article, Filters, Hit, Statement, article_day
from index.recency import Recency, apply_recency
from index.speakers import SpeakerIndex
from index.store import load_vectors, read_manifest, verify_snapshot
from index.stories import collapse_stories
from index.tables import ArticleTable, PassageTable, open_tables
from index.vectors import FaissGeneration, Generation, store_of

log = logging.getLogger(__name__)


def check_query(query: str, max_chars: int) -> str:
    """The query, stripped; a QueryError a person can act on when it cannot be searched."""
    query = " ".join(repair_mojibake(query).split())
    if not query:
        raise QueryError("the question is empty; ask something about the news")
    if len(query) > max_chars:
        raise QueryError(
            f"the question is {len(query)} characters long; the limit is {max_chars}. "
            "Ask a shorter question."
        )
    return query


class Searcher:
    """A loaded snapshot: immutable, safe to share between threads, kept alive by its users."""

    def __init__(self, snapshot: Path, settings: Settings, embedder: Embedder) -> None:
        self.path = snapshot
        self.settings = settings
        self.embedder = embedder
        self.manifest: dict[str, Any] = read_manifest(snapshot)
        if self.manifest.get("model") != embedder.name:
            raise IndexCorruptError(
                f"the index was built with model {self.manifest.get('model')!r} but "
                f"{embedder.name!r} is configured; run `newsbot index --rebuild`"
            )
        verify_snapshot(snapshot)  # its files match the checksums written with them
        # Text stays in meta.sqlite until a hit or an answer reads it (index/tables.py).
        tables = open_tables(snapshot / "meta.sqlite")
        self.articles: ArticleTable = tables.articles
        self.passages: PassageTable = tables.passages
        self._statements = tables.statements  # read when first needed (index/tables.py)
        self.stories: dict[str, str] = tables.stories  # article id -> story id
        self._members: dict[str, list[str]] | None = None  # story id -> its article ids
        count = len(self.passages)
        if self.manifest.get("passages") != count:
            raise IndexCorruptError(f"{snapshot}: manifest and metadata disagree on passages")
        self.vectors = load_vectors(snapshot / "vectors.npy", count, embedder.dimension)
        try:
            self.bm25 = BM25Index.load(snapshot / "bm25", count)
        except (RuntimeError, OSError, ValueError) as exc:
            raise IndexCorruptError(
                f"{snapshot} has an unreadable index file ({exc}); run `newsbot index --rebuild`"
            ) from exc
        # The store the manifest names: FAISS in the folder, or a Milvus collection.
        self.store = store_of(self.manifest, settings)
        self.vector_index: Generation = self.store.open(snapshot, self.manifest, self.vectors)
        held = self.vector_index.count()
        if held != count:
            raise IndexCorruptError(
                f"{snapshot}: {self.vector_index.describe()} holds {held} of {count} vectors; "
                "run `newsbot index --rebuild`"
            )
        self._speakers: SpeakerIndex | None = None
        self._indexing = threading.Lock()  # one build of the two statement indexes below
        # article id -> its statements, with their rows
        self._said: dict[str, list[tuple[int, Statement]]] | None = None
        self._days: dict[str, date] | None = None  # article id -> publication day, when dated
        self._latest: tuple[date | None] | None = None  # the newest publication day, once known

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def faiss(self) -> faiss.Index:
        """The FAISS index of a snapshot whose vectors FAISS holds (benchmarks time it)."""
        if not isinstance(self.vector_index, FaissGeneration):
            raise TypeError(f"{self.name} keeps its vectors in {self.vector_index.describe()}")
        return self.vector_index.index

    @property
    def statements(self) -> list[Statement]:
        """Every statement of the snapshot, in index order (read on first use)."""
        return self._statements.all()

    def read_statements(self) -> None:
        """Read every statement and index them by article and by speaker now (before this
        snapshot replaces one that serves; at a million passages that is seconds of work the
        first who-said-what question would otherwise wait for)."""
        self._statements_by_article()
        _ = self.speakers

    def warm_statements(self) -> threading.Thread:
        """`read_statements` in a background thread (a failure is logged here and raised to
        the question that needs the statements)."""

        def read() -> None:
            try:
                self.read_statements()
            except Exception as exc:  # noqa: BLE001 - raised again where they are needed
                log.warning("reading the statements of %s failed: %s", self.name, exc)

        thread = threading.Thread(target=read, name=f"statements {self.name}", daemon=True)
        thread.start()
        return thread

    @property
    def speakers(self) -> SpeakerIndex:
        """Who said what in this snapshot, built on first use."""
        if self._speakers is None:
            with self._indexing:
                if self._speakers is None:
                    self._speakers = SpeakerIndex(self.statements)
        return self._speakers

    def _statements_by_article(self) -> dict[str, list[tuple[int, Statement]]]:
        if self._said is None:
            with self._indexing:
                if self._said is None:
                    said: dict[str, list[tuple[int, Statement]]] = {}
                    for i, st in enumerate(self.statements):
                        said.setdefault(st.article_id, []).append((i, st))
                    self._said = said
        return self._said

    def statements_in(self, article_ids: Collection[str]) -> list[Statement]:
        """The statements of `article_ids`, in index order (an answer's few articles, without
        a pass over every statement of the snapshot; from SQLite until all are read)."""
        if self._said is None:
            return self._statements.of_articles(article_ids)
        said = self._statements_by_article()
        found = [row for aid in set(article_ids) for row in said.get(aid, ())]
        return [st for _, st in sorted(found, key=lambda row: row[0])]

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors of `texts` by the snapshot's model: normalised float32, one row a text."""
        return self.embedder.encode(texts)

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Word pieces of each text by the snapshot's model's tokenizer (no special tokens): a
        word it splits into several is rare in the English it was trained on."""
        return self.embedder.count_tokens(texts)

    def term_weights(self, words: Sequence[str]) -> list[float]:
        """How telling each word is in this snapshot: its BM25 IDF (unseen words weigh most)."""
        return self.bm25.idf(words)

    def rarity(self, words: Sequence[str]) -> list[float]:
        """How rare each word is in this snapshot, 0 to 1 (1: no passage holds it)."""
        return self.bm25.rarity(words)

    def _allowed_rows(self, ok_articles: Collection[str]) -> np.ndarray:
        return self.passages.rows_of(set(ok_articles))

    def allowed_articles(self, filters: Filters) -> set[str]:
        """Ids of the articles `filters` lets through."""
        sources = {s.lower() for s in filters.sources} if filters.sources else None
        ids = set(filters.article_ids) if filters.article_ids else None
        days = self._article_days()
        ok_articles = set()
        for article in self.articles.infos():
            if sources is not None and (article.source or "").lower() not in sources:
                continue
            if ids is not None and article.id not in ids:
                continue
            day = days.get(article.id)
            if filters.date_from or filters.date_to:
                if day is None:
                    continue
                if filters.date_from and day < filters.date_from:
                    continue
                if filters.date_to and day > filters.date_to:
                    continue
            if filters.not_after and day is not None and day > filters.not_after:
                continue
            ok_articles.add(article.id)
        return ok_articles

    def restricts(self, filters: Filters) -> bool:
        """Whether `filters` leave out any article. "Nothing published after today", which
        the bot asks with every question, usually leaves out none: then a search scans no
        subset (at a million passages, listing the allowed rows alone cost more than the
        whole search)."""
        if not filters.active:
            return False
        if filters.sources or filters.date_from or filters.date_to or filters.article_ids:
            return True
        latest = self._latest_day()
        return latest is not None and filters.not_after is not None and latest > filters.not_after

    def _latest_day(self) -> date | None:
        if self._latest is None:
            self._latest = (max(self._article_days().values(), default=None),)
        return self._latest[0]

    def encode_query(self, query: str) -> np.ndarray:
        return self.embedder.encode([query])[0]

    def dense(
        self,
        qvec: np.ndarray,
        k: int,
        allowed: np.ndarray | None = None,
        filters: Filters | None = None,
    ) -> list[tuple[int, float]]:
        """The vector store's best `k` rows; `allowed` (rows) and `filters` say the same
        restriction, one for each kind of store."""
        return self.vector_index.search(qvec, k, filters, allowed)

    def lexical(
        self, query: str, k: int, allowed: np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        mask = None
        if allowed is not None:
            mask = np.zeros(len(self.passages), dtype=np.float32)
            mask[allowed] = 1.0
        return self.bm25.search(query, k, mask)

    def search(
        self,
        query: str,
        k: int | None = None,
        filters: Filters | None = None,
        mode: str = "hybrid",
        recency: Recency | None = None,
        vector: np.ndarray | None = None,
        lexical_query: str | None = None,
    ) -> list[Hit]:
        """The best `k` passages for `query`: mode is "hybrid", "dense" or "bm25"; `recency`
        adds a small bonus for articles published shortly before its `now`; `vector` is the
        query's vector when the caller has it already (by this snapshot's model);
        `lexical_query` is what BM25 matches when it differs from `query` (the bot keeps "this
        week" there but not in the embedding's text)."""
        cfg = self.settings.search
        query = check_query(query, cfg.max_query_chars)
        lexical_query = check_query(lexical_query or query, cfg.max_query_chars)
        k = k or cfg.k
        filters = filters or Filters()
        ok_articles = self.allowed_articles(filters) if self.restricts(filters) else None
        allowed = self._allowed_rows(ok_articles) if ok_articles is not None else None
        if allowed is not None and len(allowed) == 0:
            return []
        n = max(cfg.candidates, k)
        qvec = self.encode_query(query) if vector is None else vector
        dense = self.dense(qvec, n, allowed, filters) if mode in ("hybrid", "dense") else []
        lexical = self.lexical(lexical_query, n, allowed) if mode in ("hybrid", "bm25") else []
        if mode == "hybrid":
            fused = reciprocal_rank_fusion(
                [[r for r, _ in dense], [r for r, _ in lexical]],
                [cfg.dense_weight, cfg.bm25_weight],
                cfg.rrf_k,
            )
        elif mode == "dense":
            fused = dense
        elif mode == "bm25":
            fused = lexical
        else:
            raise ValueError(f"unknown search mode {mode!r}")
        if recency is not None:
            days = self._article_days()
            passages = self.passages
            fused = apply_recency(
                fused,
                lambda row: recency.bonus(days.get(passages.article_id(row))),
                passages.article_id,
            )
        similarity = self._similarity()
        # One hit a story: the best passage stands for the other outlets' copies.
        ranked = collapse_stories([r for r, _ in fused], self._story_of)
        rows = collapse_near_duplicates(ranked, similarity, cfg.dedup_similarity, limit=k)
        fused_score = dict(fused)
        bm25_score = dict(lexical)
        dense_scores = self.vectors[rows] @ qvec if rows else np.zeros(0)
        return [
            self._hit(rank, row, fused_score[row], float(ds), bm25_score.get(row, 0.0), ok_articles)
            for rank, (row, ds) in enumerate(zip(rows, dense_scores, strict=True), start=1)
        ]

    def _story_of(self, row: int) -> tuple[str, str]:
        article_id = self.passages.article_id(row)
        return article_id, self.stories.get(article_id, article_id)

    def story_articles(self, article_id: str) -> list[Article]:
        """The articles of `article_id`'s story, itself first, then in index order."""
        if self._members is None:
            members: dict[str, list[str]] = {}
            for aid, story in self.stories.items():
                members.setdefault(story, []).append(aid)
            self._members = members
        others = self._members.get(self.stories.get(article_id, ""), [])
        return [self.articles[article_id]] + [self.articles[a] for a in others if a != article_id]

    def _article_days(self) -> dict[str, date]:
        if self._days is None:
            found = {a.id: article_day(a) for a in self.articles.infos()}
            self._days = {aid: day for aid, day in found.items() if day is not None}
        return self._days

    def newest(self, limit: int, article_ids: Collection[str] | None = None) -> list[Article]:
        """The `limit` most recently published articles (of `article_ids`, when given), newest
        first; undated articles are not listed, since their age is unknown."""
        days = self._article_days()
        ids = days.keys() if article_ids is None else [a for a in article_ids if a in days]
        info = self.articles.info
        ranked = sorted(ids, key=lambda aid: (days[aid], info(aid).published_at or ""))
        return [self.articles[aid] for aid in reversed(ranked[-limit:])] if limit > 0 else []

    def _similarity(self) -> Callable[[int, int], float]:
        vectors = self.vectors

        def sim(a: int, b: int) -> float:
            return float(np.dot(vectors[a], vectors[b]))

        return sim

    def _hit(
        self,
        rank: int,
        row: int,
        score: float,
        dense: float,
        bm25: float,
        allowed: Collection[str] | None = None,
    ) -> Hit:
        p = self.passages[row]
        a = self.articles[p.article_id]
        also = tuple(
            other
            for other in self.story_articles(a.id)[1:]
            if allowed is None or other.id in allowed
        )
        return Hit(
            rank=rank,
            score=score,
            passage_id=p.id,
            article_id=a.id,
            title=a.title,
            url=a.url,
            source=a.source,
            published_at=a.published_at,
            text=p.text,
            start=p.start,
            end=p.end,
            dense_score=dense,
            bm25_score=bm25,
            also=also,
        )
