"""Talking to the model: the `ChatClient` seam the writer depends on, and its HTTP version.

`OpenAIChatClient` posts to an OpenAI-compatible chat-completions endpoint (Ollama, llama.cpp
server, vLLM or a hosted API), asks for at most `max_tokens` and reads the reply as a stream,
so that it can stop at the deadline or the token limit without waiting for the server: closing
the connection is how a client tells these servers to stop generating. It blocks until the
deadline at most (call it from a worker thread in async code). Every way the endpoint can fail
becomes a `ChatError` whose message says why and never holds the API key.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence
from http.client import HTTPException, HTTPResponse
from typing import Any, Protocol, TypeVar

from bot.llm.prompt import Message
from bot.llm.tokens import first_sentence_end, streamed_tokens, up_to_last_sentence_end
from bot.settings import LLMSettings

log = logging.getLogger(__name__)

MAX_RESPONSE_BYTES = 2_000_000  # a chat reply is a few KB; more means something is wrong
MAX_LINE_BYTES = 65_536  # one server-sent event line: one token and its JSON wrapping
# When a server ignores max_tokens, the reply may run this many tokens past it to finish its
# sentence; then it is cut at the last sentence end whatever comes.
SENTENCE_GRACE_TOKENS = 60
_READ_CHUNK = 65_536
_ERROR_PEEK_BYTES = 4096
_THINK = re.compile(r"<think>.*?</think>", re.DOTALL | re.IGNORECASE)
_OVERFLOW = re.compile(r"context|n_ctx|too long|too many tokens|exceed", re.IGNORECASE)
_UNSUPPORTED = {404, 405, 501}  # a server without the endpoint

T = TypeVar("T")


class ChatError(Exception):
    """The endpoint or its reply is unusable; the message says why (never holds the key)."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status  # the HTTP status, when the server answered with an error


class ChatTimeout(ChatError):
    """The deadline passed before the reply was complete."""


class ChatClient(Protocol):
    """Sends chat messages to a model and returns the text of its reply."""

    def complete(self, messages: Sequence[Message], *, deadline: float) -> str:
        """The assistant's reply text by `deadline` (a `time.monotonic()` value); raises
        ChatError when there is none to use, ChatTimeout when the deadline passed."""
        ...

    def count_tokens(self, text: str, *, deadline: float) -> int | None:
        """The model's token count of `text`, or None when the server offers no tokenizer."""
        ...


