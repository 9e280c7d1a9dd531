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
