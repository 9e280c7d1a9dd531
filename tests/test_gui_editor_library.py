"""The bank editor from the main window: Edit on a bank in the library, File > New bank."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from quizapp.gui.editor import EditorWindow
from quizapp.gui.main_window import MainWindow

SMALL = """\
# my comment
title: Small bank
id: small
questions:
  - id: sky
    type: true_false
    prompt: The sky is blue.
    answer: true
"""


@pytest.fixture(autouse=True)
def _leave_without_saving(monkeypatch):
    monkeypatch.setattr(EditorWindow, "ask_to_save", lambda self: QMessageBox.StandardButton.Discard)


@pytest.fixture
def win(open_library_window, tmp_path):
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "small.yaml").write_text(SMALL, encoding="utf-8")
    return open_library_window(folder)


def _select(win, title: str) -> None:
    tree = win.library_screen.tree
    for i in range(tree.topLevelItemCount()):
        if tree.topLevelItem(i).text(0) == title:
            tree.setCurrentItem(tree.topLevelItem(i))
            return
    raise AssertionError(f"no bank {title!r} in the library")


def test_edit_opens_the_selected_bank_and_saving_updates_the_library(qtbot, win, tmp_path):
    _select(win, "Small bank")
    assert win.library_screen.edit_button.isEnabled()
    qtbot.mouseClick(win.library_screen.edit_button, Qt.MouseButton.LeftButton)
    editor = win.editors[-1]
    assert not editor.read_only
    editor.select_row(0)
    title = editor.form.fields[("title",)]
    title.setFocus()
    qtbot.keyClick(title, Qt.Key.Key_End)
    qtbot.keyClicks(title, " (edited)")
    with qtbot.waitSignal(win.context.library.library_loaded, timeout=30000):
        assert editor.save()
    text = (tmp_path / "banks" / "small.yaml").read_text("utf-8")
    assert text == SMALL.replace("Small bank", "Small bank (edited)")
    _select(win, "Small bank (edited)")


def test_a_bundled_bank_opens_read_only_and_its_copy_joins_the_library(qtbot, win, tmp_path):
    entry = next(e for e in win.context.library.entries if e.bundled and e.bank is not None)
    _select(win, entry.bank.title)
    qtbot.mouseClick(win.library_screen.edit_button, Qt.MouseButton.LeftButton)
    editor = win.editors[-1]
    assert editor.read_only and editor.read_only_bar.isVisibleTo(editor)
    with qtbot.waitSignal(win.context.library.library_loaded, timeout=30000):
        qtbot.mouseClick(editor.copy_button, Qt.MouseButton.LeftButton)
    copy = tmp_path / "data" / "banks" / Path(entry.path).name
    assert copy.read_bytes() == Path(entry.path).read_bytes()
    assert any(Path(e.path) == copy for e in win.context.library.entries)
    assert not editor.read_only


def test_file_new_bank_writes_a_valid_bank_and_opens_it(qtbot, win, tmp_path, monkeypatch):
    target = tmp_path / "data" / "banks" / "fresh.yaml"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    with qtbot.waitSignal(win.context.library.library_loaded, timeout=30000):
        win.new_bank_action.trigger()
    editor = win.editors[-1]
    assert editor.doc.path == str(target) and len(editor.doc) == 1
    assert any(Path(e.path) == target and e.bank is not None for e in win.context.library.entries)


def test_a_draft_left_by_a_crash_is_offered_at_the_next_start(qtbot, win, tmp_path, monkeypatch):
    from quizapp.authoring.drafts import list_drafts, save_draft

    bank = tmp_path / "banks" / "small.yaml"
    save_draft(win.drafts_dir(), str(bank), SMALL.replace("The sky is blue.", "Recovered words"))
    monkeypatch.setattr(MainWindow, "ask_about_draft", lambda self, name: QMessageBox.StandardButton.Open)
    (editor,) = win.offer_drafts()
    assert editor.doc.path == str(bank) and "prompt: Recovered words" in editor.doc.text
    assert not editor.undo_stack.isClean()  # shown as unsaved
    assert editor.save()
    assert "Recovered words" in bank.read_text("utf-8")
    assert list_drafts(win.drafts_dir()) == []


def test_edit_on_a_named_pipe_says_why_it_cannot_open_instead_of_freezing(
        qtbot, open_library_window, tmp_path, monkeypatch):
    import os

    folder = tmp_path / "banks"
    folder.mkdir()
    os.mkfifo(folder / "fifo.yaml")  # nothing will ever write into it: a read would wait forever
    win = open_library_window(folder)
    tree = win.library_screen.tree
    row = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
               if "fifo" in tree.topLevelItem(i).text(0))
    tree.setCurrentItem(row)
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, title, text, *a: warned.append(text))
    qtbot.mouseClick(win.library_screen.edit_button, Qt.MouseButton.LeftButton)
    assert warned and "not a regular file" in warned[0]
    assert win.editors == []


def test_edit_twice_on_one_bank_raises_its_editor_instead_of_opening_a_second(qtbot, win):
    _select(win, "Small bank")
    qtbot.mouseClick(win.library_screen.edit_button, Qt.MouseButton.LeftButton)
    first = win.editors[-1]
    qtbot.mouseClick(win.library_screen.edit_button, Qt.MouseButton.LeftButton)
    assert win.editors == [first]


def test_the_editor_opens_at_the_windows_zoom_and_its_zoom_keys_work(qtbot, win):
    """Zoomed with Ctrl+= twice, the library's Alt+D opened the editor at 100%, with the
    thin platform outline round the focused field instead of the app's ring, and Ctrl+=
    there did nothing: the window's stylesheet (text size, focus ring) was not the
    editor's, a window of its own."""
    from quizapp.gui.theme import ZOOM_STEPS

    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    _select(win, "Small bank")
    tree = win.library_screen.tree
    tree.setFocus()
    plain = tree.font().pointSizeF()
    for _ in range(2):
        qtbot.keyClick(tree, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    zoomed = win.appearance.text_point_size()
    assert win.appearance.zoom == ZOOM_STEPS[ZOOM_STEPS.index(1.0) + 2] and zoomed > plain
    qtbot.keyClick(tree, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)  # "Edit"
    qtbot.waitUntil(lambda: bool(win.editors))
    editor = win.editors[-1]
    qtbot.waitUntil(editor.isActiveWindow)
    questions = editor.question_list
    assert questions.font().pointSizeF() == pytest.approx(zoomed, abs=0.1)
    assert editor.styleSheet() == win.styleSheet()  # the focus ring, the theme's colours
    qtbot.keyClick(questions, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    smaller = win.appearance.text_point_size()
    assert smaller < zoomed
    assert questions.font().pointSizeF() == pytest.approx(smaller, abs=0.1)
    qtbot.keyClick(questions, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert win.appearance.zoom == 1.0
    assert questions.font().pointSizeF() == pytest.approx(plain, abs=0.1)
    # Closed (and deleted), the editor no longer follows: zooming the window goes on.
    editor.close()
    qtbot.waitUntil(lambda: not win.editors)  # (the list lets go once it is destroyed)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    qtbot.keyClick(tree, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert win.appearance.zoom > 1.0


def test_a_copy_of_a_bundled_bank_is_not_told_its_id_is_taken_by_itself(qtbot, win):
    """Seen under Xvfb (polish22): Edit on the bundled tour, Save a copy to my banks; once
    the library listed the copy, the editor said "another bank has the same id 'tour':
    …/banks/tour.yaml; each bank needs its own id", naming the copy it was editing (the
    library's other banks were those other than the file first opened)."""
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    _select(win, "Tour: how quizapp banks work")
    qtbot.keyClick(win.library_screen.tree, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: bool(win.editors))
    editor = win.editors[-1]
    assert editor.read_only
    qtbot.waitUntil(lambda: editor.focusWidget() is editor.copy_button)
    with qtbot.waitSignal(win.context.library.library_loaded, timeout=30000):
        qtbot.keyClick(editor.copy_button, Qt.Key.Key_Return)
    assert not editor.read_only
    copy = editor.doc.path
    assert any(entry.path == copy for entry in win.context.library.entries)
    editor.select_row(0)  # the teacher makes it theirs: a word more in its title
    title = editor.form.fields[("title",)]
    title.setFocus()
    qtbot.keyClick(title, Qt.Key.Key_End)
    with qtbot.waitSignal(editor.checker.checked, timeout=10000):
        qtbot.keyClicks(title, " (mine)")
    assert [p.message for p in editor.problems if "same id" in p.message] == []
