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
