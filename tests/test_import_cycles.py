"""No import cycles inside index/ and bot/: each module's project imports form a DAG.

Imports inside functions count (they are cycles deferred, not removed); imports under
`if TYPE_CHECKING:` do not, since they never run.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

from tests.conftest import REPO

PACKAGES = ("index", "bot")


def project_modules(root: Path, packages: Iterable[str]) -> dict[str, Path]:
    """Dotted module name -> file, for every module of `packages` under `root`."""
    modules: dict[str, Path] = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = path
    return modules


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imported_names(tree: ast.Module, module: str, is_package: bool) -> list[str]:
    """Every dotted name `module` imports at run time (module level and inside functions)."""
    package = module if is_package else module.rpartition(".")[0]
    names: list[str] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            # `from pkg import name`: name may be a submodule or an attribute of pkg.
            names.extend(f"{base}.{alias.name}" for alias in node.names)
            names.append(base)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return names


def import_graph(modules: Mapping[str, Path]) -> dict[str, set[str]]:
    """module -> the project modules it imports."""
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        targets: set[str] = set()
        names = _imported_names(tree, module, path.name == "__init__.py")
        for name in names:
            # The longest project module the name starts with: `index.search.Filters` is
            # index.search; `from index import search` also names `index`, dropped below
            # when the more specific `index.search` is among the names.
            parts = name.split(".")
            while parts and ".".join(parts) not in modules:
                parts.pop()
            if parts:
                targets.add(".".join(parts))
        # `from pkg import sub` lists both pkg and pkg.sub: keep pkg only if something other
        # than a submodule was imported from it.
        for name in list(targets):
            if any(t.startswith(name + ".") for t in targets) and not any(
                n.rpartition(".")[0] == name and n not in modules for n in names
            ):
                targets.discard(name)
        targets.discard(module)
        graph[module] = targets
    return graph


def find_cycles(graph: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """One cycle (as a path that returns to its start) for each strongly connected component
    with more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def connect(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            connect(v)
    return [_cycle_in(graph, set(c)) for c in components]


def _cycle_in(graph: Mapping[str, Iterable[str]], component: set[str]) -> list[str]:
    """A path inside `component` from its first module back to it."""
    start = min(component)
    paths = [[start]]
    seen = {start}
    while paths:
        path = paths.pop(0)
        for w in sorted(graph.get(path[-1], ())):
            if w == start:
                return [*path, start]
            if w in component and w not in seen:
                seen.add(w)
                paths.append([*path, w])
    raise AssertionError(f"no cycle through {start}")  # pragma: no cover - Tarjan found one


def test_index_and_bot_have_no_import_cycles():
    modules = project_modules(REPO, PACKAGES)
    graph = import_graph(modules)
    # The graph is the real one: module-level, function-level and relative imports are in it.
    assert "index.progress" in graph["index.build"]
    assert "index.progress" in graph["index.library"]
    assert "index.build" in graph["index.library"]  # imported inside Library.build
    assert "bot.answer" in graph["bot.cli"]  # imported inside a command
    assert find_cycles(graph) == []


def test_cycle_check_sees_function_level_imports_and_skips_type_checking(tmp_path: Path):
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from pkg.b import thing\n")
    (pkg / "b.py").write_text("def thing():\n    from . import a\n    return a\n")
    (pkg / "c.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.a import x\n"
    )
    (pkg / "d.py").write_text("import pkg.c\n")
    graph = import_graph(project_modules(tmp_path, ["pkg"]))
    assert graph == {
        "pkg": set(),
        "pkg.a": {"pkg.b"},
        "pkg.b": {"pkg.a"},
        "pkg.c": set(),
        "pkg.d": {"pkg.c"},
    }
    assert find_cycles(graph) == [["pkg.a", "pkg.b", "pkg.a"]]


def test_find_cycles_reports_a_three_module_cycle_and_nothing_for_a_dag():
    assert find_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]
    assert find_cycles({"a": {"b", "c"}, "b": {"c"}, "c": set()}) == []
