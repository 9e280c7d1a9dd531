"""The headless core must stay headless: no Qt anywhere in quizapp/core."""

import ast
import subprocess
import sys
from pathlib import Path

import quizapp.core

CORE = Path(quizapp.core.__file__).parent


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_sources_never_import_qt():
    offenders = {
        str(path.relative_to(CORE)): sorted(m for m in _imported_modules(path) if m.startswith("PySide6"))
        for path in CORE.rglob("*.py")
    }
    offenders = {k: v for k, v in offenders.items() if v}
    assert offenders == {}


def test_importing_every_core_module_loads_no_qt():
    modules = sorted(
        "quizapp.core." + ".".join(p.relative_to(CORE).with_suffix("").parts)
        for p in CORE.rglob("*.py")
        if p.name != "__init__.py"
    )
    assert modules, "the core has modules"
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print(sorted(k for k in sys.modules if k.startswith('PySide6')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def _sources(package: str) -> list[Path]:
    return sorted((CORE.parent / package).rglob("*.py"))


def test_formats_and_rendering_never_import_screens():
    """interop (files) and rendering (documents, pictures) work without any screen: they
    never import quizapp.gui, and rendering uses Qt's GUI module but no widgets."""
    offenders = {}
    for package in ("interop", "rendering", "commands"):
        for path in _sources(package):
            bad = sorted(
                m
                for m in _imported_modules(path)
                if m.startswith("quizapp.gui") or m.startswith("PySide6.QtWidgets")
            )
            if bad:
                offenders[f"{package}/{path.name}"] = bad
    assert _sources("interop") and _sources("rendering")
    assert offenders == {}


def test_authoring_never_imports_qt():
    import quizapp.authoring

    folder = Path(quizapp.authoring.__file__).parent
    offenders = {
        path.name: sorted(m for m in _imported_modules(path) if m.startswith("PySide6"))
        for path in folder.rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_every_package_is_listed_for_the_wheel():
    """pyproject lists packages by name: a new sub-package left out works from a checkout
    but is missing from an installed app."""
    import tomllib

    root = CORE.parent
    config = tomllib.loads((root.parent / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(("quizapp", *p.parent.relative_to(root).parts))
        for p in root.rglob("__init__.py")
    }
    assert found - listed == set()


def test_the_class_server_package_imports_neither_qt_nor_screens():
    # quizapp.server runs on the sync thread and in `quizapp sync`: no widgets there.
    import quizapp.server

    server = Path(quizapp.server.__file__).parent
    offenders = {
        path.name: sorted(
            m for m in _imported_modules(path) if m.startswith(("PySide6", "quizapp.gui"))
        )
        for path in server.rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}
    assert len(offenders) >= 6


def _module_name(path: Path) -> str:
    parts = path.relative_to(CORE.parent.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _import_graph() -> dict[str, set[str]]:
    """quizapp's modules -> the quizapp modules each imports, at the top or inside a
    function (a lazy import still makes a circle), by ast."""
    paths = {_module_name(p): p for p in (CORE.parent).rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name in paths)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parent = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                    base = ".".join([*parent, *([node.module] if node.module else [])])
                for alias in node.names:
                    if f"{base}.{alias.name}" in paths:  # a submodule
                        found.add(f"{base}.{alias.name}")
                    elif base in paths:
                        found.add(base)
        found.discard(name)
        graph[name] = found
    return graph


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return groups


def test_the_cycle_finder_finds_a_circle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _circles(graph) == [["a", "b", "c"]]
    assert _circles({"a": {"b"}, "b": set()}) == []


def test_no_import_circles_in_quizapp():
    """No module of quizapp imports (even lazily, inside a function) a module that imports
    it back, directly or through others. A package's __init__ re-exporting its modules is
    not a circle: `from quizapp.core.store.schema import X` depends on schema alone."""
    graph = _import_graph()
    assert "quizapp.core.store.facade" in graph["quizapp.core.store"]
    assert "quizapp.core.store.schema" in graph["quizapp.core.migrations"]
    assert _circles(graph) == []


TESTS = Path(__file__).resolve().parent


def _test_modules_imported(tree: ast.AST) -> set[str]:
    """The test modules (test_*) that code imports, at any depth and in any spelling:
    `import test_x`, `from test_x import y`, `from tests.test_x import y`, `from tests import test_x`."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules = [node.module]
            if node.module == "tests":  # from tests import test_x
                modules += [f"tests.{alias.name}" for alias in node.names]
        else:
            continue
        found.update(m for m in modules if m.split(".")[-1].startswith("test_"))
    return found


def test_the_test_import_finder_finds_every_spelling():
    code = (
        "import test_a\nfrom test_b import x\nfrom tests.test_c import y\nfrom tests import test_d\n"
        "def f():\n    from test_e import z\n"
        "from helpers import test_like_helper_name_is_not_a_module\nimport helpers\n"
    )
    found = {m.split(".")[-1] for m in _test_modules_imported(ast.parse(code))}
    assert found == {"test_a", "test_b", "test_c", "test_d", "test_e"}


def test_no_test_module_imports_another_test_module():
    # Shared samples and helpers live in tests/helpers.py, bank_samples.py, store_samples.py
    # and gui_helpers.py; shared fixtures in conftest.py and shared_fixtures.py. A test module
    # importing another ties the two together (and as `tests.test_x` runs its module-level
    # code a second time), so no file in tests/, test or helper, may import a test module.
    sources = sorted(TESTS.glob("*.py"))
    assert any(p.name.startswith("test_") for p in sources)
    offenders = {
        path.name: sorted(found)
        for path in sources
        if (found := _test_modules_imported(ast.parse(path.read_text(encoding="utf-8"))))
    }
    assert offenders == {}


def test_the_store_is_the_only_core_package_with_sql():
    """quizapp/core/store (and the migrations, which only it runs) hold every statement on
    the store's databases: no other core module executes SQL or opens a SQLite database."""
    allowed = {"migrations.py"}
    offenders = {}
    for path in CORE.rglob("*.py"):
        relative = path.relative_to(CORE)
        if relative.parts[0] == "store" or str(relative) in allowed:
            continue
        calls = sorted(
            node.func.attr
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr in {"execute", "executemany", "executescript", "connect"}
        )
        if calls:
            offenders[str(relative)] = calls
    assert offenders == {}
