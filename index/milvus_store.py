"""The Milvus vector store: one collection a snapshot, searched on a Milvus server.

A build writes collection `<prefix>_<snapshot name>` (row number as primary key, the vector, and
what filters need: article id, lower-cased source, publication day as YYYYMMDD or 0), flushes,
indexes and loads it, and checks its row count before the snapshot's manifest names it. The
alias `<prefix>_current` follows the switch of `current` (for people and tools; newsbot itself
opens the collection its manifest names, so a searcher stays on one generation). Collections of
the prefix that no complete snapshot names (a crashed build's, or those of snapshots cleaned
away) are dropped by the next build. Filters run inside Milvus as a boolean expression.

Needs `pymilvus` (the `milvus` extra). The token comes from the environment variable named in
`[index].milvus_token_env` and is never logged.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from collections.abc import Callable, Collection
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np
from pymilvus import DataType, MilvusClient
from pymilvus.exceptions import MilvusException

from index.config import IndexSettings, mask_secrets
from index.errors import IndexCorruptError, VectorStoreError
from index.models import Filters

if TYPE_CHECKING:  # index.vectors imports this module when the store is chosen
    from index.vectors import Generation, RowMeta

log = logging.getLogger(__name__)

T = TypeVar("T")

CONNECT_SECONDS = 5  # to reach the server before a question or build gives up
# One call (a search, an insert batch, a load), retries included. An int: pymilvus ignores a
# float timeout for its retries and then retries 75 times with back-off (3.5 minutes).
CALL_SECONDS = 30
INSERT_BATCH = 2000  # rows a call: 2,000 x 384 floats is 3 MB, far below gRPC's 64 MB
# Exact search (FLAT) up to this many rows, as FAISS's "auto"; HNSW above it.
FLAT_LIMIT = 100_000
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 200
HNSW_EF_SEARCH = 128
MAX_TOPK = 16_384  # the most hits one Milvus search returns
TEXT_CHARS = 65_535  # VARCHAR limit of Milvus: article ids and sources are far shorter
ALIAS = "current"
# Snapshot names ("000007-20261201T052900-ab12") as they appear in a collection name.
_SNAPSHOT_PART = re.compile(r"\d{6}_\d{8}T\d{6}_[0-9a-f]{4}")

_clients: dict[tuple[str, str | None], MilvusClient] = {}
_clients_lock = threading.Lock()


def collection_name(prefix: str, snapshot: str) -> str:
    return f"{prefix}_{snapshot.replace('-', '_')}"


def index_kind(count: int) -> str:
    """The Milvus index type a build gives a collection of `count` vectors."""
    return "FLAT" if count <= FLAT_LIMIT else "HNSW"


def snapshot_of(prefix: str, collection: str) -> str | None:
    """The snapshot name a collection of `prefix` belongs to, or None if it is not one."""
    head = prefix + "_"
    rest = collection[len(head) :] if collection.startswith(head) else ""
    return rest.replace("_", "-") if _SNAPSHOT_PART.fullmatch(rest) else None


def day_number(day: date | None) -> int:
    """A day as YYYYMMDD; 0 for an undated article."""
    return 0 if day is None else day.year * 10_000 + day.month * 100 + day.day


def _literal(values: Collection[str]) -> str:
    # JSON string escapes are the expression grammar's; non-ASCII stays as it is, since
    # surrogate pairs (\ud83d\ude00) would not be joined by the server's parser.
    return json.dumps(sorted(values), ensure_ascii=False)


def filter_expression(filters: Filters | None) -> str:
    """The Milvus boolean expression of `filters` ("" lets every row through); the same rules
    as `Searcher.allowed_articles`."""
    if filters is None or not filters.active:
        return ""
    parts = []
    if filters.sources:
        parts.append(f"source in {_literal({s.lower() for s in filters.sources})}")
    if filters.article_ids:
        parts.append(f"article in {_literal(set(filters.article_ids))}")
    if filters.date_from or filters.date_to:
        parts.append("day > 0")  # a date range leaves undated articles out
        if filters.date_from:
            parts.append(f"day >= {day_number(filters.date_from)}")
        if filters.date_to:
            parts.append(f"day <= {day_number(filters.date_to)}")
    if filters.not_after:
        parts.append(f"(day == 0 or day <= {day_number(filters.not_after)})")
    return " and ".join(parts)


class MilvusStore:
    """Vectors in a Milvus server; see the module's docstring."""

    kind = "milvus"

    def __init__(self, settings: IndexSettings) -> None:
        self.settings = settings
        self.uri = settings.milvus_uri
        self.prefix = settings.milvus_prefix

    # -- connection and errors

    def _client(self, uri: str | None = None) -> MilvusClient:
        uri = uri or self.uri
        token = self.settings.milvus_token
        with _clients_lock:
            client = _clients.get((uri, token))
            if client is None:
                try:
                    client = MilvusClient(uri=uri, token=token or "", timeout=CONNECT_SECONDS)
                except MilvusException as exc:
                    raise self._unreachable(uri, "could not be reached", exc) from None
                _clients[(uri, token)] = client
            return client

    def _unreachable(self, uri: str, what: str, exc: Exception) -> VectorStoreError:
        reason = getattr(exc, "message", None) or str(exc)
        reason = mask_secrets(str(reason).splitlines()[0] if reason else type(exc).__name__)
        return VectorStoreError(
            f"the Milvus server at {uri} {what} ({reason[:300]}); check that it is running and "
            "that [index].milvus_uri (and the token in the environment variable named by "
            "[index].milvus_token_env) is right, then try again"
        )

    def _call(self, what: str, work: Callable[[], T], uri: str | None = None) -> T:
        try:
            return work()
        except MilvusException as exc:
            self._forget(uri or self.uri)
            raise self._unreachable(uri or self.uri, f"failed to {what}", exc) from None

    def _forget(self, uri: str) -> None:
        """Close the connection after a failure: a gRPC channel to a server that died backs
        off for up to two minutes after it is back; the next call connects afresh."""
        with _clients_lock:
            client = _clients.pop((uri, self.settings.milvus_token), None)
        if client is not None:
            try:
                client.close()
            except Exception as exc:  # closing a broken connection: nothing more to do
                log.debug("closing the Milvus connection to %s: %s", uri, exc)

    # -- builds

    def write(self, partial: Path, name: str, vectors: np.ndarray, rows: RowMeta) -> dict[str, Any]:
        client = self._client()
        collection = collection_name(self.prefix, name)
        count, dimension = vectors.shape
        schema = MilvusClient.create_schema(auto_id=False, enable_dynamic_field=False)
        schema.add_field("row", DataType.INT64, is_primary=True)
        schema.add_field("vector", DataType.FLOAT_VECTOR, dim=dimension)
        schema.add_field("article", DataType.VARCHAR, max_length=TEXT_CHARS)
        schema.add_field("source", DataType.VARCHAR, max_length=TEXT_CHARS)
        schema.add_field("day", DataType.INT32)
        kind = index_kind(count)
        params = client.prepare_index_params()
        extra = {"M": HNSW_M, "efConstruction": HNSW_EF_CONSTRUCTION} if kind == "HNSW" else {}
        params.add_index(field_name="vector", index_type=kind, metric_type="IP", params=extra)
        # Created indexed and loaded, then filled: the rows are searchable as they arrive (the
        # server seals and indexes them in the background); a flush and a later load took 7 s
        # for a handful of rows. Inserts are durable once acknowledged (the server's log).
        self._call(
            f"create collection {collection}",
            lambda: client.create_collection(
                collection,
                schema=schema,
                index_params=params,
                consistency_level="Strong",
                timeout=CALL_SECONDS,
            ),
        )
        days = [day_number(d) for d in rows.days]
        for start in range(0, count, INSERT_BATCH):
            stop = min(start + INSERT_BATCH, count)
            batch = [
                {
                    "row": i,
                    "vector": vectors[i],
                    "article": rows.article_ids[i],
                    "source": rows.sources[i],
                    "day": days[i],
                }
                for i in range(start, stop)
            ]
            self._call(
                f"insert into {collection}",
                lambda b=batch: client.insert(collection, b, timeout=CALL_SECONDS),  # type: ignore[misc]
            )
        stored = self._count(client, collection, self.uri)
        if stored != count:
            raise VectorStoreError(
                f"collection {collection} on the Milvus server at {self.uri} holds {stored} of "
                f"{count} vectors after the build wrote them; the current index is unchanged"
            )
        log.info("wrote %d vectors to Milvus collection %s (%s)", count, collection, kind)
        return {
            "store": self.kind,
            "collection": collection,
            "milvus_uri": self.uri,
            "milvus_index": kind,
        }

    def _count(self, client: MilvusClient, collection: str, uri: str) -> int:
        res = self._call(
            f"count the rows of {collection}",
            lambda: client.query(
                collection,
                filter="",
                output_fields=["count(*)"],
                consistency_level="Strong",
                timeout=CALL_SECONDS,
            ),
            uri,
        )
        return int(res[0]["count(*)"])

    def holds(self, manifest: dict[str, Any], count: int) -> bool:
        collection = str(manifest.get("collection", ""))
        if not (
            manifest.get("store") == self.kind
            and manifest.get("milvus_uri") == self.uri
            and snapshot_of(self.prefix, collection) is not None
            and manifest.get("milvus_index") == index_kind(count)
        ):
            return False
        try:  # the collection must still be there (a server reset loses it)
            client = self._client()
            return bool(client.has_collection(collection, timeout=CALL_SECONDS))
        except (MilvusException, VectorStoreError) as exc:
            reason = mask_secrets(str(exc))[:300]
            log.info("cannot tell whether %s still holds %s: %s", self.uri, collection, reason)
            return False

    def switched(self, manifest: dict[str, Any]) -> None:
        """Point the alias at the snapshot now current. Not fatal: `current` is the truth."""
        alias = f"{self.prefix}_{ALIAS}"
        collection = str(manifest["collection"])
        try:
            client = self._client()
            listed = client.list_aliases(timeout=CALL_SECONDS)
            aliases = listed.get("aliases", []) if isinstance(listed, dict) else listed
            if alias in aliases:
                client.alter_alias(collection, alias, timeout=CALL_SECONDS)
            else:
                client.create_alias(collection, alias, timeout=CALL_SECONDS)
        except (MilvusException, VectorStoreError) as exc:
            log.warning(
                "the Milvus alias %s could not be pointed at %s (%s); newsbot serves the "
                "snapshot `current` names, the next build sets the alias",
                alias,
                collection,
                mask_secrets(str(exc))[:300],
            )

    def drop_unlisted(self, snapshots: Collection[str]) -> list[str]:
        client = self._client()
        names = self._call(
            "list collections", lambda: client.list_collections(timeout=CALL_SECONDS)
        )
        keep = set(snapshots)
        dropped = []
        for collection in sorted(names):
            snapshot = snapshot_of(self.prefix, collection)
            if snapshot is None or snapshot in keep:
                continue
            self._call(
                f"drop collection {collection}",
                lambda c=collection: client.drop_collection(c, timeout=CALL_SECONDS),  # type: ignore[misc]
            )
            dropped.append(collection)
        if dropped:
            log.info("dropped Milvus collections no snapshot names: %s", ", ".join(dropped))
        return dropped

    # -- questions

    def open(self, snapshot: Path, manifest: dict[str, Any], vectors: np.ndarray) -> Generation:
        # The configured server when Milvus is configured (processes may reach it by different
        # addresses); else the one the snapshot was built on.
        uri = self.uri if self.settings.store == "milvus" else str(manifest.get("milvus_uri"))
        collection = str(manifest.get("collection", ""))
        client = self._client(uri)
        exists = self._call(
            f"look up collection {collection}",
            lambda: client.has_collection(collection, timeout=CALL_SECONDS),
            uri,
        )
        if not exists:
            raise IndexCorruptError(
                f"snapshot {snapshot.name} names Milvus collection {collection!r}, which the "
                f"server at {uri} does not hold; run `newsbot index --rebuild`"
            )
        self._call(
            f"load {collection}",
            lambda: client.load_collection(collection, timeout=CALL_SECONDS),
            uri,
        )
        return MilvusGeneration(self, uri, collection, str(manifest.get("milvus_index", "FLAT")))


