"""A local fake of an OpenAI-compatible chat-completions server, for tests.

It is a real HTTP server on 127.0.0.1 (ephemeral port) in a background thread: the code under
test goes through its real HTTP client. Each test scripts the replies in order and reads back
the requests the server received.
"""

from __future__ import annotations

import json
import logging
import threading
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Received:
    """One request as the server saw it."""

    method: str
    path: str
    headers: dict[str, str]  # header names lower-cased
    body: Any  # the parsed JSON body, or the raw text when it was not JSON

    def message(self, role: str) -> str:
        """The content of the first chat message with this role."""
        return next(m["content"] for m in self.body["messages"] if m["role"] == role)


@dataclass(frozen=True)
class Scripted:
    """One reply to send: status, raw body, and a delay before the headers go out."""

    status: int = 200
    body: bytes = b""
    delay: float = 0.0
    content_type: str = "application/json"


def completion(content: Any) -> bytes:
    """A chat-completions response body whose first choice says `content`."""
    return json.dumps(
        {
            "id": "chatcmpl-fake",
            "object": "chat.completion",
            "model": "fake",
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content},
                    "finish_reason": "stop",
                }
            ],
        }
    ).encode("utf-8")


class FakeOpenAI:
    """Scripted OpenAI-compatible server: `answer(...)`/`respond(...)` queue replies in order."""

    def __init__(self) -> None:
        self.requests: list[Received] = []
        self._replies: deque[Scripted] = deque()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True  # a handler still sleeping never blocks close()
        self._server.fake = self  # type: ignore[attr-defined]
        # A short poll keeps close() (which waits for the serving loop to notice) quick.
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    def answer(self, content: Any, *, delay: float = 0.0) -> None:
        """Queue a well-formed chat completion saying `content`."""
        self.respond(200, completion(content), delay=delay)

    def respond(
        self,
        status: int,
        body: bytes | str,
        *,
        delay: float = 0.0,
        content_type: str = "application/json",
    ) -> None:
        """Queue any reply, well-formed or not."""
        raw = body.encode("utf-8") if isinstance(body, str) else body
        with self._lock:
            self._replies.append(Scripted(status, raw, delay, content_type))

    def start(self) -> FakeOpenAI:
        self._thread.start()
        return self

    def close(self) -> None:
        self._stopping.set()  # wakes handlers waiting out a scripted delay
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> FakeOpenAI:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _next(self, received: Received) -> Scripted:
        with self._lock:
            self.requests.append(received)
            if self._replies:
                return self._replies.popleft()
        error = {"error": {"message": "the test scripted no reply for this request"}}
        return Scripted(status=500, body=json.dumps(error).encode("utf-8"))


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self) -> None:  # the name http.server calls
        fake: FakeOpenAI = self.server.fake  # type: ignore[attr-defined]
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length).decode("utf-8", errors="replace")
        try:
            body: Any = json.loads(raw)
        except json.JSONDecodeError:
            body = raw
        headers = {k.lower(): v for k, v in self.headers.items()}
        reply = fake._next(Received("POST", self.path, headers, body))
        if reply.delay and fake._stopping.wait(reply.delay):
            return
        try:
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            self.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test): nothing left to tell it

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("fake openai: " + format, *args)
