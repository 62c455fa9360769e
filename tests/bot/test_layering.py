"""bot/ uses index/ only through its public names (the other half of tests/index/test_layering.py).

Checked statically on bot/**.py: no `from index.x import _private`, no private index module, and
no `._private` attribute (or `getattr(x, "_private")`) on anything that visibly comes from index/:
a name imported from index (types under TYPE_CHECKING included), a `searcher` or `library`
(`self.library`, `library.searcher()`), a variable assigned from one of those, or a parameter
annotated with an index type. Besides, the searcher's engine parts (its embedder, BM25 and FAISS
indexes, vectors) are not used directly: answers go through `Searcher.encode`,
`Searcher.term_weights` and `Searcher.speakers`.
"""

from __future__ import annotations

import ast

from tests.conftest import REPO

# Objects that are index/ objects wherever bot/ code names them so.
INDEX_OBJECTS = frozenset({"searcher", "library"})
# Public attributes of Searcher that are the engine's parts, not its API for answers.
SEARCHER_INTERNALS = frozenset({"embedder", "bm25", "faiss", "vectors"})


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _is_index(module: str | None) -> bool:
    return module is not None and (module == "index" or module.startswith("index."))


def _label(node: ast.expr) -> str | None:
    """What an expression is called: `x` -> x, `a.b` -> b, `a.b()` -> b, `A(...)` -> A."""
    if isinstance(node, ast.Call):
        return _label(node.func)
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return None


def _names_in(annotation: ast.expr | None) -> set[str]:
    if annotation is None:
        return set()
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        try:
            annotation = ast.parse(annotation.value, mode="eval").body
        except SyntaxError:
            return set()
    return {n.id for n in ast.walk(annotation) if isinstance(n, ast.Name)} | {
        n.attr for n in ast.walk(annotation) if isinstance(n, ast.Attribute)
    }


def violations(source: str, filename: str = "<bot>") -> list[str]:
    """Each place in `source` that uses a private name of index/ (or a searcher's internals)."""
    tree = ast.parse(source, filename=filename)
    found: list[tuple[int, int, str]] = []

    def report(node: ast.stmt | ast.expr, what: str) -> None:
        found.append((node.lineno, node.col_offset, f"{filename}:{node.lineno}: {what}"))

    index_names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and _is_index(node.module):
            assert node.module is not None
            if any(_private(part) for part in node.module.split(".")):
                report(node, f"private module {node.module}")
            for alias in node.names:
                if _private(alias.name):
                    report(node, f"imports {node.module}.{alias.name}")
                index_names.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if _is_index(alias.name):
                    if any(_private(part) for part in alias.name.split(".")):
                        report(node, f"private module {alias.name}")
                    index_names.add(alias.asname or alias.name.split(".")[0])

    watched = set(INDEX_OBJECTS) | index_names
    # Variables and parameters holding index objects (not flow-sensitive: a name once bound to
    # one is watched everywhere in the file, which errs on the side of checking more).
    for _ in range(3):  # a few rounds so `s = lib.searcher()` after `lib = Library()` counts
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and _label(node.value) in watched:
                watched.update(_label(t) or "" for t in node.targets)
            elif isinstance(node, ast.AnnAssign) and _names_in(node.annotation) & index_names:
                watched.add(_label(node.target) or "")
            elif isinstance(node, ast.arg) and _names_in(node.annotation) & index_names:
                watched.add(node.arg)

    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            owner = _label(node.value)
            if owner in watched and _private(node.attr):
                report(node, f"{owner}.{node.attr}")
            elif owner == "searcher" and node.attr in SEARCHER_INTERNALS:
                report(node, f"searcher.{node.attr} (engine internals)")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("getattr", "setattr", "hasattr")
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)
            and _private(node.args[1].value)
            and _label(node.args[0]) in watched
        ):
            report(node, f"{node.func.id}(..., {node.args[1].value!r})")
    return [message for _, _, message in sorted(found)]


def test_bot_uses_only_public_names_of_index():
    files = sorted((REPO / "bot").rglob("*.py"))
    assert REPO / "bot" / "answer.py" in files and REPO / "bot" / "cogs" / "admin.py" in files
    found = [
        v
        for path in files
        for v in violations(path.read_text(encoding="utf-8"), str(path.relative_to(REPO)))
    ]
    assert found == []


def test_the_check_finds_each_kind_of_private_use():
    source = """
from typing import TYPE_CHECKING
from index.bm25 import _tokenize
from index.library import Library
import index._secret
if TYPE_CHECKING:
    from index.search import Searcher

def answer(library, s: "Searcher", other):
    library._lock
    self.library._embedder
    library.searcher()._speakers
    lib = Library(settings)
    lib._building
    found = lib.searcher()
    found._speakers
    s._allowed_rows(filters)
    getattr(library, "_lock")
    searcher = library.searcher()
    searcher.bm25.idf(words)
    searcher.embedder.encode(texts)
    other._private  # not from index: fine
    self._own  # the bot's own: fine
    library.__class__  # dunder: fine
    searcher.term_weights(words)  # the public API: fine
"""
    lines = [v.split(": ", 1)[1] for v in violations(source)]
    assert lines == [
        "imports index.bm25._tokenize",
        "private module index._secret",
        "library._lock",
        "library._embedder",
        "searcher._speakers",
        "lib._building",
        "found._speakers",
        "s._allowed_rows",
        "getattr(..., '_lock')",
        "searcher.bm25 (engine internals)",
        "searcher.embedder (engine internals)",
    ]


def test_the_check_would_have_caught_the_old_answer_code():
    # bot/answer.py before Searcher had encode() and term_weights().
    old = "def f(searcher):\n    e = searcher.embedder\n    idf = searcher.bm25.idf(k)\n"
    assert len(violations(old)) == 2