class OpenAIChatClient:
    """A `ChatClient` over HTTP to an OpenAI-compatible chat-completions endpoint."""

    def __init__(self, settings: LLMSettings) -> None:
        self.settings = settings
        self.url = _completions_url(settings.base_url)
        self.tokenize_url = _tokenize_url(self.url)
        # None until the first count: then whether the server has llama.cpp's /tokenize.
        self.has_tokenizer: bool | None = None
        # A server on this machine never needs the proxy from the environment; going through
        # one would send the prompt off the machine or fail outright.
        handlers: list[urllib.request.BaseHandler] = []
        if _is_loopback(self.url):
            handlers.append(urllib.request.ProxyHandler({}))
        self._opener = urllib.request.build_opener(*handlers)

    def complete(self, messages: Sequence[Message], *, deadline: float) -> str:
        payload = {
            "model": self.settings.model,
            "messages": list(messages),
            "temperature": self.settings.temperature,
            "max_tokens": self.settings.max_tokens,
            "stream": True,
        }
        return self._post(self.url, payload, deadline, self._read_reply)

    def count_tokens(self, text: str, *, deadline: float) -> int | None:
        if self.has_tokenizer is False:
            return None
        try:
            body = self._post(self.tokenize_url, {"content": text}, deadline, _read_body)
            tokens = json.loads(body.decode("utf-8"))["tokens"]
            if not isinstance(tokens, list):
                raise TypeError("tokens is not a list")
        except ChatError as exc:
            if self.has_tokenizer is None and exc.status in _UNSUPPORTED:
                log.info("%s has no tokenizer (%s); estimating tokens", self.tokenize_url, exc)
                self.has_tokenizer = False
                return None
            raise
        except (UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
            if self.has_tokenizer is None:
                log.info("%s gave no token list; estimating tokens", self.tokenize_url)
                self.has_tokenizer = False
                return None
            raise ChatError(f"{self.tokenize_url} gave no token list: {exc}") from None
        self.has_tokenizer = True
        return len(tokens)

    def _read_reply(self, response: HTTPResponse, deadline: float) -> str:
        if response.headers.get_content_type() == "text/event-stream":
            return read_stream(response, deadline, self.settings.max_tokens)
        # A server that ignored stream: true sends the whole reply at once.
        return parse_reply(_read_body(response, deadline))

    def _post(
        self,
        url: str,
        payload: dict[str, Any],
        deadline: float,
        read: Callable[[HTTPResponse, float], T],
    ) -> T:
        headers = {
            "Content-Type": "application/json",
            "Accept": "text/event-stream, application/json",
            "User-Agent": "newsbot",
        }
        key = os.environ.get(self.settings.api_key_env)
        if key:
            headers["Authorization"] = f"Bearer {key}"
        request = urllib.request.Request(
            url, data=json.dumps(payload).encode("utf-8"), headers=headers, method="POST"
        )
        left = deadline - time.monotonic()
        if left <= 0:
            raise ChatTimeout(f"no time left to ask {url}")
        try:
            # The socket timeout bounds connecting and each read; `read` checks the deadline
            # between reads, so a server trickling bytes is stopped too.
            with self._opener.open(request, timeout=left) as response:
                return read(response, deadline)
        except urllib.error.HTTPError as exc:
            # The error body is not logged: some APIs echo a (partly masked) key in it.
            hint = ""
            if exc.code in (400, 413) and _OVERFLOW.search(_peek(exc)):
                hint = " (the prompt may not fit the server's context: lower [llm].context_tokens)"
            raise ChatError(
                f"{url} answered HTTP {exc.code} {exc.reason}{hint}", exc.code
            ) from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise ChatTimeout(f"no reply from {url} by the deadline") from None
            raise ChatError(f"cannot reach {url}: {_reason(exc.reason)}") from None
        except TimeoutError:
            raise ChatTimeout(f"no reply from {url} by the deadline") from None
        except (OSError, HTTPException, ValueError) as exc:
            raise ChatError(f"request to {url} failed: {_reason(exc)}") from None


def read_stream(response: HTTPResponse, deadline: float, max_tokens: int) -> str:
    """The reply text from an OpenAI server-sent event stream (`data: {...}` lines ending
    with `data: [DONE]`), stopped at the deadline or soon after `max_tokens`."""
    text = ""
    chunks = 0
    size = 0
    over_from: int | None = None  # where the text passed max_tokens, if it did
    truncated = False
    while True:
        if time.monotonic() > deadline:
            raise ChatTimeout(f"reply not finished by the deadline ({chunks} tokens read)")
        line = response.readline(MAX_LINE_BYTES)
        if not line:
            break  # the server closed the stream without [DONE]: use what came
        size += len(line)
        if size > MAX_RESPONSE_BYTES:
            raise ChatError(f"reply larger than {MAX_RESPONSE_BYTES} bytes")
        line = line.strip()
        if not line.startswith(b"data:"):
            continue  # blank separators, ": keep-alive" comments, event: and id: fields
        data = line[5:].strip()
        if data == b"[DONE]":
            break
        piece, finish = _delta(data)
        if piece:
            text += piece
            chunks += 1
        if finish == "length":
            truncated = True
        if over_from is None and streamed_tokens(chunks, text) >= max_tokens:
            over_from = len(text) - len(piece)
        if over_from is not None:
            end = first_sentence_end(text, over_from)
            if (
                end is not None
                or streamed_tokens(chunks, text) >= max_tokens + SENTENCE_GRACE_TOKENS
            ):
                log.info("the server went past max_tokens (%d); reply cut", max_tokens)
                text = text[:end] if end is not None else text
                truncated = True
                break
    if truncated:
        text = up_to_last_sentence_end(text)
    return _clean(text)


def _delta(data: bytes) -> tuple[str, str | None]:
    """The text and finish reason one streamed chunk carries."""
    try:
        event = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ChatError(f"streamed chunk is not JSON ({exc.__class__.__name__})") from None
    if not isinstance(event, dict):
        raise ChatError("streamed chunk is not a JSON object")
    if "error" in event:  # its message is not shown: some APIs echo a key in it
        raise ChatError("the server sent an error in the stream")
    choices = event.get("choices")
    if not choices:
        return "", None  # a usage or keep-alive chunk
    try:
        choice = choices[0]
        content = (choice.get("delta") or {}).get("content") or ""
        finish = choice.get("finish_reason")
    except (AttributeError, IndexError, TypeError):
        raise ChatError("streamed chunk has no choices[0].delta") from None
    if not isinstance(content, str):
        raise ChatError(f"streamed content is {type(content).__name__}, not text")
    return content, finish if isinstance(finish, str) else None


def parse_reply(raw: bytes) -> str:
    """The assistant's text from a chat-completions response body."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ChatError(f"reply is not JSON ({exc.__class__.__name__})") from None
    try:
        content = data["choices"][0]["message"]["content"]
    except (KeyError, IndexError, TypeError):
        raise ChatError("reply has no choices[0].message.content") from None
    if isinstance(content, list):  # some servers send content parts
        content = "".join(part.get("text", "") for part in content if isinstance(part, dict))
    if not isinstance(content, str):
        raise ChatError(f"reply content is {type(content).__name__}, not text")
    return _clean(content)


def _clean(content: str) -> str:
    content = _THINK.sub(" ", content).strip()  # reasoning models' scratchpad is not the answer
    if not content:
        raise ChatError("reply content is empty")
    return content


def _read_body(response: HTTPResponse, deadline: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read1(_READ_CHUNK):
        chunks.append(chunk)
        size += len(chunk)
        if size > MAX_RESPONSE_BYTES:
            raise ChatError(f"reply larger than {MAX_RESPONSE_BYTES} bytes")
        if time.monotonic() > deadline:
            raise ChatTimeout("reply not finished by the deadline")
    return b"".join(chunks)


def _peek(error: urllib.error.HTTPError) -> str:
    """The start of an error body, to recognise a context overflow (never logged)."""
    try:
        return error.read(_ERROR_PEEK_BYTES).decode("utf-8", errors="replace")
    except (OSError, HTTPException, ValueError):
        return ""


def _completions_url(base_url: str) -> str:
    base = base_url.strip().rstrip("/")
    if base.endswith("/chat/completions"):
        return base
    return f"{base}/chat/completions"


def _tokenize_url(completions_url: str) -> str:
    """llama.cpp's /tokenize, at the server's root beside /v1."""
    parts = urllib.parse.urlsplit(completions_url)
    path = parts.path.removesuffix("/chat/completions").rstrip("/").removesuffix("/v1")
    return urllib.parse.urlunsplit(parts._replace(path=f"{path}/tokenize"))


def _is_loopback(url: str) -> bool:
    host = urllib.parse.urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _reason(exc: Any) -> str:
    if isinstance(exc, TimeoutError):
        return "timed out"
    text = str(exc) or exc.__class__.__name__
    return text[:200]
