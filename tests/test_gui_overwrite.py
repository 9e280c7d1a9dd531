"""File > Import and File > Export never replace a teacher's file without asking, and never
write over the file they read (found by a tester)."""

from __future__ import annotations

import pytest
from gui_helpers import shown_library_window as shown_window
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

GIFT = "::capital-fr:: The capital of France is {=Paris ~London ~Rome}\n"
HAND_WRITTEN = "# written by hand\ntitle: Mine\nquestions:\n  - id: q\n    type: true_false\n" \
               "    prompt: P\n    answer: true\n"


def answer_questions(monkeypatch, answer) -> list[str]:
    asked: list[str] = []

    def question(parent, title, text, *args):
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


@pytest.mark.parametrize("replace", [False, True])
def test_import_asks_before_replacing_the_bank_named_without_its_suffix(
        qtbot, open_library_window, tmp_path, monkeypatch, replace):
    source = tmp_path / "capitals.gift"
    source.write_text(GIFT, encoding="utf-8")
    mine = tmp_path / "mybank.yaml"
    mine.write_text(HAND_WRITTEN, encoding="utf-8")
    win = shown_window(qtbot, open_library_window, tmp_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    # The teacher types "mybank": the dialog asked about "mybank", not "mybank.yaml".
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "mybank"), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: pytest.fail(f"warning: {a[2]}"))
    buttons = QMessageBox.StandardButton
    asked = answer_questions(monkeypatch, buttons.Yes if replace else buttons.No)
    qtbot.keyClick(win, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(asked), timeout=10000)
    assert asked == [f"mybank.yaml already exists in {tmp_path}.\nReplace it?"]
    if replace:
        qtbot.waitUntil(lambda: "capital-fr" in mine.read_text(encoding="utf-8"), timeout=10000)
    else:
        qtbot.waitUntil(lambda: not win._import_under_way, timeout=10000)
        assert mine.read_text(encoding="utf-8") == HAND_WRITTEN


def test_export_refuses_the_banks_own_file_and_asks_before_replacing_another(
        qtbot, open_library_window, tmp_path, monkeypatch):
    banks = tmp_path / "banks"
    banks.mkdir()
    mine = banks / "mine.yaml"
    mine.write_text(HAND_WRITTEN, encoding="utf-8")
    win = open_library_window(banks)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    tree = win.library_screen.tree
    rows = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    tree.setCurrentItem(next(r for r in rows if r.text(0) == "Mine"))
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    asked = answer_questions(monkeypatch, QMessageBox.StandardButton.No)
    # The bank's own file, named without its suffix and the YAML filter chosen
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(banks / "mine"), "YAML bank (*.yaml)"))
    qtbot.keyClick(win, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert warned == [f"{mine} is the file being read; choose another name."]
    assert mine.read_text(encoding="utf-8") == HAND_WRITTEN
    # Another teacher's file of that name, in GIFT
    theirs = tmp_path / "quiz.gift"
    theirs.write_text("// my own GIFT\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "quiz"), "GIFT (*.gift)"))
    qtbot.keyClick(win, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert asked == [f"quiz.gift already exists in {tmp_path}.\nReplace it?"]
    assert theirs.read_text(encoding="utf-8") == "// my own GIFT\n"


@pytest.mark.parametrize("bank_exists", [False, True])
def test_import_typing_the_source_name_asks_about_the_yaml_written(
        qtbot, open_library_window, tmp_path, monkeypatch, bank_exists):
    """The real save dialog: the teacher types 'teacher.gift', the name of the file imported.
    The dialog must not ask 'teacher.gift already exists' (that file is not written);
    teacher.gift.yaml is written, and only when it exists is the teacher asked about it."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLineEdit

    source = tmp_path / "teacher.gift"
    source.write_text(GIFT, encoding="utf-8")
    written = tmp_path / "teacher.gift.yaml"
    if bank_exists:
        written.write_text(HAND_WRITTEN, encoding="utf-8")
    win = shown_window(qtbot, open_library_window, tmp_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    asked = answer_questions(monkeypatch, QMessageBox.StandardButton.Yes)  # the app's own
    dialogs_asked: list[str] = []  # what a dialog Qt opens by itself asked
    typed: list[QFileDialog] = []

    def drive() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QMessageBox):  # the file dialog's own "Replace?"
            dialogs_asked.append(modal.text())
            modal.reject()
        elif isinstance(modal, QFileDialog):
            if dialogs_asked:  # it asked: give up the dialog, the import is cancelled
                modal.reject()
            elif not typed:
                typed.append(modal)
                name = modal.findChild(QLineEdit, "fileNameEdit")
                name.setText(source.name)  # typed as the teacher typed it
                # pressed after this tick: a dialog it opens is then seen by the next one
                QTimer.singleShot(0, lambda: qtbot.keyClick(name, Qt.Key.Key_Return))

    timer = QTimer()
    timer.timeout.connect(drive)
    timer.start(50)
    try:
        qtbot.keyClick(win, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: not win._import_under_way, timeout=15000)
    finally:
        timer.stop()
    assert dialogs_asked == [], win.statusBar().currentMessage()
    assert asked == ([f"teacher.gift.yaml already exists in {tmp_path}.\nReplace it?"]
                     if bank_exists else [])
    assert "capital-fr" in written.read_text(encoding="utf-8")
    assert source.read_text(encoding="utf-8") == GIFT


@pytest.mark.parametrize(("typed", "written", "starts"), [
    ("m1gui.apkg", "m1gui.apkg", b"PK"),  # a known ending picks its format
    ("m1gui", "m1gui.gift", b"// "),  # none: the selected filter's
    ("m1.v2", "m1.v2.gift", b"// "),  # an unknown ending: the selected filter's too
])
def test_export_writes_the_format_of_the_ending_typed(
        qtbot, open_library_window, tmp_path, monkeypatch, typed, written, starts):
    """The real save dialog, GIFT selected, the teacher types 'm1gui.apkg': an Anki deck
    named m1gui.apkg is written, not GIFT in 'm1gui.apkg.gift' (found by a tester)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

    banks = tmp_path / "banks"
    banks.mkdir()
    (banks / "mine.yaml").write_text(HAND_WRITTEN, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    win = open_library_window(banks)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    win.context.settings.setValue("dialogs/last_dir", str(out))
    tree = win.library_screen.tree
    rows = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    tree.setCurrentItem(next(r for r in rows if r.text(0) == "Mine"))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: pytest.fail(f"warning: {a[2]}"))
    shown: list[QFileDialog] = []

    def drive() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QFileDialog) and not shown:
            shown.append(modal)
            kinds = modal.findChild(QComboBox, "fileTypeCombo")
            kinds.setCurrentIndex(kinds.findText("GIFT (*.gift)"))
            name = modal.findChild(QLineEdit, "fileNameEdit")
            name.setText(typed)
            QTimer.singleShot(0, lambda: qtbot.keyClick(name, Qt.Key.Key_Return))

    timer = QTimer()
    timer.timeout.connect(drive)
    timer.start(50)
    try:
        qtbot.keyClick(win, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    finally:
        timer.stop()
    assert shown
    # written on the export's worker thread: done when the status bar says so
    qtbot.waitUntil(lambda: win.statusBar().currentMessage().startswith("Exported "), timeout=30000)
    assert sorted(p.name for p in out.iterdir()) == [written]
    assert (out / written).read_bytes().startswith(starts)
