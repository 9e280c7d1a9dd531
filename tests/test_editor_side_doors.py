"""The bank editor never overwrites a teacher's file by a side door (found by a tester):
saving through a symbolic link writes the linked file, the YAML tab's one-question rule has
no gap, and Save asks before writing over another program's change."""

from __future__ import annotations

import os

import pytest
from editor_helpers import (  # noqa: F401 (leave_without_saving: an autouse fixture)
    leave_without_saving,
    open_window,
    select,
    type_lines,
)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from quizapp.cli import main
from quizapp.core.atomic import atomic_write
from quizapp.core.loader import load_bank
from quizapp.gui.editor import EditorWindow

BANK = ("title: Shared\nquestions:\n  - id: q1\n    type: true_false\n    prompt: First\n"
        "    answer: true\n  - id: q2\n    type: true_false\n    prompt: Second\n"
        "    answer: false\n  - id: q3\n    type: true_false\n    prompt: Third\n"
        "    answer: true\n")


def replace_yaml(qtbot, window: EditorWindow, question_id: str, text: str) -> None:
    """Select the question, and type `text` over its YAML tab."""
    select(window, question_id)
    window.tabs.setCurrentIndex(1)  # YAML
    window.yaml_edit.setFocus()
    window.yaml_edit.selectAll()
    qtbot.keyClick(window.yaml_edit, Qt.Key.Key_Delete)
    type_lines(qtbot, window.yaml_edit, text)


# ------------------------------------------------------------ symbolic links

def test_atomic_write_writes_through_a_symlink_and_keeps_it(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "b.yaml").write_text("old")
    link = tmp_path / "b.yaml"
    link.symlink_to(shared / "b.yaml")
    atomic_write(link, b"new")
    assert link.is_symlink()
    assert (shared / "b.yaml").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.yaml", "shared"]
    assert sorted(p.name for p in shared.iterdir()) == ["b.yaml"]


