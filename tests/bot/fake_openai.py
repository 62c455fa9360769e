"""A local fake of an OpenAI-compatible chat-completions server, for tests.

It is a real HTTP server on 127.0.0.1 (ephemeral port) in a background thread: the code under
test goes through its real HTTP client. Each test scripts the replies in order and reads back
the requests the server received. A reply is sent whole (`answer`, `respond`) or streamed as
server-sent events (`stream`): slowly, forever, honouring the request's `max_tokens` or not.
With `tokenizer=True` the server also answers llama.cpp's `POST /tokenize` (one token a word
or punctuation mark); without it that path is a 404, as on servers that lack it.
"""

from __future__ import annotations

import itertools
import json
import logging
import re
import threading
from collections import deque
from dataclasses import dataclass, field
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
    tokens: tuple[str, ...] | None = None  # streamed, one event each, when set
    token_delay: float = 0.0  # seconds before each streamed token
    forever: bool = False  # repeat the tokens without end
    ignore_max_tokens: bool = False  # stream past the request's max_tokens


@dataclass
class Streamed:
    """What one streamed reply sent before it ended or the client went away."""

    tokens: int = 0
    client_gone: bool = False
    finished: threading.Event = field(default_factory=threading.Event)


def words(text: str) -> tuple[str, ...]:
    """`text` as streamed tokens: each word with the space before it, punctuation apart."""
    return tuple(re.findall(r"\s*(?:\w+|[^\w\s])|\s+$", text))


def chunk(content: str | None, finish: str | None = None) -> bytes:
    """One server-sent event of a streamed chat completion."""
    delta = {} if content is None else {"content": content}
    event = {
        "id": "chatcmpl-fake",
        "object": "chat.completion.chunk",
        "model": "fake",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }
    return b"data: " + json.dumps(event).encode("utf-8") + b"\n\n"


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

    def __init__(self, *, tokenizer: bool = False) -> None:
        self.requests: list[Received] = []  # chat completions
        self.tokenize_requests: list[Received] = []
        self.streams: list[Streamed] = []
        self.tokenizer = tokenizer
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

    def stream(
        self,
        content: str,
        *,
        delay: float = 0.0,
        token_delay: float = 0.0,
        forever: bool = False,
        ignore_max_tokens: bool = False,
    ) -> None:
        """Queue a streamed reply of `content`, a word an event (see `Scripted`)."""
        scripted = Scripted(
            delay=delay,
            tokens=words(content),
            token_delay=token_delay,
            forever=forever,
            ignore_max_tokens=ignore_max_tokens,
            content_type="text/event-stream",
        )
        with self._lock:
            self._replies.append(scripted)

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

    def _tokenize(self, received: Received) -> Scripted:
        with self._lock:
            self.tokenize_requests.append(received)
        if not self.tokenizer:
            return Scripted(status=404, body=b'{"error": "Not Found"}')
        tokens = re.findall(r"\w+|[^\w\s]", received.body["content"])
        return Scripted(body=json.dumps({"tokens": list(range(len(tokens)))}).encode("utf-8"))

    def _new_stream(self) -> Streamed:
        streamed = Streamed()
        with self._lock:
            self.streams.append(streamed)
        return streamed


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
        received = Received("POST", self.path, headers, body)
        tokenize = self.path == "/tokenize"
        reply = fake._tokenize(received) if tokenize else fake._next(received)
        if reply.delay and fake._stopping.wait(reply.delay):
            return
        if reply.tokens is not None:
            self._stream(fake, reply, body)
            return
        try:
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            self.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test): nothing left to tell it

    def _stream(self, fake: FakeOpenAI, reply: Scripted, body: Any) -> None:
        """Send the reply's tokens as server-sent events, in HTTP chunks."""
        streamed = fake._new_stream()
        self.close_connection = True
        asked = body.get("max_tokens") if isinstance(body, dict) else None
        limit = None if reply.ignore_max_tokens else asked
        tokens = (
            itertools.cycle(reply.tokens or ("",)) if reply.forever else iter(reply.tokens or ())
        )
        finish = "stop"
        try:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for token in tokens:
                if limit is not None and streamed.tokens >= limit:
                    finish = "length"
                    break
                if reply.token_delay and fake._stopping.wait(reply.token_delay):
                    return
                if fake._stopping.is_set():
                    return
                self._send_chunk(chunk(token))
                streamed.tokens += 1
            self._send_chunk(chunk(None, finish))
            self._send_chunk(b"data: [DONE]\n\n")
            self._send_chunk(b"")
        except (BrokenPipeError, ConnectionResetError):
            streamed.client_gone = True  # the client closed the stream: stop generating
        finally:
            streamed.finished.set()

    def _send_chunk(self, data: bytes) -> None:
        self.wfile.write(f"{len(data):x}\r\n".encode("ascii") + data + b"\r\n")

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("fake openai: " + format, *args)
