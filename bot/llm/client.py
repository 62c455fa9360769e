"""Talking to the model: the `ChatClient` seam the writer depends on, and its HTTP version.

`OpenAIChatClient` posts to an OpenAI-compatible chat-completions endpoint (Ollama, llama.cpp
server, vLLM or a hosted API). It blocks for up to `timeout_seconds`: call it from a worker
thread in async code. Every way the endpoint can fail becomes a `ChatError` whose message says
why and never holds the API key.
"""

from __future__ import annotations

import ipaddress
import json
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from http.client import HTTPException
from typing import Any, Protocol

from bot.llm.prompt import Message
from bot.settings import LLMSettings

MAX_RESPONSE_BYTES = 2_000_000  # a chat reply is a few KB; more means something is wrong
_READ_CHUNK = 65_536
_THINK = re.compile(r"<think>.*?</think>", re.DOTALL | re.IGNORECASE)


class ChatError(Exception):
    """The endpoint or its reply is unusable; the message says why (never holds the key)."""


class ChatClient(Protocol):
    """Sends chat messages to a model and returns the text of its reply."""

    def complete(self, messages: Sequence[Message]) -> str:
        """The assistant's reply text; raises ChatError when there is none to use."""
        ...


class OpenAIChatClient:
    """A `ChatClient` over HTTP to an OpenAI-compatible chat-completions endpoint."""

    def __init__(self, settings: LLMSettings) -> None:
        self.settings = settings
        self.url = _completions_url(settings.base_url)
        # A server on this machine never needs the proxy from the environment; going through
        # one would send the prompt off the machine or fail outright.
        handlers: list[urllib.request.BaseHandler] = []
        if _is_loopback(self.url):
            handlers.append(urllib.request.ProxyHandler({}))
        self._opener = urllib.request.build_opener(*handlers)

    def complete(self, messages: Sequence[Message]) -> str:
        return parse_reply(self._post(messages))

    def _post(self, messages: Sequence[Message]) -> bytes:
        payload = {
            "model": self.settings.model,
            "messages": list(messages),
            "temperature": self.settings.temperature,
        }
        headers = {
            "Content-Type": "application/json",
            "Accept": "application/json",
            "User-Agent": "newsbot",
        }
        key = os.environ.get(self.settings.api_key_env)
        if key:
            headers["Authorization"] = f"Bearer {key}"
        request = urllib.request.Request(
            self.url, data=json.dumps(payload).encode("utf-8"), headers=headers, method="POST"
        )
        timeout = self.settings.timeout_seconds
        # The socket timeout bounds each read; the deadline bounds a server that trickles bytes.
        deadline = time.monotonic() + timeout
        try:
            with self._opener.open(request, timeout=timeout) as response:
                chunks: list[bytes] = []
                size = 0
                while chunk := response.read(_READ_CHUNK):
                    chunks.append(chunk)
                    size += len(chunk)
                    if size > MAX_RESPONSE_BYTES:
                        raise ChatError(f"reply larger than {MAX_RESPONSE_BYTES} bytes")
                    if time.monotonic() > deadline:
                        raise ChatError(f"no complete reply within {timeout:g} s")
                return b"".join(chunks)
        except urllib.error.HTTPError as exc:
            # The error body is not logged: some APIs echo a (partly masked) key in it.
            raise ChatError(f"{self.url} answered HTTP {exc.code} {exc.reason}") from None
        except urllib.error.URLError as exc:
            raise ChatError(f"cannot reach {self.url}: {_reason(exc.reason)}") from None
        except TimeoutError:
            raise ChatError(f"no reply from {self.url} within {timeout:g} s") from None
        except (OSError, HTTPException, ValueError) as exc:
            raise ChatError(f"request to {self.url} failed: {_reason(exc)}") from None


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
    content = _THINK.sub(" ", content).strip()  # reasoning models' scratchpad is not the answer
    if not content:
        raise ChatError("reply content is empty")
    return content


def _completions_url(base_url: str) -> str:
    base = base_url.strip().rstrip("/")
    if base.endswith("/chat/completions"):
        return base
    return f"{base}/chat/completions"


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
