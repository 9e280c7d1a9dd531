"""The bank editor, driven through its widgets like a teacher would."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from quizapp.authoring.document import BankDocument
from quizapp.authoring.templates import new_bank_text
from quizapp.core.loader import load_bank
from quizapp.gui.editor import EditorWindow

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "question_banks" / "us-japan-auto-talks-1995.yaml"


@pytest.fixture(autouse=True)
def _leave_without_saving(monkeypatch):
    """Closing a window with changes asks; at the end of a test the answer is Discard."""
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(EditorWindow, "ask_to_save", lambda self: QMessageBox.StandardButton.Discard)


def activate(qtbot, window: EditorWindow) -> None:
    """Show the window and make it active, so its shortcuts (Ctrl+S, Alt+Up...) work."""
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def field(window: EditorWindow, *path: str):
    return window.form.fields[tuple(path)]


def type_into(qtbot, widget, text: str) -> None:
    """Replace a field's text by typing, as a teacher would (lines end with Enter)."""
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    for number, line in enumerate(text.split("\n")):
        if number:
            qtbot.keyClick(widget, Qt.Key.Key_Return)
        qtbot.keyClicks(widget, line)


def add(qtbot, window: EditorWindow, kind: str) -> None:
    window.type_choice.setFocus()
    index = window.type_choice.findText(kind)
    while window.type_choice.currentIndex() != index:
        key = Qt.Key.Key_Down if window.type_choice.currentIndex() < index else Qt.Key.Key_Up
        qtbot.keyClick(window.type_choice, key)
    before = len(window.doc)
    qtbot.mouseClick(window.add_button, Qt.MouseButton.LeftButton)
    assert len(window.doc) == before + 1
    assert window.form.kind == kind


def choose(qtbot, combo, text: str) -> None:
    combo.setFocus()
    index = combo.findText(text)
    while combo.currentIndex() != index:
        key = Qt.Key.Key_Down if combo.currentIndex() < index else Qt.Key.Key_Up
        qtbot.keyClick(combo, key)


@pytest.fixture
def new_window(qtbot, tmp_path):
    doc = BankDocument.from_text(new_bank_text(), str(tmp_path / "mine.yaml"))
    window = EditorWindow(doc, my_banks_dir=tmp_path / "my-banks")
    qtbot.addWidget(window)
    activate(qtbot, window)
    return window


