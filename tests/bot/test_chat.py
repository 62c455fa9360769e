import io
import re
from typing import Any

from bot.chat import chat
from bot.models import Answer, Citation, Conversation
from index.errors import QueryError


class RecordingAnswerer:
    def __init__(self) -> None:
        self.calls: list[tuple[str, Conversation | None]] = []
        self.when: list[dict[str, Any]] = []

    def answer(
        self, question: str, conversation: Conversation | None = None, **when: Any
    ) -> Answer:
        self.calls.append((question, conversation))
        self.when.append(when)
        if not question.strip("?"):
            from index.errors import QueryError

            raise QueryError("the question is empty")
        return Answer(question=question, text=f"answer to {question}", subject="the subject")


def test_chat_reads_questions_line_by_line_when_not_a_terminal(settings, answerer):
    out = io.StringIO()
    code = chat(settings, io.StringIO("What did Peskov say?\n\n"), out, answerer)
    assert code == 0
    text = out.getvalue()
    assert "you> What did Peskov say?" in text
    assert "Dmitry Peskov" in text and "[1]" in text and "Sources" in text


def test_follow_ups_carry_the_previous_subject_and_new_forgets_it(settings):
    fake = RecordingAnswerer()
    lines = "What did Peskov say about troops?\nand what did Lavrov say?\n/new\nand Lavrov?\n"
    chat(settings, io.StringIO(lines), io.StringIO(), fake)  # type: ignore[arg-type]
    assert fake.calls[0][1] is None
    assert fake.calls[1][1] == Conversation("What did Peskov say about troops?", "the subject")
    assert fake.calls[2][1] is None  # after /new


def test_a_follow_up_after_a_greeting_is_still_one(settings):
    fake = RecordingAnswerer()
    lines = "What did Peskov say about troops?\nok, and Lavrov?\n"
    chat(settings, io.StringIO(lines), io.StringIO(), fake)  # type: ignore[arg-type]
    assert fake.calls[1][1] == Conversation("What did Peskov say about troops?", "the subject")


def test_an_unrelated_question_is_not_a_follow_up(settings):
    fake = RecordingAnswerer()
    chat(settings, io.StringIO("Who won?\nWhere is the summit?\n"), io.StringIO(), fake)  # type: ignore[arg-type]
    assert [c for _, c in fake.calls] == [None, None]


def test_errors_are_reported_and_the_chat_goes_on(settings):
    fake = RecordingAnswerer()
    out = io.StringIO()
    chat(settings, io.StringIO("?\nWho won?\n/quit\nnever asked\n"), out, fake)  # type: ignore[arg-type]
    assert "newsbot: the question is empty" in out.getvalue()
    assert [q for q, _ in fake.calls] == ["?", "Who won?"]


def test_ctrl_c_ends_the_chat_cleanly(settings):
    class Interrupting(io.StringIO):
        def readline(self, *args: object) -> str:
            raise KeyboardInterrupt

    assert chat(settings, Interrupting(), io.StringIO(), RecordingAnswerer()) == 0  # type: ignore[arg-type]


TERMINAL_HOSTILE = (
    "\x1b]0;pwned\x07\x1b[2J\x1b[31mred\x1b[0m \x9b31m \u202egnp.exe\u202c \r\x08\x00!"
)
TERMINAL_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


class HostileAnswerer:
    def answer(
        self, question: str, conversation: Conversation | None = None, **when: Any
    ) -> Answer:
        if question.startswith("fail"):
            raise QueryError(f"cannot answer {question}")
        citation = Citation(
            1,
            "a1",
            TERMINAL_HOSTILE,
            f"https://x.example/{TERMINAL_HOSTILE}",
            TERMINAL_HOSTILE,
            "2019-06-04",
            "x",
            0,
            1,
        )
        return Answer(question, f"{TERMINAL_HOSTILE} said it [1].", (citation,))


def test_escape_codes_in_questions_answers_and_errors_never_reach_the_terminal(settings):
    out = io.StringIO()
    lines = f"what {TERMINAL_HOSTILE}?\nfail {TERMINAL_HOSTILE}\n"
    chat(settings, io.StringIO(lines), out, HostileAnswerer())  # type: ignore[arg-type]
    text = out.getvalue()
    assert "red" in text and "Sources" in text and "cannot answer fail" in text
    assert not TERMINAL_CONTROL.search(text), repr(text)


def test_chat_asks_each_question_as_of_the_replayed_moment(settings):
    from datetime import UTC, datetime

    answerer = RecordingAnswerer()
    moment = datetime(2025, 3, 5, 23, 59, 59, tzinfo=UTC)
    stdin = io.StringIO("What happened this week?\n")
    chat(settings, stdin=stdin, stdout=io.StringIO(), answerer=answerer, as_of=moment)
    assert answerer.when == [{"now": moment}]
    chat(settings, stdin=io.StringIO("And today?\n"), stdout=io.StringIO(), answerer=answerer)
    now = answerer.when[-1]["now"]
    assert abs((datetime.now(UTC) - now).total_seconds()) < 60  # the moment it was asked
