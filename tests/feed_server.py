"""A real HTTP server on loopback that serves feeds and pages scripted by a test.

Each path answers as its `Route` says: a body (with an ETag, honouring If-None-Match), a status,
a redirect, a delay longer than the client's timeout, or a body of many megabytes written in
chunks without a Content-Length (the client must stop reading it). Every request is recorded.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from xml.sax.saxutils import escape

CHUNK = 64 * 1024


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    etag: str | None = None  # when set, If-None-Match with it is answered 304
    location: str | None = None  # a redirect (status 3xx)
    delay: float = 0.0  # seconds before answering
    stream_mb: int = 0  # answer with this many megabytes, streamed, no Content-Length


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    status: int = 0


@dataclass
class FeedServer:
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)
    streamed_bytes: int = 0  # of `stream_mb` routes, written before the client hung up
    port: int = 0

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def hits(self, path: str) -> list[Request]:
        return [r for r in self.requests if r.path == path]


def _handler(server: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            return

        def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
            request = Request(self.path, {k.lower(): v for k, v in self.headers.items()})
            server.requests.append(request)
            route = server.routes.get(self.path)
            if route is None:
                request.status = 404
                self.send_error(404)
                return
            if route.delay:
                time.sleep(route.delay)
            # A client that stops reading (what a size cap does) resets the connection.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self._answer(route, request)

        def _answer(self, route: Route, request: Request) -> None:
            if route.etag and request.headers.get("if-none-match") == route.etag:
                request.status = 304
                self.send_response(304)
                self.send_header("ETag", route.etag)
                self.end_headers()
                return
            request.status = route.status
            self.send_response(route.status)
            if route.location:
                self.send_header("Location", route.location)
            self.send_header("Content-Type", route.content_type)
            if route.etag:
                self.send_header("ETag", route.etag)
            if route.stream_mb:
                self.end_headers()
                chunk = b"<p>" + b"x" * (CHUNK - 7) + b"</p>\n"
                for _ in range(route.stream_mb * 2**20 // CHUNK):
                    self.wfile.write(chunk)
                    server.streamed_bytes += len(chunk)
                return
            self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            self.wfile.write(route.body)

    return Handler


def serve() -> Iterator[FeedServer]:
    """A running server (the fixtures in conftest use this generator)."""
    state = FeedServer()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    httpd.daemon_threads = True
    state.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()


def rss(title: str, items: list[dict[str, str]]) -> bytes:
    """An RSS 2.0 feed; each item may have title, link, description, content, date."""
    parts = [f"<rss version='2.0' xmlns:content='http://purl.org/rss/1.0/modules/content/'>"
             f"<channel><title>{escape(title)}</title>"]  # fmt: skip
    for item in items:
        parts.append("<item>")
        for key, tag in (("title", "title"), ("link", "link"), ("description", "description")):
            if key in item:
                parts.append(f"<{tag}>{escape(item[key])}</{tag}>")
        if "content" in item:
            parts.append(f"<content:encoded>{escape(item['content'])}</content:encoded>")
        if "date" in item:
            parts.append(f"<pubDate>{escape(item['date'])}</pubDate>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "".join(parts).encode("utf-8")


def rfc822(moment: Any) -> str:
    return format_datetime(moment)


def page(title: str, text: str) -> bytes:
    """An article page with a main text trafilatura finds, inside navigation it drops."""
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in text.split("\n\n"))
    return (
        f"<!doctype html><html><head><title>{escape(title)}</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{escape(title)}</h1>{paragraphs}</article>"
        "<footer>Copyright the outlet</footer></body></html>"
    ).encode()
