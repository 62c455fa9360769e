"""A polite HTTP client for feeds and article pages (standard library only).

Politeness and bounds, each from `[feeds]`: a User-Agent naming the bot; robots.txt obeyed
(read once a day a host, its Crawl-delay honoured); a delay between two requests to one host;
conditional requests (ETag / Last-Modified) so an unchanged feed costs one 304; redirects
followed up to a limit, each hop checked against robots.txt; a timeout on connecting and on the
whole response; and a size cap: the body is streamed and dropped once over it. Every failure is
a `FetchError` whose message says what happened, for the build report.
"""

from __future__ import annotations

import http.client
import logging
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urljoin, urlsplit

from index.config import FeedSettings

log = logging.getLogger(__name__)

CHUNK_BYTES = 64 * 1024
MAX_CRAWL_DELAY_SECONDS = 60.0  # a robots.txt Crawl-delay above this is taken as this
ROBOTS_MAX_BYTES = 512 * 1024  # robots.txt files are read up to this size (RFC 9309: 500 KiB)
ROBOTS_CACHE_SECONDS = 24 * 3600  # a robots.txt is read again after this (RFC 9309's limit)


class FetchError(Exception):
    """A URL could not be fetched; the message says why (for people)."""


@dataclass(frozen=True)
class Response:
    url: str  # after redirects
    status: int  # 200, or 304 (not modified: no body)
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    charset: str | None = None  # declared in Content-Type

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class Fetcher:
    """Fetches URLs politely; one instance a build (it remembers robots.txt and host times)."""

    def __init__(
        self,
        cfg: FeedSettings,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        robots_cache: dict[str, tuple[float, str | None]] | None = None,
    ) -> None:
        self.cfg = cfg
        # origin -> (time.time() when read, robots.txt text or None for none): kept between
        # builds by the caller, so a refresh of an unchanged feed costs one request.
        self.robots_cache = robots_cache if robots_cache is not None else {}
        self._clock = clock
        self._sleep = sleep
        self._last_request: dict[str, float] = {}  # host -> clock() of its last request
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self.requests = 0  # made, robots.txt included (for tests and the build's log)

    @property
    def max_bytes(self) -> int:
        return int(self.cfg.max_download_mb * 2**20)

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Response:
        """The response for `url` after redirects; FetchError for anything but 200 or 304."""
        seen: list[str] = []
        while True:
            if url in seen:
                raise FetchError(f"redirect loop ({' -> '.join([*seen, url])[:300]})")
            if len(seen) > self.cfg.max_redirects:
                raise FetchError(
                    f"more than {self.cfg.max_redirects} redirects ([feeds].max_redirects)"
                )
            seen.append(url)
            self._check_robots(url)
            headers = {}
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
            status, location, response = self._request(url, headers, self.max_bytes)
            if location is None:
                if status in (200, 304):
                    return response
                raise FetchError(f"HTTP {status}")
            url = location

    # -- robots.txt ---------------------------------------------------------------------

    def _check_robots(self, url: str) -> None:
        origin = _origin(url)
        if origin not in self._robots:
            cached = self.robots_cache.get(origin)
            if cached is None or not 0 <= time.time() - cached[0] < ROBOTS_CACHE_SECONDS:
                cached = (time.time(), self._read_robots(origin))
                self.robots_cache[origin] = cached
            self._robots[origin] = _rules(origin, cached[1])
        rules = self._robots[origin]
        if rules is not None and not rules.can_fetch(self.cfg.user_agent, url):
            raise FetchError("disallowed by the site's robots.txt")

    def _read_robots(self, origin: str) -> str | None:
        """The site's robots.txt; None (everything allowed) when it has none (4xx).

        A robots.txt that cannot be fetched (a 5xx, a timeout) means no crawling at all, as
        RFC 9309 asks: the site may be down or overloaded.
        """
        url = origin + "/robots.txt"
        try:
            status, location, response = self._request(url, {}, ROBOTS_MAX_BYTES)
            for _ in range(self.cfg.max_redirects):  # robots.txt may redirect (to https...)
                if location is None:
                    break
                status, location, response = self._request(location, {}, ROBOTS_MAX_BYTES)
        except FetchError as exc:
            raise FetchError(f"robots.txt could not be read ({exc}); not fetched") from None
        if 400 <= status < 500 or location is not None:
            return None
        if status != 200:
            raise FetchError(f"robots.txt answered HTTP {status}; not fetched")
        return response.body.decode("utf-8", "replace")

    # -- one request ----------------------------------------------------------------------

    def _wait_for_host(self, host: str) -> None:
        delay = self.cfg.host_delay_seconds
        rules = self._robots.get(host)
        if rules is not None:
            asked = rules.crawl_delay(self.cfg.user_agent)
            if asked:
                delay = max(delay, min(float(asked), MAX_CRAWL_DELAY_SECONDS))
        last = self._last_request.get(host)
        if last is not None:
            wait = last + delay - self._clock()
            if wait > 0:
                self._sleep(wait)
        self._last_request[host] = self._clock()

    def _request(
        self, url: str, headers: dict[str, str], max_bytes: int
    ) -> tuple[int, str | None, Response]:
        """(status, redirect target or None, response); FetchError on a network failure."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(f"not an http(s) URL: {url[:200]}")
        self._wait_for_host(_origin(url))
        timeout = self.cfg.timeout_seconds
        deadline = self._clock() + timeout
        conn_type = (
            http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        )
        conn = conn_type(parts.hostname, parts.port, timeout=timeout)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        self.requests += 1
        try:
            conn.request(
                "GET",
                path,
                headers={
                    "User-Agent": self.cfg.user_agent,
                    "Accept-Encoding": "identity",
                    **headers,
                },
            )
            resp = conn.getresponse()
            status = resp.status
            if 300 <= status < 400 and status != 304:
                target = resp.getheader("Location")
                if target:
                    return status, urljoin(url, target.strip()), Response(url, status)
            if status not in (200, 304):
                return status, None, Response(url, status)
            body = b"" if status == 304 else self._read_body(resp, max_bytes, deadline)
        except TimeoutError:
            raise FetchError(f"timed out after {timeout:g} s") from None
        except (OSError, http.client.HTTPException) as exc:
            raise FetchError(f"{type(exc).__name__}: {exc}"[:300]) from None
        finally:
            conn.close()
        content_type = Message()
        content_type["Content-Type"] = resp.getheader("Content-Type") or ""
        return (
            status,
            None,
            Response(
                url=url,
                status=status,
                body=body,
                etag=resp.getheader("ETag"),
                last_modified=resp.getheader("Last-Modified"),
                charset=content_type.get_content_charset(),
            ),
        )

    def _read_body(self, resp: http.client.HTTPResponse, max_bytes: int, deadline: float) -> bytes:
        too_big = FetchError(
            f"larger than [feeds].max_download_mb = {self.cfg.max_download_mb:g} MB; not read "
            "further"
        )
        length = resp.getheader("Content-Length")
        if length and length.isdigit() and int(length) > max_bytes:
            raise too_big
        chunks: list[bytes] = []
        size = 0
        while chunk := resp.read(CHUNK_BYTES):
            size += len(chunk)
            if size > max_bytes:
                raise too_big
            if self._clock() > deadline:  # a server dripping bytes never hits the socket timeout
                raise FetchError(f"timed out after {self.cfg.timeout_seconds:g} s")
            chunks.append(chunk)
        return b"".join(chunks)


def _rules(origin: str, text: str | None) -> urllib.robotparser.RobotFileParser | None:
    if text is None:
        return None
    rules = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
    rules.parse(text.splitlines())
    return rules


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()
