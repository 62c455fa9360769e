"""Helpers for the ingest tests: write a file, build JSONL, load a directory; two sample feeds."""

from __future__ import annotations

import json
from pathlib import Path

from index.ingest import IngestReport, load_articles
from index.models import Article

BODY = "The council approved the budget on Monday.\n\nThe mayor said it was a good day."


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def jsonl(*records: object) -> str:
    return "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n"


def load(tmp_path: Path, *names: str) -> tuple[list[Article], IngestReport]:
    report = IngestReport()
    articles = load_articles([tmp_path / n for n in names] or [tmp_path], report)
    return articles, report


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example Wire</title><link>https://wire.example.com/</link>
<item><title>Storm hits coast</title><link>https://wire.example.com/storm</link>
<pubDate>Tue, 04 Jun 2019 10:00:00 GMT</pubDate><author>desk@example.com (Jane Roe)</author>
<description>&lt;p&gt;A storm hit the coast.&lt;/p&gt;&lt;p&gt;Power was cut.&lt;/p&gt;
</description>
</item>
<item><title>No link here</title><description>Plain summary text.</description></item>
<item><title>Empty</title><link>https://wire.example.com/empty</link></item>
</channel></rss>
"""


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title>
<entry><title>Vote passes</title><link href="https://atom.example.org/vote"/>
<id>urn:uuid:1</id><updated>2024-03-05T10:20:00+01:00</updated>
<author><name>John Doe</name></author>
<content type="html">&lt;p&gt;The vote passed.&lt;br/&gt;Next line.&lt;/p&gt;</content>
</entry></feed>
"""