def test_a_bank_of_all_nine_types_written_through_the_widgets(qtbot, new_window, tmp_path):
    w = new_window
    w.question_list.setCurrentRow(0)
    type_into(qtbot, field(w, "title"), "My own bank")
    type_into(qtbot, field(w, "description"), "Written in the editor.")

    add(qtbot, w, "multiple_choice")
    type_into(qtbot, field(w, "id"), "capital")
    type_into(qtbot, field(w, "prompt"), "Capital of Japan?")
    type_into(qtbot, field(w, "choices"), "Tokyo\nOsaka // Osaka is a big city, not the capital.")
    type_into(qtbot, field(w, "answer"), "Tokyo")
    type_into(qtbot, field(w, "tags"), "places, japan")
    type_into(qtbot, field(w, "source", "paragraph"), "3")
    type_into(qtbot, field(w, "source", "quote"), "Tokyo, the capital")
    type_into(qtbot, field(w, "image"), "tokyo.png")
    type_into(qtbot, field(w, "image_description"), "A map of Japan, Tokyo marked [red].")

    add(qtbot, w, "multiple_select")
    type_into(qtbot, field(w, "id"), "officials")
    type_into(qtbot, field(w, "choices"), "Kantor\nBrown\nSmith")
    type_into(qtbot, field(w, "answers"), "Kantor\nBrown")
    qtbot.mouseClick(field(w, "shuffle"), Qt.MouseButton.LeftButton, pos=field(w, "shuffle").rect().bottomLeft() + type(field(w, "shuffle").rect().center())(4, -4))
    type_into(qtbot, field(w, "points"), "2")

    add(qtbot, w, "true_false")
    type_into(qtbot, field(w, "id"), "sanctions")
    choose(qtbot, field(w, "answer"), "false")

    add(qtbot, w, "short_answer")
    type_into(qtbot, field(w, "id"), "minister")
    type_into(qtbot, field(w, "answers"), "Ryutaro Hashimoto\nHashimoto")
    type_into(qtbot, field(w, "grading", "max_typos"), "1")
    choose(qtbot, field(w, "grading", "case_sensitive"), "true")

    add(qtbot, w, "numeric")
    type_into(qtbot, field(w, "id"), "deficit")
    type_into(qtbot, field(w, "answer"), "60")
    type_into(qtbot, field(w, "tolerance"), "0.5")
    type_into(qtbot, field(w, "unit"), "billion dollars")

    add(qtbot, w, "matching")
    type_into(qtbot, field(w, "id"), "roles")
    type_into(qtbot, field(w, "pairs"), "Kantor => Trade Representative\nBrown => Commerce Secretary")

    add(qtbot, w, "ordering")
    type_into(qtbot, field(w, "id"), "week")
    type_into(qtbot, field(w, "items"), "Tokyo talks\nGeneva talks\nDeadline")

    add(qtbot, w, "cloze")
    type_into(qtbot, field(w, "id"), "blanks")
    type_into(qtbot, field(w, "text"), "Japan's makers {{renew|extend}} plans.")

    add(qtbot, w, "flashcard")
    type_into(qtbot, field(w, "id"), "card")
    type_into(qtbot, field(w, "front"), "Kantor")
    type_into(qtbot, field(w, "back"), "U.S. Trade Representative")
    type_into(qtbot, field(w, "explanation"), "He leads the talks.")

    w.question_list.setCurrentRow(1)  # the starter question goes
    qtbot.mouseClick(w.delete_button, Qt.MouseButton.LeftButton)
    w.question_list.setFocus()
    qtbot.keyClick(w.question_list, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    path = tmp_path / "mine.yaml"
    assert path.exists() and w.undo_stack.isClean()

    result = load_bank(path, use_cache=False)
    assert result.bank is not None, [p.format() for p in result.problems]
    bank = result.bank
    assert bank.title == "My own bank" and bank.description == "Written in the editor."
    assert [q.id for q in bank.questions] == [
        "capital", "officials", "sanctions", "minister", "deficit", "roles", "week", "blanks", "card"]
    q = {question.id: question for question in bank.questions}
    assert [c.text for c in q["capital"].choices] == ["Tokyo", "Osaka"]
    assert q["capital"].choices[1].feedback == "Osaka is a big city, not the capital."
    assert q["capital"].answer == "Tokyo" and q["capital"].tags == ("places", "japan")
    assert q["capital"].source == "paragraph 3" and q["capital"].quotes == ("Tokyo, the capital",)
    assert q["capital"].image == "tokyo.png"
    assert q["capital"].image_description == "A map of Japan, Tokyo marked [red]."
    assert q["officials"].answers == ("Kantor", "Brown") and q["officials"].points == 2
    assert q["officials"].shuffle is False
    assert q["sanctions"].answer is False
    assert [a for a in q["minister"].answers][:2] == ["Ryutaro Hashimoto", "Hashimoto"]
    assert q["minister"].policy.max_typos == 1 and q["minister"].policy.case_sensitive is True
    assert (q["deficit"].answer, q["deficit"].tolerance, q["deficit"].unit) == (60, 0.5, "billion dollars")
    assert q["roles"].pairs == (("Kantor", "Trade Representative"), ("Brown", "Commerce Secretary"))
    assert q["week"].items == ("Tokyo talks", "Geneva talks", "Deadline")
    assert q["blanks"].blanks == (("renew", "extend"),)
    assert (q["card"].front, q["card"].back, q["card"].explanation) == (
        "Kantor", "U.S. Trade Representative", "He leads the talks.")


def test_editing_one_field_of_the_article_bank_changes_only_that_line(qtbot, tmp_path):
    bank = tmp_path / ARTICLE.name
    shutil.copy(ARTICLE, bank)
    before = bank.read_text("utf-8")
    w = EditorWindow.open_file(bank)
    qtbot.addWidget(w)
    activate(qtbot, w)
    w.select_question(w.doc.ids().index("deficit-amount"))
    type_into(qtbot, field(w, "prompt"), "How large was the deficit, in billions of dollars?")
    w.question_list.setFocus()
    qtbot.keyClick(w.question_list, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    after = bank.read_text("utf-8")
    diff = [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert len(diff) == 2 and diff[1] == "+    prompt: How large was the deficit, in billions of dollars?", diff
    assert diff[0].startswith("-    prompt: ")
    question = load_bank(bank, use_cache=False).bank.question("deficit-amount")
    assert question.prompt == "How large was the deficit, in billions of dollars?"


def test_undo_of_each_kind_of_edit_in_the_window_restores_the_bytes(qtbot, tmp_path):
    bank = tmp_path / ARTICLE.name
    shutil.copy(ARTICLE, bank)
    original = bank.read_bytes()
    w = EditorWindow.open_file(bank)
    qtbot.addWidget(w)
    activate(qtbot, w)
    w.select_question(2)

    def undo_restores(action) -> None:
        before = w.doc.data()
        action()
        assert w.doc.data() != before
        qtbot.keyClick(w.question_list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert w.doc.data() == before
        qtbot.keyClick(w.question_list, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
        assert w.doc.data() != before
        qtbot.keyClick(w.question_list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert w.doc.data() == before

    undo_restores(lambda: type_into(qtbot, field(w, "prompt"), "A new prompt"))
    undo_restores(lambda: type_into(qtbot, field(w, "explanation"), "Two\nlines"))
    undo_restores(lambda: type_into(qtbot, field(w, "tags"), "x, y"))
    undo_restores(lambda: type_into(qtbot, field(w, "source", "quote"), "words"))
    undo_restores(lambda: qtbot.mouseClick(w.add_button, Qt.MouseButton.LeftButton))
    undo_restores(lambda: qtbot.mouseClick(w.duplicate_button, Qt.MouseButton.LeftButton))
    undo_restores(lambda: qtbot.mouseClick(w.delete_button, Qt.MouseButton.LeftButton))
    w.question_list.setFocus()
    undo_restores(lambda: qtbot.keyClick(w.question_list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier))
    undo_restores(lambda: qtbot.keyClick(w.question_list, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier))
    w.tabs.setCurrentIndex(1)
    undo_restores(lambda: (type_into(qtbot, w.yaml_edit, "# a comment\n" + w.yaml_edit.toPlainText()),
                           qtbot.waitUntil(lambda: "# a comment" in w.doc.text)))
    w.question_list.setCurrentRow(0)
    undo_restores(lambda: type_into(qtbot, field(w, "title"), "Another title"))
    assert w.doc.data() == original
    assert w.undo_stack.isClean()


def test_the_form_and_the_yaml_tab_follow_each_other(qtbot, new_window):
    w = new_window
    w.select_question(0)
    type_into(qtbot, field(w, "prompt"), "Typed in the form")
    assert "prompt: Typed in the form" in w.yaml_edit.toPlainText()
    text = w.yaml_edit.toPlainText().replace("Typed in the form", "Typed in YAML")
    w.tabs.setCurrentIndex(1)
    type_into(qtbot, w.yaml_edit, text)
    qtbot.waitUntil(lambda: "prompt: Typed in YAML" in w.doc.text)
    assert field(w, "prompt").toPlainText() == "Typed in YAML"
    assert "prompt: Typed in YAML" in w.doc.text


def test_moving_with_alt_arrows(qtbot, tmp_path):
    bank = tmp_path / ARTICLE.name
    shutil.copy(ARTICLE, bank)
    w = EditorWindow.open_file(bank)
    qtbot.addWidget(w)
    activate(qtbot, w)
    ids = w.doc.ids()
    w.select_question(1)
    w.question_list.setFocus()
    qtbot.keyClick(w.question_list, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert w.doc.ids()[:3] == [ids[0], ids[2], ids[1]]
    assert w.current_index() == 2
    qtbot.keyClick(w.question_list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert w.doc.ids() == ids


def test_a_bundled_bank_opens_read_only_and_a_copy_can_be_edited(qtbot, tmp_path):
    w = EditorWindow.open_file(ARTICLE, read_only=True, my_banks_dir=tmp_path / "my-banks")
    qtbot.addWidget(w)
    activate(qtbot, w)
    assert not w.form.isEnabled() and w.yaml_edit.isReadOnly()
    qtbot.mouseClick(w.add_button, Qt.MouseButton.LeftButton)
    assert w.doc.data() == ARTICLE.read_bytes()
    with qtbot.waitSignal(w.saved) as saved:
        qtbot.mouseClick(w.copy_button, Qt.MouseButton.LeftButton)
    copy = Path(saved.args[0])
    assert copy.parent == tmp_path / "my-banks" and copy.read_bytes() == ARTICLE.read_bytes()
    assert w.form.isEnabled()
    type_into(qtbot, field(w, "prompt"), "Mine now")
    w.question_list.setFocus()
    qtbot.keyClick(w.question_list, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "prompt: Mine now" in copy.read_text("utf-8")
    assert ARTICLE.read_bytes() != copy.read_bytes()


def test_problems_are_listed_with_line_and_column_and_the_field_is_marked(qtbot, new_window):
    w = new_window
    w.select_question(0)
    type_into(qtbot, field(w, "answer"), "Not a choice")
    with qtbot.waitSignal(w.checker.checked, timeout=5000):
        pass
    texts = [w.problem_list.item(i).text() for i in range(w.problem_list.count())]
    assert any("line 9, column" in t and "is not one of the choices" in t for t in texts), texts
    assert field(w, "answer").property("problem") is True
    assert not field(w, "prompt").property("problem")
    type_into(qtbot, field(w, "answer"), "Right answer")
    qtbot.waitUntil(lambda: w.problem_list.item(0).text().startswith("No problems"), timeout=5000)
    assert not field(w, "answer").property("problem")


def test_preview_shows_the_real_widget_and_grades_like_quizapp_try(qtbot, tmp_path):
    from quizapp.gui.question_widgets import MultipleChoiceWidget, ShortAnswerWidget

    bank = tmp_path / ARTICLE.name
    shutil.copy(ARTICLE, bank)
    w = EditorWindow.open_file(bank)
    qtbot.addWidget(w)
    activate(qtbot, w)
    w.select_question(w.doc.ids().index("hashimoto-name"))
    qtbot.keyClick(w.tabs, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    assert w.tabs.currentWidget() is w.preview
    qtbot.waitUntil(lambda: isinstance(w.preview.widget, ShortAnswerWidget))
    qtbot.keyClicks(w.preview.try_edit, "Hashimoto Ryutaru")
    qtbot.keyClick(w.preview.try_edit, Qt.Key.Key_Return)
    assert w.preview.result.text().startswith("Right, credit 1.00")
    assert "check the spelling" in w.preview.result.text()
    w.preview.try_edit.clear()
    qtbot.keyClicks(w.preview.try_edit, "Kantor")
    qtbot.mouseClick(w.preview.try_button, Qt.MouseButton.LeftButton)
    assert w.preview.result.text().startswith("Wrong, credit 0.00")

    w.select_question(w.doc.ids().index("kantor-role"))
    qtbot.waitUntil(lambda: isinstance(w.preview.widget, MultipleChoiceWidget))
    right = [c.text for c in w.preview.question.choices].index("U.S. Trade Representative")
    w.preview.widget.setFocus()
    qtbot.keyClick(w.preview.widget, getattr(Qt.Key, f"Key_{right + 1}"))
    qtbot.mouseClick(w.preview.grade_button, Qt.MouseButton.LeftButton)
    assert w.preview.result.text().startswith("Right, credit 1.00")


ARTICLE_TEXT = """AUTOS : Talks Go On

From Reuters

Negotiators hope for a breakthrough this week.

Kantor will meet Hashimoto on Wednesday. It is the third meeting.
"""


def test_a_question_from_a_selection_in_the_article(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from quizapp.core.loader import load_bank_text

    (tmp_path / "talks.txt").write_text(ARTICLE_TEXT, encoding="utf-8")
    doc = BankDocument.from_text(new_bank_text(), str(tmp_path / "mine.yaml"))
    w = EditorWindow(doc)
    qtbot.addWidget(w)
    activate(qtbot, w)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(tmp_path / "talks.txt"), ""))
    w.question_list.setFocus()
    qtbot.keyClick(w.question_list, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert w.article_dock.isVisible()
    assert w.article.view.toPlainText().startswith("[1] Negotiators hope")
    assert w.doc.header()["source"] == {"file": "talks.txt"}  # the bank names its article
    assert w.article.strip.item(1).text().startswith("¶2 · 0 questions")

    assert w.article.select_words("meet Hashimoto on Wednesday")
    choose(qtbot, w.type_choice, "short_answer")
    w.question_list.setFocus()
    qtbot.keyClick(w.question_list, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    question = w.doc.question(w.current_index())
    assert question["type"] == "short_answer"
    assert question["source"] == {"paragraph": 2, "quote": "meet Hashimoto on Wednesday"}
    assert w.article.strip.item(1).text().startswith("¶2 · 1 question ")

    result = load_bank_text(w.doc.text, str(tmp_path / "mine.yaml"))
    assert result.bank is not None, [p.format() for p in result.problems]  # the quote is found
    type_into(qtbot, field(w, "source", "quote"), "meet Hashimoto on Thursday")
    problems = load_bank_text(w.doc.text, str(tmp_path / "mine.yaml")).problems
    assert any("cannot be found in the source text 'talks.txt'" in p.message for p in problems)


def test_unsaved_work_is_kept_as_a_draft_until_saved(qtbot, tmp_path):
    from quizapp.authoring.drafts import list_drafts

    bank = tmp_path / "mine.yaml"
    bank.write_text(new_bank_text(), encoding="utf-8")
    drafts = tmp_path / "data" / "drafts"
    w = EditorWindow.open_file(bank, drafts_dir=drafts)
    qtbot.addWidget(w)
    activate(qtbot, w)
    type_into(qtbot, field(w, "prompt"), "Not saved yet")
    qtbot.waitUntil(lambda: bool(list_drafts(drafts)), timeout=5000)
    (draft,) = list_drafts(drafts)
    assert draft.bank_path == str(bank) and "prompt: Not saved yet" in draft.text
    assert "Not saved yet" not in bank.read_text("utf-8")
    w.question_list.setFocus()
    qtbot.keyClick(w.question_list, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert list_drafts(drafts) == []
    assert "prompt: Not saved yet" in bank.read_text("utf-8")


def test_a_file_changed_on_disk_is_noticed_with_reload_or_keep(qtbot, tmp_path, monkeypatch):
    bank = tmp_path / "mine.yaml"
    bank.write_text(new_bank_text(), encoding="utf-8")
    w = EditorWindow.open_file(bank)
    qtbot.addWidget(w)
    activate(qtbot, w)
    mine = w.doc.text
    theirs = mine.replace("title: New bank", "title: Changed elsewhere")
    bank.write_text(theirs, encoding="utf-8")
    qtbot.waitUntil(w.disk_bar.isVisible, timeout=5000)
    qtbot.mouseClick(w.reload_button, Qt.MouseButton.LeftButton)
    assert w.doc.text == theirs and not w.disk_bar.isVisible() and w.undo_stack.isClean()
    w.undo_action.trigger()  # Edit > Undo
    assert w.doc.text == mine  # reloading is one undoable step
    w.redo_action.trigger()  # Edit > Redo

    type_into(qtbot, field(w, "prompt"), "My version")
    bank.write_text(theirs.replace("Changed elsewhere", "Changed again"), encoding="utf-8")
    qtbot.waitUntil(w.disk_bar.isVisible, timeout=5000)
    qtbot.mouseClick(w.keep_button, Qt.MouseButton.LeftButton)
    assert not w.disk_bar.isVisible()
    # Saving over their change asks first (Overwrite); our own save must not raise the
    # bar, though the watcher reports it too.
    monkeypatch.setattr(QMessageBox, "exec", lambda box: next(
        b for b in box.buttons() if b.text() == "&Overwrite").click())
    with qtbot.waitSignal(w.disk_guard.watcher.fileChanged, timeout=5000):
        assert w.save()
    assert "prompt: My version" in bank.read_text("utf-8")
    assert not w.disk_bar.isVisible()


def test_a_question_dragged_in_the_list_moves_in_the_file(qtbot, tmp_path):
    bank = tmp_path / ARTICLE.name
    shutil.copy(ARTICLE, bank)
    w = EditorWindow.open_file(bank)
    qtbot.addWidget(w)
    activate(qtbot, w)
    ids = w.doc.ids()
    before = w.doc.data()
    # What QListWidget's InternalMove does on a drop: row 1 (the first question)
    # dropped before row 4.
    model = w.question_list.model()
    assert model.moveRow(model.index(0, 0).parent(), 1, model.index(0, 0).parent(), 4)
    qtbot.waitUntil(lambda: w.doc.ids()[:3] == [ids[1], ids[2], ids[0]])
    assert [w.question_list.item(i + 1).text().split(" · ")[0] for i in range(3)] == [ids[1], ids[2], ids[0]]
    assert w.current_index() == 2
    w.undo_action.trigger()  # Edit > Undo
    assert w.doc.data() == before


def test_preview_grades_an_untouched_ordering_as_written(qtbot, tmp_path):
    # The preview shows the items in the written order, the right one: an author who
    # presses Grade without moving one grades that order (a learner's untouched order is
    # no answer, but the author is checking the question).
    from quizapp.gui.question_widgets.ordering import OrderingWidget

    bank = tmp_path / "order.yaml"
    bank.write_text(
        "title: Order\nquestions:\n  - id: steps\n    type: ordering\n"
        "    prompt: Put the events in order.\n    items: [talks start, deadline, sanctions]\n",
        encoding="utf-8",
    )
    w = EditorWindow.open_file(bank)
    qtbot.addWidget(w)
    activate(qtbot, w)
    w.select_question(0)
    qtbot.keyClick(w.tabs, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(w.preview.widget, OrderingWidget))
    qtbot.mouseClick(w.preview.grade_button, Qt.MouseButton.LeftButton)
    assert w.preview.result.text().startswith("Right, credit 1.00")
