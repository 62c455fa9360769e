"""`load_articles`: every file of every source read once, cleaned and deduplicated."""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path

from index.config import IngestSettings
from index.ingest.dedup import NEAR_DUPLICATE_SIMILARITY, Deduplicator
from index.ingest.formats import read_file
from index.ingest.report import IngestReport
from index.ingest.sources import expand_source
from index.models import Article

log = logging.getLogger(__name__)


def load_articles(
    paths: Sequence[str | Path],
    report: IngestReport | None = None,
    near_duplicate_similarity: float | None = NEAR_DUPLICATE_SIMILARITY,
    limits: IngestSettings | None = None,
    source_of: dict[str, int] | None = None,
) -> list[Article]:
    """Read every source (files, directories recursively, globs), clean, deduplicate.

    Never raises for one bad file: it is skipped and recorded in `report`. Raises IngestError
    only when a given path does not exist and matches no file as a glob pattern. Articles whose
    texts are at least `near_duplicate_similarity` alike (estimated Jaccard similarity of their
    word 5-grams) count as duplicates too; None turns that off. `limits` (the config's
    `[ingest]`) bound what one file or article may cost; each one hit is a skip in `report`.
    Files and directories that exist but cannot be read are listed in `report.unreadable`.
    `source_of`, when given, receives the index in `paths` each article was read from, by id.
    """
    report = report if report is not None else IngestReport()
    files = [
        (path, root, i)
        for i, source in enumerate(paths)
        for path, root in expand_source(source, report)
    ]
    seen_files: set[Path] = set()
    dedup = Deduplicator(report, near_duplicate_similarity)
    articles: list[Article] = []
    for path, root, source_index in files:
        key = Path(os.path.abspath(path))
        if key in seen_files:  # the same file named twice (a directory and a glob, say)
            continue
        seen_files.add(key)
        report.files += 1
        for article in read_file(path, root, report, limits):
            kept = dedup.admit(article)
            if kept is not None:
                articles.append(kept)
                if source_of is not None:
                    source_of.setdefault(kept.id, source_index)
    report.articles = len(articles)
    log.info("%s", report.summary())
    return articles
