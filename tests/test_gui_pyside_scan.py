"""The start skips PySide's private source scan (gui/app.py _skip_pyside_source_scan) only
while that private function has the shape it was written against; these tests fail when a
PySide upgrade changes it, so the replacement is revisited rather than silently lost."""

from __future__ import annotations

import subprocess
import sys
import types

import pytest

from quizapp.gui import app

# In a fresh interpreter: in this one, a window a test opened may have replaced the scan.
PYSIDE_AS_INSTALLED = """
import sys, typing
import PySide6.QtCore
from quizapp.gui import app
feature = sys.modules.get("shibokensupport.feature")
assert feature is not None, "PySide no longer has shibokensupport.feature"
scan = app._pyside_scan(feature)
assert scan is not None, "PySide's _mod_uses_pyside is gone or takes other arguments"
assert scan(typing) in (False, 0), "it no longer answers for a module by itself"
app._skip_pyside_source_scan()
assert app._pyside_scan_skipped and feature._mod_uses_pyside is not scan
"""


def test_the_installed_pyside_still_has_the_scan_it_replaces():
    done = subprocess.run([sys.executable, "-c", PYSIDE_AS_INSTALLED], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def _fake_feature(scan) -> types.ModuleType:
    feature = types.ModuleType("shibokensupport.feature")
    feature._mod_uses_pyside = scan  # type: ignore[attr-defined]
    return feature


@pytest.fixture
def fresh(monkeypatch):
    monkeypatch.setattr(app, "_pyside_scan_skipped", False)

    def install(feature: types.ModuleType | None) -> None:
        if feature is None:
            monkeypatch.delitem(sys.modules, "shibokensupport.feature", raising=False)
        else:
            monkeypatch.setitem(sys.modules, "shibokensupport.feature", feature)
    return install


def test_quizapp_and_the_standard_library_are_answered_without_the_scan(fresh):
    scanned: list[str] = []

    def scan(module):
        scanned.append(module.__name__)
        return True

    feature = _fake_feature(scan)
    fresh(feature)
    app._skip_pyside_source_scan()
    replaced = feature._mod_uses_pyside
    assert replaced is not scan and app._pyside_scan_skipped
    assert replaced(sys.modules["quizapp.gui.app"]) is True
    assert replaced(sys.modules["typing"]) is False
    assert replaced(sys.modules["pytest"]) is True  # anything else: PySide's own scan
    assert scanned == ["pytest"]


def _two(module, extra):
    return True


def _many(*args):
    return True


def _named(module, *, cached=False):
    return True


@pytest.mark.parametrize("scan", [_two, _many, _named, len, "not a function"])
def test_a_scan_of_another_shape_is_left_alone(fresh, scan):
    feature = _fake_feature(scan)
    fresh(feature)
    app._skip_pyside_source_scan()
    assert feature._mod_uses_pyside is scan
    assert not app._pyside_scan_skipped


def test_no_scan_at_all_is_left_alone(fresh):
    fresh(types.ModuleType("shibokensupport.feature"))
    app._skip_pyside_source_scan()
    fresh(None)
    app._skip_pyside_source_scan()
    assert not app._pyside_scan_skipped