class MilvusGeneration:
    """One snapshot's collection, open for searching."""

    def __init__(self, store: MilvusStore, uri: str, collection: str, index: str) -> None:
        self.store = store
        self.uri = uri
        self.collection = collection
        self.index = index
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:
            client = self.store._client(self.uri)
            self._count = self.store._count(client, self.collection, self.uri)
        return self._count

    def search(
        self,
        query: np.ndarray,
        k: int,
        filters: Filters | None = None,
        allowed: np.ndarray | None = None,
    ) -> list[tuple[int, float]]:
        if k <= 0:
            return []
        params: dict[str, Any] = {"metric_type": "IP"}
        if self.index == "HNSW":
            params["params"] = {"ef": max(HNSW_EF_SEARCH, k)}
        vector = np.asarray(query, dtype=np.float32).reshape(-1)
        expression = filter_expression(filters)
        if not expression and allowed is not None:  # a caller that has only the rows
            if len(allowed) == 0:
                return []
            expression = f"row in {json.dumps([int(r) for r in allowed])}"
        client = self.store._client(self.uri)
        res = self.store._call(
            f"search {self.collection}",
            lambda: client.search(
                self.collection,
                data=[vector.tolist()],
                limit=min(k, MAX_TOPK),
                filter=expression,
                search_params=params,
                anns_field="vector",
                # The collection never changes once written (and counted under "Strong"):
                # nothing to wait for ("Strong" adds ~200 ms a search).
                consistency_level="Eventually",
                timeout=CALL_SECONDS,
            ),
            self.uri,
        )
        return [(int(hit["id"]), float(hit["distance"])) for hit in res[0]]

    def describe(self) -> str:
        return f"milvus {self.collection} ({self.index})"
