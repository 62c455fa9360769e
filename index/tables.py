"""A served snapshot's articles and passages, their text read from meta.sqlite when asked for.

A `Searcher` used to hold every article's text and a copy of every passage's text in memory
(about 500 MB at 100k passages, 5 GB at a million). Here only what search touches for every
question stays in memory: the articles' titles, urls, sources and dates, and each passage's
article and span as three integer arrays. Text is read from the snapshot's SQLite database by
primary key when a hit, a citation or an answer needs it (tens of microseconds), through one
read-only connection opened at load, so a snapshot deleted after a newer one replaced it still
answers the questions in flight, and a small cache of recently read articles.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Collection, Iterator, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple, overload

import numpy as np

from index.errors import IndexCorruptError
from index.models import Article, Passage, Statement
from index.store import read_statements, read_stories

TEXT_CACHE_ARTICLES = 512  # articles whose text stays in memory once read (the newest used)


class ArticleInfo(NamedTuple):
    """An article without its text: what filters, dates and stats need for every article."""

    id: str
    title: str
    url: str | None
    source: str | None
    author: str | None
    published_at: str | None
    origin: str


class SnapshotText:
    """Article texts by id, from one open, read-only meta.sqlite; thread-safe."""

    def __init__(self, db: sqlite3.Connection, cache_size: int = TEXT_CACHE_ARTICLES) -> None:
        self._db = db
        self._lock = threading.Lock()
        self._cache: OrderedDict[str, str] = OrderedDict()
        self._cache_size = cache_size

    def text(self, article_id: str) -> str:
        with self._lock:
            text = self._cache.get(article_id)
            if text is not None:
                self._cache.move_to_end(article_id)
                return text
            row = self._db.execute(
                "SELECT text FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
            if row is None:
                raise KeyError(article_id)
            text = str(row[0])
            self._cache[article_id] = text
            if len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
            return text

    def close(self) -> None:
        with self._lock:
            self._db.close()


class ArticleTable(Mapping[str, Article]):
    """Article id -> `Article` (text included, read on access); `info` without the text."""

    def __init__(self, infos: dict[str, ArticleInfo], text: SnapshotText) -> None:
        self._infos = infos
        self._text = text

    def __getitem__(self, article_id: str) -> Article:
        i = self._infos[article_id]
        return Article(
            id=i.id,
            title=i.title,
            text=self._text.text(article_id),
            url=i.url,
            source=i.source,
            author=i.author,
            published_at=i.published_at,
            origin=i.origin,
        )

    def __iter__(self) -> Iterator[str]:
        return iter(self._infos)

    def __len__(self) -> int:
        return len(self._infos)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._infos

    def info(self, article_id: str) -> ArticleInfo:
        return self._infos[article_id]

    def infos(self) -> Iterator[ArticleInfo]:
        """Every article without its text, in index order (cheap: nothing is read)."""
        return iter(self._infos.values())


class PassageTable(Sequence[Passage]):
    """Row -> `Passage` (row i = FAISS and BM25 row i); spans in arrays, text read on access."""

    def __init__(
        self, article_ids: list[str], article_of: np.ndarray, spans: np.ndarray, text: SnapshotText
    ) -> None:
        self._article_ids = article_ids  # by article number
        self._article_of = article_of  # int32: row -> article number
        self._spans = spans  # int64 (rows, 2): start, end
        self._text = text

    def __len__(self) -> int:
        return len(self._article_of)

    @overload
    def __getitem__(self, row: int) -> Passage: ...

    @overload
    def __getitem__(self, row: slice) -> list[Passage]: ...

    def __getitem__(self, row: int | slice) -> Passage | list[Passage]:
        if isinstance(row, slice):
            return [self[i] for i in range(*row.indices(len(self)))]
        article_id = self.article_id(row)
        start, end = (int(x) for x in self._spans[row])
        text = self._text.text(article_id)[start:end]
        return Passage(Passage.make_id(article_id, start, end), article_id, start, end, text)

    def article_id(self, row: int) -> str:
        """The article of passage `row`, without reading any text."""
        return self._article_ids[int(self._article_of[row])]

    def rows_of(self, article_ids: set[str] | frozenset[str]) -> np.ndarray:
        """The rows (int64, ascending) of the passages of `article_ids`."""
        wanted = np.fromiter(
            (i for i, aid in enumerate(self._article_ids) if aid in article_ids), dtype=np.int32
        )
        return np.flatnonzero(np.isin(self._article_of, wanted)).astype(np.int64)


class StatementTable:
    """Who said what in a snapshot, read from its meta.sqlite when first needed rather than at
    load: at a million passages the ~1.3M statements are most of a cold start (bench.million).
    `all()` reads every statement once (the speaker index needs them all; the bot does it in
    the background); `of_articles` answers for a few articles straight from SQLite meanwhile,
    on a connection of its own so it never waits for that read. Both connections are opened
    with the table, so a snapshot deleted under it still reads. Thread-safe."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._all: list[Statement] | None = None
        self._bulk = self._connect()
        self._few = self._connect()
        self._bulk_lock = threading.Lock()
        self._few_lock = threading.Lock()

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(
            f"file:{self._path}?mode=ro&immutable=1", uri=True, check_same_thread=False
        )

    @property
    def loaded(self) -> bool:
        return self._all is not None

    def all(self) -> list[Statement]:
        """Every statement, in row order (read on the first call; later calls share it)."""
        with self._bulk_lock:
            if self._all is None:
                self._all = self._read(self._bulk, None)
            return self._all

    def of_articles(self, article_ids: Collection[str]) -> list[Statement]:
        """The statements of `article_ids`, in row order, without reading the others."""
        with self._few_lock:
            return self._read(self._few, sorted(set(article_ids)))

    def _read(self, db: sqlite3.Connection, article_ids: list[str] | None) -> list[Statement]:
        try:
            return read_statements(db, article_ids)
        except sqlite3.DatabaseError as exc:
            raise IndexCorruptError(
                f"{self._path} has unreadable statements ({exc}); run `newsbot index --rebuild`"
            ) from exc


