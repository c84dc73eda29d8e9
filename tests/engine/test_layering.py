"""The layers of `engine/` and the rules between them, read from the source (every import, also the
ones inside functions: a late import is still a dependency).

    foundation  engine.errors, engine.clock, engine.db, engine.models, engine.config, engine.migrations
    runtime     engine.runtime.*   (the BPMN runtime any office could use)
    office      engine.office.*    (the TE Office's domain)
    facade      engine.core, engine (the package)
    demo        engine.demo.*      (demo data)
    cli         engine.cli         (the command line; the web app only inside the web commands)
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FOUNDATION = {"engine.errors", "engine.clock", "engine.db", "engine.models", "engine.config"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules(root: str) -> dict[str, Path]:
    return {_module_name(p): p for p in sorted((ROOT / root).rglob("*.py"))}


def _resolve(name: str, known: dict[str, Path]) -> str | None:
    """The longest known module that `name` (a module or a module.attribute) lies in."""
    while name:
        if name in known:
            return name
        name = name.rpartition(".")[0]
    return None


def _imports(module: str, path: Path, known: dict[str, Path]) -> set[str]:
    """Every project module that `module` imports, anywhere in its source (TYPE_CHECKING blocks too)."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - (node.level - 1)]
                base = ".".join(parts + ([base] if base else []))
            # `from package import module` depends on that module; `from module import name` on the module
            names = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
        for name in names:
            target = _resolve(name, known)
            if target and target != module:
                found.add(target)
    return found


def _graph() -> dict[str, set[str]]:
    known = _modules("engine") | _modules("webui") | _modules("bench")
    return {m: _imports(m, p, known) for m, p in known.items()}


def _layer(module: str) -> str:
    if module in FOUNDATION or module.startswith("engine.migrations"):
        return "foundation"
    for prefix in ("engine.runtime", "engine.office", "engine.demo"):
        if module == prefix or module.startswith(prefix + "."):
            return prefix.split(".")[1]
    if module in ("engine", "engine.core"):
        return "facade"
    if module == "engine.cli":
        return "cli"
    return module.split(".")[0]          # webui, bench


# What each layer may import, besides itself.
ALLOWED = {
    "foundation": {"foundation"},
    "runtime": {"foundation"},
    "office": {"foundation", "runtime"},
    "facade": {"foundation", "runtime", "office"},
    "demo": {"foundation", "runtime", "office", "facade"},
    "cli": {"foundation", "runtime", "office", "facade", "demo", "webui", "bench"},
    "webui": {"foundation", "runtime", "office", "facade"},
    "bench": {"foundation", "runtime", "office", "facade", "demo"},   # drives forms with the demo's autofill
}


def layer_violations(graph: dict[str, set[str]]) -> list[str]:
    out = []
    for module, targets in sorted(graph.items()):
        layer = _layer(module)
        for target in sorted(targets):
            other = _layer(target)
            if other != layer and other not in ALLOWED[layer]:
                out.append(f"{module} ({layer}) imports {target} ({other})")
    return out


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), as sorted lists. The package
    `engine` itself is left out: it only re-exports the facade, and Python runs a package's
    `__init__` before any of its modules, so counting that edge would make every module a cycle."""
    edges = {m: {t for t in ts if t != "engine"} for m, ts in graph.items() if m != "engine"}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in edges.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return cycles


def test_layers_import_only_downwards() -> None:
    assert layer_violations(_graph()) == []


def test_no_import_cycles() -> None:
    assert import_cycles(_graph()) == []


def test_demo_data_is_imported_only_by_the_command_line_and_the_bench() -> None:
    graph = _graph()
    importers = {m for m, targets in graph.items() for t in targets
                 if _layer(t) == "demo" and _layer(m) != "demo"}
    assert importers == {"engine.cli", "bench.engine_figures"}


@pytest.mark.parametrize(("module", "target", "expected"), [
    ("engine.runtime.instances", "engine.office.reminders", "engine.runtime.instances (runtime) imports "
                                                            "engine.office.reminders (office)"),
    ("engine.runtime.tasks", "engine.demo.seed", "engine.runtime.tasks (runtime) imports engine.demo.seed (demo)"),
    ("engine.office.crm", "engine.core", "engine.office.crm (office) imports engine.core (facade)"),
    ("webui.tasks", "engine.demo.seed", "webui.tasks (webui) imports engine.demo.seed (demo)"),
])
def test_the_rules_catch_a_wrong_import(module: str, target: str, expected: str) -> None:
    graph = _graph()
    graph[module] = graph[module] | {target}
    assert expected in layer_violations(graph)


def test_the_cycle_check_catches_a_late_import() -> None:
    graph = _graph()
    # portfolios starts instances; an instance module importing portfolios back (even inside a
    # function, as hand-overs once did through reminders) closes a circle.
    graph["engine.runtime.instances"] = graph["engine.runtime.instances"] | {"engine.office.portfolios"}
    assert any({"engine.runtime.instances", "engine.office.portfolios"} <= set(c) for c in import_cycles(graph))


def test_imports_inside_functions_are_seen() -> None:
    graph = _graph()
    assert "webui" in graph["engine.cli"]                 # `serve` imports the web app inside the command
    assert "engine.demo.seed" in graph["engine.cli"]


def test_engine_does_not_import_flask() -> None:
    code = ("import sys, engine, engine.core, engine.cli, engine.runtime.tasks, engine.office.crm, engine.demo.seed; "
            "print('flask' in sys.modules, 'webui' in sys.modules, 'werkzeug' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False", "False"]


def test_passwords_are_scrypt_and_readable_by_werkzeug() -> None:
    from werkzeug.security import check_password_hash, generate_password_hash

    from engine.runtime.passwords import check_password, hash_password

    ours = hash_password("salasana-1-kokeilu")
    assert ours.startswith("scrypt:") and "salasana-1-kokeilu" not in ours
    assert check_password(ours, "salasana-1-kokeilu") and not check_password(ours, "salasana-2-kokeilu")
    assert check_password_hash(ours, "salasana-1-kokeilu")                         # same format both ways
    assert check_password(generate_password_hash("salasana-1-kokeilu", method="scrypt"), "salasana-1-kokeilu")
    assert not check_password("pbkdf2:sha256:1$x$y", "x") and not check_password("garbage", "x")
