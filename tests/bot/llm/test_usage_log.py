"""`newsbot chat` logs how its LLM answers went when it ends."""

from __future__ import annotations

import io
import logging

from bot.chat import chat
from bot.llm import LLMWriter
from bot.models import Answer
from bot.settings import LLMSettings, parse_settings
from tests.bot.llm.conftest import HITS, ScriptedChat, extractive, word_jaccard


class WritingAnswerer:
    """Answers every question through the LLM writer, as `Answerer` does for found answers."""

    def __init__(self, llm: LLMWriter) -> None:
        self.llm = llm

    def answer(self, question: str, *args: object, **kwargs: object) -> Answer:
        return self.llm.write(question, HITS, extractive())


def test_chat_logs_the_llm_usage_when_it_ends(settings: LLMSettings, caplog) -> None:
    scripted = ScriptedChat()
    scripted.answer("Peskov told reporters that no official letter had been received [1].")
    scripted.fail("cannot reach the model")
    answerer = WritingAnswerer(LLMWriter(settings, word_jaccard, client=scripted))
    stdin = io.StringIO("What did Peskov say?\nAnd Rostek?\n")

    with caplog.at_level(logging.INFO, logger="bot.llm"):
        chat(parse_settings({}), stdin, io.StringIO(), answerer=answerer)  # type: ignore[arg-type]

    assert "LLM answers at the end of the chat" in caplog.text
    assert "1 written by the LLM, 0 fell back (unsupported text), 0 timed out, 1 failed" in (
        caplog.text
    )
