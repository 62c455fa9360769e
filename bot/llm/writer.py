"""Optional LLM answer writer: a chat model writes the answer from the numbered passages, and
every sentence of its reply is checked against the passage it cites.

The model is not trusted: anything that goes wrong (HTTP error, timeout, bad JSON, a reply with
no checked sentence left) gives back the extractive answer unchanged.

`LLMWriter.write` blocks on the network for up to `timeout_seconds`: call it from a worker
thread (`asyncio.to_thread`) in async code.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from bot.llm.claims import split_claims
from bot.llm.client import ChatClient, ChatError, OpenAIChatClient
from bot.llm.prompt import build_messages, select_passages
from bot.llm.renumber import assemble_answer
from bot.llm.support import Similarity, SupportError, check_claims
from bot.models import Answer
from bot.settings import LLMSettings
from index.models import Hit

log = logging.getLogger(__name__)


class LLMWriter:
    """Writes an answer with a chat model and keeps only checked sentences."""

    def __init__(
        self,
        settings: LLMSettings,
        similarity: Similarity,
        *,
        max_sentences: int = 5,
        client: ChatClient | None = None,
    ) -> None:
        self.settings = settings
        self.similarity = similarity
        self.max_sentences = max_sentences
        self.client = client if client is not None else OpenAIChatClient(settings)

    def write(self, question: str, hits: Sequence[Hit], fallback: Answer) -> Answer:
        """The checked LLM answer, or `fallback` unchanged when no checked sentence remains."""
        # When retrieval found nothing relevant the answer is "not found": a fluent model must
        # not turn weakly related passages into a confident answer.
        if not self.settings.enabled or not fallback.found:
            return fallback
        shown = select_passages(hits, self.settings.context_chars)
        if not shown:
            return fallback
        messages = build_messages(question, shown, self.max_sentences)
        try:
            reply = self.client.complete(messages)
        except ChatError as exc:
            log.warning("LLM answer unavailable, using the extractive answer: %s", exc)
            return fallback
        try:
            kept = check_claims(
                split_claims(reply), shown, self.similarity, self.settings.min_support
            )
        except SupportError as exc:
            log.warning("LLM answer not checked, using the extractive answer: %s", exc)
            return fallback
        if not kept:
            log.info("LLM answer had no supported, cited sentence; using the extractive answer")
            return fallback
        return assemble_answer(kept, shown, fallback)
