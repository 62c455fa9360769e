"""index/ is the engine: it must never import bot/ or discord.py (DESIGN.md's one direction)."""

import ast
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

from tests.conftest import REPO


def test_importing_every_index_module_loads_neither_bot_nor_discord():
    modules = sorted(
        ".".join(p.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__")
        for p in (REPO / "index").rglob("*.py")
    )
    assert {
        "index.library",
        "index.search",
        "index.quotes.extraction",
        "index.ingest.feeds",
    } <= set(modules)
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('bot', 'discord'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=300
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == ""


def test_no_index_source_mentions_the_bot_package():
    for path in Path(REPO / "index").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "from bot" not in text and "import discord" not in text, path.relative_to(REPO)


def _code_words(source: str) -> list[str]:
    """Identifiers and string constants of a module, docstrings left out."""
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
        and isinstance(node.body[0].value.value, str)
    }
    named = (ast.alias, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    words: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            words.append(node.id)
        elif isinstance(node, ast.Attribute):
            words.append(node.attr)
        elif isinstance(node, ast.arg):
            words.append(node.arg)
        elif isinstance(node, named):
            words.append(node.name)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            words.extend([] if id(node) in docstrings else [node.value])
    return words


def test_the_code_word_check_sees_names_and_strings_but_not_docstrings():
    source = '"""Not Discord."""\nimport discord\nx = "[discord].channels"\n'
    assert sorted(_code_words(source)) == ["[discord].channels", "discord", "x"]


def test_no_index_source_names_discord():
    # Not even a config type or a key: index/ does not know Discord exists. (A docstring may
    # say what index/ does not do.)
    for path in Path(REPO / "index").rglob("*.py"):
        words = _code_words(path.read_text(encoding="utf-8"))
        assert not [w for w in words if "discord" in w.lower()], path.name
    assert "discord" not in (REPO / "index" / "config.py").read_text(encoding="utf-8").lower()


def test_the_engine_settings_hold_only_the_engines_sections():
    from index.config import Settings

    sections = {f.name for f in fields(Settings)} - {"base_dir"}
    assert sections == {
        "data", "corpus", "ingest", "embedding", "chunking", "index", "search", "feeds", "sources"
    }  # fmt: skip
