"""Qt passes its signals' incidental arguments (clicked's `checked`, an index, a text) to a
slot that can take them: a slot with an optional parameter then gets `False` as, say, a
file name. This scans every `.connect(...)` in quizapp/gui and clicks the real button
that had the bug."""

from __future__ import annotations

import ast
import csv
from pathlib import Path

from gui_helpers import open_teacher_screen as open_screen
from PySide6.QtCore import Qt

import quizapp.gui

GUI = Path(quizapp.gui.__file__).parent


def _sources() -> dict[str, ast.Module]:
    return {p.name: ast.parse(p.read_text(encoding="utf-8")) for p in sorted(GUI.glob("*.py"))}


def _methods_with_optional_parameters(trees) -> dict[str, list[str]]:
    """Method name -> 'file:Class' for every gui method with a defaulted parameter."""
    found: dict[str, list[str]] = {}
    for name, tree in trees.items():
        for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
            for fn in cls.body:
                if isinstance(fn, ast.FunctionDef) and (fn.args.defaults or fn.args.kw_defaults):
                    # *args swallows what the signal sends, on purpose.
                    if fn.args.vararg is None and fn.name != "__init__":
                        found.setdefault(fn.name, []).append(f"{name}:{cls.name}")
    return found


def _own_signals(trees) -> set[str]:
    """Signals quizapp declares: their arguments are meant for the slot."""
    names = set()
    for tree in trees.values():
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Assign)
                and isinstance(node.value, ast.Call)
                and getattr(node.value.func, "id", None) == "Signal"
            ):
                names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return names


def _slot_expressions(tree: ast.Module, connect: ast.Call) -> list[ast.expr]:
    """What a connect() call connects, following a name to the values it is given: a
    parameter of the enclosing function (each call's argument) or a for-loop target."""
    slot = connect.args[0]
    if not isinstance(slot, ast.Name):
        return [slot]
    for fn in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):
        if connect not in list(ast.walk(fn)):
            continue
        params = [a.arg for a in fn.args.args]
        if slot.id in params:
            index = params.index(slot.id) - (1 if params[0] == "self" else 0)
            values = []
            for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
                callee = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(
                    call.func, "id", None
                )
                if callee != fn.name:
                    continue
                values += [k.value for k in call.keywords if k.arg == slot.id]
                if len(call.args) > index:
                    values.append(call.args[index])
            return values
        for loop in (n for n in ast.walk(fn) if isinstance(n, ast.For)):
            if isinstance(loop.target, ast.Tuple) and isinstance(loop.iter, ast.Tuple | ast.List):
                names = [getattr(t, "id", None) for t in loop.target.elts]
                if slot.id in names:
                    position = names.index(slot.id)
                    return [item.elts[position] for item in loop.iter.elts]
    return [slot]


def connected_slots():
    """(file, line, signal name, slot source, method name or None) for every connect()."""
    trees = _sources()
    for name, tree in trees.items():
        for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
            func = call.func
            if not (isinstance(func, ast.Attribute) and func.attr == "connect" and call.args):
                continue
            signal = func.value.attr if isinstance(func.value, ast.Attribute) else ""
            for slot in _slot_expressions(tree, call):
                method = slot.attr if isinstance(slot, ast.Attribute) else None
                yield name, call.lineno, signal, ast.unparse(slot), method


def test_the_scan_finds_the_connections():
    found = list(connected_slots())
    assert len(found) > 60
    slots = {s[3] for s in found}
    # followed through _action(..., slot, ...) and `for keys, slot in (...)`
    assert "self.add_folder" in slots and "self.rename_selected" in slots


def test_no_qt_signal_feeds_an_optional_parameter():
    trees = _sources()
    optional = _methods_with_optional_parameters(trees)
    own = _own_signals(trees)
    bad = [
        f"{file}:{line}: {signal}.connect({slot}) -> {', '.join(optional[method])}"
        for file, line, signal, slot, method in connected_slots()
        if method in optional and signal not in own
    ]
    assert not bad, "connect a no-argument slot or a lambda instead:\n" + "\n".join(bad)


def test_the_scan_catches_the_bug_it_is_for(tmp_path):
    tree = ast.parse(
        "class S:\n"
        "    def _build(self):\n"
        "        self.button.clicked.connect(self.export_csv)\n"
        "    def export_csv(self, path=None):\n"
        "        pass\n"
    )
    assert "export_csv" in _methods_with_optional_parameters({"s.py": tree})
    call = next(n for n in ast.walk(tree) if isinstance(n, ast.Call))
    assert ast.unparse(_slot_expressions(tree, call)[0]) == "self.export_csv"


def test_clicking_export_csv_writes_the_file_chosen(qtbot, history, tmp_path, monkeypatch):  # noqa: F811
    screen = open_screen(qtbot, history)
    target = tmp_path / "from the button.csv"
    asked = []

    def choose(*args, **kwargs):
        asked.append(args)
        return str(target), "CSV files (*.csv)"

    monkeypatch.setattr("quizapp.gui.teacher_screen.QFileDialog.getSaveFileName", choose)
    warnings = []
    monkeypatch.setattr(
        "quizapp.gui.teacher_screen.QMessageBox.warning", lambda *a, **k: warnings.append(a)
    )
    with qtbot.waitSignal(screen.csv_exported, timeout=5000) as signal:
        qtbot.mouseClick(screen.export_button, Qt.MouseButton.LeftButton)
    assert asked and not warnings
    assert signal.args == [str(target)]
    with open(target, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][0] == "Learner"
    assert len(rows) - 1 == screen.overview_model.rowCount() > 0
