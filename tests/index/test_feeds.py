"""Feeds that keep themselves current (index/feeds.py, index/ingest/http.py, the build's
retention), served by a real HTTP server on loopback (tests/feed_server.py)."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.settings import Settings, parse_settings
from index.build import build
from index.config import FeedSettings
from index.errors import BuildInProgressError, NotBuilderError
from index.feeds import FeedState
from index.ingest.http import Fetcher, FetchError
from index.library import Library
from index.refresher import Refresher
from index.store import Layout, read_metadata, read_origins, serving_snapshot
from tests.fakes import FakeEmbedder
from tests.feed_server import FeedServer, Route, page, rfc822, rss

NOW = datetime.now(UTC).replace(microsecond=0)
FAST = {
    "timeout_seconds": 0.5,
    "host_delay_seconds": 0.0,
    "max_download_mb": 1.0,
    "max_redirects": 3,
}


def feed_settings(tmp_path: Path, *sources: dict[str, Any], **feeds: Any) -> Settings:
    return parse_settings(
        {
            "data": {"dir": str(tmp_path / "data")},
            "sources": list(sources),
            "feeds": FAST | feeds,
            "answer": {"min_support": 0.0},
        },
        base_dir=tmp_path,
    )


def story(n: int, words: str, days_ago: float = 0.0) -> dict[str, str]:
    """A feed item with full content: `words` make it findable."""
    text = (
        f"{words} were reported on day {n}. Officials confirmed the {words} in a statement "
        f"to reporters. The {words} drew wide attention across the region on day {n}."
    )
    return {
        "title": f"Story {n}: {words}",
        "link": f"https://news.example/{n}",
        "content": f"<p>{text}</p>",
        "date": rfc822(NOW - timedelta(days=days_ago)),
    }


def titles(settings: Settings) -> set[str]:
    snapshot = serving_snapshot(Layout(settings.data_dir))
    return {a.title for a in read_metadata(snapshot / "meta.sqlite").articles.values()}


# --------------------------------------------------------------------------- refreshes


def test_new_entries_appear_between_two_refreshes_and_are_answered_without_a_restart(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    from bot.answer import Answerer

    feed_server.routes["/rss"] = Route(rss("Wire", [story(1, "harbour floods")]), etag='"v1"')
    settings = feed_settings(tmp_path, {"name": "wire", "feed": feed_server.url("/rss")})
    library = Library(settings, FakeEmbedder())
    library.build()
    answerer = Answerer(library, settings)
    assert "turbine" not in answerer.answer("What happened with the wind turbine?").text.lower()

    feed_server.routes["/rss"] = Route(
        rss("Wire", [story(2, "wind turbine collapse"), story(1, "harbour floods")]), etag='"v2"'
    )
    report = Refresher(settings, library.build).run_once(everything=True)
    assert report is not None and report.report is not None and report.report.added == 1
    answer = answerer.answer("What happened with the wind turbine collapse?")
    assert answer.found and any("wind turbine" in c.title for c in answer.citations)


def test_an_unchanged_feed_costs_one_304_and_no_embedding(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    feed_server.routes["/rss"] = Route(rss("Wire", [story(1, "grain prices")]), etag='"same"')
    settings = feed_settings(tmp_path, {"name": "wire", "feed": feed_server.url("/rss")})
    embedder = FakeEmbedder()
    library = Library(settings, embedder)
    first = library.build()
    assert first.added == 1 and first.embedded > 0
    feed_server.requests.clear()

    second = library.build(refresh={"wire"})

    assert [(r.path, r.status) for r in feed_server.requests] == [("/rss", 304)]
    assert feed_server.requests[0].headers["if-none-match"] == '"same"'
    assert (second.embedded, second.added, second.removed, second.unchanged) == (0, 0, 0, 1)
    assert titles(settings) == {"Story 1: grain prices"}
    assert FeedState.load(settings.data_dir).feeds["wire"].unchanged


def test_an_entry_that_drops_out_of_the_feed_stays_indexed(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    feed_server.routes["/rss"] = Route(rss("Wire", [story(1, "bridge opening")]))
    settings = feed_settings(tmp_path, {"name": "wire", "feed": feed_server.url("/rss")})
    library = Library(settings, FakeEmbedder())
    library.build()
    feed_server.routes["/rss"] = Route(rss("Wire", [story(2, "rail strike")]))

    report = library.build()

    assert (report.added, report.removed) == (1, 0)
    assert titles(settings) == {"Story 1: bridge opening", "Story 2: rail strike"}


def test_a_deleted_file_still_leaves_the_index(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("Dam report\n\nThe dam held after the storm, engineers said.")
    (folder / "b.txt").write_text("Port report\n\nThe port reopened on Monday, officials said.")
    settings = feed_settings(tmp_path, {"name": "local", "path": "news"})
    library = Library(settings, FakeEmbedder())
    library.build()
    (folder / "a.txt").unlink()

    report = library.build()

    assert report.removed == 1 and titles(settings) == {"Port report"}


def test_retention_expires_old_articles(tmp_path: Path, feed_server: FeedServer) -> None:
    feed_server.routes["/rss"] = Route(
        rss("Wire", [story(1, "old ferry route", days_ago=40), story(2, "new ferry route")])
    )
    settings = feed_settings(
        tmp_path, {"name": "wire", "feed": feed_server.url("/rss"), "keep_days": 30}
    )
    embedder = FakeEmbedder()
    first = build(settings, embedder, now=NOW)
    assert first.expired == 1 and titles(settings) == {"Story 2: new ferry route"}

    # The entry drops out of the feed; it stays until 30 days after its publication.
    feed_server.routes["/rss"] = Route(rss("Wire", [story(3, "ferry fares", days_ago=-25)]))
    later = build(settings, embedder, now=NOW + timedelta(days=10))
    assert titles(settings) == {"Story 2: new ferry route", "Story 3: ferry fares"}
    assert later.expired == 0
    much_later = build(settings, embedder, now=NOW + timedelta(days=31))
    assert (much_later.expired, much_later.removed, much_later.embedded) == (1, 1, 0)
    assert titles(settings) == {"Story 3: ferry fares"}


def test_an_undated_article_expires_by_when_it_was_first_seen(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    item = story(1, "quiet harbour")
    del item["date"]
    feed_server.routes["/rss"] = Route(rss("Wire", [item, story(2, "busy harbour", -60)]))
    settings = feed_settings(
        tmp_path, {"name": "wire", "feed": feed_server.url("/rss"), "keep_days": 5}
    )
    embedder = FakeEmbedder()
    build(settings, embedder, now=NOW)
    snapshot = serving_snapshot(Layout(settings.data_dir))
    seen = {o.first_seen for o in read_origins(snapshot).values()}
    assert seen == {NOW.isoformat(timespec="seconds")}

    report = build(settings, embedder, now=NOW + timedelta(days=6))

    assert report.expired == 1
    assert titles(settings) == {"Story 2: busy harbour"}


# --------------------------------------------------------------------------- failures


def test_pages_that_fail_fall_back_to_the_summary_and_one_bad_feed_stops_no_other(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    def summary_only(n: int, path: str) -> dict[str, str]:
        return {
            "title": f"Brief {n}",
            "link": feed_server.url(path),
            "description": f"Summary {n} of the council vote on the new budget for schools.",
        }

    feed_server.routes |= {
        "/good.rss": Route(
            rss(
                "Good",
                [
                    summary_only(1, "/slow"),
                    summary_only(2, "/missing"),
                    summary_only(3, "/loop-a"),
                    summary_only(4, "/huge"),
                    summary_only(5, "/article"),
                ],
            )
        ),
        "/slow": Route(page("Slow", "Never seen."), delay=2.0),
        "/loop-a": Route(status=302, location="/loop-b"),
        "/loop-b": Route(status=302, location="/loop-a"),
        "/huge": Route(stream_mb=50),
        "/article": Route(
            page(
                "Brief 5",
                "The council approved the budget by nine votes to four on Tuesday night.\n\n"
                "Teachers welcomed the money for new classrooms and books in every school.",
            )
        ),
        "/bad.rss": Route(b"<rss><channel><title>Oops</title></rss>", content_type="text/xml"),
        "/other.rss": Route(rss("Other", [story(9, "lighthouse repairs")])),
    }
    settings = feed_settings(
        tmp_path,
        {"name": "good", "feed": feed_server.url("/good.rss")},
        {"name": "bad", "feed": feed_server.url("/bad.rss")},
        {"name": "gone", "feed": feed_server.url("/nowhere.rss")},
        {"name": "other", "feed": feed_server.url("/other.rss")},
    )

    report = Library(settings, FakeEmbedder()).build()

    warnings = dict(report.warnings)
    reasons = {where.rsplit(" ", 1)[-1]: why for where, why in warnings.items()}
    assert "timed out after 0.5 s" in reasons["1"]
    assert "HTTP 404" in reasons["2"]
    assert "redirect loop" in reasons["3"]
    assert "larger than [feeds].max_download_mb = 1 MB" in reasons["4"]
    assert all(why.endswith("the summary is indexed") for why in warnings.values())
    assert len(warnings) == 4
    assert feed_server.streamed_bytes < 10 * 2**20  # stopped far short of 50 MB
    skips = dict(report.skips)
    assert "malformed feed" in skips["feed 'bad'"]
    assert "HTTP 404" in skips["feed 'gone'"]
    snapshot = serving_snapshot(Layout(settings.data_dir))
    texts = {a.title: a.text for a in read_metadata(snapshot / "meta.sqlite").articles.values()}
    assert set(texts) == {f"Brief {n}" for n in range(1, 6)} | {"Story 9: lighthouse repairs"}
    assert texts["Brief 1"].startswith("Summary 1 of the council vote")
    assert "nine votes to four" in texts["Brief 5"]  # the page's text, not the summary
    state = FeedState.load(settings.data_dir).feeds
    assert (state["good"].ok, state["other"].ok, state["bad"].ok) == (True, True, False)


def test_a_page_already_indexed_is_not_fetched_again(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    item = {
        "title": "Brief",
        "link": feed_server.url("/article"),
        "description": "A summary of the article.",
    }
    feed_server.routes["/rss"] = Route(rss("Wire", [item]))
    feed_server.routes["/article"] = Route(
        page("Brief", "The harbour master said the new quay opens in May for cargo ships.")
    )
    settings = feed_settings(tmp_path, {"name": "wire", "feed": feed_server.url("/rss")})
    library = Library(settings, FakeEmbedder())
    library.build()
    feed_server.routes["/rss"] = Route(rss("Wire", [item, story(2, "quay opening")]))
    feed_server.requests.clear()

    report = library.build()

    assert report.added == 1 and not feed_server.hits("/article")


def test_robots_txt_disallow_is_respected(tmp_path: Path, feed_server: FeedServer) -> None:
    feed_server.routes["/robots.txt"] = Route(
        b"User-agent: newsbot\nDisallow: /private/\n", content_type="text/plain"
    )
    feed_server.routes["/rss"] = Route(
        rss(
            "Wire",
            [
                {
                    "title": "Locked",
                    "link": feed_server.url("/private/story"),
                    "description": "The summary of a story the site asks bots not to fetch.",
                }
            ],
        )
    )
    feed_server.routes["/private/story"] = Route(page("Locked", "Secret text " * 50))
    settings = feed_settings(tmp_path, {"name": "wire", "feed": feed_server.url("/rss")})

    report = Library(settings, FakeEmbedder()).build()

    assert not feed_server.hits("/private/story")
    assert "disallowed by the site's robots.txt" in report.warnings[0][1]
    assert all(r.headers["user-agent"].startswith("newsbot/") for r in feed_server.requests)


def test_a_feed_disallowed_by_robots_is_a_failed_refresh(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    feed_server.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /\n")
    feed_server.routes["/rss"] = Route(rss("Wire", [story(1, "x")]))
    settings = feed_settings(tmp_path, {"name": "wire", "feed": feed_server.url("/rss")})

    with pytest.raises(Exception, match="no articles could be read"):
        Library(settings, FakeEmbedder()).build()
    assert not feed_server.hits("/rss")


def test_the_fetcher_waits_between_two_requests_to_one_host(feed_server: FeedServer) -> None:
    feed_server.routes["/a"] = Route(b"a")
    feed_server.routes["/b"] = Route(b"b")
    slept: list[float] = []
    fetcher = Fetcher(FeedSettings(host_delay_seconds=2.0), clock=lambda: 100.0, sleep=slept.append)

    fetcher.get(feed_server.url("/a"))
    fetcher.get(feed_server.url("/b"))

    # robots.txt (404: all allowed), /a, then /b: each after a 2-second wait
    assert [r.path for r in feed_server.requests] == ["/robots.txt", "/a", "/b"]
    assert slept == [2.0, 2.0]


def test_redirects_are_bounded(feed_server: FeedServer) -> None:
    for n in range(5):
        feed_server.routes[f"/r{n}"] = Route(status=301, location=f"/r{n + 1}")
    feed_server.routes["/r5"] = Route(b"end")
    fetcher = Fetcher(FeedSettings(host_delay_seconds=0, max_redirects=3))

    with pytest.raises(FetchError, match="more than 3 redirects"):
        fetcher.get(feed_server.url("/r0"))
    assert Fetcher(FeedSettings(host_delay_seconds=0)).get(feed_server.url("/r0")).body == b"end"


# --------------------------------------------------------------------------- refresher


def test_the_refresher_refreshes_only_the_feeds_that_are_due(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    feed_server.routes["/fast"] = Route(rss("Fast", [story(1, "fast news")]))
    feed_server.routes["/slow"] = Route(rss("Slow", [story(2, "slow news")]))
    settings = feed_settings(
        tmp_path,
        {"name": "fast", "feed": feed_server.url("/fast"), "interval_minutes": 1},
        {"name": "slow", "feed": feed_server.url("/slow"), "interval_minutes": 600},
    )
    library = Library(settings, FakeEmbedder())
    first = Refresher(settings, library.build).run_once()
    assert first is not None and set(first.feeds) == {"fast", "slow"}
    clock = datetime.now(UTC) + timedelta(minutes=2)
    refresher = Refresher(settings, library.build, clock=lambda: clock)
    feed_server.requests.clear()

    result = refresher.run_once()

    assert result is not None and result.feeds == ("fast",)
    assert [r.path for r in feed_server.requests] == ["/fast"]
    assert titles(settings) == {"Story 1: fast news", "Story 2: slow news"}
    assert refresher.run_once() is None  # refreshed at that clock: not due again yet
    assert 0 < Refresher(settings, library.build).seconds_to_next() <= 60


def test_a_refresh_due_during_a_build_runs_after_it(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    feed_server.routes["/rss"] = Route(rss("Wire", [story(1, "tunnel works")]))
    settings = feed_settings(tmp_path, {"name": "wire", "feed": feed_server.url("/rss")})
    library = Library(settings, FakeEmbedder())
    library.build()
    entered, release = threading.Event(), threading.Event()

    def hold(_: Path) -> None:
        entered.set()
        release.wait(30)

    # A build that reads no feed (a /reindex of other sources, say) holds the lock.
    running = threading.Thread(
        target=library.build, kwargs={"before_switch": hold, "refresh": set()}
    )
    running.start()
    assert entered.wait(30)
    later = datetime.now(UTC) + timedelta(hours=2)  # the feed's hourly refresh is due
    refresher = Refresher(settings, library.build, clock=lambda: later)
    try:
        busy = refresher.run_once()
        assert busy is not None and busy.busy
        with pytest.raises(BuildInProgressError, match="already running"):
            library.build()  # what /reindex is told meanwhile
    finally:
        release.set()
        running.join(30)

    after = refresher.run_once()
    assert after is not None and after.report is not None and after.feeds == ("wire",)


def test_overview_shows_each_source_with_its_count_newest_and_last_refresh(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    feed_server.routes["/rss"] = Route(rss("Wire", [story(1, "a"), story(2, "b", 1)]))
    settings = feed_settings(
        tmp_path,
        {"name": "wire", "feed": feed_server.url("/rss")},
        {"name": "down", "feed": feed_server.url("/down")},
    )
    library = Library(settings, FakeEmbedder())
    Refresher(settings, library.build).run_once()

    rows = {r.name: r for r in Refresher(settings, library.build).overview()}

    assert (rows["wire"].articles, rows["wire"].ok, rows["down"].ok) == (2, True, False)
    assert rows["wire"].newest is not None and rows["wire"].newest.startswith(str(NOW.year))
    assert rows["down"].error == "HTTP 404" and rows["down"].articles == 0


def test_a_non_builder_refresher_refuses_before_fetching_a_feed(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    feed_server.routes["/rss"] = Route(rss("Wire", [story(1, "tunnel works")]))
    settings = feed_settings(tmp_path, {"name": "wire", "feed": feed_server.url("/rss")})
    reader = replace(settings, index=replace(settings.index, builder=False))
    refresher = Refresher(reader, Library(reader, FakeEmbedder()).build)

    with pytest.raises(NotBuilderError, match=r"\[index\]\.builder = false"):
        refresher.run_once(everything=True)

    assert feed_server.requests == []  # the builder refreshes; this process never fetched
    assert not Layout(settings.data_dir).lock_file.exists()
