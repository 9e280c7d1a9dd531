"""File > Import into a file whose name gives the id of a bank already in the library
(found by a tester): real.xml imported as other/real.yaml took the id 'real' of the
library's real.yaml, and both banks became "cannot be studied" (the one learners were
studying too) until someone edited an id. The new bank takes a free id instead, and the
warnings (and the bank file's comment) say so."""

from __future__ import annotations

from pathlib import Path

from gui_helpers import shown_library_window as shown_window
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

GIFT = ("::capital-fr:: The capital of France is {=Paris ~London ~Rome}\n\n"
        "::capital-jp:: The capital of Japan is {=Tokyo ~Osaka ~Kyoto}\n")
BANK = ("title: Capitals\nquestions:\n  - id: rome\n    type: true_false\n"
        "    prompt: Rome is the capital of Italy.\n    answer: true\n")


def test_an_import_named_as_a_bank_of_the_library_takes_a_free_id(
        qtbot, open_library_window, tmp_path, monkeypatch):
    win = shown_window(qtbot, open_library_window, tmp_path)
    studied = tmp_path / "banks" / "capitals.yaml"  # its id is its name: 'capitals'
    studied.write_text(BANK, encoding="utf-8")
    with qtbot.waitSignal(win.context.library.library_loaded, timeout=30000):
        win.context.library.reload()
    source = tmp_path / "capitals.gift"
    source.write_text(GIFT, encoding="utf-8")
    target = tmp_path / "imported" / "capitals.yaml"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: boxes.append(a[2]))
    boxes: list[str] = []
    shown: list[tuple[str, list[str]]] = []
    monkeypatch.setattr(win, "_show_warnings", lambda title, w: shown.append((title, w)))

    import threading

    from quizapp.gui.editor import checker

    looked_on: list[str] = []  # the threads the library's ids were looked for on
    others = checker.library_others
    monkeypatch.setattr(checker, "library_others", lambda *a: looked_on.append(
        threading.current_thread().name) or others(*a))
    with qtbot.waitSignal(win.context.library.library_loaded, timeout=30000):
        qtbot.keyClick(win, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)

    assert boxes == []
    # (10,000 banks: 0.2 s of paths made real and headers read, once on the GUI thread)
    assert looked_on and threading.main_thread().name not in looked_on
    entries = {Path(e.path).resolve(): e for e in win.context.library.entries}
    old, new = entries[studied.resolve()], entries[target.resolve()]
    assert old.bank is not None and old.bank.id == "capitals"  # still studied
    assert new.bank is not None and new.bank.id == "capitals-2", new.problems
    note = (f"the id 'capitals' is the id of the bank {studied} already, so this bank's id "
            "is 'capitals-2' (set 'id:' to choose another)")
    assert shown == [("Imported 2 questions from capitals.gift, with 1 warning", [note])]
    assert f"#   {note}\n" in target.read_text(encoding="utf-8")
