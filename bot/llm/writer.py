"""Optional LLM answer writer: a chat model writes the answer from the numbered passages, and
every sentence of its reply is checked against the passage it cites.

The model is not trusted: anything that goes wrong (HTTP error, timeout, bad JSON, a reply with
no checked sentence left) gives back the extractive answer unchanged.

One deadline bounds the whole answer: `LLMWriter.write` returns within `timeout_seconds`
(counting tokens, connecting, generating and checking), with the extractive answer when the LLM
one is not ready. It blocks until then: call it from a worker thread (`asyncio.to_thread`) in
async code. It counts how each answer went; `report_usage` logs the counts (the writer does so
itself once an hour, at the first answer after the hour; the bot and `newsbot chat` at exit).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from typing import Literal

from bot.llm.claims import split_claims
from bot.llm.client import ChatClient, ChatError, ChatTimeout, OpenAIChatClient
from bot.llm.prompt import build_messages, select_passages
from bot.llm.renumber import assemble_answer
from bot.llm.support import Similarity, SupportError, check_claims
from bot.llm.tokens import MESSAGE_OVERHEAD, estimate_tokens
from bot.models import Answer
from bot.settings import LLMSettings
from index.models import Hit

log = logging.getLogger(__name__)

REPORT_EVERY_SECONDS = 3600.0

Outcome = Literal["llm", "unsupported", "timeout", "failed"]


@dataclass
class Usage:
    """How the answers the LLM was asked for went (kept apart: on a small CPU timeouts measure
    the machine, not the model)."""

    llm: int = 0  # written by the LLM, every sentence checked
    unsupported: int = 0  # the reply had no supported, cited sentence: extractive answer
    timeout: int = 0  # not ready by the deadline: extractive answer
    failed: int = 0  # the server failed or the prompt could not be built: extractive answer

    def describe(self) -> str:
        return (
            f"{self.llm} written by the LLM, {self.unsupported} fell back (unsupported text), "
            f"{self.timeout} timed out, {self.failed} failed"
        )


class LLMWriter:
    """Writes an answer with a chat model and keeps only checked sentences."""

    def __init__(
        self,
        settings: LLMSettings,
        similarity: Similarity,
        *,
        max_sentences: int = 5,
        client: ChatClient | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings
        self.similarity = similarity
        self.max_sentences = max_sentences
        self.client = client if client is not None else OpenAIChatClient(settings)
        self._clock = clock
        self._lock = threading.Lock()  # answers are written in several worker threads
        self.total = Usage()
        self._period = Usage()
        self._period_start = clock()

    def write(self, question: str, hits: Sequence[Hit], fallback: Answer) -> Answer:
        """The checked LLM answer, or `fallback` unchanged when no checked sentence remains
        or it is not ready within `timeout_seconds`."""
        # When retrieval found nothing relevant the answer is "not found": a fluent model must
        # not turn weakly related passages into a confident answer.
        if not self.settings.enabled or not fallback.found:
            return fallback
        timeout = self.settings.timeout_seconds
        deadline = time.monotonic() + timeout
        done = threading.Event()
        result: list[tuple[Answer, Outcome]] = []
        error: list[BaseException] = []

        def work() -> None:
            try:
                result.append(self._write(question, hits, fallback, deadline))
            except BaseException as exc:  # handed to the caller, who decides
                error.append(exc)
            finally:
                done.set()

        # A daemon thread: one stuck in a socket the deadline gave up on never delays exit.
        threading.Thread(target=work, name="llm-answer", daemon=True).start()
        if not done.wait(max(deadline - time.monotonic(), 0)):
            log.warning("LLM answer not ready within %g s; using the extractive answer", timeout)
            self._count("timeout")
            return fallback
        if error:
            raise error[0]
        answer, outcome = result[0]
        self._count(outcome)
        return answer

    def report_usage(self, when: str = "at exit") -> None:
        """Log how the LLM answers went since the last report, and since start."""
        with self._lock:
            period, self._period = self._period, Usage()
            minutes = (self._clock() - self._period_start) / 60
            self._period_start = self._clock()
            total = Usage(**{f.name: getattr(self.total, f.name) for f in fields(Usage)})
        log.info(
            "LLM answers %s, in the last %.0f min: %s; since start: %s",
            when,
            minutes,
            period.describe(),
            total.describe(),
        )

    def _count(self, outcome: Outcome) -> None:
        with self._lock:
            for usage in (self.total, self._period):
                setattr(usage, outcome, getattr(usage, outcome) + 1)
            due = self._clock() - self._period_start >= REPORT_EVERY_SECONDS
        if due:
            self.report_usage("this hour")

    def _write(
        self, question: str, hits: Sequence[Hit], fallback: Answer, deadline: float
    ) -> tuple[Answer, Outcome]:
        count = self._counter(deadline)
        system_and_question = build_messages(question, [], self.max_sentences)
        fixed = sum(count(m["content"]) + MESSAGE_OVERHEAD for m in system_and_question)
        budget = self.settings.context_tokens - self.settings.max_tokens - fixed - MESSAGE_OVERHEAD
        shown = select_passages(hits, budget, count)
        if not shown:
            log.warning(
                "no passage fits [llm].context_tokens = %d once the instructions, the question "
                "(%d tokens with them) and max_tokens = %d are taken; using the extractive answer",
                self.settings.context_tokens,
                fixed,
                self.settings.max_tokens,
            )
            return fallback, "failed"
        if len(shown) < len(hits):
            log.debug("%d of %d passages fit %d tokens", len(shown), len(hits), budget)
        messages = build_messages(question, shown, self.max_sentences)
        try:
            reply = self.client.complete(messages, deadline=deadline)
        except ChatTimeout as exc:
            log.warning("LLM answer not ready in time, using the extractive answer: %s", exc)
            return fallback, "timeout"
        except ChatError as exc:
            log.warning("LLM answer unavailable, using the extractive answer: %s", exc)
            return fallback, "failed"
        log.debug("LLM reply: %r", reply)
        try:
            kept = check_claims(
                split_claims(reply), shown, self.similarity, self.settings.min_support
            )
        except SupportError as exc:
            log.warning("LLM answer not checked, using the extractive answer: %s", exc)
            return fallback, "failed"
        if not kept:
            log.info("LLM answer had no supported, cited sentence; using the extractive answer")
            return fallback, "unsupported"
        return assemble_answer(kept, shown, fallback), "llm"

    def _counter(self, deadline: float) -> Callable[[str], int]:
        """Counts tokens with the server's tokenizer while it gives counts, else estimates."""
        use_server = True

        def count(text: str) -> int:
            nonlocal use_server
            if use_server:
                try:
                    n = self.client.count_tokens(text, deadline=deadline)
                except ChatError as exc:
                    log.warning("token count failed (%s); estimating for this answer", exc)
                    n = None
                if n is not None:
                    return n
                use_server = False
            return estimate_tokens(text)

        return count