class Tables(NamedTuple):
    articles: ArticleTable
    passages: PassageTable
    statements: StatementTable
    stories: dict[str, str]  # article id -> story id
    text: SnapshotText


def open_tables(path: Path) -> Tables:
    """The articles and passages of meta.sqlite at `path`, their text left on disk."""
    if not path.exists():
        raise IndexCorruptError(f"{path} is missing; run `newsbot index --rebuild`")
    try:
        # immutable: a snapshot never changes once written, so SQLite need not lock it or look
        # for a journal (and a snapshot deleted under an open connection still reads).
        db = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        try:
            infos = {
                r[0]: ArticleInfo(*r)
                for r in db.execute(
                    "SELECT id, title, url, source, author, published_at, origin FROM articles"
                )
            }
            number = {aid: i for i, aid in enumerate(infos)}
            n = int(db.execute("SELECT count(*) FROM passages").fetchone()[0])
            rows = db.execute('SELECT row, article_id, start, "end" FROM passages ORDER BY row')
            columns = list(zip(*rows.fetchall(), strict=True)) or [(), (), (), ()]
            if columns[0] != tuple(range(n)):
                raise IndexCorruptError(f"{path}: passage rows are inconsistent")
            try:
                article_of = np.fromiter((number[a] for a in columns[1]), np.int32, count=n)
            except KeyError:
                raise IndexCorruptError(f"{path}: passage rows are inconsistent") from None
            spans = np.column_stack(
                [np.asarray(columns[2], dtype=np.int64), np.asarray(columns[3], dtype=np.int64)]
            ).reshape(n, 2)
            del columns, rows
            db.execute("SELECT 1 FROM statements LIMIT 1").fetchone()  # the table is there
            stories = read_stories(db)
        except BaseException:
            db.close()
            raise
    except sqlite3.DatabaseError as exc:
        raise IndexCorruptError(
            f"{path} is not a readable index database ({exc}); run `newsbot index --rebuild`"
        ) from exc
    text = SnapshotText(db)
    passages = PassageTable(list(infos), article_of, spans, text)
    statements = StatementTable(path)
    return Tables(ArticleTable(infos, text), passages, statements, stories, text)
