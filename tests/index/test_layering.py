"""index/ is the engine: it must never import bot/ or discord.py (DESIGN.md's one direction)."""

import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO


def test_importing_every_index_module_loads_neither_bot_nor_discord():
    modules = sorted(
        ".".join(p.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__")
        for p in (REPO / "index").rglob("*.py")
    )
    assert {"index.library", "index.search", "index.quotes.extraction"} <= set(modules)
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
        assert "from bot" not in text and "import discord" not in text, path.name
