"""`newsbot chat`: a terminal conversation over the same pipeline and rendering as Discord."""

from __future__ import annotations

import logging
import sys
from datetime import UTC, datetime
from typing import TextIO

from bot.answer import Answerer
from bot.models import Conversation
from bot.question import looks_like_follow_up
from bot.render import render_text
from bot.settings import Settings
from bot.terminal import for_terminal
from index.bootstrap import Bootstrap
from index.errors import NewsbotError
from index.library import Library

log = logging.getLogger(__name__)

PROMPT = "you> "
HELP = (
    "Ask a question about the indexed news, e.g. “What did Peskov say?”.\n"
    "A question starting with “and …” or using he/she/they follows up the previous one.\n"
    "Commands: /new (forget the previous question), /help, /quit (or Ctrl-D, Ctrl-C)."
)


def say(text: str, stdout: TextIO) -> None:
    """Print a line without control characters (bot/terminal.py): answers quote articles."""
    print(for_terminal(text), file=stdout, flush=True)


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _read(stdin: TextIO, interactive: bool) -> str | None:
    """The next line, or None at end of input."""
    if interactive:
        try:
            return input(PROMPT)
        except EOFError:
            return None
    line = stdin.readline()
    return None if line == "" else line


def chat(
    settings: Settings,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    answerer: Answerer | None = None,
    as_of: datetime | None = None,
) -> int:
    """Answer questions from `stdin` until end of input; prompts only on a terminal.

    Each question is asked at the moment it is read, or `as_of` when given (a replay)."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    interactive = stdin.isatty() and stdout.isatty()
    bootstrap: Bootstrap | None = None
    if answerer is None:
        library = Library(settings)
        # With no index to serve (or an outdated one) it is built in the background; questions
        # meanwhile are told how far it is.
        bootstrap = Bootstrap(library)
        why = bootstrap.start()
        answerer = Answerer(library, settings)
        answerer.sentence_model.model()  # loaded, or exported in the background, from now
        if why is not None:
            say(
                f"newsbot: {why}; indexing the configured sources in the background. "
                "Questions are answered as soon as the index is ready.",
                stdout,
            )
        elif interactive:
            stats = library.stats()
            say(
                f"newsbot: {_count(stats.articles, 'article')}, "
                f"{_count(stats.passages, 'passage')} indexed. "
                "Type /help for help.",
                stdout,
            )
    conversation: Conversation | None = None
    try:
        while True:
            line = _read(stdin, interactive)
            if line is None:
                break
            question = line.strip()
            if not question:
                continue
            if question in ("/quit", "/exit"):
                break
            if question == "/help":
                say(HELP, stdout)
                continue
            if question == "/new":
                conversation = None
                continue
            context = conversation if looks_like_follow_up(question) else None
            try:
                now = as_of or datetime.now(UTC)
                answer = answerer.answer(question, context, now=now)
            except NewsbotError as exc:
                say(f"newsbot: {exc}", stdout)
                continue
            except Exception:
                log.exception("could not answer %r", question)
                say("newsbot: something went wrong answering that; see the log.", stdout)
                continue
            if not interactive:
                say(f"{PROMPT}{question}", stdout)
            say(render_text(answer) + "\n", stdout)
            conversation = Conversation(question=question, subject=answer.subject)
    except KeyboardInterrupt:
        say("", stdout)
    if bootstrap is not None:
        bootstrap.stop()
    if report_usage := getattr(getattr(answerer, "llm", None), "report_usage", None):
        report_usage("at the end of the chat")  # how LLM answers went
    if interactive:
        say("bye.", stdout)
    return 0