def test_saving_a_bank_opened_through_a_symlink_edits_the_shared_bank(qtbot, tmp_path):
    shared = tmp_path / "shared" / "b.yaml"
    shared.parent.mkdir()
    shared.write_text(BANK)
    mine = tmp_path / "mybanks"
    mine.mkdir()
    link = mine / "b.yaml"
    link.symlink_to(shared)
    w = open_window(qtbot, link)
    replace_yaml(qtbot, w, "q1", "  - id: q1\n    type: true_false\n    prompt: Edited\n    answer: true")
    qtbot.waitUntil(lambda: "Edited" in w.doc.text)
    qtbot.keyClick(w, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(w.undo_stack.isClean)
    assert link.is_symlink() and os.readlink(link) == str(shared)
    assert "prompt: Edited" in shared.read_text()
    assert [q.prompt for q in load_bank(link, use_cache=False).bank.questions][0] == "Edited"


def test_export_force_onto_a_symlink_writes_the_file_it_points_to(tmp_path):
    source = tmp_path / "bank.yaml"
    source.write_text(BANK)
    real = tmp_path / "shared.gift"
    real.write_text("old")
    link = tmp_path / "out.gift"
    link.symlink_to(real)
    assert main(["export", str(source), "-o", str(link), "--force"]) == 0
    assert link.is_symlink()
    assert "First" in real.read_text()


# ------------------------------------------------------------ the YAML tab's one question

def paste_yaml(qtbot, window: EditorWindow, question_id: str, text: str) -> None:
    """Select the question, and paste `text` (Ctrl+V) over its YAML tab."""
    from PySide6.QtWidgets import QApplication

    select(window, question_id)
    window.tabs.setCurrentIndex(1)  # YAML
    window.yaml_edit.setFocus()
    QApplication.clipboard().setText(text)
    qtbot.keyClick(window.yaml_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.yaml_edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


@pytest.mark.parametrize("pasted", [
    # a line above the dash would join q1 in the file, and q2's row would go blank
    "    explanation: sneaked\n  - id: q2\n    type: true_false\n    prompt: Second\n"
    "    answer: false\n",
    # a NEL is a line break to YAML: a fourth question would come in
    "  - id: q2\n    type: true_false\n    prompt: Second\n    answer: false\x85  - id: q9\n"
    "    type: true_false\n    prompt: Via NEL\n    answer: true\n",
    # so is a line separator: the bank's title would change
    "  - id: q2\n    type: true_false\n    prompt: Second\n    answer: false\u2028title: hijacked\n",
], ids=["line-before-the-dash", "nel", "line-separator"])
def test_the_yaml_tab_refuses_what_is_not_this_one_question(qtbot, tmp_path, pasted):
    bank = tmp_path / "b.yaml"
    bank.write_text(BANK)
    w = open_window(qtbot, bank)
    paste_yaml(qtbot, w, "q2", pasted)
    assert w.yaml_edit.toPlainText().startswith(pasted[:12])  # the paste is in the tab
    qtbot.waitUntil(lambda: w.yaml_tab.refusal.isVisible())
    assert "one question" in w.yaml_tab.refusal.text()
    assert w.doc.text == BANK
    rows = [w.question_list.item(r).text() for r in range(w.question_list.count())]
    assert [row.split(" ")[0] for row in rows][-3:] == ["q1", "q2", "q3"]
    assert rows[-2] == "q2 · true_false — Second"
    qtbot.keyClick(w, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert bank.read_text() == BANK


@pytest.mark.parametrize("brk", ["\x85", "\u2028", "\u2029", "\r"])
def test_holds_one_item_breaks_lines_where_yaml_does(brk):
    from quizapp.authoring.document import holds_one_item

    one = "  - id: q2\n    type: true_false\n    answer: false"
    assert holds_one_item(one, 2)
    assert not holds_one_item(one + brk + "  - id: q9\n    answer: true\n", 2)
    assert not holds_one_item(one + brk + "title: hijacked\n", 2)
    assert not holds_one_item("    explanation: sneaked" + brk + one, 2)


# ------------------------------------------------------------ another program's change

OUTSIDE = BANK.replace("prompt: Third", "prompt: Changed by another program")


def answer_the_box(qtbot, button_text: str | None, seen: list[QMessageBox]) -> None:
    """When the next message box shows, note it, and click its button `button_text` (None:
    press Enter, which takes the default button)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen.append(box)
        if button_text is None:
            qtbot.keyClick(box, Qt.Key.Key_Return)
            return
        button = next(b for b in box.buttons() if b.text().replace("&", "") == button_text)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)


@pytest.mark.parametrize("choice", [None, "Cancel", "Overwrite", "Reload from disk"])
def test_save_asks_before_writing_over_another_programs_change(qtbot, tmp_path, choice):
    bank = tmp_path / "b.yaml"
    bank.write_text(BANK)
    w = open_window(qtbot, bank)
    replace_yaml(qtbot, w, "q1", "  - id: q1\n    type: true_false\n    prompt: Mine\n    answer: true")
    qtbot.waitUntil(lambda: "prompt: Mine" in w.doc.text)
    bank.write_text(OUTSIDE)  # the bar may not show yet: Save must look for itself
    seen: list[QMessageBox] = []
    answer_the_box(qtbot, choice, seen)
    qtbot.keyClick(w, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(seen))
    assert "changed on disk by another program" in seen[0].text()
    assert seen[0].defaultButton().text() == "Cancel"
    if choice == "Overwrite":
        assert "prompt: Mine" in bank.read_text()
        assert "Changed by another program" not in bank.read_text()
        assert w.undo_stack.isClean()
    elif choice == "Reload from disk":
        assert bank.read_text() == OUTSIDE
        assert w.doc.text == OUTSIDE
        w.undo_stack.undo()  # the teacher's version is one step back
        assert "prompt: Mine" in w.doc.text
    else:  # Enter (the default) or Cancel: nothing written, the edit kept
        assert bank.read_text() == OUTSIDE
        assert "prompt: Mine" in w.doc.text and not w.undo_stack.isClean()


@pytest.mark.parametrize("choice", ["Cancel", "Overwrite"])
def test_keep_editing_on_the_bar_then_save_still_asks(qtbot, tmp_path, choice):
    """'Keep editing' is not 'throw their change away': Ctrl+S asks as it does without the bar
    (an outside tester's Ctrl+S wrote over the other program's change without a word)."""
    bank = tmp_path / "b.yaml"
    bank.write_text(BANK)
    w = open_window(qtbot, bank)
    replace_yaml(qtbot, w, "q1", "  - id: q1\n    type: true_false\n    prompt: Mine\n    answer: true")
    qtbot.waitUntil(lambda: "prompt: Mine" in w.doc.text)
    bank.write_text(OUTSIDE)
    qtbot.waitUntil(w.disk_bar.isVisible, timeout=10000)
    qtbot.mouseClick(w.keep_button, Qt.MouseButton.LeftButton)
    assert not w.disk_bar.isVisible()
    seen: list[QMessageBox] = []
    answer_the_box(qtbot, choice, seen)
    qtbot.keyClick(w, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(seen))
    assert "changed on disk by another program" in seen[0].text()
    if choice == "Overwrite":
        assert "prompt: Mine" in bank.read_text()
    else:
        assert bank.read_text() == OUTSIDE


def test_saving_an_unchanged_file_does_not_ask(qtbot, tmp_path, monkeypatch):
    bank = tmp_path / "b.yaml"
    bank.write_text(BANK)
    w = open_window(qtbot, bank)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: pytest.fail(f"asked: {box.text()}"))
    for prompt in ("Mine", "Mine again"):
        replace_yaml(qtbot, w, "q1", f"  - id: q1\n    type: true_false\n    prompt: {prompt}\n"
                     "    answer: true")
        qtbot.waitUntil(lambda p=prompt: f"prompt: {p}\n" in w.doc.text)
        qtbot.keyClick(w, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        assert f"prompt: {prompt}\n" in bank.read_text()
