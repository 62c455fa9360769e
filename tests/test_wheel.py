"""The wheel holds the whole bot: installed from it alone, `newsbot --help` runs and every Discord
extension the bot loads in `setup_hook` loads (a hand-written package list once left out
subpackages such as `bot.cogs`, so `pip install .` gave a bot that could not start).

Slow (it builds and installs the wheel, about half a minute) but it runs in CI like every test.
"""

from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow

# Never copied into the build: generated, cached or version-control files, and the data.
NOT_SOURCES = {".git", ".venv", "build", "dist", "data", "__pycache__"}

# Run in the installed copy: the console script `newsbot` from the wheel's own metadata.
HELP = """
import sys
from importlib.metadata import distributions

(dist,) = [d for d in distributions(path=[sys.argv[1]]) if d.metadata["Name"] == "newsbot"]
(script,) = [e for e in dist.entry_points if e.group == "console_scripts" and e.name == "newsbot"]
sys.argv = ["newsbot", "--help"]
sys.exit(script.load()())
"""

# Run in the installed copy: every extension of setup_hook, loaded as discord.py loads it.
EXTENSIONS = """
import asyncio, json, sys

from bot.discord_bot import EXTENSIONS, create_bot
from bot.settings import parse_settings


class Unused:
    "The cogs only keep the library and the answerer; loading them asks nothing."


async def load():
    bot = create_bot(parse_settings({}), Unused(), Unused())
    for name in EXTENSIONS:
        await bot.load_extension(name)
    files = {  # before close(), which unloads the extensions
        name: getattr(module, "__file__", None)
        for name, module in sys.modules.items()
        if name.split(".")[0] in ("bot", "index")
    }
    loaded = {"expected": list(EXTENSIONS), "extensions": sorted(bot.extensions)}
    loaded |= {"cogs": sorted(bot.cogs), "files": files}
    await bot.close()
    return loaded


print(json.dumps(asyncio.run(load())))
"""


def _ignore(directory: str, names: list[str]) -> set[str]:
    return {n for n in names if n in NOT_SOURCES or n.endswith((".egg-info", "_cache"))}


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from a copy of the checkout (so no build/ or stale files land in it),
    installed on its own into a directory; the test venv supplies the dependencies."""
    tmp = tmp_path_factory.mktemp("wheel")
    source, wheels, target = tmp / "source", tmp / "wheels", tmp / "installed"
    shutil.copytree(REPO, source, ignore=_ignore)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet"]
    offline = ["--no-deps", "--no-index"]
    _run([*pip, "wheel", *offline, "--no-build-isolation", "-w", str(wheels), str(source)])
    (wheel,) = wheels.glob("newsbot-*.whl")
    _run([*pip, "install", *offline, "--target", str(target), str(wheel)])
    return target


def _run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"{command[3:5]} failed:\n{done.stdout}{done.stderr}"


def _run_installed(target: Path, code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Python on the installed copy alone: the checkout must not be importable.

    `-S` skips site-packages' .pth files, which is where an editable install of the checkout
    (as `make setup` makes) hooks itself in; the venv's site-packages still supply the
    dependencies, after the installed copy on the path.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "NEWSBOT_"))}
    env["PYTHONPATH"] = os.pathsep.join([str(target), *site.getsitepackages()])
    env["HF_HUB_OFFLINE"] = env["TRANSFORMERS_OFFLINE"] = "1"
    return subprocess.run(
        [sys.executable, "-S", "-c", code, str(target)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_installed_wheel_runs_newsbot_help(installed: Path, tmp_path: Path) -> None:
    done = _run_installed(installed, HELP, tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    for command in ("index", "search", "ask", "chat", "run", "stats"):
        assert command in done.stdout


def test_installed_wheel_loads_every_discord_extension(installed: Path, tmp_path: Path) -> None:
    done = _run_installed(installed, EXTENSIONS, tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert loaded["extensions"] == sorted(loaded["expected"]) and loaded["expected"]
    assert loaded["cogs"]
    files = loaded["files"]
    assert set(loaded["expected"]) <= set(files)
    outside = {name: file for name, file in files.items() if not _inside(file, installed)}
    assert outside == {}, "imported from outside the installed wheel"


def test_installed_wheel_holds_every_module_of_the_checkout(installed: Path) -> None:
    def modules(root: Path) -> set[str]:
        return {
            p.relative_to(root).as_posix()
            for package in ("bot", "index")
            for p in (root / package).rglob("*.py")
        }

    assert modules(REPO) - modules(installed) == set()


def _inside(file: str | None, directory: Path) -> bool:
    return file is not None and Path(file).resolve().is_relative_to(directory.resolve())
